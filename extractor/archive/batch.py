"""Run the pipeline over an archive: find files, process them in parallel, write tables.

A file that cannot be read becomes a ``documents`` row with its status and error;
nothing a single file does can stop the batch.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import SUPPORTED_SUFFIXES
from ..io.records import record_row, rows_of
from ..io.writers import DEFAULT_FORMATS, DatasetWriter
from ..models import DocumentInfo, DocumentResult
from ..pipeline import Options, extract_file, sha256_of
from ..rules import load_rules
from ..stages import lighten, run_archive_stages

FAILED_STATUSES = {"error", "timeout", "needs_ocr"}


class InputError(Exception):
    """An input path does not exist or holds nothing to read."""


@dataclass(slots=True)
class Job:
    path: Path
    doc_id: str


@dataclass(slots=True)
class RunSummary:
    n_documents: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    n_chars: int = 0
    out_dir: Path | None = None

    @property
    def n_failed(self) -> int:
        return sum(n for s, n in self.by_status.items() if s in FAILED_STATUSES)


def discover(paths: Sequence[str | Path]) -> list[Job]:
    """Files to process, with doc ids relative to their input root (POSIX), sorted."""
    jobs: list[Job] = []
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise InputError(f"input path not found: {root}")
        if root.is_file():
            jobs.append(Job(root, root.name))
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not _hidden(p, root):
                jobs.append(Job(p, p.relative_to(root).as_posix()))
    _disambiguate(jobs, paths)
    return jobs


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


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


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - runs in worker processes
    raise _Timeout()


def process_one(job: Job, rules_dir: str | None, options: Options, time_limit: float | None) -> DocumentResult:
    """Worker entry point: one file → DocumentResult, whatever happens."""
    use_alarm = bool(time_limit) and hasattr(signal, "SIGALRM")
    if use_alarm:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        return extract_file(job.path, job.doc_id, load_rules(rules_dir), options)
    except _Timeout:
        return _failed(job, "timeout", f"stopped after the per-document time limit of {time_limit:g} s")
    except MemoryError:
        return _failed(job, "error", "out of memory while processing this file")
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the row
        return _failed(job, "error", f"internal error: {type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _failed(job: Job, status: str, message: str) -> DocumentResult:
    info = DocumentInfo(doc_id=job.doc_id, path=str(job.path),
                        format=job.path.suffix.lower().lstrip(".") or None,
                        status=status, error=message, sha256=sha256_of(job.path))
    return DocumentResult(info=info)


def iter_results(jobs: Sequence[Job], rules_dir: str | None, options: Options,
                 workers: int, time_limit: float | None) -> Iterator[DocumentResult]:
    """Results in input order; parallel when ``workers`` > 1."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_one(job, rules_dir, options, time_limit)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[int, Future] = {}
        done: dict[int, DocumentResult] = {}
        nxt_submit = nxt_yield = 0
        window = workers * 4
        while nxt_yield < len(jobs):
            while nxt_submit < len(jobs) and len(pending) < window:
                pending[nxt_submit] = pool.submit(process_one, jobs[nxt_submit], rules_dir, options, time_limit)
                nxt_submit += 1
            finished, _ = wait(pending.values(), return_when=FIRST_COMPLETED)
            for i in [i for i, f in pending.items() if f in finished]:
                fut = pending.pop(i)
                try:
                    done[i] = fut.result()
                except Exception as exc:  # worker died (killed, out of memory)
                    done[i] = _failed(jobs[i], "error", f"worker failed: {type(exc).__name__}: {exc}")
            while nxt_yield in done:
                yield done.pop(nxt_yield)
                nxt_yield += 1


def _progress(total: int, enabled: bool):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), TextColumn("{task.fields[name]}"),
                    transient=True, disable=not enabled)


def run(paths: Sequence[str | Path], out_dir: str | Path, formats: Iterable[str] = DEFAULT_FORMATS,
        rules_dir: str | None = None, workers: int | None = None, keep_text: bool = False,
        options: Options = Options(), time_limit: float | None = 300.0,
        progress: bool | None = None) -> RunSummary:
    """Process every supported file under ``paths`` and write the tables into ``out_dir``."""
    t0 = time.perf_counter()
    jobs = discover(paths)
    rules = load_rules(rules_dir)  # fail early on a bad rules folder
    writer = DatasetWriter(out_dir, tuple(formats))
    workers = workers or min(os.cpu_count() or 1, max(len(jobs), 1))
    summary = RunSummary(out_dir=Path(out_dir))
    light: list[DocumentResult] = []
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with _progress(len(jobs), show) as bar:
            task = bar.add_task("run", total=len(jobs), name="")
            for result in iter_results(jobs, rules_dir, options, workers, time_limit):
                _record(result, writer, summary, keep_text, Path(out_dir))
                light.append(lighten(result))
                bar.update(task, advance=1, name=result.info.doc_id[-40:])
        for i, f in enumerate(run_archive_stages(light, rules, options.stages), 1):
            f.finding_id = f"archive#{i}"
            writer.write("findings", record_row("findings", None, f))
    except BaseException:
        writer.abort()
        raise
    writer.close()
    summary.rows = dict(writer.counts)
    summary.seconds = time.perf_counter() - t0
    return summary


def _record(result: DocumentResult, writer: DatasetWriter, summary: RunSummary,
            keep_text: bool, out_dir: Path) -> None:
    for table, row in rows_of(result):
        writer.write(table, row)
    st = result.info.status
    summary.n_documents += 1
    summary.by_status[st] = summary.by_status.get(st, 0) + 1
    summary.n_chars += result.info.n_chars
    if keep_text and result.text:
        target = out_dir / "texts" / f"{result.info.doc_id}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.text, encoding="utf-8")
