"""The extended answer to the key question."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revpack.model import Factor, Source, Text
from revpack.worksheet.compose import Context, plain, runs
from revpack.worksheet.document import Block, Box, Paragraph, Run, WritingLines

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


@dataclass(frozen=True)
class Extended:
    """The extended answer to the key question."""

    question: Text
    """The source's key question."""
    starters: tuple[str, ...]
    """Sentence starters printed above the lines (support), or ()."""
    prompt: str | None
    """An evaluative prompt (stretch), or None."""
    lines: int
    """How many ruled lines to leave at least."""
    factors: tuple[Factor, ...]
    """The factors: the key lists them and the links between them."""


LEFT_OUT = "the extended answer (the source has no question)"
"""Why a sheet can lack this exercise."""


def build(source: Source, options: Options, seed: int) -> Extended | None:
    """The key question with ruled lines, starters and an evaluative prompt as asked."""
    if source.question is None:
        return None
    prompt = None
    if options.evaluative and source.factors:
        factor = random.Random(f"{seed}:evaluative").choice(source.factors)
        prompt = options.evaluative.replace("{factor}", factor.title.plain)
    elif options.evaluative and "{factor}" not in options.evaluative:
        prompt = options.evaluative
    return Extended(
        source.question,
        tuple(options.sentence_starters),
        prompt,
        options.answer_lines,
        source.factors,
    )


def line_pitch(context: Context) -> float:
    """The distance between two writing lines: room for handwriting at the layout's size."""
    return max(context.size * 2.3, 24.0)


def sheet(exercise: Extended, context: Context) -> list[Block]:
    """The question, any prompt and starters, and ruled lines to the foot of the page."""
    blocks: list[Block] = [
        plain(context.labels("extended.instructions"), "instructions"),
        Paragraph(runs(exercise.question), "question"),
    ]
    if exercise.prompt:
        blocks.append(plain(exercise.prompt, "prompt"))
    if exercise.starters:
        blocks.append(Box(context.labels("sentence_starters"), exercise.starters))
    if exercise.lines:
        blocks.append(WritingLines(exercise.lines, line_pitch(context), fill_page=True))
    return blocks


def key(exercise: Extended, context: Context, level: int) -> list[Block]:
    """What a strong answer does: the factors, their links, a judgement."""
    labels = context.labels
    blocks: list[Block] = [Paragraph(runs(exercise.question), "question")]
    if exercise.prompt:
        blocks.append(plain(exercise.prompt, "prompt"))
    blocks.append(Paragraph((Run(labels("extended.strong"), bold=True),)))
    marks = []
    titles = [f.title.plain for f in exercise.factors]
    if titles:
        marks.append(labels("extended.factors", factors="; ".join(titles)))
    links = [(f.title.plain, link) for f in exercise.factors for link in f.links]
    if links:
        marks.append(labels("extended.links", links="; ".join(f"{a} ↔ {c}" for a, c in links)))
    marks.append(labels("extended.judgement"))
    blocks += [plain(mark, "numbered", list_start=i == 0) for i, mark in enumerate(marks)]
    return blocks
