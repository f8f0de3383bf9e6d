"""Statistics: Vietnamese numbers with their unit and what they count.

A number is a statistic when a unit follows it (``rules/units.yaml``): a unit of measure
("5.433,05 ha", "1.290kg", "15kg/khẩu"), a scale word ("4,5 tỷ đồng"), "%" or a counted
noun ("03 đơn", "58 hộ/86 khẩu"). A noun the lexicon lacks is found by word segmentation
of the few words after the number (``extractor.text.segment``), so only those neighbourhoods
are ever segmented. Two bare-number forms count too: a percentage after "chiếm"/"tỷ lệ"
("chiếm 49,22") and a count whose noun is left out right after another count
("17 đơn. Còn 10 đang ...").

Not statistics: numbers in ``protected`` spans (citations, dates, section markers, the
document's own number), dates and document symbols even when unprotected, names and
ordinals ("Tổ 1717", "thôn 2", "lần thứ 2", "năm 2023"), codes ("VNT-19", "24A"),
numbers inside quoted names ("“5 biết”"), reporting periods ("5 tháng đầu năm").

Numbers: "." groups thousands and "," marks decimals; a single "." followed by exactly
three digits is a thousands separator ("1.290kg" = 1290). "A/B unit" (no unit after A)
is one ratio record; "A unit/B unit" gives one record per number.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex as re

from ..models import Statistic
from ..rules import Rules
from ..text import segment
from ..text.fold import fold_case
from ..text.segment import segment_words, tag_words
from .spans import SpanSet

_NUMBER = r"[0-9]+(?:[.,][0-9]+)*"
# A number or a chain of numbers joined by "/" (ratios; dates and symbols have 3 parts).
_TOKEN = re.compile(rf"(?<![\p{{L}}\p{{Nd}}_])({_NUMBER})((?:[ ]?/[ ]?{_NUMBER})*)")
_SLASH_PART = re.compile(_NUMBER)
# Right after the number: a document symbol ("30/KH-UBND", "114 -KL/TW", "05 – CT/TW").
_SYMBOL_AFTER = re.compile(r"[ ]?[-–/][ ]?\p{Lu}")
# Right before: a code or a range ("VNT-19", "COVID-19", "2021-2025").
_CODE_BEFORE = re.compile(r"\p{L}[-–]$|\p{Nd}[ ]?[-–][ ]?$")
# A line that starts with the number and a "." / ")" is a section marker ("2.1.", "3)").
_MARKER_AFTER = re.compile(r"(?:\.[0-9]+)*[.)](?:\s|$)")
_MARKER_LEAD = " \t*#+•–-("
_GLUED_LETTER = re.compile(r"\p{L}")
_ACRONYM = re.compile(r"\p{Lu}{2,6}")
_COMMA_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_COUNT_BEFORE = re.compile(r"[0-9][ ]*$")
_MINUTES_AFTER = re.compile(r"[ ]*[0-9]")
_PREV_CAPITALISED = re.compile(r"(?<![\p{L}\p{Nd}])\p{Lu}\p{L}*[ ]+$")
_PREV_WORD = re.compile(r"(.{0,3})(?<![\p{L}\p{Nd}])(\p{L}+)[ ]+$", re.S)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n(])[ ]*$")
_OPEN_QUOTES = "“\"‘«"
_CLOSE_QUOTES = "”\"’»"
_CLAUSE_BREAK = re.compile(r"[.;:!?\n()\[\]]")
_PHRASE_BREAK = re.compile(r"[.,](?![0-9])|[;:!?\n()\[\]“”\"]")
_CONTEXT_BREAK = re.compile(r"[.,](?![0-9])|[;:!?\n()\[\]“”\"/]")
_SUBJECT_STOP = re.compile(r"[,.;:()\n/\[\]”\"»]")
# Up to three syllables after a number: the neighbourhood handed to the segmenter.
_SYLLABLES = re.compile(r"(\p{L}+)(?:[ ]\p{L}+){0,2}")
_STAND_IN = "5 "  # numeral put before the window so the tagger sees "number + noun"


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str  # as written in the text
    kind: str  # "measure" | "percent" | "counted" | "scale"
    base: str | None  # canonical unit ("ha", "%", "đồng") or the counted noun
    end: int  # offset after the unit in the text
    factor: float = 1  # scale word multiplier


@dataclass(slots=True)
class _Lexicon:
    unit_re: Any  # matches one unit (longest first) at a position
    kinds: dict[str, tuple[str, str]]  # folded surface -> (kind, base)
    scale: dict[str, float]
    scale_re: Any
    name_re: Any  # name word ending right before a number
    title_re: Any  # capitalised document type ending right before a number
    bare_name_re: Any  # "số": stops only a bare number from taking an implicit unit
    other_re: Any  # words that start with a unit's syllable: "tổ chức", "đồng bào"
    percent_re: Any
    period_re: Any
    period_units: frozenset[str]
    non_stat_units: frozenset[str]
    ellipsis_re: Any
    hour_units: frozenset[str]  # "08 giờ 30": the hour unit followed by minutes
    clock_before: Any  # the minutes of a clock time: "giờ 30"
    ellipsis_gap: int
    not_units: frozenset[str]
    time_units: frozenset[str]
    verb_nouns: frozenset[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _words_before(words: list[str], flags: int = re.I) -> Any:
    """Any of ``words`` ending right before the number (spaces or ":" between)."""
    return re.compile(rf"(?<![\p{{L}}\p{{Nd}}])(?:{_alternation(words)})[ ]?:?[ ]*$", flags)


def build_lexicon(rules: Rules) -> _Lexicon:
    data = rules.data("units")
    kinds: dict[str, tuple[str, str]] = {}
    for base, surfaces in data["measures"].items():
        for s in surfaces:
            kinds[s.casefold()] = ("percent" if base == "%" else "measure", base)
    for noun in data["counted_nouns"]:
        kinds.setdefault(noun.casefold(), ("counted", noun))
    units = list(kinds)
    unit_re = re.compile(rf"(?:{_alternation(units)})(?![\p{{L}}\p{{Nd}}])", re.I)
    scale = {k.casefold(): float(v) for k, v in data["scale_words"].items()}
    scale_re = re.compile(rf"(?:{_alternation(list(scale))})(?![\p{{L}}\p{{Nd}}])\s*", re.I)
    period_follow = _alternation(data["period_followers"])
    hours = _alternation(data["clock_hour_words"])
    return _Lexicon(
        unit_re=unit_re,
        kinds=kinds,
        scale=scale,
        scale_re=scale_re,
        name_re=_words_before(data["name_words"]),
        title_re=_words_before(data["title_words"] + [w.upper() for w in data["title_words"]], 0),
        bare_name_re=_words_before(data["bare_name_words"]),
        other_re=re.compile(rf"(?:{_alternation(data['other_words'])})(?![\p{{L}}\p{{Nd}}])", re.I),
        percent_re=_words_before(data["percent_words"]),
        period_re=re.compile(rf"\s+(?:{period_follow})(?![\p{{L}}\p{{Nd}}])", re.I),
        period_units=frozenset(u.casefold() for u in data["period_units"]),
        non_stat_units=frozenset(u.casefold() for u in data["non_statistic_units"]),
        ellipsis_re=re.compile(rf"\s*(?:[.,;)]|(?:{_alternation(data['ellipsis_followers'])})(?!\p{{L}}))", re.I),
        ellipsis_gap=int(data["ellipsis_max_gap"]),
        hour_units=frozenset(h.casefold() for h in data["clock_hour_words"]),
        clock_before=re.compile(rf"[0-9][ ]*(?:{hours})[ ]*$", re.I),
        not_units=frozenset(w.casefold() for w in data["not_units"]),
        time_units=frozenset(w.casefold() for w in data.get("time_units", [])),
        verb_nouns=frozenset(w.casefold() for w in data.get("verb_nouns", [])),
    )


def _lexicon(rules: Rules) -> _Lexicon:
    return rules.compiled("statistics.lexicon", build_lexicon)


# --- numbers --------------------------------------------------------------------------------

_MAX_NUMBER_CHARS = 40


def parse_number(s: str) -> int | float | None:
    """Vietnamese number: "772.100.000" -> 772100000, "5.433,05" -> 5433.05, "03" -> 3.

    A lone "." before exactly three digits groups thousands ("1.290" -> 1290); a lone
    "." before one or two digits is a decimal point written the English way ("2.5").
    Returns None for shapes that are not one number ("1.2.3") and for digit runs longer
    than any figure (a code, a scan artefact: no int of thousands of digits is built)."""
    if len(s) > _MAX_NUMBER_CHARS:
        return None
    if "." in s and "," in s:
        if s.rfind(",") > s.rfind("."):  # Vietnamese: 5.433,05
            whole, _, frac = s.rpartition(",")
            if "," in whole or not _thousands_ok(whole.split(".")):
                return None
            return _make(whole.replace(".", ""), frac)
        whole, _, frac = s.rpartition(".")  # English: 5,433.05
        if "." in whole or not _thousands_ok(whole.split(",")):
            return None
        return _make(whole.replace(",", ""), frac)
    for sep in ".,":
        if sep in s:
            groups = s.split(sep)
            if _thousands_ok(groups) and (sep == "." or len(groups) > 2):
                return int("".join(groups))
            if len(groups) == 2:
                return _make(groups[0], groups[1])
            return None
    return int(s)


def _thousands_ok(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _make(whole: str, frac: str) -> int | float:
    return float(f"{int(whole or 0)}.{frac}") if frac else int(whole or 0)


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


# --- contexts that are not statistics -------------------------------------------------------

class _Lines:
    """Where lines and quotes are in one text, so a number's line tests cost O(log n)
    instead of a scan of its whole line (a 1 MB single line holds thousands of numbers)."""

    _NEWLINE = re.compile("\n")
    _OPENS = re.compile("[“«‘]")
    _CLOSES = re.compile("[”»’]")
    _STRAIGHT = re.compile('"')
    _NON_LEAD = re.compile(f"[^{re.escape(_MARKER_LEAD)}]")

    def __init__(self, text: str):
        self.text = text
        self.newlines = [m.start() for m in self._NEWLINE.finditer(text)]
        self.opens = [m.start() for m in self._OPENS.finditer(text)]
        self.closes = [m.start() for m in self._CLOSES.finditer(text)]
        self.straight = [m.start() for m in self._STRAIGHT.finditer(text)]
        self._lead_end: dict[int, int] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos`` (end at its newline or the text's end)."""
        i = bisect.bisect_left(self.newlines, pos)
        ls = self.newlines[i - 1] + 1 if i else 0
        return ls, self.newlines[i] if i < len(self.newlines) else len(self.text)

    def at_line_start(self, line_start: int, pos: int) -> bool:
        """Only list leads (spaces, bullets, "(") between the line's start and ``pos``."""
        end = self._lead_end.get(line_start)
        if end is None:
            m = self._NON_LEAD.search(self.text, line_start)
            end = self._lead_end[line_start] = m.start() if m else len(self.text)
        return end >= pos

    def inside_quotes(self, start: int, end: int, line_start: int, line_end: int) -> bool:
        """The number sits inside a quoted name on its line: “5 biết, 3 không”."""
        opened = _last_in(self.opens, line_start, start)
        if opened is not None and opened > (_last_in(self.closes, line_start, start) or -1):
            return _first_in(self.closes, end, line_end) is not None
        # straight quotes: an odd count before the number on this line
        s = self.straight
        n_before = bisect.bisect_left(s, start) - bisect.bisect_left(s, line_start)
        return n_before % 2 == 1 and _first_in(s, end, line_end) is not None


