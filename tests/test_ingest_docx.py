"""DOCX: fidelity against the .txt seeds, tables in order, footnotes, no page headers."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from docx import Document

from extractor.ingest import IngestError, read_file
from extractor.ingest.docx import read_docx

from .format_compare import FIXTURE_SEEDS, FIXTURES, assert_same_as_txt, fixture_result


@pytest.mark.parametrize("seed", FIXTURE_SEEDS)
def test_docx_gives_the_same_records_as_txt(seed):
    assert_same_as_txt(seed, fixture_result(seed, "docx"))


def test_header_table_is_read_left_column_first():
    text = read_docx(FIXTURES / "pho-phong-2023.docx").text
    blocks = text.split("\n\n")
    assert blocks[0] == "ỦY BAN NHÂN DÂN\nXÃ PHỔ PHONG\nSố: /BC-UBND"
    assert blocks[1].startswith("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert blocks[2] == "BÁO CÁO"


def test_page_headers_and_footers_are_left_out():
    # the fixture has a PAGE field in the header and a running footer
    text = read_docx(FIXTURES / "quang-trung-2023.docx").text
    assert "Báo cáo công tác dân vận chính quyền" not in text
    assert not text.split("\n")[0].strip().isdigit()


def _docx_with_footnote(path, body: str, note: str) -> None:
    doc = Document()
    doc.add_paragraph(body)
    doc.save(path)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
            dst.writestr(item, data)
        dst.writestr("word/footnotes.xml", footnotes)
    shutil.move(tmp, path)


def test_footnotes_are_appended_at_the_end(tmp_path):
    path = tmp_path / "fn.docx"
    _docx_with_footnote(path, "Thực hiện Kế hoạch số 30/KH-UBND của UBND tỉnh.",
                        "Kế hoạch số 30/KH-UBND ngày 17/02/2023.")
    text = read_docx(path).text
    assert text == "Thực hiện Kế hoạch số 30/KH-UBND của UBND tỉnh.\n\nKế hoạch số 30/KH-UBND ngày 17/02/2023."


def test_wide_table_rows_become_one_line_each(tmp_path):
    doc = Document()
    doc.add_paragraph("Kết quả:")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate([("STT", "Nội dung", "Số lượng"), ("1", "Hội nghị", "12")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("Hết.")
    path = tmp_path / "t.docx"
    doc.save(path)
    assert read_docx(path).text == "Kết quả:\n\nSTT | Nội dung | Số lượng\n1 | Hội nghị | 12\n\nHết."


def test_decomposed_diacritics_are_composed(tmp_path):
    doc = Document()
    doc.add_paragraph("Hoa\u0300 Bi\u0300nh")  # NFD as some Word files carry
    path = tmp_path / "nfd.docx"
    doc.save(path)
    assert read_docx(path).text == "Hoà Bình"


def test_old_doc_named_docx_is_read_as_doc(tmp_path):
    path = tmp_path / "old.docx"
    shutil.copy(FIXTURES / "quang-trung-2023.doc", path)
    got = read_file(path)
    assert "BÁO CÁO" in got.text and "as .doc" in got.warning
    with pytest.raises(IngestError, match="Word 97-2003"):
        read_docx(path)  # the dispatcher, not the .docx reader, recognises it


def test_zip_without_document_part(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match="without word/document.xml"):
        read_docx(path)


def test_text_box_content_is_read_once(tmp_path):
    doc = Document()
    p = doc.add_paragraph("Trước hộp.")
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    from docx.oxml import parse_xml

    p._p.append(parse_xml(box))
    doc.add_paragraph("Sau hộp.")
    path = tmp_path / "box.docx"
    doc.save(path)
    assert read_docx(path).text == "Trước hộp.\n\nDỰ THẢO\n\nSau hộp."


def test_word_rendered_page_breaks_give_pages(tmp_path):
    from docx.oxml import OxmlElement

    from extractor.pipeline import extract_file

    doc = Document()
    doc.add_paragraph("Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh.")
    p = doc.add_paragraph()
    run = p.add_run()
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))  # as Word saves a page start
    run._r.append(OxmlElement("w:t"))
    run._r[-1].text = "Căn cứ Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ."
    path = tmp_path / "paged.docx"
    doc.save(path)
    got = read_docx(path)
    assert got.n_pages == 2
    assert got.text.split("\f")[1].startswith("Căn cứ Nghị định")
    pages = {c.canonical: c.page for c in extract_file(path).citations}
    assert pages.get("30/KH-UBND") == 1
    assert pages.get("04/2015/NĐ-CP") == 2
