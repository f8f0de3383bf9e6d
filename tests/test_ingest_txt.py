import unicodedata

import pytest

from extractor.ingest import IngestError, read_file

VIET = "Kế hoạch số 30/KH-UBND ngày 17/02/2023 của Ủy ban nhân dân tỉnh Quảng Ngãi"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text):
    """Windows-1258 stores tone marks as combining characters after a precomposed base."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
            tones = "".join(c for c in nfd if c in TONES)
            out += (base + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    "encoding,expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16"),
     ("cp1258", "cp1258")],
)
def test_encodings_are_detected(tmp_path, encoding, expected):
    p = tmp_path / "a.txt"
    p.write_bytes(to_cp1258(VIET) if encoding == "cp1258" else VIET.encode(encoding))
    got = read_file(p)
    assert got.encoding == expected
    assert unicodedata.normalize("NFC", got.text) == VIET


def test_binary_file_is_a_clear_error(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(IngestError, match="binary"):
        read_file(p)


def test_unknown_encoding_is_a_clear_error(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes("Привет мир, это не вьетнамский текст".encode("koi8-r") * 10)
    with pytest.raises(IngestError, match="encoding"):
        read_file(p)


def test_unsupported_suffix(tmp_path):
    p = tmp_path / "d.xyz"
    p.write_text("x")
    with pytest.raises(IngestError, match="unsupported"):
        read_file(p)
