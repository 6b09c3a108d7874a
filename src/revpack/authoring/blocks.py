"""The one thing every notes reader makes: a flat list of blocks."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.authoring.pictures import Picture

INVISIBLE = str.maketrans(dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff")))
"""Characters that print as nothing, which notes pasted from Word or the web carry (a soft
hyphen, a zero-width space, a word joiner, a byte order mark): left out of what is
imported, where the source would show them to the teacher as '\\u00ad' and the like."""


def clean(text: str) -> str:
    """`text` with its white space made single spaces and its INVISIBLE characters left
    out: a block's text as every reader gives it."""
    return " ".join(text.translate(INVISIBLE).split())


@dataclass(frozen=True)
class Block:
    """One heading, bullet or paragraph of the notes."""

    kind: str
    """"heading", "bullet" or "para"."""
    text: str
    """The text, with whitespace runs made single spaces and markers removed."""
    depth: int = 0
    """For bullets: nesting, 0 for the outermost. For headings: the level, 1 for the top."""
    gap: bool = False
    """A blank line (or an empty paragraph) came before this block."""
    literal: bool = False
    """Kept as written (HTML or code in Markdown): never a title, label or question."""
    note: str = ""
    """Something for the teacher to know about this block (an image that was here), written
    as a comment beside it."""
    pictures: tuple[Picture, ...] = ()
    """The pictures in it that a source can draw (a block of pictures alone has no text)."""
    styled: bool = False
    """Its notes mark their headings themselves (a Word file, with its Heading styles): a
    short plain line of it is a line of the notes, never taken for a heading."""
