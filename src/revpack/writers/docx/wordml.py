"""The worksheet model's blocks as WordprocessingML text, written directly.

python-docx builds the styled, empty package once per layout (render/docx/package.py);
each sheet's `document.xml` is then written here as escaped strings, element by element
in the order ECMA-376 prescribes, which is many times faster than growing python-docx's
object tree. Every look comes from a named style, so a teacher restyles the whole sheet in
one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from revpack.hyphenation import Hyphenator, after_hyphen
from revpack.loading.layouts import Layout
from revpack.worksheet.document import (
    Blank,
    Block,
    Box,
    Cell,
    Figure,
    Heading,
    Inline,
    NameLine,
    PageBreak,
    Paragraph,
    Run,
    Table,
    WordBank,
    WritingLines,
    kept_share,
)
from revpack.writers.scripts import WORKSHEET_RISE, script_points

STYLES = {
    "body": "Normal",
    "instructions": "Instructions",
    "gap": "Gap Text",
    "gap-sub": "Gap Sub-point",
    "question": "Question",
    "prompt": "Prompt",
    "bullet": "List Bullet",
    "bullet-2": "List Bullet 2",
    "numbered": "List Number",
}
"""The model's paragraph styles → the DOCX styles that print them."""
NBSP = "\u00a0"
EMU_PER_POINT = 12700
CELL_PADDING = 100
"""Space between a cell's border and its text, left and right, in twips (5 pt)."""
KEEP_ROWS = 2
"""Body rows kept with the header where a long table starts, and with each other where it
ends (no row alone on a page)."""
ABOVE_TABLE_LINES = 5
"""The lines (of body type) allowed above a table kept whole for what keeps with it: an
exercise's heading and its instruction of a line or two, with their spacing."""
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    """Text escaped for XML content or a double-quoted attribute."""
    return text.translate(_ESCAPES)


def twips(points: float) -> int:
    """Points in twentieths of a point."""
    return round(points * 20)


def hex_colour(colour: str) -> str:
    """'#1f4e79' → '1F4E79', as OOXML writes colours."""
    return colour.lstrip("#").upper()


