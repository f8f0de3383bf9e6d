"""Pre-Unicode Vietnamese font encodings (TCVN3/ABC, VNI, VISCII) → Unicode.

Text typed in a ``.VnTime`` or ``VNI-Times`` font reaches us as Latin-1 look-alikes
("Céng hoµ x· héi" is "Cộng hoà xã hội"). The conversion tables are viparse's; this
module decides *whether* and *where* to apply them:

- by font name when the format has fonts (DOCX runs): ``encoding_for_font``;
- by content otherwise (text, PDF): legacy text is full of Latin-1 characters that are
  no Vietnamese letter (µ ¸ ¶ ¹ ¨ © ª « ® ø ù û õ ï …). Unicode Vietnamese has almost none
  and has letters above U+00FF (ư ơ đ ạ ế …) that no legacy text can contain, so a line
  holding such a letter is never converted (mixed documents convert line by line).

TCVN3 has no upper-case accented letters: typists switched to the ``H`` companion font
(``.VnTimeH``), which draws lower-case codes as capitals. Runs in an ``H`` font are
upper-cased; in plain text, a word whose other letters are all capitals is upper-cased.
"""

from __future__ import annotations

import re as std_re
import unicodedata
from functools import cache

import regex as re

ENCODINGS = ("tcvn3", "vni", "viscii")

# At least this many odd Latin-1 characters, and this share of the non-ASCII letters.
_MIN_ODD = 3
_MIN_ODD_SHARE = 0.15
_WORD = re.compile(r"\p{L}+")
_VIET_BEYOND_LATIN1 = re.compile(r"[\u0100-\u01b0\u1ea0-\u1ef9]")


@cache
def _charmap(name: str):
    from viparse.normalize.encodings import CHARMAPS

    return CHARMAPS[name]


@cache
def _vietnamese_letters() -> frozenset[str]:
    """Every precomposed Vietnamese letter, both cases."""
    bases = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", b + m) for b in bases for m in marks}
    letters |= {"đ"}
    letters |= {c.upper() for c in letters}
    return frozenset(letters)


def _is_odd(c: str) -> bool:
    """A Latin-1 upper-half character that is not a Vietnamese letter (µ ¸ ø ï ® …)."""
    return "\u0080" <= c <= "\u00ff" and c not in _vietnamese_letters() and c not in "\u00a0\u00b0"


@cache
def _odd_chars() -> std_re.Pattern:
    """The odd characters as one character class, counted in one C-level scan (the
    stdlib engine scans a plain class about ten times faster than ``regex``)."""
    odd = "".join(chr(c) for c in range(0x80, 0x100) if _is_odd(chr(c)))
    return std_re.compile("[" + std_re.escape(odd) + "]")


def odd_count(text: str) -> int:
    return len(_odd_chars().findall(text))


def _non_ascii_letters(text: str) -> int:
    return sum(1 for c in text if c > "\u007f" and (c.isalpha() or _is_odd(c)))


def convert(text: str, encoding: str) -> str:
    """Convert legacy surface text with the named table (NFC); TCVN3 capitals restored."""
    from viparse.normalize.tables import convert as table_convert

    out = table_convert(text, _charmap(encoding))
    return restore_caps(out) if encoding == "tcvn3" else out


def restore_caps(text: str) -> str:
    """Upper-case accented letters inside words written in capitals ("KH\u00e1I" → "KHÁI",
    "X\u00e3 PHONG" → "XÃ PHONG"), leaving title-case words ("Số", "Xã") alone."""
    parts = re.split(r"(\p{L}+)", text)  # odd indexes are words
    for i in range(1, len(parts), 2):
        w = parts[i]
        if w.isascii() or any(c.islower() and c.isascii() for c in w):
            continue
        upper = sum(1 for c in w if c.isupper())
        if upper >= 2:
            parts[i] = w.upper()
    for i in range(1, len(parts), 2):
        w = parts[i]
        if w.isupper() or w.isascii() or any(c.islower() and c.isascii() for c in w):
            continue
        if _caps_neighbour(parts, i - 2, parts[i - 1]) or _caps_neighbour(parts, i + 2, parts[i + 1] if i + 1 < len(parts) else ""):
            parts[i] = w.upper()
    return "".join(parts)


def _caps_neighbour(parts: list[str], j: int, between: str) -> bool:
    """Whether word ``j`` exists, is separated only by spaces, and is in capitals (2+ letters)."""
    return 0 < j < len(parts) and between.strip(" ") == "" and between != "" and len(parts[j]) > 1 and parts[j].isupper()


def _looks_legacy(line: str) -> bool:
    """More odd Latin-1 characters than Unicode-only Vietnamese letters (ư ơ đ ạ …)."""
    odd = odd_count(line)
    return odd > 0 and odd > len(_VIET_BEYOND_LATIN1.findall(line))


