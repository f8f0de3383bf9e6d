"""Section tree of the body: I., Phần thứ nhất, 1., 2.1., a) with canonical roles.

A heading is a line that starts with a marker. Candidates are read in order and placed
on a stack by *rank* (part < upper-case letter < Roman < arabic < dotted < letter); a
candidate whose number does not continue the numbering of its would-be siblings is body
text ("2023 đăng ký", "17/18 vụ", a stray "5." after a page join), not a heading. A list
that restarts at "1." inside a deeper section is a nested list, not a new sibling.

Levels are depths in the tree (Roman = 1, arabic = 2, "2.1." = 3, a letter one below its
parent), which is how the gold annotations count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from ..models import Section
from ..rules import Rules
from ..text.fold import fold_ascii
from ..text.markers import markers
from .legal import close_sections, legal_sections
from .lines import is_caps

RULES_FILE = "section_roles"

# Ranks: a candidate pops every open section of rank >= its own.
RANK_PART, RANK_UPPER, RANK_ROMAN, RANK_ARABIC = 0, 1, 2, 3  # dotted: 3 + extra parts
RANK_LETTER, RANK_NESTED = 10, 11
_LOWEST_NUMBERED_SCOPE = RANK_ARABIC  # arabic numbering continues within a scope of rank < 3

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_VALID_ROMAN = re.compile(r"^(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

@dataclass(slots=True)
class _Candidate:
    kind: str  # part | upper | roman | arabic | dotted | letter
    marker: str  # as written, trimmed: "I.", "2.1.", "a)", "PHẦN I"
    key: str  # id component: "I", "2.1", "a", "PHẦN-I"
    value: int | tuple[int, ...]
    start: int
    text_start: int  # first character after the marker
    line_end: int


@dataclass(slots=True)
class _Open:
    section: Section
    rank: float
    kind: str
    value: int | tuple[int, ...]
    # last arabic number / letter used by direct children, for sequence checks
    children: dict[str, int] = field(default_factory=dict)


# --- compiled rules -------------------------------------------------------------------------


@dataclass(slots=True)
class _Compiled:
    marker_re: re.Pattern
    ordinals: dict[str, int]
    letters: str
    marker_start: re.Pattern
    chapter_re: re.Pattern
    heading_marker: re.Pattern  # any marker at a line start (grammar.heading)
    continuations: tuple[str, ...]
    roles: list[tuple[str, int, re.Pattern]]
    lead_re: re.Pattern | None
    default_label: str | None
    lower_max_words: int


def _compile(rules: Rules) -> _Compiled:
    data = rules.data(RULES_FILE)
    grammar = markers(rules)
    roles = []
    for role in data.get("roles", []):
        alts = sorted({fold_ascii(p) for p in role.get("patterns", [])}, key=len, reverse=True)
        if alts:
            pat = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b")
            roles.append((role["label"], int(role.get("priority", 0)), pat))
    leads = sorted({fold_ascii(w) for w in data.get("lead_words", [])}, key=len, reverse=True)
    lead_re = re.compile(r"^(?:(?:" + "|".join(map(re.escape, leads)) + r")\s+)+") if leads else None
    chapter_re = re.compile("|".join(re.escape(w) for w in grammar.level_words["chapter"]))
    conts = tuple(str(w).lower() for w in data.get("heading_continuations", []))
    return _Compiled(grammar.heading, grammar.ordinals, grammar.letters, grammar.marker_start, chapter_re,
                     grammar.heading, conts, roles, lead_re, data["default_label"],
                     int(data["lower_max_words"]))


def grammar_level(comp: _Compiled, marker: str) -> str:
    """"part" or "chapter" for a part-rank marker ("PHẦN I", "Chương II")."""
    return "chapter" if comp.chapter_re.match(marker) else "part"


def _compiled(rules: Rules) -> _Compiled:
    return rules.compiled("sections.compiled", _compile)


# --- numbering ------------------------------------------------------------------------------


def roman_value(s: str) -> int | None:
    """Value of a well-formed Roman numeral ("IV" -> 4), else None ("IIII", "VX")."""
    if not s or not _VALID_ROMAN.match(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[s[i + 1]] if i + 1 < len(s) else 0
        total += -v if v < nxt else v
    return total


def _letter_follows(prev: str | None, cur: str, letters: str) -> bool:
    """Is ``cur`` the first letter of a list, or the one after ``prev`` (Vietnamese or Latin order)?"""
    if prev is None:
        return cur == "a"
    for alphabet in (letters, _LATIN):
        if prev in alphabet and cur in alphabet and alphabet.index(cur) == alphabet.index(prev) + 1:
            return True
    return cur == prev  # numbering typo: the same letter twice


def _candidates(text: str, start: int, end: int, comp: _Compiled) -> list[_Candidate]:
    out = []
    for m in comp.marker_re.finditer(text, start, end):
        line_end = text.find("\n", m.start())
        line_end = end if line_end == -1 or line_end > end else line_end
        cand = _candidate_from(m, line_end, comp)
        if cand is not None:
            out.append(cand)
    return out


def _candidate_from(m: re.Match, line_end: int, comp: _Compiled) -> _Candidate | None:
    text_start = m.end()
    lead = len(m.group(0)) - len(m.group(0).lstrip(" "))
    start = m.start() + lead
    marker = m.group(0).strip()
    if m.group("part"):
        raw = m.group("part_num")
        value = roman_value(raw) or (int(raw) if raw.isdigit() else comp.ordinals.get(raw.lower()))
        if not value:
            return None
        word = m.group("part").split()[0]
        return _Candidate("part", marker, f"{word.upper()}-{value}", value, start, text_start, line_end)
    if m.group("roman"):
        raw = m.group("roman")
        value = roman_value(raw)
        if value is None:
            return None
        return _Candidate("roman", marker, raw, value, start, text_start, line_end)
    if m.group("upper"):
        ch = m.group("upper")
        return _Candidate("upper", marker, ch, _UPPER.index(ch) + 1, start, text_start, line_end)
    if m.group("dotted"):
        parts = tuple(int(p) for p in m.group("dotted").split("."))
        if 0 in parts:
            return None
        return _Candidate("dotted", marker, m.group("dotted"), parts, start, text_start, line_end)
    if m.group("arabic"):
        n = int(m.group("arabic"))
        if n == 0:
            return None
        return _Candidate("arabic", marker, str(n), n, start, text_start, line_end)
    ch = m.group("letter")
    return _Candidate("letter", marker, ch, 0, start, text_start, line_end)


# --- heading text ---------------------------------------------------------------------------

# The heading of a numbered paragraph that runs on is its first sentence, and a heading
# followed by ":" stops there ("a) Tổng số đơn: 966 đơn..." -> "Tổng số đơn").
_COLON_CUT = re.compile(r":(?:\s|$)")
_SENTENCE_CUT = re.compile(r"(?<=[\p{Ll}\d)”\"%])\.(?:\s+(?=[\p{Lu}\d“\"(])|\s*$)")
_TRAILING = re.compile(r"[\s.:;,]+$")


def heading_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Span of the heading text within the line ``text[start:end]``."""
    line = text[start:end]
    cut = len(line)
    for pat in (_COLON_CUT, _SENTENCE_CUT):
        m = pat.search(line)
        if m and m.start() < cut:
            cut = m.start()
    head = _TRAILING.sub("", line[:cut])
    lead = len(head) - len(head.lstrip())
    return start + lead, start + len(head)


