"""Which documents cited in a corpus are not yet in the catalog (rules/catalog.csv)?

    python scripts/catalog_gaps.py                 # corpora/ (seeds and held-out)
    python scripts/catalog_gaps.py DIR... [--all]  # --all: local số hiệu too (UBND, TU...)

Lists each số hiệu with how many documents cite it and the dates they give, most cited
first. By default only số hiệu of national issuers (-TTg, -CP, /TW, QH...) are listed: those
are the catalog's scope; a local "23/KH-UBND" exists in every commune.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.check import default_catalog, lexicon  # noqa: E402
from extractor.check.catalog import catalog_filter  # noqa: E402
from extractor.check.context import group_key  # noqa: E402
from extractor.check.issuers import national  # noqa: E402
from extractor.extract.citations import find_citations  # noqa: E402
from extractor.rules import load_rules  # noqa: E402

SUFFIXES = (".txt", ".md")


def gaps(paths: list[Path], local: bool = False) -> list[tuple[str, set[str], set[str]]]:
    rules = load_rules()
    lex, catalog = lexicon(rules), default_catalog(rules)
    cited: dict[tuple, tuple[str, set[str], set[str]]] = {}
    docs: dict[tuple, set[str]] = defaultdict(set)
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES)
        for f in files:
            for c in find_citations(f.read_text(encoding="utf-8", errors="replace"), rules):
                sym = c.symbol
                if sym is None or (not local and not national(sym, lex)):
                    continue
                if catalog.rows_for(sym, catalog_filter(c.issuer, lex)):
                    continue
                key = group_key(sym, lex)
                name, dates, _ = cited.setdefault(key, (c.canonical, set(), set()))
                if c.date:
                    dates.add(c.date)
                docs[key].add(str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f))
    out = [(name, dates, docs[key]) for key, (name, dates, _) in cited.items()]
    return sorted(out, key=lambda t: (-len(t[2]), t[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "corpora"])
    ap.add_argument("--all", action="store_true", help="list local số hiệu too")
    args = ap.parse_args(argv)
    rows = gaps(args.paths, args.all)
    for name, dates, docs in rows:
        print(f"{len(docs):3d} doc(s)  {name:<24} {', '.join(sorted(dates)) or '(undated)'}")
    print(f"{len(rows)} cited số hiệu not in the catalog")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
