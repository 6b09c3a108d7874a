"""Shapes and lines on the factor chart: rectangles, spokes and link curves, all pure.

A link between two factors is a straight dashed line when nothing stands between the boxes;
otherwise it curves round through free points (beside the question, in the gaps between the
bands), and only when no such way is clear does it run straight behind the boxes in its way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import permutations

XY = tuple[float, float]

CLEARANCE = 4.0
"""How far a link keeps from the boxes it passes, in points."""
TRIES = 16
"""The most bent paths (shortest first) a link tries per number of bends: on a crowded
chart with no clear way, trying every one costs seconds per link."""
BRIDGE = 3.6
"""How far either side of a spoke the gap round a link passing under it reaches, in
points."""
SPOKES_CROSSED = 1
"""The most spokes a link's line may cross. A line that weaves across several spokes is
hard to follow and reads as joining the key question; such a link is drawn as a pair of
lettered circles instead (revpack.chart.tags)."""


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

    @property
    def bounds(self) -> Rect:
        """The smallest rectangle holding it."""
        x, y = min(self.x0, self.x1), min(self.y0, self.y1)
        return Rect(x, y, max(self.x0, self.x1) - x, max(self.y0, self.y1) - y)


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

    def bounds(self, margin: float = 0.0) -> Rect:
        """The bounds of its control points, within which the curve lies, `margin` wider
        on every side."""
        xs, ys = [p[0] for p in self.points], [p[1] for p in self.points]
        low_x, low_y = min(xs) - margin, min(ys) - margin
        return Rect(low_x, low_y, max(xs) + margin - low_x, max(ys) + margin - low_y)

    def pieces(self, count: int = 24) -> list[Segment]:
        """The curve as `count` straight pieces (for checking what it passes through)."""
        pts = [self.at(i / count) for i in range(count + 1)]
        return [Segment(*p, *q) for p, q in zip(pts, pts[1:], strict=False)]


def straight(a: XY, b: XY) -> Curve:
    """The straight line from `a` to `b` as a Curve."""
    return Curve((a, _lerp(a, b, 1 / 3), _lerp(a, b, 2 / 3), b))


def smooth(points: list[XY]) -> tuple[Curve, ...]:
    """A smooth line through every point in turn (Catmull-Rom, as Bézier pieces), each
    piece's controls no further from its ends than a third of its length: a short piece
    (a door's step out of its box) does not overshoot and hook back."""
    if len(points) == 2:
        return (straight(*points),)
    padded = [points[0], *points, points[-1]]
    curves = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1 : i + 3]
        most = distance(p1, p2) / 3
        c1 = _offset(p1, ((p2[0] - p0[0]) / 6, (p2[1] - p0[1]) / 6), most)
        c2 = _offset(p2, ((p1[0] - p3[0]) / 6, (p1[1] - p3[1]) / 6), most)
        curves.append(Curve((p1, c1, c2, p2)))
    return tuple(curves)


def _offset(point: XY, by: XY, most: float) -> XY:
    """`point` moved `by`, but no further than `most`."""
    length = (by[0] ** 2 + by[1] ** 2) ** 0.5
    scale = min(1.0, most / length) if length > 0 else 0.0
    return point[0] + by[0] * scale, point[1] + by[1] * scale


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


def path_clear(path: tuple[Curve, ...], others: list[Rect], ends: tuple[Rect, ...]) -> bool:
    """Whether `path` keeps CLEARANCE from every one of `others` and, but for its first and
    last curves (which leave and reach them), keeps out of its `ends` boxes."""
    for i, curve in enumerate(path):
        near = curve.bounds(CLEARANCE)  # (only boxes near it can clash)
        nearby = [r for r in others if _touches(near, r)]
        inner = [r for r in ends if _touches(near, r)] if 0 < i < len(path) - 1 else []
        if not nearby and not inner:
            continue
        for piece in curve.pieces():
            if any(crosses(piece, r, -CLEARANCE) for r in nearby) or any(
                crosses(piece, r) for r in inner
            ):
                return False
    return True


def _touches(one: Rect, other: Rect) -> bool:
    """Whether two rectangles meet or overlap."""
    return (
        one.x <= other.right and other.x <= one.right and one.y <= other.top and other.y <= one.top
    )


