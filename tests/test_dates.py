"""Date parsing and date mentions (conventions.md § Dates)."""

import pytest

from extractor.extract.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/02/2023", ("2023-02-17", None)),
        ("5/3/2023", ("2023-03-05", None)),
        ("15-4-2011", ("2011-04-15", None)),
        ("20.10.2015", ("2015-10-20", None)),
        ("ngày 22 tháng 7 năm 2021", ("2021-07-22", None)),
        ("ngày   tháng 5 năm 2023", ("2023-05", "partial")),
        ("ngày tháng năm 2023", ("2023", "partial")),
        ("31/02/2023", (None, "invalid")),
        ("16/7/20 21", ("2021-07-16", "typo")),
        ("tháng 5/2023", ("2023-05", None)),
        ("tháng 5 năm 2023", ("2023-05", None)),
        ("ngày\n13/3/2023", ("2023-03-13", None)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["59/63", "04/2015/NĐ-CP", "2023", "abc", "13/2023"])
def test_parse_date_rejects_non_dates(text):
    assert parse_date(text) == (None, None)


# --- mentions in running text ---------------------------------------------------------------

def dates_of(text):
    return [(d.text, d.date, d.date_end, d.flag) for d in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh",
         [("17/02/2023", "2023-02-17", None, None)]),
        ("Bình Sơn, ngày   tháng    năm 2023", [("ngày   tháng    năm 2023", "2023", None, "partial")]),
        ("Phổ Phong, ngày   tháng 5 năm 2023", [("ngày   tháng 5 năm 2023", "2023-05", None, "partial")]),
        ("Sơn Long, ngày 10 tháng 12 năm 2024", [("ngày 10 tháng 12 năm 2024", "2024-12-10", None, None)]),
        ("CHỈ THỊ SỐ 37-CT/TW NGÀY 03/9/2019", [("03/9/2019", "2019-09-03", None, None)]),
        ("ngày 16/7/20 21 tại hội trường", [("16/7/20 21", "2021-07-16", None, "typo")]),
        ("hạn chót 31/02/2023", [("31/02/2023", None, None, "invalid")]),
        ("ngày 15-4-2011 và ngày 20.10.2015", [("15-4-2011", "2011-04-15", None, None),
                                                ("20.10.2015", "2015-10-20", None, None)]),
        ("ngày\n13/3/2023", [("13/3/2023", "2023-03-13", None, None)]),
        # ranges
        ("tổ chức từ ngày 08- 31/8/2023 tại", [("từ ngày 08- 31/8/2023", "2023-08-08", "2023-08-31", None)]),
        ("từ 01/3 đến 15/3/2023", [("từ 01/3 đến 15/3/2023", "2023-03-01", "2023-03-15", None)]),
        ("từ ngày 01/3/2023 đến ngày 15/3/2023", [("từ ngày 01/3/2023 đến ngày 15/3/2023", "2023-03-01",
                                                   "2023-03-15", None)]),
        ("từ 15/12 đến 15/01/2024", [("từ 15/12 đến 15/01/2024", "2023-12-15", "2024-01-15", None)]),
        ("Kỳ báo cáo: 15/12/2022 - 14/12/2023.", [("15/12/2022 - 14/12/2023", "2022-12-15", "2023-12-14", None)]),
        ("ngày 5/3/2023, 6/3/2023", [("5/3/2023", "2023-03-05", None, None), ("6/3/2023", "2023-03-06", None, None)]),
        ("từ tháng 6 đến tháng 9/2023", [("từ tháng 6 đến tháng 9/2023", "2023-06", "2023-09", None)]),
        # month-year forms count; a bare year does not
        ("trong tháng 5/2023 và tháng 6 năm 2023; năm 2023",
         [("tháng 5/2023", "2023-05", None, None), ("tháng 6 năm 2023", "2023-06", None, None)]),
    ],
)
def test_find_dates(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định 04/2015/NĐ-CP và Nghị quyết 30a/2008/NQ-CP",
        "giải quyết 59/63 vụ việc; 177 lượt/237 người",
        "772.100.000 đồng; 5.433,05 ha; 93,65%",
        "giai đoạn 2021-2025, năm 2023",
        "Điện thoại: 0255.3822.123",
        "ngày 22/3 vừa qua",
    ],
)
def test_find_dates_rejects(text):
    assert find_dates(text) == []


def test_date_offsets_point_into_the_text():
    text = "Thực hiện Chỉ thị 33/CT-TTg. ngày 21/11/2021 của Thủ tướng; từ ngày 08- 31/8/2023"
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(
    "text",
    ["ngày " + ". " * 20000 + "tháng", ("ngày " + " " * 500) * 200, "1/2/" * 20000, ("từ ngày 1 - " * 5000)],
)
def test_no_catastrophic_backtracking(text):
    import time

    t0 = time.perf_counter()
    find_dates(text)
    assert time.perf_counter() - t0 < 2.0
