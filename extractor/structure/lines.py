"""Lines of a document with their offsets, and the character-level tests the header and the
closing share (caps, decoration, bullets)."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re


@dataclass(slots=True)
class Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str
    blank_before: bool  # a blank line (paragraph break) precedes it


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of ``text[start:end]`` with their offsets. A markdown table row
    ("| ỦY BAN NHÂN DÂN | CỘNG HÒA ... |") gives one Line per cell: cells are columns."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    blank = False
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        cells = _cells(text, pos, stop)
        for k, (cs, ce) in enumerate(cells):
            out.append(Line(cs, ce, text[cs:ce], blank and k == 0))
        blank = not cells
        pos = stop + 1
    return out


def _cells(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Spans of the non-blank cells of one line (the whole line when it has no "|")."""
    bounds = [start]
    bar = text.find("|", start, stop)
    while bar != -1:
        bounds.append(bar + 1)
        bar = text.find("|", bar + 1, stop)
    bounds.append(stop + 1)
    spans = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        raw = text[a:b - 1]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return spans


DECORATION = re.compile(r"^[\s\-–—_=*~.•o0O|:]*$")
LEADING_DECORATION = re.compile(r"^[-–—_=*~]{3,}")
DECORATION_RUN = re.compile(r"[-–—_=*~]{2,}(?:\s*o0o\s*[-–—_=*~]{2,})?")
BULLET = re.compile(r"^[-+•*–—·]\s*")
NAME = re.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5}$")
CAPS_NAME = re.compile(r"^\p{Lu}+(?:\s+\p{Lu}+){1,5}$")
TRAILING_NAME = re.compile(r"\s+(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5})$")
END_OF_BODY = re.compile(r"(?:\./\.|/\.)\s*$")
CLOSING_SENTENCE = re.compile(r"^Trên\s+đây\b", re.I)


def is_caps(s: str) -> bool:
    """Mostly upper-case letters (header lines, titles in caps)."""
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def is_decoration(s: str) -> bool:
    return bool(DECORATION.match(s))


def clean(s: str) -> str:
    return " ".join(s.split())