def _next_line_heading(text: str, pos: int, end: int, marker_start: re.Pattern) -> tuple[int, int] | None:
    """A part marker alone on its line ("PHẦN THỨ NHẤT") takes the next short line as heading."""
    i = pos
    while i < end and text[i] in " \n":
        i += 1
    line_end = text.find("\n", i)
    line_end = end if line_end == -1 or line_end > end else line_end
    if i >= end or line_end - i > 200 or text[line_end - 1:line_end] == ".":
        return None
    if marker_start.match(text, i):
        return None
    return heading_span(text, i, line_end)


# --- labels ---------------------------------------------------------------------------------


def label_for(heading: str, rules: Rules, top_level: bool = True) -> str | None:
    """Canonical role of a heading (see rules/section_roles.yaml)."""
    comp = _compiled(rules)
    folded = fold_ascii(heading)
    if not top_level:
        return _lower_label(folded, comp)
    # earliest phrase wins; at the same position the longer one ("tình hình thực hiện" over
    # "tình hình"), then the higher priority
    best: tuple[int, int, int, str] | None = None  # (position, -length, -priority, label)
    for label, priority, pat in comp.roles:
        m = pat.search(folded)
        if m:
            key = (m.start(), -(m.end() - m.start()), -priority, label)
            if best is None or key < best:
                best = key
    return best[3] if best else comp.default_label


