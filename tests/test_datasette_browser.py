"""Datasette over OUT/extractor.sqlite in a real browser: a server on 127.0.0.1 (a free
port), a faceted table page and a canned query loaded in headless Chromium, the DOM
checked, the server stopped. Needs the ``browse`` extra (datasette) and Debian chromium."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extractor.archive.batch import run

from .test_report_browser import FLAGS, chromium

FIXTURE = Path(__file__).parent / "fixtures" / "archive_links"
pytest.importorskip("datasette", reason="pip install '.[browse]' (scripts/test.sh does)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("ds")
    run([FIXTURE], out, formats=("jsonl", "sqlite"), workers=1, progress=False, keep_text=True)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(out / "extractor.sqlite"),
                             "-m", str(out / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # wait until it answers (not a timing assertion)
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"datasette exited: {proc.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _dom(url: str, tmp_path: Path, *extra: str) -> str:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, "--dump-dom", url],
                          capture_output=True, text=True, timeout=180, check=True).stdout


def test_a_faceted_page(server, tmp_path):
    dom = _dom(server + "/extractor/citations?_facet=relation&_facet=target_doc_id", tmp_path)
    assert 'data-column="relation"' in dom or "facet-info" in dom
    assert "implements" in dom and "basis" in dom
    assert "ke-hoach/214.txt" in dom
    assert "Every numbered reference to another document" in dom  # the table description


def test_a_canned_query(server, tmp_path):
    dom = _dom(server + "/extractor/archive_mismatches", tmp_path)
    assert "Archive mismatches" in dom
    assert "cited as 03/4/2024; the document in the archive (ke-hoach/214.txt) is dated 04/4/2024" in dom
    dom = _dom(server + "/extractor/who_implements?canonical=214%2FKH-UBND", tmp_path)
    assert "bao-cao/dung.txt" in dom
