"""Every ``examples`` / ``not_examples`` list in rules/ is run here (one test, reporters-db
style): an example is a text the entry beside it must accept, a not-example one it must
not. How an entry "accepts" a text depends on the file, so each file that carries examples
names its check below; examples in a file or place without a check fail the test, so none
is silently ignored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import regex as re

from extractor.extract.dates import parse_date
from extractor.extract.statistics import find_statistics, header_unit
from extractor.rule_schema import EXAMPLE_KEYS
from extractor.rules import load_rules
from extractor.structure.issuer import issuer_lexicon, split_parent
from extractor.structure.portal import portal_lexicon
from extractor.structure.sections import label_for
from extractor.text.fold import tone_tolerant
from extractor.text.markers import markers

RULES = load_rules()
_FIRST_NUMBER = re.compile(r"[0-9]")


def _first_number_is_statistic(rules, text: str) -> bool:
    first = _FIRST_NUMBER.search(text).start()
    return any(s.start == first for s in find_statistics(text, rules))


def _is_document(text: str, rules) -> bool:
    from extractor.extract.doc_kind import not_a_document
    from extractor.pipeline import extract_text

    return not_a_document(extract_text(text, rules=rules), rules) is None


def _share_compared(rules, entry, key, text) -> bool:
    """The last percentage of ``text`` is compared with the ratio before it as its share."""
    from extractor.check.context import DocContext
    from extractor.check.figures import share_pairs
    from extractor.check.lexicon import lexicon
    from extractor.pipeline import extract_text

    result = extract_text(text, doc_id="example.txt", rules=rules)
    stats = sorted((s for s in result.statistics if s.end > s.start), key=lambda s: s.start)
    percents = [s for s in stats if (s.unit_base or s.unit) == "%"]
    pairs = share_pairs(DocContext(result, rules, lexicon(rules), 0), stats)
    return bool(pairs and percents) and pairs[-1][1] is percents[-1]


def _last_relation(rules: Any, text: str) -> str | None:
    from extractor.pipeline import extract_text

    recs = sorted(extract_text(text, rules=rules).citations, key=lambda c: c.start)
    return recs[-1].relation if recs else None


# (file, place) -> accepts(rules, entry, key, text): does ``entry`` accept ``text``?
# ``place`` is the key path with list indexes as [] and, for a mapping of entries, * as key.
Check = Callable[[Any, dict, str, str], bool]
CHECKS: dict[tuple[str, str], Check] = {
    ("section_roles", "roles[]"): lambda r, e, k, t: label_for(t, r, top_level=True) == e["label"],
    ("markers", "levels.*"): lambda r, e, k, t: markers(r).level_of(t) == k,
    ("dates", ""): lambda r, e, k, t: parse_date(t, r)[0] is not None,
    ("laws", "named_documents[]"): lambda r, e, k, t: bool(re.search(tone_tolerant(e["pattern"]), t, re.I)),
    ("documents", ""): lambda r, e, k, t: _is_document(t, r),
    ("checks", "figures.share_binding"): _share_compared,
    ("relations", "relations.*"): lambda r, e, k, t: _last_relation(r, t) == k,
    # a bound: the first number of the text is no statistic
    ("units", "bounds"): lambda r, e, k, t: not _first_number_is_statistic(r, t),
    # a table column heading that gives its cells a unit
    ("units", "tables"): lambda r, e, k, t: header_unit(t, r) is not None,
    ("model_words", "known[]"): lambda r, e, k, t: bool(re.match(tone_tolerant(e["pattern"]), t, re.I)),
    ("issuer_bodies", ""): lambda r, e, k, t: split_parent(t, issuer_lexicon(r))[0] is not None,
    ("portal", ""): lambda r, e, k, t: bool(portal_lexicon(r).chrome.match(t)),
}


def _entries(value: Any, place: str = "", key: str = "") -> Iterator[tuple[str, str, dict]]:
    """(place, key, mapping) of every mapping in a rule file's data."""
    if isinstance(value, dict):
        if any(k in value for k in EXAMPLE_KEYS):
            yield place, key, value
        for k, v in value.items():
            if k not in EXAMPLE_KEYS:
                yield from _entries(v, f"{place}.{k}" if place else str(k), str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _entries(v, f"{place}[]", key)


def _check_for(name: str, place: str) -> Check | None:
    if (name, place) in CHECKS:
        return CHECKS[name, place]
    head, _, _ = place.rpartition(".")
    return CHECKS.get((name, f"{head}.*" if head else "*"))


def _cases() -> list:
    cases = []
    for name in RULES.names():
        if RULES.path(name).suffix == ".csv":
            continue
        for place, key, entry in _entries(RULES.data(name)):
            for kind in EXAMPLE_KEYS:
                for example in entry.get(kind) or []:
                    text = example[0] if isinstance(example, list) else example
                    cases.append(pytest.param(name, place, key, entry, kind == "examples", text,
                                              id=f"{name}:{place}:{kind}:{text[:40]}"))
    return cases


CASES = _cases()


def test_examples_exist_in_several_files():
    assert len({c.values[0] for c in CASES}) >= 5 and len(CASES) >= 60


@pytest.mark.parametrize("name, place, key, entry, must, text", CASES)
def test_rule_example(name, place, key, entry, must, text):
    check = _check_for(name, place)
    assert check is not None, f"{name}.yaml {place}: examples but no check in tests/test_rule_examples.py"
    assert check(RULES, entry, key, text) is must, f"{name}.yaml {place} {key}: {text!r}"
