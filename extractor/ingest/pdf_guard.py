"""Refuse a PDF whose compressed streams expand beyond any report (a decompression bomb)
before pdfium inflates them in memory.

pdfium holds a page's decoded content stream in memory: a few hundred kilobytes of
FlateDecode can expand to gigabytes. Every Flate stream that is not an image (images are
only decoded to render a page for OCR) is inflated here in bounded chunks and counted,
without keeping its output; the PDF is refused once the total passes the limit. The file
is read through ``mmap`` (no copy) and the cost is that of inflating the text streams once.
"""

from __future__ import annotations

import mmap
import zlib
from pathlib import Path

import regex as re

from .base import IngestError

MAX_INFLATED_BYTES = 512 * 1024 * 1024  # all non-image streams together
_CHUNK = 1 << 20
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_DICT_BACK = 2048  # bytes before "stream" searched for the stream's dictionary
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")


def _inflated_size(buf, start: int, budget: int) -> int:
    """Bytes one zlib stream at ``start`` inflates to, counting at most ``budget`` + 1."""
    d = zlib.decompressobj()
    pos, total = start, 0
    try:
        while (d.unconsumed_tail or pos < len(buf)) and not d.eof and total <= budget:
            data = d.unconsumed_tail
            if not data:
                data = buf[pos:pos + _CHUNK]
                pos += len(data)
            total += len(d.decompress(data, _CHUNK))
    except zlib.error:
        pass  # damaged or not zlib: pdfium reports what it makes of it
    return total


def check_inflated_size(path: Path, limit: int = MAX_INFLATED_BYTES) -> None:
    """Raise IngestError when the PDF's non-image Flate streams expand beyond ``limit``."""
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            total = 0
            for m in _STREAM.finditer(buf):
                head = buf[max(0, m.start() - _DICT_BACK):m.start()]
                head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
                if not _FLATE.search(head) or _IMAGE.search(head):
                    continue
                total += _inflated_size(buf, m.end(), limit - total)
                if total > limit:
                    raise IngestError(
                        f"refused PDF: its text streams expand to more than {limit // 1024 // 1024} MB "
                        "(a decompression bomb?)")
    except (OSError, ValueError):
        return  # unreadable or empty: the PDF reader says why
