"""Consistency checks of citations and figures, within a document and across an archive.

Every finding states facts ("cited with date 21/11/2021 at §III.8 and 26/11/2021 at §II.1"),
carries the spans involved as evidence and, when one is clear, a suggestion. Precision comes
first: a check speaks only when the structure it relies on is explicit in the text (the same
số hiệu, a "trong đó"/"gồm" breakdown, a ratio followed by its percentage), and stays silent
when two readings are possible (two documents may share a number in different years).

Kinds, within a document (``check_document``, run by the pipeline):
  date_conflict         one số hiệu cited with two dates (same numbering period, same body)
  number_conflict       same type, code, date and body, numbers one digit slip apart (657/675)
  issuer_code_conflict  code against the issuer phrase (-TTg "của Bộ trưởng"), or two codes
  issuer_variant        one document given two bodies or two spellings of its issuer
  malformed_symbol      stray spaces, missing or wrong separators, Party/state style mixed,
                        non-standard codes, punctuation before "ngày", "số:"
  citation_style        the few citations that leave out "số" when most write it
  missing_issuer        "của" followed by "về" (the issuer was dropped)
  undated_citation      a số hiệu never dated in the report
  date_issue            impossible dates, dated after the report, year of the number ≠ date
  unresolved_short_form / ambiguous_short_form   from the mentions stage
  figure_mismatch       shares against their counts, parts against their stated total
  missing_unit          "10/20 con" in a list of "18 hộ/6,5 hecta" figures
Across the archive (``check_archive``, run at the end of a batch): one số hiệu dated
differently in different reports (date_conflict with no doc_id), and catalog_mismatch.

Domain facts (bodies, codes, tolerances, severities) are in ``rules/checks.yaml``; type and
issuer codes come from ``rules/doc_types.yaml`` and ``rules/issuers.yaml``.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex as re

from ..models import Citation, DocumentResult, Finding, Statistic
from ..rules import Rules, RulesError
from ..text.fold import fold, strip_marks
from .catalog import (
    Catalog,
    Symbol,
    Terms,
    default_catalog,
    digit_slip,
    format_date,
    load_catalog,
    parse_iso,
    parse_symbol,
    same_period,
    terms_from,
)

# --- text helpers ---------------------------------------------------------------------------

def format_number(value: float, decimals: int | None = None) -> str:
    """Vietnamese style: 4240.67 -> "4.240,67", 50.9708 (2 decimals) -> "50,97"."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 2)
    s = f"{value:,.{decimals}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


# --- compiled configuration -----------------------------------------------------------------

@dataclass(slots=True)
class Lexicon:
    severity: dict[str, str]
    body_res: list[tuple[str, Any]]
    code_bodies: dict[str, frozenset[str]]
    loose_bodies: dict[str, frozenset[str]]  # written for the code's body, loosely (info)
    same_body: dict[str, str]
    type_codes: frozenset[str]
    type_codes_of: dict[str, frozenset[str]]  # folded type word -> codes
    state_issuers: frozenset[str]
    party_issuers: frozenset[str]
    both_issuers: frozenset[str]
    known_ci: dict[str, str]  # upper-case -> standard spelling
    aliases: dict[str, str]
    levels: dict[str, str]
    level_res: list[tuple[str, Any]]
    national: frozenset[str]
    place_re: Any
    empty_issuers: frozenset[str]
    abbreviations: list[tuple[Any, str]]
    terms: Terms
    max_conflict_days: int
    fig: dict[str, Any]
    style: dict[str, Any]
    breakdown_re: Any
    classification_re: Any
    unit_aliases: dict[str, str]
    blockers_before: Any
    blockers_after: Any
    # symbol_problems answers by symbol as written: a report cites the same few symbols
    # over and over, and the lexicon lives as long as the rules
    symbol_memo: dict[tuple[str, str | None], tuple[list[SymbolProblem], str | None]] = field(default_factory=dict)

    @property
    def issuer_codes(self) -> frozenset[str]:
        return self.state_issuers | self.party_issuers | self.both_issuers


def _optional(rules: Rules, name: str) -> Any:
    try:
        return rules.data(name) or {}
    except RulesError:
        return {}


def _words_re(words: Iterable[str]) -> Any:
    alts = "|".join(re.escape(" ".join(unicodedata.normalize("NFC", w).split())).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alts})(?![\p{{L}}\p{{N}}])", re.I) if alts else re.compile(r"(?!)")


def build_lexicon(rules: Rules) -> Lexicon:
    cfg = rules.data("checks")
    doc_types = _optional(rules, "doc_types")
    issuers = _optional(rules, "issuers")
    type_codes_of: dict[str, set[str]] = defaultdict(set)
    for t in doc_types.get("types", []):
        for fam in ("state", "legal", "party"):
            type_codes_of[fold(t.get("word"))].update(t.get(fam) or [])
    old = [c for codes in (doc_types.get("old_codes") or {}).values() for c in codes]
    type_codes = frozenset(c for codes in type_codes_of.values() for c in codes) | frozenset(old)
    state = frozenset(issuers.get("state") or [])
    party = frozenset(issuers.get("party") or []) | frozenset(cfg.get("code_bodies", {}))
    both = frozenset(issuers.get("both") or [])
    party = party - state - both if issuers else party
    known_ci = {c.upper(): c for c in (type_codes | state | party | both)}
    same_body: dict[str, str] = {}
    for group in cfg.get("same_bodies", []):
        for b in group:
            same_body[b] = group[0]
    levels = {code: level for level, codes in cfg.get("levels", {}).items() for code in codes}
    fig = cfg.get("figures", {})
    places = "|".join(re.escape(w) for w in sorted(cfg.get("place_words", []), key=len, reverse=True))
    return Lexicon(
        severity=dict(cfg.get("severity", {})),
        body_res=[(body, re.compile(p)) for body, pats in cfg.get("bodies", {}).items() for p in pats],
        code_bodies={c: frozenset(b) for c, b in cfg.get("code_bodies", {}).items()},
        loose_bodies={c: frozenset(b) for c, b in cfg.get("loose_code_bodies", {}).items()},
        same_body=same_body,
        type_codes=type_codes,
        type_codes_of={k: frozenset(v) for k, v in type_codes_of.items()},
        state_issuers=state,
        party_issuers=party,
        both_issuers=both,
        known_ci=known_ci,
        aliases={str(k): str(v) for k, v in (issuers.get("aliases") or {}).items()},
        levels=levels,
        level_res=[(lv, re.compile(p)) for lv, pats in cfg.get("level_phrases", {}).items() for p in pats],
        national=frozenset(cfg.get("national_codes", [])),
        place_re=re.compile(rf"(?<!\w)(?i:{places})(?:\s+(?i:ủy))?\s+\p{{Lu}}") if places else re.compile(r"(?!)"),
        empty_issuers=frozenset(fold(w) for w in cfg.get("empty_issuers", [])),
        abbreviations=[(re.compile(rf"(?<!\w){re.escape(fold(k))}(?!\w)"), fold(v))
                       for k, v in (cfg.get("issuer_abbreviations") or {}).items()],
        terms=terms_from(rules),
        max_conflict_days=int(cfg.get("max_conflict_days", 366)),
        fig=fig,
        style=dict(cfg.get("citation_style") or {}),
        breakdown_re=_words_re(fig.get("breakdown_words", [])),
        classification_re=_words_re(fig.get("classification_words", [])),
        unit_aliases={fold(k): fold(v) for k, v in (fig.get("unit_aliases") or {}).items()},
        blockers_before=_words_re(fig.get("percent_blockers_before", [])),
        blockers_after=_words_re(fig.get("percent_blockers_after", [])),
    )


def lexicon(rules: Rules) -> Lexicon:
    return rules.compiled("check.lexicon", build_lexicon)


def severity_of(lex: Lexicon, kind: str, rule: str | None = None) -> str:
    if rule and f"{kind}/{rule}" in lex.severity:
        return lex.severity[f"{kind}/{rule}"]
    return lex.severity.get(kind, "warning")


