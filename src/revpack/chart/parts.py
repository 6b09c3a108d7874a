"""What a factor chart's geometry is made of: boxes, connectors, links, the whole page."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.chart.paths import XY, Curve, Rect, Segment
from revpack.chart.text import Line


@dataclass(frozen=True)
class Box:
    """A box on the chart: the question or one factor."""

    rect: Rect
    """Where it is."""
    factor: int
    """Index of its factor in the source; -1 for the question."""
    slot: int
    """Its place clockwise round the question from the top left (picks its colour); -1 for
    the question."""
    size: float
    """Body type size, in points."""
    band: float
    """Height of the title band along its top (0 for the question)."""
    pad: float
    """Space between its sides and its text."""
    lines: tuple[Line, ...]
    """Its text, wrapped and positioned."""
    rules: tuple[float, ...]
    """Heights of ruled writing lines (blank charts), drawn from pad to pad across."""


@dataclass(frozen=True)
class Connector:
    """A spoke from the question box to a factor box."""

    line: Segment
    """From the question's edge to the factor box's facing side."""
    factor: int
    """The factor's index in the source."""


@dataclass(frozen=True)
class Tag:
    """One end of a link drawn without a line: a lettered circle just outside a box."""

    centre: XY
    """The circle's centre."""
    radius: float
    """The circle's radius."""
    stub: Segment
    """A short dashed line from the box's edge to the circle."""
    label: Line
    """The letter, centred in the circle."""
    factor: int
    """The index of the factor whose box it stands by."""
    letter: str
    """The letter (the same at both ends of the link)."""


@dataclass(frozen=True)
class Link:
    """A dashed line between two factors the source links, or, where no line can run
    clear of the other boxes, a lettered circle by each of the two."""

    path: tuple[Curve, ...]
    """From one box's edge to the other's: one straight piece, or smooth curves round the
    boxes in its way; empty when the link is drawn as `tags`."""
    factors: tuple[int, int]
    """The two factors' indices, smaller first."""
    clear: bool
    """False when no clear way was found: the link is drawn as `tags`, or (when even they
    find no room) as a line behind the boxes in its way."""
    tags: tuple[Tag, ...] = ()
    """The circles standing for the link at its two ends, when it has no line."""
    bridges: tuple[Segment, ...] = ()
    """The pieces of spokes its line passes under, where a gap is left round it
    (revpack.chart.paths.bridges)."""


@dataclass(frozen=True)
class ChartGeometry:
    """Everything the chart's drawing step needs, in points from the bottom-left corner."""

    width: float
    """Page width."""
    height: float
    """Page height."""
    margin: float
    """Margin on every side."""
    area: Rect
    """The part of the page the boxes share: inside the margins, below the header."""
    header: tuple[Line, ...]
    """Title, subject and course, class and teacher."""
    rule: float
    """Height of the rule under the header."""
    question: Box
    """The key question, in the centre."""
    factors: tuple[Box, ...]
    """One box per factor, in source order."""
    connectors: tuple[Connector, ...]
    """Question to factor, in source order."""
    links: tuple[Link, ...]
    """Between linked factors."""
    legend: tuple[Line, ...] = ()
    """Under the chart, in the bottom margin, where links are drawn as lettered circles:
    what the letters mean."""

    @property
    def boxes(self) -> tuple[Box, ...]:
        """The question box, then every factor box."""
        return (self.question, *self.factors)
