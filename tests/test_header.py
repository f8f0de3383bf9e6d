import json

import pytest

from extractor.structure.header import parse_header, split_lines
from extractor.text.normalize import normalize

from .conftest import GOLD, SEEDS

FIELDS = ("issuer", "doc_number", "place", "date", "doc_type", "title", "signer", "signer_title",
          "recipients")


def hdr(raw, rules):
    text = normalize(raw, rules).text
    return text, parse_header(text, rules)


# Real layouts (state, Party, công văn, PDF text layer with both columns on one line).

PDF_ONE_LINE = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH THUẬN Độc lập - Tự do - Hạnh phúc
Số: 779 /QĐ-UBND Bình Thuận, ngày 23 tháng 3 năm 2022
QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch thực hiện công tác dân vận
chính quyền năm 2022
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Kế hoạch.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận: KT. CHỦ TỊCH
- Như Điều 2; PHÓ CHỦ TỊCH
- Lưu: VT, NC.
Nguyễn Văn Phong
"""

PARTY = """ĐẢNG BỘ TỈNH QUẢNG NGÃI ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN ỦY BÌNH ĐỊNH
*
Số 07-BC/HU Bình Định, ngày 15 tháng 12 năm 2023

BÁO CÁO
tổng kết công tác xây dựng Đảng năm 2023,
phương hướng nhiệm vụ năm 2024
-----

Thực hiện Hướng dẫn số 12-HD/TU ngày 01/11/2023 của Ban Thường vụ Tỉnh ủy.

I. KẾT QUẢ

Nội dung.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (báo cáo),
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
BÍ THƯ

(Đã ký)

Trần Văn Bình
"""

CONG_VAN = """UBND HUYỆN AN LÃO CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG NỘI VỤ Độc lập - Tự do - Hạnh phúc
Số: 123/PNV An Lão, ngày 05 tháng 4 năm 2024
V/v báo cáo kết quả thực hiện
công tác dân vận năm 2024
Kính gửi: Ủy ban nhân dân các xã.
Thực hiện Kế hoạch số 49/KH-UBND ngày 08/3/2024 của UBND huyện, Phòng Nội vụ đề nghị UBND các xã báo cáo.
Trân trọng./.
Nơi nhận:
- Như trên;
- Lưu: VT.
TRƯỞNG PHÒNG
Lê Thị Hoa
"""

MD_TABLE = """| ỦY BAN NHÂN DÂN<br>**XÃ AN BÌNH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |
|---|---|
| Số: 45/BC-UBND | *An Bình, ngày 10 tháng 6 năm 2024* |

**BÁO CÁO**

**Sơ kết 6 tháng đầu năm 2024**

**I. Kết quả**

Trên đây là báo cáo sơ kết 6 tháng đầu năm 2024 của UBND xã An Bình./.

