"""The report's per-document pages (``report/docs/<doc>.html``): the header fields, the
document's findings and its text with every record highlighted (displaCy-like marks).

Each page is self-contained (inline CSS) and bounded: text beyond ``max_text_chars`` is cut
(the whole text stays in ``OUT/texts``)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..kinds import displayed_kinds
from .report_html import RANK, esc, linked, page_head

MAX_TEXT_CHARS = 400_000  # per page; a longer text is cut there


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    cls: str
    label: str
    title: str
    priority: int
    finding: bool = False


def marked_kinds():
    """Kinds drawn in the document pages, in registry order."""
    return [k for k in displayed_kinds() if k.display.report_rank is not None]


def marks(doc_id: str, per_doc: dict[str, dict[str, list[dict[str, Any]]]], n: int) -> list[Mark]:
    """Non-overlapping marks; where records overlap the higher priority wins (a date inside a
    citation shows as the citation). Spans named by findings are outlined."""
    cand: list[Mark] = []
    by_start: dict[int, Mark] = {}
    for kind in marked_kinds():
        d = kind.display
        for r in per_doc.get(kind.table, {}).get(doc_id, []):
            cand.append(Mark(r["start"], r["end"], d.report_class, d.report_label, d.row_title(r), d.report_rank))
    kept: list[Mark] = []
    starts: list[int] = []  # starts of the kept marks, sorted (they never overlap)
    for m in sorted((m for m in cand if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= n),
                    key=lambda m: (-m.priority, m.start - m.end)):
        i = bisect.bisect_left(starts, m.start)
        if (i < len(starts) and starts[i] < m.end) or (i > 0 and by_start[starts[i - 1]].end > m.start):
            continue
        starts.insert(i, m.start)
        by_start[m.start] = m
        kept.append(m)
    for f in per_doc.get("findings", {}).get(doc_id, []):
        for ev in f.get("evidence") or []:
            s, e = ev.get("start"), ev.get("end")
            if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= n:
                continue
            hit = [k for k in kept if s < k.end and k.start < e]
            for k in hit:
                k.finding = True
                k.title += f" ⚠ {f.get('message')}"
            if not hit:
                kept.append(Mark(s, e, "finding", f.get("kind", "").upper()[:12], f.get("message") or "", 0, True))
    return sorted(kept, key=lambda m: m.start)


def render_text(text: str, marks: Sequence[Mark], sections: Sequence[dict[str, Any]]) -> str:
    anchors = sorted((s["start"], s["section_id"]) for s in sections
                     if isinstance(s.get("start"), int) and s["start"] <= len(text))
    out: list[str] = []
    pos = 0
    ai = 0

    def anchor_upto(limit: int | None) -> None:
        nonlocal pos, ai
        while ai < len(anchors) and (limit is None or anchors[ai][0] <= limit):
            a_pos, sid = anchors[ai]
            if a_pos >= pos:
                out.append(esc(text[pos:a_pos]))
                pos = a_pos
            out.append(f'<span class="sec" id="s-{esc(sid)}"></span>')
            ai += 1

    for m in marks:
        if m.start < pos or m.end > len(text):
            continue
        anchor_upto(m.start)
        out.append(esc(text[pos:m.start]))
        cls = f"ent {m.cls}" + (" has-finding" if m.finding else "")
        out.append(f'<mark class="{cls}" title="{esc(m.title)}">{esc(text[m.start:m.end])}'
                   f'<span class="lbl">{esc(m.label)}</span></mark>')
        pos = m.end
    anchor_upto(None)
    out.append(esc(text[pos:]))
    return "".join(out)


LEGEND = ('<p class="legend"><mark class="ent cit">citation</mark><mark class="ent mention">short reference</mark>'
          '<mark class="ent model">model</mark><mark class="ent stat">figure</mark><mark class="ent date">date</mark>'
          '<mark class="ent finding has-finding">finding</mark></p>')
HEADER_FIELDS = ("issuer", "doc_number", "place", "date", "doc_type", "title", "signer", "signer_title", "status", "error")


def render_doc_page(doc: dict[str, Any], text: str | None, per_doc: dict[str, dict[str, list[dict[str, Any]]]],
                    css: str, summary_href: str, prev_next: tuple[str | None, str | None] = (None, None),
                    max_text_chars: int = MAX_TEXT_CHARS) -> str:
    """One document's page. ``summary_href`` leads back to the summary; ``prev_next`` are the
    hrefs of the neighbouring pages in the report's (natural) document order."""
    doc_id = doc["doc_id"]
    fields = "".join(f"<dt>{k}</dt><dd>{esc(doc.get(k))}</dd>" for k in HEADER_FIELDS if doc.get(k))
    findings = "".join(
        f'<li class="finding" data-severity="{esc(f.get("severity"))}"><span class="sev sev-{esc(f.get("severity"))}">'
        f'{esc(f.get("severity"))}</span> <span class="kind">{esc(f.get("kind"))}</span> {linked(f.get("message"), "")}</li>'
        for f in sorted(per_doc.get("findings", {}).get(doc_id, []), key=lambda f: RANK.get(f.get("severity"), 3)))
    findings = f"<h2>Findings</h2><ul>{findings}</ul>" if findings else ""
    if text is None:
        body = '<p class="muted">Text not kept (run <code>extractor run --keep-text</code> to see it here).</p>'
    else:
        cut = ""
        if len(text) > max_text_chars:
            cut = (f'<p class="muted cut">Text cut at {max_text_chars:,} of {len(text):,} characters '
                   f'(the whole text is in texts/).</p>')
            text = text[:max_text_chars]
        ms = marks(doc_id, per_doc, len(text))
        body = (LEGEND + f'<div class="text">{render_text(text, ms, per_doc.get("sections", {}).get(doc_id, []))}</div>'
                + cut)
    prev, nxt = prev_next
    nav = (f'<nav class="toc"><a href="{esc(summary_href)}">← summary</a>'
           + (f'<a rel="prev" href="{esc(prev)}">previous</a>' if prev else "")
           + (f'<a rel="next" href="{esc(nxt)}">next</a>' if nxt else "") + "</nav>")
    return (page_head(f"{doc_id} · extractor report", css)
            + f'<header class="top"><h1>{esc(doc_id)}</h1></header>{nav}<main>'
            + f'<article class="doc" data-doc-id="{esc(doc_id)}"><dl>{fields}</dl>{findings}{body}</article>'
            + "</main></body></html>")
