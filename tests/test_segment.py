"""Word segmentation on neighbourhoods, re-aligned to the source text."""

import os
from pathlib import Path

from extractor.text.segment import align_tokens, segment_words, tag_words


def test_multisyllable_words_with_source_offsets():
    text = "Trong kỳ có 167 vụ việc khiếu nại."
    words = segment_words(text)
    assert ("vụ việc", text.index("vụ việc"), text.index("vụ việc") + len("vụ việc")) in words
    for w, s, e in words:
        assert text[s:e] == w


def test_window_offsets_point_into_the_whole_text():
    text = "Mở đầu dài. Toàn huyện có 22 xã, thị trấn; 112 thôn."
    start = text.index("22")
    words = segment_words(text, start, start + 20)
    assert words[0] == ("22", start, start + 2)
    assert all(start <= s < e <= start + 20 for _, s, e in words)


def test_tone_mark_moved_by_the_segmenter_is_realigned():
    # underthesea rewrites "hoà" as "hòa" and "thuỷ" as "thủy": not substrings of the source
    text = "UBND xã HOÀ BÌNH hoà giải 03 vụ thuỷ lợi"
    words = segment_words(text)
    for w, s, e in words:
        assert text[s:e] == w  # the source spelling, not the rewrite
    assert ("HOÀ BÌNH", 8, 16) in words and ("thuỷ lợi", 32, 40) in words


def test_align_tokens_skips_whitespace_and_ignores_diacritics():
    source = "Ủy  ban hoà\tgiải"
    assert align_tokens(source, ["Ủy ban", "hòa giải"]) == [("Ủy  ban", 0, 7), ("hoà\tgiải", 8, 16)]


def test_unalignable_token_gives_none_and_later_tokens_still_align():
    assert align_tokens("một hai ba", ["một", "XYZ", "ba"], offset=10) == [("một", 10, 13), None, ("ba", 18, 20)]


def test_lines_are_segmented_separately():
    # across a line break underthesea would glue "CHUNG" and "Xã" into one word
    text = "I. TÌNH HÌNH CHUNG\nXã có 5 thôn"
    words = [w for w, _, _ in segment_words(text)]
    assert not any("\n" in w or ("CHUNG" in w and "Xã" in w) for w in words)
    assert "Xã" in words


def test_pos_tags_with_offsets():
    text = "trường có 12 giáo viên"
    tagged = tag_words(text, text.index("12"))
    assert [(w, t[0]) for w, t, _, _ in tagged] == [("12", "M"), ("giáo viên", "N")]
    assert tagged[1][2] == text.index("giáo")


def test_no_model_download_into_home():
    segment_words("Xã có 5 thôn và 618 hộ")
    tag_words("Xã có 5 thôn và 618 hộ")
    home = Path(os.environ["HOME"])
    assert not (home / ".underthesea").exists()
