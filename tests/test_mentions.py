"""Short forms and named legislation (extractor/mentions.py, rules/laws.yaml)."""

import json

import pytest

from extractor.extract.mentions import find_mentions, resolve_short_form
from extractor.models import Citation
from extractor.text.normalize import normalize

from .conftest import GOLD, SEEDS


def cite(text, full, type_, number, canonical, issuer=None):
    """A Citation over the first occurrence of ``full`` in ``text`` (built by hand)."""
    start = text.index(full)
    return Citation(text=full, type=type_, number=number, code=canonical.split("/", 1)[-1],
                    canonical=canonical, year=None, date=None, issuer=issuer, start=start,
                    end=start + len(full))


def mentions(text, rules, citations=(), protected=()):
    return [(m.text, m.type, m.number, m.status, m.resolved_canonical)
            for m in find_mentions(text, rules, citations, protected)]


# --- short forms -----------------------------------------------------------------------------

def test_short_form_resolves_to_the_full_citation(rules):
    text = ("Thực hiện Chỉ thị số 33/CT-TTg ngày 21/11/2021 của Thủ tướng Chính phủ; "
            "quán triệt Chỉ thị 33 đến cán bộ.")
    c = cite(text, "Chỉ thị số 33/CT-TTg ngày 21/11/2021", "Chỉ thị", "33", "33/CT-TTg")
    assert mentions(text, rules, [c], [(c.start, c.end)]) == [
        ("Chỉ thị 33", "Chỉ thị", "33", "resolved", "33/CT-TTg")]


def test_full_citation_alone_gives_no_mention(rules):
    text = "Thực hiện Chỉ thị số 33/CT-TTg ngày 21/11/2021; Quyết định số 217-QĐ/TW; NQ 88/NQ-CP."
    assert mentions(text, rules) == []


def test_several_documents_with_that_number_are_ambiguous(rules):
    text = ("theo Chỉ thị số 16/2001/CT-TTg và Chỉ thị số 16/CT-TTg ngày 31/3/2020; "
            "tiếp tục thực hiện Chỉ thị 16.")
    c1 = cite(text, "Chỉ thị số 16/2001/CT-TTg", "Chỉ thị", "16", "16/2001/CT-TTg")
    c2 = cite(text, "Chỉ thị số 16/CT-TTg ngày 31/3/2020", "Chỉ thị", "16", "16/CT-TTg")
    [m] = find_mentions(text, rules, [c1, c2])
    assert (m.text, m.status, m.resolved_canonical) == ("Chỉ thị 16", "ambiguous", None)
    assert m.candidates == ["16/2001/CT-TTg", "16/CT-TTg"]


def test_issuer_after_short_form_picks_the_candidate(rules):
    text = ("Chỉ thị số 05-CT/TW của Bộ Chính trị; Chỉ thị số 05/CT-UBND của UBND tỉnh. "
            "Thực hiện Chỉ thị 05 của Bộ Chính trị về học tập.")
    c1 = cite(text, "Chỉ thị số 05-CT/TW", "Chỉ thị", "05", "05-CT/TW", "Bộ Chính trị")
    c2 = cite(text, "Chỉ thị số 05/CT-UBND", "Chỉ thị", "05", "05/CT-UBND", "UBND tỉnh")
    assert mentions(text, rules, [c1, c2]) == [("Chỉ thị 05", "Chỉ thị", "05", "resolved", "05-CT/TW")]


def test_earlier_citation_wins_over_later_one(rules):
    status, canonical, _ = resolve_short_form("Kế hoạch", "30", 100, [
        Citation("Kế hoạch số 30/KH-UBND", "Kế hoạch", "30", "KH-UBND", "30/KH-UBND", None, None, None, 10, 30),
        Citation("Kế hoạch số 30-KH/HU", "Kế hoạch", "30", "KH/HU", "30-KH/HU", None, None, None, 200, 220),
    ])
    assert (status, canonical) == ("resolved", "30/KH-UBND")


