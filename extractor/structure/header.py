"""Header and closing block: issuer, số/ký hiệu, place, date, type, title, signer, recipients.

The header is read line by line from the top of the normalised text: issuer caps lines,
the motto (never the issuer), the "Số:" line, the "<place>, ngày ... năm ..." line, the
type line (BÁO CÁO) and the title (trích yếu) up to the body. PDFs put both header
columns on one line ("Số: 779 /QĐ-UBND Bình Thuận, ngày 23 tháng 3 năm 2022"), so every
field is searched inside lines, not only as whole lines.

The closing is the "Nơi nhận:" list and the signature block (authority "TM."/"KT.",
title, name). Both may be interleaved on the same lines when a two-column table was
flattened ("- Như trên; KT. CHỦ TỊCH").

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
from ..text.markers import markers

RULES_FILE = "header"


@dataclass(slots=True)
class Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str
    blank_before: bool  # a blank line (paragraph break) precedes it


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of ``text[start:end]`` with their offsets. A markdown table row
    ("| ỦY BAN NHÂN DÂN | CỘNG HÒA ... |") gives one Line per cell: cells are columns."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    blank = False
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        cells = _cells(text, pos, stop)
        for k, (cs, ce) in enumerate(cells):
            out.append(Line(cs, ce, text[cs:ce], blank and k == 0))
        blank = not cells
        pos = stop + 1
    return out


def _cells(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Spans of the non-blank cells of one line (the whole line when it has no "|")."""
    bounds = [start]
    bar = text.find("|", start, stop)
    while bar != -1:
        bounds.append(bar + 1)
        bar = text.find("|", bar + 1, stop)
    bounds.append(stop + 1)
    spans = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        raw = text[a:b - 1]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((a + lead, a + lead + len(stripped)))
    return spans


# --- compiled rules -------------------------------------------------------------------------


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _flexible(phrase: str) -> str:
    """A phrase whose words may be separated by any spaces or dashes."""
    return r"[\s\-–—]*".join(re.escape(w) for w in re.split(r"[\s\-–—]+", phrase.strip()) if w)


@dataclass(slots=True)
class _Compiled:
    type_re: re.Pattern
    type_words: dict[str, str]  # lower-case -> as printed
    congvan_type: str | None
    subject_re: re.Pattern | None
    motto_re: re.Pattern
    org_mottos: list[tuple[re.Pattern, re.Pattern]]  # (national name, the organisation's stems)
    number_re: re.Pattern
    date_re: re.Pattern
    addressee_re: re.Pattern
    recipient_re: re.Pattern
    archive_re: re.Pattern
    opener_re: re.Pattern | None
    authority_re: re.Pattern
    authority_split_re: re.Pattern
    embedded_authority_re: re.Pattern
    title_re: re.Pattern
    embedded_title_re: re.Pattern
    titles: list[str]
    note_re: re.Pattern | None
    org_re: re.Pattern
    not_issuer: frozenset[str]
    surnames: frozenset[str]
    max_header_lines: int
    max_header_chars: int
    max_title_lines: int
    max_title_chars: int
    max_closing_lines: int
    section_start: re.Pattern  # the first body section ends the header


