"""Run the pipeline over an archive: incremental, crash-safe, every file accounted for.

1. **discover** every file under the inputs (``discover.py``);
2. **plan** against the store in ``OUT/.extractor/`` (``store.py``): a file whose path, size
   and mtime (or, when those moved, sha256) are unchanged keeps its stored records; new and
   changed files are read; files gone from the inputs lose their rows and texts. A change of
   extractor version, rules or record-changing options, or ``force``, means a full run;
3. **map**: the per-document work on an engine (``engines.py``: local processes or Dask),
   each result committed to the store as it arrives (kill -9 loses only what is in flight);
4. **reduce**: the archive-level stages over every document, then every table rebuilt from
   the store in input order (``DatasetWriter``: partial files renamed at the end), stale
   outputs removed, ``manifest.json`` written.

A file that cannot be read becomes a ``documents`` row with its status and error;
nothing a single file does can stop the batch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..io.records import record_row
from ..io.writers import (
    DEFAULT_FORMATS,
    DatasetWriter,
    OutputError,
    final_outputs,
    formats,
    remove_path,
    remove_stale,
)
from ..pipeline import Options, sha256_of
from ..rules import load_rules
from ..stages import run_archive_stages, validate_stages
from ..version import __version__
from .discover import STATE_DIR, InputError, Job, discover
from .engines import ENGINES, Work, run_jobs
from .links import ArchiveLinks, link_archive
from .progress import Progress
from .store import Store, describe_change, run_key, write_atomic
from .worker import FAILED_STATUSES, Payload

__all__ = ["FAILED_STATUSES", "InputError", "Job", "RunSummary", "discover", "run"]

RETRIED_STATUSES = {"timeout"}  # read again on every run (the limit or the machine may differ)


@dataclass(slots=True)
class RunSummary:
    n_documents: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    n_chars: int = 0  # characters of the documents read in this run
    out_dir: Path | None = None
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    full_run: str | None = None  # why every file was read again (None: incremental)

    @property
    def n_failed(self) -> int:
        return sum(n for s, n in self.by_status.items() if s in FAILED_STATUSES)

    @property
    def failed(self) -> int:
        return self.n_failed

    @property
    def n_read(self) -> int:
        return self.new + self.changed


def _as_list(paths: Sequence[str | Path] | str | Path) -> list[str | Path]:
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)


def validate(formats_: Iterable[str], workers: int | None, time_limit: float | None, engine: str,
             options: Options) -> tuple[str, ...]:
    fmts = tuple(formats_)
    known = formats()
    bad = [f for f in fmts if f not in known]
    if bad or not fmts:
        raise ValueError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(known)}")
    if workers is not None and workers < 1:
        raise ValueError(f"--workers must be 1 or more (got {workers})")
    if time_limit is not None and time_limit < 0:
        raise ValueError(f"--time-limit must be 0 (no limit) or more seconds (got {time_limit:g})")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    validate_stages(options.stages)
    return fmts


def record_options(options: Options, keep_text: bool) -> dict:
    """The options that change what is stored for a document (a change means a full run)."""
    return {"stages": list(options.stages) if options.stages is not None else None,
            "pdf_engine": options.pdf_engine, "ocr": options.ocr, "keep_text": keep_text}


def _plan(jobs: list[Job], store: Store, summary: RunSummary) -> tuple[list[Job], list[str]]:
    """Jobs to read (new, changed, retried) and doc ids to remove; counts into ``summary``."""
    known = store.entries()
    todo: list[Job] = []
    for job in jobs:
        old = known.get(job.doc_id)
        if old is None:
            summary.new += 1
            todo.append(job)
        elif old.status in RETRIED_STATUSES or old.path != str(job.path):
            summary.changed += 1
            todo.append(job)
        elif old.size == job.size and old.mtime_ns == job.mtime_ns:
            summary.unchanged += 1
        elif old.size == job.size and old.sha256 and sha256_of(job.path) == old.sha256:
            store.touch(job)  # copied or touched: same content
            summary.unchanged += 1
        else:
            summary.changed += 1
            todo.append(job)
    current = {j.doc_id for j in jobs}
    removed = sorted(d for d in known if d not in current)
    summary.removed = len(removed)
    return todo, removed


def text_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / "texts" / f"{doc_id}.txt"


def _remove_texts(out_dir: Path, doc_ids: Iterable[str]) -> None:
    for d in doc_ids:
        remove_path(text_path(out_dir, d))


def _clean_leftovers(out_dir: Path) -> None:
    """Temporary files of an interrupted run (texts being written)."""
    texts = out_dir / "texts"
    if texts.is_dir():
        for p in texts.rglob(".*.tmp"):
            remove_path(p)


def _commit(store: Store, job: Job, payload: Payload, out_dir: Path) -> None:
    if payload.text is not None:
        write_atomic(text_path(out_dir, job.doc_id), payload.text)
    else:
        remove_path(text_path(out_dir, job.doc_id))
    store.commit(job, payload)


def write_links(writer: DatasetWriter, held: list[tuple[str, list[dict]]], links: ArchiveLinks) -> None:
    """The held citation rows with their ``target_doc_id``, then the ``cited_documents`` table."""
    for doc_id, rows in held:
        for i, row in enumerate(rows):
            row["target_doc_id"] = links.targets.get((doc_id, i))
            writer.write("citations", row)
    for rec in links.cited:
        writer.write("cited_documents", record_row("cited_documents", None, rec))


def _consolidate(store: Store, jobs: list[Job], out_dir: Path, fmts: tuple[str, ...], options: Options,
                 rules, summary: RunSummary) -> None:
    writer = DatasetWriter(out_dir, fmts)
    try:
        light = []
        held: list[tuple[str, list[dict]]] = []  # citation rows wait for their archive links
        for job in jobs:
            doc = store.document(job.doc_id)
            if doc is None:
                continue
            rows, rendered, counts, lr = doc
            held.append((job.doc_id, writer.write_document(rows, rendered, counts, hold=("citations",))))
            light.append(lr)
        write_links(writer, held, link_archive(light, rules))
        for i, f in enumerate(run_archive_stages(light, rules, options.stages), 1):
            f.finding_id = f"archive#{i}"
            writer.write("findings", record_row("findings", None, f))
    except BaseException:
        writer.abort()
        raise
    writer.close()
    remove_stale(out_dir, fmts)
    summary.rows = dict(writer.counts)


# One neutral line that makes every stage load what it loads lazily (rule files, the word
# segmenter): done once in the parent, forked workers start warm instead of each paying it.
_WARM_UP = "I. KẾT QUẢ\n\n1. Năm 2023, toàn xã có 12 hộ nghèo, đạt 95%."


def warm_up(rules) -> None:
    from ..pipeline import extract_text
    from ..text.segment import segment_words, tag_words

    extract_text(_WARM_UP, rules=rules)
    segment_words(_WARM_UP)  # the word segmenter and tagger models (~1 s to load)
    tag_words(_WARM_UP)


def run(paths: Sequence[str | Path] | str | Path, out_dir: str | Path,
        formats: Iterable[str] = DEFAULT_FORMATS, rules_dir: str | None = None, workers: int | None = None,
        keep_text: bool = False, options: Options = Options(), time_limit: float | None = 300.0,
        progress: bool | None = None, force: bool = False, engine: str = "local",
        scheduler: str | None = None, log_json: str | Path | None = None, log_every: float = 10.0,
        announce=None) -> RunSummary:
    """Process every file under ``paths`` (str, Path or a list of them) into ``out_dir``.

    Incremental: only new and changed files are read again (``force=True`` reads all).
    Returns a ``RunSummary`` (new / changed / unchanged / removed / failed counts, rows per
    table). ``announce(line)`` receives the one-line notes of the run (a full run and why).
    Raises ``InputError`` (missing input), ``OutputError`` (unwritable output),
    ``RulesError`` (bad rules), ``ValueError`` (bad options), ``EngineError`` (Dask)."""
    t0 = time.perf_counter()
    fmts = validate(formats, workers, time_limit, engine, options)
    out = Path(out_dir)
    inputs = _as_list(paths)
    if any(Path(p).is_dir() and Path(p).resolve() == out.resolve() for p in inputs):
        raise InputError(f"the output folder {out} is also an input folder: choose another -o "
                         "(an output folder inside an input is fine, it is left out)")
    jobs = discover(inputs, out)
    rules = load_rules(rules_dir)  # fail early on a bad rules folder
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".extractor-write-test"
        probe.write_text("")
        probe.unlink()
        store = Store(out)
    except OSError as exc:
        raise OutputError(f"cannot write to output folder {out}: {exc.strerror or exc}") from exc
    summary = RunSummary(out_dir=out, n_documents=len(jobs))
    try:
        key = run_key(__version__, rules, record_options(options, keep_text))
        old_key = store.key()
        if force or (old_key is not None and old_key != key and store.entries()):
            summary.full_run = "--force" if force else describe_change(old_key, key)
            if announce:
                announce(f"full run: {summary.full_run}")
            store.clear()
        store.set_key(key)
        _clean_leftovers(out)
        todo, removed = _plan(jobs, store, summary)
        if todo or removed:
            store.set_written(None)  # the tables in OUT/ no longer match the store
        store.remove(removed)
        _remove_texts(out, removed)
        if not keep_text:
            remove_path(out / "texts")
        workers = workers or min(os.cpu_count() or 1, max(len(todo), 1))
        work = Work(rules_dir, options, time_limit or None, keep_text)
        if todo and engine == "local":
            warm_up(rules)
        mode = "off" if progress is False else ("bar" if progress else "auto")
        results = run_jobs(todo, work, workers, engine, scheduler)
        try:
            with Progress(len(todo), mode, log_every, log_json) as bar:
                for job, payload in results:
                    _commit(store, job, payload, out)
                    summary.n_chars += payload.n_chars
                    bar.advance(payload)
        finally:
            results.close()  # an interrupt or an error: the engine stops its workers now
        built = store.written()
        if (built and built.get("formats") == list(fmts) and built.get("doc_ids") == len(jobs)
                and all(p.exists() for f in fmts for p in final_outputs(f, out))):
            summary.rows = dict(built["rows"])  # nothing changed since the tables were built
        else:
            _consolidate(store, jobs, out, fmts, options, rules, summary)
            store.set_written({"formats": list(fmts), "doc_ids": len(jobs), "rows": summary.rows})
        summary.by_status = store.status_counts([j.doc_id for j in jobs])
        summary.seconds = time.perf_counter() - t0
        store.write_manifest(out, jobs, key, {
            "complete": True, "new": summary.new, "changed": summary.changed, "unchanged": summary.unchanged,
            "removed": summary.removed, "failed": summary.n_failed, "full_run": summary.full_run,
            "formats": list(fmts), "seconds": round(summary.seconds, 3)})
    finally:
        store.close()
    return summary


def state_dir(out_dir: str | Path) -> Path:
    return Path(out_dir) / STATE_DIR