def _last_in(positions: list[int], lo: int, hi: int) -> int | None:
    """The last position in [lo, hi), if any."""
    i = bisect.bisect_left(positions, hi) - 1
    return positions[i] if i >= 0 and positions[i] >= lo else None


def _first_in(positions: list[int], lo: int, hi: int) -> int | None:
    """The first position in [lo, hi), if any."""
    i = bisect.bisect_left(positions, lo)
    return positions[i] if i < len(positions) and positions[i] < hi else None


def _is_code_or_marker(text: str, start: int, end: int, lines: _Lines) -> bool:
    """A document symbol, a code, a range or a section marker ("30/KH", "VNT-19", "2.1.")."""
    if _CODE_BEFORE.search(text, max(0, start - 3), start) or _SYMBOL_AFTER.match(text, end):
        return True
    if not _MARKER_AFTER.match(text, end):
        return False
    return lines.at_line_start(lines.bounds(start)[0], start)


def _is_quantity(unit: Unit | None, lex: _Lexicon) -> bool:
    """A percentage, a scaled amount or a measure other than time: no name number
    takes one ("ấp 122,7 km", "Nghị quyết 452,8 tỷ đồng", "thôn 2 đạt 95%")."""
    if unit is None:
        return False
    if unit.kind in ("percent", "scale") or unit.factor != 1:
        return True
    return unit.kind == "measure" and (unit.base or "").casefold() not in lex.time_units


