"""The catalog of known documents: số hiệu parsing and picking a row by number, code and date."""

import pytest

from extractor.check.catalog import CatalogError, default_catalog, load_catalog, read_csv
from extractor.check.context import format_date
from extractor.extract.symbols import digit_slip
from extractor.extract.symbols import parse as parse_symbol

HEADER = "type,number,code,full_number,date,issuer,title_short,source_url\n"


@pytest.mark.parametrize("text,number,year,style,parts", [
    ("30/KH-UBND", "30", None, "state", ("KH", "UBND")),
    ("04/2015/NĐ-CP", "04", 2015, "state", ("NĐ", "CP")),
    ("114-KL/TW", "114", None, "party", ("KL", "TW")),
    ("114 -KL/TW", "114", None, "party", ("KL", "TW")),
    ("79-CTr/BDVTW-BCSĐCP", "79", None, "party", ("CTr", "BDVTW", "BCSĐCP")),
    ("3905/UBND", "3905", None, "state", ("UBND",)),
    ("10/2022/QH15", "10", 2022, "state", ("QH15",)),
    ("30a/2008/NQ-CP", "30a", 2008, "state", ("NQ", "CP")),
    ("10/KH - UBND", "10", None, "state", ("KH", "UBND")),
])
def test_parse_symbol(text, number, year, style, parts):
    sym = parse_symbol(text)
    assert (sym.number, sym.year, sym.style, sym.parts) == (number, year, style, parts)


@pytest.mark.parametrize("text", ["", "Kế hoạch", "UBND-VX", "số 12"])
def test_parse_symbol_rejects_text_without_number_and_code(text):
    assert parse_symbol(text) is None


def test_key_ignores_separators_case_and_leading_zeros():
    assert parse_symbol("217/QĐ-TW").key() == parse_symbol("217-QĐ/TW").key()
    assert parse_symbol("05-CT/TW").key() == parse_symbol("5-CT/TW").key()
    assert parse_symbol("33/CT-TTG").key() == parse_symbol("33/CT-TTg").key()
    assert parse_symbol("25-NQ/TU").key() != parse_symbol("25-NQ/TW").key()


def test_digit_slip():
    assert digit_slip("657", "675") == "transposition"
    assert digit_slip("657", "658") == "substitution"
    assert digit_slip("657", "756") is None  # two digits apart, not adjacent
    assert digit_slip("65", "657") is None
    assert digit_slip("657", "657") is None


def test_format_date():
    assert format_date("2021-11-26") == "26/11/2021"
    assert format_date("2023-05") == "05/2023"
    assert format_date(None) == "?"


def test_default_catalog_picks_the_row_by_date(rules):
    cat = default_catalog(rules)
    sym = parse_symbol("114-KL/TW")
    assert cat.lookup(sym, "2015-07-14").status == "match"
    hit = cat.lookup(sym, "2015-07-04")  # same term, another day
    assert hit.status == "mismatch" and hit.entry.date == "2015-07-14"
    assert cat.lookup(sym, None).status == "unique"


def test_party_number_of_another_term_is_another_document(rules):
    # 114-KL/TW of 2015 (term XI); a 114-KL/TW of 2023 is term XIII: not a mismatch
    assert default_catalog(rules).lookup(parse_symbol("114-KL/TW"), "2023-08-10").status == "other"


def test_three_directives_16_ct_ttg_are_told_apart_by_date_or_left_ambiguous(rules):
    cat = default_catalog(rules)
    sym = parse_symbol("16/CT-TTg")
    assert cat.lookup(sym, "2020-03-31").status == "match"
    # the 2016 directive has no date in the catalog: a 2016 date cannot be pinned to a row
    assert cat.lookup(sym, "2016-05-16").status == "ambiguous"
    assert cat.lookup(sym, None).status == "ambiguous"
    # old style with the year in the number
    assert cat.lookup(parse_symbol("16/2001/CT-TTg"), "2001-06-21").status == "match"


def test_state_number_of_another_year_is_another_document(rules):
    cat = default_catalog(rules)
    sym = parse_symbol("76/NQ-CP")
    assert cat.lookup(sym, "2021-07-15").status == "match"
    assert cat.lookup(sym, "2021-07-25").status == "mismatch"
    assert cat.lookup(sym, "2023-03-02").status == "other"


