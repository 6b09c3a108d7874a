"""The fonts revpack prints with, shipped inside the package so every machine has them.

DejaVu Sans covers Latin with accents, Greek, Cyrillic, sub/superscript digits, arrows,
maths symbols and typographic punctuation. Bold and oblique cover a little less than the
regular face; `face_for` falls back to the regular face for a character a style lacks.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from revpack import packaged

FAMILY = "DejaVuSans"
FACES = {
    (False, False): "DejaVuSans",
    (True, False): "DejaVuSans-Bold",
    (False, True): "DejaVuSans-Oblique",
    (True, True): "DejaVuSans-BoldOblique",
}
STYLES = {face: style for style, face in FACES.items()}
"""Face name → (bold, italic)."""


def font_path(face: str) -> str:
    """The file of a face, e.g. font_path('DejaVuSans-Bold')."""
    return str(packaged.folder("revpack.fontfiles") / f"{face}.ttf")


@cache
def coverage(face: str) -> frozenset[int]:
    """The code points a face has glyphs for.

    Read from `<face>.coverage` beside the font (ranges of code points, written by
    `coverage_ranges` and checked against the font by the tests), so validating a source
    needs no font parsing and no PDF library.
    """
    text = (packaged.folder("revpack.fontfiles") / f"{face}.coverage").read_text()
    points: set[int] = set()
    for line in text.split():
        first, _, last = line.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(points)


def coverage_ranges(face: str) -> str:
    """The code points the font file itself has glyphs for, as `<face>.coverage` holds them."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    points = sorted(TTFontFile(font_path(face)).charToGlyph)
    lines, start = [], None
    for index, point in enumerate(points):
        if start is None:
            start = point
        if index + 1 == len(points) or points[index + 1] != point + 1:
            lines.append(f"{start:04X}" if start == point else f"{start:04X}-{point:04X}")
            start = None
    return "\n".join(lines) + "\n"


def printable(char: str) -> bool:
    """Whether the fonts can draw `char` (white space always counts as printable)."""
    return char.isspace() or ord(char) in coverage(FACES[False, False])


def face_for(char: str, bold: bool, italic: bool) -> str:
    """The face to draw `char` in: the styled one, or the regular one if the style lacks it."""
    face = FACES[bold, italic]
    if char.isspace() or ord(char) in coverage(face):
        return face
    return FACES[False, False]


def runs(text: str, bold: bool, italic: bool) -> Iterator[tuple[str, str]]:
    """`text` split into (characters, face) runs, each in the face that can draw it."""
    if not text:
        return
    face = FACES[bold, italic]
    if face == FACES[False, False] or coverage(face).issuperset(map(ord, text)):
        yield text, face  # one run (the regular face stands in for itself anyway)
        return
    chunk: list[str] = []
    current = ""  # the face of `chunk` (none yet)
    for char in text:
        face = face_for(char, bold, italic)
        if face != current and chunk:
            yield "".join(chunk), current
            chunk = []
        current = face
        chunk.append(char)
    if chunk:
        yield "".join(chunk), current


def register(italic: bool = True) -> None:
    """Register the faces with reportlab (each once per process); the oblique ones only
    when `italic`, since a document with no italic text need not load them."""
    for (_, slanted), face in FACES.items():
        if italic or not slanted:
            _register(face)


@cache
def _register(face: str) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(face, font_path(face)))
    bold, italic = STYLES[face]
    addMapping(FAMILY, int(bold), int(italic), face)
