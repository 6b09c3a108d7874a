"""The summary sheet: header, key question, then blocks flowed into balanced columns.

The type starts at the layout's size (or its max_size, so a short topic fills its page in
larger type) and shrinks in quarter points until the blocks fit
on `max_pages` pages; at `min_size` a sheet that still does not fit is an error that says
by how much. Blocks are placed whole, as cards, unless the layout's `split_blocks` lets a
long one run on into the next column or page between two points, or a block is taller
than a whole column of a sheet that may run to several pages (summary_places).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from revpack import fonts
from revpack.dates import in_language
from revpack.labels import Labels, class_and_teacher
from revpack.loading.layouts import Layout
from revpack.loading.typography import heading_spaces
from revpack.memo import Memo
from revpack.model import Audience, Factor, Section, Source, Text
from revpack.options import of_kind
from revpack.options.summary import Options
from revpack.problems import Mark, RenderError
from revpack.writers import Output
from revpack.writers.pdf.replay import Drawing, draw_once
from revpack.writers.pdf.serialise import save
from revpack.writers.pdf.subsets import embed, reserve_source
from revpack.writers.pdf.summary_blocks import Block, Builder
from revpack.writers.pdf.summary_places import Placement, Room, place
from revpack.writers.pdf.text import (
    SMALL,
    labels_for,
    new_canvas,
    paint_paper,
    paragraph_markup,
    prepare,
    small_by_choice,
    style,
)
from revpack.writers.pdf.text import notes as text_notes

__all__ = ["fit", "notes", "prepare", "printed_size", "render"]  # notes: what the build prints

STEP = 0.25
"""How much the body type shrinks per try, in points."""
FOOTER_SIZE = 7.0
"""Footer type size in points (raised to the layout's min_size: large print stays large)."""


Frame = tuple[float, float]
"""The header's height and the height left above the footer, at one size."""


SPACING = 0.8
"""The space below each block, as a multiple of the type size."""
TIGHT_SPACING = 0.35
"""The space below each block of a sheet placed again to save a near-empty last page."""
LAST_PAGE_SHARE = 1 / 3
"""A last page whose blocks take less than this share of its height is worth saving."""


@dataclass(frozen=True)
class LastFit:
    """Where the type size search for a source and layout ended."""

    index: int
    """The index of the size that fitted."""
    above: Frame | None
    """The frame one size up, which did not fit (None: there is no size up)."""


@dataclass
class SummaryPlan:
    """Everything decided before drawing: the size and where each block goes."""

    size: float
    header: list[Block]
    """Full-width blocks at the top of page 1."""
    placed: list[Placement]
    """The body's blocks, in reading order."""
    pages: int
    column_width: float
    frame: Frame
    """The header's height and the height left above the footer."""
    fill: float = 1.0
    """Room the blocks take, as a fraction of the room there is (guides the next try)."""
    spacing: float = SPACING
    """The space below each block of the body, as a multiple of the type size."""


@dataclass
class Misfit:
    """Why a sheet does not fit at one size."""

    overflow: float
    """Extra space needed, as a fraction of the space there is."""
    block: Block | None = None
    """A block taller than a whole page column, which no number of pages can hold."""
    why: str = ""
    """Why `block` cannot be shown as it is and what to do about it (a sentence)."""
    item: str = ""
    """When only one item of `block` (a point, term or event) is too tall, what its items
    are called; empty when the block is too tall as a whole."""
    mark: Mark | None = None
    """Where that item starts in the source (None: where `block` does)."""


def _too_tall_block(block: Block, room: Room, full: float) -> Misfit | None:
    """Why a block taller than a whole column (`full` high) does not fit, or None if it
    can run on into the next columns."""
    if not room.must_cut(block):
        return Misfit(
            block.measure(room.column) / full - 1,
            block,
            f"On a one-page layout a block is kept whole, so {block.shorten}, or use a "
            "layout that allows more pages (one with 'options: {max_pages: 2}'), where a "
            "block taller than a column runs on into the next one",
        )
    uncut = block.uncut(room.column, full)
    if uncut is None:
        return None
    return Misfit(
        uncut.measure(room.column) / full - 1,
        block,
        item=block.item,
        mark=uncut.marks[0] if uncut.marks else None,
    )


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What the build tells the teacher of the sheet: what any PDF says (right-to-left
    text), and (once it is laid out, in the process that laid it out) that it is set in
    type smaller than SMALL to fit."""
    said = text_notes(source, layout)
    known = LAST_FIT.peek((source, layout))
    if known is None:
        return said
    sizes = _layout_sizes(layout)
    size = sizes[min(known.index, len(sizes) - 1)]
    if size >= SMALL:
        return said
    if known.index == 0:  # the largest the layout allows: its own choice, not shrunk to fit
        return (*said, small_by_choice(layout.size_mark or source.path, layout, size))
    return (
        *said,
        f"{source.path}: {layout.name} is set in {size:g} pt type to fit on "
        f"{_pages(layout)}; shorten some points for larger type, or use a layout with more "
        "pages (summary-large-print)",
    )


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The summary sheet PDF for `source`."""
    plan = fit(source, layout, audience)
    return [Output("", "pdf", draw(plan, source, layout, audience))]


def printed_size(source: Source, layout: Layout, audience: Audience) -> float:
    """The body type size, in points, at which the sheet fits on its pages (the smallest
    the layout allows when even that does not fit): the HTML page prints in it, so that
    it takes as many pages on paper as this sheet."""
    try:
        return fit(source, layout, audience).size
    except RenderError:
        return _layout_sizes(layout)[-1]


def fit(source: Source, layout: Layout, audience: Audience) -> SummaryPlan:
    """The largest type size whose blocks fit on the allowed pages; RenderError if none.

    A sheet of several pages whose last page would hold only a line or two is placed
    again at that size with less space between its blocks, and placed so when that saves
    the page."""
    plan = _largest(source, layout, audience)
    if plan.pages == 1 or _last_page_share(plan) >= LAST_PAGE_SHARE:
        return plan
    tight = _plan(source, layout, audience, plan.size, TIGHT_SPACING)
    return tight if isinstance(tight, SummaryPlan) and tight.pages < plan.pages else plan


def _last_page_share(plan: SummaryPlan) -> float:
    """How much of the last page's height its blocks take."""
    last = plan.pages - 1
    used = max(
        (p.offset + p.block.measure(plan.column_width) for p in plan.placed if p.page == last),
        default=0.0,
    )
    return used / plan.frame[1]


def _largest(source: Source, layout: Layout, audience: Audience) -> SummaryPlan:
    """The plan at the largest type size whose blocks fit; RenderError if none."""
    fonts.register(italic=source.uses_italic)
    known = LAST_FIT.peek((source, layout))
    if known is None:  # (a source and layout that fitted once are not hopeless)
        _refuse_hopeless(source, layout)
    sizes = _layout_sizes(layout)
    tried: dict[int, SummaryPlan | Misfit] = {}

    def attempt(index: int) -> SummaryPlan | Misfit:
        if index not in tried:
            tried[index] = _plan(source, layout, audience, sizes[index])
        return tried[index]

    # Heights fall as the type shrinks. Each misfit says how much room is missing; text area
    # grows with about the square of the size, but blocks kept whole leave columns part
    # empty, so the room needed falls more slowly than that (an exponent of 0.65 fits the
    # sheets measured better than 0.5). Then step to the boundary between the largest
    # fitting size and the smallest failing one.
    # A pack renders the same source and layout for class after class, and only the
    # header's class line differs: start where the last one ended, and when the frame
    # (header and footer) one size up is as it was then, that size still does not fit.
    last = _index_of(sizes, _first_guess(source, layout)) if known is None else known.index
    above = None if known is None else known.above
    if above is not None and _frame(source, layout, audience, sizes[last - 1]) == above:
        result = attempt(last)
        if isinstance(result, SummaryPlan):
            return result
    index, failed, fitted = last, -1, None
    plan: SummaryPlan | None = None  # the plan at `fitted`
    while 0 <= index < len(sizes) and (fitted is None or fitted - failed > 1):
        result = attempt(index)
        if isinstance(result, SummaryPlan):
            fitted, plan = index, result
            guess = _index_of(sizes, sizes[index] / max(result.fill, 0.01) ** 0.65)
            index = max(min(guess, index - 1), failed + 1)
            if index >= fitted:
                break
        else:
            failed = index
            guess = _index_of(sizes, sizes[index] / (1 + result.overflow) ** 0.65)
            index = max(guess, index + 1)
            if fitted is not None:
                index = min(index, fitted - 1)
    if fitted is not None and plan is not None:
        LAST_FIT.put(
            (source, layout),
            LastFit(
                fitted, _frame(source, layout, audience, sizes[fitted - 1]) if fitted else None
            ),
        )
        return plan
    misfit = attempt(len(sizes) - 1)
    assert isinstance(misfit, Misfit)  # the search ends there when no size fits
    if misfit.block is not None:
        raise RenderError(
            _too_tall(layout, sizes[-1], misfit.block, misfit), misfit.mark or misfit.block.mark
        )
    raise RenderError(_too_long(layout, sizes[-1], misfit.overflow), _longest_point(source))


LAST_FIT: Memo[LastFit] = Memo("summary fits", 64)
"""Per (source, layout): the size index that last fitted, and the frame one size up, where
it did not fit."""


DENSITY = 2.35
"""Page area per unit of text (its width at 1 pt times line height) on the densest sheets
measured: a first guess at the size from how much text there is comes out at or just
above the size that fits, so a dense sheet is often placed in two tries, not three."""


def _first_guess(source: Source, layout: Layout) -> float:
    """A type size to try first: where the source's text would just fill the pages."""
    page, options = layout.page, of_kind(layout.options, Options)
    room = (page.width - 2 * page.margin) * (page.height - 2 * page.margin) * options.max_pages
    text: float = sum(
        stringWidth(t.plain, fonts.FACES[False, False], 1.0) for t in source.all_texts()
    )
    guess: float = (room / (max(text, 1.0) * layout.font.line_spacing * DENSITY)) ** 0.5
    return guess


def _refuse_hopeless(source: Source, layout: Layout) -> None:
    """RenderError at once when the printed text alone, set solid at the smallest size
    (every line full, no headings, gaps or padding), needs more room than the pages have.

    That much text never fits, and the search would take long to say so on a huge source;
    the estimate is a lower bound, so a sheet that would fit is never refused by it.
    """
    page, least, options = layout.page, layout.font.min_size, of_kind(layout.options, Options)
    room = (page.width - 2 * page.margin) * (page.height - 2 * page.margin) * options.max_pages
    ink = (
        sum(
            stringWidth(t.plain, fonts.FACES[False, False], least)
            for t in _printed_texts(source, options.blocks)
        )
        * least
        * layout.font.line_spacing
    )
    if ink > room:
        raise RenderError(_too_long(layout, least, ink / room - 1), _longest_point(source))


def _printed_texts(source: Source, blocks: tuple[str, ...]) -> Iterator[Text]:
    """The texts a summary prints with these blocks (all but the footer's)."""
    yield from filter(None, (source.title, source.question))
    if "intro" in blocks and source.intro:
        yield source.intro
    titled: tuple[Factor | Section, ...] = (
        *(source.factors if "factors" in blocks else ()),
        *(source.sections if "sections" in blocks else ()),
    )
    for block in titled:
        yield block.title
        for point in block.points:
            yield point.text
            yield from point.points
    for term in source.terms if "terms" in blocks else ():
        yield from (term.term, term.meaning)
    for event in source.timeline if "timeline" in blocks else ():
        yield from (event.when, event.what)


def _index_of(sizes: list[float], size: float) -> int:
    """The index of the largest listed size at or below `size` (the last if none is)."""
    for index, listed in enumerate(sizes):
        if listed <= size + 1e-9:
            return index
    return len(sizes) - 1


def _layout_sizes(layout: Layout) -> list[float]:
    """The type sizes `layout`'s summary is tried at, largest first."""
    return _sizes(max(layout.font.max_size or 0, layout.font.size), layout.font.min_size)


def _sizes(start: float, stop: float) -> list[float]:
    count = int(round((start - stop) / STEP))
    return [start - i * STEP for i in range(count + 1)] or [start]


def _plan(
    source: Source, layout: Layout, audience: Audience, size: float, spacing: float = SPACING
) -> SummaryPlan | Misfit:
    """A SummaryPlan at `size` with `spacing` (times the size) below each block of the
    body, or why the content does not fit."""
    page, options = layout.page, of_kind(layout.options, Options)
    width = page.width - 2 * page.margin
    gutter = size * 1.4
    column = (width - gutter * (options.columns - 1)) / options.columns
    build = Builder(layout, size, labels_for(source, layout), column)
    header = _header(build, source, audience, layout)
    header_h, full = _frame_of(
        header, width, size * SPACING, layout, source, audience, build.labels
    )
    gap = size * spacing
    # The body is the same for every class and student (only the header's class line
    # differs): its blocks, their heights and, under a header of the same height, where
    # they go are made once per source, layout and size.
    # Blocks hold reportlab flowables, which are not safe to draw from two threads at once
    # (a build on a thread pool): each thread has its own.
    thread = threading.get_ident()
    blocks, heights = BODIES.get(
        (thread, source, layout, size), lambda: _measured(_blocks(build, source, column), column)
    )
    if header_h > full:  # the header is never split either; it must fit on page 1
        longest = source.intro or source.question or source.title
        return Misfit(
            header_h / full - 1,
            Block([], name="the heading (title, key question and intro)", mark=longest.mark),
            "The heading is never split, so shorten the intro or the key question",
        )
    columns = Room(
        column,
        gap,
        [full - header_h] + [full] * (options.max_pages - 1),
        options.columns,
        options.split_blocks,
    )
    placed = PLACES.get(
        (thread, source, layout, size, spacing, header_h, full), lambda: place(blocks, columns)
    )
    # The header spans every column, so it takes its height from each of them.
    needed = header_h * options.columns + sum(heights) + gap * len(heights)
    room = full * options.max_pages * options.columns
    if placed is None:
        # A block taller than a page column is the one to shorten, unless it can run on.
        tall = sorted((h, i) for i, h in enumerate(heights) if h > full)
        for _, index in reversed(tall):
            misfit = _too_tall_block(blocks[index], columns, full)
            if misfit is not None:
                return misfit
        return Misfit(max(needed / room - 1, 0.01))
    return SummaryPlan(
        size,
        header,
        placed,
        max((p.page for p in placed), default=0) + 1,
        column,
        (header_h, full),
        needed / room,
        spacing,
    )


BODIES: Memo[tuple[list[Block], list[float]]] = Memo("summary bodies", 32)
"""Per (thread, source, layout, size): the body's blocks and their heights in a column."""
PLACES: Memo[list[Placement] | None] = Memo("summary placements", 64)
"""Per (thread, source, layout, size, spacing, header height, page height): where the
body's blocks go."""


def _measured(blocks: list[Block], column: float) -> tuple[list[Block], list[float]]:
    return blocks, [b.measure(column) for b in blocks]


def _frame(source: Source, layout: Layout, audience: Audience, size: float) -> Frame:
    """(header height, height left above the footer) at `size`."""
    width = layout.page.width - 2 * layout.page.margin
    build = Builder(layout, size, labels_for(source, layout))
    header = _header(build, source, audience, layout)
    return _frame_of(header, width, size * SPACING, layout, source, audience, build.labels)


def _frame_of(
    header: list[Block],
    width: float,
    gap: float,
    layout: Layout,
    source: Source,
    audience: Audience,
    labels: Labels,
) -> Frame:
    page = layout.page
    return (
        sum(b.measure(width) for b in header) + gap * len(header),
        page.height - 2 * page.margin - _footer_height(layout, source, audience, labels),
    )


def _header(build: Builder, source: Source, audience: Audience, layout: Layout) -> list[Block]:
    scale = _title_scale(source.title.plain)
    title = Paragraph(
        build.markup(heading_spaces(source.title), bold=True, keys=False),
        style(
            "title",
            build.size * scale,
            layout,
            colour=layout.colours.accent,
            leading=build.size * scale * 1.175,
        ),
    )
    parts = [t.plain for t in (source.subject, source.course) if t]
    parts += class_and_teacher(build.labels, audience.class_name, audience.teacher)
    lines = [title]
    if parts:
        text = " · ".join(parts)
        lines.append(
            Paragraph(
                paragraph_markup(text),
                style("meta", build.scaled(0.95), layout, colour=layout.colours.muted),
            )
        )
    header = [Block(lines, pad=0, gap=build.size * 0.2)]
    if source.question:
        header.append(build.question(source.question))
    if source.intro and "intro" in build.options.blocks:
        header.append(Block([build.para(source.intro)], pad=0))
    return header


TITLE_CHARS = 60
"""Titles up to this long are set at twice the body size; longer ones smaller, down to 1.2
times it, so a very long title takes a few lines, not half the page."""


def _title_scale(title: str) -> float:
    """The title's size as a multiple of the body size."""
    shrink: float = (TITLE_CHARS / max(len(title), 1)) ** 0.5
    return max(1.2, min(2.0, 2.0 * shrink))


def _blocks(build: Builder, source: Source, column: float) -> list[Block]:
    blocks: list[Block] = []
    for part in build.options.blocks:
        if part == "factors":
            blocks += [build.factor(i, f) for i, f in enumerate(source.factors, 1)]
        elif part == "sections":
            blocks += [build.section(s) for s in source.sections]
        elif part == "terms" and source.terms:
            blocks.append(build.terms(source))
        elif part == "timeline" and source.timeline:
            blocks.append(build.timeline(source, column))
    return blocks


def draw(plan: SummaryPlan, source: Source, layout: Layout, audience: Audience) -> bytes:
    """Draw a planned sheet and return the PDF's bytes."""
    canvas, buffer = new_canvas(source, layout, audience)
    labels = labels_for(source, layout)
    reserve_source(canvas._doc, source, labels)
    page = layout.page
    width = page.width - 2 * page.margin
    top = page.height - page.margin
    for number in range(plan.pages):
        paint_paper(canvas, layout)
        column_top = top
        if number == 0:
            gap = plan.size * SPACING
            for block in plan.header:
                block.draw(canvas, page.margin, column_top, width)
                column_top -= block.measure(width) + gap
            _rule(canvas, layout, column_top + gap * 0.5, width)
        # The body is the same for every class: drawn once, written again for the next.
        draw_once(
            canvas,
            DRAWN,
            (source, layout, plan.size, plan.spacing, plan.frame, number),
            partial(_body, canvas, plan, number, column_top, layout),
        )
        _footer(canvas, layout, source, audience, number + 1, plan.pages, labels)
        canvas.showPage()
    embed(canvas._doc)
    save(canvas)  # as canvas.save() writes it, faster
    return buffer.getvalue()


DRAWN: Memo[Drawing | None] = Memo("summary bodies drawn", 64)
"""Per (source, layout, size, spacing, frame, page): the body's operators on that page."""


def _body(canvas: Canvas, plan: SummaryPlan, number: int, top: float, layout: Layout) -> None:
    gutter = plan.size * 1.4
    for placement in plan.placed:
        if placement.page == number:
            x = layout.page.margin + placement.column * (plan.column_width + gutter)
            placement.block.draw(canvas, x, top - placement.offset, plan.column_width)


def _rule(canvas: Canvas, layout: Layout, y: float, width: float) -> None:
    canvas.setStrokeColor(HexColor(layout.colours.accent))
    canvas.setLineWidth(0.8)
    canvas.line(layout.page.margin, y, layout.page.margin + width, y)


def _footer_parts(
    layout: Layout, source: Source, audience: Audience, number: int, pages: int, labels: Labels
) -> list[tuple[Paragraph, float]]:
    """The footer's paragraphs, each wrapped at its width: (paragraph, height)."""
    # (a class's name and the date never break inside: '28. Mai' / '2026' did in large print)
    whole = [
        part.replace(" ", "\u00a0")
        for part in (audience.class_name, in_language(audience.date, labels))
        if part
    ]
    left = " · ".join([_shortened(source.title.plain), *whole])
    right = labels("page", page=number, pages=pages) if pages > 1 else ""
    width = layout.page.width - 2 * layout.page.margin
    size = max(FOOTER_SIZE, layout.font.min_size)
    parts: list[tuple[Paragraph, float]] = []
    for text, align in ((left, 0), (right, 2)):
        if text:
            look = style(
                f"footer{align}",
                size,
                layout,
                colour=layout.colours.muted,
                alignment=align,
                leading=size * 1.2,
            )
            para = Paragraph(paragraph_markup(text), look)
            room = width if align else _title_room(width, pages, labels, look.fontName, size)
            parts.append((para, para.wrap(room, 1e6)[1]))
    return parts


def _title_room(width: float, pages: int, labels: Labels, face: str, size: float) -> float:
    """The footer's width left to the title beside the page number: all of it but the
    widest page number and a gap (the same on every page, so that the title wraps alike
    on each), and never less than half."""
    if pages <= 1:
        return width
    widest: float = stringWidth(labels("page", page=pages, pages=pages), face, size)
    return max(width / 2, width - widest - 2 * size)


FOOTER_TITLE = 80
"""The most characters of the title the footer repeats (a longer one is cut at a word)."""


def _shortened(title: str) -> str:
    if len(title) <= FOOTER_TITLE:
        return title
    cut = title[: FOOTER_TITLE - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > FOOTER_TITLE // 2 else cut).rstrip() + "…"


def _footer_height(layout: Layout, source: Source, audience: Audience, labels: Labels) -> float:
    """Room kept free above the bottom margin for the footer and a gap over it."""
    parts = _footer_parts(layout, source, audience, 99, 99, labels)
    tallest = max((h for _, h in parts), default=0.0)
    return tallest + _footer_lift(layout) + max(FOOTER_SIZE, layout.font.min_size) * 0.8


def _footer_lift(layout: Layout) -> float:
    # Descenders reach a little below a paragraph's box; lift it so they stay off the margin.
    return max(FOOTER_SIZE, layout.font.min_size) * 0.1


def _footer(
    canvas: Canvas,
    layout: Layout,
    source: Source,
    audience: Audience,
    number: int,
    pages: int,
    labels: Labels,
) -> None:
    for para, _height in _footer_parts(layout, source, audience, number, pages, labels):
        para.drawOn(canvas, layout.page.margin, layout.page.margin + _footer_lift(layout))


def _longest_point(source: Source) -> Mark:
    """Where the source's longest point (with its sub-points) is written, where a sheet
    too long is reported: the first place to shorten (the file's start if it has none)."""
    blocks: tuple[Factor | Section, ...] = (*source.factors, *source.sections)
    points = [point for block in blocks for point in block.points]
    if not points:
        return Mark(source.path, 1, 1)
    longest = max(points, key=lambda p: sum(len(t.plain) for t in (p.text, *p.points)))
    return longest.text.mark


def _pages(layout: Layout) -> str:
    """The pages `layout` allows, as a message says them: 'one page', '2 pages'."""
    pages = of_kind(layout.options, Options).max_pages
    return "one page" if pages == 1 else f"{pages} pages"


def _too_long(layout: Layout, size: float, overflow: float) -> str:
    pages = of_kind(layout.options, Options).max_pages
    where = _pages(layout)
    more = (
        "a layout that allows more pages (one with 'options: {max_pages: 2}')"
        if pages == 1
        else "a layout with a larger 'options: {max_pages: …}'"
    )
    return (
        f"does not fit on {where} with layout '{layout.name}', even at the smallest "
        f"type size ({size:g} pt): about {overflow:.0%} too much. Shorten some points "
        f"(the longest is here), split the source into two topics, or use {more}"
    )


def _too_tall(layout: Layout, size: float, block: Block, misfit: Misfit) -> str:
    where = (
        f"a whole page column with layout '{layout.name}', even at the smallest type size "
        f"({size:g} pt): about {misfit.overflow:.0%} too tall"
    )
    if misfit.item:
        return (
            f"{block.name} runs on into the next column only between two {misfit.item}s, "
            f"and one {misfit.item} (under the heading) is taller than {where}. Shorten "
            f"that {misfit.item}"
        )
    return f"{block.name} is taller than {where}. {misfit.why}"
