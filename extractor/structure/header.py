"""Header and closing block: issuer, số/ký hiệu, place, date, type, title, signer, recipients.

The header is read line by line from the top of the normalised text: issuer caps lines,
the motto (never the issuer), the "Số:" line, the "<place>, ngày ... năm ..." line, the
type line (BÁO CÁO) and the title (trích yếu) up to the body. PDFs put both header
columns on one line ("Số: 779 /QĐ-UBND Bình Thuận, ngày 23 tháng 3 năm 2022"), so every
field is searched inside lines, not only as whole lines.

The closing ("Nơi nhận:" list, signature) is read by ``closing.py``; the word lists are
compiled by ``header_lexicon.py``; ``lines.py`` cuts the text into lines and cells.

Word lists live in ``rules/header.yaml``; never crash: a text that is not a report gives
a Header of nulls with ``body_start = 0``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..extract import symbols
from ..extract.dates import parse_date
from ..models import Header
from ..rules import Rules
from .closing import parse_closing
from .header_cells import rebuild
from .header_lexicon import HeaderLexicon, header_lexicon
from .issuer import (
    IssuerLexicon,
    admin_part,
    body_of,
    issuer_lexicon,
    level_of,
    province_of,
    split_parent,
)
from .lines import (
    BULLET,
    DECORATION_RUN,
    LEADING_DECORATION,
    Line,
    clean,
    is_caps,
    is_decoration,
    split_lines,
)
from .portal import Portal, PortalLexicon, portal_lexicon, read_portal

__all__ = ["is_caps", "parse_header", "split_lines"]


_CLOCK_AFTER = re.compile(r"\s+\d{1,2}:\d{2}")

# --- header ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """Where each header field was found (line indexes into the header lines)."""

    number: int | None = None
    date: int | None = None
    type_line: int | None = None
    title_last: int | None = None
    subject: int | None = None


def _header_lines(text: str, comp: HeaderLexicon) -> list[Line]:
    lines = []
    for ln in split_lines(text, 0, min(len(text), comp.max_header_chars)):
        if len(lines) >= comp.max_header_lines or comp.section_start.match(ln.text):
            break
        lines.append(ln)
    return lines


def _find_number(lines: list[Line], comp: HeaderLexicon, hdr: Header, found: _Found) -> None:
    for i, ln in enumerate(lines):
        m = comp.number_re.search(ln.text)
        if not m:
            continue
        num = m.group("num").rstrip(".,;: ")
        s = ln.start + m.start("num")
        hdr.doc_number = num
        hdr.number_span = (s, s + len(num))
        found.number = i
        return


def _find_place_date(lines: list[Line], comp: HeaderLexicon, hdr: Header, found: _Found) -> None:
    for i, ln in enumerate(lines):
        for m in comp.date_re.finditer(ln.text):
            if _CLOCK_AFTER.match(ln.text, m.end()):
                continue  # "Ngày 14/05/2022 08:41:07": a web page's timestamp
            date, _flag = parse_date(re.sub(r"[.…_]+", " ", m.group("date")))
            if date is None:
                continue
            before = ln.text[: m.start()]
            if found.number == i and hdr.number_span:
                cut = hdr.number_span[1] - ln.start
                before = before[cut:] if cut <= len(before) else ""
            before = clean(comp.motto_re.sub(" ", before))
            month_only = not m.group("date")[:4].lower().startswith("ngày")
            if not _is_place_prefix(before, month_only):
                continue  # "Căn cứ Luật ... ngày 19 tháng 6 năm 2015": a date in a sentence
            hdr.date = date
            place = before.strip(" ,;:-–*")
            if place and len(place.split()) <= 8 and not comp.number_re.search(place):
                hdr.place = place
            found.date = i
            return


def _is_place_prefix(before: str, month_only: bool) -> bool:
    """The header date follows "<Place>," (or nothing); a date inside a sentence or a caps
    title ("BÁO CÁO THÁNG 11 NĂM 2023") does not."""
    if before.endswith(","):
        return True
    if month_only:
        return False
    if not before:
        return True
    words = before.split()
    return len(words) <= 4 and all(w[:1].isupper() for w in words) and not is_caps(before)


def _find_issuer(lines: list[Line], comp: HeaderLexicon, hdr: Header, found: _Found, stop: int) -> None:
    parts = []
    for ln in lines[:stop]:
        for cell in ln.text.split("|"):
            s = comp.motto_re.sub(" ", cell)
            s = DECORATION_RUN.sub(" ", s)
            s = clean(s).strip(" _*").lstrip("-–— ")
            if not s or is_decoration(s) or s in comp.not_issuer:
                continue
            if comp.number_re.search(s) or comp.date_re.search(s) or (comp.type_re.match(s) and not parts):
                continue  # a type word after issuer lines goes on naming the body ("QUY CHẾ DÂN CHỦ")
            if is_caps(s):
                parts.append(s)
    hdr.issuer = _without_org_motto(" ".join(parts).rstrip(" -–—"), comp) or None


def _without_org_motto(issuer: str, comp: HeaderLexicon) -> str:
    """Drop a mass organisation's national name when the rest names the organisation."""
    for motto, stems in comp.org_mottos:
        m = motto.search(issuer)
        if m:
            rest = issuer[:m.start()] + " " + issuer[m.end():]
            if stems.search(rest):
                return clean(rest)
    return issuer


