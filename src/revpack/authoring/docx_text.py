"""The text of a Word document as a teacher sees it: every paragraph and table in order,
also inside content controls; in each paragraph, text added with Track Changes, fields'
results and hyperlinks, but not deleted text or field codes; bold, italic, subscripts and
superscripts as a source writes them (`**bold**`, `*italic*`, `H~2~O`, `x^2^`); lines
broken with Shift+Enter kept apart; and the paragraphs of text boxes.

python-docx's `Paragraph.text` reads only a paragraph's own runs and hyperlinks: a
tracked insertion, a content control or a simple field in it was lost."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P

from revpack.authoring.blocks import clean

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_RUN = _w("r")
_WRAPPERS = frozenset(
    _w(name)
    for name in ("hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "fldSimple")
) | {_w("customXml")}
"""Elements whose runs are part of the paragraph's text."""
_BODY_WRAPPERS = frozenset({_w("sdt"), _w("sdtContent"), _w("customXml")})
"""Elements around paragraphs and tables in a body or a cell (content controls)."""
_TEXT_BOX = _w("txbxContent")
_FALLBACK = f"{{{_MC}}}Fallback"
_LINE_BREAKS = (None, "textWrapping")
"""The w:br types that end a line (Shift+Enter), not a page or column."""
_ON = {None, "1", "true", "on"}
"""The values of a w:b or w:i that turn it on (none written means on)."""


TABS = re.compile(r"[ \t]*\t[ \t]*")
"""Tabs between words, with the spaces around them."""
TERM = re.compile(r"[^\W\d_]{2}[^\W_]*(?:[ '’-][^\W\d_]+){0,2}")
"""A term a tab may set from its meaning: one to three words of letters, the first of two
letters at least (not a typed bullet 'o', a number '1' or 'Q1.', nor a sentence)."""
MARKUP = ("*", "~", "^", "==")
"""A source's markup characters: text holding one is not marked up."""


@dataclass(frozen=True)
class _Piece:
    """Some characters of a run, with how they are set."""

    text: str
    """The characters."""
    bold: bool
    """Whether they are bold."""
    italic: bool
    """Whether they are italic."""
    script: str
    """"", "sub" or "super"."""


def blocks_of(parent: _Element) -> Iterator[CT_P | CT_Tbl]:
    """The w:p and w:tbl elements of a body or table cell, in order, also those inside
    content controls (not a control's placeholder, 'Click or tap here to enter text.').
    python-docx reads every w:p as a CT_P and every w:tbl as a CT_Tbl."""
    for child in parent.iterchildren():
        if isinstance(child, CT_P | CT_Tbl):
            yield child
        elif child.tag in _BODY_WRAPPERS and not _placeholder(child):
            yield from blocks_of(child)


def _placeholder(element: _Element) -> bool:
    """Whether `element` is a content control showing its placeholder, not text typed."""
    props = element.find(_w("sdtPr")) if element.tag == _w("sdt") else None
    return props is not None and props.find(_w("showingPlcHdr")) is not None


def lines_of(paragraph: _Element) -> list[str]:
    """The lines of a w:p, each with its markup and white space made single spaces, empty
    lines left out (a paragraph is one line unless broken with Shift+Enter)."""
    return read_lines(paragraph)[0]


def read_lines(paragraph: _Element) -> tuple[list[str], bool]:
    """`lines_of` the w:p, and whether every word of it is bold (a line in bold is a
    heading: `_marked` drops its bold, and the notes reader takes the line for one)."""
    lines: list[list[_Piece]] = [[]]
    for run in _runs(paragraph):
        _read_run(run, lines)
    words = [piece for line in lines for piece in line if piece.text.strip()]
    texts = (_marked(line) for line in lines)
    return [text for text in texts if text], bool(words) and all(p.bold for p in words)


def text_boxes(paragraph: _Element) -> list[CT_P]:
    """The w:p elements of the text boxes in a w:p (each box once: Word keeps a second
    copy for older readers)."""
    found: list[CT_P | CT_Tbl] = []
    for box in paragraph.iter(_TEXT_BOX):
        ancestors = list(box.iterancestors())
        if any(a.tag == _FALLBACK for a in ancestors):
            continue
        if any(a.tag == _TEXT_BOX for a in ancestors):
            continue  # (a box in a box: read with the outer one)
        found += list(blocks_of(box))
    return [p for p in found if isinstance(p, CT_P)]


