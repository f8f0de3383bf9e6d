"""Small pieces shared by the report's summary page, its per-document pages and its graph."""

from __future__ import annotations

import hashlib
import html
import re
from importlib import resources
from typing import Any

from ..text.markers import markers

SEVERITIES = ("error", "warning", "info")
RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error ranks first
_DIGITS = re.compile(r"(\d+)")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def natural_key(value: Any) -> list:
    """Sort key putting "2" before "10": digit runs compare as numbers, the rest case-folded."""
    return [int(t) if t.isdigit() else t.casefold() for t in _DIGITS.split("" if value is None else str(value))]


def page_name(doc_id: str) -> str:
    """File name of a document's page: the doc_id made safe for every file system and URL; a
    hash is added when characters had to be replaced, so two documents never share a page."""
    slug = _UNSAFE.sub("_", doc_id).strip("._") or "doc"
    if slug != doc_id:
        slug = f"{slug[:80]}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}"
    return f"{slug}.html"


def asset(name: str) -> str:
    return resources.files("extractor").joinpath("assets", name).read_text(encoding="utf-8")


def linked(message: str | None, href: str | None) -> str:
    """The escaped message with "§II.1" linked to that section of the document page at ``href``
    ("" for the page itself)."""
    text = esc(message)
    if href is None:
        return text
    return markers().section_ref.sub(lambda m: f'<a href="{esc(href)}#s-{m.group(1)}">{m.group(0)}</a>', text)


def one_line(s: str) -> str:
    """Snippet text on one line: paragraph breaks shown as "¶"."""
    return s.replace("\n\n", " ¶ ").replace("\n", " ")


def snippet(text: str | None, ev: dict[str, Any], width: int = 90) -> str:
    start, end = ev.get("start"), ev.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int) or end > len(text):
        return f"<mark class=\"ent finding\">{esc(ev.get('text'))}</mark>"
    lo, hi = max(0, start - width), min(len(text), end + width)
    before, span, after = (one_line(t) for t in (text[lo:start], text[start:end], text[end:hi]))
    return (("…" if lo else "") + esc(before) + f'<mark class="ent finding">{esc(span)}</mark>'
            + esc(after) + ("…" if hi < len(text) else ""))


def page_head(title: str, css: str) -> str:
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><style>{css}</style></head><body>')
