"""The citation rule files: each rule with examples that must and must not match."""

import pytest
import yaml

from extractor.extract.citations import find_citations, grammar, lexicon
from extractor.rules import load_rules


def test_every_type_word_is_read(rules):
    lex = lexicon(rules)
    for entry in rules.data("doc_types")["types"]:
        word = entry["word"]
        for surface in [word, *entry.get("variants", [])]:
            assert lex.normalize_type_word(surface.upper()) == word
            m = lex.type_word_re.search(f"theo {surface} số 12")
            assert m is not None and lex.normalize_type_word(m.group(0)) == word


def test_every_type_code_gives_a_state_or_party_citation(rules):
    types = rules.data("doc_types")
    for entry in types["types"]:
        for code in entry.get("state", []):
            c = find_citations(f"{entry['word']} số 12/{code}-UBND ngày 05/3/2023", rules)
            assert [x.canonical for x in c] == [f"12/{code}-UBND"], code
            assert c[0].type == entry["word"]
        for code in entry.get("party", []):
            c = find_citations(f"{entry['word']} số 12-{code}/HU ngày 05/3/2023", rules)
            assert [x.canonical for x in c] == [f"12-{code}/HU"], code


def test_type_words_inside_other_words_do_not_count(rules):
    lex = lexicon(rules)
    assert lex.type_word_re.search("Luậtsư số 12") is None
    assert lex.normalize_type_word("Kế") is None


def test_abbreviations_are_type_codes(rules):
    lex = lexicon(rules)
    for abbr in rules.data("doc_types")["abbreviations"]:
        assert abbr in lex.type_codes
        assert lex.normalize_type_word(abbr) is not None
    assert [c.type for c in find_citations("theo QĐ 12/QĐ-UBND", rules)] == ["Quyết định"]
    # a lower-case "nq" is a word, not an abbreviation: the bare symbol still needs its issuer
    assert [c.text for c in find_citations("theo nq 88/NQ", rules)] == []


@pytest.mark.parametrize(("code", "spelling"), [("ubnd", "UBND"), ("TTG", "TTg"), ("TƯ", "TW"), ("ctr", "CTr")])
def test_code_spellings(rules, code, spelling):
    assert lexicon(rules).canonical_code(code) == spelling


def test_issuer_families(rules):
    lex = lexicon(rules)
    issuers = rules.data("issuers")
    for code in issuers["party"]:
        assert code in lex.issuer_codes
    assert "TW" in lex.codes.party and "HU" in lex.codes.party
    assert "UBND" not in lex.codes.party
    assert "BCĐ" not in lex.codes.party  # used by both: a state symbol stays state
    c = find_citations("Quyết định số 2686/QĐ-BCĐQG ngày 05/3/2023; Quyết định số 12/QĐ-BCĐ", rules)
    assert [x.family for x in c] == ["state", "state"]


def test_glued_codes_split_only_into_known_issuers(rules):
    cits = find_citations("Kế hoạch số 30/KHUBND; Kế hoạch số 26/KHHĐ-UBND; Kế hoạch số 5/KHXY", rules)
    assert [c.canonical for c in cits] == ["30/KH-UBND", "26/KHHĐ-UBND", "5/KHXY"]


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # an administrative unit takes one place name and ends the issuer
        ("Kế hoạch số 1/KH-UBND của UBND phường Trần Phú ban hành", "UBND phường Trần Phú"),
        ("Kế hoạch số 1/KH-UBND của UBND thành phố Hà Nội về", "UBND thành phố Hà Nội"),
        ("Kế hoạch số 1/KH-UBND của HĐND thị trấn về", "HĐND thị trấn"),
        ("Kế hoạch số 1/KH-UBND của UBND tỉnh Bà Rịa - Vũng Tàu về", "UBND tỉnh Bà Rịa - Vũng Tàu"),
        ("Kế hoạch số 1/KH-UBND của UBND TP. Hồ Chí Minh về", "UBND TP. Hồ Chí Minh"),
        ("Kế hoạch số 1/KH-UBND của UBND huyện - Phòng Nội vụ", "UBND huyện"),
        # "tỉnh"/"huyện" before "ủy" is a Party body, not a unit
        ("Chỉ thị số 1-CT/TU của Ban Thường vụ Tỉnh ủy Quảng Ngãi về", "Ban Thường vụ Tỉnh ủy Quảng Ngãi"),
        # stop words end the issuer
        ("Thông tư số 1/2020/TT-BNV của Bộ Nội vụ hướng dẫn thi hành", "Bộ Nội vụ"),
        ("Quyết định số 1/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Đề án", "Thủ tướng Chính phủ"),
        # a term after the issuer
        ("Nghị quyết số 1-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII về", "Ban Chấp hành Trung ương Đảng khóa XIII"),
        ("Kết luận số 1-KL/TW của Bộ Chính trị (khoá XII) về", "Bộ Chính trị (khoá XII)"),
    ],
)
def test_citation_phrases(rules, text, issuer):
    (c,) = find_citations(text, rules)
    assert c.issuer == issuer


def test_issuer_stops_are_whole_words(rules):
    g = grammar(rules)
    assert ["về"] in g.stops["về"] and ["ban", "hành"] in g.stops["ban"]
    (c,) = find_citations("Quyết định số 1/QĐ-UBND của Ban Vệ sinh an toàn về", rules)
    assert c.issuer == "Ban Vệ sinh an toàn"  # "Vệ" is not "về"


def test_date_before_citation_can_be_turned_off(tmp_path):
    base = load_rules()
    phrases = dict(base.data("citation_phrases"), date_before_citation=False)
    (tmp_path / "citation_phrases.yaml").write_text(yaml.safe_dump(phrases, allow_unicode=True), encoding="utf-8")
    text = "Ngày 06/4/2023, Ban điều hành ban hành Kế hoạch số 01/KH-BĐH nhằm cụ thể hóa"
    assert [c.date for c in find_citations(text, base)] == ["2023-04-06"]
    assert [c.date for c in find_citations(text, load_rules(tmp_path))] == [None]
