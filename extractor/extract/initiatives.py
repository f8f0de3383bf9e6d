"""Named models, movements, campaigns and slogans (mô hình “Dân vận khéo”).

A name is a quoted text that a kind word introduces (rules/model_words.yaml):
- directly: ``phong trào thi đua “Dân vận khéo”``, ``Mô hình điểm “...”``;
- as a chain of quotes after one kind word: ``khẩu hiệu “5 biết” “3 không”``,
  ``như: “A” của X, “B” của Y; “C”``;
- by coordination with a kind word after it: ``“A”. và Mô hình “B”``;
- through a list intro after a kind word in the same sentence: ``nhiều mô hình ... như: “A”``;
- unquoted, in an enumeration closed by an ellipsis: ``như: Mô hình trồng A, trồng B...``;
- or a known nationwide campaign quoted without kind word.
The same name mentioned again (any case) is one record with a mention count.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex as re

from ..models import ModelRecord, Section
from ..rules import Rules
from ..text.fold import TONE_VARIANT, fold_case, tone_tolerant
from .spans import Containing

# Opening/closing quote pairs; straight quotes pair up within a line.
_QUOTE_RES = (
    re.compile(r"“([^“”\n]{1,400})”"),
    re.compile(r'"([^"\n]{1,400})"'),
    re.compile(r"«([^«»\n]{1,400})»"),
)
_EDGE_PUNCT = re.compile(r"^[\s\p{P}]+|[\s.,;:!?]+$")
_SENTENCE_END = re.compile(r"(?:[.!?…](?=\s+\p{Lu})|\n)")
_ALL_CAPS = re.compile(r"^[^\p{Ll}]*$")

@dataclass(frozen=True, slots=True)
class WordScan:
    """A pattern every match of which starts with one of a few words (tone placement and
    spacing as in ``_words_re``). The ``regex`` module scans a whole text for such an
    alternation slowly; ``str.find`` of the words' first letters finds every possible start
    far faster, and the pattern is then only tried there."""

    rx: re.Pattern
    heads: tuple[str, ...]  # literal start of each word (case-folded if rx ignores case); () = all

    @classmethod
    def of(cls, rx: re.Pattern, words: Sequence[str]) -> WordScan:
        heads = set()
        for w in words:
            head = w.split()[0] if w.strip() else ""
            tone = TONE_VARIANT.search(head)  # spelt two ways from there on
            head = head[:tone.start()] if tone else head
            if not head:
                return cls(rx, ())
            heads.add(head.casefold() if rx.flags & re.I else head)
        return cls(rx, tuple(sorted(heads)))

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match]:
        """``rx.finditer(text)``; ``folded``: ``text.casefold()`` if already at hand."""
        if self.rx.flags & re.I:
            folded = text.casefold() if folded is None else folded
        else:
            folded = text
        if not self.heads or len(folded) != len(text):  # a multi-letter fold shifts offsets
            yield from self.rx.finditer(text)
            return
        starts = set()
        for head in self.heads:
            i = folded.find(head)
            while i >= 0:
                starts.add(i)
                i = folded.find(head, i + 1)
        end = 0
        for i in sorted(starts):
            if i >= end and (m := self.rx.match(text, i)):
                end = max(m.end(), i + 1)
                yield m


def _words_re(words: Sequence[str]) -> str:
    """Alternation of lexicon words, longest first, spaces flexible, tone tolerant."""
    alts = sorted({w.strip().lower() for w in words if w and w.strip()}, key=len, reverse=True)
    return "|".join(tone_tolerant(re.escape(w).replace(r"\ ", r"\s+")) for w in alts)


@dataclass(slots=True)
class Grammar:
    kind_of: dict[str, str]  # trigger word (lower) -> kind
    kind_at_end: re.Pattern  # a kind word (+ modifiers) ending a text
    kind_any: re.Pattern  # any kind word
    list_intro_at_end: re.Pattern
    not_before_at_end: re.Pattern
    not_name_start: re.Pattern
    coordination: re.Pattern  # gap "”. và Mô hình “"
    chain_gap: re.Pattern
    unquoted_list: WordScan
    unquoted_name: WordScan  # kind word + capitalised words
    unquoted_stop: re.Pattern
    unquoted_max_words: int
    known: list[tuple[re.Pattern, str]]
    fields: list[tuple[str, re.Pattern]]
    place_at_end: re.Pattern
    place_start: re.Pattern
    max_words: int


def compile_grammar(rules: Rules) -> Grammar:
    data = rules.data("model_words")
    kind_of = {w.strip().lower(): kind for kind, words in data["kinds"].items() for w in words}
    kinds = _words_re(list(kind_of))
    mods = _words_re(data.get("modifiers", []))
    kind_phrase = rf"(?<!\p{{L}})(?P<kind>{kinds})(?:\s*,?\s*(?:{mods})(?!\p{{L}}))*"
    places = _words_re(data.get("place_words", []))
    fields = []
    for name, patterns in data.get("fields", {}).items():
        fields.append((name, re.compile("|".join(tone_tolerant(p) for p in patterns), re.I)))
    return Grammar(
        kind_of=kind_of,
        kind_at_end=re.compile(rf"{kind_phrase}\s*:?\s*$", re.I),
        kind_any=re.compile(rf"(?<!\p{{L}})(?P<kind>{kinds})(?!\p{{L}})", re.I),
        list_intro_at_end=re.compile(rf"(?<!\p{{L}})(?:{_words_re(data.get('list_intros', []))})\s*:?\s*$",
                                     re.I),
        not_before_at_end=re.compile(rf"(?<!\p{{L}})(?:{_words_re(data.get('not_before', []))})\s*:?\s*$",
                                     re.I),
        not_name_start=re.compile(rf"^(?:{_words_re(data.get('not_name_start', []))})(?!\p{{L}})", re.I),
        coordination=re.compile(rf"^\s*[.,;]?\s*(?:và|hoặc)\s+(?:các\s+|những\s+)?{kind_phrase}\s*:?\s*$",
                                re.I),
        chain_gap=re.compile(r"^(?:\s*của\s+[^“”\"\n;.…]{1,100}?)?\s*(?:[,;]|và|hoặc)?\s*(?:và\s*)?$"),
        unquoted_list=WordScan.of(re.compile(
            rf"(?<!\p{{L}})(?:như|là)\s*:\s*(?:các\s+)?{kind_phrase}\s+"
            r"(?P<list>[^“”\"\n:;.…]{2,160}?)(?:\.\.\.|…|[.;])", re.I), ["như", "là"]),
        unquoted_name=WordScan.of(re.compile(rf"{kind_phrase}[ ]+(?P<name>\p{{Lu}})", re.I), list(kind_of)),
        unquoted_stop=re.compile(rf"(?:[.,;:!?()…\-–]|\s(?:{_words_re(data.get('unquoted_stop_words', []))})"
                                 rf"(?!\p{{L}})|$)"),
        unquoted_max_words=int(data["unquoted_max_words"]),
        known=[(re.compile(tone_tolerant(k["pattern"]), re.I), k["kind"]) for k in data.get("known", [])],
        fields=fields,
        place_at_end=re.compile(rf"\s+(?:{places})\s+\p{{Lu}}[\p{{L}}\s]*$"),
        place_start=re.compile(rf"^(?:{places})(?!\p{{L}})", re.I),
        max_words=int(data["max_words"]),
    )


@dataclass(slots=True)
class _Quote:
    open: int  # position of the opening quote mark
    close: int  # position after the closing quote mark
    start: int  # name span (inside the marks, trimmed)
    end: int


@dataclass(slots=True)
class _Found:
    name: str
    kind: str | None
    start: int
    end: int
    owner: str | None = None
    field: str | None = None
    primary: bool = True  # introduced by a kind word (not only a repeat of a known name)


@dataclass(slots=True)
class _Context:
    text: str
    g: Grammar
    sections: Sequence[Section]
    para_starts: list[int] = field(default_factory=list)
    folded: str = ""  # text.casefold(), for WordScan
    containing: Containing | None = None  # sections by offset, built on first use


def find_quotes(text: str) -> list[_Quote]:
    quotes = []
    for rx in _QUOTE_RES:
        for m in rx.finditer(text):
            s, e = _trim(text, m.start(1), m.end(1))
            if s < e:
                quotes.append(_Quote(m.start(), m.end(), s, e))
    quotes.sort(key=lambda q: q.open)
    out: list[_Quote] = []
    for q in quotes:  # a straight-quote pair across two curly ones would overlap: keep the first
        if not out or q.open >= out[-1].close:
            out.append(q)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ".,;:-–"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    return s, e


def name_key(name: str) -> str:
    """Case-, spacing- and edge-punctuation-insensitive key of a name."""
    return _EDGE_PUNCT.sub("", fold_case(name))


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``floor``)."""
    last = floor
    for m in _SENTENCE_END.finditer(text, floor, pos):
        last = m.end()
    return last


