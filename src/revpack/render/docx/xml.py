"""Small WordprocessingML helpers for what python-docx has no API for.

Word refuses a file whose property elements are out of schema order, so every element
added here goes through `insert_ordered` with the order ECMA-376 prescribes.
"""

from __future__ import annotations

from functools import cache

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Emu, Length

PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
             "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
             "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
"""Children of w:pPr, in schema order."""
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
"""Children of w:tblPr, in schema order."""
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
"""Children of w:tcPr, in schema order."""
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
"""Children of w:tblBorders / w:tcBorders, in schema order (w:pBdr uses the first four
plus `between`)."""


def element(tag: str, **attributes: str) -> OxmlElement:
    """A new w:`tag` element with w:-namespaced attributes."""
    # OxmlElement parses its "w:tag" argument on every call; a worksheet makes thousands
    # of elements, so the parser is asked directly with the tag's cached full name.
    node = oxml_parser.makeelement(_clark(tag), nsmap=_W)
    for name, value in attributes.items():
        node.set(_clark(name), str(value))
    return node


_W = {"w": nsmap["w"]}


@cache
def _clark(name: str) -> str:
    return qn(f"w:{name}")


def insert_ordered(parent, child, order: tuple[str, ...]) -> None:
    """Put `child` into `parent`, replacing a same-named child, in schema order."""
    name = child.tag.split("}")[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.replace(old, child)
        return
    later = order[order.index(name) + 1:]
    for sibling in parent:
        if sibling.tag.split("}")[-1] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def hex_colour(colour: str) -> str:
    """'#1f4e79' → '1F4E79', as OOXML writes colours."""
    return colour.lstrip("#").upper()


def twips(length: Length | float) -> int:
    """A python-docx Length (or points as a float) in twentieths of a point."""
    if isinstance(length, Length):
        return round(Emu(length).pt * 20)
    return round(length * 20)


def borders(tag: str, colour: str, size: float = 0.5, sides=BORDER_SIDES,
            none=()) -> OxmlElement:
    """A w:`tag` border group: single lines `size` points wide on `sides`, none on `none`."""
    group = element(tag)
    for side in ("top", "left", "bottom", "right", "between", "insideH", "insideV"):
        if side in sides:
            group.append(element(side, val="single", sz=max(2, round(size * 8)), space=0,
                                 color=hex_colour(colour)))
        elif side in none:
            group.append(element(side, val="nil"))
    return group


def paragraph_border(pPr, colour: str, size: float, sides=("bottom",),
                     space: float = 4) -> None:
    """A rule beside a paragraph (or a paragraph style's pPr), `space` points from it."""
    group = borders("pBdr", colour, size, sides)
    for side in group:
        side.set(qn("w:space"), str(round(space)))
    insert_ordered(pPr, group, PPR_ORDER)


def shade(props, fill: str, order: tuple[str, ...]) -> None:
    """A solid background behind a paragraph, cell or table (`props` is its *Pr)."""
    insert_ordered(props, element("shd", val="clear", color="auto", fill=hex_colour(fill)),
                   order)


def shade_cell(cell, fill: str) -> None:
    """A solid background behind one table cell."""
    shade(cell._tc.get_or_add_tcPr(), fill, TCPR_ORDER)


def table_borders(table, colour: str, size: float = 0.5, sides=BORDER_SIDES) -> None:
    """Border the table's outside and inside lines; sides not named get no line."""
    group = borders("tblBorders", colour, size, sides,
                    none=[s for s in BORDER_SIDES if s not in sides])
    insert_ordered(table._tbl.tblPr, group, TBLPR_ORDER)


def fixed_widths(table, widths: list[float]) -> None:
    """Column widths in points, laid out fixed so every application agrees with Word."""
    tblPr = table._tbl.tblPr
    insert_ordered(tblPr, element("tblW", w=twips(sum(widths)), type="dxa"), TBLPR_ORDER)
    insert_ordered(tblPr, element("tblLayout", type="fixed"), TBLPR_ORDER)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(twips(width)))
    for row in cells(table):
        for cell, width in zip(row, widths, strict=True):
            tcPr = cell._tc.get_or_add_tcPr()
            insert_ordered(tcPr, element("tcW", w=twips(width), type="dxa"), TCPR_ORDER)


