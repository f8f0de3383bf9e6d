import json
import re
from collections import Counter

import pytest

from extractor.structure.header import parse_header
from extractor.structure.sections import find_sections, heading_span, roman_value
from extractor.text.normalize import normalize

from .conftest import GOLD, SEEDS


def secs(text, rules, start=0, end=None):
    return find_sections(text, rules, start, end)


def brief(sections):
    return [(s.level, s.marker, s.heading) for s in sections]


# --- markers that open a section ------------------------------------------------------------


def test_roman_arabic_dotted_letter_tree(rules):
    text = (
        "III. KẾT QUẢ THỰC HIỆN\n\n"
        "1. Kết quả chung\n\nNội dung.\n\n"
        "2. Việc thực hiện phong trào thi đua\n\n"
        "2.1. Trên lĩnh vực kinh tế:\n\nNội dung.\n\n"
        "a) Kiểm soát việc ban hành thủ tục hành chính: Kiểm soát thủ tục được triển khai.\n\n"
        "b) Việc công bố, công khai thủ tục hành chính\n\n"
        "2.1.1. Chi tiết sâu hơn\n\n"
        "IV. ĐÁNH GIÁ CHUNG\n"
    )
    got = secs(text, rules)
    assert [(s.section_id, s.parent_id, s.level, s.marker) for s in got] == [
        ("III", None, 1, "III."),
        ("III.1", "III", 2, "1."),
        ("III.2", "III", 2, "2."),
        ("III.2.1", "III.2", 3, "2.1."),
        ("III.2.1.a", "III.2.1", 4, "a)"),
        ("III.2.1.b", "III.2.1", 4, "b)"),
        ("III.2.1.1", "III.2.1", 4, "2.1.1."),
        ("IV", None, 1, "IV."),
    ]
    assert got[3].heading == "Trên lĩnh vực kinh tế"
    assert got[4].heading == "Kiểm soát việc ban hành thủ tục hành chính"


def test_letter_directly_under_arabic_is_one_level_down(rules):
    # quang-trung: "1. Kết quả cụ thể" then "a. Tiêu chí ..." is level 3 in the gold
    text = "III. KẾT QUẢ ĐẠT ĐƯỢC\n\n1. Kết quả cụ thể\n\na. Tiêu chí về cải cách TTHC\n\nb. Tiêu chí về dân chủ\n"
    assert brief(secs(text, rules)) == [
        (1, "III.", "KẾT QUẢ ĐẠT ĐƯỢC"),
        (2, "1.", "Kết quả cụ thể"),
        (3, "a.", "Tiêu chí về cải cách TTHC"),
        (3, "b.", "Tiêu chí về dân chủ"),
    ]


@pytest.mark.parametrize(
    "line, marker, heading",
    [
        ("I - TÌNH HÌNH CHUNG", "I -", "TÌNH HÌNH CHUNG"),
        ("I) TÌNH HÌNH CHUNG", "I)", "TÌNH HÌNH CHUNG"),
        ("PHẦN I. KẾT QUẢ THỰC HIỆN", "PHẦN I.", "KẾT QUẢ THỰC HIỆN"),
        ("Phần thứ nhất: Kết quả thực hiện", "Phần thứ nhất:", "Kết quả thực hiện"),
        ("Phần 2 - Nhiệm vụ năm 2024", "Phần 2 -", "Nhiệm vụ năm 2024"),
    ],
)
def test_other_top_level_marker_forms(rules, line, marker, heading):
    got = secs(line + "\n\nNội dung.\n", rules)
    assert [(s.level, s.marker, s.heading) for s in got] == [(1, marker, heading)]


