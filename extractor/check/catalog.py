"""The catalog of known documents (``rules/catalog.csv`` plus users' CSV files) and the
catalog_mismatch check of citations against it.

A số hiệu alone does not name one document: state numbers restart every calendar year, Party
numbers every term of the committee, and ``16/CT-TTg`` names three directives. A catalog row
is therefore picked by number + code *and* the date (or the year/term it falls in); when the
date cannot tell the rows apart the answer is "ambiguous", never a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract import symbols
from ..extract.symbols import Symbol, Terms, digit_slip, same_period
from ..models import Citation, DocumentResult, Finding
from ..rules import Rules
from ..text.fold import fold, strip_marks
from .context import Places, display_name, evidence_of, format_date, group_key, locations, parse_iso
from .issuers import bodies_in, body_of, national, normal_issuer, same_body
from .lexicon import Lexicon, lexicon, severity_of

COLUMNS = ("type", "number", "code", "full_number", "date", "issuer", "title_short", "source_url")
REQUIRED = ("type", "number", "code", "date", "issuer")


class CatalogError(ValueError):
    """A user catalog file is missing or lacks the required columns."""


# --- the catalog ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    type: str
    number: str
    code: str
    full_number: str
    date: str | None
    issuer: str
    title_short: str
    source_url: str
    origin: str  # file the row comes from
    symbol: Symbol | None


@dataclass(slots=True)
class Lookup:
    """Result of picking catalog rows for one citation.

    status: "match" (a row agrees on the date), "unique" (one row, the citation has no
    date), "mismatch" (exactly one row of the same numbering period, another date),
    "ambiguous" (rows the date cannot choose between), "other" (rows of the same số hiệu
    in other periods: another document), "absent" (no row)."""

    status: str
    entry: Entry | None = None
    candidates: tuple[Entry, ...] = ()


class Catalog:
    def __init__(self, entries: Iterable[Entry], terms: Terms, aliases: dict[str, str] | None = None):
        self.entries = list(entries)
        self.terms = terms
        self.aliases = aliases or {}
        self._by_key: dict[tuple[str, tuple[str, ...]], list[Entry]] = {}
        self._by_date: dict[str, list[Entry]] = {}
        for e in self.entries:
            if e.date:
                self._by_date.setdefault(e.date, []).append(e)
            if e.symbol is not None:
                self._by_key.setdefault(e.symbol.key(self.aliases), []).append(e)

    def __len__(self) -> int:
        return len(self.entries)

    def rows_for(self, sym: Symbol, accept: Callable[[Entry], bool] | None = None) -> list[Entry]:
        """Rows of the same number and codes whose year (if both have one) agrees and that
        ``accept`` keeps (e.g. rows of the same local issuer)."""
        rows = self._by_key.get(sym.key(self.aliases), [])
        return [e for e in rows if (sym.year is None or e.symbol.year is None or e.symbol.year == sym.year)
                and (accept is None or accept(e))]

    def lookup(self, sym: Symbol, date: str | None, accept: Callable[[Entry], bool] | None = None) -> Lookup:
        rows = self.rows_for(sym, accept)
        if not rows:
            return Lookup("absent")
        when = parse_iso(date)
        if when is None:
            if len(rows) == 1 and (sym.year is not None or rows[0].symbol.year is None):
                return Lookup("unique", rows[0], tuple(rows))
            return Lookup("ambiguous", None, tuple(rows))
        exact = [e for e in rows if e.date == date]
        if exact:
            return Lookup("match", exact[0], tuple(rows))
        undated = [e for e in rows if parse_iso(e.date) is None]
        verdicts = [(e, self._same(sym, e, when)) for e in rows if parse_iso(e.date) is not None]
        same = [e for e, v in verdicts if v is True]
        unsure = [e for e, v in verdicts if v is None]
        if len(same) == 1 and not undated and not unsure:
            return Lookup("mismatch", same[0], tuple(rows))
        if not same and not undated and not unsure:
            return Lookup("other", None, tuple(rows))
        return Lookup("ambiguous", None, tuple(rows))

    def _same(self, sym: Symbol, e: Entry, when: dt.date) -> bool | None:
        row_sym = e.symbol
        if sym.year is None and row_sym.year is not None:  # "16/CT-TTg" vs "16/2001/CT-TTg"
            return when.year == row_sym.year
        return same_period(row_sym if row_sym.year else sym, when, parse_iso(e.date), self.terms)

    def near(self, sym: Symbol, date: str | None, accept: Callable[[Entry], bool] | None = None) -> list[Entry]:
        """Rows dated ``date`` whose số hiệu differs from ``sym`` only in the issuer code or
        by a digit slip of the number (25-NQ/TU vs 25-NQ/TW, 657 vs 675)."""
        if parse_iso(date) is None:
            return []
        key_num, key_parts = sym.key(self.aliases)
        out = []
        for e in self._by_date.get(date, ()):
            if e.symbol is None or (accept is not None and not accept(e)):
                continue
            num, parts = e.symbol.key(self.aliases)
            if (num, parts) == (key_num, key_parts):
                continue
            same_type = bool(parts) and bool(key_parts) and parts[0] == key_parts[0]
            if num == key_num and same_type and len(parts) == len(key_parts):
                out.append(e)
            elif parts == key_parts and _slip_not_sequence(num, key_num):
                out.append(e)
        return out


# An issuer numbers the documents of one day in sequence: the Government's 55/2015/NĐ-CP
# and 56/2015/NĐ-CP are both of 09/6/2015. A one-digit change this close is no evidence of
# a slip; a transposition (657/675) or a far substitution (657/697) is.
_SEQUENCE_GAP = 10


def _slip_not_sequence(a: str, b: str) -> bool:
    kind = digit_slip(a, b)
    if kind == "substitution":
        return abs(int(a) - int(b)) >= _SEQUENCE_GAP
    return kind is not None


def _entry(row: dict[str, str], origin: str) -> Entry:
    full = (row.get("full_number") or "").strip()
    number = (row.get("number") or "").strip()
    code = (row.get("code") or "").strip()
    if not full and number and code:
        full = f"{number}-{code}" if "/" in code else f"{number}/{code}"
    return Entry(
        type=(row.get("type") or "").strip(),
        number=number,
        code=code,
        full_number=full,
        date=(row.get("date") or "").strip() or None,
        issuer=(row.get("issuer") or "").strip(),
        title_short=(row.get("title_short") or "").strip(),
        source_url=(row.get("source_url") or "").strip(),
        origin=origin,
        symbol=symbols.parse(full),
    )


def read_csv(path: str | Path) -> list[Entry]:
    """Rows of a user catalog (same columns as rules/catalog.csv)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CatalogError(f"cannot read catalog {p}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CatalogError(f"catalog {p} is not UTF-8 text") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"catalog {p} lacks the column(s) {', '.join(missing)} "
                           f"(expected: {', '.join(COLUMNS)})")
    entries = []
    for i, row in enumerate(reader, 2):
        e = _entry(row, f"{p.name}:{i}")
        if e.date and parse_iso(e.date) is None:
            raise CatalogError(f"{p}:{i}: date {e.date!r} is not YYYY-MM-DD")
        entries.append(e)
    return entries