def _chains(text: str, quotes: list[_Quote], g: Grammar) -> list[list[tuple[_Quote, str | None]]]:
    """Group quotes that a separator (and maybe an owner) joins: [(quote, kind word in gap)]."""
    chains: list[list[tuple[_Quote, str | None]]] = []
    for q in quotes:
        if chains:
            prev = chains[-1][-1][0]
            if q.open - prev.close > 200:
                chains.append([(q, None)])
                continue
            gap = text[prev.close:q.open]
            coord = g.coordination.match(gap)
            if coord:
                chains[-1].append((q, g.kind_of.get(fold_case(coord.group("kind")))))
                continue
            if g.chain_gap.match(gap):
                chains[-1].append((q, None))
                continue
        chains.append([(q, None)])
    return chains


def _kind_word(g: Grammar, word: str) -> str | None:
    key = fold_case(word)
    if key in g.kind_of:
        return g.kind_of[key]
    for trigger, kind in g.kind_of.items():  # tone-placement variant of a trigger
        if _tolerant(trigger).fullmatch(key):
            return kind
    return None


@functools.lru_cache(maxsize=512)
def _tolerant(trigger: str) -> Any:
    return re.compile(tone_tolerant(re.escape(trigger).replace(r"\ ", r"\s+")))


def _intro_kind(ctx: _Context, q: _Quote) -> str | None:
    """Kind of the name a chain starts with, from the words before it; None if not a model."""
    text, g = ctx.text, ctx.g
    para = _para_start(ctx, q.open)
    before = text[max(para, q.open - 200):q.open]
    m = g.kind_at_end.search(before)
    if m:
        return _kind_word(g, m.group("kind"))
    if g.not_before_at_end.search(before):
        return None
    if g.list_intro_at_end.search(before):
        sent = _sentence_start(text, q.open, max(para, q.open - 200))
        window = text[max(sent, q.open - 200):q.open]
        kinds = list(g.kind_any.finditer(window))
        if kinds:
            return _kind_word(g, kinds[-1].group("kind"))
    return None


