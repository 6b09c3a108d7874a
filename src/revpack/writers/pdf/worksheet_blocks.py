"""The worksheet model's blocks as reportlab flowables: one small function per block type.

Sizes follow the DOCX writer's styles, so the PDF and the DOCX (as LibreOffice lays it
out) look alike and run to about the same number of pages.
"""

from __future__ import annotations

import io
import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import assert_never

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, PageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from revpack.loading.layouts import Layout
from revpack.worksheet import document as model
from revpack.worksheet.document import Run
from revpack.writers.pdf.worksheet_grid import (
    Content,
    Grid,
    GridLook,
    Plain,
    Row,
    Shaded,
    Together,
)
from revpack.writers.pdf.worksheet_lines import TextBlock, Widths
from revpack.writers.pdf.worksheet_text import Look, styles

TABLES_KEPT = 200
"""Tables whose parts are remembered before the table starts afresh (a shuffled table is
new for every class)."""
START_IN = 1 / 3
"""What follows a conditional page break (the extended answer) starts on the rest of the
page when it does not fit there whole but at least this share of the page is left: its
lines run on to the next page and fill it, rather than leaving this page mostly empty."""
NAME_SHRINK = 0.6
"""The smallest a name or class printed in the name line is set, as a share of the type
size, when it is too long for its field (cut short with '…' if even that does not fit)."""
EMPTY_NAME, EMPTY_CLASS, EMPTY_DATE = 150.0, 40.0, 50.0
"""The least room, in points, of a line to write a name, a class and the date on."""
MIN_LINES_HERE = 3
"""Writing lines start on the next page unless at least this many fit on this one (for
lines that fill the page, MIN_FILLING)."""
MIN_FILLING = 2
"""Lines that fill the page start on this one when this many fit: they run on to fill
the next, and what stands above them, the question and its sentence starters, would
otherwise leave the rest of this page empty (one line alone under them looks stranded)."""


@dataclass(frozen=True)
class TableParts:
    """What a table's flowable is made of: the same for the same table (a pack's classes
    share most of their tables), so made once per table and layout."""

    rows: tuple[Row, ...]
    """Its body rows' cells."""
    header: Row | None
    """Its header row, or None."""
    look: GridLook
    """How it draws."""
    keep: float
    """The tallest share of a page at which it moves whole to the next page when it does
    not fit (0: it breaks between rows)."""
    number: int
    """The number its drawing is remembered under."""
    fills: bool
    """Kept, it breaks all the same when more than ROOM_LEFT of a page is left
    (worksheet.document.fills_page)."""


