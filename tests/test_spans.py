"""Span look-ups (extract/spans.py) answer what a scan of every span answers."""

import random

from extractor.extract.spans import Containing, SpanSet


def _random_spans(rng, n, size=200):
    out = []
    for _ in range(n):
        a = rng.randrange(size)
        out.append((a, a + rng.randrange(0, 30)))
    return out


def test_span_set_matches_a_scan():
    rng = random.Random(7)
    for _ in range(200):
        spans = _random_spans(rng, rng.randrange(0, 12))
        ss = SpanSet(spans)
        for s in range(-2, 230):
            e = s + rng.randrange(0, 10)
            assert ss.overlaps(s, e) == any(a < e and s < b for a, b in spans), (spans, s, e)
            assert ss.contains(s) == any(a <= s < b for a, b in spans), (spans, s)


def test_containing_matches_a_scan_in_given_order():
    rng = random.Random(11)
    for _ in range(200):
        items = _random_spans(rng, rng.randrange(0, 10)) + [(50, 40)]  # an inverted span holds nothing
        index = Containing(items, lambda it: it)
        for pos in range(-2, 240):
            assert list(index.at(pos)) == [it for it in items if it[0] <= pos < it[1]], (items, pos)
