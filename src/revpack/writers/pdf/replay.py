"""Drawing a part of a page once and writing its operators again in the next document.

A pack draws the same summary body and the same factor chart boxes for class after
class; only the header's class line differs. The part drawn is a run of PDF operators
that refer to nothing outside the page but the fonts, by their names in the document
(`/F2+0`) and by the codes their characters were given there (revpack.writers.pdf.subsets
numbers them up front, in a fixed order). So the operators drawn for one class are the
operators that would be drawn for the next, as long as

- the fonts have the same names and the characters drawn the same codes,
- the canvas is in the same state (colours, font, line width, …) when the part starts,
- and drawing it made no object of its own (a picture, a transparency state) and gave no
  character a new code.

A `Drawing` keeps the operators with what held when they were drawn; it is written again
only into a document where all of that holds, and then leaves the canvas as drawing would
have. Anything else is drawn afresh: the bytes are the same either way, which the tests
check by building with the memo table and without it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.memo import Memo
from revpack.writers.pdf.recorded import Recorded, record, write_again
from revpack.writers.pdf.subsets import codes_of

Codes = tuple[tuple[str, tuple[tuple[int, int], ...]], ...]
"""Per TrueType face the document uses: (face, (character, code) pairs)."""


@dataclass(frozen=True)
class Setting:
    """What a part's operators take for granted in the document and on the canvas."""

    fonts: tuple[tuple[str, str], ...]
    """Face → its name in the document, for every face the document has named."""
    codes: Codes
    """The codes the document has given characters, per face."""
    state: tuple[str, ...]
    """The canvas's graphics state (as reportlab tracks it), written out."""


@dataclass(frozen=True)
class Drawing:
    """A part of a page, drawn once."""

    drawn: Recorded
    """Its operators, the faces it named first and the PDF version it left."""
    before: Setting
    """The setting it was drawn in."""
    state: dict[str, object]
    """The canvas's graphics state after it (the canvas's own values)."""


def draw_once(
    canvas: Canvas, memo: Memo[Drawing | None], key: Hashable, draw: Callable[[], None]
) -> None:
    """Call `draw` on `canvas`, or write what it drew before under `key` when that is what
    it would draw now; remember what it draws when it can be written again."""
    known = memo.peek(key)
    if known is not None and _holds(canvas, known.before):
        _write(canvas, known)
        return
    before = _setting(canvas)
    objects, start = _objects(canvas), len(canvas._code)
    draw()
    after = _setting(canvas)
    if _objects(canvas) == objects and after.codes == before.codes and _plain(canvas):
        # (A document's font names only grow: the faces after `before`'s are new.)
        drawn = record(canvas, start, len(before.fonts))
        state = {name: canvas.__dict__[name] for name in Canvas.STATE_ATTRIBUTES}
        memo.put(key, Drawing(drawn, before, state))


def _write(canvas: Canvas, drawing: Drawing) -> None:
    write_again(canvas, drawing.drawn)
    canvas.__dict__.update(drawing.state)


def _holds(canvas: Canvas, setting: Setting) -> bool:
    """Whether the canvas's document and state are as in `setting` (characters the
    document has numbered since, at the end, do not matter)."""
    if tuple(canvas._doc.fontMapping.items()) != setting.fonts:
        return False
    if _state(canvas) != setting.state or not _plain(canvas):
        return False
    for face, pairs in setting.codes:
        numbered = _assignments(canvas, face)
        if numbered is None or any(numbered.get(char) != code for char, code in pairs):
            return False
    return True


def _setting(canvas: Canvas) -> Setting:
    return Setting(tuple(canvas._doc.fontMapping.items()), _codes(canvas), _state(canvas))


def _codes(canvas: Canvas) -> Codes:
    out = []
    for face in fonts.FACES.values():  # named in the document or only numbered up front
        numbered = _assignments(canvas, face)
        if numbered is not None:
            out.append((face, tuple(numbered.items())))
    return tuple(out)


def _assignments(canvas: Canvas, face: str) -> dict[int, int] | None:
    codes = codes_of(canvas._doc, face)
    return None if codes is None else dict(codes)


def _state(canvas: Canvas) -> tuple[str, ...]:
    values = canvas.__dict__
    return tuple(repr(values[name]) for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate")


def _plain(canvas: Canvas) -> bool:
    """No transparency or blend mode set (they live in page resources, not operators)."""
    extended = canvas._extgstate
    return not extended._d and not extended._c and not canvas.state_stack


def _objects(canvas: Canvas) -> int:
    return len(canvas._doc.idToObject)
