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


def test_the_documents_own_number_written_again_is_not_a_citation():
    text = ("ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 1835/QĐ-UBND\nAn Lão, ngày 12 tháng 6 năm 2019\n\n"
            "QUYẾT ĐỊNH\nBan hành Quy định đánh giá\n\n"
            "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n"
            "QUY ĐỊNH\n(Ban hành kèm theo Quyết định số 1835/QĐ-UBND ngày 12/6/2019 của UBND huyện)\n"
            "Thay thế Quyết định số 1835/QĐ-UBND ngày 03/5/2016 của UBND huyện.\n")
    cits = extract_text(text).citations
    assert [(c.canonical, c.date) for c in cits] == [("61/2018/NĐ-CP", "2018-04-23"),
                                                     ("1835/QĐ-UBND", "2016-05-03")]
