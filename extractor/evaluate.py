"""Score an output folder against gold annotations (format: corpora/GOLD_FORMAT.md).

Each record kind is matched as a multiset of keys per document:
- citations: number+code with separators, spaces and case ignored; and again with the date;
- sections: marker+heading (case and spacing ignored), top level and all levels;
- statistics: value+unit (amounts with a scale word in their base unit); models: name;
- header: per-field exact match after case/spacing normalisation.
Precision, recall and F1 are micro-averaged over documents.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex as re

from .extract.symbols import match_key as symbol_key
from .kinds import record_kinds
from .text.fold import fold_case

HEADER_FIELDS = ("issuer", "doc_number", "place", "date", "doc_type", "title", "signer",
                 "signer_title", "recipients")
# gold format v2: the issuer resolved (scored apart, so that v1 figures stay comparable)
ISSUER_FIELDS = ("issuer_parent", "issuer_body", "issuer_level", "province")
# legal structure: every unit of these kinds found at its path
LEGAL_KINDS = ("part", "chapter", "section", "article", "clause", "point", "appendix")


class EvalError(Exception):
    pass


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Iterable[str], pred: Iterable[str], doc: str) -> None:
        g, p = Counter(gold), Counter(pred)
        common = g & p
        self.tp += sum(common.values())
        self.fn += sum((g - common).values())
        self.fp += sum((p - common).values())
        self.missed += [f"{doc}: {k}" for k in (g - common).elements()]
        self.spurious += [f"{doc}: {k}" for k in (p - common).elements()]

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class FieldAccuracy:
    correct: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        t = sum(self.total.values())
        return sum(self.correct.values()) / t if t else 1.0

    def as_dict(self) -> dict[str, Any]:
        per = {f: round(self.correct[f] / self.total[f], 4) for f in self.total}
        return {"accuracy": round(self.accuracy, 4), "fields": per}


# --- keys -------------------------------------------------------------------------------------

_EDGE_PUNCT = re.compile(r"^[\s\p{P}]+|[\s\p{P}]+$")


def _fold(s: str | None) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    return fold_case(s)


def text_key(s: str | None) -> str:
    """Case- and spacing-insensitive, edge punctuation and quotes ignored."""
    return _EDGE_PUNCT.sub("", _fold(s))


def citation_key(c: dict[str, Any], with_date: bool = False) -> str:
    key = symbol_key(c.get("number"), c.get("code"))
    return f"{key}@{c.get('date') or '-'}" if with_date else key


PINPOINT_FIELDS = ("part", "article", "clause", "point")


def pinpoint_key(c: dict[str, Any]) -> str | None:
    """number+code and the provision cited ("…|part=II|clause=2"), None without a pinpoint."""
    parts = [f"{f}={_fold(str(c[f])).strip('. ')}" for f in PINPOINT_FIELDS if c.get(f) not in (None, "")]
    return f"{citation_key(c)}|" + "|".join(parts) if parts else None


def matched_citations(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """Gold and output citations paired by number+code, the n-th occurrence with the n-th."""
    by_key: dict[str, list[dict]] = {}
    for c in pred:
        by_key.setdefault(citation_key(c), []).append(c)
    pairs = []
    used: Counter = Counter()
    for g in gold:
        k = citation_key(g)
        cands = by_key.get(k, [])
        if used[k] < len(cands):
            pairs.append((g, cands[used[k]]))
            used[k] += 1
    return pairs


def section_key(s: dict[str, Any]) -> str:
    return f"{_fold(s.get('marker'))} {text_key(s.get('heading'))}"


def section_kind_key(s: dict[str, Any]) -> str:
    """A section with its kind: "article Điều 5. phạm vi điều chỉnh"; v1 gold has no kind (heading)."""
    return f"{s.get('kind') or 'heading'} {section_key(s)}"


def _is_legal(s: dict[str, Any]) -> bool:
    """A unit of a legal text: its kind is legal and it has a path (a report's PHẦN I has none)."""
    return s.get("kind") in LEGAL_KINDS and bool(s.get("path"))


def legal_path_key(s: dict[str, Any]) -> str:
    """A unit of a legal text by its kind and path ("clause Chương II/Điều 5/2")."""
    return f"{s.get('kind')} {text_key(s.get('path'))}"


def value_key(v: Any) -> str:
    if isinstance(v, str):
        num = v.replace(" ", "")
        try:
            v = float(num)
        except ValueError:
            return num
    if isinstance(v, (int, float)):
        return f"{float(v):.6g}"
    return str(v)


def _scale_words() -> dict[str, float]:
    from .rules import load_rules

    return {k.casefold(): float(v) for k, v in load_rules().data("units")["scale_words"].items()}


_RATIO = re.compile(r"\d[\d.,]*\s*/\s*\d[\d.,]*")


def statistic_key(s: dict[str, Any], scales: dict[str, float] | None = None) -> str:
    """value+unit. An amount with a scale word is keyed in its base unit, so that
    "4,5 tỷ đồng" matches whether it is written down as (4.5, "tỷ đồng") or as
    (4500000000, "đồng")."""
    value, unit = s.get("value"), _fold(s.get("unit"))
    if value is None and s.get("numerator") is not None and (m := _RATIO.search(s.get("text") or "")):
        value = m.group()  # a ratio has no value column: its parts as written ("06/06", "2.297/2.412")
    head, _, rest = unit.partition(" ")
    if scales and head in scales and rest and isinstance(value, (int, float)):
        value, unit = value * scales[head], rest
    return f"{value_key(value)} {unit}"


def model_key(m: dict[str, Any]) -> str:
    return text_key(m.get("name")).strip("“”\"'‘’ ")


def header_value(field_name: str, value: Any) -> Any:
    if field_name == "recipients":
        return [text_key(v) for v in (value or [])]
    return text_key(value) if value not in (None, "") else ""


# --- loading ----------------------------------------------------------------------------------

def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    if not gold_dir.is_dir():
        raise EvalError(f"gold folder not found: {gold_dir}")
    gold = {}
    for p in sorted(gold_dir.glob("*.json")):
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EvalError(f"{p}: not valid JSON ({exc})") from exc
        gold[doc.get("id") or p.stem] = doc
    if not gold:
        raise EvalError(f"no gold JSON files in {gold_dir}")
    return gold


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_output(out_dir: Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Rows of each table grouped by document, keyed by the doc id's stem."""
    if not (out_dir / "documents.jsonl").exists():
        raise EvalError(f"{out_dir} has no documents.jsonl (not an output folder of 'extractor run'): "
                        "run 'extractor run PATH -o OUT' first, then 'extractor eval GOLD_DIR OUT' "
                        "(JSONL is written by default)")
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    ids: dict[str, str] = {}
    for row in _read_jsonl(out_dir / "documents.jsonl"):
        stem = Path(row["doc_id"]).stem
        ids[row["doc_id"]] = stem
        out[stem] = {"documents": [row]}
    for table in (k.table for k in record_kinds()):
        for row in _read_jsonl(out_dir / f"{table}.jsonl"):
            stem = ids.get(row.get("doc_id"))
            if stem is not None:
                out[stem].setdefault(table, []).append(row)
    return out


# --- scoring ----------------------------------------------------------------------------------

def evaluate(gold: dict[str, dict[str, Any]], out: dict[str, dict[str, list[dict]]]) -> dict[str, Any]:
    scores = {name: Score() for name in ("citations", "citations_with_date", "sections_top",
                                         "sections_all", "statistics", "models", "sections_kind",
                                         "legal_paths")}
    scores["pinpoints"] = Score()
    relation = FieldAccuracy()
    header = FieldAccuracy()
    issuer = FieldAccuracy()
    scales = _scale_words()
    missing_docs = []
    for doc_id, g in gold.items():
        o = out.get(doc_id)
        if o is None:
            missing_docs.append(doc_id)
            o = {}
        cits = o.get("citations", [])
        scores["citations"].add((citation_key(c) for c in g.get("citations", [])),
                                (citation_key(c) for c in cits), doc_id)
        scores["citations_with_date"].add((citation_key(c, True) for c in g.get("citations", [])),
                                          (citation_key(c, True) for c in cits), doc_id)
        gold_cits = g.get("citations", [])
        if any("relation" in c for c in gold_cits):
            _score_relations(relation, matched_citations(gold_cits, cits), doc_id)
        if any(any(f in c for f in PINPOINT_FIELDS) for c in gold_cits):
            scores["pinpoints"].add((k for k in map(pinpoint_key, gold_cits) if k),
                                    (k for k in map(pinpoint_key, cits) if k), doc_id)
        secs = o.get("sections", [])
        scores["sections_top"].add((section_key(s) for s in g.get("sections", []) if s.get("level") == 1),
                                   (section_key(s) for s in secs if s.get("level") == 1), doc_id)
        scores["sections_all"].add((section_key(s) for s in g.get("sections", [])),
                                   (section_key(s) for s in secs), doc_id)
        scores["statistics"].add((statistic_key(s, scales) for s in g.get("statistics", [])),
                                 (statistic_key(s, scales) for s in o.get("statistics", [])), doc_id)
        scores["models"].add((model_key(m) for m in g.get("models", [])),
                             (model_key(m) for m in o.get("models", [])), doc_id)
        _score_header(header, g.get("header", {}), (o.get("documents") or [{}])[0], doc_id)
        _score_header(issuer, g.get("header", {}), (o.get("documents") or [{}])[0], doc_id, ISSUER_FIELDS)
        gold_secs = g.get("sections", [])
        if any("kind" in s for s in gold_secs):
            scores["sections_kind"].add((section_kind_key(s) for s in gold_secs),
                                        (section_kind_key(s) for s in secs), doc_id)
            scores["legal_paths"].add((legal_path_key(s) for s in gold_secs if _is_legal(s)),
                                      (legal_path_key(s) for s in secs if _is_legal(s)), doc_id)
    result: dict[str, Any] = {k: v.as_dict() for k, v in scores.items()}
    result["header"] = header.as_dict()
    result["relation"] = relation.as_dict() | {"matched": sum(relation.total.values())}
    result["issuer"] = issuer.as_dict()
    result["documents"] = len(gold)
    result["missing_documents"] = missing_docs
    result["_details"] = {k: {"missed": v.missed, "spurious": v.spurious} for k, v in scores.items()}
    result["_details"]["header"] = {"wrong": header.wrong}
    result["_details"]["relation"] = {"wrong": relation.wrong}
    result["_details"]["issuer"] = {"wrong": issuer.wrong}
    return result


def _score_header(acc: FieldAccuracy, gold: dict[str, Any], row: dict[str, Any], doc_id: str,
                  fields: tuple[str, ...] = HEADER_FIELDS) -> None:
    for f in fields:
        if f not in gold:
            continue
        acc.total[f] += 1
        g, p = header_value(f, gold.get(f)), header_value(f, row.get(f))
        if g == p:
            acc.correct[f] += 1
        else:
            acc.wrong.append(f"{doc_id}.{f}: gold={gold.get(f)!r} got={row.get(f)!r}")


def _score_relations(acc: FieldAccuracy, pairs: list[tuple[dict, dict]], doc_id: str) -> None:
    for g, p in pairs:
        if "relation" not in g:
            continue
        want = g.get("relation") or "mention"
        acc.total[want] += 1
        if (p.get("relation") or "mention") == want:
            acc.correct[want] += 1
        else:
            acc.wrong.append(f"{doc_id}: {g.get('text')!r}: gold={want} got={p.get('relation')}")


def evaluate_dirs(gold_dir: Path, out_dir: Path) -> dict[str, Any]:
    return evaluate(load_gold(gold_dir), load_output(out_dir))


def format_scores(scores: dict[str, Any], as_json: bool = False, details: bool = False) -> str:
    if as_json:
        shown = {k: v for k, v in scores.items() if details or not k.startswith("_")}
        return json.dumps(shown, ensure_ascii=False, indent=2)
    lines = [f"documents: {scores['documents']}"
             + (f" (missing in output: {', '.join(scores['missing_documents'])})" if scores["missing_documents"] else ""),
             f"{'kind':<22}{'precision':>10}{'recall':>10}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for kind in ("citations", "citations_with_date", "pinpoints", "sections_top", "sections_all", "statistics",
                 "models", "sections_kind", "legal_paths"):
        s = scores.get(kind)
        if s is None or (kind in ("sections_kind", "legal_paths") and not (s["tp"] or s["fp"] or s["fn"])):
            continue
        lines.append(f"{kind:<22}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
                     f"{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    if scores.get("relation", {}).get("matched"):
        rel = scores["relation"]
        lines.append(f"{'citation relation':<22}{'accuracy':>10}{rel['accuracy']:>10.3f}  ({rel['matched']} matched)")
    h = scores["header"]
    lines.append(f"{'header fields':<22}{'accuracy':>10}{h['accuracy']:>10.3f}")
    lines.append("  " + ", ".join(f"{f} {a:.2f}" for f, a in h["fields"].items()))
    iss = scores.get("issuer")
    if iss and iss["fields"]:
        lines.append(f"{'issuer resolved':<22}{'accuracy':>10}{iss['accuracy']:>10.3f}")
        lines.append("  " + ", ".join(f"{f} {a:.2f}" for f, a in iss["fields"].items()))
    if details:
        for kind, d in scores["_details"].items():
            for label in ("missed", "spurious", "wrong"):
                for item in d.get(label, []):
                    lines.append(f"{kind} {label}: {item}")
    return "\n".join(lines)
