"""Ruled tables, the word bank's box and kept-together groups for the worksheet PDF, as
lean flowables: columns of fixed width, rows that never split, cells of pre-broken text.

reportlab's Table resolves a style command list cell by cell and copies itself to split;
KeepTogether lays its content out twice in a copied frame. A worksheet's tables are
simple (fixed widths, one padding per column, a shaded header), so these measure each
row once and draw lines, shading and text directly.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Flowable

from revpack.worksheet.document import ROOM_LEFT, SHORT_TABLE
from revpack.writers.pdf.worksheet_drawings import content_key
from revpack.writers.pdf.worksheet_lines import Pen, TextBlock

MIN_ROWS = 2
"""Body rows that go with the header on each page a table breaks across (never a header
alone at the foot of a page, nor a last row alone under a repeated header)."""


@dataclass(frozen=True)
class Plain:
    """A table cell of text in one face on one line."""

    text: str
    """The text."""
    face: str
    """Its face."""
    centred: bool
    """Centred in its column."""
    width: float
    """Its width in points."""


Content = TextBlock | Plain | str
"""A cell's content: a paragraph, one line of plain text, or '' for an empty cell."""


@dataclass(frozen=True)
class GridLook:
    """How a ruled table draws: its type, rules, shading and paddings."""

    size: float
    """Type size of its plain cells."""
    leading: float
    """Their line height."""
    text: Color
    """Their colour."""
    rule: Color
    """The colour of the rules between cells."""
    rule_width: float
    """Their thickness."""
    shade: Color | None
    """The header row's shading, or None."""
    top: float
    """Padding above a cell's content."""
    bottom: float
    """Padding below it."""
    sides: tuple[float, ...]
    """Each column's left and right padding."""
    middle: bool
    """Body rows' content centred vertically (else at the top)."""


@dataclass(frozen=True)
class Row:
    """One row of a table."""

    cells: tuple[Content, ...]
    """One per column."""
    least: float
    """The least height in points (room to write), or 0."""


class _Rows(Flowable):  # type: ignore[misc]  # reportlab has no types
    """Rows in fixed column widths: as wide as its columns, as tall as its rows."""

    widths: tuple[float, ...]
    """Each column's width in points."""

    def heights(self) -> list[float]:
        """Each row's height."""
        raise NotImplementedError

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = sum(self.heights())
        return self.width, self.height