def test_part_alone_takes_next_line_as_heading_and_holds_romans(rules):
    text = "PHẦN THỨ NHẤT\n\nKẾT QUẢ THỰC HIỆN\n\nI. Lĩnh vực kinh tế\n\nPHẦN THỨ HAI\n\nNHIỆM VỤ NĂM 2024\n\nI. Nhiệm vụ chung\n"
    got = secs(text, rules)
    assert [(s.section_id, s.level, s.heading) for s in got] == [
        ("PHẦN-1", 1, "KẾT QUẢ THỰC HIỆN"),
        ("PHẦN-1.I", 2, "Lĩnh vực kinh tế"),
        ("PHẦN-2", 1, "NHIỆM VỤ NĂM 2024"),
        ("PHẦN-2.I", 2, "Nhiệm vụ chung"),
    ]


def test_roman_restart_gets_unique_ids(rules):
    # a second "I." after "IV." (two reports in one file, or a new part) is a new section
    text = "I. A\n\nII. B\n\nIII. C\n\nIV. D\n\nI. E\n\n1. F\n\nII. G\n"
    got = secs(text, rules)
    assert [s.section_id for s in got] == ["I", "II", "III", "IV", "I~2", "I~2.1", "II~2"]
    assert got[5].parent_id == "I~2"
    assert len({s.section_id for s in got}) == len(got)


def test_nested_list_inside_letter_is_not_a_new_sibling(rules):
    text = (
        "II. KẾT QUẢ\n\n1. Công tác A\n\n2. Công tác B\n\n3. Công tác C\n\n"
        "a) Nội dung a\n\n1. Việc thứ nhất\n\n2. Việc thứ hai\n\nb) Nội dung b\n\n4. Công tác D\n"
    )
    got = {s.marker + s.heading: s for s in secs(text, rules)}
    assert got["1.Việc thứ nhất"].parent_id == "II.3.a"
    assert got["2.Việc thứ hai"].parent_id == "II.3.a"
    assert got["b)Nội dung b"].parent_id == "II.3"
    assert got["4.Công tác D"].parent_id == "II"
    assert got["4.Công tác D"].level == 2


def test_arabic_numbering_continued_across_romans(rules):
    text = "I. A\n\n1. Một\n\n2. Hai\n\nII. B\n\n3. Ba\n\n4. Bốn\n"
    assert [s.section_id for s in secs(text, rules)] == ["I", "I.1", "I.2", "II", "II.3", "II.4"]


def test_upper_letter_parts_above_romans(rules):
    text = "A. KẾT QUẢ\n\nI. CHÍNH TRỊ\n\nII. KINH TẾ\n\nB. PHƯƠNG HƯỚNG\n\nI. MỤC TIÊU\n\nC. ĐỀ XUẤT\n"
    got = secs(text, rules)
    assert [(s.section_id, s.level) for s in got] == [
        ("A", 1), ("A.I", 2), ("A.II", 2), ("B", 1), ("B.I", 2), ("C", 1)
    ]


# --- lines that are NOT sections ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- Tổ chức 05 hội nghị tuyên truyền.",
        "+ Số đơn đã giải quyết: 12 đơn.",
        "* Như vậy, tỷ lệ giải quyết đạt 95%.",
        "2023 đăng ký 15 mô hình “Dân vận khéo”.",
        "17/18 vụ việc đã được giải quyết.",
        "1.200 ha lúa được gieo trồng.",
        "5.433,05 ha diện tích tự nhiên.",
        "12/5/2023 UBND xã tổ chức hội nghị.",
        "100% hộ nghèo được nhận quà Tết.",
        "1. tổ chức hội nghị",  # a lower-case continuation, not a heading
    ],
)
def test_body_lines_are_not_sections(rules, line):
    text = "I. KẾT QUẢ\n\n1. Kết quả chung\n\n" + line + "\n"
    assert [s.marker for s in secs(text, rules)] == ["I.", "1."]


def test_marker_must_start_a_line(rules):
    text = "I. KẾT QUẢ\n\nTheo mục 2. Kết quả đạt được, xã đã hoàn thành. Xem II. Đánh giá.\n"
    assert [s.marker for s in secs(text, rules)] == ["I."]