def _known_kind(ctx: _Context, q: _Quote) -> str | None:
    name = ctx.text[q.start:q.end]
    before = ctx.text[max(_para_start(ctx, q.open), q.open - 60):q.open]
    if ctx.g.not_before_at_end.search(before):
        return None
    for rx, kind in ctx.g.known:
        if rx.match(name):
            return kind
    return None


def _para_start(ctx: _Context, pos: int) -> int:
    i = bisect.bisect_right(ctx.para_starts, pos) - 1
    return ctx.para_starts[i] if i >= 0 else 0


_LETTER = re.compile(r"\p{L}")
_OWNER_CUA = re.compile(r"\s*của\s+([^“”\"\n;…]+)")
_OWNER_PLACE = re.compile(r"\s*(?:tại\s+)?((?:\p{Ll}+\s+){1,2}\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*)")
_OWNER_END = re.compile(r"\.\.\.|\.(?=\s|$)|\s+(?:đã|được|trong|tại|năm|giai đoạn|gắn với|nhằm|với|về|là)\s")


def _is_name(g: Grammar, name: str) -> bool:
    if not _LETTER.search(name) or g.not_name_start.match(name):
        return False
    return len(name.split()) <= g.max_words


def _owner(ctx: _Context, q: _Quote) -> str | None:
    """``“X” của ông A, B...`` -> "ông A, B"; ``“X” xã B`` -> "xã B"."""
    after = ctx.text[q.close:q.close + 160]
    m = _OWNER_CUA.match(after)
    if m:
        return _clean_owner(ctx.g, m.group(1))
    m = _OWNER_PLACE.match(after)
    if m and ctx.g.place_start.match(m.group(1)):
        return m.group(1).strip()
    return None