def _after_name_word(text: str, start: int, lex: _Lexicon) -> bool:
    """"Tổ 1717", "thôn 2", "lần thứ 2", "năm 2023", "Đề án 06": the number is part of a
    name, unless the name word is itself counted ("01 tháng 1 lần", "3 thôn 120 hộ")."""
    head = text[max(0, start - 40):start]
    m = lex.name_re.search(head) or lex.title_re.search(head)
    if m is None:
        return False
    if m.group()[0].isupper() and _PREV_CAPITALISED.search(head, 0, m.start()):
        return False  # "Bình Chương 01 vụ": a syllable of a proper name, not "chương"
    return not _COUNT_BEFORE.search(head, 0, m.start())


def _after_proper_name(text: str, start: int) -> bool:
    """The number follows a capitalised word inside a sentence ("Tuyệt Diêm 2")."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return bool(m and m.group(2)[0].isupper() and not _SENTENCE_START.search(m.group(1)))


# --- units ----------------------------------------------------------------------------------

def _match_unit(text: str, pos: int, line_end: int, lex: _Lexicon) -> Unit | None:
    """The unit right after a number ending at ``pos``, from the lexicon."""
    p = pos
    while p < line_end and text[p] == " ":
        p += 1
    factor, scale = 1.0, lex.scale_re.match(text, p, line_end)
    if scale:
        factor = lex.scale[fold_case(scale.group())]
    q = scale.end() if scale else p
    quoted = q < line_end and text[q] in _OPEN_QUOTES
    m = lex.unit_re.match(text, q + 1 if quoted else q, line_end)
    if m is None:
        if scale:  # "1,2 triệu" with no unit after: the scale word is the unit
            surface = scale.group().rstrip()
            return Unit(surface, "scale", None, p + len(surface), factor)
        return None
    other = lex.other_re.match(text, m.start(), line_end)
    if other and other.end() > m.end():  # "15 tổ chức": not the unit "tổ"
        return None
    kind, base = lex.kinds[fold_case(m.group())]
    if quoted:  # 70 “Thư chúc mừng”: the counted noun heads the quoted name
        if kind != "counted":
            return None
        closes = [i for i in (text.find(c, m.end(), line_end) for c in _CLOSE_QUOTES) if i >= 0]
        end = min(closes) + 1 if closes else m.end()
        return Unit(m.group().casefold(), kind, base.casefold(), end, factor)
    end = m.end()
    if kind == "counted":
        end = _listed_nouns_end(text, end, line_end, lex)
    while kind != "percent" and text.startswith("/", end):  # 15kg/khẩu, đồng/người/tháng
        per = lex.unit_re.match(text, end + 1, line_end)
        if per is None:
            break
        base, end = f"{base}/{fold_case(per.group())}", per.end()
    return Unit(text[p:end], kind, base, end, factor)


_ROMAN_AFTER = re.compile(r"[ ]+[IVXLC]{1,5}(?![\p{L}\p{Nd}])")
_LIST_COMMA = re.compile(r",[ ]+")
_WORD = re.compile(r"\p{L}+")


def _listed_nouns_end(text: str, end: int, line_end: int, lex: _Lexicon) -> int:
    """End of a list of counted nouns sharing one number: "14 cơ quan, đơn vị, địa
    phương", "9.634 đoàn viên, hội viên", "6 huyện, thị xã" (the unit is the list)."""
    first, last_item = end, ""
    while True:
        comma = _LIST_COMMA.match(text, end, line_end)
        if comma is None:
            break
        m = lex.unit_re.match(text, comma.end(), line_end)
        # a capital starts a name or a new clause ("…, thành phố, Sở Nội vụ tổng hợp")
        if m is None or not m.group()[0].islower() or lex.kinds[fold_case(m.group())][0] != "counted":
            break
        other = lex.other_re.match(text, m.start(), line_end)
        if other and other.end() > m.end():
            break
        end, last_item = m.end(), m.group()
    if end == first:
        return end
    return end if _list_ends_at(text, end, line_end, last_item, lex) else first


