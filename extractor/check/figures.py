"""figure_mismatch and missing_unit: shares against their counts, parts against their
stated total, classifications against the total of their heading, and a ratio that lost the
unit of its first number. The clause grammar is in :mod:`extractor.extract.clauses`."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from typing import Any

import regex as re

from ..extract.clauses import (
    MAX_CLAUSE,
    between_digits,
    clause_end,
    clause_start,
    group_end,
    line_end,
    outside_after,
    top_level_separators,
)
from ..models import Finding, Statistic
from ..text.fold import fold
from .context import DocContext, evidence_of, format_number, locations
from .lexicon import Lexicon


def _is_percent(s: Statistic) -> bool:
    return (s.unit_base or s.unit or "").strip() == "%" and isinstance(s.value, (int, float))


def _is_ratio(s: Statistic) -> bool:
    return s.numerator is not None and s.denominator is not None and bool(s.denominator)


def _decimals(s: Statistic) -> int:
    m = re.search(r"\d+(?:[.,](\d+))?\s*%?\s*$", s.text.strip())
    if m and m.group(1) and "," in m.group(0):
        return len(m.group(1))
    if isinstance(s.value, float) and not s.value.is_integer():
        return len(repr(s.value).split(".")[1])
    return 0


def _percent_agrees(lo: float, hi: float, stated: float, decimals: int, lex: Lexicon) -> bool:
    """Does ``stated`` (written with ``decimals``) agree with a share between lo and hi (the
    counts' own rounding)? Rounded to the stated precision, or cut there."""
    step = 10 ** -decimals
    tol = max(step / 2, float(lex.fig.get("min_percent_tolerance", 0.01))) + 1e-6
    return lo - tol <= stated <= hi + tol or (stated <= hi + 1e-9 and lo < stated + step)


def limited(doc: DocContext, pct: Statistic) -> bool:
    """A band limit, a threshold, a target or an estimate ("đạt từ 70%", "(tối thiểu 5%)",
    "phấn đấu đạt 90%", "80% trở lên"): not a share of any count."""
    text = doc.result.text
    before = fold(text[max(0, pct.start - 40):pct.start])
    return bool(doc.lex.limit_before_re.search(before) or doc.lex.limit_after_re.match(fold(text[pct.end:pct.end + 20])))


def share_bound(doc: DocContext, counts_end: int, pct: Statistic) -> bool:
    """Does the clause bind ``pct`` to the counts ending at ``counts_end``? A share cue right
    before the percentage, or a parenthesis opened right after the counts; at most a few
    words between (rules/checks.yaml figures.share_binding)."""
    if limited(doc, pct):
        return False
    lead = fold(doc.result.text[counts_end:pct.start])
    if len(_WORD.findall(lead)) > doc.lex.max_share_words:
        return False
    if doc.lex.share_cue_re.search(lead):
        return True
    return lead.rstrip().endswith("(") and not _DIGIT.search(lead)


_WORD = re.compile(r"[\p{L}\p{N}]+")
_DIGIT = re.compile(r"\d")


def _blocked(doc: DocContext, between: str, pct: Statistic) -> bool:
    text = doc.result.text
    after = fold(text[pct.end:pct.end + 30])
    return bool(doc.lex.blockers_before.search(fold(between)) or doc.lex.blockers_after.match(after.lstrip(" ,:")))


def _names_other_base(doc: DocContext, pct: Statistic, unit: str | None) -> bool:
    """"60% lao động" after a count of hộ: the share is of something else. A percentage
    followed by words is kept only when they name the counted unit or a total ("so với số hộ
    toàn xã", "trên tổng số", "hộ dân")."""
    after = fold(doc.result.text[pct.end:pct.end + 60])
    if not after[:1].isalpha():
        return False
    words = re.findall(r"\w+", after)[:6]
    links = [fold(w).split() for w in doc.lex.fig.get("percent_base_links", [])]
    for link in links:
        if words[:len(link)] == link:
            words = words[len(link):]
            break
    else:
        words = words[:2]
    base_words = {fold(w) for w in doc.lex.fig.get("percent_base_words", [])}
    return not ((unit and unit in words) or base_words & set(words))


def share_pairs(doc: DocContext, stats: Sequence[Statistic]) -> list[tuple[Statistic, Statistic]]:
    """(ratio, percentage) pairs where the clause states the percentage as the ratio's share:
    "412/483 vụ việc ..., đạt 85,3%", "59/63 vụ việc (93,65%)". Band limits, thresholds and
    targets between them are part of the description ("8/40 đơn vị đạt từ 70% đến dưới 80%,
    chiếm tỷ lệ 20%": 20 % is the share)."""
    text = doc.result.text
    out = []
    for k, pct in enumerate(stats):
        if not _is_percent(pct):
            continue
        start = clause_start(text, pct.start)
        ratio = None
        for j in range(k - 1, -1, -1):
            prev = stats[j]
            if prev.end <= start:
                break
            if _is_percent(prev):
                if limited(doc, prev):
                    continue
                break
            if _is_ratio(prev) and prev.start >= start:
                ratio = prev
                break
        if ratio is None:
            continue
        between = text[ratio.end:pct.start]
        if not outside_after(between) or _blocked(doc, between, pct) or re.search(r"\d+\s*/\s*\d", between):
            continue
        if _names_other_base(doc, pct, _unit_key(ratio, doc.lex)) or not share_bound(doc, ratio.end, pct):
            continue
        out.append((ratio, pct))
    return out


def check_percent_of_ratio(doc: DocContext, stats: Sequence[Statistic]) -> list[Finding]:
    """"412/483 vụ việc ..., tương ứng tỷ lệ 85,3%": the percentage of an explicit ratio."""
    out = []
    for ratio, pct in share_pairs(doc, stats):
        a, b = float(ratio.numerator), float(ratio.denominator)
        out.extend(_percent_finding(doc, pct, (a, 0.0), (b, 0.0),
                                    [evidence_of(ratio, ratio.value, "ratio"), evidence_of(pct, pct.value, "percent")]))
    return out


def _num(v: float) -> str:
    return format_number(v, 0 if float(v).is_integer() else None)


def _percent_finding(doc: DocContext, pct: Statistic, part: tuple[float, float], whole: tuple[float, float],
                     evidence: list[dict]) -> list[Finding]:
    """A percentage against part/whole (each with the half-unit its written precision allows).
    Swapped numbers and a slip of one unit in the last digit are named as such."""
    (a, ea), (b, eb) = part, whole
    if b <= 0 or a < 0:
        return []
    decimals = _decimals(pct)
    stated = float(pct.value)
    computed = a / b * 100
    lo, hi = (a - ea) / (b + eb) * 100, (a + ea) / max(b - eb, 1e-9) * 100
    if _percent_agrees(lo, hi, stated, decimals, doc.lex):
        return []
    shown = max(decimals, 2)
    expr = f"{_num(a)}/{_num(b)}"
    said = f"text says {format_number(stated, decimals)} %"
    where = locations([pct], doc.places)
    if a > 0 and _percent_agrees((b - eb) / (a + ea) * 100, (b + eb) / max(a - ea, 1e-9) * 100, stated, decimals, doc.lex):
        msg = (f"{expr} = {format_number(computed, shown)} %, {said}, which is {_num(b)}/{_num(a)} "
               f"(the two numbers in the other order) ({where})")
        return [doc.finding("figure_mismatch", msg, evidence, suggestion=f"{_num(b)}/{_num(a)}", rule="swapped")]
    step = 10 ** -decimals
    rule = "percent"
    if abs(round(computed, decimals) - stated) <= step * 1.0001 and abs(computed - stated) < 1.5 * step:
        rule = "last_digit"
        said += ", one unit off in its last digit"
    msg = f"{expr} = {format_number(computed, shown)} %, {said} ({where})"
    return [doc.finding("figure_mismatch", msg, evidence, suggestion=f"{format_number(computed, shown)} %", rule=rule)]


def _unit_key(s: Statistic, lex: Lexicon) -> str | None:
    unit = fold(s.unit_base or s.unit)
    if not unit or unit == "%":
        return None
    unit = lex.unit_aliases.get(unit, unit)
    return unit.split()[0]


def _amount(s: Statistic) -> float | None:
    v = s.value_base if isinstance(s.value_base, (int, float)) else s.value
    return float(v) if isinstance(v, (int, float)) and not _is_ratio(s) else None


def _rounding(stats: Sequence[Statistic]) -> float:
    """How far a sum may be off from rounding alone: half a unit of the last written decimal
    of each figure (whole counts are exact)."""
    err = 1e-9
    for s in stats:
        dec = _decimals(s)
        scale = _scale(s)
        if dec or not float(s.value).is_integer() or abs(scale - 1) > 1e-9:  # "12 tỷ đồng" is rounded
            err += 0.5 * 10 ** -dec * abs(scale)
    return err


def _scale(s: Statistic) -> float:
    """Base units per written unit (1e9 for "tỷ đồng" counted in đồng)."""
    if isinstance(s.value_base, (int, float)) and isinstance(s.value, (int, float)) and s.value:
        return float(s.value_base) / float(s.value)
    return 1.0


def _sum_text(total: Statistic, parts: Sequence[Statistic], got_base: float) -> tuple[str, str, str]:
    """(parts, their sum, the total) as the text writes them: each figure in its own unit
    and the sum in the total's unit ("4,5 tỷ đồng + 800 triệu đồng = 5,3 tỷ đồng")."""
    mixed = len({round(_scale(p), 6) for p in [*parts, total]}) > 1  # "tỷ đồng" beside "triệu đồng"
    expr = " + ".join(format_number(p.value, _decimals(p)) + (f" {p.unit}" if mixed and p.unit else "") for p in parts)
    dec = max((_decimals(p) for p in [*parts, total]), default=0)
    if mixed:
        dec = max(dec, 2)
    got = got_base / _scale(total)
    u = f" {total.unit}" if total.unit else ""
    return expr, format_number(got, dec) + u, format_number(total.value, _decimals(total)) + u


def _total_group(stats: Sequence[Statistic], idx: int, text: str) -> list[Statistic]:
    """The statistics joined by "/" that end at ``stats[idx]`` ("963 đơn/881 vụ")."""
    group = [stats[idx]]
    j = idx
    while j > 0 and text[stats[j - 1].end:stats[j].start].strip() == "/":
        group.insert(0, stats[j - 1])
        j -= 1
    return group


def _top_level(text: str, lo: int, spans: Sequence[Statistic]) -> list[Statistic]:
    """Statistics not inside a parenthesis opened after ``lo``."""
    out = []
    for s in spans:
        between = text[lo:s.start]
        if between.count("(") == between.count(")"):
            out.append(s)
    return out


def check_breakdowns(doc: DocContext, stats: Sequence[Statistic]) -> list[Finding]:
    """"TOTAL, trong đó PART, PART": parts that add up, and each part's stated share."""
    text = doc.result.text
    out = []
    starts = [s.start for s in stats]
    for m in doc.lex.breakdown_re.finditer(text):
        idx = _stat_before(stats, starts, m.start(), text)
        if idx is None:
            continue
        totals = _total_group(stats, idx, text)
        opened = "(" in text[totals[-1].end:m.start()]
        end = group_end(text, m.end()) if opened else clause_end(text, m.end())
        inside = _top_level(text, m.end(), _within(stats, starts, m.end(), end))
        exhaustive = fold(m.group()) in {fold(w) for w in doc.lex.fig.get("exhaustive_words", [])}
        complete = _every_item_counted(text, m.end(), end, inside) and (opened or not _rest_follows(doc, end))
        for total in totals:
            out.extend(_check_parts(doc, total, inside, exhaustive and complete, end, complete))
    return out


def _within(stats: Sequence[Statistic], starts: list[int], lo: int, hi: int) -> list[Statistic]:
    """The statistics with lo <= start and end <= hi (``starts``: their sorted starts)."""
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return [s for s in stats[i:j] if s.end <= hi]


# between a total and its breakdown word: punctuation, or the counted noun phrase
# ("1.245 lượt công dân, gồm: …")
_BEFORE_BREAKDOWN = re.compile(r"(?:[ \t]+\p{L}+){0,4}[\s,(:\-–]*|[\s,(:\-–]*")


def _stat_before(stats: Sequence[Statistic], starts: list[int], pos: int, text: str) -> int | None:
    i = bisect.bisect_left(starts, pos) - 1
    if i < 0 or stats[i].end > pos:
        return None
    if not _BEFORE_BREAKDOWN.fullmatch(text, stats[i].end, pos):
        return None
    return i if _amount(stats[i]) is not None else None


def _check_parts(doc: DocContext, total: Statistic, inside: Sequence[Statistic], exhaustive: bool,
                 hi: int, complete: bool = True) -> list[Finding]:
    unit = _unit_key(total, doc.lex)
    amount = _amount(total)
    if unit is None or amount is None:
        return []
    parts = [s for s in inside if _unit_key(s, doc.lex) == unit and _amount(s) is not None]
    out: list[Finding] = []
    for part in parts:
        out.extend(_share_of_total(doc, part, total, inside))
    if len(parts) < 2:
        return out
    rest_words = doc.lex.fig.get("rest_words", [])
    last_item = fold(doc.result.text[parts[-2].end:_item_end(doc.result.text, parts[-1].end, hi)])
    if not complete or (not exhaustive and not _has_word(last_item, rest_words)):
        return out
    total_parts = sum(_amount(p) for p in parts)
    if abs(total_parts - amount) <= _rounding([total, *parts]):
        return out
    expr, got, said = _sum_text(total, parts, total_parts)
    msg = f"{expr} = {got}, text says {said} in total ({locations([total], doc.places)})"
    ev = [evidence_of(total, total.value, "total")] + [evidence_of(p, p.value, "part") for p in parts]
    out.append(doc.finding("figure_mismatch", msg, ev, rule="sum"))
    return out


def _has_word(folded: str, words: Iterable[str]) -> bool:
    return any(_word_re(w).search(folded) for w in words)


@functools.lru_cache(maxsize=1024)
def _word_re(word: str) -> Any:
    return re.compile(rf"(?<!\w){re.escape(fold(word))}(?!\w)")


def _every_item_counted(text: str, lo: int, hi: int, stats: Sequence[Statistic]) -> bool:
    """Each item of the list between ``lo`` and ``hi`` carries a figure: an item without one
    ("…, nguồn xã hội hóa, …") makes the sum unverifiable. Items are split at top-level ";",
    or "," when there is no ";"."""
    semicolons = top_level_separators(text, lo, hi, ";")
    seps = semicolons or top_level_separators(text, lo, hi, ",")
    bounds = [lo, *seps, hi]
    items = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip(" \t\n:;,.-–+")]
    for k, (a, b) in enumerate(items):
        if any(a <= st.start < b for st in stats):
            continue
        # "352 đơn kiến nghị, phản ánh": a last short phrase after a comma ends the item before
        tail = not semicolons and k == len(items) - 1 and k > 0 and len(_WORD.findall(text, a, b)) <= _TAIL_WORDS
        if not tail:
            return False
    return True


