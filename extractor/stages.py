"""The stage registry: what runs on a document, in which order, needing what.

Each ``Stage`` is a pure function of the normalised text and of what earlier stages
provided. ``needs`` and ``provides`` name ``DocumentResult`` fields (``header``,
``sections``, ``citations``...; a record kind registered later provides its own name,
kept in ``DocumentResult.extra``). The pipeline (``extractor.pipeline``), the spaCy
components (one factory per stage, ``requires``/``assigns`` taken from here) and the
batch path all read this registry; none of them lists the stages again.

Core stages (``optional=False``) always run; the others can be chosen with
``Options.stages``. ``ARCHIVE_STAGES`` run once over every document of a run, after the
per-document map step, on the ``needs`` of each document only.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from . import check
from .extract import citations, dates, initiatives, mentions, relations, statistics
from .kinds import located_kinds
from .models import DocumentResult, Finding, Section
from .rules import Rules
from .structure import header, sections
from .structure.cited_issuers import resolve_cited_issuers
from .text.normalize import NormalizedText


@dataclass(slots=True)
class StageContext:
    """What a stage reads: the normalised text, the rules, and the records so far."""

    norm: NormalizedText
    rules: Rules
    result: DocumentResult

    @property
    def text(self) -> str:
        return self.norm.text


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    provides: tuple[str, ...]  # the run function returns one value per name, in this order
    run: Callable[[StageContext], Any]
    optional: bool = True
    doc: str = ""


# --- the stage functions: thin wrappers that say what each extractor reads ---------------------

def own_number(result: DocumentResult) -> list[tuple[int, int]]:
    """The document's own "Số:" line: never a citation nor a figure."""
    hdr = result.header
    return [hdr.number_span] if hdr.number_span else []


def protected_spans(result: DocumentResult) -> list[tuple[int, int]]:
    """Spans whose digits are not statistics: citations, dates, section markers, own number."""
    spans = [(c.start, c.end) for c in result.citations]
    spans += [(d.start, d.end) for d in result.dates]
    spans += [(s.start, s.start + len(s.marker)) for s in result.sections]
    spans += own_number(result)
    return sorted(spans)


def _header(ctx: StageContext):
    return header.parse_header(ctx.text, ctx.rules)


def _sections(ctx: StageContext):
    hdr = ctx.result.header
    body_end = hdr.body_end if hdr.body_end is not None else len(ctx.text)
    return sections.find_sections(ctx.text, ctx.rules, hdr.body_start, body_end)


def _citations(ctx: StageContext):
    found = citations.find_citations(ctx.text, ctx.rules, exclude=own_number(ctx.result))
    found = [c for c in found if not is_self_reference(c, ctx.result.header)]
    resolve_cited_issuers(found, ctx.rules, ctx.result.header.date)
    return found


def is_self_reference(cit, hdr) -> bool:
    """The document's own số hiệu written again — in a portal's "Số hiệu:" block, a header
    flattened cell by cell, or an attached text's "(Ban hành kèm theo Quyết định số …)":
    not a citation of another document. A number reused in another year is kept."""
    own = hdr.symbol.canonical if hdr.symbol is not None else None
    if not own or cit.canonical != own:
        return False
    return not (cit.date and hdr.date and cit.date[:4] != hdr.date[:4])


def _dates(ctx: StageContext):
    return dates.find_dates(ctx.text, ctx.rules)


def _statistics(ctx: StageContext):
    return statistics.find_statistics(ctx.text, ctx.rules, protected_spans(ctx.result))


def _models(ctx: StageContext):
    return initiatives.find_models(ctx.text, ctx.rules, ctx.result.sections)


def _mentions(ctx: StageContext):
    r = ctx.result
    return mentions.find_mentions(ctx.text, ctx.rules, r.citations, protected_spans(r))


def _relations(ctx: StageContext):
    r = ctx.result
    relations.annotate(ctx.text, ctx.rules, r.header, r.citations, r.mentions)


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


def _locate(ctx: StageContext):
    """Fill ``section_id`` and ``page`` of every located record from its start."""
    result, norm = ctx.result, ctx.norm
    index = SectionIndex(result.sections)
    paged = len(norm.page_starts) > 1
    for kind in located_kinds():
        for rec in result.records(kind.attr):
            if rec.section_id is None:
                rec.section_id = index.at(rec.start)
            if paged:
                rec.page = norm.page_at(rec.start)


def _checks(ctx: StageContext) -> list[Finding]:
    findings = check.check_document(ctx.result, ctx.rules)
    doc_id = ctx.result.info.doc_id
    for i, f in enumerate(findings, 1):
        f.doc_id = doc_id
        f.finding_id = f"{doc_id}#{i}"
    return findings


