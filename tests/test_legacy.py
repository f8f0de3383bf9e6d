"""Legacy Vietnamese fonts (TCVN3/ABC, VNI, VISCII) → Unicode, in text and DOCX runs."""

from __future__ import annotations

import difflib

import pytest
from docx import Document

from extractor.ingest import legacy
from extractor.ingest.docx import read_docx
from extractor.ingest.txt import read_txt


def _matching_chars(want: str, have: str) -> int:
    sm = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks())


def char_accuracy(want: str, have: str) -> float:
    """Share of characters in common. Line by line when the line count is kept (the
    converters never add or drop a line): whole-text difflib is quadratic on 40k chars."""
    want_lines, have_lines = want.split("\n"), have.split("\n")
    if len(want_lines) == len(have_lines):
        same = sum(_matching_chars(w, h) for w, h in zip(want_lines, have_lines, strict=True)) + len(want_lines) - 1
    else:
        same = _matching_chars(want, have)
    return same / max(len(want), len(have), 1)


def test_char_accuracy_counts_changed_characters():
    assert char_accuracy("abc\ndef", "abc\ndef") == 1.0
    assert char_accuracy("abcd\nefgh", "abcd\nefgX") == 8 / 9
    assert char_accuracy("ab\ncd", "abcd") < 1.0


def test_unicode_seeds_are_never_converted(seed_texts):
    assert len(seed_texts) == 4
    for name, text in seed_texts.items():
        assert legacy.detect(text) is None, name
        assert legacy.detect_and_convert(text) == (text, None)


@pytest.mark.parametrize("text", [
    "Le début de l'été à Paris, où l'on mange des crêpes à côté du château.",
    "El niño comió paella en España; mañana irá a Málaga con su señora.",
    "Größere Übungen für Schüler: Müller äußert sich über die Straße.",
    "Giá trị © 2023 «Dân vận khéo» nhiệt độ 30°C – tăng 5%.",
    "Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh Quảng Ngãi.",
])
def test_detection_does_not_fire_on_other_text(text):
    assert legacy.detect(text) is None


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_seed_round_trip_accuracy(seed_texts, encoding):
    for name, text in seed_texts.items():
        encoded = legacy.to_legacy(text, encoding)
        assert encoded != text
        back, found = legacy.detect_and_convert(encoded)
        assert found == encoding, name
        assert char_accuracy(text, back) >= 0.995, name


def test_known_tcvn3_and_vni_phrases():
    assert legacy.detect_and_convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam\nĐéc lËp - Tù do - H¹nh phóc")[1] == "tcvn3"
    assert legacy.convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert legacy.convert("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni") == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_tcvn3_capitals_are_restored_in_words_set_in_capitals():
    assert legacy.convert("KH¸I QU¸T CHUNG", "tcvn3") == "KHÁI QUÁT CHUNG"
    assert legacy.convert("X· PHONG", "tcvn3") == "XÃ PHONG"
    assert legacy.convert("Sè: /BC-UBND", "tcvn3") == "Số: /BC-UBND"


def test_mixed_text_converts_only_the_legacy_lines():
    text = "Báo cáo kết quả thực hiện.\nC«ng t¸c d©n vËn chÝnh quyÒn n¨m 2023\nĐảng ủy xã."
    out, enc = legacy.detect_and_convert(text)
    assert enc == "tcvn3"
    assert out == "Báo cáo kết quả thực hiện.\nCông tác dân vận chính quyền năm 2023\nĐảng ủy xã."


def test_font_names():
    assert legacy.encoding_for_font(".VnTime") == ("tcvn3", False)
    assert legacy.encoding_for_font(".VnTimeH") == ("tcvn3", True)
    assert legacy.encoding_for_font("ABCDEF+.VnArial") == ("tcvn3", False)
    assert legacy.encoding_for_font("VNI-Times") == ("vni", False)
    assert legacy.encoding_for_font("Times New Roman") == (None, False)
    assert legacy.encoding_for_font(None) == (None, False)


