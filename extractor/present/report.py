"""``extractor report OUT``: the HTML report of an output folder.

The summary (``OUT/report.html``) is one self-contained page: CSS and the few lines of JS are
inlined from ``extractor/assets``, charts and the citation graph are inline SVG, and its size
grows only with the document index (about 5 MB for 10,000 documents, bench/bench_report.py).
Each document has its own page beside it (``OUT/report/docs/<doc>.html``, report_pages) with
its text and records highlighted; text needs ``extractor run --keep-text`` (``OUT/texts``).
Documents are listed in natural order ("2" before "10") everywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..kinds import KINDS
from .report_graph import graph_svg
from .report_html import (
    RANK,
    SEVERITIES,
    asset,
    esc,
    linked,
    natural_key,
    page_head,
    page_name,
    snippet,
)
from .report_pages import MAX_TEXT_CHARS, render_doc_page


def _err(msg: str) -> int:
    print(f"extractor: error: {msg}", file=sys.stderr)
    return 2


# --- reading an output folder ----------------------------------------------------------------

TABLE_NAMES = tuple(KINDS)  # every table of the record-kind registry
_INT_COLUMNS = {c for k in KINDS.values() for c, t in k.types.items() if t == "int64"}
_JSON_COLUMNS = {c for k in KINDS.values() for c in k.nested}


class ReportError(Exception):
    """The folder is not an output of ``extractor run``."""


@dataclass(slots=True)
class Tables:
    out_dir: Path
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(name, [])

    def by_doc(self, name: str) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self[name]:
            out[r.get("doc_id")].append(r)
        return out

    def text(self, doc_id: str) -> str | None:
        p = self.out_dir / "texts" / f"{doc_id}.txt"
        try:
            return p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None


def read_tables(out_dir: str | Path) -> Tables:
    out = Path(out_dir)
    if not out.is_dir():
        raise ReportError(f"output folder not found: {out}")
    tables = Tables(out)
    for name in KINDS:
        jsonl, csv_path = out / f"{name}.jsonl", out / f"{name}.csv"
        if jsonl.is_file():
            tables.rows[name] = _read_jsonl(jsonl)
        elif csv_path.is_file():
            tables.rows[name] = _read_csv(csv_path)
    if "documents" not in tables.rows:
        raise ReportError(f"{out} has no documents.jsonl or documents.csv (not an output folder of "
                          f"'extractor run'): run 'extractor run PATH -o OUT' first, then 'extractor report OUT'")
    return tables


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ReportError(f"{path}:{i}: not JSON ({exc.msg})") from exc
    return rows


def _read_csv(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        for k, v in list(r.items()):
            if v == "":
                r[k] = None
            elif k in _INT_COLUMNS:
                try:
                    r[k] = int(float(v))
                except ValueError:
                    pass
            elif k in _JSON_COLUMNS:
                try:
                    r[k] = json.loads(v)
                except json.JSONDecodeError:
                    pass
    return rows


# --- extractor report ------------------------------------------------------------------------

@dataclass(slots=True)
class Written:
    summary: Path
    docs_dir: Path
    n_pages: int
    pages_bytes: int


def write_report(args) -> int:
    try:
        tables = read_tables(args.out)
    except ReportError as exc:
        return _err(str(exc))
    target = Path(args.output) if args.output else Path(args.out) / "report.html"
    try:
        written = write_report_files(tables, target)
    except OSError as exc:
        return _err(f"cannot write {getattr(exc, 'filename', None) or target}: {exc.strerror or exc}")
    print(f"report written to {written.summary} ({written.n_pages} document pages in {written.docs_dir})",
          file=sys.stderr)
    return 0


def docs_dir_of(target: Path) -> Path:
    """Where the document pages of the summary ``target`` go: ``report.html`` → ``report/docs``."""
    return target.parent / target.stem / "docs"


def ordered_docs(tables: Tables) -> list[dict[str, Any]]:
    return sorted(tables["documents"], key=lambda d: natural_key(d.get("doc_id")))


def write_report_files(tables: Tables, target: Path, max_text_chars: int = MAX_TEXT_CHARS) -> Written:
    """The summary page at ``target`` and one page per document in ``docs_dir_of(target)``;
    pages left from an earlier report of documents no longer in the folder are removed."""
    docs_dir = docs_dir_of(target)
    docs_dir.mkdir(parents=True, exist_ok=True)
    rel = f"{target.stem}/docs/"
    target.write_text(render_report(tables, docs_href=rel), encoding="utf-8")
    per_doc = {name: tables.by_doc(name) for name in KINDS if name != "documents"}
    css = asset("report.css")
    docs = ordered_docs(tables)
    names = [page_name(d["doc_id"]) for d in docs]
    back = f"../../{target.name}"
    total = 0
    for i, d in enumerate(docs):
        prev_next = (names[i - 1] if i else None, names[i + 1] if i + 1 < len(names) else None)
        page = render_doc_page(d, tables.text(d["doc_id"]), per_doc, css, back, prev_next, max_text_chars)
        data = page.encode("utf-8")
        (docs_dir / names[i]).write_bytes(data)
        total += len(data)
    keep = set(names)
    for old in docs_dir.glob("*.html"):
        if old.name not in keep:
            old.unlink()
    return Written(target, docs_dir, len(docs), total)


def render_report(tables: Tables, docs_href: str = "report/docs/", max_per_kind: int = 50) -> str:
    """The summary page. Document pages are linked at ``docs_href`` + ``page_name(doc_id)``;
    each finding kind lists at most ``max_per_kind`` findings (all are in findings.csv and on
    the document pages)."""
    known = {d["doc_id"] for d in tables["documents"]}

    def href(doc_id: str | None) -> str | None:
        return docs_href + page_name(doc_id) if doc_id in known else None

    parts = [
        _head(tables),
        '<main>',
        _summary(tables),
        _findings(tables, href, max_per_kind),
        _most_cited(tables, href),
        graph_svg(tables, href),
        _charts(tables),
        _documents(tables, href),
        '</main>',
        f"<script>{asset('report.js')}</script>",
        '</body></html>',
    ]
    return "\n".join(parts)


def _head(tables: Tables) -> str:
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        page_head(f"extractor report: {tables.out_dir.name}", asset("report.css"))
        + f'<header class="top"><h1>extractor report</h1><p>{esc(tables.out_dir)} · generated {when}</p></header>'
        '<nav class="toc"><a href="#summary">Summary</a><a href="#findings">Findings</a>'
        '<a href="#cited">Most cited</a><a href="#graph">Graph</a><a href="#charts">Charts</a>'
        '<a href="#documents">Documents</a></nav>'
    )


def _cards(items: Iterable[tuple[str, Any]], cls: str = "") -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card {cls}" data-label="{esc(label)}"><div class="n">{esc(n)}</div><div class="l">{esc(label)}</div></div>'
        for label, n in items) + "</div>"


def _summary(tables: Tables) -> str:
    docs = ordered_docs(tables)
    status = Counter(d.get("status") or "ok" for d in docs)
    sev = Counter(f.get("severity") for f in tables["findings"])
    counts = [(name, len(tables[name])) for name in KINDS if name != "documents"]
    rows = "".join(f'<tr><td>{esc(s)}</td><td class="num" data-status="{esc(s)}">{n}</td></tr>'
                   for s, n in sorted(status.items(), key=lambda kv: (kv[0] != "ok", kv[0])))
    failed = [d for d in docs if (d.get("status") or "ok") != "ok"]
    fail_rows = "".join(f"<tr><td>{esc(d['doc_id'])}</td><td>{esc(d.get('status'))}</td><td>{esc(d.get('error'))}</td></tr>"
                        for d in failed)
    fail_table = (f'<h3>Files not read</h3><table><tr><th>document</th><th>status</th><th>error</th></tr>{fail_rows}</table>'
                  if failed else "")
    return (
        '<section class="block" id="summary"><h2>Run summary</h2>'
        + _cards([("documents", len(docs))] + [(k, n) for k, n in counts], "count")
        + _cards([(f"{s} findings", sev.get(s, 0)) for s in SEVERITIES], "severity")
        + f'<h3>Documents by status</h3><table class="status"><tr><th>status</th><th class="num">documents</th></tr>{rows}</table>'
        + fail_table + "</section>"
    )


def _doc_link(doc_id: str, href: Callable[[str], str | None], section: str | None = None) -> str:
    h = href(doc_id)
    return f'<a href="{esc(h)}{"#s-" + esc(section) if section else ""}">{esc(doc_id)}</a>' if h else esc(doc_id)


def _findings(tables: Tables, href: Callable[[str], str | None], max_per_kind: int = 50) -> str:
    findings = sorted(tables["findings"], key=lambda f: (f.get("kind") or "", RANK.get(f.get("severity"), 3),
                                                         natural_key(f.get("doc_id"))))
    if not findings:
        return '<section class="block" id="findings"><h2>Findings</h2><p class="muted">No findings.</p></section>'
    texts: dict[str, str | None] = {}
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_kind[f.get("kind") or "?"].append(f)
    worst = {k: min(RANK.get(f.get("severity"), 3) for f in fs) for k, fs in by_kind.items()}
    kinds = sorted(by_kind, key=lambda k: (worst[k], k))
    overview = "".join(
        f'<tr><td><a href="#kind-{esc(k)}">{esc(k)}</a></td>'
        + "".join(f'<td class="num">{sum(1 for f in by_kind[k] if f.get("severity") == s) or ""}</td>' for s in SEVERITIES)
        + f'<td class="num">{len(by_kind[k])}</td></tr>' for k in kinds)
    filters = "".join(f'<label><input type="checkbox" checked data-severity="{s}"> {s}</label>' for s in SEVERITIES)
    blocks = []
    for kind in kinds:
        fs = by_kind[kind]
        rows = []
        for f in fs[:max_per_kind]:
            doc_ids = ([f["doc_id"]] if f.get("doc_id") else
                       sorted({e.get("doc_id") for e in f.get("evidence") or [] if e.get("doc_id")}, key=natural_key))
            where = ", ".join(_doc_link(d, href) for d in doc_ids) or "archive"
            snippets = []
            for ev in (f.get("evidence") or [])[:4]:
                doc_id = ev.get("doc_id") or f.get("doc_id")
                if doc_id not in texts:
                    texts[doc_id] = tables.text(doc_id) if doc_id else None
                loc = f"§{ev['section_id']}" if ev.get("section_id") else ""
                snippets.append(f'<div class="snippet"><span class="muted">{esc(loc)}</span> {snippet(texts[doc_id], ev)}</div>')
            more = len(f.get("evidence") or []) - 4
            if more > 0:
                snippets.append(f'<div class="muted">… and {more} more</div>')
            sugg = f'<div class="suggestion">→ {esc(f["suggestion"])}</div>' if f.get("suggestion") else ""
            rows.append(
                f'<tr class="finding" data-kind="{esc(kind)}" data-severity="{esc(f.get("severity"))}" '
                f'data-finding-id="{esc(f.get("finding_id"))}">'
                f'<td><span class="sev sev-{esc(f.get("severity"))}">{esc(f.get("severity"))}</span></td>'
                f'<td>{where}</td><td><div class="message">{linked(f.get("message"), href(f.get("doc_id")))}</div>'
                f'{sugg}{"".join(snippets)}</td></tr>')
        more = (f'<p class="muted">… {len(fs) - max_per_kind} more {esc(kind)} findings in findings.csv '
                'and on the document pages</p>' if len(fs) > max_per_kind else "")
        blocks.append(f'<h3 id="kind-{esc(kind)}">{esc(kind)} <span class="muted">({len(fs)})</span></h3>'
                      f'<table><tr><th>severity</th><th>document</th><th>finding</th></tr>{"".join(rows)}</table>{more}')
    return (
        '<section class="block" id="findings"><h2>Findings</h2>'
        f'<table class="overview"><tr><th>kind</th>{"".join(f"<th class=num>{s}</th>" for s in SEVERITIES)}'
        f'<th class="num">total</th></tr>{overview}</table>'
        f'<p class="filters">Show: {filters}</p>' + "".join(blocks) + "</section>"
    )


def _most_cited(tables: Tables, href: Callable[[str], str | None], top: int = 25) -> str:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in tables["citations"]:
        if c.get("canonical"):
            groups[c["canonical"]].append(c)
    ranked = sorted(groups.items(), key=lambda kv: (-len({c.get("doc_id") for c in kv[1]}), -len(kv[1]),
                                                    natural_key(kv[0])))[:top]
    rows = []
    for canonical, cits in ranked:
        types = Counter(c.get("type") for c in cits if c.get("type"))
        issuers = Counter(c.get("issuer") for c in cits if c.get("issuer"))
        dates = sorted({c.get("date") for c in cits if c.get("date")})
        docs = {c.get("doc_id") for c in cits}
        targets = sorted({c["target_doc_id"] for c in cits if c.get("target_doc_id")}, key=natural_key)
        in_archive = ", ".join(_doc_link(t, href) for t in targets)
        rows.append(
            f'<tr class="cited"><td>{esc(canonical)}</td><td>{esc(types.most_common(1)[0][0] if types else "")}</td>'
            f'<td>{esc(issuers.most_common(1)[0][0] if issuers else "")}</td>'
            f'<td>{esc(", ".join(dates))}</td><td class="num">{len(cits)}</td><td class="num">{len(docs)}</td>'
            f'<td>{in_archive}</td></tr>')
    body = "".join(rows) or '<tr><td colspan="7" class="muted">No citations.</td></tr>'
    return ('<section class="block" id="cited"><h2>Most cited documents</h2><table><tr><th>số hiệu</th><th>type</th>'
            '<th>issuer (most frequent)</th><th>dates cited</th><th class="num">citations</th>'
            f'<th class="num">documents</th><th>in the archive</th></tr>{body}</table></section>')


def _bar_chart(title: str, items: Sequence[tuple[str, int]], chart_id: str, width: int = 520) -> str:
    """Horizontal bars as inline SVG."""
    if not items:
        return f'<div class="chart" id="{chart_id}"><h3>{esc(title)}</h3><p class="muted">No data.</p></div>'
    bar_h, gap, label_w = 18, 6, 150
    peak = max(n for _, n in items) or 1
    h = len(items) * (bar_h + gap) + 4
    plot_w = width - label_w - 50
    bars = []
    for i, (label, n) in enumerate(items):
        y = i * (bar_h + gap) + 2
        w = max(1, round(plot_w * n / peak))
        bars.append(
            f'<g class="bar" data-label="{esc(label)}" data-value="{n}">'
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{esc(label[:24])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#2e6da4" rx="2"><title>{esc(label)}: {n}</title></rect>'
            f'<text x="{label_w + w + 4}" y="{y + 13}">{n}</text></g>')
    return (f'<div class="chart" id="{chart_id}"><h3>{esc(title)}</h3>'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" aria-label="{esc(title)}">'
            + "".join(bars) + "</svg></div>")


LEVEL_NAMES = {"central": "central", "province": "province", "district": "district", "commune": "commune",
               "unknown": "unknown"}


def _charts(tables: Tables) -> str:
    from ..check import citation_level
    from ..rules import load_rules

    rules = load_rules()
    cits = tables["citations"]
    by_type = Counter(c.get("type") or "(none)" for c in cits).most_common(12)
    levels = Counter(citation_level(c.get("canonical"), c.get("issuer"), rules) for c in cits)
    by_level = [(LEVEL_NAMES[k], levels[k]) for k in LEVEL_NAMES if levels.get(k)]
    years: Counter[str] = Counter()
    for c in cits:
        y = c.get("year") or (str(c.get("date"))[:4] if c.get("date") else None)
        if y:
            years[str(y)] += 1
    by_year = sorted(years.items())
    return ('<section class="block" id="charts"><h2>Citations</h2><div class="charts">'
            + _bar_chart("by type", by_type, "chart-type")
            + _bar_chart("by issuer level", by_level, "chart-level")
            + _bar_chart("by year", by_year, "chart-year") + "</div></section>")




# --- the document index ----------------------------------------------------------------------

def _documents(tables: Tables, href: Callable[[str], str | None], title_chars: int = 60) -> str:
    """Every document in natural order, linked to its page. Rows are kept short (closing tags
    left out, titles cut) so the summary stays small for 10,000 documents."""
    n_cit = Counter(c.get("doc_id") for c in tables["citations"])
    n_find = Counter(f.get("doc_id") for f in tables["findings"])
    rows = []  # the two counts are right-aligned by the stylesheet (table.doc-index)
    for d in ordered_docs(tables):
        doc_id = d["doc_id"]
        title = d.get("title") or ""
        title = title if len(title) <= title_chars else title[:title_chars - 1] + "…"
        status = d.get("status") or "ok"
        rows.append(f'<tr><td>{_doc_link(doc_id, href)}<td>{"" if status == "ok" else esc(status)}<td>{esc(d.get("date"))}'
                    f'<td>{esc(title)}<td>{n_cit.get(doc_id, 0)}<td>{n_find.get(doc_id, 0)}')
    return ('<section class="block" id="documents"><h2>Documents</h2>'
            '<p><input type="search" id="doc-filter" placeholder="filter documents…" aria-label="filter documents"></p>'
            '<table class="doc-index"><thead><tr><th>document</th><th>status</th><th>date</th><th>title</th>'
            '<th class="num">citations</th><th class="num">findings</th></tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table></section>")
