"""Putting a fitted plan on the page: every box, spoke and link in points.

Rows hug the top and bottom of the chart and share their tallest height; the side stacks are
spread evenly down the middle band, with the question in its centre. Spare height goes to
the middle band (longer spokes) up to a limit, then above and below the whole chart, so a
short chart sits in the middle of the page. A blank chart shares all spare height out to its
boxes instead: more room to write.
"""

from __future__ import annotations

from revpack.chart.cards import Card
from revpack.chart.channels import Channels, channel_route, channels, grid_lines
from revpack.chart.order import link_pairs
from revpack.chart.parts import Box, Connector, Link, Tag
from revpack.chart.paths import XY, Curve, Rect, Segment, bridges, leave, route
from revpack.chart.plan import Fitted, Plan, Planner
from revpack.chart.tags import Surroundings, letter, tag_pair

MIDDLE_EXTRA = 0.2
"""The most spare height the middle band takes, as a fraction of the chart's height."""
TAG_RADIUS = 0.6
"""The radius of a lettered link circle, as a share of the layout's type size."""


def place(
    planner: Planner, fitted: Fitted, text: bool = True
) -> tuple[Box, tuple[Box, ...], tuple[Connector, ...], list[XY]]:
    """(question, factor boxes in source order, connectors, free points links may bend
    through) for a fitted plan. Without `text` the factor boxes come without their lines
    (all else the same): enough to judge where they go, for a fraction of the work."""
    plan, area = fitted.plan, planner.area
    count = len(plan.places)
    cards = [
        planner.card(plan, s, fitted.sizes[s])
        if text
        else planner.measured(plan, s, fitted.sizes[s])
        for s in range(count)
    ]
    qcard = planner.question_card(plan, fitted.question)
    heights = [c.height for c in cards]
    for row in ("top", "bottom"):
        tallest = max((heights[s] for s in plan.groups[row]), default=0.0)
        for s in plan.groups[row]:
            heights[s] = tallest
    spare = max(area.height - planner.need(plan, [*heights, qcard.height])[0], 0.0)
    frame = area
    if planner.options.points:
        offset = max(spare - MIDDLE_EXTRA * area.height, 0.0) / 2
        frame = Rect(area.x, area.y + offset, area.width, area.height - 2 * offset)
    else:
        _share_rows(plan, heights, spare)
    middle = _middle(planner, plan, heights, frame)
    if not planner.options.points:
        _fill_stacks(planner, plan, heights, middle)
    rects = _rects(planner, plan, heights, frame, middle)
    centred = Rect(
        frame.x + (frame.width - qcard.width) / 2,
        middle.y + (middle.height - qcard.height) / 2,
        qcard.width,
        qcard.height,
    )
    question = _box(planner, qcard, centred, -1, -1)
    by_factor = {
        planner.order[s]: _box(planner, cards[s], rects[s], planner.order[s], s)
        for s in range(count)
    }
    factors = tuple(by_factor[i] for i in range(count))
    rows = {planner.order[s] for s in (*plan.groups["top"], *plan.groups["bottom"])}
    spokes = tuple(
        connector(question, box, frame, plan.side, box.factor in rows) for box in factors
    )
    return question, factors, spokes, _detours(question.rect, middle, planner, plan)


def _share_rows(plan: Plan, heights: list[float], spare: float) -> None:
    """Blank charts: give each row one share of the spare height, the middle band one share
    per box in its taller stack."""
    shares = {"top": 1.0 if plan.top else 0.0, "bottom": 1.0 if plan.bottom else 0.0}
    whole = sum(shares.values()) + max(plan.left, plan.right) or 1.0
    for row, share in shares.items():
        for s in plan.groups[row]:
            heights[s] += spare * share / whole


def _fill_stacks(planner: Planner, plan: Plan, heights: list[float], middle: Rect) -> None:
    """Blank charts: stretch the boxes of each side stack to fill the middle band."""
    for name in ("left", "right"):
        slots = plan.groups[name]
        grow = (middle.height - planner.stack(plan, name, heights)) / max(len(slots), 1)
        for s in slots:
            heights[s] += grow


def _middle(planner: Planner, plan: Plan, heights: list[float], frame: Rect) -> Rect:
    """The band between the rows, where the question and the side stacks go."""
    top, bottom = frame.top, frame.y
    if plan.top:
        top -= max(heights[s] for s in plan.groups["top"]) + planner.band_gap
    if plan.bottom:
        bottom += max(heights[s] for s in plan.groups["bottom"]) + planner.band_gap
    return Rect(frame.x, bottom, frame.width, top - bottom)


def _rects(
    planner: Planner, plan: Plan, heights: list[float], frame: Rect, middle: Rect
) -> list[Rect]:
    """Where each slot's box goes."""
    widths = planner.widths(plan)
    rects: list[Rect] = [Rect(0, 0, 0, 0)] * len(heights)
    for row in ("top", "bottom"):
        slots = plan.groups[row]
        used = sum(widths[s] for s in slots) + planner.row_gap * max(len(slots) - 1, 0)
        x = frame.x + (frame.width - used) / 2
        for s in slots:
            y = frame.top - heights[s] if row == "top" else frame.y
            rects[s] = Rect(x, y, widths[s], heights[s])
            x += widths[s] + planner.row_gap
    for name, x in (("left", frame.x), ("right", frame.right - plan.side)):
        slots = plan.groups[name]
        bottoms = _spread([heights[s] for s in slots], middle, planner.stack_gap)
        for s, y in zip(slots, bottoms, strict=True):
            rects[s] = Rect(x, y, plan.side, heights[s])
    return rects


