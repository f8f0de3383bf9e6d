"""Named models, movements, campaigns and slogans (mô hình “Dân vận khéo”)."""

from __future__ import annotations

from collections.abc import Sequence

from .models import ModelRecord, Section
from .rules import Rules


def find_models(text: str, rules: Rules, sections: Sequence[Section] = ()) -> list[ModelRecord]:
    return []