def cell_margins(table, top: float, bottom: float, left: float, right: float) -> None:
    """Padding inside every cell of the table, in points."""
    margins = element("tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        margins.append(element(side, w=twips(value), type="dxa"))
    insert_ordered(table._tbl.tblPr, margins, TBLPR_ORDER)


def keep_rows_whole(table, header_rows: int = 0) -> None:
    """No row splits across a page; the first `header_rows` repeat on every page."""
    for index, row in enumerate(table.rows):
        trPr = row._tr.get_or_add_trPr()
        # CT_TrPr is a choice group: any order is valid.
        trPr.append(element("cantSplit"))
        if index < header_rows:
            trPr.append(element("tblHeader"))


def exact_row_height(row, points: float) -> None:
    """A row exactly `points` tall (ruled writing lines)."""
    row._tr.get_or_add_trPr().append(element("trHeight", val=twips(points), hRule="exact"))


def set_typeface(rPr, typeface: str) -> None:
    """Name `typeface` for every script in a run or style's rPr, dropping theme fonts
    (a theme font wins over a named one in Word)."""
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rPr.get_or_add_rFonts()
    for name in list(fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), typeface)


def simple_field(paragraph, instruction: str, shown: str) -> None:
    """A field such as PAGE, with `shown` as its text until the application updates it."""
    field = element("fldSimple", instr=f" {instruction} ")
    run = element("r")
    text = element("t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def restart_numbering(document, paragraphs) -> None:
    """Make `paragraphs` (all in one numbered style) a list that starts again at 1."""
    if not paragraphs:
        return
    numbering = document.part.numbering_part.element
    style_numPr = paragraphs[0].style.element.pPr.numPr
    abstract = numbering.num_having_numId(style_numPr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for paragraph in paragraphs:
        numPr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_ilvl().val = 0
        numPr.get_or_add_numId().val = num.numId


def cells(grid, fresh: bool = False) -> list[list]:
    """The table's cells as rows of cells, a merged cell repeated across its columns.

    python-docx's `table.rows[i].cells` works out the whole table's grid on every call,
    which made filling a table take time in proportion to the square of its rows; revpack
    merges cells only across a row, so one pass over the rows gives the same grid. The
    grid is kept on the table; after merging cells, ask for it `fresh`.
    """
    from docx.table import _Cell

    if fresh or getattr(grid, "_grid_cells", None) is None:
        grid._grid_cells = [[cell for tc in tr.iterchildren(_clark("tc"))
                             for cell in [_Cell(tc, grid)] * _span(tc)]
                            for tr in grid._tbl.iterchildren(_clark("tr"))]
    return grid._grid_cells


def _span(tc) -> int:
    """How many grid columns a w:tc spans."""
    span = tc.find(f"{_clark('tcPr')}/{_clark('gridSpan')}")
    return 1 if span is None else int(span.get(_clark("val")))


def keep_with_next(paragraph) -> None:
    """Keep `paragraph` on the same page as the next one (w:keepNext, placed after the
    paragraph's style, where the schema wants it)."""
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:keepNext")) is None:
        ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, element("keepNext"))


_STYLE_IDS: dict[str, str] = {}


def set_style(paragraph, name: str, document=None) -> None:
    """Give `paragraph` the style called `name`, by id.

    python-docx's `paragraph.style = name` scans every style on each call, and its element
    setters search for each child's place; a worksheet sets some 350 styles. w:pStyle is
    always the first child of w:pPr, and w:pPr the first of w:p, so both go in directly.
    """
    p = paragraph._p
    ppr = p.find(_clark("pPr"))
    if ppr is None:
        ppr = element("pPr")
        p.insert(0, ppr)
    pstyle = ppr.find(_clark("pStyle"))
    if pstyle is None:
        pstyle = element("pStyle")
        ppr.insert(0, pstyle)
    pstyle.set(_clark("val"), style_id(document or paragraph.part.document, name))


def style_id(document, name: str) -> str:
    """The id of the style called `name` (ids follow from names, so one lookup serves
    every document made from revpack's template)."""
    if name not in _STYLE_IDS:
        _STYLE_IDS[name] = document.styles[name].style_id
    return _STYLE_IDS[name]

