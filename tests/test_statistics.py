"""Statistics: Vietnamese number formats, units, compound forms, non-statistics, gold."""

import json
from collections import Counter

import pytest

from extractor.evaluate import statistic_key
from extractor.extract.statistics import find_statistics, parse_number
from extractor.pipeline import Options, extract_text

from .conftest import GOLD, SEEDS


def stats(text, rules, protected=()):
    return find_statistics(text, rules, protected)


def pairs(text, rules, protected=()):
    return [(s.value, s.unit) for s in stats(text, rules, protected)]


# --- number formats -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "written, value",
    [
        ("772.100.000", 772100000),  # "." groups thousands
        ("5.433,05", 5433.05),  # "," marks decimals
        ("93,65", 93.65),
        ("1376,77", 1376.77),
        ("1348", 1348),
        ("1.290", 1290),  # a lone "." before exactly three digits is a thousands separator
        ("2.016", 2016),
        ("03", 3),  # leading zeros
        ("00", 0),
        ("2.5", 2.5),  # English decimal point before one digit
        ("5,433.05", 5433.05),  # English grouping when "." comes last
    ],
)
def test_parse_number(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize("written", ["1.2.3", "0255.3822.123", "12,34,5"])
def test_parse_number_rejects_shapes_that_are_not_one_number(written):
    assert parse_number(written) is None


def test_thousands_and_money(rules):
    [s] = stats("Tổng quà đã cấp phát với tổng số tiền là 772.100.000 đồng.", rules)
    assert (s.value, s.unit, s.text) == (772100000, "đồng", "772.100.000 đồng")
    assert (s.value_base, s.unit_base) == (772100000, "đồng")


def test_decimal_area_and_percent(rules):
    text = "Xã có tổng diện tích tự nhiên 5.433,05 ha; tỷ lệ giải quyết đạt 93,65%."
    found = stats(text, rules)
    assert [(s.value, s.unit) for s in found] == [(5433.05, "ha"), (93.65, "%")]
    assert found[0].subject == "tổng diện tích tự nhiên"
    assert (found[0].start, found[0].end) == (text.index("5.433"), text.index(";"))


def test_plain_integers_and_leading_zeros(rules):
    text = "Dân số có 1348 hộ với 4906 nhân khẩu; đất khác có 1376,77 ha. Tiếp nhận 03 đơn, 01 đoàn."
    assert pairs(text, rules) == [(1348, "hộ"), (4906, "nhân khẩu"), (1376.77, "ha"), (3, "đơn"), (1, "đoàn")]


def test_unit_glued_to_number(rules):
    assert pairs("Tổng số là 1.290kg; hỗ trợ 100% hộ nghèo.", rules) == [(1290, "kg"), (100, "%")]


def test_surface_unit_kept_and_base_unit_canonical(rules):
    [s] = stats("01 dự án trồng ổi 8 ha và 6,5 hecta chuối", rules)[2:]
    assert (s.value, s.unit, s.unit_base, s.value_base) == (6.5, "hecta", "ha", 6.5)
    [m] = stats("xây dựng nhà văn hóa rộng 120 m2", rules)
    assert (m.unit, m.unit_base) == ("m2", "m²")


# --- scale words ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, value, unit, value_base",
    [
        ("hỗ trợ 4,5 tỷ đồng cho các hộ", 4.5, "tỷ đồng", 4_500_000_000),
        ("kinh phí 137 triệu đồng từ ngân sách", 137, "triệu đồng", 137_000_000),
        ("mỗi suất quà 500 nghìn đồng", 500, "nghìn đồng", 500_000),
        ("mỗi suất 300 ngàn đồng", 300, "ngàn đồng", 300_000),
    ],
)
def test_scale_words(rules, text, value, unit, value_base):
    [s] = stats(text, rules)
    assert (s.value, s.unit, s.value_base, s.unit_base) == (value, unit, value_base, "đồng")


