"""Citations of other documents: a grammar over type word, number, symbol and date."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Citation
from .rules import Rules


def find_citations(text: str, rules: Rules, exclude: Sequence[tuple[int, int]] = ()) -> list[Citation]:
    """Every numbered reference to another document, in reading order.

    ``exclude``: spans that are not citations (the document's own ``Số:`` line)."""
    return []
