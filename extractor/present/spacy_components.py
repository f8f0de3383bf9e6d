"""spaCy integration: ``extractor.load()`` -> a ``Language`` that puts the records in ``doc.spans``.

    nlp = extractor.load()
    doc = nlp(raw_text)                      # normalised first: doc.text is the normalised text
    for span in doc.spans["citations"]:
        span.label_, span._.record.canonical  # the Citation dataclass
    doc._.extractor                           # the whole DocumentResult

- The tokenizer (``extractor.NormalizingTokenizer.v1``) normalises the input exactly as the
  batch path does (``extractor.text.normalize``) and splits it into syllables and punctuation
  marks (whitespace kept as token whitespace), so every record's
  ``start``/``end`` indexes ``doc.text``. A doc made by another tokenizer must already hold
  normalised text (the component checks and raises otherwise).
- The component ``extractor`` runs the same stages as ``extract_text`` (it calls the
  pipeline's own stage runner, so both paths give identical records) and fills the span
  groups citations, dates, statistics, models (one span per mention of a name), mentions and
  sections. ``span._.record`` is the record; ``span.label_`` its type / kind / unit / status.
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

from ..models import DocumentInfo, DocumentResult
from ..pipeline import ALL_STAGES, Options, _run_stages
from ..rules import Rules, load_rules
from ..text.normalize import NormalizedText, normalize

SPAN_GROUPS = ("sections", "citations", "dates", "statistics", "models", "mentions")
PAGE_STARTS = "extractor.page_starts"  # doc.user_data key set by the tokenizer
RECORDS = "extractor.io.records"  # doc.user_data key: span id -> record

if not Doc.has_extension("extractor"):
    Doc.set_extension("extractor", default=None)
if not Span.has_extension("record"):
    # A getter keyed by span id: a stored Span attribute is keyed by offsets only, and two
    # groups may hold spans with the same offsets.
    Span.set_extension("record", getter=lambda span: span.doc.user_data.get(RECORDS, {}).get(span.id_))


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


class ExtractorComponent:
    def __init__(self, rules_dir: str | None, stages: list[str], doc_id: str):
        unknown = set(stages) - set(ALL_STAGES)
        if unknown:
            raise ValueError(f"unknown stages {sorted(unknown)}; choose from {', '.join(ALL_STAGES)}")
        self.rules_dir = rules_dir
        self.options = Options(stages=tuple(stages))
        self.doc_id = doc_id

    def __call__(self, doc: Doc) -> Doc:
        rules = _rules(self.rules_dir)
        text = doc.text
        page_starts = doc.user_data.get(PAGE_STARTS)
        if page_starts is None:  # not made by our tokenizer: offsets only hold on normalised text
            norm = normalize(text, rules)
            if norm.text != text:
                raise ValueError("the extractor component needs normalised text: make the doc with "
                                 "extractor.load() or pass extractor.text.normalize.normalize(text).text")
            page_starts = norm.page_starts
        result = run_on_normalized(NormalizedText(text, list(page_starts)), rules, self.options, self.doc_id)
        doc._.extractor = result
        add_spans(doc, result)
        return doc


@Language.factory("extractor", default_config={"rules_dir": None, "stages": list(ALL_STAGES), "doc_id": "text"})
def make_extractor(nlp: Language, name: str, rules_dir: str | None, stages: list[str], doc_id: str):
    return ExtractorComponent(rules_dir, stages, doc_id)


def run_on_normalized(norm: NormalizedText, rules: Rules, options: Options, doc_id: str) -> DocumentResult:
    """What ``extract_text`` does after normalising (same stage runner)."""
    info = DocumentInfo(doc_id=doc_id, format="text", n_chars=len(norm.text))
    if not norm.text.strip():
        info.status, info.error = "empty", "no text"
        return DocumentResult(info=info, text=norm.text, page_starts=norm.page_starts)
    return _run_stages(norm, info, rules, options)


def _span(doc: Doc, start: int, end: int, label: str, span_id: str) -> Span | None:
    sp = doc.char_span(start, end, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    return Span(doc, sp.start, sp.end, label=label or "", span_id=span_id)


def _records_by_group(result: DocumentResult) -> dict[str, list[tuple[int, int, str, Any]]]:
    """(start, end, label, record) per span group."""
    groups: dict[str, list[tuple[int, int, str, Any]]] = {g: [] for g in SPAN_GROUPS}
    for s in result.sections:
        groups["sections"].append((s.start, max(s.heading_end, s.start + len(s.marker)), s.section_id, s))
    for c in result.citations:
        groups["citations"].append((c.start, c.end, c.type or "citation", c))
    for d in result.dates:
        groups["dates"].append((d.start, d.end, d.flag or "date", d))
    for st in result.statistics:
        groups["statistics"].append((st.start, st.end, st.unit or "number", st))
    for m in result.models:
        for a, b in m.spans or [(m.start, m.end)]:
            groups["models"].append((a, b, m.kind, m))
    for men in result.mentions:
        groups["mentions"].append((men.start, men.end, men.status, men))
    return groups


def add_spans(doc: Doc, result: DocumentResult) -> None:
    """Put the records of ``result`` into ``doc.spans`` (offsets index ``doc.text``)."""
    records: dict[str, Any] = doc.user_data.setdefault(RECORDS, {})
    for group, items in _records_by_group(result).items():
        spans = []
        for i, (start, end, label, rec) in enumerate(items):
            span_id = f"{group}:{i}"
            sp = _span(doc, start, end, label, span_id)
            if sp is not None:
                records[span_id] = rec
                spans.append(sp)
        doc.spans[group] = spans


def load(rules_dir: str | None = None, stages: list[str] | None = None) -> Language:
    """A blank Vietnamese spaCy pipeline: normalising tokenizer + the ``extractor`` component."""
    rules_dir = str(rules_dir) if rules_dir is not None else None
    load_rules(rules_dir)  # fail early on a bad rules folder
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.NormalizingTokenizer.v1",
                                                          "rules_dir": rules_dir}}})
    nlp.add_pipe("extractor", config={"rules_dir": rules_dir, "stages": list(stages or ALL_STAGES)})
    return nlp