def _compile(rules: Rules) -> _Compiled:
    d = rules.data(RULES_FILE)
    types = list(d.get("doc_types", []))
    congvan = d.get("congvan") or {}
    subjects = congvan.get("subject_prefixes", [])
    labels = d["number_labels"]
    label_alt = _alt(labels + [w.upper() for w in labels])
    openers = d.get("body_openers", [])
    auth = d.get("authority_prefixes", [])
    auth_alt = "|".join(
        re.escape(a) + (r"\." if "/" not in a else r"\.?") for a in sorted(auth, key=len, reverse=True)
    )
    titles = sorted(set(d.get("signer_titles", [])), key=len, reverse=True)
    title_alt = _alt(titles)
    notes = d.get("signature_notes", [])
    orgs = d.get("organisation_words", [])
    symbol = r"(?:\d+[\p{L}]?[ ]?)?[/\-][ ]?[\p{L}\d][\p{L}\d\-/&.]*"
    return _Compiled(
        type_re=re.compile(rf"^(?P<type>{_alt(types)})(?=$|[\s:.])"),
        type_words={t.lower(): t for t in types},
        congvan_type=congvan.get("doc_type"),
        subject_re=re.compile(rf"^(?:{_alt(subjects)})\b\s*[:.]?\s*") if subjects else None,
        motto_re=re.compile("|".join(_flexible(m) for m in d.get("mottos", [])) or r"(?!)", re.I),
        org_mottos=[(re.compile("|".join(_flexible(m) for m in o["motto"]), re.I),
                     re.compile(rf"(?<!\p{{L}})(?:{'|'.join(_flexible(x) for x in o['stems'])})(?!\p{{L}})", re.I))
                    for o in d.get("organisation_mottos", [])],
        number_re=re.compile(
            rf"(?:(?<![\p{{L}}\d])(?:{label_alt})\s*:\s*|^(?:{label_alt})\s+)[.…_ ]*(?P<num>{symbol})"
        ),
        date_re=re.compile(
            r"(?P<date>ngày[\s.…_\d]*tháng[\s.…_\d]*năm\s*(?:1[89]|20)\d\d"
            r"|ngày\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:1[89]|20)\d\d"
            r"|tháng\s*\d{1,2}\s*năm\s*(?:1[89]|20)\d\d)",
            re.I,
        ),
        addressee_re=re.compile(rf"^(?:{_alt(d['addressee_markers'])})\s*:?", re.I),
        recipient_re=re.compile(rf"^(?:{_alt(d['recipient_markers'])})\s*[:.]?\s*", re.I),
        archive_re=re.compile(rf"^(?:{_alt(d['archive_words'])})\b"),
        opener_re=re.compile(rf"^(?:{_alt(openers)})\b") if openers else None,
        authority_re=re.compile(rf"^(?:{auth_alt})\s*(?=\p{{Lu}})"),
        authority_split_re=re.compile(rf"(?<=\s)(?=(?:{auth_alt})\s*\p{{Lu}})"),
        embedded_authority_re=re.compile(rf"(?<=[;.:,]\s*)(?<=\s)(?:{auth_alt})\s*(?=\p{{Lu}})"),
        title_re=re.compile(rf"^(?:PHÓ\s+)?(?:{title_alt})(?=$|\s)"),
        embedded_title_re=re.compile(rf"(?<=[;.:,]\s*)(?<=\s)(?:{title_alt})(?:\s+[^\p{{Ll}}\s]+)*$"),
        titles=titles,
        note_re=re.compile("|".join(re.escape(n) for n in notes), re.I) if notes else None,
        org_re=re.compile(rf"(?<![\p{{L}}])(?:{_alt(orgs)})(?![\p{{L}}])") if orgs else re.compile(r"(?!)"),
        not_issuer=frozenset(d.get("not_issuer", [])),
        surnames=frozenset(d.get("surnames", [])),
        max_header_lines=int(d["max_header_lines"]),
        max_header_chars=int(d["max_header_chars"]),
        max_title_lines=int(d["max_title_lines"]),
        max_title_chars=int(d["max_title_chars"]),
        max_closing_lines=int(d["max_closing_lines"]),
        section_start=markers(rules).section_start,
    )


def _compiled(rules: Rules) -> _Compiled:
    return rules.compiled("header.compiled", _compile)


# --- small predicates -----------------------------------------------------------------------

_DECORATION = re.compile(r"^[\s\-–—_=*~.•o0O|:]*$")
_LEADING_DECORATION = re.compile(r"^[-–—_=*~]{3,}")
_DECORATION_RUN = re.compile(r"[-–—_=*~]{2,}(?:\s*o0o\s*[-–—_=*~]{2,})?")
_BULLET = re.compile(r"^[-+•*–—·]\s*")
_NAME = re.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5}$")
_CAPS_NAME = re.compile(r"^\p{Lu}+(?:\s+\p{Lu}+){1,5}$")
_TRAILING_NAME = re.compile(r"\s+(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}*){1,5})$")
_END_OF_BODY = re.compile(r"(?:\./\.|/\.)\s*$")
_CLOSING_SENTENCE = re.compile(r"^Trên\s+đây\b", re.I)


