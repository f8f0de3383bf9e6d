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
numbers inside quoted names ("“5 biết”"), reporting periods ("5 tháng đầu năm"), bounds
(thresholds, caps, band limits, time limits: "đạt từ 80% trở lên", "dưới 50%", "trong
thời hạn 10 ngày"; ``bounds`` in rules/units.yaml), clock minutes ("09:15") and the row
numbers of a ranking table flattened into running text ("1 UBND xã A 92 điểm 2 UBND xã B").

Tables (``extractor.extract.tables``: ``|`` rows of markdown and DOCX, flattened PDF rows):
every numeric cell of a row with a label is a statistic whose unit comes from its column
heading, the heading and the row's label as its subject; the prose reading of those rows
is dropped. Units and numbers are read by ``extractor.extract.units``. "A/B unit" (no unit
after A) is one ratio record; "A unit/B unit" gives one record per number.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import regex as re

from ..models import Statistic
from ..rules import Rules
from ..text.fold import fold_case
from .spans import SpanSet
from .tables import Table, find_tables
from .units import (
    CLOSE_QUOTES,
    NUMBER,
    OPEN_QUOTES,
    Lexicon,
    Unit,
    bases,
    build_lexicon,
    clear_cache,
    lexicon,
    match_unit,
    parse_number,
    segmented_unit,
    unit_name,
)

__all__ = ["build_lexicon", "clear_cache", "find_statistics", "header_unit", "parse_number"]

# A number or a chain of numbers joined by "/" (ratios; dates and symbols have 3 parts).
_TOKEN = re.compile(rf"(?<![\p{{L}}\p{{Nd}}_])({NUMBER})((?:[ ]?/[ ]?{NUMBER})*)")
_SLASH_PART = re.compile(NUMBER)
# Right after the number: a document symbol ("30/KH-UBND", "114 -KL/TW", "05 – CT/TW").
_SYMBOL_AFTER = re.compile(r"[ ]?[-–/][ ]?\p{Lu}")
# Right before: a code or a range ("VNT-19", "COVID-19", "2021-2025").
_CODE_BEFORE = re.compile(r"\p{L}[-–]$|\p{Nd}[ ]?[-–][ ]?$")
# A line that starts with the number and a "." / ")" is a section marker ("2.1.", "3)").
_MARKER_AFTER = re.compile(r"(?:\.[0-9]+)*[.)](?:\s|$)")
_MARKER_LEAD = " \t*#+•–-("
_GLUED_LETTER = re.compile(r"\p{L}")
_COMMA_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_COUNT_BEFORE = re.compile(r"[0-9][ ]*$")
_NUMBER_BEFORE = re.compile(rf"(?<![\p{{L}}\p{{Nd}}]){NUMBER}[ ]*$")
_CLOCK_MINUTES = re.compile(r"[0-9][:][ ]?$")  # "09:15": the minutes of a clock time
_MINUTES_AFTER = re.compile(r"[ ]*[0-9]")
_PREV_CAPITALISED = re.compile(r"(?<![\p{L}\p{Nd}])\p{Lu}\p{L}*[ ]+$")
_PREV_WORD = re.compile(r"(.{0,3})(?<![\p{L}\p{Nd}])(\p{L}+)[ ]+$", re.S)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n(])[ ]*$")
_CLAUSE_BREAK = re.compile(r"[.;:!?\n()\[\]]")
_PHRASE_BREAK = re.compile(r"[.,](?![0-9])|[;:!?\n()\[\]“”\"]")
_CONTEXT_BREAK = re.compile(r"[.,](?![0-9])|[;:!?\n()\[\]“”\"/]")
_SUBJECT_STOP = re.compile(r"[,.;:()\n/\[\]”\"»]")


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


def _is_quantity(unit: Unit | None, lex: Lexicon) -> bool:
    """A percentage, a scaled amount or a measure other than time: no name number
    takes one ("ấp 122,7 km", "Nghị quyết 452,8 tỷ đồng", "thôn 2 đạt 95%")."""
    if unit is None:
        return False
    if unit.kind in ("percent", "scale") or unit.factor != 1:
        return True
    return unit.kind == "measure" and (unit.base or "").casefold() not in lex.time_units


