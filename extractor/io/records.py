"""Turn a DocumentResult into dataset rows: one table per record kind, fixed columns.

The tables, their columns and their order come from the record-kind registry
(``extractor.kinds``): a kind registered there gets rows here with no other edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..kinds import KINDS, TABLE_COLUMNS, record_kinds
from ..models import DocumentInfo, DocumentResult

# table name -> columns (a live view of the registry). ``doc_id`` leads every per-document table.
TABLES = TABLE_COLUMNS


def nested_columns(table: str) -> frozenset[str]:
    """Columns holding lists/dicts: JSON strings in CSV, native in JSONL and Parquet."""
    return KINDS[table].nested


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
        elif col == "canonical":
            row[col] = hdr.symbol.canonical if hdr.symbol is not None and hdr.symbol.canonical else None
        else:
            row[col] = getattr(hdr, col)
    row["recipients"] = list(hdr.recipients or [])
    return row


def record_row(table: str, doc_id: str | None, rec: Any) -> dict[str, Any]:
    kind = KINDS[table]
    row = {c: getattr(rec, c, None) for c in kind.columns}
    if "doc_id" in row and row["doc_id"] is None:
        row["doc_id"] = doc_id
    if kind.fix_row is not None:
        kind.fix_row(row)
    return row


def rows_of(result: DocumentResult) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (table, row) of one document, documents row first."""
    yield "documents", document_row(result)
    for kind in record_kinds():
        for rec in result.records(kind.attr):
            yield kind.table, record_row(kind.table, result.info.doc_id, rec)