def is_caps(s: str) -> bool:
    """Mostly upper-case letters (header lines, titles in caps)."""
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_decoration(s: str) -> bool:
    return bool(_DECORATION.match(s))


def _clean(s: str) -> str:
    return " ".join(s.split())


# --- header ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """Where each header field was found (line indexes into the header lines)."""

    number: int | None = None
    date: int | None = None
    type_line: int | None = None
    title_last: int | None = None
    subject: int | None = None


def _header_lines(text: str, comp: _Compiled) -> list[Line]:
    lines = []
    for ln in split_lines(text, 0, min(len(text), comp.max_header_chars)):
        if len(lines) >= comp.max_header_lines or comp.section_start.match(ln.text):
            break
        lines.append(ln)
    return lines


def _find_number(lines: list[Line], comp: _Compiled, hdr: Header, found: _Found) -> None:
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


def _find_place_date(lines: list[Line], comp: _Compiled, hdr: Header, found: _Found) -> None:
    for i, ln in enumerate(lines):
        for m in comp.date_re.finditer(ln.text):
            date, _flag = parse_date(re.sub(r"[.…_]+", " ", m.group("date")))
            if date is None:
                continue
            before = ln.text[: m.start()]
            if found.number == i and hdr.number_span:
                cut = hdr.number_span[1] - ln.start
                before = before[cut:] if cut <= len(before) else ""
            before = _clean(comp.motto_re.sub(" ", before))
            month_only = not m.group("date")[:4].lower().startswith("ngày")
            if not _is_place_prefix(before, month_only):
                continue  # "Căn cứ Luật ... ngày 19 tháng 6 năm 2015": a date in a sentence
            hdr.date = date
            place = before.strip(" ,;:-–")
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


def _find_issuer(lines: list[Line], comp: _Compiled, hdr: Header, found: _Found, stop: int) -> None:
    parts = []
    for ln in lines[:stop]:
        for cell in ln.text.split("|"):
            s = comp.motto_re.sub(" ", cell)
            s = _DECORATION_RUN.sub(" ", s)
            s = _clean(s).strip(" -–—_*")
            if not s or _is_decoration(s) or s in comp.not_issuer:
                continue
            if comp.number_re.search(s) or comp.date_re.search(s) or comp.type_re.match(s):
                continue
            if is_caps(s):
                parts.append(s)
    hdr.issuer = _without_org_motto(" ".join(parts), comp) or None


def _without_org_motto(issuer: str, comp: _Compiled) -> str:
    """Drop a mass organisation's national name when the rest names the organisation."""
    for motto, stems in comp.org_mottos:
        m = motto.search(issuer)
        if m:
            rest = issuer[:m.start()] + " " + issuer[m.end():]
            if stems.search(rest):
                return _clean(rest)
    return issuer


def _type_of(s: str, comp: _Compiled) -> tuple[str, str] | None:
    """(doc type, rest of the line) when the line is a type line."""
    m = comp.type_re.match(s)
    if m:
        rest = s[m.end():].strip(" :")
        return m.group("type"), rest
    low = s.strip(" :").lower()
    if low in comp.type_words:  # "Báo cáo" alone on its line
        return comp.type_words[low], ""
    return None


def _find_type_and_title(lines: list[Line], comp: _Compiled, hdr: Header, found: _Found) -> None:
    first = max(i for i in (found.number, found.date, -1) if i is not None) + 1
    for i in range(first, len(lines)):
        t = _type_of(lines[i].text, comp)
        if t is None:
            continue
        hdr.doc_type = t[0]
        found.type_line = i
        title_lines = _title_block(lines, i, t[1], comp)
        if title_lines:
            hdr.title = _clean(" ".join(title_lines[1]))
            found.title_last = title_lines[0]
        return


