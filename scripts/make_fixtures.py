"""Build the committed format fixtures from the seed reports (run once, by hand).

    /work/venv/bin/python scripts/make_fixtures.py [--seeds pho-phong-2023 ...]

For each seed: the normalised text is laid out as a real report would be in Word
(issuer/motto and number/date as a borderless two-column table, centred type and
title, justified body with a first-line indent, signature block as a table, a page
number in the page header or a running footer) and saved as .docx with python-docx.
LibreOffice (headless) then converts the .docx to .pdf and .doc. LibreOffice is only
needed here, never by the tests or CI. (Legacy-font documents are built by the tests
themselves, see tests/test_legacy.py.)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import regex as re
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.rules import load_rules  # noqa: E402
from extractor.text.normalize import normalize  # noqa: E402

SEEDS = ROOT / "corpora" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "seeds"

_MOTTO = re.compile(r"^C[ỘO]NG\s+H[OÒ][AÀ]", re.I)
_NUMBER = re.compile(r"^Số\s*:")
_DATE_LINE = re.compile(r",\s*ngày\b")
_HEADING = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s")
_CLOSING = re.compile(r"^(?:Nơi nhận|TM\.|KT\.|Q\.|TL\.)")


def seed_paragraphs(path: Path) -> list[str]:
    """The seed's normalised text, as paragraphs (lines inside one joined by "\\n")."""
    text = normalize(path.read_text(encoding="utf-8"), load_rules()).text
    return [p for p in text.split("\n\n") if p.strip()]


def split_header(paras: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(left column, right column, body, closing) of a report's paragraphs."""
    left: list[str] = []
    right: list[str] = []
    i = 0
    if len(paras) > 1 and _MOTTO.match(paras[1]) and not _NUMBER.match(paras[0]):
        left.append(paras[0])
        right.append(paras[1])
        i = 2
    if i < len(paras) and _NUMBER.match(paras[i]):
        left.append(paras[i])
        i += 1
        if i < len(paras) and _DATE_LINE.search(paras[i]):
            right.append(paras[i])
            i += 1
    body = paras[i:]
    closing: list[str] = []
    for j, p in enumerate(body):
        if p.startswith("Nơi nhận"):
            body, closing = body[:j], body[j:]
            break
    return left, right, body, closing


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _plain(text: str) -> list[tuple[str, str | None]]:
    return [(text, None)]


def _widths(table, widths) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _add_lines(paragraph, text: str, bold: bool = False, encode=_plain) -> None:
    """Add ``text`` (lines joined by line breaks) as runs; ``encode`` gives (text, font) runs."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        run = None
        for chunk, font in encode(line):
            run = paragraph.add_run(chunk)
            run.bold = bold
            if font:
                run.font.name = font
        if k < len(lines) - 1:
            (run or paragraph.add_run()).add_break()


def _cell(cell, paras: list[str], bold_first: bool, encode=_plain) -> None:
    cell.paragraphs[0].text = ""
    for k, text in enumerate(paras):
        par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_lines(par, text, bold=bold_first and k == 0, encode=encode)
        for run in par.runs:
            run.font.size = Pt(12)


def _page_field(paragraph) -> None:
    """A PAGE field, as Word writes page numbers."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def build_docx(path: Path, dest: Path, running_footer: str | None, font: str = "Times New Roman",
               encode=None) -> None:
    """Lay a seed out as a Word report. ``encode`` maps Unicode text to legacy-font runs."""
    enc = encode or _plain
    left, right, body, closing = split_header(seed_paragraphs(path))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(13)
    style.paragraph_format.space_after = Pt(6)
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    sec.top_margin = sec.bottom_margin = Cm(2)
    header_par = sec.header.paragraphs[0]
    header_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header_par)
    if running_footer:
        _add_lines(sec.footer.paragraphs[0], running_footer, encode=enc)
        sec.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if left or right:
        table = doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        _widths(table, (Cm(6.5), Cm(9.5)))
        _cell(table.cell(0, 0), left, bold_first=True, encode=enc)
        _cell(table.cell(0, 1), right, bold_first=True, encode=enc)
    for k, text in enumerate(body):
        par = doc.add_paragraph()
        is_title = k < 2 and not _HEADING.match(text)
        if is_title:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            par.paragraph_format.first_line_indent = Cm(1)
        _add_lines(par, text, encode=enc, bold=is_title or bool(_HEADING.match(text) and len(text) < 200))
    if closing:
        table = doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, (Cm(8), Cm(8)))
        split = next((j for j, p in enumerate(closing) if _CLOSING.match(p) and j), len(closing))
        _cell(table.cell(0, 0), closing[:split], bold_first=False, encode=enc)
        _cell(table.cell(0, 1), closing[split:], bold_first=True, encode=enc)
    _slim(doc)
    doc.save(dest)


def _slim(doc) -> None:
    """Drop the template's bulky unused parts (styles with effects, thumbnail): smaller fixtures."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)
    pkg = doc.part.package
    for rel_id, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg.rels.pop(rel_id)


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is needed to build the fixtures: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
             "--outdir", str(outdir), str(src)],
            check=True, capture_output=True, timeout=180,
        )
    return outdir / (src.stem + "." + fmt.split(":")[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", nargs="*", default=["pho-phong-2023", "quang-trung-2023"],
                    help="seed stems (default: the two committed ones)")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    seeds = sorted(p for p in SEEDS.iterdir() if p.is_file())
    if args.seeds:
        seeds = [p for p in seeds if p.stem in args.seeds]
    for k, seed in enumerate(seeds):
        docx = OUT / f"{seed.stem}.docx"
        footer = "Báo cáo công tác dân vận chính quyền" if k % 2 else None
        build_docx(seed, docx, footer)
        for fmt in ("pdf", "doc:MS Word 97"):
            made = soffice_convert(docx, fmt, OUT)
            print(f"{made.relative_to(ROOT)}: {made.stat().st_size} bytes")
        print(f"{docx.relative_to(ROOT)}: {docx.stat().st_size} bytes")


if __name__ == "__main__":
    main()
