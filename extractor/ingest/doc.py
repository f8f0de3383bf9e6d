"""Word 97–2003 (.doc) → text, with ``antiword`` or, failing that, LibreOffice.

antiword (Debian package ``antiword``) is run with ``-w 0`` so that it does not re-wrap
paragraphs at 80 columns; its tables (``|cell|cell|`` lines) are laid out like the
DOCX reader's: a two-column layout table column after column, wider tables one
``a | b | c`` line per row. Without antiword, LibreOffice converts the file to .docx in
a temporary folder and the DOCX reader reads it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import regex as re

from . import legacy as legacy_fonts
from .base import Ingested, IngestError

_TIMEOUT = 120  # seconds for one conversion
_MISSING_TOOL = (
    "reading .doc files needs antiword (Debian package 'antiword') or LibreOffice "
    "(Debian package 'libreoffice-writer-nogui'); neither is installed"
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_doc_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if not head:
        raise IngestError("empty file (0 bytes), not a Word document")
    if head.startswith(_OLE2):
        return head
    if head.startswith(b"PK\x03\x04"):
        return head  # a .docx named .doc: handed to the DOCX reader
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        raise IngestError("not a .doc: the file is an HTML page (Word 'Web page' save or a download error page)")
    if head.startswith(b"{\\rtf"):
        raise IngestError("not a .doc: the file is an RTF document (save it as .docx)")
    if head.startswith(b"%PDF-"):
        raise IngestError("not a .doc: the file is a PDF")
    raise IngestError("not a .doc: no Word 97-2003 (OLE2) signature")


def read_doc(path: Path, **options) -> Ingested:
    path = Path(path)
    head = check_doc_bytes(path)
    if head.startswith(b"PK\x03\x04"):
        from .docx import read_docx

        ingested = read_docx(path, **options)
        ingested.format = "doc"
        ingested.warning = "a Word 2007+ document named .doc: read as .docx"
        return ingested
    if shutil.which("antiword"):
        text = _antiword_text(path)
    elif shutil.which("soffice") or shutil.which("libreoffice"):
        return _via_libreoffice(path)
    else:
        raise IngestError(_MISSING_TOOL)
    text = unicodedata.normalize("NFC", text)
    text, encoding = legacy_fonts.detect_and_convert(text)
    return Ingested(text, "doc", encoding=encoding)


def _antiword_text(path: Path) -> str:
    env = dict(os.environ, LC_ALL="C.UTF-8")
    try:
        proc = subprocess.run(
            ["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True, timeout=_TIMEOUT, env=env, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise IngestError(f"antiword took more than {_TIMEOUT} s on this file") from exc
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0 or not proc.stdout.strip() and err:
        raise IngestError(f"cannot read .doc: {_antiword_reason(err, path)}")
    return layout_antiword(proc.stdout.decode("utf-8", "replace"))


def _antiword_reason(err: str, path: Path) -> str:
    low = err.lower()
    if "encrypt" in low:
        return "encrypted Word document (it needs a password)"
    if "not a word document" in low:
        return "not a Word document (antiword does not recognise it)"
    if "is a word" in low and ("6" in low or "2" in low or "95" in low):
        return f"an old Word format antiword cannot read ({err.replace(str(path), path.name)})"
    return err.replace(str(path), path.name) or "antiword failed"


_TABLE_LINE = re.compile(r"^\|.*\|\s*$")


def layout_antiword(raw: str) -> str:
    """antiword text → blocks separated by blank lines; tables laid out like the DOCX reader."""
    out: list[str] = []
    table: list[str] = []
    for line in raw.replace("\r\n", "\n").split("\n"):
        if _TABLE_LINE.match(line):
            table.append(line)
            continue
        if table:
            out.extend(_table_blocks(table))
            table = []
        out.append(line.rstrip())
    if table:
        out.extend(_table_blocks(table))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _table_blocks(lines: list[str]) -> list[str]:
    """``|a|b|`` lines → a blank-line separated column per block (2 columns) or rows."""
    rows = [[c.strip() for c in ln.strip()[1:-1].split("|")] for ln in lines]
    width = max(len(r) for r in rows)
    if width <= 2:
        blocks = []
        for col in range(width):
            cells = [r[col] for r in rows if col < len(r) and r[col]]
            if cells:
                blocks.append("\n".join(cells))
        return ["", "\n\n".join(blocks), ""]
    return ["", "\n".join(" | ".join(r) for r in rows if any(r)), ""]


def _via_libreoffice(path: Path) -> Ingested:
    from .docx import read_docx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="extractor-doc-") as tmp:
        profile = Path(tmp) / "profile"
        try:
            proc = subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--convert-to", "docx", "--outdir", tmp, str(path)],
                capture_output=True, timeout=_TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError(f"LibreOffice took more than {_TIMEOUT} s to convert this file") from exc
        out = Path(tmp) / (path.stem + ".docx")
        if proc.returncode != 0 or not out.exists():
            err = proc.stderr.decode("utf-8", "replace").strip()
            raise IngestError(f"cannot read .doc: LibreOffice could not convert it ({err or 'no output'})")
        ingested = read_docx(out)
    ingested.format = "doc"
    return ingested
