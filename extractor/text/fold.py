"""Folding Vietnamese text for comparison, and the two accepted tone placements.

Every comparison in the package that must ignore case, spacing, diacritics or the tone
placement goes through one of these functions, from the weakest to the strongest:

- :func:`squash` — runs of whitespace (line breaks too) become one space, edges trimmed;
- :func:`fold_case` — :func:`squash` + case-folded: the key of a lexicon word
  (``"Chỉ  thị"`` → ``"chỉ thị"``);
- :func:`fold` — NFC + :func:`fold_case` + one tone placement (``"Uỷ ban"`` and
  ``"Ủy ban"`` → ``"ủy ban"``): the key of a name (issuers, types, units);
- :func:`strip_marks` — without any diacritic, ``đ`` → ``d`` (``"hà tĩnh"`` → ``"ha tinh"``);
- :func:`fold_ascii` — :func:`strip_marks`, lower case, anything not a letter or a digit a
  single space (``"Đánh giá CHUNG:"`` → ``"danh gia chung"``): heading patterns;
- :func:`fold_chars` — one character per input character, each its base letter in lower
  case (``đ`` kept), so that offsets in the folded text are offsets in the source.

Vietnamese writes the tone of ``oa``, ``oe`` and ``uy`` two ways: on the first vowel
(``hòa``, ``thủy``) or, the newer style, on the second (``hoà``, ``thuỷ``). Both are
correct and both are found in one document. :data:`TONE_PAIRS` is the one table of them;
:func:`tone_tolerant` makes a lexicon pattern accept both, :func:`one_tone_placement`
rewrites a word-final pair to the first-vowel form.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex as re

# (tone on the first vowel, tone on the second): "òa"/"oà", "óe"/"oé", "ủy"/"uỷ" ...
TONE_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (first[i] + second_base, first_base + second[i])
    for first, first_base, second, second_base in (("óòỏõọ", "o", "áàảãạ", "a"),
                                                    ("óòỏõọ", "o", "éèẻẽẹ", "e"),
                                                    ("úùủũụ", "u", "ýỳỷỹỵ", "y"))
    for i in range(5)
)

_EITHER: dict[str, str] = {}
for _first, _second in TONE_PAIRS:
    _EITHER[_first] = _EITHER[_second] = f"(?:{_first}|{_second})"
# Either spelling of any pair, anywhere (in a pattern or a word).
TONE_VARIANT = re.compile("|".join(_EITHER))

_TO_FIRST = {second: first for first, second in TONE_PAIRS}
# The second-vowel spelling where it ends a syllable: "loại", "toàn" have one spelling only.
_FINAL_SECOND = re.compile(f"(?:{'|'.join(_TO_FIRST)})(?!\\p{{L}})")

_MARKS = re.compile(r"\p{Mn}+")
_NOT_WORD = re.compile(r"[^\p{L}\p{N}]+")


def tone_tolerant(pattern: str) -> str:
    """A regex pattern in which ``hóa`` also matches ``hoá`` (and ``oe``, ``uy`` likewise)."""
    return TONE_VARIANT.sub(lambda m: _EITHER[m.group()], pattern)


def one_tone_placement(s: str) -> str:
    """Word-final ``oà``, ``uỷ`` … written with the tone on the first vowel (``òa``, ``ủy``)."""
    return _FINAL_SECOND.sub(lambda m: _TO_FIRST[m.group()], s)


def squash(s: str) -> str:
    """Whitespace runs as one space, edges trimmed."""
    return " ".join(s.split())


def fold_case(s: str) -> str:
    """:func:`squash`, case-folded: ``"Chỉ\\nThị"`` → ``"chỉ thị"``."""
    return " ".join(s.split()).casefold()


def fold(s: str | None) -> str:
    """NFC, case-folded, one tone placement, spaces collapsed; ``None`` → ``""``."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).casefold()
    return " ".join(one_tone_placement(s).split())


def strip_marks(s: str) -> str:
    """Without diacritics, ``đ`` as ``d`` (``"hà tĩnh"`` and ``"hà tình"`` → ``"ha tinh"``)."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return _MARKS.sub("", s)


def fold_ascii(s: str) -> str:
    """Accent- and case-insensitive words: ``"Đánh giá CHUNG:"`` → ``"danh gia chung"``."""
    return _NOT_WORD.sub(" ", strip_marks(s).lower()).strip()


def base_letter(ch: str) -> str:
    """The character without its diacritics, case kept (``"Ộ"`` → ``"O"``; ``"Đ"`` kept)."""
    return unicodedata.normalize("NFD", ch)[:1] or ch


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character as its base letter in lower case (``"Ò"`` → ``"o"``, ``"Đ"`` → ``"đ"``)."""
    base = base_letter(ch)
    return base.casefold()[:1] or base


def fold_chars(s: str) -> str:
    """:func:`fold_char` of each character: case- and diacritic-insensitive, same length."""
    return "".join(fold_char(c) for c in s)
