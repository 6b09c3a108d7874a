"""The worksheet model's text for the PDF: one paragraph style per model style, and runs
and numbered blanks turned into pieces of text, each in the DejaVu face that can draw it
(drawn by worksheet_lines.TextBlock, which never reads text as markup).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle

from revpack import fonts
from revpack.hyphenation import Hyphenator
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.options import of_kind
from revpack.options.worksheet import Options
from revpack.worksheet.document import Blank, Inline, Run
from revpack.writers.pdf.text import style as base_style
from revpack.writers.pdf.worksheet_lines import SCRIPT_SIZE, Piece, TextBlock, Widths
from revpack.writers.scripts import script_share

NBSP = "\u00a0"
SINGLE = 1.12
"""A word processor's single line spacing, as a multiple of the type size (the font's
ascent plus descent): line spacings multiply it, as they do in the DOCX."""


@dataclass(frozen=True)
class Look:
    """How one model paragraph style prints."""

    style: ParagraphStyle
    """The reportlab style (size, leading, spacing, indents)."""
    bold: bool = False
    """Every run bold."""
    italic: bool = False
    """Every run italic."""


class _Styled(NamedTuple):
    """A run of text in one face, as `_pieces` makes it."""

    text: str
    """The characters."""
    face: str
    """The registered font face."""
    colour: str | None
    """'#RRGGBB', or None for the style's colour."""
    script: str
    """'', 'sub' or 'super'."""


class _PiecesKey(NamedTuple):
    """What a paragraph's pieces are made from."""

    content: tuple[Inline, ...]
    """Its runs and blanks."""
    bold: bool
    """Every run bold."""
    italic: bool
    """Every run italic."""
    style: str
    """The paragraph style's name."""


class _PlainKey(NamedTuple):
    """What a plain cell's text is made from."""

    content: tuple[Inline, ...]
    """Its runs and blanks."""
    style: str
    """The look's paragraph style's name."""
    bold: bool
    """Every run bold."""
    italic: bool
    """Every run italic."""


class Styles:
    """The paragraph looks of one layout in one language, its colours and the widths of
    the words set in them: made once per layout, language and process (see `styles`),
    reused sheet after sheet."""

    def __init__(self, layout: Layout, language: str = "en", space: float = 1):
        fonts.register(italic=True)
        self.layout = layout
        self.hyphenator = Hyphenator(language)
        """Where a word too wide for its line or cell breaks, with a hyphen."""
        self.widths = Widths(script_share(layout.font, SCRIPT_SIZE))
        self.colours: dict[str, Color] = {}
        self.pieces: dict[_PiecesKey, tuple[list[Piece], int]] = {}
        """A paragraph's pieces, and a number its words, lines and drawing are remembered
        under (a number hashes faster than the text it stands for)."""
        self.plains: dict[_PlainKey, tuple[str, str] | None] = {}
        self.rows: dict[Hashable, Any] = {}
        """Each table row's cells, made once (worksheet_blocks)."""
        self.tables: dict[Hashable, Any] = {}
        """Each table's rows and look (worksheet_blocks.TableParts), made once."""
        size, spacing, colours = layout.font.size, layout.font.line_spacing, layout.colours
        gap_leading = size * max(spacing, 1.5) * SINGLE

        def make(
            name: str,
            font_size: float = size,
            *,
            leading: float | None = None,
            colour: str | None = None,
            **extra: float,
        ) -> ParagraphStyle:
            if leading is None:
                leading = font_size * spacing * SINGLE
            spaced = {k: v * space if k.startswith("space") else v for k, v in extra.items()}
            return base_style(
                name, font_size, layout, colour=colour, bold=False, leading=leading, **spaced
            )

        self.looks = {
            "body": Look(make("body", spaceAfter=4)),
            "instructions": Look(
                make("instructions", colour=colours.muted, spaceAfter=8, keepWithNext=1),
                italic=of_kind(layout.options, Options).italics,
            ),
            "gap": Look(make("gap", leading=gap_leading, spaceAfter=5)),
            "gap-sub": Look(make("gap-sub", leading=gap_leading, spaceAfter=3, leftIndent=18)),
            "question": Look(make("question", size + 1, spaceAfter=6, keepWithNext=1), bold=True),
            "prompt": Look(make("prompt", spaceAfter=8, keepWithNext=1)),
            "bullet": Look(make("bullet", spaceAfter=2, leftIndent=18, bulletIndent=6)),
            "bullet-2": Look(make("bullet-2", spaceAfter=2, leftIndent=36, bulletIndent=24)),
            "numbered": Look(make("numbered", spaceAfter=2, leftIndent=20, bulletIndent=0)),
            "cell": Look(make("cell", leading=size * 1.15 * SINGLE)),
            "title": Look(
                make("title", size * 2, colour=colours.accent, leading=size * 2.5, spaceAfter=3),
                bold=True,
            ),
            "subtitle": Look(
                make("subtitle", size + 1, colour=colours.muted, spaceBefore=4, spaceAfter=10)
            ),
        }
        for level, (grow, colour, before, after) in enumerate(
            ((3, colours.accent, 16, 4), (0.5, colours.accent, 9, 2), (0, colours.text, 6, 1)), 1
        ):
            self.looks[f"heading-{level}"] = Look(
                make(
                    f"heading-{level}",
                    size + grow,
                    colour=colour,
                    spaceBefore=before,
                    spaceAfter=after,
                    keepWithNext=1,
                ),
                bold=True,
            )

    def __getitem__(self, name: str) -> Look:
        return self.looks[name]

    def sized(self, style: ParagraphStyle, size: float) -> ParagraphStyle:
        """`style` at another type size (its leading in proportion)."""
        if size == style.fontSize:
            return style
        return ParagraphStyle(
            f"{style.name}-{size:.2f}",
            parent=style,
            fontSize=size,
            leading=style.leading * size / style.fontSize,
        )

    def paragraph(
        self,
        content: tuple[Inline, ...],
        look: Look,
        style: ParagraphStyle | None = None,
        bullet: str | None = None,
    ) -> TextBlock:
        """A paragraph of runs and blanks in `look` (or `style`)."""
        style = style or look.style
        key = _PiecesKey(content, look.bold, look.italic, style.name)
        known = self.pieces.get(key)
        if known is None:
            pieces = [
                Piece(text, face, self.colour(colour) if colour else None, script)
                for text, face, colour, script in _pieces(content, look, self.layout.colours.accent)
            ]
            known = self.widths.remember(self.pieces, key, (pieces, self.widths.number()))
        pieces, number = known
        return TextBlock(pieces, style, self.widths, bullet, key=number, hyphenator=self.hyphenator)

    def plain(self, content: tuple[Inline, ...], look: Look) -> tuple[str, str] | None:
        """`plain_text(content, look)`, worked out once per content and look."""
        key = _PlainKey(content, look.style.name, look.bold, look.italic)
        if key not in self.plains:
            self.widths.remember(self.plains, key, plain_text(content, look))
        return self.plains[key]

    def colour(self, colour: str) -> Color:
        """'#RRGGBB' as one shared colour object (text drawing compares them by identity)."""
        found = self.colours.get(colour)
        if found is None:
            found = self.colours[colour] = HexColor(colour)
        return found

    def text(
        self, text: str, look: Look, style: ParagraphStyle | None = None, bold: bool = False
    ) -> TextBlock:
        """A paragraph of one plain text."""
        return self.paragraph((Run(text, bold=bold),), look, style)

    def centred(self, look: Look) -> ParagraphStyle:
        """`look`'s style, centred."""
        name = look.style.name + "-centred"
        if name not in self.looks:
            self.looks[name] = Look(ParagraphStyle(name, parent=look.style, alignment=1))
        return self.looks[name].style


