"""What every reader shares: the ``Ingested`` result, ``IngestError`` and the known suffixes."""

from __future__ import annotations

from dataclasses import dataclass

# Every suffix the batch picks up when walking a folder.
TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + (".pdf", ".docx", ".doc")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97-2003 (.doc) and other OLE2 files


@dataclass(slots=True)
class Ingested:
    text: str  # decoded text; pages separated by "\f" when the format has pages
    format: str  # "txt", "md", "pdf", "docx", "doc"
    encoding: str | None = None  # "utf-8", "utf-16", "cp1258", "tcvn3", "vni", ...
    n_pages: int | None = None
    status: str = "ok"  # "ok" or "needs_ocr" (text may then be partial)
    warning: str | None = None


class IngestError(Exception):
    """A file that cannot be read. ``status`` goes to the documents table."""

    def __init__(self, message: str, status: str = "error"):
        super().__init__(message)
        self.status = status
