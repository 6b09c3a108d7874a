"""The typed, frozen model every renderer reads. Nothing here knows about YAML or output."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, TypeVar, cast

from revpack.problems import Mark

T = TypeVar("T")
"""Any part of a source (`upright`)."""


@dataclass(frozen=True)
class Span:
    """A run of text in one style."""

    text: str
    """The characters, exactly as typed (never markup for any output format)."""
    bold: bool = False
    """Inside `**…**`."""
    italic: bool = False
    """Inside `*…*`."""
    key: bool = False
    """Inside `==…==`: a key term (highlighted; a gap in the worksheet)."""
    script: str = ""
    """'sub' inside `~…~`, 'super' inside `^…^`, '' on the baseline."""


@dataclass(frozen=True)
class Text:
    """Inline text: the spans it parses into, and where it was written."""

    spans: tuple[Span, ...]
    """The styled runs, in order."""
    mark: Mark
    """Where the text starts in its source file."""

    @property
    def plain(self) -> str:
        """The text without any markup."""
        return "".join(s.text for s in self.spans)

    @property
    def keys(self) -> tuple[str, ...]:
        """The key terms, in order (adjacent key spans of different style join up)."""
        terms: list[str] = []
        previous_key = False
        for span in self.spans:
            if span.key and previous_key and terms:
                terms[-1] += span.text
            elif span.key:
                terms.append(span.text)
            previous_key = span.key
        return tuple(terms)

    def __str__(self) -> str:
        return self.plain


@dataclass(frozen=True)
class Point:
    """One bullet point, optionally with sub-points (one level)."""

    text: Text
    """The point itself."""
    points: tuple[Text, ...] = ()
    """Its sub-points."""


@dataclass(frozen=True)
class Image:
    """A picture on a factor or section (PNG or JPEG), read and checked when loaded."""

    data: bytes = field(repr=False)
    """The file's bytes (left out of the repr: `digest` stands for them in job keys)."""
    digest: str
    """SHA-256 of `data`, in hex: a changed picture changes every job key it is in."""
    alt: str
    """Its alternative text (a DOCX picture's description, an HTML img's alt)."""
    width: int
    """Width in pixels."""
    height: int
    """Height in pixels."""
    format: str
    """'png' or 'jpeg'."""
    file: str
    """The file as the source names it (relative to the source)."""
    mark: Mark
    """Where `image:` was written."""

    @property
    def natural_width(self) -> float:
        """Its width in points at its own size (96 pixels an inch, as a browser shows it):
        the widest it is ever printed, since a small picture enlarged is a blur."""
        return self.width * POINTS_PER_PIXEL


POINTS_PER_PIXEL = 0.75
"""Points a pixel of a picture takes at its own size (96 pixels an inch)."""


@dataclass(frozen=True)
class Factor:
    """An answer to the key question: a spoke of the factor chart."""

    title: Text
    """Short title, unique within the source."""
    points: tuple[Point, ...]
    """What to know about this factor (at least one)."""
    links: tuple[str, ...]
    """Plain titles of other factors this one connects to."""
    mark: Mark
    """Where the factor starts."""
    image: Image | None = None
    """A picture drawn with it, or None."""


@dataclass(frozen=True)
class Section:
    """Further notes under a heading."""

    title: Text
    """The heading."""
    points: tuple[Point, ...]
    """The notes (at least one)."""
    mark: Mark
    """Where the section starts."""
    image: Image | None = None
    """A picture drawn with it, or None."""


@dataclass(frozen=True)
class Term:
    """A glossary entry."""

    term: Text
    """The word or phrase."""
    meaning: Text
    """What it means."""
    mark: Mark
    """Where the entry starts."""


@dataclass(frozen=True)
class Event:
    """A timeline entry."""

    when: Text
    """The date, as written (never parsed: '1955', 'Spring 1956', 'c. 1950')."""
    what: Text
    """What happened."""
    mark: Mark
    """Where the entry starts."""