_TAIL_WORDS = 2


def _rest_follows(doc: DocContext, pos: int) -> bool:
    """"…; còn lại do nhân dân đóng góp": the rest is named after the list, without a figure."""
    text = doc.result.text
    end, limit = pos, min(len(text), pos + MAX_CLAUSE)
    while end < limit and text[end] != "\n" and not (text[end] == "." and not between_digits(text, end)):
        end += 1
    return _has_word(fold(text[pos:end]), doc.lex.fig.get("rest_words", []))


def _item_end(text: str, pos: int, hi: int) -> int:
    m = re.compile(r"[,;]").search(text, pos, hi)
    return m.start() if m else hi


def _share_of_total(doc: DocContext, part: Statistic, total: Statistic, inside: Sequence[Statistic]) -> list[Finding]:
    """"618 hộ (trong đó 315 hộ nghèo chiếm 49,22 ...)": 315/618 against 49,22 %."""
    text = doc.result.text
    after = [s for s in inside if s.start >= part.end]
    if not after or not _is_percent(after[0]):
        return []
    pct = after[0]
    between = text[part.end:pct.start]
    if len(between) > 60 or re.search(r"\d|[;()]", between) or _blocked(doc, between, pct):
        return []
    if _names_other_base(doc, pct, _unit_key(total, doc.lex)) or not share_bound(doc, part.end, pct):
        return []
    if not _amount(total):
        return []
    ev = [evidence_of(part, part.value, "part"), evidence_of(total, total.value, "total"), evidence_of(pct, pct.value, "percent")]
    return _percent_finding(doc, pct, (_amount(part), _half_unit(part)), (_amount(total), _half_unit(total)), ev)


