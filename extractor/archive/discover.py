"""Find every file under the inputs: one job per file, each accounted for.

Every visible file becomes a job, whatever its type: a file the readers do not support
gets a ``skipped`` row naming its format rather than no row at all. Hidden files and
folders (``.git``, ``.DS_Store``), the run's own output folder when it sits inside an
input, and any other output folder of ``extractor run`` (it holds ``.extractor/``) are
left out. A file reached twice (given twice, or through two overlapping inputs) is read
once. Doc ids are paths relative to the input root (POSIX), unique across inputs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ingest import SUPPORTED_SUFFIXES
from .symlinks import link_problem

STATE_DIR = ".extractor"  # inside OUT/: the run's store (see archive.store)


class InputError(Exception):
    """An input path does not exist or holds nothing to read."""


@dataclass(slots=True)
class Job:
    path: Path
    doc_id: str
    size: int = 0
    mtime_ns: int = 0
    skip: str | None = None  # why the file is not read ("unsupported format .xlsx")

    @property
    def fmt(self) -> str | None:
        return self.path.suffix.lower().lstrip(".") or None


def unsupported_reason(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    return f"unsupported format {suffix}" if suffix else "unsupported format (no file extension)"


def is_output_folder(folder: Path) -> bool:
    """A folder written by ``extractor run`` (it keeps its state in ``.extractor/``)."""
    return (folder / STATE_DIR).is_dir()


def _walk(root: Path, skip_dirs: set[Path]) -> list[Path]:
    """Visible files under ``root``, sorted, not descending into hidden or output folders."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            sub = here / d
            if not d.startswith(".") and sub.is_symlink():  # never entered (loops, escapes)
                if link_problem(sub, root):
                    found.append(sub)  # one that leaves the inputs gets a row saying so
                continue
            if d.startswith(".") or sub.resolve() in skip_dirs or is_output_folder(sub):
                continue
            keep.append(d)
        dirnames[:] = keep
        found += [here / f for f in filenames if not f.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def discover(paths: Sequence[str | Path] | str | Path, out_dir: str | Path | None = None) -> list[Job]:
    """Every file to account for, with doc ids relative to their input root, sorted."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    skip_dirs = {Path(out_dir).resolve()} if out_dir is not None else set()
    jobs: list[Job] = []
    seen: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise InputError(f"input path not found: {root}")
        if root.is_file():
            candidates = [(root, root.name)]
        else:
            candidates = [(p, p.relative_to(root).as_posix()) for p in _walk(root, skip_dirs)]
        for p, doc_id in candidates:
            problem = link_problem(p, root if root.is_dir() else p)
            if problem:  # not followed: neither read nor hashed
                st = p.lstat()
                jobs.append(Job(p, doc_id, st.st_size, st.st_mtime_ns, problem))
                continue
            real = p.resolve()
            if real in seen or not real.is_file():
                continue
            seen.add(real)
            try:
                st = p.stat()
            except OSError:
                st = None
            jobs.append(Job(p, doc_id, st.st_size if st else 0, st.st_mtime_ns if st else 0,
                            unsupported_reason(p)))
    _disambiguate(jobs, paths)
    return jobs


def _disambiguate(jobs: list[Job], roots: Sequence[str | Path]) -> None:
    """Two inputs may hold the same relative path: prefix the root's name to keep ids unique."""
    seen: dict[str, int] = {}
    for job in jobs:
        seen[job.doc_id] = seen.get(job.doc_id, 0) + 1
    if all(n == 1 for n in seen.values()):
        return
    used: set[str] = set()
    for job in jobs:
        if seen[job.doc_id] > 1:
            base = f"{job.path.parent.name}/{job.doc_id}" if len(roots) > 1 else job.doc_id
            cand, k = base, 2
            while cand in used:
                cand, k = f"{base}~{k}", k + 1
            job.doc_id = cand
        used.add(job.doc_id)
