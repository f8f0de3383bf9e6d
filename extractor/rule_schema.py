"""The shape of each rule file, checked when the file is loaded.

A malformed rule file (a user's ``--rules`` folder, or a slip in an edit) fails at load
time with the file, the key and the line: ``header.yaml:12: max_header_lines: expected an
integer, got a string``, rather than deep inside a stage. Unknown keys are errors too (a
misspelt key would otherwise be silently ignored).

Any mapping may carry ``examples`` and ``not_examples`` (lists of strings, or of
``[input, expected]`` pairs): texts the entry must and must not accept. They are data, not
behaviour: ``tests/test_rule_examples.py`` runs every one of them.

Keys marked required (``Obj(required=...)``) have no default in the code: the stage reads
them as ``data["key"]``, so the value in the YAML is the only one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

EXAMPLE_KEYS = ("examples", "not_examples")

_TAGS = {
    "str": ("tag:yaml.org,2002:str",),
    "int": ("tag:yaml.org,2002:int",),
    "number": ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"),
    "bool": ("tag:yaml.org,2002:bool",),
}
_NAMES = {"str": "a string", "int": "an integer", "number": "a number", "bool": "true or false",
          "regex": "a regular expression"}
_TAG_NAMES = {"tag:yaml.org,2002:str": "a string", "tag:yaml.org,2002:int": "an integer",
              "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:bool": "a boolean",
              "tag:yaml.org,2002:null": "nothing", "tag:yaml.org,2002:map": "a mapping",
              "tag:yaml.org,2002:seq": "a list"}


class SchemaError(ValueError):
    def __init__(self, line: int, key: str, message: str):
        super().__init__(f"{line}: {key or '(top)'}: {message}")
        self.line, self.key, self.message = line, key, message


@dataclass(frozen=True)
class Scalar:
    kind: str  # str | int | number | bool | regex


@dataclass(frozen=True)
class List:
    item: Any
    non_empty: bool = False


@dataclass(frozen=True)
class Map:
    """Any keys (strings), each value of one shape."""

    value: Any


@dataclass(frozen=True)
class Obj:
    """Known keys: ``required`` must be there, ``optional`` may be."""

    required: dict[str, Any] = field(default_factory=dict)
    optional: dict[str, Any] = field(default_factory=dict)


STR, INT, NUM, BOOL, REGEX = Scalar("str"), Scalar("int"), Scalar("number"), Scalar("bool"), Scalar("regex")
WORDS = List(STR)
EXAMPLE = List(Scalar("example"))


def _describe(node: yaml.Node) -> str:
    return _TAG_NAMES.get(node.tag, node.tag)


def _check(node: yaml.Node, spec: Any, key: str) -> None:
    line = node.start_mark.line + 1
    if isinstance(spec, Scalar):
        if spec.kind == "example":  # "text" or [text, expected]
            if isinstance(node, yaml.SequenceNode) and len(node.value) == 2:
                _check(node.value[0], STR, key)
                return
            spec = STR
        if not isinstance(node, yaml.ScalarNode):
            raise SchemaError(line, key, f"expected {_NAMES[spec.kind]}, got {_describe(node)}")
        tags = _TAGS.get(spec.kind, _TAGS["str"])
        if node.tag not in tags:
            raise SchemaError(line, key, f"expected {_NAMES[spec.kind]}, got {_describe(node)} ({node.value!r})")
        if spec.kind == "regex":
            try:
                regex.compile(node.value)
            except regex.error as exc:
                raise SchemaError(line, key, f"not a valid regular expression: {exc}") from exc
        return
    if isinstance(spec, List):
        if not isinstance(node, yaml.SequenceNode):
            raise SchemaError(line, key, f"expected a list, got {_describe(node)}")
        if spec.non_empty and not node.value:
            raise SchemaError(line, key, "expected a non-empty list")
        for i, item in enumerate(node.value):
            _check(item, spec.item, f"{key}[{i}]")
        return
    if not isinstance(node, yaml.MappingNode):
        raise SchemaError(line, key, f"expected a mapping, got {_describe(node)}")
    seen = set()
    for k_node, v_node in node.value:
        k = str(k_node.value)
        path = f"{key}.{k}" if key else k
        if k in seen:
            raise SchemaError(k_node.start_mark.line + 1, path, "key given twice")
        seen.add(k)
        if k in EXAMPLE_KEYS:
            _check(v_node, EXAMPLE, path)
        elif isinstance(spec, Map):
            _check(v_node, spec.value, path)
        elif k in spec.required:
            _check(v_node, spec.required[k], path)
        elif k in spec.optional:
            _check(v_node, spec.optional[k], path)
        else:
            known = ", ".join(sorted({*spec.required, *spec.optional}))
            raise SchemaError(k_node.start_mark.line + 1, path, f"unknown key (known: {known})")
    if isinstance(spec, Obj):
        missing = [k for k in spec.required if k not in seen]
        if missing:
            raise SchemaError(line, key, f"missing key {', '.join(missing)}")


def check_yaml(text: str, spec: Any) -> None:
    """Raise :class:`SchemaError` if the YAML ``text`` does not have the shape ``spec``."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~10x
    if node is None:
        raise SchemaError(1, "", "the file is empty")
    _check(node, spec, "")