@dataclass
class Body:
    """The XML of one document's body as it is written, and what it needs beside it."""

    layout: Layout
    """The worksheet layout (page, type, colours)."""
    style_ids: dict[str, str]
    """Style name → style id in the package's styles part."""
    next_num_id: int
    """The next free w:numId for a numbered list that restarts at 1."""
    parts: list[str] = field(default_factory=list)
    """The XML written so far."""
    restarts: list[int] = field(default_factory=list)
    """The w:numIds of lists that restart (each needs a w:num in the numbering part)."""
    figures: list[Figure] = field(default_factory=list)
    """The pictures, in order (each needs a media part and a relationship)."""
    page_break: bool = False
    """The next paragraph starts a new page."""
    numbering: int | None = None
    """The w:numId of the numbered list being written, or None."""
    last_spacer: str | None = None
    """The XML of the last spacer paragraph written."""
    hyphenator: Hyphenator | None = None
    """The text's language's hyphenation points: a word too long for its table cell
    gets soft hyphens there, so that Word breaks it with a hyphen, not between any two
    letters (None: no soft hyphens)."""

    @property
    def scripts(self) -> float | None:
        """The size of sub- and superscripts where Word's own is too small (large print)."""
        return script_points(self.layout.font)

    @property
    def width(self) -> float:
        """The width between the margins, in points."""
        return self.layout.page.width - 2 * self.layout.page.margin

    def xml(self) -> str:
        """Everything written."""
        return "".join(self.parts)

    # ------------------------------------------------------------------ the title block

    def title(self, title: str, subtitle: str, name_line: NameLine | None) -> None:
        """The title, the subtitle line and the name / class / date line."""
        self.parts.append(paragraph_xml(self.style_ids["Title"], run_xml(title)))
        if subtitle:
            self.parts.append(paragraph_xml(self.style_ids["Subtitle"], run_xml(subtitle)))
        if name_line is not None:
            self._name_line(name_line)

    def _name_line(self, line: NameLine) -> None:
        """Name ____ Class ____ Date ____, drawn with tab leaders so the lines meet the
        margin; a known student or class prints as text in its field."""
        width = self.width
        tabs = (
            f'<w:tabs><w:tab w:val="left" w:leader="underscore" w:pos="{twips(width * 0.52)}"/>'
            f'<w:tab w:val="left" w:leader="underscore" w:pos="{twips(width * 0.76)}"/>'
            f'<w:tab w:val="right" w:leader="underscore" w:pos="{twips(width)}"/></w:tabs>'
            '<w:spacing w:before="40" w:after="280"/>'
        )
        runs = [run_xml(f"{line.name} ", bold=True)]
        if line.student:
            runs.append(run_xml(line.student))
        runs.append(run_xml("\t  "))
        runs.append(run_xml(f"{line.class_label} ", bold=True))
        if line.class_name:
            runs.append(run_xml(line.class_name))
        runs += [run_xml("\t  "), run_xml(f"{line.date} ", bold=True), run_xml("\t")]
        self.parts.append(paragraph_xml(self.style_ids["Normal"], "".join(runs), extra=tabs))

    # ------------------------------------------------------------------ blocks

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        """Every block, in order; ruled lines that fill their page are counted from an
        estimate of what stands above them on it (see `lines_left`)."""
        since_break: list[Block] = []
        for block in blocks:
            if not (
                isinstance(block, Paragraph) and block.style == "numbered" and not block.list_start
            ):
                self.numbering = None
            if isinstance(block, PageBreak):
                # The page breaks here: a spacer left under a table would only spill
                # onto a page of its own when the table ends a full page.
                if self.parts and self.parts[-1] is self.last_spacer:
                    self.parts.pop()
                self.page_break, since_break = True, []
                continue
            if isinstance(block, WritingLines):
                self._lines(block, lines_left(since_break, block, self.layout))
            else:
                self._write(block)
            since_break.append(block)

    def _write(self, block: Block) -> None:
        """One block other than writing lines and page breaks."""
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._text(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, WordBank):
            self._word_bank(block)
        elif isinstance(block, Box):
            self._box(block)
        elif isinstance(block, Figure):
            self._figure(block)

    def _paragraph(
        self, style: str, content: str, keep: bool = False, numbered: int | None = None
    ) -> None:
        extra = ""
        if numbered is not None:
            extra = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbered}"/></w:numPr>'
        self.parts.append(
            paragraph_xml(
                self.style_ids[style],
                content,
                keep=keep,
                page_break=self.page_break,
                numbering=extra,
            )
        )
        self.page_break = False

    def _heading(self, block: Heading) -> None:
        self._paragraph(f"Heading {block.level}", run_xml(block.text))

    def _text(self, block: Paragraph) -> None:
        number = None
        if block.style == "numbered":
            if self.numbering is None:
                self.numbering = self.next_num_id
                self.next_num_id += 1
                self.restarts.append(self.numbering)
            number = self.numbering
        self._paragraph(
            STYLES[block.style], self.inlines(block.content), block.keep_with_next, number
        )

    def inlines(self, content: tuple[Inline, ...], width: float | None = None) -> str:
        """Runs and numbered blanks; in a cell `width` points wide, words too long for
        it with soft hyphens (see `hyphenator`)."""
        out = []
        for piece in content:
            if isinstance(piece, Blank):
                out.append(self._blank(piece))
            else:
                text = piece.text
                if width is not None and self.hyphenator is not None:
                    text = soft_hyphens(text, self.hyphenator, width / self.layout.font.size)
                out.append(
                    run_xml(
                        text,
                        bold=piece.bold,
                        italic=piece.italic,
                        script=piece.script,
                        size=self.scripts if piece.script else None,
                        body=self.layout.font.size if self.scripts else None,
                    )
                )
        return "".join(out)

    def _blank(self, blank: Blank) -> str:
        """'(7) ______________': the number, then a blank as long as every other blank
        (only its first letter shows when the layout gives hints)."""
        out = [
            run_xml(
                f"({blank.number}){NBSP}", bold=True, colour=hex_colour(self.layout.colours.accent)
            )
        ]
        length = blank.length
        if blank.hint:
            out.append(run_xml(blank.hint, bold=True))
            length -= 1
        out.append(run_xml("_" * length))
        return "".join(out)

    def _table(self, block: Table) -> None:
        muted = hex_colour(self.layout.colours.muted)
        padding = 3 if block.header else 2
        rows = ([(block.header, True)] if block.header else []) + [
            (row, False) for row in block.rows
        ]
        count = len(rows)
        kept = self._kept_rows(block, count)
        out = [table_start(block.widths, _all_borders(muted, 4), padding)]
        for index, (cells, is_header) in enumerate(rows):
            height = (
                ""
                if is_header or not block.row_height
                else f'<w:trHeight w:val="{twips(block.row_height)}"/>'
            )
            out.append(
                f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if is_header else ''}"
                f"{height}</w:trPr>"
            )
            for width, cell in zip(block.widths, cells, strict=True):
                out.append(
                    self._cell(
                        width,
                        cell,
                        index < kept or count - KEEP_ROWS <= index < count - 1,
                        shade=self.layout.colours.box if is_header else None,
                        centre=bool(block.header) and not is_header,
                    )
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        self._spacer(6)

    def _kept_rows(self, block: Table, count: int) -> int:
        """How many rows from the top keep with the next: all but the last for a table
        short enough to move whole (`kept_share`), else the header and KEEP_ROWS rows (a
        long table breaks between rows, never just under its header, its header repeated
        on each page)."""
        page = self.layout.page
        share = kept_share(block)
        size = self.layout.font.size
        # (the exercise's heading and instruction keep with the table too: a table that
        # fits a page alone, kept whole under them, left them alone on the page before)
        above = ABOVE_TABLE_LINES * size * 1.15 * 1.15
        text_height = page.height - 2 * page.margin
        tall = _table_height(block, size)
        if share and tall <= text_height * share and tall + above <= text_height:
            return count - 1
        return min(count - 1, KEEP_ROWS + (1 if block.header else 0))

    def _cell(
        self,
        width: float,
        cell: Cell,
        keep: bool,
        shade: str | None = None,
        centre: bool = False,
        span: int = 1,
    ) -> str:
        props = f'<w:tcW w:w="{twips(width)}" w:type="dxa"/>'
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if shade:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_colour(shade)}"/>'
        if centre:
            props += '<w:vAlign w:val="center"/>'
        jc = '<w:jc w:val="center"/>' if cell.align == "center" else ""
        inner = width - 2 * CELL_PADDING / 20
        paragraph = paragraph_xml(
            self.style_ids["Table Text"], self.inlines(cell.content, inner), keep=keep, extra=jc
        )
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"

    def _word_bank(self, block: WordBank) -> None:
        """A shaded, bordered box of the words, read across in rows."""
        columns = block.columns
        widths = (self.width / columns,) * columns
        accent = hex_colour(self.layout.colours.accent)
        box = self.layout.colours.box
        rows = math.ceil(len(block.words) / columns) + 1
        # Kept whole (it moves to the next page if it must) when it takes at most half a
        # page; a taller one (a long bank, or large print) breaks between its rows: kept
        # whole, a 16 pt bank took its heading to page 2 and left page 1 the title alone.
        page = self.layout.page
        size = self.layout.font.size
        tall = rows * (size * 1.15 * 1.15 + 6) > (page.height - 2 * page.margin) * BANK_SHARE
        kept = 3 if tall or rows > 40 else rows - 1
        align = "center" if block.centred else "left"
        title = Cell((Run(block.title, bold=True),), align)
        # (its title a header row, which Word repeats over a part run on to the next page:
        # a student scanning page 1 missed the words on page 2)
        out = [
            table_start(widths, _box_borders(accent, 8), 2),
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
            self._cell(self.width, title, kept > 0, shade=box, span=columns),
            "</w:tr>",
        ]
        for row in range(1, rows):
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for column in range(columns):
                index = (row - 1) * columns + column
                cell = (
                    Cell((Run(block.words[index]),), align) if index < len(block.words) else Cell()
                )
                out.append(self._cell(widths[column], cell, row < kept, shade=box))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        self._spacer(8)

    def _box(self, block: Box) -> None:
        accent = hex_colour(self.layout.colours.accent)
        keep = "<w:keepNext/>"
        paragraphs = [
            paragraph_xml(self.style_ids["Table Text"], run_xml(block.title, bold=True), keep=True)
        ]
        paragraphs += [
            paragraph_xml(self.style_ids["List Bullet"], run_xml(item), keep=True)
            for item in block.items
        ]
        fill = hex_colour(self.layout.colours.box)
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        self.parts.append(
            table_start((self.width,), _box_borders(accent, 6), 4)
            + "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"
            f'<w:tcW w:w="{twips(self.width)}" w:type="dxa"/>{shade}</w:tcPr>'
            + "".join(paragraphs)
            + "</w:tc></w:tr></w:tbl>"
        )
        self._spacer(8, keep)

    def _lines(self, block: WritingLines, count: int) -> None:
        """Writing lines: a one-column table with only horizontal rules, rows of exact
        height (a row never splits, so a line is never cut by a page break)."""
        muted = hex_colour(self.layout.colours.muted)
        line = f'w:val="single" w:sz="4" w:space="0" w:color="{muted}"'
        borders = (
            f'<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/>'
            f'<w:bottom {line}/><w:right w:val="nil"/><w:insideH {line}/>'
            '<w:insideV w:val="nil"/></w:tblBorders>'
        )
        row_props = (
            f'<w:trPr><w:cantSplit/><w:trHeight w:val="{twips(block.pitch)}" '
            'w:hRule="exact"/></w:trPr>'
        )
        cell = f'<w:tc><w:tcPr><w:tcW w:w="{twips(self.width)}" w:type="dxa"/></w:tcPr>'
        # The heading and question never end a page without a few lines under them.
        rows = [
            f"<w:tr>{row_props}{cell}"
            + ("<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" if index < 3 else "<w:p/>")
            + "</w:tc></w:tr>"
            for index in range(count)
        ]
        self.parts.append(table_start((self.width,), borders, 0) + "".join(rows) + "</w:tbl>")

    def _figure(self, block: Figure) -> None:
        self.figures.append(block)
        number = len(self.figures)
        self._paragraph("Normal", drawing_xml(number, f"rIdFigure{number}", block))

    def _spacer(self, points: float, extra: str = "") -> None:
        """A small empty paragraph: Word needs one between two tables, or it merges them."""
        self.last_spacer = (
            f'<w:p><w:pPr><w:pStyle w:val="{self.style_ids["Normal"]}"/>{extra}'
            f'<w:spacing w:before="0" w:after="0" w:line="{twips(points)}" '
            'w:lineRule="exact"/></w:pPr></w:p>'
        )
        self.parts.append(self.last_spacer)


