"""Citations linked to the archive's own documents (archive/links.py): issue #12's acceptance
archive — one plan cited correctly by one report and with a wrong date by another, and a
different plan of the same number under another issuer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.archive.batch import run

FIXTURE = Path(__file__).parent / "fixtures" / "archive_links"


def _rows(out: Path, table: str) -> list[dict]:
    return [json.loads(line) for line in (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("links")
    run([FIXTURE], out, formats=("jsonl",), workers=1, progress=False)
    return out


def test_every_numbered_document_has_its_canonical(out):
    docs = {r["doc_id"]: r["canonical"] for r in _rows(out, "documents")}
    assert docs == {"bao-cao/dung.txt": "12/BC-UBND", "bao-cao/sai-ngay.txt": "18/BC-UBND",
                    "ke-hoach/214-xa.txt": "214/KH-UBND", "ke-hoach/214.txt": "214/KH-UBND"}


def test_the_right_citations_link_to_the_plan_and_the_other_does_not(out):
    cits = [(r["doc_id"], r["date"], r["target_doc_id"]) for r in _rows(out, "citations")]
    assert cits == [("bao-cao/dung.txt", "2024-04-04", "ke-hoach/214.txt"),
                    ("bao-cao/sai-ngay.txt", "2024-04-03", "ke-hoach/214.txt"),
                    ("bao-cao/sai-ngay.txt", "2024-03-20", None)]  # the province's 214: not in the archive
    assert all(t != "ke-hoach/214-xa.txt" for _, _, t in cits)  # same number, another issuer


def test_the_wrong_date_is_an_archive_mismatch(out):
    found = [f for f in _rows(out, "findings") if f["kind"] == "archive_mismatch"]
    assert [f["message"] for f in found] == [
        "Kế hoạch 214/KH-UBND: cited as 03/4/2024; the document in the archive (ke-hoach/214.txt) is dated 04/4/2024"]
    assert found[0]["doc_id"] == "bao-cao/sai-ngay.txt"


def test_cited_documents_has_one_row_for_the_plan_dated_by_its_header(out):
    rows = [r for r in _rows(out, "cited_documents") if r["target_doc_id"] == "ke-hoach/214.txt"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["n_citations"], row["n_citing_documents"], row["best_date"], row["date_source"]) == \
        (2, 2, "2024-04-04", "archive")  # the header outranks the citations (one says 03/4)
    assert row["relations"] == {"implements": 1, "basis": 1}
    assert (row["first_citing_date"], row["last_citing_date"]) == ("2024-06-20", "2024-06-25")
    others = [r for r in _rows(out, "cited_documents") if r["target_doc_id"] is None]
    assert [(r["canonical"], r["issuer"]) for r in others] == [("214/KH-UBND", "UBND tỉnh Quảng Ngãi")]


def test_two_archive_documents_that_fit_leave_the_citation_unlinked(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("a/1.txt", "a/2.txt"):
        (tmp_path / name).write_text((FIXTURE / "ke-hoach/214.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "r.txt").write_text((FIXTURE / "bao-cao/dung.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    run([tmp_path / "a", tmp_path / "r.txt"], out, formats=("jsonl",), workers=1, progress=False)
    assert [r["target_doc_id"] for r in _rows(out, "citations")] == [None]
