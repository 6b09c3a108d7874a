"""Turning model text into reportlab paragraphs, and the PDF set-up every PDF shares.

Text is never passed to reportlab as markup: every character is escaped, and styles are
chosen by font name, one face per run, so `<b>` or `&amp;` in a source prints as typed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from html import escape
from typing import TypedDict

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.directions import right_to_left
from revpack.hyphenation import Hyphenator, LongWords
from revpack.labels import Labels, load_labels
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source, Text
from revpack.writers.pdf.stamp import stamp

SCRIPT_SHARE = 0.7
"""A sub- or superscript's size as a share of its text's (or more in large print:
writers.scripts)."""
MARKUP_RISE = {"sub": 20, "super": 35}
"""How far a script's baseline moves, in percent of the type size (as the factor chart
sets them)."""


def paragraph_markup(
    text: Text | str,
    *,
    italics: bool = True,
    key_colour: str | None = None,
    bold: bool = False,
    scripts: float = SCRIPT_SHARE,
) -> str:
    """reportlab paragraph markup for `text`; key terms bold and highlighted; sub- and
    superscripts at the share `scripts` of the type size."""
    if isinstance(text, str):
        return _runs(text, bold, False)
    parts = []
    for span in text.spans:
        is_bold = bold or span.bold or span.key or (span.italic and not italics)
        run = _runs(span.text, is_bold, span.italic and italics)
        if span.script in MARKUP_RISE:
            tag, rise = span.script, MARKUP_RISE[span.script]
            run = f'<{tag} rise="{rise}%" size="{scripts * 100:g}%">{run}</{tag}>'
        if span.key and key_colour:
            run = f'<span backColor="{key_colour}">{run}</span>'
        parts.append(run)
    return "".join(parts)


def _runs(text: str, bold: bool, italic: bool) -> str:
    return "".join(_font(face, chunk) for chunk, face in fonts.runs(text, bold, italic))


def _font(face: str, text: str) -> str:
    # Line breaks inside a YAML block scalar stay line breaks on the page.
    return f'<font name="{face}">{escape(text, quote=False).replace(chr(10), "<br/>")}</font>'


def prepare(sources: Iterable[Source]) -> None:
    """What every PDF writer sets up once per process for `sources`: the fonts (done
    before worker processes are forked, they start with them)."""
    fonts.register(italic=any(source.uses_italic for source in sources))


def labels_for(source: Source, layout: Layout) -> Labels:
    """The fixed words in the source's language, with the layout's own labels on top."""
    return load_labels(source.language, layout.labels)


class Hyphenation(TypedDict, total=False):
    """A reportlab paragraph style's hyphenation settings (none: words split anywhere)."""

    hyphenationLang: LongWords
    """Where a word may break: reportlab calls it with each word too wide for the line."""
    hyphenationMinWordLength: int
    """Shorter words never break."""
    embeddedHyphenation: int
    """2: a word that cannot break to end a line is tried again on the next."""


def hyphenation(
    hyphenator: Hyphenator | None, limit: float, size: float, bold: bool
) -> Hyphenation:
    """Style settings that break a word wider than `limit` points at its hyphenation
    points (reportlab splits it between any two letters only where none fits)."""
    if hyphenator is None or not hyphenator.known:
        return {}
    face = fonts.FACES[True, False]  # measured bold: the widest face a word is set in
    return {
        "hyphenationLang": LongWords(hyphenator, limit, lambda word: stringWidth(word, face, size)),
        "hyphenationMinWordLength": 4,
        # (2: a long word that cannot break to end this line moves on and breaks on the
        # next, at its hyphenation points; with 0, reportlab cut it between any two
        # letters to fill this line: 'begann die Wel' / 'twirtschaftskris' / 'e.')
        "embeddedHyphenation": 2,
    }


def style(
    name: str,
    size: float,
    layout: Layout,
    *,
    colour: str | None = None,
    bold: bool = False,
    leading: float | None = None,
    **extra: object,
) -> ParagraphStyle:
    """A paragraph style in revpack's fonts at `size`, left-aligned, long words split
    (at hyphenation points where `extra` has `hyphenation(…)`'s settings)."""
    fonts.register(italic=False)
    return ParagraphStyle(
        name,
        fontName=fonts.FACES[bold, False],
        fontSize=size,
        leading=leading or size * layout.font.line_spacing,
        textColor=HexColor(colour or layout.colours.text),
        splitLongWords=True,
        bulletFontName=fonts.FACES[False, False],
        bulletFontSize=size,
        allowWidows=1,
        **extra,
    )


def new_canvas(source: Source, layout: Layout, audience: Audience) -> tuple[Canvas, io.BytesIO]:
    """A canvas with fonts registered, metadata set and byte-identical output."""
    fonts.register(italic=False)
    buffer = io.BytesIO()
    # reportlab starts every page in Helvetica, which it never embeds; start in DejaVu Sans
    # so the PDF holds no font a print shop would reject.
    canvas = Canvas(
        buffer,
        pagesize=(layout.page.width, layout.page.height),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.FACES[False, False],
        initialFontSize=layout.font.size,
        lang=source.language,
    )
    stamp(canvas, audience)
    canvas.setTitle(source.title.plain)
    canvas.setAuthor(audience.teacher or "revpack")
    canvas.setSubject(source.question.plain if source.question else source.title.plain)
    canvas.setCreator("revpack")
    canvas.setKeywords(
        ", ".join(
            filter(None, [source.subject.plain if source.subject else None, audience.class_name])
        )
    )
    return canvas, buffer


SMALL = 7.5
"""Type smaller than this, in points, is hard to read on paper: the build says so where a
document shrinks its type to fit (the sample thaw sheet is set at 7.5 pt, the summary
layout's smallest size is 7)."""


def small_by_choice(where: object, layout: Layout, size: float) -> str:
    """What the build says of a document set in type under SMALL because its layout asks
    for it (not shrunk to fit), placed at `where` (the layout's font size, else the
    notes)."""
    return (
        f"{where}: {layout.name} sets its type in {size:g} pt, smaller than {SMALL:g} pt, "
        "which is hard to read on paper; give the layout a larger font size"
    )


def paint_paper(canvas: Canvas, layout: Layout) -> None:
    """Tint the page when the layout asks for coloured paper."""
    if layout.colours.paper.upper() != "#FFFFFF":
        canvas.setFillColor(HexColor(layout.colours.paper))
        canvas.rect(0, 0, layout.page.width, layout.page.height, stroke=0, fill=1)


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What a teacher should check before printing a PDF: right-to-left text (Hebrew,
    Arabic) prints in the order it was typed, left to right, with Arabic letters unjoined.
    Word and a browser lay it out correctly."""
    for text in source.all_texts():
        found = right_to_left(text.plain)
        if found:
            right = (
                "the worksheet as DOCX or HTML shows it correctly"
                if layout.kind.name == "worksheet"
                else "the worksheets as DOCX or HTML show it correctly"
            )
            return (
                f"{text.mark}: {layout.name} prints right-to-left text such as "
                f"'{found}' left to right, letter by letter; check it before "
                f"printing ({right})",
            )
    return ()
