"""Short-form references (Chỉ thị 33) and laws named without a number."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Citation, Mention
from .rules import Rules


def find_mentions(text: str, rules: Rules, citations: Sequence[Citation] = (),
                  protected: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    return []
