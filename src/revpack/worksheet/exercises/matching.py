"""Match the terms to their meanings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from revpack.hyphenation import Hyphenator
from revpack.model import Source, Text
from revpack.worksheet.compose import Context, cell, plain
from revpack.worksheet.document import Block, Table
from revpack.worksheet.exercises.common import (
    Printed,
    heading_room,
    label_width,
    letter,
    mixed_order,
    whole_share,
    word_room,
)

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


@dataclass(frozen=True)
class Matching:
    """Match the terms to their meanings."""

    terms: tuple[Text, ...]
    """Numbered from 1, in the source's order."""
    meanings: tuple[Text, ...]
    """Lettered from A, shuffled so that no meaning sits beside its own term (of two
    terms, either may come first: common.mixed_order)."""
    answers: tuple[int, ...]
    """answers[i] is the index in `meanings` of the meaning of terms[i]."""


LEFT_OUT = "matching the terms (the source has fewer than two terms)"
"""Why a sheet can lack this exercise."""


PRINTS = Printed(
    lambda source: tuple(t for term in source.terms for t in (term.term, term.meaning)),
    4,  # (two terms and their meanings)
    shows="key_terms",  # (a gap in a term's meaning is answered by the meanings printed)
)
"""The terms and their meanings."""


def build(source: Source, options: Options, seed: int) -> Matching | None:
    """Numbered terms beside lettered, shuffled meanings."""
    if len(source.terms) < 2:
        return None
    order = mixed_order(len(source.terms), seed, "matching")
    meanings = tuple(source.terms[i].meaning for i in order)
    answers = tuple(order.index(i) for i in range(len(source.terms)))
    return Matching(tuple(t.term for t in source.terms), meanings, answers)


def term_width(exercise: Matching, context: Context) -> float:
    """The terms' column: 27 % of the line, or wider (up to 40 %) for a term's longest
    word to stay on one line."""
    room = word_room([term.plain for term in exercise.terms], context.size)
    return min(max(context.width * 0.27, room), context.width * 0.4)


def letter_width(context: Context) -> float:
    """The column headed 'Letter' in the source's language ('Buchstabe'): 48 pt, or as
    wide as its heading needs."""
    return heading_room(context.labels("matching.letter"), LETTER_COLUMN, context.size)


MEANINGS = 0.4
"""The least share of the line the meanings' column keeps: at 16 pt a German sheet's terms
(40 %) and 'Buchstabe' (41 mm) left the meanings 28 %, each wrapping to 6–8 lines."""


def columns(exercise: Matching, context: Context, letters: float = 0.0) -> list[float]:
    """The widths of the number, term and letter columns, the meanings' letters (a sheet:
    `letters`; none in a key) and the meanings: the terms' and the letter's columns as
    their words need (`term_width`, `letter_width`), narrower where the meanings would
    keep less than MEANINGS of the line: first the letter's, which holds one letter (its
    heading then breaks at a hyphenation point, 'Buch-stabe'), then the terms' (to 27 %)."""
    width = context.width
    numbers = label_width(f"{len(exercise.terms)}.", context.size)
    terms, heading = term_width(exercise, context), letter_width(context)
    short = MEANINGS * width - (width - numbers - terms - heading - letters)
    if short > 0:
        narrower = min(short, max(heading - _broken_heading(context), 0.0))
        heading, short = heading - narrower, short - narrower
        terms -= min(short, max(terms - width * 0.27, 0.0)) if short > 0 else 0.0
    widths = [numbers, terms, heading, *([letters] if letters else [])]
    return [*widths, width - sum(widths)]


LETTER_COLUMN = 48.0
"""The letter column's width when its heading is short enough ('Letter', 'Lettre')."""


def _broken_heading(context: Context) -> float:
    """The narrowest the letter column may be: LETTER_COLUMN, or as wide as the longer
    part of its heading broken in two at its most even hyphenation point ('Buch-' /
    'stabe'), or whole where it has none."""
    heading = context.labels("matching.letter")
    points = Hyphenator(context.labels.language).points(heading)
    if not points:
        return letter_width(context)
    at = min(points, key=lambda point: abs(len(heading) - 2 * point))
    return max(LETTER_COLUMN, word_room([f"{heading[:at]}-", heading[at:]], context.size, True))


def sheet(exercise: Matching, context: Context) -> list[Block]:
    """Numbered terms, an empty letter column, lettered meanings."""
    labels = context.labels
    count = len(exercise.terms)
    letters = label_width(letter(count - 1), context.size)
    widths = columns(exercise, context, letters)
    header = (
        cell(""),
        cell(labels("matching.term"), bold=True),
        cell(labels("matching.letter"), bold=True),
        cell(""),
        cell(labels("matching.meaning"), bold=True),
    )
    rows = tuple(
        (
            cell(f"{i + 1}.", bold=True),
            cell(term),
            cell(""),
            cell(letter(i), bold=True),
            cell(exercise.meanings[i]),
        )
        for i, term in enumerate(exercise.terms)
    )
    return [
        plain(labels("matching.instructions"), "instructions"),
        Table(tuple(widths), rows, header, keep_whole=True, whole_share=whole_share(context)),
    ]


def key(exercise: Matching, context: Context, level: int) -> list[Block]:
    """Each term with the letter and words of its meaning, kept whole like the sheet's
    table (a teacher marks the answers down the page at a glance)."""
    labels = context.labels
    widths = columns(exercise, context)
    header = (
        cell(""),
        cell(labels("matching.term"), bold=True),
        cell(labels("matching.letter"), bold=True),
        cell(labels("matching.meaning"), bold=True),
    )
    rows = tuple(
        (
            cell(f"{i + 1}.", bold=True),
            cell(term),
            cell(letter(exercise.answers[i]), bold=True),
            cell(exercise.meanings[exercise.answers[i]]),
        )
        for i, term in enumerate(exercise.terms)
    )
    return [Table(tuple(widths), rows, header, keep_whole=True, whole_share=whole_share(context))]