def test_per_unit_compound(rules):
    [hh, kh, per] = stats("cấp gạo cho 58 hộ/86 khẩu (15kg/khẩu).", rules)
    assert (per.value, per.unit, per.unit_base, per.text) == (15, "kg/khẩu", "kg/khẩu", "15kg/khẩu")
    [s] = stats("hỗ trợ 1,5 triệu đồng/người/tháng", rules)
    assert (s.unit, s.value_base, s.unit_base) == ("triệu đồng/người/tháng", 1_500_000, "đồng/người/tháng")


# --- compound forms -------------------------------------------------------------------------

def test_slash_chain_gives_one_record_per_number(rules):
    text = "Tiếp công dân: 177 lượt/237 người với 167 vụ việc (có 01 đoàn đông người/33 người/01 vụ việc):"
    assert pairs(text, rules) == [
        (177, "lượt"), (237, "người"), (167, "vụ việc"), (1, "đoàn"), (33, "người"), (1, "vụ việc"),
    ]


def test_repeated_units_in_a_chain(rules):
    assert pairs("Số đơn đã xử lý/Tổng số đơn tiếp nhận: 966 đơn/966 đơn/884 vụ việc.", rules) == [
        (966, "đơn"), (966, "đơn"), (884, "vụ việc"),
    ]


def test_ratio_is_one_record(rules):
    text = "Chủ tịch UBND huyện đã giải quyết 59/63 vụ việc khiếu nại, chiếm tỷ lệ 93,65%"
    ratio, pct = stats(text, rules)
    assert (ratio.value, ratio.numerator, ratio.denominator, ratio.unit) == ("59/63", 59, 63, "vụ việc")
    assert ratio.text == "59/63 vụ việc"
    assert (pct.value, pct.unit) == (93.65, "%")


def test_date_like_slash_pairs_are_not_ratios(rules):
    # day/month before a noun: the part is larger than the whole, a month/year, or after "dịp"
    text = "Nhân kỷ niệm 30/4 người dân treo cờ; tháng 5/2023 hộ dân; dịp 2/9 người dân vui chơi"
    assert pairs(text, rules) == []


def test_ratio_keeps_leading_zeros_as_written(rules):
    [s] = stats("tỷ lệ giải quyết thuộc thẩm quyền cấp xã là 06/06 vụ", rules)
    assert (s.value, s.numerator, s.denominator) == ("06/06", 6, 6)


def test_ratio_of_animals_and_chain_of_household_area(rules):
    text = "02 dự án Trồng Chuối 18 hộ/6,5 hecta, 01 dự án Nuôi bò vàng 10/20 con bò giống"
    assert pairs(text, rules) == [(2, "dự án"), (18, "hộ"), (6.5, "hecta"), (1, "dự án"), ("10/20", "con")]


def test_multiword_and_comma_units(rules):
    text = "Toàn huyện có 22 xã, thị trấn; 112 thôn và 08 tổ dân phố. Duy trì (5 mô hình, điển hình)."
    assert pairs(text, rules) == [(22, "xã, thị trấn"), (112, "thôn"), (8, "tổ dân phố"),
                                  (5, "mô hình, điển hình")]


def test_list_of_counted_nouns_sharing_one_number(rules):
    text = ("Có 14 cơ quan, đơn vị, địa phương tham gia; 9.634 đoàn viên, hội viên. "
            "Đề xuất của 21 sở, ban, ngành và 18 huyện, thị xã, thành phố, Sở Nội vụ tổng hợp.")
    assert pairs(text, rules) == [(14, "cơ quan, đơn vị, địa phương"), (9634, "đoàn viên, hội viên"),
                                  (21, "sở, ban, ngành"), (18, "huyện, thị xã, thành phố")]


def test_list_join_stops_where_the_list_is_not_clear(rules):
    # a verb after the comma, an item the lexicon lacks, a label before the next number
    text = ("đã giám sát 2.538 công trình, kiến nghị xử lý 146 vụ việc. Tiếp thu 2 ý kiến, "
            "kiến nghị, đề xuất của thanh niên. Trong đó: công chức 38 người, viên chức 169 người.")
    assert pairs(text, rules) == [(2538, "công trình"), (146, "vụ việc"), (2, "ý kiến"),
                                  (38, "người"), (169, "người")]


