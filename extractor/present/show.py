"""``extractor show FILE [--html OUT.html]``: one document with what was found in it.

With ``--html`` the normalised text is rendered by displaCy (entity style, manual data): each
citation, mention, model, date, figure and section marker highlighted with its label and,
beside it, what it resolved to (canonical số hiệu, ISO date, value and unit...). Where two
records overlap (a date inside a citation) the first kind in ``PRIORITY`` is shown.
Without ``--html`` a text summary of the records is printed (rich tables).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

from ..models import DocumentResult

# Label, colour; earlier kinds win where records overlap.
PRIORITY = ("CITATION", "MENTION", "MODEL", "DATE", "STATISTIC", "SECTION")
COLORS = {"CITATION": "#7aecec", "MENTION": "#bfeeb7", "MODEL": "#feca74", "DATE": "#c887fb",
          "STATISTIC": "#e4e7d2", "SECTION": "#ddd"}


def _fmt_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def candidate_spans(result: DocumentResult) -> list[dict[str, Any]]:
    """Every record as a displaCy entity: start, end, label, kb_id (what it resolved to)."""
    out: list[dict[str, Any]] = []
    for c in result.citations:
        out.append({"start": c.start, "end": c.end, "label": "CITATION",
                    "kb_id": " · ".join(x for x in (c.type, c.canonical, c.date) if x)})
    for m in result.mentions:
        out.append({"start": m.start, "end": m.end, "label": "MENTION",
                    "kb_id": " · ".join(x for x in (m.status, m.resolved_canonical) if x)})
    for mo in result.models:
        for a, b in mo.spans or [(mo.start, mo.end)]:
            out.append({"start": a, "end": b, "label": "MODEL",
                        "kb_id": " · ".join(x for x in (mo.kind, mo.owner) if x)})
    for d in result.dates:
        out.append({"start": d.start, "end": d.end, "label": "DATE",
                    "kb_id": " · ".join(x for x in (d.date, d.date_end and f"→ {d.date_end}", d.flag) if x)})
    for s in result.statistics:
        out.append({"start": s.start, "end": s.end, "label": "STATISTIC",
                    "kb_id": " ".join(x for x in (_fmt_value(s.value), s.unit) if x)})
    for sec in result.sections:
        out.append({"start": sec.start, "end": sec.start + len(sec.marker), "label": "SECTION",
                    "kb_id": sec.section_id})
    return out


def visible_spans(result: DocumentResult) -> list[dict[str, Any]]:
    """Non-overlapping entities in text order, higher-priority kinds first."""
    rank = {label: i for i, label in enumerate(PRIORITY)}
    taken: list[tuple[int, int]] = []
    kept = []
    for ent in sorted(candidate_spans(result), key=lambda e: (rank[e["label"]], e["start"])):
        if ent["end"] <= ent["start"] or any(a < ent["end"] and ent["start"] < b for a, b in taken):
            continue
        taken.append((ent["start"], ent["end"]))
        ent["kb_id"] = html.escape(ent["kb_id"] or "")  # displaCy inserts it unescaped
        kept.append(ent)
    return sorted(kept, key=lambda e: e["start"])


def render_html(result: DocumentResult) -> str:
    from spacy import displacy

    counts = ", ".join(f"{len(getattr(result, k))} {k}" for k in
                       ("citations", "mentions", "models", "dates", "statistics", "sections"))
    data = {"text": result.text, "ents": visible_spans(result),
            "title": html.escape(f"{result.doc_id} — {counts}")}
    return displacy.render(data, style="ent", manual=True, page=True, minify=False,
                           options={"colors": COLORS, "ents": list(PRIORITY)})


def print_summary(result: DocumentResult, file=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, width=160, soft_wrap=False)
    info, h = result.info, result.header
    console.print(f"[bold]{result.doc_id}[/bold]  status={info.status}"
                  + (f"  ({info.error})" if info.error else "") + f"  {info.n_chars} chars")
    for label, value in (("issuer", h.issuer), ("number", h.doc_number), ("date", h.date),
                         ("type", h.doc_type), ("title", h.title), ("signer", h.signer)):
        if value:
            console.print(f"  {label:<7} {value}")

    def table(title: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        t = Table(title=f"{title} ({len(rows)})", title_justify="left", show_lines=False)
        for col in columns:
            t.add_column(col, overflow="fold")
        for row in rows:
            t.add_row(*("" if v is None else str(v) for v in row))
        console.print(t)

    table("sections", ("id", "heading"), [(s.section_id, s.heading[:90]) for s in result.sections])
    table("citations", ("text", "canonical", "date", "issuer"),
          [(c.text, c.canonical, c.date, c.issuer) for c in result.citations])
    table("mentions", ("text", "type", "status", "resolved"),
          [(m.text, m.type, m.status, m.resolved_canonical or ", ".join(m.candidates)) for m in result.mentions])
    table("models", ("name", "kind", "owner", "field", "mentions"),
          [(m.name, m.kind, m.owner, m.field, m.mentions) for m in result.models])
    table("dates", ("text", "date", "flag"), [(d.text, d.date, d.flag) for d in result.dates])
    table("statistics", ("text", "value", "unit", "subject"),
          [(s.text, _fmt_value(s.value), s.unit, s.subject) for s in result.statistics])
    table("findings", ("severity", "kind", "message"),
          [(f.severity, f.kind, f.message) for f in result.findings])


def show(args) -> int:
    """The CLI command: 0 shown, 1 the document could not be read, 2 bad arguments/output."""
    from ..pipeline import extract_file
    from ..rules import RulesError, load_rules

    path = Path(args.file)
    if not path.is_file():
        print(f"extractor: error: file not found: {path}", file=sys.stderr)
        return 2
    try:
        rules = load_rules(getattr(args, "rules", None))
    except RulesError as exc:
        print(f"extractor: error: {exc}", file=sys.stderr)
        return 2
    result = extract_file(path, rules=rules)
    if result.info.status not in ("ok", "empty"):
        print(f"extractor: {path}: {result.info.status}: {result.info.error}", file=sys.stderr)
        return 1
    if not args.html:
        print_summary(result)
        return 0
    try:
        Path(args.html).write_text(render_html(result), encoding="utf-8")
    except OSError as exc:
        print(f"extractor: error: cannot write {args.html}: {exc}", file=sys.stderr)
        return 2
    print(f"written to {args.html}", file=sys.stderr)
    return 0
