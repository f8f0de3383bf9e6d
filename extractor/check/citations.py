"""Checks of the citations of one document: dates, numbers, issuers and style.

  date_conflict         one số hiệu cited with two dates (same numbering period, same body)
  number_conflict       same type, code, date and body, numbers one digit slip apart (657/675)
  issuer_code_conflict  code against the issuer phrase (-TTg "của Bộ trưởng"), or two codes
  issuer_variant        one document given two bodies or two spellings of its issuer
  citation_style        the few citations that leave out "số" when most write it
  missing_issuer        "của" followed by "về" (the issuer was dropped)
  undated_citation      a số hiệu never dated in the report
  date_issue            impossible dates, dated after the report, year of the number ≠ date
  unresolved_short_form / ambiguous_short_form   from the mentions stage
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import regex as re

from ..extract import symbols
from ..extract.symbols import Symbol, digit_slip, one_line, same_period
from ..models import Citation, Finding
from ..text.fold import fold, strip_marks
from .catalog import catalog_filter, default_catalog
from .context import (
    DocContext,
    display_name,
    evidence_of,
    format_date,
    group_key,
    locations,
    parse_iso,
    span_evidence,
)
from .issuers import body_of, issuer_code, issuers_compatible, national, normal_issuer, same_body
from .lexicon import Lexicon


def _date_clusters(doc: DocContext, cits: Sequence[Citation]) -> list[list[Citation]]:
    """Citations of one số hiệu split into groups that may be one document (same period,
    compatible issuers); only those groups are compared.

    Whether two citations may be one document depends only on their date, issuer phrase,
    subject and symbol: citations alike in all four (a report repeats one citation many
    times) are compared once, so the cost grows with the distinct readings, not the count."""
    clusters: list[list[Citation]] = []
    readings: list[list[Citation]] = []  # one citation per distinct reading of each cluster
    placed: dict[tuple, int] = {}
    for c in cits:
        if not parse_iso(c.date):
            continue
        sig = (c.date, c.issuer, c.subject, c.symbol.style, c.symbol.parts)
        k = placed.get(sig)
        if k is None:
            k = next((i for i, reps in enumerate(readings) if all(_may_be_same(doc, c, o) for o in reps)), None)
            if k is None:
                k = len(clusters)
                clusters.append([])
                readings.append([])
            readings[k].append(c)
            placed[sig] = k
        clusters[k].append(c)
    return clusters


def _may_be_same(doc: DocContext, a: Citation, b: Citation) -> bool:
    da, db = parse_iso(a.date), parse_iso(b.date)
    if da and db:
        if abs((da - db).days) > doc.lex.max_conflict_days:
            return False
        if same_period(a.symbol, da, db, doc.lex.terms) is False and not _year_slip(a, b, da, db):
            return False
    return issuers_compatible(a.issuer, b.issuer, doc.lex)


def _year_slip(a: Citation, b: Citation, da: Any, db: Any) -> bool:
    """Same day and month a year apart, about the same subject: one Party document whose
    year was mistyped (42-CT/TW of 24/3/2015 and "24/3/2016"), although the two dates
    fall in different terms, where a Party number could name two documents."""
    if (da.day, da.month) != (db.day, db.month) or abs(da.year - db.year) != 1:
        return False
    return _subjects_similar(a.subject, b.subject) is not False


def check_date_conflicts(doc: DocContext) -> list[Finding]:
    out = []
    for cits in doc.groups.values():
        for cluster in _date_clusters(doc, cits):
            by_date: dict[str, list[Citation]] = defaultdict(list)
            for c in cluster:
                by_date[c.date].append(c)
            if len(by_date) < 2:
                continue
            name = display_name(cluster)
            ordered = sorted(by_date.items(), key=lambda kv: min(c.start for c in kv[1]))
            parts = [f"{format_date(d)} at {locations(cs, doc.places)}" for d, cs in ordered]
            evidence = [evidence_of(c, c.date) for c in sorted(cluster, key=lambda c: c.start)]
            msg = f"{name} cited with date " + " and ".join(parts)
            rule = None
            if not national(cluster[0].symbol, doc.lex) and not all(c.issuer for c in cluster):
                # a local số hiệu (UBND, TU...) whose issuer is not named every time: two
                # bodies may have issued the same number
                rule = "unnamed"
                msg += " (the issuer is not named in every citation)"
            out.append(doc.finding("date_conflict", msg, evidence, name,
                                   suggestion=_catalog_date_hint(doc, cluster), rule=rule))
    return out


def _catalog_date_hint(doc: DocContext, cits: Sequence[Citation]) -> str | None:
    catalog = default_catalog(doc.rules)
    sym = cits[0].symbol
    dates = {c.date for c in cits if c.date}
    accept = catalog_filter(next((c.issuer for c in cits if c.issuer), None), doc.lex)
    rows = [r for d in dates for r in [catalog.lookup(sym, d, accept)] if r.status in ("match", "mismatch")]
    entries = {r.entry.full_number + (r.entry.date or "") : r.entry for r in rows}
    if len(entries) == 1:
        e = next(iter(entries.values()))
        return f"the catalog gives {format_date(e.date)} for {e.full_number} ({e.issuer})"
    return None


def _subjects_similar(a: str | None, b: str | None) -> bool | None:
    """Do two subject phrases name one subject? Compared on their opening words: the phrase
    after "về" often runs on into the rest of the sentence."""
    if not a or not b:
        return None
    fa, fb = _SUBJECT_WORD.findall(fold(a)), _SUBJECT_WORD.findall(fold(b))
    wa, wb = set(fa), set(fb)
    if len(wa | wb) and len(wa & wb) / len(wa | wb) >= 0.5:
        return True
    ha, hb = set(fa[:_SUBJECT_HEAD]), set(fb[:_SUBJECT_HEAD])
    return min(len(ha), len(hb)) >= 4 and len(ha & hb) / min(len(ha), len(hb)) >= 0.75


_SUBJECT_WORD = re.compile(r"[\p{L}\p{N}]+")
_SUBJECT_HEAD = 8  # opening words of a subject compared


def _slip_pairs(doc: DocContext) -> list[tuple[list[Citation], list[Citation], str]]:
    """Pairs of số hiệu with one date whose numbers differ by a digit slip or whose
    issuer codes differ: (citations of a, citations of b, "transposition"|"substitution"|"code").

    Each số hiệu is compared only with the few keys it could be a slip of (its numbers one
    digit or one adjacent swap away, its codes with one part changed), looked up by key."""
    by_date: dict[str, dict[tuple, list[Citation]]] = defaultdict(dict)
    for key, cits in doc.groups.items():
        for c in cits:
            if parse_iso(c.date):
                by_date[c.date].setdefault(key, []).append(c)
    out = []
    for entries in by_date.values():
        order = {key: i for i, key in enumerate(entries)}
        by_code: dict[tuple, list[tuple]] = defaultdict(list)  # (number, first part, n parts, year)
        for key in entries:
            num, parts, year = key
            if parts:
                by_code[(num, parts[0], len(parts), year)].append(key)
        pairs = set()
        for key in entries:
            num, parts, year = key
            if not parts:
                continue
            for other in _slip_numbers(num):
                ok = (other, parts, year)
                if ok in order and order[ok] > order[key]:
                    pairs.add((order[key], order[ok]))
            for ok in by_code[(num, parts[0], len(parts), year)]:
                if order[ok] > order[key] and _slip_kind(key, ok) == "code":
                    pairs.add((order[key], order[ok]))
        keys = list(entries)
        for i, j in sorted(pairs):
            kind = _slip_kind(keys[i], keys[j])
            if kind:
                out.append((entries[keys[i]], entries[keys[j]], kind))
    return out


def _slip_numbers(num: str) -> list[str]:
    """Numbers one digit or one adjacent swap away from ``num`` (same length)."""
    if not num.isdigit():
        return []
    out = []
    for i, ch in enumerate(num):
        out += [num[:i] + d + num[i + 1:] for d in "0123456789" if d != ch]
        if i + 1 < len(num) and num[i + 1] != ch:
            out.append(num[:i] + num[i + 1] + ch + num[i + 2:])
    return out


def _slip_kind(ka: tuple, kb: tuple) -> str | None:
    (na, pa, ya), (nb, pb, yb) = ka, kb
    if ya != yb or len(pa) != len(pb) or not pa:
        return None
    if pa == pb:
        return digit_slip(na, nb)
    if na == nb and pa[0] == pb[0] and sum(x != y for x, y in zip(pa, pb, strict=True)) == 1:
        return "code"
    return None


def _same_type_word(ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    ta = {fold(c.type) for c in ca if c.type}
    tb = {fold(c.type) for c in cb if c.type}
    return not ta or not tb or bool(ta & tb)


def check_number_and_code_slips(doc: DocContext) -> list[Finding]:
    """Two số hiệu of one date, type and issuer a digit slip apart, unless the text says they
    are two documents: different subjects; one digit apart (217 and 218 of one day are common)
    without the same subject; or, two adjacent digits swapped, a series (one office numbers
    the documents of a day in sequence: three or more close numbers of that day) or both cited
    in one sentence, without the same subject."""
    out = []
    for ca, cb, kind in _slip_pairs(doc):
        if not _same_type_word(ca, cb) or _listed_together(ca, cb):
            continue
        ia, ib = _distinct(c.issuer for c in ca), _distinct(c.issuer for c in cb)
        if not all(issuers_compatible(a, b, doc.lex) for a in ia for b in ib):
            continue
        sa, sb = _distinct(c.subject for c in ca if c.subject), _distinct(c.subject for c in cb if c.subject)
        similar = [_subjects_similar(a, b) for a in sa for b in sb]
        if any(s is False for s in similar) or _different_recipients(doc, ca, cb):
            continue
        if kind == "substitution" and not any(similar):  # 217 and 218 of one day are common
            continue
        if kind == "transposition" and not any(similar) and (_in_series(doc, ca, cb) or _in_one_sentence(doc, ca, cb)):
            continue
        out.append(_slip_finding(doc, ca, cb, kind))
    return out


def _recipient(doc: DocContext, c: Citation) -> str | None:
    m = doc.lex.recipient_re.match(doc.result.text, c.end, c.end + 100) if doc.result.text else None
    return fold(m.group("who")) if m else None


def _different_recipients(doc: DocContext, ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    """Each cited with a recipient of its own, and none shared ("… gửi Phòng PC06", "… gửi
    Phòng CSGT"): two documents of one series."""
    ra = {r for r in (_recipient(doc, c) for c in ca) if r}
    rb = {r for r in (_recipient(doc, c) for c in cb) if r}
    return bool(ra) and bool(rb) and not (ra & rb)


def _in_series(doc: DocContext, ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    """Three or more numbers of this code, year and date within ``series_gap`` of the pair."""
    index = doc.cache.get("series")
    if index is None:
        index = doc.cache["series"] = defaultdict(set)
        for (num, parts, year), cits in doc.groups.items():
            if num.isdigit():
                for c in cits:
                    if c.date:
                        index[(parts, year, c.date)].add(int(num))
    (num_a, parts, year), num_b = group_key(ca[0].symbol, doc.lex), group_key(cb[0].symbol, doc.lex)[0]
    if not (num_a.isdigit() and num_b.isdigit()):
        return False
    lo, hi = min(int(num_a), int(num_b)), max(int(num_a), int(num_b))
    gap = doc.lex.series_gap
    near = [n for n in index.get((parts, year, ca[0].date), ()) if lo - gap <= n <= hi + gap]
    return len(near) >= 3


def _in_one_sentence(doc: DocContext, ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    """A citation of each in one sentence ("… các Thông báo số 12/TB-UBND, 13/TB-UBND …")."""
    text = doc.result.text
    starts = sorted(a.start for a in ca)
    for b in cb:
        i = bisect.bisect_left(starts, b.start)
        for j in (i - 1, i):
            if 0 <= j < len(starts):
                lo, hi = sorted((starts[j], b.start))
                if hi - lo < 600 and not _SENTENCE_STOP.search(text, lo, hi):
                    return True
    return False


_SENTENCE_STOP = re.compile(r"\n|[.!?;](?=\s|$)")


def _distinct(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _listed_together(ca: Sequence[Citation], cb: Sequence[Citation]) -> bool:
    """"Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013": two numbers sharing
    one date are two documents by construction."""
    starts = {a.date_start for a in ca if a.date_start is not None}
    return any(b.date_start in starts for b in cb)


def _slip_finding(doc: DocContext, ca: list[Citation], cb: list[Citation], kind: str) -> Finding:
    name_a, name_b = display_name(ca), display_name(cb)
    date = format_date(ca[0].date)
    desc = {"transposition": "the numbers differ in two adjacent digits",
            "substitution": "the numbers differ in one digit", "code": "the issuer codes differ"}[kind]
    msg = (f"{name_a} ({len(ca)}×, {locations(ca, doc.places)}) and {name_b} "
           f"({len(cb)}×, {locations(cb, doc.places)}) are both dated {date}"
           f"{_common_issuer(ca + cb)}: {desc}")
    suggestion = None
    if kind == "code":
        suggestion = _code_hint(doc, ca + cb)
    elif len(ca) != len(cb):
        major = name_a if len(ca) > len(cb) else name_b
        suggestion = f"most citations use {major}"
    evidence = [evidence_of(c, c.canonical) for c in sorted(ca + cb, key=lambda c: c.start)]
    kind_name = "issuer_code_conflict" if kind == "code" else "number_conflict"
    return doc.finding(kind_name, msg, evidence, name_a, suggestion)


def _common_issuer(cits: Sequence[Citation]) -> str:
    issuers = Counter(c.issuer for c in cits if c.issuer)
    return f" and issued by {issuers.most_common(1)[0][0]}" if issuers else ""


def _code_hint(doc: DocContext, cits: Sequence[Citation]) -> str | None:
    """Which issuer code agrees with the issuer phrase."""
    for c in cits:
        sym = c.symbol
        code = issuer_code(sym, doc.lex)
        body = body_of(c.issuer, doc.lex)
        allowed = doc.lex.code_bodies.get(code or "")
        if body and allowed and body in allowed:
            return f"{c.canonical} agrees with the issuer “{c.issuer}”"
    return None


def check_code_vs_issuer(doc: DocContext) -> list[Finding]:
    grouped: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for c in doc.result.citations:
        sym = c.symbol
        if sym is None or not c.issuer:
            continue
        code = issuer_code(sym, doc.lex)
        allowed = doc.lex.code_bodies.get(code or "")
        body = body_of(c.issuer, doc.lex)
        if not allowed or not body or body in allowed:
            continue
        grouped[(c.canonical, body)].append(c)
    out = []
    for (canonical, body), cits in grouped.items():
        sym = cits[0].symbol
        code = issuer_code(sym, doc.lex)
        issuer = cits[0].issuer
        msg = (f"{canonical} carries the issuer code {code} but is cited as issued by "
               f"“{issuer}” ({locations(cits, doc.places)})")
        loose = body in doc.lex.loose_bodies.get(code or "", frozenset())
        out.append(doc.finding("issuer_code_conflict", msg, [evidence_of(c, c.issuer) for c in cits],
                               canonical, _code_suggestion(doc, sym, body), rule="loose" if loose else None))
    return out


def _code_suggestion(doc: DocContext, sym: Symbol, body: str) -> str | None:
    """The số hiệu rebuilt with the code of the body named (25-NQ/TU + BCH TW -> 25-NQ/TW)."""
    codes = [code for code, bodies in doc.lex.code_bodies.items() if body in bodies]
    if len(codes) != 1:
        return None
    parts = [doc.lex.aliases.get(p, p) for p in sym.parts]
    old = issuer_code(sym, doc.lex)
    parts = [codes[0] if p == old else p for p in parts]
    fixed = symbols.render(sym.number, sym.year, sym.style, parts)
    return fixed if valid_symbol(fixed, doc.lex) else None


def valid_symbol(written: str, lex: Lexicon) -> bool:
    """A số hiệu the model reads without a problem and whose type code its issuer signs (no
    "04/2015/NĐ-TTg": a Nghị định is the Government's) — the only kind offered as a fix."""
    sym = symbols.parse(written)
    if sym is None or symbols.repair(written, (), lex.codes)[0]:
        return False
    code = issuer_code(sym, lex)
    signers = lex.type_issuers.get(sym.parts[0]) if sym.parts else None
    return not signers or code in signers


def check_issuer_variants(doc: DocContext) -> list[Finding]:
    out = []
    for cits in doc.groups.values():
        with_issuer = [c for c in cits if c.issuer and fold(c.issuer) not in doc.lex.empty_issuers]
        pair = _issuer_pair(with_issuer, doc.lex)
        if pair is None:
            continue
        a, b, why = pair
        name = display_name(cits)
        ia = [c for c in with_issuer if fold(c.issuer) == fold(a.issuer)]
        ib = [c for c in with_issuer if fold(c.issuer) == fold(b.issuer)]
        msg = (f"{name} cited as issued by “{a.issuer}” at {locations(ia, doc.places)} and "
               f"“{b.issuer}” at {locations(ib, doc.places)} ({why})")
        out.append(doc.finding("issuer_variant", msg, [evidence_of(c, c.issuer) for c in ia + ib], name))
    return out


def _issuer_pair(cits: Sequence[Citation], lex: Lexicon) -> tuple[Citation, Citation, str] | None:
    """The first two citations whose issuer phrases disagree (each phrase compared once)."""
    firsts: dict[str | None, Citation] = {}
    for c in cits:
        firsts.setdefault(c.issuer, c)
    cits = list(firsts.values())
    for i, a in enumerate(cits):
        for b in cits[i + 1:]:
            na, nb = normal_issuer(a.issuer, lex), normal_issuer(b.issuer, lex)
            if na == nb or na in nb or nb in na:
                continue
            if strip_marks(na) == strip_marks(nb):
                return a, b, "spelled differently"
            ba, bb = body_of(a.issuer, lex), body_of(b.issuer, lex)
            if ba and bb and not same_body(ba, bb, lex):
                return a, b, "different bodies"
    return None


_EMPTY_CUA = re.compile(r"[ \t,]*của[ \t]+(\p{L}+)", re.I)


def check_missing_issuer(doc: DocContext) -> list[Finding]:
    text = doc.result.text
    grouped: dict[tuple[str, str], list[tuple[Citation, Any]]] = defaultdict(list)
    for c in doc.result.citations:
        if c.issuer or not text:
            continue
        m = _EMPTY_CUA.match(text, c.end, c.end + 200)  # bounded: regex scans on for "của" otherwise
        if m and fold(m.group(1)) in doc.lex.empty_issuers:
            grouped[(c.canonical, m.group(1))].append((c, m))
    out = []
    for (canonical, word), items in grouped.items():
        cits = [c for c, _ in items]
        ev = []
        for c, m in items:
            ev += [evidence_of(c), span_evidence(text, m.start(), m.end(), c.section_id, role="gap")]
        msg = f"“của” is followed by “{word}” with no issuer after {canonical} ({locations(cits, doc.places)})"
        out.append(doc.finding("missing_issuer", msg, ev, canonical))
    return out


_SO = re.compile(r"(?<!\p{L})số(?!\p{L})", re.I)


def check_citation_style(doc: DocContext) -> list[Finding]:
    """Most citations write "Kế hoạch số 30/KH-UBND"; list the few that leave "số" out. A
    number with no type word before it (the next item of a list, "Quyết định số 113/QĐ-UBND,
    114/QĐ-UBND", or a bare "412-BC/UBND") has no place for "số" and is not counted."""
    text = doc.result.text
    with_so, without = [], []
    for c in doc.result.citations:
        if c.symbol_start is None or not text or c.symbol_start <= c.start:
            continue
        (with_so if _SO.search(text, c.start, c.symbol_start) else without).append(c)
    cfg = doc.lex.style
    share = float(cfg["majority"])
    if not without or len(with_so) < int(cfg["min_citations"]) or len(with_so) < share * (len(with_so) + len(without)):
        return []
    first: dict[str, Citation] = {}
    for c in without:
        first.setdefault(c.canonical, c)
    listed = "; ".join(f"“{one_line(c.text)}” ({locations([c], doc.places)})" for c in first.values())
    msg = (f"{len(without)} of {len(with_so) + len(without)} citations leave out “số” before the number: {listed}")
    return [doc.finding("citation_style", msg, [evidence_of(c) for c in without], None,
                        "write “<type> số <số hiệu>” as the other citations do")]


def _date_just_before(doc: DocContext, c: Citation) -> bool:
    """"Ngày 06/4/2023, UBND xã ban hành Kế hoạch số 26/KH-UBND": the date leads the sentence."""
    text = doc.result.text
    ends = doc.cache.get("date_ends")
    if ends is None:
        ends = doc.cache["date_ends"] = sorted(d.end for d in doc.result.dates)
    for i in range(bisect.bisect_left(ends, c.start - 80), bisect.bisect_right(ends, c.start)):
        if not _STOP.search(text, ends[i], c.start):
            return True
    return False


_STOP = re.compile(r"[.;\n]")


def check_undated(doc: DocContext) -> list[Finding]:
    out = []
    catalog = default_catalog(doc.rules)
    for cits in doc.groups.values():
        if any(c.date for c in cits) or any(_date_just_before(doc, c) for c in cits):
            continue
        name = display_name(cits)
        msg = f"{name} is cited without a date ({locations(cits, doc.places)})"
        sym = cits[0].symbol
        issuer = next((c.issuer for c in cits if c.issuer), None)
        hit = catalog.lookup(sym, None, catalog_filter(issuer, doc.lex))
        hint = None
        if hit.status == "unique" and hit.entry.date:
            hint = f"the catalog dates {hit.entry.full_number} {format_date(hit.entry.date)} ({hit.entry.issuer})"
        out.append(doc.finding("undated_citation", msg, [evidence_of(c) for c in cits], name, hint))
    return out


def _before_or_same(a: str, b: str) -> bool | None:
    """Is ISO/partial date a on or before b, at the precision both have? None = undecided."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return None if len(a) != len(b) else True
    return a[:n] < b[:n]


def check_dates(doc: DocContext) -> list[Finding]:
    out = []
    for d in doc.result.dates:
        if d.flag == "invalid":
            out.append(doc.finding("date_issue", f"the date “{d.text}” does not exist ({locations([d], doc.places)})",
                                   [evidence_of(d)], rule="invalid"))
        elif d.flag == "typo":
            out.append(doc.finding("date_issue", f"the date “{d.text}” has a stray space in it "
                                                 f"({locations([d], doc.places)})",
                                   [evidence_of(d, d.date)], suggestion=format_date(d.date), rule="typo"))
    own = doc.result.header.date if doc.result.header else None
    for c in doc.result.citations:
        if not c.date:
            continue
        if own and _before_or_same(c.date, own) is False:
            msg = (f"{c.canonical} is dated {format_date(c.date)}, after the document's own date "
                   f"{format_date(own)} ({locations([c], doc.places)})")
            out.append(doc.finding("date_issue", msg, [evidence_of(c, c.date)], c.canonical, rule="future"))
        sym = c.symbol
        if sym and sym.year and parse_iso(c.date) and parse_iso(c.date).year != sym.year:
            msg = (f"{c.canonical} carries the year {sym.year} in its number but is dated "
                   f"{format_date(c.date)} ({locations([c], doc.places)})")
            out.append(doc.finding("date_issue", msg, [evidence_of(c, c.date)], c.canonical, rule="year"))
    return out


def check_short_forms(doc: DocContext) -> list[Finding]:
    out = []
    for m in doc.result.mentions:
        where = locations([m], doc.places)
        if m.status == "unresolved":
            msg = f"“{m.text}” is cited by a short form that no full citation in the document matches ({where})"
            out.append(doc.finding("unresolved_short_form", msg, [evidence_of(m)]))
        elif m.status == "ambiguous":
            cands = ", ".join(m.candidates) or "several documents"
            msg = f"“{m.text}” may refer to {cands} ({where})"
            out.append(doc.finding("ambiguous_short_form", msg, [evidence_of(m, list(m.candidates))]))
    return out


# doubled_word: "Kế hoạch số số 30/KH-UBND", "ngày ngày 17/02/2023" ------------------------

_DOUBLED = re.compile(r"(?<![\p{L}\p{N}])(\p{L}+)[ \t]+(?i:\1)(?![\p{L}\p{N}])", re.I)


def check_doubled_words(doc: DocContext) -> list[Finding]:
    """A word written twice in a row inside a citation (typography: info)."""
    text = doc.result.text
    grouped: dict[str, list[tuple[Citation, Any]]] = defaultdict(list)
    for c in doc.result.citations:
        end = max(c.end, c.issuer_end or 0)
        for m in _DOUBLED.finditer(text, c.start, end):
            grouped[fold(m.group())].append((c, m))
    out = []
    for items in grouped.values():
        cits = [c for c, _ in items]
        ev = [span_evidence(text, m.start(), m.end(), c.section_id, role="doubled") for c, m in items]
        m0 = items[0][1]
        msg = (f"“{m0.group(1)}” is written twice (“{m0.group()}”) in {len(items)} citation"
               f"{'s' if len(items) > 1 else ''}: " + "; ".join(
                   f"“{one_line(c.text)}” ({locations([c], doc.places)})" for c in cits[:5]))
        out.append(doc.finding("doubled_word", msg, ev, cits[0].canonical, f"write “{m0.group(1)}” once"))
    return out