def test_measures_after_a_name_word_are_quantities(rules):
    text = ("đường trục ấp, liên ấp 122,7 km; mặt đường 2,5 m; ngân sách tỉnh hỗ trợ theo "
            "Nghị quyết 452,8 tỷ đồng. Thôn 2 có 40 hộ.")
    assert pairs(text, rules) == [(122.7, "km"), (2.5, "m"), (452.8, "tỷ đồng"), (40, "hộ")]


def test_count_after_trung_uong_is_a_count(rules):
    assert pairs("trong đó: cấp Trung ương 12 hộ, cấp tỉnh 186 hộ", rules) == [(12, "hộ"), (186, "hộ")]


def test_compound_counted_nouns(rules):
    text = "huy động 215.400 ngày công, giải quyết trong 20 ngày làm việc, phát hành 15.000 tờ gấp."
    assert pairs(text, rules) == [(215400, "ngày công"), (20, "ngày làm việc"), (15000, "tờ gấp")]


def test_facility_units(rules):
    text = "Cơ sở vật chất: 01 nhà làm việc gồm 3 tầng, 21 phòng làm việc, 01 hội trường, 01 trung tâm văn hóa."
    assert pairs(text, rules) == [(1, "nhà làm việc"), (3, "tầng"), (21, "phòng làm việc"), (1, "hội trường"),
                                  (1, "trung tâm văn hóa")]


def test_counted_noun_heading_a_quoted_name(rules):
    [s] = stats("UBND xã thực hiện gửi 70 “Thư chúc mừng” đến các hộ gia đình", rules)
    assert (s.value, s.unit, s.text, s.subject) == (70, "thư", "70 “Thư chúc mừng”", "Thư chúc mừng")


def test_unseen_noun_found_by_segmentation(rules):
    # none of these nouns is in rules/units.yaml: the segmenter finds the word after the number
    lexicon = {n.casefold() for n in rules.data("units")["counted_nouns"]}
    assert not {"giếng khoan", "giếng", "bóng đèn", "bóng", "bình", "cbcc"} & lexicon
    assert pairs("đã đào 12 giếng khoan cho thôn", rules) == [(12, "giếng khoan")]
    assert pairs("lắp 30 bóng đèn đường", rules) == [(30, "bóng đèn")]
    assert pairs("trang bị 8 bình chữa cháy cho thôn", rules) == [(8, "bình")]
    assert pairs("có 25 CBCC tham gia", rules) == [(25, "CBCC")]  # an acronym keeps its case


def test_segmentation_rejects_verbs_and_names_after_a_number(rules):
    assert pairs("tại buổi làm việc có 3 Phó Chủ tịch dự", rules) == []
    assert pairs("kế hoạch 5 triển khai thực hiện", rules) == []


def test_footnote_markers_around_a_count(rules):
    assert pairs("có 618 hộ¹ nghèo; các ¹02 dự án và 5 m² đất", rules) == [(618, "hộ"), (2, "dự án"), (5, "m²")]


def test_zero_and_acronym_units(rules):
    assert pairs("Tố cáo: 0 vụ; kiểm tra tại 09 UBND các xã", rules) == [(0, "vụ"), (9, "UBND")]


def test_percentage_after_chiem_without_sign(rules):
    assert pairs("hộ nghèo có 315 hộ nghèo chiếm 49,22; 134 hộ cận nghèo: 22,94%", rules) == [
        (315, "hộ"), (49.22, "%"), (134, "hộ"), (22.94, "%"),
    ]


def test_unit_left_out_after_a_count(rules):
    text = "UBND xã đã tiếp nhận 27 đơn, đã giải quyết 17 đơn. Còn 10 đang tham mưu giải quyết."
    assert pairs(text, rules) == [(27, "đơn"), (17, "đơn"), (10, "đơn")]


def test_time_units_are_counts(rules):
    text = "giao ban 01 tháng 1 lần; tiếp công dân: 43 ngày; trẻ em dưới 5 tuổi"
    assert pairs(text, rules) == [(1, "tháng"), (1, "lần"), (43, "ngày"), (5, "tuổi")]


