"""Web-portal chrome before a document (rules/portal.yaml): breadcrumbs, post titles,
timestamps, view counters and the metadata block (``Số hiệu: … Loại văn bản: … Ngày ban
hành: …``). The chrome is never the header — a timestamp is never the document's date —
and the metadata block fills the header fields the document's own header lacks."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from ..rules import Rules
from .lines import Line, is_caps

RULES_FILE = "portal"
MAX_CHROME_LINES = 40  # chrome is only looked for among the first lines


@dataclass(frozen=True, slots=True)
class PortalLexicon:
    chrome: re.Pattern
    key_re: re.Pattern  # any metadata key followed by ":"
    field_of: dict[str, str]  # folded key -> header field ("other" for keys that fill nothing)


def _compile(rules: Rules) -> PortalLexicon:
    d = rules.data(RULES_FILE)
    field_of = {" ".join(k.split()).casefold(): f for f, keys in d["metadata"].items() for k in keys}
    keys = "|".join(re.escape(k) for k in sorted(field_of, key=len, reverse=True))
    chrome = re.compile("|".join(f"(?:{p})" for p in d["chrome_lines"]), re.I)
    return PortalLexicon(chrome, re.compile(rf"(?:^|(?<=[\s|]))(?P<key>{keys})\s*:", re.I), field_of)


def portal_lexicon(rules: Rules) -> PortalLexicon:
    return rules.compiled("portal.compiled", _compile)


@dataclass(slots=True)
class Portal:
    start: int = 0  # index of the first header line after the chrome
    fields: dict[str, str] = field(default_factory=dict)  # header field -> value from the metadata block
    header_line: Line | None = None  # the first header line when it started mid-line after the title


def metadata_of(line: str, lex: PortalLexicon) -> dict[str, str]:
    """``"Số hiệu: 25/2019/QĐ-UBND Loại văn bản: Quyết định"`` → {doc_number: …, doc_type: …}."""
    keys = list(lex.key_re.finditer(line))
    if not keys or keys[0].start() > 0:
        return {}
    out: dict[str, str] = {}
    for k, nxt in zip(keys, keys[1:] + [None], strict=False):
        value = line[k.end(): nxt.start() if nxt else len(line)].strip(" |\t;")
        f = lex.field_of[" ".join(k.group("key").split()).casefold()]
        if value and f != "other" and f not in out:
            out[f] = value
    return out or {"other": line}


_CAPS_TAIL = re.compile(r"(?<=\s)\p{Lu}[^\p{Ll}\s]*(?:\s+[^\p{Ll}\s]+)*$")


def read_portal(lines: list[Line], lex: PortalLexicon, is_header_line) -> Portal:
    """Where the document's header starts after portal chrome, and the metadata fields.
    ``is_header_line(text)``: does a line belong to a header (issuer caps, motto, "Số:")?"""
    portal = Portal()
    last = -1
    for i, ln in enumerate(lines[:MAX_CHROME_LINES]):
        meta = metadata_of(ln.text, lex)
        if meta or lex.chrome.match(ln.text):
            last = i
            for k, v in meta.items():
                portal.fields.setdefault(k, v)
    if last < 0:
        return portal
    start = last + 1
    # the post title (sentence case) between the chrome and the header is chrome too
    while start < len(lines) and start <= last + 3 and not is_header_line(lines[start].text):
        tail = _CAPS_TAIL.search(lines[start].text)
        nxt = lines[start + 1].text if start + 1 < len(lines) else ""
        if tail and len(tail.group().split()) >= 2 and (is_caps(nxt) or is_header_line(nxt)):
            ln = lines[start]
            portal.header_line = Line(ln.start + tail.start(), ln.end, tail.group(), False)
            break  # "… năm 2018 BỘ NÔNG NGHIỆP VÀ": the header starts mid-line after the title
        start += 1
    if start >= len(lines) or not (portal.header_line or is_header_line(lines[start].text)):
        return Portal(fields=portal.fields)  # no header after it: leave the lines as they are
    portal.start = start
    return portal
