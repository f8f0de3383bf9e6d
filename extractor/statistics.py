"""Statistics: Vietnamese numbers with their unit and what they count."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Statistic
from .rules import Rules


def find_statistics(text: str, rules: Rules, protected: Sequence[tuple[int, int]] = ()) -> list[Statistic]:
    """``protected``: spans whose numbers are not statistics (citations, dates, markers)."""
    return []