# --- issuers --------------------------------------------------------------------------------

def body_of(phrase: str | None, lex: Lexicon) -> str | None:
    """The body an issuer phrase names: the pattern matching earliest (then longest)."""
    text = fold(phrase)
    best: tuple[int, int, str] | None = None
    for body, rx in lex.body_res:
        m = rx.search(text)
        if m and (best is None or (m.start(), -len(m.group())) < best[:2]):
            best = (m.start(), -len(m.group()), body)
    return best[2] if best else None


def bodies_in(phrase: str | None, lex: Lexicon) -> set[str]:
    """Every body a phrase mentions (a catalog cell may name two)."""
    text = fold(phrase)
    return {body for body, rx in lex.body_res if rx.search(text)}


def _same_body(a: str, b: str, lex: Lexicon) -> bool:
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
    sym = parse_symbol(canonical)
    if sym is not None:
        for part in reversed(sym.parts):
            code = lex.aliases.get(part, part)
            if code in lex.levels:
                return lex.levels[code]
            if re.fullmatch(r"QH\d+|UBTVQH\d*", code):
                return "central"
    return level_of_phrase(issuer, lex) or "unknown"


_PARENTHESES = re.compile(r"\([^)]*\)")


def _normal_issuer(phrase: str | None, lex: Lexicon) -> str:
    text = _PARENTHESES.sub(" ", fold(phrase))
    for rx, full in lex.abbreviations:
        text = rx.sub(full, text)
    return " ".join(text.split())


def issuers_compatible(a: str | None, b: str | None, lex: Lexicon) -> bool:
    """Could two issuer phrases name the same body? (unknown -> yes)"""
    na, nb = _normal_issuer(a, lex), _normal_issuer(b, lex)
    if not na or not nb or na in nb or nb in na:
        return True
    ba, bb = body_of(a, lex), body_of(b, lex)
    if ba and bb and not _same_body(ba, bb, lex) and not _share_code(ba, bb, lex):
        return False
    la, lb = level_of_phrase(a, lex), level_of_phrase(b, lex)
    return not (la and lb and la != lb)


def _share_code(a: str, b: str, lex: Lexicon) -> bool:
    """Two bodies that sign under one code (Tỉnh ủy and its Ban Thường vụ: /TU)."""
    return any(a in bodies and b in bodies for bodies in lex.code_bodies.values())


def _issuer_code(sym: Symbol, lex: Lexicon) -> str | None:
    """The code of the signing body: after the type code (state) or the "/" (Party)."""
    parts = [lex.aliases.get(p, p) for p in sym.parts]
    if sym.style == "party":
        return parts[1] if len(parts) > 1 else None
    if parts[0] in lex.type_codes and len(parts) > 1:
        return parts[1]
    return parts[0] if parts[0] not in lex.type_codes else None


# --- evidence and locations -----------------------------------------------------------------