# --- not statistics -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Trong năm 2023, tình hình ổn định.",  # a year
        "thực hiện phong trào giai đoạn 2021-2025 trên địa bàn",  # a period
        "Có đường sắt Bắc Nam, Quốc lộ 24A nối các tỉnh",  # a road
        "các dự án trọng điểm như Nhà máy Giấy VNT-19, Khu tái định cư",  # a code name
        "tham gia cùng Tổ công tác của Tỉnh (Tổ 1717) tích cực tuyên truyền",  # a team name
        "33 hộ dân ở thôn Tuyệt Diêm 2, xã Bình Thuận",  # place names (only "33 hộ" counts)
        "bà con thôn 2 xã Bình Minh",
        "Hội nghị lần thứ 2 Ban Chấp hành",  # an ordinal
        "họp lúc 08 giờ 30 phút ngày thứ Hai",  # a clock time
        "cung cấp dịch vụ công trực tuyến ở mức độ 3 và 4.",
        "tiếp tục triển khai các nhiệm vụ tại Đề án 06. Thực hiện Nghị quyết 08 của Bộ Chính trị",
        "Trong 5 tháng đầu năm 2023, UBND xã đã làm tốt",  # the reporting period
        "Sau gần 01 năm hoạt động Ban điều hành đã tham mưu",
        "làm theo khẩu hiệu “5 biết” “3 không” “4 thể hiện”.",  # numbers inside quoted names
        "Điện thoại: 0255.3822.123, Fax: 0255 3822 124",  # phone numbers
        "hỗ trợ giống cây trồng cho người nghèo¹... Các ¹",  # footnote markers
        "theo Kế hoạch số 30/KHUBND ngày 17/02/2023 và Kết luận số 114 -KL/TW",  # unprotected citations
        "tính đến ngày 05/11/2023 (ngày 11/4/2023)",  # unprotected dates
        "Phổ Phong, ngày tháng 5 năm 2023",
        "theo Điều 5, khoản 2 của Luật",
        "tiếp tục thực hiện Nghị quyết Trung ương 7 khóa XI về công tác dân vận",  # a plenum
    ],
)
def test_not_statistics(rules, text):
    found = stats(text, rules)
    assert [s for s in found if s.text != "33 hộ"] == []


def test_section_markers_are_not_statistics(rules):
    text = "1. Kết quả đạt được\n\n2.1. Trên lĩnh vực kinh tế:\n\n(3) Nội dung khác\n\na) Có 4 thôn"
    assert pairs(text, rules) == [(4, "thôn")]


def test_document_type_word_only_blocks_when_capitalised(rules):
    # "hướng dẫn" is a verb here, "Hướng dẫn 04" a document
    assert pairs("Tổ chức triển khai và hướng dẫn 100% cán bộ ký cam kết", rules) == [(100, "%")]
    assert pairs("theo Hướng dẫn 04 của Ban Dân vận", rules) == []


def test_name_syllable_is_not_a_name_word(rules):
    # "Chương" is part of the commune name, not "chương" (chapter)
    assert pairs("(Bình Thuận 01 vụ; Bình Chương 01 vụ; xã 06 vụ)", rules) == [(1, "vụ"), (1, "vụ"), (6, "vụ")]


def test_so_before_a_count(rules):
    # "số" names documents ("Kế hoạch số 10") but also leads into counts
    assert pairs("đã tiếp nhận tổng số 452 hồ sơ; tổng dân số 12.345 người", rules) == [
        (452, "hồ sơ"), (12345, "người"),
    ]


def test_unit_syllable_starting_another_word(rules):
    text = "Kết nạp 12 đảng viên, nâng tổng số lên 456 đồng chí; ngày 20/11 tổ chức 3 buổi"
    assert pairs(text, rules) == [(12, "đảng viên"), (456, "đồng chí"), (3, "buổi")]


def test_comma_thousands_in_a_count(rules):
    # a count has no decimals: "1,290 hộ" is 1290; an area keeps the decimal comma
    assert pairs("có 1,290 hộ và 1,290 ha", rules) == [(1290, "hộ"), (1.29, "ha")]


def test_per_unit_after_a_counted_noun(rules):
    assert pairs("mật độ 356 người/km2; bình quân 12 hộ/thôn", rules) == [(356, "người/km2"), (12, "hộ/thôn")]