def test_leading_zeros_and_letters_in_numbers(rules):
    text = "Nghị quyết số 30a/2008/NQ-CP; Quyết định số 06/QĐ-TTg. Thực hiện Nghị quyết 30a và Quyết định 6."
    c1 = cite(text, "Nghị quyết số 30a/2008/NQ-CP", "Nghị quyết", "30a", "30a/2008/NQ-CP")
    c2 = cite(text, "Quyết định số 06/QĐ-TTg", "Quyết định", "06", "06/QĐ-TTg")
    assert mentions(text, rules, [c1, c2]) == [
        ("Nghị quyết 30a", "Nghị quyết", "30a", "resolved", "30a/2008/NQ-CP"),
        ("Quyết định 6", "Quyết định", "6", "resolved", "06/QĐ-TTg"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("tiếp tục triển khai các nhiệm vụ tại Đề án 06. Sắp xếp", ("Đề án 06", "Đề án", "06")),
    ("thực hiện Nghị quyết 08 của Bộ chính trị về bảo vệ an ninh", ("Nghị quyết 08", "Nghị quyết", "08")),
    ("hỗ trợ làm nhà theo NQ 88, công khai", ("NQ 88", "Nghị quyết", "88")),
    ("theo tinh thần Kết luận số 01 về tiếp tục", ("Kết luận số 01", "Kết luận", "01")),
])
def test_short_form_without_citation_is_unresolved(rules, text, expected):
    [m] = find_mentions(text, rules)
    assert (m.text, m.type, m.number, m.status, m.candidates) == (*expected, "unresolved", [])


@pytest.mark.parametrize("text", [
    "Tổ chức triển khai và hướng dẫn 100% cán bộ, công chức",
    "Hướng dẫn 100% cán bộ ký cam kết",
    "Xây dựng Kế hoạch 5 năm giai đoạn 2021-2025",
    "Thông báo 3 lần trên loa truyền thanh",
    "Quyết định 12 hộ được hỗ trợ",
    "Kế hoạch số 10/KH - UBND ngày 02/2/2023",
    "Kết luận số 114 -KL/TW ngày 14/7/2015",
    "đã ban hành 25 kế hoạch, 12 quyết định",
])
def test_not_a_short_form(rules, text):
    assert mentions(text, rules) == []


# --- named legislation -----------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, type_, canonical", [
    ("giải quyết theo Luật Tố cáo năm 2018, đúng hạn", "Luật Tố cáo năm 2018", "Luật", "25/2018/QH14"),
    ("theo Luật Tố cáo năm 2011.", "Luật Tố cáo năm 2011", "Luật", "03/2011/QH13"),
    ("Thực hiện Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022", "Luật Thực hiện dân chủ ở cơ sở",
     "Luật", "10/2022/QH15"),
    ("Thực hiện Luật dân chủ ở cơ sở, UBND xã", "Luật dân chủ ở cơ sở", "Luật", "10/2022/QH15"),
    # two laws of that name in the catalog (22/2008/QH12 and 80/2025/QH15): the year decides
    ("Thực hiện tốt Luật cán bộ, công chức và các Nghị định", "Luật cán bộ, công chức", "Luật", None),
    ("Thực hiện tốt Luật cán bộ, công chức năm 2008 và các Nghị định", "Luật cán bộ, công chức năm 2008",
     "Luật", "22/2008/QH12"),
    ("chấp hành các quy ước, hương ước, Pháp lệnh dân chủ cơ sở. Chủ động", "Pháp lệnh dân chủ cơ sở",
     "Pháp lệnh", "34/2007/PL-UBTVQH11"),
    ("quyền dân chủ đã được Hiến pháp quy định", "Hiến pháp", "Hiến pháp", None),
    ("tuyên truyền Luật Đường sắt quy định về an toàn", "Luật Đường sắt", "Luật", None),
    ("phổ biến Bộ luật Lao động năm 2019 cho công nhân", "Bộ luật Lao động năm 2019", "Luật", None),
])
def test_named_law(rules, text, surface, type_, canonical):
    [m] = find_mentions(text, rules)
    assert (m.text, m.type, m.number, m.status, m.resolved_canonical) == (surface, type_, None, "named",
                                                                         canonical)
    assert text[m.start:m.end] == surface


def test_catalog_without_year_prefers_the_law_in_force(rules):
    [m] = find_mentions("tiếp nhận đơn theo Luật Tố cáo, Luật Khiếu nại", rules)[:1]
    assert m.resolved_canonical == "25/2018/QH14"
    assert set(m.candidates) == {"25/2018/QH14", "03/2011/QH13"}


