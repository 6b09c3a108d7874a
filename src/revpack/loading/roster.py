"""Class lists: the names of a class's students, from a pack's `students:` list or a
`roster:` spreadsheet export.

A roster is what a school's management system or a spreadsheet saves as CSV: UTF-8 with
or without a byte order mark, comma, semicolon or tab separated (whichever the header
row uses), a header row with a `name` column (any case) or `first name` and `last name`
columns, quoted fields, CRLF line ends, and Excel's trailing empty columns and rows. An
optional `layouts` column gives a student layouts of their own (an access arrangement), and
a `formats` column formats of their own.
Every name is checked as source text is: an empty name or one with a character the fonts
cannot print is a problem at the file's line and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from revpack import fonts
from revpack.kinds import all_formats
from revpack.loading import limits
from revpack.loading.markup import is_control
from revpack.loading.yamltree import Scalar
from revpack.problems import Mark, Problem


@dataclass(frozen=True)
class Name:
    """A student as a class list writes them: their name, where, and any layouts of their
    own."""

    text: str
    """The name, surrounding spaces removed."""
    mark: Mark
    """Where it is written (the roster's line and column, or the pack's list item)."""
    scalar: Scalar | None = None
    """The pack's YAML item it was read from, which places a character exactly."""
    layouts: tuple[Cell, ...] = ()
    """Layouts of their own, each as written (the roster's `layouts` column, or the pack's
    `{name: …, layouts: […]}`); () for the class's."""
    formats: tuple[str, ...] = ()
    """Formats of their own (the pack's `{name: …, formats: […]}`); () for the class's."""

    def mark_at(self, offset: int) -> Mark:
        """Where the character at `offset` in `text` was written."""
        if self.scalar is not None:
            lead = len(self.scalar.text) - len(self.scalar.text.lstrip())
            return self.scalar.mark_at(lead + offset)
        return Mark(self.mark.path, self.mark.line, self.mark.column + offset)


@dataclass(frozen=True)
class Cell:
    """One field of a CSV file."""

    text: str
    """Its value, quotes removed."""
    mark: Mark
    """Where it starts."""


NAME_COLUMNS = ("name",)
"""Header labels (compared without case, spaces, dashes or underscores) of a whole-name
column."""
FIRST_COLUMNS = ("firstname", "forename", "givenname")
"""Header labels of a first-name column."""
LAST_COLUMNS = ("lastname", "surname", "familyname")
"""Header labels of a last-name column."""
LAYOUT_COLUMNS = ("layouts", "layout")
"""Header labels of the column that gives a student layouts of their own (an access
arrangement: `worksheet-dyslexia summary-dyslexia`), the class's when empty."""
FORMAT_COLUMNS = ("formats", "format")
"""Header labels of the column that gives a student formats of their own ('pdf html'),
the class's when empty."""
LAYOUT_NAME = re.compile(r"[^\s,;+]+")
"""One name in a roster's layouts or formats cell (names are parted by spaces, commas,
semicolons or '+')."""


def read_roster(path: Path, mark: Mark, problems: list[Problem]) -> list[Name]:
    """The names in the roster file `path` (named in a pack at `mark`), in register order;
    problems are added to `problems`."""
    label = str(path)
    try:
        size, raw = limits.read_regular(path, limits.ROSTER_BYTES)
    except OSError as exc:
        problems.append(Problem(mark, f"cannot read the roster {label}: {exc.strerror or exc}"))
        return []
    if size > limits.ROSTER_BYTES:
        problems.append(
            Problem(
                mark,
                f"the roster {label} is {size:,} bytes; a roster may have at most "
                f"{limits.ROSTER_BYTES:,} bytes, far more than a class list needs",
            )
        )
        return []
    try:
        text = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))  # (see yamltree.decode)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                Mark(label, line, 1),
                "the roster is not UTF-8; save it from the spreadsheet as 'CSV UTF-8'",
            )
        )
        return []
    try:
        read = records(text, label, delimiter(text))
    except Unclosed as exc:
        problems.append(
            Problem(
                exc.mark, 'this " opens a quoted name that is never closed; close it or remove it'
            )
        )
        return []
    rows = [row for row in read if any(cell.text.strip() for cell in row)]
    if len(rows) < 2:
        what = "has a header row but no students" if rows else "is empty"
        problems.append(
            Problem(
                Mark(label, 1, 1),
                f"the roster {what}; it needs a header "
                "row with a 'name' column and a row per student",
            )
        )
        return []
    return _names(rows[0], rows[1:], label, problems)


