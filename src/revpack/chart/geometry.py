"""Where everything on a factor chart goes: a pure function from source and layout to boxes.

The key question sits in the centre and the factors go round it (revpack.chart.plan chooses
the arrangement and the type sizes; revpack.chart.place puts the boxes, spokes and links on
the page). All numbers are points from the page's bottom-left corner, as in PDF. Nothing
here draws or imports a PDF library: text widths come from the injected `measure`, so the
geometry can be checked as numbers and drawn by a thin second step.
"""

from __future__ import annotations

from collections.abc import Callable

from revpack import fonts
from revpack.chart.parts import Box, ChartGeometry, Connector, Link
from revpack.chart.paths import Curve, Rect, Segment, crosses
from revpack.chart.place import links as route_links
from revpack.chart.place import place
from revpack.chart.plan import STEP, Fitted, Plan, Planner, ScoreItem, Stuck
from revpack.chart.text import Line, Measure, Setter, baseline_below, pieces
from revpack.dates import in_language
from revpack.hyphenation import Hyphenator
from revpack.labels import class_and_teacher, load_labels
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Audience, Source
from revpack.options import of_kind
from revpack.options.chart import Options
from revpack.problems import Mark, RenderError

__all__ = [
    "Box",
    "ChartGeometry",
    "Connector",
    "Curve",
    "Line",
    "Link",
    "MAX_FACTORS",
    "Rect",
    "Segment",
    "chart_geometry",
    "clashes",
]

MAX_FACTORS = 12
"""The most factors one page can show readably."""
NEAR = 0.5
"""Type this much smaller (in points) is worth it for links that run clear of boxes."""
ROUTED = 6
"""The most arrangements whose links are routed, best first, when looking for one whose
links all run clear: routing is the costly part of a crowded chart with many links."""


def chart_geometry(
    source: Source, layout: Layout, measure: Measure, audience: Audience | None = None
) -> ChartGeometry:
    """The factor chart's geometry; raises RenderError when it cannot fit readably."""
    count = len(source.factors)
    if count == 0:
        raise RenderError(
            "has no factors, so there is nothing to put on a factor chart; add "
            "'factors:' or leave the factor-chart layouts out",
            Mark(source.path, 1, 1),
        )
    if count > MAX_FACTORS:
        raise RenderError(
            f"has {count} factors, but a factor chart holds at most "
            f"{MAX_FACTORS}; merge some factors or split the topic into two "
            "sources",
            source.factors[MAX_FACTORS].mark,
        )
    setter = Setter(measure, Hyphenator(source.language))
    lines, rule = header(setter, source, layout, audience or Audience())
    page = layout.page
    area = Rect(
        page.margin,
        page.margin,
        page.width - 2 * page.margin,
        rule - layout.font.size * 0.9 - page.margin,
    )
    _refuse_hopeless(source, layout, setter, area)
    key = (source, layout, area, measure)
    question, factors, spokes, links = BODIES.get(key, lambda: _body(source, layout, setter, area))
    return ChartGeometry(
        page.width,
        page.height,
        page.margin,
        area,
        lines,
        rule,
        question,
        factors,
        spokes,
        links,
        legend(setter, source, layout) if any(link.tags for link in links) else (),
    )


LEGEND_SIZES = (9.0, 4.0)
"""The largest and smallest type of the line under a chart with lettered circles."""


def legend(setter: Setter, source: Source, layout: Layout) -> tuple[Line, ...]:
    """What the lettered circles mean: one line centred in the bottom margin, in type
    small enough to fit its width and the margin's height (never over the boxes)."""
    page = layout.page
    text = pieces(load_labels(source.language, layout.labels)("chart_linked"))
    width = page.width - 2 * page.margin
    largest, least = LEGEND_SIZES
    size = min(layout.font.size * 0.8, largest, page.margin * 0.6)
    while size > least and setter.line_width(text, size) > width:
        size -= 0.25
    size = max(size, least)
    wide = setter.line_width(text, size)
    baseline = max((page.margin - size) / 2, 1.0)  # (its capitals' top within the margin)
    return (setter.place(text, (page.width - wide) / 2, baseline, size, "legend"),)


