"""Cost against size: CPU seconds per MB of input on a ladder of sizes, per stage.

Text kinds (each rung is cut to its size in UTF-8 bytes at a line boundary):
- ordinary: the seed reports concatenated (as often as the rung needs);
- citations: one citation sentence repeated (citation-dense: a compilation, an annex);
- line: one single line without a newline (the seeds joined by spaces);
- digits: runs of 10,000 digits separated by a word;
- slashes: long runs of ``/`` and ``-`` with a few words between them.

A linear pipeline shows a flat s/MB column. Every rung runs with the checks on and off
(the checks are their own column: extractor/check/ is measured, not changed, here).

    python bench/bench_ladder.py [--kinds ordinary,citations] [--max-mb 10] [--stages] [--repeat N]
    python bench/bench_ladder.py --acceptance   # issue #10: seeds x8 vs x60; 2 MB citation x50,000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from cpuclock import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import check, pipeline  # noqa: E402
from extractor.extract import citations, dates, initiatives, mentions, statistics  # noqa: E402
from extractor.io.records import rows_of  # noqa: E402
from extractor.pipeline import ALL_STAGES, Options, extract_text  # noqa: E402
from extractor.rules import load_rules  # noqa: E402
from extractor.structure import header, sections  # noqa: E402

CITATION = "Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh về chuyển đổi số.\n"
SHORT_CITATION = "Kế hoạch số 30/KH-UBND ngày 17/02/2023;\n"  # 42 bytes: x50,000 = 2.1 MB
RUNGS_MB = (0.01, 0.1, 0.5, 1, 2, 5, 10)

# (module, function name, label): wrapped to time each stage inside extract_text.
STAGE_FUNCS = [
    (pipeline, "normalize", "normalize"),
    (header, "parse_header", "header"),
    (sections, "find_sections", "sections"),
    (citations, "find_citations", "citations"),
    (dates, "find_dates", "dates"),
    (statistics, "find_statistics", "statistics"),
    (initiatives, "find_models", "models"),
    (mentions, "find_mentions", "mentions"),
    (check, "check_document", "checks"),
]


def seed_text() -> str:
    seeds = ROOT / "corpora" / "seeds"
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.is_file())


def unit(kind: str) -> str:
    if kind == "ordinary":
        return seed_text() + "\n\n"
    if kind == "citations":
        return CITATION
    if kind == "line":
        return " ".join(seed_text().split()) + " "
    if kind == "digits":
        return "tổng số " + "1234567890" * 1000 + " người "
    if kind == "slashes":
        return "Số " + "/" * 5000 + " và " + "-" * 5000 + " ngày 12/3/2023 "
    raise SystemExit(f"unknown kind {kind}")


def text_of(kind: str, mb: float) -> str:
    u = unit(kind)
    target = int(mb * 1_000_000)
    n = max(1, -(-target // len(u.encode("utf-8"))))
    text = u * n
    data = text.encode("utf-8")[:target]
    text = data.decode("utf-8", errors="ignore")
    if kind != "line" and "\n" in text[len(text) // 2:]:
        text = text[: text.rindex("\n") + 1]
    return text


class StageClock:
    """Wraps the stage functions; adds the CPU seconds each one takes (outermost call only)."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self._saved = []
        self._depth = 0

    def __enter__(self):
        for mod, name, label in STAGE_FUNCS:
            fn = getattr(mod, name)
            self._saved.append((mod, name, fn))
            setattr(mod, name, self._wrap(fn, label))
        return self

    def _wrap(self, fn, label):
        def timed(*a, **kw):
            if self._depth:
                return fn(*a, **kw)
            self._depth += 1
            t0 = cpu_seconds()
            try:
                return fn(*a, **kw)
            finally:
                self.seconds[label] += cpu_seconds() - t0
                self._depth -= 1
        return timed

    def __exit__(self, *exc):
        for mod, name, fn in self._saved:
            setattr(mod, name, fn)