def _type_of(s: str, comp: HeaderLexicon) -> tuple[str, str] | None:
    """(doc type, rest of the line) when the line is a type line."""
    m = comp.type_re.match(s)
    if m:
        rest = s[m.end():].strip(" :")
        return m.group("type"), rest
    low = s.strip(" :").lower()
    if low in comp.type_words:  # "Báo cáo" alone on its line
        return comp.type_words[low], ""
    return None


def _find_type_and_title(lines: list[Line], comp: HeaderLexicon, hdr: Header, found: _Found) -> None:
    first = max(i for i in (found.number, found.date, -1) if i is not None) + 1
    for i in range(first, len(lines)):
        t = _type_of(lines[i].text, comp)
        if t is None:
            continue
        hdr.doc_type = t[0]
        found.type_line = i
        title_lines = _title_block(lines, i, t[1], comp)
        if title_lines:
            hdr.title = clean(" ".join(title_lines[1]))
            found.title_last = title_lines[0]
        return


def _title_block(lines: list[Line], type_idx: int, rest: str, comp: HeaderLexicon) -> tuple[int, list[str]] | None:
    """(index of the last title line, title pieces) after the type line."""
    pieces = [rest] if rest else []
    last = type_idx
    caps = None  # caps style of the title lines; the type line's tail ("SƠ KẾT") does not set it
    for j in range(type_idx + 1, len(lines)):
        s = lines[j].text
        if is_decoration(s) or LEADING_DECORATION.match(s):
            if pieces or not is_decoration(s):
                break
            continue
        if pieces and (_ends_title(s, caps, comp) or lines[j].blank_before and not _continues_title(pieces, s)):
            break
        if not pieces and (comp.section_start.match(s) or comp.addressee_re.match(s)):
            break
        pieces.append(DECORATION_RUN.sub(" ", s).strip())
        last = j
        if caps is None:
            caps = is_caps(s)
        if len(pieces) >= comp.max_title_lines or sum(map(len, pieces)) >= comp.max_title_chars:
            break
    return (last, pieces) if pieces else None


def _continues_title(pieces: list[str], s: str) -> bool:
    """A title paragraph cut by a blank line: a short line that does not end a sentence."""
    return (len(s) <= 150 and not s.endswith((".", ":", ";", "!", "?"))
            and not pieces[-1].endswith((".", ":", ";")))


def _ends_title(s: str, title_caps: bool | None, comp: HeaderLexicon) -> bool:
    """Does this line (after at least one title line) start the body?"""
    if comp.section_start.match(s) or comp.addressee_re.match(s):
        return True
    if comp.opener_re is not None and comp.opener_re.match(s):
        return True
    return title_caps is not None and is_caps(s) != title_caps


def _find_subject(lines: list[Line], comp: HeaderLexicon, hdr: Header, found: _Found) -> None:
    """A công văn's trích yếu: "V/v ..." (possibly on several lines) near the Số: line."""
    if comp.subject_re is None:
        return
    for i, ln in enumerate(lines):
        m = comp.subject_re.match(ln.text)
        if not m:
            continue
        pieces = [ln.text]
        last = i
        for j in range(i + 1, len(lines)):
            s = lines[j].text
            if (lines[j].blank_before or is_decoration(s) or is_caps(s) or comp.date_re.search(s)
                    or comp.addressee_re.match(s) or (comp.opener_re and comp.opener_re.match(s))):
                break
            pieces.append(s)
            last = j
        hdr.title = clean(" ".join(pieces))
        found.subject = last
        if hdr.doc_type is None:
            hdr.doc_type = comp.congvan_type
        return


def _after_addressees(lines: list[Line], idx: int, comp: HeaderLexicon) -> int:
    """Skip a "Kính gửi:" block that follows line ``idx``; returns the last header line."""
    j = idx + 1
    if j < len(lines) and comp.addressee_re.match(lines[j].text):
        last = j
        for k in range(j + 1, len(lines)):
            if BULLET.match(lines[k].text) and not lines[k].blank_before:
                last = k
            else:
                break
        return last
    return idx


