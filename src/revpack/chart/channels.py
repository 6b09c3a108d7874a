"""Links round the boxes along the gaps between them, when no simpler way is clear.

The gaps between the bands, between the boxes of a row or a stack, and on either side of
the question make a grid of channels. A link leaves its box through any side (at a quarter
of the way from either end, away from the spokes), follows the channels by the shortest
way (Dijkstra), cuts every corner it can see past, and has its remaining corners
rounded. Pure: the answer depends only on the rectangles given, so it is deterministic.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from revpack.chart.paths import (
    CLEARANCE,
    SPOKES_CROSSED,
    XY,
    Curve,
    Rect,
    Segment,
    crosses,
    distance,
    near_end,
    path_clear,
    spokes_crossed,
    straight,
)

NEAREST = 6
"""How many of the nearest channel points a door outside a box joins."""
ROUND = 14.0
"""The radius of a link's rounded corners, in points (less where its pieces are short)."""


@dataclass(frozen=True)
class Channels:
    """The channel grid of one arrangement: free points and the clear ways between them."""

    boxes: tuple[Rect, ...]
    """Every box on the chart (the question's too): what no channel may pass through."""
    area: Rect
    """The chart area, which no link leaves (not into the margins, nor over the header)."""
    points: tuple[XY, ...]
    """Free points where channels meet."""
    edges: tuple[tuple[tuple[int, float], ...], ...]
    """Per point, (neighbouring point, distance) for each clear way to a neighbour."""


def channels(boxes: tuple[Rect, ...], area: Rect, xs: list[float], ys: list[float]) -> Channels:
    """The grid of the crossings of the lines at `xs` and `ys` that keep CLEARANCE from
    every box, joined to their nearest neighbours up, down, left and right where the way
    is clear."""
    xs, ys = sorted(set(xs)), sorted(set(ys))
    at: dict[tuple[int, int], int] = {}
    points: list[XY] = []
    for j, y in enumerate(ys):
        for i, x in enumerate(xs):
            inside = _inside((x, y), area, 0.0)
            if inside and not any(_inside((x, y), box, CLEARANCE) for box in boxes):
                at[i, j] = len(points)
                points.append((x, y))
    edges: list[list[tuple[int, float]]] = [[] for _ in points]
    lines = [[at[i, j] for i in range(len(xs)) if (i, j) in at] for j in range(len(ys))] + [
        [at[i, j] for j in range(len(ys)) if (i, j) in at] for i in range(len(xs))
    ]
    for line in lines:
        for p, q in zip(line, line[1:], strict=False):
            if _clear(points[p], points[q], boxes):
                d = distance(points[p], points[q])
                edges[p].append((q, d))
                edges[q].append((p, d))
    return Channels(tuple(boxes), area, tuple(points), tuple(tuple(e) for e in edges))


def grid_lines(boxes: tuple[Rect, ...], extra: list[XY]) -> tuple[list[float], list[float]]:
    """Where the channels run: across and up through the middle of every box and of every
    gap between a box and the next one beyond it, and through the `extra` points."""
    xs = [p[0] for p in extra] + [box.centre[0] for box in boxes]
    ys = [p[1] for p in extra] + [box.centre[1] for box in boxes]
    for box in boxes:
        right = [o.x for o in boxes if o.x >= box.right + 2 * CLEARANCE]
        above = [o.y for o in boxes if o.y >= box.top + 2 * CLEARANCE]
        if right:
            xs.append((box.right + min(right)) / 2)
        if above:
            ys.append((box.top + min(above)) / 2)
    return _distinct(xs), _distinct(ys)


def _distinct(values: list[float]) -> list[float]:
    """`values` in order, leaving out any within a point of the one kept before it."""
    kept: list[float] = []
    for value in sorted(values):
        if not kept or value - kept[-1] > 1.0:
            kept.append(value)
    return kept


def channel_route(
    grid: Channels,
    a: Rect,
    b: Rect,
    step: float,
    ends: list[XY],
    spokes: tuple[Segment, ...] = (),
) -> tuple[Curve, ...] | None:
    """The shortest link from box `a` to box `b` along the channels, clear of every other
    box by CLEARANCE and of its own boxes but at its ends, leaving them away from the
    `ends` of their spokes; None when the channels do not join them, or when the way
    crosses more than SPOKES_CROSSED of the `spokes`."""
    starts = _doors(a, step, ends, grid)
    finishes = _doors(b, step, ends, grid)
    if not starts or not finishes:
        return None
    found = _shortest(grid, starts, finishes)
    if found is None:
        return None
    (a0, a1), middle, (b0, b1) = found
    corners = _pulled([a1, *middle, b1], grid.boxes)
    others = [box for box in grid.boxes if box not in (a, b)]
    for path in (
        _rounded([a0, *corners, b0]),
        tuple(straight(p, q) for p, q in _pairs([a0, *corners, b0])),
    ):
        if path_clear(path, others, (a, b)) and spokes_crossed(path, spokes) <= SPOKES_CROSSED:
            return path
    return None


def _doors(box: Rect, step: float, ends: list[XY], grid: Channels) -> list[tuple[XY, XY]]:
    """(on the edge, `step` outside) for each place a link may leave `box`: a quarter of
    the way in from either end of each side, where no spoke meets it and the point
    outside is free and in the chart area."""
    found = []
    for t in (0.25, 0.75):
        x = box.x + box.width * t
        y = box.y + box.height * t
        for edge, out in (
            ((x, box.top), (x, box.top + step)),
            ((x, box.y), (x, box.y - step)),
            ((box.x, y), (box.x - step, y)),
            ((box.right, y), (box.right + step, y)),
        ):
            near = near_end(edge, ends, step)
            free = _inside(out, grid.area, 0.0) and not any(
                _inside(out, other, CLEARANCE * 0.5) for other in grid.boxes
            )
            if not near and free:
                found.append((edge, out))
    return found