def _evidence(rec: Any, value: Any = None, role: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
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


def _span_evidence(text: str, start: int, end: int, section_id: str | None, **extra: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {"text": text[start:end], "start": start, "end": end, "section_id": section_id}
    ev.update({k: v for k, v in extra.items() if v is not None})
    return ev


def _where(section_id: str | None, start: int, body_start: int) -> str:
    if section_id:
        return f"§{section_id}"
    return "in the header" if start < body_start else "before the first section"


def _places(recs: Sequence[Any], body_start: int) -> str:
    seen: list[str] = []
    for r in recs:
        w = _where(r.section_id, r.start, body_start)
        if w not in seen:
            seen.append(w)
    return ", ".join(seen)


# --- the document checks --------------------------------------------------------------------

@dataclass(slots=True)
class _Doc:
    result: DocumentResult
    rules: Rules
    lex: Lexicon
    body_start: int
    groups: dict[tuple, list[Citation]] = field(default_factory=dict)
    symbols: dict[int, Symbol] = field(default_factory=dict)  # id(citation) -> parsed canonical

    def finding(self, kind: str, message: str, evidence: list[dict], canonical: str | None = None,
                suggestion: str | None = None, rule: str | None = None) -> Finding:
        return Finding(kind=kind, severity=severity_of(self.lex, kind, rule), canonical=canonical,
                       message=message, evidence=evidence, suggestion=suggestion)


def _group_key(sym: Symbol, lex: Lexicon) -> tuple:
    num, parts = sym.key(lex.aliases)
    return num, parts, sym.year


def _display(cits: Sequence[Citation]) -> str:
    names = Counter(c.canonical for c in cits if c.canonical)
    return names.most_common(1)[0][0] if names else cits[0].text


def check_document(result: DocumentResult, rules: Rules) -> list[Finding]:
    lex = lexicon(rules)
    doc = _Doc(result, rules, lex, result.header.body_start if result.header else 0)
    for c in result.citations:
        sym = parse_symbol(c.canonical)
        if sym is None:
            continue
        doc.symbols[id(c)] = sym
        doc.groups.setdefault(_group_key(sym, lex), []).append(c)
    findings: list[Finding] = []
    for check in DOCUMENT_CHECKS:
        findings.extend(check(doc))
    findings.sort(key=lambda f: min((e.get("start", 0) for e in f.evidence), default=0))
    return findings


# date_conflict ------------------------------------------------------------------------------

def _date_clusters(doc: _Doc, cits: Sequence[Citation]) -> list[list[Citation]]:
    """Citations of one số hiệu split into groups that may be one document (same period,
    compatible issuers); only those groups are compared."""
    dated = [c for c in cits if parse_iso(c.date)]
    clusters: list[list[Citation]] = []
    for c in dated:
        for cl in clusters:
            if all(_may_be_same(doc, c, o) for o in cl):
                cl.append(c)
                break
        else:
            clusters.append([c])
    return clusters


def _may_be_same(doc: _Doc, a: Citation, b: Citation) -> bool:
    da, db = parse_iso(a.date), parse_iso(b.date)
    if da and db:
        if abs((da - db).days) > doc.lex.max_conflict_days:
            return False
        if same_period(doc.symbols[id(a)], da, db, doc.lex.terms) is False and not _year_slip(a, b, da, db):
            return False
    return issuers_compatible(a.issuer, b.issuer, doc.lex)


def _year_slip(a: Citation, b: Citation, da: Any, db: Any) -> bool:
    """Same day and month a year apart, about the same subject: one Party document whose
    year was mistyped (42-CT/TW of 24/3/2015 and "24/3/2016"), although the two dates
    fall in different terms, where a Party number could name two documents."""
    if (da.day, da.month) != (db.day, db.month) or abs(da.year - db.year) != 1:
        return False
    return _subjects_similar(a.subject, b.subject) is not False


def check_date_conflicts(doc: _Doc) -> list[Finding]:
    out = []
    for cits in doc.groups.values():
        for cluster in _date_clusters(doc, cits):
            by_date: dict[str, list[Citation]] = defaultdict(list)
            for c in cluster:
                by_date[c.date].append(c)
            if len(by_date) < 2:
                continue
            name = _display(cluster)
            ordered = sorted(by_date.items(), key=lambda kv: min(c.start for c in kv[1]))
            parts = [f"{format_date(d)} at {_places(cs, doc.body_start)}" for d, cs in ordered]
            evidence = [_evidence(c, c.date) for c in sorted(cluster, key=lambda c: c.start)]
            msg = f"{name} cited with date " + " and ".join(parts)
            rule = None
            if not _national(doc.symbols[id(cluster[0])], doc.lex) and not all(c.issuer for c in cluster):
                # a local số hiệu (UBND, TU...) whose issuer is not named every time: two
                # bodies may have issued the same number
                rule = "unnamed"
                msg += " (the issuer is not named in every citation)"
            out.append(doc.finding("date_conflict", msg, evidence, name,
                                   suggestion=_catalog_date_hint(doc, cluster), rule=rule))
    return out


def _national(sym: Symbol, lex: Lexicon) -> bool:
    """Issued under a code that names one body for the whole country (-TTg, -CP, /TW, QH15)."""
    code = _issuer_code(sym, lex)
    return bool(code) and (code in lex.national or bool(re.fullmatch(r"QH\d+", code)))


def _catalog_date_hint(doc: _Doc, cits: Sequence[Citation]) -> str | None:
    catalog = default_catalog(doc.rules)
    sym = doc.symbols[id(cits[0])]
    dates = {c.date for c in cits if c.date}
    accept = catalog_filter(next((c.issuer for c in cits if c.issuer), None), doc.lex)
    rows = [r for d in dates for r in [catalog.lookup(sym, d, accept)] if r.status in ("match", "mismatch")]
    entries = {r.entry.full_number + (r.entry.date or "") : r.entry for r in rows}
    if len(entries) == 1:
        e = next(iter(entries.values()))
        return f"the catalog gives {format_date(e.date)} for {e.full_number} ({e.issuer})"
    return None


# number_conflict and issuer_code_conflict (same date, one part differs) ---------------------

def _subjects_similar(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.5


def _slip_pairs(doc: _Doc) -> list[tuple[list[Citation], list[Citation], str]]:
    """Pairs of số hiệu with one date whose numbers differ by a digit slip or whose
    issuer codes differ: (citations of a, citations of b, "transposition"|"substitution"|"code")."""
    by_date: dict[str, list[tuple[tuple, list[Citation]]]] = defaultdict(list)
    for key, cits in doc.groups.items():
        for d in {c.date for c in cits if parse_iso(c.date)}:
            by_date[d].append((key, [c for c in cits if c.date == d]))
    out = []
    for entries in by_date.values():
        for i in range(len(entries)):
            for j in range(i + 1, len(entries)):
                (ka, ca), (kb, cb) = entries[i], entries[j]
                kind = _slip_kind(ka, kb)
                if kind:
                    out.append((ca, cb, kind))
    return out


def _slip_kind(ka: tuple, kb: tuple) -> str | None:
    (na, pa, ya), (nb, pb, yb) = ka, kb
    if ya != yb or len(pa) != len(pb) or not pa:
        return None
    if pa == pb:
        return digit_slip(na, nb)
    if na == nb and pa[0] == pb[0] and sum(x != y for x, y in zip(pa, pb, strict=True)) == 1:
        return "code"
    return None


def _same_type_word(ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    ta = {fold(c.type) for c in ca if c.type}
    tb = {fold(c.type) for c in cb if c.type}
    return not ta or not tb or bool(ta & tb)


def check_number_and_code_slips(doc: _Doc) -> list[Finding]:
    out = []
    for ca, cb, kind in _slip_pairs(doc):
        if not _same_type_word(ca, cb) or _listed_together(ca, cb):
            continue
        if not all(issuers_compatible(a.issuer, b.issuer, doc.lex) for a in ca for b in cb):
            continue
        similar = [_subjects_similar(a.subject, b.subject) for a in ca for b in cb]
        if any(s is False for s in similar):
            continue
        if kind == "substitution" and not any(similar):  # 217 and 218 of one day are common
            continue
        out.append(_slip_finding(doc, ca, cb, kind))
    return out


def _listed_together(ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    """"Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013": two numbers sharing
    one date are two documents by construction."""
    return any(a.date_start is not None and a.date_start == b.date_start for a in ca for b in cb)


def _slip_finding(doc: _Doc, ca: list[Citation], cb: list[Citation], kind: str) -> Finding:
    name_a, name_b = _display(ca), _display(cb)
    date = format_date(ca[0].date)
    desc = {"transposition": "digits transposed", "substitution": "one digit differs",
            "code": "issuer codes differ"}[kind]
    msg = (f"{name_a} ({len(ca)}×, {_places(ca, doc.body_start)}) and {name_b} "
           f"({len(cb)}×, {_places(cb, doc.body_start)}) are both dated {date}"
           f"{_common_issuer(ca + cb)}: {desc}")
    suggestion = None
    if kind == "code":
        suggestion = _code_hint(doc, ca + cb)
    elif len(ca) != len(cb):
        major = name_a if len(ca) > len(cb) else name_b
        suggestion = f"most citations use {major}"
    evidence = [_evidence(c, c.canonical) for c in sorted(ca + cb, key=lambda c: c.start)]
    kind_name = "issuer_code_conflict" if kind == "code" else "number_conflict"
    return doc.finding(kind_name, msg, evidence, name_a, suggestion)


def _common_issuer(cits: Sequence[Citation]) -> str:
    issuers = Counter(c.issuer for c in cits if c.issuer)
    return f" and issued by {issuers.most_common(1)[0][0]}" if issuers else ""


def _code_hint(doc: _Doc, cits: Sequence[Citation]) -> str | None:
    """Which issuer code agrees with the issuer phrase."""
    for c in cits:
        sym = doc.symbols[id(c)]
        code = _issuer_code(sym, doc.lex)
        body = body_of(c.issuer, doc.lex)
        allowed = doc.lex.code_bodies.get(code or "")
        if body and allowed and body in allowed:
            return f"{c.canonical} agrees with the issuer “{c.issuer}”"
    return None


# issuer_code_conflict: the code contradicts the issuer phrase ------------------------------

def check_code_vs_issuer(doc: _Doc) -> list[Finding]:
    grouped: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for c in doc.result.citations:
        sym = doc.symbols.get(id(c))
        if sym is None or not c.issuer:
            continue
        code = _issuer_code(sym, doc.lex)
        allowed = doc.lex.code_bodies.get(code or "")
        body = body_of(c.issuer, doc.lex)
        if not allowed or not body or body in allowed:
            continue
        grouped[(c.canonical, body)].append(c)
    out = []
    for (canonical, body), cits in grouped.items():
        sym = doc.symbols[id(cits[0])]
        code = _issuer_code(sym, doc.lex)
        issuer = cits[0].issuer
        msg = (f"{canonical} carries the issuer code {code} but is cited as issued by "
               f"“{issuer}” ({_places(cits, doc.body_start)})")
        loose = body in doc.lex.loose_bodies.get(code or "", frozenset())
        out.append(doc.finding("issuer_code_conflict", msg, [_evidence(c, c.issuer) for c in cits],
                               canonical, _code_suggestion(doc, sym, body), rule="loose" if loose else None))
    return out


def _code_suggestion(doc: _Doc, sym: Symbol, body: str) -> str | None:
    """The số hiệu rebuilt with the code of the body named (25-NQ/TU + BCH TW -> 25-NQ/TW)."""
    codes = [code for code, bodies in doc.lex.code_bodies.items() if body in bodies]
    if len(codes) != 1:
        return None
    parts = [doc.lex.aliases.get(p, p) for p in sym.parts]
    old = _issuer_code(sym, doc.lex)
    parts = [codes[0] if p == old else p for p in parts]
    return _render(sym.number, sym.year, sym.style, parts)


def _render(number: str, year: int | None, style: str, parts: Sequence[str]) -> str:
    if style == "party" and len(parts) > 1:
        return f"{number}-{parts[0]}/{'-'.join(parts[1:])}"
    return f"{number}/{f'{year}/' if year else ''}{'-'.join(parts)}"


# issuer_variant: one document, issuer phrases that disagree --------------------------------

def check_issuer_variants(doc: _Doc) -> list[Finding]:
    out = []
    for cits in doc.groups.values():
        with_issuer = [c for c in cits if c.issuer and fold(c.issuer) not in doc.lex.empty_issuers]
        pair = _issuer_pair(with_issuer, doc.lex)
        if pair is None:
            continue
        a, b, why = pair
        name = _display(cits)
        ia = [c for c in with_issuer if fold(c.issuer) == fold(a.issuer)]
        ib = [c for c in with_issuer if fold(c.issuer) == fold(b.issuer)]
        msg = (f"{name} cited as issued by “{a.issuer}” at {_places(ia, doc.body_start)} and "
               f"“{b.issuer}” at {_places(ib, doc.body_start)} ({why})")
        out.append(doc.finding("issuer_variant", msg, [_evidence(c, c.issuer) for c in ia + ib], name))
    return out


def _issuer_pair(cits: Sequence[Citation], lex: Lexicon) -> tuple[Citation, Citation, str] | None:
    for i, a in enumerate(cits):
        for b in cits[i + 1:]:
            na, nb = _normal_issuer(a.issuer, lex), _normal_issuer(b.issuer, lex)
            if na == nb or na in nb or nb in na:
                continue
            if strip_marks(na) == strip_marks(nb):
                return a, b, "spelled differently"
            ba, bb = body_of(a.issuer, lex), body_of(b.issuer, lex)
            if ba and bb and not _same_body(ba, bb, lex):
                return a, b, "different bodies"
    return None


# malformed_symbol ---------------------------------------------------------------------------

@dataclass(slots=True)
class SymbolProblem:
    rule: str  # space | line_break | glued | style | case | nonstandard_code
    message: str


def _raw_symbol(c: Citation, text: str) -> str | None:
    if c.raw_symbol:
        return c.raw_symbol
    if c.symbol_start is not None and c.symbol_end is not None and text:
        return text[c.symbol_start:c.symbol_end]
    return None


_SPACED_SEPARATOR = re.compile(r"\s[-–/]|[-–/]\s")
_SPACES_AROUND_SEPARATOR = re.compile(r"\s*([-–/])\s*")
_SPACE_BETWEEN_LETTERS = re.compile(r"(?<=\p{L})\s+(?=\p{L})")
_PARTY_NUMBER = re.compile(r"^\d+\p{Ll}?-")


def symbol_problems(raw: str, type_word: str | None, lex: Lexicon) -> tuple[list[SymbolProblem], str | None]:
    """What is wrong with a số hiệu as written, and its normalised form (None if fine)."""
    key = (raw, type_word)
    if key not in lex.symbol_memo:
        if len(lex.symbol_memo) > 20_000:
            lex.symbol_memo.clear()
        lex.symbol_memo[key] = _symbol_problems(raw, type_word, lex)
    problems, fixed = lex.symbol_memo[key]
    return list(problems), fixed


def _symbol_problems(raw: str, type_word: str | None, lex: Lexicon) -> tuple[list[SymbolProblem], str | None]:
    raw = raw.strip().rstrip(".,;:")
    problems: list[SymbolProblem] = []
    work = raw
    if "\n" in work:
        problems.append(SymbolProblem("line_break", f"“{_one_line(raw)}” is broken across lines"))
    elif _SPACED_SEPARATOR.search(work):
        problems.append(SymbolProblem("space", f"stray space in “{raw}”"))
    work = _SPACES_AROUND_SEPARATOR.sub(r"\1", work)
    if "–" in work:
        work = work.replace("–", "-")
    if _SPACE_BETWEEN_LETTERS.search(work):
        problems.append(SymbolProblem("space", f"a space instead of “-” in “{raw}”"))
        work = _SPACE_BETWEEN_LETTERS.sub("-", work)
    sym = parse_symbol(work)
    if sym is None:
        return problems, None
    parts = list(sym.parts)
    style = sym.style
    dash_only = bool(_PARTY_NUMBER.match(work)) and "/" not in work
    parts = _fix_case(parts, lex, problems)
    parts = _split_glued(parts, style, lex, problems, raw)
    style = _fix_style(sym, parts, style, dash_only, lex, problems, raw)
    _nonstandard_type(parts, style, type_word, lex, problems)
    if not problems:
        return [], None
    fixed = _render(sym.number, sym.year, style, parts)
    return problems, None if fixed == _one_line(raw) else fixed


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _fix_case(parts: list[str], lex: Lexicon, problems: list[SymbolProblem]) -> list[str]:
    out = []
    for p in parts:
        if p in lex.aliases:
            problems.append(SymbolProblem("case", f"{p} is written for the code {lex.aliases[p]}"))
            out.append(lex.aliases[p])
        elif p not in lex.known_ci.values() and p.upper() in lex.known_ci and not re.search(r"\d", p):
            std = lex.known_ci[p.upper()]
            problems.append(SymbolProblem("case", f"the code {p} is written {std} in standard form"))
            out.append(std)
        else:
            out.append(p)
    return out


def _split_glued(parts: list[str], style: str, lex: Lexicon, problems: list[SymbolProblem], raw: str) -> list[str]:
    """30/KHUBND -> KH + UBND (type and issuer codes written without "-")."""
    if style != "state" or not parts:
        return parts
    p0 = parts[0]
    if p0 in lex.type_codes or p0 in lex.issuer_codes or re.search(r"\d", p0):
        return parts
    for t in sorted(lex.type_codes, key=len, reverse=True):
        rest = p0[len(t):]
        if p0.startswith(t) and rest in lex.issuer_codes:
            problems.append(SymbolProblem("glued", f"“-” missing between {t} and {rest} in “{raw}”"))
            return [t, rest] + parts[1:]
    return parts


def _only_party(code: str, lex: Lexicon) -> bool:
    return code in lex.party_issuers and code not in lex.state_issuers and code not in lex.both_issuers


def _only_state(code: str, lex: Lexicon) -> bool:
    return code in lex.state_issuers and code not in lex.party_issuers and code not in lex.both_issuers


def _fix_style(sym: Symbol, parts: list[str], style: str, dash_only: bool, lex: Lexicon,
               problems: list[SymbolProblem], raw: str) -> str:
    if len(parts) < 2 or parts[0] not in lex.type_codes or sym.year is not None:
        return style
    issuers = parts[1:]
    if dash_only:  # 107-KH-KDVĐU: Party number, "-" where "/" belongs (or the reverse)
        if _only_state(issuers[0], lex):
            problems.append(SymbolProblem("style", f"“-” after the number where a state số hiệu has “/” in “{raw}”"))
            return "state"
        problems.append(SymbolProblem("style", f"“-” between the type code {parts[0]} and the issuer "
                                               f"where a Party số hiệu has “/” in “{raw}”"))
        return "party"
    if style == "state" and all(_only_party(p, lex) for p in issuers):
        problems.append(SymbolProblem("style", f"Party số hiệu written in state style (number/type-issuer) in “{raw}”"))
        return "party"
    if style == "party" and all(_only_state(p, lex) for p in issuers):
        problems.append(SymbolProblem("style", f"state số hiệu written in Party style (number-type/issuer) in “{raw}”"))
        return "state"
    state_bodies = [p for p in issuers[1:] if _only_state(p, lex) and p in lex.code_bodies]
    if style == "party" and state_bodies and not _only_state(issuers[0], lex):
        state = ", ".join(state_bodies)
        problems.append(SymbolProblem("hybrid", f"Party số hiệu “{raw}” has the state issuer code {state} "
                                                f"among its issuers (a joint document?)"))
    return style


def _nonstandard_type(parts: list[str], style: str, type_word: str | None, lex: Lexicon,
                      problems: list[SymbolProblem]) -> None:
    expected = lex.type_codes_of.get(fold(type_word), frozenset())
    p0 = parts[0] if parts else ""
    if not expected or p0 in lex.type_codes or p0 in lex.issuer_codes:
        return
    for code in sorted(expected, key=len, reverse=True):
        if p0.startswith(code) and len(p0) > len(code):
            problems.append(SymbolProblem("nonstandard_code", f"{p0} is not a standard type code "
                                                              f"({type_word}: {', '.join(sorted(expected))})"))
            return


def check_malformed_symbols(doc: _Doc) -> list[Finding]:
    grouped: dict[tuple[str, str], list[tuple[Citation, SymbolProblem, str | None]]] = defaultdict(list)
    for c in doc.result.citations:
        raw = _raw_symbol(c, doc.result.text)
        if not raw:
            continue
        problems, suggestion = symbol_problems(raw, c.type, doc.lex)
        for p in problems:
            grouped[(_one_line(raw), p.rule)].append((c, p, suggestion))
    out = []
    for (raw, rule), items in grouped.items():
        cits = [c for c, _, _ in items]
        msg = f"{items[0][1].message} ({_places(cits, doc.body_start)})"
        out.append(doc.finding("malformed_symbol", msg, [_evidence(c, raw) for c in cits],
                               cits[0].canonical, items[0][2], rule=rule))
    out.extend(_punctuation_findings(doc))
    return out


_AFTER_SYMBOL = re.compile(r"[ \t]*([,.;:])[ \t\n]*(?=ngày\b)", re.I)
_COLON_SO = re.compile(r"(?i:số)[ \t]*:[ \t]*$")
_PUNCT_NAMES = {",": "comma", ".": "full stop", ";": "semicolon", ":": "colon"}


def _punctuation_findings(doc: _Doc) -> list[Finding]:
    text = doc.result.text
    after: dict[str, list[Citation]] = defaultdict(list)
    colon: list[Citation] = []
    for c in doc.result.citations:
        if c.symbol_end is not None and text:
            m = _AFTER_SYMBOL.match(text, c.symbol_end)
            if m and m.end() <= max(c.end, (c.date_start or c.end)):
                after[m.group(1)].append(c)
        if c.symbol_start is not None and text and _COLON_SO.search(text, c.start, c.symbol_start):
            colon.append(c)
    out = []
    for mark, cits in after.items():
        msg = (f"{_PUNCT_NAMES[mark]} between the số hiệu and “ngày” in {len(cits)} citation"
               f"{'s' if len(cits) > 1 else ''}: " + "; ".join(f"“{_one_line(c.text)}” ({_places([c], doc.body_start)})" for c in cits))
        out.append(doc.finding("malformed_symbol", msg, [_evidence(c) for c in cits], cits[0].canonical,
                               f"write “{cits[0].canonical} ngày …” without the {_PUNCT_NAMES[mark]}",
                               rule="punctuation"))
    if colon:
        msg = (f"“số:” with a colon before the number in {len(colon)} citation{'s' if len(colon) > 1 else ''}: "
               + "; ".join(f"“{_one_line(c.text)}” ({_places([c], doc.body_start)})" for c in colon))
        out.append(doc.finding("malformed_symbol", msg, [_evidence(c) for c in colon], colon[0].canonical,
                               f"write “số {colon[0].canonical}”", rule="colon"))
    return out


# missing_issuer and undated_citation --------------------------------------------------------

_EMPTY_CUA = re.compile(r"[ \t,]*của[ \t]+(\p{L}+)", re.I)


def check_missing_issuer(doc: _Doc) -> list[Finding]:
    text = doc.result.text
    grouped: dict[tuple[str, str], list[tuple[Citation, Any]]] = defaultdict(list)
    for c in doc.result.citations:
        if c.issuer or not text:
            continue
        m = _EMPTY_CUA.match(text, c.end)
        if m and fold(m.group(1)) in doc.lex.empty_issuers:
            grouped[(c.canonical, m.group(1))].append((c, m))
    out = []
    for (canonical, word), items in grouped.items():
        cits = [c for c, _ in items]
        ev = []
        for c, m in items:
            ev += [_evidence(c), _span_evidence(text, m.start(), m.end(), c.section_id, role="gap")]
        msg = f"“của” is followed by “{word}” with no issuer after {canonical} ({_places(cits, doc.body_start)})"
        out.append(doc.finding("missing_issuer", msg, ev, canonical))
    return out


_SO = re.compile(r"(?<!\p{L})số(?!\p{L})", re.I)


def check_citation_style(doc: _Doc) -> list[Finding]:
    """Most citations write "Kế hoạch số 30/KH-UBND"; list the few that leave "số" out."""
    text = doc.result.text
    with_so, without = [], []
    for c in doc.result.citations:
        if c.symbol_start is None or not text or c.symbol_start < c.start:
            continue
        (with_so if _SO.search(text, c.start, c.symbol_start) else without).append(c)
    cfg = doc.lex.style
    share = float(cfg.get("majority", 0.6))
    if not without or len(with_so) < int(cfg.get("min_citations", 4)) or len(with_so) < share * (len(with_so) + len(without)):
        return []
    first: dict[str, Citation] = {}
    for c in without:
        first.setdefault(c.canonical, c)
    listed = "; ".join(f"“{_one_line(c.text)}” ({_places([c], doc.body_start)})" for c in first.values())
    msg = (f"{len(without)} of {len(with_so) + len(without)} citations leave out “số” before the number: {listed}")
    return [doc.finding("citation_style", msg, [_evidence(c) for c in without], None,
                        "write “<type> số <số hiệu>” as the other citations do")]


def _date_just_before(doc: _Doc, c: Citation) -> bool:
    """"Ngày 06/4/2023, UBND xã ban hành Kế hoạch số 26/KH-UBND": the date leads the sentence."""
    text = doc.result.text
    for d in doc.result.dates:
        if d.end <= c.start and c.start - d.end <= 80 and not re.search(r"[.;\n]", text[d.end:c.start]):
            return True
    return False


def check_undated(doc: _Doc) -> list[Finding]:
    out = []
    catalog = default_catalog(doc.rules)
    for cits in doc.groups.values():
        if any(c.date for c in cits) or any(_date_just_before(doc, c) for c in cits):
            continue
        name = _display(cits)
        msg = f"{name} is cited without a date ({_places(cits, doc.body_start)})"
        sym = doc.symbols[id(cits[0])]
        issuer = next((c.issuer for c in cits if c.issuer), None)
        hit = catalog.lookup(sym, None, catalog_filter(issuer, doc.lex))
        hint = None
        if hit.status == "unique" and hit.entry.date:
            hint = f"the catalog dates {hit.entry.full_number} {format_date(hit.entry.date)} ({hit.entry.issuer})"
        out.append(doc.finding("undated_citation", msg, [_evidence(c) for c in cits], name, hint))
    return out


# date_issue ---------------------------------------------------------------------------------

def _before_or_same(a: str, b: str) -> bool | None:
    """Is ISO/partial date a on or before b, at the precision both have? None = undecided."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return None if len(a) != len(b) else True
    return a[:n] < b[:n]


def check_dates(doc: _Doc) -> list[Finding]:
    out = []
    for d in doc.result.dates:
        if d.flag == "invalid":
            out.append(doc.finding("date_issue", f"the date “{d.text}” does not exist ({_places([d], doc.body_start)})",
                                   [_evidence(d)], rule="invalid"))
        elif d.flag == "typo":
            out.append(doc.finding("date_issue", f"the date “{d.text}” has a stray space in it "
                                                 f"({_places([d], doc.body_start)})",
                                   [_evidence(d, d.date)], suggestion=format_date(d.date), rule="typo"))
    own = doc.result.header.date if doc.result.header else None
    for c in doc.result.citations:
        if not c.date:
            continue
        if own and _before_or_same(c.date, own) is False:
            msg = (f"{c.canonical} is dated {format_date(c.date)}, after the report's own date "
                   f"{format_date(own)} ({_places([c], doc.body_start)})")
            out.append(doc.finding("date_issue", msg, [_evidence(c, c.date)], c.canonical, rule="future"))
        sym = doc.symbols.get(id(c))
        if sym and sym.year and parse_iso(c.date) and parse_iso(c.date).year != sym.year:
            msg = (f"{c.canonical} carries the year {sym.year} in its number but is dated "
                   f"{format_date(c.date)} ({_places([c], doc.body_start)})")
            out.append(doc.finding("date_issue", msg, [_evidence(c, c.date)], c.canonical, rule="year"))
    return out


# short forms --------------------------------------------------------------------------------

def check_short_forms(doc: _Doc) -> list[Finding]:
    out = []
    for m in doc.result.mentions:
        where = _places([m], doc.body_start)
        if m.status == "unresolved":
            msg = f"“{m.text}” is cited by a short form that no full citation in the document matches ({where})"
            out.append(doc.finding("unresolved_short_form", msg, [_evidence(m)]))
        elif m.status == "ambiguous":
            cands = ", ".join(m.candidates) or "several documents"
            msg = f"“{m.text}” may refer to {cands} ({where})"
            out.append(doc.finding("ambiguous_short_form", msg, [_evidence(m, list(m.candidates))]))
    return out


# figure_mismatch ----------------------------------------------------------------------------

def _is_percent(s: Statistic) -> bool:
    return (s.unit_base or s.unit or "").strip() == "%" and isinstance(s.value, (int, float))


def _is_ratio(s: Statistic) -> bool:
    return s.numerator is not None and s.denominator is not None and bool(s.denominator)


def _decimals(s: Statistic) -> int:
    m = re.search(r"\d+(?:[.,](\d+))?\s*%?\s*$", s.text.strip())
    if m and m.group(1) and "," in m.group(0):
        return len(m.group(1))
    if isinstance(s.value, float) and not s.value.is_integer():
        return len(repr(s.value).split(".")[1])
    return 0


def _percent_agrees(computed: float, stated: float, decimals: int, lex: Lexicon) -> bool:
    step = 10 ** -decimals
    tol = max(step / 2, float(lex.fig.get("min_percent_tolerance", 0.01))) + 1e-9
    return abs(computed - stated) <= tol or stated <= computed < stated + step  # rounded or cut


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause ending at ``pos``: after the last ".", ";", "!", "?" or line break
    outside parentheses (a "." between digits is a number)."""
    depth = 0
    i = pos - 1
    while i >= 0:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif ch == "\n" or (depth == 0 and (ch in ";!?" or (ch == "." and not _between_digits(text, i)))):
            return i + 1
        i -= 1
    return 0


def _clause_end(text: str, pos: int) -> int:
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n" or (depth == 0 and (ch in ";!?" or (ch == "." and not _between_digits(text, i)))):
            return i
    return len(text)


def _group_end(text: str, pos: int) -> int:
    """The ")" closing the parenthesis open at ``pos`` (or the line end)."""
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "\n":
            return i
    return len(text)


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _outside_after(between: str) -> bool:
    """The text between two spans does not close a group the first one is in."""
    depth = 0
    for ch in between:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return True


def _blocked(doc: _Doc, between: str, pct: Statistic) -> bool:
    text = doc.result.text
    after = fold(text[pct.end:pct.end + 30])
    return bool(doc.lex.blockers_before.search(fold(between)) or doc.lex.blockers_after.match(after.lstrip(" ,:")))


def _names_other_base(doc: _Doc, pct: Statistic, unit: str | None) -> bool:
    """"60% lao động" after a count of hộ: the share is of something else. A percentage
    followed by words is kept only when they name the counted unit or a total ("so với số hộ
    toàn xã", "trên tổng số", "hộ dân")."""
    after = fold(doc.result.text[pct.end:pct.end + 60])
    if not after[:1].isalpha():
        return False
    words = re.findall(r"\w+", after)[:6]
    links = [fold(w).split() for w in doc.lex.fig.get("percent_base_links", [])]
    for link in links:
        if words[:len(link)] == link:
            words = words[len(link):]
            break
    else:
        words = words[:2]
    base_words = {fold(w) for w in doc.lex.fig.get("percent_base_words", [])}
    return not ((unit and unit in words) or base_words & set(words))


def check_percent_of_ratio(doc: _Doc, stats: Sequence[Statistic]) -> list[Finding]:
    """"412/483 vụ việc ..., tương ứng tỷ lệ 85,3%": the percentage of an explicit ratio."""
    text = doc.result.text
    out = []
    for k, pct in enumerate(stats):
        if not _is_percent(pct):
            continue
        start = _clause_start(text, pct.start)
        ratio = None
        for prev in reversed(stats[:k]):
            if prev.end <= start:
                break
            if _is_percent(prev):
                break
            if _is_ratio(prev) and prev.start >= start:
                ratio = prev
                break
        if ratio is None:
            continue
        between = text[ratio.end:pct.start]
        if not _outside_after(between) or _blocked(doc, between, pct) or re.search(r"\d+\s*/\s*\d", between):
            continue
        if _names_other_base(doc, pct, _unit_key(ratio, doc.lex)):
            continue
        computed = ratio.numerator / ratio.denominator * 100
        out.extend(_percent_finding(doc, pct, computed, f"{_num(ratio.numerator)}/{_num(ratio.denominator)}",
                                    [_evidence(ratio, ratio.value, "ratio"), _evidence(pct, pct.value, "percent")]))
    return out


def _num(v: float) -> str:
    return format_number(v, 0 if float(v).is_integer() else None)


def _percent_finding(doc: _Doc, pct: Statistic, computed: float, expr: str,
                     evidence: list[dict]) -> list[Finding]:
    decimals = _decimals(pct)
    if _percent_agrees(computed, float(pct.value), decimals, doc.lex):
        return []
    shown = max(decimals, 2)
    msg = (f"{expr} = {format_number(computed, shown)} %, text says {format_number(float(pct.value), decimals)} % "
           f"({_places([pct], doc.body_start)})")
    return [doc.finding("figure_mismatch", msg, evidence, suggestion=f"{format_number(computed, shown)} %",
                        rule="percent")]


def _unit_key(s: Statistic, lex: Lexicon) -> str | None:
    unit = fold(s.unit_base or s.unit)
    if not unit or unit == "%":
        return None
    unit = lex.unit_aliases.get(unit, unit)
    return unit.split()[0]


def _amount(s: Statistic) -> float | None:
    v = s.value_base if isinstance(s.value_base, (int, float)) else s.value
    return float(v) if isinstance(v, (int, float)) and not _is_ratio(s) else None


def _rounding(stats: Sequence[Statistic]) -> float:
    """How far a sum may be off from rounding alone: half a unit of the last written decimal
    of each figure (whole counts are exact)."""
    err = 1e-9
    for s in stats:
        dec = _decimals(s)
        if dec or not float(s.value).is_integer():
            scale = (s.value_base / s.value) if isinstance(s.value_base, (int, float)) and s.value else 1
            err += 0.5 * 10 ** -dec * abs(scale)
    return err


def _total_group(stats: Sequence[Statistic], idx: int, text: str) -> list[Statistic]:
    """The statistics joined by "/" that end at ``stats[idx]`` ("963 đơn/881 vụ")."""
    group = [stats[idx]]
    j = idx
    while j > 0 and text[stats[j - 1].end:stats[j].start].strip() == "/":
        group.insert(0, stats[j - 1])
        j -= 1
    return group


def _top_level(text: str, lo: int, spans: Sequence[Statistic]) -> list[Statistic]:
    """Statistics not inside a parenthesis opened after ``lo``."""
    out = []
    for s in spans:
        between = text[lo:s.start]
        if between.count("(") == between.count(")"):
            out.append(s)
    return out


def check_breakdowns(doc: _Doc, stats: Sequence[Statistic]) -> list[Finding]:
    """"TOTAL, trong đó PART, PART": parts that add up, and each part's stated share."""
    text = doc.result.text
    out = []
    starts = [s.start for s in stats]
    for m in doc.lex.breakdown_re.finditer(text):
        idx = _stat_before(stats, starts, m.start(), text)
        if idx is None:
            continue
        totals = _total_group(stats, idx, text)
        opened = "(" in text[totals[-1].end:m.start()]
        end = _group_end(text, m.end()) if opened else _clause_end(text, m.end())
        inside = [s for s in stats if m.end() <= s.start and s.end <= end]
        inside = _top_level(text, m.end(), inside)
        exhaustive = fold(m.group()) in {fold(w) for w in doc.lex.fig.get("exhaustive_words", [])}
        complete = _every_item_counted(text, m.end(), end, inside) and (opened or not _rest_follows(doc, end))
        for total in totals:
            out.extend(_check_parts(doc, total, inside, exhaustive and complete, end, complete))
    return out


def _stat_before(stats: Sequence[Statistic], starts: list[int], pos: int, text: str) -> int | None:
    import bisect

    i = bisect.bisect_left(starts, pos) - 1
    if i < 0 or stats[i].end > pos:
        return None
    if not re.fullmatch(r"[\s,(:\-–]*", text[stats[i].end:pos]):
        return None
    return i if _amount(stats[i]) is not None else None


def _check_parts(doc: _Doc, total: Statistic, inside: Sequence[Statistic], exhaustive: bool,
                 hi: int, complete: bool = True) -> list[Finding]:
    unit = _unit_key(total, doc.lex)
    amount = _amount(total)
    if unit is None or amount is None:
        return []
    parts = [s for s in inside if _unit_key(s, doc.lex) == unit and _amount(s) is not None]
    out: list[Finding] = []
    for part in parts:
        out.extend(_share_of_total(doc, part, total, inside))
    if len(parts) < 2:
        return out
    rest_words = doc.lex.fig.get("rest_words", [])
    last_item = fold(doc.result.text[parts[-2].end:_item_end(doc.result.text, parts[-1].end, hi)])
    if not complete or (not exhaustive and not _has_word(last_item, rest_words)):
        return out
    total_parts = sum(_amount(p) for p in parts)
    if abs(total_parts - amount) <= _rounding([total, *parts]):
        return out
    dec = max((_decimals(p) for p in parts + [total]), default=0)
    expr = " + ".join(format_number(_amount(p), _decimals(p)) for p in parts)
    u = total.unit or ""
    msg = (f"{expr} = {format_number(total_parts, dec)} {u}, text says {format_number(amount, _decimals(total))} {u} "
           f"in total ({_places([total], doc.body_start)})")
    ev = [_evidence(total, total.value, "total")] + [_evidence(p, p.value, "part") for p in parts]
    out.append(doc.finding("figure_mismatch", msg, ev, rule="sum"))
    return out


def _has_word(folded: str, words: Iterable[str]) -> bool:
    return any(_word_re(w).search(folded) for w in words)


@functools.lru_cache(maxsize=1024)
def _word_re(word: str) -> Any:
    return re.compile(rf"(?<!\w){re.escape(fold(word))}(?!\w)")


def _top_level_separators(text: str, lo: int, hi: int, marks: str) -> list[int]:
    depth, out = 0, []
    for i in range(lo, hi):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in marks and not _between_digits(text, i):
            out.append(i)
    return out


def _every_item_counted(text: str, lo: int, hi: int, stats: Sequence[Statistic]) -> bool:
    """Each item of the list between ``lo`` and ``hi`` carries a figure: an item without one
    ("…, nguồn xã hội hóa, …") makes the sum unverifiable. Items are split at top-level ";",
    or "," when there is no ";"."""
    seps = _top_level_separators(text, lo, hi, ";") or _top_level_separators(text, lo, hi, ",")
    bounds = [lo, *seps, hi]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if not text[a:b].strip(" \t\n:;,.-–+"):
            continue
        if not any(a <= st.start < b for st in stats):
            return False
    return True


def _rest_follows(doc: _Doc, pos: int) -> bool:
    """"…; còn lại do nhân dân đóng góp": the rest is named after the list, without a figure."""
    text = doc.result.text
    end = pos
    while end < len(text) and text[end] != "\n" and not (text[end] == "." and not _between_digits(text, end)):
        end += 1
    return _has_word(fold(text[pos:end]), doc.lex.fig.get("rest_words", []))


def _item_end(text: str, pos: int, hi: int) -> int:
    m = re.compile(r"[,;]").search(text, pos, hi)
    return m.start() if m else hi


def _share_of_total(doc: _Doc, part: Statistic, total: Statistic, inside: Sequence[Statistic]) -> list[Finding]:
    """"618 hộ (trong đó 315 hộ nghèo chiếm 49,22 ...)": 315/618 against 49,22 %."""
    text = doc.result.text
    after = [s for s in inside if s.start >= part.end]
    if not after or not _is_percent(after[0]):
        return []
    pct = after[0]
    between = text[part.end:pct.start]
    if len(between) > 60 or re.search(r"\d|[;()]", between) or _blocked(doc, between, pct):
        return []
    if _names_other_base(doc, pct, _unit_key(total, doc.lex)):
        return []
    computed = _amount(part) / _amount(total) * 100 if _amount(total) else None
    if computed is None:
        return []
    expr = f"{_num(_amount(part))}/{_num(_amount(total))}"
    ev = [_evidence(part, part.value, "part"), _evidence(total, total.value, "total"), _evidence(pct, pct.value, "percent")]
    return _percent_finding(doc, pct, computed, expr, ev)


_ITEM_LINE = re.compile(r"^[ \t]*[+][ \t]*\S", re.M)


def check_classifications(doc: _Doc, stats: Sequence[Statistic]) -> list[Finding]:
    """"b) Phân loại, xử lý đơn (634 đơn/623 vụ việc)" then "- Phân loại theo …:" with "+" items:
    the items of a classification add up to the total of the section heading."""
    text = doc.result.text
    out = []
    for m in doc.lex.classification_re.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = _line_end(text, m.end())
        if not text[line_start:line_end].rstrip().endswith(":"):
            continue
        section = _innermost_section(doc, m.start())
        if section is None:
            continue
        heading_end = section.heading_end or _line_end(text, section.start)
        totals = [s for s in stats if section.start <= s.start and s.end <= heading_end and _amount(s) is not None]
        items = _items_after(text, line_end, section.end)
        if not totals or len(items) < 2:
            continue
        for total in totals:
            out.extend(_classification_sum(doc, total, items, stats, section.section_id))
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _innermost_section(doc: _Doc, pos: int):
    best = None
    for s in doc.result.sections:
        if s.start <= pos < s.end and (best is None or s.start >= best.start):
            best = s
    return best


def _items_after(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    items = []
    for line in re.finditer(r"[^\n]*", text[:limit], pos=pos):
        s, e = line.span()
        if s >= limit:
            break
        if not line.group().strip():
            continue
        if not _ITEM_LINE.match(line.group()):
            break
        items.append((s, e))
    return items


def _classification_sum(doc: _Doc, total: Statistic, items: Sequence[tuple[int, int]],
                        stats: Sequence[Statistic], section_id: str) -> list[Finding]:
    unit = _unit_key(total, doc.lex)
    if unit is None:
        return []
    text = doc.result.text
    parts = []
    for s, e in items:
        found = [x for x in _top_level(text, s, [x for x in stats if s <= x.start and x.end <= e])
                 if _unit_key(x, doc.lex) == unit and _amount(x) is not None]
        if not found:
            return []
        parts.append(found[0])
    amount = _amount(total)
    got = sum(_amount(p) for p in parts)
    if abs(got - amount) <= _rounding([total, *parts]):
        return []
    expr = " + ".join(format_number(_amount(p), _decimals(p)) for p in parts)
    u = total.unit or ""
    msg = (f"{expr} = {format_number(got, 0)} {u}, text says {format_number(amount, _decimals(total))} {u} "
           f"in the heading of §{section_id}")
    ev = [_evidence(total, total.value, "total")] + [_evidence(p, p.value, "part") for p in parts]
    return [doc.finding("figure_mismatch", msg, ev, rule="sum")]


def check_missing_units(doc: _Doc, stats: Sequence[Statistic]) -> list[Finding]:
    """"18 hộ/6,5 hecta, 8 hộ/01 hecta, 10/20 con bò giống": in a list of "A unit/B unit"
    figures, one written "A/B unit" has lost the unit of its first number."""
    text = doc.result.text
    out = []
    for r in stats:
        if not _is_ratio(r):
            continue
        lo, hi = _clause_start(text, r.start), _clause_end(text, r.end)
        near = [s for s in stats if lo <= s.start and s.end <= hi]
        pairs = [(a, b) for a, b in zip(near, near[1:], strict=False)
                 if text[a.end:b.start].strip() == "/" and not _is_ratio(a) and not _is_ratio(b)
                 and _unit_key(a, doc.lex) and _unit_key(a, doc.lex) != _unit_key(b, doc.lex)]
        firsts = {_unit_key(a, doc.lex) for a, _ in pairs}
        seconds = {_unit_key(b, doc.lex) for _, b in pairs}
        if len(pairs) < 2 or len(firsts) != 1 or _unit_key(r, doc.lex) in firsts | seconds:
            continue  # "190/198 vụ" beside "215 đơn/198 vụ" counts vụ out of vụ
        unit = next(iter(firsts))
        shown = ", ".join(f"“{text[a.start:b.end]}”" for a, b in pairs)
        msg = (f"“{r.text}”: the first number has no unit, while the figures beside it are written {shown} "
               f"({_places([r], doc.body_start)})")
        ev = [_evidence(r, r.value, "ratio")] + [_evidence(a, a.value, "sibling") for a, _ in pairs]
        out.append(doc.finding("missing_unit", msg, ev, suggestion=f"{_num(r.numerator)} {unit}/{r.text.split('/', 1)[1]}"))
    return out


def check_figures(doc: _Doc) -> list[Finding]:
    stats = sorted((s for s in doc.result.statistics if s.end > s.start), key=lambda s: s.start)
    if not stats or not doc.result.text:
        return []
    out = (check_percent_of_ratio(doc, stats) + check_breakdowns(doc, stats) + check_classifications(doc, stats)
           + check_missing_units(doc, stats))
    return _dedupe(out)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.kind, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


DOCUMENT_CHECKS: tuple[Callable[[_Doc], list[Finding]], ...] = (
    check_date_conflicts,
    check_number_and_code_slips,
    check_code_vs_issuer,
    check_issuer_variants,
    check_malformed_symbols,
    check_missing_issuer,
    check_citation_style,
    check_undated,
    check_dates,
    check_short_forms,
    check_figures,
)


# --- the archive checks ---------------------------------------------------------------------

def check_archive(results: Iterable[DocumentResult], rules: Rules, catalogs: Sequence[str] = ()) -> list[Finding]:
    """Findings across documents: one số hiệu dated differently in different reports, and
    citations that disagree with the catalog (rules/catalog.csv plus ``catalogs``)."""
    lex = lexicon(rules)
    catalog = load_catalog(rules, catalogs) if catalogs else default_catalog(rules)
    docs = [r for r in results if r.citations]
    findings = _archive_date_conflicts(docs, lex)
    for r in docs:
        findings.extend(check_catalog(r, rules, catalog))
    return findings


def _archive_key(c: Citation, sym: Symbol, lex: Lexicon) -> tuple | None:
    """Key under which citations in different reports are the same document, or None when
    the issuer is local and not named with its place."""
    if _national(sym, lex):
        return _group_key(sym, lex) + ("",)
    if c.issuer and lex.place_re.search(c.issuer):
        return _group_key(sym, lex) + (strip_marks(_normal_issuer(c.issuer, lex)),)
    return None


def _archive_date_conflicts(docs: Sequence[DocumentResult], lex: Lexicon) -> list[Finding]:
    groups: dict[tuple, list[tuple[str, Citation, Symbol]]] = defaultdict(list)
    for r in docs:
        for c in r.citations:
            sym = parse_symbol(c.canonical)
            if sym is None or parse_iso(c.date) is None:
                continue
            key = _archive_key(c, sym, lex)
            if key is not None:
                groups[key].append((r.doc_id, c, sym))
    out = []
    for items in groups.values():
        for cluster in _archive_clusters(items, lex):
            f = _archive_conflict(cluster, lex)
            if f:
                out.append(f)
    return out


def _archive_clusters(items: list[tuple[str, Citation, Symbol]], lex: Lexicon) -> list[list[tuple[str, Citation, Symbol]]]:
    clusters: list[list[tuple[str, Citation, Symbol]]] = []
    for it in items:  # compared with each cluster's first member: linear in the archive size
        for cl in clusters:
            if _archive_same(it, cl[0], lex):
                cl.append(it)
                break
        else:
            clusters.append([it])
    return clusters


def _archive_same(a: tuple[str, Citation, Symbol], b: tuple[str, Citation, Symbol], lex: Lexicon) -> bool:
    da, db = parse_iso(a[1].date), parse_iso(b[1].date)
    if abs((da - db).days) > lex.max_conflict_days or same_period(a[2], da, db, lex.terms) is False:
        return False
    return issuers_compatible(a[1].issuer, b[1].issuer, lex)


def _archive_conflict(cluster: list[tuple[str, Citation, Symbol]], lex: Lexicon) -> Finding | None:
    docs_by_date: dict[str, list[str]] = defaultdict(list)
    for doc_id, c, _ in cluster:
        if doc_id not in docs_by_date[c.date]:
            docs_by_date[c.date].append(doc_id)
    all_docs = {d for ds in docs_by_date.values() for d in ds}
    if len(docs_by_date) < 2 or len(all_docs) < 2:
        return None
    ranked = sorted(docs_by_date.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    name = _display([c for _, c, _ in cluster])
    major_n = len(ranked[0][1])
    tie = len(ranked) > 1 and len(ranked[1][1]) == major_n
    parts = [f"{format_date(d)} in {len(ds)} document{'s' if len(ds) > 1 else ''} ({', '.join(ds)})" for d, ds in ranked]
    msg = f"{name} is dated " + "; ".join(parts)
    suggestion = None if tie else f"most documents give {format_date(ranked[0][0])}"
    evidence = [_evidence(c, c.date, doc_id=doc_id) for doc_id, c, _ in cluster]
    return Finding(kind="date_conflict", severity=severity_of(lex, "date_conflict", "archive"), canonical=name,
                   message=msg, evidence=evidence, suggestion=suggestion, doc_id=None)


def check_catalog(result: DocumentResult, rules: Rules, catalog: Catalog | None = None) -> list[Finding]:
    """Citations of one document against the catalog: catalog_mismatch findings (doc_id set)."""
    lex = lexicon(rules)
    catalog = catalog or default_catalog(rules)
    if not len(catalog):
        return []
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    syms: dict[tuple, Symbol] = {}
    for c in result.citations:
        sym = parse_symbol(c.canonical)
        if sym is None:
            continue
        key = _group_key(sym, lex) + (c.date or "",)
        groups[key].append(c)
        syms[key] = sym
    body_start = result.header.body_start if result.header else 0
    out = []
    for key, cits in groups.items():
        f = _catalog_finding(cits, syms[key], catalog, lex, body_start)
        if f is not None:
            f.doc_id = result.doc_id
            out.append(f)
    return out


def catalog_filter(issuer: str | None, lex: Lexicon) -> Callable[[Any], bool]:
    """Which catalog rows can be the cited document: any row of a national code (-TTg, /TW);
    a row of a local code (UBND, TU) only when the citation names the same body with its
    place (a "23/KH-UBND" exists in every commune)."""
    mine = strip_marks(_normal_issuer(issuer, lex)) if issuer and lex.place_re.search(issuer) else ""

    def accept(entry: Any) -> bool:
        if entry.symbol is not None and _national(entry.symbol, lex):
            return True
        return _contains_either(mine, strip_marks(_normal_issuer(entry.issuer, lex)))

    return accept


def _contains_either(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _catalog_finding(cits: list[Citation], sym: Symbol, catalog: Catalog, lex: Lexicon, body_start: int) -> Finding | None:
    date = cits[0].date
    accept = catalog_filter(next((c.issuer for c in cits if c.issuer), None), lex)
    hit = catalog.lookup(sym, date, accept)
    name = _display(cits)
    where = _places(cits, body_start)
    sev = severity_of(lex, "catalog_mismatch")
    evidence = [_evidence(c, c.date) for c in cits]
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
        if body and allowed and not any(_same_body(body, a, lex) for a in allowed):
            msg = f"{name} is cited as issued by “{c.issuer}”; the catalog gives {e.issuer} ({where})"
            return Finding("catalog_mismatch", sev, name, msg, evidence, _source(e.issuer, e))
    return None


def _source(value: str, e: Any) -> str:
    return f"{value} (catalog: {e.source_url})" if e.source_url else value
