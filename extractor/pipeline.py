"""The pipeline: normalise → the registered stages, on one document.

The stages and their order live in ``extractor.stages``; this module only normalises,
handles the empty document and runs the selected stages in registry order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .extract.doc_kind import not_a_document
from .ingest import IngestError, read_file
from .models import DocumentInfo, DocumentResult
from .rules import Rules, load_rules
from .stages import StageContext, optional_stages, run_stage, selected
from .text.normalize import NormalizedText, normalize

ALL_STAGES = optional_stages()

__all__ = ["ALL_STAGES", "Options", "extract_file", "extract_text", "run_stages"]


@dataclass(frozen=True, slots=True)
class Options:
    """What to extract. The defaults run everything (``stages=None``: every registered stage)."""

    stages: tuple[str, ...] | None = None
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
    return run_stages(norm, info, rules, options)


def begin(norm: NormalizedText, info: DocumentInfo) -> DocumentResult:
    """The result every stage adds to; an empty text is marked ``empty`` here."""
    info.n_chars = len(norm.text)
    if is_empty(norm) and info.status == "ok":
        info.status = "empty"
        info.error = info.error or "no text"
    return DocumentResult(info=info, text=norm.text, page_starts=norm.page_starts)


def is_empty(norm: NormalizedText) -> bool:
    """No stage runs on a text without a visible character."""
    return not norm.text.strip()


def run_stages(norm: NormalizedText, info: DocumentInfo, rules: Rules, options: Options) -> DocumentResult:
    """Every selected stage on normalised text (the batch path and spaCy's ``extractor``)."""
    result = begin(norm, info)
    if is_empty(norm):
        return result
    ctx = StageContext(norm, rules, result)
    for stage in selected(options.stages):
        run_stage(stage, ctx)
    return result


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
    rules = rules or load_rules()
    result = extract_text(ingested.text, info.doc_id, rules, options, info=info)
    if info.status == "ok" and (reason := not_a_document(result, rules)):
        info.status, info.error = "not_document", reason  # a README, notes: no records
        result = DocumentResult(info=info, text=result.text, page_starts=result.page_starts)
    return result
