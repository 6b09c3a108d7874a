"""The worksheet's text spaced as the summary's and the chart's: a number kept with its
unit ('5 km', '300 000', '× 10⁵', 'AD 476', 'F = ma'; revpack.loading.typography), by
no-break spaces in the model's paragraphs and table cells, so that the PDF, the DOCX and
the HTML all lay them out alike. (Headings are left as they are: a writer finds an
exercise by its heading's words.)

A blank stands in the text as a character that no rule keeps with a word, so it is never
glued to the words beside it (a line may always break before or after it); its number,
its answer and the word bank are left as typed (students write them back)."""

from __future__ import annotations

import re
from dataclasses import replace

from revpack.loading.typography import NO_BREAK, unit_places
from revpack.memo import Memo
from revpack.worksheet.document import Blank, Block, Cell, Inline, Paragraph, Table

_MAYBE = re.compile("[\\d⁰¹²³⁴⁵⁶⁷⁸⁹×+−=∝≈≠≤≥→⇌⇄⟶÷—–(/Ω]|\\b\\w\\. \\w\\.|\\b[NJWVA] [ms]\\b")
"""What every place `unit_places` finds is next to (a digit, an operator, a dash, a
bracket, a slash (a verse's line break, a unit's 'm/s'), 'Ω', an abbreviation of one-letter
words, a compound unit's 'N m'): text without one (most of a sheet's) is not looked at
further."""
PLACES: Memo[frozenset[int]] = Memo("worksheet number spaces", 8192)
"""A text → where its spaces become no-break: the same texts come back in every class's
sheet (and again as the sheet is assembled)."""

BLANK = "\ufffc"
"""What a blank counts as in the text it stands in: the object replacement character,
neither a word's nor a number's."""


def spaced(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """`blocks` with the spaces in numbers and after them no-break."""
    return tuple(_block(block) for block in blocks)


def spaced_paragraph(paragraph: Paragraph) -> Paragraph:
    """`paragraph` with the spaces in numbers and after them no-break."""
    content = _content(paragraph.content)
    return paragraph if content is paragraph.content else replace(paragraph, content=content)


def _block(block: Block) -> Block:
    if isinstance(block, Paragraph):
        return spaced_paragraph(block)
    if isinstance(block, Table):
        rows = tuple(_row(row) for row in block.rows)
        header = _row(block.header)
        if all(map(_same, rows, block.rows)) and header is block.header:
            return block
        return replace(block, rows=rows, header=header)
    return block


def _same(a: object, b: object) -> bool:
    return a is b


def _row(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    cells = tuple(_cell(cell) for cell in row)
    return row if all(map(_same, cells, row)) else cells


def _cell(cell: Cell) -> Cell:
    content = _content(cell.content)
    return cell if content is cell.content else replace(cell, content=content)


def _content(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Runs and blanks with the spaces in and after their numbers no-break (the same tuple
    when there are none)."""
    whole = "".join(BLANK if isinstance(piece, Blank) else piece.text for piece in content)
    if _MAYBE.search(whole) is None:
        return content
    found = PLACES.get(whole, lambda: frozenset(unit_places(whole)))
    if not found:
        return content
    out: list[Inline] = []
    start = 0
    for piece in content:
        if isinstance(piece, Blank):
            out.append(piece)
            start += 1
            continue
        end = start + len(piece.text)
        inside = {at - start for at in found if start <= at < end}
        if inside:
            piece = replace(piece, text=_no_break(piece.text, inside))
        out.append(piece)
        start = end
    return tuple(out)


def _no_break(text: str, places: set[int]) -> str:
    """`text` with the spaces at `places` no-break (`text` itself when there are none)."""
    if not places:
        return text
    chars = list(text)
    for at in places:
        if chars[at] == " ":
            chars[at] = NO_BREAK
    return "".join(chars)
