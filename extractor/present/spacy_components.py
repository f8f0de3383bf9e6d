"""spaCy integration: ``extractor.load()`` -> a ``Language`` that puts the records in ``doc.spans``.

    nlp = extractor.load()
    doc = nlp(raw_text)                      # normalised first: doc.text is the normalised text
    for span in doc.spans["citations"]:
        span.label_, span._.record.canonical  # the Citation dataclass
        span._.relation, span._.pinpoint          # "reference", "khoản 2 Điều 5"
    doc._.extractor                           # the whole DocumentResult

- The tokenizer (``extractor.NormalizingTokenizer.v1``) normalises the input exactly as the
  batch path does (``extractor.text.normalize``) and splits it into syllables and punctuation
  marks (whitespace kept as token whitespace), so every record's
  ``start``/``end`` indexes ``doc.text``. A doc made by another tokenizer must already hold
  normalised text (the component checks and raises otherwise).
- One component per stage of the stage registry (``extractor.stages``): ``extractor_header``,
  ``extractor_sections``, ``extractor_citations``… each with the spaCy ``requires`` /
  ``assigns`` of its stage (``doc._.extractor_<name>``), running the same stage function as
  ``extract_text``, so both paths give identical records. A stage that provides a record
  kind fills its span group (``extractor.kinds``): citations, dates, statistics, models (one
  span per mention of a name), mentions and sections. ``span._.record`` is the record;
  ``span.label_`` its type / kind / unit / status. The single component ``extractor`` runs
  every selected stage at once (for adding to another pipeline).
  Span boundaries are snapped outwards to tokens (``alignment_mode="expand"``); with this
  tokenizer they are exact. The record keeps the exact offsets either way.
"""

from __future__ import annotations

from typing import Any

import regex as re
import spacy
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ..kinds import KINDS, RecordKind, displayed_kinds, pinpoint_label
from ..models import DocumentInfo, DocumentResult
from ..pipeline import ALL_STAGES, Options, begin, is_empty, run_stages
from ..rules import Rules, load_rules
from ..stages import STAGES, Stage, StageContext, run_stage, selected, validate_stages
from ..text.normalize import NormalizedText, normalize

SPAN_GROUPS = tuple(k.span_key for k in displayed_kinds())
PAGE_STARTS = "extractor.page_starts"  # doc.user_data key set by the tokenizer
RECORDS = "extractor.io.records"  # doc.user_data key: span id -> record

if not Doc.has_extension("extractor"):
    Doc.set_extension("extractor", default=None)
if not Span.has_extension("record"):
    # A getter keyed by span id: a stored Span attribute is keyed by offsets only, and two
    # groups may hold spans with the same offsets.
    Span.set_extension("record", getter=lambda span: span.doc.user_data.get(RECORDS, {}).get(span.id_))
if not Span.has_extension("relation"):  # citations and mentions: basis, implements … (extract.relations)
    Span.set_extension("relation", getter=lambda span: getattr(span._.record, "relation", None))
if not Span.has_extension("pinpoint"):  # "điểm a khoản 1 Điều 3", "" when none
    Span.set_extension("pinpoint", getter=lambda span: pinpoint_label(span._.record) if span._.record else "")


def _rules(rules_dir: str | None) -> Rules:
    return load_rules(rules_dir)


# Syllables and single punctuation marks: record boundaries ("Đề án 06.") fall between tokens.
_TOKEN = re.compile(r"[\p{L}\p{M}]+|\p{N}+|\S")