def _lower_label(folded: str, comp: _Compiled) -> str | None:
    if not folded or len(folded.split()) > comp.lower_max_words:
        return None
    starts = {0}
    if comp.lead_re is not None:
        m = comp.lead_re.match(folded)
        if m:
            starts.add(m.end())
    best: tuple[int, int, str] | None = None
    for label, priority, pat in comp.roles:
        for s in starts:
            m = pat.match(folded, s)
            if m:
                key = (-(m.end() - m.start()), -priority, label)
                if best is None or key < best:
                    best = key
    return best[2] if best else None


# --- tree -----------------------------------------------------------------------------------


def _rank(c: _Candidate) -> float:
    if c.kind == "part":
        return RANK_PART
    if c.kind == "upper":
        return RANK_UPPER
    if c.kind == "roman":
        return RANK_ROMAN
    if c.kind == "arabic":
        return RANK_ARABIC
    if c.kind == "dotted":
        return RANK_ARABIC + len(c.value) - 1
    return RANK_LETTER


class _TreeBuilder:
    def __init__(self, text: str, end: int, comp: _Compiled):
        self.text = text
        self.end = end
        self.comp = comp
        self.stack: list[_Open] = []
        self.root_children: dict[str, int] = {}
        self.sections: list[Section] = []
        self.ids: set[str] = set()
        self.last_roman = 0
        self.last_upper = 0
        self.last_arabic = 0  # across scopes: some reports number 1..n across Roman sections

    # which open sections a candidate of this rank would close
    def _parent_index(self, rank: float) -> int:
        i = len(self.stack)
        while i > 0 and self.stack[i - 1].rank >= rank:
            i -= 1
        return i - 1

    def _children_of(self, idx: int) -> dict[str, int]:
        return self.stack[idx].children if idx >= 0 else self.root_children

    def add(self, c: _Candidate) -> None:
        rank = _rank(c)
        if c.kind == "roman" and not self._roman_ok(c):
            if c.marker[0] in _UPPER and len(c.key) == 1 and self._upper_ok(_UPPER.index(c.key) + 1):
                c.kind, c.value, rank = "upper", _UPPER.index(c.key) + 1, RANK_UPPER
            else:
                return
        if c.kind == "upper" and not self._upper_ok(c.value):
            return
        p = self._parent_index(rank)
        if c.kind == "arabic":
            placed = self._place_arabic(c, p)
            if placed is None:
                return
            rank, p = placed
        elif c.kind == "letter":
            if not _letter_follows(self._prev_letter(p), c.key, self.comp.letters):
                return
        elif c.kind == "dotted" and not self._dotted_ok(c, p):
            return
        self._push(c, rank, p)

    def _roman_ok(self, c: _Candidate) -> bool:
        v = c.value
        if not self.last_roman:  # a body that starts at "II." or "III." (first one lost or cut)
            return v <= 3
        return v == 1 or self.last_roman < v <= self.last_roman + 2 or v == self.last_roman

    def _upper_ok(self, v: int) -> bool:
        return v == 1 or v == self.last_upper + 1

    def _place_arabic(self, c: _Candidate, p: int) -> tuple[float, int] | None:
        """(rank, parent index) of an arabic candidate, or None when it is body text."""
        n = c.value
        last = self._children_of(p).get("arabic", 0)
        nested = self._open_nested()
        if nested is not None:  # the next item of a nested list, unless it continues the outer one
            prev = self.stack[nested].value
            if n == prev + 1 or (n == prev + 2 and n != last + 1):
                return RANK_NESTED, nested - 1
        if last and n == 1 and last > 1 and self.stack and self.stack[-1].rank > RANK_ARABIC:
            # "1." again inside "3.1." or "b)": a list inside it, not a new sibling
            return RANK_NESTED, len(self.stack) - 1
        if n == 1 or last < n <= last + 2 or n == last:
            return RANK_ARABIC, p
        if not last and (n <= 2 or n == self.last_arabic + 1):
            return RANK_ARABIC, p
        return None

    def _open_nested(self) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].rank == RANK_NESTED:
                return i
        return None

    def _dotted_ok(self, c: _Candidate, p: int) -> bool:
        parts = c.value
        if p >= 0 and self.stack[p].kind in ("arabic", "dotted"):
            parent_parts = self.stack[p].value
            parent_parts = (parent_parts,) if isinstance(parent_parts, int) else parent_parts
            return parts[: len(parent_parts)] == parent_parts or parts[-1] <= 2
        return parts[-1] <= 3 or self._children_of(p).get("dotted", 0) + 1 >= parts[-1]

    def _prev_letter(self, p: int) -> str | None:
        code = self._children_of(p).get("letter")
        return chr(code) if code else None

    def _push(self, c: _Candidate, rank: float, p: int) -> None:
        del self.stack[p + 1:]
        parent = self.stack[p] if p >= 0 else None
        children = self._children_of(p)
        if c.kind == "arabic" and rank == RANK_ARABIC:
            children["arabic"] = c.value
            self.last_arabic = c.value
        elif c.kind == "arabic":
            children["nested"] = c.value
        elif c.kind == "letter":
            children["letter"] = ord(c.key)
        elif c.kind == "dotted":
            children["dotted"] = c.value[-1]
        elif c.kind == "roman":
            self.last_roman = c.value
        elif c.kind == "upper":
            self.last_upper = c.value
        section = Section(
            section_id=self._unique_id(self._id_for(c, parent, p)),
            parent_id=parent.section.section_id if parent else None,
            level=parent.section.level + 1 if parent else 1,
            marker=c.marker,
            heading="",
            label=None,
            start=c.start,
            end=self.end,
        )
        if c.kind == "part":
            section.kind = grammar_level(self.comp, c.marker)
        self._set_heading(section, c)
        self.sections.append(section)
        self.stack.append(_Open(section, rank, c.kind, c.value))

    def _id_for(self, c: _Candidate, parent: _Open | None, p: int) -> str:
        if c.kind == "dotted":
            # "2.1." carries its arabic parent: its id hangs on the nearest Roman/part above
            anchor = next((o for o in reversed(self.stack[: p + 1]) if o.rank < RANK_ARABIC), None)
            return f"{anchor.section.section_id}.{c.key}" if anchor else c.key
        return f"{parent.section.section_id}.{c.key}" if parent else c.key

    def _unique_id(self, sid: str) -> str:
        if sid in self.ids:
            n = 2
            while f"{sid}~{n}" in self.ids:
                n += 1
            sid = f"{sid}~{n}"
        self.ids.add(sid)
        return sid

    def _set_heading(self, section: Section, c: _Candidate) -> None:
        hs, he = heading_span(self.text, c.text_start, c.line_end)
        if he <= hs and c.kind in ("part", "roman", "upper"):
            nxt = _next_line_heading(self.text, c.line_end, self.end, self.comp.marker_start)
            if nxt:
                hs, he = nxt
        if he > hs:
            he = _wrapped_heading_end(self.text, hs, he, c.line_end, self.end, self.comp)
        section.heading = " ".join(self.text[hs:he].split()) if he > hs else ""
        section.heading_end = max(he, c.text_start)


