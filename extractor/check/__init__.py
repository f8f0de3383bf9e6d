"""Consistency checks of citations and figures, within a document and across an archive.

Every finding states facts ("cited with date 21/11/2021 at §III.8 and 26/11/2021 at §II.1"),
carries the spans involved as evidence and, when one is clear, a suggestion. Precision comes
first: a check speaks only when the structure it relies on is explicit in the text (the same
số hiệu, a "trong đó"/"gồm" breakdown, a ratio followed by its percentage), and stays silent
when two readings are possible (two documents may share a number in different years).

The checks are registered by concern:

- :data:`DOCUMENT_CHECKS` — run by the pipeline on one document (``check_document``): the
  citations (:mod:`.citations`: date_conflict, number_conflict, issuer_code_conflict,
  issuer_variant, citation_style, missing_issuer, undated_citation, date_issue, short
  forms), the số hiệu as written (:mod:`.symbols`: malformed_symbol) and the figures
  (:mod:`.figures`: figure_mismatch, missing_unit);
- :data:`ARCHIVE_CHECKS` — run once at the end of a batch (``check_archive``): one số hiệu
  dated differently in different reports (:mod:`.archive`) and citations against the
  catalog (:mod:`.catalog`: catalog_mismatch).

Shared pieces: :mod:`.lexicon` (rules/checks.yaml compiled once; severities stay there),
:mod:`.issuers` (which body an issuer phrase names), :mod:`.context` (the document under
check, evidence, locations, wording). The số hiệu itself is read, compared and repaired by
:mod:`extractor.extract.symbols`; a citation carries its parsed ``symbol``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..models import DocumentResult, Finding
from ..rules import Rules
from ..text.fold import fold
from . import archive, catalog, citations, figures, symbols
from .catalog import Catalog, check_catalog, default_catalog, load_catalog
from .context import DocContext, format_number, group_key
from .issuers import body_of, citation_level
from .lexicon import lexicon, severity_of
from .symbols import symbol_problems

__all__ = [
    "ARCHIVE_CHECKS", "DOCUMENT_CHECKS", "ArchiveCheck", "DocumentCheck", "body_of", "check_archive",
    "check_catalog", "check_document", "citation_level", "fold", "format_number", "lexicon",
    "severity_of", "symbol_problems",
]


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """A check of one document: ``run(doc)`` → findings (kinds listed in its module)."""

    name: str
    run: Callable[[DocContext], list[Finding]]


@dataclass(frozen=True, slots=True)
class ArchiveContext:
    """What an archive check sees: the documents with citations, the rules, the catalog."""

    docs: Sequence[DocumentResult]
    rules: Rules
    catalog: Catalog
    archive: Sequence[DocumentResult] = ()  # every document of the run, with or without citations


@dataclass(frozen=True, slots=True)
class ArchiveCheck:
    name: str
    run: Callable[[ArchiveContext], list[Finding]]


# Order matters only for findings that start at the same offset (the sort is stable).
DOCUMENT_CHECKS: tuple[DocumentCheck, ...] = (
    DocumentCheck("date_conflicts", citations.check_date_conflicts),
    DocumentCheck("number_and_code_slips", citations.check_number_and_code_slips),
    DocumentCheck("code_vs_issuer", citations.check_code_vs_issuer),
    DocumentCheck("issuer_variants", citations.check_issuer_variants),
    DocumentCheck("malformed_symbols", symbols.check_malformed_symbols),
    DocumentCheck("missing_issuer", citations.check_missing_issuer),
    DocumentCheck("citation_style", citations.check_citation_style),
    DocumentCheck("doubled_words", citations.check_doubled_words),
    DocumentCheck("undated", citations.check_undated),
    DocumentCheck("dates", citations.check_dates),
    DocumentCheck("short_forms", citations.check_short_forms),
    DocumentCheck("figures", figures.check_figures),
)


def _archive_dates(ctx: ArchiveContext) -> list[Finding]:
    return archive.archive_date_conflicts(ctx.docs, lexicon(ctx.rules))


def _catalog(ctx: ArchiveContext) -> list[Finding]:
    return [f for r in ctx.docs for f in catalog.check_catalog(r, ctx.rules, ctx.catalog)]


def _archive_links(ctx: ArchiveContext) -> list[Finding]:
    from ..archive.links import link_archive  # the archive's own documents as the catalog

    return link_archive(ctx.archive, ctx.rules).findings


ARCHIVE_CHECKS: tuple[ArchiveCheck, ...] = (
    ArchiveCheck("archive_date_conflicts", _archive_dates),
    ArchiveCheck("catalog", _catalog),
    ArchiveCheck("archive_mismatch", _archive_links),
)


def check_document(result: DocumentResult, rules: Rules) -> list[Finding]:
    """Every document check on one pipeline result, findings in reading order."""
    lex = lexicon(rules)
    doc = DocContext(result, rules, lex, result.header.body_start if result.header else 0)
    for c in result.citations:
        if c.symbol is not None:
            doc.groups.setdefault(group_key(c.symbol, lex), []).append(c)
    findings: list[Finding] = []
    for check in DOCUMENT_CHECKS:
        findings.extend(check.run(doc))
    findings = merge_same_span(findings)
    findings.sort(key=lambda f: min((e.get("start", 0) for e in f.evidence), default=0))
    return findings


_RANK = {"error": 0, "warning": 1, "info": 2}


def merge_same_span(findings: list[Finding]) -> list[Finding]:
    """One problem, one finding: error and warning findings about the same citation span (one
    số hiệu, the same evidence span) become one, led by the most severe, naming every kind it
    shows ("… Also date_issue: …"). Typography (info) stays apart."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, f in enumerate(findings):
        if f.severity == "info" or not f.canonical:
            continue
        for e in f.evidence:
            key = (f.canonical, e.get("doc_id"), e.get("start"), e.get("end"))
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[Finding]] = {}
    for i, f in enumerate(findings):
        groups.setdefault(root(i), []).append(f)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        members.sort(key=lambda f: _RANK.get(f.severity, 3))
        lead = members[0]
        seen = {(e.get("doc_id"), e.get("start"), e.get("end"), e.get("role")) for e in lead.evidence}
        for other in members[1:]:
            lead.message = f"{lead.message.rstrip('.')}. Also {other.kind}: {other.message}"
            lead.suggestion = lead.suggestion or other.suggestion
            for e in other.evidence:
                k = (e.get("doc_id"), e.get("start"), e.get("end"), e.get("role"))
                if k not in seen:
                    seen.add(k)
                    lead.evidence.append(e)
        out.append(lead)
    return out