def _after_name_word(text: str, start: int, lex: Lexicon) -> bool:
    """"Tổ 1717", "thôn 2", "lần thứ 2", "năm 2023", "Đề án 06": the number is part of a
    name, unless the name word is itself counted ("01 tháng 1 lần", "3 thôn 120 hộ")."""
    head = text[max(0, start - 40):start]
    m = lex.name_re.search(head) or lex.title_re.search(head)
    if m is None:
        return False
    if m.group()[0].isupper() and _PREV_CAPITALISED.search(head, 0, m.start()):
        return False  # "Bình Chương 01 vụ": a syllable of a proper name, not "chương"
    if lex.not_name_after.search(head, 0, m.start()):
        return False  # "lấy mẫu 35 hồ sơ": "mẫu" is the sample, not "Mẫu 01"
    count = _COUNT_BEFORE.search(head, 0, m.start())
    if count is None:
        return True
    # "3 thôn 120 hộ" counts; "khoản 2 Điều 8 Quyết định": the number before is a name too
    number = _NUMBER_BEFORE.search(head, 0, count.end())
    return bool(number) and _after_name_word(text, start - len(head) + number.start(), lex)


def _after_proper_name(text: str, start: int) -> bool:
    """The number follows a capitalised word inside a sentence ("Tuyệt Diêm 2")."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return bool(m and m.group(2)[0].isupper() and not _SENTENCE_START.search(m.group(1)))


_ROMAN_AFTER = re.compile(r"(?:[ ]+|[ ]*\n[ ]*)[IVXLC]{1,5}(?![\p{L}\p{Nd}])")

# --- subject --------------------------------------------------------------------------------
# The subject is free text (what is counted, a few words); it is not scored, so it is kept
# cheap: the counted noun with the words that qualify it, else the noun phrase before.

def _words_after(text: str, pos: int, lex: Lexicon, max_words: int = 6) -> list[str]:
    """Qualifying words from ``pos`` up to punctuation, a link word or a number."""
    stop = _SUBJECT_STOP.search(text, pos, min(len(text), pos + 80))
    out: list[str] = []
    for w in text[pos:stop.start() if stop else min(len(text), pos + 80)].split():
        if w.casefold() in lex.not_units or any(c.isdigit() for c in w) or len(out) >= max_words:
            break
        out.append(w)
    return out


def _phrase_before(text: str, start: int, lex: Lexicon, breaks_re: Any, max_words: int = 8) -> str:
    """The noun phrase before a number: "có tổng diện tích tự nhiên 5.433,05 ha"."""
    lo = max(0, start - 160)
    breaks = list(breaks_re.finditer(text, lo, start))
    words = text[breaks[-1].end() if breaks else lo:start].split()
    numbered = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    words = words[numbered[-1] + 1:] if numbered else words
    words = _drop_qualifiers(words, lex)
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


def _drop_qualifiers(words: list[str], lex: Lexicon) -> list[str]:
    """"Thu ngân sách vượt 15%" -> "Thu ngân sách": the words that qualify the number
    ("vượt", "ước đạt", "khoảng", "gần", "tối thiểu") are not what it measures."""
    while words:
        two = " ".join(words[-2:]).casefold()
        if len(words) > 1 and two in lex.qualifiers:
            words = words[:-2]
        elif words[-1].casefold() in lex.qualifiers:
            words = words[:-1]
        else:
            break
    return words


def _label_before(text: str, start: int, lex: Lexicon) -> str:
    """"Khiếu nại: 79 đơn" -> "Khiếu nại" (the label when the number follows a colon)."""
    head = text[max(0, start - 160):start].rstrip()
    if not head.endswith(":"):
        return ""
    breaks = list(_CLAUSE_BREAK.finditer(head, 0, len(head) - 1))
    label = head[breaks[-1].end() if breaks else 0:-1]
    label = label.rsplit(",", 1)[-1] if len(label) > 60 else label
    label = label.strip(" -+*•")
    return "" if label.casefold() in lex.not_units else label


def _context_before(text: str, start: int, lex: Lexicon, max_words: int = 6) -> str:
    """The words before a count in its phrase ("đã giải quyết 17 đơn" -> "đã giải quyết")."""
    breaks = list(_CONTEXT_BREAK.finditer(text, max(0, start - 120), start))
    words = text[breaks[-1].end() if breaks else max(0, start - 120):start].split()
    numbered = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    words = words[numbered[-1] + 1:] if numbered else words
    while words and words[-1].casefold() in lex.not_units:  # "có 22 xã": drop "có"
        words.pop()
    words = words[-max_words:]
    return " ".join(words).strip(" -+*•/") if len(words) > 1 else ""  # one word says little


def _subject(text: str, start: int, unit: Unit, lex: Lexicon) -> str | None:
    if unit.kind == "counted":
        if unit.surface and text[unit.end - 1] in CLOSE_QUOTES:  # 70 “Thư chúc mừng”
            opened = min(i for i in (text.find(q, start, unit.end) for q in OPEN_QUOTES) if i >= 0)
            return text[opened + 1:unit.end - 1].strip()
        noun = unit_name(unit)
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
    lex = lexicon(rules)
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
    out = _drop_row_numbers(out)
    tables = [(t, cells) for t in find_tables(text) if (cells := _table_statistics(t, lex, out))]
    if not tables:
        return out
    rows = SpanSet([(r.start, r.end) for t, cells in tables for r in t.rows])
    kept = [st for st in out if not rows.overlaps(st.start, st.end)]
    return sorted(kept + [st for _, cells in tables for st in cells], key=lambda st: st.start)


# --- tables ---------------------------------------------------------------------------------

_PAREN_UNIT = re.compile(r"\(([^()]*)\)[ ]*$")
_WORD_START = re.compile(r"(?<![\p{L}\p{Nd}])\p{L}")
_PROSE_WINDOW = 3000  # characters around a table where its headings are looked up in prose


def header_unit(heading: str, rules: Rules) -> str | None:
    """The unit a column heading gives its cells ("Số văn bản lấy mẫu" -> "văn bản")."""
    unit = _header_unit(heading, lexicon(rules))
    return unit_name(unit) if unit else None


def _unit_in(phrase: str, lex: Lexicon) -> Unit | None:
    return match_unit(phrase, 0, len(phrase), lex) if phrase else None


def _header_unit(heading: str, lex: Lexicon) -> Unit | None:
    """A unit in parentheses, a rate word (%), the noun after a count word, or the first
    unit that starts a word of the heading."""
    heading = " ".join(heading.replace("*", " ").split())
    paren = _PAREN_UNIT.search(heading)
    if paren and (unit := _unit_in(paren.group(1).strip(), lex)):
        return unit
    if lex.rate_re.match(heading):
        return Unit("%", "percent", "%", 0)
    count = lex.count_re.match(heading)
    if count and (unit := match_unit(heading, count.end(), len(heading), lex)
                  or segmented_unit(heading, count.end(), len(heading), lex)):
        return unit
    for w in _WORD_START.finditer(heading):
        unit = match_unit(heading, w.start(), len(heading), lex)
        if unit is not None and unit.kind != "scale" and (unit.base or "").casefold() not in lex.non_stat_units:
            return unit
    return None


def _prose_unit(heading: str, table: Table, prose: list[Statistic]) -> str | None:
    """The unit the text around a table gives a heading: "Tiếp nhận" -> "tiếp nhận 655
    hồ sơ" -> hồ sơ."""
    key = fold_case(" ".join(heading.split()))
    if len(key) < 3:
        return None
    for st in prose:
        if abs(st.start - table.start) > _PROSE_WINDOW or st.numerator is not None or not st.unit:
            continue
        if st.unit == "%":
            continue
        before = fold_case(st.subject or "")
        if before.endswith(f"({key})") or f"({key} " in before or f" {key})" in before:
            return st.unit
    return None


