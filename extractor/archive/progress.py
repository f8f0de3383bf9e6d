"""Progress of a long run: a rich bar on a terminal, log lines elsewhere, JSON events.

- On a terminal (stderr is a tty) the rich progress bar.
- Otherwise (a cron job, a CI log, ``nohup``) one line on stderr every ``every`` seconds:
  ``extractor: 1200/10000 files, 14.2 docs/s, 3 errors, ETA 10m20s``.
- ``--log-json FILE``: one JSON object per line and per document, ``start`` and ``done``
  events with the doc id, status and seconds (and ``run_start`` / ``run_done``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from .worker import FAILED_STATUSES, Payload


def _eta(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    def __init__(self, total: int, mode: str = "auto", every: float = 10.0,
                 log_json: str | Path | None = None, stream: TextIO | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "log"
        self.mode = mode  # bar | log | off
        self.every = every
        self.done = self.errors = 0
        self.t0 = self.last = time.monotonic()
        self.events: TextIO | None = None
        if log_json:
            p = Path(log_json)
            p.parent.mkdir(parents=True, exist_ok=True)
            self.events = p.open("a", encoding="utf-8")
        self._bar = self._task = None

    def __enter__(self) -> Progress:
        if self.mode == "bar" and self.total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), TextColumn("{task.fields[name]}"), transient=True,
                            console=Console(file=self.stream))
            self._bar.__enter__()
            self._task = self._bar.add_task("run", total=self.total, name="")
        self.event("run_start", total=self.total)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
        self.event("run_done", done=self.done, errors=self.errors,
                   seconds=round(time.monotonic() - self.t0, 3), interrupted=exc[0] is not None)
        if self.events is not None:
            self.events.close()

    def event(self, kind: str, **fields: Any) -> None:
        if self.events is not None:
            self.events.write(json.dumps({"event": kind, "time": round(time.time(), 3), **fields},
                                         ensure_ascii=False) + "\n")
            self.events.flush()

    def advance(self, payload: Payload) -> None:
        self.done += 1
        if payload.status in FAILED_STATUSES:
            self.errors += 1
        self.event("start", doc_id=payload.doc_id, time_started=round(payload.started, 3))
        self.event("done", doc_id=payload.doc_id, status=payload.status, seconds=round(payload.seconds, 3),
                   error=payload.error)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, name=payload.doc_id[-40:])
        elif self.mode == "log":
            now = time.monotonic()
            if now - self.last >= self.every or self.done == self.total:
                self.last = now
                self.stream.write(self.line(now) + "\n")
                self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.t0, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0
        return (f"extractor: {self.done}/{self.total} files, {rate:.1f} docs/s, {self.errors} "
                f"error{'s' if self.errors != 1 else ''}, ETA {_eta(left)}")
