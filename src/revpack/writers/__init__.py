"""Writers: one module per kind and format, found through the renderer table
(revpack.kinds).

Every writer is `render(source, layout, audience) -> list[Output]`: it reads only the
model and the layout, and returns bytes; writing files is the build's job.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from revpack.kinds import ANSWERS_SUFFIX
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Audience, Source, upright


@dataclass(frozen=True)
class Output:
    """One rendered file."""

    suffix: str
    """Added after `<stem>-<layout>`: '' for the main file, '-answers' for an answer key."""
    extension: str
    """The file's extension (pdf, docx, html, …)."""
    data: bytes
    """The file's bytes."""

    @property
    def is_key(self) -> bool:
        """True for an answer key (for the teacher, not the students)."""
        return self.suffix == ANSWERS_SUFFIX


@runtime_checkable
class Writer(Protocol):
    """What a writer module holds (the renderer table names it)."""

    def render(self, source: Source, layout: Layout, audience: Audience) -> list[Output]:
        """The files `layout` makes of `source` for `audience`."""
        ...


def writer(layout: Layout, format: str | None = None) -> Writer:
    """The writer module of `layout`'s kind in `format` (default: the layout's first)."""
    found = layout.kind.format(format or layout.formats[0])
    if found is None:
        raise ValueError(f"a {layout.renders} has no format '{format}'")
    module = importlib.import_module(found.writer)
    if not isinstance(module, Writer):
        raise TypeError(f"{found.writer} has no render function")
    return module


def render(
    source: Source, layout: Layout, audience: Audience | None = None, format: str | None = None
) -> list[Output]:
    """Render `source` with `layout` in `format` (default: the layout's first format);
    raises RenderError when it cannot (e.g. no fit). A layout whose options ask no italics
    (`italics: false`) gets the notes' italic text in bold, in every exercise and format."""
    return writer(layout, format).render(as_read(source, layout), layout, audience or Audience())


def as_read(source: Source, layout: Layout) -> Source:
    """`source` as `layout`'s writers are given it (and are asked for their notes of it):
    the part its kind reads, its italics in bold when the layout asks no italics."""
    reads = layout.kind.reads
    if reads is not None:
        source = _copy(PARTS, source, layout.kind.name, lambda: source.only(reads))
    if getattr(layout.options, "italics", True) is False:
        source = _copy(UPRIGHT, source, "", lambda: upright(source))
    return source


def _copy(
    table: Memo[tuple[Source, Source]], source: Source, kind: str, make: Callable[[], Source]
) -> Source:
    """A changed copy of `source`, made once per source (found by identity: the copy
    stands for it in the writers' memo tables, class after class)."""
    found = table.peek((id(source), kind))
    if found is not None and found[0] is source:
        return found[1]
    made = make()
    table.put((id(source), kind), (source, made))
    return made


PARTS: Memo[tuple[Source, Source]] = Memo("sources as a kind reads them", 16)
"""(id of a source, kind) → (it, the part of it the kind reads: Kind.reads)."""

UPRIGHT: Memo[tuple[Source, Source]] = Memo("sources without italics", 16)
"""(id of a source, '') → (it, it with its italics in bold)."""
