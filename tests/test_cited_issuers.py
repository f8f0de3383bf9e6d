"""Citation issuers resolved like the document's own (structure/cited_issuers.py)."""

import pytest

from extractor import extract_text


def _cited(text):
    return {c.canonical: (c.issuer_body, c.issuer_level, c.province)
            for c in extract_text(text).citations}


@pytest.mark.parametrize("phrase, expected", [
    ("của UBND tỉnh Quảng Ngãi", ("UBND", "tỉnh", "Quảng Ngãi")),
    ("của UBND huyện Yên Châu", ("UBND", "huyện", "Sơn La")),
    ("của Thủ tướng Chính phủ", ("Thủ tướng", "trung ương", None)),
])
def test_cited_issuer_resolved(phrase, expected):
    got = _cited(f"Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 {phrase} về việc triển khai.")
    assert got["30/KH-UBND"] == expected


def test_a_unit_word_without_a_name_gives_no_province():
    got = _cited("Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh về việc triển khai.")
    assert got["30/KH-UBND"] == ("UBND", "tỉnh", None)


def test_no_issuer_phrase_leaves_the_fields_empty():
    got = _cited("Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023, các xã đã triển khai.")
    assert got["30/KH-UBND"] == (None, None, None)
