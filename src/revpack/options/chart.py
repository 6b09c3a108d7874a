"""Options of the factor-chart-pdf renderer."""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import Key, Record, Value, boolean, whole

SPEC = Record({
    "points": Key(Value(boolean, "Print each factor's points (false: ruled space).")),
    "ruled_lines": Key(Value(whole(0, 20), "Ruled lines per factor when points are hidden.")),
}, name="chart options")


@dataclass(frozen=True)
class Options:
    """What a factor chart shows."""

    points: bool = True
    """Each factor's points; when false, empty ruled space for students."""
    ruled_lines: int = 4
    """Ruled lines in each factor box when points are hidden."""