def test_protected_spans_are_skipped(rules):
    text = "Theo Quyết định số 2040/QĐ-UBND ngày 16/11/2018 có 145 thủ tục, 07 thủ tục khác."
    start = text.index("Quyết")
    protected = [(start, text.index(" có"))]
    assert pairs(text, rules, protected) == [(145, "thủ tục"), (7, "thủ tục")]
    # a protected count is dropped as well: the caller decides
    s145 = text.index("145")
    assert pairs(text, rules, [(s145, s145 + 3)]) == [(7, "thủ tục")]


def test_records_are_in_reading_order_with_offsets(rules):
    text = "Khiếu nại: 79 đơn/77 vụ; tố cáo: 57 đơn/50 vụ."
    found = stats(text, rules)
    assert [s.start for s in found] == sorted(s.start for s in found)
    for s in found:
        assert text[s.start:s.end] == s.text
    assert found[0].subject == "đơn (Khiếu nại)"


# --- gold -----------------------------------------------------------------------------------

def test_gold_statistics_f1(rules):
    """Real pipeline (citations and dates give the protected spans) against the gold."""
    tp = fp = fn = 0
    opts = Options(stages=("citations", "dates", "statistics"))
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = next(SEEDS.glob(gold_path.stem + ".*"))
        result = extract_text(seed.read_text(encoding="utf-8"), gold_path.stem, rules, opts)
        want = Counter(statistic_key(s) for s in gold["statistics"])
        got = Counter(statistic_key({"value": s.value, "unit": s.unit}) for s in result.statistics)
        tp += sum((want & got).values())
        fp += sum((got - want).values())
        fn += sum((want - got).values())
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.92, f"statistics P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


# --- size and shape limits ------------------------------------------------------------------

def test_a_digit_run_longer_than_any_figure_is_no_number(rules):
    assert parse_number("1" * 10_000) is None
    text = "Tổng số " + "1234567890" * 1000 + " người và 12 hộ."
    assert pairs(text, rules) == [(12, "hộ")]


def test_quotes_and_markers_on_one_long_line(rules):
    # one line: the quote state and the line start are those of the number's own line
    filler = "xã có 3 hộ nghèo, " * 500
    text = filler + "“5 biết, 3 không” và 7 hộ mới.\n2. Có 4 hộ"
    found = pairs(text, rules)
    assert found.count((3, "hộ")) == 500
    assert (5, "biết") not in found and (7, "hộ") in found and (4, "hộ") in found
    assert (2, None) not in found


# --- issue #11: real-page layouts (row numbers, bounds, names, tables) ----------------------

def test_ranking_table_row_numbers_are_not_counts(rules):
    text = ("Kết quả xếp hạng như sau: 1 UBND thị trấn Ba Chẽ 93,40 điểm 2 UBND xã Thanh Sơn "
            "90,05 điểm 3 UBND xã Đồn Đạc 88,10 điểm 4 UBND xã Nam Sơn 85,75 điểm … "
            "9 UBND xã Lương Mông 71,20 điểm")
    assert pairs(text, rules) == [(93.4, "điểm"), (90.05, "điểm"), (88.1, "điểm"), (85.75, "điểm"),
                                  (71.2, "điểm")]


def test_counts_that_are_not_consecutive_row_numbers_stay(rules):
    assert pairs("có 1 xã đạt, 2 xã chưa đạt và 7 xã đang rà soát", rules) == [(1, "xã"), (2, "xã"), (7, "xã")]


@pytest.mark.parametrize("text", [
    "tỷ lệ hồ sơ giải quyết đúng hạn phải đạt từ 85% trở lên",
    "các xã có tỷ lệ hài lòng dưới 60% phải giải trình",
    "bảo đảm tối thiểu 20% số hộ tham gia",
    "mỗi thôn có ít nhất 02 tổ tự quản",
    "tiền thưởng không vượt quá 30% tổng quỹ",
    "mức trích không thấp hơn 10% lợi nhuận",
    "không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ",
    "trong thời hạn 45 ngày kể từ ngày thụ lý",
    "Tổ công tác gồm từ 07 đến 09 người",
    "loại Khá: từ 65 điểm đến dưới 80 điểm",
    "thôn có từ 03 hộ nghèo trở lên được ưu tiên",
    "không tái nghiện trong 24 tháng liên tục",
])
def test_bounds_are_not_statistics(rules, text):
    assert pairs(text, rules) == []


