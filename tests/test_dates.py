"""Date parsing and date mentions (conventions.md § Dates)."""

import pytest

from extractor.dates import parse_date


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