def _half_unit(s: Statistic) -> float:
    """Half a unit of the last written digit, in the base unit, when the figure is rounded:
    written with decimals, or in a scaled unit ("12 tỷ đồng"); whole counts are exact."""
    return max(_rounding([s]) - 1e-9, 0.0)


_ITEM_LINE = re.compile(r"^[ \t]*[+][ \t]*\S", re.M)
_LINE = re.compile(r"[^\n]*")


def check_classifications(doc: DocContext, stats: Sequence[Statistic]) -> list[Finding]:
    """"b) Phân loại, xử lý đơn (634 đơn/623 vụ việc)" then "- Phân loại theo …:" with "+" items:
    the items of a classification add up to the total of the section heading."""
    text = doc.result.text
    out = []
    starts = [s.start for s in stats]
    for m in doc.lex.classification_re.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        end_of_line = line_end(text, m.end())
        if not text[line_start:end_of_line].rstrip().endswith(":"):
            continue
        section = _innermost_section(doc, m.start())
        if section is None:
            continue
        heading_end = section.heading_end or line_end(text, section.start)
        totals = [s for s in _within(stats, starts, section.start, heading_end) if _amount(s) is not None]
        items = _items_after(text, end_of_line, section.end)
        if not totals or len(items) < 2:
            continue
        for total in totals:
            out.extend(_classification_sum(doc, total, items, stats, starts, section.section_id))
    return out


