"""docs/report-graph.png: the report's citation graph of corpora/seeds, drawn by headless
Chromium (``--screenshot``) from the graph section of the summary page.

    python scripts/screenshot_report_graph.py [--out docs/report-graph.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.archive.batch import run  # noqa: E402
from extractor.present.report import read_tables, render_report  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "report-graph.png"))
    ap.add_argument("--size", default="1000,1040")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run([ROOT / "corpora" / "seeds"], out, keep_text=True, workers=1, progress=False)
        page = render_report(read_tables(out))
        a = page.index('<section class="block" id="graph">')
        b = page.index("</section>", a) + len("</section>")
        graph = Path(tmp) / "graph.html"
        graph.write_text(page[:page.index("<main>")] + "<main>" + page[a:b] + "</main></body></html>", encoding="utf-8")
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                        f"--user-data-dir={Path(tmp) / 'profile'}", f"--screenshot={Path(args.out).resolve()}",
                        f"--window-size={args.size}", graph.as_uri()], check=True, capture_output=True, timeout=120)
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
