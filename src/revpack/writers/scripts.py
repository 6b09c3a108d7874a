"""How large a sub- or superscript is set: each writer's own share of its text's size
(about two thirds), or the layout's `font: {scripts: …}` (large print sets 0.8: on a 16 pt
sheet a 66 % subscript was 10.6 pt, under what a reader of large print needs)."""

from __future__ import annotations

from revpack.loading.layouts import Font

WORKSHEET_RISE = {"super": 0.36, "sub": -0.16, "": 0.0}
"""How far a worksheet's sub- or superscript's baseline moves (PDF and DOCX), as a share of
its text's size."""
WORD_SCRIPT = 2 / 3
"""The share of its text's size a word processor sets a sub- or superscript at."""


def script_share(font: Font, share: float) -> float:
    """A script's size as a share of its text's: the layout's, else the writer's own
    `share`."""
    return font.scripts or share


def script_points(font: Font) -> float | None:
    """The size in points of sub- and superscripts in body text that a word processor
    must be given (a layout's own share); None for its own."""
    return font.scripts * font.size if font.scripts else None
