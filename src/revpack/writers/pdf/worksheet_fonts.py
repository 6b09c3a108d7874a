"""The characters a worksheet PDF draws in each face, found in its flowables before they
are drawn, so that its font subsets are numbered up front (revpack.writers.pdf.subsets)."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.platypus import Flowable

from revpack.writers.pdf.worksheet_grid import Grid, Plain, Shaded, Together
from revpack.writers.pdf.worksheet_lines import TextBlock

DIGITS = "0123456789"
"""Page numbers: drawn only when the document is saved, so reserved up front."""


def characters(flowables: Iterable[Flowable], faces: dict[str, set[str]]) -> None:
    """Add the characters each face draws in `flowables` to `faces` (face → characters);
    a paragraph's found once per layout (the same class after class)."""
    for flowable in flowables:
        if not isinstance(flowable, TextBlock) or flowable.key is None:
            _characters(flowable, faces)
            continue
        widths = flowable.widths
        key = (flowable.key, flowable.bullet, flowable.style.bulletFontName)
        known = widths.characters.get(key)
        if known is None:
            found: dict[str, set[str]] = {}
            _characters(flowable, found)
            known = tuple((face, "".join(sorted(chars))) for face, chars in found.items())
            widths.remember(widths.characters, key, known)
        for face, chars in known:
            faces.setdefault(face, set()).update(chars)


def _characters(flowable: Flowable, faces: dict[str, set[str]]) -> None:
    if isinstance(flowable, TextBlock):
        for piece in flowable.pieces:
            faces.setdefault(piece.face, set()).update(piece.text)
        if flowable.bullet:
            faces.setdefault(flowable.style.bulletFontName, set()).update(flowable.bullet)
    elif isinstance(flowable, Grid):
        for row in ([flowable.header] if flowable.header else []) + flowable.rows:
            for cell in row.cells:
                if isinstance(cell, Plain):
                    faces.setdefault(cell.face, set()).update(cell.text)
                elif isinstance(cell, TextBlock):
                    characters([cell], faces)
    elif isinstance(flowable, Shaded):
        for cells in flowable.rows:
            characters(cells, faces)
    elif isinstance(flowable, Together):
        characters(flowable._content, faces)
