"""Normalise decoded text into the one text every later stage reads.

What it does, line by line (so that positions stay traceable):
- Unicode NFC, CRLF/CR to LF, drop BOM, U+FFFE, soft hyphens and zero-width characters,
  non-breaking and other odd spaces to a plain space, runs of spaces to one;
- strip markdown remnants: ``#`` heading prefixes, ``**``/``*`` emphasis, ``\\*`` escapes,
  hard-break double spaces, ``<br>``; a leading ``*``/``\\*`` bullet stays as ``*``;
- drop lone page-number lines (``12``, ``- 12 -``, ``Trang 12``);
- unwrap hard-wrapped paragraphs (a line cut mid-sentence, the next in lower case);
- rejoin a sentence or citation that a blank line or a page break cut in two
  (``ngày\\n\\n13/3/2023``, ``16/CT-\\n\\nTTg``), keep every other paragraph boundary as
  one blank line.

The result's offsets are what every record's ``start``/``end`` point into.
``page_starts[i]`` is the offset where page ``i + 1`` begins (pages come from ``\\f``).
"""

from __future__ import annotations

import bisect
import html
import re as stdlib_re
import unicodedata
from dataclasses import dataclass, field

import regex as re

from ..rules import Rules
from .markers import Markers, markers

# Character classes, not str.translate: translate walks every character of a
# Vietnamese (non-ASCII) text in Python-level lookups and was a fifth of the run time.
_DROP_CHARS = stdlib_re.compile("[\ufeff\ufffe\u00ad\u200b\u200c\u200d\u2060]")
_SPACE_CHARS = stdlib_re.compile("[\u00a0\u2007\u202f\u2002\u2003\u2009\t\u3000]")
_MULTI_SPACE = re.compile(r" {2,}")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_WHOLE_BOLD = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")
_MD_BULLET_STAR = re.compile(r"^(\s*)\\?\*(?=\s)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_BR = re.compile(r"<br\s*/?>", re.I)
_HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
_ENDS_SENTENCE = re.compile(r"[.:;!?…)\]”\"'»]$")
_LOWER_START = re.compile(r"^[\p{Ll}]")
_DIGIT_START = re.compile(r"^\d")
_ALL_CAPS = re.compile(r"^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$")
# "…, ngày 17 tháng 5 năm" / "2019": a year broken off its date, not a page number.
_YEAR_AFTER_NAM = re.compile(r"(?i:năm)\s+(?:19|20)\d\d$")
_SYMBOL_TAIL = re.compile(r"[\p{L}\d][-/]$")  # "16/CT-" "số 30/" — a symbol cut in two


@dataclass(slots=True)
class NormalizedText:
    text: str
    page_starts: list[int] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """1-based page of a character offset, or None when the source had no pages."""
        if len(self.page_starts) < 2:
            return None
        return bisect.bisect_right(self.page_starts, offset)


def clean_chars(text: str) -> str:
    """Character-level clean-up, no structural change: NFC, line ends, odd spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_CHARS.sub(" ", _DROP_CHARS.sub("", text))
    return unicodedata.normalize("NFC", text)


def strip_markup(line: str) -> tuple[str, bool]:
    """Remove markdown/HTML remnants from one line. Returns (line, was_md_heading)."""
    # a "#" heading, or a line set in bold as a whole ("**Kết quả …**"): a title or a
    # heading, which the next paragraph never continues
    heading = bool(_MD_HEADING.match(line)) or bool(_WHOLE_BOLD.match(line))
    if _MD_HEADING.match(line):
        line = _MD_HEADING.sub("", line)
    bullet = _MD_BULLET_STAR.match(line)
    if bullet:
        line = line[: bullet.start()] + "\x00" + line[bullet.end():]
    line = _ESCAPED.sub(lambda m: "\x01" if m.group(1) == "*" else m.group(1), line)
    if "*" in line:
        line = line.replace("*", "")
    line = line.replace("\x01", "*").replace("\x00", "*")
    if "<" in line:
        line = _BR.sub(" ", line)
    if "&" in line and _HTML_ENTITY.search(line):
        line = html.unescape(line)
    line = _MULTI_SPACE.sub(" ", line).strip()
    return line, heading


@dataclass(frozen=True, slots=True)
class Continuations:
    """Last words after which a break does not end the sentence (rules/normalize.yaml)."""

    words: frozenset[str] = frozenset()  # function words: always a continuation
    name_words: frozenset[str] = frozenset()  # before a name: not after a numbered heading
    phrase_ends: tuple[str, ...] = ()  # "thời gian tới": ends a title all the same
    openers: tuple[str, ...] = ()  # "Kính trình", "Căn cứ": start a paragraph of their own

    def opens_paragraph(self, line: str) -> bool:
        return any(line.startswith(o) and not line[len(o):len(o) + 1].isalpha() for o in self.openers)

    def joins_after(self, line: str, marks: Markers) -> bool:
        """Does a line ending like this run on into a capitalised next line?"""
        folded = line.lower()
        if folded.endswith(self.phrase_ends):
            return False
        last_word = folded.rsplit(" ", 1)[-1]
        if last_word in self.words:
            return True
        return last_word in self.name_words and not marks.numbered_heading.match(line)  # not a heading


def _continuation_words(rules: Rules | None) -> Continuations:
    if rules is None:
        return Continuations()

    def build(r: Rules) -> Continuations:
        data = r.data("normalize")
        return Continuations(
            frozenset(w.lower() for w in data.get("continuation_words", [])),
            frozenset(w.lower() for w in data.get("name_continuation_words", [])),
            tuple(" " + p.lower() for p in data.get("phrase_ends", [])),
            tuple(data.get("paragraph_openers", [])),
        )

    return rules.compiled("normalize.continuations", build)


def is_wrapped(prev: str, nxt: str, prev_is_heading: bool, marks: Markers) -> bool:
    """A hard-wrapped paragraph (text exported from a PDF or an e-mail at a fixed width):
    the line stops mid-sentence and the next one goes on in lower case. The newline
    becomes a space (same length: offsets do not move)."""
    if prev_is_heading or _ENDS_SENTENCE.search(prev) or not _LOWER_START.match(nxt):
        return False
    return not marks.block_start.match(nxt) and not (_ALL_CAPS.match(prev) and len(prev) < 120)


def should_join(prev: str, nxt: str, prev_is_heading: bool, words: Continuations, marks: Markers) -> str | None:
    """How to glue two lines separated by a blank line or page break: "" (no space),
    " " (one space), or None (keep the paragraph break)."""
    if prev_is_heading or not prev or not nxt:
        return None
    if _SYMBOL_TAIL.search(prev) and re.match(r"^[\p{Lu}\d]", nxt):
        return ""  # "16/CT-" + "TTg"
    if _ENDS_SENTENCE.search(prev) or marks.block_start.match(nxt) or words.opens_paragraph(nxt):
        return None
    if _ALL_CAPS.match(prev) and len(prev) < 120:
        return None  # a heading or header line
    if _LOWER_START.match(nxt):
        return " "
    if _DIGIT_START.match(nxt):
        return " "
    if prev.endswith(("-", "–", ",")):
        return " "
    return " " if words.joins_after(prev, marks) else None


def normalize(raw: str, rules: Rules | None = None) -> NormalizedText:
    """Normalise ``raw`` (pages separated by ``\\f``) into a NormalizedText."""
    words = _continuation_words(rules)
    marks = markers(rules)
    text = clean_chars(raw)
    out: list[str] = []
    page_starts: list[int] = []
    pos = 0
    prev_line = ""  # last non-blank line written
    prev_heading = False
    gap = False  # a blank line or page break since prev_line

    for page_no, page in enumerate(text.split("\f")):
        page_start: int | None = None
        if page_no:
            gap = gap or bool(prev_line)
        for raw_line in page.split("\n"):
            line, heading = strip_markup(raw_line)
            if not line or (_PAGE_NUMBER.match(line) and not _YEAR_AFTER_NAM.search(prev_line + " " + line)):
                gap = gap or bool(prev_line)
                continue
            if not out:
                sep = ""
            elif not gap:
                sep = " " if is_wrapped(prev_line, line, prev_heading, marks) else "\n"
            else:
                glue = should_join(prev_line, line, prev_heading, words, marks)
                sep = "\n\n" if glue is None else glue
            if page_start is None:
                page_start = pos + len(sep)
            out.append(sep)
            out.append(line)
            pos += len(sep) + len(line)
            prev_line, prev_heading, gap = line, heading, False
        page_starts.append(pos if page_start is None else page_start)
    result = "".join(out)
    page_starts = [min(p, len(result)) for p in page_starts]
    return NormalizedText(result, page_starts if len(page_starts) > 1 else [0])
