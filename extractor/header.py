"""Header and closing block: issuer, số/ký hiệu, place, date, type, title, signer, recipients."""

from __future__ import annotations

from .models import Header
from .rules import Rules


def parse_header(text: str, rules: Rules) -> Header:
    """Read the header (top of ``text``) and the closing (Nơi nhận, signature)."""
    return Header(body_start=0, body_end=None)