def _spread(heights: list[float], band: Rect, gap: float) -> list[float]:
    """Bottom edges for boxes stacked top to bottom in `band`: spaced evenly, the space
    between them capped so a short stack stays together around the middle."""
    count = len(heights)
    spare = band.height - sum(heights)
    if spare >= gap * (count + 1):
        between = min(spare / (count + 1), gap * 4)
    else:
        between = spare / (count - 1) if count > 1 else 0.0
    y = band.top - (band.height - sum(heights) - between * (count - 1)) / 2
    bottoms = []
    for h in heights:
        bottoms.append(y - h)
        y -= h + between
    return bottoms


def _box(planner: Planner, card: Card, rect: Rect, factor: int, slot: int) -> Box:
    """A box with its card's lines moved into place (and its ruled lines, if blank)."""
    pad = planner.spacing.pad * card.size
    rules: tuple[float, ...] = ()
    if factor >= 0 and not planner.options.points:
        pitch = planner.options.line_pitch
        count = int((rect.height - card.rule_top - pad * 0.5) / pitch + 1e-9)
        rules = tuple(rect.top - card.rule_top - pitch * (i + 1) for i in range(count))
    return Box(
        rect,
        factor,
        slot,
        card.size,
        card.band,
        pad,
        card.place(planner.setter, rect.x, rect.top),
        rules,
    )


def connector(question: Box, box: Box, frame: Rect, side: float, row: bool) -> Connector:
    """A spoke from the question's centre to the side of `box` that faces it, drawn from
    where it leaves the question box. Side boxes are met at their middle; row boxes as
    close to the free centre as they reach, so the spoke never passes a side stack."""
    q, r = question.rect, box.rect
    centre = q.centre
    inset = min(12.0, r.height / 2, r.width / 2)
    if not row:
        end = (r.right if r.right <= q.x else r.x, r.centre[1])
    else:
        low = max(r.x, frame.x + side) + inset
        high = min(r.right, frame.right - side) - inset
        if low > high:
            low, high = r.x + inset, r.right - inset
        end = (min(max(r.centre[0], low), high), r.y if r.y >= q.top else r.top)
    return Connector(Segment(*leave(q, centre, end), *end), box.factor)


def _detours(q: Rect, middle: Rect, planner: Planner, plan: Plan) -> list[XY]:
    """Free points a bent link may pass through: round the question and in the gaps
    between the bands."""
    cx, cy = q.centre
    xs = [cx, (middle.x + plan.side + q.x) / 2, (q.right + middle.right - plan.side) / 2]
    ys = [cy, (q.top + middle.top) / 2, (q.y + middle.y) / 2]
    if plan.top:
        ys.append(middle.top + planner.band_gap / 2)
    if plan.bottom:
        ys.append(middle.y - planner.band_gap / 2)
    return [(x, y) for y in ys for x in xs if (x, y) != (cx, cy)]


def links(
    planner: Planner,
    factors: tuple[Box, ...],
    question: Box,
    detours: list[XY],
    spokes: tuple[Connector, ...],
) -> tuple[Link, ...]:
    """Dashed lines between linked factors: straight where clear, else bent, else along
    the channels between the boxes (revpack.chart.channels); where no way is clear, a
    lettered circle by each box (revpack.chart.tags)."""
    out: list[Link] = []
    boxes = tuple(box.rect for box in (question, *factors))
    grid: Channels | None = None
    step = min(10.0, planner.stack_gap * 0.8)
    lines = tuple(s.line for s in spokes)
    for a, b in link_pairs(planner.source):
        others = [box.rect for box in (question, *factors) if box.factor not in (a, b)]
        ends = [(s.line.x1, s.line.y1) for s in spokes if s.factor in (a, b)]
        path, clear = route(
            factors[a].rect,
            factors[b].rect,
            others,
            question.rect.centre,
            detours,
            step,
            ends,
            lines,
            tuple(piece for link in out if link.clear for c in link.path for piece in c.pieces()),
        )
        if not clear or not _within(path, planner.area):
            if grid is None:
                grid = channels(boxes, planner.area, *grid_lines(boxes, detours))
            found = channel_route(grid, factors[a].rect, factors[b].rect, step, ends, lines)
            if found is not None:
                path, clear = found, True
        out.append(Link(path, (a, b), clear, bridges=bridges(path, lines) if clear else ()))
    return _lettered(planner, out, boxes, spokes)


def _within(path: tuple[Curve, ...], area: Rect) -> bool:
    """Whether a link's line stays in the chart area (a bent one may swing out of it:
    then the channels' way, which never does, is taken where there is one)."""
    return all(
        area.x - 0.01 <= x <= area.right + 0.01 and area.y - 0.01 <= y <= area.top + 0.01
        for curve in path
        for x, y in (curve.at(i / 24) for i in range(25))
    )


def _lettered(
    planner: Planner, links: list[Link], boxes: tuple[Rect, ...], spokes: tuple[Connector, ...]
) -> tuple[Link, ...]:
    """`links` with each that has no clear way drawn as a pair of lettered circles
    (revpack.chart.tags) where both its boxes have room for one."""
    around = Surroundings(
        boxes,
        tuple(s.line for s in spokes),
        tuple(curve for link in links if link.clear for curve in link.path),
        planner.area,
        planner.layout.font.size * TAG_RADIUS,
        planner.setter,
    )
    taken: list[Tag] = []
    out = []
    for link in links:
        if not link.clear:
            a, b = link.factors
            pair = tag_pair(
                ((a, boxes[a + 1]), (b, boxes[b + 1])), letter(len(taken) // 2), around, taken
            )
            if pair is not None:
                taken += pair
                link = Link((), link.factors, False, pair)
        out.append(link)
    return tuple(out)
