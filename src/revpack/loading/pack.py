"""Pack files: which sources, which layouts, for which classes.

```yaml
pack: Year 11 Cold War revision
sources: [../cold-war/*.yaml]        # relative to this file; globs allowed
layouts: [summary, worksheet, factor-chart]
classes:
  - name: 11A
    teacher: Ms Khan
    layouts: [summary, worksheet-support, factor-chart-blank]   # replaces the default
    seed: "7"                                                   # optional
    students:                           # or roster: 11a.csv (relative to this file)
      - Amira Khan
      - {name: Ben Ot, layouts: [summary-dyslexia, worksheet-dyslexia]}  # replaces the class's
```
"""

from __future__ import annotations

import difflib
import hashlib
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from revpack.directions import right_to_left
from revpack.kinds import all_formats
from revpack.loading import limits
from revpack.loading.globs import Budget, TooMany, expand, too_many
from revpack.loading.label_sets import has_label_set
from revpack.loading.pack_file import LAYOUT, PackFile, sniff
from revpack.loading.pack_file import is_pack as is_pack  # (where callers have found it)
from revpack.loading.printed import Printed
from revpack.loading.roster import Cell, Name, check_name, read_roster
from revpack.loading.spec import (
    Checked,
    Either,
    Fields,
    Key,
    ListOf,
    Record,
    TextSpec,
    Value,
    boolean,
    choice,
    language_tag,
    whole,
)
from revpack.loading.yamltree import Map, Node, Scalar, Seq, decode, parse
from revpack.names import slugify
from revpack.problems import InputError, Mark, Problem

_NAMES = ListOf(TextSpec(), lone_ok=True)
_PRINT = Record(
    {
        "duplex": Key(
            Value(
                boolean,
                "Start every document of the print PDF on a right-hand "
                "(odd) page, for printing on both sides.",
            )
        ),
    },
    name="print options",
)
_FORMATS = ListOf(
    Value(choice(*all_formats())),
    lone_ok=True,
    description="Formats to write, for every layout whose kind has them "
    "(default: each layout's own).",
)
_STUDENT = Record(
    {
        "name": Key(TextSpec(description="The student's name."), required=True),
        "layouts": Key(
            ListOf(
                TextSpec(),
                lone_ok=True,
                description="This student's layouts (replaces the class's), e.g. "
                "worksheet-dyslexia for an access arrangement.",
            )
        ),
        "formats": Key(_FORMATS),
    },
    name="a student",
)


def _name_as_mapping(node: Map) -> str | None:
    """Why a student written as `Ben: Ot` (a name holding ': ', which YAML reads as a
    mapping) is not a student with their own layouts."""
    if "name" in node.entries or len(node.entries) != 1:
        return None
    key, (_, value) = next(iter(node.entries.items()))
    if key in _STUDENT.keys or difflib.get_close_matches(key.lower(), _STUDENT.keys, 1, 0.7):
        return None  # (a key misspelt, '{nmae: Tom}': said as an unknown key)
    shown = f"{key}: {value.text}" if isinstance(value, Scalar) else key
    return (
        f"'{shown}' is read as a mapping because of its ': '; put the name in quotes, or "
        "give a student their own layouts as {name: …, layouts: […]}"
    )


def _cover_language(text: str) -> str:
    """A language tag revpack has labels in, for a print PDF's cover."""
    tag = language_tag(text)
    if not has_label_set(tag):
        raise ValueError(
            f"revpack has no labels in '{tag}' for a print PDF's cover; write one of "
            "en, fr, de, es or cy"
        )
    return tag


