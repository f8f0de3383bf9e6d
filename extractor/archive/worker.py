"""The per-document work of a run, as it runs in a worker process or on a Dask worker.

``process_job`` turns one file into a ``Payload``: its rows for every table (JSON), what
the archive-level stages need from it (pickled, without the text), and the normalised
text when asked. A payload is small and plain, so it crosses process and machine
boundaries cheaply, and the parent commits it to the store as it is.
"""

from __future__ import annotations

import json
import pickle
import signal
import threading
import time
from dataclasses import dataclass

from ..io.records import rows_of
from ..io.writers import json_line, render_all
from ..models import DocumentInfo, DocumentResult
from ..pipeline import Options, extract_file, sha256_of
from ..rules import load_rules
from ..stages import lighten
from .discover import Job

FAILED_STATUSES = {"error", "timeout", "needs_ocr"}


@dataclass(slots=True)
class Payload:
    doc_id: str
    status: str
    error: str | None
    sha256: str | None
    n_chars: int
    rows: str  # one JSON line per row: [table, row]
    rendered: str  # JSON {format: {table: text}}: the rows as line-based formats write them
    counts: dict[str, int]  # rows per table
    light: bytes  # pickled DocumentResult with what the archive stages need
    text: str | None  # the normalised text (keep_text), else None
    started: float  # wall-clock time the work started (time.time())
    seconds: float


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - runs in worker processes
    raise _Timeout()


def failed_result(job: Job, status: str, message: str, sha256: str | None = None) -> DocumentResult:
    if sha256 is None and not (job.skip and job.path.is_symlink()):  # a link not followed is never opened
        sha256 = sha256_of(job.path)
    info = DocumentInfo(doc_id=job.doc_id, path=str(job.path), format=job.fmt, status=status,
                        error=message, sha256=sha256)
    return DocumentResult(info=info)


def process_one(job: Job, rules_dir: str | None, options: Options, time_limit: float | None) -> DocumentResult:
    """One file → DocumentResult, whatever happens. The time limit needs SIGALRM, so it
    holds in a process's main thread (the local engine), not in a Dask worker's threads."""
    if job.skip:
        return failed_result(job, "skipped", job.skip)
    use_alarm = (bool(time_limit) and hasattr(signal, "SIGALRM")
                 and threading.current_thread() is threading.main_thread())
    if use_alarm:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        return extract_file(job.path, job.doc_id, load_rules(rules_dir), options)
    except _Timeout:
        return failed_result(job, "timeout", f"stopped after the per-document time limit of {time_limit:g} s")
    except MemoryError:
        return failed_result(job, "error", "out of memory while processing this file")
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the row
        return failed_result(job, "error", f"internal error: {type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)


def encode(result: DocumentResult, keep_text: bool, started: float, seconds: float) -> Payload:
    info = result.info
    rows = list(rows_of(result))
    counts: dict[str, int] = {}
    for table, _ in rows:
        counts[table] = counts.get(table, 0) + 1
    return Payload(
        doc_id=info.doc_id, status=info.status, error=info.error, sha256=info.sha256,
        n_chars=info.n_chars, rows="\n".join(json_line([table, row]) for table, row in rows),
        rendered=json.dumps(render_all(rows), ensure_ascii=False), counts=counts, light=pickle.dumps(lighten(result), protocol=pickle.HIGHEST_PROTOCOL),
        text=result.text if keep_text and result.text else None, started=started, seconds=seconds)


def process_job(job: Job, rules_dir: str | None, options: Options, time_limit: float | None,
                keep_text: bool) -> Payload:
    """Worker entry point (local pool and Dask): one job → its payload."""
    started, t0 = time.time(), time.perf_counter()
    result = process_one(job, rules_dir, options, time_limit)
    return encode(result, keep_text, started, time.perf_counter() - t0)


def crashed_payload(job: Job, message: str, keep_text: bool = False) -> Payload:
    """The row of a file whose worker died (killed, out of memory) or whose task failed."""
    return encode(failed_result(job, "error", message), keep_text, time.time(), 0.0)


def ignore_sigint() -> None:  # pragma: no cover - runs in worker processes
    """Pool initializer: Ctrl-C is the parent's to handle (it stops the pool); SIGTERM ends
    the worker (the parent's handler, inherited on fork, would not)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
