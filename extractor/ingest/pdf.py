"""PDF text layer → text with pages separated by "\\f", laid out as paragraphs.

A PDF knows glyph positions, not paragraphs. Each engine yields positioned ``Line``s;
one layout pass (shared with OCR output) then
- drops page numbers and running headers/footers (the same line at the top or bottom
  of most pages),
- puts a two-column block (issuer left, motto right) column after column,
- joins lines a column edge broke ("soft wraps") with a space, or with nothing after a
  symbol's hyphen ("290-" + "CV/ĐU"), and keeps real line and paragraph breaks, using
  indentation, line spacing, centring and where the previous line ended.
Pages without a text layer are scans: reported (status "needs_ocr") or OCR'd (``ocr=True``).
"""

from __future__ import annotations

import ctypes
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex as re

from ..text.markers import markers
from . import Ingested, IngestError

# More pages than this is not a report: refuse rather than spend the batch's time on it.
MAX_PAGES = 1000
ENGINES = ("pypdfium2", "pdfplumber")

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:Trang|Page)\s+)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
_ENDS_SENTENCE = re.compile(r"[.;:!?…]$|[.;:!?…][”\")»]$")
_LOWER_START = re.compile(r"^\p{Ll}")
_DIGIT_CONTINUES = re.compile(r"^\d(?!\d*(?:\.\d+)*[.)]\s)")  # "2023", not "2. "
_GLUED_HYPHEN = re.compile(r"[\p{L}\d/]-$")  # "290-", "30/KH-": the symbol goes on
_HYPHEN_MARK = "\ufffe"  # pdfium's mark for a hyphen it took for a word break


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


# ----------------------------------------------------------------------------- opening


def check_pdf_bytes(path: Path) -> None:
    """Refuse what is not a PDF before any parser sees it, with a message a clerk can act on."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise IngestError("empty file (0 bytes), not a PDF")
    if b"%PDF-" in head:
        return
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")) or b"<html" in lowered:
        raise IngestError("not a PDF: the file is an HTML page (a saved web page or a download error page)")
    if head.startswith(b"PK\x03\x04"):
        raise IngestError("not a PDF: the file is a ZIP archive (perhaps a .docx renamed to .pdf)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError("not a PDF: the file is an old Word/Excel document (OLE2)")
    raise IngestError("not a PDF: no '%PDF-' signature at the start of the file")


def open_pdfium(path: Path):
    """Open with pdfium, turning its error codes into precise messages."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise IngestError("encrypted PDF: it needs a password to open (remove the password and re-run)") from exc
        if "format" in msg or "file" in msg:
            if not _has_eof_marker(path):
                raise IngestError("truncated PDF: the file stops before its %%EOF end marker "
                                  "(an incomplete download or copy)") from exc
            raise IngestError(f"damaged PDF: pdfium cannot parse it ({exc})") from exc
        raise IngestError(f"cannot open PDF: {exc}") from exc


