"""The worksheet and its answer key as PDF files, drawn with reportlab from the
format-neutral worksheet model (revpack.worksheet): the same gaps, word bank and answers
as the DOCX built with the same seed, ready to print without a word processor."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from revpack import fonts
from revpack.labels import Labels, load_labels
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Audience, Source
from revpack.problems import Mark, RenderError
from revpack.worksheet.assemble import assemble
from revpack.worksheet.assemble import notes as worksheet_notes
from revpack.worksheet.document import Document
from revpack.writers import Output
from revpack.writers.pdf.serialise import save
from revpack.writers.pdf.stamp import stamp
from revpack.writers.pdf.subsets import embed, reserve
from revpack.writers.pdf.text import notes as text_notes
from revpack.writers.pdf.text import paint_paper
from revpack.writers.pdf.worksheet_blocks import Blocks
from revpack.writers.pdf.worksheet_fonts import DIGITS, characters
from revpack.writers.pdf.worksheet_lines import Widths
from revpack.writers.pdf.worksheet_pages import Laid, Pages
from revpack.writers.running_header import (
    ELLIPSIS,
    FOOTER_LEAST,
    HEADER_GAP,
    cut,
    footer_size,
    header_fitted,
    header_size,
    page_number_size,
)

__all__ = ["notes", "prepare", "render", "write_document"]


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The worksheet PDF and, unless the layout says otherwise, its answer key."""
    labels = LABELS.get(
        (source.language, layout.labels), lambda: load_labels(source.language, layout.labels)
    )
    made = assemble(source, layout, audience, labels)
    try:
        outputs = [Output("", "pdf", write_document(made.sheet, layout, audience))]
        if made.key is not None:
            outputs.append(Output("-answers", "pdf", write_document(made.key, layout, audience)))
    except LayoutError:
        # Rows never split: at a large enough type, one row of a table or of the word
        # bank is taller than the page.
        raise RenderError(
            f"{layout.name}: at {layout.font.size:g} pt a row of one of the worksheet's "
            "tables is taller than a page; give the layout a smaller font size",
            layout.size_mark or Mark(source.path, 1, 1),
        ) from None
    return outputs


LABELS: Memo[Labels] = Memo("worksheet PDF labels", 8)


def prepare(sources: Iterable[Source]) -> None:
    """What the worksheet sets up once per process: the fonts, italics included (its
    instructions are set in italic, whatever the sources)."""
    fonts.register(italic=True)


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """Exercises left out for lack of data, and text a PDF prints in the wrong direction."""
    return (*worksheet_notes(source, layout), *text_notes(source, layout))


def write_document(document: Document, layout: Layout, audience: Audience | None = None) -> bytes:
    """One model document as PDF bytes (the same bytes for the same document, dated from
    the audience's printed date alone). A key that would end with a little on its last
    page has its lines set closer when that saves the page (see KEY_TAIL)."""
    draft = _laid_out(document, layout, audience)
    laid = draft.laid
    if not document.is_key and laid.hollow > HOLLOW:
        closer = _laid_out(document, layout, audience, closer=True)
        if closer.laid.pages <= laid.pages and closer.laid.hollow < laid.hollow:
            draft = closer
    if document.is_key and laid.pages > 1 and laid.last < KEY_TAIL:
        tight = replace(layout, font=replace(layout.font, line_spacing=KEY_SPACING))
        if tight.font.line_spacing < layout.font.line_spacing:
            closer = _laid_out(document, tight, audience)
            if closer.laid.pages < laid.pages:
                draft = closer
    draft.canvas.save()
    return draft.buffer.getvalue()


HOLLOW = 1 / 4
"""A sheet that leaves more than this share of a page empty, because an exercise that
does not split (a table and its heading, say) moved whole to the next page, is laid out
again with less space between its paragraphs (worksheet_text.CLOSER), and printed so when
that leaves less of a page empty on no more pages."""

KEY_TAIL = 1 / 3
"""A key whose last page is filled less than this far is laid out again with its lines
KEY_SPACING apart, and printed so when that takes a page fewer (a key is the teacher's,
read rather than written on; the sheet keeps the layout's spacing)."""
KEY_SPACING = 1.15
"""The line spacing (in lines) of a key set closer."""


