"""Building blocks shared by the worksheet and its answer key: styled text, headings,
tables that keep their rows whole, the title block."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from revpack.loading.layouts import Layout
from revpack.model import Span, Text
from revpack.render.docx import xml as x
from revpack.render.docx.package import text_width
from revpack.render.docx.xml import set_style, style_id
from revpack.worksheet.document import Document, NameLine

TABLE_STYLE = "Table Grid"
"""Every table starts from Word's built-in grid, so restyling one style restyles them all."""


def para(container, text: str = "", style: str = "Normal"):
    """`container.add_paragraph(text, style)`, with the style set by id (see set_style)."""
    paragraph = container.add_paragraph(text)
    set_style(paragraph, style)
    return paragraph


def add_spans(paragraph, spans, *, keys_bold: bool = False, bold: bool = False) -> None:
    """Runs for styled spans; text goes in exactly as typed (python-docx escapes it)."""
    for span in spans:
        add_run(paragraph, span.text,
                bold=bold or span.bold or (keys_bold and isinstance(span, Span) and span.key),
                italic=span.italic)


def add_text(paragraph, text: Text | str, *, keys_bold: bool = False,
             bold: bool = False) -> None:
    """Append a model Text (or plain str) to a paragraph."""
    if isinstance(text, str):
        add_run(paragraph, text, bold=bold)
    else:
        add_spans(paragraph, text.spans, keys_bold=keys_bold, bold=bold)


VERT_ALIGN = {"sub": "subscript", "super": "superscript"}
"""A run's script → its w:vertAlign value."""


def add_run(paragraph, text: str, *, bold: bool = False, italic: bool = False,
            script: str = "") -> None:
    """A w:r with its w:rPr built whole and appended: python-docx's `add_run` and `bold`
    setters search for each element's place, and a worksheet has some 500 runs. (The
    run's text setter still turns tabs and line breaks into w:tab and w:br.) A `script`
    of 'sub' or 'super' sets the run as a real sub- or superscript (w:vertAlign)."""
    run = x.element("r")
    if bold or italic or script in VERT_ALIGN:
        properties = x.element("rPr")
        for flag, tag in ((bold, "b"), (italic, "i")):
            if flag:
                properties.append(x.element(tag))
        if script in VERT_ALIGN:  # after b and i: CT_RPr's order
            properties.append(x.element("vertAlign", val=VERT_ALIGN[script]))
        run.append(properties)
    run.text = text
    paragraph._p.append(run)


def title_block(document, model: Document, layout: Layout) -> None:
    """The title, a subtitle line (subject · course), and the name / class / date line."""
    para(document, model.title, "Title")
    if model.subtitle:
        para(document, model.subtitle, "Subtitle")
    if model.name_line is not None:
        _name_line(document, model.name_line, layout)


def _name_line(document, line: NameLine, layout: Layout) -> None:
    """Name ____ Class ____ Date ____, drawn with tab leaders so the lines meet the margin;
    a known student or class prints as text in its field."""
    paragraph = para(document)
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(2), Pt(14)
    width = text_width(layout)
    stops = fmt.tab_stops
    stops.add_tab_stop(Pt(width * 0.52), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
    stops.add_tab_stop(Pt(width * 0.76), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
    stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    paragraph.add_run(f"{line.name} ").bold = True
    if line.student:
        paragraph.add_run(line.student)
    paragraph.add_run("\t  ")
    paragraph.add_run(f"{line.class_label} ").bold = True
    if line.class_name:
        # A known class prints as text; the tab still runs a line to the next field.
        paragraph.add_run(line.class_name)
    paragraph.add_run("\t  ")
    paragraph.add_run(f"{line.date} ").bold = True
    paragraph.add_run("\t")


def heading(document, text: str, level: int):
    """A built-in Heading `level` paragraph."""
    return para(document, text, f"Heading {level}" if level else "Title")


def instructions(document, text: str):
    """The italic line under an exercise heading that says what to do."""
    return para(document, text, "Instructions")


def table(document, rows: int, widths: list[float], layout: Layout, *, header: bool,
          padding: float = 3):
    """A Table Grid table with fixed column widths (points), rows that never split across
    pages, a shaded header row repeated on each page, and light rules."""
    grid = document.add_table(rows=rows, cols=len(widths))
    grid._tbl.tblStyle_val = style_id(document, TABLE_STYLE)
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    x.fixed_widths(grid, widths)
    x.cell_margins(grid, padding, padding, 5, 5)
    x.table_borders(grid, layout.colours.muted, 0.5)
    x.keep_rows_whole(grid, header_rows=1 if header else 0)
    if header:
        for cell in x.cells(grid)[0]:
            x.shade_cell(cell, layout.colours.box)
    return grid


def cell_text(cell, text: Text | str, *, bold: bool = False, keys_bold: bool = False,
              align=None):
    """Put text in a cell's first paragraph."""
    paragraph = Paragraph(cell._tc.find(qn("w:p")), cell)
    set_style(paragraph, "Table Text")
    add_text(paragraph, text, keys_bold=keys_bold, bold=bold)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def header_row(grid, labels: list[str]) -> None:
    """Bold labels in the table's first row."""
    for cell, label in zip(x.cells(grid)[0], labels, strict=True):
        cell_text(cell, label, bold=True)


def keep_together(grid, most: int = 16) -> None:
    """Keep a table of at most `most` rows on one page (each row keeps with the next);
    a longer one may break between rows, never inside one, and never just under its
    heading (keep_start)."""
    keep_start(grid, len(grid.rows) - 1 if len(grid.rows) <= most else 3)


def keep_start(grid, rows: int = 3) -> None:
    """Keep the first `rows` rows with what follows them, so a heading and its table's
    header never end a page alone; further rows may run on overleaf (the header row
    repeats there, and no row ever splits)."""
    for row in x.cells(grid)[:rows]:
        for cell in row:
            for paragraph in cell.paragraphs:
                x.keep_with_next(paragraph)


def spacer(document, points: float = 6):
    """A small empty paragraph: Word needs one between two tables, or it merges them."""
    paragraph = para(document)
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(points)
    return paragraph
