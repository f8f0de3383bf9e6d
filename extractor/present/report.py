"""``extractor report OUT``: one self-contained HTML file from the tables of an output folder.

The report has no network dependency: CSS and the few lines of JS are inlined from
``extractor/assets``, charts are inline SVG. Text pages need ``extractor run --keep-text``
(``OUT/texts/<doc_id>.txt``); without them the report shows the records only.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import html
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..kinds import KINDS, displayed_kinds
from ..text.markers import markers
from .graph import graph_view

SEVERITIES = ("error", "warning", "info")
RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error ranks first


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

def write_report(args) -> int:
    try:
        tables = read_tables(args.out)
    except ReportError as exc:
        return _err(str(exc))
    target = Path(args.output) if args.output else Path(args.out) / "report.html"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        pages: dict[str, str] = {}
        folder = target.parent / target.stem / "docs"
        target.write_text(render_report(tables, pages=pages, pages_href=f"{target.stem}/docs"), encoding="utf-8")
        folder.mkdir(parents=True, exist_ok=True)
        for name, page in pages.items():
            (folder / name).write_text(page.replace("../../report.html", f"../../{target.name}"), encoding="utf-8")
    except OSError as exc:
        return _err(f"cannot write {target}: {exc.strerror or exc}")
    print(f"report written to {target}", file=sys.stderr)
    return 0


def _asset(name: str) -> str:
    return resources.files("extractor").joinpath("assets", name).read_text(encoding="utf-8")


def natural_key(s: str) -> tuple:
    """Sort key in which "2" comes before "10" (``bao-cao-2.txt`` before ``bao-cao-10.txt``)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in re.split(r"(\d+)", s) if p)


def render_report(tables: Tables, max_text_chars: int = 5_000_000, max_per_kind: int = 500,
                  pages: dict[str, str] | None = None, pages_href: str = "report/docs",
                  inline_limit: int = 100) -> str:
    """The summary page. Document texts are included until ``max_text_chars`` are used; each
    finding kind lists at most ``max_per_kind`` findings (all are in findings.csv).

    With ``pages`` (a dict to fill: file name -> HTML), every document also gets a page of
    its own, linked from the summary as ``pages_href/<name>``; a run of more than
    ``inline_limit`` documents keeps only the index in the summary, so that the page stays
    small (about 2 MB for 10,000 documents, bench/bench_report.py)."""
    tables.rows["documents"] = sorted(tables["documents"], key=lambda d: natural_key(d["doc_id"]))
    docs = tables["documents"]
    anchors = {d["doc_id"]: f"doc-{i}" for i, d in enumerate(docs, 1)}
    inline = pages is None or len(docs) <= inline_limit
    links = {d: (f"#{a}" if inline else f"{pages_href}/{a}.html") for d, a in anchors.items()}
    if not inline:
        max_per_kind = min(max_per_kind, 60)
    parts = [
        _head(tables),
        '<main>',
        _summary(tables),
        _findings(tables, anchors, max_per_kind),
        _most_cited(tables, anchors),
        graph_view(tables["cited_documents"], tables["citations"], links),
        _charts(tables),
        _documents(tables, anchors, max_text_chars, pages, links, inline),
        '</main>',
        f"<script>{_asset('report.js')}</script>",
        '</body></html>',
    ]
    return "\n".join(parts)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _head(tables: Tables) -> str:
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>extractor report: {_e(tables.out_dir.name)}</title>'
        f'<style>{_asset("report.css")}</style></head><body>'
        f'<header class="top"><h1>extractor report</h1><p>{_e(tables.out_dir)} · generated {when}</p></header>'
        '<nav class="toc"><a href="#summary">Summary</a><a href="#findings">Findings</a>'
        '<a href="#cited">Most cited</a><a href="#graph">Graph</a><a href="#charts">Charts</a><a href="#documents">Documents</a></nav>'
    )


def _cards(items: Iterable[tuple[str, Any]], cls: str = "") -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card {cls}" data-label="{_e(label)}"><div class="n">{_e(n)}</div><div class="l">{_e(label)}</div></div>'
        for label, n in items) + "</div>"