class NormalizingTokenizer:
    """Normalise like the batch path, then split into syllables and punctuation marks
    (doc.text = normalised text)."""

    def __init__(self, vocab, rules_dir: str | None = None):
        self.vocab = vocab
        self.rules_dir = rules_dir

    def __call__(self, text: str) -> Doc:
        norm = normalize(text, _rules(self.rules_dir))
        words, spaces = util.get_words_and_spaces(_TOKEN.findall(norm.text), norm.text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[PAGE_STARTS] = list(norm.page_starts)
        return doc

    # Nothing to save: the tokenizer is fully described by its config (rules_dir).
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> NormalizingTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> NormalizingTokenizer:
        return self


@registry.tokenizers("extractor.NormalizingTokenizer.v1")
def create_tokenizer(rules_dir: str | None = None):
    def make(nlp: Language) -> NormalizingTokenizer:
        return NormalizingTokenizer(nlp.vocab, rules_dir)

    return make


def _normalized(doc: Doc, rules: Rules) -> NormalizedText:
    """The doc's text with its pages; a doc from another tokenizer must hold normalised text."""
    text = doc.text
    page_starts = doc.user_data.get(PAGE_STARTS)
    if page_starts is None:  # not made by our tokenizer: offsets only hold on normalised text
        norm = normalize(text, rules)
        if norm.text != text:
            raise ValueError("the extractor component needs normalised text: make the doc with "
                             "extractor.load() or pass extractor.text.normalize.normalize(text).text")
        page_starts = norm.page_starts
    return NormalizedText(text, list(page_starts))


class ExtractorComponent:
    """Every selected stage at once (the same runner as ``extract_text``)."""

    def __init__(self, rules_dir: str | None, stages: list[str], doc_id: str):
        validate_stages(stages)
        self.rules_dir = rules_dir
        self.options = Options(stages=tuple(stages))
        self.doc_id = doc_id

    def __call__(self, doc: Doc) -> Doc:
        rules = _rules(self.rules_dir)
        result = run_on_normalized(_normalized(doc, rules), rules, self.options, self.doc_id)
        doc._.extractor = result
        add_spans(doc, result)
        return doc


@Language.factory("extractor", default_config={"rules_dir": None, "stages": list(ALL_STAGES), "doc_id": "text"})
def make_extractor(nlp: Language, name: str, rules_dir: str | None, stages: list[str], doc_id: str):
    return ExtractorComponent(rules_dir, stages, doc_id)


class StageComponent:
    """One stage of the registry. The first core stage starts ``doc._.extractor``."""

    def __init__(self, stage: Stage, rules_dir: str | None, doc_id: str = "text"):
        self.stage = stage
        self.rules_dir = rules_dir
        self.doc_id = doc_id
        self.first = stage.name == next(iter(STAGES))

    def __call__(self, doc: Doc) -> Doc:
        rules = _rules(self.rules_dir)
        norm = _normalized(doc, rules)
        if self.first or doc._.extractor is None:
            info = DocumentInfo(doc_id=self.doc_id, format="text")
            doc._.extractor = begin(norm, info)
            for kind in displayed_kinds():  # a group per kind, empty unless its stage runs
                doc.spans[kind.span_key] = []
        result = doc._.extractor
        if not is_empty(norm):
            run_stage(self.stage, StageContext(norm, rules, result))
        for kind in _kinds_of(self.stage):
            add_group(doc, kind, result)
        return doc


def _kinds_of(stage: Stage) -> list[RecordKind]:
    return [k for k in displayed_kinds() if k.attr in stage.provides]


def component_name(stage: Stage) -> str:
    return f"extractor_{stage.name}"


def _attrs(names) -> list[str]:
    return [f"doc._.extractor_{n}" for n in names if any(n in s.provides for s in STAGES.values())]


def _register_factory(stage: Stage) -> None:
    config: dict[str, Any] = {"rules_dir": None}
    if stage.name == next(iter(STAGES)):
        config["doc_id"] = "text"
    assigns = _attrs(stage.provides) + (["doc.spans"] if _kinds_of(stage) else [])

    def make(nlp: Language, name: str, rules_dir: str | None, doc_id: str = "text"):
        return StageComponent(stage, rules_dir, doc_id)

    Language.factory(component_name(stage), default_config=config, requires=_attrs(stage.needs),
                     assigns=assigns, func=make)


def register_factories() -> None:
    """A spaCy factory for every registered stage that has none yet (stages added later too)."""
    for stage in STAGES.values():
        for name in stage.provides:  # doc._.extractor_<name>: what the stage provided
            if not Doc.has_extension(f"extractor_{name}"):
                Doc.set_extension(f"extractor_{name}",
                                  getter=lambda doc, n=name: doc._.extractor.records(n) if doc._.extractor else None)
        if not Language.has_factory(component_name(stage)):
            _register_factory(stage)


register_factories()


def run_on_normalized(norm: NormalizedText, rules: Rules, options: Options, doc_id: str) -> DocumentResult:
    """What ``extract_text`` does after normalising (same stage runner)."""
    return run_stages(norm, DocumentInfo(doc_id=doc_id, format="text"), rules, options)


def _span(doc: Doc, start: int, end: int, label: str, span_id: str) -> Span | None:
    sp = doc.char_span(start, end, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    return Span(doc, sp.start, sp.end, label=label or "", span_id=span_id)


def add_group(doc: Doc, kind: RecordKind, result: DocumentResult) -> None:
    """Put the records of one kind into ``doc.spans[kind.span_key]``."""
    records: dict[str, Any] = doc.user_data.setdefault(RECORDS, {})
    group = kind.span_key
    spans = []
    i = 0
    for rec in result.records(kind.attr):
        for start, end, label in kind.display.spans(rec):
            span_id = f"{group}:{i}"
            i += 1
            sp = _span(doc, start, end, label, span_id)
            if sp is not None:
                records[span_id] = rec
                spans.append(sp)
    doc.spans[group] = spans


def add_spans(doc: Doc, result: DocumentResult) -> None:
    """Put the records of ``result`` into ``doc.spans`` (offsets index ``doc.text``)."""
    for kind in displayed_kinds():
        add_group(doc, kind, result)


def load(rules_dir: str | None = None, stages: list[str] | None = None) -> Language:
    """A blank Vietnamese spaCy pipeline: normalising tokenizer + one component per stage."""
    rules_dir = str(rules_dir) if rules_dir is not None else None
    load_rules(rules_dir)  # fail early on a bad rules folder
    register_factories()
    chosen = None if stages is None else list(stages)
    validate_stages(chosen)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.NormalizingTokenizer.v1",
                                                          "rules_dir": rules_dir}}})
    for stage in selected(chosen):
        nlp.add_pipe(component_name(stage), config={"rules_dir": rules_dir})
    return nlp


__all__ = ["KINDS", "SPAN_GROUPS", "ExtractorComponent", "NormalizingTokenizer", "StageComponent",
           "add_spans", "load"]