@dataclass(frozen=True)
class Source:
    """One topic's revision notes, validated."""

    path: str
    """The file it was read from."""
    stem: str
    """The file name without extension: the start of every output name."""
    title: Text
    """The topic's title."""
    subject: Text | None
    """E.g. History."""
    course: Text | None
    """E.g. the course or unit name."""
    question: Text | None
    """The key question the factors answer."""
    intro: Text | None
    """An optional opening paragraph."""
    factors: tuple[Factor, ...]
    """Answers to the key question."""
    sections: tuple[Section, ...]
    """Further notes, in order."""
    terms: tuple[Term, ...]
    """Glossary."""
    timeline: tuple[Event, ...]
    """Dated events, in the order written."""
    language: str = "en-GB"
    """BCP 47 tag of its language: picks the labels, date words and hyphenation, and is
    the document language of every output."""
    language_mark: Mark | None = None
    """Where `language:` was written (None when it was left out)."""

    def __hash__(self) -> int:
        """The fields' hash, worked out once: a source keys many memo tables, and hashing
        all of its text at every lookup cost a pack's worker processes a twentieth of
        their time."""
        known: int | None = self.__dict__.get("_hash")
        if known is None:
            known = hash(tuple(getattr(self, f.name) for f in fields(self) if f.compare))
            self.__dict__["_hash"] = known
        return known

    def __getstate__(self) -> dict[str, object]:
        """What pickling keeps: the fields, not the hash (another process hashes text
        differently)."""
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    def only(self, reads: frozenset[str] | None) -> Source:
        """This source with only the notes named in `reads` (among NOTES) left in, the
        rest empty; itself when `reads` is None or names them all. A kind of document
        drawn from part of the notes is given only that part, and its build key hashes
        only that part: a change elsewhere leaves it as it is."""
        if reads is None or NOTES <= reads:
            return self
        return replace(self, **{name: EMPTY[name] for name in NOTES - reads})

    @property
    def images(self) -> tuple[Image, ...]:
        """Every picture, in reading order."""
        blocks: tuple[Factor | Section, ...] = (*self.factors, *self.sections)
        return tuple(b.image for b in blocks if b.image)

    @property
    def uses_italic(self) -> bool:
        """Whether any text is marked italic (so PDFs need the oblique faces)."""
        return any(span.italic for text in self.all_texts() for span in text.spans)

    def all_texts(self) -> Iterator[Text]:
        """Every Text in the source, in reading order."""
        for text in (self.title, self.subject, self.course, self.question, self.intro):
            if text is not None:
                yield text
        blocks: tuple[Factor | Section, ...] = (*self.factors, *self.sections)
        for block in blocks:
            yield block.title
            for point in block.points:
                yield point.text
                yield from point.points
        for term in self.terms:
            yield term.term
            yield term.meaning
        for event in self.timeline:
            yield event.when
            yield event.what


EMPTY: dict[str, Any] = {
    "subject": None,
    "course": None,
    "question": None,
    "intro": None,
    "factors": (),
    "sections": (),
    "terms": (),
    "timeline": (),
}
"""Each part of a source's notes that may be left out, as it is when left out."""

NOTES = frozenset(EMPTY)
"""The parts of a source's notes a kind of document may read or not (its title, language
and where it was read from are always there)."""


@dataclass(frozen=True)
class Audience:
    """Who a build is for: printed on the sheets, and seeds the shuffles."""

    class_name: str | None = None
    """The class, e.g. 11A."""
    teacher: str | None = None
    """The class teacher."""
    seed: int = 0
    """Seed for every shuffle (word banks, matching, timeline order)."""
    date: str | None = None
    """A date to print, from SOURCE_DATE_EPOCH when set; None prints no date."""
    student: str | None = None
    """The student a copy is for, printed in its name field; None leaves it blank."""


def upright(value: T) -> T:
    """`value` (a Source, or any part of one) with its italic text set in bold instead: a
    layout for dyslexic readers asks no italics anywhere (`italics: false`). What holds no
    italic text is returned as it is (the same object)."""
    return cast(T, _upright(value))


def _upright(value: object) -> object:
    if isinstance(value, Span):
        return replace(value, italic=False, bold=True) if value.italic else value
    if isinstance(value, tuple):
        items = tuple(_upright(item) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            each.name: new
            for each in fields(value)
            if (new := _upright(old := getattr(value, each.name))) is not old
        }
        return replace(value, **changes) if changes else value
    return value