@dataclass(frozen=True)
class _Draft:
    """A document laid out on the pages of a canvas, not yet saved."""

    canvas: Canvas
    """The canvas, holding its pages until it is saved."""
    buffer: io.BytesIO
    """What the canvas saves its PDF to."""
    laid: Laid
    """How the document fell on its pages."""


LayOut = Callable[[Canvas, list[Flowable], Layout, Widths], Laid]
"""Lays a story out on a canvas's pages (the canvas not saved)."""


def _fill(canvas: Canvas, story: list[Flowable], layout: Layout, widths: Widths) -> Laid:
    """The story on pages of one frame inside the margins (worksheet_pages)."""
    page = layout.page
    bottom = body_bottom(layout)
    box = (page.margin, bottom, page.width - 2 * page.margin, page.height - page.margin - bottom)
    return Pages(canvas, box, lambda c: paint_paper(c, layout), widths).build(story)


def body_bottom(layout: Layout) -> float:
    """Where the text's frame ends above the page's foot: at the margin, or higher where
    the footer's page number (set large in large print) would come within FOOTER_CLEAR
    of it (a large-print table's last border all but touched 'Page 6 of 7')."""
    page = layout.page
    top = max(page.margin * 0.45, FOOTER_FLOOR) + CAPITALS * page_number_size(layout)
    return max(page.margin, top + FOOTER_CLEAR)


def _write(document: Document, layout: Layout, audience: Audience | None, lay_out: LayOut) -> bytes:
    """The document laid out by `lay_out` and saved, as it falls (a key not set closer)."""
    draft = _laid_out(document, layout, audience, lay_out)
    draft.canvas.save()
    return draft.buffer.getvalue()


def _laid_out(
    document: Document,
    layout: Layout,
    audience: Audience | None,
    lay_out: LayOut = _fill,
    closer: bool = False,
) -> _Draft:
    """The document laid out on the pages of a canvas not yet saved (with less space
    between its paragraphs when `closer`)."""
    properties = document.properties
    blocks = Blocks(layout, properties.language, closer)
    buffer = io.BytesIO()
    page = layout.page
    story = blocks.title(document) + blocks.body(document.blocks)
    faces = _faces(story, document, blocks.styles.widths, layout)
    maker = _numbered_canvas(document, layout, audience or Audience(), blocks.styles.widths, faces)
    canvas = maker(
        buffer,
        pagesize=(page.width, page.height),
        invariant=1,
        pageCompression=1,
        enforceColorSpace=None,
        # reportlab starts every page in Helvetica, which it never embeds.
        initialFontName=fonts.FACES[False, False],
        initialFontSize=layout.font.size,
        initialLeading=None,
        cropBox=None,
        artBox=None,
        trimBox=None,
        bleedBox=None,
        lang=properties.language,
    )
    canvas.setEncrypt(None)
    canvas._cropMarks = None
    canvas.setAuthor(properties.author)
    canvas.setTitle(properties.title)
    canvas.setSubject(properties.subject)
    canvas.setCreator("revpack")
    canvas.setProducer("revpack")
    canvas.setKeywords(properties.keywords)
    return _Draft(canvas, buffer, lay_out(canvas, story, layout, blocks.styles.widths))


def _faces(
    story: list[Flowable], document: Document, measure: Widths, layout: Layout
) -> dict[str, set[str]]:
    """Every face the document draws in → the characters it draws in it."""
    faces: dict[str, set[str]] = {}
    characters(story, faces)
    size = layout.font.size
    margins = [*document.header, document.footer, document.page_label, DIGITS, ELLIPSIS]
    lines = document.name_line
    named = [lines.name, lines.class_label, lines.date] if lines else []
    values = [v for v in (lines.student, lines.class_name) if v] if lines else []
    for texts, bold in ((margins + values, False), ([f"{n} " for n in named], True)):
        for text in texts:
            for chunk, face, _ in measure.runs(text, bold, size):
                faces.setdefault(face, set()).update(chunk)
    return faces


