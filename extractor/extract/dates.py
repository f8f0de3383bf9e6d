"""Date mentions: numeric, written-out, partial (blank day/month) and ranges.

Day always comes before month (``5/3/2023`` is 5 March). A bare year is not a date; a
month with its year is (``tháng 5/2023`` → ``2023-05``). Partial header dates keep what is
written (``ngày   tháng 5 năm 2023`` → ``2023-05``), impossible ones give ``None`` with the
flag ``invalid`` and a year split by a stray space (``20 21``) is read with the flag ``typo``.

The pattern pieces (``NUMERIC_DATE``, ``WRITTEN_DATE``) are public so that the citation
grammar embeds the same date grammar.
"""

from __future__ import annotations

import datetime as _dt

import regex

from ..models import DateMention
from ..rules import Rules

# --- pattern pieces -----------------------------------------------------------------------

# A year, possibly split by one stray space ("20 21"); not followed by another digit.
YEAR = r"(?:1[89]|20)(?:\d\d|[ ]\d\d)(?!\d)"
_SEP = r"[ \t]*[/.\-–][ \t]*"
# Not inside a longer number, a decimal or a symbol ("1.234.567", "04/2015/NĐ-CP").
_NUM_BEFORE = r"(?<![\p{L}\d/.,\-–])"
_NUM_AFTER = r"(?![\d/]|[.,\-–]\d|[\-–/][ \t]*\p{L})"

NUMERIC_DATE = (
    rf"{_NUM_BEFORE}(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>{YEAR}){_NUM_AFTER}"
)
# "ngày ... tháng ... năm": dots or spaces where the day/month go. Possessive and bounded,
# so that a long run of dots is read once.
_BLANK = r"[\s._…]{0,60}+"
WRITTEN_DATE = (
    rf"(?i:ngày)(?:{_BLANK}(?P<d>\d{{1,2}}))?{_BLANK}(?i:tháng)(?:{_BLANK}(?P<m>\d{{1,2}}))?"
    rf"{_BLANK}(?i:năm)\s{{0,5}}+(?P<y>{YEAR})"
)
MONTH_YEAR = rf"(?i:tháng)\s*(?P<m>\d{{1,2}})\s*(?:/|-|(?i:năm))\s*(?P<y>{YEAR})"

_NUMERIC = regex.compile(NUMERIC_DATE)
_WRITTEN = regex.compile(WRITTEN_DATE)
_MONTH_YEAR = regex.compile(MONTH_YEAR)


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


def value_of_match(m: regex.Match) -> tuple[str | None, str | None]:
    """(date, flag) of a match of ``NUMERIC_DATE``/``WRITTEN_DATE``/``MONTH_YEAR`` (groups d, m, y)."""
    g = m.groupdict()
    if g.get("d") is None and g.get("m") is not None and "ngày" not in m.group(0).casefold():
        return date_value(None, g["m"], g["y"], partial_ok=False)  # tháng 5/2023: complete
    return date_value(g.get("d"), g.get("m"), g["y"])


def parse_date(text: str) -> tuple[str | None, str | None]:
    """One date expression → (ISO or partial date, flag).

    ``"17/02/2023"`` → ``("2023-02-17", None)``; ``"ngày   tháng 5 năm 2023"`` →
    ``("2023-05", "partial")``; ``"31/02/2023"`` → ``(None, "invalid")``;
    ``"16/7/20 21"`` → ``("2021-07-16", "typo")``; ``"tháng 5/2023"`` → ``("2023-05", None)``;
    anything else → ``(None, None)``."""
    s = " ".join(text.split())
    if s[:4].casefold() == "ngày" and s[4:5].isspace() and s[5:6].isdigit():
        s2 = s[5:]
        m = _NUMERIC.fullmatch(s2)
        if m:
            return value_of_match(m)
    for pattern in (_NUMERIC, _WRITTEN, _MONTH_YEAR):
        m = pattern.fullmatch(s)
        if m:
            return value_of_match(m)
    return None, None


# --- mentions in running text --------------------------------------------------------------

_TO = r"\s*(?:(?i:đến|tới)(?:\s+(?i:hết))?(?:\s+(?i:ngày))?|[-–])\s*"
# Two complete dates: "01/3/2023 đến 15/3/2023", "15/12/2022 - 14/12/2023".
_FULL_RANGE = (
    rf"(?P<d1>\d{{1,2}}){_SEP}(?P<m1>\d{{1,2}}){_SEP}(?P<y1>{YEAR}){_TO}"
    rf"(?P<d2>\d{{1,2}}){_SEP}(?P<m2>\d{{1,2}}){_SEP}(?P<y2>{YEAR}){_NUM_AFTER}"
)