def test_near_finds_an_issuer_code_slip_and_a_digit_slip(rules):
    cat = default_catalog(rules)
    near = cat.near(parse_symbol("25-NQ/TU"), "2013-06-03")
    assert [e.full_number for e in near] == ["25-NQ/TW"]
    near = cat.near(parse_symbol("114-KL/TW"), "2015-07-14")
    assert near == []  # itself is not "near"
    near = cat.near(parse_symbol("141-KL/TW"), "2015-07-14")
    assert [e.full_number for e in near] == ["114-KL/TW"]
    assert cat.near(parse_symbol("25-NQ/TU"), None) == []


def test_user_catalog_extends_and_overrides(rules, tmp_path):
    user = tmp_path / "mine.csv"
    user.write_text(HEADER + "Kế hoạch,30,KH-UBND,30/KH-UBND,2023-02-17,UBND tỉnh Quảng Ngãi,"
                             "Dân vận chính quyền 2023,\n", encoding="utf-8")
    cat = load_catalog(rules, [user])
    assert cat.lookup(parse_symbol("30/KH-UBND"), "2023-02-17").status == "match"
    assert len(cat) == len(default_catalog(rules)) + 1
    assert cat.lookup(parse_symbol("30/KH-UBND"), "2023-02-17").entry.origin == "mine.csv:2"


def test_user_catalog_errors(tmp_path):
    with pytest.raises(CatalogError, match="not found|cannot read"):
        read_csv(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("number,code\n1,KH-UBND\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="lacks the column"):
        read_csv(bad)
    baddate = tmp_path / "date.csv"
    baddate.write_text(HEADER + "Kế hoạch,1,KH-UBND,1/KH-UBND,17/02/2023,UBND,,\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="YYYY-MM-DD"):
        read_csv(baddate)


def test_every_default_row_parses(rules):
    cat = default_catalog(rules)
    assert len(cat) >= 90
    assert all(e.symbol is not None for e in cat.entries), [e.full_number for e in cat.entries if not e.symbol]
    assert all(e.source_url.startswith("http") for e in cat.entries)


def test_neighbouring_number_of_the_same_day_is_not_a_slip(rules):
    cat = default_catalog(rules)
    # the Government issued both 55/2015/NĐ-CP and 56/2015/NĐ-CP on 09/6/2015
    assert cat.near(parse_symbol("55/2015/NĐ-CP"), "2015-06-09") == []
    # a far substitution is still one
    assert [e.full_number for e in cat.near(parse_symbol("96/2015/NĐ-CP"), "2015-06-09")] == ["56/2015/NĐ-CP"]


# --- every row of the shipped catalog has the shape its số hiệu says --------------------------

def _catalog_rows():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "rules" / "catalog.csv"
    return list(enumerate(csv.DictReader(path.read_text(encoding="utf-8").splitlines()), 2))


def test_catalog_has_at_least_400_rows_each_with_a_source():
    rows = _catalog_rows()
    assert len(rows) >= 400
    assert [i for i, r in rows if not r["source_url"].startswith("http")] == []


@pytest.mark.parametrize(("line", "row"), _catalog_rows(), ids=lambda x: x["full_number"] if isinstance(x, dict) else str(x))
def test_catalog_row_shape(rules, line, row):
    """Type word, type code, issuer code, issuer phrase and date agree under the số hiệu model."""
    from extractor.check import lexicon
    from extractor.check.context import parse_iso
    from extractor.check.issuers import bodies_in, issuer_code
    from extractor.extract import citations, symbols

    codes, clex, lex = symbols.codes(rules), citations.lexicon(rules), lexicon(rules)
    sym = parse_symbol(row["full_number"])
    assert sym is not None, row
    read = symbols.read_written(row["full_number"], codes)
    # number and code columns rebuild the full number
    assert normalize(sym.number) == normalize(row["number"]), row
    rest = row["full_number"][len(row["number"]) + 1:]
    assert rest == (f"{sym.year}/{row['code']}" if sym.year and sym.style == "state" else row["code"]), row
    # a real date, and the year of a VBQPPL number is the year of its date
    if row["date"]:
        assert parse_iso(row["date"]) is not None, row
        assert sym.year is None or sym.year == int(row["date"][:4]), row
    # the type word is known and its code is one of the word's codes (a công văn has none)
    word = clex.normalize_type_word(row["type"])
    assert word is not None, row
    if word != "Công văn" and read.type_code is not None:
        assert read.type_code in clex.codes_for_word(word), row
    # the issuer named is a body that signs under the issuer code
    allowed = lex.code_bodies.get(issuer_code(sym, lex) or "")
    named = bodies_in(row["issuer"], lex)
    assert not allowed or not named or named & allowed, row


def normalize(number):
    from extractor.extract.symbols import normalize_number

    return normalize_number(number)
