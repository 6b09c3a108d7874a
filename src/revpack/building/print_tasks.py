"""A class's print (or answers) PDF as a task that can be run in another process: what
goes into it, decided by the build, and the making of it, which a worker does.

A print PDF is made once the class's documents are written; making it (joining the
documents, drawing the cover and the marking grids) is the costly part, and runs on a
worker process like any document, so that this process only plans and writes. What a
task names is read from the output folder, which the worker shares with the build; on
another machine's executor the build makes its print PDFs itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from revpack.building.print_contents import Cover, Document
from revpack.loading.layouts import PAPER, Layout

if TYPE_CHECKING:
    from revpack.labels import Labels
    from revpack.model import Source


@dataclass(frozen=True)
class GridOrder:
    """A marking grid to add after a class's answer keys: the letters of one per-student
    worksheet that differ by student."""

    source: Source
    """The worksheet's source."""
    layout: Layout
    """The worksheet's layout."""
    students: tuple[tuple[str, int], ...]
    """(name, seed) of each student, in register order."""
    labels: Labels
    """The labels the grid is headed with."""
    who: str = ""
    """The class and teacher, under its title ('Class 11D · Ms Khan'), or ''."""


@dataclass(frozen=True)
class PrintTask:
    """One print or answers PDF to make."""

    cover: Cover
    """What its cover says."""
    documents: tuple[Document, ...]
    """The documents it holds, in order."""
    duplex: bool
    """Whether each document starts on a right-hand page."""
    grids: tuple[GridOrder, ...] = ()
    """Marking grids to add after the documents (an answers PDF of a class with students)."""
    word_processor: str | None = None
    """LibreOffice's command, to print the documents' edited Word files with."""


@dataclass(frozen=True)
class Printed:
    """What making a print PDF gave back."""

    data: bytes | None = None
    """The PDF, or None when it could not be made."""
    error: str | None = None
    """Why not, in one line."""
    notes: tuple[str, ...] = ()
    """What the build should say of it (an edited Word file printed as built instead)."""


@dataclass(frozen=True)
class FollowUp:
    """A print task a finished job has made ready, with what the build does with its
    result (write it and remember it): only `task` goes to a worker."""

    task: PrintTask
    """What to make."""
    finish: Callable[[Printed], None]
    """Called in the build's process with the result."""


def run_print(task: PrintTask) -> Printed:
    """Make `task`'s PDF; a document that cannot be read (changed since, damaged) or any
    other failure becomes a failed Printed, for this class alone."""
    try:
        from revpack.building.printing import combine

        documents, notes = _as_printed(task.documents, task.word_processor)
        documents += _grids(task.grids, documents)
        return Printed(combine(task.cover, documents, duplex=task.duplex), notes=notes)
    except Exception as exc:
        return Printed(error=" ".join(str(exc).split()) or type(exc).__name__)


def run_inline(follow_ups: list[FollowUp] | None) -> None:
    """Make the follow-ups' PDFs in this process, one after another."""
    for follow_up in follow_ups or ():
        follow_up.finish(run_print(follow_up.task))


def _as_printed(
    documents: tuple[Document, ...], program: str | None
) -> tuple[list[Document], tuple[str, ...]]:
    """`documents`, each edited Word file among them turned into PDF (all in one run of
    LibreOffice; a file listed twice, once), and what to say. When LibreOffice cannot,
    the documents are printed as built from the notes, and the notes say why."""
    words = list(dict.fromkeys(d.word for d in documents if d.word is not None))
    if not words:
        return list(documents), ()
    from revpack.building.word_prints import WordPrintError, is_word_file, pdfs_of

    # (LibreOffice opens any file: one that is no Word file was printed as its text)
    said = tuple(
        f"{word}: printed as built from the notes, not as edited: it is not a Word file"
        for word in words
        if not is_word_file(word)
    )
    words = [word for word in words if is_word_file(word)]
    try:
        if words and program is None:
            raise WordPrintError("LibreOffice is not installed")
        made = pdfs_of(words, program) if words and program is not None else {}
    except WordPrintError as exc:
        said += tuple(
            f"{word}: printed as built from the notes, not as edited: {exc}" for word in words
        )
        made = {}
    return [
        Document(d.title, made[d.word]) if d.word in made else Document(d.title, d.pdf)
        for d in documents
    ], said


def _grids(orders: tuple[GridOrder, ...], documents: list[Document]) -> list[Document]:
    if not orders:
        return []
    from revpack.building.printing import page_size
    from revpack.worksheet.marking import marking_grid
    from revpack.writers.pdf.marking_grid import grid_pdf

    first = documents[0].pdf if documents else None
    size = page_size(first) if isinstance(first, Path) else PAPER["A4"]  # (none to go by)
    made = []
    for order in orders:
        grid = marking_grid(order.source, order.layout, list(order.students), order.labels)
        if grid is not None:
            made.append(Document(grid.title, grid_pdf(grid, order.labels, size, order.who)))
    return made