STYLES: Memo[Styles] = Memo("worksheet PDF styles", 8)


def styles(layout: Layout, language: str = "en", closer: bool = False) -> Styles:
    """The layout's styles for text in `language` (with less space between paragraphs
    when `closer`), made once per layout, language, spacing and process."""
    return STYLES.get(
        (layout, language, closer), lambda: Styles(layout, language, CLOSER if closer else 1)
    )


CLOSER = 0.4
"""The share of its space before and after that a paragraph keeps on a sheet set closer
(the writing room of its lines is kept)."""


def plain_text(content: tuple[Inline, ...], look: Look) -> tuple[str, str] | None:
    """(text, face) when `content` is text in one face, on the baseline, with no line
    break and no blank; else None."""
    pieces = list(_pieces(content, look, ""))
    faces = {(face, colour, script) for _, face, colour, script in pieces}
    text = "".join(text for text, _, _, _ in pieces)
    if len(faces) != 1 or "\n" in text:
        return None
    face, colour, script = faces.pop()
    return (text, face) if colour is None and not script else None


def _pieces(content: tuple[Inline, ...], look: Look, accent: str) -> Iterator[_Styled]:
    """Each run of `content` in its face and colour, as `markup` writes them."""
    for piece in content:
        if isinstance(piece, Blank):
            yield _Styled(f"({piece.number}){NBSP}", fonts.FACES[True, False], accent, "")
            length = piece.length
            if piece.hint:
                for chunk, face in _faces(piece.hint, True, False):
                    yield _Styled(chunk, face, None, "")
                length -= len(piece.hint)
            yield _Styled("_" * max(length, 1), fonts.FACES[False, False], None, "")
        else:
            for chunk, face in _faces(
                piece.text, piece.bold or look.bold, piece.italic or look.italic
            ):
                yield _Styled(chunk, face, None, piece.script)


def _faces(text: str, bold: bool, italic: bool) -> Iterable[tuple[str, str]]:
    """`fonts.runs`, with a short cut for printable ASCII, which every face has."""
    if text.isascii() and text.isprintable():
        return [(text, fonts.FACES[bold, italic])] if text else []
    return fonts.runs(text, bold, italic)
