"""A styled, empty DOCX for a layout, and its reproducible bytes.

The look lives in Word's built-in styles (Normal, Title, Subtitle, Heading 1/2, List
Number, List Bullet, Table Grid) and a few named paragraph styles of our own, never in
direct formatting of body text, so a teacher can restyle the whole sheet in one place.
"""

from __future__ import annotations

import datetime
import io

from docx import Document as OpenDocument
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles

from revpack import dates
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Audience
from revpack.options import of_kind
from revpack.options.worksheet import Options
from revpack.writers.docx import xml as x
from revpack.writers.docx.wordml import hex_colour
from revpack.writers.running_header import header_size

APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/docPropsVTypes"><Application>revpack</Application><DocSecurity>0'
    b"</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)
"""Extended properties naming revpack, instead of the template's word processor."""


def rgb(colour: str) -> RGBColor:
    """'#1F4E79' as a python-docx colour."""
    return RGBColor.from_string(hex_colour(colour))


def text_width(layout: Layout) -> float:
    """The width between the margins, in points."""
    return layout.page.width - 2 * layout.page.margin


PREPARED: Memo[bytes] = Memo("DOCX packages", 8)


def prepared(layout: Layout) -> bytes:
    """The layout's styled, empty package, made once per layout and process."""
    return PREPARED.get(layout, lambda: _prepared(layout))


def _prepared(layout: Layout) -> bytes:
    # Page and styles depend on the layout alone: set them up once per layout and process
    # (a pack makes the same layout's sheets for class after class), then reopen the bytes.
    document = OpenDocument()
    _drop_template_extras(document)
    _page(document.sections[0], layout)
    _paper(document, layout)
    _styles(document, layout)
    # Make the header and footer parts here, once, rather than for every sheet.
    document.sections[0].header.is_linked_to_previous = False
    document.sections[0].footer.is_linked_to_previous = False
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def moment(audience: Audience) -> datetime.datetime:
    """When the document says it was made: the audience's printed day, or a fixed one."""
    return dates.moment(audience.date)


def _drop_template_extras(document: DocxDocument) -> None:
    # The template's thumbnail shows some other document, and its app.xml names a word
    # processor that did not write this file.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML


def _page(section: Section, layout: Layout) -> None:
    page = layout.page
    section.orientation = (
        WD_ORIENT.LANDSCAPE if page.orientation == "landscape" else WD_ORIENT.PORTRAIT
    )
    section.page_width, section.page_height = Pt(page.width), Pt(page.height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(page.margin))
    section.header_distance = section.footer_distance = Pt(page.margin * 0.45)


BEFORE_BACKGROUND = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
)
"""The settings that come before `w:displayBackgroundShape`, in the schema's order."""


def _paper(document: DocxDocument, layout: Layout) -> None:
    # A tinted paper (the dyslexia layouts' cream) is the page's background colour, which
    # Word shows only where the settings ask it to and prints only where its print
    # options do ("Print background colors and images").
    colour = hex_colour(layout.colours.paper)
    if colour == "FFFFFF":
        return
    background = document.element.makeelement(qn("w:background"), {qn("w:color"): colour})
    document.element.insert(0, background)
    settings = document.settings.element
    shown = settings.makeelement(qn("w:displayBackgroundShape"), {})
    before = [child for child in settings if child.tag in {qn(t) for t in BEFORE_BACKGROUND}]
    if before:
        before[-1].addnext(shown)
    else:
        settings.insert(0, shown)


def _styles(document: DocxDocument, layout: Layout) -> None:
    styles = document.styles
    options = of_kind(layout.options, Options)
    typeface = options.typeface
    body = layout.font.size
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    x.set_typeface(defaults, typeface)
    defaults.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    for fonts in styles.element.iter(qn("w:rFonts")):
        x.set_typeface(fonts.getparent(), typeface)
    # Named on Normal too, so the Styles pane shows the font a teacher would change.
    x.set_typeface(styles["Normal"].element.get_or_add_rPr(), typeface)
    _style(styles["Normal"], body, layout.colours.text, after=4, line=layout.font.line_spacing)
    # Never a paragraph's line alone at the foot or the top of a page (every style is
    # based on Normal), as in the PDF.
    styles["Normal"].paragraph_format.widow_control = True
    title = _style(styles["Title"], body * 2, layout.colours.accent, bold=True, after=2)
    title.font.italic = False
    x.paragraph_border(title.element.get_or_add_pPr(), layout.colours.accent, 1.5, space=4)
    title.paragraph_format.space_after = Pt(6)
    subtitle = _style(styles["Subtitle"], body + 1, layout.colours.muted, after=10)
    subtitle.font.italic = False
    _style(
        styles["Heading 1"],
        body + 3,
        layout.colours.accent,
        bold=True,
        before=16,
        after=4,
        keep=True,
    )
    _style(
        styles["Heading 2"],
        body + 0.5,
        layout.colours.accent,
        bold=True,
        before=9,
        after=2,
        keep=True,
    )
    _style(styles["Heading 3"], body, layout.colours.text, bold=True, before=6, after=1, keep=True)
    _style(
        _own(styles, "Instructions"),
        body,
        layout.colours.muted,
        italic=options.italics,
        after=8,
        keep=True,
    )
    _style(
        _own(styles, "Gap Text"),
        body,
        layout.colours.text,
        after=5,
        line=max(layout.font.line_spacing, 1.5),
    )
    sub = _style(
        _own(styles, "Gap Sub-point"),
        body,
        layout.colours.text,
        after=3,
        line=max(layout.font.line_spacing, 1.5),
    )
    sub.base_style = styles["Gap Text"]
    sub.paragraph_format.left_indent = Pt(18)
    _style(_own(styles, "Question"), body + 1, layout.colours.text, bold=True, after=6, keep=True)
    _style(_own(styles, "Prompt"), body, layout.colours.text, after=8, keep=True)
    _style(_own(styles, "Table Text"), body, layout.colours.text, before=1, after=1, line=1.15)
    for name in ("List Number", "List Bullet", "List Bullet 2"):
        _style(styles[name], body, layout.colours.text, after=2)
    for name in ("Header", "Footer"):
        style = _style(styles[name], header_size(layout), layout.colours.muted, after=0, line=1.0)
        # The template's centre and right tabs are set for Letter paper; one right tab at
        # this layout's text width replaces them.
        style.paragraph_format.tab_stops.clear_all()
        style.paragraph_format.tab_stops.add_tab_stop(
            Pt(text_width(layout)), WD_TAB_ALIGNMENT.RIGHT
        )


def _style(
    style: ParagraphStyle,
    size: float,
    colour: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    keep: bool | None = None,
) -> ParagraphStyle:
    style.font.size = Pt(size)
    style.font.color.rgb = rgb(colour)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if keep is not None:
        fmt.keep_with_next = keep
    return style


def _own(styles: Styles, name: str) -> ParagraphStyle:
    """A named paragraph style of ours, based on Normal (found in the Styles pane)."""
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if not isinstance(style, ParagraphStyle):
        raise TypeError(f"python-docx made {name} a {type(style).__name__}")
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style