def check_csv(text: str, columns: tuple[str, ...], iso_dates: tuple[str, ...] = ()) -> None:
    """Raise :class:`SchemaError` if the CSV lacks a column or has a malformed ISO date."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise SchemaError(1, missing[0], f"missing column (the header needs {', '.join(columns)})")
    for row in reader:
        for col in iso_dates:
            value = (row.get(col) or "").strip()
            if value and not regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise SchemaError(reader.line_num, col, f"expected an ISO date (YYYY-MM-DD), got {value!r}")


def check_file(name: str, path: Path, text: str) -> None:
    """Check one rule file against its schema (files without one are not checked)."""
    if path.suffix == ".csv":
        spec = CSV_SCHEMAS.get(name)
        if spec is not None:
            check_csv(text, *spec)
        return
    spec = SCHEMAS.get(name)
    if spec is not None:
        check_yaml(text, spec)


# --- the schemas ------------------------------------------------------------------------------

_LEVEL_WORDS = Obj(required={"words": WORDS})

SCHEMAS: dict[str, Any] = {
    "markers": Obj(
        required={"roman_digits": STR, "letter_range": STR, "letters": List(STR, True), "bullets": STR,
                  "levels": Obj(required={lv: _LEVEL_WORDS for lv in
                                          ("part", "chapter", "section", "article", "appendix")}),
                  "part_levels": WORDS, "ordinal_words": Map(INT)},
    ),
    "issuer_bodies": Obj(required={
        "bodies": List(Obj(required={"body": STR, "patterns": List(STR, True)}, optional={"level": STR})),
        "default_body": STR, "subordinate_starts": WORDS, "not_subordinate": WORDS, "level_words": Map(WORDS), "central_words": WORDS}),
    "portal": Obj(required={"chrome_lines": List(REGEX, True), "metadata": Map(WORDS)}),
    "dates": Obj(
        required={"day_words": List(STR, True), "month_words": List(STR, True), "year_words": List(STR, True),
                  "range_from": List(STR, True), "range_to": List(STR, True), "range_until": List(STR, True)},
    ),
    "section_roles": Obj(
        required={"default_label": STR, "lower_max_words": INT,
                  "roles": List(Obj(required={"label": STR, "patterns": List(STR, True)},
                                    optional={"priority": INT}))},
        optional={"lead_words": WORDS, "heading_continuations": WORDS},
    ),
    "normalize": Obj(optional={"continuation_words": WORDS, "phrase_ends": WORDS,
                               "name_continuation_words": WORDS, "paragraph_openers": WORDS}),
    "header": Obj(
        required={"max_header_lines": INT, "max_header_chars": INT, "max_title_lines": INT,
                  "max_title_chars": INT, "max_closing_lines": INT, "number_labels": List(STR, True)},
        optional={"doc_types": WORDS, "congvan": Obj(optional={"doc_type": STR, "subject_prefixes": WORDS}),
                  "mottos": WORDS, "organisation_mottos": List(Obj(required={"motto": WORDS, "stems": WORDS})),
                  "addressee_markers": WORDS, "recipient_markers": WORDS, "body_openers": WORDS,
                  "authority_prefixes": WORDS, "signer_titles": WORDS, "signature_notes": WORDS,
                  "organisation_words": WORDS, "not_issuer": WORDS, "archive_words": WORDS, "surnames": WORDS},
    ),
    "doc_types": Obj(
        required={"max_words_before_so": INT,
                  "types": List(Obj(required={"word": STR},
                                    optional={"variants": WORDS, "state": WORDS, "legal": WORDS, "party": WORDS}))},
        optional={"old_codes": Map(WORDS), "abbreviations": WORDS},
    ),
    "issuers": Obj(optional={"state": WORDS, "party": WORDS, "both": WORDS, "aliases": Map(STR)}),
    "citation_phrases": Obj(
        required={"max_issuer_words": INT, "date_before_citation": BOOL},
        optional={"issuer_markers": WORDS, "admin_units": WORDS, "abbreviated_units": WORDS,
                  "issuer_stops": WORDS, "term_words": WORDS, "subject_markers": WORDS},
    ),
    "laws": Obj(
        required={"max_name_words": INT, "period_suffix": REGEX},
        optional={"words_after_number": WORDS, "stop_words": WORDS, "not_name_first": WORDS,
                  "named_types": Map(List(Obj(required={"name": STR}, optional={"aliases": WORDS}))),
                  "named_documents": List(Obj(required={"type": STR, "pattern": REGEX}))},
    ),
    "model_words": Obj(
        required={"max_words": INT, "unquoted_max_words": INT, "kinds": Map(List(STR, True))},
        optional={"modifiers": WORDS, "list_intros": WORDS, "not_before": WORDS, "not_name_start": WORDS,
                  "unquoted_stop_words": WORDS, "known": List(Obj(required={"pattern": REGEX, "kind": STR})),
                  "fields": Map(WORDS), "place_words": WORDS},
    ),
    "units": Obj(
        required={"ellipsis_max_gap": INT, "measures": Map(WORDS), "scale_words": Map(NUM),
                  "not_name_after": WORDS,
                  "bounds": Obj(required={k: WORDS for k in ("before", "after_unit", "after_clause", "range_from",
                                                             "range_to", "named_before_is", "age_units",
                                                             "age_group_words")},
                                optional={"examples": EXAMPLE, "not_examples": EXAMPLE}),
                  "tables": Obj(required={k: WORDS for k in ("unit_columns", "rate_words", "count_words",
                                                             "skip_columns")},
                                optional={"examples": EXAMPLE, "not_examples": EXAMPLE})},
        optional={k: WORDS for k in ("counted_nouns", "verb_nouns", "other_words", "period_followers",
                                     "period_units", "period_before", "number_qualifiers", "clock_hour_words", "non_statistic_units", "name_words",
                                     "time_units", "bare_name_words", "title_words", "percent_words",
                                     "ellipsis_followers", "not_units")},
    ),
    "documents": Obj(required={"min_vietnamese_share": NUM, "min_admin_words": INT, "min_statistics": INT,
                               "min_chars": INT, "admin_words": List(STR, True)}),
    "checks": Obj(
        required={"severity": Map(STR), "term_margin_days": INT, "max_conflict_days": INT, "series_gap": INT,
                  "citation_style": Obj(required={"min_citations": INT, "majority": NUM}),
                  "figures": Obj(required={"min_percent_tolerance": NUM},
                                 optional={**{k: WORDS for k in (
                                     "breakdown_words", "exhaustive_words", "rest_words", "classification_words",
                                     "percent_blockers_before", "percent_blockers_after", "percent_base_links",
                                     "percent_base_words")}, "unit_aliases": Map(STR),
                                     "share_binding": Obj(optional={"cues": WORDS, "limit_before": WORDS,
                                                                    "limit_after": WORDS,
                                                                    "max_words_between": INT})})},
        optional={"bodies": Map(List(REGEX)), "code_bodies": Map(WORDS), "loose_code_bodies": Map(WORDS),
                  "same_bodies": List(WORDS), "levels": Map(WORDS), "level_phrases": Map(WORDS),
                  "national_codes": WORDS, "annex_words": WORDS, "type_issuers": Map(WORDS), "recipient_markers": WORDS, "place_words": WORDS, "party_terms": WORDS, "empty_issuers": WORDS,
                  "issuer_abbreviations": Map(STR)},
    ),
}

SCHEMAS["relations"] = Obj(
    required={"relations": Map(Obj(required={"cues": List(STR, True), "strength": INT},
                                   optional={"head": BOOL, "after": WORDS, "not_cues": WORDS})),
              "pinpoints": Obj(required={"point": WORDS, "clause": WORDS, "article": WORDS, "part": WORDS},
                               optional={"links": WORDS, "attached_texts": WORDS, "attached_links": WORDS})},
    optional={"passive_words": WORDS, "list_words": WORDS, "default": STR, "acting_types": WORDS,
              "acting_words": WORDS, "wrap_min_chars": INT, "predicate_words": WORDS},
)

CSV_SCHEMAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "catalog": (("type", "number", "code", "full_number", "date", "issuer"), ("date",)),
}