@pytest.mark.parametrize("text, expected", [
    ("tỷ lệ hộ nghèo giảm còn 2,7%, trẻ em dưới 6 tuổi được cấp thẻ", [(2.7, "%"), (6, "tuổi")]),
    ("phấn đấu 100% thôn có nhà văn hóa", [(100, "%")]),
    ("rút ngắn từ 15 ngày xuống còn 10 ngày", [(15, "ngày"), (10, "ngày")]),
    ("tăng từ 120 hộ lên 146 hộ", [(120, "hộ"), (146, "hộ")]),
])
def test_figures_next_to_bound_words_stay(rules, text, expected):
    assert pairs(text, rules) == expected


@pytest.mark.parametrize("text", [
    "triển khai mô hình chính quyền địa phương 02 cấp",
    "Ban Chỉ đạo 389 tỉnh họp định kỳ",
    "thực hiện khoản 3 Điều 12 Quyết định của UBND tỉnh",
    "Nghị quyết Trung ương 4 khóa\nXII về xây dựng Đảng",
    "đăng lúc 10:25 ngày thứ Hai",
    "bảo vệ 24/24 giờ trong dịp Tết",
    "tải về: bao-cao.pdf (356 KB)",
])
def test_digits_in_names_times_and_chrome_are_not_statistics(rules, text):
    assert pairs(text, rules) == []


def test_tiers_counted_outside_a_name(rules):
    assert pairs("tổ chức tổng kết ở cả 4 cấp", rules) == [(4, "cấp")]


def test_a_number_between_breaks_the_left_out_noun(rules):
    # "mức độ 3, 4": the 4 is a level like the 3, not a count of the noun before
    assert pairs("hướng dẫn 52 lượt người dân nộp hồ sơ mức độ 3, 4.", rules) == [(52, "lượt người")]


def test_sampling_counts(rules):
    text = "lấy mẫu 40 hồ sơ, đạt 37 hồ sơ; lấy mẫu ngẫu nhiên 250 văn bản"
    assert pairs(text, rules) == [(40, "hồ sơ"), (37, "hồ sơ"), (250, "văn bản")]


def test_grams_with_decimals(rules):
    assert pairs("thu giữ 1250,375g ma túy và 3.406,5g heroin", rules) == [(1250.375, "g"), (3406.5, "g")]


# --- tables ---

def _cells(text, rules):
    return [(s.text, s.value, s.unit, s.value_base) for s in stats(text, rules)]


def test_markdown_table_cells_take_the_column_heading(rules):
    text = ("Kết quả như sau:\n\n| Xã | Số hộ | Số khẩu | Tỷ lệ (%) |\n|---|---|---|---|\n"
            "| Xã An Phú | 1.204 | 4.870 | 12,5 |\n| Cộng | 1.204 | 4.870 | |\n")
    assert [(v, u) for _, v, u, _ in _cells(text, rules)] == [
        (1204, "hộ"), (4870, "khẩu"), (12.5, "%"), (1204, "hộ"), (4870, "khẩu")]
    subjects = [s.subject for s in stats(text, rules)]
    assert subjects[0] == "Số hộ (Xã An Phú)"


def test_docx_table_with_a_unit_column_and_scale_in_heading(rules):
    text = ("Chỉ tiêu | Đơn vị tính | Năm 2023 | Năm 2024\n"
            "Diện tích lúa | ha | 1.250,5 | 1.300\n"
            "Số cuộc tuyên truyền | cuộc | 12 | 0\n\n"
            "Nội dung chi | Kinh phí (triệu đồng)\n"
            "Tập huấn | 45,5\n")
    assert _cells(text, rules) == [
        ("1.250,5", 1250.5, "ha", 1250.5), ("1.300", 1300, "ha", 1300),
        ("12", 12, "cuộc", 12), ("0", 0, "cuộc", 0), ("45,5", 45.5, "triệu đồng", 45500000)]