def _has_eof_marker(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(max(path.stat().st_size - 2048, 0))
        return b"%%EOF" in f.read()


# ----------------------------------------------------------------------------- engines


def _split_at_gaps(chars: Sequence[tuple[str, float, float, float, float, float]]) -> list[Line]:
    """Chars (text, x0, x1, top, bottom, size) of one text line → Lines, cut at wide gaps
    (two columns on one baseline) and where the pen jumps back left (a new line)."""
    out: list[Line] = []
    cur: list[tuple[str, float, float, float, float, float]] = []

    def flush() -> None:
        while cur and not cur[-1][0].strip():
            cur.pop()
        if cur:
            boxed = [c for c in cur if c[0].strip()] or cur
            text = "".join(c[0] for c in cur).strip()
            size = statistics.median(c[5] for c in boxed)
            out.append(Line(text, boxed[0][1], max(c[2] for c in boxed), min(c[3] for c in boxed),
                            max(c[4] for c in boxed), size))
        cur.clear()

    last = None  # last inked char
    for ch in chars:
        if not ch[0].strip():
            if cur:
                cur.append(ch)
            continue
        if last is not None:
            size = max(last[5], ch[5], 1.0)
            gap = ch[1] - last[2]
            jumped = ch[1] < last[1] - size or abs(ch[4] - last[4]) > 0.8 * size
            if jumped or gap > 2.5 * size:
                flush()
        if not cur and ch[0].strip() == "":
            continue
        cur.append(ch)
        last = ch
    flush()
    return out


_TOKEN = re.compile(r"[^\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")
_ROW_BREAK = re.compile(r"\r\n|\r|\n")
_INK = re.compile(r"\S")
# A row this much wider per char than the page's usual rows may hide a column gap inside
# its one text object (pdfium keeps one space of a typed run, and shows no kerned gap),
# so it is boxed per word. The usual width is capped at what text fonts average (in font
# sizes per char): a page of spread rows (a table aligned with spaces), or whose font
# sizes the text matrix scales up, cannot set its own yardstick.
_SPREAD = 1.15
_USUAL_MAX = 0.55


def _pdfium_lines(page) -> PageLines:
    """Lines of one page from pdfium's text page (its reading order).

    pdfium's text rectangles are one box per text object, and a printed line (segment)
    is one text object: most rows need one box, not one per word. Rows of several
    objects (two columns on one baseline, two lines pdfium merged at a hyphen), rows
    spread wider than their text explains (a gap inside the object) and rows with
    unusual whitespace are boxed per word and cut at gaps by ``_split_at_gaps``."""
    width, height = page.get_size()
    tp = page.get_textpage()
    try:
        text = tp.get_text_range()
        n = tp.count_chars()
        if len(text) != n:  # a surrogate pair or a dropped char: fall back to per-char text
            import pypdfium2.raw as raw

            text = "".join(chr(raw.FPDFText_GetUnicode(tp.raw, i) or 32) for i in range(n))
        boxes = _Boxes(tp.raw, height)
        rows = [(start, row, _segment_line(boxes, start, row)) for start, row in _rows(text)]
        widths = [_char_width(line) for _, _, line in rows if line is not None]
        limit = _SPREAD * min(statistics.median(widths), _USUAL_MAX) if widths else 0.0
        lines: list[Line] = []
        for start, row, line in rows:
            if line is not None and _char_width(line) <= limit:
                lines.append(line)
            elif _INK.search(row):
                lines.extend(_split_at_gaps(_word_boxes(boxes, start, row)))
    finally:
        tp.close()
    return PageLines(lines, width, height)


def _rows(text: str) -> Iterable[tuple[int, str]]:
    """pdfium's rows (its "\\r\\n"-separated lines) with the char index each starts at."""
    if text.count("\r\n") == text.count("\r") == text.count("\n"):  # the usual: split in C
        pos = 0
        for row in text.split("\r\n"):
            yield pos, row
            pos += len(row) + 2
        return
    pos = 0
    for m in _ROW_BREAK.finditer(text):
        yield pos, text[pos:m.start()]
        pos = m.end()
    yield pos, text[pos:]


class _Boxes:
    """Boxes from one pdfium text page, top-down (y grows downwards like ``Line``)."""

    def __init__(self, textpage, height: float) -> None:
        import pypdfium2.raw as raw

        self.raw, self.tp, self.height = raw, textpage, height
        self.out = [ctypes.c_double() for _ in range(4)]

    def char(self, i: int) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of char ``i``."""
        left, right, bottom, top = self.out
        self.raw.FPDFText_GetCharBox(self.tp, i, left, right, bottom, top)
        return left.value, right.value, self.height - top.value, self.height - bottom.value

    def segment(self, i: int, count: int) -> tuple[float, float, float, float] | None:
        """(x0, x1, top, bottom) of chars i … i+count-1 when they are one text object."""
        if self.raw.FPDFText_CountRects(self.tp, i, count) != 1:
            return None
        left, top, right, bottom = self.out
        self.raw.FPDFText_GetRect(self.tp, 0, left, top, right, bottom)
        if right.value <= left.value or top.value <= bottom.value:  # no inked char: no box
            return None
        return left.value, right.value, self.height - top.value, self.height - bottom.value

    def font_size(self, i: int) -> float:
        """Font size at char ``i`` (its glyph height when the font has no size)."""
        size = self.raw.FPDFText_GetFontSize(self.tp, i)
        if size:
            return size
        _, _, top, bottom = self.char(i)
        return bottom - top


def _segment_line(boxes: _Boxes, start: int, row: str) -> Line | None:
    """The row as one Line boxed by its text object, or None (several objects, no ink,
    or text that only per-word boxes can cut right)."""
    # A printable row has no whitespace but " " and no hyphen mark: string methods then
    # find its ink and words exactly as _TOKEN does. A run of spaces may be a column gap.
    if not row.isprintable():
        return None
    text = row.strip(" ")
    if not text or "  " in text:
        return None
    first = start + len(row) - len(row.lstrip(" "))
    box = boxes.segment(first, len(text))
    if box is None:
        return None
    return Line(text, *box, boxes.font_size(first))


def _char_width(line: Line) -> float:
    """Width per char in font sizes: what a gap hidden inside a text object inflates."""
    return (line.x1 - line.x0) / (len(line.text) * max(line.size, 1.0))


def _word_boxes(boxes: _Boxes, start: int, row: str) -> list[tuple[str, float, float, float, float, float]]:
    """Chars for ``_split_at_gaps``: one entry per word, boxed by its first and last char
    (a column gap or a jump to the next line falls between words, and pdfium's hyphen
    mark, U+FFFE, where it merged two lines, ends a word), a space between words."""
    out: list[tuple[str, float, float, float, float, float]] = []
    size = 0.0
    for m in _TOKEN.finditer(row):
        i, j = start + m.start(), start + m.end() - 1
        x0, x1, t0, b0 = boxes.char(i)
        t1, b1 = t0, b0
        if j != i:
            _, x1, t1, b1 = boxes.char(j)
        if out:
            out.append((" ", 0.0, 0.0, 0.0, 0.0, 0.0))
        else:  # one font size per printed line is enough for the layout
            size = boxes.font_size(i)
        token = m.group(0).replace(_HYPHEN_MARK, "-").replace("\x02", "-")
        out.append((token, x0, x1, min(t0, t1), max(b0, b1), size))
    return out


def _plumber_lines(page) -> PageLines:
    """Lines of one page from pdfplumber's words, grouped by baseline, cut at wide gaps."""
    words = page.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False, extra_attrs=["size"])
    words.sort(key=lambda w: (round(w["bottom"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        if rows and abs(rows[-1][-1]["bottom"] - w["bottom"]) <= 0.4 * w["size"]:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        chars: list[tuple[str, float, float, float, float, float]] = []
        for w in row:
            if chars:
                chars.append((" ", 0.0, 0.0, 0.0, 0.0, 0.0))
            text = w["text"].replace(_HYPHEN_MARK, "-")
            chars.append((text, w["x0"], w["x1"], w["top"], w["bottom"], w["size"]))
        lines.extend(_split_at_gaps(chars))
    return PageLines(lines, float(page.width), float(page.height))


# A page with less text than this under a page-sized image is a scan (with a stray
# text object: a stamp number, a file name printed by the scanner).
_SCAN_MAX_CHARS = 40
_SCAN_MIN_IMAGE_SHARE = 0.5


def _page_is_scan(page, lines: list[Line]) -> bool:
    """No real text layer, and an image covering most of the page."""
    import pypdfium2.raw as raw

    if sum(len(ln.text) for ln in lines) >= _SCAN_MAX_CHARS:
        return False
    width, height = page.get_size()
    area = max(width * height, 1.0)
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 / 4
        left, bottom, right, top = bounds()
        if (right - left) * (top - bottom) >= _SCAN_MIN_IMAGE_SHARE * area:
            return True
    return False


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


# ----------------------------------------------------------------------------- reader


def read_pdf(path: Path, pdf_engine: str = "pypdfium2", ocr: bool = False,
             max_pages: int = MAX_PAGES, **_options) -> Ingested:
    path = Path(path)
    if pdf_engine not in ENGINES:
        raise IngestError(f"unknown PDF engine '{pdf_engine}' (choose {' or '.join(ENGINES)})")
    check_pdf_bytes(path)
    pdf = open_pdfium(path)
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError("PDF has no pages")
        if n > max_pages:
            raise IngestError(f"PDF has {n} pages, more than the limit of {max_pages}: not read")
        pages, scans = _extract_pages(pdf, path, pdf_engine)
        ocr_texts: dict[int, str] = {}
        if scans and ocr:
            from .ocr import ocr_pdf_pages

            ocr_texts = ocr_pdf_pages(pdf, scans)
    finally:
        pdf.close()
    texts = layout(pages)
    for i, t in ocr_texts.items():
        texts[i] = t
    text = "\f".join(texts)
    legacy = None
    from .legacy import detect_and_convert

    text, legacy = detect_and_convert(text)
    if scans and not ocr:
        return Ingested(text, "pdf", encoding=legacy, n_pages=n, status="needs_ocr",
                        warning=_needs_ocr_message(scans, n))
    warning = f"OCR used on page(s) {_page_list(scans)}" if scans else None
    return Ingested(text, "pdf", encoding=legacy, n_pages=n, warning=warning)


def _extract_pages(pdf, path: Path, engine: str) -> tuple[list[PageLines], list[int]]:
    """Positioned lines of every page, and the 0-based indexes of pages that are scans."""
    pages: list[PageLines] = []
    scans: list[int] = []
    plumber = None
    if engine == "pdfplumber":
        import pdfplumber

        try:
            plumber = pdfplumber.open(str(path))
        except Exception as exc:  # pdfminer raises many kinds on broken files
            raise IngestError(f"damaged PDF: pdfplumber cannot parse it ({type(exc).__name__})") from exc
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                if plumber is not None:
                    pl = _plumber_lines(plumber.pages[i])
                    plumber.pages[i].close()
                else:
                    pl = _pdfium_lines(page)
                if _page_is_scan(page, pl.lines):
                    scans.append(i)
                pages.append(pl)
            finally:
                page.close()
    finally:
        if plumber is not None:
            plumber.close()
    return pages, scans


def _page_list(indexes: Iterable[int]) -> str:
    nums = [i + 1 for i in indexes]
    return ", ".join(map(str, nums[:20])) + (" …" if len(nums) > 20 else "")


def _needs_ocr_message(scans: Sequence[int], n: int) -> str:
    what = "all pages are" if len(scans) == n else f"page(s) {_page_list(scans)} of {n} are"
    return f"{what} scanned images without a text layer: re-run with --ocr to read them"
