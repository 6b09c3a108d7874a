"""Points cut short: a source whose every point keeps only the first share of its words,
or whose every factor keeps only the first share of its points.

A chart that does not fit says how much too much text it has as the share of the points'
words (or, when that is not enough, of the points) that would have to go; these are the
cuts it tries (revpack.chart.plan.Planner.excess).
Pure: it builds new model objects and changes nothing.
"""

from __future__ import annotations

import math
from dataclasses import replace

from revpack.model import Point, Source, Span, Text


def trimmed(source: Source, keep: float) -> Source:
    """`source` with every point and sub-point cut to the first `keep` share of its words
    (at least one word each); titles and the question stay whole."""
    factors = tuple(
        replace(factor, points=tuple(_point(point, keep) for point in factor.points))
        for factor in source.factors
    )
    return replace(source, factors=factors)


def fewer(source: Source, keep: float) -> Source:
    """`source` with every factor keeping only its first `keep` share of its points (at
    least one)."""
    factors = tuple(
        replace(factor, points=factor.points[: _share(keep, len(factor.points))])
        for factor in source.factors
    )
    return replace(source, factors=factors)


def _share(keep: float, count: int) -> int:
    """How many of `count` things a `keep` share is, rounded up, at least one."""
    return max(math.ceil(keep * count - 1e-9), 1)


def _point(point: Point, keep: float) -> Point:
    return Point(cut(point.text, keep), tuple(cut(sub, keep) for sub in point.points))


def cut(text: Text, keep: float) -> Text:
    """`text` with its first ceil(keep × words) words (at least one), styles kept."""
    words = len(text.plain.split())
    wanted = _share(keep, words)
    if wanted >= words:
        return text
    spans: list[Span] = []
    seen, inside = 0, False
    for span in text.spans:
        kept = []
        for char in span.text:
            if char.isspace():
                inside = False
            elif not inside:
                inside, seen = True, seen + 1
                if seen > wanted:
                    break
            kept.append(char)
        if kept:
            spans.append(replace(span, text="".join(kept)))
        if seen > wanted:
            break
    while spans and not spans[-1].text.strip():
        spans.pop()
    spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return Text(tuple(spans), text.mark)
