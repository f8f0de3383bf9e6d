"""Plain text and markdown: detect the encoding, decode, convert legacy Vietnamese fonts."""

from __future__ import annotations

from pathlib import Path

from ..text.fold import base_letter
from .base import Ingested, IngestError

# Share of C0 control bytes (other than tab/LF/CR/FF) above which a file is binary.
_BINARY_CONTROL_SHARE = 0.01


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > _BINARY_CONTROL_SHARE * max(len(sample), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte for ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    for enc, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if nuls > 0.3 * half:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes. Returns (text, encoding) or raises IngestError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(f"broken UTF-16 text: {exc.reason} at byte {exc.start}") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if looks_binary(data):
            raise IngestError("binary file, not text (control bytes found)") from utf8_error
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"unknown text encoding: not UTF-8 (bad byte at {utf8_error.start}),"
                " UTF-16 or Windows-1258"
            ) from exc
        if not _plausible_cp1258(text):
            raise IngestError(
                f"unknown text encoding: not UTF-8 (bad byte at {utf8_error.start}),"
                " UTF-16 or Windows-1258"
            ) from utf8_error
        return text, "cp1258"


def _plausible_cp1258(text: str) -> bool:
    """Windows-1258 decodes nearly any bytes; accept it only when most letters are Vietnamese."""
    import unicodedata

    nfc = unicodedata.normalize("NFC", text[:20000])
    letters = [c for c in nfc if c.isalpha()]
    if not letters:
        return False
    odd = sum(1 for c in letters if not _is_vietnamese_letter(c))
    return odd <= 0.02 * len(letters)


def _is_vietnamese_letter(c: str) -> bool:
    return c.isascii() or base_letter(c).isascii() or c in "đĐ"


def read_txt(path: Path, **_options) -> Ingested:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    if not data.strip():
        return Ingested("", fmt, encoding=None)
    if looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _utf16_without_bom(data) is None:
        raise IngestError("binary file, not text (NUL or control bytes found)")
    try:
        text, encoding = decode_bytes(data)
    except IngestError:
        legacy_bytes = _legacy_bytes(data)  # TCVN3/VNI/VISCII saved as 8-bit bytes
        if legacy_bytes is None:
            raise
        return Ingested(legacy_bytes[0], fmt, encoding=legacy_bytes[1])
    text, legacy = convert_legacy(text)
    return Ingested(text, fmt, encoding=legacy or encoding)


def _legacy_bytes(data: bytes) -> tuple[str, str] | None:
    try:
        from .legacy import decode_legacy_bytes
    except ImportError:
        return None
    return decode_legacy_bytes(data)


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Convert pre-Unicode Vietnamese font encodings (TCVN3, VNI, VISCII) when detected."""
    try:
        from .legacy import detect_and_convert
    except ImportError:
        return text, None
    return detect_and_convert(text)
