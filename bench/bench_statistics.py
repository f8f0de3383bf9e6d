"""Throughput of the statistics stage on the seed reports, and the share of word segmentation.

``find_statistics`` alone is timed, on the normalised text with the protected spans the
pipeline would give it (citations, dates, section markers, own number, computed before
timing). The segmentation caches are cleared before every pass, so each pass pays for its
segmentation as an unseen document would. A second run empties the counted-noun lexicon
(rules/units.yaml), so that every noun comes from segmentation: the cost of the fallback
on reports whose nouns the lexicon lacks.

    python bench/bench_statistics.py [--repeat N] [--corpus corpora/heldout/seeds]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml
from cpuclock import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.extract import statistics, units  # noqa: E402
from extractor.pipeline import Options, extract_text  # noqa: E402
from extractor.rules import default_rules_dir, load_rules  # noqa: E402


def prepared_seeds(rules, folder: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(normalised text, protected spans) of each report in ``folder``."""
    out = []
    for p in sorted(folder.iterdir()):
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
    """Wraps the segmenter functions the statistics stage calls and adds up their time."""

    NAMES = ("segment_words", "tag_words")

    def __init__(self):
        self.seconds = 0.0
        self.calls = 0
        # the unit finder (extract/units.py) is the module that calls the segmenter
        self._inner = {name: getattr(units, name) for name in self.NAMES}

    def install(self) -> None:
        for name, fn in self._inner.items():
            setattr(units, name, self._timed(fn))

    def uninstall(self) -> None:
        for name, fn in self._inner.items():
            setattr(units, name, fn)

    def _timed(self, fn):
        def wrapper(*args, **kwargs):
            t0 = cpu_seconds()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += cpu_seconds() - t0
                self.calls += 1
        return wrapper


def run(docs, rules, repeat: int) -> tuple[float, float, int, int]:
    """(kchar/s, share of time in segmentation, statistics per pass, segmenter calls per pass)."""
    for text, spans in docs:  # warm-up: compile rules
        statistics.find_statistics(text, rules, spans)
    timer = SegmentationTimer()
    timer.install()
    chars = found = 0
    elapsed = 0.0
    try:
        for _ in range(repeat):
            statistics.clear_cache()
            t0 = cpu_seconds()
            for text, spans in docs:
                found += len(statistics.find_statistics(text, rules, spans))
                chars += len(text)
            elapsed += cpu_seconds() - t0
    finally:
        timer.uninstall()
    return chars / 1000 / elapsed, timer.seconds / elapsed, found // repeat, timer.calls // repeat


def rules_without_lexicon(tmp: Path):
    """The default rules with an empty counted-noun lexicon: every noun comes from segmentation."""
    data = yaml.safe_load((default_rules_dir() / "units.yaml").read_text(encoding="utf-8"))
    data["counted_nouns"] = []
    (tmp / "units.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_rules(tmp)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "seeds",
                    help="folder of .txt/.md reports (corpora/heldout/seeds: text the lexicon was not written for)")
    args = ap.parse_args()
    rules = load_rules()
    docs = prepared_seeds(rules, args.corpus)
    units.tag_words("5 giáo viên")  # load the segmenter's models once, outside the timing
    total = sum(len(t) for t, _ in docs)
    print(f"{args.corpus}: {len(docs)} documents, {total / 1000:.0f} kchar; repeat {args.repeat}; "
          "segmentation caches cleared each pass")
    with tempfile.TemporaryDirectory() as tmp:
        for name, r in (("statistics", rules), ("no lexicon", rules_without_lexicon(Path(tmp)))):
            rate, share, found, calls = run(docs, r, args.repeat)
            print(f"{name:<11} {rate:9,.0f} kchar/s per core  {share:6.1%} of it in segmentation  "
                  f"({found} statistics, {calls} segmenter calls per pass)")


if __name__ == "__main__":
    main()