def _may_be_legacy(line: str) -> bool:
    """In a legacy document: a line without Unicode-only letters, or with more odd ones."""
    beyond = len(_VIET_BEYOND_LATIN1.findall(line))
    return beyond == 0 or odd_count(line) > beyond


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is written in, or None (Unicode, or too little to tell)."""
    head = text[:200_000]
    # The sample below is part of ``head``: too few odd characters in all of it settles
    # the question for Unicode text without looking at each line.
    if odd_count(head) < _MIN_ODD:
        return None
    sample = "\n".join(ln for ln in re.split(r"[\n\f]", head) if _looks_legacy(ln))
    odd = odd_count(sample)
    if odd < _MIN_ODD or odd < _MIN_ODD_SHARE * _non_ascii_letters(sample):
        return None
    best, best_bad = None, odd
    for name in ENCODINGS:
        bad = _badness(convert(sample, name))
        if bad < best_bad:
            best, best_bad = name, bad
    # The right table leaves (almost) nothing odd; a wrong one leaves most of it.
    if best is None or best_bad > 0.2 * odd:
        return None
    # Spanish, French or German text also loses its odd letters to some table; what it
    # turns into is not Vietnamese syllables.
    if syllable_share(convert(sample, best)) < _MIN_SYLLABLE_SHARE:
        return None
    return best


_MIN_SYLLABLE_SHARE = 0.75
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ "
    "uy ưa ưi ươ ưu yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu"
)
_SYLLABLE = re.compile(
    r"^(?P<onset>ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?P<nucleus>" + "|".join(sorted(_NUCLEI.split(), key=len, reverse=True)) + r")"
    r"(?P<coda>ch|ng|nh|[cmnpt])?$"
)


def _is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: onset, vowel nucleus, coda, at most one tone,
    and sắc or nặng when it ends in c, ch, p or t."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    m = _SYLLABLE.match(unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)))
    if not m:
        return False
    return not (m.group("coda") in ("c", "ch", "p", "t") and tones and tones[0] not in "\u0301\u0323")


def syllable_share(text: str) -> float:
    """Share of the words with a non-ASCII letter that are well-formed Vietnamese syllables."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0
    return sum(1 for w in words if _is_syllable(w)) / len(words)


_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")


def _badness(text: str) -> int:
    """What a wrong table leaves behind: odd characters, non-Vietnamese letters and
    words that are no Vietnamese syllable (two tone marks, "Thùc", "hiỷn")."""
    bad = odd_count(text)
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w.isascii():
            continue
        bad += not _is_syllable(w)
        bad += sum(1 for c in w if not c.isascii() and c not in _vietnamese_letters())
    return bad


def detect_and_convert(text: str) -> tuple[str, str | None]:
    """Convert ``text`` when it is legacy-encoded: (text, encoding name or None).

    Lines that already hold Unicode Vietnamese are left alone, so a document that is
    only partly legacy comes out all Unicode.
    """
    encoding = detect(text)
    if encoding is None:
        return text, None
    return convert_lines(text, encoding), encoding


def convert_lines(text: str, encoding: str) -> str:
    out = []
    for line in re.split(r"(\n|\f)", text):
        if line in ("\n", "\f") or not _may_be_legacy(line):
            out.append(line)
        else:
            out.append(convert(line, encoding))
    return "".join(out)


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """8-bit bytes of a text file typed in a legacy font → (Unicode text, encoding), or None.

    The tables are keyed on the Latin-1 look-alikes; TCVN3 and VNI files were saved by
    Windows, so their quotes and dashes (0x80-0x9F) are read as Windows-1252 once the
    encoding is known. VISCII puts letters in that range: it stays Latin-1."""
    text = data.decode("latin-1")
    encoding = detect(text)
    if encoding is None:
        return None
    if encoding != "viscii":
        text = data.decode("cp1252", errors="replace")
    return convert_lines(text, encoding), encoding


def encoding_for_font(font: str | None) -> tuple[str | None, bool]:
    """(legacy encoding, upper-case font?) from a font name: ``.VnTime`` → tcvn3,
    ``.VnTimeH`` → tcvn3 in capitals, ``VNI-Times`` → vni, anything else → None."""
    if not font:
        return None, False
    name = re.sub(r"^[A-Z]{6}\+", "", font.strip())  # PDF subset tag "ABCDEF+"
    low = name.lower()
    if low.startswith(".vn"):
        return "tcvn3", name.endswith("H") or low.endswith("h")
    if low.startswith("vni"):
        return "vni", False
    return None, False


def convert_run(text: str, font: str | None) -> tuple[str, str | None]:
    """Convert one DOCX run by its font: (text, encoding used or None)."""
    encoding, upper = encoding_for_font(font)
    if encoding is None or not text:
        return text, None
    from viparse.normalize.tables import convert as table_convert

    out = table_convert(text, _charmap(encoding))
    return (out.upper() if upper else out), encoding


def to_legacy(text: str, encoding: str) -> str:
    """Unicode → legacy surface text (the inverse table). For building test documents;
    TCVN3 loses the case of accented capitals, as typed text in ``.VnTime`` did."""
    inverse = {uni: legacy for legacy, uni in _charmap(encoding).pairs}
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in inverse:
            out.append(inverse[c])
        elif c.lower() in inverse and encoding == "tcvn3":
            out.append(inverse[c.lower()])
        else:
            out.append(c)
    return "".join(out)
