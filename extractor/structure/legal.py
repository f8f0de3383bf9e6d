"""The structure of a legal text: Phần, Chương (with its title line), Mục, Điều (heading = its
name), khoản ``1.`` and điểm ``a)`` inside an Điều, Phụ lục — and a decision's own articles
apart from the text it issues (``QUY CHẾ … (Ban hành kèm theo Quyết định số …)``), which
becomes a ``part`` of the same document. Each unit is a Section with its ``kind`` and its
``path`` (``QUY CHẾ/Chương I/Điều 3/2/a``), used as its id.

A text is read this way when it has at least two ``Điều N.`` lines; the level words come
from rules/markers.yaml (extractor/text/markers.py)."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..models import Section
from ..rules import Rules
from ..text.markers import markers

RANKS = {"part": 0, "appendix": 0.5, "chapter": 1, "section": 2, "article": 3, "clause": 4, "point": 5}
MIN_ARTICLES = 2

_CLAUSE = re.compile(r"[ ]*(?P<n>\d{1,2})[.)][ ]+(?=\S)")
_POINT = re.compile(r"[ ]*(?P<n>[a-zđ])\)[ ]+(?=\S)")
_ARTICLE_NUM = re.compile(r"^\d{1,3}[a-zđ]?$")
_SENTENCE_END = re.compile(r"(?<=[\p{L}\d)”\"%])\.(?=\s+[\p{Lu}\d“\"(]|\s*(?:/\.)?\s*$)")
_ATTACHED_NOTE = re.compile(r"\(?\s*(?:Ban hành|Kèm theo)\b", re.I)
_TRAILING = re.compile(r"[\s.:;,/]+$")


@dataclass(slots=True)
class _Open:
    rank: float
    kind: str
    path: str
    section: Section
    last_child: int = 0  # last clause number / point letter code under it


def _line_end(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    return end if nl == -1 else nl


def _first_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    line = text[start:end]
    m = _SENTENCE_END.search(line)
    head = line[:m.start()] if m else line
    head = _TRAILING.sub("", head)
    lead = len(head) - len(head.lstrip())
    return start + lead, start + len(head)


def _title_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The title line under a bare "Chương II" / "Mục 1" / "PHỤ LỤC" (the next short line)."""
    i = pos
    while i < end and text[i] in " \n":
        i += 1
    e = _line_end(text, i, end)
    if i >= end or e - i > 250 or markers().level_of(text[i:e]) or _CLAUSE.match(text, i):
        return None
    return i, len(_TRAILING.sub("", text[i:e])) + i


def count_articles(text: str, rules: Rules, start: int = 0) -> int:
    m = markers(rules)
    return sum(1 for x in m.legal.finditer(text, start)
               if m.level_of_word[x.group("lword")] == "article" and x.group("lnum")
               and text[x.end("lnum"):x.end("lnum") + 1] in ".:")


@dataclass(frozen=True, slots=True)
class Attached:
    start: int  # the type line ("QUY CHẾ")
    word: str  # the type word as printed
    title: tuple[int, int]  # its name: the rest of the type line and the lines up to the note
    body: int  # after the "(Ban hành kèm theo …)" line


def attached_text(text: str, start: int, type_words: list[str]) -> Attached | None:
    """The text a decision issues: a type line in caps ("QUY CHẾ") whose title is followed
    by "(Ban hành kèm theo …)"."""
    alt = "|".join(re.escape(w) for w in sorted(type_words, key=len, reverse=True))
    for m in re.finditer(rf"(?m)^[ ]*(?P<type>{alt})(?=[ ]*$|[ ]+\p{{Lu}})", text, pos=start):
        pos, title_end = m.end(), m.end()
        for _ in range(5):
            while pos < len(text) and text[pos] in " \n":
                pos += 1
            e = _line_end(text, pos, len(text))
            if _ATTACHED_NOTE.match(text, pos, e):
                ts = m.end()
                while ts < title_end and text[ts] in " \n":
                    ts += 1
                return Attached(m.start("type"), m.group("type"), (ts, title_end), e)
            if pos >= len(text) or e - pos > 300:
                break
            title_end, pos = e, e
    return None


