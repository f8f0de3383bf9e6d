"""The one section-marker grammar (rules/markers.yaml) and the patterns built from it.

A marker opens a line: a Roman numeral (``II.``), an Arabic or dotted number (``2.``,
``2.1.``), a letter (``a)``), a capital letter (``A.``), a bullet, or a level word with
its number (``Phần thứ hai``, ``Chương II``, ``Mục 1``, ``Điều 5.``, ``Phụ lục I``).
Each stage asks a slightly different question of the same grammar, so each gets its
own compiled pattern here:

- :attr:`Markers.heading` — the section finder's candidates (named groups ``part``,
  ``part_num``, ``roman``, ``upper``, ``dotted``, ``arabic``, ``letter``);
- :attr:`Markers.marker_start` — a line led by a plain marker (a heading's text never
  starts with one);
- :attr:`Markers.block_start` — normalize: a line that starts a new block (marker,
  bullet, ``Phần``, a table row), so a line break before it is kept;
- :attr:`Markers.list_start` — PDF line joining: a marker or a bullet;
- :attr:`Markers.numbered_heading` — normalize: a short line led by a marker;
- :attr:`Markers.section_start` — the header: the first body section ends the header;
- :attr:`Markers.section_ref` — a section id in a message (``§II.1.a``);
- :attr:`Markers.legal` and :meth:`Markers.level_of` — a line led by a level word and its
  number (``Chương II``, ``Điều 5.``, ``Mục 1``, ``Phụ lục I``; ``PHỤ LỤC`` alone).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex as re

from ..rules import Rules, load_rules

RULES_FILE = "markers"
LEVELS = ("part", "chapter", "section", "article", "appendix")

# A heading's text starts with a capital, a digit, a quote or a bracket.
HEAD_START = r"(?=[\p{Lu}\d“\"'‘(\[])"


@dataclass(frozen=True, slots=True)
class Markers:
    roman: str  # character class of Roman digits: "[IVXLC]"
    letter: str  # character class of a point's letter: "[a-zđ]"
    letters: str  # Vietnamese alphabet order: "abcdđeg…"
    ordinals: dict[str, int]  # "hai" -> 2
    level_words: dict[str, tuple[str, ...]]  # "chapter" -> ("Chương", "CHƯƠNG")
    heading: re.Pattern
    marker_start: re.Pattern
    block_start: re.Pattern
    list_start: re.Pattern
    numbered_heading: re.Pattern
    section_start: re.Pattern
    section_ref: re.Pattern
    legal: re.Pattern  # groups lword, lnum
    level_of_word: dict[str, str]  # "Điều" -> "article"

    def level_of(self, line: str) -> str | None:
        """The level a line opens (``"Chương II"`` → ``"chapter"``), or None."""
        m = self.legal.match(line)
        if m is None:
            return None
        level = self.level_of_word[m.group("lword")]
        if m.group("lnum") is None and not (level == "appendix" and m.group("lword").isupper()):
            return None
        return level


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


def _words(data: dict, level: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in data["levels"][level]["words"]:
        for form in (str(w), str(w).upper()):
            if form not in out:
                out.append(form)
    return tuple(out)


def build(rules: Rules) -> Markers:
    """The grammar of ``rules`` compiled (use :func:`markers`, which caches it)."""
    data = rules.data(RULES_FILE)  # shape checked at load (extractor/rule_schema.py)
    roman = f"[{data['roman_digits']}]"
    letter = f"[{data['letter_range']}]"
    bullet = f"[{re.escape(data['bullets'])}]"
    levels = {lv: _words(data, lv) for lv in LEVELS}
    ordinals = {str(k).lower(): int(v) for k, v in (data.get("ordinal_words") or {}).items()}
    part_words = _alt([w for lv in data["part_levels"] for w in levels[lv]])
    ordinal_alt = "|".join(sorted((re.escape(w) for w in ordinals), key=len, reverse=True))
    heading = re.compile(
        rf"""(?mx)^[ ]*(?:
        (?P<part>(?:{part_words})[ ]+(?:(?i:thứ)[ ]+)?(?P<part_num>{roman}+|\d{{1,2}}|(?i:{ordinal_alt}))\b)
          (?:[ ]*[.:\-–)][ ]*|[ ]*$|[ ]+)
      | (?P<roman>{roman}{{1,6}})(?:[ ]*[.):/]|[ ]+[-–])(?:[ ]+{HEAD_START}|(?=\p{{Lu}})|[ ]*$)
      | (?P<upper>[A-Z])[.)](?:[ ]+{HEAD_START}|[ ]*$)
      | (?P<dotted>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})(?:\.|[ ]*\))?(?:[ ]+{HEAD_START}|(?=\p{{Lu}}))
      | (?P<arabic>\d{{1,2}})(?:[ ]*[.)]|/(?=[ ]|\p{{Lu}}))(?:[ ]+{HEAD_START}|(?=\p{{Lu}}))
      | (?P<letter>{letter})[ ]*[.)](?:[ ]+(?=\S)|(?=\p{{Lu}}))
    )""",
    )
    numbered = rf"{roman}+[.)]\s|\d+(?:\.\d+)*[.)]\s|\(?{letter}[.)]\s"
    list_start = rf"{bullet}\s|\(?{numbered}"
    part_only = _alt(levels["part"])
    part_word_start = "|".join(re.escape(w) + r"\s" for w in levels["part"])
    level_of_word = {w: lv for lv in LEVELS for w in levels[lv]}
    all_words = "|".join(re.escape(w) for w in sorted(level_of_word, key=len, reverse=True))
    legal = re.compile(
        rf"(?m)^[ ]*(?P<lword>{all_words})"
        rf"(?:[ ]+(?:(?i:thứ|số)[ ]+)?(?P<lnum>{roman}+|\d{{1,3}}[a-zđ]?|(?i:{ordinal_alt}))(?![\p{{L}}\d]))?"
        r"(?=[ ]*[.:\-–)]|[ ]*$|[ ]+\S)"
    )
    return Markers(
        roman=roman,
        letter=letter,
        letters="".join(str(x) for x in data.get("letters") or []),
        ordinals=ordinals,
        level_words=levels,
        heading=heading,
        marker_start=re.compile(rf"[ ]*(?:{roman}+[.)]|\d+[.)]|{letter}[.)])\s"),
        block_start=re.compile(rf"^(?:{list_start}|{part_word_start}|\|)"),
        list_start=re.compile(rf"^(?:{list_start})"),
        numbered_heading=re.compile(rf"^(?:{roman}+|\d+(?:\.\d+)*|{letter})[.)]\s.{{0,150}}$"),
        section_start=re.compile(
            rf"^(?:{roman}+\s*[.)]|(?:{part_only})\s+(?:thứ|THỨ|[IVX]+|\d))\s"),
        section_ref=re.compile(
            rf"§({roman}+(?:\.[0-9]+)*(?:\.{letter})?|[0-9]+(?:\.[0-9]+)*(?:\.{letter})?)"),
        legal=legal,
        level_of_word=level_of_word,
    )


def markers(rules: Rules | None = None) -> Markers:
    """The marker grammar of ``rules`` (the default rules when None), compiled once."""
    if rules is None:
        return _default()
    return rules.compiled("markers.compiled", build)


@functools.cache
def _default() -> Markers:
    return load_rules().compiled("markers.compiled", build)