def _summary(tables: Tables) -> str:
    docs = tables["documents"]
    status = Counter(d.get("status") or "ok" for d in docs)
    sev = Counter(f.get("severity") for f in tables["findings"])
    counts = [(name, len(tables[name])) for name in KINDS if name != "documents"]
    rows = "".join(f'<tr><td>{_e(s)}</td><td class="num" data-status="{_e(s)}">{n}</td></tr>'
                   for s, n in sorted(status.items(), key=lambda kv: (kv[0] != "ok", kv[0])))
    failed = [d for d in docs if (d.get("status") or "ok") != "ok"]
    fail_rows = "".join(f"<tr><td>{_e(d['doc_id'])}</td><td>{_e(d.get('status'))}</td><td>{_e(d.get('error'))}</td></tr>"
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


def _snippet(text: str | None, ev: dict[str, Any], width: int = 90) -> str:
    start, end = ev.get("start"), ev.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int) or end > len(text):
        return f"<mark class=\"ent finding\">{_e(ev.get('text'))}</mark>"
    lo, hi = max(0, start - width), min(len(text), end + width)
    before, span, after = (_one_line(t) for t in (text[lo:start], text[start:end], text[end:hi]))
    return (("…" if lo else "") + _e(before) + f'<mark class="ent finding">{_e(span)}</mark>'
            + _e(after) + ("…" if hi < len(text) else ""))


def _one_line(s: str) -> str:
    """Snippet text on one line: paragraph breaks shown as "¶"."""
    return s.replace("\n\n", " ¶ ").replace("\n", " ")


def _linked(message: str, anchor: str | None) -> str:
    """The escaped message with "§II.1" linked to that section of the document page."""
    text = _e(message)
    if not anchor:
        return text
    return markers().section_ref.sub(lambda m: f'<a href="#{anchor}-s-{m.group(1)}">{m.group(0)}</a>', text)


def _findings(tables: Tables, anchors: dict[str, str], max_per_kind: int = 500) -> str:
    findings = sorted(tables["findings"], key=lambda f: (f.get("kind") or "", RANK.get(f.get("severity"), 3)))
    if not findings:
        return '<section class="block" id="findings"><h2>Findings</h2><p class="muted">No findings.</p></section>'
    texts: dict[str, str | None] = {}
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        by_kind[f.get("kind") or "?"].append(f)
    overview = "".join(
        f'<tr><td><a href="#kind-{_e(k)}">{_e(k)}</a></td>'
        + "".join(f'<td class="num">{sum(1 for f in fs if f.get("severity") == s) or ""}</td>' for s in SEVERITIES)
        + f'<td class="num">{len(fs)}</td></tr>'
        for k, fs in sorted(by_kind.items(), key=lambda kv: (min(RANK.get(f.get("severity"), 3) for f in kv[1]), kv[0])))
    filters = "".join(f'<label><input type="checkbox" checked data-severity="{s}"> {s}</label>' for s in SEVERITIES)
    blocks = []
    worst = {k: min(RANK.get(f.get("severity"), 3) for f in fs) for k, fs in by_kind.items()}
    for kind, fs in sorted(by_kind.items(), key=lambda kv: (worst[kv[0]], kv[0])):
        rows = []
        for f in fs[:max_per_kind]:
            doc_ids = [f["doc_id"]] if f.get("doc_id") else sorted({e.get("doc_id") for e in f.get("evidence") or [] if e.get("doc_id")})
            where = ", ".join(f'<a href="#{anchors.get(d, "")}">{_e(d)}</a>' for d in doc_ids) or "archive"
            snippets = []
            for ev in (f.get("evidence") or [])[:4]:
                doc_id = ev.get("doc_id") or f.get("doc_id")
                if doc_id not in texts:
                    texts[doc_id] = tables.text(doc_id) if doc_id else None
                loc = f"§{ev['section_id']}" if ev.get("section_id") else ""
                snippets.append(f'<div class="snippet"><span class="muted">{_e(loc)}</span> {_snippet(texts[doc_id], ev)}</div>')
            more = len(f.get("evidence") or []) - 4
            if more > 0:
                snippets.append(f'<div class="muted">… and {more} more</div>')
            sugg = f'<div class="suggestion">→ {_e(f["suggestion"])}</div>' if f.get("suggestion") else ""
            rows.append(
                f'<tr class="finding" data-kind="{_e(kind)}" data-severity="{_e(f.get("severity"))}" '
                f'data-finding-id="{_e(f.get("finding_id"))}">'
                f'<td><span class="sev sev-{_e(f.get("severity"))}">{_e(f.get("severity"))}</span></td>'
                f'<td>{where}</td><td><div class="message">{_linked(f.get("message"), anchors.get(f.get("doc_id")))}</div>'
                f'{sugg}{"".join(snippets)}</td></tr>')
        more = (f'<p class="muted">… {len(fs) - max_per_kind} more {_e(kind)} findings in findings.csv</p>'
                if len(fs) > max_per_kind else "")
        blocks.append(f'<h3 id="kind-{_e(kind)}">{_e(kind)} <span class="muted">({len(fs)})</span></h3>'
                      f'<table><tr><th>severity</th><th>document</th><th>finding</th></tr>{"".join(rows)}</table>{more}')
    return (
        '<section class="block" id="findings"><h2>Findings</h2>'
        f'<table class="overview"><tr><th>kind</th>{"".join(f"<th class=num>{s}</th>" for s in SEVERITIES)}'
        f'<th class="num">total</th></tr>{overview}</table>'
        f'<p class="filters">Show: {filters}</p>' + "".join(blocks) + "</section>"
    )


