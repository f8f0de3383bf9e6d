"""How each citation relates to the citing document, and which provision it cites.

``relation`` (basis · implements · amends · replaces · repeals · attached_to · reference ·
mention) is read from the cue word that governs the citation (``Căn cứ``, ``Thực hiện``,
``sửa đổi, bổ sung``, ``thay thế``, ``bãi bỏ``, ``kèm theo``, ``theo`` / ``tại``), with the
cue's span kept (``cue_start``/``cue_end``); the pinpoint (``part``, ``article``,
``clause``, ``point``) from the provision words right before it (``điểm a khoản 1 Điều 3
Quyết định số …``, ``Mục II Kế hoạch số …``). Short references (``khoản 2 Điều 5 Nghị định
30``) get the same. The cue words, their strength and the pinpoint words are data
(``rules/relations.yaml``, where the reading rules are spelt out with examples).

The stage sets fields on the citation and mention records in place; it reads the text,
the header (its title block is one clause) and the records found before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..models import Citation, Header, Mention
from ..rules import Rules
from ..text.fold import fold_case, tone_tolerant

RELATIONS = ("basis", "implements", "amends", "replaces", "repeals", "attached_to", "reference", "mention")
PINPOINT_FIELDS = ("part", "article", "clause", "point")


def _alternation(phrases: Sequence[str]) -> str:
    uniq = sorted({fold_case(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(tone_tolerant(regex.escape(w)) for w in p.split()) for p in uniq)


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    relation: str | None  # None: a not-cue ("theo dõi") that only blocks
    strength: int
    head: bool


@dataclass(slots=True)
class RelationLexicon:
    cue_re: regex.Pattern
    cue_of: dict[str, tuple[str | None, int, bool]]  # folded cue -> (relation, strength, head)
    passive_re: regex.Pattern
    after_re: regex.Pattern | None
    after_of: dict[str, str]
    list_words: frozenset[str]
    default: str
    pinpoint_re: regex.Pattern
    boundary_re: regex.Pattern
    acting_types: frozenset[str]
    acting_re: regex.Pattern | None
    wrap_min_chars: int
    predicate_re: regex.Pattern | None


def build_lexicon(rules: Rules) -> RelationLexicon:
    data = rules.data("relations")
    cue_of: dict[str, tuple[str | None, int, bool]] = {}
    after_of: dict[str, str] = {}
    for rel, entry in data["relations"].items():
        if rel not in RELATIONS:
            raise ValueError(f"relations.yaml: unknown relation {rel!r}")
        for cue in entry.get("cues") or []:
            cue_of[fold_case(cue)] = (rel, int(entry.get("strength", 1)), bool(entry.get("head", False)))
        for cue in entry.get("after") or []:
            after_of[fold_case(cue)] = rel
    for entry in data["relations"].values():
        for cue in entry.get("not_cues") or []:
            cue_of.setdefault(fold_case(cue), (None, 0, False))
    cue_re = regex.compile(rf"(?<!\w)(?:{_alternation(list(cue_of))})(?!\w)", regex.I)
    passive = _alternation(data.get("passive_words") or ["được"])
    passive_re = regex.compile(rf"(?<!\w)(?:{passive})\s*\Z", regex.I)
    after_re = regex.compile(rf"(?<!\w)(?:{_alternation(list(after_of))})(?!\w)", regex.I) if after_of else None
    pp = data["pinpoints"]

    def words(key: str) -> str:
        return _alternation(pp.get(key) or [])

    label = r"(?:\d+[a-z]?|(?-i:[IVXLC]+))"
    bridge = (rf"(?:(?:{words('attached_texts')})\s+(?:[^\W\d]+\s+){{0,12}}?(?:được\s+)?"
              rf"(?:{words('attached_links')})\s+)?") if pp.get("attached_texts") else ""
    pinpoint = (rf"(?:(?:{words('point')})\s+(?P<point>(?-i:[a-zđ]))\s*,?\s+)?"
                rf"(?:(?:{words('clause')})\s+(?P<clause>\d+[a-z]?)\s*,?\s+)?"
                rf"(?:(?:{words('article')})\s+(?P<article>\d+[a-z]?)\s*,?\s+)?"
                rf"(?:(?:{words('part')})\s+(?P<part>{label}(?:\.\d+)*)\s*,?\s+)?"
                rf"(?:(?:{words('links')})\s+)?{bridge}\Z")
    boundary = (r"\n|(?<!\b(?:TP|Tp|TX|TT|KT|TM|TL|TUQ|Q|V/v|ThS|TS|Ths|Đ/c|đ/c))[.!?](?=\s+[\p{Lu}\d])")
    return RelationLexicon(
        cue_re=cue_re, cue_of=cue_of, passive_re=passive_re, after_re=after_re, after_of=after_of,
        list_words=frozenset(fold_case(w) for w in data.get("list_words") or []),
        default=data.get("default", "mention"),
        pinpoint_re=regex.compile(pinpoint, regex.I),
        boundary_re=regex.compile(boundary),
        acting_types=frozenset(fold_case(w) for w in data.get("acting_types") or []),
        acting_re=_words_re(data.get("acting_words")),
        wrap_min_chars=int(data.get("wrap_min_chars", 60)),
        predicate_re=_words_re(data.get("predicate_words"), anchored=True),
    )


def _words_re(words: Sequence[str] | None, anchored: bool = False) -> regex.Pattern | None:
    if not words:
        return None
    lead = r"\A[\s,]*" if anchored else r"(?<!\w)"
    return regex.compile(rf"{lead}(?:{_alternation(words)})(?!\w)", regex.I)


def lexicon(rules: Rules) -> RelationLexicon:
    return rules.compiled("relations.lexicon", build_lexicon)


# --- pinpoints --------------------------------------------------------------------------------

def pinpoint_before(text: str, start: int, lex: RelationLexicon, floor: int = 0) -> tuple[int, dict[str, str]]:
    """(where the provision words start, {part, article, clause, point}) right before ``start``."""
    lo = max(floor, start - 160)
    window = text[lo:start]
    m = lex.pinpoint_re.search(window)
    if m is None:
        return start, {}
    found = {k: m.group(k) for k in PINPOINT_FIELDS if m.group(k)}
    if not found:
        return start, {}
    first = min(m.start(k) for k in found)
    # the label word before the first value
    head = regex.search(r"(\w+)\s+\Z", window[:first])
    return lo + (head.start(1) if head else first), found


# --- the text's clauses and cues ----------------------------------------------------------------

_ACTS = ("amends", "replaces", "repeals")


class _Scan:
    """Cue matches and clause boundaries of one text, looked up by bisect."""

    def __init__(self, text: str, lex: RelationLexicon, header: Header | None):
        self.text, self.lex = text, lex
        self.body_start = header.body_start if header else 0
        self.bounds = [m.end() for m in lex.boundary_re.finditer(text)
                       if m.group() != "\n" or self._breaks(m.start())]
        doc_type = fold_case(header.doc_type or "") if header else ""
        acting_doc = any(doc_type.startswith(t) for t in lex.acting_types) if doc_type else False
        self.cues: list[Cue] = []
        for m in lex.cue_re.finditer(text):
            rel, strength, head = lex.cue_of.get(fold_case(m.group()), (None, 0, False))
            passive = lex.passive_re.search(text, max(0, m.start() - 20), m.start()) is not None
            if rel in (*_ACTS, "attached_to") and passive:
                rel, strength, head = "reference", 1, True  # "được sửa đổi tại …": a description
            elif rel in _ACTS and not acting_doc and not self._acting_clause(m.start()):
                rel = "mention"  # a report asking for an amendment does not amend
            self.cues.append(Cue(m.start(), m.end(), rel, strength, head))
        self.cue_ends = [c.end for c in self.cues]

    def _breaks(self, nl: int) -> bool:
        """Does the line break at ``nl`` end a clause?"""
        text = self.text
        prev_start = text.rfind("\n", 0, nl) + 1
        prev = text[prev_start:nl].rstrip()
        nxt_end = text.find("\n", nl + 1)
        nxt = text[nl + 1: nxt_end if nxt_end >= 0 else len(text)].strip()
        if not prev or not nxt:
            return True  # a blank line
        if nl < self.body_start:
            return False  # the header's title block runs on
        if prev[-1] in ".!?:":
            return True
        if prev[-1] in ";,":
            return False
        if len(prev) >= self.lex.wrap_min_chars:
            return False
        letters = [c for c in prev + nxt if c.isalpha()]
        return not (letters and all(c.isupper() for c in letters))

    def _acting_clause(self, pos: int) -> bool:
        if self.lex.acting_re is None:
            return False
        lo, hi = self.clause_start(pos), self.clause_end(pos)
        return self.lex.acting_re.search(self.text, lo, hi) is not None

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.bounds, pos) - 1
        return self.bounds[i] if i >= 0 else 0

    def clause_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.bounds, pos)
        return self.bounds[i] if i < len(self.bounds) else len(self.text)

    def cues_in(self, lo: int, hi: int) -> list[Cue]:
        """Cues wholly inside [lo, hi), in order (not-cues dropped)."""
        i = bisect.bisect_left(self.cue_ends, lo)
        out = []
        while i < len(self.cues) and self.cues[i].end <= hi:
            if self.cues[i].start >= lo and self.cues[i].relation is not None:
                out.append(self.cues[i])
            i += 1
        return out


def _governing(cues: list[Cue], clause_start: int, text: str) -> Cue | None:
    """The cue that governs a citation after ``cues`` (the clause's cues before it): the
    nearest, unless it only describes (a passive "được sửa đổi tại") inside a list that a
    head cue (Căn cứ) opens at the clause start."""
    if not cues:
        return None
    nearest, first = cues[-1], cues[0]
    if nearest.head and nearest.relation == "reference" and first.head and first.relation == "basis":
        lead = text[clause_start:first.start]
        if not regex.sub(r"[\s\-+•*#>|\d.)(a-zđ]", "", lead, flags=regex.I).strip():
            return first
    return nearest


def _only_list_words(gap: str, lex: RelationLexicon) -> bool:
    words = regex.findall(r"[\w/+\-]+", gap)
    return all(fold_case(w) in lex.list_words for w in words)


_SEPARATOR = regex.compile(r"[,;:]|(?<!\w)(?:và|hoặc)(?!\w)|\n", regex.I)
_STRONG = frozenset(";\n:")


@dataclass(slots=True)
class _Item:
    rec: Citation | Mention
    start: int  # start of the record
    lead: int  # start of its pinpoint words (== start when none)
    end: int  # end of what belongs to it (date, issuer)
    relation: str = "mention"
    outer: str = "mention"  # the relation of the list it stands in (for a title's inner number)
    cue: Cue | None = None


def _end_of(rec: Citation | Mention) -> int:
    ends = [rec.end]
    for attr in ("issuer_end", "date_end"):
        v = getattr(rec, attr, None)
        if isinstance(v, int):
            ends.append(v)
    return max(ends)


def annotate(text: str, rules: Rules, header: Header | None, citations: Sequence[Citation],
             mentions: Sequence[Mention] = ()) -> None:
    """Set relation, cue span and pinpoint on every citation and mention, in place."""
    lex = lexicon(rules)
    scan = _Scan(text, lex, header)
    items = []
    for rec in sorted([*citations, *mentions], key=lambda r: r.start):
        floor = scan.clause_start(rec.start)
        lead, pin = pinpoint_before(text, rec.start, lex, floor)
        for k in PINPOINT_FIELDS:
            setattr(rec, k, pin.get(k))
        items.append(_Item(rec, rec.start, lead, _end_of(rec)))
    prev: _Item | None = None
    for it in items:
        _relate(it, prev, scan, text, lex)
        rec = it.rec
        rec.relation = it.relation
        rec.cue_start, rec.cue_end = (it.cue.start, it.cue.end) if it.cue else (None, None)
        if getattr(rec, "number", None):  # a law named without a number is no list item
            prev = it


def _relate(it: _Item, prev: _Item | None, scan: _Scan, text: str, lex: RelationLexicon) -> None:
    cs = scan.clause_start(it.start)
    if prev is not None and prev.start >= cs and prev.end <= it.lead:
        _after_previous(it, prev, scan, text, lex, cs)
        return
    cue = _governing(scan.cues_in(cs, it.lead), cs, text) or _intro_cue(it, scan, text) \
        or _after_cue(it, scan, text, lex)
    if cue is None:
        it.relation = it.outer = lex.default
        return
    _set(it, cue)


def _after_previous(it: _Item, prev: _Item, scan: _Scan, text: str, lex: RelationLexicon, cs: int) -> None:
    """A citation after another in the same clause: a list item, a new cue, or a number
    inside the other's title."""
    gap_start = prev.end
    gap = text[gap_start:it.lead]
    cues = scan.cues_in(gap_start, it.lead)
    seps = [m for m in _SEPARATOR.finditer(gap)
            if not any(c.start < gap_start + m.start() < c.end for c in cues)]  # "sửa đổi, bổ sung"
    if not seps:
        if _only_list_words(gap, lex):
            it.relation, it.outer, it.cue = prev.relation, prev.outer, prev.cue
            return
        weak_only = all(c.strength < 3 for c in cues) and _only_list_words(_outside(gap, gap_start, cues), lex)
        if cues and (weak_only or (lex.predicate_re is not None and lex.predicate_re.search(gap))):
            _set(it, cues[-1])
            return
        it.relation, it.outer, it.cue = "mention", prev.outer, None  # inside the other's title
        return
    tail = gap_start + seps[-1].end()
    last = [c for c in cues if c.start >= tail]
    if last:
        _set(it, last[-1])
        return
    if _only_list_words(text[tail:it.lead], lex):
        it.relation, it.outer, it.cue = prev.outer, prev.outer, prev.cue
        return
    it.relation = it.outer = lex.default


def _outside(gap: str, gap_start: int, cues: list[Cue]) -> str:
    """The gap's text outside its cues."""
    out, pos = [], gap_start
    for c in cues:
        out.append(gap[pos - gap_start:c.start - gap_start])
        pos = c.end
    out.append(gap[pos - gap_start:])
    return " ".join(out)


def _set(it: _Item, cue: Cue) -> None:
    it.relation = it.outer = cue.relation or "mention"
    it.cue = cue


def _intro_cue(it: _Item, scan: _Scan, text: str) -> Cue | None:
    """An item of a list introduced by a line ending with ':' ("Căn cứ:" / "- Nghị định …")."""
    line_start = text.rfind("\n", 0, it.lead) + 1
    if not regex.match(r"\s*(?:[-+•*–]|\d+[.)]|[a-zđ]\))\s*\S", text[line_start:it.lead + 1]):
        return None
    if not _only_list_words(regex.sub(r"^\s*(?:[-+•*–]|\d+[.)]|[a-zđ]\))", "", text[line_start:it.lead]), scan.lex):
        return None
    pos = line_start - 1
    for _ in range(40):  # walk up over the list's items to its introduction
        if pos <= 0:
            return None
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos]
        if regex.match(r"\s*(?:[-+•*–]|\d+[.)]|[a-zđ]\))", line) or not line.strip():
            pos = prev_start - 1
            continue
        if line.rstrip().endswith(":"):
            cues = scan.cues_in(prev_start, pos)
            return _governing(cues, prev_start, text) if cues else None
        return None
    return None


def _after_cue(it: _Item, scan: _Scan, text: str, lex: RelationLexicon) -> Cue | None:
    if lex.after_re is None:
        return None
    end = scan.clause_end(it.end)
    m = lex.after_re.search(text, it.end, end)
    if m is None or m.start() - it.end > 80:
        return None
    return Cue(m.start(), m.end(), lex.after_of.get(fold_case(m.group())), 3, False)
