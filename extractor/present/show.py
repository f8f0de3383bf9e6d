"""``extractor show FILE [--html OUT.html]``: one document with what was found in it.

With ``--html`` the normalised text is rendered by displaCy (entity style, manual data): each
citation, mention, model, date, figure and section marker highlighted with its label and,
beside it, what it resolved to (canonical số hiệu, ISO date, value and unit...). Where two
records overlap (a date inside a citation) the first kind in ``PRIORITY`` is shown. Labels,
colours and priorities come from the record-kind registry (``extractor.kinds``).
Without ``--html`` a text summary of the records is printed (rich tables).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

from ..kinds import RecordKind, displayed_kinds, fmt_value
from ..models import DocumentResult


def _shown() -> list[RecordKind]:
    """Kinds drawn by ``show``, highest priority first."""
    return sorted((k for k in displayed_kinds() if k.display.show_rank is not None),
                  key=lambda k: k.display.show_rank)


def priority() -> tuple[str, ...]:
    """Entity labels; earlier kinds win where records overlap."""
    return tuple(k.display.label for k in _shown())


def colors() -> dict[str, str]:
    return {k.display.label: k.display.color for k in _shown()}


PRIORITY = priority()
COLORS = colors()


def candidate_spans(result: DocumentResult) -> list[dict[str, Any]]:
    """Every record as a displaCy entity: start, end, label, kb_id (what it resolved to)."""
    out: list[dict[str, Any]] = []
    for kind in _shown():
        d = kind.display
        spans = d.show_spans or d.spans
        for rec in result.records(kind.attr):
            kb_id = d.describe(rec)
            for start, end, _ in spans(rec):
                out.append({"start": start, "end": end, "label": d.label, "kb_id": kb_id})
    return out


def visible_spans(result: DocumentResult) -> list[dict[str, Any]]:
    """Non-overlapping entities in text order, higher-priority kinds first."""
    rank = {label: i for i, label in enumerate(priority())}
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

    counts = ", ".join(f"{len(result.records(k.attr))} {k.table}" for k in _shown())
    data = {"text": result.text, "ents": visible_spans(result),
            "title": html.escape(f"{result.doc_id} — {counts}")}
    return displacy.render(data, style="ent", manual=True, page=True, minify=False,
                           options={"colors": colors(), "ents": list(priority())})


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
          [(s.text, fmt_value(s.value), s.unit, s.subject) for s in result.statistics])
    table("findings", ("severity", "kind", "message"),
          [(f.severity, f.kind, f.message) for f in result.findings])


def show(args) -> int:
    """The CLI command: 0 shown, 1 the document could not be read, 2 bad arguments/output."""
    from ..pipeline import extract_file
    from ..rules import RulesError, load_rules

    path = Path(args.file)
    if path.is_dir():
        print(f"extractor: error: {path} is a folder; show takes one file (for a folder: "
              f"'extractor run {path} -o OUT' then 'extractor report OUT')", file=sys.stderr)
        return 2
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
