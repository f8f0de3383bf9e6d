"""Section tree of the body: I., Phần thứ nhất, 1., 2.1., a) with canonical roles."""

from __future__ import annotations

from .models import Section
from .rules import Rules


def find_sections(text: str, rules: Rules, start: int = 0, end: int | None = None) -> list[Section]:
    """Every heading between ``start`` and ``end`` as a Section (reading order)."""
    return []