def _most_cited(tables: Tables, anchors: dict[str, str], top: int = 25) -> str:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in tables["citations"]:
        if c.get("canonical"):
            groups[c["canonical"]].append(c)
    ranked = sorted(groups.items(), key=lambda kv: (-len({c.get("doc_id") for c in kv[1]}), -len(kv[1]), kv[0]))[:top]
    rows = []
    for canonical, cits in ranked:
        types = Counter(c.get("type") for c in cits if c.get("type"))
        issuers = Counter(c.get("issuer") for c in cits if c.get("issuer"))
        dates = sorted({c.get("date") for c in cits if c.get("date")})
        docs = sorted({c.get("doc_id") for c in cits})
        rows.append(
            f'<tr class="cited"><td>{_e(canonical)}</td><td>{_e(types.most_common(1)[0][0] if types else "")}</td>'
            f'<td>{_e(issuers.most_common(1)[0][0] if issuers else "")}</td>'
            f'<td>{_e(", ".join(dates))}</td><td class="num">{len(cits)}</td><td class="num">{len(docs)}</td></tr>')
    body = "".join(rows) or '<tr><td colspan="6" class="muted">No citations.</td></tr>'
    return ('<section class="block" id="cited"><h2>Most cited documents</h2><table><tr><th>số hiệu</th><th>type</th>'
            '<th>issuer (most frequent)</th><th>dates cited</th><th class="num">citations</th>'
            f'<th class="num">documents</th></tr>{body}</table></section>')


