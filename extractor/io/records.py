"""Turn a DocumentResult into dataset rows: one table per record kind, fixed columns.

Column lists are a public contract: later versions add tables or trailing columns,
never rename or reorder these.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..models import (
    Citation,
    DateMention,
    DocumentInfo,
    DocumentResult,
    Finding,
    Mention,
    ModelRecord,
    Section,
    Statistic,
)

# table name -> (columns, record class). ``doc_id`` leads every per-document table.
TABLES: dict[str, tuple[str, ...]] = {
    "documents": DocumentInfo.COLUMNS,
    "sections": ("doc_id",) + Section.COLUMNS,
    "citations": ("doc_id",) + Citation.COLUMNS + ("page",),
    "dates": ("doc_id",) + DateMention.COLUMNS + ("page",),
    "statistics": ("doc_id",) + Statistic.COLUMNS + ("page",),
    "models": ("doc_id",) + ModelRecord.COLUMNS + ("page",),
    "mentions": ("doc_id",) + Mention.COLUMNS + ("page",),
    "findings": Finding.COLUMNS,
}

# Columns holding lists/dicts: JSON strings in CSV, native in JSONL and Parquet.
NESTED_COLUMNS = {"recipients", "evidence"}

_KIND_ATTR = {
    "sections": "sections",
    "citations": "citations",
    "dates": "dates",
    "statistics": "statistics",
    "models": "models",
    "mentions": "mentions",
    "findings": "findings",
}


def document_row(result: DocumentResult) -> dict[str, Any]:
    info, hdr = result.info, result.header
    row: dict[str, Any] = {}
    for col in DocumentInfo.COLUMNS:
        if hasattr(info, col):
            row[col] = getattr(info, col)
        elif col == "n_sections":
            row[col] = len(result.sections)
        elif col == "n_citations":
            row[col] = len(result.citations)
        else:
            row[col] = getattr(hdr, col)
    row["recipients"] = list(hdr.recipients or [])
    return row


def record_row(table: str, doc_id: str | None, rec: Any) -> dict[str, Any]:
    row = {c: getattr(rec, c, None) for c in TABLES[table]}
    if "doc_id" in row and row["doc_id"] is None:
        row["doc_id"] = doc_id
    if table == "statistics" and isinstance(row.get("value"), float) and row["value"].is_integer():
        row["value"] = int(row["value"])
    return row


def rows_of(result: DocumentResult) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (table, row) of one document, documents row first."""
    yield "documents", document_row(result)
    for table, attr in _KIND_ATTR.items():
        for rec in getattr(result, attr):
            yield table, record_row(table, result.info.doc_id, rec)