def _title_block(lines: list[Line], type_idx: int, rest: str, comp: _Compiled) -> tuple[int, list[str]] | None:
    """(index of the last title line, title pieces) after the type line."""
    pieces = [rest] if rest else []
    last = type_idx
    caps = None  # caps style of the title lines; the type line's tail ("SƠ KẾT") does not set it
    for j in range(type_idx + 1, len(lines)):
        s = lines[j].text
        if _is_decoration(s) or _LEADING_DECORATION.match(s):
            if pieces or not _is_decoration(s):
                break
            continue
        if pieces and (_ends_title(s, caps, comp) or lines[j].blank_before and not _continues_title(pieces, s)):
            break
        if not pieces and (comp.section_start.match(s) or comp.addressee_re.match(s)):
            break
        pieces.append(_DECORATION_RUN.sub(" ", s).strip())
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


def _ends_title(s: str, title_caps: bool | None, comp: _Compiled) -> bool:
    """Does this line (after at least one title line) start the body?"""
    if comp.section_start.match(s) or comp.addressee_re.match(s):
        return True
    if comp.opener_re is not None and comp.opener_re.match(s):
        return True
    return title_caps is not None and is_caps(s) != title_caps


def _find_subject(lines: list[Line], comp: _Compiled, hdr: Header, found: _Found) -> None:
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
            if (lines[j].blank_before or _is_decoration(s) or is_caps(s) or comp.date_re.search(s)
                    or comp.addressee_re.match(s) or (comp.opener_re and comp.opener_re.match(s))):
                break
            pieces.append(s)
            last = j
        hdr.title = _clean(" ".join(pieces))
        found.subject = last
        if hdr.doc_type is None:
            hdr.doc_type = comp.congvan_type
        return


def _after_addressees(lines: list[Line], idx: int, comp: _Compiled) -> int:
    """Skip a "Kính gửi:" block that follows line ``idx``; returns the last header line."""
    j = idx + 1
    if j < len(lines) and comp.addressee_re.match(lines[j].text):
        last = j
        for k in range(j + 1, len(lines)):
            if _BULLET.match(lines[k].text) and not lines[k].blank_before:
                last = k
            else:
                break
        return last
    return idx


def _parse_top(text: str, comp: _Compiled, hdr: Header) -> None:
    lines = _header_lines(text, comp)
    if not lines:
        return
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


# --- closing --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Signature:
    authority: list[str]
    titles: list[str]
    name: str | None


def _strip_notes(s: str, comp: _Compiled) -> str:
    if comp.note_re is not None:
        s = comp.note_re.sub(" ", s)
    return _clean(s)


def _is_title_line(s: str, comp: _Compiled) -> bool:
    return bool(comp.title_re.match(s)) and is_caps(s.split("  ")[0])


def _is_name(s: str, comp: _Compiled) -> bool:
    if _NAME.match(s):
        return True
    if not _CAPS_NAME.match(s) or comp.org_re.search(s) or comp.title_re.match(s):
        return False
    return s.split()[0] in comp.surnames


def _split_embedded(s: str, comp: _Compiled) -> tuple[str, str | None]:
    """Split a recipients line that carries the signature column: "- Như trên; KT. CHỦ TỊCH"."""
    m = comp.embedded_authority_re.search(s) or comp.embedded_title_re.search(s)
    if m and m.start() > 0:
        return s[: m.start()].rstrip(), s[m.start():].strip()
    return s, None


def _signature_start(s: str, comp: _Compiled) -> bool:
    return bool(comp.authority_re.match(s)) or _is_title_line(s, comp)


def _find_recipients_marker(lines: list[Line], comp: _Compiled) -> int | None:
    for i in range(len(lines) - 1, -1, -1):
        if comp.recipient_re.match(lines[i].text):
            return i
    return None


def _find_signature(lines: list[Line], comp: _Compiled, start: int, stop: int | None = None) -> int | None:
    """Index of the first line of a signature block in ``lines[start:stop]``, or None."""
    stop = len(lines) if stop is None else stop
    for i in range(max(0, start), stop):
        s = _strip_notes(lines[i].text, comp)
        if _signature_start(s, comp) and _name_follows(lines, i, comp):
            return i
    return None


def _name_in(s: str, comp: _Compiled) -> str | None:
    """The person's name a signature line ends with ("Nguyễn Văn A", "CHỦ TỊCH Nguyễn Văn A")."""
    if _is_name(s, comp):
        return s
    tail = _TRAILING_NAME.search(s)
    if tail and is_caps(s[: tail.start()]):
        return tail.group("name")
    return None


