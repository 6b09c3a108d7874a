"""The blocks a summary sheet is made of, built at one type size.

A block is measured at a width and drawn at a place. The page planner keeps each block
whole where it can; a block that must run on (the layout lets long blocks run on, or it is
taller than a whole column of a sheet of several pages) is cut by `Block.split` between two
points, terms or events, and the second part carries the heading marked "continued".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Unpack

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from revpack import fonts
from revpack.hyphenation import Hyphenator
from revpack.labels import Labels, load_labels
from revpack.loading.layouts import Layout
from revpack.loading.typography import date_spaces, heading_spaces, unit_spaces
from revpack.model import Factor, Point, Section, Source, Text
from revpack.options import of_kind
from revpack.options.summary import Options
from revpack.problems import Mark
from revpack.writers.pdf.pictures import Picture
from revpack.writers.pdf.text import (
    SCRIPT_SHARE,
    Hyphenation,
    hyphenation,
    paragraph_markup,
    style,
)
from revpack.writers.scripts import script_share


@dataclass
class Block:
    """A heading (optional) over paragraphs, with an optional tinted background."""

    body: list[Flowable]  # paragraphs, tables and pictures
    heading: Paragraph | None = None
    fill: str | None = None  # background of the whole block
    band: str | None = None  # background of the heading strip
    pad: float = 4.0
    gap: float = 2.0  # space between body flowables
    name: str = ""  # how a message names the block, e.g. "factor 'Beria'"
    mark: Mark | None = None  # where the block starts in the source
    continued: Paragraph | None = None  # the heading of a part after a split
    starts: frozenset[int] | None = None  # body items a part may start at (None: any)
    aside: bool = False  # a reference box (terms, timeline), which may take room left
    # before the blocks that come before it in the source (but not before the notes that do)
    pieces: Block | None = None  # the same block as items to cut between, where its body
    # is one item (the timeline's one table); None: cut between its own body items
    shorten: str = "shorten its points"  # what a teacher can do when it is too tall
    item: str = "point"  # what a message calls the items it may be cut between
    marks: tuple[Mark, ...] = ()  # where each body item starts in the source (or none)
    _sizes: list[float] = field(default_factory=list)
    _width: float | None = None  # the width of the last measure, and its height
    _height: float = 0.0

    def measure(self, width: float) -> float:
        """Height at `width` (also remembers the layout of each part for drawing)."""
        if self._width == width:  # planning measured it already; drawing needs the same
            return self._height
        inner = width - 2 * self.pad
        return self._settle(width, [f.wrap(inner, 1e6)[1] for f in self._parts()])

    def _settle(self, width: float, sizes: list[float]) -> float:
        """Take `sizes` (the heading's, if any, then each body item's) as measured at
        `width`: the block's height."""
        self._sizes = sizes
        body = sum(self._sizes[1 if self.heading else 0 :])
        body += self.gap * max(len(self.body) - 1, 0)
        head = self._sizes[0] + 2 * self.pad if self.heading else 0
        self._width, self._height = width, head + body + 2 * self.pad
        return self._height

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> None:
        """Draw with the top-left corner at (x, top); call `measure` first."""
        height = self.measure(width)
        if self.fill:
            canvas.setFillColor(HexColor(self.fill))
            canvas.roundRect(x, top - height, width, height, 3, stroke=0, fill=1)
        y = top
        sizes = iter(self._sizes)
        if self.heading:
            head_h = next(sizes) + 2 * self.pad
            if self.band:
                canvas.setFillColor(HexColor(self.band))
                canvas.roundRect(x, top - head_h, width, head_h, 3, stroke=0, fill=1)
            self.heading.drawOn(canvas, x + self.pad, top - head_h + self.pad)
            y -= head_h
        y -= self.pad
        for flowable, h in zip(self.body, sizes, strict=True):
            flowable.drawOn(canvas, x + self.pad, y - h)
            y -= h + self.gap

    def split(self, width: float, room: float, least: int = 1) -> tuple[Block, Block] | None:
        """The block cut in two so that the first part fits `room` at `width`, with at
        least `least` items on each side and sub-points kept with their point; None if no
        cut does. (A card of two or three points under other blocks moves whole rather
        than leave one point at a page's foot and one under 'continued': cut at one item
        only where that saves a page: summary_places.place.)"""
        if self.pieces is not None:
            return self.pieces.split(width, room, least)
        self.measure(width)
        body = self._sizes[1 if self.heading else 0 :]
        used = (self._sizes[0] + 2 * self.pad if self.heading else 0) + 2 * self.pad
        best: int | None = None
        for count in range(1, len(body)):
            used += body[count - 1] + (self.gap if count > 1 else 0)
            if used > room:
                break
            if least <= count <= len(body) - least and self._may_start(count):
                best = count
        if best is None:
            return None
        first = self._part(self.body[:best], self.heading, 0)
        rest = self._part(self.body[best:], self.continued or self.heading, best)
        # The parts' items were measured at this width already: measuring them again
        # for each cut of a long block took time as the square of its length.
        heading = self._sizes[:1] if self.heading else []
        first._settle(width, heading + body[:best])
        if rest.heading is not None and rest.heading is not self.heading:
            heading = [rest.heading.wrap(width - 2 * self.pad, 1e6)[1]]
        rest._settle(width, heading + body[best:])
        return first, rest

    def uncut(self, width: float, room: float) -> Block | None:
        """None when the block, cut as often as it needs, runs on in parts that each fit
        `room` at `width`; else the first part that no cut brings down to `room` (one point,
        term or event taller than that on its own)."""
        part: Block = self
        while part.measure(width) > room:
            parts = part.split(width, room)
            if parts is None:
                return part
            part = parts[1]
        return None

    def _may_start(self, index: int) -> bool:
        return self.starts is None or index in self.starts

    def _part(self, body: list[Flowable], heading: Paragraph | None, offset: int) -> Block:
        starts = (
            None
            if self.starts is None
            else frozenset(i - offset for i in self.starts if 0 <= i - offset < len(body))
        )
        return Block(
            body,
            heading,
            self.fill,
            self.band,
            self.pad,
            self.gap,
            self.name,
            self.mark,
            self.continued,
            starts,
            self.aside,
            None,
            self.shorten,
            self.item,
            self.marks[offset : offset + len(body)],
        )

    def _parts(self) -> list[Flowable]:
        return ([self.heading] if self.heading else []) + self.body


