"""Date mentions: numeric, written-out, partial (blank day/month) and ranges."""

from __future__ import annotations

from .models import DateMention
from .rules import Rules


def find_dates(text: str, rules: Rules | None = None) -> list[DateMention]:
    return []