def _runs(element: _Element) -> Iterator[_Element]:
    for child in element.iterchildren():
        if child.tag == _RUN:
            yield child
        elif child.tag in _WRAPPERS and not _placeholder(child):
            yield from _runs(child)


def _read_run(run: _Element, lines: list[list[_Piece]]) -> None:
    props = run.find(_w("rPr"))
    bold = _on(props, "b") or _styled(props, ("Strong",))
    italic = _on(props, "i") or _styled(props, ("Emphasis",))
    script = _script(props)
    for child in run.iterchildren():
        tag = child.tag
        if tag == _w("t"):
            text = child.text or ""
        elif tag in (_w("tab"), _w("ptab")):
            text = "\t"
        elif tag == _w("noBreakHyphen"):
            text = "-"
        elif tag == _w("cr") or (tag == _w("br") and child.get(_w("type")) in _LINE_BREAKS):
            lines.append([])
            continue
        elif tag == _w("br"):  # a page or column break
            text = " "
        else:
            continue  # field codes, deleted text, drawings, properties
        lines[-1].append(_Piece(text, bold, italic, script))


def _on(props: _Element | None, name: str) -> bool:
    if props is None:
        return False
    element = props.find(_w(name))
    return element is not None and element.get(_w("val")) in _ON


def _styled(props: _Element | None, names: tuple[str, ...]) -> bool:
    if props is None:
        return False
    style = props.find(_w("rStyle"))
    return style is not None and style.get(_w("val")) in names


def _script(props: _Element | None) -> str:
    if props is None:
        return ""
    align = props.find(_w("vertAlign"))
    value = align.get(_w("val")) if align is not None else None
    return {"subscript": "sub", "superscript": "super"}.get(value or "", "")


def _marked(pieces: list[_Piece]) -> str:
    """A line's pieces as source text: single spaces, bold and italic marked unless the
    whole line is (a line in bold is a heading, not a key phrase), sub- and superscripts
    marked where they hold no space."""
    words = [p for p in pieces if p.text.strip()]
    if not words:
        return ""
    all_bold = all(p.bold for p in words)
    all_italic = all(p.italic for p in words)
    out = []
    for bold, italic, script, text in _merged(pieces, all_bold, all_italic):
        out.append(_mark(text, bold, italic, script))
    text = "".join(out).strip()
    return clean(TABS.sub(lambda tab: _tab(text, tab.start()), text))


def _tab(text: str, at: int) -> str:
    """What a tab at `at` in `text` stands for: after a term, the gap that sets it from its
    meaning ('Entente⇥⇥a friendly …'), written ' – ' as a table's cells are; after anything
    else (a bullet or number typed by hand, 'Q1.', a sentence, a colon), only space."""
    before = text[:at].strip()
    # (and after a date: '14 October 1962⇥U-2 photos show the sites', a list of dates)
    return " – " if TERM.fullmatch(before) or DATE_BEFORE.search(before) else " "


DATE_BEFORE = re.compile(r"(?:^|\s)(?:1[0-9]{3}|20[0-9]{2})$")
"""A year that ends the text before a tab (the date of a line of a list of dates)."""


def _merged(
    pieces: list[_Piece], all_bold: bool, all_italic: bool
) -> list[tuple[bool, bool, str, str]]:
    """(bold, italic, script, text) runs of the line, neighbours set alike joined."""
    merged: list[tuple[bool, bool, str, str]] = []
    for piece in pieces:
        bold = piece.bold and not all_bold
        italic = piece.italic and not all_italic
        if not piece.text.strip():  # spaces take the setting of what they join
            bold, italic = (merged[-1][0], merged[-1][1]) if merged else (False, False)
        key = (bold, italic, piece.script)
        if merged and merged[-1][:3] == key:
            merged[-1] = (*key, merged[-1][3] + piece.text)
        else:
            merged.append((*key, piece.text))
    return merged


def _mark(text: str, bold: bool, italic: bool, script: str) -> str:
    """`text` with its markup, the markers inside any space around it."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if any(mark in core for mark in MARKUP):
        return text  # (markup around '5*' or 'x^2' would read otherwise: left plain)
    if script and not any(c.isspace() for c in core):
        sign = "~" if script == "sub" else "^"
        core = f"{sign}{core}{sign}"
    if italic:
        core = f"*{core}*"
    if bold:
        core = f"**{core}**"
    return lead + core + trail
