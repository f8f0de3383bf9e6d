"""Rule files are checked against their schema when loaded (extractor/rule_schema.py)."""

import pytest

from extractor.rules import Rules, RulesError, default_rules_dir


def _overlay(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return Rules([default_rules_dir(), tmp_path])


def test_every_shipped_rule_file_has_its_shape():
    rules = Rules([default_rules_dir()])
    for name in rules.names():
        rules.data(name)


def test_a_wrong_type_names_file_key_and_line(tmp_path):
    good = (default_rules_dir() / "header.yaml").read_text(encoding="utf-8")
    bad = good.replace("max_header_lines: 40", "max_header_lines: forty")
    line = bad.splitlines().index("max_header_lines: forty") + 1
    rules = _overlay(tmp_path, "header.yaml", bad)
    with pytest.raises(RulesError) as exc:
        rules.data("header")
    msg = str(exc.value)
    assert f"header.yaml:{line}: max_header_lines: expected an integer" in msg


def test_a_misspelt_key_is_an_error(tmp_path):
    rules = _overlay(tmp_path, "normalize.yaml", "continuation_words: [và]\nphrase_end: [tới]\n")
    with pytest.raises(RulesError, match=r"normalize.yaml:2: phrase_end: unknown key"):
        rules.data("normalize")


def test_a_missing_required_key_and_a_nested_one(tmp_path):
    rules = _overlay(tmp_path, "section_roles.yaml", "default_label: other\nroles: []\n")
    with pytest.raises(RulesError, match=r"section_roles.yaml:1: \(top\): missing key lower_max_words"):
        rules.data("section_roles")
    rules = _overlay(tmp_path, "section_roles.yaml",
                     "default_label: other\nlower_max_words: 14\nroles:\n  - label: results\n    patterns: kết quả\n")
    with pytest.raises(RulesError, match=r"section_roles.yaml:5: roles\[0\].patterns: expected a list"):
        rules.data("section_roles")


def test_a_bad_regex_and_a_bad_catalog_date(tmp_path):
    rules = _overlay(tmp_path, "laws.yaml", 'max_name_words: 8\nperiod_suffix: "(?:năm"\n')
    with pytest.raises(RulesError, match=r"laws.yaml:2: period_suffix: not a valid regular expression"):
        rules.data("laws")
    rules = _overlay(tmp_path, "catalog.csv", "type,number,code,full_number,date,issuer\n"
                     "Nghị quyết,25,NQ/TW,25-NQ/TW,03/6/2013,Ban Chấp hành Trung ương\n")
    with pytest.raises(RulesError, match=r"catalog.csv:2: date: expected an ISO date"):
        rules.data("catalog")


def test_examples_are_allowed_beside_any_entry(tmp_path):
    rules = _overlay(tmp_path, "normalize.yaml", "continuation_words: [và]\nexamples: [a]\nnot_examples: [[b, c]]\n")
    assert rules.data("normalize")["continuation_words"] == ["và"]
