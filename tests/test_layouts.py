"""Real-archive layouts (issue #11): headers flattened cell by cell, portal chrome, issuers
in two lines of rank, headings wrapped over lines, legal structure. Must / must-not
examples in the wording such documents have (invented places and numbers)."""

from extractor.rules import load_rules
from extractor.structure.header import parse_header
from extractor.structure.sections import find_sections
from extractor.text.normalize import normalize

RULES = load_rules()


def _header(raw: str):
    text = normalize(raw, RULES).text
    return text, parse_header(text, RULES)


# a two-column header table copied cell by cell, with words broken in every cell
FLATTENED = """| ỦY BAN NHÂN
DÂN
HUYỆN KRÔNG
NĂNG
------- | CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM
Độc lập - Tự do - Hạnh phúc
--------------- |
|---|---|
| Số:
  147/BC-UBND | *Krông
Năng, ngày
09 tháng 11 năm 2021* |

**BÁO CÁO**

**Kết quả thực hiện công tác dân vận chính quyền năm 2021**

Thực hiện Kế hoạch số 12/KH-UBND ngày 20/01/2021 của UBND huyện, UBND huyện báo cáo như sau:

I. KẾT QUẢ THỰC HIỆN
"""


def test_flattened_header_cell_by_cell():
    text, h = _header(FLATTENED)
    assert h.issuer == "ỦY BAN NHÂN DÂN HUYỆN KRÔNG NĂNG"  # must: the motto is not in it
    assert "CỘNG" not in h.issuer and "147" not in h.issuer  # must not: motto, number
    assert (h.doc_number, h.place, h.date) == ("147/BC-UBND", "Krông Năng", "2021-11-09")
    assert (h.doc_type, h.title) == ("BÁO CÁO", "Kết quả thực hiện công tác dân vận chính quyền năm 2021")
    assert text[h.body_start:].lstrip().startswith("Thực hiện Kế hoạch")
    assert (h.issuer_body, h.issuer_level, h.province) == ("UBND", "huyện", "Đắk Lắk")
    assert h.header_source == "header"


def test_place_of_two_words_broken_after_the_number():
    raw = ("UỶ BAN NHÂN DÂN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "THÀNH PHỐ BẢO LỘC         Độc lập - Tự do - Hạnh phúc\n"
           "Số: 33/KH-UBND            Bảo\nLộc, ngày 02 tháng 3 năm 2018\n\nKẾ HOẠCH\nCải cách hành chính năm 2018\n\n"
           "I. MỤC ĐÍCH\n")
    _, h = _header(raw)
    assert (h.place, h.date, h.doc_number) == ("Bảo Lộc", "2018-03-02", "33/KH-UBND")
    assert h.issuer == "UỶ BAN NHÂN DÂN THÀNH PHỐ BẢO LỘC"
    assert (h.issuer_level, h.province) == ("huyện", "Lâm Đồng")


PORTAL = """CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN CHÂU THÀNH
Trang chủ » Tin tức » Văn bản chỉ đạo
Ngày 21/09/2023 10:12:45 | Lượt xem: 87
Báo cáo kết quả thực hiện quy chế dân chủ ở cơ sở 9 tháng đầu năm 2023
Số hiệu: 215/BC-UBND Loại văn bản: Báo cáo
Người ký: Trần Văn Tâm Ngày ban hành: 18/09/2023

| ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: /BC-UBND | Châu Thành, ngày tháng 9 năm 2023 |

BÁO CÁO
Kết quả thực hiện quy chế dân chủ ở cơ sở 9 tháng đầu năm 2023

Thực hiện Luật Thực hiện dân chủ ở cơ sở, UBND huyện báo cáo như sau:
"""


def test_portal_timestamp_is_never_the_date():
    _, h = _header(PORTAL)
    assert h.date != "2023-09-21"  # must not: the page's timestamp
    assert h.date == "2023-09"  # must: the header's own (partial) date
    assert h.issuer == "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH"  # must not: the portal's name
    assert h.title.startswith("Kết quả thực hiện quy chế dân chủ")
    assert h.signer == "Trần Văn Tâm"  # the metadata block fills what the header lacks
    assert h.header_source == "header+portal"


def test_a_timestamp_alone_does_not_date_the_header():
    _, h = _header("Ngày 14/05/2022 08:41:07\n\nBÁO CÁO\nTình hình năm 2022\n\nI. KẾT QUẢ\n")
    assert h.date is None


