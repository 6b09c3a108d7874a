"""The one thing every notes reader makes: a flat list of blocks."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.authoring.pictures import Picture


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