_LIST_END = re.compile(r"[ ]*(?:[.;:)!?]|,[ ]+(?!\p{Ll})|$)")
_NEXT_WORD = re.compile(r"[ ]+(\p{L}+|[0-9])")


def _list_ends_at(text: str, end: int, line_end: int, last_item: str, lex: _Lexicon) -> bool:
    """Does a list of nouns clearly end here? Punctuation, a comma before a capital, a
    link word ("21 sở, ban, ngành và 18 huyện") or a verb ("14 cơ quan, đơn vị, địa
    phương tham gia"), not an adjective ("17 đơn, nội dung phức tạp"). Not when a comma and a lower-case word follow (the list holds an
    item the lexicon lacks: "2 ý kiến, kiến nghị, đề xuất"), before a number (a label of
    the next count: "38 người, viên chức 169 người"), nor when the last item is also a
    verb and words run on ("2.538 công trình, kiến nghị xử lý")."""
    if end >= line_end or _LIST_END.match(text, end, line_end):
        return True
    nxt = _NEXT_WORD.match(text, end, line_end)
    if nxt is None or nxt.group(1).isdigit():
        return False
    if nxt.group(1).casefold() in lex.not_units:
        return True
    if fold_case(last_item) in lex.verb_nouns:
        return False
    return _is_verb_at(text, nxt.start(1), line_end)


