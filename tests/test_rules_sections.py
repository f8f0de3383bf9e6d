"""rules/section_roles.yaml and rules/header.yaml: examples that MUST and must NOT match."""

from pathlib import Path

import pytest

from extractor.structure.header import is_caps, parse_header
from extractor.structure.sections import label_for

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


# --- section roles --------------------------------------------------------------------------


def test_top_level_labels(rules):
    # the examples beside each role are run by tests/test_rule_examples.py
    assert label_for("", rules, top_level=True) == "other"
    assert label_for("PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”", rules, top_level=True) == "other"


@pytest.mark.parametrize(
    "heading, label",
    [
        ("Ưu điểm", "assessment"),
        ("Tồn tại, hạn chế", "limitations"),
        ("Khó khăn, hạn chế", "limitations"),
        ("Nguyên nhân", "causes"),
        ("Nguyên nhân của những hạn chế, vướng mắc", "causes"),
        ("Nhiệm vụ", "tasks_solutions"),
        ("Giải pháp", "tasks_solutions"),
        ("Đề xuất", "proposals"),
        ("Về kết quả đạt được", "results"),  # lead word "Về" skipped
        ("Công tác lãnh đạo, chỉ đạo triển khai thực hiện", "leadership"),
        # must NOT get a label: the phrase is not what the heading is about, or it is a paragraph
        ("Tổ chức Hội nghị đối thoại", None),
        ("Trên lĩnh vực kinh tế", None),
        ("Xã có nhiều khó khăn về hạ tầng", None),
        ("Tăng cường sự lãnh đạo, chỉ đạo của ủy đảng, trách nhiệm của chính quyền, người đứng đầu "
         "đơn vị trong tổ chức quán triệt học tập, nâng cao nhận thức", None),
    ],
)
def test_lower_level_labels_only_when_clear(rules, heading, label):
    assert label_for(heading, rules, top_level=False) == label


def test_every_role_is_a_known_label(rules):
    known = {"general_situation", "leadership", "results", "assessment", "limitations", "causes",
             "tasks_solutions", "proposals", "other"}
    data = rules.data("section_roles")
    assert {r["label"] for r in data["roles"]} <= known
    assert data["default_label"] in known
    for role in data["roles"]:
        assert role["patterns"], role["label"]


# --- header word lists ----------------------------------------------------------------------


def _type_of_line(rules, line):
    return parse_header(f"Số: 01/XX-YY\n\n{line}\n\nNội dung trích yếu\n", rules).doc_type


def test_every_doc_type_word_is_recognised(rules):
    for word in rules.data("header")["doc_types"]:
        assert _type_of_line(rules, word) == word


@pytest.mark.parametrize("line", ["Báo cáo viên cấp huyện", "BAN CHỈ ĐẠO", "Kế hoạch số 30/KH-UBND"])
def test_lines_that_are_not_type_lines(rules, line):
    assert _type_of_line(rules, line) is None


def test_type_line_alone_in_lower_case_is_upper_cased(rules):
    assert _type_of_line(rules, "Báo cáo") == "BÁO CÁO"


@pytest.mark.parametrize(
    "closing, authority, title",
    [
        ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ", "TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"),
        ("Q. GIÁM ĐỐC", "Q. GIÁM ĐỐC", None),
        ("TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
        ("TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN", "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"),
        ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),  # one flattened line
        ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ("CHỦ TỊCH", None, "CHỦ TỊCH"),
    ],
)
def test_authority_and_title(rules, closing, authority, title):
    text = f"I. KẾT QUẢ\n\nNội dung./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{closing}\n\nNguyễn Thị Mai\n"
    h = parse_header(text, rules)
    assert (h.authority, h.signer_title, h.signer) == (authority, title, "Nguyễn Thị Mai")


@pytest.mark.parametrize(
    "line",
    ["(Đã ký)", "Đã ký", "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"],
)
def test_signature_notes_are_not_names(rules, line):
    text = f"Nội dung./.\n\nCHỦ TỊCH\n{line}\nLê Văn Tám\n"
    assert parse_header(text, rules).signer == "Lê Văn Tám"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Nguyễn Văn Thắng", "Nguyễn Văn Thắng"),
        ("Đỗ Thanh Vượt", "Đỗ Thanh Vượt"),
        ("NGUYỄN VĂN AN", "NGUYỄN VĂN AN"),  # names printed in caps
        ("ỦY BAN NHÂN DÂN XÃ", None),  # an organisation is not a person
        ("Sở Nội vụ", None),
    ],
)
def test_signer_names(rules, name, expected):
    text = f"Nội dung./.\n\nCHỦ TỊCH\n\n{name}\n"
    assert parse_header(text, rules).signer == expected


