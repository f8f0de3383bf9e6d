#!/usr/bin/env python3
"""Build the three .docx seeds (f3, f6, f7) of /work/blind/layouts2.

Each document: a real 2x2 Word header table (issuer | motto; số | place+date),
body paragraphs with bold headings, and one real Word data table (label column +
numeric columns, header row).  Run with the private venv:
    /work/blind/layouts2/.venv/bin/python /work/blind/layouts2/make_docx.py
"""
import os
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")

C = WD_ALIGN_PARAGRAPH.CENTER
J = WD_ALIGN_PARAGRAPH.JUSTIFY
R = WD_ALIGN_PARAGRAPH.RIGHT


def new_doc():
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    for s in d.sections:
        s.left_margin = Cm(3)
        s.right_margin = Cm(2)
        s.top_margin = Cm(2)
        s.bottom_margin = Cm(2)
    return d


def cell_lines(cell, lines):
    """lines: list of (text, bold, italic)"""
    first = True
    for text, bold, italic in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = C
        r = p.add_run(text)
        r.bold = bold
        r.italic = italic


def header(d, issuer_lines, number, place_date, motto=None):
    if motto is None:
        motto = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
                 ("Độc lập - Tự do - Hạnh phúc", True, False)]
    t = d.add_table(rows=2, cols=2)
    cell_lines(t.cell(0, 0), issuer_lines)
    cell_lines(t.cell(0, 1), motto)
    cell_lines(t.cell(1, 0), [(number, False, False)])
    cell_lines(t.cell(1, 1), [(place_date, False, True)])
    return t


def para(d, text, bold=False, italic=False, align=J, lead_bold=None):
    """lead_bold: a prefix printed bold (e.g. 'Điều 1. Tên điều'), rest normal."""
    p = d.add_paragraph()
    p.alignment = align
    if lead_bold:
        r = p.add_run(lead_bold)
        r.bold = True
        if text:
            p.add_run(" " + text)
    else:
        r = p.add_run(text)
        r.bold = bold
        r.italic = italic
    return p


def data_table(d, rows, bold_first=True, bold_last=False):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            c = t.cell(i, j)
            c.text = ""
            r = c.paragraphs[0].add_run(val)
            if (i == 0 and bold_first) or (i == len(rows) - 1 and bold_last):
                r.bold = True
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT if j == 0 else C
    return t


def signature(d, recipients, auth, name):
    t = d.add_table(rows=1, cols=2)
    left = t.cell(0, 0)
    p = left.paragraphs[0]
    r = p.add_run("Nơi nhận:")
    r.bold = True
    r.italic = True
    for x in recipients:
        q = left.add_paragraph()
        q.add_run(x).font.size = Pt(11)
    right = t.cell(0, 1)
    first = True
    for a in auth:
        q = right.paragraphs[0] if first else right.add_paragraph()
        first = False
        q.alignment = C
        q.add_run(a).bold = True
    right.add_paragraph("")
    right.add_paragraph("")
    q = right.add_paragraph()
    q.alignment = C
    q.add_run(name).bold = True


