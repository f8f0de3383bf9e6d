"""The run's durable state in ``OUT/.extractor/store.sqlite``, and ``OUT/manifest.json``.

Every document's payload (its rows for every table, what the archive stages need, its
file's path/size/mtime/sha256/status) is committed in its own SQLite transaction as soon
as it arrives, so a run killed at any moment (``kill -9``, a power cut after the WAL is
synced) loses at most the documents in flight. The tables in ``OUT/`` are always rebuilt
from the store at the end of a run, in input order, so an interrupted-and-resumed run,
an incremental run and a fresh full run write the same tables.

The store also remembers what the records depend on — the extractor version, a hash of
the rules, and the options that change records — so that a change of any of them means a
full run. ``manifest.json`` is the readable copy: one entry per file plus the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import DocumentResult
from ..rules import Rules
from .discover import STATE_DIR, Job
from .worker import Payload

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT, status TEXT NOT NULL, error TEXT, n_chars INTEGER NOT NULL,
    rows TEXT NOT NULL, rendered TEXT NOT NULL, counts TEXT NOT NULL, light BLOB NOT NULL,
    has_text INTEGER NOT NULL, seconds REAL NOT NULL
);
"""
DOC_COLUMNS = ("doc_id", "path", "size", "mtime_ns", "sha256", "status", "error", "n_chars", "rows", "rendered",
               "counts", "light", "has_text", "seconds")


@dataclass(slots=True)
class Entry:
    doc_id: str
    path: str
    size: int
    mtime_ns: int
    sha256: str | None
    status: str


def rules_hash(rules: Rules) -> str:
    """sha256 over every rule file the run reads (default folder and overlay), by name."""
    h = hashlib.sha256()
    for name in sorted(rules.names()):
        p = rules.path(name)
        h.update(name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def run_key(version: str, rules: Rules, options: dict[str, Any]) -> dict[str, Any]:
    """What the records depend on; a change of any part means a full run."""
    return {"extractor": version, "rules": rules_hash(rules), "options": options}


def describe_change(old: dict[str, Any], new: dict[str, Any]) -> str:
    if old.get("extractor") != new["extractor"]:
        return f"extractor version changed ({old.get('extractor')} → {new['extractor']})"
    if old.get("rules") != new["rules"]:
        return "rules changed"
    changed = sorted(k for k in set(old.get("options", {})) | set(new["options"])
                     if old.get("options", {}).get(k) != new["options"].get(k))
    return "options changed (" + ", ".join(
        f"{k}: {old.get('options', {}).get(k)!r} → {new['options'].get(k)!r}" for k in changed) + ")"


class Store:
    """One SQLite file; one transaction per committed document."""

    def __init__(self, out_dir: Path):
        self.dir = out_dir / STATE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / "store.sqlite"
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        cols = tuple(r[1] for r in self.db.execute("PRAGMA table_info(docs)"))
        if cols and cols != DOC_COLUMNS:  # a store of an older layout: start afresh
            self.db.executescript("DROP TABLE docs; DELETE FROM meta;")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- what the records depend on

    def key(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'run_key'").fetchone()
        return json.loads(row[0]) if row else None

    def set_key(self, key: dict[str, Any]) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run_key', ?)", (json.dumps(key, sort_keys=True),))

    def clear(self) -> None:
        self.db.execute("DELETE FROM docs")
        self.set_written(None)

    def written(self) -> dict[str, Any] | None:
        """What the tables in OUT/ were last built with (formats, row counts), if complete."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'written'").fetchone()
        return json.loads(row[0]) if row else None

    def set_written(self, value: dict[str, Any] | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = 'written'")
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('written', ?)", (json.dumps(value),))

    # --- documents

    def entries(self) -> dict[str, Entry]:
        cur = self.db.execute("SELECT doc_id, path, size, mtime_ns, sha256, status FROM docs")
        return {r[0]: Entry(*r) for r in cur}

    def commit(self, job: Job, payload: Payload) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO docs VALUES ({', '.join('?' * len(DOC_COLUMNS))})",
            (job.doc_id, str(job.path), job.size, job.mtime_ns, payload.sha256, payload.status,
             payload.error, payload.n_chars, payload.rows, payload.rendered, json.dumps(payload.counts),
             payload.light, int(payload.text is not None), payload.seconds))

    def touch(self, job: Job) -> None:
        """Same content under a new mtime: remember the new one, keep the records."""
        self.db.execute("UPDATE docs SET size = ?, mtime_ns = ? WHERE doc_id = ?",
                        (job.size, job.mtime_ns, job.doc_id))

    def remove(self, doc_ids: list[str]) -> None:
        self.db.execute("BEGIN")
        self.db.executemany("DELETE FROM docs WHERE doc_id = ?", [(d,) for d in doc_ids])
        self.db.execute("COMMIT")

    def rows(self, doc_id: str) -> Iterator[tuple[str, dict[str, Any]]]:
        row = self.db.execute("SELECT rows FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        if row and row[0]:
            for line in row[0].split("\n"):
                table, rec = json.loads(line)
                yield table, rec

    def document(self, doc_id: str) -> tuple[Any, dict[str, dict[str, str]], dict[str, int], DocumentResult] | None:
        """(rows loader, rendered texts, row counts, light result) of one stored document."""
        row = self.db.execute("SELECT rows, rendered, counts, light FROM docs WHERE doc_id = ?",
                              (doc_id,)).fetchone()
        if row is None:
            return None
        text = row[0]

        def rows() -> Iterator[tuple[str, dict[str, Any]]]:
            for line in text.split("\n") if text else ():
                table, rec = json.loads(line)
                yield table, rec

        return rows, json.loads(row[1]), json.loads(row[2]), pickle.loads(row[3])

    def light(self, doc_id: str) -> DocumentResult | None:
        row = self.db.execute("SELECT light FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def status_counts(self, doc_ids: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in doc_ids:
            row = self.db.execute("SELECT status FROM docs WHERE doc_id = ?", (d,)).fetchone()
            if row:
                counts[row[0]] = counts.get(row[0], 0) + 1
        return counts

    # --- the readable manifest

    def write_manifest(self, out_dir: Path, jobs: list[Job], key: dict[str, Any], run: dict[str, Any]) -> None:
        files = []
        for job in jobs:
            r = self.db.execute("SELECT path, size, mtime_ns, sha256, status, error FROM docs WHERE doc_id = ?",
                                (job.doc_id,)).fetchone()
            if r:
                files.append({"doc_id": job.doc_id, "path": r[0], "size": r[1], "mtime_ns": r[2],
                              "sha256": r[3], "status": r[4], "error": r[5]})
        data = {**key, "run": run, "files": files}
        write_atomic(out_dir / "manifest.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def write_atomic(target: Path, text: str) -> None:
    """Write ``target`` whole or not at all (a hidden temporary file, then a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, target)
