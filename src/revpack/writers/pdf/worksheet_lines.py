"""A lean paragraph flowable for the worksheet: runs of text in given faces, broken into
lines at spaces (a no-break space holds a gap's number to its blank), drawn with one text
object per line.

reportlab's Paragraph parses markup, keeps many attributes per fragment and breaks lines
again each time it is measured; a worksheet has some 300 short paragraphs and cells, and
this does the same job for them in a fraction of the time. Nothing here reads markup.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import TypeVar

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from revpack import fonts
from revpack.hyphenation import Hyphenator, after_hyphen
from revpack.writers.pdf.recorded import Recorded
from revpack.writers.pdf.subsets import codes_of
from revpack.writers.scripts import WORKSHEET_RISE

SCRIPT_SIZE = 0.66
"""A sub- or superscript's size, as a fraction of the text's (or more in large print:
writers.scripts)."""
_BREAKS = re.compile(r"( +|\n)")
_FORGET_AFTER = 50_000
"""Widths remembered before the table starts afresh (a long-lived process sees many
topics)."""
DRAWINGS_KEPT = 1_000
"""Drawings remembered before their table starts afresh: a class's worksheet and key hold
some 90 flowables, and those of shuffled exercises or of a class whose name gives the
characters new codes are never written again."""
SETTINGS_KEPT = 16
"""Settings of character codes (each every code of a document) and their encoded texts
remembered before their tables start afresh."""
Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class Widths:
    """Text widths measured once and remembered, and paragraphs broken into lines once:
    a pack sets the same words and sentences, in the same faces, sizes and widths, class
    after class. One per layout's styles, never shared state."""

    def __init__(self, script: float = SCRIPT_SIZE) -> None:
        self.script = script
        """A sub- or superscript's size, as a share of its text's (writers.scripts)."""
        self.table: dict[tuple[str, str, float], float] = {}
        self.words: dict[Hashable, list[Word | str]] = {}
        self.lines: dict[tuple[Hashable, float], list[list[_Chunk]]] = {}
        self.faces: dict[tuple[str, bool, float], list[tuple[str, str, float]]] = {}
        self.drawings: dict[Hashable, Recorded] = {}
        """Flowables' operators, drawn once (revpack.writers.pdf.worksheet_drawings)."""
        self.characters: dict[Hashable, tuple[tuple[str, str], ...]] = {}
        """A paragraph's characters in each face (revpack.writers.pdf.worksheet_fonts)."""
        self.encoded: dict[int, dict[tuple[str, str], str]] = {}
        """Per setting of character codes: texts in a face → their text operator."""
        self.settings: dict[Hashable, int] = {}
        """A number for each set of character codes documents have given."""
        self.numbered = 0

    def number(self) -> int:
        """A number never given before by this table (even after it is emptied), for
        something remembered by number."""
        self.numbered += 1
        return self.numbered

    def setting_number(self, codes: Hashable) -> int:
        """The number of a set of character codes (a new one for a new set)."""
        found = self.settings.get(codes)
        if found is None:
            found = self.remember(self.settings, codes, self.number(), SETTINGS_KEPT)
        return found

    def runs(self, text: str, bold: bool, size: float) -> list[tuple[str, str, float]]:
        """`text` as (characters, face, width) in the upright faces that can draw it."""
        key = (text, bold, size)
        found = self.faces.get(key)
        if found is None:
            chunks = fonts.runs(text, bold, False)
            found = [(chunk, face, self(chunk, face, size)) for chunk, face in chunks]
            self.remember(self.faces, key, found)
        return found

    def across(self, text: str, bold: bool, size: float) -> float:
        """How wide `text` is set upright at `size`, in the faces that can draw it."""
        return sum(wide for _, _, wide in self.runs(text, bold, size))

    @staticmethod
    def remember(
        table: dict[Key, Value], key: Key, value: Value, limit: int = _FORGET_AFTER
    ) -> Value:
        """Put `value` in `table` (emptied first when it holds `limit`); `value`."""
        if len(table) >= limit:
            table.clear()
        table[key] = value
        return value

    def __call__(self, text: str, face: str, size: float) -> float:
        """The width of `text` in `face` at `size`, in points."""
        key = (text, face, size)
        width = self.table.get(key)
        if width is None:
            width = self.remember(self.table, key, stringWidth(text, face, size))
        return width