def test_row_number_column_is_not_a_statistic(rules):
    text = "| STT | Đơn vị | Số đảng viên |\n|---|---|---|\n| 1 | Chi bộ thôn Đông | 35 |\n| 2 | Chi bộ thôn Tây | 41 |\n"
    assert [(v, u) for _, v, u, _ in _cells(text, rules)] == [(35, "đảng viên"), (41, "đảng viên")]


def test_flattened_pdf_table_with_a_wrapped_label(rules):
    text = ("Bảng 2. Kết quả kiểm tra\nLĩnh vực Số cơ sở kiểm tra Số cơ sở vi phạm Số tiền phạt (triệu đồng)\n"
            "Nhà hàng 52 6 21,5\nCơ sở sản xuất, 31 4 18,0 kinh doanh\nTổng cộng 83 10 39,5\n")
    got = [(v, u) for _, v, u, _ in _cells(text, rules)]
    assert got == [(52, "cơ sở"), (6, "cơ sở"), (21.5, "triệu đồng"), (31, "cơ sở"), (4, "cơ sở"),
                   (18.0, "triệu đồng"), (83, "cơ sở"), (10, "cơ sở"), (39.5, "triệu đồng")]


def test_heading_without_unit_takes_the_unit_the_text_gives_it(rules):
    text = ("| Lĩnh vực | Tiếp nhận | Đã giải quyết |\n|---|---|---|\n| Hộ tịch | 120 | 118 |\n\n"
            "Trong kỳ, xã tiếp nhận 120 hồ sơ, đã giải quyết 118 hồ sơ.")
    assert [(v, u) for _, v, u, _ in _cells(text, rules)] == [
        (120, "hồ sơ"), (118, "hồ sơ"), (120, "hồ sơ"), (118, "hồ sơ")]


def test_heading_without_any_unit_gives_no_statistic(rules):
    text = "| Lĩnh vực | Kỳ này | Kỳ trước |\n|---|---|---|\n| Hộ tịch | 120 | 118 |\n"
    assert stats(text, rules) == []


def test_negative_cells(rules):
    text = ("| Đơn vị | Số biên chế | Tăng (+), giảm (-) (người) | Ghi chú |\n|---|---|---|---|\n"
            "| Sở Y tế | 120 | -3 | |\n")
    assert [(v, u) for _, v, u, _ in _cells(text, rules)] == [(120, "biên chế"), (-3, "người")]


@pytest.mark.parametrize("text", [
    "Trong 9 tháng, các xã đã tổ chức đối thoại",
    "Báo cáo sơ kết 6 tháng thực hiện Chỉ thị",
    "mức hỗ trợ tối đa cho mỗi hộ là 3.000.000 đồng",
    "Quyết định ban hành năm 2019 SỞ TƯ PHÁP TỈNH",
])
def test_periods_named_caps_and_headings_are_not_statistics(rules, text):
    assert pairs(text, rules) == []


@pytest.mark.parametrize("text, expected", [
    ("duy trì giao ban 02 tháng 01 lần", [(2, "tháng"), (1, "lần")]),
    ("giải quyết dứt điểm 14 vụ việc tồn đọng", [(14, "vụ việc")]),
    ("thu hút 230 người dân tham gia, 12 tổ trưởng tổ dân phố", [(230, "người dân"), (12, "tổ trưởng")]),
    ("TỔNG SỐ 120 HỘ", [(120, "HỘ")]),
    ("đạt 12 giải, trong đó 03 giải Nhất", [(12, "giải"), (3, "giải")]),
])
def test_counts_next_to_those_words_stay(rules, text, expected):
    assert pairs(text, rules) == expected


@pytest.mark.parametrize("text, subject", [
    ("Thu ngân sách vượt 15% so với kế hoạch.", "Thu ngân sách"),
    ("sản lượng lương thực ước đạt 12.500 tấn", "sản lượng lương thực"),
    ("kinh phí hỗ trợ khoảng 450 triệu đồng", "kinh phí hỗ trợ"),
])
def test_subject_leaves_out_the_words_that_qualify_the_number(rules, text, subject):
    assert [s.subject for s in stats(text, rules)] == [subject]
