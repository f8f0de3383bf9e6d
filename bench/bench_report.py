"""The HTML report at archive scale (issue #12 point 6): size of the summary page, total size
of the per-document pages and the time to write them, for a synthetic archive of N documents.

The archive is synthesised quickly from the seeds' real outputs (the extractor runs once on
corpora/seeds and corpora/heldout/seeds, 16 documents): each synthetic document copies one seed's rows and text under a new doc_id
(some in sub-folders), and most local citations get another number, so the archive has many
distinct cited documents; a few of those numbers are given to synthetic documents, so the
graph has archive targets. ``cited_documents`` is grouped from the synthetic citations.

    python bench/bench_report.py [--docs 10000] [--keep DIR] [--chromium]

``--chromium`` also times headless Chromium loading the summary (``--dump-dom``).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from cpuclock import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.archive.batch import run  # noqa: E402
from extractor.kinds import KINDS  # noqa: E402
from extractor.present.report import read_tables, write_report_files  # noqa: E402

SEEDS = [ROOT / "corpora" / "seeds", ROOT / "corpora" / "heldout" / "seeds"]
_NUMBER = re.compile(r"^(\d+)(/.*UBND.*)$")  # local documents get varied numbers


def _synthesise(seed_out: Path, out: Path, n: int) -> None:
    tables = read_tables(seed_out)
    seeds = [d["doc_id"] for d in tables["documents"]]
    per_doc = {name: tables.by_doc(name) for name in KINDS if KINDS[name].per_document or name == "findings"}
    texts = {d: tables.text(d) for d in seeds}
    rows: dict[str, list] = defaultdict(list)
    (out / "texts").mkdir(parents=True)
    for i in range(n):
        seed = seeds[i % len(seeds)]
        stem, ext = seed.rsplit(".", 1)
        doc_id = f"huyen-{i // 500:02d}/{stem}-{i + 1}.{ext}" if i % 3 else f"{stem}-{i + 1}.{ext}"
        shift = i % 700
        for name, by in per_doc.items():
            for r in by.get(seed, []):
                r = copy.deepcopy(r)
                r["doc_id"] = doc_id
                if "finding_id" in r:
                    r["finding_id"] = r["finding_id"].replace(seed, doc_id)
                for ev in r.get("evidence") or []:
                    if ev.get("doc_id"):
                        ev["doc_id"] = doc_id
                if name == "citations" and r.get("canonical") and shift:
                    m = _NUMBER.match(r["canonical"])
                    if m:
                        r["canonical"] = f"{int(m.group(1)) + shift}{m.group(2)}"
                        r["target_doc_id"] = None
                rows[name].append(r)
        if texts[seed] is not None:
            p = out / "texts" / f"{doc_id}.txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(texts[seed], encoding="utf-8")
    groups: dict[str, list] = defaultdict(list)
    for c in rows["citations"]:
        if c.get("canonical"):
            groups[c["canonical"]].append(c)
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    docs = rows["documents"]
    for j, (canonical, cits) in enumerate(ranked[:40]):  # the archive holds some cited plans
        target = docs[(j * 97) % len(docs)]["doc_id"] if j % 2 else None
        for c in cits:
            c["target_doc_id"] = target
        ranked[j] = (canonical, cits, target)
    rows["cited_documents"] = [
        {"cited_id": f"cited#{k}", "canonical": item[0], "type": item[1][0].get("type"),
         "issuer": item[1][0].get("issuer"), "n_citations": len(item[1]),
         "n_citing_documents": len({c["doc_id"] for c in item[1]}),
         "target_doc_id": item[2] if len(item) > 2 else None,
         "relations": dict(Counter(c.get("relation") or "mention" for c in item[1]))}
        for k, item in enumerate(ranked, 1)]
    for name, rs in rows.items():
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", "--documents", type=int, default=10_000)
    ap.add_argument("--keep", default=None, metavar="DIR", help="write the archive and report here (kept)")
    ap.add_argument("--chromium", action="store_true", help="also time headless Chromium loading the summary")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-report-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    try:
        seed_out = work / "seeds-out"
        run(SEEDS, seed_out, keep_text=True, workers=1, progress=False)
        out = work / "out"
        t0 = time.perf_counter()
        _synthesise(seed_out, out, args.docs)
        print(f"synthetic archive: {args.docs:,} documents in {time.perf_counter() - t0:.1f} s")
        t0, c0 = time.perf_counter(), cpu_seconds()
        tables = read_tables(out)
        t1 = time.perf_counter()
        written = write_report_files(tables, out / "report.html")
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        counts = ", ".join(f"{k} {len(v):,}" for k, v in tables.rows.items())
        print(f"rows: {counts}")
        print(f"summary page: {written.summary.stat().st_size / 1e6:.2f} MB")
        print(f"document pages: {written.n_pages:,} pages, {written.pages_bytes / 1e6:.1f} MB in total, "
              f"largest {max(p.stat().st_size for p in written.docs_dir.glob('*.html')) / 1e3:.0f} kB")
        print(f"time: {wall:.1f} s wall ({t1 - t0:.1f} s reading the tables), {cpu:.1f} s CPU")
        if args.chromium:
            exe = shutil.which("chromium") or shutil.which("chromium-browser")
            profile = work / "profile"
            t0 = time.perf_counter()
            dom = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                  f"--user-data-dir={profile}", "--dump-dom", written.summary.as_uri()],
                                 capture_output=True, text=True, timeout=300, check=True).stdout
            rows_in_dom = dom.count("<tr><td><a href=")
            print(f"chromium --dump-dom of the summary: {time.perf_counter() - t0:.1f} s "
                  f"({rows_in_dom:,} linked index rows in the DOM)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