@dataclass(frozen=True)
class Piece:
    """Text in one face, colour and script."""

    text: str
    """The characters."""
    face: str
    """The registered font face."""
    colour: Color | None
    """Its colour, or None for the style's colour."""
    script: str
    """'', 'sub' or 'super'."""


@dataclass(frozen=True)
class _Chunk:
    text: str
    piece: Piece
    size: float
    width: float


Word = list[_Chunk]
"""Chunks that may not part (a word, or a gap's number held to its blank)."""


class TextBlock(Flowable):  # type: ignore[misc]  # reportlab has no types
    """A paragraph of pieces in a paragraph style (size, leading, indents, alignment,
    spacing, keep with next), with an optional bullet."""

    def __init__(
        self,
        pieces: list[Piece],
        style: ParagraphStyle,
        widths: Widths,
        bullet: str | None = None,
        lines: list[list[_Chunk]] | None = None,
        key: Hashable = None,
        hyphenator: Hyphenator | None = None,
    ):
        super().__init__()
        self.pieces, self.style, self.widths, self.bullet = pieces, style, widths, bullet
        self.key = key
        """What the pieces and style are made from (None: nothing), under which their
        words and lines are remembered."""
        self.hyphenator = hyphenator
        """Where a word wider than the line breaks, with a hyphen (None, or no point in
        the word: between any two characters)."""
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._lines = lines
        self._wrapped_at: float | None = None
        self._word_list: list[Word | str] | None = None

    # Measuring -----------------------------------------------------------------------
    def _words(self) -> list[Word | str]:
        """Words (lists of chunks that may not part), with ' ' and '\\n' between them."""
        if self._word_list is not None:
            return self._word_list
        if self.key is not None:
            known = self.widths.words.get(self.key)
            if known is not None:
                self._word_list = known
                return known
        size = self.style.fontSize
        measure = self.widths
        out: list[Word | str] = []
        word: Word = []
        for piece in self.pieces:
            chunk_size = size * self.widths.script if piece.script else size
            face = piece.face
            for part in _BREAKS.split(piece.text):
                if not part:
                    continue
                if part == "\n" or part[0] == " ":
                    if word:
                        out.append(word)
                        word = []
                    out.append("\n" if part == "\n" else " ")
                    continue
                word.append(_Chunk(part, piece, chunk_size, measure(part, face, chunk_size)))
        if word:
            out.append(word)
        self._word_list = out
        if self.key is not None:
            self.widths.remember(self.widths.words, self.key, out)
        return out

    def _break(self, width: float) -> list[list[_Chunk]]:
        style = self.style
        space = self.widths(" ", self.pieces[0].face, style.fontSize) if self.pieces else 0.0
        lines: list[list[_Chunk]] = [[]]
        line = lines[0]
        used = 0.0
        pending_space = False
        for word in self._words():
            if word == "\n":
                line = []
                lines.append(line)
                used, pending_space = 0.0, False
                continue
            if word == " ":
                pending_space = bool(line)
                continue
            assert isinstance(word, list)
            wide = word[0].width if len(word) == 1 else sum(c.width for c in word)
            gap = space if pending_space else 0.0
            if line and used + gap + wide > width:
                line = []
                lines.append(line)
                used, gap = 0.0, 0.0
            if not line and wide > width:
                for piece_line in _split_long(word, width, self.widths, self.hyphenator):
                    if line:
                        line = []
                        lines.append(line)
                    line.extend(piece_line)
                used = _width(line)
                pending_space = False
                continue
            if gap:
                # In the style of the text before it, unless that is a sub- or superscript
                # (the space would be drawn at its smaller size, narrower than measured).
                piece = line[-1].piece
                if piece.script:
                    piece = replace(piece, text=" ", script="")
                line.append(_Chunk(" ", piece, style.fontSize, gap))
            line.extend(word)
            used += gap + wide
            pending_space = False
        return [_merged(line) for line in lines]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._lines is None or self._wrapped_at != available_width:
            inner = available_width - self.style.leftIndent - self.style.rightIndent
            if self.key is None:
                self._lines = self._break(inner)
            else:
                known = self.widths.lines.get((self.key, inner))
                if known is None:
                    known = self.widths.remember(
                        self.widths.lines, (self.key, inner), self._break(inner)
                    )
                self._lines = known
            self._wrapped_at = available_width
        self.width = available_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:  # noqa: N802 - reportlab's name
        """The widest word (a table column narrower than it breaks the word)."""
        widest = max((_width(w) for w in self._words() if isinstance(w, list)), default=0.0)
        total: float = widest + self.style.leftIndent + self.style.rightIndent
        return total

    def split(self, available_width: float, available_height: float) -> list[TextBlock]:
        self.wrap(available_width, available_height)
        fits = int((available_height + 1e-6) // self.style.leading)
        lines = self._lines
        assert lines is not None
        if fits >= len(lines):
            return [self]
        fits = min(fits, len(lines) - 2)  # never a line alone at the top of the next page
        if fits < 2:  # nor at the foot of this one
            return []
        first = TextBlock(
            self.pieces, self.style, self.widths, self.bullet, lines[:fits], None, self.hyphenator
        )
        first.spaceAfter = 0
        rest = TextBlock(
            self.pieces, self.style, self.widths, None, lines[fits:], None, self.hyphenator
        )
        rest.spaceBefore = 0
        for part in (first, rest):
            part._wrapped_at = available_width
        return [first, rest]

    # Drawing -------------------------------------------------------------------------
    def content_key(self) -> Hashable | None:
        """What the paragraph draws, apart from its width (None: not known by a key)."""
        if self.key is None:
            return None
        style = self.style
        look = (
            style.fontSize,
            style.leading,
            style.leftIndent,
            style.rightIndent,
            style.alignment,
            style.bulletIndent,
            style.bulletFontName,
            style.textColor,
        )
        return ("text", self.key, self.bullet, look)

    def draw(self) -> None:
        pen = Pen(self.canv)
        self.write(pen, 0.0, 0.0)
        pen.finish()

    def write(self, pen: Pen, x: float, y: float) -> None:
        """Write the paragraph with `pen`, its bottom left corner at (x, y)."""
        style = self.style
        size, leading = style.fontSize, style.leading
        inner = self.width - style.leftIndent - style.rightIndent
        default = style.textColor
        top = y + self.height - size
        assert self._lines is not None
        for number, line in enumerate(self._lines):
            left = x + style.leftIndent
            if style.alignment == 1:
                left += (inner - _width(line)) / 2
            pen.line(left, top - number * leading, line, default, size)
        if self.bullet:
            pen.string(
                x + style.bulletIndent, top, self.bullet, style.bulletFontName, size, default
            )


class Ink:
    """What a document's pens look up again and again, found once per document: each
    face's codes and whether it is a TrueType face, and each colour's operator."""

    def __init__(self, canvas: Canvas):
        self.document = canvas._doc
        self.faces: dict[str, dict[int, int] | None] = {}
        self.colours: dict[tuple[float, float, float], str] = {}
        self.transparency = False
        """Whether a colour has been set (reportlab then marks the document as using
        transparency, for the colour's alpha)."""
        self.changed = True
        """Whether something was drawn (and may have given characters new codes) since
        `setting` last looked."""
        self.encoded: dict[tuple[str, str], str] | None = None
        """While a flowable is drawn in a known setting: texts in a face → their text
        operator, shared by the documents whose characters have the same codes."""
        self._setting = 0
        self._counts: tuple[tuple[str, int], ...] = ()

    def drew(self) -> None:
        """Something was drawn: characters may have new codes (`setting` looks again)."""
        self.changed = True
        self.encoded = None

    def setting(self, widths: Widths) -> int:
        """The number (in `widths`) of the codes the document has given characters so far,
        in every face: the same number for the same codes. Until something is drawn,
        pens write texts encoded before in the same setting (`encoded`)."""
        if self._setting and not self.changed:
            return self._setting
        self.changed = False
        states = []
        for face in fonts.FACES.values():
            assignments = codes_of(self.document, face)
            if assignments is not None:
                states.append((face, assignments))
        counts = tuple((face, len(assignments)) for face, assignments in states)
        if not self._setting or counts != self._counts:  # codes are only ever added
            codes = tuple((face, tuple(assignments.items())) for face, assignments in states)
            self._setting = widths.setting_number(codes)
            self._counts = counts
        self.encoded = widths.encoded.get(self._setting)
        if self.encoded is None:
            self.encoded = widths.remember(widths.encoded, self._setting, {}, SETTINGS_KEPT)
        return self._setting

    def codes(self, face: str) -> dict[int, int] | None:
        """The codes `face`'s characters were given up front, or None (not TrueType, or
        nothing numbered yet: the text object's own way then)."""
        if face in self.faces:
            return self.faces[face]
        found = codes_of(self.document, face)
        if found is not None:
            self.faces[face] = found
        return found

    def colour(self, colour: Color) -> str:
        """The operator that sets `colour` for filling, as a text object writes it."""
        rgb = (colour.red, colour.green, colour.blue)
        found = self.colours.get(rgb)
        if found is None:
            found = self.colours[rgb] = f"{fp_str(rgb)} rg"
        return found


def ink(canvas: Canvas) -> Ink:
    """The canvas's document's Ink (made with the first pen)."""
    found: Ink | None = canvas.__dict__.get("_revpack_ink")
    if found is None or found.document is not canvas._doc:
        found = canvas.__dict__["_revpack_ink"] = Ink(canvas)
    return found


class Pen:
    """One PDF text object that paragraphs and cells write into, setting the font, colour
    and rise only when they change (far fewer operators than a text object each).

    It writes the operators reportlab's text object would write for the same calls,
    straight into the text object's code (their formatting is most of its cost)."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.ink = ink(canvas)
        self.text = canvas.beginText()
        self.code: list[str] = self.text._code
        self.font: tuple[str, float] | None = None
        self.colour: Color | None = None
        self.rise = 0.0

    def out(self, chars: str) -> None:
        """Write `chars` in the current font, as the text object's textOut writes them.

        A worksheet's characters are all numbered before it is drawn (revpack.writers.pdf.
        subsets), so their codes are looked up here, not searched for and assigned one by
        one; anything not yet numbered goes the text object's way."""
        text = self.text
        encoded = self.ink.encoded
        out = None if encoded is None else encoded.get((text._fontname, chars))
        if out is None:
            out = self._encoded(chars)
            if out is None:  # (new codes, perhaps: the document's setting has changed)
                self.ink.drew()
                text.textOut(chars)
                return
            if encoded is not None and self.ink.encoded is encoded:
                Widths.remember(encoded, (text._fontname, chars), out)
        if text._curSubset != 0:
            text._curSubset = 0
            font = pdfmetrics.getFont(text._fontname)
            name = font.getSubsetInternalName(0, self.ink.document)
            out = f"{name} {fp_str(text._fontsize)} Tf {fp_str(text._leading)} TL {out}"
        self.code.append(out)

    def _encoded(self, chars: str) -> str | None:
        """`chars` in the current font as a text operator, from the codes they were given
        up front; None when one has none (or a code beyond the first subset's 255)."""
        assignments = self.ink.codes(self.text._fontname)
        if assignments is None:
            return None
        if "\xa0" in chars:  # reportlab sets a no-break space as a space
            chars = chars.replace("\xa0", " ")
        try:
            codes = bytes(map(assignments.__getitem__, map(ord, chars)))
        except (KeyError, ValueError):
            return None
        return f"({escapePDF(codes)}) Tj" if codes else None

    def _font(self, face: str, size: float) -> None:
        self.font = (face, size)
        if self.ink.codes(face) is None:
            self.text.setFont(face, size)
            return
        text = self.text  # what setFont does for a TrueType face: no operator yet
        text._fontname, text._fontsize, text._leading = face, size, size * 1.2
        text._curSubset = -1

    def _colour(self, colour: Color) -> None:
        self.colour = colour
        ink = self.ink
        if type(colour) is not Color or colour.alpha != 1:  # (the text object's way)
            self.text.setFillColor(colour)
            return
        self.text._fillColorObj = colour
        self.code.append(ink.colour(colour))
        if not ink.transparency:
            ink.transparency = True
            ink.document.ensureMinPdfVersion("transparency")

    def line(self, x: float, y: float, line: list[_Chunk], default: Color, size: float) -> None:
        """One broken line of chunks, its baseline starting at (x, y)."""
        self.code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        for chunk in line:
            piece = chunk.piece
            if self.font != (piece.face, chunk.size):
                self._font(piece.face, chunk.size)
            wanted = piece.colour or default
            if wanted is not self.colour:
                self._colour(wanted)
            lift = WORKSHEET_RISE[piece.script] * size
            if lift != self.rise:
                self.rise = lift
                self.text.setRise(lift)
            self.out(chunk.text)

    def string(
        self, x: float, y: float, string: str, face: str, size: float, colour: Color
    ) -> None:
        """Text in one face and colour, its baseline starting at (x, y)."""
        self.code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
        if self.font != (face, size):
            self._font(face, size)
        if colour is not self.colour:
            self._colour(colour)
        if self.rise:
            self.rise = 0.0
            self.text.setRise(0.0)
        self.out(string)

    def finish(self) -> None:
        """Put the text on the page."""
        self.canvas.drawText(self.text)


