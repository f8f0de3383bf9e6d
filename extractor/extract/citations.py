"""Citations of other documents: a grammar over type word, number, symbol and date.

A citation is anchored on its số/ký hiệu (``30/KH-UBND``, ``04/2015/NĐ-CP``, ``114-KL/TW``,
``3905/UBND``): a number, a separator and a code made of code-shaped tokens. Around it:

- before: a type word (``Kế hoạch``, ``CHỈ THỊ``, ``Chỉ\\nthị``) or a type code used as one
  (``NQ 88/NQ-CP``), then ``số``/``số:``/nothing; or the previous citation of a list
  (``các Quyết định số 12/QĐ-UBND, 13/QĐ-UBND``); a symbol with neither is kept only when
  its code is clearly a document code (known type code + issuer);
- after: ``ngày`` + date (``33/CT-TTg. ngày``, ``396-QĐ/TU, ngày``), ``của`` + issuer,
  ``về`` + subject.

Type words, type codes and issuer codes come from ``rules/doc_types.yaml`` and
``rules/issuers.yaml``; the words around the issuer from ``rules/citation_phrases.yaml``.
The public helpers (``canonical_symbol``, ``split_code``, ``lexicon``) are what other stages
use to read a symbol the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from ..models import Citation
from ..rules import Rules, load_rules
from ..text.fold import fold_case
from . import dates, symbols
from .symbols import Symbol

FAMILIES = ("state", "legal", "party")


# --- lexicon compiled from the rules -------------------------------------------------------

def _words_pattern(phrases: list[str]) -> str:
    """Alternation of phrases, longest first, any whitespace (line breaks too) between syllables."""
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in uniq)



@dataclass
class Lexicon:
    """Type words, type codes and issuer codes, with lookups both ways."""

    words: dict[str, str]  # folded surface ("chỉ thị", "bộ luật") -> type word ("Chỉ thị")
    word_codes: dict[str, dict[str, list[str]]]  # type word -> family -> codes
    code_words: dict[str, dict[str, str]]  # family -> type code -> type word
    codes: symbols.Codes  # type and issuer codes (the số hiệu model's lexicon)
    abbreviations: list[str]
    type_word_pattern: str  # regex source: any type word
    type_word_re: regex.Pattern = field(repr=False)
    abbreviation_re: regex.Pattern = field(repr=False)
    short_form_re: regex.Pattern = field(repr=False)

    @property
    def type_codes(self) -> frozenset[str]:
        return self.codes.type_codes

    @property
    def issuer_codes(self) -> frozenset[str]:
        return self.codes.issuer_codes

    def normalize_type_word(self, surface: str) -> str | None:
        """``"CHỈ  THỊ"`` / ``"kế\\nhoạch"`` → ``"Chỉ thị"`` / ``"Kế hoạch"``; a type code used
        as a word (``"NQ"``) → its type word."""
        word = self.words.get(fold_case(surface))
        if word is None and surface in self.abbreviations:
            word = self.word_for_code(surface)
        return word

    def codes_for_word(self, word: str) -> list[str]:
        """Type codes that stand for a type word, all families (``"Kế hoạch"`` → ``["KH"]``)."""
        out: list[str] = []
        for codes in self.word_codes.get(word, {}).values():
            out += [c for c in codes if c not in out]
        return out

    def word_for_code(self, code: str | None, family: str | None = None) -> str | None:
        """Type word of a type code (``"CT"`` → ``"Chỉ thị"``; ``"TT"`` party → ``"Thông tri"``)."""
        if not code:
            return None
        code = self.canonical_code(code)
        order = ([family] if family in FAMILIES else []) + [f for f in ("state", "legal", "party") if f != family]
        for fam in order:
            if code in self.code_words.get(fam, {}):
                return self.code_words[fam][code]
        return None

    def canonical_code(self, token: str) -> str:
        """Known spelling of a code token (``"TTG"`` → ``"TTg"``, ``"TƯ"`` → ``"TW"``)."""
        return self.codes.canonical_code(token)


def _build_lexicon(rules: Rules) -> Lexicon:
    types = rules.data("doc_types")
    words: dict[str, str] = {}
    word_codes: dict[str, dict[str, list[str]]] = {}
    code_words: dict[str, dict[str, str]] = {f: {} for f in FAMILIES}
    for entry in types["types"]:
        word = entry["word"]
        for surface in [word, *entry.get("variants", [])]:
            words[fold_case(surface)] = word
        word_codes[word] = {}
        for fam in FAMILIES:
            codes = entry.get(fam, []) or []
            word_codes[word][fam] = list(codes)
            for code in codes:
                code_words[fam].setdefault(code, word)
    abbreviations = list(types.get("abbreviations", []))
    word_pattern = _words_pattern(list(words))
    abbr = "|".join(sorted(map(regex.escape, abbreviations), key=len, reverse=True))
    return Lexicon(
        words=words,
        word_codes=word_codes,
        code_words=code_words,
        codes=symbols.codes(rules),
        abbreviations=abbreviations,
        type_word_pattern=word_pattern,
        type_word_re=regex.compile(rf"(?<!\p{{L}})(?i:{word_pattern})(?!\p{{L}})"),
        abbreviation_re=regex.compile(rf"(?<![\p{{L}}\d])(?:{abbr})(?![\p{{L}}\d])"),
        # "Chỉ thị 33", "Nghị quyết số 30a": a type word and a number with no symbol after it.
        short_form_re=regex.compile(
            rf"(?<!\p{{L}})(?P<type>(?i:{word_pattern}))\s+(?:(?i:số)\s*:?\s*)?"
            rf"(?P<number>\d{{1,5}}[a-zđ]?)(?![\p{{L}}\d]|[ \t]*[/\-–][ \t]*[\p{{L}}\d])"
        ),
    )


def lexicon(rules: Rules | None = None) -> Lexicon:
    """The compiled type/issuer lexicon of ``rules`` (default rules when None), cached."""
    rules = rules or load_rules()
    return rules.compiled("citations.lexicon", _build_lexicon)


# --- symbols --------------------------------------------------------------------------------

# A code token: capitals (Đ, Ư included) and "&" (CCHC&PC), or capitals with one small
# letter after the first or second capital (QyĐ, TrS, TTg, CTr, QĐi), then a term number
# (QH15). A capitalised word ("Dự", "Bộ") is not a token.
_TOKEN = (
    r"(?:\p{Lu}\p{Ll}\p{Lu}[\p{Lu}&]*|\p{Lu}[\p{Lu}&]*(?:\p{Lu}\p{Ll}(?:\p{Lu}[\p{Lu}&]*)?)?)"
    r"\d{0,2}(?![\p{L}\d])"
)


def read_symbol(number: str, code: str, rules: Rules | None = None, number_sep: str | None = None) -> Symbol:
    """Read a number and the code written after it with the rules' codes (:func:`symbols.read`)."""
    return symbols.read(number, code, lexicon(rules).codes, number_sep)


