"""Archive throughput: a generated archive of report variations through ``extractor run``.

1. Generates ``--files`` documents into ``--archive`` (default a temporary folder): VARIATIONS
   of the seed reports, the held-out reports and the clean fixtures (places, people, numbers,
   dates and years changed; paragraphs swapped; sections dropped or duplicated), written as
   .txt / .md (some in UTF-16 or Windows-1258) and .docx (python-docx), with the PDF and DOC
   fixtures mixed in as they are (no PDF/DOC writer here).
2. Runs the archive at 1 and 2 workers (``--repeat`` passes each): docs/s and kchar/s by wall
   time, CPU seconds per document, and the resident memory of every worker sampled over the
   run (peak per worker, and its peak in each quarter of the run: flat = no growth).
3. Changes 1 % of the files and runs again into the same output folder (incremental when the
   engine supports it; otherwise a full run), and an unchanged re-run.
4. With ``--engine dask`` available in ``extractor.run``: the Dask LocalCluster against the
   local pool at 2 workers.

    python bench/bench_archive.py --files 400             # a few minutes
    python bench/bench_archive.py --files 10000 --repeat 1 --archive /tmp/arch10k
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.archive import batch  # noqa: E402

# Bench data only (not rules): names to put in place of the ones in the sources.
PLACES = ["Tân Phú", "Hòa Bình", "An Nhơn", "Phước Long", "Đức Trọng", "Yên Thế", "Thạch Hà", "Mỹ Xuyên",
          "Krông Pắc", "Lộc Ninh", "Quảng Điền", "Tiên Du", "Văn Lâm", "Chư Sê", "Bảo Lâm", "Hưng Nguyên"]
PEOPLE = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Hoàng Minh Đức",
          "Võ Thị Hạnh", "Đặng Quốc Khánh", "Bùi Thanh Lâm", "Đỗ Thị Mai", "Ngô Văn Nam"]
_PLACE = re.compile(r"(?<=\b(?:xã|huyện|tỉnh|phường|thị trấn|thôn|Xã|Huyện|Tỉnh|Phường|XÃ|HUYỆN|TỈNH)\s)"
                    r"\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2}")
_PERSON = re.compile(r"(?<=\b(?:Ông|Bà|ông|bà|đồng chí|Đồng chí)\s)\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){1,3}")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<=năm\s)(20[0-2]\d)\b")
_COUNT = re.compile(r"(?<![\d/.,\-\p{L}])(\d{1,4})(?=\s\p{Ll})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # not allowed in XML (page breaks \f)
_TOP = re.compile(r"(?m)^(?:[IVX]{1,4}\.|PHẦN|Phần)\s")


def sources() -> list[str]:
    paths = sorted((ROOT / "corpora" / "seeds").iterdir()) + sorted((ROOT / "corpora" / "heldout" / "seeds").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "fixtures" / "clean").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths if p.is_file()]


def vary(text: str, rng: random.Random) -> str:
    """One variation of a report: other places, people, counts and dates; paragraphs swapped;
    a top-level section dropped or duplicated."""
    place = {}
    text = _PLACE.sub(lambda m: place.setdefault(m.group(), rng.choice(PLACES)), text)
    text = _PERSON.sub(lambda m: rng.choice(PEOPLE), text)
    shift = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    text = _DATE.sub(lambda m: f"{rng.randint(1, 28):02d}/{int(m.group(2))}/{int(m.group(3)) + shift}", text)
    text = _COUNT.sub(lambda m: str(max(1, int(int(m.group()) * rng.uniform(0.5, 2.0)))) if rng.random() < 0.6
                      else m.group(), text)
    tops = [m.start() for m in _TOP.finditer(text)]
    if len(tops) >= 3:
        parts = [text[:tops[0]]] + [text[a:b] for a, b in zip(tops, tops[1:] + [len(text)], strict=True)]
        k = rng.randrange(1, len(parts))
        roll = rng.random()
        if roll < 0.25:
            del parts[k]
        elif roll < 0.5:
            parts.insert(k, parts[k])
        text = "".join(parts)
    paras = text.split("\n\n")
    if len(paras) > 10:
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(paras) // 3, len(paras) - 2)  # the body, not the header
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return "\n\n".join(paras)


def write_docx(text: str, path: Path) -> None:
    from docx import Document

    doc = Document()
    for para in text.split("\n\n"):
        if para.strip():
            doc.add_paragraph(_CONTROL.sub("", para.replace("\n", " ")).strip())
    doc.save(str(path))


def generate(folder: Path, n: int, seed: int = 1) -> dict[str, int]:
    """``n`` files under ``folder`` in 20 sub-folders; returns counts per suffix."""
    rng = random.Random(seed)
    texts = sources()
    fixtures = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.*"))
    binaries = [p for p in fixtures if p.suffix in (".pdf", ".doc")]
    counts: dict[str, int] = {}
    for i in range(n):
        sub = folder / f"d{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < 0.05 and binaries:  # PDF and DOC fixtures as they are
            src = rng.choice(binaries)
            path = sub / f"f{i:05d}{src.suffix}"
            shutil.copyfile(src, path)
        else:
            text = vary(rng.choice(texts), rng)
            if roll < 0.15:
                path = sub / f"f{i:05d}.docx"
                write_docx(text, path)
            elif roll < 0.30:
                path = sub / f"f{i:05d}.md"
                path.write_text(text, encoding="utf-8")
            else:
                path = sub / f"f{i:05d}.txt"
                enc = "utf-16" if roll > 0.97 else "cp1258" if roll > 0.95 else "utf-8"
                path.write_bytes(text.encode(enc, errors="replace"))
        counts[path.suffix] = counts.get(path.suffix, 0) + 1
    return counts


def change_some(folder: Path, share: float, seed: int) -> int:
    """Rewrite ``share`` of the text files with a new variation (mtime and content change)."""
    rng = random.Random(seed)
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md"))
    picked = rng.sample(files, max(1, int(len(files) * share)))
    texts = sources()
    for p in picked:
        p.write_text(vary(rng.choice(texts), rng), encoding="utf-8")
    return len(picked)


# --- memory of the workers ------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def _mem_mb(pid: int) -> tuple[float, float] | None:
    """(RSS, private) MB of a process. A forked worker shares its parent's pages, which RSS
    counts again; the private part (USS) is what the worker itself adds."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            vals = {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in f if ":" in line)
                    if k in ("Rss", "Private_Clean", "Private_Dirty")}
    except (OSError, ValueError):
        return None
    if "Rss" not in vals:
        return None
    return vals["Rss"] / 1024, (vals.get("Private_Clean", 0) + vals.get("Private_Dirty", 0)) / 1024


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


