"""Units of statistics: the lexicon compiled from ``rules/units.yaml``, Vietnamese numbers,
and the unit right after a number (a measure, a scale word, "%", a counted noun from the
lexicon or, failing that, the noun word segmentation finds).

Numbers: "." groups thousands and "," marks decimals; a single "." followed by exactly
three digits is a thousands separator ("1.290kg" = 1290).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex as re

from ..rules import Rules
from ..text import segment
from ..text.fold import fold_case
from ..text.segment import segment_words, tag_words

NUMBER = r"[0-9]+(?:[.,][0-9]+)*"
OPEN_QUOTES = "“\"‘«"
CLOSE_QUOTES = "”\"’»"
ACRONYM = re.compile(r"\p{Lu}{2,6}")

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
class Lexicon:
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
    bound_before: Any  # "tối thiểu", "không quá", "dưới" right before the number
    bound_after_unit: Any  # "kể từ", "liên tiếp", "trở lên" right after the unit
    bound_after_clause: Any  # "trở lên" later in the clause
    range_from: Any  # "từ" right before the number
    range_to: Any  # "đến" + a number right after the unit
    qualifiers: frozenset[str]  # "vượt", "ước đạt": qualify the number, not the subject
    bound_is: Any  # "tối thiểu của mỗi thành viên là " right before the number
    period_before: Any  # "trong", "sơ kết" right before a period
    range_end: Any  # "từ 03 đến " right before the number
    age_units: frozenset[str]
    age_group_re: Any  # "dưới" before an age: an age group, counted
    not_name_after: Any  # "lấy mẫu 35 hồ sơ": a verb before the name word
    unit_columns: frozenset[str]  # table column of units ("Đơn vị tính")
    rate_re: Any  # "Tỷ lệ …" heading: a percentage column
    count_re: Any  # "Số …" heading: the counted noun follows
    skip_columns: frozenset[str]  # row numbers ("STT")


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def words_before(words: list[str], flags: int = re.I) -> Any:
    """Any of ``words`` ending right before the number (spaces or ":" between)."""
    return re.compile(rf"(?<![\p{{L}}\p{{Nd}}])(?:{alternation(words)})[ ]?:?[ ]*$", flags)


def build_lexicon(rules: Rules) -> Lexicon:
    data = rules.data("units")
    kinds: dict[str, tuple[str, str]] = {}
    for base, surfaces in data["measures"].items():
        for s in surfaces:
            kinds[s.casefold()] = ("percent" if base == "%" else "measure", base)
    for noun in data["counted_nouns"]:
        kinds.setdefault(noun.casefold(), ("counted", noun))
    units = list(kinds)
    unit_re = re.compile(rf"(?:{alternation(units)})(?![\p{{L}}\p{{Nd}}])", re.I)
    scale = {k.casefold(): float(v) for k, v in data["scale_words"].items()}
    scale_re = re.compile(rf"(?:{alternation(list(scale))})(?![\p{{L}}\p{{Nd}}])\s*", re.I)
    period_follow = alternation(data["period_followers"])
    hours = alternation(data["clock_hour_words"])
    bounds = data["bounds"]
    return Lexicon(
        unit_re=unit_re,
        kinds=kinds,
        scale=scale,
        scale_re=scale_re,
        name_re=words_before(data["name_words"]),
        title_re=words_before(data["title_words"] + [w.upper() for w in data["title_words"]], 0),
        bare_name_re=words_before(data["bare_name_words"]),
        other_re=re.compile(rf"(?:{alternation(data['other_words'])})(?![\p{{L}}\p{{Nd}}])", re.I),
        percent_re=words_before(data["percent_words"]),
        period_re=re.compile(rf"\s+(?:{period_follow})(?![\p{{L}}\p{{Nd}}])", re.I),
        period_units=frozenset(u.casefold() for u in data["period_units"]),
        non_stat_units=frozenset(u.casefold() for u in data["non_statistic_units"]),
        ellipsis_re=re.compile(rf"\s*(?:[.,;)]|(?:{alternation(data['ellipsis_followers'])})(?!\p{{L}}))", re.I),
        ellipsis_gap=int(data["ellipsis_max_gap"]),
        hour_units=frozenset(h.casefold() for h in data["clock_hour_words"]),
        clock_before=re.compile(rf"[0-9][ ]*(?:{hours})[ ]*$", re.I),
        not_units=frozenset(w.casefold() for w in data["not_units"]),
        time_units=frozenset(w.casefold() for w in data.get("time_units", [])),
        verb_nouns=frozenset(w.casefold() for w in data.get("verb_nouns", [])),
        bound_before=words_before(bounds["before"]),
        bound_after_unit=re.compile(rf"[ ]*(?:{alternation(bounds['after_unit'])})(?![\p{{L}}\p{{Nd}}])", re.I),
        bound_after_clause=re.compile(rf"(?<![\p{{L}}])(?:{alternation(bounds['after_clause'])})(?![\p{{L}}])", re.I),
        range_from=words_before(bounds["range_from"]),
        range_to=re.compile(rf"[ ]*(?:{alternation(bounds['range_to'])})[ ]+[0-9]", re.I),
        qualifiers=frozenset(w.casefold() for w in data.get("number_qualifiers", [])),
        bound_is=re.compile(rf"(?<![\p{{L}}])(?:{alternation(bounds['named_before_is'])})(?![\p{{L}}])"
                            r"[^,.;:()\n0-9]{0,50}?[ ]là[ ]+$", re.I),
        period_before=words_before(data.get("period_before", [])),
        range_end=re.compile(rf"(?<![\p{{L}}\p{{Nd}}])(?:{alternation(bounds['range_from'])})[ ]+{NUMBER}"
                             rf"[^,.;:()\n0-9]{{0,24}}?[ ]+(?:{alternation(bounds['range_to'])})[ ]+$", re.I),
        unit_columns=frozenset(fold_case(w) for w in data["tables"]["unit_columns"]),
        rate_re=re.compile(rf"(?:{alternation(data['tables']['rate_words'])})(?![\p{{L}}\p{{Nd}}])", re.I),
        count_re=re.compile(rf"(?:{alternation(data['tables']['count_words'])})[ ]+", re.I),
        skip_columns=frozenset(fold_case(w) for w in data["tables"]["skip_columns"]),
        age_units=frozenset(w.casefold() for w in bounds["age_units"]),
        age_group_re=words_before(bounds["age_group_words"]),
        not_name_after=re.compile(rf"(?<![\p{{L}}\p{{Nd}}])(?:{alternation(data['not_name_after'])})[ ]+$", re.I),
    )


def lexicon(rules: Rules) -> Lexicon:
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


def num_value(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v



# --- units ----------------------------------------------------------------------------------

def match_unit(text: str, pos: int, line_end: int, lex: Lexicon) -> Unit | None:
    """The unit right after a number ending at ``pos``, from the lexicon."""
    p = pos
    while p < line_end and text[p] == " ":
        p += 1
    factor, scale = 1.0, lex.scale_re.match(text, p, line_end)
    if scale:
        factor = lex.scale[fold_case(scale.group())]
    q = scale.end() if scale else p
    quoted = q < line_end and text[q] in OPEN_QUOTES
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
        closes = [i for i in (text.find(c, m.end(), line_end) for c in CLOSE_QUOTES) if i >= 0]
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


_LIST_COMMA = re.compile(r",[ ]+")
_WORD = re.compile(r"\p{L}+")


def _listed_nouns_end(text: str, end: int, line_end: int, lex: Lexicon) -> int:
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


def _list_ends_at(text: str, end: int, line_end: int, last_item: str, lex: Lexicon) -> bool:
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


def segmented_unit(text: str, pos: int, line_end: int, lex: Lexicon) -> Unit | None:
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
    acronym = ACRONYM.fullmatch(word) is not None  # "25 CBCC", "5 CLB"
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
        acronym = ACRONYM.fullmatch(word) is not None
        if len(_NOUN_TAGS) > 50_000:
            _NOUN_TAGS.clear()
        _NOUN_TAGS[key] = tag.startswith("N") and (tag != "Np" or acronym)
    return _NOUN_TAGS[key]


def unit_name(unit: Unit) -> str:
    if unit.surface:
        return " ".join(unit.surface.split())
    return unit.base or ""


def bases(value: float, unit: Unit) -> tuple[Any, str | None]:
    if unit.kind == "scale":
        return num_value(value * unit.factor), None
    base = unit.base if unit.kind != "counted" else unit_name(unit) if unit.surface else unit.base
    if base and not base.isupper():
        base = base.casefold()
    return num_value(value * unit.factor), base