class Grid(_Rows):
    """A ruled table with fixed column widths and an optional shaded header row that
    repeats on every page it runs onto; rows never split. A kept table moves whole to
    the next page when it does not fit, unless it is taller than its `keep` share of the
    page or more than ROOM_LEFT of the page is left, when it breaks between rows like
    any other."""

    def __init__(
        self,
        widths: tuple[float, ...],
        rows: list[Row],
        header: Row | None,
        look: GridLook,
        keep: float,
        frame_height: float,
        key: Hashable = None,
        fills: bool = True,
    ):
        super().__init__()
        self.widths, self.rows, self.header, self.look = widths, rows, header, look
        self.keep, self.frame_height = keep, frame_height
        """The tallest share of a page at which the table moves whole (0: it never does)."""
        self.fills = fills
        """Whether, kept, it breaks all the same when more than ROOM_LEFT of the page is
        left (worksheet.document.fills_page)."""
        self.key = key
        """What the table is made from (None: nothing), under which its drawing is
        remembered (revpack.writers.pdf.worksheet_drawings)."""
        self.part: tuple[int, int] | None = None
        """The first of the whole table's rows that this part holds, and how many."""
        self._heights: list[float] | None = None

    def content_key(self) -> Hashable | None:
        """What the table draws, apart from its size (None: not known by a key)."""
        return None if self.key is None else ("grid", self.key, self.part)

    # Measuring -----------------------------------------------------------------------
    def _row_height(self, row: Row, is_header: bool) -> float:
        look = self.look
        tallest = look.leading
        for cell, width, pad in zip(row.cells, self.widths, look.sides, strict=True):
            if isinstance(cell, TextBlock):
                tallest = max(tallest, cell.wrap(width - 2 * pad, 10_000)[1])
        natural = tallest + look.top + look.bottom
        if row.least and not is_header:
            return max(row.least, natural)
        return natural

    def heights(self) -> list[float]:
        """Each row's height, the header's first."""
        if self._heights is None:
            rows = ([self.header] if self.header else []) + self.rows
            self._heights = [
                self._row_height(row, row is self.header and index == 0)
                for index, row in enumerate(rows)
            ]
        return self._heights

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        heights = self.heights()
        if sum(heights) <= available_height:
            return [self]
        if sum(heights) <= self.frame_height * self.keep and not self.leaves_room(available_height):
            return []
        return self.between_rows(available_height)

    def leaves_room(self, available_height: float) -> bool:
        """Whether moving the table on would leave more than ROOM_LEFT of the page empty
        and it may break for that."""
        return self.fills and available_height >= self.frame_height * ROOM_LEFT

    def between_rows(self, available_height: float) -> list[Flowable]:
        """The rows that fit in `available_height` (MIN_ROWS at least, under the header)
        and the rest (MIN_ROWS at least, under the header again), or [] when they cannot
        part so. Rows of a table taller than a page that could not part so even on a whole
        page part at one row instead."""
        fits = self._parting(available_height, MIN_ROWS)
        if (
            fits is None
            and sum(self.heights()) > self.frame_height
            and self._parting(self.frame_height, MIN_ROWS) is None
        ):
            fits = self._parting(available_height, 1)
        if fits is None:
            return []
        first, rest = self._part(self.rows[:fits]), self._part(self.rows[fits:])
        return [first, rest]

    def _parting(self, available_height: float, least: int) -> int | None:
        """How many rows go above the break in `available_height` with `least` rows at
        least on each side, or None when they cannot."""
        heights = self.heights()
        start = 1 if self.header else 0
        used, fits = sum(heights[:start]), 0
        for height in heights[start:]:
            if used + height > available_height + 1e-6:
                break
            used += height
            fits += 1
        fits = min(fits, len(self.rows) - least)  # nor a row or two alone on the next
        return fits if fits >= least else None

    def _part(self, rows: list[Row]) -> Grid:
        part = Grid(
            self.widths, rows, self.header, self.look, 0.0, self.frame_height, self.key, self.fills
        )
        offset = 1 if self.header else 0
        heights = self.heights()
        index = self.rows.index(rows[0])
        first = self.part[0] if self.part else 0
        part.part = (first + index, len(rows))
        part._heights = heights[:offset] + heights[offset + index : offset + index + len(rows)]
        return part

    # Drawing -------------------------------------------------------------------------
    def draw(self) -> None:
        canvas, look = self.canv, self.look
        heights = self.heights()
        rows = ([self.header] if self.header else []) + self.rows
        top = self.height
        if self.header and look.shade is not None:
            canvas.setFillColor(look.shade)
            canvas.rect(0, top - heights[0], self.width, heights[0], stroke=0, fill=1)
        pen = Pen(canvas)
        for index, (row, height) in enumerate(zip(rows, heights, strict=True)):
            middle = look.middle and not (self.header and index == 0)
            self._write_row(pen, row, top, height, middle)
            top -= height
        pen.finish()
        self._rules(heights)

    def _write_row(self, pen: Pen, row: Row, top: float, height: float, middle: bool) -> None:
        look = self.look
        x = 0.0
        room = height - look.top - look.bottom
        for cell, width, pad in zip(row.cells, self.widths, look.sides, strict=True):
            if isinstance(cell, TextBlock):
                _, tall = cell.wrap(width - 2 * pad, 10_000)
                drop = (room - tall) / 2 if middle else 0.0
                cell.write(pen, x + pad, top - look.top - drop - tall)
            elif isinstance(cell, Plain):
                drop = (room - look.leading) / 2 if middle else 0.0
                baseline = top - look.top - drop - look.size
                left = x + (width - cell.width) / 2 if cell.centred else x + pad
                pen.string(left, baseline, cell.text, cell.face, look.size, look.text)
            x += width

    def _rules(self, heights: list[float]) -> None:
        """The rules between rows and columns, as one stroked path (the operators a
        reportlab path of moves and lines writes, formatted here)."""
        canvas, look = self.canv, self.look
        canvas.setStrokeColor(look.rule)
        canvas.setLineWidth(look.rule_width)
        width, height = self.width, self.height
        parts = ["n"]
        y = height
        parts += (f"{fp_str(0, y)} m", f"{fp_str(width, y)} l")
        for row in heights:
            y -= row
            parts += (f"{fp_str(0, y)} m", f"{fp_str(width, y)} l")
        x = 0.0
        for column in (0.0, *self.widths):
            x += column
            parts += (f"{fp_str(x, 0)} m", f"{fp_str(x, height)} l")
        canvas._code.append(" ".join(parts))
        canvas._code.append("S")


