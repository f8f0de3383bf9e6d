"""``--engine dask``: a real scheduler and two workers on 127.0.0.1, same tables as local."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.archive.batch import run
from extractor.cli import main

from .archive_gen import ROOT, table_files
from .conftest import SEEDS

pytest.importorskip("distributed", reason="pip install '.[dask]' (scripts/test.sh installs it)")

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes, each its own process."""
    tmp = tmp_path_factory.mktemp("dask")
    port = _free_port()
    env = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONPATH=str(ROOT), DASK_DISTRIBUTED__WORKER__DAEMON="False")
    exe = [str(DASK)] if DASK.exists() else [sys.executable, "-m", "dask"]
    procs = [subprocess.Popen(exe + ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    address = f"tcp://127.0.0.1:{port}"
    for i in range(2):
        procs.append(subprocess.Popen(exe + ["worker", address, "--nthreads", "1", "--no-dashboard",
                                             "--host", "127.0.0.1", "--name", f"w{i}"],
                                      env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    from distributed import Client

    try:
        t0 = time.monotonic()
        while True:
            try:
                with Client(address, timeout="2s") as client:
                    if len(client.scheduler_info()["workers"]) == 2:
                        break
            except OSError:
                pass
            assert time.monotonic() - t0 < 60, "the Dask cluster did not start"
            time.sleep(0.5)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """txt, md, pdf, docx and doc files (the fixture seeds) and an unsupported one."""
    root = tmp_path_factory.mktemp("mixed")
    for p in sorted((ROOT / "tests" / "fixtures" / "seeds").iterdir()):
        shutil.copy(p, root / p.name)
    for p in sorted(SEEDS.iterdir()):
        shutil.copy(p, root / p.name)
    (root / "sheet.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 64)
    return root


def test_dask_cluster_gives_the_same_tables_as_local(cluster, mixed, tmp_path):
    local = tmp_path / "local"
    run(mixed, local, formats=("jsonl", "csv", "parquet"), workers=2, keep_text=True, progress=False)
    dask_out = tmp_path / "dask"
    code = main(["run", str(mixed), "-o", str(dask_out), "--engine", "dask", "--scheduler", cluster,
                 "--format", "jsonl,csv,parquet", "--keep-text", "-q"])
    docs = [json.loads(x) for x in (dask_out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert code == (1 if any(d["status"] == "error" for d in docs) else 0)
    assert {d["format"] for d in docs} >= {"txt", "md", "pdf", "docx", "doc", "xlsx"}
    a, b = table_files(local), table_files(dask_out)
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], name
    # incremental on Dask too: nothing to read the second time
    s = run(mixed, dask_out, formats=("jsonl", "csv", "parquet"), keep_text=True, progress=False,
            engine="dask", scheduler=cluster)
    assert s.n_read == 0 and s.unchanged == len(docs)


def test_unreachable_scheduler_is_one_line(tmp_path, capsys):
    port = _free_port()
    code = main(["run", str(SEEDS), "-o", str(tmp_path / "o"), "--engine", "dask",
                 "--scheduler", f"tcp://127.0.0.1:{port}", "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "Dask scheduler" in err[0]


def test_local_cluster_by_default(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(p, src / p.name)
    run(src, tmp_path / "local", workers=1, progress=False)
    s = run(src, tmp_path / "dask", workers=2, progress=False, engine="dask")
    assert s.new == 2 and s.failed == 0
    assert table_files(tmp_path / "local") == table_files(tmp_path / "dask")
