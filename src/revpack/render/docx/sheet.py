"""The student's side of the worksheet: one writer per exercise, numbered in order."""

from __future__ import annotations

import math

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from revpack.loading.layouts import Layout
from revpack.render.docx import blocks as b
from revpack.render.docx import xml as x
from revpack.render.docx.package import rgb, text_width
from revpack.worksheet import exercises as ex

TITLES = {
    ex.GapFill: "Fill the gaps",
    ex.Matching: "Match the terms to their meanings",
    ex.TimelineOrder: "Put the events in order",
    ex.Ranking: "Rank the factors",
    ex.Extended: "Extended answer",
}
"""Exercise headings, shared with the answer key so both say the same."""
NBSP = "\u00a0"


def exercise_title(number: int, exercise) -> str:
    """'2. Match the terms to their meanings'."""
    return f"{number}. {TITLES[type(exercise)]}"


def write_sheet(document, sheet: ex.Worksheet, layout: Layout) -> None:
    """Every exercise of `sheet`, in order, under numbered Heading 1s."""
    writers = {ex.GapFill: _gap_fill, ex.Matching: _matching, ex.TimelineOrder: _timeline,
               ex.Ranking: _ranking, ex.Extended: _extended}
    for number, exercise in enumerate(sheet.exercises, 1):
        b.heading(document, exercise_title(number, exercise), 1)
        writers[type(exercise)](document, exercise, layout)


def blank(paragraph, gap: ex.Gap, layout: Layout) -> None:
    """'(7) ______________': the number, then a blank as long as every other blank (only
    its first letter shows when the layout gives hints)."""
    number = paragraph.add_run(f"({gap.number}){NBSP}")
    number.bold = True
    number.font.color.rgb = rgb(layout.colours.accent)
    length = layout.options.blank_length
    if gap.hint:
        paragraph.add_run(gap.hint).bold = True
        length -= 1
    paragraph.add_run("_" * length)


def _gap_fill(document, exercise: ex.GapFill, layout: Layout) -> None:
    count = len(exercise.gaps)
    words = [f"Write the missing key word or phrase in each of the {count} numbered gaps."]
    if exercise.bank:
        words.append("Choose from the word bank; use each word once.")
    else:
        words.append("There is no word bank: recall each term yourself.")
    if exercise.hints:
        words.append("The first letter of each answer is given.")
    b.instructions(document, " ".join(words))
    if exercise.bank:
        _word_bank(document, exercise.bank, layout)
    for group in exercise.groups:
        if group.title:
            b.heading(document, group.title, 2)
        for item in group.items:
            for index, line in enumerate(item.lines):
                style = "Gap Text" if index == 0 else "Gap Sub-point"
                paragraph = b.para(document, style=style)
                if index:
                    paragraph.add_run(f"–{NBSP}")
                for piece in line:
                    if isinstance(piece, ex.Gap):
                        blank(paragraph, piece, layout)
                    else:
                        b.add_spans(paragraph, [piece])
                paragraph.paragraph_format.keep_with_next = index + 1 < len(item.lines)


