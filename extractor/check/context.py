"""What every check shares: the document under check, evidence, locations and wording."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..extract.symbols import Symbol
from ..models import Citation, DocumentResult, Finding
from ..rules import Rules
from .lexicon import Lexicon, severity_of


def parse_iso(value: str | None) -> dt.date | None:
    """A full ISO date, or None for partial or missing dates."""
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def format_date(value: str | None) -> str:
    """ISO -> the Vietnamese way of writing it: 2021-11-26 -> 26/11/2021, 2023-05 -> 05/2023."""
    if not value:
        return "?"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    return value


def format_number(value: float, decimals: int | None = None) -> str:
    """Vietnamese style: 4240.67 -> "4.240,67", 50.9708 (2 decimals) -> "50,97"."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 2)
    s = f"{value:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def evidence_of(rec: Any, value: Any = None, role: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
    ev: dict[str, Any] = {"text": rec.text, "start": rec.start, "end": rec.end,
                          "section_id": rec.section_id}
    if getattr(rec, "page", None) is not None:
        ev["page"] = rec.page
    if value is not None:
        ev["value"] = value
    if role:
        ev["role"] = role
    if doc_id:
        ev["doc_id"] = doc_id
    return ev


def span_evidence(text: str, start: int, end: int, section_id: str | None, **extra: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {"text": text[start:end], "start": start, "end": end, "section_id": section_id}
    ev.update({k: v for k, v in extra.items() if v is not None})
    return ev


def location(section_id: str | None, start: int, body_start: int) -> str:
    if section_id:
        return f"§{section_id}"
    return "in the header" if start < body_start else "before the first section"


def locations(recs: Sequence[Any], body_start: int) -> str:
    seen: list[str] = []
    for r in recs:
        w = location(r.section_id, r.start, body_start)
        if w not in seen:
            seen.append(w)
    return ", ".join(seen)


@dataclass(slots=True)
class DocContext:
    result: DocumentResult
    rules: Rules
    lex: Lexicon
    body_start: int
    groups: dict[tuple, list[Citation]] = field(default_factory=dict)  # by group_key of c.symbol
    cache: dict[str, Any] = field(default_factory=dict)  # indexes a check builds once (sorted offsets)

    def finding(self, kind: str, message: str, evidence: list[dict], canonical: str | None = None,
                suggestion: str | None = None, rule: str | None = None) -> Finding:
        return Finding(kind=kind, severity=severity_of(self.lex, kind, rule), canonical=canonical,
                       message=message, evidence=evidence, suggestion=suggestion)


def group_key(sym: Symbol, lex: Lexicon) -> tuple:
    num, parts = sym.key(lex.aliases)
    return num, parts, sym.year


def display_name(cits: Sequence[Citation]) -> str:
    names = Counter(c.canonical for c in cits if c.canonical)
    return names.most_common(1)[0][0] if names else cits[0].text
