"""Shapes and lines on the factor chart: rectangles, spokes and link curves, all pure.

A link between two factors is a straight dashed line when nothing stands between the boxes;
otherwise it curves round through free points (beside the question, in the gaps between the
bands), and only when no such way is clear does it run straight behind the boxes in its way.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

XY = tuple[float, float]

CLEARANCE = 4.0
"""How far a link keeps from the boxes it passes, in points."""
TRIES = 16
"""The most bent paths (shortest first) a link tries per number of bends: on a crowded
chart with no clear way, trying every one costs seconds per link."""


@dataclass(frozen=True)
class Rect:
    """A rectangle: bottom-left corner, width and height, in points."""

    x: float
    """Left edge."""
    y: float
    """Bottom edge."""
    width: float
    """Width."""
    height: float
    """Height."""

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.width

    @property
    def top(self) -> float:
        """Top edge."""
        return self.y + self.height

    @property
    def centre(self) -> XY:
        """The middle point."""
        return self.x + self.width / 2, self.y + self.height / 2

    def overlaps(self, other: Rect) -> bool:
        """Whether the insides of the two rectangles share any area."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.top
            and other.y < self.top
        )


@dataclass(frozen=True)
class Segment:
    """A straight line."""

    x0: float
    """Start, across."""
    y0: float
    """Start, up."""
    x1: float
    """End, across."""
    y1: float
    """End, up."""


@dataclass(frozen=True)
class Curve:
    """A cubic Bézier curve (a straight line when its controls lie on the chord)."""

    points: tuple[XY, XY, XY, XY]
    """Start, first control, second control, end."""

    def at(self, t: float) -> XY:
        """The point a fraction `t` of the way along."""
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.points
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        return a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3

    def pieces(self, count: int = 24) -> list[Segment]:
        """The curve as `count` straight pieces (for checking what it passes through)."""
        pts = [self.at(i / count) for i in range(count + 1)]
        return [Segment(*p, *q) for p, q in zip(pts, pts[1:], strict=False)]


def straight(a: XY, b: XY) -> Curve:
    """The straight line from `a` to `b` as a Curve."""
    return Curve((a, _lerp(a, b, 1 / 3), _lerp(a, b, 2 / 3), b))


def smooth(points: list[XY]) -> tuple[Curve, ...]:
    """A smooth line through every point in turn (Catmull-Rom, as Bézier pieces)."""
    if len(points) == 2:
        return (straight(*points),)
    padded = [points[0], *points, points[-1]]
    curves = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1 : i + 3]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        curves.append(Curve((p1, c1, c2, p2)))
    return tuple(curves)


def distance(a: XY, b: XY) -> float:
    """How far apart two points are."""
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def _lerp(a: XY, b: XY, t: float) -> XY:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def leave(rect: Rect, start: XY, end: XY) -> XY:
    """Where the line from `start` (inside `rect`) towards `end` crosses its edge."""
    t = 1.0
    for s, delta, low, high in (
        (start[0], end[0] - start[0], rect.x, rect.right),
        (start[1], end[1] - start[1], rect.y, rect.top),
    ):
        if delta > 0:
            t = min(t, (high - s) / delta)
        elif delta < 0:
            t = min(t, (low - s) / delta)
    t = max(t, 0.0)
    return _lerp(start, end, t)


def crosses(line: Segment, rect: Rect, inset: float = 0.5) -> bool:
    """Whether `line` passes through the inside of `rect` shrunk by `inset` (Liang-Barsky)."""
    x0, y0 = line.x0, line.y0
    dx, dy = line.x1 - x0, line.y1 - y0
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x0 - rect.x - inset),
        (dx, rect.right - inset - x0),
        (-dy, y0 - rect.y - inset),
        (dy, rect.top - inset - y0),
    ):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return low < high


def path_crosses(path: tuple[Curve, ...], rect: Rect, inset: float = 0.5) -> bool:
    """Whether any piece of `path` passes through the inside of `rect`."""
    return any(crosses(piece, rect, inset) for curve in path for piece in curve.pieces())


