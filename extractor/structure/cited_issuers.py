"""The issuer of a cited document resolved like the document's own (structure/issuer.py):
"của UBND tỉnh Quảng Ngãi" → body UBND, level tỉnh, province Quảng Ngãi.

Only what the phrase itself says is resolved: "của UBND tỉnh" names no province, and the
citing document's province is not assumed for it (precision first).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Citation
from ..rules import Rules
from .issuer import admin_part, body_of, issuer_lexicon, level_of, province_of


def resolve_cited_issuers(cits: Iterable[Citation], rules: Rules, doc_date: str | None) -> None:
    """Fill ``issuer_body``, ``issuer_level`` and ``province`` of every citation with an issuer."""
    lex = issuer_lexicon(rules)
    seen: dict[tuple[str, str | None], tuple[str | None, str | None, str | None]] = {}
    for c in cits:
        if not c.issuer:
            continue
        date = c.date or doc_date
        key = (c.issuer, date[:7] if date else None)
        if key not in seen:
            level = level_of(c.issuer, lex)
            province = None
            if level != "trung ương":
                province = province_of([admin_part(c.issuer)], c.issuer, date)[0]
            seen[key] = (body_of(c.issuer, lex), level, province)
        c.issuer_body, c.issuer_level, c.province = seen[key]
