"""malformed_symbol: a số hiệu written off the standard form (stray spaces, missing or wrong
separators, Party/state style mixed, non-standard codes, line breaks), punctuation between
the số hiệu and "ngày", and "số:" with a colon. What is wrong and the standard form come
from the số hiệu model (:func:`extractor.extract.symbols.repair`)."""

from __future__ import annotations

from collections import defaultdict

import regex as re

from ..extract import symbols
from ..extract.symbols import SymbolProblem, one_line
from ..models import Citation, Finding
from ..text.fold import fold
from .context import DocContext, evidence_of, locations
from .lexicon import Lexicon


def _raw_symbol(c: Citation, text: str) -> str | None:
    if c.raw_symbol:
        return c.raw_symbol
    if c.symbol_start is not None and c.symbol_end is not None and text:
        return text[c.symbol_start:c.symbol_end]
    return None


def symbol_problems(raw: str, type_word: str | None, lex: Lexicon) -> tuple[list[SymbolProblem], str | None]:
    """What is wrong with a số hiệu as written, and its normalised form (None if fine)."""
    key = (raw, type_word)
    if key not in lex.symbol_memo:
        if len(lex.symbol_memo) > 20_000:
            lex.symbol_memo.clear()
        expected = lex.type_codes_of.get(fold(type_word), frozenset())
        lex.symbol_memo[key] = symbols.repair(raw, expected, lex.codes, type_word, lex.code_bodies)
    problems, fixed = lex.symbol_memo[key]
    return list(problems), fixed


def check_malformed_symbols(doc: DocContext) -> list[Finding]:
    grouped: dict[tuple[str, str], list[tuple[Citation, SymbolProblem, str | None]]] = defaultdict(list)
    for c in doc.result.citations:
        raw = _raw_symbol(c, doc.result.text)
        if not raw:
            continue
        problems, suggestion = symbol_problems(raw, c.type, doc.lex)
        for p in problems:
            grouped[(one_line(raw), p.rule)].append((c, p, suggestion))
    out = []
    for (raw, rule), items in grouped.items():
        cits = [c for c, _, _ in items]
        msg = f"{items[0][1].message} ({locations(cits, doc.places)})"
        out.append(doc.finding("malformed_symbol", msg, [evidence_of(c, raw) for c in cits],
                               cits[0].canonical, items[0][2], rule=rule))
    out.extend(_punctuation_findings(doc))
    return out


_AFTER_SYMBOL = re.compile(r"[ \t]*([,.;:])[ \t\n]*(?=ngày\b)", re.I)


_COLON_SO = re.compile(r"(?i:số)[ \t]*:[ \t]*$")


_PUNCT_NAMES = {",": "comma", ".": "full stop", ";": "semicolon", ":": "colon"}


def _punctuation_findings(doc: DocContext) -> list[Finding]:
    text = doc.result.text
    after: dict[str, list[Citation]] = defaultdict(list)
    colon: list[Citation] = []
    for c in doc.result.citations:
        if c.symbol_end is not None and text:
            m = _AFTER_SYMBOL.match(text, c.symbol_end, c.symbol_end + 200)  # bounded (see citations)
            if m and m.end() <= max(c.end, (c.date_start or c.end)):
                after[m.group(1)].append(c)
        if c.symbol_start is not None and text and _COLON_SO.search(text, c.start, c.symbol_start):
            colon.append(c)
    out = []
    for mark, cits in after.items():
        msg = (f"{_PUNCT_NAMES[mark]} between the số hiệu and “ngày” in {len(cits)} citation"
               f"{'s' if len(cits) > 1 else ''}: " + "; ".join(f"“{one_line(c.text)}” ({locations([c], doc.places)})" for c in cits))
        out.append(doc.finding("malformed_symbol", msg, [evidence_of(c) for c in cits], cits[0].canonical,
                               f"write “{cits[0].canonical} ngày …” without the {_PUNCT_NAMES[mark]}",
                               rule="punctuation"))
    if colon:
        msg = (f"“số:” with a colon before the number in {len(colon)} citation{'s' if len(colon) > 1 else ''}: "
               + "; ".join(f"“{one_line(c.text)}” ({locations([c], doc.places)})" for c in colon))
        out.append(doc.finding("malformed_symbol", msg, [evidence_of(c) for c in colon], colon[0].canonical,
                               f"write “số {colon[0].canonical}”", rule="colon"))
    return out

