"""extractor show: displaCy HTML and the text summary."""

import html
import json

import regex as re

from extractor.cli import main
from extractor.models import Citation, DateMention, DocumentInfo, DocumentResult, ModelRecord
from extractor.present.show import render_html, visible_spans

from .conftest import GOLD, SEEDS

# displaCy's entity markup: <mark ...> text <span ...>LABEL <a ...>kb_id</a></span></mark>
MARK = re.compile(r"<mark[^>]*>\s*(.*?)\s*<span[^>]*>(\w+)\s*(?:<a[^>]*>(.*?)</a>)?\s*</span>\s*</mark>", re.S)


def marks(page: str) -> list[tuple[str, str, str]]:
    return [(html.unescape(t), label, html.unescape(kb or "")) for t, label, kb in MARK.findall(page)]


def test_html_marks_known_records(tmp_path):
    out = tmp_path / "show.html"
    seed = SEEDS / "quang-trung-2023.txt"
    assert main(["show", str(seed), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    found = marks(page)
    gold = json.loads((GOLD / "quang-trung-2023.json").read_text(encoding="utf-8"))
    first = gold["citations"][0]  # Nghị quyết số 39-NQ/ĐU ngày 22/3/2023
    assert any(t == first["text"] and label == "CITATION" and first["canonical"] in kb for t, label, kb in found)
    assert ("Dân vận khéo", "MODEL") in {(t, label) for t, label, _ in found}
    assert any(t == "Đề án 06" and label == "MENTION" and "unresolved" in kb for t, label, kb in found)
    assert any(label == "STATISTIC" for _, label, _ in found)
    assert any(label == "SECTION" for _, label, _ in found)


def test_overlapping_records_show_the_citation_and_escape_the_note():
    text = "Theo Công văn số 2231/SNV-CCHC&PC ngày 05/6/2023 và mô hình “Dân vận khéo”.\nHết."
    cstart = text.index("Công văn")
    cend = text.index(" và")
    dstart = text.index("ngày")
    mstart = text.index("Dân vận")
    result = DocumentResult(
        info=DocumentInfo(doc_id="t"), text=text,
        citations=[Citation(text[cstart:cend], "Công văn", "2231", "SNV-CCHC&PC", "2231/SNV-CCHC&PC", 2023,
                            "2023-06-05", None, cstart, cend)],
        dates=[DateMention(text[dstart:cend], "2023-06-05", None, dstart, cend)],
        models=[ModelRecord("Dân vận khéo", "mô hình", None, None, 1, mstart, mstart + 12,
                            spans=[(mstart, mstart + 12)])],
    )
    assert [(e["label"], e["start"]) for e in visible_spans(result)] == [("CITATION", cstart), ("MODEL", mstart)]
    page = render_html(result)
    assert "2231/SNV-CCHC&amp;PC" in page and "CCHC&PC" not in page
    assert marks(page)[0][0] == text[cstart:cend]
    assert "<br>Hết." in page  # paragraphs kept


def test_text_summary(capsys):
    assert main(["show", str(SEEDS / "son-long-2024.txt")]) == 0
    out = capsys.readouterr().out
    for needle in ("son-long-2024.txt", "citations (", "models (", "Shop đồ không đồng",
                   "hội Cựu Chiến binh xã", "Luật cán bộ, công chức", "22/2008/QH12"):
        assert needle in out, needle


def test_exit_codes(tmp_path, capsys):
    assert main(["show", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "a.xyz"
    bad.write_text("x", encoding="utf-8")
    assert main(["show", str(bad)]) == 1
    assert main(["show", str(SEEDS / "son-long-2024.txt"), "--rules", str(tmp_path / "nope")]) == 2
    assert main(["show", str(SEEDS / "son-long-2024.txt"), "--html", str(tmp_path / "no" / "x.html")]) == 2
    assert "error" in capsys.readouterr().err
