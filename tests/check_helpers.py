"""Build DocumentResult objects by hand from real snippets, for the checks' unit tests.

Offsets are found in the snippet, so each record points at the text it claims to be.
"""

from __future__ import annotations

from extractor.extract.symbols import parse
from extractor.models import (
    Citation,
    DateMention,
    DocumentInfo,
    DocumentResult,
    Header,
    Mention,
    Section,
    Statistic,
)


def locate(text: str, surface: str, nth: int = 0, after: int = 0) -> int:
    pos = after - 1
    for _ in range(nth + 1):
        pos = text.find(surface, pos + 1)
        assert pos >= 0, f"{surface!r} not in the snippet"
    return pos


def cite(text: str, surface: str, type: str, canonical: str, date: str | None = None,
         issuer: str | None = None, subject: str | None = None, raw: str | None = None,
         section: str | None = None, nth: int = 0) -> Citation:
    """A citation whose text is ``surface`` (its ``nth`` occurrence in ``text``)."""
    start = locate(text, surface, nth)
    end = start + len(surface)
    raw = raw if raw is not None else canonical
    sym_start = text.find(raw, start, end)
    assert sym_start >= 0, f"{raw!r} not in {surface!r}"
    number = raw.split("/")[0].split("-")[0].strip()
    return Citation(text=surface, type=type, number=number, code=canonical[len(number) + 1:],
                    canonical=canonical, year=None, date=date, issuer=issuer, start=start, end=end,
                    section_id=section, subject=subject, raw_symbol=raw, symbol_start=sym_start,
                    symbol_end=sym_start + len(raw), symbol=parse(canonical))


def stat(text: str, surface: str, value, unit: str | None, nth: int = 0, after: int = 0,
         numerator=None, denominator=None, unit_base: str | None = None, section: str | None = None) -> Statistic:
    start = locate(text, surface, nth, after)
    return Statistic(text=surface, value=value, unit=unit, subject=None, start=start,
                     end=start + len(surface), numerator=numerator, denominator=denominator,
                     value_base=value if isinstance(value, (int, float)) else None,
                     unit_base=unit_base or unit, section_id=section)


def date_mention(text: str, surface: str, iso: str | None, flag: str | None = None, nth: int = 0) -> DateMention:
    start = locate(text, surface, nth)
    return DateMention(text=surface, date=iso, date_end=None, start=start, end=start + len(surface), flag=flag)


def mention(text: str, surface: str, status: str, candidates=(), nth: int = 0) -> Mention:
    start = locate(text, surface, nth)
    return Mention(text=surface, type=surface.split()[0], number=surface.split()[-1], resolved_canonical=None,
                   start=start, end=start + len(surface), status=status, candidates=list(candidates))


def section(text: str, marker_line: str, section_id: str, end: int | None = None) -> Section:
    start = locate(text, marker_line)
    heading_end = start + len(marker_line)
    marker = marker_line.split()[0]
    return Section(section_id=section_id, parent_id=None, level=1, marker=marker,
                   heading=marker_line[len(marker):].strip(), label=None, start=start,
                   end=end if end is not None else len(text), heading_end=heading_end)


def document(text: str, citations=(), statistics=(), dates=(), mentions=(), sections=(),
             header_date: str | None = None, doc_id: str = "doc.txt") -> DocumentResult:
    return DocumentResult(info=DocumentInfo(doc_id=doc_id), text=text, header=Header(date=header_date),
                          citations=list(citations), statistics=list(statistics), dates=list(dates),
                          mentions=list(mentions), sections=list(sections))