def doors(box: Rect, towards: XY, hub: XY, step: float) -> list[tuple[XY, XY]]:
    """Where a bent link may leave `box`, best first: a point on the side facing `hub`, a
    quarter of the way in from the end on the side of the hub where `towards` lies (so two
    boxes level with each other get a symmetric arc, and the spoke meeting the side's
    middle stays clear), then from the other end; each with a point `step` outside it."""
    ahead = towards[1] < hub[1] if beside(box, hub) else towards[0] < hub[0]
    return [door_at(box, hub, step, share) for share in ((0.25, 0.75) if ahead else (0.75, 0.25))]


def _away(found: list[tuple[XY, XY]], ends: list[XY], step: float) -> list[tuple[XY, XY]]:
    """The doors of `found` not within 3 × `step` of a spoke's end (where a link would
    look like the spoke going on), or the first of them where none is."""
    kept = [door for door in found if not near_end(door[0], ends, step)]
    return kept or found[:1]


def near_end(point: XY, ends: list[XY], step: float) -> bool:
    """Whether `point` lies within 3 × `step` (across plus up) of one of the spokes'
    `ends`, where a link starting there would look like the spoke going on."""
    return any(abs(point[0] - p[0]) + abs(point[1] - p[1]) <= 3 * step for p in ends)


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


def spokes_crossed(path: tuple[Curve, ...], spokes: tuple[Segment, ...]) -> int:
    """How many times `path` crosses the `spokes` (or any straight lines: the pieces of
    links drawn before it), each curve tested only against those that reach its control
    points' bounds, within which it lies."""
    count = 0
    for curve in path:
        bounds = curve.bounds()
        near = [spoke for spoke in spokes if _touches(bounds, spoke.bounds)]
        if near:
            count += sum(1 for piece in curve.pieces() for spoke in near if meet(piece, spoke))
    return count


def meet(one: Segment, other: Segment) -> XY | None:
    """Where two straight lines cross, or None; `one` is taken without its end point, so
    that a line of pieces crossing where two of them join crosses once."""
    dx, dy = one.x1 - one.x0, one.y1 - one.y0
    ex, ey = other.x1 - other.x0, other.y1 - other.y0
    across = dx * ey - dy * ex
    if abs(across) < 1e-9:
        return None
    fx, fy = other.x0 - one.x0, other.y0 - one.y0
    t = (fx * ey - fy * ex) / across
    u = (fx * dy - fy * dx) / across
    if 0.0 <= t < 1.0 and 0.0 <= u <= 1.0:
        return one.x0 + dx * t, one.y0 + dy * t
    return None