_COVER_LANGUAGE = Value(
    _cover_language,
    "The language of the print PDFs' cover (contents, class line, date), where a class's "
    "documents are in more than one: en, fr, de, es or cy. Default: the language most of "
    "its documents are in.",
    {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"},
)


CLASS = Record(
    {
        "name": Key(Printed(description="The class, e.g. 11A."), required=True),
        "teacher": Key(Printed()),
        "layouts": Key(
            ListOf(
                TextSpec(),
                lone_ok=True,
                description="Layouts for this class (replaces the pack's).",
            )
        ),
        "formats": Key(_FORMATS),
        "seed": Key(
            Value(
                whole(0, 2**31 - 1),
                "Seed for this class's shuffles.",
                {"type": ["string", "integer"]},
            )
        ),
        "students": Key(
            ListOf(
                Either(TextSpec(), _STUDENT, record_hint=_name_as_mapping),
                lone_ok=True,
                description="The class's students, in register order: each gets their "
                "own worksheets. A student written as {name: …, layouts: […]} gets their "
                "own layouts instead of the class's.",
            )
        ),
        "roster": Key(
            TextSpec(
                description="A CSV class list (relative to the pack file) with a "
                "'name' column, or 'first name' and 'last name' columns."
            )
        ),
        "print": Key(_PRINT),
        "language": Key(_COVER_LANGUAGE),
    },
    name="a class",
)
PACK = Record(
    {
        "pack": Key(Printed(description="The pack's name."), required=True),
        "sources": Key(
            ListOf(
                TextSpec(),
                lone_ok=True,
                description="Source files or globs, relative to the pack file.",
            ),
            required=True,
        ),
        "layouts": Key(_NAMES),
        "formats": Key(_FORMATS),
        "classes": Key(ListOf(CLASS, max_items=limits.CLASSES), required=True),
        "print": Key(_PRINT),
        "language": Key(_COVER_LANGUAGE),
    },
    name="a pack",
)


@dataclass(frozen=True)
class Student:
    """One student of a class."""

    name: str
    """As written; printed in the name field of their sheets."""
    slug: str
    """Their folder name inside the class's folder."""
    seed: int
    """Seed for their shuffles, derived from the class's seed and their name."""
    layouts: tuple[str, ...] = ()
    """Their own layouts, replacing the class's (`{name: …, layouts: […]}`, for an access
    arrangement); () for the class's."""
    formats: tuple[str, ...] = ()
    """Their own formats, replacing the class's; () for the class's."""
    formats_mark: Mark | None = None
    """Where they are written with their own `formats:`, or None."""


@dataclass(frozen=True)
class PackClass:
    """One class of a pack."""

    name: str
    """As written, e.g. 11A; printed on every sheet."""
    slug: str
    """The class's folder name."""
    teacher: str | None
    """Printed beside the class."""
    layouts: tuple[str, ...]
    """Layouts this class gets."""
    seed: int
    """Seed for its shuffles: given, or derived from the pack and class names."""
    formats: tuple[str, ...] = ()
    """Formats for its layouts (the class's, else the pack's; () for each layout's own)."""
    students: tuple[Student, ...] = ()
    """Its students in register order; () when the class's sheets are not named."""
    duplex: bool = False
    """Its print PDF starts every document on a right-hand page (`print: {duplex: true}`
    in the class, else in the pack)."""
    formats_mark: Mark | None = None
    """Where its `formats` are written (in the class, else in the pack), or None."""
    name_mark: Mark | None = None
    """Where its name is written, which a problem with the class as a whole points at."""
    language: str | None = None
    """The language of its print PDFs' cover (`language:` in the class, else in the pack),
    or None: the language most of its documents are in."""

    def given(self, student: Student | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The layouts and formats the pack gives the class (None) or `student` of it:
        their own where they have them, else the class's."""
        if student is None:
            return self.layouts, self.formats
        return student.layouts or self.layouts, student.formats or self.formats

    @property
    def every_layout(self) -> tuple[str, ...]:
        """Its layouts and those its students have of their own, each once."""
        own = (name for student in self.students for name in student.layouts)
        return tuple(dict.fromkeys((*self.layouts, *own)))


@dataclass(frozen=True)
class Pack:
    """A validated pack file."""

    path: str
    """The pack file."""
    name: str
    """The pack's name."""
    slug: str
    """Its folder name under the output folder."""
    sources: tuple[Path, ...]
    """Source files, globs expanded, in order, without repeats."""
    classes: tuple[PackClass, ...]
    """The classes, in order."""
    layout_marks: tuple[tuple[str, Mark], ...] = ()
    """Where each layout name is first written in the file, so that a name no layout
    answers to is reported there."""
    mark: Mark | None = None
    """Where its name is written (where a clash of two packs' folders is reported)."""
    notes: tuple[str, ...] = ()
    """What the teacher should check (`path:line:col: note`): a name the PDFs print
    letter by letter, a one-line list of students taken for one name."""


def load_pack(
    path: str | Path, default_layouts: tuple[str, ...], found: PackFile | None = None
) -> Pack:
    """Read and validate a pack file (`found`: what `pack_file` read of it); raises
    InputError listing every problem."""
    path = Path(path)
    name = str(path)
    tree = found.tree if found is not None else None
    if tree is None:
        tree = parse(decode(limits.read_bytes(path, limits.PACK_BYTES, "pack"), name), name)
    if tree is None:
        raise InputError([Problem(Mark(name, 1, 1), "the pack file is empty")])
    problems: list[Problem] = []
    data = PACK.check(tree, problems)
    if not isinstance(data, Fields):
        # (The layouts it names are checked all the same, and its sources found, so that a
        # misspelt key and a misspelt layout or pattern are all said in one run.)
        _expand(path, _patterns(tree), problems)
        raise PackError(problems, _layout_marks(tree, path.parent))
    # (A wrong value inside a class, such as an empty name in `students:`, leaves the rest
    # of the pack readable: its rosters and names are checked too, so that every problem
    # is reported at once.)
    sources = _expand(path, data["sources"], problems)
    default = tuple(
        dict.fromkeys(layout_name(t.text, path.parent) for t in data.get("layouts", []))
    )
    default = default or default_layouts
    notes: list[str] = []
    in_rosters: list[tuple[str, Mark]] = []  # the layouts rosters name, and where
    classes = _classes(data, default, problems, path, _formats_marks(tree), notes, in_rosters)
    layout_marks = (*_layout_marks(tree, path.parent), *in_rosters)
    if problems:
        raise PackError(problems, layout_marks)
    pack_name = data["pack"].text.strip()
    return Pack(
        name,
        pack_name,
        slugify(pack_name),
        sources,
        classes,
        layout_marks,
        data["pack"].mark,
        tuple(notes),
    )


class PackError(InputError):
    """A pack's problems, with the layout names it writes where they could be read."""

    def __init__(self, problems: list[Problem], layout_marks: tuple[tuple[str, Mark], ...]):
        super().__init__(problems)
        self.layout_marks = layout_marks
        """Each layout name the pack writes, and where it is first written."""


def layout_name(written: str, folder: Path) -> str:
    """A layout as a pack in `folder` names it: a name as written, a path to a layout file
    relative to the pack's folder (as its sources' and rosters' paths are), not to the
    folder revpack runs in."""
    name = written.strip()
    if name.endswith((".yaml", ".yml")) and not os.path.isabs(name):
        return os.path.normpath(folder / name)
    return name


def _layout_marks(tree: Node, folder: Path) -> tuple[tuple[str, Mark], ...]:
    """Each layout name the pack's `layouts:` keys write (its own, its classes' and their
    students'), as
    `layout_name` reads it in `folder`, and where it is first written (read from the
    file's tree, so also of a pack with other problems)."""
    entries = tree.entries if isinstance(tree, Map) else {}
    listed = entries.get("classes", (None, None))[1]
    places = [tree, *(listed.items if isinstance(listed, Seq) else [])]
    for place in places[1:]:
        students = (
            place.entries.get("students", (None, None))[1] if isinstance(place, Map) else None
        )
        places += students.items if isinstance(students, Seq) else []
    marks: dict[str, Mark] = {}
    for place in places:
        written = place.entries.get("layouts", (None, None))[1] if isinstance(place, Map) else None
        names = written.items if isinstance(written, Seq) else [written]
        for name in names:
            if isinstance(name, Scalar) and name.text.strip():
                marks.setdefault(layout_name(name.text, folder), name.mark)
    return tuple(marks.items())


def _patterns(tree: Node) -> list[Scalar]:
    """The source patterns the pack's `sources:` writes, read from the file's tree (so also
    of a pack with other problems)."""
    entries = tree.entries if isinstance(tree, Map) else {}
    written = entries.get("sources", (None, None))[1]
    names = written.items if isinstance(written, Seq) else [written]
    return [name for name in names if isinstance(name, Scalar) and name.text.strip()]


def _expand(pack_path: Path, patterns: list[Scalar], problems: list[Problem]) -> tuple[Path, ...]:
    found: dict[Path, None] = {}
    budget = Budget()  # all the patterns together
    for index, pattern in enumerate(patterns):
        full = os.path.normpath(pack_path.parent / pattern.text.strip())
        try:
            matches = expand(full, budget)
        except TooMany:
            together = " (with the patterns before it)" if index else ""
            problems.append(Problem(pattern.mark, f"'{pattern.text}'{together} {too_many(full)}"))
            break  # nothing is left for the patterns after it
        # A glob such as *.yaml may catch pack files (this one too) and layouts: they are
        # not sources.
        kinds = {m: sniff(m) for m in matches}
        sources = [m for m in matches if kinds[m] is None]
        if not sources and len(matches) == 1 and not any(c in pattern.text for c in "*?["):
            what = "a layout" if kinds[matches[0]] == LAYOUT else "a pack"
            problems.append(
                Problem(
                    pattern.mark,
                    f"'{pattern.text}' is {what}, not a source (notes)"
                    + ("; name a layout under 'layouts:'" if what == "a layout" else ""),
                )
            )
        elif not sources:
            what = (
                "only packs and layouts, which cannot be sources"
                if matches
                else f"no source file (looked for {full})"
            )
            problems.append(Problem(pattern.mark, f"'{pattern.text}' matches {what}"))
        matches = sources
        found.update(dict.fromkeys(matches))
    return tuple(found)


def _formats_marks(tree: Node) -> list[Mark | None]:
    """Where each class's formats are written: its own `formats:` key, else the pack's,
    else None (read from the file's tree, the checked data holding only their names)."""
    entries = tree.entries if isinstance(tree, Map) else {}
    own = entries["formats"][0] if "formats" in entries else None
    listed = entries.get("classes", (None, None))[1]
    items = listed.items if isinstance(listed, Seq) else []
    return [
        item.entries["formats"][0] if isinstance(item, Map) and "formats" in item.entries else own
        for item in items
    ]


def _classes(
    data: Fields,
    default: tuple[str, ...],
    problems: list[Problem],
    path: Path,
    marks: list[Mark | None],
    notes: list[str],
    in_rosters: list[tuple[str, Mark]],
) -> tuple[PackClass, ...]:
    classes: list[PackClass] = []
    slugs: dict[str, str] = {}  # class name by folder
    total = 0  # students so far
    pack_formats = tuple(dict.fromkeys(data.get("formats", ())))
    for index, entry in enumerate(data["classes"]):
        name = entry["name"].text.strip()
        slug = slugify(name)
        if slug in slugs:
            problems.append(
                Problem(
                    entry["name"].mark,
                    f"class '{name}' would share the folder "
                    f"'{slug}' with class '{slugs[slug]}'; rename one",
                )
            )
        slugs[slug] = name
        # A layout listed twice is built once (300 times 'summary' rendered 300 times).
        layouts = (
            tuple(dict.fromkeys(layout_name(t.text, path.parent) for t in entry.get("layouts", [])))
            or default
        )
        seed = entry.get("seed", zlib.crc32(f"{data['pack'].text}\0{name}".encode()) % 2**31)
        teacher = entry["teacher"].text.strip() if "teacher" in entry else None
        formats = tuple(dict.fromkeys(entry.get("formats", ()))) or pack_formats
        for what in ("name", "teacher"):
            if what in entry:
                _note_right_to_left(
                    entry[what].text, entry[what].mark, f"the class's {what}", notes
                )
        students = _students(entry, path, seed, problems, notes, in_rosters)
        duplex = entry.get("print", {}).get("duplex", data.get("print", {}).get("duplex", False))
        mark = marks[index] if index < len(marks) else None
        classes.append(
            PackClass(
                name,
                slug,
                teacher,
                layouts,
                seed,
                formats,
                students,
                duplex,
                mark,
                entry["name"].mark,
                entry.get("language", data.get("language")),
            )
        )
        total += len(students)
        if total > limits.PACK_STUDENTS:
            problems.append(
                Problem(
                    entry["name"].mark,
                    f"with class '{name}' the pack has more than {limits.PACK_STUDENTS:,} "
                    "students, each with worksheets of their own; a pack may have at most "
                    f"{limits.PACK_STUDENTS:,}: split it into packs",
                )
            )
            break
    return tuple(classes)


ROSTER_LIKE = (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods")
"""How the names of class lists end: a student named so was meant as a roster."""


def _note_right_to_left(text: str, mark: Mark, what: str, notes: list[str]) -> None:
    """Note `text` (a name, written at `mark`) when it is written right to left, as the
    PDFs do not print it so."""
    found = right_to_left(text)
    if found is not None:
        notes.append(
            f"{mark}: {what} '{found}' is right-to-left text, which the PDFs print left "
            "to right, letter by letter; check them before printing (the DOCX and HTML "
            "show it correctly)"
        )


def _students(
    entry: Fields,
    pack_path: Path,
    class_seed: int,
    problems: list[Problem],
    notes: list[str],
    in_rosters: list[tuple[str, Mark]],
) -> tuple[Student, ...]:
    """A class's students, from `students:` or `roster:`, each name checked (`notes`: a
    name written right to left; one name that may be a list written on one line;
    `in_rosters`: each layout a roster gives a student, and where)."""
    if "students" in entry and "roster" in entry:
        problems.append(
            Problem(
                entry["roster"].mark,
                "a class lists its students or names a roster, not both; remove one",
            )
        )
        return ()
    if "roster" in entry:
        given = entry["roster"]
        names = read_roster(pack_path.parent / given.text.strip(), given.mark, problems)
    else:
        names = [_name(item) for item in entry.get("students", [])]
        for name in names:
            if name.text.lower().endswith(ROSTER_LIKE):
                problems.append(
                    Problem(
                        name.mark,
                        f"'{name.text}' looks like a file, not a student; to read a class "
                        f"list, write 'roster: {name.text}' instead of 'students:'",
                    )
                )
                return ()
    if len(names) > limits.STUDENTS:
        where = entry["roster"].mark if "roster" in entry else names[limits.STUDENTS].mark
        problems.append(
            Problem(
                where,
                f"class '{entry['name'].text.strip()}' has {len(names):,} students; a class "
                f"may have at most {limits.STUDENTS} (each gets a worksheet of their own)",
            )
        )
        return ()
    if "students" in entry and len(names) == 1 and "," in names[0].text:
        notes.append(
            f"{names[0].mark}: the class has one student, '{names[0].text}'; if that is "
            f"several, write them as a list: [{names[0].text}]"
        )
    students: list[Student] = []
    seen: dict[str, Name] = {}  # by folder
    for name in names:
        if not check_name(name, problems):
            continue
        _note_right_to_left(name.text, name.mark, "the student", notes)
        slug = slugify(name.text)
        if slug in seen:
            other = seen[slug]
            same = (
                "is listed twice"
                if other.text == name.text
                else f"would share the folder '{slug}' with '{other.text}'"
            )
            problems.append(
                Problem(
                    name.mark,
                    f"student '{name.text}' {same} (line "
                    f"{other.mark.line}); tell them apart, e.g. with an "
                    "initial",
                )
            )
            continue
        seen[slug] = name
        layouts = [(layout_name(c.text, pack_path.parent), c.mark) for c in name.layouts]
        if name.scalar is None:  # (a roster's: where each is written, for the build to say)
            in_rosters += layouts
        students.append(
            Student(
                name.text,
                slug,
                student_seed(class_seed, name.text),
                tuple(dict.fromkeys(layout for layout, _ in layouts)),
                name.formats,
                name.mark if name.formats else None,
            )
        )
    return tuple(students)


def _name(item: Checked) -> Name:
    """A student as `students:` lists them: a name, or `{name: …, layouts: […]}`."""
    if not isinstance(item, Fields):
        return Name(item.text.strip(), item.mark, item)
    scalar = item["name"]
    return Name(
        scalar.text.strip(),
        scalar.mark,
        scalar,
        tuple(Cell(t.text.strip(), t.mark) for t in item.get("layouts", [])),
        tuple(dict.fromkeys(item.get("formats", ()))),
    )


def student_seed(class_seed: int, name: str) -> int:
    """A student's own seed: the same for the same class seed and name on every machine,
    and different from their classmates'."""
    digest = hashlib.sha256(f"{class_seed}\0{name}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 2**31