def _clean_owner(g: Grammar, raw: str) -> str | None:
    raw = _OWNER_END.split(raw)[0]
    parts = [p.strip() for p in raw.split(",")]
    owner = parts[0]
    for p in parts[1:]:  # "ông A, B" goes on; ", xã B" or a lower-case clause stops
        if p and p[0].isupper() and not g.place_start.match(p) and len(p.split()) <= 5:
            owner += ", " + p
        else:
            break
    if not g.place_start.match(owner):
        owner = g.place_at_end.sub("", owner)
    owner = owner.strip(" .,-–")
    if not owner or len(owner.split()) > 12:
        return None
    return owner


def _field_from_phrase(g: Grammar, phrase: str) -> str | None:
    """The field whose pattern occurs first in ``phrase``."""
    best: tuple[int, int, str] | None = None
    for name, rx in g.fields:
        m = rx.search(phrase)
        if m and (best is None or (m.start(), -len(m.group())) < best[:2]):
            best = (m.start(), -len(m.group()), name)
    return best[2] if best else None


_FIELD_LEAD = re.compile(r"^\s*(?:[-+•*]|\p{L}[.)]|\d+(?:\.\d+)*[.)])?\s*(?:(?:Trên|Trong|Về)\s+)?(?:các\s+)?"
                         r"lĩnh vực\s+([^:\n]{2,80}):", re.I)
_FIELD_AFTER = re.compile(r"\s*(?:trong|trên)\s+(?:các\s+)?lĩnh vực\s+([^,.;:\n]{2,80})", re.I)
_FIELD_HEADING = re.compile(r"^(?:(?:Trên|Trong)\s+)?(?:các\s+)?(?:lĩnh vực|Về)\s+(.{2,80})$", re.I)


def _field(ctx: _Context, q: _Quote) -> str | None:
    g, text = ctx.g, ctx.text
    m = _FIELD_AFTER.match(text, q.close, q.close + 300)
    if m:
        return _field_from_phrase(g, m.group(1))
    para = _para_start(ctx, q.open)
    m = _FIELD_LEAD.match(text[para:min(q.open, para + 200)])
    if m:
        return _field_from_phrase(g, m.group(1))
    if ctx.containing is None:
        ctx.containing = Containing(ctx.sections, lambda s: (s.start, s.end))
    for sec in sorted(ctx.containing.at(q.open), key=lambda s: -s.start):
        m = _FIELD_HEADING.match(sec.heading.strip().rstrip(".:"))
        if m:
            found = _field_from_phrase(g, m.group(1))
            if found:
                return found
    return None


def _from_chains(ctx: _Context, quotes: list[_Quote]) -> list[_Found]:
    found: list[_Found] = []
    for chain in _chains(ctx.text, quotes, ctx.g):
        head = chain[0][0]
        chain_kind = _intro_kind(ctx, head)
        if chain_kind is None:  # "“A”. và Mô hình “B”": A takes the kind named after it
            chain_kind = next((k for _, k in chain[1:] if k), None)
        kind = chain_kind
        for q, gap_kind in chain:
            kind = gap_kind or kind
            if kind is None:
                kind = _known_kind(ctx, q)
                if kind is None:
                    continue
            name = ctx.text[q.start:q.end]
            if _is_name(ctx.g, name):
                found.append(_Found(name, kind, q.start, q.end, _owner(ctx, q), _field(ctx, q)))
            if q is head and chain_kind is None:
                kind = None  # a known name does not make the rest of its chain models
    return found


def _from_unquoted_lists(ctx: _Context) -> list[_Found]:
    """``như: Mô hình trồng A, trồng B...`` -> "trồng A", "trồng B"."""
    g, text = ctx.g, ctx.text
    found = []
    for m in g.unquoted_list.finditer(text, ctx.folded):
        kind = _kind_word(g, m.group("kind"))
        for im in re.finditer(r"[^,]+", m.group("list")):
            item = re.sub(rf"^\s*(?:và\s+)?(?:{g.kind_any.pattern})\s+", "", im.group(), flags=re.I)
            s = m.start("list") + im.start() + (len(im.group()) - len(item))
            s, e = _trim(text, s, m.start("list") + im.end())
            name = text[s:e]
            if name and 1 <= len(name.split()) <= 6 and _is_name(g, name):
                found.append(_Found(name, kind, s, e, None, _field(ctx, _Quote(s, e, s, e))))
    return found


_PIECE = re.compile(r"(?:^|,|\s+và\s)\s*((?:(?!\s+và\s)[^,])+?)\s*(?=,|\s+và\s|$)")


