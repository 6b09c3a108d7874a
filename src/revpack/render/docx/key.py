"""The answer key: the same exercise numbers and headings as the sheet, with answers."""

from __future__ import annotations

import math

from revpack.loading.layouts import Layout
from revpack.render.docx import blocks as b
from revpack.render.docx import xml as x
from revpack.render.docx.package import text_width
from revpack.render.docx.sheet import exercise_title
from revpack.render.docx.xml import restart_numbering
from revpack.worksheet import exercises as ex


def write_key(document, sheet: ex.Worksheet, layout: Layout, level: int = 1) -> None:
    """The key to every exercise of `sheet`; `level` is the heading level of an exercise
    (2 when the key is an appendix under its own Heading 1)."""
    writers = {ex.GapFill: _gap_fill, ex.Matching: _matching, ex.TimelineOrder: _timeline,
               ex.Ranking: _ranking, ex.Extended: _extended}
    for number, exercise in enumerate(sheet.exercises, 1):
        b.heading(document, exercise_title(number, exercise), level)
        writers[type(exercise)](document, exercise, layout, level)


def _gap_fill(document, exercise: ex.GapFill, layout: Layout, level: int) -> None:
    """Gap numbers and answers, three pairs of columns, numbers running down each column."""
    gaps = exercise.gaps
    pairs = 3 if len(gaps) > 8 else 1
    rows = math.ceil(len(gaps) / pairs)
    number_width = 30
    answer_width = text_width(layout) / pairs - number_width
    grid = b.table(document, rows, [number_width, answer_width] * pairs, layout,
                   header=False, padding=2)
    table_cells = x.cells(grid)
    for index, gap in enumerate(gaps):
        column, row = divmod(index, rows)
        cells = table_cells[row]
        b.cell_text(cells[2 * column], f"({gap.number})", bold=True)
        b.cell_text(cells[2 * column + 1], gap.answer)
    b.keep_together(grid, most=20)
    b.spacer(document)


def _matching(document, exercise: ex.Matching, layout: Layout, level: int) -> None:
    width = text_width(layout)
    widths = [24, width * 0.27, 48]
    widths.append(width - sum(widths))
    grid = b.table(document, len(exercise.terms) + 1, widths, layout, header=True)
    b.header_row(grid, ["", "Term", "Letter", "Meaning"])
    table_cells = x.cells(grid)
    for index, term in enumerate(exercise.terms):
        cells = table_cells[index + 1]
        answer = exercise.answers[index]
        b.cell_text(cells[0], f"{index + 1}.", bold=True)
        b.cell_text(cells[1], term)
        b.cell_text(cells[2], ex.letter(answer), bold=True)
        b.cell_text(cells[3], exercise.meanings[answer])
    b.keep_start(grid)
    b.spacer(document)


def _timeline(document, exercise: ex.TimelineOrder, layout: Layout, level: int) -> None:
    width = text_width(layout)
    widths = [52, 24, 96]
    widths.append(width - sum(widths))
    grid = b.table(document, len(exercise.order) + 1, widths, layout, header=True)
    b.header_row(grid, ["Order", "", "Date", "Event"])
    table_cells = x.cells(grid)
    for position, index in enumerate(exercise.order, 1):
        event = exercise.events[index]
        cells = table_cells[position]
        b.cell_text(cells[0], str(position), bold=True)
        b.cell_text(cells[1], ex.letter(index), bold=True)
        b.cell_text(cells[2], event.when)
        b.cell_text(cells[3], event.what)
    b.keep_start(grid)
    b.spacer(document)


def _ranking(document, exercise: ex.Ranking, layout: Layout, level: int) -> None:
    b.instructions(document, "Any order is right if the reasons support it. Model notes "
                   "for each factor (key terms in bold):")
    for factor in exercise.factors:
        b.heading(document, factor.title.plain, min(level + 1, 9))
        _points(document, factor.points)


def _points(document, points) -> None:
    for point in points:
        b.add_text(b.para(document, style="List Bullet"), point.text, keys_bold=True)
        for sub in point.points:
            b.add_text(b.para(document, style="List Bullet 2"), sub, keys_bold=True)


def _extended(document, exercise: ex.Extended, layout: Layout, level: int) -> None:
    b.add_text(b.para(document, style="Question"), exercise.question)
    if exercise.prompt:
        b.para(document, exercise.prompt, "Prompt")
    b.para(document, "A strong answer:").runs[0].bold = True
    titles = [f.title.plain for f in exercise.factors]
    marks = []
    if titles:
        marks.append("explains several factors with precise evidence: "
                     + "; ".join(titles) + ".")
    links = [(f.title.plain, link) for f in exercise.factors for link in f.links]
    if links:
        marks.append("links factors together, for example: "
                     + "; ".join(f"{a} ↔ {c}" for a, c in links) + ".")
    marks.append("reaches a judgement about which factor mattered most and supports it.")
    paragraphs = [b.para(document, mark, "List Number") for mark in marks]
    restart_numbering(document, paragraphs)
