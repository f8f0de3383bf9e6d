"""The checks' compiled configuration: ``rules/checks.yaml`` read once per rules object.

Type and issuer codes are not compiled here: they come from the số hiệu model's code
lexicon (:mod:`extractor.extract.symbols`) and the type words from the citations lexicon.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex as re

from ..extract import citations, symbols
from ..rules import Rules
from ..text.fold import fold


@dataclass(slots=True)
class Lexicon:
    severity: dict[str, str]
    body_res: list[tuple[str, Any]]
    code_bodies: dict[str, frozenset[str]]
    loose_bodies: dict[str, frozenset[str]]  # written for the code's body, loosely (info)
    same_body: dict[str, str]
    codes: symbols.Codes  # type and issuer codes (the số hiệu model's lexicon)
    type_codes_of: dict[str, frozenset[str]]  # folded type word -> codes
    levels: dict[str, str]
    level_res: list[tuple[str, Any]]
    national: frozenset[str]
    place_re: Any
    empty_issuers: frozenset[str]
    abbreviations: list[tuple[Any, str]]
    terms: symbols.Terms
    max_conflict_days: int
    fig: dict[str, Any]
    style: dict[str, Any]
    breakdown_re: Any
    classification_re: Any
    unit_aliases: dict[str, str]
    blockers_before: Any
    blockers_after: Any
    share_cue_re: Any  # a cue binding the percentage after it to the counts before (at the end)
    limit_before_re: Any  # a band limit, threshold, target or estimate word (at the end)
    limit_after_re: Any  # "80% trở lên", "70% - 80%" (at the start of the text after)
    max_share_words: int
    type_issuers: dict[str, frozenset[str]]  # type code -> the only issuer codes that sign it
    annex_re: Any  # a line opening an annex ("PHỤ LỤC I", "Phụ lục 02")
    recipient_re: Any  # "gửi <recipient>" right after a citation
    series_gap: int  # numbers of one day this close, three or more of them, are a series
    # symbol_problems answers by symbol as written: a report cites the same few symbols
    # over and over, and the lexicon lives as long as the rules
    body_memo: dict[str | None, str | None] = field(default_factory=dict)  # issuer phrase -> body
    symbol_memo: dict[tuple[str, str | None], tuple[list[symbols.SymbolProblem], str | None]] = field(
        default_factory=dict)

    @property
    def type_codes(self) -> frozenset[str]:
        return self.codes.type_codes

    @property
    def issuer_codes(self) -> frozenset[str]:
        return self.codes.issuer_codes

    @property
    def aliases(self) -> dict[str, str]:
        return self.codes.aliases


def words_re(words: Iterable[str]) -> Any:
    alts = "|".join(re.escape(" ".join(unicodedata.normalize("NFC", w).split())).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alts})(?![\p{{L}}\p{{N}}])", re.I) if alts else re.compile(r"(?!)")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(fold(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _suffix_re(words: Iterable[str]) -> Any:
    """One of ``words`` ending a folded text (before spaces, "(" or ":" only)."""
    alts = _alternation(words)
    if not alts:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:^|(?<=[^\p{{L}}\p{{N}}])|(?<=\p{{L}})(?=[=:]))(?:{alts})[\s(]*$")


def _prefix_re(words: Iterable[str]) -> Any:
    """One of ``words`` starting a folded text, or a dash and a number (a range)."""
    alts = _alternation(words)
    return re.compile(rf"^\s*(?:(?:{alts})(?![\p{{L}}\p{{N}}])|[-–]\s*\d)" if alts else r"^\s*[-–]\s*\d")


def _recipient_re(words: Iterable[str]) -> Any:
    alts = _alternation(words)
    if not alts:
        return re.compile(r"(?!)")
    return re.compile(rf"[ \t]*,?[ \t]*(?i:{alts})[ \t]+(?P<who>\p{{Lu}}[^.;,\n]{{2,80}})")


def _annex_re(words: Iterable[str]) -> Any:
    """A line starting with an annex word in capitals or followed by a numeral."""
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    if not alts:
        return re.compile(r"(?!)")
    return re.compile(rf"(?m)^[ \t#*]*(?:(?i:{alts})[ \t]+(?:[IVXLC]+|\d+|[A-Z])\b|(?:{alts.upper()})\b)")


def build_lexicon(rules: Rules) -> Lexicon:
    cfg = rules.data("checks")
    type_codes_of: dict[str, set[str]] = defaultdict(set)
    for word, families in citations.lexicon(rules).word_codes.items():
        for codes in families.values():
            type_codes_of[fold(word)].update(codes)
    same_body: dict[str, str] = {}
    for group in cfg.get("same_bodies", []):
        for b in group:
            same_body[b] = group[0]
    levels = {code: level for level, codes in cfg.get("levels", {}).items() for code in codes}
    fig = cfg.get("figures", {})
    share = fig.get("share_binding") or {}
    places = "|".join(re.escape(w) for w in sorted(cfg.get("place_words", []), key=len, reverse=True))
    return Lexicon(
        severity=dict(cfg.get("severity", {})),
        body_res=[(body, re.compile(p)) for body, pats in cfg.get("bodies", {}).items() for p in pats],
        code_bodies={c: frozenset(b) for c, b in cfg.get("code_bodies", {}).items()},
        loose_bodies={c: frozenset(b) for c, b in cfg.get("loose_code_bodies", {}).items()},
        same_body=same_body,
        codes=symbols.codes(rules),
        type_codes_of={k: frozenset(v) for k, v in type_codes_of.items()},
        levels=levels,
        level_res=[(lv, re.compile(p)) for lv, pats in cfg.get("level_phrases", {}).items() for p in pats],
        national=frozenset(cfg.get("national_codes", [])),
        place_re=re.compile(rf"(?<!\w)(?i:{places})(?:\s+(?i:ủy))?\s+\p{{Lu}}") if places else re.compile(r"(?!)"),
        empty_issuers=frozenset(fold(w) for w in cfg.get("empty_issuers", [])),
        abbreviations=[(re.compile(rf"(?<!\w){re.escape(fold(k))}(?!\w)"), fold(v))
                       for k, v in (cfg.get("issuer_abbreviations") or {}).items()],
        terms=symbols.terms_from(rules),
        max_conflict_days=int(cfg["max_conflict_days"]),
        fig=fig,
        style=dict(cfg.get("citation_style") or {}),
        breakdown_re=words_re(fig.get("breakdown_words", [])),
        classification_re=words_re(fig.get("classification_words", [])),
        unit_aliases={fold(k): fold(v) for k, v in (fig.get("unit_aliases") or {}).items()},
        blockers_before=words_re(fig.get("percent_blockers_before", [])),
        blockers_after=words_re(fig.get("percent_blockers_after", [])),
        share_cue_re=_suffix_re(share.get("cues", [])),
        limit_before_re=_suffix_re(share.get("limit_before", [])),
        limit_after_re=_prefix_re(share.get("limit_after", [])),
        max_share_words=int(share.get("max_words_between", 12)),
        type_issuers={t: frozenset(c) for t, c in (cfg.get("type_issuers") or {}).items()},
        annex_re=_annex_re(cfg.get("annex_words", [])),
        recipient_re=_recipient_re(cfg.get("recipient_markers", [])),
        series_gap=int(cfg.get("series_gap", 10)),
    )


def lexicon(rules: Rules) -> Lexicon:
    return rules.compiled("check.lexicon", build_lexicon)


def severity_of(lex: Lexicon, kind: str, rule: str | None = None) -> str:
    if rule and f"{kind}/{rule}" in lex.severity:
        return lex.severity[f"{kind}/{rule}"]
    return lex.severity.get(kind, "warning")
