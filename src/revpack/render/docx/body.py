"""The worksheet model's blocks as WordprocessingML: one small writer per block type.

Every look comes from a named style (Word's built-in ones where there is one), so a
teacher restyles the whole sheet in one place.
"""

from __future__ import annotations

import io
import math

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from revpack.loading.layouts import Layout
from revpack.render.docx import blocks as b
from revpack.render.docx import xml as x
from revpack.render.docx.package import rgb
from revpack.worksheet.document import (
    Blank,
    Block,
    Box,
    Cell,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Table,
    WordBank,
    WritingLines,
)

STYLES = {"body": "Normal", "instructions": "Instructions", "gap": "Gap Text",
          "gap-sub": "Gap Sub-point", "question": "Question", "prompt": "Prompt",
          "bullet": "List Bullet", "bullet-2": "List Bullet 2", "numbered": "List Number"}
"""The model's paragraph styles → the DOCX styles that print them."""
NBSP = "\u00a0"


class BodyWriter:
    """Writes blocks into one document, in order."""

    def __init__(self, document, layout: Layout):
        self.document, self.layout = document, layout
        self.page_break = False
        self.numbered: list = []

    def write(self, blocks: tuple[Block, ...]) -> None:
        """Every block, in order; ruled lines that fill their page are counted from an
        estimate of what stands above them on it (see `lines_left`)."""
        since_break: list[Block] = []
        for block in blocks:
            if isinstance(block, PageBreak):
                self.page_break, since_break = True, []
                continue
            if isinstance(block, WritingLines):
                self._lines(block, lines_left(since_break, block, self.layout))
            else:
                WRITERS[type(block)](self, block)
            since_break.append(block)
        self._restart_lists()

    def _paragraph(self, style: str):
        paragraph = b.para(self.document, style=style)
        if self.page_break:
            paragraph.paragraph_format.page_break_before = True
            self.page_break = False
        return paragraph

    def _heading(self, block: Heading) -> None:
        paragraph = self._paragraph(f"Heading {block.level}")
        b.add_run(paragraph, block.text)

    def _text(self, block: Paragraph) -> None:
        paragraph = self._paragraph(STYLES[block.style])
        self.inlines(paragraph, block.content)
        if block.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        if block.style == "numbered":
            if block.list_start or not self.numbered:
                self._restart_lists()
            self.numbered.append(paragraph)

    def _restart_lists(self) -> None:
        if self.numbered:
            x.restart_numbering(self.document, self.numbered)
            self.numbered = []

    def inlines(self, paragraph, content) -> None:
        """Runs and numbered blanks into `paragraph`."""
        for piece in content:
            if isinstance(piece, Blank):
                self._blank(paragraph, piece)
            else:
                b.add_run(paragraph, piece.text, bold=piece.bold, italic=piece.italic,
                          script=piece.script)

    def _blank(self, paragraph, blank: Blank) -> None:
        """'(7) ______________': the number, then a blank as long as every other blank
        (only its first letter shows when the layout gives hints)."""
        number = paragraph.add_run(f"({blank.number}){NBSP}")
        number.bold = True
        number.font.color.rgb = rgb(self.layout.colours.accent)
        length = blank.length
        if blank.hint:
            b.add_run(paragraph, blank.hint, bold=True)
            length -= 1
        b.add_run(paragraph, "_" * length)

    def _table(self, block: Table) -> None:
        rows = len(block.rows) + (1 if block.header else 0)
        grid = b.table(self.document, rows, list(block.widths), self.layout,
                       header=bool(block.header), padding=2 if not block.header else 3)
        cells = x.cells(grid)
        body_rows = cells[1:] if block.header else cells
        if block.header:
            for target, cell in zip(cells[0], block.header, strict=True):
                self._cell(target, cell)
        for index, (targets, row) in enumerate(zip(body_rows, block.rows, strict=True)):
            for target, cell in zip(targets, row, strict=True):
                self._cell(target, cell)
                if block.header:
                    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if block.row_height:
                grid.rows[index + (1 if block.header else 0)].height = Pt(block.row_height)
        if block.keep_whole:
            b.keep_together(grid, most=len(grid.rows))
        elif not block.header:
            b.keep_together(grid, most=20)
        else:
            b.keep_start(grid)
        b.spacer(self.document)

    def _cell(self, target, cell: Cell) -> None:
        paragraph = b.cell_text(target, "",
                                align=WD_ALIGN_PARAGRAPH.CENTER if cell.align == "center"
                                else None)
        self.inlines(paragraph, cell.content)

    def _word_bank(self, block: WordBank) -> None:
        """A shaded, bordered box of the words, read across in rows."""
        columns = block.columns
        width = sum_width(self.layout)
        grid = b.table(self.document, math.ceil(len(block.words) / columns) + 1,
                       [width / columns] * columns, self.layout, header=False, padding=2)
        x.table_borders(grid, self.layout.colours.accent, 1.0,
                        sides=("top", "left", "bottom", "right"))
        title = grid.cell(0, 0).merge(grid.cell(0, columns - 1))
        b.cell_text(title, block.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cells = x.cells(grid, fresh=True)
        for row in cells:
            for cell in row:
                x.shade_cell(cell, self.layout.colours.box)
        for index, word in enumerate(block.words):
            b.cell_text(cells[1 + index // columns][index % columns], word,
                        align=WD_ALIGN_PARAGRAPH.CENTER)
        b.keep_together(grid, most=40)
        b.spacer(self.document, 8)

    def _box(self, block: Box) -> None:
        grid = b.table(self.document, 1, [sum_width(self.layout)], self.layout, header=False,
                       padding=4)
        x.table_borders(grid, self.layout.colours.accent, 0.75,
                        sides=("top", "left", "bottom", "right"))
        cell = grid.cell(0, 0)
        x.shade_cell(cell, self.layout.colours.box)
        b.cell_text(cell, block.title, bold=True)
        for item in block.items:
            b.para(cell, item, "List Bullet")
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
        b.spacer(self.document, 8).paragraph_format.keep_with_next = True

    def _figure(self, block: Figure) -> None:
        """The picture, centred on a line of its own, its alt text as its description
        (what a screen reader says, and Word's Alt Text)."""
        paragraph = self._paragraph("Normal")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(io.BytesIO(block.data), width=Pt(block.width),
                                        height=Pt(block.height))
        for properties in paragraph._p.iter(x.qn("wp:docPr")):
            properties.set("descr", block.alt)

    def _lines(self, block: WritingLines, count: int) -> None:
        """Writing lines: a one-column table with only horizontal rules, rows of fixed
        height (a row never splits, so a line is never cut by a page break)."""
        grid = b.table(self.document, count, [sum_width(self.layout)], self.layout,
                       header=False, padding=0)
        x.table_borders(grid, self.layout.colours.muted, 0.5, sides=("bottom", "insideH"))
        for row in grid.rows:
            x.exact_row_height(row, block.pitch)
        # The heading and question never end a page without a few lines under them.
        b.keep_start(grid)


WRITERS = {Heading: BodyWriter._heading, Paragraph: BodyWriter._text,
           Table: BodyWriter._table, WordBank: BodyWriter._word_bank, Box: BodyWriter._box,
           Figure: BodyWriter._figure}
"""Block type → the method that writes it (writing lines and page breaks are handled by
`write` itself)."""


def sum_width(layout: Layout) -> float:
    """The width between the margins, in points."""
    return layout.page.width - 2 * layout.page.margin


def lines_left(above: list[Block], block: WritingLines, layout: Layout) -> int:
    """How many ruled lines fill the page under `above` (the blocks since the last page
    break), by a cautious estimate of their height as Word lays them out; at least
    `block.count` when they do not fill it, never fewer lines than asked."""
    if not block.fill_page:
        return block.count
    size, spacing = layout.font.size, layout.font.line_spacing
    usable = layout.page.height - 2 * layout.page.margin - size * 2  # header and footer
    width = sum_width(layout)
    used = 0.0
    for item in above:
        if isinstance(item, Heading):
            used += (size + 3) * 1.25 + 20
        elif isinstance(item, Paragraph):
            text = "".join(p.text if isinstance(p, Run) else "_" * p.length
                           for p in item.content)
            big = size + 1 if item.style == "question" else size
            lines = max(1, math.ceil(len(text) * big * 0.52 / width))
            used += lines * big * spacing * 1.1 + 10
        elif isinstance(item, Box):
            used += (len(item.items) + 1) * size * spacing * 1.25 + 24
        elif isinstance(item, Figure):
            used += item.height + size * 2
        else:  # a table: one row a line, generously
            rows = len(getattr(item, "rows", ())) + 1
            used += rows * size * 2.4
    fits = int((usable - used) // block.pitch) - 1
    if fits >= block.count:
        return fits
    # Not enough room left on this page: the lines run on to the next, and fill it too.
    return block.count + max(0, int((usable - size * 2) // block.pitch) - 1
                             - (block.count - max(fits, 0)))
