"""rules/units.yaml: every entry does what its comment says, on examples that must match
and examples that must not."""

import pytest

from extractor.extract.statistics import find_statistics
from extractor.rules import load_rules

UNITS = load_rules().data("units")


def pairs(text, rules):
    return [(s.value, s.unit) for s in find_statistics(text, rules)]


def test_file_shape():
    for key in ("measures", "scale_words", "counted_nouns", "name_words", "title_words", "percent_words",
                "period_followers", "period_units", "non_statistic_units", "not_units", "bare_name_words",
                "other_words", "ellipsis_followers", "ellipsis_max_gap", "clock_hour_words"):
        assert key in UNITS, key
    assert "%" in UNITS["measures"]
    assert all(isinstance(v, (int, float)) and v > 1 for v in UNITS["scale_words"].values())


def _usable(surface):
    return surface.casefold() not in {u.casefold() for u in UNITS["non_statistic_units"]}


@pytest.mark.parametrize("noun", UNITS["counted_nouns"])
def test_each_counted_noun_is_a_unit(rules, noun):
    assert pairs(f"trên địa bàn có 12 {noun} mới", rules) == [(12, noun)]


@pytest.mark.parametrize(
    "surface, base",
    [(s, b) for b, surfaces in UNITS["measures"].items() for s in surfaces if _usable(s)],
)
def test_each_measure_surface_is_a_unit_with_its_base(rules, surface, base):
    [s] = find_statistics(f"đạt 12 {surface} mới", rules)
    assert (s.value, s.unit, s.unit_base) == (12, surface, base)


@pytest.mark.parametrize("word, factor", list(UNITS["scale_words"].items()))
def test_each_scale_word_multiplies(rules, word, factor):
    [s] = find_statistics(f"kinh phí 3 {word} đồng", rules)
    assert (s.value, s.unit, s.unit_base, s.value_base) == (3, f"{word} đồng", "đồng", 3 * factor)


@pytest.mark.parametrize("word", UNITS["name_words"])
def test_each_name_word_makes_the_number_a_name(rules, word):
    # must not match: the number names something even when a counted noun follows
    assert pairs(f"tại {word} 5 hộ dân", rules) == []


@pytest.mark.parametrize("word", ["thôn", "tổ", "quý", "tháng"])
def test_a_counted_name_word_does_not_block_the_next_count(rules, word):
    # must match: "3 thôn 120 hộ", "01 tháng 1 lần"
    assert pairs(f"có 3 {word} 120 hộ", rules) == [(3, word), (120, "hộ")]


@pytest.mark.parametrize("word", UNITS["title_words"])
def test_each_title_word_blocks_only_when_capitalised(rules, word):
    assert pairs(f"theo {word} 06 hộ", rules) == []
    assert pairs(f"theo {word.upper()} 06 hộ", rules) == []
    assert pairs(f"theo {word.lower()} 06 hộ", rules) == [(6, "hộ")]


@pytest.mark.parametrize("word", UNITS["bare_name_words"])
def test_each_bare_name_word_blocks_only_implicit_units(rules, word):
    # must match: a unit follows ("tổng số 966 đơn", "dân số 12.345 người")
    assert pairs(f"có tổng {word} 45 hồ sơ", rules) == [(45, "hồ sơ")]
    # must not match: no percentage or left-out noun for "Kế hoạch số 10"
    assert pairs(f"chiếm {word} 45; đã giải quyết 17 đơn, Kế hoạch {word} 10 đang làm", rules) == [(17, "đơn")]


@pytest.mark.parametrize("word", UNITS["other_words"])
def test_each_other_word_is_not_read_as_its_first_syllable(rules, word):
    first = word.split()[0]
    found = pairs(f"hôm qua 20/11 {word} mới; có 7 {word} mới", rules)
    assert ("20/11", first) not in found and (7, first) not in found


@pytest.mark.parametrize("word", UNITS["percent_words"])
def test_each_percent_word_makes_a_bare_number_a_percentage(rules, word):
    assert pairs(f"hộ nghèo {word} 12,5; còn lại", rules) == [(12.5, "%")]


def test_bare_number_without_percent_word_is_not_a_statistic(rules):
    assert pairs("hộ nghèo giảm 12,5; còn lại", rules) == []


@pytest.mark.parametrize("follower", UNITS["period_followers"])
def test_each_period_follower_makes_a_reporting_period(rules, follower):
    assert pairs(f"trong 6 tháng {follower} xã đã làm tốt", rules) == []


def test_time_unit_without_period_follower_is_a_count(rules):
    assert pairs("sau 6 tháng xã đã làm tốt", rules) == [(6, "tháng")]


@pytest.mark.parametrize("word", UNITS["period_before"])
def test_each_period_before_word_names_the_period(rules, word):
    assert pairs(f"{word} 6 tháng xã đã làm tốt", rules) == []


@pytest.mark.parametrize("unit", UNITS["non_statistic_units"])
def test_each_non_statistic_unit(rules, unit):
    assert pairs(f"sau 3 {unit} hoạt động", rules) == []


@pytest.mark.parametrize("word", UNITS["not_units"])
def test_each_not_unit_word_is_never_the_unit(rules, word):
    assert pairs(f"xã có 12 {word} nhiều việc", rules) == []


@pytest.mark.parametrize("word", UNITS["clock_hour_words"])
def test_clock_times(rules, word):
    assert pairs(f"họp lúc 8 {word} 30 ngày thứ Hai; họp 8 {word} 15 phút", rules) == []


def test_duration_in_hours_is_a_count(rules):
    assert pairs("công trình thi công trong 36 giờ liền", rules) == [(36, "giờ")]


def test_time_limit_is_not_a_count(rules):
    # a time limit is a bound (rules/units.yaml bounds), not a figure of the report
    assert pairs("giải quyết trong 24 giờ kể từ khi nhận", rules) == []


@pytest.mark.parametrize("follower", UNITS["ellipsis_followers"])
def test_each_ellipsis_follower(rules, follower):
    text = f"đã giải quyết 17 đơn, còn 10 {follower} tham mưu"
    assert pairs(text, rules) == [(17, "đơn"), (10, "đơn")]


def test_ellipsis_needs_a_close_count_in_the_same_paragraph(rules):
    assert pairs("đã giải quyết 17 đơn.\n\nCòn 10 đang tham mưu", rules) == [(17, "đơn")]
    far = "đã giải quyết 17 đơn" + ", nội dung dài" * 10 + ", còn 10 đang tham mưu"
    assert pairs(far, rules) == [(17, "đơn")]
