"""Date mentions: numeric, written-out, partial (blank day/month) and ranges.

Day always comes before month (``5/3/2023`` is 5 March). A bare year is not a date; a
month with its year is (``tháng 5/2023`` → ``2023-05``). Partial header dates keep what is
written (``ngày   tháng 5 năm 2023`` → ``2023-05``), impossible ones give ``None`` with the
flag ``invalid`` and a year split by a stray space (``20 21``) is read with the flag ``typo``.

The words (``ngày``, ``tháng``, ``năm``, ``từ``, ``đến`` …) are in rules/dates.yaml; the
pattern pieces (:attr:`DateGrammar.numeric`, :attr:`DateGrammar.written`) are public so that
the citation grammar embeds the same date grammar.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass

import regex

from ..models import DateMention
from ..rules import Rules, load_rules

# --- pattern pieces -----------------------------------------------------------------------

RULES_FILE = "dates"

# A year, possibly split by one stray space ("20 21"); not followed by another digit.
YEAR = r"(?:1[89]|20)(?:\d\d|[ ]\d\d)(?!\d)"
_SEP = r"[ \t]*[/.\-–][ \t]*"
# Not inside a longer number, a decimal or a symbol ("1.234.567", "04/2015/NĐ-CP").
_NUM_BEFORE = r"(?<![\p{L}\d/.,\-–])"
_NUM_AFTER = r"(?![\d/]|[.,\-–]\d|[\-–/][ \t]*\p{L})"
# "ngày ... tháng ... năm": dots or spaces where the day/month go. Possessive and bounded,
# so that a long run of dots is read once.
_BLANK = r"[\s._…]{0,60}+"
_MAX_WORD_FORM = 200  # characters: bounds each anchored match


def _any_case(words: list[str]) -> str:
    """``(?i:ngày)``: the words of rules/dates.yaml, any case."""
    return "(?i:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True, slots=True)
class DateGrammar:
    """The date grammar with the words of rules/dates.yaml. ``numeric``, ``written`` and
    ``day`` are pattern strings (groups d, m, y) that the citation grammar embeds."""

    day_words: tuple[str, ...]
    numeric: str
    written: str
    month_year: str
    day: str  # the day word: "(?i:ngày)"
    numeric_re: regex.Pattern
    written_re: regex.Pattern
    month_year_re: regex.Pattern
    word_forms: regex.Pattern  # ranges, written-out and month-year dates
    numeric_scan: regex.Pattern  # numeric dates, and two joined into a range without "từ"
    word_start: regex.Pattern  # where a word form may start


def build(rules: Rules) -> DateGrammar:
    """The grammar of ``rules`` compiled (use :func:`grammar`, which caches it)."""
    d = rules.data(RULES_FILE)
    day, month, year = _any_case(d["day_words"]), _any_case(d["month_words"]), _any_case(d["year_words"])
    frm_word, to_word, until = _any_case(d["range_from"]), _any_case(d["range_to"]), _any_case(d["range_until"])
    numeric = rf"{_NUM_BEFORE}(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>{YEAR}){_NUM_AFTER}"
    written = (
        rf"{day}(?:{_BLANK}(?P<d>\d{{1,2}}))?{_BLANK}{month}(?:{_BLANK}(?P<m>\d{{1,2}}))?"
        rf"{_BLANK}{year}\s{{0,5}}+(?P<y>{YEAR})"
    )
    month_year = rf"{month}\s*(?P<m>\d{{1,2}})\s*(?:/|-|{year})\s*(?P<y>{YEAR})"
    to = rf"\s*(?:{to_word}(?:\s+{until})?(?:\s+{day})?|[-–])\s*"
    # Two complete dates: "01/3/2023 đến 15/3/2023", "15/12/2022 - 14/12/2023".
    full_range = (
        rf"(?P<d1>\d{{1,2}}){_SEP}(?P<m1>\d{{1,2}}){_SEP}(?P<y1>{YEAR}){to}"
        rf"(?P<d2>\d{{1,2}}){_SEP}(?P<m2>\d{{1,2}}){_SEP}(?P<y2>{YEAR}){_NUM_AFTER}"
    )
    frm = rf"{frm_word}\s+(?:{day}\s*)?"
    d1, m1, y1 = r"(?P<d1>\d{1,2})", r"(?P<m1>\d{1,2})", rf"(?P<y1>{YEAR})"
    d2, m2, y2 = r"(?P<d2>\d{1,2})", r"(?P<m2>\d{1,2})", rf"(?P<y2>{YEAR})"
    ranges = [
        # từ ngày 01/3/2023 đến ngày 15/3/2023
        ("full", rf"{frm}{full_range}"),
        # từ 01/3 đến 15/3/2023
        ("day_month", rf"{frm}{d1}{_SEP}{m1}{to}{d2}{_SEP}{m2}{_SEP}{y2}{_NUM_AFTER}"),
        # từ ngày 08- 31/8/2023, ngày 08-31/8/2023
        ("day", rf"(?:{frm}|{day}\s*){d1}{to}{d2}{_SEP}{m2}{_SEP}{y2}{_NUM_AFTER}"),
        # từ tháng 6/2023 đến tháng 9/2023
        ("month_full", rf"{frm_word}\s+{month}\s*{m1}\s*[/-]\s*{y1}\s*(?:{to_word}\s+{month}|[-–])"
                       rf"\s*{m2}\s*(?:/|-|{year})\s*{y2}(?!\d)"),
        # từ tháng 6 đến tháng 9/2023, từ tháng 6 đến tháng 9 năm 2023
        ("month", rf"{frm_word}\s+{month}\s*{m1}\s*(?:{to_word}\s+{month}|[-–])\s*{m2}"
                  rf"\s*(?:/|-|{year})\s*{y2}(?!\d)"),
    ]
    alts = [f"(?P<{kind}>{pat})" for kind, pat in ranges]
    # Named alternatives keep group names unique (the kind is ``lastgroup``).
    alts.append(f"(?P<written>{written.replace('?P<d>', '?P<wd>').replace('?P<m>', '?P<wm>').replace('?P<y>', '?P<wy>')})")
    alts.append(f"(?P<month_year>{month_year.replace('?P<m>', '?P<mm>').replace('?P<y>', '?P<my>')})")
    # Every word form starts with a range, day or month word at the start of a word: found
    # first with a cheap scan (a first letter, then the rest), the full grammar tried there.
    starts = [*d["range_from"], *d["day_words"], *d["month_words"]]
    firsts = "".join(sorted({c for w in starts for c in (w[0].lower(), w[0].upper())}))
    rests = "|".join(sorted({regex.escape(w[1:]) for w in starts}, key=len, reverse=True))
    word_start = rf"[{firsts}](?<![\p{{L}}\d][{firsts}])(?i:{rests})(?!\p{{L}})"
    return DateGrammar(
        day_words=tuple(w.casefold() for w in d["day_words"]),
        numeric=numeric,
        written=written,
        month_year=month_year,
        day=day,
        numeric_re=regex.compile(numeric),
        written_re=regex.compile(written),
        month_year_re=regex.compile(month_year),
        word_forms=regex.compile("|".join(alts)),
        numeric_scan=regex.compile(rf"{_NUM_BEFORE}(?P<full>{full_range})|{numeric}"),
        word_start=regex.compile(word_start),
    )


def grammar(rules: Rules | None = None) -> DateGrammar:
    """The date grammar of ``rules`` (the default rules when None), compiled once."""
    if rules is None:
        return _default()
    return rules.compiled("dates.compiled", build)


@functools.cache
def _default() -> DateGrammar:
    return load_rules().compiled("dates.compiled", build)


# --- values -----------------------------------------------------------------------------

def _iso(day: int | None, month: int | None, year: int) -> tuple[str | None, str | None]:
    """ISO (or partial) date and flag; an impossible day/month gives (None, "invalid")."""
    if month is None:
        return (f"{year:04d}", "partial") if day is None else (None, "invalid")
    if not 1 <= month <= 12:
        return None, "invalid"
    if day is None:
        return f"{year:04d}-{month:02d}", "partial"
    try:
        return _dt.date(year, month, day).isoformat(), None
    except ValueError:
        return None, "invalid"


def _year_of(raw: str) -> tuple[int, bool]:
    """The year and whether it was split by a typo space ("20 21")."""
    return int(raw.replace(" ", "")), " " in raw


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def date_value(day: str | None, month: str | None, year: str, partial_ok: bool = True) -> tuple[str | None, str | None]:
    """(ISO or partial date, flag) of the written parts of one date."""
    y, typo = _year_of(year)
    date, flag = _iso(_int(day), _int(month), y)
    if flag == "partial" and not partial_ok:
        flag = None
    if typo and date is not None:
        flag = "typo"
    return date, flag


def value_of_match(m: regex.Match, rules: Rules | None = None) -> tuple[str | None, str | None]:
    """(date, flag) of a match of a numeric, written or month-year date (groups d, m, y)."""
    g = m.groupdict()
    if g.get("d") is None and g.get("m") is not None and not _has_day_word(m.group(0), grammar(rules)):
        return date_value(None, g["m"], g["y"], partial_ok=False)  # tháng 5/2023: complete
    return date_value(g.get("d"), g.get("m"), g["y"])


def _has_day_word(s: str, g: DateGrammar) -> bool:
    folded = s.casefold()
    return any(w in folded for w in g.day_words)


def parse_date(text: str, rules: Rules | None = None) -> tuple[str | None, str | None]:
    """One date expression → (ISO or partial date, flag).

    ``"17/02/2023"`` → ``("2023-02-17", None)``; ``"ngày   tháng 5 năm 2023"`` →
    ``("2023-05", "partial")``; ``"31/02/2023"`` → ``(None, "invalid")``;
    ``"16/7/20 21"`` → ``("2021-07-16", "typo")``; ``"tháng 5/2023"`` → ``("2023-05", None)``;
    anything else → ``(None, None)``."""
    g = grammar(rules)
    s = " ".join(text.split())
    for word in g.day_words:  # "ngày 13/3/2023"
        n = len(word)
        if s[:n].casefold() == word and s[n:n + 1].isspace() and s[n + 1:n + 2].isdigit():
            m = g.numeric_re.fullmatch(s[n + 1:])
            if m:
                return value_of_match(m, rules)
    for pattern in (g.numeric_re, g.written_re, g.month_year_re):
        m = pattern.fullmatch(s)
        if m:
            return value_of_match(m, rules)
    return None, None


# --- mentions in running text --------------------------------------------------------------

def _range_value(m: regex.Match) -> tuple[str | None, str | None, str | None]:
    """(start, end, flag) of a range match."""
    g = m.groupdict()
    end, flag_end = date_value(g.get("d2"), g["m2"], g["y2"], partial_ok=False)
    y2 = g["y2"]
    if g.get("y1"):
        y1 = g["y1"]
    else:  # a range across new year: "từ 15/12 đến 15/01/2024" starts in 2023
        y1 = y2
        m1 = g.get("m1") or g["m2"]
        if int(m1) > int(g["m2"]):
            y1 = str(_year_of(y2)[0] - 1)
    start, flag_start = date_value(g.get("d1"), g.get("m1") or g["m2"], y1, partial_ok=False)
    flag = "invalid" if "invalid" in (flag_start, flag_end) else (flag_start or flag_end)
    return start, end, flag


def _mention(m: regex.Match) -> DateMention:
    """A mention from a match of ``_WORD_FORMS``."""
    kind = m.lastgroup
    g = m.groupdict()
    if kind == "written":
        date, flag = date_value(g["wd"], g["wm"], g["wy"])
    elif kind == "month_year":
        date, flag = date_value(None, g["mm"], g["my"], partial_ok=False)
    else:
        start, end, flag = _range_value(m)
        return DateMention(text=m.group(0), date=start, date_end=end, start=m.start(), end=m.end(), flag=flag)
    return DateMention(text=m.group(0), date=date, date_end=None, start=m.start(), end=m.end(), flag=flag)


def _word_form_mentions(text: str, g: DateGrammar) -> list[DateMention]:
    out: list[DateMention] = []
    for w in g.word_start.finditer(text):
        if out and w.start() < out[-1].end:
            continue  # inside a range already read ("từ ngày … đến ngày …")
        m = g.word_forms.match(text, w.start(), w.start() + _MAX_WORD_FORM)
        if m:
            out.append(_mention(m))
    return out


def find_dates(text: str, rules: Rules | None = None) -> list[DateMention]:
    """Every date mention in reading order (ranges as one mention with ``date_end``)."""
    g = grammar(rules)
    words = _word_form_mentions(text, g)
    out = list(words)
    spans = iter(words)
    cur = next(spans, None)
    for m in g.numeric_scan.finditer(text):
        while cur is not None and cur.end <= m.start():
            cur = next(spans, None)
        if cur is not None and cur.start < m.end():
            continue  # a numeric date inside a range
        if m.group("full"):
            start, end, flag = _range_value(m)
            out.append(DateMention(text=m.group(0), date=start, date_end=end, start=m.start(), end=m.end(), flag=flag))
            continue
        date, flag = value_of_match(m, rules)
        out.append(DateMention(text=m.group(0), date=date, date_end=None, start=m.start(), end=m.end(), flag=flag))
    out.sort(key=lambda d: d.start)
    return out
