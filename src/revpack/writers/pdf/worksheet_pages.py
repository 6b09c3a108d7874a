"""The worksheet's flowables laid out on pages: one frame per page, filled top to bottom.

reportlab's document template does this for any flowable, in any frames and page
templates, with hooks and checks at every step. A worksheet has one frame per page and
only its own flowables, so this does the same steps for them directly: the space before a
flowable is dropped at the top of a page and overlaps the space after the one before; a
run of flowables kept with the next is laid out as one group (worksheet_grid.Together);
what does not fit is split, or moved to the next page; a page break ends the page. The
canvas receives the same calls in the same order as the template would make, so the
bytes are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak
from reportlab.platypus.doctemplate import LayoutError

from revpack.writers.pdf.worksheet_drawings import draw_on
from revpack.writers.pdf.worksheet_grid import Together
from revpack.writers.pdf.worksheet_lines import Widths

FUZZ = 1e-6
"""reportlab's tolerance in layout arithmetic."""


@dataclass(frozen=True)
class Laid:
    """How a story fell on its pages."""

    pages: int
    """How many pages it takes."""
    last: float
    """How much of the last page's frame it fills, from 0 to 1."""
    hollow: float = 0.0
    """The largest share of a page's frame left empty above the foot because what came
    next moved whole to the next page (0 when nothing did)."""


class Pages:
    """Fills pages of one frame with flowables, drawing them on `canvas` as they fit."""

    def __init__(
        self,
        canvas: Canvas,
        box: tuple[float, float, float, float],
        on_page: Callable[[Canvas], None],
        widths: Widths,
    ):
        self.canvas = canvas
        self.widths = widths
        self.left, self.bottom, self.width, self.height = box
        self.top = self.bottom + self.height
        self.on_page = on_page
        self.begun = False
        """Whether the current page has begun (its paper painted)."""
        self.y = self.top
        self.at_top = True
        self.after = 0.0
        """The space after the last flowable drawn on this page."""
        self.pages = 0
        """The pages ended so far."""
        self.hollow = 0.0
        """See Laid.hollow."""

    def build(self, story: list[Flowable]) -> Laid:
        """Lay `story` out and end the last page (the canvas is not saved)."""
        flowables = list(story)
        while flowables:
            self._begin()
            self._handle(flowables)
        if self.begun:
            self._end_page()
        return Laid(self.pages, (self.top - self.y) / self.height, self.hollow)

    # Pages -----------------------------------------------------------------------------
    def _begin(self) -> None:
        if not self.begun:
            self.begun = True
            self.on_page(self.canvas)
            self.y, self.at_top, self.after = self.top, True, 0.0

    def _end_page(self) -> None:
        self.canvas.setPageRotation(0)
        self.canvas.showPage()
        self.begun = False
        self.pages += 1

    # Flowables -------------------------------------------------------------------------
    def _handle(self, flowables: list[Flowable]) -> None:
        """Place the first of `flowables` (grouped with those it keeps with) or its first
        part, putting back what is left of it."""
        _keep_with_next(flowables, self.height)
        first = flowables.pop(0)
        if isinstance(first, PageBreak):
            self._end_page()
            return
        if self._add(first):
            return
        parts = self._split(first)
        if parts:
            if self._add(parts[0]):
                flowables[0:0] = parts[1:]
                return
            if self.at_top:
                raise LayoutError(f"a part of {type(first).__name__} does not fit its page")
            # A group taller than a page falls apart, and its first part does not fit
            # under what is on this page: the parts start on the next.
            self._move_on(flowables)
            flowables[0:0] = parts
            return
        if getattr(first, "_postponed", False):  # moved to a new page once already
            raise LayoutError(f"{type(first).__name__} is too large for a page")
        first._postponed = 1
        self._move_on(flowables)
        flowables.insert(0, first)

    def _move_on(self, after: list[Flowable]) -> None:
        """End the page because what comes next moves whole to the next one, with the
        flowables `after` it still to come. (The room it leaves counts towards `hollow`
        unless it is the last: the extended answer starts a page when too little of one is
        left, by design.)"""
        if after:
            self.hollow = max(self.hollow, (self.y - self.bottom) / self.height)
        self._end_page()

    def _before(self, flowable: Flowable) -> float:
        """The space above `flowable` here: none at the top of the page; else its space
        before, less the space after the last one (they overlap)."""
        if self.at_top:
            return 0.0
        return float(max(flowable.getSpaceBefore() - self.after, 0))

    def _add(self, flowable: Flowable) -> bool:
        """Draw `flowable` at the current position if it fits; whether it did."""
        space = self._before(flowable)
        room = self.y - self.bottom - space
        if room <= 0:
            return False
        width, height = flowable.wrap(self.width, room)
        y = self.y - height - space
        if y < self.bottom - FUZZ:
            return False
        after = flowable.getSpaceAfter()
        x = flowable._hAlignAdjust(self.left, self.width - width)
        draw_on(self.canvas, flowable, x, y, self.widths)
        y -= after
        self.after = after
        if y != self.y:
            self.at_top = False
        self.y = y
        return True

    def _split(self, flowable: Flowable) -> list[Flowable]:
        room = self.y - self.bottom - self._before(flowable)
        if room <= 0:
            return []
        parts: list[Flowable] = flowable.split(self.width, room)
        return parts


def _keep_with_next(flowables: list[Flowable], frame_height: float) -> None:
    """Group the flowables at the front that keep with the next, and the next, into one
    Together (as reportlab's template does; the grouped ones no longer keep with the
    next, so a group that must break falls apart)."""
    count = 0
    total = len(flowables)
    while count < total and flowables[count].getKeepWithNext() and _groups(flowables[count]):
        count += 1
    if not count:
        return
    if count < total and _groups(flowables[count]):
        count += 1
    group = Together(flowables[:count], frame_height=frame_height)
    for flowable in group._content[:-1]:
        flowable.__dict__["keepWithNext"] = 0
    del flowables[:count]
    flowables.insert(0, group)


def _groups(flowable: Flowable) -> bool:
    """Whether `flowable` may go into a group (not a page break)."""
    return not getattr(flowable, "locChanger", False)
