"""Span look-ups in O(log n): does a span overlap a set of spans, which spans contain an
offset. The stages ask these once per candidate record; a linear scan each time makes a
document with many records (a compilation, a 1,000-page annex) cost n²."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanSet:
    """A fixed set of (start, end) spans, overlapping or not."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_end: list[int] = []  # running maximum of ends: overlapping spans are handled
        m = -1
        for _, e in self.spans:
            m = max(m, e)
            self.max_end.append(m)

    def overlaps(self, start: int, end: int) -> bool:
        """Some span (a, b) has a < end and start < b."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start

    def contains(self, pos: int) -> bool:
        """Some span (a, b) has a <= pos < b."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.max_end[i] > pos


class Containing(Generic[T]):
    """The items whose [start, end) holds an offset, in their given order.

    Built once by a sweep over the span boundaries (each elementary interval keeps the
    items open over it: nested sections make that a few per interval)."""

    def __init__(self, items: Sequence[T], span_of):
        bounds: dict[int, tuple[list[int], list[int]]] = {}
        for i, it in enumerate(items):
            s, e = span_of(it)
            if e <= s:  # holds no offset
                continue
            bounds.setdefault(s, ([], []))[0].append(i)
            bounds.setdefault(e, ([], []))[1].append(i)
        self.points = sorted(bounds)
        self.open: list[tuple[T, ...]] = []
        active: dict[int, None] = {}
        for p in self.points:
            opening, closing = bounds[p]
            for i in opening:
                active[i] = None
            for i in closing:
                active.pop(i, None)
            self.open.append(tuple(items[i] for i in sorted(active)))

    def at(self, pos: int) -> tuple[T, ...]:
        i = bisect.bisect_right(self.points, pos) - 1
        return self.open[i] if i >= 0 else ()
