"""A fuzz corpus built in a temporary folder (nothing binary is committed): files that are
broken, hostile or extreme in shape, each with what its ``documents`` row must say.

``make_corpus(folder, outside)`` writes the files into ``folder`` (and a secret file into
``outside``, which symlinks under ``folder`` point at) and returns {doc_id: Expect}.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .format_compare import FIXTURES

SECRET = "Kế hoạch số 999/KH-BIMAT ngày 01/01/2020 của UBND tỉnh"  # must never be read
SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".doc")


@dataclass(frozen=True)
class Expect:
    statuses: tuple[str, ...]  # allowed documents.status values
    error: str | None = None  # a fragment the error message must hold


# --- ZIP packages written by hand: members sharing data, sizes that the directory declares ----

def _zip(members: list[tuple[str, bytes, int, int]], aliases: list[str] = ()) -> bytes:
    """A ZIP of (name, deflated data, crc, size) members; every alias is one more central
    directory entry pointing at the first member's data (an overlapping zip bomb)."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in members:
        off = out.tell()
        raw = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0))
        out.write(raw + data)
        central.append((raw, crc, len(data), size, off))
    first = central[0]
    central += [(a.encode(), first[1], first[2], first[3], first[4]) for a in aliases]
    cd_start = out.tell()
    for raw, crc, csize, size, off in central:
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, csize, size,
                              len(raw), 0, 0, 0, 0, 0, off))
        out.write(raw)
    cd_size = out.tell() - cd_start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), cd_size, cd_start, 0))
    return out.getvalue()


def _deflated_zeros(mb: int) -> tuple[bytes, int, int]:
    """``mb`` MB of zero bytes, deflated (about 1 kB per MB), with its CRC and size."""
    zeros = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, the same every time
    crc = 0
    for _ in range(mb):
        crc = zlib.crc32(zeros, crc)
    return block * mb + c.flush(), crc, mb << 20


def _docx_members() -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(FIXTURES / "quang-trung-2023.docx") as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _deflate(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def overlapping_bomb() -> bytes:
    """A real docx plus 40 directory entries sharing one 64 MB member: ~70 kB → 2.6 GB."""
    data, crc, size = _deflated_zeros(64)
    members = [("word/media/image1.png", data, crc, size)] + [_deflate(n, d) for n, d in _docx_members()]
    return _zip(members, aliases=[f"word/media/image{i}.png" for i in range(2, 42)])


def ratio_bomb() -> bytes:
    """One honest member below the total limit but expanding ~1,000 times (32 MB)."""
    data, crc, size = _deflated_zeros(32)
    return _zip([_deflate(n, d) for n, d in _docx_members()] + [("word/media/image1.png", data, crc, size)])


def billion_laughs() -> bytes:
    """The docx with a DTD of nested entities in word/document.xml."""
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 or "")) * 10}">' for i in range(1, 10)]
    members = []
    for name, data in _docx_members():
        if name == "word/document.xml":
            head, _, rest = data.partition(b"?>")
            dtd = ("<!DOCTYPE w:document [" + "".join(ents) + "]>").encode()
            data = head + b"?>" + dtd + rest.replace(b"<w:t>", b"<w:t>&lol9;", 1)
        members.append((name, data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def not_a_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("notes/readme.txt", "một tệp nén, không phải văn bản Word")
    return buf.getvalue()


def pdf_bomb(mb: int = 640) -> bytes:
    """A one-page PDF whose content stream (about 1 kB per MB) inflates to ``mb`` MB."""
    from .test_bad_files import _pdf_bytes

    spaces = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    tail = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
    adler = 1
    for _ in range(mb):
        adler = zlib.adler32(spaces, adler)
    adler = zlib.adler32(tail, adler)
    data = b"\x78\xda" + block * mb + c.compress(tail) + c.flush() + struct.pack(">I", adler)
    return _pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def encrypted_pdf() -> bytes:
    from .test_bad_files import encrypted_pdf as make

    return make()


# --- the corpus -----------------------------------------------------------------------------

FAILED = ("error",)
READ = ("ok", "empty")


def make_corpus(folder: Path, outside: Path, links: bool = True) -> dict[str, Expect]:
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261208)
    want: dict[str, Expect] = {}

    def put(name: str, data: bytes | str, expect: Expect) -> None:
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        want[name] = expect

    for suffix in SUFFIXES:  # random bytes: a clear error (or, rarely, text for .txt/.md)
        put(f"random{suffix}", rng.randbytes(8192),
            Expect(FAILED + (READ if suffix in (".txt", ".md") else ())))
        put(f"random-small{suffix}", rng.randbytes(7), Expect(FAILED + (READ if suffix in (".txt", ".md") else ())))
    pdf = (FIXTURES / "quang-trung-2023.pdf").read_bytes()
    put("truncated.pdf", pdf[: len(pdf) // 3], Expect(FAILED, "truncated PDF"))
    put("truncated-head.pdf", pdf[:200], Expect(FAILED))
    put("encrypted.pdf", encrypted_pdf(), Expect(FAILED, "encrypted PDF"))
    put("bomb.pdf", pdf_bomb(), Expect(FAILED, "decompression bomb"))
    put("archive.docx", not_a_docx(), Expect(FAILED, "without word/document.xml"))
    put("bomb.docx", overlapping_bomb(), Expect(FAILED, "zip bomb"))
    put("ratio-bomb.docx", ratio_bomb(), Expect(FAILED, "zip bomb"))
    put("laughs.docx", billion_laughs(), Expect(FAILED, "DTD"))
    docx = (FIXTURES / "quang-trung-2023.docx").read_bytes()
    put("truncated.docx", docx[: len(docx) // 2], Expect(FAILED, "truncated"))
    doc = (FIXTURES / "quang-trung-2023.doc").read_bytes()
    put("truncated.doc", doc[: len(doc) // 2], Expect(FAILED + READ))

    seeds = (FIXTURES.parent.parent.parent / "corpora" / "seeds").glob("*.txt")
    line = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(seeds))
    put("one-line.txt", (line + " ") * (1_000_000 // len(line.encode()) + 1), Expect(("ok",)))
    put("digits.txt", "Tổng số " + "1234567890" * 1000 + " người.\n" + "9" * 10_000 + "\n", Expect(("ok",)))
    put("slashes.txt", "Số " + "/" * 100_000 + "\n" + "-" * 100_000 + "\n" + "/-" * 50_000 + "\n", Expect(("ok",)))

    secret = outside / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    if not links:
        return want
    os.symlink(secret, folder / "escape.txt")
    want["escape.txt"] = Expect(("skipped",), "outside")
    os.symlink(folder / "loop.txt", folder / "loop.txt")  # points at itself
    want["loop.txt"] = Expect(("skipped", "error"), "loop")
    os.symlink(outside, folder / "outdir", target_is_directory=True)  # a folder outside: not walked
    want["outdir"] = Expect(("skipped",), "outside")
    (folder / "sub").mkdir(exist_ok=True)
    os.symlink(folder, folder / "sub" / "up", target_is_directory=True)  # a folder loop: not walked
    return want
