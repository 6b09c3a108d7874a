"""The chart planner: fits that skip the steps no box can end at, and the 'too much' of a
chart that does not fit, checked against what actually fits."""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from helpers import DATA
from revpack import load_source
from revpack.chart.geometry import chart_geometry
from revpack.chart.paths import Rect
from revpack.chart.plan import Fitted, Planner
from revpack.chart.text import Setter
from revpack.chart.trim import trimmed
from revpack.loading.layouts import Page
from revpack.model import Factor, Point, Source, Span, Text
from revpack.problems import Mark, RenderError
from revpack.writers.pdf.chart import measure
from test_chart_geometry import LAYOUTS, check_chart, layouts, sources

PATH = "generated.yaml"
VOCABULARY = (
    "The Iron Curtain had now been solidly defined and both spheres of influence had been "
    "marked out; each superpower had an alliance to defend it from the other's ideology. "
    "Staying ahead in the arms race was seriously damaging the Soviet economy, and "
    "Khrushchev wanted to divert funds to social reform and consumer goods."
).split()
A3 = replace(LAYOUTS["factor-chart"], page=Page("A3", "landscape", 28.35))
TOO_MUCH = re.compile(r"about (\d+)% too much \(it would fit with \1% of the words of every")


def text(words: list[str], line: int) -> Text:
    return Text((Span(" ".join(words)),), Mark(PATH, line, 1))


def topic(factors: int, points: int, words: int, keep: float = 1.0, drop: float = 0.0) -> Source:
    """A topic of `factors` factors with `points` points of about `words` words each; every
    point keeps the first `keep` share of its words and every factor leaves the last
    `drop` share of its points out."""
    rng = random.Random(f"{factors} {points} {words}")
    built = []
    for i in range(factors):
        body = []
        for p in range(points):
            chosen = [rng.choice(VOCABULARY) for _ in range(rng.randint(words - 3, words + 3))]
            kept = chosen[: max(math.ceil(len(chosen) * keep - 1e-9), 1)]
            body.append(Point(text(kept, 10 * i + p + 2)))
        shown = body[: max(points - math.floor(points * drop + 1e-9), 1)]
        built.append(
            Factor(text([f"Factor {i + 1}"], 10 * i + 1), tuple(shown), (), Mark(PATH, 1, 1))
        )
    title = text(["A", "generated", "topic"], 1)
    question = text(["Why", "did", "Khrushchev", "pursue", "Peaceful", "Coexistence?"], 1)
    return Source(PATH, "generated", title, None, None, question, None, tuple(built), (), (), ())


def uneven(shape: list[tuple[int, int]], seed: int) -> Source:
    """A topic whose factors have (points, words per point) as `shape` says, in order."""
    rng = random.Random(seed)
    built = []
    for i, (points, words) in enumerate(shape):
        body = [
            Point(text([rng.choice(VOCABULARY) for _ in range(words)], 10 * i + p + 2))
            for p in range(points)
        ]
        built.append(
            Factor(text([f"Factor {i + 1}"], 10 * i + 1), tuple(body), (), Mark(PATH, 1, 1))
        )
    return replace(topic(1, 1, 1), factors=tuple(built))


def too_much(source: Source, layout) -> int | None:
    """The percentage the chart's error reports (None: the chart fits)."""
    try:
        chart_geometry(source, layout, measure)
    except RenderError as error:
        found = TOO_MUCH.search(str(error))
        assert found, str(error)
        return int(found.group(1))
    return None


def fits(source: Source, layout) -> bool:
    try:
        chart_geometry(source, layout, measure)
    except RenderError:
        return False
    return True


OVERFULL = [
    (LAYOUTS["factor-chart"], 9, 6, 17),
    (LAYOUTS["factor-chart"], 12, 6, 17),
    (LAYOUTS["factor-chart"], 6, 8, 40),
    (A3, 12, 8, 17),
    (A3, 12, 10, 17),
    (A3, 9, 8, 40),
]


