"""Cost of the consistency checks as the input grows (issue #10 point 4: no all-pairs).

Two ladders, CPU seconds of this process:
- dense: one citation repeated N times ("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng
  Chính phủ; "), 50,000 times ≈ 2 MB;
- seeds: the four seed reports concatenated k times (8× ≈ 1 MB, 60× ≈ 8 MB).

For each size it prints the time of the whole text pipeline and of the document checks
alone (on the records of that pipeline run), and the ratio to the smallest size. Linear
cost means the ratio follows the size ratio (60/8 = 7.5 for the seeds ladder).

    python bench/bench_checks.py [--dense 5000,20000,50000] [--seeds 8,60] [--checks-only]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cpuclock import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.check import check_archive, check_document  # noqa: E402
from extractor.pipeline import ALL_STAGES, Options, extract_text  # noqa: E402
from extractor.rules import load_rules  # noqa: E402

CITATION = "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; "


def seeds() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "seeds").iterdir()))


def run(text: str, rules, pipeline: bool) -> tuple[float, float, int]:
    """(pipeline seconds, checks seconds, findings)."""
    t0 = cpu_seconds()
    no_checks = tuple(s for s in ALL_STAGES if s != "checks")
    result = extract_text(text, doc_id="bench.txt", rules=rules, options=Options(stages=no_checks))
    t1 = cpu_seconds()
    findings = check_document(result, rules)
    findings += check_archive([result], rules)
    t2 = cpu_seconds()
    return (t1 - t0 if pipeline else 0.0), t2 - t1, len(findings)


def ladder(name: str, texts: list[tuple[str, str]], rules) -> None:
    base = None
    for label, text in texts:
        pipe, checks, n = run(text, rules, True)
        mb = len(text.encode("utf-8")) / 1e6
        base = base or (mb, pipe, checks)
        print(f"{name:6} {label:>8} {mb:6.2f} MB  pipeline {pipe:7.2f} s ({pipe / base[1]:5.1f}×)  "
              f"checks {checks:6.2f} s ({checks / max(base[2], 1e-6):5.1f}×)  size {mb / base[0]:5.1f}×  "
              f"{n} findings", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dense", default="5000,20000,50000")
    ap.add_argument("--seeds", default="8,60")
    args = ap.parse_args()
    rules = load_rules()
    extract_text("Kế hoạch số 30/KH-UBND ngày 17/02/2023.", rules=rules)  # warm the compiled rules
    if args.dense:
        ladder("dense", [(f"{n}×", CITATION * n) for n in map(int, args.dense.split(","))], rules)
    if args.seeds:
        s = seeds()
        ladder("seeds", [(f"{k}×", "\n\n".join([s] * k)) for k in map(int, args.seeds.split(","))], rules)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
