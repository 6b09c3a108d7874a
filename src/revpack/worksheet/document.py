"""The format-neutral worksheet: what the student's sheet and the teacher's key hold, as
plain frozen data: headings, paragraphs with numbered blanks, tables, a word bank, a box
of sentence starters, ruled writing lines.

Every writer (DOCX, PDF, HTML, …) reads only this model, so gap numbers, word-bank order
and answers are the same in every format. Nothing here knows about any output format;
sizes are in points, from the layout's page and type, which every format shares.
"""

from __future__ import annotations

from dataclasses import dataclass

PARAGRAPH_STYLES = (
    "body",
    "instructions",
    "gap",
    "gap-sub",
    "question",
    "prompt",
    "bullet",
    "bullet-2",
    "numbered",
)
"""The paragraph styles a writer must know: plain text; the italic line under an
exercise heading; a gap-fill point and its sub-point; the key question; an evaluative
prompt; bullets at two levels; a numbered list (numbering restarts at each list)."""


@dataclass(frozen=True)
class Run:
    """Text in one style."""

    text: str
    """The characters, exactly as typed (never markup for any output format)."""
    bold: bool = False
    """Bold."""
    italic: bool = False
    """Italic."""
    script: str = ""
    """'sub' for a subscript, 'super' for a superscript, '' for the baseline."""


@dataclass(frozen=True)
class Blank:
    """A numbered gap for the student to fill in."""

    number: int
    """Its number, the same on the sheet and in the key (from 1)."""
    answer: str
    """What fills it (the key prints it; a sheet never does)."""
    hint: str
    """The answer's first letter, printed at the start of the blank, or ''."""
    length: int
    """How long the blank is, in underscores, the hint included: room to write the
    answer by hand, at least the layout's shortest blank, in coarse steps (see
    exercises.gap_fill.blank_length); every writer prints exactly this many."""


Inline = Run | Blank
"""What a paragraph or a table cell holds."""


@dataclass(frozen=True)
class Heading:
    """A heading: an exercise (level 1), a group within one (2), an item of the key (3)."""

    text: str
    """The heading's words."""
    level: int
    """1, 2 or 3."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text and blanks."""

    content: tuple[Inline, ...]
    """Runs and blanks, in order."""
    style: str = "body"
    """One of PARAGRAPH_STYLES."""
    keep_with_next: bool = False
    """Keep it on the page of the next block (a point with its sub-points)."""
    list_start: bool = False
    """For a numbered paragraph: this one starts a new list at 1."""


@dataclass(frozen=True)
class Cell:
    """One table cell."""

    content: tuple[Inline, ...] = ()
    """What it holds; () for an empty cell to write in."""
    align: str = "left"
    """left or center."""


SHORT_TABLE = 1 / 3
"""A table no taller than this share of a page moves whole to the next page when it does
not fit there (a writer that can keep rows together keeps them); a taller one breaks
between rows instead of leaving the rest of a page empty."""
WHOLE_TABLE = 1 / 2
"""The same for a table kept whole (`Table.keep_whole`: a matching, timeline or ranking
exercise, whose rows are weighed against each other, or the key to one; split, its reader
turns the page back and forth)."""
PAGE_TABLE = 0.9
"""The same, on a sheet whose layout keeps such tables whole whenever they fit on a page
(`whole_tables: true`: large print, where a seven-term matching is over half a page)."""
ROOM_LEFT = 1 / 3
"""A table or group kept whole (by SHORT_TABLE, or a heading kept with what follows it;
not an exercise's table kept by WHOLE_TABLE) moves to the next page only when less than
this share of the page is left:
with more left, it breaks there (between rows, paragraphs or lines, never leaving a
heading alone at the foot nor a lone row or line at the top of the next page) rather than
leave the page that empty. A writer that cannot tell how much of a page is left keeps
it whole."""
SHORT_ROWS = 20
"""The most rows (a header counted) a table without a header may have and still move
whole by SHORT_TABLE; a table with a header, SHORT_ROWS_HEADED."""
SHORT_ROWS_HEADED = 16
"""The same for a table with a header row."""


@dataclass(frozen=True)
class Table:
    """A ruled table whose rows never split across pages."""

    widths: tuple[float, ...]
    """Column widths in points (they add up to the text width)."""
    rows: tuple[tuple[Cell, ...], ...]
    """The body rows, each with one cell per column."""
    header: tuple[Cell, ...] = ()
    """A shaded header row, repeated on each page the table runs onto; () for none."""
    row_height: float = 0.0
    """The least height of a body row in points (room to write by hand); 0 for the text's
    own height."""
    keep_whole: bool = False
    """Keep the whole table on one page unless it is long (matching, ordering and ranking
    mean weighing every row against the others); otherwise the table may break between
    rows a little more readily, never just under its header."""
    read_down: bool = False
    """Its columns are read down (a key's answers, numbers running down pairs of
    columns): kept whole, it moves whole however much of a page it leaves empty (broken,
    its reader would go from page to page down each column)."""
    whole_share: float = WHOLE_TABLE
    """Kept whole: the tallest share of a page at which it still moves whole to the
    next page (WHOLE_TABLE, or PAGE_TABLE where the layout asks)."""


