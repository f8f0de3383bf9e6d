"""Show that a refactor left behaviour unchanged: run the code of an older commit and the
working tree on the same inputs and compare every table they write.

    python scripts/compare_outputs.py --base 88f65f8            # exit 1 on any difference
    python scripts/compare_outputs.py --base 88f65f8 --allow scripts/intended_differences.txt

The older code is exported with ``git archive`` into a temporary folder and run from
there (``PYTHONPATH``), so both sides use the same interpreter and dependencies. JSONL, CSV
and kept texts are compared byte for byte, Parquet as Arrow tables, and ``extractor check``
output as text. An ``--allow`` file lists intended differences, one per line:
``<input>/<file>: <reason>`` — those files are reported but do not fail the run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("corpora/seeds", "corpora/heldout/seeds", "tests/fixtures/clean", "tests/fixtures/seeds")
FORMATS = "jsonl,csv,parquet"


def export_tree(rev: str, dest: Path) -> Path:
    """The files of ``rev`` in ``dest``, importable as ``extractor`` + ``extractor_rules``."""
    blob = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(dest, filter="data")
    return importable(dest)


def importable(tree: Path) -> Path:
    """A folder to put on PYTHONPATH so that ``tree``'s rules load as ``extractor_rules``."""
    shim = Path(tempfile.mkdtemp(prefix="rules-shim-"))
    (shim / "extractor_rules").symlink_to(tree / "rules")
    return shim


def run_side(tree: Path, shim: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=f"{tree}{os.pathsep}{shim}", OMP_THREAD_LIMIT="1")
    for inp in INPUTS:
        dest = out / inp.replace("/", "_")
        cmd = [sys.executable, "-m", "extractor", "run", str(ROOT / inp), "-o", str(dest),
               "--format", FORMATS, "--keep-text", "--workers", "1"]
        subprocess.run(cmd, env=env, cwd=tree, capture_output=True)
        check = subprocess.run([sys.executable, "-m", "extractor", "check", str(ROOT / inp)],
                               env=env, cwd=tree, capture_output=True, text=True)
        (dest / "check.txt").write_text(check.stdout)


def same_parquet(a: Path, b: Path) -> bool:
    import pyarrow.parquet as pq

    return pq.read_table(a).equals(pq.read_table(b))


def compare(old: Path, new: Path) -> list[str]:
    diffs = []
    names = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    names |= {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    for rel in sorted(names):
        a, b = old / rel, new / rel
        if not a.exists() or not b.exists():
            diffs.append(f"{rel}: only in {'new' if b.exists() else 'old'}")
        elif rel.suffix == ".parquet":
            if not same_parquet(a, b):
                diffs.append(f"{rel}: tables differ")
        elif a.read_bytes() != b.read_bytes():
            diffs.append(f"{rel}: bytes differ")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="the commit to compare against")
    ap.add_argument("--allow", type=Path, help="file of intended differences ('path: reason')")
    ap.add_argument("--keep", type=Path, help="write both outputs here instead of a temp dir")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-"))
    old_tree = work / "old-tree"
    old_tree.mkdir(parents=True, exist_ok=True)
    old_shim = export_tree(args.base, old_tree)
    run_side(old_tree, old_shim, work / "old")
    run_side(ROOT, importable(ROOT), work / "new")
    allowed = {}
    if args.allow:
        for line in args.allow.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                path, _, reason = line.partition(": ")
                allowed[path.strip()] = reason.strip()
    diffs = compare(work / "old", work / "new")
    failing = [d for d in diffs if d.split(":")[0] not in allowed]
    for d in diffs:
        path = d.split(":")[0]
        print(f"{'intended' if path in allowed else 'DIFFERS '}  {d}"
              + (f"  — {allowed[path]}" if path in allowed else ""))
    n = sum(1 for p in (work / "new").rglob("*") if p.is_file())
    print(f"{n} files compared against {args.base}: {len(diffs)} differ, "
          f"{len(failing)} not listed as intended")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