def _merged(line: list[_Chunk]) -> list[_Chunk]:
    """Neighbouring chunks of one piece style as one (fewer text operators)."""
    merged: list[_Chunk] = []
    last: _Chunk | None = None
    for chunk in line:
        if last is not None and (
            last.piece is chunk.piece
            or (
                last.size == chunk.size
                and last.piece.face == chunk.piece.face
                and last.piece.colour is chunk.piece.colour
                and last.piece.script == chunk.piece.script
            )
        ):
            last = merged[-1] = _Chunk(
                last.text + chunk.text, last.piece, last.size, last.width + chunk.width
            )
        else:
            merged.append(chunk)
            last = chunk
    return merged


def _split_long(
    word: Word, width: float, measure: Widths, hyphenator: Hyphenator | None = None
) -> list[list[_Chunk]]:
    """A word wider than the line: broken after one of its own hyphens where a head that
    fits ends so, else at a hyphenation point of one of its runs of letters (then with a
    hyphen), the longest head that fits first ('H₂SO₄-' / 'Konzentrations-' /
    'bestimmung'), in whatever faces and scripts its parts are set; what no point lets
    fit is cut between characters."""
    if hyphenator is None:
        return _cut(word, width, measure)
    lines: list[list[_Chunk]] = []
    rest = word
    while _width(rest) > width:
        text = "".join(c.text for c in rest)
        found = None
        # (After one of its own hyphens first: 'Arbeitslosenversicherungs-' over
        # 'Beitragserhöhung' reads better than '…-Beitragserhö-' over 'hung'.)
        points = hyphenator.points(text)
        ranked = [p for p in points if after_hyphen(text, p)][::-1] + points[::-1]
        for point in ranked:
            head = _head(rest, point, text, measure)
            if _width(head) <= width:
                found = point, head
                break
        if found is None:
            break
        point, head = found
        lines.append(head)
        rest = _slice(rest, point, None, measure)
    return lines + (_cut(rest, width, measure) if _width(rest) > width else [rest])


