"""The record-kind registry: one entry per dataset table.

An entry says everything the rest of the package needs to know about a kind of record:
its record class, its table name and columns (a public contract: later versions add
tables or trailing columns, never rename or reorder), the Arrow type of each column, the
``DocumentResult`` attribute that holds the records, the spaCy span group, and how
``show`` (displaCy) and ``report`` (HTML) display it. The writers, ``io.records``,
``present.show``, ``present.report``, ``present.spacy_components`` and ``evaluate`` all
read this registry; adding a record kind is one new module (its record class and the
stage that finds it) plus one ``register(RecordKind(...))`` here — see
docs/ARCHITECTURE.md for a worked example.

Arrow types are written as strings (``"int64"``, ``"string"``, ``"list<string>"``) so
that reading the registry does not import pyarrow; ``io.writers`` turns them into types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .models import (
    Citation,
    CitedDocument,
    DateMention,
    DocumentInfo,
    Finding,
    Mention,
    ModelRecord,
    Section,
    Statistic,
)

SpanOf = Callable[[Any], Iterable[tuple[int, int, str]]]  # record -> (start, end, label)


def _one_span(label: Callable[[Any], str]) -> SpanOf:
    return lambda rec: [(rec.start, rec.end, label(rec))]


def _join(*parts: Any, sep: str = " · ") -> str:
    return sep.join(str(x) for x in parts if x)


@dataclass(frozen=True, slots=True)
class Display:
    """How ``show``, ``report`` and spaCy present one kind of record.

    ``spans`` gives the spaCy span group's (start, end, label) for a record; ``show_spans``
    the displaCy entities' (start, end) (default: ``spans``); ``describe`` what a record
    resolved to, beside it in ``show``; ``row_title`` the same from a table row, as a
    tooltip in ``report``. Where records overlap, the lower ``show_rank`` / higher
    ``report_rank`` wins; a kind without a rank is not drawn there.
    """

    label: str  # displaCy entity label: "CITATION"
    color: str  # displaCy colour
    spans: SpanOf
    describe: Callable[[Any], str] = lambda rec: ""
    show_spans: SpanOf | None = None
    show_rank: int | None = None
    report_rank: int | None = None  # report: higher wins
    report_class: str | None = None  # CSS class in the report ("cit")
    report_label: str | None = None  # short label in the report ("CIT")
    row_title: Callable[[Mapping[str, Any]], str] = lambda row: ""


@dataclass(frozen=True, slots=True)
class RecordKind:
    """One dataset table and the records it is made of."""

    table: str
    record: type
    columns: tuple[str, ...]
    types: Mapping[str, str]  # column -> Arrow type name; every column has one
    attr: str | None = None  # DocumentResult attribute (None: the documents row itself)
    per_document: bool = True  # rows carry the doc_id of one document
    located: bool = False  # the pipeline fills section_id and page from start
    nested: frozenset[str] = frozenset()  # list/dict columns (JSON strings in CSV)
    display: Display | None = None
    fix_row: Callable[[dict[str, Any]], None] | None = None  # last touch on a written row
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = [c for c in self.columns if c not in self.types]
        if missing:
            raise ValueError(f"record kind {self.table!r}: no Arrow type for {', '.join(missing)}")

    @property
    def span_key(self) -> str | None:
        """The spaCy ``doc.spans`` group (the table name) when the kind is displayed."""
        return self.table if self.display is not None else None


_KINDS: dict[str, RecordKind] = {}
KINDS: Mapping[str, RecordKind] = MappingProxyType(_KINDS)  # table -> kind, in table order
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {}  # table -> columns (kept in step with KINDS)


def register(kind: RecordKind) -> RecordKind:
    """Add a kind (its table appears in every output format). Findings stay the last table."""
    if kind.table in _KINDS:
        raise ValueError(f"record kind {kind.table!r} is already registered")
    items = list(_KINDS.items())
    last = items.pop() if items and items[-1][0] == "findings" and kind.table != "findings" else None
    items.append((kind.table, kind))
    if last:
        items.append(last)
    _KINDS.clear()
    _KINDS.update(items)
    TABLE_COLUMNS.clear()
    TABLE_COLUMNS.update((k.table, k.columns) for k in _KINDS.values())
    return kind


def unregister(table: str) -> None:
    """Remove a kind added by ``register`` (tests, plug-ins)."""
    _KINDS.pop(table)
    TABLE_COLUMNS.pop(table)


def record_kinds() -> list[RecordKind]:
    """Kinds whose records live in a ``DocumentResult`` list (every table but documents)."""
    return [k for k in _KINDS.values() if k.attr is not None]


def located_kinds() -> list[RecordKind]:
    return [k for k in _KINDS.values() if k.located]


def displayed_kinds() -> list[RecordKind]:
    return [k for k in _KINDS.values() if k.display is not None]


def records_of(result: Any, kind: RecordKind) -> list[Any]:
    """The records of ``kind`` in a ``DocumentResult``."""
    return result.records(kind.attr)


# --- the built-in kinds ------------------------------------------------------------------------

S, I64, F64, LS = "string", "int64", "float64", "list<string>"

LOCATED = {"section_id": S, "start": I64, "end": I64, "page": I64}
GRAPH = {"relation": S, "cue_start": I64, "cue_end": I64, "part": S, "article": S, "clause": S, "point": S}


def pinpoint_label(rec: Any) -> str:
    """``điểm a khoản 1 Điều 3 Mục II`` from a record's (or row's) pinpoint fields."""
    get = rec.get if isinstance(rec, Mapping) else (lambda k: getattr(rec, k, None))
    words = (("point", "điểm"), ("clause", "khoản"), ("article", "Điều"), ("part", "Mục"))
    return " ".join(f"{w} {get(k)}" for k, w in words if get(k))


def _statistic_row(row: dict[str, Any]) -> None:
    """``value`` is a number in every table and format: a ratio ("59/63") has its parts in
    numerator / denominator and its surface in ``text``; a whole float is written as an int."""
    value = row.get("value")
    if isinstance(value, str):
        row["value"] = None
    elif isinstance(value, float) and value.is_integer():
        row["value"] = int(value)


def fmt_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


register(RecordKind(
    table="documents", record=DocumentInfo, attr=None, columns=DocumentInfo.COLUMNS,
    types={"doc_id": S, "path": S, "format": S, "status": S, "error": S, "sha256": S, "n_chars": I64,
           "issuer": S, "issuer_parent": S, "issuer_body": S, "issuer_level": S, "province": S,
           "province_2025": S, "header_source": S, "doc_number": S, "place": S, "date": S, "doc_type": S, "title": S, "signer": S,
           "signer_title": S, "authority": S, "recipients": LS, "n_sections": I64, "n_citations": I64,
           "encoding": S, "n_pages": I64, "canonical": S},
    nested=frozenset({"recipients"}),
))

register(RecordKind(
    table="sections", record=Section, attr="sections", columns=("doc_id",) + Section.COLUMNS,
    types={"doc_id": S, "section_id": S, "parent_id": S, "level": I64, "marker": S, "heading": S,
           "label": S, "kind": S, "path": S, "start": I64, "end": I64},
    display=Display(
        label="SECTION", color="#ddd", show_rank=5,
        spans=lambda s: [(s.start, max(s.heading_end, s.start + len(s.marker)), s.section_id)],
        show_spans=lambda s: [(s.start, s.start + len(s.marker), "SECTION")],
        describe=lambda s: s.section_id),
))

register(RecordKind(
    table="citations", record=Citation, attr="citations", located=True,
    columns=("doc_id",) + Citation.COLUMNS + ("page",) + Citation.GRAPH_COLUMNS
    + Citation.ISSUER_COLUMNS,
    types={"doc_id": S, "text": S, "type": S, "number": S, "code": S, "canonical": S, "year": I64,
           "date": S, "issuer": S, **LOCATED, **GRAPH, "target_doc_id": S,
           "issuer_body": S, "issuer_level": S, "province": S},
    display=Display(
        label="CITATION", color="#7aecec", show_rank=0,
        spans=_one_span(lambda c: c.type or "citation"),
        describe=lambda c: _join(c.type, c.canonical, c.date, c.relation, pinpoint_label(c)),
        report_rank=5, report_class="cit", report_label="CIT",
        row_title=lambda r: _join(r.get("canonical"), r.get("date"), r.get("relation"), pinpoint_label(r))),
))

register(RecordKind(
    table="dates", record=DateMention, attr="dates", located=True,
    columns=("doc_id",) + DateMention.COLUMNS + ("page",),
    types={"doc_id": S, "text": S, "date": S, "date_end": S, "flag": S, **LOCATED},
    display=Display(
        label="DATE", color="#c887fb", show_rank=3,
        spans=_one_span(lambda d: d.flag or "date"),
        describe=lambda d: _join(d.date, d.date_end and f"→ {d.date_end}", d.flag),
        report_rank=1, report_class="date", report_label="DATE",
        row_title=lambda r: str(r.get("date"))),
))

register(RecordKind(
    table="statistics", record=Statistic, attr="statistics", located=True,
    columns=("doc_id",) + Statistic.COLUMNS + ("page",),
    types={"doc_id": S, "text": S, "value": F64, "unit": S, "subject": S, "numerator": F64,
           "denominator": F64, "value_base": F64, "unit_base": S, **LOCATED},
    fix_row=_statistic_row,
    display=Display(
        label="STATISTIC", color="#e4e7d2", show_rank=4,
        spans=_one_span(lambda s: s.unit or "number"),
        describe=lambda s: _join(fmt_value(s.value), s.unit, sep=" "),
        report_rank=2, report_class="stat", report_label="NUM",
        row_title=lambda r: f"{r.get('value') if r.get('value') is not None else r.get('text')} {r.get('unit') or ''}"),
))

register(RecordKind(
    table="models", record=ModelRecord, attr="models", located=True,
    columns=("doc_id",) + ModelRecord.COLUMNS + ("page",),
    types={"doc_id": S, "name": S, "kind": S, "owner": S, "field": S, "mentions": I64, **LOCATED},
    display=Display(
        label="MODEL", color="#feca74", show_rank=2,
        spans=lambda m: [(a, b, m.kind) for a, b in m.spans or [(m.start, m.end)]],
        describe=lambda m: _join(m.kind, m.owner),
        report_rank=3, report_class="model", report_label="MODEL",
        row_title=lambda r: f"{r.get('kind')}: {r.get('name')}"),
))

register(RecordKind(
    table="mentions", record=Mention, attr="mentions", located=True,
    columns=("doc_id",) + Mention.COLUMNS + ("page",) + Mention.GRAPH_COLUMNS,
    types={"doc_id": S, "text": S, "type": S, "number": S, "resolved_canonical": S, **LOCATED, **GRAPH},
    display=Display(
        label="MENTION", color="#bfeeb7", show_rank=1,
        spans=_one_span(lambda m: m.status),
        describe=lambda m: _join(m.status, m.resolved_canonical, m.relation, pinpoint_label(m)),
        report_rank=4, report_class="mention", report_label="REF",
        row_title=lambda r: f"→ {r.get('resolved_canonical') or '?'}"),
))

register(RecordKind(
    table="cited_documents", record=CitedDocument, attr="cited_documents", per_document=False,
    columns=CitedDocument.COLUMNS,
    types={"cited_id": S, "canonical": S, "type": S, "issuer": S, "year": I64, "best_date": S, "date_source": S,
           "n_citations": I64, "n_citing_documents": I64, "target_doc_id": S, "in_catalog": "bool",
           "first_citing_date": S, "last_citing_date": S, "relations": "string"},
    nested=frozenset({"relations"}),
))

register(RecordKind(
    table="findings", record=Finding, attr="findings", per_document=False, columns=Finding.COLUMNS,
    types={"finding_id": S, "doc_id": S, "kind": S, "severity": S, "canonical": S, "message": S,
           "evidence": S, "suggestion": S},
    nested=frozenset({"evidence"}),
))