class Sampler(threading.Thread):
    """Samples the memory of this process (the parent: writer and archive checks; the worker
    too at 1 worker) and of its worker processes every ``every`` seconds."""

    def __init__(self, every: float = 0.5):
        super().__init__(daemon=True)
        self.every = every
        self.samples: dict[int, list[tuple[float, float, float]]] = {}  # pid -> [(t, rss, private)]
        self.cpu: dict[int, float] = {}
        self._stop_evt = threading.Event()
        self.t_end = 0.0

    def run(self) -> None:
        t0 = time.perf_counter()
        me = os.getpid()
        while not self._stop_evt.is_set():
            for pid in [me] + _children(me):
                mem = _mem_mb(pid)
                if mem is not None:
                    self.samples.setdefault(pid, []).append((time.perf_counter() - t0, *mem))
                    if pid != me:
                        self.cpu[pid] = _cpu_s(pid)
            self.t_end = time.perf_counter() - t0
            self._stop_evt.wait(self.every)

    def stop(self) -> None:
        self._stop_evt.set()
        self.join()

    def _quarters(self, series, col: int) -> str:
        end = self.t_end or 1
        out = []
        for q in range(4):
            vals = [x[col] for s in series for x in s if q * end / 4 <= x[0] <= (q + 1) * end / 4]
            out.append(f"{max(vals):.0f}" if vals else "-")
        return " / ".join(out)

    def report(self) -> str:
        me = os.getpid()
        parent = [self.samples.get(me, [])]
        workers = [s for pid, s in self.samples.items() if pid != me and len(s) > 2]
        line = (f"parent RSS by quarter {self._quarters(parent, 1)} MB")
        if workers:
            line += (f"; workers ({len(workers)}) RSS by quarter {self._quarters(workers, 1)} MB,"
                     f" private {self._quarters(workers, 2)} MB")
        return line


# --- runs -----------------------------------------------------------------------------------

def one_run(archive: Path, out: Path, workers: int, fresh: bool = True, **kw) -> dict:
    if fresh and out.exists():
        shutil.rmtree(out)
    sampler = Sampler()
    cpu0 = time.process_time()
    sampler.start()
    t0 = time.perf_counter()
    summary = batch.run([archive], out, formats=("jsonl",), workers=workers, progress=False, **kw)
    wall = time.perf_counter() - t0
    sampler.stop()
    cpu = time.process_time() - cpu0 if workers == 1 else sum(sampler.cpu.values())
    n = summary.n_documents
    return {"wall": wall, "docs_s": n / wall, "kchar_s": summary.n_chars / 1000 / wall, "n": n,
            "cpu_per_doc_ms": 1000 * cpu / max(n, 1), "mem": sampler.report(),
            "statuses": dict(sorted(summary.by_status.items()))}


