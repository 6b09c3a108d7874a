"""The worksheet PDF's embedded font subsets, made once per set of characters.

reportlab numbers a face's characters in the order a document first draws them, then cuts
and compresses a subset of the font file for every document at save time: for a pack,
the same glyphs class after class, in an order that the shuffled word bank and matching
table change. Here every character a document will draw is numbered first, in a fixed
order (`reserve`), so that the same topic gives the same subsets, and each subset's
compressed font file is kept in a memo table (`embed`). The bytes written are those
reportlab writes for the same numbering.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFObjectReference
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    TTFontFace,
    makeToUnicodeCMap,
)
from reportlab.platypus import Flowable

from revpack.memo import Memo
from revpack.render.pdf.worksheet_grid import Grid, Plain, Shaded, Together
from revpack.render.pdf.worksheet_lines import TextBlock

SUBSETS: Memo[tuple[int, bytes]] = Memo("worksheet PDF font subsets", 48)
"""(font file, characters in code order, compressed) → (length, the font file's bytes)."""
DIGITS = "0123456789"
"""Page numbers: drawn only when the document is saved, so reserved up front."""


def characters(flowables: Iterable[Flowable], faces: dict[str, set[str]]) -> None:
    """Add the characters each face draws in `flowables` to `faces` (face → characters)."""
    for flowable in flowables:
        if isinstance(flowable, TextBlock):
            for piece in flowable.pieces:
                faces.setdefault(piece.face, set()).update(piece.text)
            if flowable.bullet:
                faces.setdefault(flowable.style.bulletFontName, set()).update(flowable.bullet)
        elif isinstance(flowable, Grid):
            for row in ([flowable.header] if flowable.header else []) + flowable.rows:
                for cell in row.cells:
                    if isinstance(cell, Plain):
                        faces.setdefault(cell.face, set()).update(cell.text)
                    elif isinstance(cell, TextBlock):
                        characters([cell], faces)
        elif isinstance(flowable, Shaded):
            for cells in flowable.rows:
                characters(cells, faces)
        elif isinstance(flowable, Together):
            characters(flowable._content, faces)


def reserve(doc: PDFDocument, faces: dict[str, set[str]]) -> None:
    """Number every face's characters in `doc` before anything is drawn, in code-point
    order."""
    for face, chars in sorted(faces.items()):
        font = pdfmetrics.getFont(face)
        if isinstance(font, TTFont):
            font.splitString("".join(sorted(chars)), doc)


def embed(doc: PDFDocument) -> None:
    """Have `doc` embed its TrueType subsets through the memo table when it is saved."""
    doc.delayedFonts = [
        _Subsets(font) if isinstance(font, TTFont) else font for font in doc.delayedFonts
    ]


class _Subsets:
    """A document's use of one TrueType font: its subsets' PDF objects, as
    TTFont.addObjects makes them, the font files from the memo table."""

    def __init__(self, font: TTFont):
        self.font = font

    def addObjects(self, doc: PDFDocument) -> None:  # noqa: N802 - reportlab's name
        font = self.font
        state = font.state.get(doc) or font.state.setdefault(doc, TTFont.State(font._asciiReadable))
        state.frozen = 1
        face = font.face
        for number, subset in enumerate(state.subsets):
            internal = font.getSubsetInternalName(number, doc)[1:]
            base = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {font.fontName} subset {number}"
            pdf_font.Name = internal
            pdf_font.BaseFont = base
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = makeToUnicodeCMap(base, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            pdf_font.FontDescriptor = _descriptor(face, doc, base, subset)
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del font.state[doc]


def _descriptor(
    face: TTFontFace, doc: PDFDocument, name: str, subset: list[int]
) -> PDFObjectReference:
    """TTFontFace.addSubsetObjects, the compressed font file made once per subset."""
    compressed = bool(doc.compression)
    length, data = SUBSETS.get(
        (face.filename, tuple(subset), compressed), lambda: _font_file(face, subset, compressed)
    )
    font_file = pdfdoc.PDFStream()
    font_file.content = data
    font_file.dictionary["Length1"] = length
    if compressed:  # already applied: the stream writes the bytes as they are
        font_file.dictionary["Filter"] = pdfdoc.PDFArray(
            [pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)]
        )
    reference = doc.Reference(font_file, f"fontFile:{face.filename}({name})")
    flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
    descriptor = pdfdoc.PDFDictionary(
        {
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": flags,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(name),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": reference,
            "MissingWidth": face.defaultWidth,
        }
    )
    return doc.Reference(descriptor, "fontDescriptor:" + name)


def _font_file(face: TTFontFace, subset: list[int], compressed: bool) -> tuple[int, bytes]:
    data = face.makeSubset(subset)
    return len(data), pdfdoc.PDFZCompress.encode(data) if compressed else data
