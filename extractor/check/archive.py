"""Across the archive: one số hiệu dated differently in different reports (date_conflict
with no doc_id). Citations are grouped by the số hiệu's identity and, for a local code, the
issuer named with its place; only citations within one group are compared."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..extract.symbols import Symbol, same_period
from ..models import Citation, DocumentResult, Finding
from ..text.fold import strip_marks
from .context import display_name, evidence_of, format_date, group_key, parse_iso
from .issuers import issuers_compatible, national, normal_issuer
from .lexicon import Lexicon, severity_of


def _archive_key(c: Citation, sym: Symbol, lex: Lexicon) -> tuple | None:
    """Key under which citations in different reports are the same document, or None when
    the issuer is local and not named with its place."""
    if national(sym, lex):
        return group_key(sym, lex) + ("",)
    if c.issuer and lex.place_re.search(c.issuer):
        return group_key(sym, lex) + (strip_marks(normal_issuer(c.issuer, lex)),)
    return None


def archive_date_conflicts(docs: Sequence[DocumentResult], lex: Lexicon) -> list[Finding]:
    groups: dict[tuple, list[tuple[str, Citation, Symbol]]] = defaultdict(list)
    for r in docs:
        for c in r.citations:
            sym = c.symbol
            if sym is None or parse_iso(c.date) is None:
                continue
            key = _archive_key(c, sym, lex)
            if key is not None:
                groups[key].append((r.doc_id, c, sym))
    out = []
    for items in groups.values():
        for cluster in _archive_clusters(items, lex):
            f = _archive_conflict(cluster, lex)
            if f:
                out.append(f)
    return out


def _archive_clusters(items: list[tuple[str, Citation, Symbol]], lex: Lexicon) -> list[list[tuple[str, Citation, Symbol]]]:
    """Items compared with each cluster's first member; items alike in date and issuer phrase
    (one document cited the same way in many reports) are compared once."""
    clusters: list[list[tuple[str, Citation, Symbol]]] = []
    placed: dict[tuple, int] = {}
    for it in items:
        sig = (it[1].date, it[1].issuer, it[2].style, it[2].parts)
        k = placed.get(sig)
        if k is None:
            k = next((i for i, cl in enumerate(clusters) if _archive_same(it, cl[0], lex)), None)
            if k is None:
                k = len(clusters)
                clusters.append([])
            placed[sig] = k
        clusters[k].append(it)
    return clusters


def _archive_same(a: tuple[str, Citation, Symbol], b: tuple[str, Citation, Symbol], lex: Lexicon) -> bool:
    da, db = parse_iso(a[1].date), parse_iso(b[1].date)
    if abs((da - db).days) > lex.max_conflict_days or same_period(a[2], da, db, lex.terms) is False:
        return False
    return issuers_compatible(a[1].issuer, b[1].issuer, lex)


def _archive_conflict(cluster: list[tuple[str, Citation, Symbol]], lex: Lexicon) -> Finding | None:
    docs_by_date: dict[str, list[str]] = defaultdict(list)
    for doc_id, c, _ in cluster:
        if doc_id not in docs_by_date[c.date]:
            docs_by_date[c.date].append(doc_id)
    all_docs = {d for ds in docs_by_date.values() for d in ds}
    if len(docs_by_date) < 2 or len(all_docs) < 2:
        return None
    ranked = sorted(docs_by_date.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    name = display_name([c for _, c, _ in cluster])
    major_n = len(ranked[0][1])
    tie = len(ranked) > 1 and len(ranked[1][1]) == major_n
    parts = [f"{format_date(d)} in {len(ds)} document{'s' if len(ds) > 1 else ''} ({', '.join(ds)})" for d, ds in ranked]
    msg = f"{name} is dated " + "; ".join(parts)
    suggestion = None if tie else f"most documents give {format_date(ranked[0][0])}"
    evidence = [evidence_of(c, c.date, doc_id=doc_id) for doc_id, c, _ in cluster]
    return Finding(kind="date_conflict", severity=severity_of(lex, "date_conflict", "archive"), canonical=name,
                   message=msg, evidence=evidence, suggestion=suggestion, doc_id=None)