def load_catalog(rules: Rules, extra: Sequence[str | Path] = ()) -> Catalog:
    """rules/catalog.csv (or the --rules overlay's) plus the users' files; a user row with
    the same số hiệu and date as a default row replaces it."""
    base = [_entry(r, f"catalog.csv:{i}") for i, r in enumerate(rules.data("catalog"), 2)]
    users = [e for path in extra for e in read_csv(path)]
    seen = {(e.full_number, e.date) for e in users}
    entries = users + [e for e in base if (e.full_number, e.date) not in seen]
    return Catalog(entries, symbols.terms_from(rules), symbols.codes(rules).aliases)


def default_catalog(rules: Rules) -> Catalog:
    return rules.compiled("catalog.default", lambda r: load_catalog(r))


# --- catalog_mismatch -----------------------------------------------------------------------

def check_catalog(result: DocumentResult, rules: Rules, catalog: Catalog | None = None) -> list[Finding]:
    """Citations of one document against the catalog: catalog_mismatch findings (doc_id set)."""
    lex = lexicon(rules)
    catalog = catalog or default_catalog(rules)
    if not len(catalog):
        return []
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    syms: dict[tuple, Symbol] = {}
    for c in result.citations:
        sym = c.symbol
        if sym is None:
            continue
        key = group_key(sym, lex) + (c.date or "",)
        groups[key].append(c)
        syms[key] = sym
    places = Places(result, result.header.body_start if result.header else 0, lex.annex_re)
    out = []
    for key, cits in groups.items():
        f = _catalog_finding(cits, syms[key], catalog, lex, places)
        if f is not None:
            f.doc_id = result.doc_id
            out.append(f)
    return out