# --- the grammar ----------------------------------------------------------------------------

@dataclass
class Grammar:
    lex: Lexicon
    symbol: regex.Pattern
    connector: regex.Pattern  # between a type word and the number
    abbr_connector: regex.Pattern
    list_gap: regex.Pattern  # between two citations of one list
    shared_gap: regex.Pattern  # between two citations that share the date after the second
    date_after: regex.Pattern
    issuer_intro: regex.Pattern
    subject_intro: regex.Pattern
    date_before: regex.Pattern
    own_number_line: regex.Pattern
    issuer_word: regex.Pattern
    term: regex.Pattern
    units: dict[str, list[list[str]]]  # first word -> phrases starting with it, longest first
    stops: dict[str, list[list[str]]]
    max_issuer_words: int
    date_before_citation: bool


def _build_grammar(rules: Rules) -> Grammar:
    lex = lexicon(rules)
    phrases = rules.data("citation_phrases")
    known = "|".join(sorted(map(regex.escape, lex.issuer_codes | lex.type_codes), key=len, reverse=True))
    # Between code tokens: "-", "/", "–" with stray spaces (a line break may follow the
    # separator: "16/CT-\nTTg"); a bare space only before a known code ("129/KH UBND").
    csep = rf"(?:[ \t]*[/\-–][ \t]*(?:\n[ \t]*){{0,2}}|[ \t]+(?=(?:{known})(?![\p{{L}}\d])))"
    symbol = regex.compile(
        r"(?<![\p{L}\d/.,\-–])(?P<num>\d{1,5}[a-zđ]?)"
        r"(?:[ \t]*/[ \t]*(?P<year>(?:19|20)\d\d)[ \t]*/[ \t]*"
        r"|[ \t]*(?P<nsep>[/\-–])[ \t]*(?:\n[ \t]*)?)"
        rf"(?P<code>{_TOKEN}(?:{csep}{_TOKEN}){{0,5}})"
    )
    max_fill = int(rules.data("doc_types")["max_words_before_so"])
    # "Kế hoạch số 30", "Nghị định 04", "Kế hoạch hành động số 26", "Luật Tố cáo số 25".
    connector = regex.compile(
        rf"(?:(?:\s+\p{{L}}+){{0,{max_fill}}}\s*(?i:số)\s*[:.]?\s*|\s*)"
    )
    abbr_connector = regex.compile(r"[ \t]+(?:(?i:số)\s*:?\s*)?|[ \t]*(?i:số)\s*:?\s*")
    dg = dates.grammar(rules)
    date_after = regex.compile(
        r"[ \t]*[.,]?[ \t]*(?:\n[ \t]*)?\(?[ \t]*(?:(?i:ban\s+hành|ký)\s+)?"
        # "ngày ngày 20/7/2021": a doubled word still dates the citation (the checks report it)
        rf"(?:{dg.day}(?:[ \t]+{dg.day})?\s*(?P<date>{dg.numeric})|(?P<date>{dg.written}))"
    )
    markers = _words_pattern(phrases["issuer_markers"])
    subj = _words_pattern(phrases["subject_markers"])
    terms = _words_pattern(phrases["term_words"])
    abbr_units = "|".join(map(regex.escape, phrases.get("abbreviated_units", []))) or "(?!)"
    return Grammar(
        lex=lex,
        symbol=symbol,
        connector=connector,
        abbr_connector=abbr_connector,
        list_gap=regex.compile(r"[ \t]*(?:[,;]|(?:,[ \t]*)?(?:và|hoặc))[ \t]*(?:(?i:số)[ \t]*:?[ \t]*)?"),
        shared_gap=regex.compile(r"\s*(?:,|và|,\s*và)\s*(?:các\s+)?"),
        date_after=date_after,
        issuer_intro=regex.compile(rf"[ \t]*,?[ \t]*(?i:{markers})\s+"),
        subject_intro=regex.compile(rf"[ \t]*,?[ \t]*[“\"]?[ \t]*(?i:{subj})\s+"),
        date_before=regex.compile(
            rf"[ \t]*(?:[-+*•][ \t]*)?{dg.day}\s*(?:{dg.numeric}|{dg.written.replace(dg.day, '', 1)})[ \t]*,"
        ),
        own_number_line=regex.compile(r"(?:^|\n)[ \t]*(?i:số)[ \t]*:?[ \t]*$"),
        # A word of an issuer phrase; " - " joins two capitalised names ("Bà Rịa - Vũng Tàu") and
        # an abbreviated unit keeps its full stop ("TP. Hồ Chí Minh").
        issuer_word=regex.compile(
            r"[ \t]*(?:[-–][ \t]*(?=\p{Lu}))?(?P<w>[\p{L}\d][\p{L}\d&'’]*(?:-[\p{L}\d]+)*"
            rf"(?:(?<=(?<!\p{{L}})(?:{abbr_units}))\.(?=[ \t]*\p{{Lu}}))?)"
        ),
        term=regex.compile(
            rf"(?:[ \t]*\([ \t]*(?i:{terms})[ \t]+[IVXLCDM\d]+[ \t]*\)|[ \t]+(?i:{terms})[ \t]+[IVXLCDM\d]+(?![\p{{L}}\d]))"
        ),
        units=_phrase_index(phrases.get("admin_units", [])),
        stops=_phrase_index(phrases.get("issuer_stops", [])),
        max_issuer_words=int(phrases["max_issuer_words"]),
        date_before_citation=bool(phrases["date_before_citation"]),
    )