| **Nơi nhận:**<br>- UBND huyện;<br>- Lưu: VT. | **TM. ỦY BAN NHÂN DÂN**<br>**KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>**Phạm Minh Tuấn** |
"""

BLANKS = """UBND XÃ HÒA AN
Số: ......./BC-UBND
Hòa An, ngày ..... tháng ..... năm 2024
BÁO CÁO
Tình hình thực hiện nhiệm vụ năm 2024
Căn cứ chương trình công tác năm 2024, UBND xã báo cáo như sau:
I - TÌNH HÌNH CHUNG
Trên đây là báo cáo./.
CHỦ TỊCH
Hoàng Văn Em
"""


def test_one_line_pdf_header_and_interleaved_closing(rules):
    text, h = hdr(PDF_ONE_LINE, rules)
    assert h.issuer == "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"
    assert h.doc_number == "779 /QĐ-UBND"
    assert text[h.number_span[0]:h.number_span[1]] == "779 /QĐ-UBND"
    assert (h.place, h.date, h.doc_type) == ("Bình Thuận", "2022-03-23", "QUYẾT ĐỊNH")
    assert h.title == "Về việc phê duyệt Kế hoạch thực hiện công tác dân vận chính quyền năm 2022"
    assert text[h.body_start:].lstrip().startswith("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    assert (h.authority, h.signer_title, h.signer) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Phong")
    assert h.recipients == ["Như Điều 2", "Lưu: VT, NC."]
    assert text[h.body_end:].startswith("Nơi nhận")


def test_party_header(rules):
    text, h = hdr(PARTY, rules)
    assert h.issuer == "ĐẢNG BỘ TỈNH QUẢNG NGÃI HUYỆN ỦY BÌNH ĐỊNH"  # the Party motto is not the issuer
    assert h.doc_number == "07-BC/HU"
    assert (h.place, h.date, h.doc_type) == ("Bình Định", "2023-12-15", "BÁO CÁO")
    assert h.title == "tổng kết công tác xây dựng Đảng năm 2023, phương hướng nhiệm vụ năm 2024"
    assert (h.authority, h.signer_title, h.signer) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Văn Bình")
    # bullet and trailing separator stripped, the archive item kept as written
    assert h.recipients == ["Ban Thường vụ Tỉnh ủy (báo cáo)", "Lưu Văn phòng Huyện ủy."]


def test_cong_van_title_is_the_vv_line(rules):
    text, h = hdr(CONG_VAN, rules)
    assert (h.issuer_parent, h.issuer) == ("UBND HUYỆN AN LÃO", "PHÒNG NỘI VỤ")  # the body that signs
    assert (h.issuer_body, h.issuer_level) == ("Phòng", "huyện")
    assert (h.doc_number, h.place, h.date) == ("123/PNV", "An Lão", "2024-04-05")
    assert h.doc_type == "CÔNG VĂN"
    assert h.title == "V/v báo cáo kết quả thực hiện công tác dân vận năm 2024"
    assert text[h.body_start:].lstrip().startswith("Thực hiện Kế hoạch")  # after "Kính gửi"
    assert (h.signer_title, h.signer, h.recipients) == ("TRƯỞNG PHÒNG", "Lê Thị Hoa", ["Như trên", "Lưu: VT."])


def test_markdown_table_header_and_closing(rules):
    text, h = hdr(MD_TABLE, rules)
    assert h.issuer == "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    assert (h.doc_number, h.place, h.date) == ("45/BC-UBND", "An Bình", "2024-06-10")
    assert (h.doc_type, h.title) == ("BÁO CÁO", "Sơ kết 6 tháng đầu năm 2024")
    assert h.authority == "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH"
    assert (h.signer_title, h.signer) == ("PHÓ CHỦ TỊCH", "Phạm Minh Tuấn")
    assert h.recipients == ["UBND huyện", "Lưu: VT."]
    assert h.body_start < text.index("I. Kết quả") < text.index("Trên đây") < h.body_end


def test_blank_number_and_partial_date(rules):
    text, h = hdr(BLANKS, rules)
    assert h.doc_number == "/BC-UBND"  # placeholder dots dropped
    assert h.date == "2024"  # never invent a day or month
    assert h.place == "Hòa An"
    assert (h.signer_title, h.signer, h.authority, h.recipients) == ("CHỦ TỊCH", "Hoàng Văn Em", None, [])
    assert text[h.body_end:].startswith("CHỦ TỊCH")


def test_signature_before_recipients(rules):
    raw = ("BÁO CÁO\n\nKết quả công tác\n\nI. KẾT QUẢ\n\nNội dung.\n\nTrên đây là báo cáo./.\n\n"
           "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Bảy\n\nNơi nhận:\n- UBND huyện;\n- Lưu: VT.\n")
    text, h = hdr(raw, rules)
    assert (h.authority, h.signer_title, h.signer) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Bảy")
    assert h.recipients == ["UBND huyện", "Lưu: VT."]
    assert text[h.body_end:].startswith("TM. ỦY BAN")


def test_closing_sentence_belongs_to_the_body(rules):
    raw = "I. KẾT QUẢ\n\nNội dung.\n\nTrên đây là báo cáo kết quả, UBND xã kính báo cáo./.\n\nNơi nhận:\n- Như trên;\n"
    text, h = hdr(raw, rules)
    assert text.index("Trên đây") < h.body_end == text.index("Nơi nhận")


def test_motto_alone_is_not_an_issuer(rules):
    raw = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\nSố: 12/BC-UBND\n\nBÁO CÁO\n\nTình hình\n"
    _text, h = hdr(raw, rules)
    assert h.issuer is None
    assert h.doc_number == "12/BC-UBND"


def test_body_number_is_not_the_document_number(rules):
    raw = "BÁO CÁO\n\nKết quả\n\nThực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh.\n"
    _text, h = hdr(raw, rules)
    assert h.doc_number is None and h.number_span is None


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n\n  ",
        "Hôm nay trời đẹp. Chúng tôi đi chơi công viên.\n\n1. Mua vé\n\nGiá vé 20.000 đồng.",
        "Nơi nhận:",
        "Số:",
        "BÁO CÁO",
        "| | |\n|---|---|\n",
        "CHỦ TỊCH\n",
    ],
)
def test_not_a_report_gives_nulls_and_never_crashes(rules, raw):
    text, h = hdr(raw, rules)
    assert h.issuer is None and h.doc_number is None and h.date is None and h.signer is None
    assert 0 <= h.body_start <= len(text)
    assert h.body_end is None or h.body_start <= h.body_end <= len(text)


def test_split_lines_offsets_and_table_cells():
    text = "  a b \n\n| x | y |\nz"
    lines = split_lines(text)
    assert [(ln.text, text[ln.start:ln.end], ln.blank_before) for ln in lines] == [
        ("a b", "a b", False), ("x", "x", True), ("y", "y", False), ("z", "z", False)
    ]


# --- gold -----------------------------------------------------------------------------------


def _norm(field, value):
    if field == "recipients":
        return [" ".join(v.split()).casefold() for v in value or []]
    return " ".join(value.split()).casefold() if value else None


@pytest.fixture(scope="module")
def seed_headers(rules):
    out = {}
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = next(p for p in SEEDS.iterdir() if p.stem == gold_path.stem)
        text = normalize(seed.read_text(encoding="utf-8"), rules).text
        out[gold_path.stem] = (gold["header"], text, parse_header(text, rules))
    return out


def test_gold_header_accuracy_per_field(seed_headers):
    for field in FIELDS:
        ok = sum(_norm(field, g.get(field)) == _norm(field, getattr(h, field))
                 for g, _t, h in seed_headers.values())
        assert ok / len(seed_headers) >= 0.9, field


def test_seed_issuer_lines_joined(seed_headers):
    g, _t, h = seed_headers["pho-phong-2023"]
    assert h.issuer == g["issuer"] == "ỦY BAN NHÂN DÂN XÃ PHỔ PHONG"
    for name in ("binh-son-2023", "quang-trung-2023", "son-long-2024"):
        assert seed_headers[name][2].issuer is None  # these files have no issuer lines


def test_seed_offsets(seed_headers):
    for _name, (_g, text, h) in seed_headers.items():
        assert text[h.number_span[0]:h.number_span[1]] == h.doc_number
        body = text[h.body_start:h.body_end]
        assert "BÁO CÁO" not in body[:50]
        assert "Nơi nhận" not in body and "Trên đây" in body
        assert text[h.body_end:].startswith("Nơi nhận")


def test_type_line_with_a_caps_tail(rules):
    text = ("UBND XÃ A\nSố: 01/BC-UBND\n\nBÁO CÁO SƠ KẾT\nthực hiện Nghị quyết số 12-NQ/ĐU\n\n"
            "Thực hiện chương trình công tác, UBND xã báo cáo như sau:\n")
    h = parse_header(text, rules)
    assert (h.doc_type, h.title) == ("BÁO CÁO", "SƠ KẾT thực hiện Nghị quyết số 12-NQ/ĐU")


@pytest.mark.parametrize("top, issuer", [
    # PDF text: both header columns on one line
    ("BCH HỘI NÔNG DÂN HUYỆN CƯ M'GAR          HỘI NÔNG DÂN VIỆT NAM\n*\n", "BCH HỘI NÔNG DÂN HUYỆN CƯ M'GAR"),
    # the columns one after the other
    ("HỘI LHPN TỈNH ĐẮK LẮK\nBAN THƯỜNG VỤ\nHỘI LHPN VIỆT NAM\n", "HỘI LHPN TỈNH ĐẮK LẮK BAN THƯỜNG VỤ"),
    # the national name is the issuer itself when nothing else names the organisation
    ("BAN CHẤP HÀNH TRUNG ƯƠNG\nHỘI NÔNG DÂN VIỆT NAM\n", "BAN CHẤP HÀNH TRUNG ƯƠNG HỘI NÔNG DÂN VIỆT NAM"),
])
def test_mass_organisation_national_name_is_not_part_of_the_issuer(rules, top, issuer):
    text = top + "Số: 56-BC/HND\nCư M'gar, ngày 20 tháng 11 năm 2018\nBÁO CÁO\nKết quả công tác Hội năm 2018\n"
    assert parse_header(text, rules).issuer == issuer