def _width(chunks: list[_Chunk]) -> float:
    return sum(c.width for c in chunks)


def _head(word: Word, point: int, text: str, measure: Widths) -> list[_Chunk]:
    """The word's characters up to `point`, with a hyphen where it breaks between two
    letters (upright and at the word's size, after a subscript too)."""
    head = _slice(word, 0, point, measure)
    if after_hyphen(text, point):
        return head
    size = max(c.size for c in word)
    piece = replace(head[-1].piece, text="-", script="")
    return [*head, _Chunk("-", piece, size, measure("-", piece.face, size))]


def _slice(word: Word, start: int, end: int | None, measure: Widths) -> list[_Chunk]:
    """The word's characters from `start` to `end` (None: its end), in their chunks."""
    out: list[_Chunk] = []
    at = 0
    for chunk in word:
        low, high = at, at + len(chunk.text)
        at = high
        first, last = max(start, low), high if end is None else min(end, high)
        if first >= last:
            continue
        if (first, last) == (low, high):
            out.append(chunk)
        else:
            part = chunk.text[first - low : last - low]
            out.append(
                _Chunk(part, chunk.piece, chunk.size, measure(part, chunk.piece.face, chunk.size))
            )
    return out


def _cut(word: Word, width: float, measure: Widths) -> list[list[_Chunk]]:
    """A word wider than the line, cut between characters (never fewer than three
    characters left for the last line, where the line before can give them)."""
    lines = _cut_anywhere(word, width, measure)
    if len(lines) > 1 and len(lines[-1]) < 3 and len(lines[-2]) > 3:
        moved = 3 - len(lines[-1])
        lines[-1] = lines[-2][-moved:] + lines[-1]
        lines[-2] = lines[-2][:-moved]
    return lines


def _cut_anywhere(word: Word, width: float, measure: Widths) -> list[list[_Chunk]]:
    """A word wider than the line, cut between characters, each line as full as it goes
    (a chunk a character)."""
    lines: list[list[_Chunk]] = [[]]
    used = 0.0
    for chunk in word:
        for char in chunk.text:
            wide = measure(char, chunk.piece.face, chunk.size)
            if lines[-1] and used + wide > width:
                lines.append([])
                used = 0.0
            lines[-1].append(_Chunk(char, chunk.piece, chunk.size, wide))
            used += wide
    return lines
