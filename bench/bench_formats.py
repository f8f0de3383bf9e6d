"""Throughput of the format readers on the committed seed fixtures, one core.

- PDF: ingestion only (text layer + layout) and full extraction (ingestion + every
  stage), in pages/s, pypdfium2 and pdfplumber side by side;
- DOCX and DOC: ingestion and full extraction, in documents/s.

    python bench/bench_formats.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from cpuclock import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.ingest import read_file  # noqa: E402
from extractor.pipeline import Options, extract_file  # noqa: E402
from extractor.rules import load_rules  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "seeds"


def _rate(files: list[Path], work, repeat: int, unit) -> tuple[float, float]:
    """(best, median) rate over ``repeat`` passes of all files: the best pass is the one
    least disturbed by the machine (timeit's rule), the median shows the spread."""
    for f in files:  # warm-up: imports, compiled rules
        work(f)
    rates = []
    for _ in range(repeat):
        done = 0.0
        t0 = cpu_seconds()
        for f in files:
            done += unit(work(f))
        rates.append(done / (cpu_seconds() - t0))
    return max(rates), statistics.median(rates)


def _show(best_median: tuple[float, float]) -> str:
    return f"{best_median[0]:7.1f} (median {best_median[1]:6.1f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    rules = load_rules()
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    n_pages = sum(read_file(p).n_pages for p in pdfs)
    print(f"fixtures: {len(pdfs)} PDFs ({n_pages} pages), repeat {args.repeat}")
    for engine in ("pypdfium2", "pdfplumber"):
        opts = Options(pdf_engine=engine)
        ingest = _rate(pdfs, lambda p, e=engine: read_file(p, pdf_engine=e), args.repeat, lambda r: r.n_pages)
        full = _rate(pdfs, lambda p, o=opts: extract_file(p, rules=rules, options=o), args.repeat,
                     lambda r: r.info.n_pages)
        print(f"pdf {engine:<11} ingest {_show(ingest)} pages/s   full extraction {_show(full)} pages/s per core")
    for suffix in ("docx", "doc"):
        files = sorted(FIXTURES.glob(f"*.{suffix}"))
        ingest = _rate(files, read_file, args.repeat, lambda r: 1)
        full = _rate(files, lambda p: extract_file(p, rules=rules), args.repeat, lambda r: 1)
        print(f"{suffix:<15} ingest {_show(ingest)} docs/s    full extraction {_show(full)} docs/s per core")


if __name__ == "__main__":
    main()