SOLID = 2.5
"""How many times a chart's room text set solid (every line full, no padding, bands or
gaps) may take before the chart is refused unmeasured. No chart that fits comes near 1;
up to this, the search runs and its error says how much of the points would have to go
(what it takes to find that grows with the text, hence a limit)."""


NARROWEST, LOWEST = 20, 8
"""The least room under a chart's header, in lines of its smallest type (wide, high), for
a chart at all: the question and a factor's box side by side."""


def _refuse_hopeless(source: Source, layout: Layout, setter: Setter, area: Rect) -> None:
    """RenderError at once when the chart's text alone, set solid at the smallest size,
    takes more than SOLID of the room: the search for an arrangement would only confirm it,
    slowly for a huge source."""
    least = layout.font.min_size
    if area.width < NARROWEST * least or area.height < LOWEST * least:
        # The page is the trouble, not the notes: its margins and the header's type
        # leave (next to) no room at all.
        raise RenderError(
            f"{layout.name}: on {layout.page.size}, within its margins and under its "
            f"header, there is too little room for a chart in type of {least:g} pt or "
            "more; give the layout smaller type or margins, or a larger page",
            layout.size_mark or Mark(source.path, 1, 1),
        )
    points = of_kind(layout.options, Options).points
    texts = [(source.question or source.title, True)]
    for factor in source.factors:
        texts.append((factor.title, True))
        if points:
            texts += [(t, False) for p in factor.points for t in (p.text, *p.points)]
    ink = (
        sum(setter.width(text.plain, fonts.FACES[bold, False], least) for text, bold in texts)
        * least
        * layout.font.line_spacing
    )
    room = area.width * area.height
    if ink > SOLID * room:
        text = source.question or source.title
        raise RenderError(
            f"the key question and factors do not fit on the factor chart even "
            f"at the smallest type size ({least:g} pt) on {layout.page.size} "
            f"with layout '{layout.name}': their text alone needs about "
            f"{ink / room:.1f} times the room there is. Shorten the points, "
            "split the source into two topics, or use the factor-chart-blank "
            "layout (titles with space to write)",
            text.mark,
        )


Body = tuple[Box, tuple[Box, ...], tuple[Connector, ...], tuple[Link, ...]]
"""A chart's (question box, factor boxes, spokes, links): all of it but the header."""
Make = Callable[[Box, tuple[Box, ...], tuple[Connector, ...], tuple[Link, ...]], ChartGeometry]
"""Makes a chart's geometry of a body (with no header)."""

BODIES: Memo[Body] = Memo("chart bodies", 64)
"""Boxes, spokes and links per (source, layout, chart area, measure). A pack draws the same
chart for class after class with only the header's class line changed, and the search for
the best arrangement is most of a chart's cost."""


def _body(
    source: Source, layout: Layout, setter: Setter, area: Rect, exhaustive: bool = False
) -> Body:
    """(question box, factor boxes, spokes, links) of the best arrangement in `area`.

    Gives the same answer whether or not it is `exhaustive` (fitting every plan); the
    tests hold it to that."""
    page = layout.page

    def make(
        question: Box,
        factors: tuple[Box, ...],
        spokes: tuple[Connector, ...],
        links: tuple[Link, ...],
    ) -> ChartGeometry:
        return ChartGeometry(
            page.width, page.height, page.margin, area, (), 0.0, question, factors, spokes, links
        )

    planner = Planner(source, layout, setter, area)
    arranged = _arrange(planner, make, exhaustive)
    if not isinstance(arranged, ChartGeometry):
        # No arrangement fits with the factors in ring order: the fullest may have come
        # side by side, in one stack or row. Spread out round the ring, they may fit.
        spread = planner.spread()
        again = _arrange(spread, make, exhaustive) if spread else arranged
        if not isinstance(again, ChartGeometry):
            raise planner.failure(arranged)
        arranged = again
    return arranged.question, arranged.factors, arranged.connectors, arranged.links


