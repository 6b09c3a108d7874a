"""The operators a part of a page drew, kept to be written again into another document.

revpack draws a part once and writes its operators again, class after class, in two
forms: a summary's body and a chart under its header (replay.py, which compares the
whole setting each time) and each of a worksheet's flowables (worksheet_drawings.py,
keyed by the setting's number). Both keep the same three things and write them back
the same way: the operators, the faces the part named first in its document (named
again, in order, as drawing it would have), and the PDF version it left the document at
(a colour's alpha raises it).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Recorded:
    """What drawing a part did to a canvas and its document."""

    code: tuple[str, ...]
    """Its operators, as the canvas holds them."""
    named: tuple[str, ...]
    """Faces it named first in the document, in order."""
    version: tuple[int, int]
    """The document's PDF version after it."""


def record(canvas: Canvas, start: int, named: int) -> Recorded:
    """What was drawn on `canvas` since its code held `start` operators and its document
    had named `named` faces."""
    document = canvas._doc
    return Recorded(
        tuple(canvas._code[start:]), tuple(list(document.fontMapping)[named:]), document._pdfVersion
    )


def write_again(canvas: Canvas, drawn: Recorded) -> None:
    """Write `drawn` on `canvas` as drawing it would: its operators, its faces named in the
    document, the document's version raised to its."""
    document = canvas._doc
    canvas._code.extend(drawn.code)
    for face in drawn.named:
        pdfmetrics.getFont(face).getSubsetInternalName(0, document)
    document._pdfVersion = max(document._pdfVersion, drawn.version)
