"""What every exercise's sheet and key writers share: the layout's measures, the labels,
and small constructors for the document model's blocks."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from revpack.labels import Labels
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Span, Text
from revpack.worksheet.document import Cell, Inline, Paragraph, Run

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


@dataclass(frozen=True)
class Context:
    """What a sheet or key is composed for."""

    layout: Layout
    """The worksheet layout (page, type, options)."""
    labels: Labels
    """The fixed words, in the source's language."""

    @property
    def width(self) -> float:
        """The width between the margins, in points."""
        return self.layout.page.width - 2 * self.layout.page.margin

    @property
    def size(self) -> float:
        """The body type size, in points."""
        return self.layout.font.size

    @property
    def options(self) -> Options:
        """The layout's worksheet options."""
        return cast("Options", self.layout.options)


RUNS: Memo[tuple[object, tuple[Inline, ...]]] = Memo("worksheet model runs", 4096)
"""Texts as runs: a pack's classes set the same texts, sheet after sheet. A str is found
by its value; a Text or spans by identity (the entry holds them, so their ids stay
theirs): (what was set, its runs)."""


def runs(text: Text | str, *, bold: bool = False, keys_bold: bool = False) -> tuple[Run, ...]:
    """A model Text (or plain str) as runs; key terms bold when `keys_bold`."""
    key = (text if isinstance(text, str) else id(text), bold, keys_bold)
    found = RUNS.peek(key)
    if found is not None and (found[0] is text or isinstance(text, str)):
        return cast("tuple[Run, ...]", found[1])
    made = _runs(text, bold, keys_bold)
    RUNS.put(key, (text, made))
    return made


def _runs(text: Text | str, bold: bool, keys_bold: bool) -> tuple[Run, ...]:
    if isinstance(text, str):
        return (Run(text, bold=bold),)
    return tuple(
        Run(s.text, bold=bold or s.bold or (keys_bold and s.key), italic=s.italic, script=s.script)
        for s in text.spans
    )


def plain(
    text: str, style: str = "body", *, keep_with_next: bool = False, list_start: bool = False
) -> Paragraph:
    """A paragraph of one plain run."""
    return Paragraph((Run(text),), style, keep_with_next, list_start)


def cell(text: Text | str, *, bold: bool = False, align: str = "left") -> Cell:
    """A cell holding `text`."""
    return Cell(runs(text, bold=bold), align)


def styled(spans: tuple[Span, ...]) -> tuple[Inline, ...]:
    """Spans as runs (key terms as they are: this is for text that is not a gap)."""
    key = ("spans", *map(id, spans))
    found = RUNS.peek(key)
    if found is not None and all(map(operator.is_, cast("tuple[Span, ...]", found[0]), spans)):
        return found[1]
    made = tuple(Run(s.text, s.bold, s.italic, s.script) for s in spans)
    RUNS.put(key, (spans, made))
    return made
