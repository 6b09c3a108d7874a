"""The cover of a class's print PDF (the pack's name, the class, the date and the contents
list with the page each document starts on), and the page numbers printed at the foot of
the pages after it, in the cover's font.

A pack's covers differ in their class line only. Their text is written here as PDF
operators, each character in the code the cover's font subsets give it (numbered up
front, in a fixed order: revpack.writers.pdf.subsets), so that what a cover shows but the
class line is written once per pack (`CONTENTS`); the fonts' objects are made once per
process for all the covers that number the same characters alike (`COVERS`): a cover's
pages are a copy of those, with its own contents. reportlab only makes the fonts."""

from __future__ import annotations

import io
import zlib
from collections.abc import Hashable
from dataclasses import dataclass

import pikepdf
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.building.print_contents import Cover, Document
from revpack.memo import Memo
from revpack.writers.pdf.subsets import embed, faces_of, reserve

DIGITS = "0123456789"
"""Page numbers in the contents."""
NUMBERS = "– " + DIGITS
"""The characters of the page numbers at the foot of the pages ('– 12 –')."""
TITLE = HexColor("#1F4E79")
"""The colour of the pack's name."""
TEXT = HexColor("#1A1A1A")
"""The colour of the rest of the cover."""
NUMBER = HexColor("#6B6B6B")
"""The colour of the page numbers."""
NUMBER_SIZE = 8
"""The page numbers' type size."""
NUMBER_BASELINE = 14.0
"""The page numbers' baseline above the foot of the page, in points (5 mm: printers leave
the outer 4 mm or so blank), under the documents' footers (the worksheet's:
writers.pdf.worksheet.FOOTER_FLOOR)."""
NUMBER_FONT = "/RevpackPageNumber"
"""The page numbers' font's name in a page's resources (with a number after it for a
second font, should the numbers' characters be in two of the cover's font subsets)."""

Shown = tuple[tuple[str, bytes], ...]
"""A text as a PDF shows it: (font name, character codes) runs."""


@dataclass(frozen=True)
class DrawnCover:
    """A cover, drawn."""

    fonts: pikepdf.Pdf
    """A PDF of as many pages as the cover, with its fonts in their resources and no
    contents (shared by the covers of the same size that number characters alike)."""
    pages: tuple[bytes, ...]
    """This cover's pages' contents, compressed."""
    numbers: dict[str, tuple[str, bytes]]
    """Each character of the page numbers → its font's name in a page's resources (see
    `number_fonts`) and its code there."""
    number_fonts: dict[str, str]
    """The page numbers' fonts' names in a page's resources → the cover's fonts (by their
    names in the cover's resources)."""

    def open(self) -> pikepdf.Pdf:
        """A new PDF of the cover's pages."""
        joined = pikepdf.new()
        joined.pages.extend(self.fonts.pages)
        for page, contents in zip(joined.pages, self.pages, strict=True):
            page.obj.Contents = joined.make_stream(contents, Filter=pikepdf.Name.FlateDecode)
        return joined

    def number(self, number: int, width: float) -> bytes:
        """The operators that print page `number` at the foot of a page `width` wide, in
        the fonts `number_fonts` names."""
        text = f"– {number} –"
        x = width / 2 - stringWidth(text, fonts.FACES[False, False], NUMBER_SIZE) / 2
        runs: list[tuple[str, bytes]] = []
        for char in text:
            font, code = self.numbers[char]
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + code)
            else:
                runs.append((font, code))
        return f"{_fill(NUMBER)} {_text(tuple(runs), x, NUMBER_BASELINE, NUMBER_SIZE)}".encode()


COVERS: Memo[pikepdf.Pdf] = Memo("print PDF cover fonts", 16)
"""Per page size, page count and fonts (each one's name and the characters of each of
its subsets, in code order): a cover's pages as reportlab saves them, without contents."""