def _innermost_section(doc: DocContext, pos: int):
    """The section holding ``pos`` that starts last (sections nest)."""
    index = doc.cache.get("sections_by_start")
    if index is None:
        ordered = sorted(doc.result.sections, key=lambda s: s.start)
        index = doc.cache["sections_by_start"] = (ordered, [s.start for s in ordered])
    ordered, starts = index
    for i in range(bisect.bisect_right(starts, pos) - 1, -1, -1):
        if ordered[i].start <= pos < ordered[i].end:
            return ordered[i]
    return None


def _items_after(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    items = []
    for line in _LINE.finditer(text, pos, limit):
        s, e = line.span()
        if not line.group().strip():
            continue
        if not _ITEM_LINE.match(line.group()):
            break
        items.append((s, e))
    return items


def _classification_sum(doc: DocContext, total: Statistic, items: Sequence[tuple[int, int]],
                        stats: Sequence[Statistic], starts: list[int], section_id: str) -> list[Finding]:
    unit = _unit_key(total, doc.lex)
    if unit is None:
        return []
    text = doc.result.text
    parts = []
    for s, e in items:
        found = [x for x in _top_level(text, s, _within(stats, starts, s, e))
                 if _unit_key(x, doc.lex) == unit and _amount(x) is not None]
        if not found:
            return []
        parts.append(found[0])
    amount = _amount(total)
    got = sum(_amount(p) for p in parts)
    if abs(got - amount) <= _rounding([total, *parts]):
        return []
    expr, got_text, said = _sum_text(total, parts, got)
    msg = f"{expr} = {got_text}, text says {said} in the heading of §{section_id}"
    ev = [evidence_of(total, total.value, "total")] + [evidence_of(p, p.value, "part") for p in parts]
    return [doc.finding("figure_mismatch", msg, ev, rule="sum")]


def check_missing_units(doc: DocContext, stats: Sequence[Statistic]) -> list[Finding]:
    """"18 hộ/6,5 hecta, 8 hộ/01 hecta, 10/20 con bò giống": in a list of "A unit/B unit"
    figures, one written "A/B unit" has lost the unit of its first number."""
    text = doc.result.text
    out = []
    starts = [s.start for s in stats]
    for r in stats:
        if not _is_ratio(r):
            continue
        lo, hi = clause_start(text, r.start), clause_end(text, r.end)
        near = _within(stats, starts, lo, hi)
        pairs = [(a, b) for a, b in zip(near, near[1:], strict=False)
                 if text[a.end:b.start].strip() == "/" and not _is_ratio(a) and not _is_ratio(b)
                 and _unit_key(a, doc.lex) and _unit_key(a, doc.lex) != _unit_key(b, doc.lex)]
        firsts = {_unit_key(a, doc.lex) for a, _ in pairs}
        seconds = {_unit_key(b, doc.lex) for _, b in pairs}
        if len(pairs) < 2 or len(firsts) != 1 or _unit_key(r, doc.lex) in firsts | seconds:
            continue  # "190/198 vụ" beside "215 đơn/198 vụ" counts vụ out of vụ
        unit = next(iter(firsts))
        shown = ", ".join(f"“{text[a.start:b.end]}”" for a, b in pairs)
        msg = (f"“{r.text}”: the first number has no unit, while the figures beside it are written {shown} "
               f"({locations([r], doc.places)})")
        ev = [evidence_of(r, r.value, "ratio")] + [evidence_of(a, a.value, "sibling") for a, _ in pairs]
        out.append(doc.finding("missing_unit", msg, ev, suggestion=f"{_num(r.numerator)} {unit}/{r.text.split('/', 1)[1]}"))
    return out


def check_figures(doc: DocContext) -> list[Finding]:
    stats = sorted((s for s in doc.result.statistics if s.end > s.start), key=lambda s: s.start)
    if not stats or not doc.result.text:
        return []
    out = (check_percent_of_ratio(doc, stats) + check_breakdowns(doc, stats) + check_classifications(doc, stats)
           + check_missing_units(doc, stats))
    return _dedupe(out)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.kind, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