def bridges(path: tuple[Curve, ...], spokes: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """The pieces of the `spokes` that `path` passes under: where it comes within BRIDGE
    of a spoke, on either side of each crossing (longer the more slanting the crossing),
    so that a gap there shows the link crossing rather than joining the spoke."""
    found = []
    for curve in path:
        for piece in curve.pieces():
            for spoke in spokes:
                point = meet(piece, spoke)
                if point is None:
                    continue
                length = distance((spoke.x0, spoke.y0), (spoke.x1, spoke.y1))
                one = distance((piece.x0, piece.y0), (piece.x1, piece.y1))
                if length < 1e-9 or one < 1e-9:
                    continue
                dot = abs(
                    (piece.x1 - piece.x0) * (spoke.x1 - spoke.x0)
                    + (piece.y1 - piece.y0) * (spoke.y1 - spoke.y0)
                ) / (one * length)
                sine = max((1 - min(dot, 1.0) ** 2) ** 0.5, 0.1)
                half = min(BRIDGE * dot / sine + BRIDGE, 8 * BRIDGE) / length
                at = distance((spoke.x0, spoke.y0), point) / length
                start, end = _lerp_segment(spoke, max(at - half, 0.0), min(at + half, 1.0))
                found.append(Segment(*start, *end))
    return tuple(found)


def _lerp_segment(segment: Segment, t0: float, t1: float) -> tuple[XY, XY]:
    a, b = (segment.x0, segment.y0), (segment.x1, segment.y1)
    return _lerp(a, b, t0), _lerp(a, b, t1)


def route(
    a: Rect,
    b: Rect,
    others: list[Rect],
    hub: XY,
    detours: list[XY],
    step: float,
    ends: list[XY],
    spokes: tuple[Segment, ...] = (),
    drawn: tuple[Segment, ...] = (),
) -> tuple[tuple[Curve, ...], bool]:
    """A link from box `a` to box `b`; (path, clear).

    Straight when that keeps CLEARANCE from `others` and its ends stay clear of the `ends`
    of spokes on its boxes (so a link never looks like a spoke's continuation); else
    straight from door to door if that is clear; otherwise the shortest clear smooth line
    that leaves each box through its door and bends through as few of `detours` as it can
    (at most two). Of these, the first that crosses none of the `spokes` and none of the
    links `drawn` before it is taken; else (looking TRIES ways further) the one that
    crosses fewest spokes, then fewest links, if it crosses no more than SPOKES_CROSSED
    spokes. When no way is clear, the straight line (it runs behind the boxes in its
    way)."""
    line = straight(leave(a, a.centre, b.centre), leave(b, b.centre, a.centre))
    best: tuple[Curve, ...] | None = None
    fewest = (SPOKES_CROSSED + 1, 0)
    further = 0
    for path in _ways(a, b, others, hub, detours, step, ends, line, spokes):
        count = spokes_crossed(path, spokes)
        if count > SPOKES_CROSSED:
            continue
        crossed = (count, spokes_crossed(path, drawn) if drawn else 0)
        if crossed == (0, 0):
            return path, True
        if best is None or crossed < fewest:
            best, fewest = path, crossed
        further += 1
        if further > TRIES:
            break
    return (best, True) if best is not None else ((line,), False)


def _ways(
    a: Rect,
    b: Rect,
    others: list[Rect],
    hub: XY,
    detours: list[XY],
    step: float,
    ends: list[XY],
    line: Curve,
    spokes: tuple[Segment, ...],
) -> Iterator[tuple[Curve, ...]]:
    """The lines from `a` to `b` clear of `others` that `route` chooses from, simplest
    first."""
    tips = (line.points[0], line.points[-1])
    if path_clear((line,), others, ()) and not any(near_end(tip, ends, step) for tip in tips):
        yield (line,)
    # The doors facing each other first; the others where they cross fewer spokes (a box
    # under its spoke's left end, linked round the question's right, leaves on the left).
    pairs = [
        (da, db)
        for da in _away(doors(a, b.centre, hub, step), ends, step)
        for db in _away(doors(b, a.centre, hub, step), ends, step)
    ]
    for (a0, _), (b0, _) in pairs:
        direct = straight(a0, b0)
        if path_clear((direct,), others, ()) and not any(
            path_crosses((direct,), r) for r in (a, b)
        ):
            yield (direct,)
    boxes = (*others, a, b)
    legs: dict[tuple[XY, XY], int | None] = {}

    def leg(p: XY, q: XY) -> int | None:
        """How many spokes the straight leg from `p` to `q` crosses; None where it is not
        clear of the boxes (each leg is judged once, though many ways share it)."""
        if (p, q) not in legs:
            piece = Segment(*p, *q)
            clear = not any(crosses(piece, r, -CLEARANCE) for r in boxes)
            legs[p, q] = sum(1 for line in spokes if meet(piece, line)) if clear else None
        return legs[p, q]

    for count in (0, 1, 2):  # fewest bends first: a bent link is only as long as it must be
        ranked = []
        for rank, ((a0, a1), (b0, b1)) in enumerate(pairs):
            for vias in permutations(detours, count):
                points = [a0, a1, *vias, b1, b0]
                crossed = 0
                legged = list(zip(points[1:], points[2:-1], strict=False))
                for p, q in legged:
                    each = leg(p, q)
                    if each is None or crossed + each > SPOKES_CROSSED:
                        break
                    crossed += each
                else:
                    span = sum(distance(p, q) for p, q in legged)
                    ranked.append((crossed, rank, span, points))
        # those whose corners cross fewest spokes first, then the facing doors, the shortest
        for *_, points in sorted(ranked, key=lambda r: r[:3])[:TRIES]:
            path = smooth(points)
            if path_clear(path, others, (a, b)):
                yield path
