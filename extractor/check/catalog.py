"""The catalog of known documents (``rules/catalog.csv`` plus users' CSV files) and the
parsing of số/ký hiệu that the checks share.

A số hiệu alone does not name one document: state numbers restart every calendar year, Party
numbers every term of the committee, and ``16/CT-TTg`` names three directives. A catalog row
is therefore picked by number + code *and* the date (or the year/term it falls in); when the
date cannot tell the rows apart the answer is "ambiguous", never a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex as re

from ..rules import Rules, RulesError

COLUMNS = ("type", "number", "code", "full_number", "date", "issuer", "title_short", "source_url")
REQUIRED = ("type", "number", "code", "date", "issuer")


class CatalogError(ValueError):
    """A user catalog file is missing or lacks the required columns."""


# --- số / ký hiệu ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed số/ký hiệu: ``04/2015/NĐ-CP`` -> number 04, year 2015, parts (NĐ, CP)."""

    number: str  # as written ("04", "30a")
    year: int | None  # year inside the number (VBQPPL, old style)
    style: str  # "party" (NUMBER-TYPE/ISSUER) | "state" (NUMBER/TYPE-ISSUER, NUMBER/ISSUER)
    parts: tuple[str, ...]  # codes after the number (and year), in order

    @property
    def number_key(self) -> str:
        return normalize_number(self.number)

    def key(self, aliases: dict[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
        """Identity of the số hiệu regardless of separators and case (217/QĐ-TW = 217-QĐ/TW)."""
        return self.number_key, tuple(code_key(p, aliases) for p in self.parts)


_SYMBOL = re.compile(
    r"^\s*(?P<num>\d+[\p{Ll}]?)\s*(?P<sep>[-–/])\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<rest>\S.*?)\s*$",
    re.S,
)
_PART_SPLIT = re.compile(r"\s*[-–/]\s*")


def parse_symbol(symbol: str | None) -> Symbol | None:
    """Parse a (normalised or raw) số hiệu; None when it has no number and code."""
    if not symbol:
        return None
    m = _SYMBOL.match(symbol)
    if not m:
        return None
    rest = m.group("rest")
    parts = tuple(p for p in _PART_SPLIT.split(rest) if p)
    if not parts:
        return None
    style = "party" if m.group("sep") in "-–" and "/" in rest else "state"
    year = int(m.group("year")) if m.group("year") else None
    return Symbol(m.group("num"), year, style, parts)


def normalize_number(number: str) -> str:
    """"04" -> "4", "30A" -> "30a" (leading zeros and case do not change the number)."""
    s = number.strip().lower()
    digits = s.rstrip("abcdefghijklmnopqrstuvwxyzđ")
    return (digits.lstrip("0") or "0") + s[len(digits):]


def code_key(code: str, aliases: dict[str, str] | None = None) -> str:
    code = unicodedata.normalize("NFC", code.strip())
    if aliases and code in aliases:
        code = aliases[code]
    return code.upper()


# --- dates ----------------------------------------------------------------------------------

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


class Terms:
    """Party terms: which term a date falls in, and whether that is certain."""

    def __init__(self, starts: Sequence[str], margin_days: int):
        self.starts = sorted(dt.date.fromisoformat(s) for s in starts)
        self.margin = dt.timedelta(days=margin_days)

    def index(self, d: dt.date) -> int:
        return sum(1 for s in self.starts if s <= d)

    def near_boundary(self, d: dt.date) -> bool:
        return any(abs(d - s) <= self.margin for s in self.starts)

    def same_term(self, a: dt.date, b: dt.date, exact: bool = False) -> bool | None:
        """True / False, or None when a date is too close to a term boundary to tell.
        ``exact``: the national boundaries apply as they are (central Party bodies)."""
        if abs(self.index(a) - self.index(b)) >= 2 or abs(a - b) > dt.timedelta(days=5 * 366) + self.margin:
            return False
        if not exact and (self.near_boundary(a) or self.near_boundary(b)):
            return True if a.year == b.year and self.index(a) == self.index(b) else None
        return self.index(a) == self.index(b)


def terms_from(rules: Rules) -> Terms:
    cfg = rules.data("checks")
    return Terms(cfg.get("party_terms", []), int(cfg.get("term_margin_days", 270)))


def same_period(sym: Symbol, a: dt.date, b: dt.date, terms: Terms) -> bool | None:
    """Can two dates belong to one document of this số hiệu? (the numbering period)."""
    if sym.year is not None:  # the year is part of the number
        return True
    if sym.style == "party":
        central = any(p.upper().endswith("TW") for p in sym.parts[1:])
        return terms.same_term(a, b, exact=central)
    return a.year == b.year  # state numbers restart every calendar year


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
        for e in self.entries:
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
        for e in self.entries:
            if e.date != date or e.symbol is None or (accept is not None and not accept(e)):
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


def digit_slip(a: str, b: str) -> str | None:
    """"transposition" (657/675), "substitution" (657/658) or None."""
    if a == b or len(a) != len(b) or not (a.isdigit() and b.isdigit()):
        return None
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return "substitution"
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return "transposition"
    return None


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
        symbol=parse_symbol(full),
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
    return Catalog(entries, terms_from(rules), code_aliases(rules))


def default_catalog(rules: Rules) -> Catalog:
    return rules.compiled("catalog.default", lambda r: load_catalog(r))


def code_aliases(rules: Rules) -> dict[str, str]:
    """Spellings of issuer codes that stand for another code (TƯ -> TW)."""
    try:
        data = rules.data("issuers") or {}
    except RulesError:  # the issuer lexicon is optional for the catalog
        return {}
    return {str(k): str(v) for k, v in (data.get("aliases") or {}).items()}
