"""Rebuild a header block that was flattened cell by cell (a two-column table copied from
a portal, Word or PDF) before its fields are read.

The lines of the block before the type line are pieces of cells: a rule line or a lone
``|`` is dropped; pieces are joined where a field was broken over lines — the motto
(``CỘNG`` / ``HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``), the number (``Số:`` / ``86/BC-UBND``),
the date (``Hải Phòng, ngày`` / ``12 tháng 10 năm 2024``) and the place (``Đà`` /
``Nẵng, ngày …``, ``Số: 58/KH-UBND Phan Rang -`` / ``Tháp Chàm, ngày …``). A joined line
keeps the offsets of the source: its text is the source span with what lies between its
pieces blanked (same length), so every offset read from it is an offset in the text.
"""

from __future__ import annotations

import regex as re

from .header_lexicon import HeaderLexicon
from .lines import Line, is_caps, is_decoration

_LABEL_ALONE = re.compile(r"^(?:Số|SỐ)\s*:?\s*$")
_SYMBOL_START = re.compile(r"^[.…_\s]*\d*[\p{Ll}]?\s*[/\-]\s*[\p{L}\d]")
_DATE_GOES_ON = re.compile(r"^(?:\d{1,2}\b|tháng\b|năm\b|\d{4}\b)", re.I)
_PLACE_THEN_DATE = re.compile(r"^\p{Lu}[\p{L}.\s\-–]{0,40}?,\s*ngày\b", re.I)
_PLACE_WORDS = re.compile(r"^(?:(?:\p{Lu}\p{Ll}*\.?|[-–])\s*){1,5}$")
_PLACE_TAIL = re.compile(r"(?<=\s)(?:(?:\p{Lu}\p{Ll}+\.?|[-–])\s*){1,5}$")


def _joined(text: str, pieces: list[Line]) -> Line:
    """One line made of ``pieces`` (in order): the source span, other characters blanked."""
    start, end = pieces[0].start, pieces[-1].end
    chars = [" "] * (end - start)
    for p in pieces:
        chars[p.start - start:p.end - start] = text[p.start:p.end]
    return Line(start, end, "".join(chars), pieces[0].blank_before)


def _part(ln: Line, a: int, b: int) -> Line | None:
    """``ln.text[a:b]`` as a line of its own (trimmed), or None when blank."""
    seg = ln.text[a:b]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if not seg:
        return None
    return Line(ln.start + a + lead, ln.start + a + lead + len(seg), seg, ln.blank_before and a == 0)


def _join_mottos(text: str, lines: list[Line], lex: HeaderLexicon) -> list[Line]:
    """A motto broken over pieces becomes one line; the pieces around it stay."""
    joined, bounds, pos = [], [], 0
    for ln in lines:
        bounds.append((pos, pos + len(ln.text)))
        joined.append(ln.text)
        pos += len(ln.text) + 1
    s = " ".join(joined)
    out: list[Line] = []
    i = 0
    for m in lex.motto_re.finditer(s):
        first = next(k for k, (a, b) in enumerate(bounds) if b > m.start())
        last = next(k for k, (a, b) in enumerate(bounds) if b >= m.end())
        if first == last or first < i:
            continue
        out.extend(lines[i:first])
        head = _part(lines[first], 0, m.start() - bounds[first][0])
        if head:
            out.append(head)
        pieces = [p for p in (_part(lines[first], m.start() - bounds[first][0], len(lines[first].text)),
                              *lines[first + 1:last], _part(lines[last], 0, m.end() - bounds[last][0])) if p]
        out.append(_joined(text, pieces))
        tail = _part(lines[last], m.end() - bounds[last][0], len(lines[last].text))
        if tail:
            out.append(tail)
        i = last + 1
    out.extend(lines[i:])
    return out


def _join_number(text: str, lines: list[Line]) -> list[Line]:
    """``Số:`` alone, its number in one of the next pieces."""
    for i, ln in enumerate(lines):
        if not _LABEL_ALONE.match(ln.text):
            continue
        for j in range(i + 1, min(len(lines), i + 4)):
            if _SYMBOL_START.match(lines[j].text):
                merged = _joined(text, [ln, lines[j]])
                return lines[:i] + [merged] + lines[i + 1:j] + lines[j + 1:]
        return lines
    return lines


def _join_date(text: str, lines: list[Line], lex: HeaderLexicon) -> list[Line]:
    """``…, ngày`` / ``12 tháng 10 năm 2024``; ``Đà`` / ``Nẵng, ngày …`` (the place)."""
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if lex.date_re.search(a.text) is None and re.search(r"(?:^|,\s*)ngày\b[\s.…_\d]*$|tháng[\s\d]*năm\s*$",
                                                             a.text, re.I) and _DATE_GOES_ON.match(b.text):
            out[i:i + 2] = [_joined(text, [a, b])]
            break
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not _PLACE_THEN_DATE.match(b.text) or is_caps(a.text):
            continue
        if _PLACE_WORDS.match(a.text):
            out[i - 1:i + 1] = [_joined(text, [a, b])]
            break
        tail = _PLACE_TAIL.search(a.text)
        num = lex.number_re.search(a.text)
        if tail and num and num.end() <= tail.start():  # "Số: 58/KH-UBND Phan Rang -" / "Tháp Chàm, ngày"
            head, place = _part(a, 0, tail.start()), _part(a, tail.start(), len(a.text))
            out[i - 1:i + 1] = [x for x in (head, _joined(text, [place, b])) if x]
            break
    return out


def rebuild(text: str, lines: list[Line], stop: int, lex: HeaderLexicon) -> list[Line]:
    """``lines[:stop]`` (the block before the type line) rebuilt from its cells, then the rest."""
    block = [ln for ln in lines[:stop] if not is_decoration(ln.text)]
    block = _join_mottos(text, block, lex)
    block = _join_number(text, block)
    block = _join_date(text, block, lex)
    return block + lines[stop:]
