"""Files that cannot be read give a precise IngestError, and the batch goes on."""

from __future__ import annotations

import json
import shutil

import pytest

from extractor.archive import batch
from extractor.ingest import IngestError, read_file

from .conftest import SEEDS
from .format_compare import FIXTURES


def _pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct xref table from numbered object bodies."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def encrypted_pdf() -> bytes:
    """Standard security handler, 40-bit RC4, with a user password we do not know."""
    return _pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ",
    )


def make_bad_files(folder):
    (folder / "encrypted.pdf").write_bytes(encrypted_pdf())
    data = (FIXTURES / "quang-trung-2023.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "empty.docx").write_bytes(b"")
    (folder / "notzip.docx").write_bytes(b"This is plain text saved with a .docx name.\n" * 20)
    (folder / "page.pdf").write_bytes(
        b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n")
    (folder / "empty.pdf").write_bytes(b"")


EXPECTED = {
    "encrypted.pdf": "encrypted PDF",
    "truncated.pdf": "truncated PDF",
    "empty.docx": "empty file",
    "notzip.docx": "not a ZIP package",
    "page.pdf": "HTML page",
    "empty.pdf": "empty file",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_message(tmp_path, name):
    make_bad_files(tmp_path)
    with pytest.raises(IngestError, match=EXPECTED[name]):
        read_file(tmp_path / name)


def test_huge_pdf_is_refused_quickly(tmp_path):
    import pypdfium2 as pdfium

    from extractor.ingest.pdf import MAX_PAGES

    pdf = pdfium.PdfDocument.new()
    for _ in range(MAX_PAGES + 1):
        pdf.new_page(595, 842)
    path = tmp_path / "huge.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(IngestError, match=f"{MAX_PAGES + 1} pages, more than the limit"):
        read_file(path)


def test_batch_goes_on_past_bad_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    make_bad_files(folder)
    shutil.copy(SEEDS / "pho-phong-2023.txt", folder / "good.txt")
    shutil.copy(FIXTURES / "quang-trung-2023.pdf", folder / "good.pdf")
    out = tmp_path / "out"
    summary = batch.run([folder], out, formats=("jsonl",), workers=1, progress=False)
    assert summary.n_documents == len(EXPECTED) + 2
    docs = {d["doc_id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())}
    assert set(docs) == set(EXPECTED) | {"good.txt", "good.pdf"}
    for name, fragment in EXPECTED.items():
        assert docs[name]["status"] == "error", name
        assert fragment in docs[name]["error"], name
    assert docs["good.txt"]["status"] == "ok" and docs["good.pdf"]["status"] == "ok"
    assert docs["good.pdf"]["n_pages"] > 1
    cites = [json.loads(line) for line in (out / "citations.jsonl").read_text().splitlines()]
    assert {c["doc_id"] for c in cites} == {"good.txt", "good.pdf"}
    assert any(c["canonical"] == "39-NQ/ĐU" and c["page"] == 1 for c in cites if c["doc_id"] == "good.pdf")
