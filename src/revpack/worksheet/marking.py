"""A class's marking grid: for each student, in register order, the answers that differ
from one student's sheet to the next (the letters of the matching and of the timeline),
so that a teacher marks a pile of sheets without looking up each student's key.

Gap numbers and their answers are the same on every student's sheet (only the word bank
is shuffled), so they stay in the keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from revpack.labels import Labels
from revpack.loading.layouts import Layout
from revpack.model import Source
from revpack.options import of_kind
from revpack.options.worksheet import Options
from revpack.worksheet.exercises import Matching, TimelineOrder, letter, worksheet


@dataclass(frozen=True)
class MarkingGrid:
    """One worksheet's answers that differ by student."""

    title: str
    """What the grid is for: the topic and the layout."""
    columns: tuple[str, ...]
    """The column headings: 'Match 1', 'Match 2', … then 'Order 1', …"""
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """(student, the letter in each column), in register order."""
    legend: str
    """What the columns' headings mean (only the kinds of column the grid has)."""


def marking_grid(
    source: Source, layout: Layout, students: list[tuple[str, int]], labels: Labels
) -> MarkingGrid | None:
    """The grid of `students` ((name, seed) in register order) for the worksheet `layout`
    makes of `source`, or None when nothing on it differs by student."""
    options = of_kind(layout.options, Options)
    columns: list[str] = []
    rows: list[tuple[str, tuple[str, ...]]] = []
    kinds: set[str] = set()
    for index, (name, seed) in enumerate(students):
        letters: list[str] = []
        heads: list[str] = []
        for exercise in worksheet(source, options, seed).exercises:
            if isinstance(exercise, Matching):
                heads += [
                    labels("marking.match", number=n) for n in range(1, len(exercise.terms) + 1)
                ]
                letters += [letter(answer) for answer in exercise.answers]
                kinds.add("match")
            elif isinstance(exercise, TimelineOrder):
                heads += [
                    labels("marking.order", number=n) for n in range(1, len(exercise.order) + 1)
                ]
                letters += [letter(position) for position in exercise.order]
                kinds.add("order")
        if index == 0:
            columns = heads
        rows.append((name, tuple(letters)))
    if not columns:
        return None
    # (the layout as its documents are called in the language: 'fiche d'exercices, niveau
    # soutien', not its file name, 'worksheet-support')
    called = labels.layout_title(layout.name, layout.kind.name, layout.kind.contents)
    title = labels("marking.title", topic=source.title.plain, layout=called)
    legend = labels("marking.legend" if len(kinds) > 1 else f"marking.legend_{kinds.pop()}")
    return MarkingGrid(title, tuple(columns), tuple(rows), legend)