class Blocks:
    """Turns a document's blocks into flowables, in order."""

    def __init__(self, layout: Layout, language: str = "en", closer: bool = False):
        self.layout = layout
        self.styles = styles(layout, language, closer)
        self.width = layout.page.width - 2 * layout.page.margin
        self.frame_height = layout.page.height - 2 * layout.page.margin
        self.accent = layout.colours.accent

    def title(self, document: model.Document) -> list[Flowable]:
        """The title over an accent rule, the subtitle, and the name line."""
        look = self.styles["title"]
        made: list[Flowable] = [
            self.styles.text(document.title, look),
            HRFlowable(
                width="100%",
                thickness=1.5,
                color=HexColor(self.accent),
                spaceBefore=1,
                spaceAfter=2,
            ),
        ]
        if document.subtitle:
            look = self.styles["subtitle"]
            made.append(self.styles.text(document.subtitle, look))
        else:
            made.append(Spacer(1, 8))
        if document.name_line is not None:
            made.append(NameLine(document.name_line, self.layout, self.styles.widths))
        return made

    def body(self, blocks: tuple[model.Block, ...]) -> list[Flowable]:
        """Every block's flowables, numbered lists counted as they go (as in the DOCX, a
        list runs on past other blocks until a paragraph starts a new one)."""
        made: list[Flowable] = []
        number = 0
        for index, block in enumerate(blocks):
            if isinstance(block, model.PageBreak) and block.unless_fits:
                group = _up_to_break(blocks[index + 1 :])
                if group:
                    kept = self.body(group)
                    made.append(
                        Together(kept, self.frame_height, split_last=False, start_in=START_IN)
                    )
                return made + self.body(blocks[index + 1 + len(group) :])
            if isinstance(block, model.Paragraph) and block.style == "numbered":
                number = 1 if block.list_start else number + 1
                made.append(self.paragraph(block, f"{number}."))
            else:
                made += self._block(block)
        return made

    def paragraph(self, block: model.Paragraph, bullet: str | None = None) -> TextBlock:
        """A paragraph of runs and blanks in its style."""
        look = self.styles[block.style]
        if bullet is None and block.style in ("bullet", "bullet-2"):
            bullet = "•" if block.style == "bullet" else "◦"
        flowable = self.styles.paragraph(block.content, look, bullet=bullet)
        if block.keep_with_next:
            flowable.keepWithNext = 1
        return flowable

    def _block(self, block: model.Block) -> list[Flowable]:
        """The flowables of `block`, by the block it is."""
        match block:
            case model.Heading():
                return self._heading(block)
            case model.Paragraph():
                return self._paragraph(block)
            case model.Table():
                return self._table(block)
            case model.WordBank():
                return self._word_bank(block)
            case model.Box():
                return self._box(block)
            case model.WritingLines():
                return self._lines(block)
            case model.Figure():
                return self._figure(block)
            case model.PageBreak():
                return self._page_break(block)
            case _:
                assert_never(block)

    def _paragraph(self, block: model.Paragraph) -> list[Flowable]:
        return [self.paragraph(block)]

    def _heading(self, block: model.Heading) -> list[Flowable]:
        look = self.styles[f"heading-{block.level}"]
        return [self.styles.text(block.text, look)]

    def _table(self, block: model.Table) -> list[Flowable]:
        """A ruled table: rows never split, the header row repeats on each page; a kept
        table moves whole unless it is long (see worksheet_grid.Grid)."""
        parts = self.styles.tables.get(block)
        if parts is None:  # (the same table, class after class: made once)
            parts = self.styles.widths.remember(
                self.styles.tables, block, self._parts(block), TABLES_KEPT
            )
        grid = Grid(
            block.widths,
            list(parts.rows),
            parts.header,
            parts.look,
            parts.keep,
            self.frame_height,
            parts.number,
            parts.fills,
        )
        return [grid, Spacer(1, 8)]

    def _parts(self, block: model.Table) -> TableParts:
        look = self.styles["cell"]
        header = Row(self._cells(block.header, block, look), 0.0) if block.header else None
        rows = [Row(self._cells(row, block, look), block.row_height) for row in block.rows]
        everything = ([header] if header else []) + rows
        grid_look = GridLook(
            size=look.style.fontSize,
            leading=look.style.leading,
            text=look.style.textColor,
            rule=self.styles.colour(self.layout.colours.muted),
            rule_width=0.5,
            shade=self.styles.colour(self.layout.colours.box) if header else None,
            top=3 if header else 2,
            bottom=4 if header else 3,
            sides=_paddings(everything, block.widths),
            middle=header is not None,
        )
        return TableParts(
            tuple(rows),
            header,
            grid_look,
            model.kept_share(block),
            self.styles.widths.number(),
            model.fills_page(block),
        )

    def _cells(
        self, row: tuple[model.Cell, ...], block: model.Table, look: Look
    ) -> tuple[Content, ...]:
        """A row's cells, made once per row and column widths (a shuffled table's rows
        come back in another order, class after class)."""
        key = (row, block.widths)
        cells: tuple[Content, ...] | None = self.styles.rows.get(key)
        if cells is None:
            cells = tuple(
                self._cell(cell, look, width) for cell, width in zip(row, block.widths, strict=True)
            )
            self.styles.widths.remember(self.styles.rows, key, cells)
        return cells

    def _cell(self, cell: model.Cell, look: Look, width: float) -> Content:
        """A cell's content: '' for a cell to write in; text in one face that fits on one
        line as plain text (the table draws it; a paragraph costs far more); else a
        paragraph."""
        if not cell.content:
            return ""
        plain = self.styles.plain(cell.content, look)
        if plain is not None:
            text, face = plain
            wide = self.styles.widths(text, face, look.style.fontSize)
            if wide <= width - 10:
                return Plain(text, face, cell.align == "center", wide)
        style = self.styles.centred(look) if cell.align == "center" else look.style
        return self.styles.paragraph(cell.content, look, style)

    def _word_bank(self, block: model.WordBank) -> list[Flowable]:
        """A shaded box of the words, read across in rows, under its title."""
        look = self.styles["cell"]
        centred = self.styles.centred(look) if block.centred else look.style
        columns = block.columns
        width = self.width / columns
        words = list(block.words)
        font = self.layout.font
        size = _bank_size(words, width - 4, font.size, font.min_size, self.styles.widths)
        small = self.styles.sized(centred, size)
        rows: list[list[TextBlock]] = [[self.styles.text(block.title, look, centred, bold=True)]]
        for start in range(0, len(words), columns):
            rows.append([self.styles.text(w, look, small) for w in words[start : start + columns]])
        continued = block.continued or block.title
        bank = Shaded(
            rows,
            (width,) * columns,
            (2.5, 3.5, 2, 2),
            self.styles.colour(self.layout.colours.box),
            self.styles.colour(self.accent),
            1.0,
            spans_first=True,
            ends=(1.5, 2.5),
            key=block,
            continued=[self.styles.text(continued, look, centred, bold=True)],
        )
        return [bank, Spacer(1, 8)]

    def _box(self, block: model.Box) -> list[Flowable]:
        """A shaded, ruled box: its title, then one bullet per item; kept with what
        follows (the lines it helps to fill)."""
        look = self.styles["body"]
        inside: list[TextBlock] = [self.styles.text(block.title, look, bold=True)]
        bullet = self.styles["bullet"]
        inside += [self.styles.paragraph((Run(item),), bullet, bullet="•") for item in block.items]
        box = Shaded(
            [[item] for item in inside],
            (self.width,),
            (0.0, 0.0, 6, 6),
            self.styles.colour(self.layout.colours.box),
            self.styles.colour(self.accent),
            0.75,
            ends=(5, 5),
            stacked=True,
            key=block,
        )
        box.keepWithNext = 1
        spacer = Spacer(1, 8)
        spacer.keepWithNext = 1
        return [box, spacer]

    def _lines(self, block: model.WritingLines) -> list[Flowable]:
        return [
            WritingLines(
                block.count,
                block.pitch,
                block.fill_page,
                self.width,
                HexColor(self.layout.colours.muted),
            )
        ]

    def _figure(self, block: model.Figure) -> list[Flowable]:
        picture = Image(io.BytesIO(block.data), width=block.width, height=block.height)
        picture.hAlign = "LEFT"
        return [picture, Spacer(1, 6)]

    def _page_break(self, block: model.PageBreak) -> list[Flowable]:
        return [PageBreak()]


