"""Archive runs (issue #10): incremental, crash-safe, every file accounted for, stable tables."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.archive.batch import run
from extractor.cli import build_parser, main

from .archive_gen import ROOT, make_archive, table_files
from .conftest import SEEDS


def _env() -> dict[str, str]:
    return dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONPATH=str(ROOT))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = table_files(a), table_files(b)
    assert sorted(ta) == sorted(tb)
    for name in ta:
        assert ta[name] == tb[name], name


# --- incremental -------------------------------------------------------------------------------

def test_400_files_change_3_delete_2_add_2_equals_a_fresh_full_run(tmp_path):
    arch = tmp_path / "archive"
    paths = make_archive(arch, 400)
    out = tmp_path / "out"
    first = run(arch, out, formats=("jsonl", "csv", "parquet"), workers=2, keep_text=True, progress=False)
    assert (first.new, first.changed, first.unchanged, first.removed) == (400, 0, 0, 0)
    for p in paths[10:13]:
        p.write_text(p.read_text(encoding="utf-8") + "\nThực hiện Kế hoạch số 99/KH-UBND ngày 02/02/2024.\n",
                     encoding="utf-8")
    for p in paths[20:22]:
        p.unlink()
    make_archive(arch, 2, start=900)
    again = run(arch, out, formats=("jsonl", "csv", "parquet"), workers=2, keep_text=True, progress=False)
    assert (again.new, again.changed, again.unchanged, again.removed) == (2, 3, 395, 2)
    assert not (out / "texts" / "d002" / "r00020.txt.txt").exists()  # deleted file's text is gone
    fresh = tmp_path / "fresh"
    run(arch, fresh, formats=("jsonl", "csv", "parquet"), workers=2, keep_text=True, progress=False)
    assert_same_tables(out, fresh)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 400 and manifest["run"]["new"] == 2
    assert {"path", "size", "mtime_ns", "sha256", "status"} <= set(manifest["files"][0])
    assert {"extractor", "rules", "options"} <= set(manifest)


def test_unchanged_rerun_reads_nothing_and_touch_is_not_a_change(tmp_path):
    arch = tmp_path / "a"
    paths = make_archive(arch, 6)
    out = tmp_path / "out"
    run(arch, out, workers=1, progress=False)
    os.utime(paths[0], ns=(1, 1))  # same content, other mtime
    s = run(arch, out, workers=1, progress=False)
    assert (s.new, s.changed, s.unchanged, s.removed, s.n_read) == (0, 0, 6, 0, 0)


def test_changed_options_mean_a_full_run_said_in_one_line(tmp_path):
    arch = tmp_path / "a"
    make_archive(arch, 3)
    out = tmp_path / "out"
    lines: list[str] = []
    run(arch, out, workers=1, progress=False, announce=lines.append)
    assert lines == []
    from extractor.pipeline import Options

    s = run(arch, out, workers=1, progress=False, options=Options(pdf_engine="pdfplumber"), announce=lines.append)
    assert s.full_run and len(lines) == 1 and "pdf_engine" in lines[0] and s.changed == 0 and s.new == 3
    s = run(arch, out, workers=1, progress=False, options=Options(pdf_engine="pdfplumber"), force=True,
            announce=lines.append)
    assert s.full_run == "--force" and s.new == 3


def test_an_earlier_format_is_not_left_beside_the_new_tables(tmp_path):
    arch = tmp_path / "a"
    make_archive(arch, 2)
    out = tmp_path / "out"
    run(arch, out, formats=("jsonl", "parquet"), workers=1, progress=False)
    assert (out / "documents.parquet").is_dir()
    run(arch, out, formats=("jsonl",), workers=1, progress=False)
    assert not (out / "documents.parquet").exists() and (out / "documents.jsonl").exists()
    run(arch, out, formats=("sqlite", "csv"), workers=1, progress=False)
    assert (out / "extractor.sqlite").exists() and not (out / "documents.jsonl").exists()
    run(arch, out, formats=("csv",), workers=1, progress=False)
    assert not (out / "extractor.sqlite").exists() and (out / "documents.csv").exists()


def test_rendered_text_is_byte_for_byte_what_the_row_writers_write(tmp_path):
    """Tables are rebuilt from text the workers rendered (jsonl, csv): the same bytes as
    writing each row through the format writers."""
    from extractor.io.records import rows_of
    from extractor.io.writers import DatasetWriter, render_all
    from extractor.pipeline import extract_file

    results = [extract_file(p) for p in sorted(SEEDS.iterdir())]
    a, b = DatasetWriter(tmp_path / "a", ("jsonl", "csv")), DatasetWriter(tmp_path / "b", ("jsonl", "csv"))
    for r in results:
        rows = list(rows_of(r))
        for table, row in rows:
            a.write(table, row)
        counts: dict[str, int] = {}
        for table, _ in rows:
            counts[table] = counts.get(table, 0) + 1
        b.write_document(lambda rows=rows: rows, render_all(rows), counts)
    a.close()
    b.close()
    assert a.counts == b.counts
    for p in sorted((tmp_path / "a").iterdir()):
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name


# --- crash safety ------------------------------------------------------------------------------

def _committed(out: Path) -> int:
    db = out / ".extractor" / "store.sqlite"
    if not db.exists():
        return 0
    con = None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        return con.execute("SELECT count(*) FROM docs").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        if con is not None:
            con.close()


def _start(arch: Path, out: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "extractor", "run", str(arch), "-o", str(out), "--workers", "2", "-q",
           "--format", "jsonl,csv,parquet", *extra]
    return subprocess.Popen(cmd, env=_env(), start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _wait_for(out: Path, n: int, proc: subprocess.Popen, limit: float = 120) -> None:
    t0 = time.monotonic()
    while _committed(out) < n:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() - t0 < limit
        time.sleep(0.05)


def test_kill_9_of_the_process_group_mid_run_then_rerun_gives_identical_tables(tmp_path):
    arch = tmp_path / "archive"
    make_archive(arch, 800)
    out = tmp_path / "out"
    proc = _start(arch, out)
    _wait_for(out, 150, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _committed(out)
    assert 150 <= done < 800
    assert main(["run", str(arch), "-o", str(out), "--workers", "2", "-q", "--format", "jsonl,csv,parquet"]) == 0
    clean = tmp_path / "clean"
    s = run(arch, clean, formats=("jsonl", "csv", "parquet"), workers=2, progress=False)
    assert s.new == 800
    assert_same_tables(out, clean)
    assert len(read_jsonl(out / "documents.jsonl")) == 800


def test_ctrl_c_exits_130_leaves_no_stray_file_and_resumes(tmp_path):
    arch = tmp_path / "archive"
    make_archive(arch, 300)
    out = tmp_path / "out"
    proc = _start(arch, out, "--keep-text")
    _wait_for(out, 40, proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "run the same command again" in err.decode()
    stray = [p.relative_to(out).as_posix() for p in out.rglob("*")
             if p.name.startswith(".") and not p.relative_to(out).as_posix().startswith(".extractor")]
    assert stray == []
    assert sorted(p.name for p in (out / ".extractor").iterdir()) == ["store.sqlite"]
    s = run(arch, out, formats=("jsonl", "csv", "parquet"), workers=2, keep_text=True, progress=False)
    assert 0 < s.unchanged < 300 and s.new == 300 - s.unchanged
    clean = tmp_path / "clean"
    run(arch, clean, formats=("jsonl", "csv", "parquet"), workers=2, keep_text=True, progress=False)
    assert_same_tables(out, clean)


# --- every file accounted for ------------------------------------------------------------------

def test_five_files_five_rows_the_unsupported_ones_not_ok(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "budget.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    (src / "minutes.odt").write_bytes(b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.text")
    (src / "README.md").write_text("# Reports 2023\n\nScanned reports of the commune, sorted by month. "
                                   "Ask the office before deleting anything.\n", encoding="utf-8")
    (src / "report.txt").write_bytes((SEEDS / "son-long-2024.txt").read_bytes())
    out = tmp_path / "out"
    s = run(src, out, workers=1, progress=False)
    docs = {r["doc_id"]: r for r in read_jsonl(out / "documents.jsonl")}
    assert len(docs) == 5
    assert {d: r["status"] for d, r in docs.items()} == {
        "budget.xlsx": "skipped", "photo.jpg": "skipped", "minutes.odt": "skipped",
        "README.md": "not_document", "report.txt": "ok"}
    assert docs["budget.xlsx"]["error"] == "unsupported format .xlsx"
    assert docs["budget.xlsx"]["sha256"] and docs["README.md"]["n_chars"] > 0
    assert not [r for r in read_jsonl(out / "citations.jsonl") if r["doc_id"] == "README.md"]
    assert s.n_failed == 0


def test_real_reports_without_a_header_are_kept_as_documents(tmp_path):
    """Every real report in corpora/ is a document, also when its header is cut off (a
    portal excerpt, a draft): only READMEs and tool logs are not."""
    from extractor.pipeline import extract_file

    not_docs, cut = [], []
    reports = [p for p in sorted((ROOT / "corpora").rglob("*")) if p.suffix in (".txt", ".md")
               and p.parent.name in ("seeds", "docs")  # the reports, not the notes on them
               and not p.stem.isupper() and not p.name.startswith("eval-")]
    assert len(reports) >= 30
    for i, p in enumerate(reports):
        if extract_file(p).info.status != "ok":
            not_docs.append(p.name)
        body = p.read_text(encoding="utf-8").split("\n\n")
        excerpt = tmp_path / f"{i}.txt"
        excerpt.write_text("\n\n".join(body[len(body) // 3:len(body) // 3 + 4]), encoding="utf-8")
        if extract_file(excerpt).info.status == "not_document":
            cut.append(p.name)
    assert not_docs == [] and cut == []


def test_output_folder_inside_the_input_and_a_file_given_twice_are_read_once(tmp_path):
    arch = tmp_path / "a"
    make_archive(arch, 3)
    out = arch / "out"
    run(arch, out, workers=1, keep_text=True, progress=False)
    s = run([arch, arch / "d000" / "r00001.txt"], out, workers=1, keep_text=True, progress=False)
    ids = [r["doc_id"] for r in read_jsonl(out / "documents.jsonl")]
    assert ids == ["d000/r00000.txt", "d000/r00001.txt", "d000/r00002.txt"]
    assert s.n_documents == 3


def test_output_folder_equal_to_an_input_is_refused(tmp_path, capsys):
    arch = tmp_path / "a"
    make_archive(arch, 1)
    assert main(["run", str(arch), "-o", str(arch)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "also an input folder" in err[0] and not (arch / "documents.jsonl").exists()


@pytest.mark.parametrize("args,needle", [(["--workers", "0"], "--workers"), (["--time-limit", "-5"], "--time-limit")])
def test_bad_option_values_exit_2_with_one_line(tmp_path, capsys, args, needle):
    code = main(["run", str(SEEDS), "-o", str(tmp_path / "o"), *args])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and needle in err[0]


# --- stable tables -----------------------------------------------------------------------------

def test_arrow_schemas_are_explicit_and_the_same_whatever_the_input(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from extractor.io.writers import arrow_schema
    from extractor.kinds import KINDS

    one = tmp_path / "one"
    one.mkdir()
    (one / "empty.txt").write_text("", encoding="utf-8")
    run(one, tmp_path / "o1", formats=("parquet",), workers=1, progress=False)
    run(SEEDS, tmp_path / "o2", formats=("parquet",), workers=1, progress=False)
    for table, kind in KINDS.items():
        a = pq.read_table(tmp_path / "o1" / f"{table}.parquet").schema
        b = pq.read_table(tmp_path / "o2" / f"{table}.parquet").schema
        assert a.remove_metadata() == b.remove_metadata() == arrow_schema(kind), table
    docs = pq.read_table(tmp_path / "o2" / "documents.parquet")
    assert docs.schema.field("n_pages").type == pa.int64()
    stats = pq.read_table(tmp_path / "o2" / "statistics.parquet").to_pylist()
    assert pq.read_table(tmp_path / "o2" / "statistics.parquet").schema.field("value").type == pa.float64()
    ratio = [r for r in stats if r["numerator"] is not None]
    assert ratio and all(r["value"] is None and "/" in r["text"] for r in ratio)
    both = pa.concat_tables([pq.read_table(tmp_path / o / "citations.parquet") for o in ("o1", "o2")])
    assert both.num_rows == pq.read_table(tmp_path / "o2" / "citations.parquet").num_rows


# --- API and CLI edges -------------------------------------------------------------------------

def test_run_accepts_a_str_or_a_path_and_validates_formats(tmp_path):
    s = run(str(SEEDS / "son-long-2024.txt"), tmp_path / "o", workers=1, progress=False)
    assert s.n_documents == 1 and s.new == 1 and s.failed == 0
    with pytest.raises(ValueError, match="unknown format"):
        run(SEEDS, tmp_path / "o2", formats=("xlsx",))


def test_every_subcommand_and_option_has_a_help_line():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict))
    for name, p in sub.choices.items():
        assert p.description or name in {a.dest for a in sub._choices_actions}
        for action in p._actions:
            assert action.help, f"{name} {action.option_strings or action.dest}"
    assert all(a.help for a in sub._choices_actions)


def test_show_given_a_folder_says_so(capsys):
    assert main(["show", str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "extractor run" in err


def test_log_lines_off_a_terminal_and_json_events(tmp_path, capsys):
    arch = tmp_path / "a"
    make_archive(arch, 4)
    log = tmp_path / "events.jsonl"
    run(arch, tmp_path / "o", workers=1, log_json=log, log_every=0.001)
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("extractor: ")]
    assert lines and "4/4 files" in lines[-1] and "docs/s" in lines[-1] and "ETA" in lines[-1]
    events = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    done = [e for e in events if e["event"] == "done"]
    assert len(done) == 4 and {"doc_id", "status", "seconds"} <= set(done[0])
    assert [e["event"] for e in events][0] == "run_start" and events[-1]["event"] == "run_done"

