"""--format sqlite: OUT/extractor.sqlite with every table, FTS5, views; extractor query."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from extractor.archive.batch import run
from extractor.cli import main
from extractor.kinds import KINDS

FIXTURE = Path(__file__).parent / "fixtures" / "archive_links"


def _jsonl_counts(out: Path) -> dict[str, int]:
    return {t: len((out / f"{t}.jsonl").read_text(encoding="utf-8").splitlines()) for t in KINDS}


def _sql_counts(out: Path) -> dict[str, int]:
    db = sqlite3.connect(out / "extractor.sqlite")
    try:
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in KINDS}
    finally:
        db.close()


@pytest.fixture()
def archive(tmp_path) -> Path:
    src = tmp_path / "in"
    shutil.copytree(FIXTURE, src)
    return src


def test_row_counts_equal_the_jsonl_tables_and_stay_in_step(archive, tmp_path):
    out = tmp_path / "out"
    run([archive], out, formats=("jsonl", "sqlite"), workers=1, progress=False, keep_text=True)
    counts = _jsonl_counts(out)
    assert counts["citations"] == 3 and _sql_counts(out) == counts
    (archive / "bao-cao" / "dung.txt").unlink()  # an incremental re-run after a deletion
    run([archive], out, formats=("jsonl", "sqlite"), workers=1, progress=False, keep_text=True)
    counts2 = _jsonl_counts(out)
    assert counts2["documents"] == 3 and _sql_counts(out) == counts2


def test_fts_phrase_views_and_query_command(archive, tmp_path, capsys):
    out = tmp_path / "out"
    run([archive], out, formats=("sqlite",), workers=1, progress=False, keep_text=True)
    db = sqlite3.connect(out / "extractor.sqlite")
    hits = {r[0] for r in db.execute("""SELECT doc_id FROM search WHERE search MATCH '"đối thoại với Nhân dân"'""")}
    assert hits == {"ke-hoach/214-xa.txt"}
    row = db.execute("SELECT target_date, target_issuer FROM citations_with_target WHERE doc_id = 'bao-cao/dung.txt'"
                     ).fetchone()
    assert row == ("2024-04-04", "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN")
    impl = db.execute("SELECT implementer, implemented_doc_id FROM implementations").fetchall()
    assert ("bao-cao/dung.txt", "ke-hoach/214.txt") in impl
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_citations_doc_id", "ix_citations_canonical", "ix_citations_target_doc_id"} <= indexes
    db.close()
    assert main(["query", str(out), "SELECT doc_id FROM citations WHERE target_doc_id IS NULL", "--csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["doc_id", "bao-cao/sai-ngay.txt"]
    assert main(["query", str(out), "SELECT nonsense FROM nowhere"]) == 2
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert {"who_implements", "most_cited", "archive_mismatches"} <= set(meta["databases"]["extractor"]["queries"])


def test_query_without_a_database_says_so(tmp_path, capsys):
    assert main(["query", str(tmp_path), "SELECT 1"]) == 2
    assert "--format sqlite" in capsys.readouterr().err