def grammar(rules: Rules | None = None) -> Grammar:
    rules = rules or load_rules()
    return rules.compiled("citations.grammar", _build_grammar)


# --- finding citations ----------------------------------------------------------------------

_LOOKBACK = 80  # characters searched before a number for its type word
# Every anchored match gets an end bound: the regex module otherwise scans the rest of the
# text for a literal it requires ("của") before trying the anchor.
_WINDOW = 40


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _type_before(text: str, num_start: int, type_code: str | None, g: Grammar) -> tuple[int, str] | None:
    """(start, type word) of the type word that introduces the number at ``num_start``.

    Of several ("Thông báo kết luận số 15-TB/HU"), the one whose codes include the symbol's
    type code wins, else the nearest."""
    lo = max(0, num_start - _LOOKBACK)
    found = []
    for m in g.lex.type_word_re.finditer(text, lo, num_start):
        if g.connector.fullmatch(text, m.end(), num_start):
            found.append((m.start(), g.lex.normalize_type_word(m.group(0))))
    if found:
        agreeing = [f for f in found if type_code and type_code in g.lex.codes_for_word(f[1])]
        return (agreeing or found)[-1]
    for m in g.lex.abbreviation_re.finditer(text, max(0, num_start - 12), num_start):
        if g.abbr_connector.fullmatch(text, m.end(), num_start):
            found.append((m.start(), g.lex.word_for_code(m.group(0))))
    return found[-1] if found else None


