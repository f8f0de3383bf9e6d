"""Read a file from an archive into decoded text: the only stage that touches files.

``read_file(path)`` dispatches on the file's suffix (and, for a few formats, its first
bytes) to one reader per format. A reader returns an ``Ingested`` or raises
``IngestError`` with a status and a message a clerk can act on; it never returns
half-read text silently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .base import OLE_MAGIC, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, Ingested, IngestError

__all__ = ["OLE_MAGIC", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "Ingested", "IngestError", "read_file"]


Reader = Callable[..., Ingested]


def _reader_for(suffix: str) -> Reader:
    if suffix in TEXT_SUFFIXES:
        from .txt import read_txt

        return read_txt
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx
    if suffix == ".doc":
        from .doc import read_doc

        return read_doc
    raise IngestError(f"unsupported file type '{suffix or '(none)'}'")


def _head(path: Path, n: int = 8) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError:
        return b""  # the reader reports the error


def read_file(path: str | Path, **options) -> Ingested:
    """Decode one file. Options are passed to the format's reader (``pdf_engine``, ``ocr``).

    The suffix picks the reader; the first bytes correct it where a file is misnamed (an old
    binary Word file named ``.docx`` is read as ``.doc``)."""
    p = Path(path)
    suffix = p.suffix.lower()
    misnamed = suffix == ".docx" and _head(p).startswith(OLE_MAGIC)
    try:
        reader = _reader_for(".doc" if misnamed else suffix)
    except ImportError as exc:  # a format whose reader is not available in this install
        raise IngestError(f"no reader for {p.suffix} files: {exc}") from exc
    ingested = reader(p, **options)
    if misnamed:
        ingested.warning = "an old Word 97-2003 document named .docx: read as .doc"
    return ingested
