"""What several exercises share: seeded shuffles and lettering, and what an exercise
prints of the notes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from revpack.model import Source, Text
from revpack.worksheet.compose import Context
from revpack.worksheet.document import PAGE_TABLE, WHOLE_TABLE


@dataclass(frozen=True)
class Printed:
    """What an exercise prints of the notes in full (the matching its terms and meanings,
    say), which the gap fill must not ask, or the sheet would give a gap's answer away
    (gap_fill.shown_elsewhere, gap_fill.given_away)."""

    texts: Callable[[Source], tuple[Text, ...]]
    """The texts of the notes it prints."""
    fewest: int
    """The fewest of them it prints at all (with fewer, it is left out)."""
    shows: str | None = None
    """The label of the gap fill's group that it prints in full ('timeline': a gap in
    '1953: The ==Armistice==…' would be answered by the same event in the ordering), which
    the gap fill leaves out; None for none."""


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: the label of the index-th lettered item."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


NARROW, WIDE = set(" fijlrt.,;:!|'\""), set("mwMW%@&#~<>+=")
"""Characters much narrower, or wider, than most in DejaVu Sans."""


def ems(text: str) -> float:
    """A generous estimate of `text`'s width in the regular face, in ems: narrow marks and
    letters 0.4, the widest 1.0, other capitals 0.8, other ASCII 0.64 (DejaVu Sans's
    lower case runs to 0.635), anything else 0.7 (a Cyrillic or Greek phrase averages
    about 0.61, and its widest letters reach 1.0)."""
    total = 0.0
    for char in text:
        if char in NARROW:
            total += 0.4
        elif char in WIDE:
            total += 1.0
        elif char.isascii():
            total += 0.8 if char.isupper() else 0.64
        else:
            total += 0.7
    return total


PADDING = 10.5
"""A table cell's padding, both sides (5 pt in the DOCX), and a little to spare."""
HANDWRITING = 8.5
"""Points a handwritten character takes, spaces included (3 mm: a pupil's hand)."""


def word_room(texts: list[str], size: float, bold: bool = False) -> float:
    """The width a column needs for the longest word of `texts` (set at `size`, bold
    ones 15 % wider) to stay on one line in its cell."""
    widest = max((ems(word) for text in texts for word in text.split()), default=0.0)
    return widest * size * (1.15 if bold else 1.0) + PADDING


def heading_room(heading: str, least: float, size: float) -> float:
    """A narrow column's width: `least`, or as wide as its bold `heading` in the sheet's
    language needs ('Buchstabe', 'Reihenfolge')."""
    return max(least, word_room([heading], size, bold=True))


def label_width(label: str, size: float) -> float:
    """The width of a narrow column of numbers or letters whose widest is `label` ('12.',
    'AB'), set bold at `size`, with a table cell's padding: 24 pt, or wider for a label
    that would wrap in that ('10.' at 11 pt)."""
    # Generous widths, in ems, of a bold digit, full stop and capital (closer than ems,
    # which covers any text, so that a column of up to nine stays 24 pt at 12 pt).
    wide = sum(0.72 if c.isdigit() else 0.4 if c == "." else 0.85 for c in label) * size
    return max(24.0, round(wide + PADDING, 1))


def shuffled(items: list[str], seed: int, purpose: str) -> list[str]:
    """`items` in a seeded order that differs from the given one whenever it can.

    Every shuffle draws from its own `random.Random` seeded with the seed and the
    exercise's purpose, so adding or removing one exercise never changes another's order.
    """
    rng = random.Random(f"{seed}:{purpose}")
    result = list(items)
    for _ in range(20):
        rng.shuffle(result)
        if result != items or len(set(items)) < 2:
            break
    return result


def mixed_order(count: int, seed: int, purpose: str) -> list[int]:
    """A seeded order of range(count) that moves every item (so none sits beside its own
    answer), found by reshuffling; a rotation when the shuffles keep failing. Two items
    come in either order, as the seed falls: both moved, they would always come the
    other way round, and a student would learn the answer without the content."""
    rng = random.Random(f"{seed}:{purpose}")
    order = list(range(count))
    if count == 2:
        return order if rng.random() < 0.5 else order[::-1]
    for _ in range(200):
        rng.shuffle(order)
        if all(i != o for i, o in enumerate(order)):
            return order
    return [(i + 1) % count for i in range(count)]


def whole_share(context: Context) -> float:
    """How tall (a share of a page) an exercise's table kept whole may be and still move
    whole to the next page: as the layout's `whole_tables` asks."""
    return PAGE_TABLE if context.options.whole_tables else WHOLE_TABLE