def _is_document_code(sym: Symbol, lex: Lexicon) -> bool:
    """Whether a symbol with no type word before it is still surely a document number."""
    if sym.family == "law":
        return True
    if sym.type_code is None or sym.type_code not in lex.type_codes:
        return False
    return sym.family == "legal" or any(i in lex.issuer_codes for i in sym.issuers)


def _matches_at(words: list[tuple[str, int, int]], i: int, phrase: list[str]) -> bool:
    return len(phrase) <= len(words) - i and all(words[i + k][0] == p for k, p in enumerate(phrase))


def _phrase_index(phrases: list[str]) -> dict[str, list[list[str]]]:
    index: dict[str, list[list[str]]] = {}
    for p in sorted((fold_case(p).split() for p in phrases), key=len, reverse=True):
        index.setdefault(p[0], []).append(p)
    return index


def _phrase_at(words: list[tuple[str, int, int]], i: int, phrases: dict[str, list[list[str]]]) -> int:
    """Length (in words) of the longest phrase starting at word ``i``, 0 when none."""
    for p in phrases.get(words[i][0], ()):
        if _matches_at(words, i, p):
            return len(p)
    return 0


def _words_after(text: str, pos: int, g: Grammar, limit: int) -> list[tuple[str, int, int]]:
    """Folded words (with spans) from ``pos`` up to the first punctuation or line break."""
    words = []
    while len(words) < limit:
        m = g.issuer_word.match(text, pos, pos + 60)
        if not m:
            break
        words.append((m.group("w").casefold(), m.start("w"), m.end("w")))
        pos = m.end()
    return words


def _issuer_span(text: str, pos: int, g: Grammar) -> tuple[int, int] | None:
    """Span of the issuer phrase starting at ``pos`` (right after "của")."""
    words = _words_after(text, pos, g, g.max_issuer_words + 4)
    type_words = g.lex.type_word_re
    end = None
    i = 0
    while i < len(words) and i < g.max_issuer_words:
        w, ws, we = words[i]
        if _phrase_at(words, i, g.stops) or (i > 0 and type_words.match(text, ws, ws + _WINDOW)):
            break
        unit = _phrase_at(words, i, g.units)
        if unit and not (i + unit < len(words) and words[i + unit][0] in ("ủy", "uỷ")):
            end = words[i + unit - 1][2]
            end = _place_name_end(text, words, i + unit, g) or end
            break
        end = we
        i += 1
    if end is None:
        return None
    tm = g.term.match(text, end, end + _WINDOW)
    if tm:
        end = tm.end()
    return words[0][1], end