@pytest.mark.parametrize(
    "motto",
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM"],
)
def test_mottos_are_never_the_issuer(rules, motto):
    h = parse_header(f"UBND HUYỆN A {motto}\nPHÒNG TƯ PHÁP\nSố: 01/BC-PTP\n\nBÁO CÁO\n\nTrích yếu\n", rules)
    assert (h.issuer_parent, h.issuer) == ("UBND HUYỆN A", "PHÒNG TƯ PHÁP")


@pytest.mark.parametrize(
    "line, number",
    [
        ("Số: 779 /QĐ-UBND", "779 /QĐ-UBND"),
        ("Số: /BC-UBND", "/BC-UBND"),
        ("Số: ....../BC-UBND", "/BC-UBND"),
        ("Số 07-BC/DV", "07-BC/DV"),
        ("Số: 30a/2023/QĐ-UBND.", "30a/2023/QĐ-UBND"),
        ("SỐ: 15-KH/ĐU", "15-KH/ĐU"),
    ],
)
def test_number_as_written(rules, line, number):
    assert parse_header(f"UBND XÃ A\n{line}\n\nBÁO CÁO\n\nTrích yếu\n", rules).doc_number == number


@pytest.mark.parametrize("line", ["số lượng: 15 người", "Số liệu năm 2023", "Số: chưa có"])
def test_not_a_number_line(rules, line):
    assert parse_header(f"UBND XÃ A\n{line}\n\nBÁO CÁO\n\nTrích yếu\n", rules).doc_number is None


@pytest.mark.parametrize(
    "line, place, date",
    [
        ("Bình Sơn, ngày tháng năm 2023", "Bình Sơn", "2023"),
        ("Xã Quang Trung, ngày tháng 11 năm 2023", "Xã Quang Trung", "2023-11"),
        ("TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2024", "TP. Hồ Chí Minh", "2024-01-05"),
        ("Hà Nội, ngày 5/3/2023", "Hà Nội", "2023-03-05"),
        ("ngày 20 tháng 10 năm 2022", None, "2022-10-20"),
    ],
)
def test_place_and_date(rules, line, place, date):
    h = parse_header(f"UBND XÃ A\nSố: 01/BC-UBND\n{line}\n\nBÁO CÁO\n\nTrích yếu\n", rules)
    assert (h.place, h.date) == (place, date)


def test_is_caps():
    assert is_caps("ỦY BAN NHÂN DÂN XÃ A")
    assert not is_caps("Ủy ban nhân dân xã")
    assert not is_caps("12/34")


def test_rule_files_hold_no_seed_specific_strings():
    seed_words = ["phổ phong", "bình sơn", "quang trung", "sơn long", "đức phổ", "bỉm sơn", "657/kh"]
    for name in ("header.yaml", "section_roles.yaml"):
        content = (RULES_DIR / name).read_text(encoding="utf-8").lower()
        for w in seed_words:
            assert w not in content, (name, w)


@pytest.mark.parametrize(
    "title_line, name, title, signer",
    [
        ("THỦ QUỸ", "Nguyễn Văn Ba", "THỦ QUỸ", "Nguyễn Văn Ba"),  # a title missing from the list
        ("THỦ QUỸ", "NGUYỄN VĂN BA", "THỦ QUỸ", "NGUYỄN VĂN BA"),  # caps name: known family name
        ("PHÓ TRƯỞNG TRẠM", "Lê Văn Một", "PHÓ TRƯỞNG TRẠM", "Lê Văn Một"),
    ],
)
def test_caps_titles_and_caps_names(rules, title_line, name, title, signer):
    text = f"Nội dung./.\n\nNơi nhận:\n- Như trên;\n\n{title_line}\n\n{name}\n"
    h = parse_header(text, rules)
    assert (h.signer_title, h.signer) == (title, signer)


def test_dates_inside_sentences_or_caps_titles_are_not_the_header_date(rules):
    qd = ("UBND XÃ A\nSố: 01/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc A\n"
          "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    assert parse_header(qd, rules).date is None
    monthly = "UBND XÃ A\nSố: 01/BC-UBND\n\nBÁO CÁO THÁNG 11 NĂM 2023\n\nI. A\n"
    h = parse_header(monthly, rules)
    assert (h.date, h.place) == (None, None)
    month_only = "UBND XÃ A\nSố: 01/BC-UBND\nAn Hòa, tháng 12 năm 2023\nBÁO CÁO\nKết quả\n"
    assert parse_header(month_only, rules).date == "2023-12"


def test_title_cut_by_a_blank_line_continues(rules):
    text = ("BÁO CÁO\n\nTình hình kinh tế - xã hội năm 2023\n\nPhương hướng, nhiệm vụ năm 2024\n\n"
            "Năm 2023, trong bối cảnh còn nhiều khó khăn, UBND xã đã tập trung chỉ đạo thực hiện.\n")
    h = parse_header(text, rules)
    assert h.title == "Tình hình kinh tế - xã hội năm 2023 Phương hướng, nhiệm vụ năm 2024"
    assert text[h.body_start:].lstrip().startswith("Năm 2023")