def test_legacy_txt_file(tmp_path, seed_texts):
    text = seed_texts["pho-phong-2023"]
    path = tmp_path / "tcvn3.txt"
    path.write_text(legacy.to_legacy(text, "tcvn3"), encoding="utf-8")
    got = read_txt(path)
    assert got.encoding == "tcvn3"
    assert char_accuracy(text, got.text) >= 0.995


def _legacy_docx(path, paragraphs, encoding, font):
    """A DOCX typed in a legacy font; TCVN3 capitals in the H font, as typists did."""
    doc = Document()
    for para in paragraphs:
        p = doc.add_paragraph()
        for word in para.split(" "):
            upper = encoding == "tcvn3" and any(c.isupper() and not c.isascii() for c in word)
            run = p.add_run(legacy.to_legacy(word.lower() if upper else word, encoding) + " ")
            run.font.name = font + "H" if upper else font
    doc.save(path)


@pytest.mark.parametrize(("encoding", "font"), [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_docx_runs_convert(tmp_path, seed_texts, encoding, font):
    paras = [p.replace("\n", " ") for p in seed_texts["quang-trung-2023"].split("\n\n") if p.strip()]
    path = tmp_path / f"{encoding}.docx"
    _legacy_docx(path, paras, encoding, font)
    got = read_docx(path)
    assert got.encoding == encoding
    want = "\n\n".join(p.strip() for p in paras)
    have = "\n\n".join(p.strip() for p in got.text.split("\n\n"))
    assert char_accuracy(want, have) >= 0.995


def test_mixed_docx_converts_run_by_run(tmp_path):
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("Thực hiện ")  # Unicode run, default font
    legacy_run = p.add_run("KÕ ho¹ch sè 30/KH-UBND")
    legacy_run.font.name = ".VnTime"
    p.add_run(" của UBND tỉnh.")
    h = doc.add_paragraph().add_run("c«ng t¸c d©n vËn")
    h.font.name = ".VnTimeH"
    path = tmp_path / "mixed.docx"
    doc.save(path)
    got = read_docx(path)
    assert got.text == "Thực hiện Kế hoạch số 30/KH-UBND của UBND tỉnh.\n\nCÔNG TÁC DÂN VẬN"
    assert got.encoding == "tcvn3"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_legacy_txt_saved_as_8bit_bytes(tmp_path, seed_texts, encoding):
    text = seed_texts["son-long-2024"]
    codec = "latin-1" if encoding == "viscii" else "cp1252"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(legacy.to_legacy(text, encoding).encode(codec, errors="replace"))
    got = read_txt(path)
    assert got.encoding == encoding
    assert char_accuracy(text, got.text) >= 0.995


def test_undecodable_bytes_that_are_not_legacy_still_fail(tmp_path):
    from extractor.ingest import IngestError

    path = tmp_path / "x.txt"
    path.write_bytes("Größere Übungen für Schüler: Müller äußert sich über die Straße.".encode("latin-1") * 5)
    with pytest.raises(IngestError, match="unknown text encoding"):
        read_txt(path)


def _text_pdf(path, lines: list[str]) -> None:
    """A one-page PDF whose text layer holds ``lines`` in a standard (WinAnsi) font, as a
    PDF printed from a ``.VnTime`` document carries TCVN3 codes."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for k, line in enumerate(lines):
        obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12)
        buf = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 770 - 16 * k)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))


def test_tcvn3_pdf_text_layer_is_converted(tmp_path):
    from extractor.ingest.pdf import read_pdf

    lines = ["Thực hiện Kế hoạch số 30/KH-UBND ngày 17/02/2023 của UBND tỉnh về thực",
             "hiện quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2023."]
    path = tmp_path / "tcvn3.pdf"
    _text_pdf(path, [legacy.to_legacy(s, "tcvn3") for s in lines])
    got = read_pdf(path)
    assert got.encoding == "tcvn3"
    assert got.text == " ".join(lines)


def test_syllable_shape():
    for word in ("nghiêng", "thực", "quyền", "khuya", "gì", "Đảng", "ước"):
        assert legacy._is_syllable(word), word
    for word in ("Thùc", "hiỷn", "hoỰch", "comiú", "Größere", "niủo"):
        assert not legacy._is_syllable(word), word