@dataclass(frozen=True)
class WordBank:
    """A boxed, shaded table of words, read across in rows."""

    title: str
    """Its heading inside the box ("Word bank")."""
    words: tuple[str, ...]
    """The words, in the order printed."""
    columns: int
    """Words per row."""
    centred: bool = True
    """Each word is centred in its column (else flush left, its title too)."""
    continued: str = ""
    """The heading over a part that runs on to the next page ('Word bank (continued)'; a
    student scanning the first page for a word missed the rest); '' for the title."""


@dataclass(frozen=True)
class Box:
    """A boxed, shaded list (sentence starters)."""

    title: str
    """Its heading inside the box."""
    items: tuple[str, ...]
    """One bullet each."""


@dataclass(frozen=True)
class WritingLines:
    """Ruled lines to write an answer on."""

    count: int
    """How many lines at least."""
    pitch: float
    """The distance between two lines, in points."""
    fill_page: bool
    """Run on to the foot of the page the lines end on, so that an answer never ends on a
    page holding only a few lines."""


@dataclass(frozen=True)
class Figure:
    """A picture (PNG or JPEG), scaled to fit the text width."""

    data: bytes
    """The image file's bytes."""
    alt: str
    """Its alternative text (a DOCX picture's description, an HTML img's alt)."""
    width: float
    """Its width on the page, in points."""
    height: float
    """Its height on the page, in points."""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""

    unless_fits: bool = False
    """Only when what follows it (up to the next page break or the end) does not fit on
    the rest of the page: whole, or, when a good part of the page is left, starting there
    with its last block running on to the next page; a writer that cannot measure always
    breaks."""


def kept_share(table: Table) -> float:
    """The tallest share of a page at which `table` moves whole to the next page when it
    does not fit on the rest of this one (0: it breaks between rows wherever the page
    ends). Every writer that can keep rows together follows it."""
    if table.keep_whole:
        return table.whole_share
    rows = len(table.rows) + (1 if table.header else 0)
    return SHORT_TABLE if rows <= (SHORT_ROWS_HEADED if table.header else SHORT_ROWS) else 0.0


def fills_page(table: Table) -> bool:
    """Whether `table`, kept whole, breaks between rows all the same when moving it would
    leave more than ROOM_LEFT of the page empty: every table but an exercise's kept whole
    (a student matching or ordering its rows looks from each to all the others) and one
    read down its columns."""
    return not (table.keep_whole or table.read_down)


Block = Heading | Paragraph | Table | WordBank | Box | WritingLines | Figure | PageBreak
"""Anything a document's body holds."""


@dataclass(frozen=True)
class NameLine:
    """Name ____ Class ____ Date ____ under the title."""

    name: str
    """The label before the name field."""
    class_label: str
    """The label before the class field."""
    date: str
    """The label before the date field."""
    student: str | None
    """The student's name printed in the name field, or None for a line to write on."""
    class_name: str | None
    """The class printed in the class field, or None for a line."""


@dataclass(frozen=True)
class Properties:
    """The document's metadata."""

    title: str
    """The topic's title."""
    subject: str
    """The key question, or the title."""
    author: str
    """The teacher, or revpack."""
    keywords: str
    """Subject and class."""
    category: str
    """Worksheet or Answer key."""
    comments: str
    """The layout and seed it was built with."""
    language: str
    """BCP 47 language tag of its text."""


@dataclass(frozen=True)
class Document:
    """A whole worksheet or answer key."""

    title: str
    """The title at the top of the first page."""
    subtitle: str
    """The line under it (Answer key · subject · course), or ''."""
    name_line: NameLine | None
    """The name / class / date line (a sheet), or None (a key)."""
    blocks: tuple[Block, ...]
    """The body, in order."""
    header: tuple[str, str]
    """Running header: left (the title) and right (class and teacher, or '')."""
    footer: str
    """Small print at the foot: what it is, its layout and seed."""
    page_label: str
    """'Page {page} of {pages}', in the document's language."""
    properties: Properties
    """Metadata."""
    is_key: bool
    """True for an answer key."""


@dataclass(frozen=True)
class Worksheet:
    """What a worksheet layout makes for one source and audience."""

    sheet: Document
    """The student's sheet (with the key at its end when the layout asks for an
    appendix)."""
    key: Document | None
    """The separate answer key, or None."""
    left_out: tuple[str, ...]
    """Exercises the layout asked for that the source has no data for, and why."""
