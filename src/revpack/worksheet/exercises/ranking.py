"""Rank the factors, with a reason for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from revpack.model import Factor, Source
from revpack.worksheet.compose import Context, cell, plain, runs
from revpack.worksheet.document import Block, Heading, Paragraph, Table
from revpack.worksheet.exercises.common import Printed, heading_room, whole_share, word_room

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


@dataclass(frozen=True)
class Ranking:
    """Rank the factors, with a reason for each."""

    factors: tuple[Factor, ...]
    """The factors in the source's order; their points are the key's model notes."""


LEFT_OUT = "ranking the factors (the source has fewer than two factors)"
"""Why a sheet can lack this exercise."""


PRINTS = Printed(
    lambda source: tuple(factor.title for factor in source.factors),
    2,
)
"""The factors' titles."""


def build(source: Source, options: Options, seed: int) -> Ranking | None:
    """Every factor, for students to rank and justify."""
    if len(source.factors) < 2:
        return None
    return Ranking(source.factors)


def sheet(exercise: Ranking, context: Context) -> list[Block]:
    """A table of the factors with a rank and a 'why?' column, kept on one page."""
    labels = context.labels
    rank = heading_room(labels("ranking.rank"), 48.0, context.size)
    titles = word_room([f.title.plain for f in exercise.factors], context.size, bold=True)
    widths = [min(max(context.width * 0.3, titles), context.width * 0.45), rank, 0.0]
    widths[2] = context.width - sum(widths)
    header = (
        cell(labels("ranking.factor"), bold=True),
        cell(labels("ranking.rank"), bold=True),
        cell(labels("ranking.why"), bold=True),
    )
    rows = tuple((cell(factor.title, bold=True), cell(""), cell("")) for factor in exercise.factors)
    # Ranking means weighing every factor against the others: keep them on one page.
    return [
        plain(labels("ranking.instructions", count=len(exercise.factors)), "instructions"),
        Table(
            tuple(widths),
            rows,
            header,
            row_height=context.size * 4.5,
            keep_whole=True,
            whole_share=whole_share(context),
        ),
    ]


def key(exercise: Ranking, context: Context, level: int) -> list[Block]:
    """Model notes for each factor, key terms in bold."""
    blocks: list[Block] = [plain(context.labels("ranking.key_intro"), "instructions")]
    for factor in exercise.factors:
        blocks.append(Heading(factor.title.plain, min(level + 1, 3)))
        for point in factor.points:
            blocks.append(Paragraph(runs(point.text, keys_bold=True), "bullet"))
            blocks += [Paragraph(runs(sub, keys_bold=True), "bullet-2") for sub in point.points]
    return blocks
