"""PDF text layer: fidelity against the .txt seeds, layout repairs, scans, engines."""

from __future__ import annotations

import pytest

from extractor.ingest import IngestError
from extractor.ingest.pdf import read_pdf
from extractor.ingest.pdf_layout import (
    Frame,
    Line,
    PageLines,
    drop_running_lines,
    glue,
    join_kind,
    layout_page,
)

from .format_compare import FIXTURE_SEEDS, FIXTURES, assert_same_as_txt, fixture_result


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
@pytest.mark.parametrize("seed", FIXTURE_SEEDS)
def test_pdf_gives_the_same_records_as_txt(seed, engine):
    res = fixture_result(seed, "pdf", engine)
    assert res.info.n_pages and res.info.n_pages > 3
    assert_same_as_txt(seed, res)
    assert all(c.page for c in res.citations)


def test_pages_are_separated_and_counted():
    got = read_pdf(FIXTURES / "pho-phong-2023.pdf")
    assert got.format == "pdf" and got.status == "ok"
    assert got.text.count("\f") == got.n_pages - 1


def test_two_column_header_keeps_issuer_and_motto_apart():
    text = read_pdf(FIXTURES / "pho-phong-2023.pdf").text
    lines = text.split("\n")
    assert "ỦY BAN NHÂN DÂN" in lines and "XÃ PHỔ PHONG" in lines
    assert text.index("XÃ PHỔ PHONG") < text.index("CỘNG HOÀ XÃ HỘI CHỦ")
    assert "Độc lập - Tự do - Hạnh phúc" in lines


def test_running_footer_and_page_numbers_removed():
    # quang-trung's fixture has a running footer and a page number on top of every page
    text = read_pdf(FIXTURES / "quang-trung-2023.pdf", pdf_engine="pdfplumber").text
    assert "Báo cáo công tác dân vận chính quyền" not in text
    for page in text.split("\f")[1:]:
        assert not page.lstrip().split("\n")[0].strip().isdigit()


def test_hyphen_break_inside_a_symbol_is_rejoined():
    text = read_pdf(FIXTURES / "pho-phong-2023.pdf").text
    assert "\ufffe" not in text and "\r" not in text
    # LibreOffice broke "30/KH-UBND" and "104-KH/BCĐ" after the hyphen
    assert "30/KH-UBND ngày 17/02/2023 của UBND tỉnh về thực hiện" in text
    assert "Kế hoạch số 104-KH/BCĐ ngày 13/02/2023" in text


FRAME = Frame(left=85.0, right=537.0, pitch=17.4, size=13.0)


def _ln(text, x0=85.0, x1=537.0, y=100.0, size=13.0):
    return Line(text, x0, x1, y - size, y, size)


def test_soft_wrap_joins_and_indent_starts_a_paragraph():
    a = _ln("Kết quả thực hiện Chỉ thị số 33/CT-TTg và Kế hoạch số", y=100)
    b = _ln("30/KH-UBND ngày 17/02/2023 của UBND tỉnh về thực hiện quy chế", y=117.4)
    c = _ln("dân chủ.", x1=150, y=134.8)
    d = _ln("Từ đầu năm cấp ủy Đảng, chính quyền xã đã tập trung", x0=114, y=152.2)
    assert join_kind(a, b, FRAME) == "wrap"
    assert join_kind(b, c, FRAME) == "wrap"
    assert join_kind(c, d, FRAME) == "para"
    assert layout_page([a, b, c, d], FRAME) == (
        "Kết quả thực hiện Chỉ thị số 33/CT-TTg và Kế hoạch số 30/KH-UBND ngày 17/02/2023 "
        "của UBND tỉnh về thực hiện quy chế dân chủ.\n\nTừ đầu năm cấp ủy Đảng, chính quyền xã đã tập trung"
    )


def test_extra_line_spacing_starts_a_paragraph_and_short_lines_stay_lines():
    a = _ln("Nơi nhận:", x1=160, y=100)
    b = _ln("- UBND thị xã;", x1=200, y=117.4)
    c = _ln("- Lưu: VT.", x1=170, y=134.8)
    d = _ln("TM. ỦY BAN NHÂN DÂN", x1=230, y=170)
    e = _ln("CHỦ TỊCH", x1=150, y=187.4)
    assert join_kind(a, b, FRAME) == "para"  # a list item after a colon
    assert join_kind(b, c, FRAME) == "para"
    assert join_kind(c, d, FRAME) == "para"  # extra spacing
    assert join_kind(d, e, FRAME) == "line"


def test_glue_after_a_hyphen():
    assert glue("Công văn số 290-", "CV/ĐU ngày") == "Công văn số 290-CV/ĐU ngày"
    assert glue("số 30/KH-", "UBND") == "số 30/KH-UBND"
    assert glue("phát triển kinh tế -", "xã hội") == "phát triển kinh tế - xã hội"
    assert glue("có đường", "ranh giới") == "có đường ranh giới"


def test_centred_title_lines_join_but_short_centred_lines_stay():
    t1 = _ln("Kết quả thực hiện công tác dân vận chính quyền năm 2023, phương", x0=110, x1=512)
    t2 = _ln("hướng, nhiệm vụ trọng tâm năm 2024", x0=200, x1=422, y=117.4)
    assert join_kind(t1, t2, FRAME) == "wrap"
    h1 = _ln("ỦY BAN NHÂN DÂN", x0=250, x1=372)
    h2 = _ln("XÃ AN BÌNH", x0=270, x1=352, y=117.4)
    assert join_kind(h1, h2, FRAME) == "line"


