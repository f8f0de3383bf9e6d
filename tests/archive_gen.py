"""Small synthetic archives for the archive-run tests: variations of the seed reports.

Each file is a report in the seeds' own shape — a header block, a handful of the seeds'
body paragraphs, a closing — with the paragraphs drawn, and the figures and numbers
shifted, by a seeded random generator, so that files differ (no two share a sha256) while
staying real text for every stage. Files are kept short so that hundreds of them run in
seconds.
"""

from __future__ import annotations

import random
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "corpora" / "seeds").glob("*")) + sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.txt"))

_DIGITS = re.compile(r"(?<![/\d])\d{1,3}(?![/\d])")


def _paragraphs() -> tuple[list[str], list[str]]:
    heads, bodies = [], []
    for p in SOURCES:
        parts = [x.strip() for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
        heads.append("\n\n".join(parts[:8]))
        bodies += [x for x in parts[8:] if 80 <= len(x) <= 900]
    return heads, bodies


HEADS, BODIES = _paragraphs()


def report(i: int, n_paragraphs: int = 4) -> str:
    rnd = random.Random(i)
    head = HEADS[i % len(HEADS)]
    body = [_DIGITS.sub(lambda m: str(int(m.group()) + rnd.randint(0, 9)), rnd.choice(BODIES))
            for _ in range(n_paragraphs)]
    return f"{head}\n\n" + "\n\n".join(body) + f"\n\nNơi nhận:\n- Lưu: VT.\n\nSố thứ tự {i}.\n"


def make_archive(root: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` report files under ``root`` (ten per folder)."""
    paths = []
    for i in range(start, start + n):
        p = root / f"d{i // 10:03d}" / f"r{i:05d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(report(i), encoding="utf-8")
        paths.append(p)
    return paths


def table_files(out: Path) -> dict[str, bytes]:
    """Every table and text file of an output folder, by relative name (Parquet as rows)."""
    import pyarrow.parquet as pq

    files: dict[str, bytes] = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if rel.startswith(".extractor") or rel == "manifest.json" or not p.is_file():
            continue
        if ".parquet/" in rel:
            files[rel] = repr(pq.read_table(p).to_pylist()).encode()
        else:
            files[rel] = p.read_bytes()
    return files
