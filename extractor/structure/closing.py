"""The closing block: the "Nơi nhận:" list and the signature (authority "TM."/"KT.", title,
name). Both may be interleaved on the same lines when a two-column table was flattened
("- Như trên; KT. CHỦ TỊCH")."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..models import Header
from .header_lexicon import HeaderLexicon
from .lines import (
    BULLET,
    CAPS_NAME,
    CLOSING_SENTENCE,
    END_OF_BODY,
    NAME,
    TRAILING_NAME,
    Line,
    clean,
    is_caps,
    is_decoration,
    split_lines,
)


@dataclass(slots=True)
class _Signature:
    authority: list[str]
    titles: list[str]
    name: str | None


def _strip_notes(s: str, comp: HeaderLexicon) -> str:
    if comp.note_re is not None:
        s = comp.note_re.sub(" ", s)
    return clean(s)


def _is_title_line(s: str, comp: HeaderLexicon) -> bool:
    return bool(comp.title_re.match(s)) and is_caps(s.split("  ")[0])


def _is_name(s: str, comp: HeaderLexicon) -> bool:
    if NAME.match(s):
        return True
    if not CAPS_NAME.match(s) or comp.org_re.search(s) or comp.title_re.match(s):
        return False
    return s.split()[0] in comp.surnames


def _split_embedded(s: str, comp: HeaderLexicon) -> tuple[str, str | None]:
    """Split a recipients line that carries the signature column: "- Như trên; KT. CHỦ TỊCH"."""
    m = comp.embedded_authority_re.search(s) or comp.embedded_title_re.search(s)
    if m and m.start() > 0:
        return s[: m.start()].rstrip(), s[m.start():].strip()
    n = _EMBEDDED_NAME.search(s)  # "- Lưu: VT, NV. Hoàng Văn Cường": the signer's name beside the list
    if n and n.start() > 0 and _is_name(n.group(), comp):
        return s[: n.start()].rstrip(), n.group()
    return s, None


_EMBEDDED_NAME = re.compile(r"(?<=[.;,)][ ]{1,60})\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}*){1,4}[ ]*$")


def _signature_start(s: str, comp: HeaderLexicon) -> bool:
    return bool(comp.authority_re.match(s)) or _is_title_line(s, comp)


def _find_recipients_marker(lines: list[Line], comp: HeaderLexicon) -> int | None:
    for i in range(len(lines) - 1, -1, -1):
        if comp.recipient_re.match(lines[i].text):
            return i
    return None


def _find_signature(lines: list[Line], comp: HeaderLexicon, start: int, stop: int | None = None) -> int | None:
    """Index of the first line of a signature block in ``lines[start:stop]``, or None."""
    stop = len(lines) if stop is None else stop
    for i in range(max(0, start), stop):
        s = _strip_notes(lines[i].text, comp)
        if _signature_start(s, comp) and _name_follows(lines, i, comp):
            return i
    return None


def _name_in(s: str, comp: HeaderLexicon) -> str | None:
    """The person's name a signature line ends with ("Nguyễn Văn A", "CHỦ TỊCH Nguyễn Văn A")."""
    if _is_name(s, comp):
        return s
    tail = TRAILING_NAME.search(s)
    if tail and is_caps(s[: tail.start()]):
        return tail.group("name")
    return None


def _name_follows(lines: list[Line], i: int, comp: HeaderLexicon) -> bool:
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


def _closing_anchor(lines: list[Line], comp: HeaderLexicon) -> int:
    """Index of the line after the body's last sentence ("Trên đây là ... ./."), or 0."""
    anchor = 0
    for i, ln in enumerate(lines):
        if CLOSING_SENTENCE.match(ln.text) or END_OF_BODY.search(ln.text):
            anchor = i + 1
    return anchor


def _parse_signature(raw: list[str], comp: HeaderLexicon) -> _Signature:
    sig = _Signature([], [], None)
    parts: list[tuple[str, str]] = []
    for line in raw:
        s = _strip_notes(line, comp)
        if not s or is_decoration(s):
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


def _signature_parts(s: str, comp: HeaderLexicon) -> list[tuple[str, str]]:
    """One signature line as (kind, text) parts: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH
    Nguyễn Văn A" -> authority, authority, title, name (flattened tables put all on one line)."""
    if _is_name(s, comp):
        return [("name", s)]
    name = None
    tail = TRAILING_NAME.search(s)
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


def _split_authority(s: str, comp: HeaderLexicon) -> tuple[str, str | None]:
    """"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" -> ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")."""
    m = comp.authority_re.match(s)
    body = s[m.end():]
    for t in comp.titles:
        if body.endswith(" " + t) and body[: -len(t)].strip():
            return s[: len(s) - len(t)].rstrip(), t
    return s, None


def _clean_recipient(s: str) -> str:
    s = BULLET.sub("", s.strip())
    return clean(s).rstrip(" ;,")


def _recipient_items(text: str) -> list[str]:
    """One line of the list may hold several items: "- Như trên; - Lưu: VT."."""
    return [p for p in re.split(r"(?<=;)\s*(?=[-+•]\s)", text) if p.strip()]


def parse_closing(text: str, comp: HeaderLexicon, hdr: Header) -> None:
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


def _collect(lines: list[Line], r: int | None, sig_idx: int | None, comp: HeaderLexicon) -> tuple[list[str], list[str]]:
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
        listed = bool(BULLET.match(whole)) or bool(comp.archive_re.match(whole))
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


def _signature_lines(lines: list[Line], start: int, stop: int, comp: HeaderLexicon) -> list[str]:
    out = []
    for ln in lines[start:stop]:
        out.append(ln.text)
        if _name_in(_strip_notes(ln.text, comp), comp):
            break
    return out


def _looks_like_signature(s: str, comp: HeaderLexicon, have_items: bool) -> bool:
    if not s:
        return False
    if _signature_start(s, comp) or (is_caps(s) and have_items and not s.endswith((";", ","))):
        return True
    return have_items and _is_name(s, comp)


def _add_recipient(recipients: list[str], raw: str) -> None:
    has_bullet = bool(BULLET.match(raw.strip()))
    for item in _recipient_items(raw):
        cleaned = _clean_recipient(item)
        if not cleaned:
            continue
        if not has_bullet and recipients and not recipients[-1].endswith((".", ")")) \
                and cleaned[:1].islower():
            recipients[-1] = f"{recipients[-1]} {cleaned}"  # an item wrapped on two lines
        else:
            recipients.append(cleaned)