def test_numbers_that_break_the_sequence_are_body_text(rules):
    # a stray "7." after "2." (page join) and a Roman that jumps from II to VIII
    text = "I. A\n\nII. B\n\n1. Một\n\n2. Hai\n\n7. Bảy người được khen thưởng.\n\nVIII. Sai\n\nIII. C\n"
    assert [s.section_id for s in secs(text, rules)] == ["I", "II", "II.1", "II.2", "III"]


def test_letters_must_follow_in_order(rules):
    text = "I. A\n\n1. Một\n\na) Đầu\n\nb) Hai\n\ne) Lạc\n\nc) Ba\n"
    assert [s.marker for s in secs(text, rules)] == ["I.", "1.", "a)", "b)", "c)"]


def test_vietnamese_letter_order_with_dj(rules):
    text = "1. Một\n\na) A\n\nb) B\n\nc) C\n\nd) D\n\nđ) Đ\n\ne) E\n"
    assert [s.marker for s in secs(text, rules)][-3:] == ["d)", "đ)", "e)"]


# --- headings, offsets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, heading",
    [
        # gold pho-phong: "1. Ưu điểm: Được sự quan tâm..." -> "Ưu điểm"
        ("1. Ưu điểm: Được sự quan tâm của các cấp, các ngành.", "Ưu điểm"),
        # gold quang-trung: a numbered paragraph keeps its first sentence
        ("1. Xã là xã nông nghiệp, có tổng diện tích tự nhiên 706,48 ha. Năm 2010 xã đã chia tách.",
         "Xã là xã nông nghiệp, có tổng diện tích tự nhiên 706,48 ha"),
        ("1. Về thực hiện quy chế dân chủ ở cơ sở.", "Về thực hiện quy chế dân chủ ở cơ sở"),
        ("1. Kết quả thực hiện phong trào thi đua “Dân vận khéo”.", "Kết quả thực hiện phong trào thi đua “Dân vận khéo”"),
        ("1. Thực hiện Chỉ thị số 33/CT-TTg. ngày 26/11/2021 của Thủ tướng", "Thực hiện Chỉ thị số 33/CT-TTg. ngày 26/11/2021 của Thủ tướng"),
        ("1. Phối hợp với TT. HĐND xã tổ chức tiếp xúc cử tri", "Phối hợp với TT. HĐND xã tổ chức tiếp xúc cử tri"),
        ("1. Sơn Long là xã được chia tách theo Nghị định số:10/NĐ-CP", "Sơn Long là xã được chia tách theo Nghị định số:10/NĐ-CP"),
    ],
)
def test_heading_is_title_or_first_sentence(rules, line, heading):
    got = secs(line + "\n", rules)
    assert got[0].heading == heading
    assert line[got[0].heading_end - len(heading):got[0].heading_end] == heading


def test_heading_span_on_offsets():
    text = "xx 1. Tổng số đơn: 966 đơn\n"
    s, e = heading_span(text, 6, text.index("\n"))
    assert text[s:e] == "Tổng số đơn"


def test_section_ends_at_next_same_or_higher_level(rules):
    text = "I. A\n\n1. Một\n\nNội dung.\n\n2. Hai\n\nII. B\n\nCuối."
    got = secs(text, rules)
    by_id = {s.section_id: s for s in got}
    assert by_id["I"].end == text.index("II. B")
    assert by_id["I.1"].end == text.index("2. Hai")
    assert by_id["I.2"].end == text.index("II. B")
    assert by_id["II"].end == len(text)
    for s in got:
        assert text[s.start:s.start + len(s.marker)] == s.marker


def test_start_and_end_bound_the_search(rules):
    text = "I. Không phải\n\nBÁO CÁO\n\nI. MỘT\n\nII. HAI\n\nNơi nhận:\n\n1. Không phải\n"
    start = text.index("I. MỘT")
    end = text.index("Nơi nhận")
    got = secs(text, rules, start, end)
    assert [s.marker for s in got] == ["I.", "II."]
    assert got[-1].end == end


def test_empty_and_markerless_text(rules):
    assert secs("", rules) == []
    assert secs("Hôm nay trời đẹp.\n\nKhông có mục nào.", rules) == []
    assert secs("I. A", rules, 10, 5) == []