def _name_follows(lines: list[Line], i: int, comp: _Compiled) -> bool:
    """A signature block: within a few lines after ``i`` comes a person's name."""
    if comp.authority_re.match(_strip_notes(lines[i].text, comp)) and i + 1 >= len(lines):
        return True  # an unsigned copy may end on the authority line
    for j in range(i, min(len(lines), i + 6)):
        s = _strip_notes(lines[j].text, comp)
        if _name_in(s, comp):
            return True
        if j > i and s and not (_signature_start(s, comp) or is_caps(s)):
            return False
    return False


def _closing_anchor(lines: list[Line], comp: _Compiled) -> int:
    """Index of the line after the body's last sentence ("Trên đây là ... ./."), or 0."""
    anchor = 0
    for i, ln in enumerate(lines):
        if _CLOSING_SENTENCE.match(ln.text) or _END_OF_BODY.search(ln.text):
            anchor = i + 1
    return anchor


def _parse_signature(raw: list[str], comp: _Compiled) -> _Signature:
    sig = _Signature([], [], None)
    parts: list[tuple[str, str]] = []
    for line in raw:
        s = _strip_notes(line, comp)
        if not s or _is_decoration(s):
            continue
        parts += _signature_parts(s, comp)
        if parts and parts[-1][0] == "name":
            break
    # A caps line that is not a known title: the one right before the name is the title
    # ("CHÁNH ÁN"), others continue the authority above them ("TM. BAN CHẤP HÀNH" / "ĐẢNG BỘ XÃ").
    unknown_title = None
    if not any(k == "title" for k, _ in parts):
        caps_idx = [i for i, (k, _) in enumerate(parts) if k == "caps"]
        if caps_idx and (caps_idx[-1] == len(parts) - 1 or parts[caps_idx[-1] + 1][0] == "name"):
            unknown_title = caps_idx[-1]
    for i, (kind, part) in enumerate(parts):
        if kind == "authority":
            sig.authority.append(part)
        elif kind == "title" or i == unknown_title:
            sig.titles.append(part)
        elif kind == "caps":
            if sig.authority and not sig.titles:
                sig.authority[-1] = f"{sig.authority[-1]} {part}"  # authority wrapped on two lines
            else:
                sig.titles.append(part)
        elif kind == "name":
            sig.name = part
    return sig


def _signature_parts(s: str, comp: _Compiled) -> list[tuple[str, str]]:
    """One signature line as (kind, text) parts: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH
    Nguyễn Văn A" -> authority, authority, title, name (flattened tables put all on one line)."""
    if _is_name(s, comp):
        return [("name", s)]
    name = None
    tail = _TRAILING_NAME.search(s)
    if tail and is_caps(s[: tail.start()]):
        name, s = tail.group("name"), s[: tail.start()].strip()
    parts: list[tuple[str, str]] = []
    for piece in comp.authority_split_re.split(s):
        piece = piece.strip()
        if not piece:
            continue
        if comp.authority_re.match(piece):
            auth, title = _split_authority(piece, comp)
            parts.append(("authority", auth))
            if title:
                parts.append(("title", title))
        elif _is_title_line(piece, comp):
            parts.append(("title", piece))
        elif is_caps(piece):
            parts.append(("caps", piece))
    if name:
        parts.append(("name", name))
    return parts


def _split_authority(s: str, comp: _Compiled) -> tuple[str, str | None]:
    """"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" -> ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")."""
    m = comp.authority_re.match(s)
    body = s[m.end():]
    for t in comp.titles:
        if body.endswith(" " + t) and body[: -len(t)].strip():
            return s[: len(s) - len(t)].rstrip(), t
    return s, None


def _clean_recipient(s: str) -> str:
    s = _BULLET.sub("", s.strip())
    return _clean(s).rstrip(" ;,")


def _recipient_items(text: str) -> list[str]:
    """One line of the list may hold several items: "- Như trên; - Lưu: VT."."""
    return [p for p in re.split(r"(?<=;)\s*(?=[-+•]\s)", text) if p.strip()]