def _shortest(
    grid: Channels, starts: list[tuple[XY, XY]], ends: list[tuple[XY, XY]]
) -> tuple[tuple[XY, XY], list[XY], tuple[XY, XY]] | None:
    """The shortest way from a start door through the grid to an end door: (start door,
    channel points, end door)."""
    count = len(grid.points)
    # Nodes: the grid's points, then each start door's outer point, then each end door's.
    extra: list[list[tuple[int, float]]] = [[] for _ in range(len(starts) + len(ends))]
    for k, (_, out) in enumerate(starts):
        extra[k] = _joins(grid, out)
    into: dict[int, list[tuple[int, float]]] = {}
    for k, (_, out) in enumerate(ends):
        node = count + len(starts) + k
        for p, d in _joins(grid, out):
            into.setdefault(p, []).append((node, d))
    for k, (_, s_out) in enumerate(starts):
        for m, (_, e_out) in enumerate(ends):
            if _clear(s_out, e_out, grid.boxes):
                extra[k].append((count + len(starts) + m, distance(s_out, e_out)))
    heap = [(0.0, count + k) for k in range(len(starts))]
    best = {node: 0.0 for _, node in heap}
    back: dict[int, int] = {}
    while heap:
        cost, node = heapq.heappop(heap)
        if cost > best.get(node, float("inf")):
            continue
        if node >= count + len(starts):
            return _trace(grid, starts, ends, back, node)
        if node < count:
            nexts = [*grid.edges[node], *into.get(node, ())]
        else:
            nexts = extra[node - count]
        for other, d in nexts:
            if cost + d < best.get(other, float("inf")) - 1e-9:
                best[other] = cost + d
                back[other] = node
                heapq.heappush(heap, (cost + d, other))
    return None


def _trace(
    grid: Channels,
    starts: list[tuple[XY, XY]],
    ends: list[tuple[XY, XY]],
    back: dict[int, int],
    node: int,
) -> tuple[tuple[XY, XY], list[XY], tuple[XY, XY]]:
    """The way Dijkstra found to `node`, as (start door, channel points, end door)."""
    count = len(grid.points)
    end = ends[node - count - len(starts)]
    middle: list[XY] = []
    node = back[node]
    while node < count:
        middle.append(grid.points[node])
        node = back[node]
    return starts[node - count], middle[::-1], end


def _joins(grid: Channels, point: XY) -> list[tuple[int, float]]:
    """(grid point, distance) for the NEAREST grid points seen clear from `point`."""
    near = sorted(range(len(grid.points)), key=lambda p: (distance(point, grid.points[p]), p))
    found = []
    for p in near:
        if _clear(point, grid.points[p], grid.boxes):
            found.append((p, distance(point, grid.points[p])))
            if len(found) == NEAREST:
                break
    return found


def _pulled(points: list[XY], boxes: tuple[Rect, ...]) -> list[XY]:
    """`points` with every corner left out that the way round does not need: from each
    point, straight on to the furthest later point seen clear."""
    kept = [points[0]]
    i = 0
    while i < len(points) - 1:
        j = len(points) - 1
        while j > i + 1 and not _clear(points[i], points[j], boxes):
            j -= 1
        kept.append(points[j])
        i = j
    return kept


def _rounded(points: list[XY]) -> tuple[Curve, ...]:
    """Straight pieces through `points` with each inner corner rounded off (a curve from a
    little before the corner to a little after it, pulled towards the corner)."""
    cuts: list[tuple[XY, XY]] = []
    for p, q, r in zip(points, points[1:], points[2:], strict=False):
        radius = min(ROUND, distance(p, q) / 2, distance(q, r) / 2)
        cuts.append((_towards(q, p, radius), _towards(q, r, radius)))
    curves = []
    start = points[0]
    for (before, after), corner in zip(cuts, points[1:-1], strict=True):
        if distance(start, before) > 1e-6:
            curves.append(straight(start, before))
        c1 = (
            before[0] + (corner[0] - before[0]) * 2 / 3,
            before[1] + (corner[1] - before[1]) * 2 / 3,
        )
        c2 = (after[0] + (corner[0] - after[0]) * 2 / 3, after[1] + (corner[1] - after[1]) * 2 / 3)
        curves.append(Curve((before, c1, c2, after)))
        start = after
    curves.append(straight(start, points[-1]))
    return tuple(curves)


def _towards(a: XY, b: XY, length: float) -> XY:
    d = distance(a, b)
    if d < 1e-9:
        return a
    return a[0] + (b[0] - a[0]) * length / d, a[1] + (b[1] - a[1]) * length / d


def _pairs(points: list[XY]) -> list[tuple[XY, XY]]:
    return list(zip(points, points[1:], strict=False))


def _clear(p: XY, q: XY, boxes: tuple[Rect, ...]) -> bool:
    """Whether the straight way from `p` to `q` keeps CLEARANCE from every box."""
    low_x, high_x = min(p[0], q[0]) - CLEARANCE, max(p[0], q[0]) + CLEARANCE
    low_y, high_y = min(p[1], q[1]) - CLEARANCE, max(p[1], q[1]) + CLEARANCE
    segment = Segment(*p, *q)
    return not any(
        box.x < high_x
        and low_x < box.right
        and box.y < high_y
        and low_y < box.top
        and crosses(segment, box, -CLEARANCE)
        for box in boxes
    )


def _inside(point: XY, box: Rect, margin: float) -> bool:
    """Whether `point` lies within `margin` of `box` (or in it)."""
    x, y = point
    return box.x - margin < x < box.right + margin and box.y - margin < y < box.top + margin
