"""Is this file an administrative document, or a README / notes kept beside the reports?

The answer is measured so that real reports without a header (portal excerpts, drafts,
flattened headers) are kept: see ``rules/documents.yaml`` and its examples. A file that
is not a document keeps its ``documents`` row (status ``not_document`` and the reason) and
no records.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex as re

from ..models import DocumentResult
from ..rules import Rules
from ..text.fold import fold

_WORD = re.compile(r"[\p{L}\p{M}]+")
# In NFD: đ, and the marks of ă â ê ô ơ ư and of the five tones.
_VIETNAMESE = re.compile(r"[đĐ\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]")


@dataclass(frozen=True, slots=True)
class _Compiled:
    min_share: float
    min_words: int
    min_statistics: int
    min_chars: int
    words: re.Pattern


def _compile(rules: Rules) -> _Compiled:
    d = rules.data("documents")
    words = sorted({fold(w) for w in d["admin_words"]}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\p{L})(?:" + "|".join(re.escape(w) for w in words) + r")(?!\p{L})")
    return _Compiled(float(d["min_vietnamese_share"]), int(d["min_admin_words"]), int(d["min_statistics"]),
                     int(d["min_chars"]), pattern)


def vietnamese_share(text: str) -> float:
    """Share of the words that carry a Vietnamese letter or tone mark."""
    words = _WORD.findall(unicodedata.normalize("NFD", text))
    if not words:
        return 0.0
    return sum(1 for w in words if _VIETNAMESE.search(w)) / len(words)


def not_a_document(result: DocumentResult, rules: Rules) -> str | None:
    """None for a document; otherwise why the file is not one."""
    h = result.header
    if h.issuer or h.doc_type or h.doc_number or result.citations:
        return None
    comp = rules.compiled("documents", _compile)
    sample = result.text[:200_000]
    share = vietnamese_share(sample)
    hits = len(comp.words.findall(fold(sample)))
    if share >= comp.min_share and (hits >= comp.min_words or result.sections or len(result.text) >= comp.min_chars
                                    or len(result.statistics) >= comp.min_statistics):
        return None
    return (f"not an administrative document: no header, no citation, {share:.0%} Vietnamese words, "
            f"{hits} administrative word{'s' if hits != 1 else ''}")
