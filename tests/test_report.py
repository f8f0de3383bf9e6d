"""``extractor check`` (terminal findings, exit codes) and ``extractor report`` (one HTML file)."""

import json
import re
import shutil
from pathlib import Path

import pytest

from extractor.archive.batch import run
from extractor.cli import main
from extractor.present.report import ReportError, read_tables, render_report

from .conftest import SEEDS

CLEAN = (
    "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n\nSố: 12/BC-UBND\nAn Bình, ngày 20 tháng 11 năm 2023\n\nBÁO CÁO\n"
    "Kết quả công tác dân vận năm 2023\n\nI. KẾT QUẢ\n\nThực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của "
    "UBND huyện về công tác dân vận, UBND xã ban hành Kế hoạch số 05/KH-UBND ngày 01/3/2023.\n\n"
    "Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n\nTrần Văn An\n"
)


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEEDS / "pho-phong-2023.txt", root / "pho-phong-2023.txt")
    (root / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return root


# --- extractor check -------------------------------------------------------------------------

def test_check_prints_findings_by_document_and_fails_on_errors(archive, capsys):
    rc = main(["check", str(archive), "--workers", "1"])
    out = capsys.readouterr().out
    assert rc == 1  # 33/CT-TTg with two dates is an error
    assert "pho-phong-2023.txt" in out and "clean.txt  (no findings)" in out
    assert "ERROR" in out and "33/CT-TTg cited with date 26/11/2021" in out
    assert "→ 114-KL/TW" in out
    # the archive check names the wrong issuer code against the catalog
    assert "pho-phong-2023.txt (against the catalog)" in out and "25-NQ/TW" in out
    assert re.search(r"2 documents: \d+ findings \(2 errors, ", out)  # 33/CT-TTg dates, 657/675 numbers


def test_check_min_severity_hides_lower_findings_but_keeps_the_exit_code(archive, capsys):
    rc = main(["check", str(archive), "--workers", "1", "--min-severity", "error"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "33/CT-TTg cited with date" in out
    assert "stray space in" not in out and " INFO " not in out


def test_check_clean_document_exits_zero(tmp_path, capsys):
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN, encoding="utf-8")
    assert main(["check", str(p)]) == 0
    assert "1 document: 0 findings" in capsys.readouterr().out


def test_check_user_catalog(tmp_path, capsys):
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN, encoding="utf-8")
    cat = tmp_path / "mine.csv"
    cat.write_text("type,number,code,full_number,date,issuer,title_short,source_url\n"
                   "Kế hoạch,30,KH-UBND,30/KH-UBND,2023-02-07,UBND huyện An Lão,Dân vận 2023,\n", encoding="utf-8")
    # the citation names no place ("UBND huyện"): a local catalog row cannot be tied to it
    assert main(["check", str(p), "--catalog", str(cat)]) == 0
    p.write_text(CLEAN.replace("của UBND huyện", "của UBND huyện An Lão"), encoding="utf-8")
    assert main(["check", str(p), "--catalog", str(cat)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "the catalog gives 07/02/2023 for 30/KH-UBND" in out


@pytest.mark.parametrize("argv,message", [
    (["check", "/nonexistent/folder"], "input path not found"),
    (["check", "{tmp}", "--catalog", "/nonexistent.csv"], "cannot read catalog"),
    (["check", "{tmp}", "--rules", "/nonexistent-rules"], "rules folder not found"),
])
def test_check_bad_input_exits_2(tmp_path, capsys, argv, message):
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    rc = main([a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert rc == 2
    assert message in capsys.readouterr().err


def test_check_empty_folder_exits_2(tmp_path, capsys):
    (tmp_path / "notes.xyz").write_text("x")
    assert main(["check", str(tmp_path)]) == 2
    assert "no supported files" in capsys.readouterr().err


# --- extractor report ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run([SEEDS], out, keep_text=True, workers=1, progress=False)
    return out


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_report_is_one_self_contained_file(out_dir, tmp_path):
    target = tmp_path / "r" / "report.html"
    assert main(["report", str(out_dir), "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    # nothing is fetched: no external scripts, stylesheets, images or fonts
    assert not re.search(r"<(?:script|img|iframe)[^>]+src=|<link[^>]+href=|@import|url\(", page)
    assert "<style>" in page and "<svg" in page


def test_report_default_output_path(out_dir):
    assert main(["report", str(out_dir)]) == 0
    assert (out_dir / "report.html").is_file()


def test_report_contents(out_dir):
    page = render_report(read_tables(out_dir))
    findings = _jsonl(out_dir / "findings.jsonl")
    docs = _jsonl(out_dir / "documents.jsonl")
    assert page.count('<tr class="finding"') == len(findings)
    assert page.count('<article class="doc"') == len(docs) == 4
    assert "33/CT-TTg cited with date 26/11/2021 at §II.1, §II.2 and 21/11/2021" in page
    # the snippet marks the evidence in the text
    assert '<mark class="ent finding">Chỉ thị số 33/CT-TTg ngày 26/11/2021</mark>' in page
    # per-document text with displaCy-like marks, and the evidence outlined
    assert re.search(r'<mark class="ent cit has-finding" title="[^"]*⚠[^"]*">Kết luận số 114 -KL/TW', page)
    assert '<span class="sec" id="doc-2-s-II.1"></span>' in page
    # section references in messages link to the marked text
    assert 'cited with date 26/11/2021 at <a href="#doc-2-s-II.1">§II.1</a>' in page
    # charts: citations by type, issuer level and year, as many bars as distinct values
    types = {c["type"] for c in _jsonl(out_dir / "citations.jsonl")}
    chart = page[page.index('id="chart-type"'):page.index('id="chart-level"')]
    assert chart.count('<g class="bar"') == min(len(types), 12)
    assert 'data-label="central"' in page
    # most cited: the 33/CT-TTg directive of the Prime Minister is listed with both dates
    assert re.search(r"<td>33/CT-TTg</td><td>Chỉ thị</td><td>Thủ tướng Chính phủ</td><td>2021-11-21, 2021-11-26</td>", page)


def test_report_escapes_text(out_dir, tmp_path):
    out = tmp_path / "o"
    shutil.copytree(out_dir, out)
    docs = _jsonl(out / "documents.jsonl")
    docs[0]["title"] = "<script>alert(1)</script>"
    (out / "documents.jsonl").write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                                         encoding="utf-8")
    page = render_report(read_tables(out))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_report_without_texts_or_jsonl(out_dir, tmp_path):
    out = tmp_path / "csv-only"
    out.mkdir()
    for p in out_dir.glob("*.csv"):
        shutil.copy(p, out / p.name)
    page = render_report(read_tables(out))
    assert "Text not kept" in page
    assert page.count('<tr class="finding"') == len(_jsonl(out_dir / "findings.jsonl"))
    assert "<mark class=\"ent finding\">" in page  # evidence text shown without the document text


def test_report_size_limits(out_dir):
    page = render_report(read_tables(out_dir), max_text_chars=1000, max_per_kind=1)
    assert page.count("the report reached its size limit") == 4
    kinds = {f["kind"] for f in _jsonl(out_dir / "findings.jsonl")}
    assert page.count('<tr class="finding"') == len(kinds)
    assert "… 14 more malformed_symbol findings in findings.csv" in page


def test_report_errors(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing")]) == 2
    assert "output folder not found" in capsys.readouterr().err
    assert main(["report", str(tmp_path)]) == 2
    assert "has no documents.jsonl" in capsys.readouterr().err
    with pytest.raises(ReportError):
        read_tables(tmp_path)


def test_report_natural_sort_pages_and_graph(tmp_path):
    from extractor.archive.batch import run
    from extractor.present.report import natural_key

    assert sorted(["d10/a.txt", "d2/a.txt", "d1/b10.txt", "d1/b2.txt"], key=natural_key) == [
        "d1/b2.txt", "d1/b10.txt", "d2/a.txt", "d10/a.txt"]
    fixture = Path(__file__).parent / "fixtures" / "archive_links"
    out = tmp_path / "out"
    run([fixture], out, formats=("jsonl",), keep_text=True, workers=1, progress=False)
    target = out / "report.html"
    assert main(["report", str(out), "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert '<svg class="graph"' in page and "ke-hoach/214.txt" in page.split('<svg class="graph"')[1]
    pages = sorted(p.name for p in (out / "report" / "docs").glob("*.html"))
    assert pages == ["doc-1.html", "doc-2.html", "doc-3.html", "doc-4.html"]
    assert "Kế hoạch số 214/KH-UBND" in (out / "report" / "docs" / "doc-1.html").read_text(encoding="utf-8")
    tables = read_tables(out)
    pages_out: dict[str, str] = {}
    small = render_report(tables, pages=pages_out, inline_limit=2)  # a large run: index only
    assert '<article class="doc"' not in small and 'href="report/docs/doc-1.html"' in small
    assert len(pages_out) == 4
