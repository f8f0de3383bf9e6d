"""The archive as a citation graph: citations linked to the archive's own documents.

An archive holds the cited documents themselves more often than any catalog does: a
district's folder has the district's plans, and their headers (number, type, issuer, date)
are the best record of them. A citation is linked (``citations.target_doc_id``) when its
canonical số hiệu, type and issuer (and, where both have one, its year) identify exactly
one archive document; two candidates are left unlinked and counted, never guessed. A local
code (``KH-UBND``) names a different body in every commune, so its citation links only when
the issuer agrees or the date matches exactly.

``archive_mismatch`` findings say where a citation disagrees with the archive's own copy:
"cited as 03/4/2024; the document in the archive (ke-hoach/214.pdf) is dated 04/4/2024".
``cited_documents`` has one row per distinct cited document with its best date: the
archive document's header date first (it outranks any number of citations), then the
catalog's, then the majority of the citations'.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..check.catalog import default_catalog
from ..check.issuers import national, normal_issuer
from ..check.lexicon import lexicon as check_lexicon
from ..check.lexicon import severity_of
from ..extract import citations as cit_lexicon
from ..extract.symbols import Symbol
from ..models import Citation, CitedDocument, DocumentResult, Finding
from ..rules import Rules


@dataclass(slots=True)
class _ArchiveDoc:
    doc_id: str
    symbol: Symbol
    type: str | None
    issuer: str | None
    date: str | None


@dataclass(slots=True)
class ArchiveLinks:
    targets: dict[tuple[str, int], str]  # (citing doc_id, citation index) -> target doc_id
    cited: list[CitedDocument]
    findings: list[Finding]
    n_linked: int = 0
    n_ambiguous: int = 0


def format_date(value: str | None) -> str:
    """2024-04-03 -> 03/4/2024 (as reports write it); partial dates as they are."""
    if not value:
        return "?"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{int(parts[1])}/{parts[0]}"
    return "/".join(reversed(parts))


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _same_issuer(cited: str | None, archive: str | None, lex: Any) -> bool | None:
    """Does the citation's issuer name the archive document's issuer? (None: unknown)"""
    a, b = normal_issuer(cited, lex), normal_issuer(archive, lex)
    if not a or not b:
        return None
    return a in b or b in a


class ArchiveIndex:
    """The archive's own documents by the identity of their số hiệu."""

    def __init__(self, docs: Sequence[DocumentResult], rules: Rules):
        self.rules = rules
        self.lex = check_lexicon(rules)
        self.cit = cit_lexicon.lexicon(rules)
        self.by_key: dict[tuple, list[_ArchiveDoc]] = defaultdict(list)
        self.by_id: dict[str, _ArchiveDoc] = {}
        for r in docs:
            hdr = r.header
            sym = hdr.symbol if hdr is not None else None
            if sym is None or not sym.canonical:
                continue
            d = _ArchiveDoc(r.doc_id, sym, self.cit.normalize_type_word(hdr.doc_type) if hdr.doc_type else None,
                            hdr.issuer, hdr.date)
            self.by_key[sym.key(self.lex.aliases)].append(d)
            self.by_id[r.doc_id] = d

    def candidates(self, c: Citation, citing: str) -> list[tuple[_ArchiveDoc, dict[str, bool | None]]]:
        sym = c.symbol
        if sym is None:
            return []
        out = []
        for d in self.by_key.get(sym.key(self.lex.aliases), []):
            if d.doc_id == citing:
                continue
            cy, dy = c.year or _year(c.date), _year(d.date)
            agree = {
                "type": (c.type == d.type) if c.type and d.type else None,
                "issuer": _same_issuer(c.issuer, d.issuer, self.lex),
                "year": (cy == dy) if cy and dy else None,
                "date": (c.date == d.date) if c.date and d.date and len(c.date) == len(d.date) == 10 else None,
            }
            out.append((d, agree))
        return out

    def link(self, c: Citation, citing: str) -> tuple[_ArchiveDoc | None, list[tuple[_ArchiveDoc, dict]], bool]:
        """(the one archive document the citation names or None, the candidates, ambiguous?)."""
        cands = self.candidates(c, citing)
        if not cands:
            return None, cands, False
        local = c.symbol is not None and not national(c.symbol, self.lex)
        ok = [(d, a) for d, a in cands
              if a["type"] is not False and a["issuer"] is not False and a["year"] is not False
              and (not local or a["issuer"] or a["date"])]
        if len(ok) > 1:
            exact = [(d, a) for d, a in ok if a["date"]]
            ok = exact if len(exact) == 1 else ok
        if len(ok) == 1:
            return ok[0][0], cands, False
        return None, cands, len(ok) > 1


def _mismatch(c: Citation, citing: str, d: _ArchiveDoc, agree: dict, rules: Rules) -> Finding | None:
    parts = []
    if agree["date"] is False or (agree["year"] is False and c.date and d.date):
        parts.append(f"cited as {format_date(c.date)}; the document in the archive ({d.doc_id}) is dated "
                     f"{format_date(d.date)}")
    if agree["type"] is False:
        parts.append(f"cited as a {c.type}; the document in the archive ({d.doc_id}) is a {d.type}")
    if agree["issuer"] is False:
        parts.append(f"cited as issued by {c.issuer}; the document in the archive ({d.doc_id}) is issued by "
                     f"{d.issuer}")
    if not parts:
        return None
    name = f"{c.type + ' ' if c.type else ''}{c.canonical}"
    evidence = [{"doc_id": citing, "text": c.text, "start": c.start, "end": c.end, "date": c.date},
                {"doc_id": d.doc_id, "archive_date": d.date, "archive_type": d.type, "archive_issuer": d.issuer}]
    suggestion = f"the archive's own copy gives {format_date(d.date)}" if agree["date"] is False else None
    return Finding(kind="archive_mismatch", severity=severity_of(check_lexicon(rules), "archive_mismatch"),
                   canonical=c.canonical, message=f"{name}: " + "; ".join(parts), evidence=evidence,
                   suggestion=suggestion, doc_id=citing)