def _wrapped_heading_end(text: str, hs: int, he: int, line_end: int, end: int, comp: _Compiled) -> int:
    """A heading wrapped over lines ("II. NHIỆM" / "VỤ VÀ GIẢI PHÁP", "I. MỤC ĐÍCH," / "YÊU CẦU")
    goes on while its line is used up and the next line continues it: both in caps, or the
    heading stops on an unfinished phrase. A body sentence after it is never taken."""
    for _ in range(3):
        if text[he:line_end].strip(" ,;-–") or line_end >= end or text[line_end:line_end + 1] != "\n":
            return he
        head = text[hs:line_end].rstrip()
        last = head.rsplit(None, 1)[-1].lower() if head else ""
        unfinished = head.endswith((",", "-", "–")) or last in comp.continuations
        ns = line_end + 1
        if unfinished and text[ns:ns + 1] == "\n":
            ns += 1  # "… NĂM HỌC 2018 -" / (blank) / "2019": the phrase goes on all the same
        ne = text.find("\n", ns, end)
        ne = end if ne == -1 else ne
        nxt = text[ns:ne].strip()
        if not nxt or len(nxt) > 150 or comp.heading_marker.match(text, ns) or nxt[:1] in "-+•*|(":
            return he
        caps = is_caps(head) and is_caps(nxt) and ns == line_end + 1
        if not (caps or (unfinished and not nxt.endswith(".") and nxt[:1].isalnum())):
            return he
        s2, e2 = heading_span(text, ns, ne)
        if e2 <= s2:
            return he
        he, line_end = e2, ne
    return he


def find_sections(text: str, rules: Rules, start: int = 0, end: int | None = None) -> list[Section]:
    """Every heading between ``start`` and ``end`` as a Section (reading order)."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    legal = legal_sections(text, rules, start, end, rules.data("header").get("doc_types", []))
    if legal is not None:
        return legal
    comp = _compiled(rules)
    builder = _TreeBuilder(text, end, comp)
    for cand in _candidates(text, start, end, comp):
        builder.add(cand)
    sections = builder.sections
    close_sections(sections, end)
    for s in sections:
        s.label = label_for(s.heading, rules, top_level=s.level == 1)
    return sections
