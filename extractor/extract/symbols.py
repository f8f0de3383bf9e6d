"""The số/ký hiệu model: parse, read into canonical form, repair and compare a số hiệu.

Every stage that handles a document number goes through this module: the citations stage
reads the number and code it found (:func:`read`), the checks and the catalog parse a
written or canonical form (:func:`parse`), the malformed-symbol check asks what is wrong
with a number as written and what it should be (:func:`repair`), and comparisons use
:meth:`Symbol.key`, :func:`digit_slip` and :func:`same_period`.

Two families use opposite separators (docs/conventions.md): state ``NUMBER/TYPE-ISSUER``
(``33/CT-TTg``, VBQPPL ``04/2015/NĐ-CP``, letters in numbers ``30a/2008/NQ-CP``) and Party
``NUMBER-TYPE/ISSUER`` (``114-KL/TW``). Type and issuer codes come from
``rules/doc_types.yaml`` and ``rules/issuers.yaml`` (:class:`Codes`).

A số hiệu alone does not name one document: state numbers restart every calendar year,
Party numbers every term of the committee (:class:`Terms`, :func:`same_period`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import regex as re

from ..rules import Rules, RulesError

# --- the code lexicon -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Codes:
    """Type codes and issuer codes, with their standard spellings."""

    type_codes: frozenset[str]  # every type code (old ones too), standard spelling
    state: frozenset[str]  # issuer codes of state bodies
    party: frozenset[str]  # issuer codes of Party bodies only (not also state or both)
    both: frozenset[str]  # issuer codes used by both
    spelling: dict[str, str]  # case-folded code or alias -> standard spelling (TTG -> TTg, tư -> TW)
    aliases: dict[str, str]  # spellings standing for another code (TƯ -> TW)
    known_ci: dict[str, str]  # upper case -> standard spelling
    type_codes_longest_first: tuple[str, ...]  # CTr before CT

    @property
    def issuer_codes(self) -> frozenset[str]:
        return self.state | self.party | self.both

    def canonical_code(self, token: str) -> str:
        """Known spelling of a code token (``"TTG"`` → ``"TTg"``, ``"TƯ"`` → ``"TW"``)."""
        return self.spelling.get(token.casefold(), token)

    def only_party(self, code: str) -> bool:
        return code in self.party

    def only_state(self, code: str) -> bool:
        return code in self.state and code not in self.both


def build_codes(rules: Rules) -> Codes:
    types = rules.data("doc_types")
    try:
        issuers = rules.data("issuers") or {}
    except RulesError:
        issuers = {}
    type_codes: set[str] = set()
    for entry in types.get("types", []):
        for fam in ("state", "legal", "party"):
            type_codes.update(entry.get(fam) or [])
    for codes in (types.get("old_codes") or {}).values():
        type_codes.update(codes)
    state = frozenset(issuers.get("state") or [])
    both = frozenset(issuers.get("both") or [])
    party = frozenset(issuers.get("party") or []) - state - both
    aliases = {str(k): str(v) for k, v in (issuers.get("aliases") or {}).items()}
    spelling = {c.casefold(): c for c in type_codes | state | party | both}
    for alias, code in aliases.items():
        spelling[alias.casefold()] = code
    return Codes(
        type_codes=frozenset(type_codes),
        state=state,
        party=party,
        both=both,
        spelling=spelling,
        aliases=aliases,
        known_ci={c.upper(): c for c in (type_codes | state | party | both)},
        type_codes_longest_first=tuple(sorted(type_codes, key=lambda c: (-len(c), c))),
    )


def codes(rules: Rules) -> Codes:
    """The compiled code lexicon of ``rules``, cached with them."""
    return rules.compiled("symbols.codes", build_codes)


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Symbol:
    """A số/ký hiệu: ``04/2015/NĐ-CP`` → number 04, year 2015, parts (NĐ, CP), legal.

    ``style`` is the separator family of the form (``party``: NUMBER-TYPE/ISSUER), ``family``
    what the code lexicon makes of it (state | legal | party | congvan | law; None when only
    parsed), ``canonical`` the normalised form (``30/KHUBND`` read → ``30/KH-UBND``)."""

    number: str  # as written, without the year ("04", "30a")
    year: int | None  # year inside the number (VBQPPL, old style)
    style: str  # "party" | "state"
    parts: tuple[str, ...]  # codes after the number (and year), in order
    family: str | None = None
    canonical: str = ""

    @property
    def number_key(self) -> str:
        return normalize_number(self.number)

    @property
    def written_number(self) -> str:
        """The number as the citations table writes it: ``04/2015`` for a VBQPPL number."""
        return f"{self.number}/{self.year}" if self.year is not None else self.number

    @property
    def type_code(self) -> str | None:
        if self.family in ("state", "legal", "party") and self.parts:
            return self.parts[0]
        return None

    @property
    def issuers(self) -> list[str]:
        return list(self.parts[1:] if self.type_code else self.parts)

    def key(self, aliases: dict[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
        """Identity of the số hiệu regardless of separators and case (217/QĐ-TW = 217-QĐ/TW)."""
        return self.number_key, tuple(code_key(p, aliases) for p in self.parts)


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


def render(number: str, year: int | None, style: str, parts: Sequence[str]) -> str:
    """A số hiệu written from its parts in the standard separators of its style."""
    if style == "party" and len(parts) > 1:
        return f"{number}-{parts[0]}/{'-'.join(parts[1:])}"
    return f"{number}/{f'{year}/' if year else ''}{'-'.join(parts)}"


_SYMBOL = re.compile(
    r"^\s*(?P<num>\d+[\p{Ll}]?)\s*(?P<sep>[-–/])\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<rest>\S.*?)\s*$",
    re.S,
)
_PART_SPLIT = re.compile(r"\s*[-–/]\s*")


def parse(symbol: str | None) -> Symbol | None:
    """Parse a written or canonical số hiệu by its separators alone (no code lexicon); None
    when it has no number and code. ``parse(s.canonical)`` agrees with a read symbol ``s``
    on number, year, style and parts."""
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
    return Symbol(m.group("num"), year, style, parts, None, render(m.group("num"), year, style, parts))


# --- reading a number and its code ----------------------------------------------------------

_YEAR_IN_CODE = re.compile(r"^\s*((?:19|20)\d\d)\s*/\s*")
_CODE_SPLIT = re.compile(r"\s*([/\-–])\s*|\s+")
_LAW_CODE = re.compile(r"^(?:QH|UBTVQH)\d{0,2}$")


def _split_tokens(code: str, lex: Codes) -> tuple[list[str], list[str]]:
    """Code tokens in canonical spelling and the separators written between them."""
    tokens, seps = [], []
    pos = 0
    for m in _CODE_SPLIT.finditer(code):
        tokens.append(code[pos:m.start()])
        seps.append((m.group(1) or " ").replace("–", "-"))
        pos = m.end()
    tokens.append(code[pos:])
    tokens = [lex.canonical_code(t) for t in tokens if t]
    return tokens, seps


def unglue(token: str, lex: Codes) -> list[str]:
    """A type code glued to a known issuer code (``KHUBND``) → ``["KH", "UBND"]``."""
    if token in lex.type_codes or token in lex.issuer_codes:
        return [token]
    for code in lex.type_codes_longest_first:
        rest = token[len(code):]
        if token.startswith(code) and rest and rest.casefold() in lex.spelling:
            rest_code = lex.canonical_code(rest)
            if rest_code in lex.issuer_codes:
                return [code, rest_code]
    return [token]


def read(number: str, code: str, lex: Codes, number_sep: str | None = None) -> Symbol:
    """Read a number and the code written after it (``"30"``, ``"KHUBND"``) into a Symbol.

    ``number`` may carry the year (``"04/2015"``), or ``code`` may (``"2015/NĐ-CP"``).
    ``number_sep`` is the separator written between number and code (``"/"`` state style,
    ``"-"`` Party style); None infers it (a ``/`` right after the type code means Party)."""
    number = "".join(number.split())
    ym = _YEAR_IN_CODE.match(code)
    if ym:  # code written with the year ("2015/NĐ-CP")
        number, code = f"{number}/{ym.group(1)}", code[ym.end():]
    year = int(number.split("/", 1)[1][:4]) if "/" in number else None
    tokens, seps = _split_tokens(code, lex)
    if tokens:
        tokens = unglue(tokens[0], lex) + tokens[1:]
        if len(tokens) > 1 and len(seps) < len(tokens) - 1:
            seps = ["-"] + seps
    if number_sep is None:
        number_sep = "-" if seps[:1] == ["/"] and tokens and tokens[0] in lex.type_codes else "/"
    family = _family(tokens, year, number_sep.replace("–", "-"), lex)
    style = "party" if family == "party" and len(tokens) > 1 else "state"
    return Symbol(number=number.split("/", 1)[0], year=year, style=style, parts=tuple(tokens),
                  family=family, canonical=_canonical(number, tokens, family))


def _family(tokens: list[str], year: int | None, number_sep: str, lex: Codes) -> str:
    if not tokens:
        return "state"
    first, rest = tokens[0], tokens[1:]
    if year is not None:
        return "law" if len(tokens) == 1 and _LAW_CODE.match(first) else "legal"
    if number_sep == "-":
        return "party"
    is_type = first in lex.type_codes
    if is_type and rest and rest[0] in lex.party:
        return "party"  # a Party number written in state style: 217/QĐ-TW
    if is_type and (rest or first not in lex.issuer_codes):
        return "state"
    if first in lex.issuer_codes:
        return "congvan"
    return "state" if rest else "congvan"


def _canonical(number: str, tokens: list[str], family: str) -> str:
    if family == "party":
        head = f"{number}-{tokens[0]}" if tokens else number
        return f"{head}/{'-'.join(tokens[1:])}" if len(tokens) > 1 else head
    return f"{number}/{'-'.join(tokens)}" if tokens else number


_WRITTEN = re.compile(r"^\s*(?P<num>\d{1,5}[a-zđ]?)\s*(?P<sep>[/\-–])\s*(?P<code>\S.*?)\s*$", re.S)


def read_written(written: str | None, lex: Codes) -> Symbol | None:
    """Read a whole số hiệu as written (a header's ``Số:`` line, ``07-BC/ĐU``); None when it
    has no number (``/BC-UBND``, left blank for the clerk)."""
    m = _WRITTEN.match(written or "")
    if not m:
        return None
    return read(m.group("num"), m.group("code"), lex, m.group("sep"))


def match_key(number: object, code: object) -> str:
    """Number+code with separators, spaces and case ignored (matching against a gold set)."""
    s = unicodedata.normalize("NFC", f"{number or ''}{code or ''}")
    return re.sub(r"[\s\-–—/.,:;_]+", "", " ".join(s.split()).casefold()).replace("tư", "tw")


# --- repairing a number as written ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SymbolProblem:
    rule: str  # space | line_break | glued | style | case | nonstandard_code | hybrid
    message: str


_SPACED_SEPARATOR = re.compile(r"\s[-–/]|[-–/]\s")
_SPACES_AROUND_SEPARATOR = re.compile(r"\s*([-–/])\s*")
_SPACE_BETWEEN_LETTERS = re.compile(r"(?<=\p{L})\s+(?=\p{L})")
_PARTY_NUMBER = re.compile(r"^\d+\p{Ll}?-")
_DIGIT = re.compile(r"\d")


def one_line(s: str) -> str:
    return " ".join(s.split())


def repair(raw: str, expected_types: Collection[str], lex: Codes, type_word: str | None = None,
           bodied: Collection[str] = ()) -> tuple[list[SymbolProblem], str | None]:
    """What is wrong with a số hiệu as written, and its standard form (None if fine or the
    same as written). ``expected_types``: the type codes of the type word cited with it
    (``Kế hoạch`` → KH); ``bodied``: issuer codes whose bodies are known (a Party number with
    one of them among its issuers is a joint document)."""
    raw = raw.strip().rstrip(".,;:")
    problems: list[SymbolProblem] = []
    work = raw
    if "\n" in work:
        problems.append(SymbolProblem("line_break", f"“{one_line(raw)}” is broken across lines"))
    elif _SPACED_SEPARATOR.search(work):
        problems.append(SymbolProblem("space", f"stray space in “{raw}”"))
    work = _SPACES_AROUND_SEPARATOR.sub(r"\1", work)
    if "–" in work:
        work = work.replace("–", "-")
    if _SPACE_BETWEEN_LETTERS.search(work):
        problems.append(SymbolProblem("space", f"a space instead of “-” in “{raw}”"))
        work = _SPACE_BETWEEN_LETTERS.sub("-", work)
    sym = parse(work)
    if sym is None:
        return problems, None
    style = sym.style
    dash_only = bool(_PARTY_NUMBER.match(work)) and "/" not in work
    parts = _fix_case(list(sym.parts), lex, problems)
    parts = _split_glued(parts, style, lex, problems, raw)
    style = _fix_style(sym, parts, style, dash_only, lex, problems, raw, bodied)
    _nonstandard_type(parts, expected_types, type_word, lex, problems)
    if not problems:
        return [], None
    fixed = render(sym.number, sym.year, style, parts)
    return problems, None if fixed == one_line(raw) else fixed


def _fix_case(parts: list[str], lex: Codes, problems: list[SymbolProblem]) -> list[str]:
    out = []
    standard = set(lex.known_ci.values())
    for p in parts:
        if p in lex.aliases:
            problems.append(SymbolProblem("case", f"{p} is written for the code {lex.aliases[p]}"))
            out.append(lex.aliases[p])
        elif p not in standard and p.upper() in lex.known_ci and not _DIGIT.search(p):
            std = lex.known_ci[p.upper()]
            problems.append(SymbolProblem("case", f"the code {p} is written {std} in standard form"))
            out.append(std)
        else:
            out.append(p)
    return out


def _split_glued(parts: list[str], style: str, lex: Codes, problems: list[SymbolProblem], raw: str) -> list[str]:
    """30/KHUBND -> KH + UBND (type and issuer codes written without "-")."""
    if style != "state" or not parts or _DIGIT.search(parts[0]):
        return parts
    split = unglue(parts[0], lex)
    if len(split) == 2:
        problems.append(SymbolProblem("glued", f"“-” missing between {split[0]} and {split[1]} in “{raw}”"))
        return split + parts[1:]
    return parts


def _fix_style(sym: Symbol, parts: list[str], style: str, dash_only: bool, lex: Codes,
               problems: list[SymbolProblem], raw: str, bodied: Collection[str]) -> str:
    if len(parts) < 2 or parts[0] not in lex.type_codes or sym.year is not None:
        return style
    issuers = parts[1:]
    if dash_only:  # 107-KH-KDVĐU: Party number, "-" where "/" belongs (or the reverse)
        if lex.only_state(issuers[0]):
            problems.append(SymbolProblem("style", f"“-” after the number where a state số hiệu has “/” in “{raw}”"))
            return "state"
        problems.append(SymbolProblem("style", f"“-” between the type code {parts[0]} and the issuer "
                                               f"where a Party số hiệu has “/” in “{raw}”"))
        return "party"
    if style == "state" and all(lex.only_party(p) for p in issuers):
        problems.append(SymbolProblem("style", f"Party số hiệu written in state style (number/type-issuer) in “{raw}”"))
        return "party"
    if style == "party" and all(lex.only_state(p) for p in issuers):
        problems.append(SymbolProblem("style", f"state số hiệu written in Party style (number-type/issuer) in “{raw}”"))
        return "state"
    state_bodies = [p for p in issuers[1:] if lex.only_state(p) and p in bodied]
    if style == "party" and state_bodies and not lex.only_state(issuers[0]):
        state = ", ".join(state_bodies)
        problems.append(SymbolProblem("hybrid", f"Party số hiệu “{raw}” has the state issuer code {state} "
                                                f"among its issuers (a joint document?)"))
    return style


def _nonstandard_type(parts: list[str], expected: Collection[str], type_word: str | None, lex: Codes,
                      problems: list[SymbolProblem]) -> None:
    p0 = parts[0] if parts else ""
    if not expected or p0 in lex.type_codes or p0 in lex.issuer_codes:
        return
    for code in sorted(expected, key=len, reverse=True):
        if p0.startswith(code) and len(p0) > len(code):
            problems.append(SymbolProblem("nonstandard_code", f"{p0} is not a standard type code "
                                                              f"({type_word}: {', '.join(sorted(expected))})"))
            return


# --- comparing ------------------------------------------------------------------------------


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
    return Terms(cfg.get("party_terms", []), int(cfg["term_margin_days"]))


def same_period(sym: Symbol, a: dt.date, b: dt.date, terms: Terms) -> bool | None:
    """Can two dates belong to one document of this số hiệu? (the numbering period)."""
    if sym.year is not None:  # the year is part of the number
        return True
    if sym.style == "party":
        central = any(p.upper().endswith("TW") for p in sym.parts[1:])
        return terms.same_term(a, b, exact=central)
    return a.year == b.year  # state numbers restart every calendar year