def draw_cover(
    cover: Cover, documents: list[Document], starts: list[int], size: tuple[float, float]
) -> DrawnCover:
    """`cover` on pages of `size`, listing `documents`, each starting on the page in
    `starts`: a second page when the list is long."""
    fonts.register(italic=False)
    regular = fonts.FACES[False, False]
    canvas = Canvas(None, pagesize=size, invariant=1, initialFontName=regular)
    document = canvas._doc
    # The same characters in the same order, and the fonts named in the same order, class
    # after class, so that the subsets of the font files are made once and all but the
    # class's own line is written the same (that line's other characters are numbered as
    # it is drawn).
    faces = faces_of([cover.title, cover.contents], [(True, False)])
    texts = [d.title for d in documents] + [cover.date or "", NUMBERS]
    for face, chars in faces_of(texts, [(False, False)]).items():
        faces.setdefault(face, set()).update(chars)
    reserve(document, faces)
    for face in sorted(faces):
        getFont(face).getSubsetInternalName(0, document)
    left = min(60.0, size[0] * 0.1)
    # A class line long enough to wrap moves what is under it down.
    who_size, who_leading = max(WHO_SIZE, cover.least), max(WHO_LEADING, cover.least * 1.25)
    who_lines = len(_split(cover.who, regular, who_size, size[0] - 2 * left))
    key = (cover.title, cover.contents, cover.date, cover.least, tuple(d.title for d in documents))
    contents = CONTENTS.get(
        (*key, tuple(starts), size, who_lines),
        lambda: _contents(_Pen(document), cover, documents, starts, size, who_lines),
    )
    pen = _Pen(document)
    pen.fill(TEXT)
    pen.lines(cover.who, left, contents.who, size[0] - 2 * left, regular, who_size, who_leading)
    pages = [[*contents.pages[0], *pen.pages[0]], *contents.pages[1:]]
    codes = pen.codes(NUMBERS, regular)
    used = dict.fromkeys(font for font, _ in codes.values())
    names = {font: NUMBER_FONT + (str(n) if n else "") for n, font in enumerate(used)}
    numbers = {char: (names[font], code) for char, (font, code) in codes.items()}
    number_fonts = {name: font for font, name in names.items()}
    compressed = tuple(zlib.compress("\n".join(page).encode()) for page in pages)
    made = COVERS.get((size, len(pages), _fonts(document)), lambda: _fonts_pdf(canvas, len(pages)))
    return DrawnCover(made, compressed, numbers, number_fonts)


WHO_SIZE, WHO_LEADING = 16.0, 20.0
"""The class line's type size and line spacing."""


@dataclass(frozen=True)
class Contents:
    """What a cover shows but the class line: the same for every class of a pack."""

    pages: tuple[tuple[str, ...], ...]
    """Each page's operators."""
    who: float
    """Where the class line goes (its first line's baseline)."""


CONTENTS: Memo[Contents] = Memo("print PDF cover contents", 16)
"""Per pack name, contents heading, date, documents' titles, their first pages, the page
size and the lines the class line takes: what a cover shows but the class line, in the
codes and font names a cover gives them (the same for the same texts: numbered and named
up front)."""


def _contents(
    pen: _Pen,
    cover: Cover,
    documents: list[Document],
    starts: list[int],
    size: tuple[float, float],
    who_lines: int = 1,
) -> Contents:
    regular, bold = fonts.FACES[False, False], fonts.FACES[True, False]
    width, height = size
    left = min(60.0, width * 0.1)
    y = height - min(110.0, height * 0.13)
    pen.fill(TITLE)
    y = pen.lines(cover.title, left, y, width - 2 * left, bold, 26, 32)
    who = y - 14
    least = cover.least  # (large print: nothing smaller)
    y -= (max(who_lines, 1) - 1) * max(WHO_LEADING, least * 1.25)  # the class line's others
    pen.fill(TEXT)
    if cover.date:
        pen.lines(
            cover.date,
            left,
            y - 34,
            width - 2 * left,
            regular,
            max(11, least),
            max(14, least * 1.25),
        )
    y -= 80 + max(least - 14, 0)
    pen.lines(cover.contents, left, y, width - 2 * left, bold, max(14, least), 18)
    y -= 26 + max(least - 14, 0)
    room = width - 2 * left - 50
    titles = [entry.title for entry in documents]
    # (A page breaks after an entry that ends below 80 pt, if more follow.)
    looks = [look for look in ENTRIES if look[0] >= least] or [(least, least * 1.3, least / 3)]
    fits = [look for look in looks if _height(titles[:-1], room, regular, look) <= y - 80]
    type_size, leading, gap = (fits or looks)[0]
    for index, (entry, start) in enumerate(zip(documents, starts, strict=True)):
        y = pen.lines(entry.title, left, y, room, regular, type_size, leading, str(start))
        y -= gap
        if y < 80 and index + 1 < len(documents):  # a long list goes on to another page
            pen.pages.append([])
            pen.fill(TEXT)
            y = height - 80
    return Contents(tuple(tuple(page) for page in pen.pages), who)


