"""Incremental re-runs on a generated archive (issue #10's acceptance figures; not a test).

An archive of N reports (variations of the seeds, tests/archive_gen.py) is run once in
full, then again unchanged, then after changing 3 files, deleting 2 and adding 2; each
wall-clock time is printed with its share of the first run's. The kill -9 / Ctrl-C and
"equal to a fresh run" checks are tests (tests/test_archive_runs.py); this only measures.

    python bench/bench_incremental.py [--files 400] [--workers 2] [--paragraphs 12]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import archive_gen  # noqa: E402


def _run(arch: Path, out: Path, workers: int, *extra: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(arch), "-o", str(out),
                           "--workers", str(workers), "--format", "jsonl,csv,parquet", *extra],
                          capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - t0
    line = next((x for x in proc.stderr.splitlines() if " documents (" in x), proc.stderr.strip()[-200:])
    return took, line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--paragraphs", type=int, default=12, help="body paragraphs per generated report")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-incr-") as tmp:
        arch, out = Path(tmp) / "archive", Path(tmp) / "out"
        paths = []
        for i in range(args.files):
            p = arch / f"d{i // 10:03d}" / f"r{i:05d}.txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(archive_gen.report(i, args.paragraphs), encoding="utf-8")
            paths.append(p)
        size = sum(p.stat().st_size for p in paths)
        print(f"{args.files} files, {size / 1e6:.1f} MB, {args.workers} workers")
        first, line = _run(arch, out, args.workers)
        print(f"first run      {first:7.2f} s   100 %   {line}")
        same, line = _run(arch, out, args.workers)
        print(f"unchanged      {same:7.2f} s  {100 * same / first:4.0f} %   {line}")
        for p in paths[10:13]:
            p.write_text(p.read_text(encoding="utf-8") + "\nThực hiện Kế hoạch số 99/KH-UBND.\n", encoding="utf-8")
        for p in paths[20:22]:
            p.unlink()
        for i in (900_000, 900_001):
            p = arch / "new" / f"r{i}.txt"
            p.parent.mkdir(exist_ok=True)
            p.write_text(archive_gen.report(i, args.paragraphs), encoding="utf-8")
        changed, line = _run(arch, out, args.workers)
        print(f"3/2/2 changed  {changed:7.2f} s  {100 * changed / first:4.0f} %   {line}")
        forced, line = _run(arch, out, args.workers, "--force")
        print(f"--force        {forced:7.2f} s  {100 * forced / first:4.0f} %   {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
