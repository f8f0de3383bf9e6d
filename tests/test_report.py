"""``extractor check`` (terminal findings, exit codes) and ``extractor report`` (one HTML file)."""

import json
import re
import shutil
from pathlib import Path

import pytest

from extractor.archive.batch import run
from extractor.cli import main
from extractor.present.report import ReportError, read_tables, render_report, write_report_files
from extractor.present.report_html import natural_key, page_name

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
    pages = sorted((tmp_path / "r" / "report" / "docs").glob("*.html"))
    assert len(pages) == 4
    for page in [target.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in pages]:
        # nothing is fetched: no external scripts, stylesheets, images or fonts
        assert not re.search(r"<(?:script|img|iframe)[^>]+src=|<link[^>]+href=|@import|url\(", page)
        assert "<style>" in page
    assert "<svg" in target.read_text(encoding="utf-8")


def test_report_default_output_path(out_dir):
    assert main(["report", str(out_dir)]) == 0
    assert (out_dir / "report.html").is_file()
    assert (out_dir / "report" / "docs" / "pho-phong-2023.txt.html").is_file()


def _written(out, tmp_path, **kw):
    target = tmp_path / "w" / "report.html"
    write_report_files(read_tables(out), target, **kw)
    docs = target.parent / "report" / "docs"
    return target.read_text(encoding="utf-8"), {p.name: p.read_text(encoding="utf-8") for p in docs.glob("*.html")}


def test_report_contents(out_dir, tmp_path):
    page, pages = _written(out_dir, tmp_path)
    findings = _jsonl(out_dir / "findings.jsonl")
    docs = _jsonl(out_dir / "documents.jsonl")
    assert page.count('<tr class="finding"') == len(findings)
    # the texts are on the document pages, not in the summary
    assert '<article class="doc"' not in page and len(pages) == len(docs) == 4
    assert all(p.count('<article class="doc"') == 1 for p in pages.values())
    assert re.search(r"33/CT-TTg cited with date 26/11/2021 at <a [^>]+>§II.1</a>, <a [^>]+>§II.2</a> and 21/11/2021",
                     page)
    # the snippet marks the evidence in the text
    assert '<mark class="ent finding">Chỉ thị số 33/CT-TTg ngày 26/11/2021</mark>' in page
    # per-document text with displaCy-like marks, and the evidence outlined
    pho = pages["pho-phong-2023.txt.html"]
    assert re.search(r'<mark class="ent cit has-finding" title="[^"]*⚠[^"]*">Kết luận số 114 -KL/TW', pho)
    assert '<span class="sec" id="s-II.1"></span>' in pho
    assert "33/CT-TTg cited with date 26/11/2021 at §II.1, §II.2 and 21/11/2021" in pho  # the mark's title
    # section references in messages link to the marked text, in the summary and on the page
    assert 'at <a href="report/docs/pho-phong-2023.txt.html#s-II.1">§II.1</a>' in page
    assert 'at <a href="#s-II.1">§II.1</a>' in pho
    # charts: citations by type, issuer level and year, as many bars as distinct values
    types = {c["type"] for c in _jsonl(out_dir / "citations.jsonl")}
    chart = page[page.index('id="chart-type"'):page.index('id="chart-level"')]
    assert chart.count('<g class="bar"') == min(len(types), 12)
    assert 'data-label="central"' in page
    # most cited: the 33/CT-TTg directive of the Prime Minister is listed with both dates
    assert re.search(r"<td>33/CT-TTg</td><td>Chỉ thị</td><td>Thủ tướng Chính phủ</td><td>2021-11-21, 2021-11-26</td>", page)


def test_summary_links_to_document_pages_that_exist(out_dir, tmp_path):
    page, _ = _written(out_dir, tmp_path)
    base = tmp_path / "w"
    links = set(re.findall(r'href="(report/docs/[^"#]+)', page))
    assert len(links) == 4
    assert all((base / link).is_file() for link in links)
    for doc_page in _written(out_dir, tmp_path)[1].values():
        assert 'href="../../report.html"' in doc_page  # back to the summary


def test_report_never_says_at_before_the_first_section(out_dir, tmp_path):
    page, pages = _written(out_dir, tmp_path)
    for text in [page, *pages.values(), (out_dir / "findings.jsonl").read_text(encoding="utf-8")]:
        assert "at before the first section" not in text