class NameLine(Flowable):  # type: ignore[misc]  # reportlab has no types
    """Name ______ Class ______ Date ______, the lines meeting the right margin; a known
    student or class prints on its line. Where one row would set a long name or class
    smaller than ONE_ROW of the type size, the name has a row of its own over the class
    and the date (as the DOCX wraps them)."""

    def __init__(self, line: model.NameLine, layout: Layout, measure: Widths):
        super().__init__()
        self.line, self.layout, self.measure = line, layout, measure
        self.size = layout.font.size
        self.spaceBefore, self.spaceAfter = 4, 14
        self.rows: list[list[Field]] = [self._fields()]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        fields = self._fields()
        one = [fields]
        self.rows = one if self._smallest(one) >= ONE_ROW else [fields[:1], fields[1:]]
        self.height = self.size * 1.6 * len(self.rows)
        return self.width, self.height

    def _fields(self) -> list[Field]:
        line = self.line
        return [
            Field(line.name, line.student, EMPTY_NAME),
            Field(line.class_label, line.class_name, EMPTY_CLASS),
            Field(line.date, None, EMPTY_DATE, shares=False),
        ]

    def _smallest(self, rows: list[list[Field]]) -> float:
        """The smallest share of the type size a name or class is set at in `rows`."""
        sizes = [self.size]
        for row in rows:
            stops = self._stops(row)
            for field, start, end in zip(row, stops[:-1], stops[1:], strict=True):
                if field.value:
                    sizes.append(self._fitted(field, start, end)[1])
        return min(sizes) / self.size

    def _fitted(self, field: Field, start: float, end: float) -> tuple[str, float, float]:
        """What `field` prints between `start` and `end` (its value set smaller down to
        NAME_SHRINK of the type size, then cut short with '…'), the size it is set at,
        and where its line starts (after its label)."""
        size, measure = self.size, self.measure
        line_start = start + (0 if start == 0 else 10)
        line_start += measure.across(f"{field.label} ", True, size) + 1
        value = field.value or ""
        room = end - line_start - 6
        wide = measure.across(value, False, size)
        small = max(size * NAME_SHRINK, size * room / wide) if wide > room else size
        while len(value) > 1 and measure.across(value, False, small) > room:
            value = value[:-2].rstrip() + "…"  # (past NAME_SHRINK)
        return value, small, line_start

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        canvas.setStrokeColor(HexColor(self.layout.colours.text))
        canvas.setLineWidth(0.6)
        for index, row in enumerate(self.rows):
            base = size * 0.4 + size * 1.6 * (len(self.rows) - 1 - index)
            stops = self._stops(row)
            for field, start, end in zip(row, stops[:-1], stops[1:], strict=True):
                self._draw_field(field, start, end, base)

    def _draw_field(self, field: Field, start: float, end: float, base: float) -> None:
        """Its label in bold, then its line, with what it holds on it (`_fitted`)."""
        canvas, size, measure = self.canv, self.size, self.measure
        canvas.setFillColor(HexColor(self.layout.colours.text))
        _draw_runs(
            canvas,
            measure,
            f"{field.label} ",
            start + (0 if start == 0 else 10),
            base,
            size,
            bold=True,
        )
        value, small, line_start = self._fitted(field, start, end)
        if value:
            _draw_runs(canvas, measure, value, line_start + 3, base + 1.5, small)
        canvas.line(line_start, base - 2, end, base - 2)

    def _stops(self, row: list[Field]) -> list[float]:
        """Where each field of `row` starts, and the right margin: the name, class and
        date at 52 % and 76 % of the width (a row of class and date: at 60 %), or, where
        a name or a class is too long for its field, each field its label and as much as
        what it holds needs (a line to write on, where it holds nothing), the rest shared
        as those shares are; when even that does not fit, the labels and the date's line
        keep theirs and the name and class share what is left (their text then set
        smaller, or cut short: see `_draw_field`)."""
        size, width = self.size, self.width
        shares = (0.52, 0.24, 0.24) if len(row) == 3 else (0.6, 0.4) if len(row) == 2 else (1,)
        labels = [self.measure.across(f"{f.label} ", True, size) + 20 for f in row]
        values = [self.measure.across(f.value, False, size) if f.value else f.least for f in row]
        needs = [label + value for label, value in zip(labels, values, strict=True)]
        fields = [width * share for share in shares]
        if any(need > field for need, field in zip(needs, fields, strict=True)):
            spare = width - sum(needs)
            if spare >= 0:
                fields = [need + spare * share for need, share in zip(needs, shares, strict=True)]
            else:
                # (the date's line keeps its room; the name and class share the rest)
                held = [f.shares for f in row]
                fixed = sum(
                    label + (0 if hold else value)
                    for label, value, hold in zip(labels, values, held, strict=True)
                )
                left = max(width - fixed, 0.0)
                total = sum(v for v, hold in zip(values, held, strict=True) if hold) or 1.0
                fields = [
                    label + (left * value / total if hold else value)
                    for label, value, hold in zip(labels, values, held, strict=True)
                ]
        stops = [0.0]
        for field in fields[:-1]:
            stops.append(stops[-1] + field)
        return [*stops, width]