def door(box: Rect, towards: XY, hub: XY, step: float) -> tuple[XY, XY]:
    """Where a bent link leaves `box`: a point on the side facing `hub`, a quarter of the
    way in from the end on the side of the hub where `towards` lies (so two boxes level
    with each other get a symmetric arc, and the spoke meeting the side's middle stays
    clear), and a point `step` outside it."""
    if beside(box, hub):  # a side stack: the inner side is vertical
        return door_at(box, hub, step, 0.25 if towards[1] < hub[1] else 0.75)
    return door_at(box, hub, step, 0.25 if towards[0] < hub[0] else 0.75)


def beside(box: Rect, hub: XY) -> bool:
    """Whether `box` faces `hub` with a vertical side: it lies further to the hub's left
    or right than above or below it (a box in a side stack; not one under the question
    whose edge stops just short of the hub's middle)."""
    across = max(box.x - hub[0], hub[0] - box.right, 0.0)
    up = max(box.y - hub[1], hub[1] - box.top, 0.0)
    return across > up


def door_at(box: Rect, hub: XY, step: float, share: float) -> tuple[XY, XY]:
    """The point `share` of the way along the side of `box` facing `hub` (from its left
    or its bottom end), and a point `step` outside it."""
    if beside(box, hub):
        x = box.right if hub[0] >= box.right else box.x
        y = box.y + box.height * share
        return (x, y), (x + (step if x == box.right else -step), y)
    y = box.y if hub[1] <= box.y else box.top
    x = box.x + box.width * share
    return (x, y), (x, y + (step if y == box.top else -step))


def route(
    a: Rect, b: Rect, others: list[Rect], hub: XY, detours: list[XY], step: float, spokes: list[XY]
) -> tuple[tuple[Curve, ...], bool]:
    """A link from box `a` to box `b`; (path, clear).

    Straight when that keeps CLEARANCE from `others` and its ends stay clear of where the
    `spokes` meet the boxes (so a link never looks like a spoke's continuation); else
    straight from door to door if that is clear; otherwise the shortest clear smooth line
    that leaves each box through its door and bends through
    as few of `detours` as it can (at most two). When no way is clear, the straight line
    (it runs behind the boxes in its way)."""
    line = straight(leave(a, a.centre, b.centre), leave(b, b.centre, a.centre))
    ends = (line.points[0], line.points[-1])
    if not any(path_crosses((line,), r, -CLEARANCE) for r in others) and all(
        abs(e[0] - p[0]) + abs(e[1] - p[1]) > 3 * step for e in ends for p in spokes
    ):
        return (line,), True
    (a0, a1), (b0, b1) = door(a, b.centre, hub, step), door(b, a.centre, hub, step)
    direct = straight(a0, b0)
    if not any(path_crosses((direct,), r, -CLEARANCE) for r in others) and not any(
        path_crosses((direct,), r) for r in (a, b)
    ):
        return (direct,), True
    for count in (0, 1, 2):  # fewest bends first: a bent link is only as long as it must be
        ranked = []
        for vias in permutations(detours, count):
            points = [a0, a1, *vias, b1, b0]
            corners = [Segment(*p, *q) for p, q in zip(points[1:], points[2:-1], strict=False)]
            if not any(crosses(c, r, -CLEARANCE) for c in corners for r in (*others, a, b)):
                ranked.append((sum(_span(c) for c in corners), points))
        for _, points in sorted(ranked, key=lambda r: r[0])[:TRIES]:
            path = smooth(points)
            if not any(path_crosses(path, r, -CLEARANCE) for r in others) and not any(
                path_crosses(path[1:-1], r) for r in (a, b)
            ):
                return path, True
    return (line,), False


def _span(segment: Segment) -> float:
    return ((segment.x1 - segment.x0) ** 2 + (segment.y1 - segment.y0) ** 2) ** 0.5