def test_report_escapes_text(out_dir, tmp_path):
    out = tmp_path / "o"
    shutil.copytree(out_dir, out)
    docs = _jsonl(out / "documents.jsonl")
    docs[0]["title"] = "<script>alert(1)</script>"
    (out / "documents.jsonl").write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                                         encoding="utf-8")
    page, pages = _written(out, tmp_path)
    for text in (page, pages[page_name(docs[0]["doc_id"])]):
        assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_report_without_texts_or_jsonl(out_dir, tmp_path):
    out = tmp_path / "csv-only"
    out.mkdir()
    for p in out_dir.glob("*.csv"):
        shutil.copy(p, out / p.name)
    page, pages = _written(out, tmp_path)
    assert all("Text not kept" in p for p in pages.values())
    assert page.count('<tr class="finding"') == len(_jsonl(out_dir / "findings.jsonl"))
    assert "<mark class=\"ent finding\">" in page  # evidence text shown without the document text


def test_report_size_limits(out_dir, tmp_path):
    page, pages = _written(out_dir, tmp_path, max_text_chars=1000)
    assert sum("Text cut at 1,000 of" in p for p in pages.values()) == 4
    assert all(len(p) < 40_000 for p in pages.values())
    page = render_report(read_tables(out_dir), max_per_kind=1)
    kinds = {f["kind"] for f in _jsonl(out_dir / "findings.jsonl")}
    assert page.count('<tr class="finding"') == len(kinds)
    assert "… 14 more malformed_symbol findings in findings.csv" in page


def test_stale_document_pages_are_removed(out_dir, tmp_path):
    docs = tmp_path / "w" / "report" / "docs"
    docs.mkdir(parents=True)
    (docs / "gone.txt.html").write_text("old", encoding="utf-8")
    _, pages = _written(out_dir, tmp_path)
    assert "gone.txt.html" not in pages and len(pages) == 4


def test_natural_key():
    ids = ["bc-10.txt", "bc-2.txt", "BC-1.txt", "bc-2a.txt", "a/bc-9.txt"]
    assert sorted(ids, key=natural_key) == ["a/bc-9.txt", "BC-1.txt", "bc-2.txt", "bc-2a.txt", "bc-10.txt"]


def _folder(tmp_path, **tables):
    out = tmp_path / "t"
    out.mkdir()
    for name, rows in tables.items():
        (out / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                           encoding="utf-8")
    return out


def test_documents_are_sorted_naturally(tmp_path):
    ids = ["bc-10.txt", "bc-2.txt", "bc-1.txt", "bc-100.txt"]
    out = _folder(tmp_path, documents=[{"doc_id": d, "status": "ok"} for d in ids],
                  findings=[{"doc_id": d, "kind": "k", "severity": "info", "message": "m"} for d in ids])
    page, pages = _written(out, tmp_path)
    index = page[page.index('id="documents"'):]
    assert re.findall(r'<a href="report/docs/[^"]+">([^<]+)</a>', index) == ["bc-1.txt", "bc-2.txt", "bc-10.txt",
                                                                              "bc-100.txt"]
    findings = page[page.index('id="kind-k"'):page.index('id="cited"')]
    assert re.findall(r"<a [^>]*>(bc-[^<]+)</a>", findings) == ["bc-1.txt", "bc-2.txt", "bc-10.txt", "bc-100.txt"]
    # each page leads to its neighbours in the same order
    assert 'rel="next" href="bc-10.txt.html"' in pages["bc-2.txt.html"]


def _cit(doc, canonical, relation, target=None, issuer="UBND tỉnh"):
    return {"doc_id": doc, "canonical": canonical, "type": "Kế hoạch", "issuer": issuer, "relation": relation,
            "target_doc_id": target, "start": 0, "end": 1}


