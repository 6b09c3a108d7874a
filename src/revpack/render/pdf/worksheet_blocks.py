"""The worksheet model's blocks as reportlab flowables: one small function per block type.

Sizes follow the DOCX writer's styles, so the PDF and the DOCX (as LibreOffice lays it
out) look alike and run to about the same number of pages.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from revpack import fonts
from revpack.loading.layouts import Layout
from revpack.render.pdf.worksheet_text import Styles, markup, text_markup
from revpack.worksheet import document as model

KEEP_SHORT_TABLES = 20
"""A table without a header row and with at most this many rows stays on one page (as
the DOCX keeps it)."""
_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.FACES[False, False])
"""A table's own font (for its empty cells): never reportlab's unembedded Helvetica."""
MIN_LINES_HERE = 3
"""Writing lines start on the next page unless at least this many fit on this one."""


class Blocks:
    """Turns a document's blocks into flowables, in order."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.styles = Styles(layout)
        self.width = layout.page.width - 2 * layout.page.margin
        self.accent = layout.colours.accent

    def title(self, document: model.Document) -> list[Flowable]:
        """The title over an accent rule, the subtitle, and the name line."""
        look = self.styles["title"]
        made: list[Flowable] = [
            Paragraph(text_markup(document.title, look), look.style),
            HRFlowable(width="100%", thickness=1.5, color=HexColor(self.accent),
                       spaceBefore=1, spaceAfter=2),
        ]
        if document.subtitle:
            look = self.styles["subtitle"]
            made.append(Paragraph(text_markup(document.subtitle, look), look.style))
        else:
            made.append(Spacer(1, 8))
        if document.name_line is not None:
            made.append(NameLine(document.name_line, self.layout))
        return made

    def body(self, blocks: tuple[model.Block, ...]) -> list[Flowable]:
        """Every block's flowables, numbered lists counted as they go."""
        made: list[Flowable] = []
        number = 0
        for block in blocks:
            if isinstance(block, model.Paragraph) and block.style == "numbered":
                number = 1 if block.list_start or not number else number + 1
                made.append(self.paragraph(block, f"{number}."))
                continue
            number = 0
            made += WRITERS[type(block)](self, block)
        return made

    def paragraph(self, block: model.Paragraph, bullet: str | None = None) -> Paragraph:
        """A paragraph of runs and blanks in its style."""
        look = self.styles[block.style]
        if bullet is None and block.style in ("bullet", "bullet-2"):
            bullet = "•" if block.style == "bullet" else "◦"
        flowable = Paragraph(markup(block.content, look, self.accent), look.style,
                             bulletText=bullet)
        if block.keep_with_next:
            flowable.keepWithNext = 1
        return flowable

    def _paragraph(self, block: model.Paragraph) -> list[Flowable]:
        return [self.paragraph(block)]

    def _heading(self, block: model.Heading) -> list[Flowable]:
        look = self.styles[f"heading-{block.level}"]
        return [Paragraph(text_markup(block.text, look), look.style)]

    def _table(self, block: model.Table) -> list[Flowable]:
        """A ruled table: rows never split, the header row repeats on each page."""
        look = self.styles["cell"]
        rows = ([block.header] if block.header else []) + list(block.rows)
        data = [[self._cell(cell, look) for cell in row] for row in rows]
        heights = [self._row_height(row, block) for row in data]
        if block.header:
            heights[0] = None
        table = Table(data, colWidths=list(block.widths), rowHeights=heights,
                      repeatRows=1 if block.header else 0, hAlign="LEFT", splitInRow=0)
        muted = HexColor(self.layout.colours.muted)
        commands = [("GRID", (0, 0), (-1, -1), 0.5, muted),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *_paddings(data, block.widths),
                    ("TOPPADDING", (0, 0), (-1, -1), 3 if block.header else 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if block.header else 3)]
        if block.header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), HexColor(self.layout.colours.box)),
                         ("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
        table.setStyle(TableStyle([*commands, _FONT]))
        keep = block.keep_whole or (not block.header and len(rows) <= KEEP_SHORT_TABLES)
        return [KeepTogether([table]) if keep else table, Spacer(1, 8)]

    def _cell(self, cell: model.Cell, look) -> Paragraph:
        style = look.style
        if cell.align == "center":
            style = self.styles.centred(look)
        return Paragraph(markup(cell.content, look, self.accent), style)

    def _row_height(self, row: list[Paragraph], block: model.Table) -> float | None:
        """The row's height when the model asks for room to write, else its text's."""
        if not block.row_height:
            return None
        natural = max(p.wrap(width - 10, 10_000)[1] for p, width in zip(row, block.widths,
                                                                      strict=True)) + 7
        return max(natural, block.row_height)

    def _word_bank(self, block: model.WordBank) -> list[Flowable]:
        """A shaded box of the words, read across in rows, under its title."""
        look = self.styles["cell"]
        centred = self.styles.centred(look)
        columns = block.columns
        title = Paragraph(text_markup(block.title, look, bold=True), centred)
        data = [[title] + [""] * (columns - 1)]
        words = list(block.words)
        small = self.styles.sized(centred, _bank_size(words, self.width / columns - 4,
                                                      self.layout.font.size))
        for start in range(0, len(words), columns):
            row = [Paragraph(text_markup(w, look), small) for w in words[start:start
                                                                         + columns]]
            data.append(row + [""] * (columns - len(row)))
        table = Table(data, colWidths=[self.width / columns] * columns, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), _FONT,
            ("BOX", (0, 0), (-1, -1), 1.0, HexColor(self.accent)),
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(self.layout.colours.box)),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, 0), 4),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]))
        return [KeepTogether([table]), Spacer(1, 8)]

    def _box(self, block: model.Box) -> list[Flowable]:
        """A shaded, ruled box: its title, then one bullet per item; kept with what
        follows (the lines it helps to fill)."""
        look = self.styles["body"]
        inside: list[Flowable] = [Paragraph(text_markup(block.title, look, bold=True),
                                            look.style)]
        bullet = self.styles["bullet"]
        inside += [Paragraph(text_markup(item, bullet), bullet.style, bulletText="•")
                   for item in block.items]
        table = Table([[inside]], colWidths=[self.width], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.75, HexColor(self.accent)), _FONT,
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(self.layout.colours.box)),
            ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        table.keepWithNext = 1
        spacer = Spacer(1, 8)
        spacer.keepWithNext = 1
        return [table, spacer]

    def _lines(self, block: model.WritingLines) -> list[Flowable]:
        return [WritingLines(block.count, block.pitch, block.fill_page, self.width,
                             HexColor(self.layout.colours.muted))]

    def _figure(self, block: model.Figure) -> list[Flowable]:
        picture = Image(io.BytesIO(block.data), width=block.width, height=block.height)
        picture.hAlign = "LEFT"
        return [picture, Spacer(1, 6)]

    def _page_break(self, block: model.PageBreak) -> list[Flowable]:
        return [PageBreak()]