@dataclass(frozen=True)
class Field:
    """One field of the name line."""

    label: str
    """'Name', 'Class' or 'Date', in the sheet's language."""
    value: str | None
    """What prints on its line (a student's name, a class), or None."""
    least: float
    """The least room, in points, of its line to write on when it holds nothing."""
    shares: bool = True
    """Whether it takes a share of the room a row lacks (the name and class; the date's
    line keeps its own)."""


ONE_ROW = 0.85
"""The smallest share of the type size a name or class is set at before the name line
takes two rows, the name on the first."""


def _up_to_break(blocks: tuple[model.Block, ...]) -> tuple[model.Block, ...]:
    """The blocks before the next page break."""
    for index, block in enumerate(blocks):
        if isinstance(block, model.PageBreak):
            return blocks[:index]
    return blocks


def _bank_size(words: list[str], width: float, size: float, least: float, measure: Widths) -> float:
    """The word bank's type size: the body size, or smaller (down to 85 %, and never below
    the layout's smallest, `least`) so that every word or phrase fits its cell on one
    line."""
    widest = max(measure.across(word, False, size) for word in words)
    fitting = max(size * 0.85, min(size, size * width / widest)) if widest else size
    return max(fitting, least)


def _paddings(rows: list[Row], widths: tuple[float, ...]) -> tuple[float, ...]:
    """Each column's side padding: 5 points, less in a narrow column whose longest word
    would otherwise break ('(37)' in a key's number column), but not for a word too long
    to fit even so (it breaks all the same, and would touch the rules)."""
    pads: list[float] = []
    for column, width in enumerate(widths):
        longest = max((_min_width(row.cells[column]) for row in rows), default=0)
        pad = (width - longest - 0.5) / 2
        pads.append(min(5.0, pad) if pad >= 1.0 else 5.0)
    return tuple(pads)