def _parse_closing(text: str, comp: _Compiled, hdr: Header) -> None:
    lines = split_lines(text, hdr.body_start)
    if not lines:
        return
    r = _find_recipients_marker(lines, comp)
    anchor = _closing_anchor(lines, comp)
    if anchor:
        sig_idx = _find_signature(lines, comp, anchor)
    elif r is not None:
        sig_idx = _find_signature(lines, comp, r)
    else:  # no list, no closing sentence: only the last lines may sign
        sig_idx = _find_signature(lines, comp, len(lines) - comp.max_closing_lines)
    starts = [lines[i].start for i in (r, sig_idx) if i is not None]
    if not starts:
        return
    hdr.body_end = min(starts)
    recipients, sig_raw = _collect(lines, r, sig_idx, comp)
    hdr.recipients = recipients
    sig = _parse_signature(sig_raw, comp)
    hdr.authority = ", ".join(sig.authority) or None
    hdr.signer_title = sig.titles[-1] if sig.titles else None
    hdr.signer = sig.name


def _collect(lines: list[Line], r: int | None, sig_idx: int | None, comp: _Compiled) -> tuple[list[str], list[str]]:
    """Recipient items and the raw signature lines."""
    recipients: list[str] = []
    sig_raw: list[str] = []
    sig_before = sig_idx is not None and (r is None or sig_idx < r)
    if sig_before:
        sig_raw = _signature_lines(lines, sig_idx, r if r is not None else len(lines), comp)
    if r is None:
        return recipients, sig_raw
    first = comp.recipient_re.sub("", lines[r].text, count=1)
    pending = ([first] if first.strip() else []) + [ln.text for ln in lines[r + 1:]]
    in_sig = False
    for raw in pending:
        whole = _strip_notes(raw, comp)
        listed = bool(_BULLET.match(whole)) or bool(comp.archive_re.match(whole))
        if not listed and (in_sig or _looks_like_signature(whole, comp, bool(recipients))):
            if sig_before:
                break  # the signature was read before the list: the list ends here
            in_sig = True
            sig_raw.append(raw)
            if _name_in(whole, comp):
                break
            continue
        left, right = _split_embedded(raw, comp)
        _add_recipient(recipients, left)
        if right and not sig_before:
            in_sig = True
            sig_raw.append(right)
            if _name_in(right, comp):
                break
    return recipients, sig_raw


def _signature_lines(lines: list[Line], start: int, stop: int, comp: _Compiled) -> list[str]:
    out = []
    for ln in lines[start:stop]:
        out.append(ln.text)
        if _name_in(_strip_notes(ln.text, comp), comp):
            break
    return out


def _looks_like_signature(s: str, comp: _Compiled, have_items: bool) -> bool:
    if not s:
        return False
    if _signature_start(s, comp) or (is_caps(s) and have_items and not s.endswith((";", ","))):
        return True
    return have_items and _is_name(s, comp)


def _add_recipient(recipients: list[str], raw: str) -> None:
    has_bullet = bool(_BULLET.match(raw.strip()))
    for item in _recipient_items(raw):
        cleaned = _clean_recipient(item)
        if not cleaned:
            continue
        if not has_bullet and recipients and not recipients[-1].endswith((".", ")")) \
                and cleaned[:1].islower():
            recipients[-1] = f"{recipients[-1]} {cleaned}"  # an item wrapped on two lines
        else:
            recipients.append(cleaned)


# --- entry point ----------------------------------------------------------------------------


def parse_header(text: str, rules: Rules) -> Header:
    """Read the header (top of ``text``) and the closing (Nơi nhận, signature)."""
    hdr = Header(body_start=0, body_end=None)
    if not text or not text.strip():
        return hdr
    comp = _compiled(rules)
    _parse_top(text, comp, hdr)
    hdr.symbol = symbols.read_written(hdr.doc_number, symbols.codes(rules))
    _parse_closing(text, comp, hdr)
    if hdr.body_end is not None and hdr.body_end < hdr.body_start:
        hdr.body_end = None
    return hdr
