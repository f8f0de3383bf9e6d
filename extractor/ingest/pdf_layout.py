"""The layout pass shared by every PDF engine and by OCR: positioned ``Line``s → paragraphs.

- drops page numbers and running headers/footers (the same line at the top or bottom
  of most pages),
- puts a two-column block (issuer left, motto right) column after column,
- joins lines a column edge broke ("soft wraps") with a space, or with nothing after a
  symbol's hyphen ("290-" + "CV/ĐU"), and keeps real line and paragraph breaks, using
  indentation, line spacing, centring and where the previous line ended.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex as re

from ..text.markers import markers

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:Trang|Page)\s+)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
_ENDS_SENTENCE = re.compile(r"[.;:!?…]$|[.;:!?…][”\")»]$")
_LOWER_START = re.compile(r"^\p{Ll}")
_DIGIT_CONTINUES = re.compile(r"^\d(?!\d*(?:\.\d+)*[.)]\s)")  # "2023", not "2. "
_GLUED_HYPHEN = re.compile(r"[\p{L}\d/]-$")  # "290-", "30/KH-": the symbol goes on

@dataclass(slots=True)
class Line:
    """One printed line (or one column's part of it). y grows downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size (or glyph height) in the page's units

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class PageLines:
    lines: list[Line]
    width: float
    height: float


# ----------------------------------------------------------------------------- layout


@dataclass(slots=True)
class Frame:
    """Where the body text sits on the pages: left margin, right edge, line pitch."""

    left: float
    right: float
    pitch: float
    size: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def find_frame(pages: Sequence[PageLines]) -> Frame:
    lines = [ln for p in pages for ln in p.lines if len(ln.text) > 1]
    if not lines:
        return Frame(0.0, 1.0, 12.0, 10.0)
    size = statistics.median(ln.size for ln in lines)
    x0s = Counter(round(ln.x0) for ln in lines)
    left = min(x for x, n in x0s.most_common(3) if n >= x0s.most_common(1)[0][1] / 3)
    x1s = sorted(ln.x1 for ln in lines)
    right = x1s[int(0.9 * (len(x1s) - 1))]
    gaps = [b.bottom - a.bottom for p in pages for a, b in zip(p.lines, p.lines[1:], strict=False)
            if 0.8 * size < b.bottom - a.bottom < 3 * size]
    pitch = statistics.median(gaps) if gaps else 1.2 * size
    return Frame(left, right, pitch, size)


_DIGITS = re.compile(r"\d+")


def _norm_repeat(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def drop_running_lines(pages: Sequence[PageLines]) -> None:
    """Remove page numbers and headers/footers repeated at the top or bottom of pages."""
    counts: Counter[str] = Counter()
    for p in pages:
        counts.update({_norm_repeat(ln.text) for ln in _edge_lines(p)})
    repeated = {t for t, n in counts.items() if len(pages) >= 3 and n >= max(3, 0.5 * len(pages))}
    for p in pages:
        edge = {id(ln) for ln in _edge_lines(p)}
        p.lines = [ln for ln in p.lines
                   if id(ln) not in edge or not (_PAGE_NUMBER.match(ln.text) or _norm_repeat(ln.text) in repeated)]


def _edge_lines(p: PageLines, zone: int = 2, share: float = 0.12) -> list[Line]:
    """The ``zone`` top-most and bottom-most lines that lie in the page's top/bottom margin band."""
    by_y = sorted(p.lines, key=lambda ln: ln.top)
    top = [ln for ln in by_y[:zone] if ln.bottom <= share * p.height]
    bottom = [ln for ln in by_y[-zone:] if ln.top >= (1 - share) * p.height]
    return top + [ln for ln in bottom if ln not in top]


def order_columns(lines: list[Line], frame: Frame) -> list[tuple[list[Line], bool]]:
    """Split a page's lines into blocks ``(lines, is_column)``; a two-column run
    (issuer | motto) becomes two column blocks, left column first."""
    blocks: list[tuple[list[Line], bool]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _side(lines[j], frame):
            j += 1
        run = lines[i:j]
        if len(run) >= 2 and _two_columns(run, frame):
            for side in ("left", "right"):
                col = sorted((ln for ln in run if _side(ln, frame) == side), key=lambda ln: ln.top)
                blocks.append((col, True))
            i = j
            continue
        if blocks and not blocks[-1][1]:
            blocks[-1][0].append(lines[i])
        else:
            blocks.append(([lines[i]], False))
        i += 1
    return blocks


def _side(ln: Line, frame: Frame) -> str | None:
    """"left"/"right" for a line entirely on one side of the page's centre, else None."""
    if ln.x1 <= frame.center + frame.size:
        return "left"
    if ln.x0 >= frame.center - frame.size:
        return "right"
    return None


def _two_columns(run: Sequence[Line], frame: Frame) -> bool:
    left = [ln for ln in run if _side(ln, frame) == "left"]
    right = [ln for ln in run if _side(ln, frame) == "right"]
    return any(a.top < b.bottom and b.top < a.bottom for a in left for b in right)


def _centered(ln: Line, frame: Frame) -> bool:
    return ln.x0 > frame.left + frame.size and abs(ln.mid - frame.center) < 1.5 * frame.size


def join_kind(a: Line, b: Line, frame: Frame, column: tuple[float, float] | None = None) -> str:
    """How line ``b`` follows line ``a``: "wrap" (same paragraph), "line" (kept line
    break) or "para" (new paragraph)."""
    left, right = column or (frame.left, frame.right)
    size = max(frame.size, 1.0)
    gap = b.bottom - a.bottom
    if gap > 1.25 * frame.pitch or gap < -0.5 * size or abs(a.size - b.size) > 0.2 * size:
        return "para"
    ends_sentence = _ends_with(_ENDS_SENTENCE, a.text)
    if column is not None:  # a header/signature column: centred short lines
        if _LOWER_START.match(b.text) or (_DIGIT_CONTINUES.match(b.text) and not ends_sentence):
            return "wrap"
        return "line"
    if markers().list_start.match(b.text) and (ends_sentence or b.x0 > left + 0.5 * size):
        return "para"
    # The line broke because the next word did not fit: a wrap (also in ragged-right text).
    full = a.x1 >= right - 2.5 * size or _first_word_width(b) > right - a.x1
    if not full and markers().list_start.match(b.text):
        return "line"  # "a) ..." after a short heading line: a list item, though lower-case
    if _LOWER_START.match(b.text) or (_DIGIT_CONTINUES.match(b.text) and not ends_sentence):
        return "wrap"
    indented = b.x0 > left + 0.8 * size
    if _centered(a, frame) and _centered(b, frame):
        return "wrap" if a.x1 - a.x0 > 0.7 * frame.width and not ends_sentence else "line"
    if full and not indented:
        return "wrap"
    if indented:
        return "para"
    return "line"


def _first_word_width(ln: Line) -> float:
    """Estimated width of the line's first word (plus a space), from its average glyph width."""
    word = ln.text.split(" ", 1)[0]
    return (len(word) + 1) * (ln.x1 - ln.x0) / max(len(ln.text), 1)


def _ends_with(pattern: re.Pattern, text: str) -> bool:
    """``pattern.search(text)`` for a pattern anchored at the end and at most 2 chars long
    (3 with the newline ``$`` may precede): only the tail is searched, not a whole
    paragraph each time a line is glued to it."""
    return pattern.search(text, max(len(text) - 3, 0)) is not None


def glue(a: str, b: str) -> str:
    """Join a soft-wrapped line: no space after a symbol's hyphen ("30/KH-" + "UBND")."""
    if _ends_with(_GLUED_HYPHEN, a):
        return a + b
    return a + " " + b


def layout_page(lines: list[Line], frame: Frame) -> str:
    """One page's lines → text: paragraphs "\\n\\n", kept lines "\\n"."""
    paras: list[str] = []
    for block, is_column in order_columns(lines, frame):
        column = (min(ln.x0 for ln in block), max(ln.x1 for ln in block)) if is_column else None
        cur = ""
        prev: Line | None = None
        for ln in block:
            if prev is None:
                cur = ln.text
            else:
                kind = join_kind(prev, ln, frame, column)
                if kind == "wrap":
                    cur = glue(cur, ln.text)
                elif kind == "line":
                    cur += "\n" + ln.text
                else:
                    paras.append(cur)
                    cur = ln.text
            prev = ln
        if cur:
            paras.append(cur)
    return "\n\n".join(paras)


def layout(pages: Sequence[PageLines], frame: Frame | None = None) -> list[str]:
    """All pages → one text per page."""
    frame = frame or find_frame(pages)
    drop_running_lines(pages)
    return [layout_page(p.lines, frame) for p in pages]
