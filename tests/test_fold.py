"""The one text fold and the one tone-placement table (extractor/text/fold.py)."""

import regex as re

from extractor.text.fold import (
    TONE_PAIRS,
    fold,
    fold_ascii,
    fold_case,
    fold_chars,
    one_tone_placement,
    squash,
    strip_marks,
    tone_tolerant,
)


def test_tone_pairs_cover_oa_oe_uy_in_five_tones():
    assert len(TONE_PAIRS) == 15
    assert ("òa", "oà") in TONE_PAIRS and ("ủy", "uỷ") in TONE_PAIRS and ("ọe", "oẹ") in TONE_PAIRS


def test_tone_tolerant_pattern_accepts_both_placements():
    rx = re.compile(tone_tolerant("văn hóa"), re.I)
    assert rx.fullmatch("văn hoá") and rx.fullmatch("Văn Hóa")
    assert re.fullmatch(tone_tolerant("thủy lợi"), "thuỷ lợi")
    assert re.fullmatch(tone_tolerant("Ủy ban"), "Ủy ban")
    assert not rx.fullmatch("văn hoa")


def test_one_tone_placement_only_at_syllable_end():
    assert one_tone_placement("hoà bình, thuỷ lợi") == "hòa bình, thủy lợi"
    assert one_tone_placement("toàn thể, phân loại") == "toàn thể, phân loại"  # one spelling only


def test_fold_unifies_case_spacing_and_tone_placement():
    assert fold("Uỷ  ban\nnhân dân") == fold("ỦY BAN NHÂN DÂN") == "ủy ban nhân dân"
    assert fold("Hoà Bình") == "hòa bình"
    assert fold(None) == fold("") == ""
    assert fold("Hòa") != fold("Hoa")  # the tone stays


def test_fold_case_keeps_tone_placement_and_diacritics():
    assert fold_case(" Chỉ\n thị ") == "chỉ thị"
    assert fold_case("Hoà") != fold_case("Hòa")
    assert squash(" a \t b\n") == "a b"


def test_strip_marks_and_fold_ascii():
    assert strip_marks("hà tĩnh") == strip_marks("hà tình") == "ha tinh"
    assert strip_marks("Đà Nẵng") == "Da Nang"
    assert fold_ascii("ĐÁNH GIÁ CHUNG") == fold_ascii("đánh giá chung") == "danh gia chung"
    assert fold_ascii("Tồn tại, hạn chế:") == "ton tai han che"


def test_fold_chars_keeps_one_character_per_character():
    assert fold_chars("HOÀ Đồng") == "hoa đong"
    assert len(fold_chars("Ủy ban nhân dân")) == len("Ủy ban nhân dân")
