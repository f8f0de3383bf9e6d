"""A fuzz corpus (tests/fuzz_corpus.py, built in a temporary folder) through ``extractor run``:
every file a documents row with a clear status, no crash, bounded memory, nothing read
outside the inputs."""

from __future__ import annotations

import json
import resource

import pytest

from extractor.archive import batch
from extractor.ingest import IngestError, read_file

from .fuzz_corpus import SECRET, make_corpus, overlapping_bomb, pdf_bomb, ratio_bomb

# Peak RSS this process may gain over the run. Reading the 2.6 GB bomb (or expanding the
# billion laughs) would go far past it; the corpus itself needs well under 200 MB.
MAX_GROWTH_MB = 600


def _rows(out, table):
    path = out / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _run(tmp_path, links):
    want = make_corpus(tmp_path / "in", tmp_path / "outside", links=links)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = tmp_path / "out"
    summary = batch.run([tmp_path / "in"], out, formats=("jsonl",), workers=1, progress=False, time_limit=120)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    return want, out, summary, grown


def _check(want, out):
    docs = {d["doc_id"]: d for d in _rows(out, "documents")}
    missing = set(want) - set(docs)
    assert not missing, f"files without a documents row: {sorted(missing)}"
    for name, expect in want.items():
        row = docs[name]
        assert row["status"] in expect.statuses, (name, row["status"], row["error"])
        if row["status"] not in ("ok", "empty"):
            assert row["error"], name  # a failed file says why
        if expect.error and row["status"] not in ("ok", "empty"):
            assert expect.error in row["error"], (name, row["error"])
    for table in ("documents", "citations", "mentions", "dates"):
        for row in _rows(out, table):
            assert "999/KH-BIMAT" not in json.dumps(row, ensure_ascii=False), (table, row)
    return docs


def test_fuzz_corpus_every_file_a_row_bounded_memory(tmp_path):
    want, out, summary, grown = _run(tmp_path, links=False)
    docs = _check(want, out)
    assert summary.n_documents == len(docs)
    assert grown < MAX_GROWTH_MB, f"peak RSS grew by {grown:.0f} MB"
    assert not any(d["status"] == "timeout" for d in docs.values())
    assert SECRET  # the secret lives outside the input folder and is never an input


def test_symlinks_loops_and_escapes_are_rows_and_nothing_outside_is_read(tmp_path):
    import hashlib

    want, out, summary, _ = _run(tmp_path, links=True)
    docs = _check(want, out)
    secret_sha = hashlib.sha256((tmp_path / "outside" / "secret.txt").read_bytes()).hexdigest()
    assert all(d["sha256"] != secret_sha for d in docs.values())
    assert docs["escape.txt"]["sha256"] is None and docs["outdir"]["status"] == "skipped"
    assert not any(d.startswith(("sub/up/", "outdir/")) for d in docs)  # linked folders never walked
    assert summary.n_documents == len(docs)


@pytest.mark.parametrize("make, fragment", [(overlapping_bomb, "2.6 GB"), (ratio_bomb, "expands")])
def test_zip_bombs_are_refused_before_decompression(tmp_path, make, fragment):
    path = tmp_path / "bomb.docx"
    path.write_bytes(make())
    assert path.stat().st_size < 200_000  # kilobytes on disk
    with pytest.raises(IngestError, match="zip bomb") as err:
        read_file(path)
    assert fragment in str(err.value)


def test_pdf_decompression_bomb_is_refused_and_a_big_stream_is_not(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_bomb(640))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(IngestError, match="decompression bomb"):
        read_file(path)
    path.write_bytes(pdf_bomb(8))  # a large page, well within the bound, reads
    assert "Hello" in read_file(path).text  # and pdf_bomb's stream is valid zlib
