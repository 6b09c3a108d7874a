"""Setting text for the factor chart without a PDF library: words wrapped into lines of runs.

Widths come from an injected `measure(text, face, size) -> points`, so this module (and the
chart geometry built on it) stays pure and testable; the renderer passes reportlab's
stringWidth. A run is one face and one highlight state, positioned by its left edge, so the
drawing step only has to print each run where it is told.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from revpack.fonts import FACES
from revpack.hyphenation import Hyphenator
from revpack.loading.typography import unit_spaces
from revpack.model import Text

Measure = Callable[[str, str, float], float]
"""measure(text, face, size) -> width in points."""

ASCENT = 0.93
"""How far DejaVu Sans rises above the baseline, as a fraction of the type size."""
DESCENT = 0.24
"""How far it falls below the baseline, as a fraction of the type size."""
SLACK = 0.01
"""Points kept spare on every line, so rounding in a width never pushes text over an edge."""
SPACES = re.compile(r"([^\S\u00a0\u202f\u2007]+)")
"""White space a line may break at: any but the no-break spaces."""
SCRIPT_SCALE = 0.7
"""Sub- and superscripts are set at this share of the line's type size…"""
SCRIPT_RISE = {"sub": -0.2, "super": 0.35, "": 0.0}
"""…with their baseline moved by this share of it."""
HYPHEN = "-"


@dataclass(frozen=True)
class Run:
    """Characters in one face, placed on a line."""

    text: str
    """The characters, exactly as typed."""
    face: str
    """The face they are set in (a revpack.fonts.FACES value)."""
    key: bool
    """A key term: drawn highlighted."""
    x: float
    """Left edge, in points from the page's left edge."""
    width: float
    """Width as measured, in points."""
    script: str = ""
    """'sub' or 'super' (smaller, off the baseline), '' on the baseline."""


@dataclass(frozen=True)
class Line:
    """One line of text on the page."""

    runs: tuple[Run, ...]
    """Its runs, left to right (a bullet is a run of its own)."""
    baseline: float
    """Baseline height, in points from the page's bottom edge."""
    size: float
    """Type size in points."""
    role: str
    """What the line is: title, meta, label, question, heading, bullet or body (picks its
    colour)."""

    @property
    def left(self) -> float:
        """Left edge of the first run."""
        return self.runs[0].x if self.runs else 0.0

    @property
    def right(self) -> float:
        """Right edge of the last run."""
        return self.runs[-1].x + self.runs[-1].width if self.runs else 0.0

    @property
    def top(self) -> float:
        """Top of the tallest glyph the face has."""
        return self.baseline + ASCENT * self.size

    @property
    def bottom(self) -> float:
        """Bottom of the deepest descender."""
        return self.baseline - DESCENT * self.size


class Piece(NamedTuple):
    """A word's part in one style, before it is placed."""

    text: str
    """The characters."""
    face: str
    """The face (a revpack.fonts.FACES value)."""
    key: bool
    """A key term."""
    script: str = ""
    """'sub', 'super' or ''."""


def pieces(text: Text | str, *, bold: bool = False) -> list[Piece]:
    """The styled parts of `text`; key terms and `bold` set in the bold face."""
    if isinstance(text, str):
        return [Piece(text, FACES[bold, False], False)]
    return [
        Piece(s.text, FACES[bold or s.bold or s.key, s.italic], s.key, s.script)
        for s in unit_spaces(text).spans  # (a number kept with its unit: '500 mm')
    ]


Token = tuple[str, float, list[Piece]]
"""A word, space or newline of a text measured once, at 1 pt: (kind, width, pieces), the
kind "word", " " or "\\n"; a space's pieces are the one space it becomes, a newline's none."""


