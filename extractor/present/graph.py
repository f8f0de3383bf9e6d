"""The report's graph view: the most cited documents and what implements them, as inline SVG.

Each cited document is a node on the left (its radius grows with the number of citations),
each document that implements it (a citation with relation ``implements``) a node on the
right, joined by an edge; an implementer of several cited documents is drawn once.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from typing import Any


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def implementers(citations: list[dict[str, Any]]) -> dict[str, set[str]]:
    """canonical (or archive target) -> documents implementing it."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in citations:
        if c.get("relation") == "implements" and c.get("canonical"):
            out[c.get("target_doc_id") or c["canonical"]].add(c.get("doc_id"))
    return out


def graph_view(cited: list[dict[str, Any]], citations: list[dict[str, Any]], links: dict[str, str],
               top: int = 10, per_node: int = 8) -> str:
    """The section: an SVG of the ``top`` most cited documents and up to ``per_node``
    implementers each (``links``: doc_id -> href of its page)."""
    impl = implementers(citations)
    if not cited:  # an older output folder: rank the citations themselves
        counts: dict[str, int] = defaultdict(int)
        for c in citations:
            if c.get("canonical"):
                counts[c["canonical"]] += 1
        cited = [{"canonical": k, "n_citations": n, "type": None, "target_doc_id": None}
                 for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    nodes = sorted(cited, key=lambda r: (-(r.get("n_citations") or 0), r.get("canonical") or ""))[:top]
    right: dict[str, float] = {}
    edges: list[tuple[float, str, str]] = []
    left: list[tuple[float, dict[str, Any], list[str]]] = []
    y = 30.0
    for r in nodes:
        docs = sorted(impl.get(r.get("target_doc_id") or "", set()) | impl.get(r.get("canonical") or "", set()))
        docs = [d for d in docs if d][:per_node]
        cy = y + max(0, len([d for d in docs if d not in right]) - 1) * 11
        left.append((cy, r, docs))
        for d in docs:
            if d not in right:
                right[d] = y
                y += 22
            edges.append((cy, d, r.get("canonical") or ""))
        y = max(y, cy + 34)
    height = int(y + 10)
    biggest = max((r.get("n_citations") or 1 for r in nodes), default=1)
    parts = [f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="960" height="{height}" '
             f'viewBox="0 0 960 {height}" role="img" aria-label="most cited documents and what implements them">']
    for cy, d, canonical in edges:
        parts.append(f'<path class="edge" d="M 300 {cy:.0f} C 450 {cy:.0f}, 450 {right[d]:.0f}, 600 {right[d]:.0f}" '
                     f'fill="none" stroke="#8aa" stroke-width="1.2"><title>{_e(d)} implements {_e(canonical)}</title></path>')
    for cy, r, _docs in left:
        n = r.get("n_citations") or 0
        rad = 5 + 13 * math.sqrt(n / biggest)
        label = " ".join(x for x in (r.get("type"), r.get("canonical")) if x)
        cls = "node cited in-archive" if r.get("target_doc_id") else "node cited"
        parts.append(f'<g class="{cls}"><circle cx="300" cy="{cy:.0f}" r="{rad:.1f}" fill="#2b6cb0"/>'
                     f'<text x="{280 - rad:.0f}" y="{cy + 4:.0f}" text-anchor="end" font-size="13">{_e(label)}</text>'
                     f'<text x="300" y="{cy + rad + 12:.0f}" text-anchor="middle" font-size="10" fill="#555">'
                     f'{n} citation{"s" if n != 1 else ""}</text></g>')
    for d, ry in right.items():
        href = links.get(d)
        text = f'<text x="612" y="{ry + 4:.0f}" font-size="12">{_e(d)}</text>'
        if href:
            text = f'<a href="{_e(href)}">{text}</a>'
        parts.append(f'<g class="node implementer"><circle cx="600" cy="{ry:.0f}" r="5" fill="#dd6b20"/>{text}</g>')
    parts.append("</svg>")
    note = ('<p class="muted">Left: the most cited documents (size: citations). Right: the documents that '
            'implement them (<code>citations.relation = implements</code>).</p>')
    return f'<section class="block" id="graph"><h2>Citation graph</h2>{note}{"".join(parts)}</section>'
