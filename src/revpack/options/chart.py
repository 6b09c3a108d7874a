"""Options of the factor-chart-pdf renderer."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.loading.spec import Key, ListOf, Record, Value, boolean, colour, length_in, whole

MM = 72 / 25.4
"""Points in a millimetre."""

SPEC = Record(
    {
        "points": Key(Value(boolean, "Print each factor's points (false: ruled space).")),
        "ruled_lines": Key(
            Value(
                whole(1, 20),
                "Ruled lines each factor box must have room for "
                "when points are hidden (more when there is room).",
            )
        ),
        "line_pitch": Key(
            Value(
                length_in(4 * MM, 25 * MM),
                "Distance between ruled lines, from 4mm to 25mm, e.g. 8mm.",
            )
        ),
        "palette": Key(
            ListOf(
                Value(colour),
                description="Colours of the factors' title bands, "
                "used in turn round the chart; dark "
                "enough for white text.",
            )
        ),
    },
    name="chart options",
)


@dataclass(frozen=True)
class Options:
    """What a factor chart shows."""

    points: bool = True
    """Each factor's points; when false, empty ruled space for students."""
    ruled_lines: int = 3
    """The fewest ruled lines a factor box may have when points are hidden."""
    line_pitch: float = 8 * 72 / 25.4
    """Distance between ruled lines, in points."""
    palette: tuple[str, ...] = ("#1A3A5C", "#2E7D6B", "#6A2C70", "#9C4A1A")
    """Title band colours, used in turn; neighbours differ in lightness, so they stay
    apart in greyscale print too."""
