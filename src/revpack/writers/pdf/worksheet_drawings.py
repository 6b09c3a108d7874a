"""A worksheet flowable's operators, drawn once and written again in the next document.

A pack's worksheets differ from class to class in a few exercises (the shuffled word
bank, matching and timeline); the instructions, gap paragraphs, tables and lines are the
same. Each flowable is drawn inside its own saved graphics state, at its own origin, so
its operators depend only on what it draws, its size, and the document's fonts: their
names (`/F2+0`, given in the order the document first uses them) and the codes their
characters were given (numbered up front from the characters the document draws,
revpack.writers.pdf.subsets). A drawing is written again into a document only when all of
that is the same; it then names the fonts it named first, as drawing it would have.
Drawings that made an object (a picture) or gave a character a new code are not kept.
The bytes are the same either way.
"""

from __future__ import annotations

from collections.abc import Hashable

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from revpack.writers.pdf.recorded import record, write_again
from revpack.writers.pdf.worksheet_lines import DRAWINGS_KEPT, Widths, ink


def content_key(flowable: Flowable) -> Hashable | None:
    """What `flowable` draws, apart from its size (None: not remembered)."""
    method = getattr(flowable, "content_key", None)
    if method is not None:
        found: Hashable | None = method()
        return found
    if type(flowable) is Spacer:
        return ("space", flowable.width, flowable.height)
    return None


def draw_on(canvas: Canvas, flowable: Flowable, x: float, y: float, widths: Widths) -> None:
    """`flowable.drawOn(canvas, x, y)`: the operators it drew before in the same setting,
    or drawn (and remembered when they can be written again)."""
    key = content_key(flowable)
    if key is None:
        _drawn_on(canvas, flowable, x, y)
        ink(canvas).drew()
        return
    document = canvas._doc
    paper = ink(canvas)
    full = (
        key,
        flowable.width,
        flowable.height,
        paper.setting(widths),
        tuple(document.fontMapping.items()),
        canvas._fontname,
        canvas._fontsize,
        canvas._leading,
    )
    found = widths.drawings.get(full)
    if found is not None:
        # What drawOn writes (saved state, moved origin, the drawing, state restored),
        # and the canvas's state is as it was before, as restoring it leaves it.
        code = canvas._code
        code.append("q")
        code.append(f"{fp_str(1, 0, 0, 1, x, y)} cm")
        write_again(canvas, found)
        code.append("Q")
        return
    canvas.saveState()
    canvas.translate(x, y)
    start, objects, named = len(canvas._code), len(document.idToObject), len(document.fontMapping)
    graphics = (dict(canvas._extgstate._d), len(canvas._extgstate._c))
    _draw(canvas, flowable)
    paper.drew()
    if (
        len(document.idToObject) == objects
        and paper.setting(widths) == full[3]
        and (dict(canvas._extgstate._d), len(canvas._extgstate._c)) == graphics
        and not canvas._colorsUsed
    ):
        widths.remember(widths.drawings, full, record(canvas, start, named), DRAWINGS_KEPT)
    canvas.restoreState()


def _drawn_on(canvas: Canvas, flowable: Flowable, x: float, y: float) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    _draw(canvas, flowable)
    canvas.restoreState()


def _draw(canvas: Canvas, flowable: Flowable) -> None:
    flowable.canv = canvas
    flowable.draw()
    del flowable.canv