def delimiter(text: str) -> str:
    """The roster's separator: whichever of a comma, a semicolon (as spreadsheets save
    CSV where the comma is the decimal mark) and a tab (a spreadsheet's 'Text (Tab
    delimited)') the header row has most of outside quotes; a comma when it has none."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif char in counts and not quoted:
            counts[char] += 1
    return max(counts, key=lambda separator: counts[separator])  # (the first, of equals)


class Unclosed(ValueError):
    """A quoted field with no closing quote: it ran to the end of the file."""

    def __init__(self, mark: Mark):
        super().__init__("unclosed quote")
        self.mark = mark
        """Where the quoted field starts."""


def records(text: str, label: str, separator: str) -> list[list[Cell]]:
    """The rows of a CSV text, each field with where it starts. Quoted fields may hold
    separators, doubled quotes and line breaks; lines end in LF or CRLF. Unclosed when a
    quoted field is never closed (the rest of the file would be one name)."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    field: list[str] = []
    line, column = 1, 1
    start = (1, 1)
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"' and text[index + 1 : index + 2] == '"':
                field.append('"')
                index, column = index + 1, column + 1
            elif char == '"':
                quoted = False
            else:
                field.append(char)
                if char == "\n":
                    line, column = line + 1, 0
        elif char == '"' and not "".join(field).strip():
            quoted, field, start = True, [], (line, column + 1)
        elif char == separator:
            row.append(Cell("".join(field), Mark(label, *start)))
            field, start = [], (line, column + 1)
        elif char == "\n" or char == "\r":
            if char == "\r" and text[index + 1 : index + 2] == "\n":
                index += 1
            row.append(Cell("".join(field), Mark(label, *start)))
            rows.append(row)
            row, field = [], []
            line, column = line + 1, 0
            start = (line, 1)
        else:
            field.append(char)
        index, column = index + 1, column + 1
    if quoted:
        raise Unclosed(Mark(label, start[0], start[1] - 1))
    if field or row:
        row.append(Cell("".join(field), Mark(label, *start)))
        rows.append(row)
    return rows


def _names(
    header: list[Cell], rows: list[list[Cell]], label: str, problems: list[Problem]
) -> list[Name]:
    labels = [_label(cell.text) for cell in header]
    whole = _column(labels, NAME_COLUMNS)
    first, last = _column(labels, FIRST_COLUMNS), _column(labels, LAST_COLUMNS)
    if whole is not None:
        columns = [whole]
    elif first is not None and last is not None:
        columns = [first, last]
    else:
        found = ", ".join(f"'{c.text.strip()}'" for c in header if c.text.strip())
        problems.append(
            Problem(
                header[0].mark,
                "the roster's first row needs a 'name' "
                "column, or 'first name' and 'last name' columns; it has "
                f"{found}",
            )
        )
        return []
    for wanted in (NAME_COLUMNS, FIRST_COLUMNS, LAST_COLUMNS):
        for again in _columns(labels, wanted)[1:]:
            problems.append(
                Problem(
                    header[again].mark,
                    f"the roster has a second '{header[again].text.strip()}' column; "
                    "keep one, so that each student has one name",
                )
            )
    # A student's layouts may be spread over several columns ('layout', 'layout').
    own = _columns(labels, LAYOUT_COLUMNS)
    shown = _columns(labels, FORMAT_COLUMNS)
    names = []
    for row in rows:
        # (the whole name's cell, or the first name's and the last name's)
        cells = [_cell(row, i, label) for i in columns]
        text = " ".join(filter(None, (cell.text.strip() for cell in cells)))
        layouts = tuple(each for i in own for each in _parted(_cell(row, i, label)))
        formats = tuple(
            dict.fromkeys(each for i in shown for each in _formats(_cell(row, i, label), problems))
        )
        names.append(Name(text, cells[0].mark, layouts=layouts, formats=formats))
    return names