def test_roman_value():
    assert [roman_value(r) for r in ("I", "IV", "IX", "XIV", "XL")] == [1, 4, 9, 14, 40]
    assert roman_value("IIII") is None and roman_value("VX") is None and roman_value("") is None


# --- gold -----------------------------------------------------------------------------------


def _key(marker, heading):
    return f"{marker.casefold()} {' '.join(heading.split()).casefold().strip(' .:;')}"


def _f1(gold, got):
    g, o = Counter(gold), Counter(got)
    tp = sum((g & o).values())
    if not tp:
        return 0.0
    p, r = tp / sum(o.values()), tp / sum(g.values())
    return 2 * p * r / (p + r)


def _seed_sections(rules):
    out = {}
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = next(p for p in SEEDS.iterdir() if p.stem == gold_path.stem)
        text = normalize(seed.read_text(encoding="utf-8"), rules).text
        hdr = parse_header(text, rules)
        out[gold_path.stem] = (gold, find_sections(text, rules, hdr.body_start, hdr.body_end))
    return out


@pytest.fixture(scope="module")
def seed_sections(rules):
    return _seed_sections(rules)


def test_gold_sections_f1(seed_sections):
    top_g, top_o, all_g, all_o = [], [], [], []
    for name, (gold, got) in seed_sections.items():
        top_g += [(name, _key(s["marker"], s["heading"])) for s in gold["sections"] if s["level"] == 1]
        top_o += [(name, _key(s.marker, s.heading)) for s in got if s.level == 1]
        all_g += [(name, _key(s["marker"], s["heading"])) for s in gold["sections"]]
        all_o += [(name, _key(s.marker, s.heading)) for s in got]
    assert _f1(top_g, top_o) >= 0.95
    assert _f1(all_g, all_o) >= 0.95


def test_gold_levels_of_matched_sections(seed_sections):
    for _name, (gold, got) in seed_sections.items():
        levels = {}
        for s in got:
            levels.setdefault(_key(s.marker, s.heading), s.level)
        for s in gold["sections"]:
            k = _key(s["marker"], s["heading"])
            if k in levels:
                assert levels[k] == s["level"], k


def test_seed_top_level_labels(seed_sections):
    labels = {name: [s.label for s in got if s.level == 1] for name, (_g, got) in seed_sections.items()}
    assert labels["pho-phong-2023"] == [
        "general_situation", "leadership", "results", "assessment", "tasks_solutions"
    ]
    assert labels["quang-trung-2023"] == ["general_situation", "leadership", "results", "limitations"]
    assert labels["son-long-2024"] == [
        "general_situation", "results", "other", "assessment", "tasks_solutions"
    ]


def test_seed_ids_unique_and_parents_exist(seed_sections):
    for _name, (_gold, got) in seed_sections.items():
        ids = [s.section_id for s in got]
        assert len(ids) == len(set(ids))
        for s in got:
            assert s.parent_id is None or s.parent_id in ids
            assert s.start < s.end
            assert re.fullmatch(r"[\w.~-]+", s.section_id)


def test_markers_without_space_and_slash_style(rules):
    # sloppy typing: "1.Công tác", "I/ ...", "2/ ..."; but "1.000 người" and "V.I.Lênin" are not markers
    text = ("I.TÌNH HÌNH CHUNG\n\n1.Công tác A\n\n2/ Công tác B\n\na)Việc một\n\nII/ KẾT QUẢ\n\n"
            "1.000 người tham gia\n\nV.I.Lênin đã nói\n\n1.5 lần so với cùng kỳ\n")
    assert [(s.section_id, s.marker, s.heading) for s in secs(text, rules)] == [
        ("I", "I.", "TÌNH HÌNH CHUNG"),
        ("I.1", "1.", "Công tác A"),
        ("I.2", "2/", "Công tác B"),
        ("I.2.a", "a)", "Việc một"),
        ("II", "II/", "KẾT QUẢ"),
    ]