def _is_verb_at(text: str, pos: int, line_end: int) -> bool:
    """Does a verb start at ``pos`` (tagged on the few words from there)? Rare, so the
    tagger's cost does not count: only a list of nouns followed by a word gets here."""
    stop = min(line_end, pos + 40)
    words = tag_words(text, pos, stop)
    return bool(words) and words[0][2] == pos and words[0][1].startswith("V")


def _segmented_unit(text: str, pos: int, line_end: int, lex: _Lexicon) -> Unit | None:
    """A noun the lexicon lacks: the word right after the number, by segmentation.

    Only the few syllables after the number are segmented, behind a stand-in numeral, so
    the window is the same wherever the phrase recurs ("5 bình chữa cháy", "8 bình
    chữa cháy") and the segmenter's cache answers the repeats. The part-of-speech tag
    (slower) is asked once per distinct word."""
    p = pos
    while p < line_end and text[p] == " ":
        p += 1
    m = _SYLLABLES.match(text, p, line_end)
    if m is None or m.group(1).casefold() in lex.not_units:
        return None
    window = _STAND_IN + m.group()
    words = segment_words(window)
    if len(words) < 2 or words[1][1] != len(_STAND_IN):
        return None
    word, ws, we = words[1]
    if word.casefold() in lex.not_units or not _is_noun(window, word):
        return None
    acronym = _ACRONYM.fullmatch(word) is not None  # "25 CBCC", "5 CLB"
    if not acronym and word[0].isupper():  # a capitalised word names something
        return None
    return Unit(word, "counted", word if acronym else word.casefold(), p + we - ws)