def _arrange(planner: Planner, make: Make, exhaustive: bool) -> ChartGeometry | list[Stuck]:
    """The best arrangement of the planner's factors in its order, or where each plan got
    stuck (an empty list: every plan fitted, but no arrangement's boxes stay clear)."""
    plans = planner.plans()
    bounds = _ceilings(planner, plans)
    fits = {} if exhaustive else _likely(planner, plans, bounds)
    chosen = _choose(planner, list(fits.values()), make) if fits else None
    if chosen and chosen[1]:
        return chosen[0]
    fitted: list[Fitted] = []
    stuck: list[Stuck] = []
    for i, plan in enumerate(plans):
        # A plan with no bound does not fit even with every box at the smallest size.
        hopeless = bounds[i] is None and not exhaustive
        result = fits.get(i) or (
            planner.stuck(plan)
            if hopeless
            else planner.fit(plan, None if exhaustive else bounds[i])
        )
        if isinstance(result, Fitted):
            fitted.append(result)
        else:
            stuck.append(result)
    if not fitted:
        return stuck
    chosen = _choose(planner, fitted, make)
    return [] if chosen is None else chosen[0]


def _ceilings(planner: Planner, plans: list[Plan]) -> list[float | None]:
    """Each plan's bound on its smallest type (None: it cannot fit)."""
    bounds: list[float | None] = []
    for plan in plans:  # plans come in order of shape: each a good guess for the next
        bounds.append(planner.ceiling(plan, next((b for b in reversed(bounds) if b), None)))
    return bounds


def _likely(planner: Planner, plans: list[Plan], bounds: list[float | None]) -> dict[int, Fitted]:
    """The fits of the plans that could come within NEAR of the best plan's type, by
    index. One of them wins unless none has all its links clear; only then are the other
    plans worth fitting."""
    fits: dict[int, Fitted] = {}
    best = 0.0
    for i in sorted(range(len(plans)), key=lambda i: -(bounds[i] or 0.0)):
        bound = bounds[i]
        if bound is None or (fits and bound < best - NEAR):
            break
        result = planner.fit(plans[i], bound)
        if isinstance(result, Fitted):
            fits[i] = result
            best = max(best, result.score()[0])
    return dict(sorted(fits.items()))


def _choose(
    planner: Planner, fitted: list[Fitted], make: Make
) -> tuple[ChartGeometry, bool] | None:
    """The best placed plan, and whether it is near the best type and its links all run
    clear (None when every plan's boxes clash): of the plans whose
    smallest type is within NEAR of the largest, in order of quality, the first whose
    links all run clear (else, of the first ROUTED, the one with fewest links behind
    boxes); plans whose boxes clash are passed over."""
    fitted.sort(key=Fitted.score, reverse=True)
    top = fitted[0].score()[0]
    placed = []
    for rank, choice in enumerate(fitted):
        # Boxes without their text: where they go is all that choosing needs.
        question, factors, spokes, detours = place(planner, choice, text=False)
        geometry = make(question, factors, spokes, ())
        if not clashes(geometry):
            near = choice.score()[0] >= top - NEAR
            placed.append(
                ((near, _quality(planner, choice, geometry), -rank), geometry, detours, choice)
            )
    best = None
    ranked = sorted(placed, key=lambda p: p[0], reverse=True)[:ROUTED]
    for (near, *_), geometry, detours, choice in ranked:
        links = route_links(
            planner, geometry.factors, geometry.question, detours, geometry.connectors
        )
        unclear = sum(not link.clear for link in links)
        if best is None or unclear < best[0]:
            best = (unclear, choice, links, near)
        if not unclear:
            break
    if best is None:
        return None
    unclear, choice, links, near = best
    question, factors, spokes, _ = place(planner, choice)
    return make(question, factors, spokes, links), unclear == 0 and near