class _Builder:
    def __init__(self, text: str, rules: Rules):
        self.text = text
        self.m = markers(rules)
        self.stack: list[_Open] = []
        self.sections: list[Section] = []
        self.ids: set[str] = set()

    def push(self, kind: str, key: str, marker: str, start: int, hs: int, he: int) -> None:
        rank = RANKS[kind]
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        path = f"{parent.path}/{key}" if parent else key
        sid = path
        n = 2
        while sid in self.ids:
            sid, n = f"{path}~{n}", n + 1
        self.ids.add(sid)
        heading = " ".join(self.text[hs:he].split()) if he > hs else ""
        s = Section(section_id=sid, parent_id=parent.section.section_id if parent else None,
                    level=len(self.stack) + 1, marker=marker, heading=heading, label=None,
                    start=start, end=len(self.text), heading_end=max(he, start + len(marker)),
                    kind=kind, path=path)
        self.sections.append(s)
        self.stack.append(_Open(rank, kind, path, s))

    def _open(self, kind: str) -> _Open | None:
        return next((o for o in reversed(self.stack) if o.kind == kind), None)

    def scan(self, start: int, end: int, appendix_only: bool = False) -> None:
        text, pos = self.text, start
        while pos < end:
            e = _line_end(text, pos, end)
            if not appendix_only or self.m.level_of(text[pos:e].strip()) == "appendix":
                self._line(pos, e)
            pos = e + 1

    def _line(self, ls: int, le: int) -> None:
        text = self.text
        while ls < le and text[ls] == " ":
            ls += 1
        if ls >= le:
            return
        lm = self.m.legal.match(text, ls, le)
        if lm:
            level = self.m.level_of(text[ls:le])
            num = lm.group("lnum")
            if level == "article" and not (num and _ARTICLE_NUM.match(num) and text[lm.end():lm.end() + 1] in ".:"):
                level = None
            if level:
                after = lm.end()
                while after < le and text[after] in " .:-–)":
                    after += 1
                marker = text[ls:lm.end()].strip() + ("." if level == "article" else "")
                key = " ".join(text[ls:lm.end()].split())
                if level == "article":
                    hs, he = _first_sentence(text, after, le)
                else:
                    hs, he = after, len(_TRAILING.sub("", text[after:le])) + after
                    if he <= hs:
                        nxt = _title_after(text, le, len(text))
                        hs, he = nxt if nxt else (after, after)
                self.push(level, key, marker, ls, hs, he)
                return
        article = self._open("article")
        if article is None:
            return
        cm = _CLAUSE.match(text, ls, le)
        if cm:
            n = int(cm.group("n"))
            if n == article.last_child + 1 or (n == 1 and not article.last_child):
                article.last_child = n
                hs, he = _first_sentence(text, cm.end(), le)
                self.push("clause", str(n), text[ls:cm.end()].strip(), ls, hs, he)
            return
        pm = _POINT.match(text, ls, le)
        if pm:
            owner = self.stack[-1] if self.stack[-1].kind in ("clause", "point") else article
            owner = self._open("clause") or article if owner.kind == "point" else owner
            letter = pm.group("n")
            prev = chr(owner.last_child) if owner.last_child else None
            if _next_letter(prev, letter, self.m.letters):
                owner.last_child = ord(letter)
                hs, he = _first_sentence(text, pm.end(), le)
                self.push("point", letter, text[ls:pm.end()].strip(), ls, hs, he)


def _next_letter(prev: str | None, cur: str, letters: str) -> bool:
    if prev is None:
        return cur == "a"
    for alphabet in (letters, "abcdefghijklmnopqrstuvwxyz"):
        if prev in alphabet and cur in alphabet and alphabet.index(cur) == alphabet.index(prev) + 1:
            return True
    return False


def close_sections(sections: list[Section], end: int) -> None:
    """Each section ends where the next one at the same or a higher level starts."""
    for i, s in enumerate(sections):
        s.end = end
        for nxt in sections[i + 1:]:
            if nxt.level <= s.level:
                s.end = nxt.start
                break


def legal_sections(text: str, rules: Rules, start: int, end: int, type_words: list[str]) -> list[Section] | None:
    """The legal units of ``text[start:end]`` and of a text attached after it, or None when
    the text is not built of articles."""
    if count_articles(text, rules, start) < MIN_ARTICLES:
        return None
    attached = attached_text(text, start, type_words)
    b = _Builder(text, rules)
    b.scan(start, min(end, attached.start) if attached else end)
    if not attached:
        b.scan(end, len(text), appendix_only=True)  # "PHỤ LỤC" after the signature
    if attached:
        b.stack.clear()
        b.push("part", attached.word, attached.word, attached.start, *attached.title)
        b.scan(attached.body, len(text))
    close_sections(b.sections, len(text))
    return b.sections