_NOUN_TAGS: dict[str, bool] = {}


def clear_cache() -> None:
    """Forget segmented windows and word tags (benchmarks: every pass as a new document)."""
    _NOUN_TAGS.clear()
    segment.clear_cache()


def _is_noun(window: str, word: str) -> bool:
    """Is ``word`` (the word after the stand-in numeral) a common noun or an acronym?"""
    key = word.casefold()
    if key not in _NOUN_TAGS:
        tags = [t for w, t, _, _ in tag_words(window) if w == word]
        tag = tags[0] if tags else ""
        acronym = _ACRONYM.fullmatch(word) is not None
        if len(_NOUN_TAGS) > 50_000:
            _NOUN_TAGS.clear()
        _NOUN_TAGS[key] = tag.startswith("N") and (tag != "Np" or acronym)
    return _NOUN_TAGS[key]


# --- subject --------------------------------------------------------------------------------
# The subject is free text (what is counted, a few words); it is not scored, so it is kept
# cheap: the counted noun with the words that qualify it, else the noun phrase before.

def _words_after(text: str, pos: int, lex: _Lexicon, max_words: int = 6) -> list[str]:
    """Qualifying words from ``pos`` up to punctuation, a link word or a number."""
    stop = _SUBJECT_STOP.search(text, pos, min(len(text), pos + 80))
    out: list[str] = []
    for w in text[pos:stop.start() if stop else min(len(text), pos + 80)].split():
        if w.casefold() in lex.not_units or any(c.isdigit() for c in w) or len(out) >= max_words:
            break
        out.append(w)
    return out


def _phrase_before(text: str, start: int, lex: _Lexicon, breaks_re: Any, max_words: int = 8) -> str:
    """The noun phrase before a number: "có tổng diện tích tự nhiên 5.433,05 ha"."""
    lo = max(0, start - 160)
    breaks = list(breaks_re.finditer(text, lo, start))
    words = text[breaks[-1].end() if breaks else lo:start].split()
    numbered = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    words = words[numbered[-1] + 1:] if numbered else words
    if words and words[-1].casefold() in lex.not_units:  # "... là 4.840,67 ha"
        while words and words[-1].casefold() in lex.not_units:
            words.pop()
    else:  # "Xã X có tổng diện tích tự nhiên 5.433,05 ha": after the last link word
        links = [i for i, w in enumerate(words) if w.casefold() in lex.not_units]
        words = words[links[-1] + 1:] if links else words
    words = words[-max_words:]
    while words and words[0].casefold() in lex.not_units:  # "với tổng số tiền"
        words.pop(0)
    return " ".join(words).strip(" -+*•/")


def _label_before(text: str, start: int, lex: _Lexicon) -> str:
    """"Khiếu nại: 79 đơn" -> "Khiếu nại" (the label when the number follows a colon)."""
    head = text[max(0, start - 160):start].rstrip()
    if not head.endswith(":"):
        return ""
    breaks = list(_CLAUSE_BREAK.finditer(head, 0, len(head) - 1))
    label = head[breaks[-1].end() if breaks else 0:-1]
    label = label.rsplit(",", 1)[-1] if len(label) > 60 else label
    label = label.strip(" -+*•")
    return "" if label.casefold() in lex.not_units else label


