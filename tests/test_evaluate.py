import json

import pytest

from extractor.evaluate import (
    EvalError,
    Score,
    citation_key,
    evaluate,
    evaluate_dirs,
    format_scores,
    statistic_key,
)


def test_citation_key_ignores_separators_spaces_and_case():
    assert citation_key({"number": "114", "code": "KL/TW"}) == citation_key({"number": "114 ", "code": "-kl/tw"})
    assert citation_key({"number": "30", "code": "KHUBND"}) == citation_key({"number": "30", "code": "KH-UBND"})
    assert citation_key({"number": "30", "code": "KH-UBND"}) != citation_key({"number": "31", "code": "KH-UBND"})


def test_citation_key_with_date_distinguishes_dates():
    a = {"number": "33", "code": "CT-TTg", "date": "2021-11-26"}
    b = {"number": "33", "code": "CT-TTg", "date": "2021-11-21"}
    assert citation_key(a, True) != citation_key(b, True)
    assert citation_key(a) == citation_key(b)


def test_statistic_key_matches_int_and_float_and_keeps_ratios():
    assert statistic_key({"value": 100, "unit": "%"}) == statistic_key({"value": 100.0, "unit": "%"})
    assert statistic_key({"value": "59/63", "unit": "vụ việc"}) == "59/63 vụ việc"
    assert statistic_key({"value": 5433.05, "unit": "ha"}) != statistic_key({"value": 5433.5, "unit": "ha"})


def test_score_is_multiset_precision_recall():
    s = Score()
    s.add(["a", "a", "b"], ["a", "c"], "d1")
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert s.missed == ["d1: a", "d1: b"] and s.spurious == ["d1: c"]


def test_evaluate_header_and_sections():
    gold = {"doc": {"header": {"issuer": None, "date": "2023-05", "recipients": ["Lưu: VT."]},
                    "sections": [{"level": 1, "marker": "I.", "heading": "TÌNH HÌNH CHUNG"},
                                 {"level": 2, "marker": "1.", "heading": "Kết quả"}],
                    "citations": [], "statistics": [], "models": []}}
    out = {"doc": {"documents": [{"issuer": None, "date": "2023-05", "recipients": ["Lưu: VT"]}],
                   "sections": [{"level": 1, "marker": "I.", "heading": "Tình hình chung"}]}}
    r = evaluate(gold, out)
    assert r["header"]["accuracy"] == 1.0  # trailing punctuation and case ignored
    assert r["sections_top"]["f1"] == 1.0
    assert r["sections_all"]["recall"] == 0.5


def test_evaluate_dirs_reads_jsonl_and_reports_missing(tmp_path):
    gold = tmp_path / "gold"
    out = tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    (gold / "a.json").write_text(json.dumps({"id": "a", "citations": [{"number": "1", "code": "KH-UBND"}]}))
    (gold / "b.json").write_text(json.dumps({"id": "b"}))
    (out / "documents.jsonl").write_text(json.dumps({"doc_id": "sub/a.txt"}) + "\n")
    (out / "citations.jsonl").write_text(json.dumps({"doc_id": "sub/a.txt", "number": "1", "code": "KH/UBND"}) + "\n")
    r = evaluate_dirs(gold, out)
    assert r["citations"]["f1"] == 1.0
    assert r["missing_documents"] == ["b"]
    assert "citations" in format_scores(r)


def test_evaluate_dirs_errors(tmp_path):
    with pytest.raises(EvalError, match="gold folder not found"):
        evaluate_dirs(tmp_path / "nope", tmp_path)
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "x.json").write_text("{}")
    with pytest.raises(EvalError, match="documents.jsonl"):
        evaluate_dirs(tmp_path / "g", tmp_path)


def test_statistic_key_reads_scale_words_as_the_base_unit():
    scales = {"tỷ": 1e9, "triệu": 1e6}
    written = statistic_key({"value": 4.5, "unit": "tỷ đồng"}, scales)
    assert written == statistic_key({"value": 4500000000, "unit": "đồng"}, scales)
    assert statistic_key({"value": 850, "unit": "triệu đồng"}, scales) != statistic_key(
        {"value": 850000, "unit": "đồng"}, scales)
    # a scale word alone is its own unit
    assert statistic_key({"value": 1.2, "unit": "triệu"}, scales) == "1.2 triệu"
