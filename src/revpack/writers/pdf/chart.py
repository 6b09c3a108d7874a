"""The factor chart PDF: draws the geometry that revpack.chart.geometry plans.

All placement is decided there (and tested as numbers); this module only measures text for
it with reportlab and paints boxes, lines and runs of text where it is told.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.chart.geometry import Box, ChartGeometry, chart_geometry
from revpack.chart.paths import BRIDGE
from revpack.chart.text import ASCENT, DESCENT, SCRIPT_RISE, SCRIPT_SCALE, Line
from revpack.labels import borrowed
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Audience, Source
from revpack.options import of_kind
from revpack.options.chart import Options
from revpack.writers import Output
from revpack.writers.pdf.replay import Drawing, draw_once
from revpack.writers.pdf.serialise import save
from revpack.writers.pdf.subsets import embed, reserve_source
from revpack.writers.pdf.text import (
    SMALL,
    labels_for,
    new_canvas,
    paint_paper,
    prepare,
    small_by_choice,
)
from revpack.writers.pdf.text import notes as text_notes

__all__ = ["draw", "measure", "notes", "prepare", "render"]  # notes: what the build prints

RADIUS = 4.0
"""Corner radius of every box, in points."""
WHITE = "#FFFFFF"
SPOKE = 2.2
"""Width of a spoke from the key question to a factor, in points."""


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The one-page factor chart for `source`."""
    fonts.register(italic=source.uses_italic)
    geometry = chart_geometry(source, layout, measure, audience)
    LAST_DRAWN.put(
        (source, layout),
        Drawn(min((box.size for box in geometry.factors), default=0.0), bool(geometry.legend)),
    )
    return [Output("", "pdf", draw(geometry, source, layout, audience))]


@dataclass(frozen=True)
class Drawn:
    """What the notes say of a chart once it is drawn."""

    smallest: float
    """The smallest type size of its boxes (0 for none)."""
    legend: bool
    """Whether it has a line saying what its lettered circles mean."""


LAST_DRAWN: Memo[Drawn] = Memo("what charts drew", 64)
"""Per (source, layout): what the chart last drawn was like, for its notes."""


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What to check before printing, and the pictures the chart leaves out (its boxes
    hold words only), said once."""
    pictures = [factor.image for factor in source.factors if factor.image]
    left_out = (
        ()
        if not pictures
        else (
            f"{pictures[0].mark}: {layout.name} leaves out the factors' pictures (a factor "
            "chart shows words only; the summary and the worksheet show them)",
        )
    )
    drawn = LAST_DRAWN.peek((source, layout))
    size = drawn.smallest if drawn else None
    small: tuple[str, ...] = ()
    if size is not None and 0 < size < SMALL:
        largest = max(layout.font.max_size or 0, layout.font.size)
        small = (
            # (the layout's own choice, not shrunk to fit)
            (small_by_choice(layout.size_mark or source.path, layout, size),)
            if size >= largest
            else (
                f"{source.path}: {layout.name} is set in {size:g} pt type to fit on one "
                "page; shorten some points for larger type, or use factor-chart-blank "
                "(titles with room to write)",
            )
        )
    english = borrowed(source.language, layout.labels, "chart_linked")
    legend = (
        (f"{source.path}: {layout.name}: {english}",) if english and drawn and drawn.legend else ()
    )
    return text_notes(source, layout) + left_out + small + legend


def measure(text: str, face: str, size: float) -> float:
    """Width of `text` as drawn: each character in `face`, or the regular face if it lacks it."""
    width: float = sum(stringWidth(chunk, name, size) for chunk, name in _chunks(text, face))
    return width


def _chunks(text: str, face: str) -> Iterator[tuple[str, str]]:
    return fonts.runs(text, *fonts.STYLES[face])


def draw(geometry: ChartGeometry, source: Source, layout: Layout, audience: Audience) -> bytes:
    """Paint the chart and return the PDF's bytes."""
    canvas, buffer = new_canvas(source, layout, audience)
    labels = labels_for(source, layout)
    reserve_source(canvas._doc, source, labels)
    paint_paper(canvas, layout)
    colours = layout.colours
    for line in (*geometry.header, *geometry.legend):
        _text(canvas, line, colours.accent if line.role == "title" else colours.muted, layout)
    # Under the header, the chart is the same for every class: drawn once, written again.
    key = (source, layout, geometry.rule, geometry.question, geometry.factors, geometry.links)
    draw_once(canvas, DRAWN, key, partial(_body, canvas, geometry, layout))
    canvas.showPage()
    embed(canvas._doc)
    save(canvas)  # as canvas.save() writes it, faster
    return buffer.getvalue()


DRAWN: Memo[Drawing | None] = Memo("charts drawn", 32)
"""Per (source, layout, rule, boxes, links): the chart's operators under its header."""


def _body(canvas: Canvas, geometry: ChartGeometry, layout: Layout) -> None:
    colours = layout.colours
    canvas.setStrokeColor(HexColor(colours.accent))
    canvas.setLineWidth(0.8)
    canvas.line(geometry.margin, geometry.rule, geometry.width - geometry.margin, geometry.rule)
    _lines(canvas, geometry, layout)
    for box in geometry.factors:
        _factor(canvas, box, band_colour(box.slot, len(geometry.factors), layout), layout)
    _question(canvas, geometry.question, layout)
    _tags(canvas, geometry, layout)


