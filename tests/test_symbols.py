"""The one số hiệu model (extractor.extract.symbols): parse, read, repair and compare."""

import ast
from pathlib import Path

import pytest

from extractor.extract import symbols
from extractor.extract.citations import find_citations
from extractor.pipeline import extract_text

from .conftest import ROOT

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"


@pytest.fixture(scope="module")
def codes(rules):
    return symbols.codes(rules)


@pytest.mark.parametrize(("number", "code", "sep", "canonical", "family"), [
    ("33", "CT-TTg", "/", "33/CT-TTg", "state"),
    ("04", "2015/NĐ-CP", "/", "04/2015/NĐ-CP", "legal"),
    ("30a/2008", "NQ-CP", "/", "30a/2008/NQ-CP", "legal"),
    ("114", "KL/TW", "-", "114-KL/TW", "party"),
    ("30", "KHUBND", "/", "30/KH-UBND", "state"),  # glued
    ("129", "KH UBND", "/", "129/KH-UBND", "state"),  # a space for "-"
    ("217", "QĐ-TW", "/", "217-QĐ/TW", "party"),  # Party number in state style
    ("25", "NQ/TƯ", "-", "25-NQ/TW", "party"),  # TƯ for TW
    ("16", "CT-TTG", "/", "16/CT-TTg", "state"),  # wrong case
    ("3905", "UBND", "/", "3905/UBND", "congvan"),
    ("10/2022", "QH15", "/", "10/2022/QH15", "law"),
])
def test_read_gives_the_canonical_form(codes, number, code, sep, canonical, family):
    s = symbols.read(number, code, codes, sep)
    assert (s.canonical, s.family) == (canonical, family)


@pytest.mark.parametrize("written", ["33/CT-TTg", "04/2015/NĐ-CP", "30a/2008/NQ-CP", "114-KL/TW",
                                     "3905/UBND", "689/UBND-VX", "10/2022/QH15", "367-QĐ/TWĐTN-VP"])
def test_parse_of_the_canonical_form_agrees_with_read(codes, written):
    read = symbols.read_written(written, codes)
    parsed = symbols.parse(read.canonical)
    assert (parsed.number, parsed.year, parsed.style, parsed.parts) == (read.number, read.year, read.style, read.parts)
    assert parsed.key() == read.key()


def test_every_corpus_citation_carries_a_symbol_that_parse_agrees_with(rules):
    n = 0
    for path in sorted((ROOT / "corpora" / "seeds").glob("*")):
        for c in find_citations(path.read_text(encoding="utf-8"), rules):
            p = symbols.parse(c.canonical)
            assert c.symbol is not None and p is not None, c.text
            assert (p.number, p.year, p.style, p.parts) == (c.symbol.number, c.symbol.year, c.symbol.style,
                                                            c.symbol.parts), c.text
            assert c.number == c.symbol.written_number
            n += 1
    assert n > 100


def test_keys_ignore_separators_case_and_leading_zeros():
    assert symbols.parse("217/QĐ-TW").key() == symbols.parse("217-QĐ/TW").key()
    assert symbols.parse("05-CT/TW").key() == symbols.parse("5-CT/TW").key()
    assert symbols.parse("30A/2008/NQ-CP") is None  # an upper-case letter is no number suffix
    assert symbols.parse("25-NQ/TU").key() != symbols.parse("25-NQ/TW").key()


@pytest.mark.parametrize("text", ["/BC-UBND", "BC-UBND", "", None, "số 12"])
def test_no_number_no_symbol(codes, text):
    assert symbols.read_written(text, codes) is None
    assert symbols.parse(text) is None


@pytest.mark.parametrize(("raw", "rules_found", "fixed"), [
    ("30/KHUBND", ["glued"], "30/KH-UBND"),
    ("114 -KL/TW", ["space"], "114-KL/TW"),
    ("10/KH - UBND", ["space"], "10/KH-UBND"),
    ("129/KH UBND", ["space"], "129/KH-UBND"),
    ("33/CT-TTG", ["case"], "33/CT-TTg"),
    ("25-NQ/TƯ", ["case"], "25-NQ/TW"),
    ("107-KH-KDVĐU", ["style"], "107-KH/KDVĐU"),
])
def test_repair_names_the_problem_and_the_standard_form(codes, raw, rules_found, fixed):
    problems, got = symbols.repair(raw, (), codes)
    assert [p.rule for p in problems] == rules_found
    assert got == fixed


@pytest.mark.parametrize("raw", ["33/CT-TTg", "04/2015/NĐ-CP", "114-KL/TW", "30a/2008/NQ-CP", "3905/UBND"])
def test_repair_leaves_standard_forms_alone(codes, raw):
    assert symbols.repair(raw, (), codes) == ([], None)


def test_header_own_number_is_read_by_the_model(rules):
    text = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/BC-UBND\nTân Lập, ngày 05 tháng 6 năm 2023\n\nBÁO CÁO\nKết quả\n"
    r = extract_text(text, doc_id="h.txt", rules=rules)
    assert r.header.doc_number == "12/BC-UBND"
    assert r.header.symbol is not None and r.header.symbol.canonical == "12/BC-UBND"
    blank = extract_text(text.replace("12/BC", "  /BC"), doc_id="h.txt", rules=rules)
    assert blank.header.symbol is None


def test_one_symbol_class_in_the_package():
    classes = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes += [(path.name, n.name) for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "Symbol"]
    assert classes == [("symbols.py", "Symbol")]