def _place_name_end(text: str, words: list[tuple[str, int, int]], i: int, g: Grammar) -> int | None:
    """End of the place name after an administrative unit word: capitalised syllables, and
    one lower-case syllable after a single capitalised one ("Hà tĩnh")."""
    end = None
    n = 0
    while i < len(words) and n < 5:
        _, ws, we = words[i]
        if _phrase_at(words, i, g.stops) or g.lex.type_word_re.match(text, ws, ws + _WINDOW):
            break
        if n == 0 and i > 0 and "-" in text[words[i - 1][2]:ws]:
            break  # "UBND huyện - Phòng Nội vụ": a dash joins names, not a unit to a name
        if text[ws].isupper():
            end, n, i = we, n + 1, i + 1
            continue
        if n == 1 and (i + 1 >= len(words) or _phrase_at(words, i + 1, g.stops)):
            end = we
        break
    return end


_SUBJECT_END = regex.compile(r"[;\n]|[.!?](?=\s|$)")
_CLOSE_QUOTE = regex.compile(r"[”\"]")


def _subject_span(text: str, pos: int, g: Grammar) -> tuple[int, int] | None:
    m = g.subject_intro.match(text, pos, pos + _WINDOW)
    if not m:
        return None
    quoted = "“" in m.group(0) or '"' in m.group(0)
    start = m.end()
    limit = min(len(text), start + 300)
    stop = _SUBJECT_END.search(text, start, limit)
    end = stop.start() if stop else limit
    if quoted:
        close = _CLOSE_QUOTE.search(text, start, end)
        end = close.start() if close else end
    while end > start and text[end - 1] in " ,”\"":
        end -= 1
    return (start, end) if end > start else None


def _clean(s: str) -> str:
    return " ".join(s.split())


def _symbol_of(m: regex.Match, g: Grammar) -> Symbol:
    number = m.group("num") if m.group("year") is None else f"{m.group('num')}/{m.group('year')}"
    return symbols.read(number, m.group("code"), g.lex.codes, m.group("nsep") or "/")


_FAMILY_WORDS = {"congvan": "Công văn", "law": "Luật"}


def _take_date(text: str, pos: int, c: Citation, g: Grammar) -> bool:
    """Read "ngày <date>" at ``pos`` into ``c`` (its text then runs through the date)."""
    dm = g.date_after.match(text, pos, pos + 2 * _WINDOW)
    if not dm:
        return False
    c.date, _flag = dates.value_of_match(dm)
    c.date_start, c.date_end = dm.start("date"), dm.end("date")
    c.end = dm.end()
    return True


def _citation(text: str, m: regex.Match, sym: Symbol, start: int, type_word: str | None, g: Grammar) -> Citation:
    if type_word is None:
        type_word = g.lex.word_for_code(sym.type_code, sym.family)
        if type_word is None and sym.family in _FAMILY_WORDS:
            type_word = g.lex.normalize_type_word(_FAMILY_WORDS[sym.family])
    end = m.end()
    c = Citation(text="", type=type_word, number=sym.written_number, code=m.group("code"),
                 canonical=sym.canonical, year=sym.year, date=None, issuer=None, start=start, end=end,
                 family=sym.family, raw_symbol=m.group(0), symbol_start=m.start(), symbol_end=m.end(),
                 symbol=sym)
    _take_date(text, end, c, g)
    im = g.issuer_intro.match(text, c.end, c.end + _WINDOW)
    after = c.end
    if im:
        span = _issuer_span(text, im.end(), g)
        if span:
            c.issuer = _clean(text[span[0]:span[1]])
            c.issuer_start, c.issuer_end = span
            after = span[1]
            if c.date is None and _take_date(text, after, c, g):
                after = c.end  # "Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 12/3/2023"
        else:
            after = im.end() - 1  # "của về ...": no issuer, the subject follows
    sm = _subject_span(text, after, g)
    if sm:
        c.subject = _clean(text[sm[0]:sm[1]])
    c.text = text[c.start:c.end]
    if c.year is None and c.date:
        c.year = int(c.date[:4])
    return c