def _table_statistics(table: Table, lex: Lexicon, prose: list[Statistic]) -> list[Statistic]:
    """Every numeric cell of a row whose column heading gives a unit, the heading and the
    row's label as its subject."""
    header = table.header
    folded = [fold_case(" ".join(h.replace("*", " ").split())) for h in header]
    unit_col = next((j for j, h in enumerate(folded) if h in lex.unit_columns), None)
    units: list[Unit | None] = [None if j == unit_col or h in lex.skip_columns else _header_unit(header[j], lex)
                                for j, h in enumerate(folded)]
    names: dict[int, str] = {}
    for j, h in enumerate(header):
        if j and units[j] is None and j != unit_col and folded[j] not in lex.skip_columns:
            if name := _prose_unit(h, table, prose):
                names[j] = name
    if names and len(set(names.values())) == 1:  # the columns of one table count one thing
        shared = next(iter(names.values()))
        for j in range(1, len(header)):
            if units[j] is None and j != unit_col and folded[j] not in lex.skip_columns:
                names.setdefault(j, shared)
    for j, name in names.items():
        units[j] = _unit_in(name, lex) or Unit(name, "counted", name, 0)
    out: list[Statistic] = []
    for row in table.rows:
        label_col = next((j for j, c in enumerate(row.cells) if not c.numeric and c.text
                          and folded[j] not in lex.skip_columns and j != unit_col), None)
        if label_col is None:
            continue
        label = " ".join(row.cells[label_col].text.replace("*", " ").split())
        row_unit = _unit_in(row.cells[unit_col].text.strip(), lex) if unit_col is not None else None
        for j, cell in enumerate(row.cells):
            if j == label_col or not cell.numeric or not cell.text:
                continue
            unit = row_unit if unit_col is not None and j > unit_col else units[j]
            if unit is None:
                continue
            number = _TOKEN.search(cell.text)
            value = parse_number(number.group(1)) if number else None
            if value is None:
                continue
            if cell.text.lstrip()[:1] in "-−":  # "Tăng (+), giảm (-)": -13
                value = -value
            value_base, unit_base = bases(value, unit)
            heading = " ".join(header[j].replace("*", " ").split())
            out.append(Statistic(
                text=cell.text, value=value, unit=unit_name(unit).casefold() if unit.kind == "counted"
                else unit_name(unit), subject=f"{heading} ({label})" if heading else label,
                start=cell.start, end=cell.end, value_base=value_base, unit_base=unit_base))
    return out


