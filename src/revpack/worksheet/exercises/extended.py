"""The extended answer to the key question.

Its sentence starters and evaluative prompt are worded in the source's language (labels
`extended.starters.1`, `.2`, … and `extended.evaluative`) unless the layout words its own;
`starters` and `prompt` give the texts a sheet, key or quiz prints.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revpack.labels import Labels
from revpack.loading.typography import spaced
from revpack.model import Factor, Source, Text
from revpack.worksheet.compose import Context, plain, runs
from revpack.worksheet.document import Block, Box, Paragraph, Run, WritingLines
from revpack.worksheet.exercises.common import Printed

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


@dataclass(frozen=True)
class Extended:
    """The extended answer to the key question."""

    question: Text
    """The source's key question."""
    starters: bool | tuple[str, ...]
    """Sentence starters printed above the lines (support): True for those of the
    sheet's language, the layout's own, or False for none."""
    prompt: bool | str
    """An evaluative prompt (stretch): True for that of the sheet's language, the
    layout's own text, or False for none; `{factor}` in it stands for `factor`."""
    factor: str | None
    """The factor the prompt names, chosen with the seed (None: no prompt, or the source
    has no factors)."""
    lines: int
    """How many ruled lines to leave at least."""
    factors: tuple[Factor, ...]
    """The factors: the key lists them and the links between them."""


LEFT_OUT = "the extended answer (the source has no question)"
"""Why a sheet can lack this exercise."""


PRINTS = Printed(
    lambda source: () if source.question is None else (source.question,),
    1,
    # (a gap in the key question is answered by the question it asks: '¿Por qué ganó el
    # bando nacional…?' over '(19) ____: Los militares sublevados…')
    shows="key_question",
)
"""The key question."""


def build(source: Source, options: Options, seed: int) -> Extended | None:
    """The key question with ruled lines, starters and an evaluative prompt as asked."""
    if source.question is None:
        return None
    factor = None
    if options.evaluative and source.factors:
        factor = random.Random(f"{seed}:evaluative").choice(source.factors).title.plain
    return Extended(
        source.question,
        options.sentence_starters,
        options.evaluative,
        factor,
        options.answer_lines,
        source.factors,
    )


def starters(exercise: Extended, labels: Labels) -> tuple[str, ...]:
    """The sentence starters to print: the layout's own, or those of `labels`."""
    if exercise.starters is True:
        return labels.numbered("extended.starters")
    return () if isinstance(exercise.starters, bool) else exercise.starters


def prompt(exercise: Extended, labels: Labels) -> str | None:
    """The evaluative prompt to print, naming the chosen factor, or None (none asked for,
    or it names a factor and the source has none)."""
    if exercise.prompt is True:
        wording = labels("extended.evaluative")
        return _naming(wording, exercise.factor, lambda f: labels("extended.evaluative", factor=f))
    if isinstance(exercise.prompt, str) and exercise.prompt:
        own = exercise.prompt
        return _naming(own, exercise.factor, lambda f: own.replace("{factor}", f))
    return None


def _naming(wording: str, factor: str | None, fill: Callable[[str], str]) -> str | None:
    """`wording` with its factor filled in by `fill`; None when it names one and there
    is none."""
    if "{factor}" not in wording:
        return fill("")
    return None if factor is None else fill(factor)


def line_pitch(context: Context) -> float:
    """The distance between two writing lines: room for handwriting at the layout's size."""
    return max(context.size * 2.3, 24.0)


def sheet(exercise: Extended, context: Context) -> list[Block]:
    """The question, any prompt and starters, and ruled lines to the foot of the page."""
    blocks: list[Block] = [
        plain(context.labels("extended.instructions"), "instructions"),
        Paragraph(runs(exercise.question), "question"),
    ]
    wording = prompt(exercise, context.labels)
    if wording:
        blocks.append(plain(wording, "prompt"))
    listed = starters(exercise, context.labels)
    if listed:
        blocks.append(Box(context.labels("sentence_starters"), listed))
    if exercise.lines:
        blocks.append(WritingLines(exercise.lines, line_pitch(context), fill_page=True))
    return blocks


def key(exercise: Extended, context: Context, level: int) -> list[Block]:
    """What a strong answer does: the factors, their links, a judgement."""
    labels = context.labels
    blocks: list[Block] = [Paragraph(runs(exercise.question), "question")]
    wording = prompt(exercise, labels)
    if wording:
        blocks.append(plain(wording, "prompt"))
    # "A strong answer:" stays with its first point (the label was left at the foot of a
    # page, its list on the next), and that point with the second. (Kept as one chain,
    # the whole list, LibreOffice lets the label fall to the foot of the page anyway.)
    blocks.append(Paragraph((Run(labels("extended.strong"), bold=True),), keep_with_next=True))
    marks = []
    titles = [f.title.plain for f in exercise.factors]
    if titles:
        marks.append(labels("extended.factors", factors=spaced(";", labels.language).join(titles)))
    links = _links(exercise.factors)
    if links:
        joined = spaced(";", labels.language).join(f"{a} ↔ {c}" for a, c in links)
        marks.append(labels("extended.links", links=joined))
    marks.append(labels("extended.judgement"))
    blocks += [
        plain(mark, "numbered", keep_with_next=i == 0 and len(marks) > 1, list_start=i == 0)
        for i, mark in enumerate(marks)
    ]
    return blocks


def _links(factors: tuple[Factor, ...]) -> list[tuple[str, str]]:
    """Each link between two factors once, as the first of them names it (two factors
    that each link to the other were listed as 'A ↔ B; B ↔ A')."""
    seen: set[frozenset[str]] = set()
    links = []
    for factor in factors:
        for link in factor.links:
            pair = frozenset((factor.title.plain, link))  # (a link is its factor's title)
            if pair not in seen:
                seen.add(pair)
                links.append((factor.title.plain, link))
    return links
