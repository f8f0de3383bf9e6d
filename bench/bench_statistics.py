"""Throughput of the statistics stage on the seed reports, and the share of word segmentation.

``find_statistics`` alone is timed, on the normalised text with the protected spans the
pipeline would give it (citations, dates, section markers, own number, computed before
timing). The segmentation cache is cleared before every pass, so each pass pays for its
segmentation as an unseen document would.

    python bench/bench_statistics.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import segment, statistics  # noqa: E402
from extractor.pipeline import Options, extract_text  # noqa: E402
from extractor.rules import load_rules  # noqa: E402


def prepared_seeds(rules) -> list[tuple[str, list[tuple[int, int]]]]:
    """(normalised text, protected spans) of each seed."""
    out = []
    for p in sorted((ROOT / "corpora" / "seeds").iterdir()):
        if not p.is_file():
            continue
        res = extract_text(p.read_text(encoding="utf-8"), p.stem, rules, Options(stages=("citations", "dates")))
        spans = [(c.start, c.end) for c in res.citations] + [(d.start, d.end) for d in res.dates]
        spans += [(s.start, s.start + len(s.marker)) for s in res.sections]
        if res.header.number_span:
            spans.append(res.header.number_span)
        out.append((res.text, sorted(spans)))
    return out


class SegmentationTimer:
    """Wraps the segmenter the statistics stage calls and adds up its time."""

    def __init__(self):
        self.seconds = 0.0
        self.calls = 0
        self._inner = statistics.tag_words

    def __call__(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return self._inner(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t0
            self.calls += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    rules = load_rules()
    docs = prepared_seeds(rules)
    for text, spans in docs:  # warm-up: compile rules, load the segmenter's model
        statistics.find_statistics(text, rules, spans)
    timer = SegmentationTimer()
    statistics.tag_words = timer
    chars = found = 0
    elapsed = 0.0
    try:
        for _ in range(args.repeat):
            segment.clear_cache()
            t0 = time.perf_counter()
            for text, spans in docs:
                found += len(statistics.find_statistics(text, rules, spans))
                chars += len(text)
            elapsed += time.perf_counter() - t0
    finally:
        statistics.tag_words = timer._inner
    total = sum(len(t) for t, _ in docs)
    print(f"seeds: {len(docs)} documents, {total / 1000:.0f} kchar; repeat {args.repeat}")
    print(f"statistics      {chars / 1000 / elapsed:9,.0f} kchar/s per core  "
          f"({found // args.repeat} statistics per pass)")
    share = timer.seconds / elapsed if elapsed else 0.0
    print(f"segmentation    {share:9.1%} of the time  "
          f"({timer.calls // args.repeat} segmented windows per pass, cache cleared each pass)")


if __name__ == "__main__":
    main()
