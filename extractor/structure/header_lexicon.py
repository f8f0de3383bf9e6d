"""rules/header.yaml compiled once: the word lists and patterns of the header and the
closing (types, mottos, "Số:", dates, addressees, authorities, titles, names)."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..rules import Rules
from ..text.markers import markers

RULES_FILE = "header"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _flexible(phrase: str) -> str:
    """A phrase whose words may be separated by any spaces or dashes."""
    return r"[\s\-–—]*".join(re.escape(w) for w in re.split(r"[\s\-–—]+", phrase.strip()) if w)


@dataclass(slots=True)
class HeaderLexicon:
    type_re: re.Pattern
    type_words: dict[str, str]  # lower-case -> as printed
    congvan_type: str | None
    subject_re: re.Pattern | None
    motto_re: re.Pattern
    org_mottos: list[tuple[re.Pattern, re.Pattern]]  # (national name, the organisation's stems)
    number_re: re.Pattern
    date_re: re.Pattern
    addressee_re: re.Pattern
    recipient_re: re.Pattern
    archive_re: re.Pattern
    opener_re: re.Pattern | None
    authority_re: re.Pattern
    authority_split_re: re.Pattern
    embedded_authority_re: re.Pattern
    title_re: re.Pattern
    embedded_title_re: re.Pattern
    titles: list[str]
    note_re: re.Pattern | None
    org_re: re.Pattern
    not_issuer: frozenset[str]
    surnames: frozenset[str]
    max_header_lines: int
    max_header_chars: int
    max_title_lines: int
    max_title_chars: int
    max_closing_lines: int
    section_start: re.Pattern  # the first body section ends the header


def _compile(rules: Rules) -> HeaderLexicon:
    d = rules.data(RULES_FILE)
    types = list(d.get("doc_types", []))
    congvan = d.get("congvan") or {}
    subjects = congvan.get("subject_prefixes", [])
    labels = d["number_labels"]
    label_alt = _alt(labels + [w.upper() for w in labels])
    openers = d.get("body_openers", [])
    auth = d.get("authority_prefixes", [])
    auth_alt = "|".join(
        re.escape(a) + (r"\." if "/" not in a else r"\.?") for a in sorted(auth, key=len, reverse=True)
    )
    titles = sorted(set(d.get("signer_titles", [])), key=len, reverse=True)
    title_alt = _alt(titles)
    notes = d.get("signature_notes", [])
    orgs = d.get("organisation_words", [])
    symbol = r"(?:\d+[\p{L}]?[ ]?)?[/\-][ ]?[\p{L}\d][\p{L}\d\-/&.]*"
    return HeaderLexicon(
        type_re=re.compile(rf"^(?P<type>{_alt(types)})(?=$|[\s:.])"),
        type_words={t.lower(): t for t in types},
        congvan_type=congvan.get("doc_type"),
        subject_re=re.compile(rf"^(?:{_alt(subjects)})\b\s*[:.]?\s*") if subjects else None,
        motto_re=re.compile("|".join(_flexible(m) for m in d.get("mottos", [])) or r"(?!)", re.I),
        org_mottos=[(re.compile("|".join(_flexible(m) for m in o["motto"]), re.I),
                     re.compile(rf"(?<!\p{{L}})(?:{'|'.join(_flexible(x) for x in o['stems'])})(?!\p{{L}})", re.I))
                    for o in d.get("organisation_mottos", [])],
        number_re=re.compile(
            rf"(?:(?<![\p{{L}}\d])(?:{label_alt})\s*:\s*|^(?:{label_alt})\s+)[.…_ ]*(?P<num>{symbol})"
        ),
        date_re=re.compile(
            r"(?P<date>ngày[\s.…_\d]*tháng[\s.…_\d]*năm\s*(?:1[89]|20)\d\d"
            r"|ngày\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:1[89]|20)\d\d"
            r"|tháng\s*\d{1,2}\s*năm\s*(?:1[89]|20)\d\d)",
            re.I,
        ),
        addressee_re=re.compile(rf"^(?:{_alt(d['addressee_markers'])})\s*:?", re.I),
        recipient_re=re.compile(rf"^(?:{_alt(d['recipient_markers'])})\s*[:.]?\s*", re.I),
        archive_re=re.compile(rf"^(?:{_alt(d['archive_words'])})\b"),
        opener_re=re.compile(rf"^(?:{_alt(openers)})\b") if openers else None,
        authority_re=re.compile(rf"^(?:{auth_alt})\s*(?=\p{{Lu}})"),
        authority_split_re=re.compile(rf"(?<=\s)(?=(?:{auth_alt})\s*\p{{Lu}})"),
        embedded_authority_re=re.compile(rf"(?<=[;.:,]\s*)(?<=\s)(?:{auth_alt})\s*(?=\p{{Lu}})"),
        title_re=re.compile(rf"^(?:PHÓ\s+)?(?:{title_alt})(?=$|\s)"),
        embedded_title_re=re.compile(rf"(?<=[;.:,]\s*)(?<=\s)(?:{title_alt})(?:\s+[^\p{{Ll}}\s]+)*$"),
        titles=titles,
        note_re=re.compile("|".join(re.escape(n) for n in notes), re.I) if notes else None,
        org_re=re.compile(rf"(?<![\p{{L}}])(?:{_alt(orgs)})(?![\p{{L}}])") if orgs else re.compile(r"(?!)"),
        not_issuer=frozenset(d.get("not_issuer", [])),
        surnames=frozenset(d.get("surnames", [])),
        max_header_lines=int(d["max_header_lines"]),
        max_header_chars=int(d["max_header_chars"]),
        max_title_lines=int(d["max_title_lines"]),
        max_title_chars=int(d["max_title_chars"]),
        max_closing_lines=int(d["max_closing_lines"]),
        section_start=markers(rules).section_start,
    )


def header_lexicon(rules: Rules) -> HeaderLexicon:
    return rules.compiled("header.compiled", _compile)
