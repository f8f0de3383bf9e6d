"""What every check shares: the document under check, evidence, locations and wording."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import regex as re

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


_FOOTNOTE = re.compile(r"[ \t]*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]|\(\d{1,3}\))(?=[ \t]*\S)")


_CLOSING_CHARS = 600  # a signature block and its "Nơi nhận" list are shorter than this


class Places:
    """Where an offset is, named as a reader finds it: "§II.1", "the header", "footnote ¹",
    "annex “PHỤ LỤC I”", "the closing", "the opening lines before §I"."""

    def __init__(self, result: DocumentResult | None = None, body_start: int = 0, annex_re: Any = None):
        text = result.text if result is not None else ""
        self.text = text or ""
        self.body_start = body_start
        hdr = result.header if result is not None else None
        self.body_end = hdr.body_end if hdr is not None else None
        sections = sorted(result.sections, key=lambda s: s.start) if result is not None else []
        self.first_section = sections[0] if sections else None
        self._lines: list[int] | None = None
        self.annexes: list[tuple[int, str]] = []
        if annex_re is not None and self.text:
            for m in annex_re.finditer(self.text, body_start):
                line_end = self.text.find("\n", m.start())
                line = self.text[m.start():line_end if line_end >= 0 else len(self.text)].strip()
                self.annexes.append((m.start(), " ".join(line.split())[:40]))

    def _line_start(self, pos: int) -> int:
        """Start of the line holding ``pos`` (line starts indexed once: a report can be one
        long line, and searching back from every record would cost n²)."""
        if self._lines is None:
            self._lines = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]
        return self._lines[bisect.bisect_right(self._lines, pos) - 1]

    def where(self, section_id: str | None, start: int) -> str:
        if start < self.body_start:
            return "the header"
        line_start = self._line_start(start)
        m = _FOOTNOTE.match(self.text, line_start) if self.text else None
        if m and line_start >= self.body_start:
            return f"footnote {m.group().strip()}"
        annex = next((name for pos, name in reversed(self.annexes) if pos <= start), None)
        if annex:
            return f"annex “{annex}”" + (f", §{section_id}" if section_id else "")
        if section_id:
            return f"§{section_id}"
        if self.body_end is not None and start >= self.body_end:
            # the signature and "Nơi nhận" block, or a document attached after it
            return "the closing" if start - self.body_end < _CLOSING_CHARS else "the attachment after the signature"
        if self.first_section is not None and start < self.first_section.start:
            return f"the opening lines before §{self.first_section.section_id}"
        return "the body"


def location(section_id: str | None, start: int, places: Places) -> str:
    return places.where(section_id, start)


def locations(recs: Sequence[Any], places: Places) -> str:
    seen: list[str] = []
    for r in recs:
        w = places.where(r.section_id, r.start)
        if w not in seen:
            seen.append(w)
    return ", ".join(seen)


@dataclass(slots=True)
class DocContext:
    result: DocumentResult
    rules: Rules
    lex: Lexicon
    places: Places | int  # an int: the body start, made into Places of the result
    groups: dict[tuple, list[Citation]] = field(default_factory=dict)  # by group_key of c.symbol
    cache: dict[str, Any] = field(default_factory=dict)  # indexes a check builds once (sorted offsets)

    def __post_init__(self) -> None:
        if isinstance(self.places, int):
            self.places = Places(self.result, self.places, self.lex.annex_re)

    @property
    def body_start(self) -> int:
        return self.places.body_start

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
