"""Date mentions: numeric, written-out, partial (blank day/month) and ranges."""

from __future__ import annotations

import datetime as _dt

import regex

from .models import DateMention
from .rules import Rules

# One date expression, anchored on the whole (stripped) input of ``parse_date``.
# The year may be split by a stray space ("20 21"); day always comes before month.
_SEP = r"\s*[/.\-–]\s*"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d|(?:1[89]|20)\s\d\d)"
_NUMERIC = regex.compile(rf"(?:ngày\s*)?(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}{_YEAR}", regex.I)
_WRITTEN = regex.compile(
    rf"ngày\s*(?P<d>\d{{1,2}})?\s*tháng\s*(?P<m>\d{{1,2}})?\s*năm\s*{_YEAR}", regex.I
)
_MONTH_YEAR = regex.compile(rf"tháng\s*(?P<m>\d{{1,2}})\s*(?:/|-|năm)\s*{_YEAR}", regex.I)


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


def _from_match(m: regex.Match, partial_ok: bool) -> tuple[str | None, str | None]:
    year, typo = _year_of(m.group("y"))
    d = m.groupdict().get("d")
    mo = m.groupdict().get("m")
    day = int(d) if d else None
    month = int(mo) if mo else None
    date, flag = _iso(day, month, year)
    if flag == "partial" and not partial_ok:
        flag = None
    if typo and date is not None:
        flag = "typo"
    return date, flag


def parse_date(text: str) -> tuple[str | None, str | None]:
    """One date expression → (ISO or partial date, flag).

    ``"17/02/2023"`` → ``("2023-02-17", None)``; ``"ngày   tháng 5 năm 2023"`` →
    ``("2023-05", "partial")``; ``"31/02/2023"`` → ``(None, "invalid")``;
    ``"16/7/20 21"`` → ``("2021-07-16", "typo")``; ``"tháng 5/2023"`` → ``("2023-05", None)``;
    anything else → ``(None, None)``."""
    s = " ".join(text.split())
    for pattern, partial_ok in ((_NUMERIC, True), (_WRITTEN, True)):
        m = pattern.fullmatch(s)
        if m:
            return _from_match(m, partial_ok)
    m = _MONTH_YEAR.fullmatch(s)
    if m:  # a month-year is a complete expression, not a blank header date
        return _from_match(m, partial_ok=False)
    return None, None


def find_dates(text: str, rules: Rules | None = None) -> list[DateMention]:
    return []