@pytest.mark.parametrize(("layout", "factors", "points", "words"), OVERFULL)
def test_cutting_what_the_error_reports_makes_the_chart_fit(layout, factors, points, words):
    share = too_much(topic(factors, points, words), layout)
    assert share is not None, "the topic should not fit"
    # Cutting that share of every point's words (and a little more) fits...
    assert fits(topic(factors, points, words, keep=1 - (share + 2) / 100), layout)
    # ...and cutting clearly less does not.
    less = min(share - 10, share // 2)
    if less > 0:
        assert not fits(topic(factors, points, words, keep=1 - less / 100), layout)


@pytest.mark.parametrize("layout", [LAYOUTS["factor-chart"], A3], ids=["A4", "A3"])
def test_a_chart_that_just_does_not_fit_reports_a_little_too_much(layout):
    # Lengthen the points a fiftieth of their words at a time: the first topic that does
    # not fit is only a little too full, and says so; a quarter of its points (or words)
    # less fits easily.
    factors = 12 if layout is A3 else 9
    for step in range(10, 51):
        keep = step / 50
        share = too_much(topic(factors, 6, 24, keep=keep), layout)
        if share is not None:
            break
    assert share is not None and share <= 10, share
    assert fits(topic(factors, 6, 24, keep=keep, drop=0.25), layout)
    assert fits(topic(factors, 6, 24, keep=keep * 0.75), layout)


def test_a_factor_that_holds_an_essay_reports_the_points_to_leave_out():
    essay = topic(1, 60, 20)
    source = replace(essay, factors=(*topic(3, 1, 4).factors, *essay.factors))
    source = replace(
        source,
        factors=tuple(
            replace(f, title=text([f"Factor {i + 1}"], i + 1)) for i, f in enumerate(source.factors)
        ),
    )
    with pytest.raises(RenderError) as error:
        chart_geometry(source, LAYOUTS["factor-chart"], measure)
    found = re.search(
        r"it would fit with (\d+)% of every factor's points left out", str(error.value)
    )
    assert found, str(error.value)
    share = int(found.group(1)) / 100
    kept = replace(
        source,
        factors=tuple(
            replace(f, points=f.points[: max(math.ceil(len(f.points) * (1 - share)), 1)])
            for f in source.factors
        ),
    )
    assert fits(kept, LAYOUTS["factor-chart"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=sources(max_words=25, max_points=4), layout=layouts())
def test_a_fit_started_from_the_bound_is_the_fit_from_the_largest_size(source, layout):
    # No box ends up larger than SPREAD times the smallest, so the steps above that are
    # skipped; the answer must be the one shrinking from the largest size gives.
    area = Rect(30.0, 30.0, layout.page.width - 60.0, layout.page.height - 110.0)
    planner = Planner(source, layout, Setter(measure), area)
    for plan in planner.plans():
        bound = planner.ceiling(plan)
        if bound is None:
            continue
        quick, full = planner.fit(plan, bound), planner.fit(plan)
        assert isinstance(quick, Fitted) == isinstance(full, Fitted)
        if isinstance(full, Fitted):
            assert (quick.sizes, quick.question) == (full.sizes, full.question)


UNEVEN = [(3, 21), (3, 14), (2, 16), (4, 21), (3, 17), (2, 8), (4, 21), (4, 9), (2, 22)]
UNEVEN += [(1, 14), (1, 15), (1, 13)]
"""(points, words per point) of twelve factors, the fullest among the first nine and the
three emptiest last: in the source's order, no arrangement fits A4 landscape."""


def test_full_factors_that_do_not_fit_side_by_side_are_spread_round_the_ring():
    source, layout = uneven(UNEVEN, 12), LAYOUTS["factor-chart"]
    area = Rect(30.0, 30.0, layout.page.width - 60.0, layout.page.height - 110.0)
    planner = Planner(source, layout, Setter(measure), area)
    assert planner.order == tuple(range(12))  # (no links to bring together)
    assert not any(planner.fits_at_least(plan) for plan in planner.plans())
    # Spread out, fullest next to emptiest, they fit: a clean chart, every point on it.
    geometry = check_chart(source, layout)
    ring = [box.factor for box in sorted(geometry.factors, key=lambda box: box.slot)]
    rank = sorted(range(12), key=lambda i: -planner.weights[i])
    assert ring[0] == rank[0] and ring[1] == rank[-1]
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        # Of two neighbours round the ring, one is of the fuller half and one not.
        assert (rank.index(a) < 6) != (rank.index(b) < 6), (a, b)


def test_the_excess_counts_the_spread_out_order_too():
    # Cutting what the error reports (and a little more) makes the chart fit, spread out;
    # clearly less does not, in either order.
    source = uneven([(points, words + 8) for points, words in UNEVEN], 12)
    share = too_much(source, LAYOUTS["factor-chart"])
    assert share is not None
    assert fits(trimmed(source, 1 - (share + 2) / 100), LAYOUTS["factor-chart"])
    assert not fits(trimmed(source, 1 - (share - 4) / 100), LAYOUTS["factor-chart"])


@pytest.mark.parametrize("size", [7.5, 9.75, 11.0])
def test_a_word_exactly_as_wide_as_its_line_shrinks_the_type_rather_than_breaks(size):
    # A key term alone in a sub-point, in a box just wide enough for it at `size`: the
    # wrapping keeps a hundredth of a point spare on every line, so the planner must
    # count that too (it did not, and 'Перестройка' broke at 9.75 pt in a generated topic).
    word = Span("Перестройка", key=True)
    point = Point(text(["the", "start"], 2), (Text((Span("the "), word), Mark(PATH, 3, 1)),))
    factor = Factor(text(["Reform"], 1), (point,), (), Mark(PATH, 1, 1))
    source = replace(topic(1, 1, 1), factors=(factor,))
    layout = LAYOUTS["factor-chart"]
    area = Rect(30.0, 30.0, layout.page.width - 60.0, layout.page.height - 110.0)
    planner = Planner(source, layout, Setter(measure), area)
    spacing = planner.spacing
    widest = planner._longest[0][0]
    width = (2 * spacing.pad + 2 * spacing.indent + widest) * size
    card = planner._factor_card(0, width, size, measure_only=False)
    body = ["".join(piece.text for piece in parts) for parts, *_ in card.lines[1:]]
    assert any("Перестройка" in line for line in body), body


def test_a_fit_scores_the_sizes_its_boxes_are_set_at():
    # A box too narrow for its longest word at the size it is given is set smaller; the
    # fit must count that smaller size, or a plan with one tiny box (a narrow middle
    # column on a portrait page) wins over plans whose every box is larger.
    source = load_source(DATA / "chart" / "eight-linked.yaml")
    layout = replace(LAYOUTS["factor-chart"], page=Page("A4", "portrait", 28.35))
    planner = Planner(source, layout, Setter(measure), Rect(28.35, 28.35, 538.6, 740.0))
    shrunk = 0
    for plan in planner.plans():
        fitted = planner.fit(plan)
        if not isinstance(fitted, Fitted):
            continue
        for slot, size in enumerate(fitted.sizes):
            assert planner.card(plan, slot, size).size == size
        shrunk += any(
            planner.card(plan, s, planner.start).size < planner.start
            for s in range(len(plan.places))
        )
    assert shrunk, "no plan has a box its longest word shrinks: the test tests nothing"
    g = chart_geometry(source, layout, measure)
    assert min(box.size for box in g.factors) >= 12.0