def find_citations(text: str, rules: Rules, exclude: Sequence[tuple[int, int]] = ()) -> list[Citation]:
    """Every numbered reference to another document, in reading order.

    ``exclude``: spans that are not citations (the document's own ``Số:`` line)."""
    rules = rules or load_rules()
    g = grammar(rules)
    out: list[Citation] = []
    for m in g.symbol.finditer(text):
        if exclude and _overlaps(m.start(), m.end(), exclude):
            continue
        c = _from_match(text, m, out, g)
        if c is not None:
            out.append(c)
    _share_dates(text, out, g)
    if g.date_before_citation:
        _dates_before(text, out, g)
    return out


def _from_match(text: str, m: regex.Match, previous: list[Citation], g: Grammar) -> Citation | None:
    sym = _symbol_of(m, g)
    if sym.family == "party" and sym.type_code in g.lex.issuer_codes and sym.type_code not in g.lex.type_codes:
        return None  # "Chương trình 135 - UBND": a number, a dash, then an issuer is no Party symbol
    tw = _type_before(text, m.start(), sym.type_code, g)
    if tw is not None:
        return _citation(text, m, sym, tw[0], tw[1], g)
    prev = previous[-1] if previous else None
    if prev is not None and m.start() - prev.end < _WINDOW and g.list_gap.fullmatch(text, prev.end, m.start()):
        # "các Quyết định số 12/…, 13/…": the list's type word, unless the code names another
        type_word = prev.type
        own = g.lex.word_for_code(sym.type_code, sym.family)
        if sym.family == "law":
            own = g.lex.normalize_type_word(_FAMILY_WORDS["law"])
        if own and prev.type and sym.type_code not in g.lex.codes_for_word(prev.type):
            type_word = own
        return _citation(text, m, sym, m.start(), type_word, g)
    if not _is_document_code(sym, g.lex):
        return None
    if g.own_number_line.search(text, max(0, m.start() - 20), m.start()):
        return None  # a "Số: 12/BC-UBND" line: a document's own number
    return _citation(text, m, sym, m.start(), None, g)


def _share_dates(text: str, cits: list[Citation], g: Grammar) -> None:
    """"Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị":
    the first takes the date (and issuer) written after the second."""
    for a, b in zip(reversed(cits[:-1]), reversed(cits[1:]), strict=True):
        if a.date is not None or b.date is None or a.type != b.type:
            continue
        if a.end != a.symbol_end or b.start - a.end > _WINDOW or not g.shared_gap.fullmatch(text, a.end, b.start):
            continue
        if a.year is not None and not str(b.date).startswith(str(a.year)):
            continue  # "61/2018/NĐ-CP và … 92/2017/NĐ-CP ngày 07/8/2017": the date is the second's
        a.date, a.date_start, a.date_end = b.date, b.date_start, b.date_end
        if a.year is None:
            a.year = b.year
        if a.issuer is None and b.issuer is not None:
            a.issuer, a.issuer_start, a.issuer_end = b.issuer, b.issuer_start, b.issuer_end
        if a.subject is None:
            a.subject = b.subject


_SENTENCE_END = regex.compile(r"[.!?;](?=\s)|\n")


def _dates_before(text: str, cits: list[Citation], g: Grammar) -> None:
    """"Ngày 06/4/2023, UBND xã ban hành Kế hoạch số 26/KH-UBND": the first citation of the
    sentence takes the date that opens it when none follows it."""
    prev_end = 0
    for c in cits:
        lo = max(prev_end, c.start - 300, 0)
        if c.date is None:
            sentence = lo
            for m in _SENTENCE_END.finditer(text, lo, c.start):
                sentence = m.end()
            dm = g.date_before.match(text, sentence, c.start)
            if dm:
                c.date, _ = dates.value_of_match(dm)
                c.date_start, c.date_end = dm.start("d") if dm.group("d") else dm.start(), dm.end() - 1
                if c.year is None and c.date:
                    c.year = int(c.date[:4])
        prev_end = c.end