class Setter:
    """Wraps text at one measure, remembering every width it has asked for; a word wider
    than a line breaks at the language's hyphenation points."""

    def __init__(self, measure: Measure, hyphenator: Hyphenator | None = None):
        self._measure = measure
        self._hyphenator = hyphenator
        self._widths: dict[tuple[str, str], float] = {}
        self._measured: dict[tuple[Piece, ...], list[Token]] = {}
        self._parts: dict[tuple[int, bool], tuple[Text | str, list[Piece]]] = {}

    def parts(self, text: Text | str, *, bold: bool = False) -> list[Piece]:
        """`pieces(text, bold=bold)`, made once per text (the fitting sets the same text
        at many widths and sizes)."""
        key = (id(text), bold)
        found = self._parts.get(key)
        if found is None or found[0] is not text:
            found = self._parts[key] = (text, pieces(text, bold=bold))
        return found[1]

    def width(self, text: str, face: str, size: float) -> float:
        """The width of `text` in `face` at `size` (cached).

        Widths grow in proportion to the size, so one measurement at 1 pt serves every
        size the fitting tries.
        """
        key = (text, face)
        if key not in self._widths:
            self._widths[key] = self._measure(text, face, 1.0)
        return self._widths[key] * size

    def piece_width(self, piece: Piece, size: float) -> float:
        """The width of a piece at a line's type `size` (sub- and superscripts smaller)."""
        return self.width(piece.text, piece.face, size * (SCRIPT_SCALE if piece.script else 1.0))

    def wrap(self, parts: list[Piece], width: float, size: float) -> list[list[Piece]]:
        """Greedy line breaking of `parts` into lines no wider than `width`.

        Runs of white space become one space (a newline forces a break); a word wider than
        the line is broken between characters rather than left to spill.
        """
        lines: list[list[Piece]] = [[]]
        used = 0.0
        space: Piece | None = None
        space_w = 0.0
        limit = width - SLACK
        for kind, unit, token in self._tokens(parts):
            if kind == "\n":
                lines.append([])
                used, space = 0.0, None
            elif kind == " ":
                space, space_w = token[0], unit * size
            else:
                word_w = unit * size
                gap = space_w if space and lines[-1] else 0.0
                if lines[-1] and used + gap + word_w > limit:
                    lines.append([])
                    used, gap = 0.0, 0.0
                if gap and space is not None:  # (a gap is only ever after a space)
                    lines[-1].append(space)
                    used += gap
                if word_w <= limit:
                    lines[-1] += token
                    used += word_w
                else:
                    for chunk in self._split(token, limit, size):
                        if lines[-1]:
                            lines.append([])
                        lines[-1] += chunk
                        used = sum(self.piece_width(p, size) for p in chunk)
                space = None
        return lines

    def count(self, parts: list[Piece], width: float, size: float) -> int:
        """How many lines `wrap` makes of `parts`, without making them: the same sums in
        the same order, so the answer is always len(wrap(parts, width, size))."""
        count, used, empty = 1, 0.0, True
        space, space_w = False, 0.0
        limit = width - SLACK
        for kind, unit, _ in self._tokens(parts):
            if kind == "\n":
                count, used, empty, space = count + 1, 0.0, True, False
            elif kind == " ":
                space, space_w = True, unit * size
            else:
                word_w = unit * size
                gap = space_w if space and not empty else 0.0
                if not empty and used + gap + word_w > limit:
                    count, used, gap, empty = count + 1, 0.0, 0.0, True
                if gap:
                    used += gap
                if word_w > limit:  # a word that breaks: let wrap count its pieces
                    return len(self.wrap(parts, width, size))
                used += word_w
                empty = False
                space = False
        return count

    def _tokens(self, parts: list[Piece]) -> list[Token]:
        # The fitting wraps the same text at many widths and sizes: split and measure it
        # once, at 1 pt, as (kind, width at 1 pt, pieces) with kind word, " " or newline.
        key = tuple(parts)
        if key not in self._measured:
            measured: list[Token] = []
            for token in tokens(parts):
                if token == "\n":
                    measured.append(("\n", 0.0, []))
                elif token[0][0].isspace():
                    face = token[0][1]
                    measured.append(
                        (" ", self.width(" ", face, 1.0), [Piece(" ", face, token[0].key)])
                    )
                else:
                    measured.append(("word", sum(self.piece_width(p, 1.0) for p in token), token))
            self._measured[key] = measured
        return self._measured[key]

    def _split(self, word: list[Piece], limit: float, size: float) -> list[list[Piece]]:
        # At the language's hyphenation points, a hyphen ending each line; one character
        # at a time only where no point fits (a long URL, or a language with no dictionary).
        chars = [Piece(c, p.face, p.key, p.script) for p in word for c in p.text]
        points = self._hyphenator.points("".join(c.text for c in chars)) if self._hyphenator else []
        chunks: list[list[Piece]] = []
        start = 0
        while start < len(chars):
            end = self._fit(chars, start, points, limit, size)
            if end is None:
                rest = self._letters(chars[start:], limit, size)
                chunks += rest
                break
            chunk = chars[start:end]
            if end < len(chars) and chunk[-1].text != "-":  # (a hyphen of its own ends it)
                last = chunk[-1]
                chunk = [*chunk, Piece(HYPHEN, last.face, last.key)]
            chunks.append(chunk)
            start = end
        return [self._joined(chunk) for chunk in chunks]

    def _fit(
        self, chars: list[Piece], start: int, points: list[int], limit: float, size: float
    ) -> int | None:
        """Where the line from `start` ends: the whole rest if it fits, else the last
        hyphenation point whose part (with its hyphen) fits; None if none does."""

        def width(end: int, hyphen: bool) -> float:
            w = sum(self.piece_width(c, size) for c in chars[start:end])
            return w + (self.width(HYPHEN, chars[end - 1].face, size) if hyphen else 0.0)

        if width(len(chars), False) <= limit:
            return len(chars)
        for point in sorted((p for p in points if p > start), reverse=True):
            if width(point, True) <= limit:
                return point
        return None

    def _letters(self, chars: list[Piece], limit: float, size: float) -> list[list[Piece]]:
        chunks: list[list[Piece]] = [[]]
        used = 0.0
        for char in chars:
            w = self.piece_width(char, size)
            if chunks[-1] and used + w > limit:
                chunks.append([])
                used = 0.0
            chunks[-1].append(char)
            used += w
        return chunks

    @staticmethod
    def _joined(chunk: list[Piece]) -> list[Piece]:
        out: list[Piece] = []
        for piece in chunk:
            if out and out[-1][1:] == piece[1:]:
                out[-1] = out[-1]._replace(text=out[-1].text + piece.text)
            else:
                out.append(piece)
        return out

    def place(self, parts: list[Piece], x: float, baseline: float, size: float, role: str) -> Line:
        """A Line from wrapped `parts`, its left edge at `x`; same-style parts join into runs."""
        merged: list[Piece] = []
        for piece in parts:
            if merged and merged[-1][1:] == piece[1:]:
                merged[-1] = merged[-1]._replace(text=merged[-1].text + piece.text)
            else:
                merged.append(Piece(*piece))
        runs = []
        for piece in merged:
            w = self.piece_width(piece, size)
            runs.append(Run(piece.text, piece.face, piece.key, x, w, piece.script))
            x += w
        return Line(tuple(runs), baseline, size, role)

    def line_width(self, parts: list[Piece], size: float) -> float:
        """The width `parts` take on one line."""
        return sum(self.piece_width(Piece(*p), size) for p in parts)


def tokens(parts: list[Piece]) -> Iterator[list[Piece] | Literal["\n"]]:
    """Words (lists of pieces with no space between), single-space markers and newlines."""
    word: list[Piece] = []
    for piece in parts:
        piece = Piece(*piece)
        for bit in SPACES.split(piece.text):
            if not bit:
                continue
            if SPACES.fullmatch(bit):
                if word:
                    yield word
                    word = []
                if "\n" in bit:
                    yield "\n"
                else:
                    yield [piece._replace(text=bit)]
            else:
                word.append(piece._replace(text=bit))
    if word:
        yield word


def baseline_below(top: float, size: float, leading: float) -> float:
    """The baseline of a line whose slot of height `leading` starts at `top`.

    The glyphs' full height (ascent + descent) is centred in the slot, so text never
    touches the slot's edges as long as leading >= (ASCENT + DESCENT) * size.
    """
    return top - (leading + (ASCENT - DESCENT) * size) / 2