def _tags(canvas: Canvas, geometry: ChartGeometry, layout: Layout) -> None:
    """Links with no clear way: a dashed stub from each box to a circle with the link's
    letter, the same at both ends."""
    for link in geometry.links:
        for tag in link.tags:
            canvas.setStrokeColor(HexColor(layout.colours.muted))
            canvas.setLineWidth(1.3)
            canvas.setDash(2, 1.5)
            s = tag.stub
            canvas.line(s.x0, s.y0, s.x1, s.y1)
            canvas.setDash()
            canvas.setFillColor(HexColor(WHITE))
            canvas.setLineWidth(1.1)
            canvas.circle(*tag.centre, tag.radius, stroke=1, fill=1)
            _text(canvas, tag.label, layout.colours.text, layout)


def _lines(canvas: Canvas, geometry: ChartGeometry, layout: Layout) -> None:
    """Links (dashed) and connectors (solid), under the boxes."""
    canvas.setLineCap(1)
    canvas.setStrokeColor(HexColor(layout.colours.muted))
    canvas.setLineWidth(1.3)
    canvas.setDash(5, 3.5)
    for link in geometry.links:
        if not link.path:
            continue
        path = canvas.beginPath()
        path.moveTo(*link.path[0].points[0])
        for curve in link.path:
            _, c1, c2, end = curve.points
            path.curveTo(*c1, *c2, *end)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash()
    # A link that crosses a spoke passes under it with a gap either side, so that it reads
    # as crossing, not as a branch of the spoke joining the key question.
    canvas.setLineCap(0)
    canvas.setStrokeColor(HexColor(layout.colours.paper))
    canvas.setLineWidth(2 * BRIDGE)
    for link in geometry.links:
        for s in link.bridges:
            canvas.line(s.x0, s.y0, s.x1, s.y1)
    canvas.setLineCap(1)
    canvas.setStrokeColor(HexColor(layout.colours.accent))
    canvas.setLineWidth(SPOKE)
    for spoke in geometry.connectors:
        s = spoke.line
        canvas.line(s.x0, s.y0, s.x1, s.y1)


def band_colour(slot: int, count: int, layout: Layout) -> str:
    """The title band colour of the box in `slot` of `count`: the palette in turn, except
    that the last box, which sits next to the first, never repeats the first's colour."""
    palette = of_kind(layout.options, Options).palette
    index = slot % len(palette)
    if slot == count - 1 and count > 1 and index == 0:
        index = len(palette) // 2
    return palette[index]


def _factor(canvas: Canvas, box: Box, band: str, layout: Layout) -> None:
    r = box.rect
    canvas.setFillColor(HexColor(layout.colours.box))
    canvas.setStrokeColor(HexColor(band))
    canvas.setLineWidth(1.0)
    canvas.roundRect(r.x, r.y, r.width, r.height, RADIUS, stroke=1, fill=1)
    canvas.setFillColor(HexColor(band))
    canvas.roundRect(r.x, r.top - box.band, r.width, box.band, RADIUS, stroke=0, fill=1)
    canvas.rect(r.x, r.top - box.band, r.width, min(RADIUS, box.band / 2), stroke=0, fill=1)
    canvas.setStrokeColor(HexColor(layout.colours.muted))
    canvas.setLineWidth(0.5)
    for y in box.rules:
        canvas.line(r.x + box.pad, y, r.right - box.pad, y)
    for line in box.lines:
        colour = {"heading": WHITE, "bullet": band}.get(line.role, layout.colours.text)
        _text(canvas, line, colour, layout)


def _question(canvas: Canvas, box: Box, layout: Layout) -> None:
    r = box.rect
    canvas.setFillColor(HexColor(layout.colours.accent))
    canvas.roundRect(r.x, r.y, r.width, r.height, RADIUS * 2, stroke=0, fill=1)
    for line in box.lines:
        _text(canvas, line, layout.colours.key_term if line.role == "label" else WHITE, layout)


def _text(canvas: Canvas, line: Line, colour: str, layout: Layout) -> None:
    """Draw a line's runs; key terms on a highlight, in the body text colour."""
    for run in line.runs:
        if run.key:
            canvas.setFillColor(HexColor(layout.colours.key_term))
            low = line.baseline - DESCENT * line.size
            canvas.rect(
                run.x - 0.6, low, run.width + 1.2, (ASCENT + DESCENT) * line.size, stroke=0, fill=1
            )
        canvas.setFillColor(HexColor(layout.colours.text if run.key else colour))
        x = run.x
        size = line.size * (SCRIPT_SCALE if run.script else 1.0)
        baseline = line.baseline + SCRIPT_RISE[run.script] * line.size
        for chunk, face in _chunks(run.text, run.face):
            canvas.setFont(face, size)
            canvas.drawString(x, baseline, chunk)
            x += stringWidth(chunk, face, size)