ENTRIES = ((12.0, 16.0, 6.0), (10.5, 13.5, 4.0), (9.5, 12.0, 3.0))
"""The contents entries' type size, line spacing and space between: the first whose list
fits the cover's page, so that a list a few lines too long does not put one entry on a
page of its own (a list too long even at the smallest runs on at the largest)."""


def _height(titles: list[str], width: float, face: str, look: tuple[float, float, float]) -> float:
    """How far down the contents entries reach, set in `look`."""
    size, leading, gap = look
    return sum(len(_split(title, face, size, width)) * leading + gap for title in titles)


def _split(text: str, face: str, size: float, width: float) -> list[str]:
    """`text` in lines of at most `width` (reportlab's simpleSplit), a word too long for
    one cut between its letters (a long one-word name ran off the page)."""
    lines: list[str] = []
    for line in simpleSplit(text, face, size, width):
        while stringWidth(line, face, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], face, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


class _Pen:
    """Writes a cover's text as PDF operators, in the codes its document gives characters."""

    def __init__(self, document: PDFDocument):
        self.document = document
        self.pages: list[list[str]] = [[]]
        """Each page's operators."""

    def fill(self, colour: Color) -> None:
        self.pages[-1].append(_fill(colour))

    def lines(
        self,
        text: str,
        x: float,
        y: float,
        width: float,
        face: str,
        size: float,
        leading: float,
        page: str | None = None,
    ) -> float:
        """`text` in lines of at most `width` from (x, y) down, with `page` at the right
        of its last line: the y below it."""
        lines = _split(text, face, size, width)
        for index, line in enumerate(lines):
            self.text(line, x, y, face, size)
            if page and index == len(lines) - 1:
                self.text(page, x + width + 50 - stringWidth(page, face, size), y, face, size)
            y -= leading
        return y

    def text(self, text: str, x: float, y: float, face: str, size: float) -> None:
        """`text` in `face`, or in the regular face for the characters `face` lacks."""
        bold = fonts.STYLES[face][0]
        runs = [
            run
            for chunk, chosen in fonts.runs(text, bold, False)
            for run in self.shown(chunk, chosen)
        ]
        self.pages[-1].append(_text(tuple(runs), x, y, size))

    def codes(self, chars: str, face: str) -> dict[str, tuple[str, bytes]]:
        """Each of `chars` → its font (by name) and its code there, in `face`."""
        each = iter(chars)
        return {
            next(each): (font, bytes([code]))
            for font, codes in self.shown(chars, face)
            for code in codes  # a code a character
        }

    def shown(self, text: str, face: str) -> list[tuple[str, bytes]]:
        """`text` in `face` as (font name, codes) runs (one unless it spans subsets)."""
        font = getFont(face)
        return [
            (font.getSubsetInternalName(subset, self.document), codes)
            for subset, codes in font.splitString(text, self.document)
        ]


def _fill(colour: Color) -> str:
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


def _text(runs: Shown, x: float, y: float, size: float) -> str:
    shown = " ".join(f"{font} {fp_str(size)} Tf <{codes.hex()}> Tj" for font, codes in runs)
    return f"BT 1 0 0 1 {fp_str(x, y)} Tm {shown} ET"


def _fonts(document: PDFDocument) -> Hashable:
    """What a cover's font objects are made of: each font's name in the document and,
    for a TrueType font, its subsets' characters in code order."""
    subsets = []
    for font in document.delayedFonts:
        if isinstance(font, TTFont):
            state = font.state[document]
            subsets.append((font.fontName, tuple(tuple(subset) for subset in state.subsets)))
    return tuple(document.fontMapping.items()), tuple(subsets)


def _fonts_pdf(canvas: Canvas, pages: int) -> pikepdf.Pdf:
    """The canvas's fonts on `pages` pages without contents, the fonts' files from the
    memo tables."""
    for _ in range(pages):
        canvas.showPage()
    embed(canvas._doc)
    saved = pikepdf.open(io.BytesIO(canvas.getpdfdata()))
    for page in saved.pages:
        del page.obj.Contents
    return saved
