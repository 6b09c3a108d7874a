"""The flashcards of a source: pure functions from the model to format-neutral notes.

Every point that marks ==key terms== becomes a cloze note (each distinct key term its own
cloze number), every term a term → meaning note, every timeline entry a date note. Each
note carries the texts that identify it (`identity`), from which a writer derives a stable
id (Anki's GUID): the same notes give the same ids on every build, so re-importing a
rebuilt deck updates its cards instead of adding copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revpack.model import Event, Factor, Point, Section, Source, Span, Term, Text
from revpack.options.flashcards import Options
from revpack.problems import Mark
from revpack.repeats import WordForms, hidden, masked, word_forms


@dataclass(frozen=True)
class Blank:
    """A key term hidden in a cloze note."""

    number: int
    """Its cloze number (1 for c1, …); a term marked twice in one note keeps one number."""
    spans: tuple[Span, ...]
    """The term's styled text."""

    @property
    def plain(self) -> str:
        """The term without markup."""
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Cloze:
    """A point of the notes with its key terms to recall."""

    context: str
    """The factor or section it comes from ('' for the key question and introduction)."""
    heading: str
    """The context as the card shows it: a key term of the note in it hidden as '…'
    ('Catalysts' over 'A […] speeds up a reaction' answered it)."""
    lines: tuple[tuple[Span | Blank, ...], ...]
    """The point, then each of its sub-points: text and blanks, in order."""
    identity: tuple[str, ...]
    """What identifies the note: the point's text with its sub-points."""
    mark: Mark
    """Where the point was written."""

    @property
    def blanks(self) -> tuple[Blank, ...]:
        """Every blank, in order (a term as often as it is marked or repeated)."""
        return tuple(p for line in self.lines for p in line if isinstance(p, Blank))


@dataclass(frozen=True)
class TermCard:
    """A term and its meaning."""

    term: Text
    """The word or phrase (the front)."""
    meaning: Text
    """What it means (the back)."""
    identity: tuple[str, ...]
    """What identifies the note: the term (a changed meaning updates the same note)."""


@dataclass(frozen=True)
class DateCard:
    """A timeline entry: the date and what happened."""

    when: Text
    """The date, as written."""
    what: Text
    """The event."""
    identity: tuple[str, ...]
    """What identifies the note: the date and the event."""


@dataclass(frozen=True)
class Deck:
    """Every note of one source."""

    path: tuple[str, ...]
    """The deck's name as a path: subject, course, title (those the source has)."""
    subject: str
    """The subject ('' when the source names none)."""
    course: str
    """The course ('' when the source names none)."""
    stem: str
    """The source file's stem."""
    clozes: tuple[Cloze, ...]
    """The cloze notes, in reading order."""
    terms: tuple[TermCard, ...]
    """The term notes, in the source's order."""
    dates: tuple[DateCard, ...]
    """The date notes, in the source's order."""

    @property
    def name(self) -> str:
        """The path joined as Anki names nested decks: History::Cold War::The Thaw."""
        return "::".join(self.path)


def deck(source: Source, options: Options) -> Deck:
    """The notes `options.cards` asks for."""
    path = tuple(
        _part(t.plain)
        for t in (source.subject, source.course, source.title)
        if t is not None and t.plain.strip()
    )
    forms = word_forms(source.language).for_blanking()
    clozes = (
        tuple(_cloze(heading, point, forms) for heading, point in cloze_points(source))
        if "cloze" in options.cards
        else ()
    )
    terms = tuple(_term(t) for t in source.terms) if "terms" in options.cards else ()
    dates = tuple(_date(e) for e in source.timeline) if "dates" in options.cards else ()
    subject, course = (
        t.plain.strip() if t is not None else "" for t in (source.subject, source.course)
    )
    return Deck(path, subject, course, source.stem, clozes, terms, dates)


def cloze_points(source: Source) -> list[tuple[str, Point]]:
    """(heading, point) of every text that marks key terms: the key question, the
    introduction, and each factor's and section's title and points (terms and timeline
    entries have notes of their own)."""
    found: list[tuple[str, Point]] = []
    for text in (source.question, source.intro):
        if text is not None and text.keys:
            found.append(("", Point(text)))
    blocks: tuple[Factor | Section, ...] = (*source.factors, *source.sections)
    for block in blocks:
        heading = block.title.plain
        if block.title.keys:
            found.append(("", Point(block.title)))
        for point in block.points:
            if any(t.keys for t in (point.text, *point.points)):
                found.append((heading, point))
    return found


def _part(text: str) -> str:
    # '::' separates nested decks in Anki; inside one name it would nest one level deeper.
    return " ".join(text.replace("::", ":").split())


def _cloze(heading: str, point: Point, forms: WordForms) -> Cloze:
    numbers: dict[str, int] = {}  # a term, case-folded → its cloze number
    terms: dict[str, int] = {}  # a term as written → its cloze number
    lines: list[list[Span | Blank]] = []
    for text in (point.text, *point.points):
        line: list[Span | Blank] = []
        for piece in _runs(text):
            if isinstance(piece, tuple):
                written = "".join(s.text for s in piece)
                number = numbers.setdefault(written.casefold(), len(numbers) + 1)
                terms.setdefault(written, number)
                line.append(Blank(number, piece))
            else:
                line.append(piece)
        lines.append(line)
    identity = ("cloze", *(t.plain for t in (point.text, *point.points)))
    masked = tuple(tuple(_masked(line, terms, forms)) for line in lines)
    shown = hidden(heading, terms, forms)
    # (A heading that would show no word of its own is none: '…' over 'Catalysts'' own
    # card, '… and …' over 'Vectors and scalars'.)
    shown = shown if _OWN_WORD.search(shown.replace("…", " ")) else ""
    return Cloze(heading, shown, masked, identity, point.text.mark)


_OWN_WORD = re.compile(r"[^\W\d_]{4,}|\d")
"""A word that says something (four letters or more, or a figure), as 'and', 'of' or 'the'
do not."""


def _masked(
    line: list[Span | Blank], numbers: dict[str, int], forms: WordForms
) -> list[Span | Blank]:
    """The line with each unmarked repeat of one of the note's key terms hidden under that
    term's cloze number, as the worksheet blanks it: 'the semi-lunar ==valves==' left
    'Valves stop blood flowing back' showing the answer on its card. A word's ending (of
    the notes' language's `forms`) stays shown."""
    return masked(line, numbers, lambda number, words: Blank(number, words), forms)


def _runs(text: Text) -> list[Span | tuple[Span, ...]]:
    """The text's spans, each run of key spans gathered into one tuple (one key term, as
    Text.keys counts them)."""
    out: list[Span | tuple[Span, ...]] = []
    for span in text.spans:
        if span.key and out and isinstance(out[-1], tuple):
            out[-1] = (*out[-1], span)
        elif span.key:
            out.append((span,))
        else:
            out.append(span)
    return out


def _term(term: Term) -> TermCard:
    return TermCard(term.term, term.meaning, ("term", term.term.plain))


def _date(event: Event) -> DateCard:
    return DateCard(event.when, event.what, ("date", event.when.plain, event.what.plain))