def test_issuer_in_two_lines_of_rank():
    raw = ("HUYỆN ỦY HÒA VANG                 ĐẢNG CỘNG SẢN VIỆT NAM\nBAN DÂN VẬN\n*\n"
           "Số 41-BC/BDVHU                    Hòa Vang, ngày 05 tháng 6 năm 2019\n\nBÁO CÁO\nSơ kết công tác dân vận\n")
    _, h = _header(raw)
    assert (h.issuer_parent, h.issuer) == ("HUYỆN ỦY HÒA VANG", "BAN DÂN VẬN")
    assert (h.issuer_body, h.issuer_level) == ("Ban Dân vận", "huyện")


def test_province_by_the_map_of_the_documents_date():
    before = "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 10/BC-UBND\nBắc Kạn, ngày 10 tháng 6 năm 2025\n\nBÁO CÁO\nA\n"
    after = before.replace("10 tháng 6 năm 2025", "10 tháng 8 năm 2025")
    h1, h2 = _header(before)[1], _header(after)[1]
    assert (h1.province, h1.province_2025) == ("Bắc Kạn", "Thái Nguyên")
    assert (h2.province, h2.province_2025) == ("Thái Nguyên", "Thái Nguyên")


def _sections(raw: str):
    text = normalize(raw, RULES).text
    return text, find_sections(text, RULES)


def test_heading_wrapped_over_two_lines_next_to_a_one_line_body():
    raw = ("I. MỤC ĐÍCH,\nYÊU CẦU\n1. Mục đích\nNâng cao nhận thức của cán bộ.\n"
           "II. NHIỆM VỤ VÀ GIẢI\nPHÁP CHỦ YẾU\n1. Tuyên truyền\n"
           "III. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch này.\n")
    _, secs = _sections(raw)
    tops = [s.heading for s in secs if s.level == 1]
    assert tops == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN"]
    assert all(s.kind == "heading" for s in secs)


DIEU_LE = """ĐIỀU LỆ
HỢP TÁC XÃ DỊCH VỤ NÔNG NGHIỆP TÂN PHÚ

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Tên và địa chỉ
1. Tên hợp tác xã: Hợp tác xã dịch vụ nông nghiệp Tân Phú.
2. Trụ sở đặt tại thôn 3, xã Tân Phú.

Điều 2. Ngành, nghề kinh doanh
1. Hợp tác xã kinh doanh các ngành, nghề sau:
a) Cung ứng giống, phân bón cho thành viên;
b) Tiêu thụ nông sản.
2. Ngành, nghề khác theo quyết định của Đại hội thành viên.

Chương II
THÀNH VIÊN

Mục 1. ĐIỀU KIỆN

Điều 3. Điều kiện trở thành thành viên
Công dân Việt Nam từ đủ 18 tuổi trở lên có nhu cầu hợp tác.
"""


def test_dieu_le_with_chapters_articles_clauses_points():
    _, secs = _sections(DIEU_LE)
    got = {(s.kind, s.path, s.heading) for s in secs}
    assert ("chapter", "Chương I", "NHỮNG QUY ĐỊNH CHUNG") in got
    assert ("article", "Chương I/Điều 1", "Tên và địa chỉ") in got
    assert ("clause", "Chương I/Điều 2/1", "Hợp tác xã kinh doanh các ngành, nghề sau") in got
    assert ("point", "Chương I/Điều 2/1/b", "Tiêu thụ nông sản") in got
    assert ("section", "Chương II/Mục 1", "ĐIỀU KIỆN") in got
    assert ("article", "Chương II/Mục 1/Điều 3", "Điều kiện trở thành thành viên") in got
    # must not: "Điều kiện" in a heading is no article, "3" of "thôn 3" no clause
    assert not any(s.kind == "clause" and s.path.endswith("/3") for s in secs)
    assert sum(s.kind == "article" for s in secs) == 3
    arts = {s.path: s for s in secs}
    assert arts["Chương I/Điều 2/1/a"].parent_id == "Chương I/Điều 2/1"


def test_decision_articles_and_the_attached_text_are_two_parts():
    raw = ("QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
           "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\n"
           "QUY CHẾ\nLÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ\n(Ban hành kèm theo Quyết định số 5/QĐ-UBND ngày 02/01/2020)\n\n"
           "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Quy chế này quy định việc làm việc.\n")
    _, secs = _sections(raw)
    paths = [s.path for s in secs]
    assert paths[:2] == ["Điều 1", "Điều 2"]
    part = next(s for s in secs if s.kind == "part")
    assert (part.marker, part.heading, part.path) == ("QUY CHẾ", "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ", "QUY CHẾ")
    assert "QUY CHẾ/Chương I/Điều 1/1" in paths
