"""OCR of scanned PDF pages with Tesseract (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``).

Each page is rendered at 300 dpi with pypdfium2 and read by the ``tesseract`` binary
(one thread: ``OMP_THREAD_LIMIT=1``; the batch parallelises across files). Tesseract's
TSV output gives word boxes, so OCR'd pages go through the same layout pass as a text
layer (paragraph joins, page numbers and running lines dropped). Tesseract reads ``Đ``
as the Icelandic ``Ð`` at times: mapped back.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from .base import IngestError
from .pdf_layout import Line, PageLines, layout

DPI = 300
LANG = "vie"
_MAX_PIXELS = 6000  # longest side of a rendered page: a poster-sized page is scaled down
_TIMEOUT = 180  # seconds per page
_MISSING = ("OCR needs Tesseract with the Vietnamese model: install the Debian packages "
            "'tesseract-ocr' and 'tesseract-ocr-vie'")
_ETH_FIX = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð → Đ đ


def tesseract_path() -> str:
    """The tesseract binary, or an IngestError naming the packages to install."""
    exe = shutil.which("tesseract")
    if not exe:
        raise IngestError(_MISSING)
    if LANG not in _languages(exe):
        raise IngestError(f"Tesseract has no Vietnamese model ('{LANG}'): install the Debian package 'tesseract-ocr-vie'")
    return exe


@cache
def _languages(exe: str) -> frozenset[str]:
    try:
        proc = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace").split()
    return frozenset(out)


def _env() -> dict[str, str]:
    return dict(os.environ, OMP_THREAD_LIMIT="1")


def ocr_image(image_path: Path, exe: str | None = None):
    """Read one page image → ``PageLines`` (pixel units) from Tesseract's TSV output."""
    from PIL import Image

    exe = exe or tesseract_path()
    try:
        proc = subprocess.run([exe, str(image_path), "stdout", "-l", LANG, "--psm", "3", "tsv"],
                              capture_output=True, timeout=_TIMEOUT, env=_env(), check=False)
    except subprocess.TimeoutExpired as exc:
        raise IngestError(f"Tesseract took more than {_TIMEOUT} s on one page") from exc
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise IngestError(f"Tesseract failed: {err[-1] if err else proc.returncode}")
    with Image.open(image_path) as im:
        width, height = im.size
    groups: dict[tuple[int, int, int], list[dict]] = {}
    reader = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
    for row in reader:
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        groups.setdefault(key, []).append(row)
    lines = []
    for words in groups.values():
        x0 = min(int(w["left"]) for w in words)
        x1 = max(int(w["left"]) + int(w["width"]) for w in words)
        top = min(int(w["top"]) for w in words)
        bottom = max(int(w["top"]) + int(w["height"]) for w in words)
        heights = sorted(int(w["height"]) for w in words)
        text = " ".join(w["text"].strip() for w in words).translate(_ETH_FIX)
        lines.append(Line(text, float(x0), float(x1), float(top), float(bottom), float(heights[len(heights) // 2])))
    return PageLines(lines, float(width), float(height))


def render_page(page, dest: Path) -> Path:
    """Render a pdfium page at 300 dpi (capped) to a grayscale PNG."""
    w, h = page.get_size()
    scale = min(DPI / 72, _MAX_PIXELS / max(w, h, 1))
    page.render(scale=scale, grayscale=True).to_pil().save(dest)
    return dest


def ocr_pdf_pages(pdf, indexes: list[int]) -> dict[int, str]:
    """OCR the given pages (0-based) of an open pypdfium2 document → text per page."""
    exe = tesseract_path()
    pages = []
    with tempfile.TemporaryDirectory(prefix="extractor-ocr-") as tmp:
        for i in indexes:
            page = pdf[i]
            try:
                image = render_page(page, Path(tmp) / f"page-{i + 1}.png")
            finally:
                page.close()
            pages.append(ocr_image(image, exe))
            image.unlink()
    return dict(zip(indexes, layout(pages), strict=True))