def test_graph_lists_the_most_cited_canonical_and_what_implements_it(tmp_path):
    docs = [{"doc_id": f"bc-{i}.txt", "status": "ok", "date": f"2024-01-{i:02d}"} for i in range(1, 12)]
    cits = ([_cit(f"bc-{i}.txt", "214/KH-UBND", "implements", "bc-1.txt") for i in range(2, 10)]
            + [_cit("bc-10.txt", "214/KH-UBND", "basis", "bc-1.txt"), _cit("bc-11.txt", "214/KH-UBND", "mention", "bc-1.txt")]
            + [_cit("bc-2.txt", "05/KH-UBND", "reference")])
    cited = [{"cited_id": "cited#1", "canonical": "214/KH-UBND", "type": "Kế hoạch", "issuer": "UBND tỉnh",
              "n_citations": 10, "n_citing_documents": 10, "target_doc_id": "bc-1.txt"},
             {"cited_id": "cited#2", "canonical": "05/KH-UBND", "type": "Kế hoạch", "issuer": "UBND tỉnh",
              "n_citations": 1, "n_citing_documents": 1, "target_doc_id": None}]
    out = _folder(tmp_path, documents=docs, citations=cits, cited_documents=cited)
    page = render_report(read_tables(out))
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="graph"'):]
    svg = svg[:svg.index("</svg>")]
    hubs = re.findall(r'<g class="hub" data-canonical="([^"]+)" data-target="([^"]*)"', svg)
    assert hubs == [("214/KH-UBND", "bc-1.txt"), ("05/KH-UBND", "")]
    first = svg[:svg.index('data-canonical="05/KH-UBND"')]
    assert '<a href="report/docs/bc-1.txt.html">' in first  # the hub is the archive's own document
    kids = re.findall(r'<g class="cite" data-doc-id="([^"]+)" data-relation="([^"]+)"', first)
    # implementers first (natural order), then the basis; six shown, the rest counted
    assert kids == [(f"bc-{i}.txt", "implements") for i in range(2, 8)]
    assert "+ 3 more documents" in first and "+ 1 document citing it as a reference or mention" in first
    assert "1 document citing it as a reference or mention" in svg[svg.index('data-canonical="05/KH-UBND"'):]


def test_graph_without_cited_documents_groups_citations_by_canonical(tmp_path):
    docs = [{"doc_id": f"d{i}", "status": "ok"} for i in range(3)]
    cits = [_cit("d0", "9/KH-UBND", "implements"), _cit("d1", "9/KH-UBND", "basis"), _cit("d1", "7/KH", "basis")]
    page = render_report(read_tables(_folder(tmp_path, documents=docs, citations=cits)))
    assert re.findall(r'<g class="hub" data-canonical="([^"]+)"', page) == ["9/KH-UBND", "7/KH"]


def test_report_errors(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing")]) == 2
    assert "output folder not found" in capsys.readouterr().err
    assert main(["report", str(tmp_path)]) == 2
    assert "has no documents.jsonl" in capsys.readouterr().err
    with pytest.raises(ReportError):
        read_tables(tmp_path)


def test_report_natural_sort_pages_and_graph(tmp_path):
    from extractor.archive.batch import run

    assert sorted(["d10/a.txt", "d2/a.txt", "d1/b10.txt", "d1/b2.txt"], key=natural_key) == [
        "d1/b2.txt", "d1/b10.txt", "d2/a.txt", "d10/a.txt"]
    fixture = Path(__file__).parent / "fixtures" / "archive_links"
    out = tmp_path / "out"
    run([fixture], out, formats=("jsonl",), keep_text=True, workers=1, progress=False)
    target = out / "report.html"
    assert main(["report", str(out), "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    graph = page[page.index('class="graph"'):]
    graph = graph[:graph.index("</svg>")]
    # the archive's own plan is a hub of the graph, linked to its page
    assert 'data-target="ke-hoach/214.txt"' in graph
    assert f'<a href="report/docs/{page_name("ke-hoach/214.txt")}">' in graph
    docs = out / "report" / "docs"
    ids = [d["doc_id"] for d in _jsonl(out / "documents.jsonl")]
    assert sorted(p.name for p in docs.glob("*.html")) == sorted(page_name(d) for d in ids)
    dung = (docs / page_name("bao-cao/dung.txt")).read_text(encoding="utf-8")
    assert re.search(r'<mark class="ent cit[^"]*" title="[^"]*">Kế hoạch số 214/KH-UBND', dung)
    # the report citing the plan is drawn beside it, the plans of the index in natural order
    assert 'data-doc-id="bao-cao/dung.txt"' in graph
    index = page[page.index('id="documents"'):]
    assert re.findall(r'<a href="report/docs/[^"]+">([^<]+)</a>', index) == sorted(ids, key=natural_key)
