"""Datasette metadata for ``OUT/extractor.sqlite``: table and column descriptions, default
facets and canned queries ("who implements X", "most cited", "archive mismatches").

    pip install '.[browse]'
    datasette OUT/extractor.sqlite -m OUT/metadata.json
"""

from __future__ import annotations

from typing import Any

TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "One row per input file: status, header fields and the canonical số hiệu.",
        "facets": ["status", "doc_type", "format"],
        "columns": {"doc_id": "path relative to the input root", "canonical": "normalised số hiệu of the document",
                    "status": "ok · empty · error · needs_ocr · timeout · skipped", "date": "ISO date of the header"},
    },
    "citations": {
        "description": "Every numbered reference to another document, with its relation, pinpoint and link.",
        "facets": ["relation", "type", "year"],
        "columns": {"relation": "basis · implements · amends · replaces · repeals · attached_to · reference · mention",
                    "cue_start": "offset of the cue word that decided the relation", "cue_end": "end of the cue word",
                    "part": "pinpoint: Mục / Phần / Chương", "article": "pinpoint: Điều", "clause": "pinpoint: khoản",
                    "point": "pinpoint: điểm",
                    "target_doc_id": "the archive's own copy of the cited document (canonical, type, issuer, year "
                                     "identify exactly one)"},
    },
    "cited_documents": {
        "description": "One row per distinct cited document: best date and how it was decided, counts, link.",
        "facets": ["type", "date_source", "in_catalog"],
        "columns": {"best_date": "archive header date, else catalog date, else majority of citations",
                    "date_source": "archive · catalog · citations · citations (tie)",
                    "relations": "JSON: relation → number of citations"},
    },
    "findings": {
        "description": "Consistency findings in a document and across the archive.",
        "facets": ["kind", "severity"],
    },
    "mentions": {"description": "Short references (Chỉ thị 33) and laws named without a number.",
                 "facets": ["relation", "type"]},
    "sections": {"description": "The section tree of every document.", "facets": ["label", "level"]},
    "statistics": {"description": "Figures with value, unit and what is counted.", "facets": ["unit"]},
    "dates": {"description": "Every date mention.", "facets": ["flag"]},
    "models": {"description": "Named models, movements and campaigns.", "facets": ["kind"]},
    "search": {"description": "Full-text index (FTS5) of titles, headings and kept texts."},
}

QUERIES: dict[str, dict[str, Any]] = {
    "who_implements": {
        "title": "Who implements X",
        "description": "Documents that implement a cited document (its số hiệu, e.g. 33/CT-TTg).",
        "sql": "SELECT implementer, implementer_date, implementer_title, implemented_type, implemented, "
               "implemented_date, implemented_doc_id FROM implementations WHERE implemented = :canonical "
               "ORDER BY implementer_date",
    },
    "most_cited": {
        "title": "Most cited documents",
        "sql": "SELECT canonical, type, issuer, best_date, date_source, n_citations, n_citing_documents, "
               "target_doc_id, relations FROM cited_documents ORDER BY n_citations DESC, n_citing_documents DESC "
               "LIMIT 100",
    },
    "archive_mismatches": {
        "title": "Archive mismatches",
        "description": "Citations whose date, type or issuer disagrees with the archive's own document.",
        "sql": "SELECT doc_id, canonical, message, suggestion FROM findings WHERE kind = 'archive_mismatch' "
               "ORDER BY doc_id",
    },
}


def metadata() -> dict[str, Any]:
    return {
        "title": "extractor: an archive of Vietnamese government documents",
        "description": "Tables written by `extractor run … --format sqlite` (README: Tables).",
        "databases": {"extractor": {"tables": TABLES, "queries": QUERIES}},
    }