def catalog_filter(issuer: str | None, lex: Lexicon) -> Callable[[Any], bool]:
    """Which catalog rows can be the cited document: any row of a national code (-TTg, /TW);
    a row of a local code (UBND, TU) only when the citation names the same body with its
    place (a "23/KH-UBND" exists in every commune)."""
    mine = strip_marks(normal_issuer(issuer, lex)) if issuer and lex.place_re.search(issuer) else ""

    def accept(entry: Any) -> bool:
        if entry.symbol is not None and national(entry.symbol, lex):
            return True
        return _contains_either(mine, strip_marks(normal_issuer(entry.issuer, lex)))

    return accept


def _contains_either(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _catalog_finding(cits: list[Citation], sym: Symbol, catalog: Catalog, lex: Lexicon, places: Places) -> Finding | None:
    date = cits[0].date
    accept = catalog_filter(next((c.issuer for c in cits if c.issuer), None), lex)
    hit = catalog.lookup(sym, date, accept)
    name = display_name(cits)
    where = locations(cits, places)
    sev = severity_of(lex, "catalog_mismatch")
    evidence = [evidence_of(c, c.date) for c in cits]
    if hit.status == "absent":
        near = catalog.near(sym, date, accept)
        if len(near) != 1:
            return None
        e = near[0]
        msg = (f"{name} dated {format_date(date)} is not in the catalog; the catalog lists {e.full_number} "
               f"of {format_date(e.date)} ({e.issuer}) ({where})")
        return Finding("catalog_mismatch", sev, name, msg, evidence, _source(e.full_number, e))
    if hit.status == "mismatch":
        e = hit.entry
        msg = (f"{name} cited with date {format_date(date)}; the catalog gives {format_date(e.date)} "
               f"for {e.full_number} ({e.issuer}) ({where})")
        return Finding("catalog_mismatch", sev, name, msg, evidence, _source(format_date(e.date), e))
    if hit.status in ("match", "unique"):
        return _catalog_details(cits, hit.entry, lex, name, where, evidence, sev)
    return None


def _catalog_details(cits: list[Citation], e: Any, lex: Lexicon, name: str, where: str,
                     evidence: list[dict], sev: str) -> Finding | None:
    types = {c.type for c in cits if c.type}
    wrong_type = [t for t in types if e.type and fold(t) != fold(e.type)]
    if wrong_type:
        msg = f"{name} is cited as {wrong_type[0]}; the catalog lists it as {e.type} ({where})"
        return Finding("catalog_mismatch", sev, name, msg, evidence, _source(e.type, e))
    allowed = bodies_in(e.issuer, lex)
    for c in cits:
        body = body_of(c.issuer, lex)
        if body and allowed and not any(same_body(body, a, lex) for a in allowed):
            msg = f"{name} is cited as issued by “{c.issuer}”; the catalog gives {e.issuer} ({where})"
            return Finding("catalog_mismatch", sev, name, msg, evidence, _source(e.issuer, e))
    return None


def _source(value: str, e: Any) -> str:
    return f"{value} (catalog: {e.source_url})" if e.source_url else value
