"""Property tests (hypothesis): whatever the text, extraction raises nothing and every
record points at what it says it found.

Examples are bounded and derandomised so the suite stays fast and repeatable; for a longer,
random search: ``HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties.py``.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.pipeline import extract_text
from extractor.rules import load_rules

settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow], database=None)
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

RULES = load_rules()

# Pieces with the shapes the stages look for (generic forms, not sample text), so that
# random text often holds a citation, a date, a figure, a marker or a quoted name.
PIECES = [
    "Kế hoạch số ", "Nghị quyết số ", "Chỉ thị ", "Quyết định số ", "Luật ", "Công văn số ",
    "30/KH-UBND", "04/2015/NĐ-CP", "114 -KL/TW", "05-CT/TW", "/BC-UBND", "12/NQ-HĐND",
    " ngày ", "17/02/2023", "31/02/2023", "ngày 5 tháng 6 năm 2023", "ngày   tháng 5 năm 2023",
    " của UBND tỉnh", " về ", "Số: ", "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "BÁO CÁO", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    "\n", "\n\n", "\f", "\r\n", "\t", " ", "  ", "I. ", "II. ", "1. ", "2.1. ", "a) ", "- ", "+ ", "* ",
    "Phần thứ nhất", "Chương I", "Mục 2", "Điều 3", "**", "# ", "|", "---",
    "mô hình “", "”", "“", "\"", "phong trào ", "«", "»", "(", ")", ":", ";", ",", ".", "...",
    "5.433,05 ha", "772.100.000 đồng", "93,65%", "58 hộ/86 khẩu", "4,5 tỷ đồng", "03 đơn",
    "chiếm ", "tỷ lệ ", "1.290kg", "15kg/khẩu", "2021-2025", "0", "9", "12", "2023", "19/5",
    "//", "--", "–", "—", "%", "/", "-", "\u00a0", "\u200b", "\ufeff", "e\u0301", "ư", "Đ", "đ",
]

TYPES = ["Kế hoạch", "Nghị quyết", "Chỉ thị", "Quyết định", "Công văn", "Thông tư", "Kết luận", "Luật"]
CODES = ["KH-UBND", "NQ-HĐND", "CT/TW", "KL/TW", "QĐ-TTg", "NĐ-CP", "BC-UBND", "UBND", "TT-BTC", "QH15"]
numbers = st.integers(0, 9999).map(str) | st.sampled_from(["05", "30a", "1.290", "5.433,05", "93,65"])
years = st.integers(1945, 2030).map(str)
dates = st.builds("{}/{}/{}".format, st.integers(0, 40), st.integers(0, 14), years) | st.builds(
    "ngày {} tháng {} năm {}".format, st.integers(0, 40), st.integers(0, 14), years)
seps = st.sampled_from(["/", "-", " -", "/ ", "–", "/"])
citation = st.builds(
    "{} {}{}{}{}{}{}".format, st.sampled_from(TYPES), st.sampled_from(["số ", "số: ", "", "Số "]), numbers,
    seps, st.sampled_from(CODES) | st.builds("{}/{}".format, years, st.sampled_from(CODES)),
    st.sampled_from(["", " ngày "]), dates | st.just(""))
figure = st.builds("{} {}".format, numbers, st.sampled_from(["ha", "hộ", "%", "đồng", "tỷ đồng", "người", "đơn", ""]))
named = st.builds("{} “{}”".format, st.sampled_from(["mô hình", "phong trào", "cuộc vận động", "Mô hình"]),
                  st.text(max_size=20))
heading = st.builds("\n{} {}\n".format, st.sampled_from(["I.", "II.", "1.", "2.1.", "a)", "-", "Phần thứ nhất"]),
                    st.text(max_size=20))
short_form = st.builds("{} {}".format, st.sampled_from(TYPES), st.integers(0, 200).map(str))
pieces = st.sampled_from(PIECES)
joints = st.sampled_from([" ", " ", ", ", ". ", ".\n", "\n", "; ", " và ", ""])
document = st.lists(st.tuples(st.one_of(citation, dates, figure, named, heading, short_form, pieces,
                                        st.text(max_size=8)), joints),
                    max_size=60).map(lambda parts: "".join(a + b for a, b in parts))

text_strategy = st.one_of(st.text(max_size=400), document)

SURFACE = {"citations": "text", "dates": "text", "statistics": "text", "mentions": "text"}


def _check_offsets(result):
    text, n = result.text, len(result.text)
    for kind, field in SURFACE.items():
        for rec in getattr(result, kind):
            assert 0 <= rec.start <= rec.end <= n, (kind, rec)
            assert text[rec.start:rec.end] == getattr(rec, field), (kind, rec)
    for c in result.citations:
        for a, b in ((c.symbol_start, c.symbol_end), (c.date_start, c.date_end), (c.issuer_start, c.issuer_end)):
            if a is not None:
                assert 0 <= a <= b <= n, c
    for m in result.models:  # the name is the display form of all its mentions: offsets only
        assert 0 <= m.start <= m.end <= n, m
        assert (m.start, m.end) == m.spans[0] and all(0 <= a <= b <= n for a, b in m.spans), m
        assert m.mentions == len(m.spans)
    for s in result.sections:
        assert 0 <= s.start <= s.end <= n, s
    hdr = result.header
    assert 0 <= hdr.body_start <= n
    if hdr.body_end is not None:
        assert 0 <= hdr.body_end <= n
    if hdr.number_span:
        assert 0 <= hdr.number_span[0] <= hdr.number_span[1] <= n


@given(text_strategy)
def test_any_text_extracts_without_error_and_offsets_hold(text):
    result = extract_text(text, "prop", RULES)
    assert result.info.status in ("ok", "empty")
    _check_offsets(result)


@given(document)
def test_records_are_in_reading_order(text):
    result = extract_text(text, "prop", RULES)
    for kind in ("citations", "dates", "statistics", "mentions", "models", "sections"):
        starts = [r.start for r in getattr(result, kind)]
        assert starts == sorted(starts), kind
