"""Short-form references (Chỉ thị 33) and laws named without a number.

Three kinds of mention (lexicons in rules/laws.yaml):
- a short form, type word + bare number ("Chỉ thị 33", "Đề án 06", "NQ 88"), resolved the
  way eyecite resolves short cites: the full citations of the same document with the same
  type and number (the earlier ones if any): one document -> "resolved", several ->
  "ambiguous" (``candidates``), none -> "unresolved";
- legislation named without a number ("Luật Tố cáo năm 2018", "Luật cán bộ, công chức",
  "Hiến pháp"): status "named", ``resolved_canonical`` from a numbered citation of the same
  law in the document or from rules/catalog.csv when the name (and year) is unique there;
- a national document known by name ("Chương trình mục tiêu quốc gia ..."): "named".
Nothing inside a full citation is a mention.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex as re

from ..models import Citation, Mention
from ..rules import Rules, RulesError
from ..text.fold import fold_case, fold_char, tone_tolerant
from .spans import SpanSet


def _phrase_re(words: Sequence[str]) -> str:
    alts = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    return "|".join(tone_tolerant(re.escape(w).replace(r"\ ", r"\s+")) for w in alts)


@dataclass(slots=True)
class _LawName:
    type: str
    name: str  # canonical name ("Thực hiện dân chủ ở cơ sở")
    rx: re.Pattern  # name or alias right after the type word
    initials: frozenset[str]  # base letters the name and its aliases start with


@dataclass(slots=True)
class Lexicon:
    short_form: re.Pattern
    type_of: dict[str, str]  # folded type word / abbreviation -> type
    named_type: re.Pattern
    named_type_of: dict[str, str]  # folded type word -> key of named_types ("Bộ luật")
    type_word: Callable[[str], str]  # "Bộ luật" -> "Luật", as citations write it
    law_names: dict[str, list[_LawName]]
    stop_words: re.Pattern
    not_name_first: re.Pattern
    max_name_words: int
    documents: list[tuple[re.Pattern, str]]
    titled: re.Pattern  # type word + quoted title: Kế hoạch “Phối hợp ...” 2024
    period: re.Pattern
    catalog: dict[tuple[str, str], list[tuple[str, int | None, bool]]]  # (type, folded name) -> rows


def compile_lexicon(rules: Rules) -> Lexicon:
    from .citations import lexicon as citation_lexicon

    data = rules.data("laws")
    clex = citation_lexicon(rules)  # type words and abbreviations: rules/doc_types.yaml
    type_of = {w: clex.normalize_type_word(w) for w in clex.words} | {
        a: clex.normalize_type_word(a) for a in clex.abbreviations}
    # Type words capitalised ("Chỉ thị", "CHỈ THỊ"); a lower-case "hướng dẫn" is a verb.
    cap_words = [w[:1].upper() + w[1:] for w in clex.words] + [w.upper() for w in clex.words]
    after = _phrase_re(data.get("words_after_number", []))
    short_form = re.compile(
        rf"(?<![\p{{L}}\d/\-])(?P<type>{_phrase_re(cap_words)}|{_phrase_re(clex.abbreviations)})"
        # one line break at most between type and number, and not before a section
        # marker ("NGHỊ QUYẾT" + "1. Kết quả"); a decimal is an amount ("Nghị quyết 452,8 tỷ")
        rf"(?:[ \t]+|[ \t]*\n[ \t]*(?!\d{{1,4}}[.)]\s))(?:(?:số|Số)\s*:?\s*)?(?P<number>\d{{1,4}}[a-zđ]?)"
        # "Dự án 1: Giải quyết …" labels a component; it refers to no document
        rf"(?![.,]\d)(?!\s*:[ \t]*\p{{L}})(?=\s*(?:[.,;:)\]”\"!?…]|$)|\s+(?:{after})(?!\p{{L}}))"
        r"(?!\s*[/\-–]\s*[\p{L}\d])")
    titled = re.compile(rf"(?<![\p{{L}}])(?P<type>{_phrase_re(cap_words)})\s*(?:“[^“”\n]{{3,200}}”|\"[^\"\n]{{3,200}}\")"
                        r"(?:\s+(?:năm\s+)?\d{4}(?!\s*[/\-]))?")
    named = data.get("named_types", {})
    named_cap = list(named) + [t.upper() for t in named]
    law_names: dict[str, list[_LawName]] = {}
    for typ, entries in named.items():
        out = []
        for e in entries or []:
            alts = [e["name"], *e.get("aliases", [])]
            out.append(_LawName(typ, e["name"], re.compile(rf"\s+(?:{_phrase_re(alts)})(?!\p{{L}})", re.I),
                                frozenset(_initial(a) for a in alts)))
        law_names[typ] = out
    return Lexicon(
        short_form=short_form,
        type_of=type_of,
        named_type=re.compile(rf"(?<![\p{{L}}])(?P<type>{_phrase_re(named_cap)})(?!\p{{L}})"),
        named_type_of={fold_case(t): t for t in named},
        type_word=lambda t: clex.normalize_type_word(t) or t,
        law_names=law_names,
        stop_words=re.compile(rf"^(?:{_phrase_re(data.get('stop_words', []))})(?!\p{{L}})", re.I),
        not_name_first=re.compile(rf"^(?:{_phrase_re(data.get('not_name_first', []))})(?!\p{{L}})", re.I),
        max_name_words=int(data["max_name_words"]),
        documents=[(re.compile(tone_tolerant(d["pattern"]), re.I), d["type"])
                   for d in data.get("named_documents", [])],
        titled=titled,
        period=re.compile(data["period_suffix"], re.I),
        catalog=_catalog_laws(rules, set(named)),
    )


def _catalog_laws(rules: Rules, types: set[str]) -> dict[tuple[str, str], list[tuple[str, int | None, bool]]]:
    """Numbered legislation of rules/catalog.csv by (type, folded name)."""
    try:
        rows = rules.data("catalog")
    except RulesError:
        return {}
    out: dict[tuple[str, str], list[tuple[str, int | None, bool]]] = {}
    for row in rows:
        typ = (row.get("type") or "").strip()
        if typ not in types or not row.get("full_number"):
            continue
        title = row.get("title_short") or ""
        obsolete = "hết hiệu lực" in title
        name = re.sub(r"\([^)]*\)", "", title)
        name = re.sub(rf"^\s*{re.escape(typ)}\s+", "", name, flags=re.I)
        name = re.sub(r"\s+(?:năm\s+)?\d{4}\s*$", "", name.strip())
        m = re.search(r"/(\d{4})/", row["full_number"]) or re.match(r"(\d{4})", row.get("date") or "")
        out.setdefault((typ, fold_case(name)), []).append((row["full_number"], int(m.group(1)) if m else None,
                                                       obsolete))
    return out


def _lexicon(rules: Rules) -> Lexicon:
    return rules.compiled("mentions.lexicon", compile_lexicon)


# --- short forms -------------------------------------------------------------------------------

def _number_key(number: str | None) -> str:
    """"06" = "6"; a VBQPPL number keeps only its serial ("30/2020" → "30"): "Nghị định 30"
    is how reports shorten Nghị định 30/2020/NĐ-CP."""
    serial = (number or "").split("/", 1)[0]
    return serial.strip().lstrip("0").casefold() or "0"


class CitedIndex:
    """A document's citations grouped for the mention look-ups, so each short form or
    named law costs O(log n + distinct documents) instead of a scan of every citation.

    The groups keep only first appearances (of a canonical, of a canonical with its issuer,
    of a citation text with its canonical): the answers are those of the scans."""

    def __init__(self, citations: Sequence[Citation]):
        self.citations = citations
        self.in_order = all(a.start <= b.start for a, b in zip(citations, citations[1:], strict=False))
        self._groups: dict[tuple[str, str], _Group] = {}
        self._texts: dict[str, dict[tuple[str, str], None]] = {}
        self._laws: dict[tuple[str, str], list[str]] = {}
        for c in citations:
            if not c.type:
                continue
            t = fold_case(c.type)
            g = self._groups.get((t, _number_key(c.number)))
            if g is None:
                g = self._groups[(t, _number_key(c.number))] = _Group()
            g.add(len(g.starts), c)
            self._texts.setdefault(t, {})[(fold_case(f"{c.text} {c.subject or ''}"), c.canonical)] = None

    def short_form(self, type_: str, number: str, start: int, issuer: str | None) -> list[str]:
        """The candidates of ``resolve_short_form``."""
        g = self._groups.get((fold_case(type_), _number_key(number)))
        if g is None:
            return []
        k = bisect.bisect_left(g.starts, start)  # citations before the short form
        limit = k or len(g.starts)  # none before: all of them
        cands = [c for i, c in g.canonicals if i < limit]
        if issuer and len(cands) > 1:
            fi = fold_case(issuer)
            by_issuer = [c for i, c, iss in g.issuers
                         if i < limit and iss and (fi in fold_case(iss) or fold_case(iss) in fi)]
            cands = list(dict.fromkeys(by_issuer)) or cands
        return cands

    def law(self, type_: str, key: str) -> list[str]:
        """Canonicals of citations of ``type_`` whose text or subject holds ``key``."""
        t = fold_case(type_)
        if (t, key) not in self._laws:
            found = [canon for blob, canon in self._texts.get(t, {}) if key in blob]
            self._laws[(t, key)] = list(dict.fromkeys(found))
        return self._laws[(t, key)]


class _Group:
    __slots__ = ("starts", "canonicals", "issuers", "_seen", "_seen_pairs")

    def __init__(self):
        self.starts: list[int] = []
        self.canonicals: list[tuple[int, str]] = []  # (index of first appearance, canonical)
        self.issuers: list[tuple[int, str, str | None]] = []  # (index, canonical, issuer), first appearances
        self._seen: set[str] = set()
        self._seen_pairs: set[tuple[str, str | None]] = set()

    def add(self, i: int, c: Citation) -> None:
        self.starts.append(c.start)
        if c.canonical not in self._seen:
            self._seen.add(c.canonical)
            self.canonicals.append((i, c.canonical))
        if (c.canonical, c.issuer) not in self._seen_pairs:
            self._seen_pairs.add((c.canonical, c.issuer))
            self.issuers.append((i, c.canonical, c.issuer))


def _answer(candidates: list[str]) -> tuple[str, str | None, list[str]]:
    if len(candidates) == 1:
        return "resolved", candidates[0], candidates
    if candidates:
        return "ambiguous", None, candidates
    return "unresolved", None, []


def resolve_short_form(type_: str, number: str, start: int, citations: Sequence[Citation],
                       issuer: str | None = None, index: CitedIndex | None = None,
                       ) -> tuple[str, str | None, list[str]]:
    """(status, resolved_canonical, candidates) for "<type> <number>" at ``start``.
    ``index``: ``CitedIndex(citations)`` when many short forms are resolved."""
    if index is not None and index.in_order:
        return _answer(index.short_form(type_, number, start, issuer))
    same = [c for c in citations
            if c.type and fold_case(c.type) == fold_case(type_) and _number_key(c.number) == _number_key(number)]
    earlier = [c for c in same if c.start < start]
    pool = earlier or same
    if issuer and len({c.canonical for c in pool}) > 1:
        by_issuer = [c for c in pool if c.issuer and (fold_case(issuer) in fold_case(c.issuer)
                                                      or fold_case(c.issuer) in fold_case(issuer))]
        pool = by_issuer or pool
    return _answer(list(dict.fromkeys(c.canonical for c in pool)))


_ISSUER_AFTER = re.compile(r"\s+của\s+([^,.;:\n()]{3,60}?)(?=\s+(?:về|ngày|năm)\s|[,.;:\n()]|$)")


def _short_forms(text: str, lex: Lexicon, citations: Sequence[Citation], index: CitedIndex) -> list[Mention]:
    out = []
    for m in lex.short_form.finditer(text):
        word = m.group("type")
        type_ = lex.type_of.get(word) or lex.type_of.get(fold_case(word))
        if type_ is None:
            continue
        number = m.group("number")
        im = _ISSUER_AFTER.match(text, m.end(), m.end() + 300)
        status, canonical, candidates = resolve_short_form(type_, number, m.start(), citations,
                                                           im.group(1) if im else None, index)
        out.append(Mention(text=m.group(), type=type_, number=number, resolved_canonical=canonical,
                           start=m.start(), end=m.end(), status=status, candidates=candidates))
    return out


# --- named legislation -------------------------------------------------------------------------

_NUMBERED_AFTER = re.compile(r"\s*(?:[Ss]ố\s*:?\s*)?\d+\s*/")


def _initial(s: str) -> str:
    """Base letter of the first character ("Ủy" and "Uỷ" -> "u")."""
    s = s.lstrip()
    return fold_char(s[0]) if s else ""


def _law_name(text: str, pos: int, listed: str, lex: Lexicon) -> tuple[str | None, int]:
    """Canonical name (listed) or surface name (unlisted) after the type word, and its end."""
    best = None
    first = _initial(text[pos:pos + 4])
    for law in lex.law_names.get(listed, []):
        if first not in law.initials:
            continue
        m = law.rx.match(text, pos, pos + 300)
        if m and (best is None or m.end() > best[1]):
            best = (law.name, m.end())
    if best:
        return best
    return _unlisted_name(text, pos, lex)


_WORD = re.compile(r"\G(\p{L}+)(?:[ ]+|(?=[^\p{L}]|$))")


def _unlisted_name(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """Words up to a stop word or punctuation: "Luật Đường sắt quy định" -> "Đường sắt"."""
    m = re.match(r"[ ]+", text[pos:pos + 2])
    if not m:
        return None, pos
    i = pos + m.end()
    end = pos
    n = 0
    for w in _WORD.finditer(text, i, min(len(text), i + 300)):
        rest = text[w.start():w.start() + 30]
        if n >= lex.max_name_words or lex.stop_words.match(rest) or (n == 0 and lex.not_name_first.match(rest)):
            break
        end = w.start() + len(w.group(1))
        n += 1
    if n == 0:
        return None, pos
    return text[i:end], end


def _resolve_law(type_: str, name: str | None, year: int | None, lex: Lexicon,
                 index: CitedIndex) -> tuple[str | None, list[str]]:
    if not name:
        return None, []
    key = fold_case(name)
    cands = index.law(type_, key)
    if cands:
        return (cands[0] if len(cands) == 1 else None), cands
    rows = lex.catalog.get((type_, key), [])
    if year is not None:
        rows = [r for r in rows if r[1] == year] or rows
    cands = [r[0] for r in rows]
    if len(rows) > 1:
        rows = [r for r in rows if not r[2]]  # no year said: the one still in force
    return (rows[0][0] if len(rows) == 1 else None), cands


def _named_laws(text: str, lex: Lexicon, index: CitedIndex) -> list[Mention]:
    out = []
    for m in lex.named_type.finditer(text):
        listed = lex.named_type_of[fold_case(m.group("type"))]
        type_ = lex.type_word(listed)
        if lex.law_names.get(listed):
            name, end = _law_name(text, m.end(), listed, lex)
            if name is None:
                continue
        else:  # "Hiến pháp": the type is the name
            name, end = None, m.end()
        pm = lex.period.match(text, end, end + 300)
        year = None
        if pm and pm.group():
            end = pm.end()
            year = int(re.search(r"\d{4}", pm.group()).group())
        if _NUMBERED_AFTER.match(text, end, end + 300):
            continue  # "Luật ... số 10/2022/QH15" is a citation
        canonical, candidates = _resolve_law(type_, name, year, lex, index)
        out.append(Mention(text=text[m.start():end], type=type_, number=None, resolved_canonical=canonical,
                           start=m.start(), end=end, status="named", candidates=candidates))
    return out


def _named_documents(text: str, lex: Lexicon) -> list[Mention]:
    out = []
    for rx, type_ in lex.documents:
        for m in rx.finditer(text):
            pm = lex.period.match(text, m.end(), m.end() + 300)
            end = pm.end() if pm else m.end()
            out.append(Mention(text=text[m.start():end], type=type_, number=None, resolved_canonical=None,
                               start=m.start(), end=end, status="named"))
    for m in lex.titled.finditer(text):
        type_ = lex.type_of.get(fold_case(m.group("type")))
        if type_:
            out.append(Mention(text=m.group(), type=type_, number=None, resolved_canonical=None,
                               start=m.start(), end=m.end(), status="named"))
    return out


# --- all together ------------------------------------------------------------------------------

def find_mentions(text: str, rules: Rules, citations: Sequence[Citation] = (),
                  protected: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Every short form, named law and named national document, in reading order.

    ``protected``: spans already taken (citations, dates, section markers): a mention may not
    start inside one; citation spans may not overlap a mention at all."""
    lex = _lexicon(rules)
    index = CitedIndex(citations)
    found = _short_forms(text, lex, citations, index) + _named_laws(text, lex, index) + _named_documents(text, lex)
    cites = SpanSet((c.start, c.end) for c in citations)
    taken = SpanSet(protected)
    kept: list[Mention] = []
    for men in sorted(found, key=lambda x: (x.start, -(x.end - x.start))):
        if cites.overlaps(men.start, men.end) or taken.contains(men.start):
            continue
        if kept and men.start < kept[-1].end:
            continue  # overlaps a longer mention found at the same place
        kept.append(men)
    return kept