_ROW_RUN = 3  # consecutive numbers that make a run of row numbers
_ROW_GAP = 250  # characters at most between two rows


def _drop_row_numbers(stats: list[Statistic]) -> list[Statistic]:
    """The row numbers of a ranking table flattened into running text ("1 UBND thị trấn
    A 92,15 điểm 2 UBND xã B 89,40 điểm 3 UBND xã C …"): three or more counts of the same
    noun, 1 apart, a row apart. Once a run is seen, a later larger number of the same
    noun after an elision ("… 11 UBND xã D") belongs to it."""
    drop: set[int] = set()
    by_unit: dict[str, list[int]] = {}
    for i, st in enumerate(stats):
        if st.numerator is None and isinstance(st.value, int) and st.unit_base:
            by_unit.setdefault(st.unit_base, []).append(i)
    for idx in by_unit.values():
        run: list[int] = []
        for i in idx:
            if run:
                last = stats[run[-1]]
                near = stats[i].start - last.end <= _ROW_GAP
                step = stats[i].value - last.value
                if near and (step == 1 or (len(run) >= _ROW_RUN and step > 1)):
                    run.append(i)
                    continue
                if len(run) >= _ROW_RUN:
                    drop.update(run)
            run = [i]
        if len(run) >= _ROW_RUN:
            drop.update(run)
    return [st for i, st in enumerate(stats) if i not in drop] if drop else stats


def _statistic_at(text: str, m: Any, lex: Lexicon, earlier: list[Statistic], lines: _Lines) -> Statistic | None:
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
    unit = match_unit(text, end, line_end, lex)
    if not _is_quantity(unit, lex) and _after_name_word(text, start, lex):
        return None
    if unit is None:
        if end < line_end and _GLUED_LETTER.match(text, end):  # "24A", "3G": a name
            return None
        unit = segmented_unit(text, end, line_end, lex)
    if unit is not None and (_not_a_count(text, start, unit, lex) or _is_bound(text, start, unit, lex)):
        return None
    if _CLOCK_MINUTES.search(text, max(0, start - 3), start):
        return None
    if unit is not None and _caps_heading_after(text, unit, lex):
        return None
    if len(parts) == 2:
        if unit is not None and (unit.base or "").casefold() in lex.time_units:
            return None  # "24/24 giờ", "7/7 ngày": always, not a ratio
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