BULLET = "•"
SUB_BULLET = "–"
PICTURE_CAP = 12.0
"""A picture is at most this many times the body type size tall: it shrinks with the type
when a sheet is fitted, so the fit accounts for it."""
BREAKABLE = 0.75
"""A word wider than this share of a column is one that may have to break to fit: it
breaks at its hyphenation points (narrower words move to the next line whole)."""


def _point_starts(points: tuple[Point, ...]) -> frozenset[int]:
    """The body items (as `Builder.points` lays them out) where a point begins: a block
    may be cut only there, so sub-points stay with their point."""
    starts: list[int] = []
    index = 0
    for point in points:
        starts.append(index)
        index += 1 + len(point.points)
    return frozenset(starts)


def _marks(block: Factor | Section) -> tuple[Mark, ...]:
    """Where each body item of a factor or section (as `Builder.points` and
    `Builder.picture` lay them out) starts in the source."""
    marks: list[Mark] = []
    for point in block.points:
        marks += [point.text.mark, *(sub.mark for sub in point.points)]
    return (*marks, block.image.mark) if block.image else tuple(marks)


def _bulleted(
    name: str,
    bullet: str,
    size: float,
    bullet_indent: float,
    layout: Layout,
    **extra: Unpack[Hyphenation],
) -> ParagraphStyle:
    # reportlab pushes a bullet's first line right when bullet + 0.6 em passes the indent;
    # an indent of exactly that lines every line of a point up under the first.
    fonts.register(italic=False)
    indent = bullet_indent + stringWidth(bullet, fonts.FACES[False, False], size) + size * 0.6
    return style(name, size, layout, leftIndent=indent, bulletIndent=bullet_indent, **extra)