def warm_up(archive: Path, tmp: Path) -> None:
    """Load rules and models in this process first (forked workers inherit them)."""
    warm = tmp / "warm"
    warm.mkdir(exist_ok=True)
    for p in sorted(archive.rglob("*"))[:30]:
        if p.is_file():
            shutil.copyfile(p, warm / p.name)
    batch.run([warm], tmp / "warm-out", formats=("jsonl",), workers=1, progress=False)


def in_subprocess(archive: Path, out: Path, workers: int, fresh: bool = True, engine: str | None = None) -> dict:
    """One run in a fresh interpreter: no memory or cache left by an earlier run."""
    cmd = [sys.executable, __file__, "--run-one", str(workers), "--archive", str(archive), "--out", str(out)]
    cmd += [] if fresh else ["--keep-out"]
    cmd += ["--engine", engine] if engine else []
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def fmt(runs: list[dict]) -> str:
    best = max(runs, key=lambda r: r["docs_s"])
    med = statistics.median(r["docs_s"] for r in runs)
    medk = statistics.median(r["kchar_s"] for r in runs)
    return (f"{best['docs_s']:7.1f} docs/s (median {med:.1f}), {best['kchar_s']:6.0f} kchar/s (median {medk:.0f}),"
            f" {best['wall']:6.1f} s, CPU {best['cpu_per_doc_ms']:.0f} ms/doc; {best['mem']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--archive", type=Path, help="folder to generate into (kept); default a temporary one")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--run-one", type=int, help=argparse.SUPPRESS)  # internal: one run, JSON out
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--keep-out", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run_one:
        tmp = Path(tempfile.mkdtemp(prefix="bench-archive-warm-"))
        warm_up(args.archive, tmp)
        kw = {"engine": args.engine} if args.engine else {}
        print(json.dumps(one_run(args.archive, args.out, args.run_one, fresh=not args.keep_out, **kw)))
        shutil.rmtree(tmp, ignore_errors=True)
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    archive = args.archive or tmp / "archive"
    if not archive.exists() or not any(archive.iterdir()):
        t0 = time.perf_counter()
        counts = generate(archive, args.files, args.seed)
        print(f"generated {args.files:,} files in {time.perf_counter() - t0:.0f} s into {archive}: "
              + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    size = sum(p.stat().st_size for p in archive.rglob("*") if p.is_file())
    print(f"archive: {sum(1 for p in archive.rglob('*') if p.is_file()):,} files, {size / 1e6:.0f} MB; "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
    out = tmp / "out"
    results: dict[int, list[dict]] = {}
    for w in (int(x) for x in args.workers.split(",")):
        results[w] = [in_subprocess(archive, out, w) for _ in range(args.repeat)]
        print(f"workers={w}: {fmt(results[w])}\n           statuses {results[w][0]['statuses']}", flush=True)
    if 1 in results and 2 in results:
        b1, b2 = (max(r["docs_s"] for r in results[k]) for k in (1, 2))
        m1, m2 = (statistics.median(r["docs_s"] for r in results[k]) for k in (1, 2))
        print(f"speed-up 2 workers / 1: {b2 / b1:.2f}x best, {m2 / m1:.2f}x median (target ≥ 1.7x)")
    w = max(results)
    first = in_subprocess(archive, out, w)
    unchanged = in_subprocess(archive, out, w, fresh=False)
    n = change_some(archive, 0.01, args.seed + 1)
    changed = in_subprocess(archive, out, w, fresh=False)
    print(f"re-run at {w} workers: first {first['wall']:.1f} s; unchanged {unchanged['wall']:.1f} s "
          f"({100 * unchanged['wall'] / first['wall']:.0f} %); after {n} files (1 %) changed "
          f"{changed['wall']:.1f} s ({100 * changed['wall'] / first['wall']:.0f} %)")
    if "engine" in inspect.signature(batch.run).parameters:
        try:
            dask = [in_subprocess(archive, out, 2, engine="dask") for _ in range(args.repeat)]
            local = results.get(2) or [in_subprocess(archive, out, 2)]
            print(f"dask LocalCluster, 2 workers: {fmt(dask)}")
            print(f"dask overhead vs local pool: {min(r['wall'] for r in dask) / min(r['wall'] for r in local):.2f}x wall")
        except Exception as exc:  # noqa: BLE001 - an optional engine
            print(f"dask engine not run: {type(exc).__name__}: {exc}")
    else:
        print("dask engine: not in this version of extractor.run")
    if not args.archive:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