def _numbered_canvas(
    document: Document,
    layout: Layout,
    audience: Audience,
    measure: Widths,
    faces: dict[str, set[str]],
) -> type[Canvas]:
    """A canvas class that holds its pages back until the end, then draws each page's
    running header and its footer with 'Page N of M'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no types
        def __init__(self, *args: object, **kwargs: object):
            super().__init__(*args, **kwargs)
            stamp(self, audience)
            reserve(self._doc, faces)
            self._held: list[dict[str, object]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            drawn: Margins = {}
            muted = HexColor(layout.colours.muted)
            faint = _faint(layout.colours.muted, layout.colours.paper)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                _decorate(self, document, layout, number, total, measure, drawn, (muted, faint))
                Canvas.showPage(self)
            embed(self._doc)
            save(self)

    return NumberedCanvas


def _decorate(
    canvas: Canvas,
    document: Document,
    layout: Layout,
    number: int,
    total: int,
    measure: Widths,
    drawn: Margins,
    colours: tuple[Color, Color],
) -> None:
    """The running header (title left; class and teacher right) and the footer (small
    print left; page N of M right), in the margins (what `drawn` holds written again),
    in the muted and the faint colour."""
    muted, faint = colours
    page = layout.page
    size = header_size(layout)
    left, right = page.margin, page.width - page.margin
    # (its baseline 0.45 of the margin and its size down, but its descenders HEADER_CLEAR
    # above the text's frame: a 16 pt header all but touched the word bank's box)
    top = page.height - min(page.margin * 0.45 + size, page.margin - DESCENT * size - HEADER_CLEAR)
    bottom = max(page.margin * 0.45, FOOTER_FLOOR)
    canvas.saveState()
    canvas.setFillColor(muted)
    title, who = header_fitted(
        document.header, right - left, lambda text: measure.across(text, False, size)
    )
    _string(canvas, left, top, title, size, measure, drawn)
    if who:
        _string(canvas, right, top, who, size, measure, drawn, align_right=True)
    # What it is, its layout and seed: small and pale, for whoever rebuilds the sheet.
    label = document.page_label.replace("{page}", str(number)).replace("{pages}", str(total))
    numbers = page_number_size(layout)
    room = right - left - HEADER_GAP - measure.across(label, False, numbers)
    small = footer_size(layout)
    wide = measure.across(document.footer, False, small)
    if wide > room:  # (large print: smaller, down to FOOTER_LEAST, then cut short)
        small = max(small * room / wide, FOOTER_LEAST)
    footer = cut(document.footer, room, lambda text: measure.across(text, False, small))
    canvas.setFillColor(faint)
    _string(canvas, left, bottom, footer, small, measure, drawn)
    canvas.setFillColor(muted)
    _string(canvas, right, bottom, label, numbers, measure, drawn, align_right=True)
    canvas.restoreState()


HEADER_CLEAR = 6.0
"""The least room, in points, between the running header's descenders and the text."""
FOOTER_CLEAR = 6.0
"""The least room, in points, between the text and the top of the footer's capitals."""
CAPITALS = 0.73
"""How tall the footer's capitals and figures stand above its baseline, as a share of its
size."""
DESCENT = 0.24
"""How far the header's descenders reach below its baseline, as a share of its size."""
FOOTER_FLOOR = 27.5
"""The lowest the footer's baseline sits, in points (9.7 mm): below it, a class's print PDF
numbers its pages (a narrow margin set the footer on the number)."""


def _faint(colour: str, paper: str) -> Color:
    """`colour` halfway to the paper's."""
    ink, ground = HexColor(colour), HexColor(paper)
    return Color(*((a + b) / 2 for a, b in zip(ink.rgb(), ground.rgb(), strict=True)))


Margins = dict[tuple[float, float, str, float, bool], tuple[tuple[str, ...], str]]
"""A document's margin texts as drawn on its first page: (x, y, text, size, right-aligned)
→ (the operators, the last face set)."""


def _string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    measure: Widths,
    drawn: Margins,
    align_right: bool = False,
) -> None:
    """`text` in the upright faces that can draw it; the operators it drew on an earlier
    page of the document when it is the same text in the same place (its characters'
    codes and its fonts' names are the document's, and never change)."""
    key = (x, y, text, size, align_right)
    known = drawn.get(key)
    if known is not None:
        code, face = known
        canvas._code.extend(code)
        canvas.setFont(face, size)  # (no operator for a TrueType face)
        return
    runs = measure.runs(text, False, size)
    if align_right:
        x -= sum(wide for _, _, wide in runs)
    start = len(canvas._code)
    for chunk, face, wide in runs:
        canvas.setFont(face, size)
        canvas.drawString(x, y, chunk)
        x += wide
    if runs and all(isinstance(pdfmetrics.getFont(face), TTFont) for _, face, _ in runs):
        drawn[key] = (tuple(canvas._code[start:]), runs[-1][1])