class Builder:
    """Makes the sheet's paragraphs and blocks at one body size."""

    def __init__(
        self, layout: Layout, size: float, labels: Labels | None = None, column: float | None = None
    ):
        self.layout = layout
        self.size = size
        self.labels = labels or load_labels()
        """The fixed words, in the source's language."""
        colours = layout.colours
        self.options = of_kind(layout.options, Options)
        """The layout's summary options."""
        self.italics = self.options.italics
        self.scripts = script_share(layout.font, SCRIPT_SHARE)
        """A sub- or superscript's size as a share of its text's (more in large print)."""
        self.key = colours.key_term
        self.hyphenator = Hyphenator(self.labels.language)
        self.limit = BREAKABLE * (column or layout.page.width - 2 * layout.page.margin)
        self.body = style("body", size, layout, **self.breaks(size))
        self.bullet = _bulleted("bullet", BULLET, size, 0, layout, **self.breaks(size))
        sub_size = self.scaled(0.95)
        self.sub = _bulleted(
            "sub", SUB_BULLET, sub_size, self.bullet.leftIndent, layout, **self.breaks(sub_size)
        )
        self.band_head = style(
            "band", size * 1.1, layout, colour="#FFFFFF", bold=True, **self.breaks(size * 1.1)
        )
        self.head = style(
            "head", size * 1.1, layout, colour=colours.accent, bold=True, **self.breaks(size * 1.1)
        )

    def heading(self, text: Text, size: float) -> Text:
        """`text` with its last two words kept together (typography.heading_spaces) when,
        set bold at `size`, they are no wider than the words that may have to break
        (BREAKABLE of a column): wider, they could only be cut between letters."""
        face = fonts.FACES[True, False]
        return heading_spaces(text, lambda words: stringWidth(words, face, size) <= self.limit)

    def breaks(self, size: float) -> Hyphenation:
        """Style settings that break a too-long word at `size` where the language allows."""
        return hyphenation(self.hyphenator, self.limit, size, bold=True)

    def continued(self, heading: str) -> str:
        """The heading of a block's second part: 'Timeline (continued)'."""
        return self.labels("continued", heading=heading)

    def scaled(self, factor: float) -> float:
        """`factor` times the body size, but never below the layout's smallest size."""
        return max(self.size * factor, self.layout.font.min_size)

    def markup(self, text: Text | str, bold: bool = False, keys: bool = True) -> str:
        """`text` as paragraph markup in the layout's italics and scripts (its key terms
        highlighted unless not `keys`)."""
        return paragraph_markup(
            text,
            italics=self.italics,
            key_colour=self.key if keys else None,
            bold=bold,
            scripts=self.scripts,
        )

    def para(
        self, text: Text | str, st: ParagraphStyle | None = None, bold: bool = False
    ) -> Paragraph:
        """A paragraph of model text (a number kept with its unit)."""
        if isinstance(text, Text):
            text = unit_spaces(text)
        return Paragraph(
            self.markup(text, bold=bold),
            st or self.body,
        )

    def picture(self, block: Factor | Section) -> list[Flowable]:
        """The block's picture under its points, or nothing."""
        return [Picture(block.image, self.size * PICTURE_CAP)] if block.image else []

    def points(self, points: tuple[Point, ...]) -> list[Flowable]:
        """Bulleted points with their sub-points."""
        out: list[Flowable] = []
        for point in points:
            out.append(
                Paragraph(
                    self.markup(unit_spaces(point.text)),
                    self.bullet,
                    bulletText=BULLET,
                )
            )
            out += [
                Paragraph(
                    self.markup(unit_spaces(sub)),
                    self.sub,
                    bulletText=SUB_BULLET,
                )
                for sub in point.points
            ]
        return out

    def factor(self, number: int, factor: Factor) -> Block:
        """A factor: numbered title on an accent band, points on a tinted box."""
        # (The number and the title are two words, the title kept with it where its first
        # word fits beside it: as one word, '2\u00a0\u00a0Bündnissystemverpflichtungen'
        # could break only between letters, 'verpflichtunge' / 'n'.)
        title = f"{number}&nbsp; " + self.markup(
            self.heading(factor.title, self.size * 1.1), bold=True, keys=False
        )
        return Block(
            self.points(factor.points) + self.picture(factor),
            heading=Paragraph(title, self.band_head),
            fill=self.layout.colours.box,
            band=self.layout.colours.accent,
            pad=self.size * 0.45,
            name=f"factor '{factor.title.plain}'",
            mark=factor.mark,
            continued=Paragraph(self.continued(title), self.band_head),
            starts=_point_starts(factor.points),
            marks=_marks(factor),
            shorten="shorten its points or split it into two factors",
        )

    def section(self, section: Section) -> Block:
        """A section: accent heading, points, no box."""
        title = self.markup(self.heading(section.title, self.size * 1.1), bold=True)
        return Block(
            self.points(section.points) + self.picture(section),
            heading=Paragraph(title, self.head),
            pad=self.size * 0.3,
            name=f"section '{section.title.plain}'",
            mark=section.mark,
            continued=Paragraph(self.continued(title), self.head),
            starts=_point_starts(section.points),
            marks=_marks(section),
            shorten="shorten its points or split it into two sections",
        )

    def terms(self, source: Source) -> Block:
        """The glossary as 'term: meaning' lines."""
        lines = [
            Paragraph(
                self.markup(t.term, bold=True, keys=False)
                + "&nbsp;– "
                + self.markup(unit_spaces(t.meaning)),
                self.body,
            )
            for t in source.terms
        ]
        return self._aside(
            "key_terms",
            lines,
            fill=self.layout.colours.box,
            pad=self.size * 0.45,
            gap=self.size * 0.2,
            name="the key terms box",
            mark=source.terms[0].mark,
            shorten="shorten some meanings or leave out the terms least needed",
            item="term",
            marks=tuple(t.mark for t in source.terms),
        )

    def _aside(self, label: str, body: list[Flowable], **fields: Any) -> Block:
        """A reference box (the key terms, the timeline): `body` under the heading the
        label `label` gives, which a part after a cut repeats marked "continued"."""
        heading = self.labels(label)
        return Block(
            body,
            heading=self.para(heading, self.head, bold=True),
            continued=self.para(self.continued(heading), self.head, bold=True),
            aside=True,
            **fields,
        )

    def timeline(self, source: Source, width: float) -> Block:
        """The timeline as a two-column table (when, what) for a block `width` wide; one
        table per event where blocks may split, so it can break between events (elsewhere
        one table, with the per-event form as its `pieces` should it have to run on)."""
        pad = self.size * 0.3
        when_w = self._when_width(source, width - 2 * pad)
        widths = [when_w, width - 2 * pad - when_w]
        # Each cell breaks a word that is too wide for the cell itself; a date's word only
        # when wider than its whole cell ('20 Septem-' / 'ber 1066' broke a month that fits
        # on a line of its own: dates are what students learn from the timeline).
        when_st, what_st = (
            style(
                f"cell{i}",
                self.size,
                self.layout,
                **hyphenation(
                    self.hyphenator,
                    (1.0 if i == 0 else BREAKABLE) * (w - self.size * 0.5),
                    self.size,
                    bold=True,
                ),
            )
            for i, w in enumerate(widths)
        )

        def block(one_per_event: bool) -> Block:
            rows = [
                [self.para(date_spaces(e.when), when_st, bold=True), self.para(e.what, what_st)]
                for e in source.timeline
            ]
            groups = [[row] for row in rows] if one_per_event else [rows]
            tables = [
                self._timeline_table(group, widths, last=index == len(groups) - 1)
                for index, group in enumerate(groups)
            ]
            return self._aside(
                "timeline",
                tables,
                pad=pad,
                gap=0.0 if len(tables) > 1 else 2.0,
                name="the timeline",
                mark=source.timeline[0].mark,
                shorten="shorten some events or leave out the least needed",
                item="event",
                marks=tuple(e.mark for e in source.timeline) if one_per_event else (),
            )

        if self.options.split_blocks:
            return block(True)
        whole = block(False)
        if self.options.max_pages > 1 and len(source.timeline) > 1:
            whole.pieces = block(True)
        return whole

    def _timeline_table(
        self, rows: list[list[Paragraph]], widths: list[float], last: bool
    ) -> Table:
        table = Table(rows, colWidths=widths)
        table.setStyle(
            TableStyle(
                [
                    # A table sets its cells' default font even when every cell is a paragraph;
                    # left as Helvetica, that font would land in the PDF unembedded.
                    ("FONT", (0, 0), (-1, -1), fonts.FACES[False, False], self.size),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), self.size * 0.5),
                    ("TOPPADDING", (0, 0), (-1, -1), self.size * 0.1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.size * 0.1),
                    (
                        "LINEBELOW",
                        (0, 0),
                        (-1, -1 if not last else -2),
                        0.4,
                        HexColor(self.layout.colours.muted),
                    ),
                ]
            )
        )
        return table

    def _when_width(self, source: Source, inner: float) -> float:
        # Wide enough for the longest date on one line where that takes at most 40% of the
        # block, and always for its longest word, so "November" never breaks mid-word.
        gutter = self.size * 0.5
        bold = fonts.FACES[True, False]

        def width(text: str) -> float:
            wide: float = stringWidth(text, bold, self.size)
            return wide + gutter + 1

        # (measured as `para` prints them: '17–18 de julio' is one word, its '18 de' kept
        # together as a number with a short word after it, and broke as 'juli' / 'o')
        whens = [unit_spaces(date_spaces(e.when)).plain for e in source.timeline]
        whole = max(width(w) for w in whens)
        # (words split at spaces only: a no-break space holds 'Scene 1' together)
        word = max(width(part) for w in whens for part in w.split(" ") or [w])
        return max(self.size * 3, min(whole, inner * 0.4), min(word, inner * 0.5))

    def question(self, question: Text) -> Block:
        """The key question, prominent, on an accent-edged box."""
        label = Paragraph(
            paragraph_markup(self.labels("key_question").upper()),
            style(
                "label", self.scaled(0.8), self.layout, colour=self.layout.colours.accent, bold=True
            ),
        )
        text = Paragraph(
            self.markup(heading_spaces(question), bold=True),
            style("question", self.size * 1.35, self.layout, **self.breaks(self.size * 1.35)),
        )
        return Block(
            [label, text], fill=self.layout.colours.box, pad=self.size * 0.6, gap=self.size * 0.15
        )
