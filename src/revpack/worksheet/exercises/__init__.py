"""The exercise table: every exercise a worksheet can hold, in one ordered table.

Each row names the exercise as layouts do (`options.exercises`), the type of its model,
the pure seeded builder that derives it from a source, what the sheet shows of it and
what the key says. Adding an exercise is one module (model, builder, sheet, key) and one
row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revpack.model import Source
from revpack.worksheet.exercises import extended, gap_fill, matching, ranking, timeline
from revpack.worksheet.exercises.common import letter
from revpack.worksheet.exercises.extended import Extended
from revpack.worksheet.exercises.gap_fill import (
    Gap,
    GapFill,
    GapGroup,
    GapItem,
    gap_count,
    gap_texts,
)
from revpack.worksheet.exercises.matching import Matching
from revpack.worksheet.exercises.ranking import Ranking
from revpack.worksheet.exercises.timeline import TimelineOrder

if TYPE_CHECKING:
    from revpack.options.worksheet import Options

Exercise = GapFill | Matching | TimelineOrder | Ranking | Extended
"""Any exercise's model."""


@dataclass(frozen=True)
class ExerciseType:
    """One row of the exercise table."""

    name: str
    """What a layout's `options.exercises` calls it."""
    model: type
    """The frozen dataclass its builder returns."""
    build: Callable
    """`build(source, options, seed) -> model | None` (None: the source lacks the data)."""
    sheet: Callable
    """`sheet(exercise, context) -> list[Block]`: what the student's sheet shows."""
    key: Callable
    """`key(exercise, context, level) -> list[Block]`: what the answer key says."""
    left_out: str
    """What it is and why it is missing, when the source lacks the data."""


EXERCISES: dict[str, ExerciseType] = {
    row.name: row
    for row in (
        ExerciseType(
            "gap_fill", GapFill, gap_fill.build, gap_fill.sheet, gap_fill.key, gap_fill.LEFT_OUT
        ),
        ExerciseType(
            "matching", Matching, matching.build, matching.sheet, matching.key, matching.LEFT_OUT
        ),
        ExerciseType(
            "timeline",
            TimelineOrder,
            timeline.build,
            timeline.sheet,
            timeline.key,
            timeline.LEFT_OUT,
        ),
        ExerciseType(
            "ranking", Ranking, ranking.build, ranking.sheet, ranking.key, ranking.LEFT_OUT
        ),
        ExerciseType(
            "extended", Extended, extended.build, extended.sheet, extended.key, extended.LEFT_OUT
        ),
    )
}
"""Every exercise, by name, in the default order."""


@dataclass(frozen=True)
class ExerciseSet:
    """The exercises a layout asked for, in its order, and what had to be left out."""

    exercises: tuple[Exercise, ...]
    """The exercises that have data, numbered 1, 2, … on the sheet and in the key."""
    left_out: tuple[str, ...]
    """What each exercise the layout asked for but the source has no data for is, and
    why it is missing."""


def exercise_type(exercise: Exercise) -> ExerciseType:
    """The table row of an exercise's model."""
    return next(row for row in EXERCISES.values() if isinstance(exercise, row.model))


def worksheet(source: Source, options: Options, seed: int) -> ExerciseSet:
    """Build every exercise `options` asks for; those without data go into `left_out`."""
    made, missing = [], []
    for name in options.exercises:
        row = EXERCISES[name]
        exercise = row.build(source, options, seed)
        if exercise is None:
            missing.append(row.left_out)
        else:
            made.append(exercise)
    return ExerciseSet(tuple(made), tuple(missing))


__all__ = [
    "EXERCISES",
    "Exercise",
    "ExerciseSet",
    "ExerciseType",
    "Extended",
    "Gap",
    "GapFill",
    "GapGroup",
    "GapItem",
    "Matching",
    "Ranking",
    "TimelineOrder",
    "exercise_type",
    "gap_count",
    "gap_texts",
    "letter",
    "worksheet",
]