# ---------------------------------------------------------------- f3
def f3():
    d = new_doc()
    header(d, [("ỦY BAN NHÂN DÂN", True, False), ("HUYỆN NGHĨA HÀNH", True, False)],
           "Số: 512/QĐ-UBND", "Nghĩa Hành, ngày 04 tháng 3 năm 2024")
    para(d, "QUYẾT ĐỊNH", bold=True, align=C)
    para(d, "Về việc giao chỉ tiêu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính "
            "và thanh toán trực tuyến năm 2024 đối với UBND các xã, thị trấn", bold=True, align=C)
    para(d, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN NGHĨA HÀNH", bold=True, align=C)
    for t in [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
        "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
        "ngày 22 tháng 11 năm 2019;",
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một "
        "cửa, một cửa liên thông trong giải quyết thủ tục hành chính; Nghị định số 107/2021/NĐ-CP "
        "ngày 06/12/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số "
        "61/2018/NĐ-CP;",
        "Căn cứ Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Văn phòng Chính phủ quy định một "
        "số nội dung và biện pháp thi hành trong số hóa hồ sơ, kết quả giải quyết thủ tục hành "
        "chính và thực hiện thủ tục hành chính trên môi trường điện tử;",
        "Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án "
        "phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi "
        "số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030;",
        "Căn cứ Quyết định số 768/QĐ-UBND ngày 26/8/2021 của UBND tỉnh Quảng Ngãi ban hành Kế "
        "hoạch cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 - 2025;",
        "Thực hiện Kế hoạch số 23/KH-UBND ngày 31/01/2024 của UBND tỉnh về rà soát, đánh giá "
        "thủ tục hành chính năm 2024;",
        "Theo đề nghị của Trưởng phòng Văn hóa và Thông tin huyện tại Tờ trình số 18/TTr-VHTT "
        "ngày 27/02/2024.",
    ]:
        para(d, t, italic=True)
    para(d, "QUYẾT ĐỊNH:", bold=True, align=C)
    para(d, "Giao chỉ tiêu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và thanh toán "
            "trực tuyến năm 2024 đối với UBND các xã, thị trấn (chi tiết tại Phụ lục I kèm theo "
            "Quyết định này).", lead_bold="Điều 1.")
    para(d, "", lead_bold="Điều 2. Tổ chức thực hiện")
    para(d, "1. UBND các xã, thị trấn:")
    para(d, "a) Tổ chức số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Bộ phận Một "
            "cửa; bảo đảm tối thiểu 80% hồ sơ tiếp nhận trong năm được số hóa theo quy định.")
    para(d, "b) Định kỳ trước ngày 20 hằng tháng báo cáo kết quả thực hiện về UBND huyện (qua "
            "Phòng Văn hóa và Thông tin).")
    para(d, "2. Phòng Văn hóa và Thông tin huyện chủ trì theo dõi, đôn đốc, tổng hợp kết quả "
            "thực hiện; hướng dẫn việc kết nối, chia sẻ dữ liệu theo quy định tại khoản 3 Điều 25 "
            "Thông tư số 01/2023/TT-VPCP.")
    para(d, "3. Văn phòng HĐND và UBND huyện phối hợp kiểm tra việc thực hiện cơ chế một cửa "
            "tại cấp xã; tham mưu xử lý các trường hợp chậm số hóa hồ sơ.")
    para(d, "Kết quả thực hiện chỉ tiêu là một tiêu chí đánh giá, xếp loại mức độ hoàn "
            "thành nhiệm vụ năm 2024 của UBND cấp xã và người đứng đầu. Đơn vị đạt từ 90% chỉ "
            "tiêu trở lên được đánh giá hoàn thành tốt; đạt từ 70% đến dưới 90% được đánh giá "
            "hoàn thành; đạt dưới 70% là không hoàn thành chỉ tiêu.", lead_bold="Điều 3.")
    para(d, "Quyết định này có hiệu lực kể từ ngày ký, thay thế Quyết định số "
            "1187/QĐ-UBND ngày 12/6/2023 của Chủ tịch UBND huyện về giao chỉ tiêu số hóa hồ sơ "
            "năm 2023 và bãi bỏ khoản 2 Điều 1 Quyết định số 245/QĐ-UBND ngày 20/01/2024 của "
            "Chủ tịch UBND huyện. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Văn hóa và "
            "Thông tin, Chủ tịch UBND các xã, thị trấn và Thủ trưởng các cơ quan, đơn vị có "
            "liên quan chịu trách nhiệm thi hành Quyết định này./.", lead_bold="Điều 4.")
    signature(d, ["- Như Điều 4;", "- UBND tỉnh (b/c);", "- Sở Thông tin và Truyền thông;",
                  "- TT Huyện ủy, TT HĐND huyện;", "- CT, các PCT UBND huyện;",
                  "- Lưu: VT, VHTT."],
              ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Huỳnh Văn Tấn")
    d.add_page_break()
    para(d, "PHỤ LỤC I", bold=True, align=C)
    para(d, "CHỈ TIÊU SỐ HÓA HỒ SƠ VÀ THANH TOÁN TRỰC TUYẾN NĂM 2024", bold=True, align=C)
    para(d, "(Kèm theo Quyết định số 512/QĐ-UBND ngày 04/3/2024 của Chủ tịch UBND huyện "
            "Nghĩa Hành)", italic=True, align=C)
    data_table(d, [
        ["Đơn vị", "Hồ sơ TTHC dự kiến (hồ sơ)", "Tỷ lệ số hóa (%)",
         "Tỷ lệ thanh toán trực tuyến (%)"],
        ["Thị trấn Chợ Chùa", "2.450", "90", "45"],
        ["Xã Hành Thuận", "1.180", "85", "40"],
        ["Xã Hành Trung", "1.320", "85", "40"],
        ["Xã Hành Phước", "1.050", "80", "35"],
        ["Xã Hành Thịnh", "1.240", "85", "40"],
        ["Xã Hành Tín Đông", "760", "75", "30"],
        ["Tổng cộng", "8.200", "", ""],
    ], bold_last=True)
    d.save(os.path.join(OUT, "f3-docx-quyet-dinh-ubnd-huyen-nghia-hanh-2024.docx"))


# ---------------------------------------------------------------- f6
def f6():
    d = new_doc()
    header(d, [("BỘ NỘI VỤ", False, False), ("CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", True, False)],
           "Số: 1126/BC-VTLTNN", "Hà Nội, ngày 15 tháng 12 năm 2023")
    para(d, "BÁO CÁO", bold=True, align=C)
    para(d, "Kết quả kiểm tra công tác văn thư, lưu trữ và số hóa tài liệu năm 2023",
         bold=True, align=C)
    para(d, "Thực hiện Kế hoạch số 1987/KH-BNV ngày 28/02/2023 của Bộ Nội vụ về kiểm tra công "
            "tác văn thư, lưu trữ năm 2023, Cục Văn thư và Lưu trữ nhà nước đã tổ chức các đoàn "
            "kiểm tra tại 03 bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ và 05 tỉnh, thành phố "
            "trực thuộc Trung ương. Cục Văn thư và Lưu trữ nhà nước báo cáo kết quả như sau:")
    para(d, "I. TÌNH HÌNH TRIỂN KHAI", bold=True)
    para(d, "1. Công tác chỉ đạo, hướng dẫn", bold=True)
    para(d, "Các cơ quan được kiểm tra đều đã ban hành quy chế công tác văn thư, lưu trữ theo "
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; 08/08 "
            "cơ quan đã bố trí công chức chuyên trách làm công tác văn thư, lưu trữ. Việc gửi, "
            "nhận văn bản điện tử được thực hiện theo Quyết định số 28/2018/QĐ-TTg ngày "
            "12/7/2018 của Thủ tướng Chính phủ; tỷ lệ văn bản đi được gửi dưới dạng điện tử bình "
            "quân đạt 92,4%.")
    para(d, "2. Số hóa tài liệu lưu trữ", bold=True)
    para(d, "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được triển khai theo "
            "Thông tư số 01/2023/TT-VPCP ngày 05/4/2023 của Bộ Nội vụ và Đề án phát triển ứng "
            "dụng dữ liệu về dân cư ban hành kèm theo Quyết định số 06/QĐ-TTg ngày 06/01/2022 "
            "của Thủ tướng Chính phủ. Đến ngày 30/11/2023, các cơ quan được kiểm tra đã số hóa "
            "1.286.400 trang tài liệu lưu trữ, tương đương 18.720 hồ sơ.")
    para(d, "II. KẾT QUẢ KIỂM TRA", bold=True)
    para(d, "1. Thể thức và kỹ thuật trình bày văn bản", bold=True)
    para(d, "Đoàn kiểm tra lấy mẫu ngẫu nhiên 420 văn bản hành chính ban hành trong năm 2023 để "
            "đối chiếu với quy định tại khoản 1 Điều 8 Nghị định số 30/2020/NĐ-CP; kết quả có 371 "
            "văn bản đúng thể thức, đạt 88,3%. Kết quả cụ thể tại bảng sau:")
    data_table(d, [
        ["Cơ quan, địa phương", "Số văn bản lấy mẫu", "Số văn bản đúng thể thức",
         "Tỷ lệ đạt (%)"],
        ["Bộ Tư pháp", "60", "57", "95,0"],
        ["Bộ Xây dựng", "60", "52", "86,7"],
        ["Ủy ban Dân tộc", "40", "36", "90,0"],
        ["Tỉnh Hà Giang", "50", "41", "82,0"],
        ["Tỉnh Bình Phước", "50", "44", "88,0"],
        ["Tỉnh Trà Vinh", "50", "43", "86,0"],
        ["Thành phố Cần Thơ", "60", "54", "90,0"],
        ["Tỉnh Quảng Trị", "50", "44", "88,0"],
        ["Tổng cộng", "420", "371", "88,3"],
    ], bold_last=True)
    para(d, "Lỗi phổ biến là trình bày sai vị trí số, ký hiệu; viết tắt không đúng tên loại "
            "văn bản; thiếu dấu chỉ mức độ khẩn. Đối với văn bản của tổ chức đảng tại các cơ "
            "quan, việc trình bày thực hiện theo Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn "
            "phòng Trung ương Đảng.")
    para(d, "2. Lập hồ sơ và nộp lưu hồ sơ điện tử", bold=True)
    para(d, "Kiểm tra xác suất hồ sơ điện tử trên Hệ thống quản lý văn bản và điều hành: lấy "
            "mẫu 35 hồ sơ, đạt 33 hồ sơ; 02 hồ sơ chưa đủ thành phần, thiếu dữ liệu đặc tả. Việc "
            "xử lý dữ liệu cá nhân trong hồ sơ lưu trữ chưa được quy định cụ thể trong quy chế "
            "của cơ quan theo Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ "
            "dữ liệu cá nhân.")
    para(d, "3. Kho lưu trữ và bảo quản tài liệu", bold=True)
    para(d, "Tổng diện tích kho lưu trữ của các cơ quan được kiểm tra là 4.815,5 m2; còn "
            "khoảng 2.140 mét giá tài liệu tích đống chưa được chỉnh lý. Tỉnh Quảng Trị đã xây "
            "dựng mô hình \"Kho lưu trữ số dùng chung\" kết nối với Trung tâm dữ liệu của tỉnh.")
    para(d, "III. ĐÁNH GIÁ VÀ KIẾN NGHỊ", bold=True)
    para(d, "1. Đánh giá chung", bold=True)
    para(d, "Công tác văn thư, lưu trữ của các cơ quan được kiểm tra có nhiều chuyển biến; tỷ "
            "lệ văn bản đúng thể thức tăng so với năm 2022. Kết quả này là một căn cứ để chấm "
            "điểm tiêu chí hiện đại hóa hành chính trong Chỉ số cải cách hành chính theo Đề án "
            "ban hành kèm theo Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ.")
    para(d, "2. Kiến nghị", bold=True)
    para(d, "Đề nghị các cơ quan, địa phương có tỷ lệ văn bản đúng thể thức dưới 85% tổ chức "
            "tập huấn lại cho đội ngũ văn thư; bố trí kinh phí chỉnh lý tài liệu tích đống, "
            "hoàn thành trước năm 2025.")
    para(d, "Trên đây là báo cáo kết quả kiểm tra công tác văn thư, lưu trữ và số hóa tài liệu "
            "năm 2023 của Cục Văn thư và Lưu trữ nhà nước./.")
    signature(d, ["- Bộ trưởng (để b/c);", "- Thứ trưởng phụ trách (để b/c);",
                  "- Các cơ quan được kiểm tra;", "- Sở Nội vụ các tỉnh, thành phố;",
                  "- Lưu: VT, NVVT."],
              ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"], "Trần Việt Hà")
    d.save(os.path.join(OUT, "f6-docx-bo-noi-vu-cuc-van-thu-luu-tru-2023.docx"))


# ---------------------------------------------------------------- f7
def f7():
    d = new_doc()
    header(d, [("UBND HUYỆN YÊN CHÂU", False, False), ("BAN CHỈ ĐẠO 138", True, False)],
           "Số: 47/BC-BCĐ", "Yên Châu, ngày 12 tháng 6 năm 2025")
    para(d, "BÁO CÁO", bold=True, align=C)
    para(d, "Kết quả công tác phòng, chống tội phạm, ma túy 6 tháng đầu năm 2025; nhiệm vụ "
            "trọng tâm 6 tháng cuối năm 2025", bold=True, align=C)
    para(d, "Thực hiện Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị về tăng cường, nâng "
            "cao hiệu quả công tác phòng, chống và kiểm soát ma túy; Kế hoạch số 35/KH-UBND ngày "
            "14/02/2025 của UBND tỉnh Sơn La về phòng, chống ma túy năm 2025 và Kế hoạch số "
            "12/KH-BCĐ ngày 20/01/2025 của Ban Chỉ đạo 138 huyện, Ban Chỉ đạo báo cáo kết quả "
            "như sau:")
    para(d, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    para(d, "1. Công tác lãnh đạo, chỉ đạo", bold=True)
    para(d, "Ban Chỉ đạo 138 huyện ban hành 09 văn bản chỉ đạo, hướng dẫn; tổ chức 02 hội nghị "
            "giao ban với 15/15 Ban Chỉ đạo các xã, thị trấn. Triển khai Nghị quyết số "
            "15-NQ/HU ngày 05/3/2021 của Ban Chấp hành Đảng bộ huyện về phòng, chống ma túy giai "
            "đoạn 2021 - 2025 gắn với xây dựng \"Bản, tiểu khu không có ma túy\".")
    para(d, "2. Kết quả đấu tranh, trấn áp tội phạm về ma túy", bold=True)
    para(d, "Lực lượng Công an huyện phát hiện, bắt giữ 64 vụ, 92 đối tượng phạm tội về ma túy, "
            "tăng 6 vụ (10,3%) so với cùng kỳ; thu giữ 8147,6678g ma túy các loại, trong đó "
            "2.315,42g heroin và 5.832,2478g ma túy tổng hợp, 03 xe mô tô, 14 điện thoại di động. "
            "Số liệu so sánh với cùng kỳ năm 2024 như sau:")
    data_table(d, [
        ["Nội dung", "Đơn vị tính", "6 tháng đầu năm 2024", "6 tháng đầu năm 2025"],
        ["Số vụ phạm tội về ma túy bị phát hiện", "vụ", "58", "64"],
        ["Số đối tượng bị bắt giữ", "đối tượng", "81", "92"],
        ["Heroin thu giữ", "g", "3.120,50", "2.315,42"],
        ["Ma túy tổng hợp thu giữ", "g", "4.856,10", "5.832,2478"],
        ["Người nghiện được cai nghiện", "người", "35", "42"],
    ])
    para(d, "3. Quản lý người sử dụng trái phép chất ma túy, người nghiện", bold=True)
    para(d, "Ứng dụng dữ liệu dân cư theo Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ "
            "tướng Chính phủ để rà soát, cập nhật 318 người nghiện, người sử dụng trái phép chất "
            "ma túy có hồ sơ quản lý. Phối hợp Trạm Y tế các xã tổ chức xét nghiệm nhanh 1.245 "
            "mẫu nước tiểu, phát hiện 58 mẫu dương tính; đưa 42 người đi cai nghiện, trong đó "
            "29 người cai nghiện bắt buộc, 13 người cai nghiện tự nguyện.")
    para(d, "4. Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc", bold=True)
    para(d, "Phong trào \"Toàn dân bảo vệ an ninh Tổ quốc\" được duy trì; toàn huyện có 47 mô "
            "hình tự quản về an ninh, trật tự, trong đó mô hình \"Bản, tiểu khu không có ma túy\" "
            "được nhân rộng tại 21 bản, tiểu khu. Theo điểm b khoản 2 Mục III Kế hoạch số "
            "35/KH-UBND của UBND tỉnh, bản được công nhận không có ma túy khi không có người "
            "nghiện mới trong 12 tháng liên tục.")
    para(d, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    para(d, "Tình hình tội phạm ma túy trên tuyến biên giới, địa bàn giáp ranh còn diễn biến "
            "phức tạp; số người nghiện tái nghiện sau cai còn cao; một số xã chưa bố trí được "
            "kinh phí cho hoạt động của tổ tự quản.")
    para(d, "III. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025", bold=True)
    para(d, "1. Tiếp tục thực hiện Chỉ thị số 36-CT/TW của Bộ Chính trị; chủ động rà soát, "
            "kiện toàn Ban Chỉ đạo các xã khi thực hiện chính quyền địa phương 02 cấp.")
    para(d, "2. Phấn đấu 100% người nghiện có hồ sơ quản lý được áp dụng biện pháp cai nghiện "
            "hoặc quản lý sau cai; kéo giảm tối thiểu 10% số người nghiện so với cuối năm 2024.")
    para(d, "3. Nhân rộng mô hình \"Bản, tiểu khu không có ma túy\" đến thêm 10 bản.")
    para(d, "Trên đây là báo cáo kết quả công tác phòng, chống tội phạm, ma túy 6 tháng đầu năm "
            "2025 của Ban Chỉ đạo 138 huyện Yên Châu./.")
    signature(d, ["- BCĐ 138 tỉnh (b/c);", "- TT Huyện ủy, TT HĐND huyện (b/c);",
                  "- Thành viên BCĐ 138 huyện;", "- BCĐ 138 các xã, thị trấn;",
                  "- Lưu: VT, CA."],
              ["TRƯỞNG BAN", "CHỦ TỊCH UBND HUYỆN"], "Lò Văn Khiêm")
    d.save(os.path.join(OUT, "f7-docx-ban-chi-dao-138-huyen-yen-chau-2025.docx"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    f3()
    f6()
    f7()
    print("ok")