def test_named_law_resolves_to_its_numbered_citation_in_the_document(rules):
    text = ("Luật Thanh tra số 11/2022/QH15 ngày 14/11/2022 có hiệu lực; "
            "triển khai Luật Thanh tra đến cán bộ.")
    c = cite(text, "Luật Thanh tra số 11/2022/QH15 ngày 14/11/2022", "Luật", "11", "11/2022/QH15")
    assert mentions(text, rules, [c], [(c.start, c.end)]) == [
        ("Luật Thanh tra", "Luật", None, "named", "11/2022/QH15")]


@pytest.mark.parametrize("text", [
    "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 có hiệu lực",  # a numbered law is a citation
    "tuyên truyền, phổ biến giáo dục pháp luật cho Nhân dân",
    "mời Luật sư Nguyễn Văn A tư vấn",
    "theo luật định",
    "việc quán triệt Chỉ thị, Pháp lệnh, Nghị định chưa sâu rộng",
])
def test_not_a_named_law(rules, text):
    assert mentions(text, rules) == []


def test_mention_inside_a_citation_span_is_dropped(rules):
    text = "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022 của Quốc hội."
    full = "Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022"
    c = cite(text, full, "Luật", "10", "10/2022/QH15")
    assert mentions(text, rules, [c], [(c.start, c.end)]) == []


# --- named national documents ----------------------------------------------------------------

@pytest.mark.parametrize("text, surface, type_", [
    ("thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025 trên địa bàn",
     "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025", "Chương trình"),
    ("đăng ký theo các Chương trình mục tiêu quốc giảm nghèo và", "Chương trình mục tiêu quốc giảm nghèo",
     "Chương trình"),
    ("Đảng ủy xây dựng Kế hoạch “Phối hợp thực hiện công tác dân vận” 2024.",
     "Kế hoạch “Phối hợp thực hiện công tác dân vận” 2024", "Kế hoạch"),
])
def test_named_document(rules, text, surface, type_):
    [m] = find_mentions(text, rules)
    assert (m.text, m.type, m.status) == (surface, type_, "named")


# --- gold sanity check -----------------------------------------------------------------------

def test_gold_unnumbered_mentions(rules):
    """Every mention found is one a human listed; most of what they listed is found."""
    listed = found_listed = 0
    for path in sorted(SEEDS.iterdir()):
        gold = [g.casefold() for g in json.loads((GOLD / f"{path.stem}.json").read_text("utf-8"))
                ["unnumbered_mentions"]]
        text = normalize(path.read_text(encoding="utf-8"), rules).text
        found = [m.text.casefold() for m in find_mentions(text, rules)]
        for f in found:
            assert any(f in g for g in gold), (path.stem, f)
        listed += len(gold)
        found_listed += sum(any(f in g for f in found) for g in gold)
    assert found_listed >= 0.85 * listed, (found_listed, listed)


def test_pipeline_full_citation_then_short_form():
    """With the real citation stage: the full form is only a citation, the short one a mention."""
    from extractor import extract_text

    text = ("I. KẾT QUẢ\n\nThực hiện Chỉ thị số 33/CT-TTg ngày 21/11/2021 của Thủ tướng Chính phủ, "
            "UBND xã đã quán triệt Chỉ thị 33 và Đề án 06 đến toàn thể cán bộ.")
    result = extract_text(text)
    assert [c.canonical for c in result.citations] == ["33/CT-TTg"]
    assert [(m.text, m.status, m.resolved_canonical) for m in result.mentions] == [
        ("Chỉ thị 33", "resolved", "33/CT-TTg"), ("Đề án 06", "unresolved", None)]


def test_short_form_of_a_legal_number_drops_its_year(rules):
    text = ("theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; "
            "thực hiện đúng Nghị định 30.")
    c = cite(text, "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020", "Nghị định", "30/2020", "30/2020/NĐ-CP")
    assert mentions(text, rules, [c], [(c.start, c.end)]) == [
        ("Nghị định 30", "Nghị định", "30", "resolved", "30/2020/NĐ-CP")]


@pytest.mark.parametrize("text", [
    "BÁO CÁO KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\n\n1. Kết quả đạt được",  # a heading, then a marker
    "KẾT QUẢ GIÁM SÁT NGHỊ QUYẾT\n1. Kết quả đạt được",
    "ngân sách tỉnh hỗ trợ theo Nghị quyết 452,8 tỷ đồng.",  # an amount after the type word
    "1.1. Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở",  # a component's label
])
def test_type_word_before_a_marker_or_an_amount_is_not_a_short_form(rules, text):
    assert mentions(text, rules) == []