def _quality(planner: Planner, fitted: Fitted, geometry: ChartGeometry) -> tuple[ScoreItem, ...]:
    """How good a placed plan is, larger better: its score; for blank charts, the
    writing room of the smallest box comes right after the type size. When every factor
    box has the largest type (a chart of few or short factors), the one whose text wraps
    into the fewest lines wins a tie on type and symmetry: it reads in whole lines rather
    than a few words to a line."""
    score = fitted.score()
    if planner.options.points:
        largest = min(fitted.sizes) >= planner.start - 1e-9
        return (*score[:3], -planner.stacked(fitted) if largest else 0.0, *score[3:])
    room = min(box.rect.width * (box.rect.height - box.band) for box in geometry.factors)
    return (score[0], round(room, -2), *score[2:])


def clashes(geometry: ChartGeometry) -> list[str]:
    """What is wrong with a geometry: boxes outside the chart area, overlapping boxes,
    spokes through other boxes. Empty when all is well."""
    found = []
    boxes, area = geometry.boxes, geometry.area
    for box in boxes:
        r = box.rect
        if (
            r.x < area.x - 0.01
            or r.right > area.right + 0.01
            or r.y < area.y - 0.01
            or r.top > area.top + 0.01
        ):
            found.append(f"box {box.factor} leaves the chart area")
    for i, a in enumerate(boxes):
        found += [
            f"boxes {a.factor} and {b.factor} overlap"
            for b in boxes[i + 1 :]
            if a.rect.overlaps(b.rect)
        ]
    for spoke in geometry.connectors:
        found += [
            f"the spoke to factor {spoke.factor} crosses box {box.factor}"
            for box in geometry.factors
            if box.factor != spoke.factor and crosses(spoke.line, box.rect)
        ]
    return found


def header(
    setter: Setter, source: Source, layout: Layout, audience: Audience
) -> tuple[tuple[Line, ...], float]:
    """The title, with subject, course and class on its right (or under it when the title
    is long); returns the lines and the height of the rule beneath them."""
    page, base = layout.page, layout.font.size
    width = page.width - 2 * page.margin
    meta = " · ".join(t.plain for t in (source.subject, source.course) if t)
    labels = load_labels(source.language, layout.labels)
    date = in_language(audience.date, labels)
    who = " · ".join(
        [*class_and_teacher(labels, audience.class_name, audience.teacher), *filter(None, [date])]
    )
    info = pieces("   |   ".join(filter(None, [meta, who])))
    info_size = base * 0.95
    info_w = setter.line_width(info, info_size)
    size = base * 1.75
    title = pieces(source.title, bold=True)
    wrapped = setter.wrap(title, width, size)
    while len(wrapped) > 2 and size > base:
        size = max(size - STEP, base)
        wrapped = setter.wrap(title, width, size)
    y = page.height - page.margin
    lines = []
    for parts in wrapped:
        lines.append(
            setter.place(parts, page.margin, baseline_below(y, size, size * 1.2), size, "title")
        )
        y -= size * 1.2
    if (
        info_w
        and len(wrapped) == 1
        and setter.line_width(wrapped[0], size) + base * 2 + info_w <= width
    ):
        lines.append(
            setter.place(
                info, page.margin + width - info_w - 0.01, lines[0].baseline, info_size, "meta"
            )
        )
    elif info_w:
        for parts in setter.wrap(info, width, info_size):
            lines.append(
                setter.place(
                    parts,
                    page.margin,
                    baseline_below(y, info_size, info_size * 1.3),
                    info_size,
                    "meta",
                )
            )
            y -= info_size * 1.3
    return tuple(lines), y - base * 0.35
