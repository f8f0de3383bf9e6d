"""Named models / movements / slogans (extractor/initiatives.py, rules/model_words.yaml)."""

import json

import pytest

from extractor.evaluate import model_key
from extractor.extract.initiatives import find_models, name_key
from extractor.models import Section
from extractor.text.normalize import normalize

from .conftest import GOLD, SEEDS


def names(text, rules, sections=()):
    return [m.name for m in find_models(text, rules, sections)]


# --- must match ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, kind", [
    ("Triển khai phong trào thi đua “Dân vận khéo” trên địa bàn.", "Dân vận khéo", "phong trào"),
    ('Triển khai phong trào thi đua "Dân vận khéo" trên địa bàn.', "Dân vận khéo", "phong trào"),
    ("như: Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
     "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "cuộc vận động"),
    ("thành lập Ban Điều hành thực hiện Mô hình điểm “Chính quyền thân thiện” UBND xã",
     "Chính quyền thân thiện", "mô hình"),
    ("nhân rộng các mô hình, điển hình “Tổ tự quản” giai đoạn 2021-2025", "Tổ tự quản", "mô hình"),
    ("với phương châm “Dân biết, dân bàn, dân làm, dân kiểm tra”.",
     "Dân biết, dân bàn, dân làm, dân kiểm tra", "phương châm"),
    ("PHONG TRÀO THI ĐUA “CẢ NƯỚC CHUNG TAY VÌ NGƯỜI NGHÈO”", "CẢ NƯỚC CHUNG TAY VÌ NGƯỜI NGHÈO",
     "phong trào"),
    ("hưởng ứng chiến dịch “Làm cho thế giới sạch hơn” năm 2023", "Làm cho thế giới sạch hơn", "chiến dịch"),
    ("Thực hiện 02 công trình thanh niên cấp huyện: công trình “Thắp sáng đường quê” tại xã",
     "Thắp sáng đường quê", "công trình thanh niên"),
])
def test_kind_word_introduces_quoted_name(rules, text, name, kind):
    models = find_models(text, rules)
    assert [(m.name, m.kind) for m in models] == [(name, kind)]
    m = models[0]
    assert text[m.start:m.end] == name


def test_chain_of_quotes_after_one_kind_word(rules):
    text = "ký cam kết thực hiện khẩu hiệu “5 biết” “3 không” “4 thể hiện”."
    assert names(text, rules) == ["5 biết", "3 không", "4 thể hiện"]


def test_comma_chain_and_owner_list(rules):
    text = ("nhiều mô hình trên lĩnh vực văn hóa - xã hội có cách làm hay như: “Bảo tồn văn hóa truyền "
            "thống” của ông Nguyễn Văn A xã Tân Hòa, “Tủ sách cộng đồng” của Trường Tiểu học Kim Đồng; "
            "“Bữa cơm không đồng” của hội Phụ nữ xã... những mô hình này luôn được duy trì.")
    models = find_models(text, rules)
    assert [(m.name, m.owner) for m in models] == [
        ("Bảo tồn văn hóa truyền thống", "ông Nguyễn Văn A"),
        ("Tủ sách cộng đồng", "Trường Tiểu học Kim Đồng"),
        ("Bữa cơm không đồng", "hội Phụ nữ xã"),
    ]


def test_owner_keeps_second_person_and_stops_at_place(rules):
    text = ("Mô hình “Nuôi bò sinh sản” của ông Lê Văn B, Trần Thị C... đã giúp. "
            "tiêu biểu như: “Camera an ninh” của thôn Bến Đá, xã Tân Hòa, “Tổ hòa giải” của Hội Nông dân xã.")
    models = find_models(text, rules)
    assert [(m.name, m.owner) for m in models] == [
        ("Nuôi bò sinh sản", "ông Lê Văn B, Trần Thị C"),
        ("Camera an ninh", "thôn Bến Đá"),
        ("Tổ hòa giải", "Hội Nông dân xã"),
    ]


def test_coordination_gives_kind_to_the_name_before(rules):
    text = ("Nhằm nâng cao chất lượng, “Xây dựng khu dân cư kiểu mẫu”. và Mô hình “Thực hiện nếp sống "
            "văn minh trong việc cưới, việc tang”;")
    assert names(text, rules) == ["Xây dựng khu dân cư kiểu mẫu",
                                  "Thực hiện nếp sống văn minh trong việc cưới, việc tang"]


def test_unquoted_enumeration_closed_by_ellipsis(rules):
    text = "có nhiều mô hình phát huy hiệu quả cao như: Mô hình trồng bưởi, nuôi cá lồng... đã giúp nhiều hộ."
    assert names(text, rules) == ["trồng bưởi", "nuôi cá lồng"]


def test_known_nationwide_campaign_without_kind_word(rules):
    text = "Đẩy mạnh việc “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”."
    [m] = find_models(text, rules)
    assert (m.name, m.kind) == ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                                "cuộc vận động")


def test_repeats_are_one_record_with_mentions(rules):
    text = ("Triển khai mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ” năm 2023.\n\n"
            "III. XÂY DỰNG “CHÍNH QUYỀN THÂN THIỆN, VÌ NHÂN DÂN PHỤC VỤ”\n\n"
            "Xây dựng “Chính quyền thân thiện, vì nhân dân phục vụ” là nhiệm vụ.")
    [m] = find_models(text, rules)
    assert m.name == "Chính quyền thân thiện, vì Nhân dân phục vụ"
    assert m.mentions == 3 and len(m.spans) == 3
    assert (m.start, m.end) == m.spans[0]
    assert all(name_key(text[s:e]) == name_key(m.name) for s, e in m.spans)


