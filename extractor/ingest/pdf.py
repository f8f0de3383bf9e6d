"""PDF text layer → text with pages separated by "\\f", laid out as paragraphs.

A PDF knows glyph positions, not paragraphs. Each engine here yields positioned ``Line``s;
one layout pass (``pdf_layout``, shared with OCR output) turns them into paragraphs.
Pages without a text layer are scans: reported (status "needs_ocr") or OCR'd (``ocr=True``).
"""

from __future__ import annotations

import ctypes
import statistics
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex as re

from .base import Ingested, IngestError
from .pdf_guard import check_inflated_size
from .pdf_layout import Line, PageLines, layout

# More pages than this is not a report: refuse rather than spend the batch's time on it.
MAX_PAGES = 1000
ENGINES = ("pypdfium2", "pdfplumber")

_HYPHEN_MARK = "\ufffe"  # pdfium's mark for a hyphen it took for a word break


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


# ----------------------------------------------------------------------------- reader


def read_pdf(path: Path, pdf_engine: str = "pypdfium2", ocr: bool = False,
             max_pages: int = MAX_PAGES, **_options) -> Ingested:
    path = Path(path)
    if pdf_engine not in ENGINES:
        raise IngestError(f"unknown PDF engine '{pdf_engine}' (choose {' or '.join(ENGINES)})")
    check_pdf_bytes(path)
    check_inflated_size(path)
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
