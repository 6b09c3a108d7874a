"""Every PDF's embedded font subsets, numbered up front and made once per set of characters.

reportlab numbers a face's characters in the order a document first draws them, then cuts
and compresses a subset of the font file for every document at save time: for a pack,
the same glyphs class after class, in an order that a class's name, a shuffled word bank
or a matching table changes. Here every character a document will draw is numbered first,
in a fixed order (`reserve`), so that the same topic gives the same subsets, and each
subset's compressed font file is kept in a memo table (`embed`). The bytes written are
those reportlab writes for the same numbering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFObjectReference
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    TTFont,
    TTFontFace,
    makeToUnicodeCMap,
)

from revpack import fonts
from revpack.labels import Labels
from revpack.memo import Memo
from revpack.model import Source

SUBSETS: Memo[tuple[int, bytes]] = Memo("PDF font subsets", 64)
"""(font file, characters in code order, compressed) → (length, the font file's bytes)."""


DRAWN_BY_CODE = "0123456789 -‐–—•·…:()/"
"""Characters a document draws besides its texts and labels: numbers, bullets, hyphens at
line breaks, separators."""


def source_faces(source: Source, labels: Labels) -> dict[str, set[str]]:
    """Face → the characters of the source's texts, its labels and `DRAWN_BY_CODE`, in
    every face a sheet may set them in (italic ones only when the source has italics):
    a superset of what a summary or chart draws, the same for every class of a pack."""
    styles = [(False, False), (True, False)]
    if source.uses_italic:
        styles += [(False, True), (True, True)]
    texts = [text.plain for text in source.all_texts()]
    for _, value in labels.entries:
        texts += [value] if isinstance(value, str) else [text for _, text in value]
    texts.append(DRAWN_BY_CODE)
    return faces_of(texts, styles)


def reserve_source(doc: PDFDocument, source: Source, labels: Labels) -> None:
    """Number, in `doc`, every character a sheet of `source` may draw (`source_faces`),
    the same for every class of a pack."""
    reserve(doc, CHARACTERS.get((source, labels), lambda: source_faces(source, labels)))


CHARACTERS: Memo[dict[str, set[str]]] = Memo("characters of sources", 16)
"""Per (source, labels): the characters each face may draw."""


def faces_of(texts: Iterable[str], styles: Iterable[tuple[bool, bool]]) -> dict[str, set[str]]:
    """Face → the characters of `texts` it would draw, for each (bold, italic) style:
    what `reserve` needs when a document may set any of its texts in any of the styles."""
    faces: dict[str, set[str]] = {}
    chosen = tuple(styles)
    for text in texts:
        for bold, italic in chosen:
            for chunk, face in fonts.runs(text, bold, italic):
                faces.setdefault(face, set()).update(chunk)
    return faces


def codes_of(doc: PDFDocument, face: str) -> dict[int, int] | None:
    """The codes `face`'s characters have been given in `doc` (up front or as drawn), as
    the live table; None when `face` is not a TrueType face or has numbered nothing there."""
    font = pdfmetrics._fonts.get(face)  # (getFont would look for a font not registered)
    state = font.state.get(doc) if isinstance(font, TTFont) else None
    return None if state is None else state.assignments


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
            base = b"".join((_tag(face, subset), b"+", face.name, face.subfontNameX)).decode(
                "pdfdoc"
            )
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {font.fontName} subset {number}"
            pdf_font.Name = internal
            pdf_font.BaseFont = base
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            compressed = bool(doc.compression)
            made = MADE.get(
                (face.filename, base, tuple(subset), compressed),
                partial(_made, face, base, subset, compressed, doc),
            )
            pdf_font.Widths = _Formatted(made.widths)
            cmap = pdfdoc.PDFStream()
            cmap.content = made.cmap
            if compressed:  # already applied: the stream writes the bytes as they are
                cmap.dictionary["Filter"] = pdfdoc.PDFArray(
                    [pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)]
                )
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base)
            pdf_font.FontDescriptor = _descriptor(face, doc, base, subset)
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del font.state[doc]


def _tag(face: TTFontFace, subset: list[int]) -> bytes:
    """A subset's six-capital tag, from what it holds (reportlab numbers them, so every
    document's first subset of a font was 'AAAAAA+DejaVuSans'; in a class's print PDF,
    documents joined, eleven different subsets had one name, which the PDF standard
    forbids and some printers' font caches confuse)."""
    digest = hashlib.sha256(face.name + b"\0" + ",".join(map(str, subset)).encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(6):
        number, letter = divmod(number, 26)
        letters.append(65 + letter)
    return bytes(letters)


@dataclass(frozen=True)
class Made:
    """The parts of one subset's font objects that are the same in every document."""

    widths: bytes
    """The glyph widths array, as written."""
    cmap: bytes
    """The ToUnicode map (compressed when the document compresses)."""


MADE: Memo[Made] = Memo("PDF font subset widths and maps", 64)
"""(font file, subset name, characters in code order, compressed) → its Made parts."""


def _made(
    face: TTFontFace, base: str, subset: list[int], compressed: bool, doc: PDFDocument
) -> Made:
    widths = pdfdoc.format(pdfdoc.PDFArray(list(map(face.getCharWidth, subset))), doc)
    cmap = to_unicode(base, subset).encode("latin-1")
    return Made(widths, pdfdoc.PDFZCompress.encode(cmap) if compressed else cmap)


class _Formatted(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab has no types
    """A PDF value written out before (reportlab writes it as it is)."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document: PDFDocument) -> bytes:
        return self.data


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


def to_unicode(base: str, subset: list[int]) -> str:
    """The ToUnicode map of a subset as reportlab writes it, but a character beyond U+FFFF
    as its UTF-16 surrogate pair: reportlab wrote '<1F600>' for 😀, which text extraction
    and screen readers read as another character."""
    cmap: str = makeToUnicodeCMap(base, subset)
    for code, point in enumerate(subset):
        if point > 0xFFFF:
            pair = chr(point).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{code:02X}> <{point:04X}>", f"<{code:02X}> <{pair}>")
    return cmap