def _context_before(text: str, start: int, lex: _Lexicon, max_words: int = 6) -> str:
    """The words before a count in its phrase ("đã giải quyết 17 đơn" -> "đã giải quyết")."""
    breaks = list(_CONTEXT_BREAK.finditer(text, max(0, start - 120), start))
    words = text[breaks[-1].end() if breaks else max(0, start - 120):start].split()
    numbered = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    words = words[numbered[-1] + 1:] if numbered else words
    while words and words[-1].casefold() in lex.not_units:  # "có 22 xã": drop "có"
        words.pop()
    words = words[-max_words:]
    return " ".join(words).strip(" -+*•/") if len(words) > 1 else ""  # one word says little


def _subject(text: str, start: int, unit: Unit, lex: _Lexicon) -> str | None:
    if unit.kind == "counted":
        if unit.surface and text[unit.end - 1] in _CLOSE_QUOTES:  # 70 “Thư chúc mừng”
            opened = min(i for i in (text.find(q, start, unit.end) for q in _OPEN_QUOTES) if i >= 0)
            return text[opened + 1:unit.end - 1].strip()
        noun = _unit_name(unit)
        qualifiers = _words_after(text, unit.end, lex) if unit.surface else []
        phrase = " ".join([noun, *qualifiers]) if qualifiers and qualifiers[0][0].islower() else noun
        context = _label_before(text, start, lex) or ("" if qualifiers else _context_before(text, start, lex))
        return f"{phrase} ({context})" if context and context.casefold() not in phrase.casefold() else phrase
    if unit.kind == "percent" and unit.surface:
        after = _words_after(text, unit.end, lex, 5)
        if after and after[0][0].islower():  # "100% hộ nghèo"
            return " ".join(after)
    return (_phrase_before(text, start, lex, _PHRASE_BREAK)
            or _phrase_before(text, start, lex, _CLAUSE_BREAK) or _label_before(text, start, lex) or None)


def _skip_number_and(text: str, start: int) -> int:
    m = _TOKEN.match(text, start)
    return m.end() if m else start


# --- the stage ------------------------------------------------------------------------------

def find_statistics(text: str, rules: Rules, protected: Sequence[tuple[int, int]] = ()) -> list[Statistic]:
    """Every number that counts or measures something, in reading order.

    ``protected``: spans whose numbers are not statistics (citations, dates, markers)."""
    lex = _lexicon(rules)
    guard = SpanSet(protected)
    lines = _Lines(text)
    out: list[Statistic] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if guard.overlaps(start, end):
            continue
        rec = _statistic_at(text, m, lex, out, lines)
        if rec is not None:
            out.append(rec)
    return out


def _statistic_at(text: str, m: Any, lex: _Lexicon, earlier: list[Statistic], lines: _Lines) -> Statistic | None:
    start, end = m.span()
    parts = [p.group() for p in _SLASH_PART.finditer(m.group())] if m.group(2) else [m.group(1)]
    if len(parts) > 2 or _is_code_or_marker(text, start, end, lines):
        return None
    values = [parse_number(p) for p in parts]
    if any(v is None for v in values):
        return None
    line_start, line_end = lines.bounds(start)
    if lines.inside_quotes(start, end, line_start, line_end):
        return None
    unit = _match_unit(text, end, line_end, lex)
    if not _is_quantity(unit, lex) and _after_name_word(text, start, lex):
        return None
    if unit is None:
        if end < line_end and _GLUED_LETTER.match(text, end):  # "24A", "3G": a name
            return None
        unit = _segmented_unit(text, end, line_end, lex)
    if unit is not None and _not_a_count(text, start, unit, lex):
        return None
    if len(parts) == 2:
        # "11/12" with no unit is a date or a code; "5/2023" is a month; a part larger
        # than its whole is a date too ("30/4 người dân") unless the whole cannot be a month ("18/15 công trình")
        # ("120.500/110.250 hồ sơ": a ratio written the other way round, which the checks report)
        if unit is None or (values[0] > values[1] and values[1] <= 12) or 1900 <= values[1] <= 2100:
            return None
        return _ratio(text, start, parts, values, unit, lex)
    if unit is None:
        unit = _implicit_unit(text, start, end, lex, earlier)
    if unit is None:
        return None
    value = values[0]
    if unit.kind == "counted" and _COMMA_THOUSANDS.fullmatch(parts[0]):
        value = int(parts[0].replace(",", ""))  # "1,290 hộ": a count has no decimals
    return _record(text, start, value, unit, lex)