def link_archive(docs: Sequence[DocumentResult], rules: Rules) -> ArchiveLinks:
    """Targets, cited documents and archive_mismatch findings over every document of a run."""
    index = ArchiveIndex(docs, rules)
    lex = index.lex
    targets: dict[tuple[str, int], str] = {}
    findings: list[Finding] = []
    n_amb = 0
    groups: dict[tuple, list[tuple[str, Citation, str | None]]] = defaultdict(list)
    citing_dates = {r.doc_id: (r.header.date if r.header else None) for r in docs}
    for r in docs:
        for i, c in enumerate(r.citations):
            target, cands, ambiguous = index.link(c, r.doc_id)
            n_amb += ambiguous
            if target is not None:
                targets[(r.doc_id, i)] = target.doc_id
                agree = next(a for d, a in cands if d is target)
                f = _mismatch(c, r.doc_id, target, agree, rules)
            else:
                f = _near_miss(c, r.doc_id, cands, rules)
            if f is not None:
                findings.append(f)
            groups[_group_key(c, target, lex)].append((r.doc_id, c, target.doc_id if target else None))
    cited = _cited_documents(_undated_join(groups), index, citing_dates, rules)
    return ArchiveLinks(targets, cited, findings, len(targets), n_amb)


def _near_miss(c: Citation, citing: str, cands: list[tuple[_ArchiveDoc, dict]], rules: Rules) -> Finding | None:
    """An unlinked citation that agrees with one archive document on all but its type or issuer."""
    for d, a in cands:
        if a["date"] and [a["type"], a["issuer"]].count(False) == 1 and None not in (a["type"], a["issuer"]):
            return _mismatch(c, citing, d, a, rules)
    return None


def _group_key(c: Citation, target: _ArchiveDoc | None, lex: Any) -> tuple:
    if target is not None:
        return ("doc", target.doc_id)
    sym = c.symbol
    ident = sym.key(lex.aliases) if sym is not None else (c.canonical,)
    year = c.year or _year(c.date)
    issuer = "" if sym is None or national(sym, lex) else normal_issuer(c.issuer, lex)
    return ("cited", ident, year, issuer)


def _undated_join(groups: dict[tuple, list]) -> dict[tuple, list]:
    """Citations with no year join the one dated group of their số hiệu and issuer, if one."""
    dated: dict[tuple, list[tuple]] = defaultdict(list)
    for key in groups:
        if key[0] == "cited" and key[2] is not None:
            dated[(key[1], key[3])].append(key)
    out: dict[tuple, list] = {}
    for key, items in groups.items():
        if key[0] == "cited" and key[2] is None and len(dated.get((key[1], key[3]), [])) == 1:
            out.setdefault(dated[(key[1], key[3])][0], []).extend(items)
        else:
            out.setdefault(key, []).extend(items)
    return out


def _cited_documents(groups: dict[tuple, list[tuple[str, Citation, str | None]]], index: ArchiveIndex,
                     citing_dates: dict[str, str | None], rules: Rules) -> list[CitedDocument]:
    catalog = default_catalog(rules)
    out = []
    for key, items in groups.items():
        cits = [c for _, c, _ in items]
        target = index.by_id.get(key[1]) if key[0] == "doc" else None
        first = cits[0]
        sym = first.symbol
        entries = catalog.rows_for(sym) if sym is not None else []
        dates = Counter(c.date for c in cits if c.date)
        if target is not None and target.date:
            best, source = target.date, "archive"
        elif entries and entries[0].date:
            best, source = entries[0].date, "catalog"
        elif dates:
            ranked = dates.most_common()
            tie = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
            best, source = (min(d for d, n in ranked if n == ranked[0][1]), "citations (tie)") if tie \
                else (ranked[0][0], "citations")
        else:
            best, source = None, None
        issuers = Counter(c.issuer for c in cits if c.issuer)
        types = Counter(c.type for c in cits if c.type)
        citing = sorted({d for d, _, _ in items})
        cdates = sorted(d for d in (citing_dates.get(x) for x in citing) if d)
        out.append(CitedDocument(
            cited_id="", canonical=target.symbol.canonical if target else first.canonical,
            type=(target.type if target and target.type else (types.most_common(1)[0][0] if types else None)),
            issuer=(target.issuer if target and target.issuer else
                    (issuers.most_common(1)[0][0] if issuers else None)),
            year=_year(best) or first.year, best_date=best, date_source=source, n_citations=len(cits),
            n_citing_documents=len(citing), target_doc_id=target.doc_id if target else None,
            in_catalog=bool(entries), first_citing_date=cdates[0] if cdates else None,
            last_citing_date=cdates[-1] if cdates else None,
            relations=dict(Counter(c.relation or "mention" for c in cits).most_common())))
    out.sort(key=lambda r: (-r.n_citations, r.canonical, r.issuer or ""))
    for i, r in enumerate(out, 1):
        r.cited_id = f"cited#{i}"
    return out
