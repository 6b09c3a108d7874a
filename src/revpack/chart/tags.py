"""A link with no clear way at all: a lettered circle by each of its two boxes instead of a
line, as a flowchart joins two places with matching connector circles. A line drawn behind
other boxes would read as a link between them; two circles with the same letter cannot.

Each circle sits just outside its box, joined to it by a short dashed stub, on the side and
at the place nearest the other box that is free: clear of every box, spoke, other circle
and, where it can be, of the lines of other links. Pure: placement depends only on the
rectangles and lines given.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import ascii_uppercase

from revpack.chart.parts import Tag
from revpack.chart.paths import XY, Curve, Rect, Segment, distance
from revpack.chart.text import ASCENT, DESCENT, Setter, pieces

STUB = 3.0
"""Length of the dashed stub between a box and its circle, in points."""
KEEP = 1.5
"""The least room, in points, between a circle and any box, spoke or other circle."""
ALONG = (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9)
"""Where along a side a circle may sit, as fractions of the side's length."""
LINE_ROOM = 4.0
"""The room, in points, a circle keeps from another link's line wherever it can: nearer,
it reads as a label of that line."""


def letter(index: int) -> str:
    """The label of the `index`-th lettered link: A to Z, then AA, AB and so on."""
    first, last = divmod(index, len(ascii_uppercase))
    return (ascii_uppercase[first - 1] if first else "") + ascii_uppercase[last]


@dataclass(frozen=True)
class Surroundings:
    """What a link's circles must keep clear of, and how they are drawn."""

    boxes: tuple[Rect, ...]
    """Every box of the chart (the question's too)."""
    spokes: tuple[Segment, ...]
    """The lines from the question to each factor."""
    lines: tuple[Curve, ...]
    """The lines of the links drawn as lines (crossed only where nothing else is free)."""
    area: Rect
    """The chart's area, which a circle stays inside."""
    radius: float
    """A circle's radius, in points."""
    setter: Setter
    """Sets the circles' letters."""


def tag_pair(
    ends: tuple[tuple[int, Rect], tuple[int, Rect]],
    label: str,
    around: Surroundings,
    taken: list[Tag],
) -> tuple[Tag, Tag] | None:
    """Circles lettered `label` by both boxes of a link (factor, rect), clear of `around`
    and of the circles `taken`, or None where one of them has no free place."""
    (fa, a), (fb, b) = ends
    first = _tag(fa, a, b.centre, label, around, taken)
    if first is None:
        return None
    second = _tag(fb, b, a.centre, label, around, [*taken, first])
    return None if second is None else (first, second)


def _tag(
    factor: int, box: Rect, towards: XY, label: str, around: Surroundings, taken: list[Tag]
) -> Tag | None:
    """The circle by `box`: of the free places round it, the one that keeps LINE_ROOM
    from every other link's line, nearest `towards`."""
    radius = around.radius
    pieces_on = [piece for curve in around.lines for piece in curve.pieces()]
    best: tuple[tuple[bool, float, int], XY, XY, XY] | None = None
    for rank, (edge, normal) in enumerate(_places(box)):
        centre = (
            edge[0] + normal[0] * (STUB + radius),
            edge[1] + normal[1] * (STUB + radius),
        )
        if not _free(centre, edge, around, taken):
            continue
        crossed = any(_to_segment(centre, piece) <= radius + LINE_ROOM for piece in pieces_on)
        key = (crossed, round(distance(centre, towards), 6), rank)
        if best is None or key < best[0]:
            best = (key, centre, edge, normal)
    if best is None:
        return None
    _, centre, edge, normal = best
    stub = Segment(*edge, centre[0] - normal[0] * radius, centre[1] - normal[1] * radius)
    size = radius * 1.25
    parts = pieces(label, bold=True)
    width = around.setter.line_width(parts, size)
    baseline = centre[1] - (ASCENT - DESCENT) * size / 2
    line = around.setter.place(parts, centre[0] - width / 2, baseline, size, "tag")
    return Tag(centre, radius, stub, line, factor, label)


def _places(box: Rect) -> list[tuple[XY, XY]]:
    """(point on the edge, outward direction) for each place a circle may sit."""
    found = []
    for t in ALONG:
        x, y = box.x + box.width * t, box.y + box.height * t
        found += [
            ((x, box.y), (0.0, -1.0)),
            ((x, box.top), (0.0, 1.0)),
            ((box.x, y), (-1.0, 0.0)),
            ((box.right, y), (1.0, 0.0)),
        ]
    return found


def _free(centre: XY, edge: XY, around: Surroundings, taken: list[Tag]) -> bool:
    """Whether a circle at `centre`, its stub from `edge`, stays in the chart area and
    clear of every box, spoke and circle already placed."""
    x, y = centre
    radius, area = around.radius, around.area
    room = radius + KEEP
    if x - radius < area.x or x + radius > area.right or y - radius < area.y:
        return False
    if y + radius > area.top:
        return False
    if any(_to_rect(centre, box) < room for box in around.boxes):
        return False
    if any(_to_segment(centre, s) < room or _to_segment(edge, s) < KEEP * 2 for s in around.spokes):
        return False
    return all(distance(centre, tag.centre) >= radius + tag.radius + KEEP for tag in taken)


def _to_rect(point: XY, rect: Rect) -> float:
    """How far `point` lies from `rect` (0 inside it)."""
    dx = max(rect.x - point[0], 0.0, point[0] - rect.right)
    dy = max(rect.y - point[1], 0.0, point[1] - rect.top)
    return float((dx * dx + dy * dy) ** 0.5)


def _to_segment(point: XY, segment: Segment) -> float:
    """How far `point` lies from `segment`."""
    x0, y0, x1, y1 = segment.x0, segment.y0, segment.x1, segment.y1
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((point[0] - x0) * dx + (point[1] - y0) * dy) / length))
    )
    return distance(point, (x0 + dx * t, y0 + dy * t))
