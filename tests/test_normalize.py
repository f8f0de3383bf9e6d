import pytest

from extractor.text.normalize import normalize, strip_markup


def norm(text, rules):
    return normalize(text, rules).text


def test_nfc_and_line_endings(rules):
    decomposed = "Quye\u0302\u0301t đi\u0323nh\r\nSo\u0302\u0301 12"
    assert norm(decomposed, rules) == "Quyết định\nSố 12"


def test_markdown_remnants_are_stripped(rules):
    assert strip_markup("#### **I. Tình hình chung**") == ("I. Tình hình chung", True)
    assert strip_markup("“*Dân vận khéo*”")[0] == "“Dân vận khéo”"
    assert strip_markup("***Nơi nhận:***")[0] == "Nơi nhận:"
    # an escaped star that starts a line is a bullet, not emphasis
    assert strip_markup("\\* Như vậy, tỷ lệ")[0] == "* Như vậy, tỷ lệ"


def test_citation_cut_by_blank_line_is_rejoined(rules):
    text = "Kế hoạch số 657/KH-UBND ngày\n\n13/3/2023 của UBND thị xã."
    assert norm(text, rules) == "Kế hoạch số 657/KH-UBND ngày 13/3/2023 của UBND thị xã."


def test_symbol_cut_at_dash_is_rejoined_without_space(rules):
    assert norm("Chỉ thị số 16/CT-\n\nTTg của Thủ tướng", rules) == "Chỉ thị số 16/CT-TTg của Thủ tướng"


def test_capitalised_continuation_after_function_word(rules):
    assert norm("Kế hoạch số 30/KH-UBND của\n\nUBND tỉnh Quảng Ngãi.", rules) == (
        "Kế hoạch số 30/KH-UBND của UBND tỉnh Quảng Ngãi."
    )


def test_paragraph_boundaries_are_kept(rules):
    text = "I. TÌNH HÌNH CHUNG\n\n\n\nXã có 5 thôn.\n\n1. Kết quả\n\nNội dung."
    assert norm(text, rules) == "I. TÌNH HÌNH CHUNG\n\nXã có 5 thôn.\n\n1. Kết quả\n\nNội dung."


def test_heading_followed_by_lowercase_is_not_joined_when_heading_is_markdown(rules):
    assert norm("## Kết quả\n\nđạt được", rules) == "Kết quả\n\nđạt được"


def test_lone_page_numbers_are_dropped(rules):
    text = "Nội dung trang một,\n\n2\n\ntiếp tục trang hai.\n\n- 3 -\n\nHết."
    assert norm(text, rules) == "Nội dung trang một, tiếp tục trang hai.\n\nHết."


def test_page_breaks_give_page_starts(rules):
    n = normalize("Trang đầu.\fTrang hai có Kế hoạch số\fđầy đủ 12/KH-UBND.", rules)
    assert n.text == "Trang đầu.\n\nTrang hai có Kế hoạch số đầy đủ 12/KH-UBND."
    assert n.page_at(0) == 1
    assert n.page_at(n.text.index("Trang hai")) == 2
    assert n.page_at(n.text.index("đầy đủ")) == 3


def test_header_lines_stay_separate(rules):
    text = "ỦY BAN NHÂN DÂN\nXÃ PHỔ PHONG\n\nSố: /BC-UBND\n\nPhổ Phong, ngày tháng 5 năm 2023"
    assert norm(text, rules) == text


def test_numbered_heading_ending_on_a_place_noun_keeps_its_break(rules):
    text = "2.1. Thực hiện dân chủ ở xã, thị trấn\n\nTiếp tục thực hiện nghiêm Pháp lệnh."
    assert norm(text, rules) == text


def test_place_noun_cut_from_its_name_in_running_text_is_rejoined(rules):
    text = "Thực hiện Kế hoạch của UBND xã\n\nPhổ Phong về công tác dân vận."
    assert norm(text, rules) == "Thực hiện Kế hoạch của UBND xã Phổ Phong về công tác dân vận."


def test_function_word_joins_even_after_a_numbered_heading(rules):
    assert norm("1. Kết quả thực hiện Chỉ thị của\n\nThủ tướng Chính phủ", rules) == (
        "1. Kết quả thực hiện Chỉ thị của Thủ tướng Chính phủ"
    )


def test_bold_title_is_not_continued_by_the_next_paragraph(rules):
    text = "**Kết quả thực hiện năm 2024; nhiệm vụ thời gian tới**\n\nThực hiện Kế hoạch số 57."
    assert norm(text, rules) == "Kết quả thực hiện năm 2024; nhiệm vụ thời gian tới\n\nThực hiện Kế hoạch số 57."


def test_phrase_ending_on_a_continuation_word_ends_a_title(rules):
    text = "Nhiệm vụ trọng tâm thời gian tới\n\nThực hiện Kế hoạch số 57."
    assert norm(text, rules) == text
    # but the word alone still joins a cut sentence
    assert norm("Gửi báo cáo tới\n\nUBND huyện.", rules) == "Gửi báo cáo tới UBND huyện."


def test_digital_government_heading_keeps_its_break(rules):
    text = "d) Xây dựng chính quyền số\n\nThực hiện Quyết định số 28/2018/QĐ-TTg."
    assert norm(text, rules) == text


def test_hard_wrapped_paragraph_is_unwrapped_without_moving_offsets(rules):
    text = ("Nhiều mô hình như: mô hình “Tổ\nhợp tác chăn nuôi bò” ở xã Ea Kpam với 15 thành\n"
            "viên.\nTrong năm 2018, Hội đã vận động.")
    out = norm(text, rules)
    assert out == ("Nhiều mô hình như: mô hình “Tổ hợp tác chăn nuôi bò” ở xã Ea Kpam với 15 thành "
                   "viên.\nTrong năm 2018, Hội đã vận động.")
    assert len(out) == len(text)


def test_lines_that_are_not_wrapped_stay_apart(rules):
    text = ("BÁO CÁO\ntổng kết công tác năm 2019\nNơi nhận:\n- Như trên;\n"
            "1. Kết quả\na) Về kinh tế")
    assert norm(text, rules) == text


def test_heading_ending_on_dat_duoc_keeps_its_break(rules):
    text = "1. Kết quả đạt được\n\nQua quá trình triển khai, chương trình đã tạo chuyển biến."
    assert norm(text, rules) == text
    assert norm("Các hộ đã được\n\nUBND xã hỗ trợ.", rules) == "Các hộ đã được UBND xã hỗ trợ."


@pytest.mark.parametrize("opener", ["Kính trình: Hội đồng nhân dân huyện.", "Căn cứ Luật Tổ chức chính quyền địa phương;"])
def test_paragraph_opener_is_never_joined_to_the_line_before(rules, opener):
    text = "Về việc thông qua Kế hoạch đầu tư công nguồn vốn ngân sách huyện\n\n" + opener
    assert norm(text, rules) == text


def test_a_word_that_only_starts_like_an_opener_still_joins(rules):
    assert norm("gửi UBND xã\n\nSốp Cộp tổng hợp.", rules) == "gửi UBND xã Sốp Cộp tổng hợp."