def _not_a_count(text: str, start: int, unit: Unit, lex: Lexicon) -> bool:
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
    if base not in lex.period_units:
        return False
    return bool(lex.period_re.match(text, unit.end) or lex.period_before.search(text, max(0, start - 20), start))


_UPPER_WORD_AFTER = re.compile(r"[ ]+\p{Lu}{2,}(?![\p{Ll}])")


def _caps_heading_after(text: str, unit: Unit, lex: Lexicon) -> bool:
    """An upper-case counted noun the lexicon writes in lower case, and more upper-case
    words after it: a heading or an issuer's name starts there ("… năm 2018 BỘ NÔNG
    NGHIỆP VÀ …"), the number before is no count of it."""
    surface = unit.surface.strip()
    if unit.kind != "counted" or not surface.isupper() or len(surface) < 2:
        return False
    if (unit.base or "").isupper():  # UBND, HTX: acronyms are written so
        return False
    return bool(_UPPER_WORD_AFTER.match(text, unit.end))


def _is_bound(text: str, start: int, unit: Unit, lex: Lexicon) -> bool:
    """A threshold, a cap, a band limit or a time limit (``bounds`` in rules/units.yaml):
    "đạt từ 80% trở lên", "dưới 50%", "tối thiểu 10%", "trong thời hạn 10 ngày", "từ 03
    đến 05 người", "12 tháng liên tục". "trẻ em dưới 5 tuổi" is an age group (counted)."""
    head = text[max(0, start - 40):start]
    before = lex.bound_before.search(head) or lex.bound_is.search(text, max(0, start - 80), start)
    if before and not ((unit.base or "").casefold() in lex.age_units and lex.age_group_re.search(head)):
        return True
    if lex.range_end.search(head):
        return True  # the upper bound of "từ 03 đến 05 người", "từ 80 điểm đến dưới 90 điểm"
    if not unit.surface:
        return False
    if lex.bound_after_unit.match(text, unit.end):
        return True
    if not lex.range_from.search(head):
        return False
    if lex.range_to.match(text, unit.end) or lex.range_to.match(text, _skip_number_and(text, start)):
        return True  # "từ 03 đến 05 người", "từ 70% đến dưới 90%"
    stop = _PHRASE_BREAK.search(text, unit.end, min(len(text), unit.end + 60))
    return bool(lex.bound_after_clause.search(text, unit.end, stop.start() if stop else min(len(text), unit.end + 60)))


def _implicit_unit(text: str, start: int, end: int, lex: Lexicon, earlier: list[Statistic]) -> Unit | None:
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
    if _TOKEN.search(text, prev.end, start):  # "mức độ 3, 4": a number between that is no count
        return None
    if prev.unit is None or prev.unit_base in (None, "%") or prev.numerator is not None:
        return None
    if not _is_counted(prev.unit, lex):
        return None
    return Unit("", "counted", prev.unit_base, end)


def _is_counted(unit: str, lex: Lexicon) -> bool:
    kind = lex.kinds.get(fold_case(unit), ("counted", ""))[0]
    return kind == "counted"


def _record(text: str, start: int, value: float, unit: Unit, lex: Lexicon) -> Statistic:
    end = unit.end if unit.surface else _skip_number_and(text, start)
    value_base, unit_base = bases(value, unit)
    return Statistic(
        text=text[start:end],
        value=value,
        unit=unit_name(unit) or None,
        subject=_subject(text, start, unit, lex),
        start=start,
        end=end,
        value_base=value_base,
        unit_base=unit_base,
    )


def _ratio(text: str, start: int, parts: list[str], values: list[Any], unit: Unit, lex: Lexicon) -> Statistic:
    _, unit_base = bases(1, unit)
    return Statistic(
        text=text[start:unit.end],
        value="/".join(parts),
        unit=unit_name(unit) or None,
        subject=_subject(text, start, unit, lex),
        start=start,
        end=unit.end,
        numerator=values[0],
        denominator=values[1],
        value_base=None,
        unit_base=unit_base,
    )
