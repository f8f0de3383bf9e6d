"""The report's graph view: the most cited documents and the documents that implement them,
are based on them (or amend, replace, repeal them), as one inline SVG.

The hubs are the ``cited_documents`` rows (most citing documents first); the edges are the
citations of each hub (``citations.target_doc_id`` for an archive document, its canonical số
hiệu otherwise) with their ``relation``. Without a ``cited_documents`` table the hubs are the
citations grouped by canonical."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .report_html import esc, natural_key

# relations drawn as edges, in the order the citing documents are listed; colours of the legend
DRAWN = {"implements": "#1e7a3c", "basis": "#2e6da4", "amends": "#b9770e", "replaces": "#8e44ad",
         "repeals": "#c0392b", "attached_to": "#5d6675"}
ROW_H, HUB_W, CHILD_X, CHILD_W, WIDTH = 22, 290, 430, 330, 780


def hubs(tables: Any, top: int) -> list[dict[str, Any]]:
    """The ``top`` most cited documents as cited_documents-like rows."""
    rows = list(tables["cited_documents"])
    if not rows:
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in tables["citations"]:
            if c.get("canonical"):
                groups[c["canonical"]].append(c)
        for canonical, cits in groups.items():
            rows.append({"canonical": canonical, "type": cits[0].get("type"), "issuer": cits[0].get("issuer"),
                         "n_citations": len(cits), "n_citing_documents": len({c.get("doc_id") for c in cits}),
                         "target_doc_id": None})
    rows.sort(key=lambda r: (-(r.get("n_citing_documents") or 0), -(r.get("n_citations") or 0),
                             natural_key(r.get("canonical"))))
    return rows[:top]


def _edges(hub: dict[str, Any], by_target: dict, by_canonical: dict, shared: set[str]) -> tuple[dict[str, str], int]:
    """Citing doc_id → its strongest drawn relation to the hub (first in DRAWN order), and the
    number of the other citing documents (references and mentions only)."""
    if hub.get("target_doc_id"):
        cits = by_target.get(hub["target_doc_id"], [])
    else:
        cits = [c for c in by_canonical.get(hub.get("canonical"), []) if not c.get("target_doc_id")]
        if hub.get("canonical") in shared and hub.get("issuer"):  # one số hiệu, several issuers
            cits = [c for c in cits if not c.get("issuer") or c.get("issuer") == hub["issuer"]]
    order = list(DRAWN)
    out: dict[str, str] = {}
    for c in cits:
        rel, doc = c.get("relation"), c.get("doc_id")
        if rel in DRAWN and doc and (doc not in out or order.index(rel) < order.index(out[doc])):
            out[doc] = rel
    return out, len({c.get("doc_id") for c in cits} - set(out))


def _n(n: Any, word: str) -> str:
    n = n or 0
    return f"{n} {word}{'' if n == 1 else 's'}"


def _clip(s: Any, n: int) -> str:
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[:n - 1] + "…"


def graph_svg(tables: Any, href: Callable[[str], str | None], top: int = 8, per_hub: int = 6) -> str:
    """The graph section. ``href(doc_id)`` is the link of an archive document's page."""
    by_target: dict[str, list] = defaultdict(list)
    by_canonical: dict[str, list] = defaultdict(list)
    for c in tables["citations"]:
        if c.get("target_doc_id"):
            by_target[c["target_doc_id"]].append(c)
        if c.get("canonical"):
            by_canonical[c["canonical"]].append(c)
    seen: dict[str, int] = defaultdict(int)
    for r in tables["cited_documents"]:
        seen[r.get("canonical")] += 1
    shared = {k for k, n in seen.items() if n > 1}
    dates = {d["doc_id"]: d.get("date") for d in tables["documents"]}
    parts, y = [], 8
    for hub in hubs(tables, top):
        edges, others = _edges(hub, by_target, by_canonical, shared)
        kids = sorted(edges, key=lambda d: (list(DRAWN).index(edges[d]), natural_key(d)))
        shown, more = kids[:per_hub], len(kids) - per_hub
        rows = max(3, len(shown) + (more > 0) + (others > 0))
        block = rows * ROW_H
        hy = y + block / 2 - 27
        label = hub.get("canonical") or "?"
        sub = " · ".join(str(x) for x in (hub.get("type"), hub.get("issuer")) if x)
        counts = f"{_n(hub.get('n_citing_documents'), 'citing document')} · {_n(hub.get('n_citations'), 'citation')}"
        box = (f'<rect x="8" y="{hy:.0f}" width="{HUB_W}" height="54" rx="6" class="hub-box"/>'
               f'<text x="18" y="{hy + 18:.0f}" class="hub-label">{esc(_clip(label, 34))}</text>'
               f'<text x="18" y="{hy + 33:.0f}" class="hub-sub">{esc(_clip(sub, 46))}</text>'
               f'<text x="18" y="{hy + 47:.0f}" class="hub-sub">{esc(counts)}</text>'
               f'<title>{esc(label)} {esc(sub)}</title>')
        target = hub.get("target_doc_id")
        if target and href(target):
            box = f'<a href="{esc(href(target))}">{box}</a>'
        g = [f'<g class="hub" data-canonical="{esc(label)}" data-target="{esc(target)}">{box}']
        for i, doc in enumerate(shown):
            cy = y + i * ROW_H + ROW_H / 2
            rel = edges[doc]
            text = f"{_clip(doc, 38)}" + (f" · {dates[doc]}" if dates.get(doc) else "")
            child = f'<text x="{CHILD_X + 8}" y="{cy + 4:.0f}">{esc(text)}<title>{esc(doc)}: {rel}</title></text>'
            if href(doc):
                child = f'<a href="{esc(href(doc))}">{child}</a>'
            g.append(f'<g class="cite" data-doc-id="{esc(doc)}" data-relation="{rel}">'
                     f'<path d="M{8 + HUB_W},{hy + 27:.0f} C{CHILD_X - 70},{hy + 27:.0f} {CHILD_X - 70},{cy:.0f} '
                     f'{CHILD_X},{cy:.0f}" stroke="{DRAWN[rel]}" class="edge"/>'
                     f'<circle cx="{CHILD_X}" cy="{cy:.0f}" r="4" fill="{DRAWN[rel]}"/>{child}</g>')
        if more > 0:
            g.append(f'<text x="{CHILD_X + 8}" y="{y + len(shown) * ROW_H + 15:.0f}" class="more">'
                     f'+ {more} more documents</text>')
        if others:
            line = len(shown) + (more > 0)
            g.append(f'<text x="{CHILD_X + 8}" y="{y + line * ROW_H + 15:.0f}" class="more">'
                     f'{"+ " if kids else ""}{_n(others, "document")} citing it as a reference or mention</text>')
        parts.append("".join(g) + "</g>")
        y += block + 18
    if not parts:
        return ('<section class="block" id="graph"><h2>Citation graph</h2>'
                '<p class="muted">No citations.</p></section>')
    legend = "".join(f'<span class="rel"><i style="background:{c}"></i>{r}</span>' for r, c in DRAWN.items())
    return ('<section class="block" id="graph"><h2>Citation graph</h2>'
            '<p class="muted">The most cited documents (left) and the documents that implement them, are based on '
            f'them or amend, replace or repeal them (right). {legend}</p>'
            f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{WIDTH}" height="{y}" role="img" '
            f'aria-label="citation graph">{"".join(parts)}</svg></section>')
