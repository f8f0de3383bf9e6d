"""The one section-marker grammar (rules/markers.yaml, extractor/text/markers.py)."""

from extractor.rules import load_rules
from extractor.text.markers import markers


def test_level_words_in_both_cases():
    m = markers(load_rules())
    assert m.level_words["chapter"] == ("Chương", "CHƯƠNG")
    assert m.level_words["appendix"] == ("Phụ lục", "PHỤ LỤC")
    assert m.ordinals["hai"] == 2 and m.letters.startswith("abcdđ")


def test_heading_marker_groups():
    m = markers()
    assert m.heading.match("PHẦN THỨ HAI").group("part_num") == "HAI"
    assert m.heading.match("Chương II").group("part_num") == "II"
    assert m.heading.match("II. KẾT QUẢ").group("roman") == "II"
    assert m.heading.match("2.1. Về tổ chức").group("dotted") == "2.1"
    assert m.heading.match("đ) Công tác khác").group("letter") == "đ"
    assert not m.heading.match("2023 là năm")


def test_block_and_list_starts():
    m = markers()
    for line in ("- Tổ chức", "+ Tổ chức", "II. Kết quả", "(a) điểm", "2.1. Nội dung", "Phần I", "| cột |"):
        assert m.block_start.match(line), line
    assert not m.block_start.match("năm 2023 toàn tỉnh")
    assert not m.list_start.match("Phần I") and not m.list_start.match("| cột |")
    assert m.list_start.match("a) Tuân thủ")


def test_section_start_ends_the_header_only_at_a_body_section():
    m = markers()
    assert m.section_start.match("I. TÌNH HÌNH CHUNG")
    assert m.section_start.match("PHẦN THỨ NHẤT ")
    assert not m.section_start.match("Số: 12/BC-UBND")


def test_section_ref():
    m = markers()
    assert [x.group(1) for x in m.section_ref.finditer("xem §II.1.a và §3.2")] == ["II.1.a", "3.2"]