def _formats(cell: Cell, problems: list[Problem]) -> tuple[str, ...]:
    """The formats written in a roster's formats cell, each one revpack writes, else a
    problem where it is."""
    known = all_formats()
    found = []
    for each in _parted(cell):
        written = each.text.lower()
        if written in known:
            found.append(written)
        else:
            problems.append(
                Problem(
                    each.mark,
                    f"unknown format '{each.text}'; formats are: {', '.join(known)}",
                )
            )
    return tuple(dict.fromkeys(found))


def _parted(cell: Cell) -> tuple[Cell, ...]:
    """The names written in a roster's layouts or formats cell (parted by spaces, commas,
    semicolons or '+'), each with where it starts."""
    mark = cell.mark
    return tuple(
        Cell(found.group(), Mark(mark.path, mark.line, mark.column + found.start()))
        for found in LAYOUT_NAME.finditer(cell.text)
    )


_FORCED = re.compile(r'="((?:[^"]|"")*)"')
"""A field Excel forced to text: `="0123"`, `="Amira Khan"`."""


def _label(text: str) -> str:
    return "".join(c for c in text.casefold() if c not in " _-\t")


def _column(labels: list[str], wanted: tuple[str, ...]) -> int | None:
    return next(iter(_columns(labels, wanted)), None)


def _columns(labels: list[str], wanted: tuple[str, ...]) -> list[int]:
    """The columns whose header label is one of `wanted`, left to right."""
    return [i for i, label in enumerate(labels) if label in wanted]


def _cell(row: list[Cell], index: int, label: str) -> Cell:
    """The row's field in column `index`; a short row has an empty one after its last. A
    field Excel forced to text, `="Amira Khan"` (as school systems export names), is
    the text inside."""
    if index < len(row):
        cell = row[index]
        forced = _FORCED.fullmatch(cell.text.strip())
        if forced is None:
            return cell
        lead = len(cell.text) - len(cell.text.lstrip())
        mark = Mark(cell.mark.path, cell.mark.line, cell.mark.column + lead + 2)
        return Cell(forced[1].replace('""', '"'), mark)
    end = row[-1].mark
    return Cell("", Mark(label, end.line, end.column + len(row[-1].text) + 1))


def check_name(name: Name, problems: list[Problem]) -> bool:
    """Whether `name` can be printed on a sheet; adds a problem where it cannot."""
    if not name.text:
        problems.append(Problem(name.mark, "this student's name is empty"))
        return False
    if len(name.text) > limits.NAME_CHARS:
        problems.append(
            Problem(
                name.mark,
                f"this student's name is {len(name.text):,} characters long; a name may "
                f"have at most {limits.NAME_CHARS}",
            )
        )
        return False
    for offset, char in enumerate(name.text):
        message = _unprintable(char, name.text)
        if message:
            problems.append(Problem(name.mark_at(offset), message))
            return False
    return True


JOINERS = "\u200c\u200d"
"""The invisible characters a name may hold: the zero-width non-joiner and joiner, which
some scripts spell with (Persian, the Indic scripts)."""


def shown_name(name: str) -> str:
    """`name` for a message, its invisible and control characters as escapes."""
    return "".join(
        c.encode("unicode_escape", "backslashreplace").decode("ascii")
        if _uncontrolled(c) or _invisible(c)
        else c
        for c in name
    )


def _invisible(char: str) -> bool:
    """Whether `char` prints as nothing (a format character: a zero-width space, a soft
    hyphen), but for JOINERS."""
    return unicodedata.category(char) == "Cf" and char not in JOINERS


def _uncontrolled(char: str) -> bool:
    """Whether `char` is a control character or half a surrogate pair: never printed."""
    return unicodedata.category(char) == "Cs" or is_control(char)


def _unprintable(char: str, name: str) -> str | None:
    code = ord(char)
    if _uncontrolled(char):
        return (
            f"control character U+{code:04X} in the name '{shown_name(name)}' cannot be "
            "printed; remove it"
        )
    if _invisible(char):
        what = unicodedata.name(char, "a format character")
        return (
            f"invisible character U+{code:04X} ({what}) in the name '{shown_name(name)}' "
            "would make two students look alike; remove it"
        )
    if not fonts.printable(char):
        what = unicodedata.name(char, "unnamed character")
        return (
            f"character U+{code:04X} ({what}) in the name '{name}' is not in "
            "revpack's fonts, so it would print as an empty box; replace it"
        )
    return None
