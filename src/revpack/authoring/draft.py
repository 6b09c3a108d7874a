"""A source shaped from imported notes, not yet written: what `importer.shape` decides
and `importer.to_yaml` writes."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.authoring.pictures import Picture


@dataclass(frozen=True)
class DraftPoint:
    """A point as it will be written."""

    text: str
    """The point's text."""
    points: tuple[str, ...] = ()
    """Sub-points (nested bullets)."""
    note: str = ""
    """A comment for the teacher written above it (e.g. about an image that was here)."""


@dataclass(frozen=True)
class DraftGroup:
    """A factor or a section as it will be written."""

    title: str
    """Its title."""
    points: tuple[DraftPoint, ...]
    """Its points (never empty)."""
    note: str = ""
    """A comment for the teacher written above it (e.g. to check a made-up title)."""
    pictures: tuple[Picture, ...] = ()
    """The pictures that stood in it, in order: the first placed one is its `image:`."""
    picture_notes: tuple[str, ...] = ()
    """Comments about pictures in it that a source cannot draw, and had no words to go
    beside."""


@dataclass(frozen=True)
class DraftEvent:
    """A timeline entry as it will be written."""

    when: str
    """Its date, as the notes write it ('1509', 'January 1533')."""
    what: str
    """What happened."""


@dataclass(frozen=True)
class DraftTerm:
    """A glossary entry as it will be written."""

    term: str
    """The term."""
    meaning: str
    """What it means."""


@dataclass(frozen=True)
class Draft:
    """A source shaped from notes, not yet written."""

    title: str
    """The topic's title."""
    title_note: str = ""
    """A comment about the title, if revpack had to make it up."""
    question: str = ""
    """The key question ("" if the notes had none)."""
    course: str = ""
    """A short line right under the title (such as "GCSE History, Paper 1")."""
    intro: str = ""
    """Paragraphs before the factors."""
    intro_note: str = ""
    """A comment written above the introduction."""
    factors: tuple[DraftGroup, ...] = ()
    """Answers to the question."""
    sections: tuple[DraftGroup, ...] = ()
    """Everything else, in order."""
    loose: tuple[Picture, ...] = ()
    """Pictures before the first factor or section, which a source has no place for."""
    loose_notes: tuple[str, ...] = ()
    """Comments about pictures there that a source cannot draw."""
    language: str | None = None
    """The language the notes' words say they are in, when it is not English (None: not
    clearly another)."""
    timeline: tuple[DraftEvent, ...] = ()
    """A list of dated lines in the notes ('1509 - Henry marries…'), as the timeline."""
    terms: tuple[DraftTerm, ...] = ()
    """A glossary in the notes ('Key terms' over 'Fyrd: part-time soldiers' lines, or a
    table of terms and meanings), as the terms."""