class Shaded(_Rows):
    """Rows of paragraphs in a shaded box with a coloured border (the word bank's words
    under its title, the sentence starters), kept on one page."""

    def __init__(
        self,
        rows: list[list[TextBlock]],
        widths: tuple[float, ...],
        paddings: tuple[float, float, float, float],
        shade: Color,
        border: Color,
        border_width: float,
        spans_first: bool = False,
        ends: tuple[float, float] = (0.0, 0.0),
        stacked: bool = False,
        key: Hashable = None,
        continued: list[TextBlock] | None = None,
    ):
        super().__init__()
        self.key = key
        """What the box is made from (None: nothing), under which its drawing is
        remembered."""
        self.continued = continued
        """The title row over a part run on to the next page ('Word bank (continued)'),
        or None (the part has no title)."""
        self.rows, self.widths = rows, widths
        self.paddings, self.shade = paddings, shade
        self.border, self.border_width = border, border_width
        self.spans_first, self.ends, self.stacked = spans_first, ends, stacked
        self._heights: list[float] | None = None

    def _cells(self, index: int) -> list[tuple[TextBlock, float]]:
        """Row `index`'s paragraphs, each with its inner width."""
        _, _, left, right = self.paddings
        row = self.rows[index]
        if index == 0 and self.spans_first:
            return [(row[0], sum(self.widths) - left - right)]
        return [(cell, width - left - right) for cell, width in zip(row, self.widths, strict=False)]

    def heights(self) -> list[float]:
        """Each row's height, paddings included."""
        if self._heights is None:
            top, bottom, _, _ = self.paddings
            last = len(self.rows) - 1
            self._heights = []
            for index in range(len(self.rows)):
                tallest = max(
                    (cell.wrap(inner, 10_000)[1] for cell, inner in self._cells(index)),
                    default=0.0,
                )
                if self.stacked and index < last:
                    tallest += self.rows[index][0].getSpaceAfter()
                extra = (self.ends[0] if index == 0 else 0.0) + (
                    self.ends[1] if index == last else 0.0
                )
                self._heights.append(tallest + top + bottom + extra)
        return self._heights

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A word bank too tall for the rest of the page (long, or in large type) breaks
        between its rows of words: its title and two rows at least here, two rows at
        least on the next page, each part a box of its own. A stacked box (sentence
        starters) never breaks."""
        if self.stacked:
            return []
        least = MIN_ROWS + (1 if self.spans_first else 0)
        for fits in range(len(self.rows) - MIN_ROWS, least - 1, -1):
            first = self._part(0, fits)
            if first.wrap(available_width, available_height)[1] <= available_height + 1e-6:
                return [first, self._part(fits, len(self.rows))]
        return []

    def _part(self, start: int, end: int) -> Shaded:
        """Rows `start` to `end` as a box of their own: the first with the title, a later
        one under the `continued` title where there is one."""
        ends = (self.ends[0] if start == 0 else self.ends[1], self.ends[1])
        head = [self.continued] if start > 0 and self.continued else []
        return Shaded(
            head + self.rows[start:end],
            self.widths,
            self.paddings,
            self.shade,
            self.border,
            self.border_width,
            spans_first=start == 0 or bool(head),
            ends=ends,
            key=None if self.key is None else (self.key, start, end),
            continued=self.continued,
        )

    def content_key(self) -> Hashable | None:
        """What the box draws, apart from its size (None: not known by a key)."""
        return None if self.key is None else ("shaded", self.key)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.shade)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        top_pad, bottom_pad, left, _ = self.paddings
        top = self.height
        pen = Pen(canvas)
        last = len(self.rows) - 1
        for index, height in enumerate(self.heights()):
            start = top - top_pad - (self.ends[0] if index == 0 else 0.0)
            room = height - top_pad - bottom_pad
            room -= (self.ends[0] if index == 0 else 0.0) + (self.ends[1] if index == last else 0.0)
            x = 0.0
            for (cell, inner), width in zip(self._cells(index), self.widths, strict=False):
                _, tall = cell.wrap(inner, 10_000)
                drop = 0.0 if self.stacked else (room - tall) / 2
                cell.write(pen, x + left, start - drop - tall)
                x += width
            top -= height
        pen.finish()
        canvas.setStrokeColor(self.border)
        canvas.setLineWidth(self.border_width)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class Together(Flowable):  # type: ignore[misc]  # reportlab has no types
    """Flowables kept on one page (a heading with its instructions and the first of what
    follows). When they do not fit, they move to the next page, unless they are taller
    than a third of a page or more than ROOM_LEFT of the page is left, and the last of
    them can break (a table, a paragraph) with the others and its first part on this
    page."""

    def __init__(
        self,
        flowables: list[Flowable],
        frame_height: float,
        split_last: bool = True,
        start_in: float | None = None,
    ):
        super().__init__()
        self._content, self.frame_height = flowables, frame_height
        self.split_last = split_last
        """Whether the last flowable may break when the group is long (else the group
        moves whole)."""
        self.start_in = start_in
        """With `split_last` False: the share of a page left that the group starts in
        all the same, its last flowable running on to the next page (None: never)."""
        self.spaceBefore = flowables[0].getSpaceBefore()
        self.spaceAfter = flowables[-1].getSpaceAfter()
        self._placed: list[tuple[Flowable, float]] = []

    def _stack(self, width: float, flowables: list[Flowable], room: float) -> float:
        """Lay `flowables` out one under the other in `room`; their total height."""
        self._placed = []
        height = 0.0
        after = 0.0
        for index, flowable in enumerate(flowables):
            if index:  # the frame overlaps one's space after with the next's space before
                height += max(after, flowable.getSpaceBefore())
            tall = flowable.wrap(width, max(room - height, 0.0))[1]
            self._placed.append((flowable, height + tall))
            height += tall
            after = flowable.getSpaceAfter()
        return height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self._stack(available_width, self._content, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        height = self._stack(available_width, self._content, available_height)
        if height <= available_height:
            return [self]
        *lead, last = self._content
        # (A group no taller than a short table, or than its table's own share, moves whole,
        # as the table would.)
        share = max(SHORT_TABLE, last.keep if isinstance(last, Grid) else 0.0)
        # (Nor one that would leave more than ROOM_LEFT of this page empty: it breaks.)
        if isinstance(last, Grid):
            fills = last.leaves_room(available_height)
        else:
            fills = available_height >= self.frame_height * ROOM_LEFT
        long = self.split_last and (height > self.frame_height * share or fills)
        room = self.start_in is not None and available_height >= self.frame_height * self.start_in
        if lead and (long or room):
            above = self._stack(available_width, lead, available_height)
            above += max(lead[-1].getSpaceAfter(), last.getSpaceBefore())
            if above < available_height:
                rest = available_height - above
                # (A kept table breaks under the others when this page has room enough,
                # not for want of room under them.)
                if fills and isinstance(last, Grid):
                    parts = last.between_rows(rest)
                else:
                    parts = last.split(available_width, rest)
                # (A kept table that fits a page alone, but not under its heading on any
                # page, breaks under it: moved whole, it left the heading alone on a page.)
                if not parts and isinstance(last, Grid) and height > self.frame_height:
                    parts = last.between_rows(rest)
                # (one part that is not the last itself: all of it, set closer to fit)
                if len(parts) > 1 or (parts and parts[0] is not last):
                    return [*lead, *parts]
        if height > self.frame_height and (not lead or available_height >= self.frame_height):
            return list(self._content)
        # (Under what is on this page, the last could not start: the group moves whole,
        # leaving no heading or instructions alone at the page's foot.)
        return []

    def content_key(self) -> Hashable | None:
        """What the group draws, apart from its size (None when one of its flowables is
        not known by a key): its flowables' sizes follow from its own."""
        keys = []
        for flowable in self._content:
            key = content_key(flowable)
            if key is None:
                return None
            keys.append(key)
        return ("together", tuple(keys))

    def draw(self) -> None:
        self._stack(self.width, self._content, self.height)
        pen = Pen(self.canv)
        for flowable, bottom in self._placed:
            if isinstance(flowable, TextBlock):
                flowable.write(pen, 0.0, self.height - bottom)
            else:
                flowable.drawOn(self.canv, 0, self.height - bottom)
        pen.finish()
