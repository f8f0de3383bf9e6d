"""The HTML report in a real browser: headless Chromium loads the summary and a document page
(no network), the rendered DOM holds every finding, the graph and the links to the document
pages, and a screenshot is drawn.

Needs the Debian package ``chromium`` (scripts/install-system-deps.sh installs it)."""

import json
import re
import shutil
import subprocess

import pytest

from extractor.archive.batch import run
from extractor.cli import main

from .conftest import SEEDS

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "chromium is needed for this test: run scripts/install-system-deps.sh"
    return exe


def browse(page, tmp_path, *args, timeout=180):
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    for name in ("pho-phong-2023.txt", "son-long-2024.txt"):
        shutil.copy(SEEDS / name, out.parent / name)
    run([out.parent / "pho-phong-2023.txt", out.parent / "son-long-2024.txt"], out, keep_text=True,
        workers=1, progress=False)
    page = out / "report.html"
    assert main(["report", str(out), "-o", str(page)]) == 0
    return out, page


def test_rendered_dom_holds_every_finding(report, tmp_path):
    out, page = report
    dom = browse(page, tmp_path, "--dump-dom").stdout
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(findings) >= 10
    assert len(re.findall(r'<tr class="finding"', dom)) == len(findings)
    assert "315/618 = 50,97 %, text says 49,22 %" in dom
    assert re.search(r"33/CT-TTg cited with date 26/11/2021 at <a [^>]+>§II.1</a>", dom)
    # the graph is drawn with the most cited documents; the index links both pages, in natural order
    assert re.search(r'<g class="hub" data-canonical="[^"]+"', dom)
    index = dom[dom.index('id="documents"'):]
    assert re.findall(r'<a href="report/docs/([^"]+)"', index) == ["pho-phong-2023.txt.html", "son-long-2024.txt.html"]
    errors = sum(1 for f in findings if f["severity"] == "error")
    assert re.search(rf'data-label="error findings"><div class="n">{errors}</div>', dom)


def test_document_page_dom(report, tmp_path):
    out, _ = report
    dom = browse(out / "report" / "docs" / "pho-phong-2023.txt.html", tmp_path, "--dump-dom").stdout
    assert len(re.findall(r'<article class="doc"', dom)) == 1
    assert re.search(r'<mark class="ent cit has-finding" title="[^"]*33/CT-TTg cited with date 26/11/2021', dom)
    assert '<span class="sec" id="s-II.1"></span>' in dom
    assert 'href="../../report.html"' in dom


def test_screenshot_is_drawn(report, tmp_path):
    from PIL import Image

    _, page = report
    shot = tmp_path / "report.png"
    browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,1600")
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 1600)
    # not a blank page: the dark header bar, white cards and coloured badges are all there
    colours = img.resize((160, 200)).getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 50
    assert img.getpixel((10, 10))[0] < 80  # the header bar is dark
