"""The HTML report at archive scale: 10,000 documents' outputs, the summary page's size.

Runs the extractor once on corpora/seeds and corpora/heldout/seeds (16 documents), then
writes an output folder of N documents made of their rows under new doc ids (folders of
100, numbered so that natural sort matters: d2 before d10), texts kept, with a cited
document table in step; then renders ``extractor report`` and prints the summary's size,
the number of per-document pages and the seconds taken (figures, not a test).

    .venv/bin/python bench/bench_report.py [--documents 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.archive.batch import run  # noqa: E402
from extractor.cli import main  # noqa: E402
from extractor.kinds import KINDS  # noqa: E402


def _rows(out: Path, table: str) -> list[dict]:
    p = out / f"{table}.jsonl"
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()] if p.exists() else []


def build(n: int, work: Path) -> Path:
    seed_out = work / "seed-out"
    run([ROOT / "corpora" / "seeds", ROOT / "corpora" / "heldout" / "seeds"], seed_out, formats=("jsonl",),
        keep_text=True, progress=False)
    tables = {t: _rows(seed_out, t) for t in KINDS}
    docs = tables["documents"]
    by_doc = {t: {} for t in KINDS}
    for t, rows in tables.items():
        for r in rows:
            by_doc[t].setdefault(r.get("doc_id"), []).append(r)
    out = work / "out"
    (out / "texts").mkdir(parents=True)
    files = {t: (out / f"{t}.jsonl").open("w", encoding="utf-8") for t in KINDS}
    for i in range(n):
        src = docs[i % len(docs)]
        new_id = f"d{i // 100 + 1}/{i % 100 + 1}-{Path(src['doc_id']).name}"
        for t in KINDS:
            if t in ("cited_documents",):
                continue
            rows = [src] if t == "documents" else by_doc[t].get(src["doc_id"], [])
            for r in rows:
                r = dict(r, doc_id=new_id)
                if t == "findings":
                    r["finding_id"] = f"{new_id}#{r.get('finding_id', '')}"
                files[t].write(json.dumps(r, ensure_ascii=False) + "\n")
        text = seed_out / "texts" / f"{src['doc_id']}.txt"
        if text.exists():
            target = out / "texts" / f"{new_id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(text, target)
    for r in tables["cited_documents"]:
        r = dict(r, n_citations=r["n_citations"] * n // len(docs))
        files["cited_documents"].write(json.dumps(r, ensure_ascii=False) + "\n")
    for fh in files.values():
        fh.close()
    return out


def main_(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temp folder)")
    args = ap.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        out = build(args.documents, work)
        page = out / "report.html"
        t0 = time.perf_counter()
        assert main(["report", str(out), "-o", str(page)]) == 0
        seconds = time.perf_counter() - t0
        n_pages = len(list((out / "report" / "docs").glob("*.html")))
        size = page.stat().st_size
        print(f"documents: {args.documents}  summary: {size / 1e6:.2f} MB (limit 5 MB)  "
              f"per-document pages: {n_pages}  report: {seconds:.1f} s")
        return 0 if size <= 5_000_000 else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main_())
