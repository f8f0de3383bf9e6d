"""``extractor check PATH...``: run the pipeline and print the findings grouped by document.

Exit 1 when any finding has severity ``error`` (usable as a CI gate), 2 on bad arguments.
"""

from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

SEVERITIES = ("error", "warning", "info")
RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error ranks first


def _err(msg: str) -> int:
    print(f"extractor: error: {msg}", file=sys.stderr)
    return 2


def run_check(args) -> int:
    """Run the pipeline on PATH..., print findings grouped by document; exit 1 on any error."""
    from rich.console import Console

    from ..archive.discover import InputError, discover
    from ..archive.engines import iter_results
    from ..check.catalog import CatalogError, load_catalog
    from ..pipeline import Options
    from ..rules import RulesError, load_rules
    from ..stages import lighten, run_archive_stages

    try:
        jobs = [j for j in discover(args.paths) if not j.skip]
        rules = load_rules(args.rules)
        load_catalog(rules, args.catalog)  # a bad --catalog file fails before any work
    except (InputError, RulesError, CatalogError) as exc:
        return _err(str(exc))
    if not jobs:
        return _err(f"no supported files (.txt .md .pdf .docx .doc) under {', '.join(args.paths)}")
    options = Options(pdf_engine=args.pdf_engine, ocr=args.ocr)
    workers = args.workers or min(os.cpu_count() or 1, len(jobs))
    console = Console(highlight=False, soft_wrap=True)
    threshold = RANK[args.min_severity]
    totals: Counter[str] = Counter()
    light, unread = [], []
    for result in iter_results(jobs, args.rules, options, workers, args.time_limit or None):
        if result.info.status in ("error", "timeout", "needs_ocr"):
            unread.append(result.info)
        totals.update(f.severity for f in result.findings)
        _print_document(console, result.info.doc_id, result.findings, threshold, result.info)
        light.append(lighten(result))
    archive = run_archive_stages(light, rules, options.stages, catalogs=args.catalog)
    totals.update(f.severity for f in archive)
    by_doc: dict[str | None, list] = defaultdict(list)
    for f in archive:
        by_doc[f.doc_id].append(f)
    for doc_id, found in by_doc.items():
        title = "across the archive" if doc_id is None else f"{doc_id} (against the catalog)"
        _print_document(console, title, found, threshold, None)
    _print_summary(console, len(jobs), totals, unread)
    return 1 if totals["error"] else 0


_STYLE = {"error": "bold white on red", "warning": "bold black on yellow", "info": "bold white on blue"}


def _print_document(console, title: str, findings: Sequence[Any], threshold: int, info) -> None:
    shown = [f for f in findings if RANK.get(f.severity, 2) <= threshold]
    counts = Counter(f.severity for f in findings)
    summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                        for s in SEVERITIES if counts[s]) or "no findings"
    status = ""
    if info is not None and info.status != "ok":
        status = f" [red]{info.status}: {_esc(info.error or '')}[/red]"
    console.print(f"[bold]{_esc(title)}[/bold]  [dim]({summary})[/dim]{status}")
    for f in sorted(shown, key=lambda f: RANK.get(f.severity, 2)):
        console.print(f"  [{_STYLE.get(f.severity, 'bold')}] {f.severity.upper():7} [/] "
                      f"[cyan]{f.kind}[/cyan]  {_esc(f.message)}")
        if f.suggestion:
            console.print(f"           [green]→ {_esc(f.suggestion)}[/green]")
    if shown:
        console.print()


def _esc(s: str) -> str:
    from rich.markup import escape

    return escape(s or "")


def _print_summary(console, n_docs: int, totals: Counter, unread: Sequence[Any]) -> None:
    parts = ", ".join(f"{totals[s]} {s}{'s' if totals[s] != 1 and s != 'info' else ''}" for s in SEVERITIES)
    console.print(f"[bold]{n_docs} document{'s' if n_docs != 1 else ''}[/bold]: {sum(totals.values())} findings ({parts})")
    for info in unread:
        console.print(f"[red]not checked: {_esc(info.doc_id)} ({info.status}: {_esc(info.error or '')})[/red]")
