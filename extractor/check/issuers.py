"""Issuer resolution, in one place: which body an issuer phrase names, whether two phrases
can name the same body, the issuer code of a số hiệu and the level of government."""

from __future__ import annotations

import regex as re

from ..extract import symbols
from ..extract.symbols import Symbol
from ..rules import Rules
from ..text.fold import fold
from .lexicon import Lexicon, lexicon


def body_of(phrase: str | None, lex: Lexicon) -> str | None:
    """The body an issuer phrase names: the pattern matching earliest (then longest).
    Answered once per phrase: a report names the same few issuers over and over."""
    memo = lex.body_memo
    if phrase in memo:
        return memo[phrase]
    text = fold(phrase)
    best: tuple[int, int, str] | None = None
    for body, rx in lex.body_res:
        m = rx.search(text)
        if m and (best is None or (m.start(), -len(m.group())) < best[:2]):
            best = (m.start(), -len(m.group()), body)
    if len(memo) > 20_000:
        memo.clear()
    memo[phrase] = best[2] if best else None
    return memo[phrase]


def bodies_in(phrase: str | None, lex: Lexicon) -> set[str]:
    """Every body a phrase mentions (a catalog cell may name two)."""
    text = fold(phrase)
    return {body for body, rx in lex.body_res if rx.search(text)}


def same_body(a: str, b: str, lex: Lexicon) -> bool:
    return lex.same_body.get(a, a) == lex.same_body.get(b, b)


def level_of_phrase(phrase: str | None, lex: Lexicon) -> str | None:
    text = fold(phrase)
    best: tuple[int, str] | None = None
    for lv, rx in lex.level_res:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), lv)
    return best[1] if best else None


def citation_level(canonical: str | None, issuer: str | None, rules: Rules) -> str:
    """central | province | district | commune | unknown, from the codes then the issuer."""
    lex = lexicon(rules)
    sym = symbols.parse(canonical)
    if sym is not None:
        for part in reversed(sym.parts):
            code = lex.aliases.get(part, part)
            if code in lex.levels:
                return lex.levels[code]
            if re.fullmatch(r"QH\d+|UBTVQH\d*", code):
                return "central"
    return level_of_phrase(issuer, lex) or "unknown"


_PARENTHESES = re.compile(r"\([^)]*\)")


def normal_issuer(phrase: str | None, lex: Lexicon) -> str:
    text = _PARENTHESES.sub(" ", fold(phrase))
    for rx, full in lex.abbreviations:
        text = rx.sub(full, text)
    return " ".join(text.split())


def issuers_compatible(a: str | None, b: str | None, lex: Lexicon) -> bool:
    """Could two issuer phrases name the same body? (unknown -> yes)"""
    na, nb = normal_issuer(a, lex), normal_issuer(b, lex)
    if not na or not nb or na in nb or nb in na:
        return True
    ba, bb = body_of(a, lex), body_of(b, lex)
    if ba and bb and not same_body(ba, bb, lex) and not _share_code(ba, bb, lex):
        return False
    la, lb = level_of_phrase(a, lex), level_of_phrase(b, lex)
    return not (la and lb and la != lb)


def _share_code(a: str, b: str, lex: Lexicon) -> bool:
    """Two bodies that sign under one code (Tỉnh ủy and its Ban Thường vụ: /TU)."""
    return any(a in bodies and b in bodies for bodies in lex.code_bodies.values())


def issuer_code(sym: Symbol, lex: Lexicon) -> str | None:
    """The code of the signing body: after the type code (state) or the "/" (Party)."""
    parts = [lex.aliases.get(p, p) for p in sym.parts]
    if sym.style == "party":
        return parts[1] if len(parts) > 1 else None
    if parts[0] in lex.type_codes and len(parts) > 1:
        return parts[1]
    return parts[0] if parts[0] not in lex.type_codes else None


def national(sym: Symbol, lex: Lexicon) -> bool:
    """Issued under a code that names one body for the whole country (-TTg, -CP, /TW, QH15)."""
    code = issuer_code(sym, lex)
    return bool(code) and (code in lex.national or bool(re.fullmatch(r"QH\d+", code)))