# --- the registries ----------------------------------------------------------------------------

_STAGES: dict[str, Stage] = {}
STAGES = MappingProxyType(_STAGES)  # name -> Stage, in run order


def register_stage(stage: Stage, before: str | None = None) -> Stage:
    """Add a stage at the end, or just before the stage named ``before``."""
    if stage.name in _STAGES:
        raise ValueError(f"stage {stage.name!r} is already registered")
    items = list(_STAGES.items())
    at = [n for n, _ in items].index(before) if before else len(items)
    items.insert(at, (stage.name, stage))
    _STAGES.clear()
    _STAGES.update(items)
    return stage


def unregister_stage(name: str) -> None:
    _STAGES.pop(name)


def _provided(stage: Stage, value: Any) -> tuple[Any, ...]:
    return (value,) if len(stage.provides) == 1 else tuple(value or ())


for _stage in (
    Stage("header", ("text",), ("header",), _header, optional=False,
          doc="issuer, number, place, date, type, title, signer, recipients; body bounds"),
    Stage("sections", ("text", "header"), ("sections",), _sections, optional=False,
          doc="the section tree of the body, top sections labelled by role"),
    Stage("citations", ("text", "header"), ("citations",), _citations,
          doc="numbered references to other documents"),
    Stage("dates", ("text",), ("dates",), _dates, doc="every date mention"),
    Stage("statistics", ("text", "header", "sections", "citations", "dates"), ("statistics",),
          _statistics, doc="figures with value, unit and what is counted"),
    Stage("models", ("text", "sections"), ("models",), _models,
          doc="named models, movements, campaigns"),
    Stage("mentions", ("text", "header", "sections", "citations", "dates"), ("mentions",),
          _mentions, doc="short references resolved to full citations"),
    Stage("relations", ("text", "header", "citations", "mentions"), (), _relations,
          doc="relation (basis, implements …) and pinpoint (Điều, khoản, điểm) of every citation"),
    Stage("locate", ("sections", "page_starts"), (), _locate, optional=False,
          doc="section_id and page of every located record"),
    Stage("checks", ("header", "sections", "citations", "dates", "statistics", "mentions"),
          ("findings",), _checks, doc="consistency findings within the document"),
):
    register_stage(_stage)


def optional_stages() -> tuple[str, ...]:
    """The stage names ``Options.stages`` may choose from."""
    return tuple(n for n, s in _STAGES.items() if s.optional)


def validate_stages(names: Sequence[str] | None) -> None:
    if names is None:
        return
    unknown = set(names) - set(optional_stages())
    if unknown:
        raise ValueError(f"unknown stages {sorted(unknown)}; choose from {', '.join(optional_stages())}")


def selected(names: Sequence[str] | None) -> list[Stage]:
    """The stages that run for ``Options.stages == names``: core ones and the chosen ones
    (``None``: every registered stage)."""
    if names is None:
        return list(_STAGES.values())
    chosen = set(names)
    return [s for s in _STAGES.values() if not s.optional or s.name in chosen]


def run_stage(stage: Stage, ctx: StageContext) -> None:
    value = stage.run(ctx)
    for name, v in zip(stage.provides, _provided(stage, value), strict=True):
        ctx.result.put(name, v)


# --- archive stages: once per run, over every document ----------------------------------------

@dataclass(frozen=True, slots=True)
class ArchiveStage:
    name: str
    needs: tuple[str, ...]  # DocumentResult fields each document keeps for it (besides info)
    provides: tuple[str, ...]
    run: Callable[..., list[Finding]]  # (documents, rules, **options) -> findings
    selector: str  # runs when this per-document stage is selected


ARCHIVE_STAGES: tuple[ArchiveStage, ...] = (
    ArchiveStage("archive_checks", ("header", "citations", "mentions", "sections", "findings"), ("findings",),
                 check.check_archive, selector="checks"),
)


def archive_needs() -> tuple[str, ...]:
    """Every field an archive stage needs from each document."""
    out: list[str] = []
    for s in ARCHIVE_STAGES:
        out += [n for n in s.needs if n not in out]
    return tuple(out)


def lighten(result: DocumentResult) -> DocumentResult:
    """What the archive stages need from a document, without its text and other records."""
    light = DocumentResult(info=result.info, text="")
    for name in archive_needs():
        light.put(name, result.records(name))
    return light


def run_archive_stages(docs: Sequence[DocumentResult], rules: Rules, stages: Sequence[str] | None,
                       **options: Any) -> list[Finding]:
    """Archive-level findings of the selected archive stages, in registry order."""
    findings: list[Finding] = []
    for s in ARCHIVE_STAGES:
        if stages is None or s.selector in stages:
            findings += s.run(docs, rules, **options)
    return findings