def _is_header_line(s: str, comp: HeaderLexicon) -> bool:
    """A line of a document's own header: issuer caps, the motto or the "Số:" line."""
    return bool(is_caps(s) or comp.motto_re.search(s) or comp.number_re.search(s))


def _type_index(lines: list[Line], comp: HeaderLexicon) -> int:
    """The type line alone ("BÁO CÁO", "QUYẾT ĐỊNH"): the cells of the header are above it."""
    for i, ln in enumerate(lines):
        t = _type_of(ln.text, comp)
        if t is not None and not t[1]:
            return i
    return min(len(lines), 15)


def _parse_top(text: str, comp: HeaderLexicon, hdr: Header, plex: PortalLexicon) -> Portal:
    lines = _header_lines(text, comp)
    if not lines:
        return Portal()
    portal = read_portal(lines, plex, lambda s: _is_header_line(s, comp))
    if portal.header_line is not None:
        lines = [portal.header_line] + lines[portal.start + 1:]
    else:
        lines = lines[portal.start:]
    lines = rebuild(text, lines, _type_index(lines, comp), comp)
    found = _Found()
    _find_number(lines, comp, hdr, found)
    _find_place_date(lines, comp, hdr, found)
    _find_type_and_title(lines, comp, hdr, found)
    if found.type_line is None or hdr.title is None:
        _find_subject(lines, comp, hdr, found)
    firsts = [i for i in (found.number, found.date, found.type_line, found.subject) if i is not None]
    if firsts:
        _find_issuer(lines, comp, hdr, found, min(firsts))
    lasts = [i for i in (found.number, found.date, found.type_line, found.title_last, found.subject)
             if i is not None]
    if lasts:
        last = _after_addressees(lines, max(lasts), comp)
        hdr.body_start = lines[last].end
    return portal


_AUTHORITY_PREFIX = re.compile(r"^\s*(?:TM|KT|TL|TUQ|T/M|K/T|T/L|Q)\.?\s*")


def _resolve_issuer(hdr: Header, text: str, portal: Portal, lex: IssuerLexicon) -> None:
    """issuer apart from its parent line; body, level and province (structure/issuer.py)."""
    if hdr.issuer:
        hdr.issuer_parent, hdr.issuer = split_parent(hdr.issuer, lex)
    signing = _AUTHORITY_PREFIX.sub("", hdr.authority.split(",")[0]) if hdr.authority else None
    hdr.issuer_body = body_of(hdr.issuer or signing, lex)  # no issuer lines: the body that signs
    hdr.issuer_level = level_of(hdr.issuer, lex) or level_of(hdr.issuer_parent, lex) or (
        None if hdr.issuer else level_of(hdr.place, lex))
    if hdr.issuer_level == "trung ương" or not (hdr.issuer or hdr.issuer_body or portal.fields):
        return
    names = [admin_part(hdr.issuer), admin_part(hdr.issuer_parent), hdr.place, portal.fields.get("issuer")]
    context = text[:max(hdr.body_start, 0) + 4000]
    hdr.province, hdr.province_2025 = province_of(names, context, hdr.date)


def _fill_from_portal(hdr: Header, portal: Portal) -> None:
    """Fields the header lacks, from the portal's metadata block; ``header_source`` says which."""
    used = False
    for field, value in portal.fields.items():
        if field == "date":
            value = parse_date(value)[0]
        elif field == "doc_type":
            value = value.upper()
        if field in ("doc_number", "date", "doc_type", "signer", "title", "issuer") and value \
                and getattr(hdr, field) is None:
            setattr(hdr, field, value)
            used = True
    own = any(getattr(hdr, f) for f in ("doc_number", "date", "doc_type")) and not (
        used and all(f in portal.fields for f in ("doc_number", "date")) and hdr.number_span is None)
    hdr.header_source = ("header+portal" if used else "header") if own else ("portal" if used else None)


# --- entry point ----------------------------------------------------------------------------


def parse_header(text: str, rules: Rules) -> Header:
    """Read the header (top of ``text``) and the closing (Nơi nhận, signature)."""
    hdr = Header(body_start=0, body_end=None)
    if not text or not text.strip():
        return hdr
    comp = header_lexicon(rules)
    portal = _parse_top(text, comp, hdr, portal_lexicon(rules))
    hdr.symbol = symbols.read_written(hdr.doc_number, symbols.codes(rules))
    parse_closing(text, comp, hdr)
    _fill_from_portal(hdr, portal)
    _resolve_issuer(hdr, text, portal, issuer_lexicon(rules))
    if hdr.body_end is not None and hdr.body_end < hdr.body_start:
        hdr.body_end = None
    return hdr