WRITERS = {model.Heading: Blocks._heading, model.Paragraph: Blocks._paragraph,
           model.Table: Blocks._table, model.WordBank: Blocks._word_bank,
           model.Box: Blocks._box, model.WritingLines: Blocks._lines,
           model.Figure: Blocks._figure, model.PageBreak: Blocks._page_break}
"""Block type → the method that makes its flowables."""


class NameLine(Flowable):
    """Name ______ Class ______ Date ______, the lines meeting the right margin; a known
    student or class prints on its line."""

    def __init__(self, line: model.NameLine, layout: Layout):
        super().__init__()
        self.line, self.layout = line, layout
        self.size = layout.font.size
        self.spaceBefore, self.spaceAfter = 4, 14

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.size * 1.6
        return self.width, self.height

    def draw(self) -> None:
        canvas, line, size = self.canv, self.line, self.size
        stops = (0.0, self.width * 0.52, self.width * 0.76, self.width)
        fields = ((line.name, line.student), (line.class_label, line.class_name),
                  (line.date, None))
        base = size * 0.4
        canvas.setStrokeColor(HexColor(self.layout.colours.text))
        canvas.setLineWidth(0.6)
        for (label, value), start, end in zip(fields, stops[:-1], stops[1:], strict=True):
            x = start + (0 if start == 0 else 10)
            canvas.setFillColor(HexColor(self.layout.colours.text))
            x = _draw_runs(canvas, f"{label} ", x, base, size, bold=True)
            line_start = x + 1
            if value:
                _draw_runs(canvas, value, line_start + 3, base + 1.5, size)
            canvas.line(line_start, base - 2, end, base - 2)


def _bank_size(words: list[str], width: float, size: float) -> float:
    """The word bank's type size: the body size, or smaller (down to 85 %) so that every
    word or phrase fits its cell on one line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max(sum(stringWidth(chunk, face, size) for chunk, face in
                     fonts.runs(word, False, False)) for word in words)
    return max(size * 0.85, min(size, size * width / widest)) if widest else size


def _paddings(data: list[list[Paragraph]], widths: tuple[float, ...]) -> list[tuple]:
    """Each column's side padding: 5 points, less in a narrow column whose longest word
    would otherwise break ('(37)' in a key's number column)."""
    commands = []
    for column, width in enumerate(widths):
        longest = max(row[column].minWidth() for row in data)
        pad = max(1.0, min(5.0, (width - longest - 0.5) / 2))
        commands += [("LEFTPADDING", (column, 0), (column, -1), pad),
                     ("RIGHTPADDING", (column, 0), (column, -1), pad)]
    return commands


def _draw_runs(canvas, text: str, x: float, y: float, size: float, bold: bool = False
               ) -> float:
    """Draw `text` in the faces that can draw it; the x where it ends."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for chunk, face in fonts.runs(text, bold, False):
        canvas.setFont(face, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, face, size)
    return x


class WritingLines(Flowable):
    """Ruled lines to write on, `pitch` apart. With `fill_page` they run on to the foot of
    the frame they end in; lines that do not fit go on to the next page (and fill it)."""

    def __init__(self, count: int, pitch: float, fill_page: bool, width: float, colour):
        super().__init__()
        self.count, self.pitch, self.fill_page = count, pitch, fill_page
        self.line_width, self.colour = width, colour
        self.lines = count

    def wrap(self, available_width, available_height):
        fits = int(available_height // self.pitch)
        self.lines = max(self.count, fits) if self.fill_page else self.count
        self.width, self.height = self.line_width, self.lines * self.pitch
        return self.width, self.height

    def split(self, available_width, available_height):
        fits = int(available_height // self.pitch)
        if fits >= self.count:
            return [self]
        if fits < min(MIN_LINES_HERE, self.count):
            return []  # all of them on the next page
        return [WritingLines(fits, self.pitch, False, self.line_width, self.colour),
                WritingLines(self.count - fits, self.pitch, self.fill_page, self.line_width,
                             self.colour)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        for index in range(self.lines):
            y = self.height - (index + 1) * self.pitch
            canvas.line(0, y, self.width, y)
