"""Scanned pages: detected without --ocr, read by Tesseract with --ocr.

The scan is made here: a passage of a seed report is typeset with PIL (DejaVu Serif,
300 dpi, justified-ish A4 page) and saved as an image-only PDF.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from extractor.ingest import IngestError
from extractor.ingest import ocr as ocr_mod
from extractor.ingest.pdf import read_pdf
from extractor.pipeline import Options, extract_file, extract_text

from .conftest import SEEDS

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split():
            trial = f"{cur} {word}".strip()
            if draw.textlength(trial, font=font) > width and cur:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        lines.append(cur)
        lines.append("")  # paragraph spacing
    return lines


def make_scan(text: str, dest: Path, pages: int = 1) -> Path:
    """An image-only A4 PDF at 300 dpi showing ``text`` (one copy per page)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 54)  # 13 pt at 300 dpi, as reports are set
    images = []
    for n in range(pages):
        im = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(im)
        y = 250
        for line in _wrap(draw, text, font, 2480 - 2 * 300):
            if line:
                draw.text((300, y), line, font=font, fill=0)
            y += 76
        draw.text((1220, 3300), str(n + 1), font=font, fill=0)  # page number
        images.append(im)
    images[0].save(dest, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return dest


def _passage() -> str:
    """Four paragraphs of a seed dense in citations."""
    text = (SEEDS / "pho-phong-2023.txt").read_text(encoding="utf-8")
    start = text.index("UBND xã Phổ Phong ban hành")
    paras = [p.strip() for p in text[start:].split("\n\n") if p.strip()][:2]
    return "\n".join(paras)


def test_scan_without_ocr_is_flagged(tmp_path):
    pdf = make_scan("Kế hoạch số 30/KH-UBND ngày 17/02/2023", tmp_path / "scan.pdf", pages=2)
    got = read_pdf(pdf)
    assert got.status == "needs_ocr"
    assert "--ocr" in got.warning and "all pages" in got.warning
    assert got.n_pages == 2
    res = extract_file(pdf)
    assert res.info.status == "needs_ocr"
    assert "--ocr" in res.info.error


def test_ocr_reads_the_citations(tmp_path, rules):
    assert shutil.which("tesseract") and FONT.exists(), "run scripts/install-system-deps.sh"
    passage = _passage()
    pdf = make_scan(passage, tmp_path / "scan.pdf")
    got = read_pdf(pdf, ocr=True)
    assert got.status == "ok" and "OCR" in got.warning
    assert "Ð" not in got.text
    ocr_res = extract_file(pdf, rules=rules, options=Options(ocr=True))
    text_res = extract_text(passage, rules=rules)
    want = Counter(c.canonical for c in text_res.citations)
    have = Counter(c.canonical for c in ocr_res.citations)
    assert sum(want.values()) >= 5
    tp = sum((want & have).values())
    f1 = 2 * tp / (sum(want.values()) + sum(have.values()))
    assert f1 >= 0.9, (want, have)


def test_missing_tesseract_names_the_packages(tmp_path, monkeypatch):
    pdf = make_scan("Báo cáo", tmp_path / "scan.pdf")
    monkeypatch.setattr(ocr_mod.shutil, "which", lambda name: None)
    with pytest.raises(IngestError, match="tesseract-ocr-vie"):
        read_pdf(pdf, ocr=True)


def test_eth_is_mapped_back_to_d_stroke():
    assert "\u00d0ảng ủy".translate(ocr_mod._ETH_FIX) == "Đảng ủy"


def test_mixed_pdf_names_the_scanned_pages(tmp_path):
    import pypdfium2 as pdfium

    from .format_compare import FIXTURES

    scan = pdfium.PdfDocument(make_scan("Kế hoạch số 30/KH-UBND", tmp_path / "scan.pdf"))
    mixed = pdfium.PdfDocument(str(FIXTURES / "quang-trung-2023.pdf"))
    n = len(mixed)
    mixed.import_pages(scan)
    mixed.save(str(tmp_path / "mixed.pdf"))
    got = read_pdf(tmp_path / "mixed.pdf")
    assert got.status == "needs_ocr"
    assert f"page(s) {n + 1} of {n + 1} are" in got.warning
    assert "BÁO CÁO" in got.text  # the text pages are still read


def test_small_image_on_a_text_page_is_not_a_scan(tmp_path):
    """A signature or stamp image next to a few words is not a scanned page."""
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    img = pdfium.PdfImage.new(pdf)
    img.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (200, 100), "red")))
    img.set_matrix(pdfium.PdfMatrix().scale(100, 50).translate(400, 100))
    page.insert_obj(img)
    page.gen_content()
    pdf.save(str(tmp_path / "stamp.pdf"))
    got = read_pdf(tmp_path / "stamp.pdf")
    assert got.status == "ok"
