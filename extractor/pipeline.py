"""The pipeline: normalise → header → sections → extractors → checks, on one document.

Each stage is a pure function of the normalised text (plus the records of earlier
stages); this module only wires them and attaches section ids and pages.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import check
from .extract import citations, dates, initiatives, mentions, statistics
from .ingest import IngestError, read_file
from .models import DocumentInfo, DocumentResult, Section
from .rules import Rules, load_rules
from .structure import header, sections
from .text.normalize import NormalizedText, normalize

ALL_STAGES = ("citations", "dates", "statistics", "models", "mentions", "checks")


@dataclass(frozen=True, slots=True)
class Options:
    """What to extract. The defaults run everything."""

    stages: tuple[str, ...] = ALL_STAGES
    pdf_engine: str = "pypdfium2"
    ocr: bool = False


def extract_text(
    text: str,
    doc_id: str = "text",
    rules: Rules | None = None,
    options: Options = Options(),
    info: DocumentInfo | None = None,
) -> DocumentResult:
    """Run every stage on decoded text (pages separated by ``\\f``)."""
    rules = rules or load_rules()
    norm = normalize(text, rules)
    if info is None:
        info = DocumentInfo(doc_id=doc_id, format="text")
    info.n_chars = len(norm.text)
    if not norm.text.strip():
        if info.status == "ok":
            info.status = "empty"
            info.error = info.error or "no text"
        return DocumentResult(info=info, text=norm.text, page_starts=norm.page_starts)
    return _run_stages(norm, info, rules, options)


def _run_stages(norm: NormalizedText, info: DocumentInfo, rules: Rules, options: Options) -> DocumentResult:
    text = norm.text
    result = DocumentResult(info=info, text=text, page_starts=norm.page_starts)
    hdr = header.parse_header(text, rules)
    result.header = hdr
    body_end = hdr.body_end if hdr.body_end is not None else len(text)
    result.sections = sections.find_sections(text, rules, hdr.body_start, body_end)
    own_number = [hdr.number_span] if hdr.number_span else []
    stages = set(options.stages)
    if "citations" in stages:
        result.citations = citations.find_citations(text, rules, exclude=own_number)
    if "dates" in stages:
        result.dates = dates.find_dates(text, rules)
    protected = _protected_spans(result, own_number)
    if "statistics" in stages:
        result.statistics = statistics.find_statistics(text, rules, protected)
    if "models" in stages:
        result.models = initiatives.find_models(text, rules, result.sections)
    if "mentions" in stages:
        result.mentions = mentions.find_mentions(text, rules, result.citations, protected)
    _attach_sections_and_pages(result, norm)
    if "checks" in stages:
        result.findings = check.check_document(result, rules)
        for i, f in enumerate(result.findings, 1):
            f.doc_id = info.doc_id
            f.finding_id = f"{info.doc_id}#{i}"
    return result


def _protected_spans(result: DocumentResult, extra: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans whose digits are not statistics: citations, dates, section markers, own number."""
    spans = [(c.start, c.end) for c in result.citations]
    spans += [(d.start, d.end) for d in result.dates]
    spans += [(s.start, s.start + len(s.marker)) for s in result.sections]
    spans += list(extra)
    return sorted(spans)


class SectionIndex:
    """Find the innermost section containing an offset."""

    def __init__(self, secs: Sequence[Section]):
        self.secs = sorted(secs, key=lambda s: s.start)
        self.starts = [s.start for s in self.secs]

    def at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0:
            s = self.secs[i]
            if s.start <= offset < s.end:
                return s.section_id
            i -= 1
        return None


def _attach_sections_and_pages(result: DocumentResult, norm: NormalizedText) -> None:
    index = SectionIndex(result.sections)
    paged = len(norm.page_starts) > 1
    for kind in (result.citations, result.dates, result.statistics, result.models, result.mentions):
        for rec in kind:
            if rec.section_id is None:
                rec.section_id = index.at(rec.start)
            if paged:
                rec.page = norm.page_at(rec.start)


def sha256_of(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def extract_file(
    path: str | Path,
    doc_id: str | None = None,
    rules: Rules | None = None,
    options: Options = Options(),
) -> DocumentResult:
    """Read one file and run the pipeline. Never raises for a bad file: the result's
    ``info.status``/``info.error`` say what went wrong."""
    p = Path(path)
    info = DocumentInfo(
        doc_id=doc_id or p.name,
        path=str(p),
        format=p.suffix.lower().lstrip(".") or None,
        sha256=sha256_of(p),
    )
    try:
        ingested = read_file(p, pdf_engine=options.pdf_engine, ocr=options.ocr)
    except IngestError as exc:
        info.status, info.error = exc.status, str(exc)
        return DocumentResult(info=info)
    except Exception as exc:  # a reader bug must not lose the row
        info.status, info.error = "error", f"{type(exc).__name__}: {exc}"
        return DocumentResult(info=info)
    info.format = ingested.format
    info.encoding = ingested.encoding
    info.n_pages = ingested.n_pages
    if ingested.status != "ok":
        info.status = ingested.status
        info.error = ingested.warning
    elif ingested.warning:
        info.error = ingested.warning
    return extract_text(ingested.text, info.doc_id, rules, options, info=info)
