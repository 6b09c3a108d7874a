"""The exercise table: every exercise a worksheet can hold, in one ordered table.

Each row names the exercise as layouts do (`options.exercises`), the type of its model,
the pure seeded builder that derives it from a source, what the sheet shows of it and
what the key says. Adding an exercise is one module (model, builder, sheet, key) and one
row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from revpack.model import Source
from revpack.worksheet.exercises import extended, gap_fill, matching, ranking, timeline
from revpack.worksheet.exercises.common import Printed, letter
from revpack.worksheet.exercises.extended import Extended
from revpack.worksheet.exercises.gap_fill import (
    Gap,
    GapFill,
    GapGroup,
    GapItem,
    gap_texts,
)
from revpack.worksheet.exercises.matching import Matching
from revpack.worksheet.exercises.ranking import Ranking
from revpack.worksheet.exercises.timeline import TimelineOrder
from revpack.worksheet.spacing import spaced

if TYPE_CHECKING:
    from revpack.options.worksheet import Options
    from revpack.worksheet.compose import Context
    from revpack.worksheet.document import Block

Exercise = GapFill | Matching | TimelineOrder | Ranking | Extended
"""Any exercise's model."""

ExerciseT = TypeVar("ExerciseT", bound=Exercise)


@dataclass(frozen=True)
class ExerciseType(Generic[ExerciseT]):
    """One row of the exercise table."""

    name: str
    """What a layout's `options.exercises` calls it."""
    model: type[ExerciseT]
    """The frozen dataclass its builder returns."""
    build: Callable[[Source, Options, int], ExerciseT | None]
    """`build(source, options, seed) -> model | None` (None: the source lacks the data)."""
    show: Callable[[ExerciseT, Context], list[Block]]
    """`show(exercise, context) -> list[Block]`: what the student's sheet shows."""
    answer: Callable[[ExerciseT, Context, int], list[Block]]
    """`answer(exercise, context, level) -> list[Block]`: what the answer key says."""
    left_out: str
    """What it is and why it is missing, when the source lacks the data."""
    prints: Printed | None = None
    """What it prints of the notes in full, which the gap fill must then not ask (None:
    nothing)."""

    def sheet(self, exercise: Exercise, context: Context) -> list[Block]:
        """What the student's sheet shows of `exercise` (one of this row's), its numbers
        kept with their units (revpack.worksheet.spacing)."""
        return list(spaced(tuple(self.show(self._own(exercise), context))))

    def key(self, exercise: Exercise, context: Context, level: int) -> list[Block]:
        """What the answer key says of `exercise` (one of this row's), its headings at
        `level`."""
        return list(spaced(tuple(self.answer(self._own(exercise), context, level))))

    def _own(self, exercise: Exercise) -> ExerciseT:
        if not isinstance(exercise, self.model):
            raise TypeError(f"{type(exercise).__name__} is not a {self.name} exercise")
        return exercise


AnyExerciseType = (
    ExerciseType[GapFill]
    | ExerciseType[Matching]
    | ExerciseType[TimelineOrder]
    | ExerciseType[Ranking]
    | ExerciseType[Extended]
)
"""A row of the exercise table, whichever exercise it is."""


def _gap_fill(source: Source, options: Options, seed: int) -> GapFill | None:
    """The gap fill, told what the table's other exercises print of the notes."""
    return gap_fill.build(source, options, seed, PRINTING)


_ROWS: tuple[AnyExerciseType, ...] = (
    ExerciseType("gap_fill", GapFill, _gap_fill, gap_fill.sheet, gap_fill.key, gap_fill.LEFT_OUT),
    ExerciseType(
        "matching",
        Matching,
        matching.build,
        matching.sheet,
        matching.key,
        matching.LEFT_OUT,
        matching.PRINTS,
    ),
    ExerciseType(
        "timeline",
        TimelineOrder,
        timeline.build,
        timeline.sheet,
        timeline.key,
        timeline.LEFT_OUT,
        timeline.PRINTS,
    ),
    ExerciseType(
        "ranking",
        Ranking,
        ranking.build,
        ranking.sheet,
        ranking.key,
        ranking.LEFT_OUT,
        ranking.PRINTS,
    ),
    ExerciseType(
        "extended",
        Extended,
        extended.build,
        extended.sheet,
        extended.key,
        extended.LEFT_OUT,
        extended.PRINTS,
    ),
)

EXERCISES: dict[str, AnyExerciseType] = {row.name: row for row in _ROWS}
"""Every exercise, by name, in the default order."""

PRINTING: dict[str, Printed] = {row.name: row.prints for row in _ROWS if row.prints}
"""What each exercise that prints text of the notes in full prints, by name (its row's
`prints`): the gap fill leaves those texts' key terms out of its gaps."""


def gap_count(source: Source, options: Options | None = None) -> int:
    """How many numbered gaps the core gap fill has (gap_fill.gap_count: on a sheet of
    `options`' exercises, leaving out what the others print)."""
    return gap_fill.gap_count(source, options, PRINTING)


@dataclass(frozen=True)
class ExerciseSet:
    """The exercises a layout asked for, in its order, and what had to be left out."""

    exercises: tuple[Exercise, ...]
    """The exercises that have data, numbered 1, 2, … on the sheet and in the key."""
    left_out: tuple[str, ...]
    """What each exercise the layout asked for but the source has no data for is, and
    why it is missing."""


def exercise_type(exercise: Exercise) -> AnyExerciseType:
    """The table row of an exercise's model."""
    return next(row for row in EXERCISES.values() if isinstance(exercise, row.model))


def worksheet(source: Source, options: Options, seed: int) -> ExerciseSet:
    """Build every exercise `options` asks for; those without data go into `left_out`."""
    made: list[Exercise] = []
    missing: list[str] = []
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
    "AnyExerciseType",
    "ExerciseType",
    "Extended",
    "Gap",
    "GapFill",
    "GapGroup",
    "GapItem",
    "Matching",
    "PRINTING",
    "Printed",
    "Ranking",
    "TimelineOrder",
    "exercise_type",
    "gap_count",
    "gap_texts",
    "letter",
    "worksheet",
]