def run_xml(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    script: str = "",
    colour: str | None = None,
    size: float | None = None,
    body: float | None = None,
) -> str:
    """One w:r; tabs and line breaks become w:tab and w:br. A `script` is Word's own size
    and place, or with `body` (the text's size) `size` points raised or lowered by hand."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if colour:
        props += f'<w:color w:val="{colour}"/>'
    if script and body:  # (w:position comes before w:sz in a w:rPr)
        props += f'<w:position w:val="{round(2 * WORKSHEET_RISE[script] * body)}"/>'
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/>'
    if script and not body:
        props += f'<w:vertAlign w:val="{"subscript" if script == "sub" else "superscript"}"/>'
    content = []
    for index, line in enumerate(text.split("\n")):
        if index:
            content.append("<w:br/>")
        for position, piece in enumerate(line.split("\t")):
            if position:
                content.append("<w:tab/>")
            for part, chunk in enumerate(piece.split(SOFT_HYPHEN)):
                if part:
                    content.append("<w:softHyphen/>")
                if chunk:
                    content.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(content)}</w:r>"


def paragraph_xml(
    style_id: str,
    content: str,
    *,
    keep: bool = False,
    page_break: bool = False,
    numbering: str = "",
    extra: str = "",
) -> str:
    """One w:p with its w:pPr children in schema order (pStyle, keepNext, pageBreakBefore,
    numPr, then `extra`: tabs, spacing, jc)."""
    props = (
        f'<w:pStyle w:val="{style_id}"/>'
        + ("<w:keepNext/>" if keep else "")
        + ("<w:pageBreakBefore/>" if page_break else "")
        + numbering
        + extra
    )
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def table_start(widths: tuple[float, ...], borders: str, padding: float) -> str:
    """A Table Grid table's w:tblPr and w:tblGrid: fixed column widths, light rules."""
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths)
    margins = (
        f'<w:tblCellMar><w:top w:w="{twips(padding)}" w:type="dxa"/>'
        f'<w:left w:w="{CELL_PADDING}" w:type="dxa"/>'
        f'<w:bottom w:w="{twips(padding)}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_PADDING}" w:type="dxa"/></w:tblCellMar>'
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{twips(sum(widths))}" w:type="dxa"/><w:jc w:val="left"/>'
        # Word sets a cell's text, not its border, on the margin: indent the table by
        # the cell padding, so that boxes and rules line up with the text.
        f'<w:tblInd w:w="{CELL_PADDING}" w:type="dxa"/>{borders}'
        f'<w:tblLayout w:type="fixed"/>{margins}'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def _all_borders(colour: str, size: int) -> str:
    line = f'w:val="single" w:sz="{size}" w:space="0" w:color="{colour}"'
    return (
        "<w:tblBorders>"
        + "".join(
            f"<w:{side} {line}/>"
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )


def _box_borders(colour: str, size: int) -> str:
    line = f'w:val="single" w:sz="{size}" w:space="0" w:color="{colour}"'
    return (
        "<w:tblBorders>"
        + "".join(f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right"))
        + '<w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
        "</w:tblBorders>"
    )


def drawing_xml(number: int, rel_id: str, figure: Figure) -> str:
    """An inline picture with its alternative text as the description."""
    cx, cy = round(figure.width * EMU_PER_POINT), round(figure.height * EMU_PER_POINT)
    alt = esc(figure.alt)
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="Picture {number}" '
        f'descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
        "</wp:cNvGraphicFramePr><a:graphic "
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
        f'<pic:cNvPr id="{number}" name="figure{number}" descr="{alt}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
        "</w:drawing></w:r>"
    )


SOFT_HYPHEN = "\u00ad"
CHARACTER_WIDTH = 0.6
"""A generous character width, in ems: a word this wide or wider than its cell may break."""


def soft_hyphens(text: str, hyphenator: Hyphenator, ems: float) -> str:
    """`text` with a soft hyphen at each hyphenation point of every word that may be too
    long for a line `ems` ems wide (a soft hyphen prints only where Word breaks the word)."""
    if len(text) * CHARACTER_WIDTH <= ems:
        return text
    words = text.split(" ")
    for index, word in enumerate(words):
        if len(word) * CHARACTER_WIDTH > ems:
            # (Word breaks after a hyphen of the word's own: a soft hyphen there would
            # print a second.)
            points = [p for p in hyphenator.points(word) if not after_hyphen(word, p)]
            for point in reversed(points):
                word = word[:point] + SOFT_HYPHEN + word[point:]
            words[index] = word
    return " ".join(words)


def lines_left(above: list[Block], block: WritingLines, layout: Layout) -> int:
    """How many ruled lines fill the page under `above` (the blocks since the last page
    break), by an estimate of their height as Word lays them out, less LINES_SLACK; never
    fewer lines than asked. (The running header and footer print in the margins:
    package.py sets them 0.45 of a margin from the edge.)"""
    if not block.fill_page:
        return block.count
    size, spacing = layout.font.size, layout.font.line_spacing
    usable = layout.page.height - 2 * layout.page.margin - LINES_SLACK
    width = layout.page.width - 2 * layout.page.margin
    used = 0.0
    for item in above:
        if isinstance(item, Heading):
            used += (size + 3) * 1.25 + 20
        elif isinstance(item, Paragraph):
            text = "".join(p.text if isinstance(p, Run) else "_" * p.length for p in item.content)
            big = size + 1 if item.style == "question" else size
            lines = max(1, math.ceil(len(text) * big * 0.52 / width))
            used += lines * big * spacing * 1.1 + 10
        elif isinstance(item, Box):
            used += (len(item.items) + 1) * size * spacing * 1.2 + 16
        elif isinstance(item, Figure):
            used += item.height + 12
        else:  # a table: one row a line, generously
            rows = len(getattr(item, "rows", ())) + 1
            used += rows * size * 2.4
    fits = int((usable - used) // block.pitch)
    if fits >= block.count:
        return fits
    # Not enough room left on this page: the lines run on to the next, and fill it too.
    return block.count + max(0, int(usable // block.pitch) - (block.count - max(fits, 0)))


LINES_SLACK = 12.0
"""Points of a page's height that lines_left leaves unused, for its estimate's error: a
line more than the page holds would start a page of its own."""


BANK_SHARE = 0.5
"""The most of a page's height a word bank takes and is still kept whole."""


def _table_height(block: Table, size: float) -> float:
    """About how tall `block` prints, in points: each row as tall as its room to write or
    its longest cell's lines (a character taken as half the type size wide)."""
    line = size * 1.15 * 1.15
    height = 0.0
    for row in ((block.header,) if block.header else ()) + block.rows:
        lines = 1
        for cell, width in zip(row, block.widths, strict=True):
            chars = sum(len(p.text) if isinstance(p, Run) else p.length for p in cell.content)
            lines = max(lines, math.ceil(chars * size * 0.5 / max(width - 10, 1)))
        natural = lines * line + 6
        height += max(natural, block.row_height) if row is not block.header else natural
    return height
