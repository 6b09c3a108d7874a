"""What a class's print PDF holds: its documents and what its cover says (light data,
so that a build with nothing to print needs none of the PDF libraries)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One entry of a print PDF."""

    title: str
    """What the contents list and the bookmark call it."""
    pdf: Path | bytes
    """The PDF to include: a file, or the bytes of one made for the print PDF alone."""
    word: Path | None = None
    """A Word file a teacher has edited, to print instead of `pdf` (through LibreOffice),
    or None."""


@dataclass(frozen=True)
class Cover:
    """What a print PDF's cover says."""

    title: str
    """The pack's name (the print PDF's title, with `who`)."""
    who: str
    """The class and teacher line."""
    contents: str
    """The heading over the contents list."""
    date: str | None = None
    """The printed date, or None."""
    author: str = "revpack"
    """The teacher, for the metadata."""
    language: str | None = None
    """The language its labels are in (BCP 47), or None: it counts towards the print
    PDF's language (revpack.building.printing.print_language)."""
    least: float = 0.0
    """The least type size of its text, in points: a large-print class's body size (every
    document of its print in large print), else 0 (the cover's own sizes)."""
