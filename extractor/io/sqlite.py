"""``--format sqlite``: every table in one database, ``OUT/extractor.sqlite`` (stdlib sqlite3).

The database holds one SQL table per record kind (the same columns as the other formats;
list and dict cells as JSON text), indexes on ``doc_id`` / ``canonical`` /
``target_doc_id``, a full-text index (FTS5) over the document titles, section headings and
— when the run keeps them (``--keep-text``) — the document texts, and views for the
common joins:

- ``citations_with_target``: each citation with the header of the archive document it
  links to (``target_*``);
- ``implementations``: who implements what (a citation with relation ``implements``, the
  citing document's date and title, the cited document and its archive copy if any);
- ``implementation_chains``: the same followed through the archive (A implements B which
  implements C …), with the path.

Like the other formats it is written to a hidden partial file and renamed when the run
closes; an incremental run rebuilds it from the run's store, so it stays in step.
``OUT/metadata.json`` (Datasette: descriptions, facets, canned queries) is written beside it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..kinds import RecordKind
from .writers import FormatWriter, register_format

DB_NAME = "extractor.sqlite"
_SQL_TYPES = {"int64": "INTEGER", "float64": "REAL", "bool": "INTEGER"}
INDEXED = ("doc_id", "canonical", "target_doc_id", "resolved_canonical", "kind", "relation")

VIEWS = {
    "citations_with_target": """
        SELECT c.*, d.issuer AS target_issuer, d.doc_type AS target_type, d.date AS target_date,
               d.title AS target_title
        FROM citations c LEFT JOIN documents d ON d.doc_id = c.target_doc_id""",
    "implementations": """
        SELECT c.doc_id AS implementer, src.date AS implementer_date, src.title AS implementer_title,
               c.type AS implemented_type, c.canonical AS implemented, c.issuer AS implemented_issuer,
               c.date AS implemented_date, c.target_doc_id AS implemented_doc_id, c.section_id, c.text
        FROM citations c JOIN documents src ON src.doc_id = c.doc_id
        WHERE c.relation = 'implements'""",
    "implementation_chains": """
        WITH RECURSIVE chain(start_doc, doc_id, depth, path) AS (
            SELECT DISTINCT doc_id, target_doc_id, 1, doc_id || ' → ' || target_doc_id
            FROM citations WHERE relation = 'implements' AND target_doc_id IS NOT NULL
            UNION
            SELECT chain.start_doc, c.target_doc_id, chain.depth + 1, chain.path || ' → ' || c.target_doc_id
            FROM chain JOIN citations c ON c.doc_id = chain.doc_id
            WHERE c.relation = 'implements' AND c.target_doc_id IS NOT NULL AND chain.depth < 12
              AND instr(chain.path, c.target_doc_id) = 0)
        SELECT start_doc, doc_id AS reaches, depth, path FROM chain""",
}


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return int(value)
    if value is not None and not isinstance(value, (int, float, str)):
        return str(value)
    return value


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteWriter(FormatWriter):
    """Every table into one SQLite database."""

    suffix = "sqlite"

    @classmethod
    def outputs(cls, out_dir: Path, tables) -> list[Path]:
        return [out_dir / DB_NAME, out_dir / f".{DB_NAME}.partial"]

    def __init__(self, out_dir: Path, kinds: Mapping[str, RecordKind]):
        super().__init__(out_dir, kinds)
        self.tmp = out_dir / f".{DB_NAME}.partial"
        self.tmp.unlink(missing_ok=True)
        self.partials.append((self.tmp, out_dir / DB_NAME))
        self.db: sqlite3.Connection | None = sqlite3.connect(self.tmp)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.inserts: dict[str, str] = {}
        for table, kind in kinds.items():
            cols = ", ".join(f"{quote(c)} {_SQL_TYPES.get(kind.types[c], 'TEXT')}" for c in kind.columns)
            self.db.execute(f"CREATE TABLE {quote(table)} ({cols})")
            marks = ", ".join("?" for _ in kind.columns)
            self.inserts[table] = f"INSERT INTO {quote(table)} VALUES ({marks})"
        self.pending: dict[str, list[tuple]] = {t: [] for t in kinds}

    def write(self, table: str, row: dict[str, Any]) -> None:
        rows = self.pending[table]
        rows.append(tuple(_cell(row.get(c)) for c in self.kinds[table].columns))
        if len(rows) >= 5000:
            self._flush(table)

    def _flush(self, table: str) -> None:
        assert self.db is not None
        self.db.executemany(self.inserts[table], self.pending[table])
        self.pending[table] = []

    def close(self) -> None:
        if self.db is None:
            return
        for table in self.kinds:
            self._flush(table)
        db = self.db
        for table, kind in self.kinds.items():
            for col in INDEXED:
                if col in kind.columns:
                    db.execute(f"CREATE INDEX {quote(f'ix_{table}_{col}')} ON {quote(table)} ({quote(col)})")
        if "documents" in self.kinds:
            self._fts(db)
            if "citations" in self.kinds:
                for name, sql in VIEWS.items():
                    db.execute(f"CREATE VIEW {quote(name)} AS {sql}")
        db.commit()
        db.close()
        self.db = None
        write_metadata(self.out_dir)

    def _fts(self, db: sqlite3.Connection) -> None:
        """``search``: one row per document (title, headings, text) and one per heading."""
        db.execute("CREATE VIRTUAL TABLE search USING fts5(doc_id UNINDEXED, section_id UNINDEXED, kind UNINDEXED,"
                   " title, body, tokenize = 'unicode61')")
        texts = self.out_dir / "texts"
        docs = db.execute("SELECT doc_id, title FROM documents").fetchall()
        for doc_id, title in docs:
            path = texts / f"{doc_id}.txt"
            body = path.read_text(encoding="utf-8") if path.is_file() else ""
            db.execute("INSERT INTO search VALUES (?, NULL, 'document', ?, ?)", (doc_id, title or "", body))
        if "sections" in self.kinds:
            db.execute("INSERT INTO search SELECT doc_id, section_id, 'heading', heading, '' FROM sections")

    def abort(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


register_format("sqlite", SqliteWriter)


def write_metadata(out_dir: Path) -> None:
    """``OUT/metadata.json`` for Datasette (``datasette OUT/extractor.sqlite -m OUT/metadata.json``)."""
    from .datasette import metadata

    (out_dir / "metadata.json").write_text(json.dumps(metadata(), ensure_ascii=False, indent=2), encoding="utf-8")


def query(out_dir: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one SQL statement on ``OUT/extractor.sqlite`` (read-only): (column names, rows)."""
    path = Path(out_dir) / DB_NAME if Path(out_dir).is_dir() else Path(out_dir)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run 'extractor run ... -o {out_dir} --format sqlite' first")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cur = db.execute(sql)
        cols = [d[0] for d in cur.description or []]
        return cols, cur.fetchall()
    finally:
        db.close()