def test_repeated_header_lines_are_dropped_but_body_repeats_are_kept():
    pages = []
    for n in range(1, 5):
        lines = [_ln(f"Trang {n}", 290, 330, y=40), _ln("BÁO CÁO TỔNG KẾT", 240, 380, y=60)]
        lines += [_ln("- Đã thực hiện.", y=100 + 17 * k) for k in range(5)]
        lines.append(_ln("Báo cáo công tác dân vận", 350, 537, y=800))
        pages.append(PageLines(lines, 595, 842))
    drop_running_lines(pages)
    for p in pages:
        texts = [ln.text for ln in p.lines]
        assert texts.count("- Đã thực hiện.") == 5
        assert "Báo cáo công tác dân vận" not in texts
        assert not any(t.startswith("Trang") for t in texts)
        assert "BÁO CÁO TỔNG KẾT" not in texts


def test_page_number_lines_at_page_edges_are_dropped_even_on_short_documents():
    pages = [PageLines([_ln("- 2 -", 290, 330, y=40), _ln("Nội dung chính của trang.", y=100)], 595, 842)]
    drop_running_lines(pages)
    assert [ln.text for ln in pages[0].lines] == ["Nội dung chính của trang."]


def test_unknown_engine_is_refused():
    with pytest.raises(IngestError, match="pdfplumber"):
        read_pdf(FIXTURES / "pho-phong-2023.pdf", pdf_engine="mutool")


def test_page_cap(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(12):
        pdf.new_page(595, 842)
    path = tmp_path / "many.pdf"
    pdf.save(str(path))
    with pytest.raises(IngestError, match="12 pages, more than the limit of 10"):
        read_pdf(path, max_pages=10)


def test_ragged_right_lines_join_when_the_next_word_could_not_fit():
    # left-aligned text: lines end unevenly; "UBND" would not fit in what is left of line a
    a = _ln("Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của", x1=505, y=100)
    b = _ln("UBND tỉnh Quảng Ngãi về thực hiện quy chế dân chủ ở cơ sở.", x1=500, y=117.4)
    assert join_kind(a, b, FRAME) == "wrap"
    c = _ln("Kết quả như sau:", x1=200, y=134.8)
    d = _ln("Công tác tuyên truyền được đẩy mạnh.", x1=330, y=152.2)
    assert join_kind(c, d, FRAME) == "line"  # "Công" would have fitted after line c


def test_lower_case_list_marker_after_a_short_heading_is_not_a_wrap():
    # no spacing, no indent: "a) ..." starts lower-case but is the next item, not a wrap
    h = _ln("2. Nguyên tắc bố trí vốn", x1=250, y=100)
    a = _ln("a) Tuân thủ các nguyên tắc, tiêu chí, định mức phân bổ vốn quy định tại", y=117.4)
    assert join_kind(h, a, FRAME) == "line"
    assert layout_page([h, a], FRAME).split("\n")[0] == "2. Nguyên tắc bố trí vốn"
    # a full line may still run on into a lower-case word that looks like a marker
    assert join_kind(a, _ln("a) khoản 1 Điều 5 Nghị định.", x1=300, y=134.8), FRAME) == "wrap"


def _objects_pdf(path, objects: list[tuple[str, float, float]]) -> None:
    """A one-page PDF with one Helvetica text object per ``(text, x, y)``."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for text, x, y in objects:
        obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12)
        buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))


def test_rows_are_boxed_per_text_object_and_cut_at_gaps_inside_one(tmp_path):
    from extractor.ingest.pdf import _Boxes, _pdfium_lines, _split_at_gaps, _word_boxes, open_pdfium

    path = tmp_path / "rows.pdf"
    _objects_pdf(path, [
        ("Ket qua thuc hien cong tac dan van", 72, 770),
        ("UY BAN NHAN DAN", 72, 740), ("CONG HOA XA HOI", 330, 740),  # two objects, one row
        ("So: 12/BC-UBND" + " " * 20 + "Xa An Binh", 72, 710),  # pdfium keeps one of the spaces
    ])
    pdf = open_pdfium(path)
    try:
        page = pdf[0]
        lines = _pdfium_lines(page).lines
        assert [ln.text for ln in lines] == ["Ket qua thuc hien cong tac dan van", "UY BAN NHAN DAN",
                                             "CONG HOA XA HOI", "So: 12/BC-UBND", "Xa An Binh"]
        # the one-box row has the extent and size per-word boxes give it
        tp = page.get_textpage()
        row = tp.get_text_range().split("\r\n")[0]
        (word_line,) = _split_at_gaps(_word_boxes(_Boxes(tp.raw, 842), 0, row))
        tp.close()
        assert (lines[0].x0, lines[0].x1, lines[0].size) == (word_line.x0, word_line.x1, word_line.size)
    finally:
        pdf.close()


def test_rows_keep_their_char_offsets():
    from extractor.ingest.pdf import _rows

    assert list(_rows("ab\r\ncd\r\n")) == [(0, "ab"), (4, "cd"), (8, "")]
    assert list(_rows("ab\ncd\r\nef\rg")) == [(0, "ab"), (3, "cd"), (7, "ef"), (10, "g")]


def test_a_page_of_space_aligned_columns_is_still_cut(tmp_path):
    # every row is spread, so the page's usual width per char cannot flag them: the cap does
    from extractor.ingest.pdf import _pdfium_lines, open_pdfium

    path = tmp_path / "table.pdf"
    _objects_pdf(path, [(f"{k}. Xa {k}" + " " * 12 + f"{100 * k} ho" + " " * 12 + f"{7 * k}%", 72, 770 - 16 * k)
                        for k in range(1, 6)])
    pdf = open_pdfium(path)
    try:
        texts = [ln.text for ln in _pdfium_lines(pdf[0]).lines]
    finally:
        pdf.close()
    assert texts[:3] == ["1. Xa 1", "100 ho", "7%"] and len(texts) == 15
