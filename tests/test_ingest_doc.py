"""Word 97-2003 .doc: antiword (or LibreOffice) output matches the .txt seeds."""

from __future__ import annotations

import shutil

import pytest

from extractor.ingest import IngestError
from extractor.ingest import doc as doc_mod
from extractor.ingest.doc import layout_antiword, read_doc

from .format_compare import FIXTURE_SEEDS, FIXTURES, assert_same_as_txt, fixture_result


def test_antiword_is_installed():
    assert shutil.which("antiword"), "run scripts/install-system-deps.sh (Debian package antiword)"


@pytest.mark.parametrize("seed", FIXTURE_SEEDS)
def test_doc_gives_the_same_records_as_txt(seed):
    assert_same_as_txt(seed, fixture_result(seed, "doc"))


def test_doc_header_table_and_paragraphs():
    text = read_doc(FIXTURES / "pho-phong-2023.doc").text
    assert text.startswith("ỦY BAN NHÂN DÂN\nXÃ PHỔ PHONG\nSố: /BC-UBND\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    # paragraphs are not re-wrapped at 80 columns
    assert ("Kết quả thực hiện Chỉ thị số 33/CT-TTg và Kế hoạch số 30/KH-UBND ngày 17/02/2023 "
            "của UBND tỉnh về thực hiện") in text


def test_antiword_table_layout():
    raw = ("Trước bảng.\n\n|STT |Nội dung   |Số |\n|1   |Hội nghị   |12 |\n\nSau bảng.\n")
    assert layout_antiword(raw) == "Trước bảng.\n\nSTT | Nội dung | Số\n1 | Hội nghị | 12\n\nSau bảng."
    two = "|TM. ỦY BAN NHÂN DÂN |Nơi nhận:   |\n|CHỦ TỊCH           |- Lưu: VT.  |\n"
    assert layout_antiword(two) == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNơi nhận:\n- Lưu: VT."


def test_without_antiword_or_libreoffice_the_error_names_the_packages(monkeypatch):
    monkeypatch.setattr(doc_mod.shutil, "which", lambda name: None)
    with pytest.raises(IngestError, match="antiword.*libreoffice-writer-nogui"):
        read_doc(FIXTURES / "pho-phong-2023.doc")


def test_docx_named_doc_is_read_as_docx(tmp_path):
    path = tmp_path / "new.doc"
    shutil.copy(FIXTURES / "quang-trung-2023.docx", path)
    got = read_doc(path)
    assert got.format == "doc" and "as .docx" in got.warning and "BÁO CÁO" in got.text


def test_not_a_word_file(tmp_path):
    path = tmp_path / "x.doc"
    path.write_bytes(b"Just some text, not Word.")
    with pytest.raises(IngestError, match="OLE2"):
        read_doc(path)