def check_archive(results: Iterable[DocumentResult], rules: Rules, catalogs: Sequence[str] = ()) -> list[Finding]:
    """Findings across documents: one số hiệu dated differently in different reports, and
    citations that disagree with the catalog (rules/catalog.csv plus ``catalogs``)."""
    cat = load_catalog(rules, catalogs) if catalogs else default_catalog(rules)
    results = list(results)
    ctx = ArchiveContext([r for r in results if r.citations], rules, cat, results)
    findings: list[Finding] = []
    for check in ARCHIVE_CHECKS:
        findings.extend(check.run(ctx))
    return name_document_findings(findings, ctx.docs)


def name_document_findings(findings: list[Finding], docs: Sequence[DocumentResult]) -> list[Finding]:
    """An archive-level finding about a số hiệu that document-level findings already report
    names them instead of repeating them, at info: the documents' own findings carry the
    severity (one problem, one finding)."""
    reported: dict[tuple[str | None, str], list[str]] = {}
    for r in docs:
        for f in r.findings:
            if f.canonical and f.severity != "info":
                reported.setdefault((r.doc_id, f.canonical), []).append(f.kind)
    for f in findings:  # catalog_mismatch of a document: its own findings may say it already
        own = reported.get((f.doc_id, f.canonical)) if f.doc_id is not None and f.canonical else None
        if own and f.severity != "info":
            f.message += f"; the document's own findings report it too ({', '.join(dict.fromkeys(own))})"
            f.severity = "info"
    for f in findings:
        if f.doc_id is not None and f.canonical and f.severity != "info":
            reported.setdefault((f.doc_id, f.canonical), []).append(f.kind)
    for f in findings:
        if f.doc_id is not None or not f.canonical:
            continue
        docs_of = list(dict.fromkeys(e.get("doc_id") for e in f.evidence if e.get("doc_id")))
        named = [f"{d} ({', '.join(dict.fromkeys(reported[d, f.canonical]))})" for d in docs_of
                 if (d, f.canonical) in reported]
        if named:
            f.message += "; already reported in " + "; ".join(named)
            f.severity = "info"
    return findings