def _range_patterns() -> list[tuple[str, str]]:
    """(kind, pattern) of the range forms, tried before single dates."""
    frm = r"(?i:từ)\s+(?:(?i:ngày)\s*)?"
    to = _TO
    d1, m1, y1 = r"(?P<d1>\d{1,2})", r"(?P<m1>\d{1,2})", rf"(?P<y1>{YEAR})"
    d2, m2, y2 = r"(?P<d2>\d{1,2})", r"(?P<m2>\d{1,2})", rf"(?P<y2>{YEAR})"
    return [
        # từ ngày 01/3/2023 đến ngày 15/3/2023
        ("full", rf"{frm}{_FULL_RANGE}"),
        # từ 01/3 đến 15/3/2023
        ("day_month", rf"{frm}{d1}{_SEP}{m1}{to}{d2}{_SEP}{m2}{_SEP}{y2}{_NUM_AFTER}"),
        # từ ngày 08- 31/8/2023, ngày 08-31/8/2023
        ("day", rf"(?:{frm}|(?i:ngày)\s*){d1}{to}{d2}{_SEP}{m2}{_SEP}{y2}{_NUM_AFTER}"),
        # từ tháng 6/2023 đến tháng 9/2023
        ("month_full", rf"(?i:từ)\s+(?i:tháng)\s*{m1}\s*[/-]\s*{y1}\s*(?:(?i:đến|tới)\s+(?i:tháng)|[-–])"
                       rf"\s*{m2}\s*(?:/|-|(?i:năm))\s*{y2}(?!\d)"),
        # từ tháng 6 đến tháng 9/2023, từ tháng 6 đến tháng 9 năm 2023
        ("month", rf"(?i:từ)\s+(?i:tháng)\s*{m1}\s*(?:(?i:đến|tới)\s+(?i:tháng)|[-–])\s*{m2}"
                  rf"\s*(?:/|-|(?i:năm))\s*{y2}(?!\d)"),
    ]


def _build_word_forms() -> regex.Pattern:
    """Ranges, written-out and month-year dates: every one starts with "từ", "ngày" or "tháng"."""
    alts = [f"(?P<{kind}>{pat})" for kind, pat in _range_patterns()]
    # Named alternatives keep group names unique (the kind is ``lastgroup``).
    alts.append(f"(?P<written>{WRITTEN_DATE.replace('?P<d>', '?P<wd>').replace('?P<m>', '?P<wm>').replace('?P<y>', '?P<wy>')})")
    alts.append(f"(?P<month_year>{MONTH_YEAR.replace('?P<m>', '?P<mm>').replace('?P<y>', '?P<my>')})")
    return regex.compile("|".join(alts))


_WORD_FORMS = _build_word_forms()
# Numeric dates, and two of them joined into a range without "từ".
_NUMERIC_SCAN = regex.compile(rf"{_NUM_BEFORE}(?P<full>{_FULL_RANGE})|{NUMERIC_DATE}")
# Where a word form may start: "từ", "ngày", "tháng" (any case) at the start of a word. Found
# first with this cheap scan; the full grammar is then tried only there.
_WORD_START = regex.compile(r"[tTnN](?<![\p{L}\d][tTnN])(?i:ừ|gày|háng)(?!\p{L})")
_MAX_WORD_FORM = 200  # characters: bounds each anchored match


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


def _word_form_mentions(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    for w in _WORD_START.finditer(text):
        if out and w.start() < out[-1].end:
            continue  # inside a range already read ("từ ngày … đến ngày …")
        m = _WORD_FORMS.match(text, w.start(), w.start() + _MAX_WORD_FORM)
        if m:
            out.append(_mention(m))
    return out


def find_dates(text: str, rules: Rules | None = None) -> list[DateMention]:
    """Every date mention in reading order (ranges as one mention with ``date_end``)."""
    words = _word_form_mentions(text)
    out = list(words)
    spans = iter(words)
    cur = next(spans, None)
    for m in _NUMERIC_SCAN.finditer(text):
        while cur is not None and cur.end <= m.start():
            cur = next(spans, None)
        if cur is not None and cur.start < m.end():
            continue  # a numeric date inside a range
        if m.group("full"):
            start, end, flag = _range_value(m)
            out.append(DateMention(text=m.group(0), date=start, date_end=end, start=m.start(), end=m.end(), flag=flag))
            continue
        date, flag = value_of_match(m)
        out.append(DateMention(text=m.group(0), date=date, date_end=None, start=m.start(), end=m.end(), flag=flag))
    out.sort(key=lambda d: d.start)
    return out