def test_joined_names_split_when_parts_are_known(rules):
    text = ("làm theo khẩu hiệu “5 biết” “3 không” “4 thể hiện”.\n\n"
            "thực hiện đúng 3 khẩu hiệu: “5 biết, 3 không” và “4 thể hiện”, cụ thể:")
    models = find_models(text, rules)
    assert [(m.name, m.mentions) for m in models] == [("5 biết", 2), ("3 không", 2), ("4 thể hiện", 2)]


def test_field_from_paragraph_lead_heading_and_inline(rules):
    text = ("- Trên lĩnh vực Quốc phòng, an ninh: tiêu biểu như mô hình “Camera an ninh”.\n\n"
            "2. Về văn hóa - xã hội\n\nxây dựng mô hình “Tủ sách cộng đồng”.\n\n"
            "các mô hình “Cánh đồng lớn” trong lĩnh vực phát triển kinh tế.")
    heading_start = text.index("2. Về")
    sections = [Section("2", None, 2, "2.", "Về văn hóa - xã hội", None, heading_start,
                        text.index("các mô hình"))]
    fields = {m.name: m.field for m in find_models(text, rules, sections)}
    assert fields == {"Camera an ninh": "quốc phòng - an ninh", "Tủ sách cộng đồng": "văn hóa - xã hội",
                      "Cánh đồng lớn": "kinh tế"}


# --- must NOT match --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "tiếp nhận và trả kết quả theo cơ chế “một cửa” như đất đai, hộ tịch",
    "thực hiện chế độ “một cửa”, “một cửa liên thông”, dịch vụ công trực tuyến",
    "Đảng ủy xây dựng Kế hoạch “Phối hợp thực hiện công tác dân vận” 2024.",
    "Quyết định số 218-QĐ/TW của Bộ Chính trị ban hành “Quy chế giám sát và phản biện xã hội”.",
    "Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương “về tăng cường công tác dân vận”",
    "đối thoại với thanh niên với chủ đề “Xây dựng tổ chức Đoàn vững mạnh”",
    "UBND xã gửi 70 “Thư chúc mừng” đến các hộ gia đình",
    "giải quyết các vấn đề bức xúc, các \"điểm nóng\" liên quan đến đất đai",
    "+ “5 biết” gồm: “Biết nghe dân nói, biết nói dân hiểu”",
    "Phong trào toàn dân bảo vệ an ninh tổ quốc được đẩy mạnh.",
    "Kế hoạch “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” năm 2024",
    "UBND huyện ban hành Chương trình “Phát triển du lịch giai đoạn 2021-2025”",  # a document
])
def test_not_a_model(rules, text):
    assert names(text, rules) == []



# --- gold ------------------------------------------------------------------------------------

def test_models_f1_on_gold(rules):
    tp = fp = fn = 0
    for path in sorted(SEEDS.iterdir()):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = normalize(path.read_text(encoding="utf-8"), rules).text
        want = {model_key(m) for m in gold["models"]}
        got = {model_key({"name": m.name}) for m in find_models(text, rules)}
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.92, (tp, fp, fn)


def test_gold_kinds_and_owners(rules):
    """The kind of every gold model; owners where the text says "của …" right after the name."""
    for path in sorted(SEEDS.iterdir()):
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = normalize(path.read_text(encoding="utf-8"), rules).text
        got = {name_key(m.name): m for m in find_models(text, rules)}
        for g in gold["models"]:
            m = got[name_key(g["name"])]
            assert m.kind == g["kind"], (path.stem, g["name"], m.kind)
            if g["owner"] and f"” của {g['owner']}" in text:
                assert m.owner == g["owner"], (path.stem, g["name"], m.owner)


# --- unquoted names --------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Xây dựng các mô hình Dân vận khéo trên lĩnh vực kinh tế.", "Dân vận khéo"),
    ("Đoàn xã duy trì phong trào Ngày thứ bảy tình nguyện, thu hút đông đảo đoàn viên.",
     "Ngày thứ bảy tình nguyện"),
    ("Mô hình Tổ liên gia tự quản được nhân rộng.", "Tổ liên gia tự quản"),
])
def test_unquoted_capitalised_name_with_a_clear_end(rules, text, name):
    assert names(text, rules) == [name]


@pytest.mark.parametrize("text", [
    "các tầng lớp nhân dân tích cực tham gia các phong trào thi đua yêu nước.",
    "Phong trào toàn dân bảo vệ an ninh tổ quốc được đẩy mạnh.",
    "các mô hình Nuôi bò sinh sản kết hợp trồng cỏ voi làm thức ăn xanh cho gia súc hiệu quả",
    "III. PHONG TRÀO THI ĐUA DÂN VẬN KHÉO",
])
def test_unquoted_text_that_is_not_taken(rules, text):
    assert names(text, rules) == []


def test_unquoted_prefix_of_a_quoted_name_is_a_mention_of_it(rules):
    text = ("Triển khai mô hình Chính quyền thân thiện, vì nhân dân phục vụ tại xã.\n\n"
            "Kết quả thực hiện mô hình “Chính quyền thân thiện, vì Nhân dân phục vụ” năm 2023.")
    [m] = find_models(text, rules)
    assert m.name == "Chính quyền thân thiện, vì Nhân dân phục vụ"
    assert m.mentions == 2
    assert text[m.spans[0][0]:m.spans[0][1]] == "Chính quyền thân thiện"
