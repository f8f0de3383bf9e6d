"""Compare what the pipeline finds in a seed's .txt with what it finds in the same
report in another format: records are matched on content (offsets differ)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from functools import cache

from extractor.pipeline import Options, extract_file

from .conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
FIXTURE_SEEDS = ("pho-phong-2023", "quang-trung-2023")
_OFFSETS = {"number_span", "body_start", "body_end"}


def record_keys(result) -> dict[str, Counter]:
    return {
        "citations": Counter((c.canonical, c.type, c.date, c.issuer) for c in result.citations),
        "sections": Counter((s.section_id, s.level, s.heading) for s in result.sections),
        "dates": Counter((d.text, d.date) for d in result.dates),
    }


def f1(want: Counter, have: Counter) -> float:
    if not want and not have:
        return 1.0
    tp = sum((want & have).values())
    return 2 * tp / (sum(want.values()) + sum(have.values()))


def header_fields(result) -> dict:
    return {k: v for k, v in asdict(result.header).items() if k not in _OFFSETS}


@cache
def txt_result(seed: str):
    return extract_file(SEEDS / f"{seed}.txt")


def fixture_result(seed: str, suffix: str, engine: str = "pypdfium2"):
    return extract_file(FIXTURES / f"{seed}.{suffix}", options=Options(pdf_engine=engine))


def assert_same_as_txt(seed: str, result) -> None:
    assert result.info.status == "ok", result.info.error
    base = txt_result(seed)
    want, have = record_keys(base), record_keys(result)
    for kind in want:
        score = f1(want[kind], have[kind])
        assert score >= 0.98, (kind, score, want[kind] - have[kind], have[kind] - want[kind])
    assert header_fields(result) == header_fields(base)