def _not_a_count(text: str, start: int, unit: Unit, lex: _Lexicon) -> bool:
    """Units that make no statistic here: "năm", a reporting period, a clock time."""
    base = (unit.base or "").casefold()
    if base in lex.non_stat_units:
        return True
    if unit.surface and _ROMAN_AFTER.match(text, unit.end):
        return True  # "Nghị quyết Trung ương 7 khóa XI": a plenum of a term, not 7 terms
    if lex.clock_before.search(text, max(0, start - 12), start):
        return True
    if base in lex.hour_units and _MINUTES_AFTER.match(text, unit.end):
        return True
    return base in lex.period_units and bool(lex.period_re.match(text, unit.end))


def _implicit_unit(text: str, start: int, end: int, lex: _Lexicon, earlier: list[Statistic]) -> Unit | None:
    """A bare number: a percentage after "chiếm", or a count whose noun is left out."""
    head = text[max(0, start - 30):start]
    if lex.bare_name_re.search(head):  # "Kế hoạch số 10" even unprotected
        return None
    if lex.percent_re.search(head):
        return Unit("", "percent", "%", end)
    if not earlier or not lex.ellipsis_re.match(text, end) or _after_proper_name(text, start):
        return None
    prev = earlier[-1]
    if start - prev.end > lex.ellipsis_gap or "\n" in text[prev.end:start]:
        return None
    if prev.unit is None or prev.unit_base in (None, "%") or prev.numerator is not None:
        return None
    if not _is_counted(prev.unit, lex):
        return None
    return Unit("", "counted", prev.unit_base, end)


def _is_counted(unit: str, lex: _Lexicon) -> bool:
    kind = lex.kinds.get(fold_case(unit), ("counted", ""))[0]
    return kind == "counted"


def _unit_name(unit: Unit) -> str:
    if unit.surface:
        return " ".join(unit.surface.split())
    return unit.base or ""


def _bases(value: float, unit: Unit) -> tuple[Any, str | None]:
    if unit.kind == "scale":
        return _num(value * unit.factor), None
    base = unit.base if unit.kind != "counted" else _unit_name(unit) if unit.surface else unit.base
    if base and not base.isupper():
        base = base.casefold()
    return _num(value * unit.factor), base


def _record(text: str, start: int, value: float, unit: Unit, lex: _Lexicon) -> Statistic:
    end = unit.end if unit.surface else _skip_number_and(text, start)
    value_base, unit_base = _bases(value, unit)
    return Statistic(
        text=text[start:end],
        value=value,
        unit=_unit_name(unit) or None,
        subject=_subject(text, start, unit, lex),
        start=start,
        end=end,
        value_base=value_base,
        unit_base=unit_base,
    )


def _ratio(text: str, start: int, parts: list[str], values: list[Any], unit: Unit, lex: _Lexicon) -> Statistic:
    _, unit_base = _bases(1, unit)
    return Statistic(
        text=text[start:unit.end],
        value="/".join(parts),
        unit=_unit_name(unit) or None,
        subject=_subject(text, start, unit, lex),
        start=start,
        end=unit.end,
        numerator=values[0],
        denominator=values[1],
        value_base=None,
        unit_base=unit_base,
    )