def _bar_chart(title: str, items: Sequence[tuple[str, int]], chart_id: str, width: int = 520) -> str:
    """Horizontal bars as inline SVG."""
    if not items:
        return f'<div class="chart" id="{chart_id}"><h3>{_e(title)}</h3><p class="muted">No data.</p></div>'
    bar_h, gap, label_w = 18, 6, 150
    peak = max(n for _, n in items) or 1
    h = len(items) * (bar_h + gap) + 4
    plot_w = width - label_w - 50
    bars = []
    for i, (label, n) in enumerate(items):
        y = i * (bar_h + gap) + 2
        w = max(1, round(plot_w * n / peak))
        bars.append(
            f'<g class="bar" data-label="{_e(label)}" data-value="{n}">'
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{_e(label[:24])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#2e6da4" rx="2"><title>{_e(label)}: {n}</title></rect>'
            f'<text x="{label_w + w + 4}" y="{y + 13}">{n}</text></g>')
    return (f'<div class="chart" id="{chart_id}"><h3>{_e(title)}</h3>'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" aria-label="{_e(title)}">'
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


# --- per-document pages ----------------------------------------------------------------------

@dataclass(slots=True)
class Mark:
    start: int
    end: int
    cls: str
    label: str
    title: str
    priority: int
    finding: bool = False


def _marked():
    """Kinds drawn in the document pages, in registry order."""
    return [k for k in displayed_kinds() if k.display.report_rank is not None]


def _marks(doc_id: str, tables: Tables, per_doc: dict[str, dict[str, list[dict[str, Any]]]], n: int) -> list[Mark]:
    """Non-overlapping marks; where records overlap the higher priority wins (a date inside a
    citation shows as the citation). Spans named by findings are outlined."""
    cand: list[Mark] = []
    by_start: dict[int, Mark] = {}
    for kind in _marked():
        d = kind.display
        for r in per_doc[kind.table].get(doc_id, []):
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
    for f in per_doc["findings"].get(doc_id, []):
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


def _render_text(text: str, marks: Sequence[Mark], anchor: str, sections: Sequence[dict[str, Any]]) -> str:
    anchors = sorted((s["start"], s["section_id"]) for s in sections if isinstance(s.get("start"), int))
    out: list[str] = []
    pos = 0
    ai = 0
    for m in marks:
        if m.start < pos:
            continue
        while ai < len(anchors) and anchors[ai][0] <= m.start:
            a_pos, sid = anchors[ai]
            if a_pos >= pos:
                out.append(_e(text[pos:a_pos]))
                pos = a_pos
            out.append(f'<span class="sec" id="{anchor}-s-{_e(sid)}"></span>')
            ai += 1
        out.append(_e(text[pos:m.start]))
        cls = f"ent {m.cls}" + (" has-finding" if m.finding else "")
        out.append(f'<mark class="{cls}" title="{_e(m.title)}">{_e(text[m.start:m.end])}'
                   f'<span class="lbl">{_e(m.label)}</span></mark>')
        pos = m.end
    while ai < len(anchors):
        a_pos, sid = anchors[ai]
        if a_pos >= pos:
            out.append(_e(text[pos:a_pos]))
            pos = a_pos
        out.append(f'<span class="sec" id="{anchor}-s-{_e(sid)}"></span>')
        ai += 1
    out.append(_e(text[pos:]))
    return "".join(out)


_LEGEND = ('<p class="legend"><mark class="ent cit">citation</mark><mark class="ent mention">short reference</mark>'
           '<mark class="ent model">model</mark><mark class="ent stat">figure</mark><mark class="ent date">date</mark>'
           '<mark class="ent finding has-finding">finding</mark></p>')
_HEADER_FIELDS = ("issuer", "doc_number", "place", "date", "doc_type", "title", "signer", "signer_title", "status", "error")


def _short(text: str | None, n: int) -> str | None:
    return text if not text or len(text) <= n else text[:n].rstrip() + "…"


def _page(tables: Tables, article: str) -> str:
    """One document's page beside the summary (self-contained: the report's style inline)."""
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{_e(tables.out_dir.name)}</title>'
            f'<style>{_asset("report.css")}</style></head><body><main><p><a href="../../report.html">'
            f'← summary</a></p>{article}</main></body></html>')


def _documents(tables: Tables, anchors: dict[str, str], max_text_chars: int, pages: dict[str, str] | None = None,
               links: dict[str, str] | None = None, inline: bool = True) -> str:
    per_doc = {name: tables.by_doc(name) for name in KINDS if name != "documents"}
    index_rows: list[str] = []
    articles: list[str] = []
    budget = max_text_chars
    for d in tables["documents"]:
        doc_id = d["doc_id"]
        anchor = anchors[doc_id]
        n_find = len(per_doc["findings"].get(doc_id, []))
        index_rows.append(
            f'<tr><td><a href="{_e((links or {}).get(doc_id, "#" + anchor))}">{_e(doc_id)}</a></td><td>{_e(d.get("status"))}</td><td>{_e(d.get("date"))}</td>'
            f'<td>{_e(_short(d.get("title"), 200 if inline else 70))}</td><td class="num">{len(per_doc["citations"].get(doc_id, []))}</td>'
            f'<td class="num">{n_find}</td></tr>')
        fields = "".join(f"<dt>{k}</dt><dd>{_e(d.get(k))}</dd>" for k in _HEADER_FIELDS if d.get(k))
        findings = "".join(
            f'<li><span class="sev sev-{_e(f.get("severity"))}">{_e(f.get("severity"))}</span> '
            f'<span class="kind">{_e(f.get("kind"))}</span> {_linked(f.get("message"), anchor)}</li>'
            for f in sorted(per_doc["findings"].get(doc_id, []), key=lambda f: RANK.get(f.get("severity"), 3)))
        findings = f"<ul>{findings}</ul>" if findings else ""
        if not inline and pages is None:
            continue
        text = tables.text(doc_id)
        if text is None:
            body = '<p class="muted">Text not kept (run <code>extractor run --keep-text</code> to see it here).</p>'
        elif len(text) > budget and inline:
            body = '<p class="muted">Text left out: the report reached its size limit.</p>'
        else:
            budget -= len(text)
            marks = _marks(doc_id, tables, per_doc, len(text))
            body = _LEGEND + f'<div class="text">{_render_text(text, marks, anchor, per_doc["sections"].get(doc_id, []))}</div>'
        article = (f'<article class="doc" id="{anchor}" data-doc-id="{_e(doc_id)}"><h3>{_e(doc_id)}</h3>'
                   f'<dl>{fields}</dl>{findings}{body}</article>')
        if pages is not None:
            pages[f"{anchor}.html"] = _page(tables, article)
        if inline:
            articles.append(article)
    return ('<section class="block" id="documents"><h2>Documents</h2><table class="doc-index"><tr><th>document</th>'
            '<th>status</th><th>date</th><th>title</th><th class="num">citations</th><th class="num">findings</th></tr>'
            + "".join(index_rows) + "</table>" + "".join(articles) + "</section>")
