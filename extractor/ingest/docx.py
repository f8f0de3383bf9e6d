"""Word 2007+ (.docx) → text, with python-docx.

Body paragraphs and tables come in document order; page headers and footers are left
out (running text, page numbers). A two-column table — how Vietnamese reports lay out
issuer | motto and number | place-date, and the signature block — is read column after
column, each cell's paragraphs as lines; wider tables become one ``a | b | c`` line per
row. Text boxes follow the paragraph they are anchored in; footnotes
(``word/footnotes.xml``) are appended at the end. Where Word recorded its last layout
(``w:lastRenderedPageBreak``), pages are separated by "\\f" so records get a page. Runs in a legacy font
(``.VnTime``, ``.VnTimeH``, ``VNI-Times``) are converted to Unicode run by run.
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from . import legacy as legacy_fonts
from .base import OLE_MAGIC, Ingested, IngestError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Context:
    """Per-document state: fonts of the styles (resolved once) and legacy encodings met."""

    def __init__(self, document):
        self.document = document
        self.default_font = _default_font(document)
        self.styles, self.default_par_style = _style_table(document)
        self.resolved: dict[str, str | None] = {}
        self.found: Counter[str] = Counter()

    def style_font(self, style_id: str | None) -> str | None:
        """Font of a style, following w:basedOn (python-docx's style lookup is slow)."""
        if not style_id:
            return None
        if style_id not in self.resolved:
            font, sid, seen = None, style_id, set()
            while sid and font is None and sid not in seen:
                seen.add(sid)
                font, sid = self.styles.get(sid, (None, None))
            self.resolved[style_id] = font
        return self.resolved[style_id]


def _style_table(document) -> tuple[dict[str, tuple[str | None, str | None]], str | None]:
    """styleId → (ascii font or None, basedOn id or None), and the default paragraph style."""
    table: dict[str, tuple[str | None, str | None]] = {}
    default_par = None
    for st in document.styles.element.iter(f"{_W}style"):
        sid = st.get(f"{_W}styleId")
        fonts = st.find(f"{_W}rPr/{_W}rFonts")
        based = st.find(f"{_W}basedOn")
        table[sid] = (fonts.get(f"{_W}ascii") if fonts is not None else None,
                      based.get(f"{_W}val") if based is not None else None)
        if st.get(f"{_W}default") in ("1", "true") and st.get(f"{_W}type") == "paragraph":
            default_par = sid
    return table, default_par


def _default_font(document) -> str | None:
    """The document default font (w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii)."""
    fonts = document.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    return fonts.get(f"{_W}ascii") if fonts is not None else None


def _val(el, path: str) -> str | None:
    found = el.find(path) if el is not None else None
    return found.get(f"{_W}val") if found is not None else None


def check_docx_bytes(path: Path) -> bytes:
    """First bytes of the file; refuses what is not a ZIP package with a clear reason."""
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if not head:
        raise IngestError("empty file (0 bytes), not a Word document")
    if head.startswith(b"PK\x03\x04"):
        return head
    if head.startswith(OLE_MAGIC):  # read_file hands these to the .doc reader
        raise IngestError("not a .docx: an old Word 97-2003 (.doc) file")
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        raise IngestError("not a .docx: the file is an HTML page (a saved web page or a download error page)")
    if head.startswith(b"%PDF-"):
        raise IngestError("not a .docx: the file is a PDF")
    if head.startswith(b"{\\rtf"):
        raise IngestError("not a .docx: the file is an RTF document (save it as .docx)")
    raise IngestError("not a .docx: not a ZIP package (no 'PK' signature)")


# A report's package is a few MB unpacked; these bounds leave a wide margin and refuse a
# zip bomb (kilobytes that expand to gigabytes) before anything is decompressed.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all members together
MAX_RATIO = 200  # unpacked / packed, for members above RATIO_FLOOR
RATIO_FLOOR = 8 * 1024 * 1024
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")  # OOXML has no DTD: one is an entity-expansion attack


def _mb(n: int) -> str:
    if n < 1024 ** 2:
        return f"{n / 1024:,.0f} kB"
    return f"{n / 1024 ** 2:,.0f} MB" if n < 1024 ** 3 else f"{n / 1024 ** 3:,.1f} GB"


def check_members(z: zipfile.ZipFile) -> None:
    """Refuse a package whose members expand beyond the bounds, fail their checksum, or
    declare a DTD (entity expansion: "billion laughs"). Sizes are those the ZIP directory
    declares; the reader never returns more than declared (a lie fails the checksum)."""
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise IngestError(f"refused .docx: its parts expand to {_mb(total)}, more than the limit of "
                          f"{_mb(MAX_UNPACKED_BYTES)} (a zip bomb?)")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise IngestError(f"refused .docx: part '{i.filename}' expands {i.file_size // max(i.compress_size, 1):,}"
                              f" times ({_mb(i.compress_size)} → {_mb(i.file_size)}; a zip bomb?)")
    for i in infos:
        xml = i.filename.lower().endswith((".xml", ".rels"))
        tail = b""
        with z.open(i) as member:  # reading to the end checks the CRC
            while chunk := member.read(1 << 20):
                if xml and any(m in tail + chunk for m in _DTD_MARKS):
                    raise IngestError(f"refused .docx: part '{i.filename}' declares a DTD or entities "
                                      "(Word never writes one; entity expansion is an attack)")
                tail = chunk[-16:]


def open_docx(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            check_members(z)
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            raise IngestError(f"damaged .docx: a ZIP member fails its checksum ({exc})") from exc
        raise IngestError(f"damaged or truncated .docx: broken ZIP package ({exc})") from exc
    except (OSError, EOFError, NotImplementedError, RuntimeError, zipfile.LargeZipFile, zlib.error) as exc:
        raise IngestError(f"damaged .docx: unreadable ZIP member ({type(exc).__name__}: {exc})") from exc
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names:
            raise IngestError("encrypted .docx: it needs a password to open")
        raise IngestError("not a Word document: ZIP package without word/document.xml")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(f"damaged .docx: {exc}") from exc
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise IngestError(f"damaged .docx: {type(exc).__name__}: {exc}") from exc


def read_docx(path: Path, **options) -> Ingested:
    path = Path(path)
    check_docx_bytes(path)
    document = open_docx(path)
    ctx = _Context(document)
    blocks = list(_body_blocks(document.element.body, document, ctx))
    blocks += _footnotes(document)
    text = unicodedata.normalize("NFC", "\n\n".join(b for b in blocks if b.strip(" \n")))
    text, by_content = legacy_fonts.detect_and_convert(text)
    if by_content:
        ctx.found[by_content] += 1
    encoding = ctx.found.most_common(1)[0][0] if ctx.found else None
    n_pages = text.count("\f") + 1 if "\f" in text else None
    return Ingested(text, "docx", encoding=encoding, n_pages=n_pages)


def _body_blocks(container, document, ctx: _Context):
    """Text blocks of a body/cell in document order: one per paragraph, tables laid out."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for el in container.iterchildren():
        tag = el.tag
        if tag == f"{_W}p":
            yield _paragraph_text(Paragraph(el, document), ctx)
            yield from _text_boxes(el, document, ctx)
        elif tag == f"{_W}tbl":
            yield from _table_blocks(Table(el, document), document, ctx)
        elif tag == f"{_W}sdt":  # content control wrapping paragraphs/tables
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_blocks(content, document, ctx)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(p_el, document, ctx: _Context):
    """Text boxes anchored in a paragraph (a header block or a stamp drawn as a shape).
    Word stores each box twice (DrawingML and a VML fallback): the fallback is skipped."""
    for box in p_el.iter(f"{_W}txbxContent"):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        text = "\n".join(b for b in _body_blocks(box, document, ctx) if b.strip())
        if text:
            yield text


def _paragraph_text(par, ctx: _Context) -> str:
    from docx.text.run import Run

    par_style = _val(par._p.pPr, f"{_W}pStyle") or ctx.default_par_style
    par_font = ctx.style_font(par_style) or ctx.default_font
    parts: list[str] = []
    for item in par.iter_inner_content():
        runs = [item] if isinstance(item, Run) else list(getattr(item, "runs", []))
        for run in runs:
            font = None
            for piece in run.iter_inner_content():
                if not isinstance(piece, str):
                    if type(piece).__name__ == "RenderedPageBreak":
                        parts.append("\f")  # where Word's last layout started a page
                    continue
                if font is None:
                    font = run.font.name or ctx.style_font(_val(run._r.rPr, f"{_W}rStyle")) or par_font or ""
                converted, enc = legacy_fonts.convert_run(piece, font)
                if enc:
                    ctx.found[enc] += 1
                parts.append(converted)
    return "".join(parts).replace("\t", " ").strip(" \n")


def _unique_cells(row) -> list:
    seen: set[int] = set()
    cells = []
    for cell in row.cells:  # a merged cell repeats: keep it once
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _cell_text(cell, document, ctx: _Context) -> str:
    return "\n".join(b for b in _body_blocks(cell._tc, document, ctx) if b.strip())


def _table_blocks(table, document, ctx: _Context):
    rows = [_unique_cells(r) for r in table.rows]
    width = max((len(r) for r in rows), default=0)
    if width <= 2:
        # A layout table: left column top to bottom, then the right one.
        for col in range(width):
            for r in rows:
                if col < len(r):
                    text = _cell_text(r[col], document, ctx)
                    if text:
                        yield text
        return
    lines = []
    for r in rows:
        cells = [_cell_text(c, document, ctx).replace("\n", " ") for c in r]
        if any(cells):
            lines.append(" | ".join(cells))
    if lines:
        yield "\n".join(lines)


def _footnotes(document) -> list[str]:
    """Footnote texts (word/footnotes.xml), skipping Word's separator notes."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.iter(f"{_W}footnote"):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                paras = ["".join(t.text or "" for t in p.iter(f"{_W}t")).strip() for p in note.iter(f"{_W}p")]
                text = "\n".join(p for p in paras if p)
                if text:
                    notes.append(text)
            return notes
    return []
