"""A lean paragraph flowable for the worksheet: runs of text in given faces, broken into
lines at spaces (a no-break space holds a gap's number to its blank), drawn with one text
object per line.

reportlab's Paragraph parses markup, keeps many attributes per fragment and breaks lines
again each time it is measured; a worksheet has some 300 short paragraphs and cells, and
this does the same job for them in a fraction of the time. Nothing here reads markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

SCRIPT_SIZE = 0.66
"""A sub- or superscript's size, as a fraction of the text's."""
RISE = {"super": 0.36, "sub": -0.16, "": 0.0}
"""How far a script's baseline moves, as a fraction of the text's size."""
_BREAKS = re.compile(r"( +|\n)")


@dataclass(frozen=True)
class Piece:
    """Text in one face, colour and script."""

    text: str
    """The characters."""
    face: str
    """The registered font face."""
    colour: str | None
    """#RRGGBB, or None for the style's colour."""
    script: str
    """'', 'sub' or 'super'."""


@dataclass(frozen=True)
class _Chunk:
    text: str
    piece: Piece
    size: float
    width: float


class TextBlock(Flowable):
    """A paragraph of pieces in a paragraph style (size, leading, indents, alignment,
    spacing, keep with next), with an optional bullet."""

    def __init__(
        self,
        pieces: list[Piece],
        style: ParagraphStyle,
        bullet: str | None = None,
        lines: list[list[_Chunk]] | None = None,
    ):
        super().__init__()
        self.pieces, self.style, self.bullet = pieces, style, bullet
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._lines = lines
        self._wrapped_at: float | None = None

    # Measuring -----------------------------------------------------------------------
    def _words(self) -> list[list[_Chunk] | str]:
        """Words (lists of chunks that may not part), with ' ' and '\\n' between them."""
        size = self.style.fontSize
        out: list[list[_Chunk] | str] = []
        word: list[_Chunk] = []
        for piece in self.pieces:
            chunk_size = size * SCRIPT_SIZE if piece.script else size
            for part in _BREAKS.split(piece.text):
                if not part:
                    continue
                if part == "\n" or part.startswith(" "):
                    if word:
                        out.append(word)
                        word = []
                    out.append("\n" if part == "\n" else " ")
                    continue
                word.append(
                    _Chunk(part, piece, chunk_size, stringWidth(part, piece.face, chunk_size))
                )
        if word:
            out.append(word)
        return out

    def _break(self, width: float) -> list[list[_Chunk]]:
        style = self.style
        space = stringWidth(" ", self.pieces[0].face, style.fontSize) if self.pieces else 0.0
        lines: list[list[_Chunk]] = [[]]
        used = 0.0
        pending_space = False
        for word in self._words():
            if word == "\n":
                lines.append([])
                used, pending_space = 0.0, False
                continue
            if word == " ":
                pending_space = bool(lines[-1])
                continue
            wide = sum(c.width for c in word)
            gap = space if pending_space else 0.0
            if lines[-1] and used + gap + wide > width:
                lines.append([])
                used, gap = 0.0, 0.0
            if not lines[-1] and wide > width:
                for piece_line in _split_long(word, width):
                    if lines[-1]:
                        lines.append([])
                    lines[-1].extend(piece_line)
                used = sum(c.width for c in lines[-1])
                pending_space = False
                continue
            if gap:
                last = lines[-1][-1]
                lines[-1].append(_Chunk(" ", last.piece, style.fontSize, gap))
            lines[-1].extend(word)
            used += gap + wide
            pending_space = False
        return lines

    def wrap(self, available_width, available_height):
        if self._lines is None or self._wrapped_at != available_width:
            inner = available_width - self.style.leftIndent - self.style.rightIndent
            self._lines = self._break(inner)
            self._wrapped_at = available_width
        self.width = available_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:  # noqa: N802 - reportlab's name
        """The widest word (a table column narrower than it breaks the word)."""
        return (
            max(
                (sum(c.width for c in w) for w in self._words() if isinstance(w, list)), default=0.0
            )
            + self.style.leftIndent
            + self.style.rightIndent
        )

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        fits = int((available_height + 1e-6) // self.style.leading)
        lines = self._lines
        if fits >= len(lines):
            return [self]
        if fits < 2 or len(lines) - fits < 1 or len(lines) <= 2:
            return []
        first = TextBlock(self.pieces, self.style, self.bullet, lines[:fits])
        first.spaceAfter = 0
        rest = TextBlock(self.pieces, self.style, None, lines[fits:])
        rest.spaceBefore = 0
        for part in (first, rest):
            part._wrapped_at = available_width
        return [first, rest]

    # Drawing -------------------------------------------------------------------------
    def draw(self) -> None:
        canvas, style = self.canv, self.style
        size, leading = style.fontSize, style.leading
        inner = self.width - style.leftIndent - style.rightIndent
        text = canvas.beginText()
        default = style.textColor
        for number, line in enumerate(self._lines):
            y = self.height - size - number * leading
            x = style.leftIndent
            if style.alignment == 1:
                x += (inner - sum(c.width for c in line)) / 2
            text.setTextOrigin(x, y)
            for chunk in _merged(line):
                piece = chunk.piece
                text.setFont(piece.face, chunk.size)
                text.setFillColor(HexColor(piece.colour) if piece.colour else default)
                text.setRise(RISE[piece.script] * size)
                text.textOut(chunk.text)
        canvas.drawText(text)
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize)
            canvas.setFillColor(default)
            canvas.drawString(style.bulletIndent, self.height - size, self.bullet)


def _merged(line: list[_Chunk]) -> list[_Chunk]:
    """Neighbouring chunks of one piece style as one (fewer text operators)."""
    merged: list[_Chunk] = []
    for chunk in line:
        last = merged[-1] if merged else None
        if last and (last.piece.face, last.piece.colour, last.piece.script, last.size) == (
            chunk.piece.face,
            chunk.piece.colour,
            chunk.piece.script,
            chunk.size,
        ):
            merged[-1] = _Chunk(
                last.text + chunk.text, last.piece, last.size, last.width + chunk.width
            )
        else:
            merged.append(chunk)
    return merged


def _split_long(word: list[_Chunk], width: float) -> list[list[_Chunk]]:
    """A word wider than the line, cut between characters."""
    lines: list[list[_Chunk]] = [[]]
    used = 0.0
    for chunk in word:
        for char in chunk.text:
            wide = stringWidth(char, chunk.piece.face, chunk.size)
            if lines[-1] and used + wide > width:
                lines.append([])
                used = 0.0
            lines[-1].append(_Chunk(char, chunk.piece, chunk.size, wide))
            used += wide
    return lines
