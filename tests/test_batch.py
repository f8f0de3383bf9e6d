"""The batch run: every file lands as a documents row, bad input never stops the run."""

import csv
import json

import pytest

from extractor.archive.batch import discover, run
from extractor.cli import main
from extractor.io.records import TABLES

from .conftest import SEEDS


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def mixed_archive(tmp_path):
    root = tmp_path / "archive"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "good.txt").write_bytes((SEEDS / "pho-phong-2023.txt").read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "koi8.txt").write_bytes("Это не вьетнамский текст, а русский.".encode("koi8-r") * 50)
    (root / "notes.md").write_text("Danh sách mua sắm: bút, giấy, mực in.\n", encoding="utf-8")
    (root / "table.xyz").write_text("not a format the tool reads")
    return root


def test_discover_walks_recursively_with_posix_ids(mixed_archive):
    jobs = discover([mixed_archive])
    assert [j.doc_id for j in jobs] == ["2023/good.txt", "binary.txt", "empty.txt", "koi8.txt", "notes.md",
                                        "table.xyz"]
    assert [j.skip for j in jobs][-1] == "unsupported format .xyz"


def test_bad_files_become_rows_and_the_good_one_lands(mixed_archive, tmp_path):
    out = tmp_path / "out"
    summary = run([mixed_archive], out, workers=1, progress=False)
    docs = {r["doc_id"]: r for r in read_jsonl(out / "documents.jsonl")}
    assert set(docs) == {"2023/good.txt", "binary.txt", "empty.txt", "koi8.txt", "notes.md", "table.xyz"}
    assert docs["2023/good.txt"]["status"] == "ok"
    assert docs["empty.txt"]["status"] == "empty"
    assert docs["binary.txt"]["status"] == "error" and "binary" in docs["binary.txt"]["error"]
    assert docs["koi8.txt"]["status"] == "error" and "encoding" in docs["koi8.txt"]["error"]
    assert docs["notes.md"]["status"] == "not_document"  # a shopping list: a row, no records
    assert docs["table.xyz"]["status"] == "skipped" and docs["table.xyz"]["error"] == "unsupported format .xyz"
    assert summary.n_failed == 2
    assert len(docs["2023/good.txt"]["sha256"]) == 64


def test_parallel_run_gives_the_same_rows_as_serial(mixed_archive, tmp_path):
    run([mixed_archive], tmp_path / "a", workers=1, progress=False)
    run([mixed_archive], tmp_path / "b", workers=2, progress=False)
    for table in TABLES:
        a = (tmp_path / "a" / f"{table}.jsonl").read_text(encoding="utf-8")
        b = (tmp_path / "b" / f"{table}.jsonl").read_text(encoding="utf-8")
        assert a == b, table


def test_every_table_has_its_exact_columns_in_csv_and_jsonl(tmp_path):
    out = tmp_path / "out"
    run([SEEDS / "son-long-2024.txt"], out, formats=("jsonl", "csv", "parquet"), workers=1, progress=False)
    for table, cols in TABLES.items():
        raw = (out / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "CSV must carry a BOM for Excel"
        with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
            assert next(csv.reader(fh)) == list(cols)
        for row in read_jsonl(out / f"{table}.jsonl"):
            assert list(row) == list(cols)
    import pandas as pd

    df = pd.read_parquet(out / "documents.parquet")
    assert list(df.columns) == list(TABLES["documents"])
    assert df.loc[0, "doc_id"] == "son-long-2024.txt"


def test_csv_list_fields_are_json_strings(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "r.txt").write_text(
        "BÁO CÁO\n\nNội dung.\n\nNơi nhận:\n- UBND huyện;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A",
        encoding="utf-8")
    run([src], tmp_path / "out", workers=1, progress=False)
    with (tmp_path / "out" / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert isinstance(json.loads(row["recipients"]), list)


def test_keep_text_writes_the_normalised_text_that_offsets_index(tmp_path):
    out = tmp_path / "out"
    run([SEEDS / "pho-phong-2023.txt"], out, keep_text=True, workers=1, progress=False)
    text = (out / "texts" / "pho-phong-2023.txt.txt").read_text(encoding="utf-8")
    assert "**" not in text
    for row in read_jsonl(out / "dates.jsonl") + read_jsonl(out / "citations.jsonl"):
        assert text[row["start"]:row["end"]] == row["text"]


def test_large_text_file_is_processed_without_crashing(tmp_path):
    src = tmp_path / "big"
    src.mkdir()
    para = ("Tình hình kinh tế xã hội trên địa bàn ổn định, nhân dân phấn khởi tin tưởng. " * 20 + "\n\n")
    (src / "big.txt").write_text(para * (50_000_000 // len(para.encode("utf-8")) + 1), encoding="utf-8")
    assert (src / "big.txt").stat().st_size >= 50_000_000
    summary = run([src], tmp_path / "out", workers=1, progress=False)
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert docs[0]["status"] == "ok" and docs[0]["n_chars"] > 30_000_000
    assert summary.n_failed == 0


def test_cli_missing_input_is_one_clear_line(tmp_path, capsys):
    code = main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "input path not found" in err[0]


def test_cli_unwritable_output_is_one_clear_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["run", str(SEEDS / "son-long-2024.txt"), "-o", str(blocker / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "cannot write to output folder" in err[0]


def test_cli_exit_code_says_whether_a_file_failed(mixed_archive, tmp_path, capsys):
    assert main(["run", str(mixed_archive), "-o", str(tmp_path / "o1"), "-q", "--workers", "1"]) == 1
    assert main(["run", str(SEEDS / "son-long-2024.txt"), "-o", str(tmp_path / "o2"), "-q"]) == 0


def test_cli_bad_format_is_rejected(tmp_path, capsys):
    assert main(["run", str(SEEDS), "-o", str(tmp_path / "o"), "--format", "xlsx"]) == 2
    assert "unknown format xlsx" in capsys.readouterr().err
