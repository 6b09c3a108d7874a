"""The names of the worksheet's exercises, in the exercise table's order
(revpack.worksheet.exercises, whose rows must have these names, in this order: a test
holds them to it).

Kept apart from the table, which imports every exercise's model and builder, so that
reading a layout (its `options.exercises`) does not: a build with nothing to render needs
none of them.
"""

from __future__ import annotations

EXERCISE_NAMES = ("gap_fill", "matching", "timeline", "ranking", "extended")
"""What a layout's `options.exercises` may name, the default order."""