def _min_width(cell: Content) -> float:
    if isinstance(cell, Plain):
        return cell.width
    return cell.minWidth() if isinstance(cell, TextBlock) else 0.0


def _draw_runs(
    canvas: Canvas, measure: Widths, text: str, x: float, y: float, size: float, bold: bool = False
) -> float:
    """Draw `text` in the faces that can draw it; the x where it ends."""
    for chunk, face, wide in measure.runs(text, bold, size):
        canvas.setFont(face, size)
        canvas.drawString(x, y, chunk)
        x += wide
    return x


SQUEEZE = 0.85
"""Lines that fill the page and fall a few short of their count on the room left are set
closer, down to this share of their pitch, rather than running on to fill a page of their
own for the last two or three."""
LEAST_PITCH = 20.0
"""The closest writing lines are set, in points (7 mm: narrow-ruled paper)."""


class WritingLines(Flowable):  # type: ignore[misc]  # reportlab has no types
    """Ruled lines to write on, `pitch` apart. With `fill_page` they run on to the foot of
    the frame they end in; lines that do not fit go on to the next page (and fill it),
    unless they all fit at a pitch a little closer (SQUEEZE)."""

    def __init__(self, count: int, pitch: float, fill_page: bool, width: float, colour: Color):
        super().__init__()
        self.count, self.pitch, self.fill_page = count, pitch, fill_page
        self.line_width, self.colour = width, colour
        self.lines = count

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        fits = int(available_height // self.pitch)
        self.lines = max(self.count, fits) if self.fill_page else self.count
        self.width, self.height = self.line_width, self.lines * self.pitch
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // self.pitch)
        if fits >= self.count:
            return [self]
        closer = math.floor(available_height / self.count * 100) / 100
        if self.fill_page and closer >= max(self.pitch * SQUEEZE, min(self.pitch, LEAST_PITCH)):
            return [WritingLines(self.count, closer, True, self.line_width, self.colour)]
        if fits < (MIN_FILLING if self.fill_page else min(MIN_LINES_HERE, self.count)):
            return []  # all of them on the next page
        return [
            WritingLines(fits, self.pitch, False, self.line_width, self.colour),
            WritingLines(
                self.count - fits, self.pitch, self.fill_page, self.line_width, self.colour
            ),
        ]

    def content_key(self) -> Hashable:
        """What the lines draw, apart from their size (how many fit)."""
        return ("lines", self.count, self.pitch, self.fill_page, self.line_width, self.colour)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        for index in range(self.lines):
            y = self.height - (index + 1) * self.pitch
            canvas.line(0, y, self.width, y)
