"""The issuer resolved: the body that issues apart from its parent line, the kind of body,
its level and its province (rules/issuer_bodies.yaml; provinces and districts from
extract/admin_units.py, the map chosen by the document's date).

``TỈNH ỦY QUẢNG TRỊ`` / ``BAN DÂN VẬN`` → issuer ``BAN DÂN VẬN``, parent ``TỈNH ỦY QUẢNG
TRỊ``, body ``Ban Dân vận``, level ``tỉnh``, province ``Quảng Trị``. Citation issuers
(``của UBND tỉnh Quảng Ngãi``) are resolved with the same function."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex as re

from ..extract import admin_units
from ..rules import Rules
from ..text.fold import fold

RULES_FILE = "issuer_bodies"
_PLACE_NAME = r"\p{Lu}[\p{L}]*(?:[ ]+(?:-[ ]+)?\p{Lu}[\p{L}]*){0,4}"


@dataclass(frozen=True, slots=True)
class IssuerLexicon:
    bodies: list[tuple[str, str | None, re.Pattern]]  # (body, default level, pattern at start)
    default_body: str
    subordinate: re.Pattern  # a subordinate body starts here (searched in the folded issuer)
    level_words: list[tuple[str, re.Pattern]]  # (level, unit word + place name)
    city: re.Pattern  # "thành phố X"
    central: re.Pattern
    mention: re.Pattern  # "tỉnh X", "thành phố X" in running text


def _words(ws: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(ws, key=len, reverse=True))


def _compile(rules: Rules) -> IssuerLexicon:
    d = rules.data(RULES_FILE)
    bodies = [(b["body"], b.get("level"), re.compile(rf"^(?:{_words(b['patterns'])})(?!\w)"))
              for b in d["bodies"]]
    levels = [(lv, re.compile(rf"(?<!\w)(?:{_words(ws)})(?!\w)")) for lv, ws in d["level_words"].items()]
    return IssuerLexicon(
        bodies=bodies,
        default_body=d["default_body"],
        subordinate=re.compile(rf"(?<=\S )(?!(?:{_words(d['not_subordinate'])})(?!\w))"
                               rf"(?:{_words(d['subordinate_starts'])}) \S"),
        level_words=levels,
        city=re.compile(r"(?<!\w)thành phố (?!thuộc)"),
        central=re.compile(rf"(?<!\w)(?:{_words(d['central_words'])})(?!\w)"),
        mention=re.compile(rf"(?<!\p{{L}})(?:[Tt]ỉnh|[Tt]hành phố|TỈNH|THÀNH PHỐ)[ ]+({_PLACE_NAME})"),
    )


def issuer_lexicon(rules: Rules) -> IssuerLexicon:
    return rules.compiled("issuer_bodies.compiled", _compile)


def split_parent(issuer: str, lex: IssuerLexicon) -> tuple[str | None, str]:
    """(parent, issuer): the subordinate body under a parent body, or (None, issuer)."""
    folded = fold(issuer)
    if len(folded) != len(issuer.casefold()):  # offsets would not line up: leave it whole
        return None, issuer
    for m in lex.subordinate.finditer(folded):
        head = folded[:m.start()].strip()
        if _body_of(head, lex) is not None or head.startswith("đảng bộ"):
            words_before = len(issuer[:m.start()].split())
            parts = issuer.split()
            return " ".join(parts[:words_before]), " ".join(parts[words_before:])
    return None, issuer


def _body_of(folded: str, lex: IssuerLexicon) -> tuple[str, str | None] | None:
    for body, level, rx in lex.bodies:
        if rx.match(folded):
            return body, level
    return None


def body_of(name: str | None, lex: IssuerLexicon) -> str | None:
    """The kind of body a name starts with ("BAN DÂN VẬN" → "Ban Dân vận"), else the default."""
    if not name:
        return None
    found = _body_of(fold(name), lex)
    return found[0] if found else lex.default_body


def _place_after(name: str, start: int) -> str:
    m = re.match(_PLACE_NAME, name[start:].lstrip(), flags=0)
    return m.group() if m else ""


def level_of(name: str | None, lex: IssuerLexicon, after_reform: bool = False) -> str | None:
    """trung ương / tỉnh / huyện / xã from the unit words of a name, else its body's level."""
    if not name:
        return None
    folded = fold(name)
    best: tuple[int, str] | None = None
    for level, rx in lex.level_words:
        for m in rx.finditer(folded):
            if best is None or m.start() > best[0]:
                best = (m.start(), level)
    for m in lex.city.finditer(folded):
        place = name[m.end():].strip()
        level = "tỉnh" if admin_units.is_province(_title(place)) else "huyện"
        if best is None or m.start() > best[0]:
            best = (m.start(), level)
    if best is not None:
        return best[1]
    found = _body_of(folded, lex)
    if found and found[1]:
        return found[1]
    if lex.central.search(folded):
        return "trung ương"
    return None


def _title(caps: str) -> str:
    """"PHAN RANG - THÁP CHÀM" → "Phan Rang - Tháp Chàm" (the dataset's spelling)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in caps.split())


def province_of(names: list[str | None], context: str, date: str | None) -> tuple[str | None, str | None]:
    """(province by the map in force at ``date``, its 34-province name) of the first name that
    resolves; ``context`` (the text around the header) settles a district name shared by
    several provinces ("huyện An Lão")."""
    after = bool(date) and date >= admin_units.REFORM_DATE
    mentioned: Counter = Counter()
    for m in _MENTION.finditer(context):
        p = admin_units.parse(_title(m.group(0)))
        if p.province:
            mentioned[p.province] += 1
    for name in names:
        if not name:
            continue
        p = admin_units.parse(_title(name))
        # a commune's name alone is shared by many provinces: only with the text's provinces
        exact = p.district is not None and _fold_name(p.district).endswith(_fold_name(_strip_unit(name)))
        province = p.province if (exact and not _WARD.match(name)) or admin_units.is_province(
            _title(name)) else None
        if province is None:
            for cand, _n in mentioned.most_common():
                q = admin_units.parse(f"{_title(name)}, {cand}")
                if q.province == cand and (q.district or q.ward):
                    province = cand
                    break
        if province:
            new = admin_units.province_2025(province) or province
            return (new if after else province), new
    if mentioned:
        province = mentioned.most_common(1)[0][0]
        new = admin_units.province_2025(province) or province
        return (new if after else province), new
    return None, None


_MENTION = re.compile(r"(?<!\p{L})(?:[Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)"
                      r"[ ]+" + _PLACE_NAME)
_WARD = re.compile(r"^(?:XÃ|PHƯỜNG|THỊ TRẤN|[Xx]ã|[Pp]hường|[Tt]hị trấn)\s", re.I)


def _fold_name(s: str) -> str:
    return " ".join(fold(s).replace("-", " ").split())


def _strip_unit(name: str) -> str:
    return re.sub(r"^(?:(?:tỉnh|thành phố|huyện|quận|thị xã|tp\.?|tx\.?)\s+)", "", name.strip(), flags=re.I)


def admin_part(name: str | None) -> str | None:
    """The unit part of a name ("ỦY BAN NHÂN DÂN HUYỆN YÊN CHÂU" → "HUYỆN YÊN CHÂU")."""
    if not name:
        return None
    m = re.search(r"(?<!\p{L})(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|tỉnh|thành phố|huyện|quận|"
                  r"thị xã|xã|phường|thị trấn)(?!\p{L}).*$", name)
    return m.group() if m else None
