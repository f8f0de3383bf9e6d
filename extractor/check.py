"""Consistency checks of citations and figures, within a document and across an archive."""

from __future__ import annotations

from collections.abc import Iterable

from .models import DocumentResult, Finding
from .rules import Rules


def check_document(result: DocumentResult, rules: Rules) -> list[Finding]:
    return []


def check_archive(results: Iterable[DocumentResult], rules: Rules) -> list[Finding]:
    return []