def _word_bank(document, words: tuple[str, ...], layout: Layout) -> None:
    """A shaded, bordered box of the shuffled answers, read across in rows."""
    columns = 4 if max(map(len, words)) <= 22 else 3
    rows = math.ceil(len(words) / columns)
    width = text_width(layout)
    grid = b.table(document, rows + 1, [width / columns] * columns, layout, header=False,
                   padding=2)
    x.table_borders(grid, layout.colours.accent, 1.0, sides=("top", "left", "bottom",
                                                            "right"))
    title = grid.cell(0, 0).merge(grid.cell(0, columns - 1))
    b.cell_text(title, "Word bank", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    table_cells = x.cells(grid, fresh=True)
    for row in table_cells:
        for cell in row:
            x.shade_cell(cell, layout.colours.box)
    for index, word in enumerate(words):
        cell = table_cells[1 + index // columns][index % columns]
        b.cell_text(cell, word, align=WD_ALIGN_PARAGRAPH.CENTER)
    b.keep_together(grid, most=40)
    b.spacer(document, 8)


def _matching(document, exercise: ex.Matching, layout: Layout) -> None:
    b.instructions(document, "Write the letter of the correct meaning next to each term.")
    width = text_width(layout)
    widths = [24, width * 0.27, 48, 24]
    widths.append(width - sum(widths))
    grid = b.table(document, len(exercise.terms) + 1, widths, layout, header=True)
    b.header_row(grid, ["", "Term", "Letter", "", "Meaning"])
    table_cells = x.cells(grid)
    for index, term in enumerate(exercise.terms):
        cells = table_cells[index + 1]
        b.cell_text(cells[0], f"{index + 1}.", bold=True)
        b.cell_text(cells[1], term)
        b.cell_text(cells[3], ex.letter(index), bold=True)
        b.cell_text(cells[4], exercise.meanings[index])
        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    b.keep_start(grid)
    b.spacer(document)


def _timeline(document, exercise: ex.TimelineOrder, layout: Layout) -> None:
    count = len(exercise.events)
    words = f"Number the events from 1 (earliest) to {count} (latest)."
    if exercise.ask_dates:
        words += " Then write the date of each event."
    b.instructions(document, words)
    width = text_width(layout)
    widths = [24, 0, 52] + ([90] if exercise.ask_dates else [])
    widths[1] = width - sum(widths)
    grid = b.table(document, count + 1, widths, layout, header=True)
    b.header_row(grid, ["", "Event", "Order"] + (["Date"] if exercise.ask_dates else []))
    table_cells = x.cells(grid)
    for index, event in enumerate(exercise.events):
        cells = table_cells[index + 1]
        b.cell_text(cells[0], ex.letter(index), bold=True)
        b.cell_text(cells[1], event.what)
        grid.rows[index + 1].height = Pt(layout.font.size * 2.2)
        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    b.keep_start(grid)
    b.spacer(document)


def _ranking(document, exercise: ex.Ranking, layout: Layout) -> None:
    count = len(exercise.factors)
    b.instructions(document, f"Rank the factors from 1 (most important) to {count}. "
                   "Explain each choice with evidence.")
    width = text_width(layout)
    widths = [width * 0.3, 48, 0]
    widths[2] = width - sum(widths)
    grid = b.table(document, count + 1, widths, layout, header=True)
    b.header_row(grid, ["Factor", "Rank", "Why?"])
    table_cells = x.cells(grid)
    for index, factor in enumerate(exercise.factors):
        row = grid.rows[index + 1]
        b.cell_text(table_cells[index + 1][0], factor.title, bold=True)
        row.height = Pt(layout.font.size * 4.5)
    # Ranking means weighing every factor against the others: keep them on one page.
    b.keep_together(grid)
    b.spacer(document)


def _extended(document, exercise: ex.Extended, layout: Layout) -> None:
    b.instructions(document, "Answer the question in full paragraphs, using evidence.")
    paragraph = b.para(document, style="Question")
    b.add_text(paragraph, exercise.question)
    if exercise.prompt:
        b.para(document, exercise.prompt, "Prompt")
    if exercise.starters:
        _starters(document, exercise.starters, layout)
    if exercise.lines:
        _ruled_lines(document, exercise.lines, layout)


def _starters(document, starters: tuple[str, ...], layout: Layout) -> None:
    grid = b.table(document, 1, [text_width(layout)], layout, header=False, padding=4)
    x.table_borders(grid, layout.colours.accent, 0.75, sides=("top", "left", "bottom",
                                                             "right"))
    cell = grid.cell(0, 0)
    x.shade_cell(cell, layout.colours.box)
    b.cell_text(cell, "Sentence starters", bold=True)
    for starter in starters:
        b.para(cell, starter, "List Bullet")
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.keep_with_next = True
    b.spacer(document, 8).paragraph_format.keep_with_next = True


def _ruled_lines(document, count: int, layout: Layout) -> None:
    """Writing lines: a one-column table with only horizontal rules, rows of fixed
    height (a row never splits, so a line is never cut by a page break)."""
    grid = b.table(document, count, [text_width(layout)], layout, header=False, padding=0)
    x.table_borders(grid, layout.colours.muted, 0.5, sides=("bottom", "insideH"))
    for row in grid.rows:
        x.exact_row_height(row, max(layout.font.size * 2.3, 24))
    # The heading and question never end a page without at least a few lines under them;
    # the rest of the lines may run on overleaf.
    b.keep_start(grid)
