"""A class's marking grid as a PDF page: a table of students (in register order) by the
letters that differ on their sheets, in the embedded fonts, at the size of the class's
documents; the type shrinks to fit many columns."""

from __future__ import annotations

import io
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from revpack import fonts
from revpack.hyphenation import Hyphenator
from revpack.labels import Labels
from revpack.worksheet.marking import MarkingGrid
from revpack.writers.pdf.subsets import embed
from revpack.writers.pdf.text import hyphenation

MARGIN = 36.0
"""Margins of the page, in points."""


FRAME_PADDING = 6.0
"""The padding reportlab's document template keeps inside each side of its frame."""


def grid_pdf(grid: MarkingGrid, labels: Labels, size: tuple[float, float], who: str = "") -> bytes:
    """The grid as a PDF of one page or more (the header row repeats), `size` points,
    with `who` (the class and teacher) under its title."""
    fonts.register(italic=False)
    regular, bold = fonts.FACES[False, False], fonts.FACES[True, False]
    width = size[0] - 2 * MARGIN - 2 * FRAME_PADDING  # (the frame's own padding)
    name_width = min(150.0, width * 0.3)
    cell = (width - name_width) / max(len(grid.columns), 1)
    # The widest heading ('O10', 'M12') fits its cell, bold, with 2 pt either side.
    widest = max((len(column) for column in grid.columns), default=1)
    type_size = max(6.0, min(10.0, cell / 2.4, (cell - 4) / (0.72 * widest)))
    # (A name wraps in its column, and a long word in it breaks: a long name printed on
    # one line ran over the letters of the columns beside it.)
    named = ParagraphStyle(
        "named",
        fontName=bold,
        fontSize=type_size,
        leading=type_size * 1.15,
        splitLongWords=1,
        # (A long word breaks after one of its own hyphens, else at a hyphenation point of
        # the sheets' language, with a hyphen: 'Fai' / 'rweather' was cut anywhere.)
        **hyphenation(Hyphenator(labels.language), name_width - 12, type_size, bold=True),
    )
    data = [
        [labels("marking.student"), *grid.columns],
        *([Paragraph(escape(name, quote=False), named), *letters] for name, letters in grid.rows),
    ]
    table = Table(data, colWidths=[name_width] + [cell] * len(grid.columns), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, type_size),
                ("FONT", (0, 0), (-1, 0), bold, type_size),
                ("FONT", (0, 1), (0, -1), bold, type_size),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#6B6B6B")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDF2F8")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F6F8FB")]),
                ("LEFTPADDING", (1, 0), (-1, -1), 2),
                ("RIGHTPADDING", (1, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=14, leading=18, textColor=colors.HexColor("#1F4E79")
    )
    note = ParagraphStyle(
        "note", fontName=regular, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=grid.title,
        creator="revpack",
        producer="revpack",
        lang=labels.language,
        invariant=1,
        initialFontName=regular,
        initialFontSize=10,
    )
    document.build(
        [
            Paragraph(escape(grid.title, quote=False), head),
            *([Paragraph(escape(who, quote=False), note)] if who else []),
            Paragraph(escape(grid.legend, quote=False), note),
            Spacer(0, 8),
            table,
        ],
        canvasmaker=_Embedding,
    )
    return buffer.getvalue()


class _Embedding(Canvas):  # type: ignore[misc]  # reportlab has no types
    """A canvas whose font subsets are embedded as every other document's are (tagged
    by what they hold: revpack.writers.pdf.subsets), not as 'AAAAAA+…' whatever they
    hold."""

    def save(self) -> None:
        embed(self._doc)
        super().save()