def run_once(text: str, rules, stages: tuple[str, ...], per_stage: bool):
    clock = StageClock()
    t0 = cpu_seconds()
    if per_stage:
        with clock:
            result = extract_text(text, "ladder", rules, Options(stages=stages))
    else:
        result = extract_text(text, "ladder", rules, Options(stages=stages))
    t1 = cpu_seconds()
    n_rows = sum(1 for _ in rows_of(result))
    clock.seconds["rows"] = cpu_seconds() - t1
    return t1 - t0, result, n_rows, clock.seconds


def ladder(kinds, max_mb: float, per_stage: bool, checks: tuple[bool, ...], repeat: int = 1) -> None:
    rules = load_rules()
    extract_text(seed_text(), "warm", rules)
    no_checks = tuple(s for s in ALL_STAGES if s != "checks")
    for kind in kinds:
        print(f"\n== {kind}")
        head = f"{'MB':>6} {'chars':>10} {'records':>8} {'s':>8} {'s/MB':>7}"
        if False in checks and True in checks:
            head += f" {'s(no chk)':>9} {'s/MB':>7}"
        if per_stage:
            head += "  per stage s/MB"
        print(head)
        for mb in RUNGS_MB:
            if mb > max_mb:
                break
            text = text_of(kind, mb)
            real_mb = len(text.encode("utf-8")) / 1e6
            line = f"{real_mb:6.2f} {len(text):10,}"
            stage_secs = {}
            cols = []
            for with_checks in checks:
                stages = ALL_STAGES if with_checks else no_checks
                runs = [run_once(text, rules, stages, per_stage) for _ in range(repeat)]
                secs, result, n_rows, stage_secs_i = min(runs, key=lambda r: r[0])  # the least disturbed
                if with_checks or len(checks) == 1:
                    stage_secs = stage_secs_i
                    n_rec = n_rows - 1
                    st = result.info.status
                cols.append(f" {secs:8.2f} {secs / real_mb:7.2f}" if not cols else
                            f" {secs:9.2f} {secs / real_mb:7.2f}")
            line += f" {n_rec:8,}" + "".join(cols)
            if st != "ok":
                line += f"  status={st}"
            if per_stage:
                line += "  " + " ".join(f"{k}={v / real_mb:.2f}" for k, v in stage_secs.items() if v / real_mb >= 0.01)
            print(line, flush=True)


def acceptance() -> None:
    """Issue #10's figures: seeds x60 vs x8 (≤ 10x) and 2 MB of one citation x50,000 (< 2 min)."""
    rules = load_rules()
    seeds = seed_text() + "\n\n"
    extract_text(seeds, "warm", rules)
    out = {}
    for n in (8, 60):
        text = seeds * n
        t0 = cpu_seconds()
        r = extract_text(text, "x", rules)
        out[n] = cpu_seconds() - t0
        print(f"seeds x{n:<3} {len(text.encode()) / 1e6:5.2f} MB  {out[n]:7.2f} s  status={r.info.status}"
              f"  citations={len(r.citations):,} findings={len(r.findings):,}", flush=True)
    print(f"ratio x60/x8 = {out[60] / out[8]:.1f} (target ≤ 10; size ratio 7.5)")
    text = SHORT_CITATION * 50_000
    w0, t0 = time.perf_counter(), cpu_seconds()
    r = extract_text(text, "x", rules)
    print(f"one citation x50,000 ({len(text.encode()) / 1e6:.1f} MB): {cpu_seconds() - t0:.1f} s CPU,"
          f" {time.perf_counter() - w0:.1f} s wall, status={r.info.status}, citations={len(r.citations):,}"
          " (target < 120 s, ok)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kinds", default="ordinary,citations,line,digits,slashes")
    ap.add_argument("--max-mb", type=float, default=10)
    ap.add_argument("--stages", action="store_true", help="per-stage s/MB (wraps the stage functions)")
    ap.add_argument("--checks", choices=("both", "on", "off"), default="both")
    ap.add_argument("--acceptance", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="passes per rung; the best is printed")
    args = ap.parse_args()
    if args.acceptance:
        acceptance()
        return
    checks = {"both": (True, False), "on": (True,), "off": (False,)}[args.checks]
    ladder(args.kinds.split(","), args.max_mb, args.stages, checks, args.repeat)


if __name__ == "__main__":
    main()
