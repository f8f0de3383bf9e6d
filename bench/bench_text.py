"""Throughput of the text pipeline on the seed reports, in kchar/s on one core.

Two stage sets:
- foundation: normalise + header + sections + citations + dates (regex-first, no segmentation);
- full: everything (adds statistics, models, mentions, checks; statistics segments words).

    python bench/bench_text.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from cpuclock import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.pipeline import ALL_STAGES, Options, extract_text  # noqa: E402
from extractor.rules import load_rules  # noqa: E402

STAGE_SETS = {
    "foundation": ("citations", "dates"),
    "full": ALL_STAGES,
}


def seed_texts() -> list[str]:
    seeds = ROOT / "corpora" / "seeds"
    return [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.is_file()]


def measure(texts: list[str], stages: tuple[str, ...], repeat: int) -> tuple[float, float]:
    """(best, median) kchar/s over ``repeat`` passes of all texts. The best pass is the
    figure least disturbed by the machine (timeit's rule); the median shows the spread."""
    rules = load_rules()
    opts = Options(stages=stages)
    for t in texts:  # warm-up: compile rules, load models
        extract_text(t, "warm", rules, opts)
    chars = sum(map(len, texts))
    rates = []
    for _ in range(repeat):
        t0 = cpu_seconds()
        for t in texts:
            extract_text(t, "bench", rules, opts)
        rates.append(chars / 1000 / (cpu_seconds() - t0))
    return max(rates), statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    texts = seed_texts()
    total = sum(map(len, texts))
    print(f"seeds: {len(texts)} documents, {total / 1000:.0f} kchar; repeat {args.repeat}")
    for name, stages in STAGE_SETS.items():
        best, median = measure(texts, stages, args.repeat)
        print(f"{name:<11} {best:9,.0f} kchar/s per core (median {median:,.0f})"
              f"  (stages: {', '.join(stages) or 'none'})")


if __name__ == "__main__":
    main()
