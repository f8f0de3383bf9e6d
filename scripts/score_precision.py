"""Precision and recall of the checker's findings on a precision set (docs/ + truth/).

    python scripts/score_precision.py /work/blind/precision                # the working tree
    python scripts/score_precision.py /work/blind/precision --base 5857530 # an older commit too
    python scripts/score_precision.py SET --details                        # every finding

A truth file ``truth/<id>.json`` lists ``planted`` slips (real problems) and ``traps``
(correct text a naive checker may flag), each with a ``text`` found verbatim in the document.
A finding is matched by its evidence spans: overlapping a planted text → true; overlapping
only trap texts → false; overlapping neither → "unmatched" (counted false too: a finding
the set's author did not expect, to be judged by reading it). Precision counts error +
warning findings; recall counts planted slips hit by at least one error/warning finding, and
by any finding (typography such as a doubled word is info by design).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from compare_outputs import export_tree  # noqa: E402


def findings_of(docs: Path, tree: Path | None, shim: Path | None = None) -> list[dict]:
    """Run ``extractor run`` (of ``tree``, or the working tree) on ``docs``; its findings."""
    out = Path(tempfile.mkdtemp(prefix="precision-"))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cwd = ROOT
    if tree is not None:
        env["PYTHONPATH"] = f"{tree}{os.pathsep}{shim}"
        cwd = tree
    cmd = [sys.executable, "-m", "extractor", "run", str(docs), "-o", str(out), "--format", "jsonl", "--workers", "2"]
    subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
    path = out / "findings.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text``, both with their whitespace runs as one space."""
    needle = " ".join(needle.split())
    if not needle:
        return []
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def score(root: Path, findings: list[dict], details: bool = False) -> dict:
    texts = {p.name: " ".join(p.read_text(encoding="utf-8").split()) for p in (root / "docs").iterdir()}
    truth = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (root / "truth").glob("*.json")}
    # offsets in findings are into the normalised text; find each evidence text there instead
    planted = {(doc, i): t for doc, tr in truth.items() for i, t in enumerate(tr.get("planted", []))}
    hit_strict, hit_any = set(), set()
    verdicts: Counter[str] = Counter()
    by_doc_false: Counter[str] = Counter()
    rows = []
    for f in findings:
        evidence = f.get("evidence") or []
        if isinstance(evidence, str):
            evidence = json.loads(evidence)
        docs = {e.get("doc_id") or f.get("doc_id") for e in evidence} or {f.get("doc_id")}
        matched_planted, matched_trap = set(), False
        for doc_id in docs:
            stem = Path(doc_id or "").stem
            text = texts.get(doc_id or "", "")
            if not text or stem not in truth:
                continue
            ev_spans = [s for e in evidence if (e.get("doc_id") or f.get("doc_id")) == doc_id
                        for s in spans(text, " ".join(str(e.get("text", "")).split())[:60]) if e.get("text")]
            for i, t in enumerate(truth[stem].get("planted", [])):
                if any(a < d and c < b for a, b in ev_spans for c, d in spans(text, t["text"])):
                    matched_planted.add((stem, i))
            for t in truth[stem].get("traps", []):
                if any(a < d and c < b for a, b in ev_spans for c, d in spans(text, t["text"])):
                    matched_trap = True
        strict = f["severity"] in ("error", "warning")
        verdict = "true" if matched_planted else ("trap" if matched_trap else "unmatched")
        hit_any |= matched_planted
        if strict:
            hit_strict |= matched_planted
            verdicts[verdict] += 1
            if verdict != "true":
                by_doc_false[next(iter(docs)) or "archive"] += 1
        rows.append((f["severity"], verdict, f.get("doc_id"), f["kind"], f["message"][:150]))
    n_docs = len(truth)
    strict_total = sum(verdicts.values())
    result = {
        "documents": n_docs,
        "error_warning_findings": strict_total,
        "true": verdicts["true"], "false_trap": verdicts["trap"], "false_unmatched": verdicts["unmatched"],
        "precision": round(verdicts["true"] / strict_total, 3) if strict_total else None,
        "false_per_document": round((strict_total - verdicts["true"]) / n_docs, 2),
        "recall_error_warning": f"{len(hit_strict)}/{len(planted)}",
        "recall_any": f"{len(hit_any)}/{len(planted)}",
        "missed": sorted(f"{d}#{i} {planted[d, i]['kind']}" for d, i in planted if (d, i) not in hit_any),
        "missed_at_error_warning": sorted(f"{d}#{i} {planted[d, i]['kind']}" for d, i in planted
                                          if (d, i) not in hit_strict),
        "false_by_document": dict(by_doc_false),
    }
    if details:
        for r in sorted(rows, key=lambda r: (str(r[2]), r[0])):
            print(" | ".join(str(x) for x in r))
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", type=Path)
    ap.add_argument("--base", help="also score this commit (exported with git archive)")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    runs = []
    if args.base:
        with tempfile.TemporaryDirectory() as tmp:
            shim = export_tree(args.base, Path(tmp))
            runs.append((args.base, findings_of(args.set / "docs", Path(tmp), shim)))
    runs.append(("working tree", findings_of(args.set / "docs", None)))
    for label, found in runs:
        print(f"== {label}")
        print(json.dumps(score(args.set, found, args.details), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