def _from_unquoted_names(ctx: _Context) -> list[_Found]:
    """``mô hình Dân vận khéo trên lĩnh vực ...`` -> "Dân vận khéo" (capitalised, clear end)."""
    g, text = ctx.g, ctx.text
    found = []
    for m in g.unquoted_name.finditer(text, ctx.folded):
        if not m.group("name")[:1].isupper():  # re.I made \p{Lu} match lower case too
            continue
        s = m.start("name")
        window_end = min(len(text), s + 200)
        line_end = text.find("\n", s, window_end)
        stop = g.unquoted_stop.search(text, s, line_end if line_end >= 0 else window_end)
        if stop is None:
            continue
        s, e = _trim(text, s, stop.start())
        name = text[s:e]
        if name and len(name.split()) <= g.unquoted_max_words and _is_name(g, name) \
                and not _ALL_CAPS.match(name):
            found.append(_Found(name, _kind_word(g, m.group("kind")), s, e, _owner(ctx, _Quote(s, e, s, e)),
                                _field(ctx, _Quote(s, e, s, e))))
    return found


def _as_repeats(unquoted: list[_Found], quoted: list[_Found]) -> list[_Found]:
    """An unquoted name cut at a comma ("mô hình Chính quyền thân thiện, vì ...") that starts a
    quoted name found elsewhere is a mention of that name, not a name of its own."""
    keys = sorted({name_key(f.name) for f in quoted}, key=len, reverse=True)
    out = []
    for f in unquoted:
        key = name_key(f.name)
        longer = next((k for k in keys if k != key and k.startswith(key) and not k[len(key)].isalnum()), None)
        if longer is not None:
            f.primary = False
            f.name = longer  # grouped under the quoted name; the span stays the unquoted text
        out.append(f)
    return out


def _split_joined(found: list[_Found]) -> list[_Found]:
    """“5 biết, 3 không” where every part is a name found elsewhere -> one mention of each."""
    keys = {name_key(f.name) for f in found}
    out = []
    for f in found:
        pieces = [(m.group(1), f.start + m.start(1)) for m in _PIECE.finditer(f.name)]
        if len(pieces) > 1 and all(name_key(p) in keys for p, _ in pieces):
            out += [_Found(p, f.kind, s, s + len(p), f.owner, f.field, f.primary) for p, s in pieces]
        else:
            out.append(f)
    return out


def _repeats(ctx: _Context, quotes: list[_Quote], keys: set[str], seen: set[tuple[int, int]]) -> list[_Found]:
    """Other quoted mentions of a name already found (“Chính quyền thân thiện...” alone)."""
    out = []
    for q in quotes:
        if (q.start, q.end) not in seen and name_key(ctx.text[q.start:q.end]) in keys:
            out.append(_Found(ctx.text[q.start:q.end], None, q.start, q.end, primary=False))
    return out


def _merge(found: list[_Found]) -> list[ModelRecord]:
    groups: dict[str, list[_Found]] = {}
    for f in sorted(found, key=lambda f: f.start):
        groups.setdefault(name_key(f.name), []).append(f)
    records = []
    for group in groups.values():
        primary = [f for f in group if f.primary] or group
        first = primary[0]
        display = next((f.name for f in primary if not _ALL_CAPS.match(f.name)), first.name)
        spans = sorted({(f.start, f.end) for f in group})
        records.append(ModelRecord(
            name=display,
            kind=first.kind or "mô hình",
            owner=next((f.owner for f in primary if f.owner), None),
            field=first.field,
            mentions=len(spans),
            start=spans[0][0],
            end=spans[0][1],
            spans=spans,
        ))
    records.sort(key=lambda r: r.start)
    return records


def find_models(text: str, rules: Rules, sections: Sequence[Section] = ()) -> list[ModelRecord]:
    """Every named model / movement / campaign / slogan, one record per name, reading order."""
    g = rules.compiled("initiatives.grammar", compile_grammar)
    para_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    ctx = _Context(text, g, sections, para_starts, text.casefold())
    quotes = find_quotes(text)
    found = _from_chains(ctx, quotes) + _from_unquoted_lists(ctx)
    found += _as_repeats(_from_unquoted_names(ctx), found)
    found = _split_joined(found)
    keys = {name_key(f.name) for f in found}
    seen = {(f.start, f.end) for f in found}
    found += _repeats(ctx, quotes, keys, seen)
    return _merge(found)
