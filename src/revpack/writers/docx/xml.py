"""Small WordprocessingML helpers for what python-docx has no API for.

Word refuses a file whose property elements are out of schema order, so every element
added here goes through `insert_ordered` with the order ECMA-376 prescribes.
"""

from __future__ import annotations

from functools import cache

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.text.font import CT_RPr
from lxml import etree

from revpack.writers.docx.wordml import hex_colour

PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
"""Children of w:pPr, in schema order."""
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
"""Children of w:tblBorders / w:tcBorders, in schema order (w:pBdr uses the first four
plus `between`)."""


def element(tag: str, **attributes: str | int) -> etree._Element:
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


def insert_ordered(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> None:
    """Put `child` into `parent`, replacing a same-named child, in schema order."""
    name = child.tag.split("}")[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.replace(old, child)
        return
    later = order[order.index(name) + 1 :]
    for sibling in parent:
        if sibling.tag.split("}")[-1] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def borders(
    tag: str,
    colour: str,
    size: float = 0.5,
    sides: tuple[str, ...] = BORDER_SIDES,
    none: tuple[str, ...] = (),
) -> etree._Element:
    """A w:`tag` border group: single lines `size` points wide on `sides`, none on `none`."""
    group = element(tag)
    for side in ("top", "left", "bottom", "right", "between", "insideH", "insideV"):
        if side in sides:
            group.append(
                element(
                    side,
                    val="single",
                    sz=max(2, round(size * 8)),
                    space=0,
                    color=hex_colour(colour),
                )
            )
        elif side in none:
            group.append(element(side, val="nil"))
    return group


def paragraph_border(
    pPr: etree._Element,
    colour: str,
    size: float,
    sides: tuple[str, ...] = ("bottom",),
    space: float = 4,
) -> None:
    """A rule beside a paragraph (or a paragraph style's pPr), `space` points from it."""
    group = borders("pBdr", colour, size, sides)
    for side in group:
        side.set(qn("w:space"), str(round(space)))
    insert_ordered(pPr, group, PPR_ORDER)


def set_typeface(rPr: CT_RPr, typeface: str) -> None:
    """Name `typeface` for every script in a run or style's rPr, dropping theme fonts
    (a theme font wins over a named one in Word)."""
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rPr.get_or_add_rFonts()
    for name in list(fonts.attrib):
        # lxml's attribute names are str (its types also allow bytes, which it never gives).
        if isinstance(name, str) and (name.endswith("Theme") or name.endswith("theme")):
            del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), typeface)
