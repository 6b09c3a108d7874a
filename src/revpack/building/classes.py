"""A pack class's jobs: the documents shared by the class, and each student's own.

A class with students gets one copy of each shared kind (summary, chart: the same for
everyone) and, for each kind whose copies are per student (revpack.kinds: `per_student`),
one copy per student with their name and seed, in their own folder:
`out/<pack>/<class>/<student>/<source>-<layout>.<ext>`. A class without students gets one
copy of everything, as before.

A student with layouts of their own (an access arrangement: `{name: …, layouts:
[worksheet-dyslexia]}`) gets those instead of the class's: their own kinds in their folder,
the shared ones (a dyslexia summary, say) made once for the class beside its own.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from revpack.building.jobs import Job
from revpack.loading.layouts import Layout
from revpack.loading.pack import Pack, PackClass, Student
from revpack.model import Audience, Source
from revpack.names import child, with_tail
from revpack.names import document as document_name
from revpack.problems import UsageError
from revpack.typed_characters import STRAIGHT


@dataclass(frozen=True)
class StudentJobs:
    """One student's own documents."""

    student: Student
    """Who they are for."""
    jobs: tuple[Job, ...]
    """Their own documents, in their layout order."""
    layouts: tuple[str, ...] = ()
    """The layouts of their set, in order: the class's, or their own (the class's shared
    documents of these layouts are theirs too)."""


@dataclass(frozen=True)
class ClassJobs:
    """Everything a pack class builds, grouped as its print PDF will want it."""

    pack: Pack
    """The pack."""
    klass: PackClass
    """The class."""
    print_pdf: Path
    """Its print PDF, `<out>/<pack>/<class>/<pack>-<class>-print.pdf`."""
    answers_pdf: Path
    """Its answers PDF, `…-answers.pdf` beside the print PDF."""
    shared: tuple[Job, ...]
    """Documents that are the same for the whole class, in layout order."""
    students: tuple[StudentJobs, ...] = ()
    """Each student's own documents, in register order."""
    partial: str = ""
    """Why only part of the class is built: 'some students only' (`--student`), 'some
    layouts only' (`-l` naming others than the class's); its print and answers PDFs,
    which hold all of it, are then left as they are. '' when it is built whole."""

    @property
    def complete(self) -> bool:
        """Whether the whole class is built (its print and answers PDFs with it)."""
        return not self.partial

    @property
    def jobs(self) -> tuple[Job, ...]:
        """Every job: the shared ones, then each student's in register order."""
        return (*self.shared, *(job for s in self.students for job in s.jobs))


@dataclass(frozen=True)
class Chosen:
    """A layout a class builds, and the formats to write it in."""

    layout: Layout
    """The layout."""
    formats: tuple[str, ...]
    """Its formats for this class."""


Choose = Callable[[Student | None], list[Chosen]]
"""What a class (None) or one of its students builds."""


def class_jobs(
    pack: Pack,
    klass: PackClass,
    sources: tuple[Source, ...],
    choose: Choose,
    date: str | None,
    out: Path,
    only: tuple[str, ...] = (),
) -> ClassJobs:
    """The jobs of one class; with `only`, just those students' own documents."""
    folder = child(child(out, pack.slug), klass.slug)
    everyone = Audience(klass.name, klass.teacher, klass.seed, date)
    prints = print_pdf(folder, pack, klass), print_pdf(folder, pack, klass, answers=True)
    if only and not klass.students:
        return ClassJobs(pack, klass, *prints, (), partial="some students only")
    if not klass.students:
        mine = _jobs(sources, choose(None), everyone, folder, out)
        return ClassJobs(pack, klass, *prints, tuple(mine))
    sets = [
        (student, choose(student)) for student in klass.students if not only or student.name in only
    ]
    # (the shared documents of the students' sets: none that no student has; with
    # --student, of theirs those the class does not have, a summary only they have)
    common = _shared([theirs for _, theirs in sets])
    if only:
        classes = {id(chosen.layout) for chosen in choose(None)}
        common = [chosen for chosen in common if id(chosen.layout) not in classes]
    shared = tuple(_jobs(sources, common, everyone, folder, out))
    students = tuple(
        StudentJobs(
            student,
            tuple(
                _jobs(
                    sources,
                    [c for c in theirs if _own(c)],
                    Audience(klass.name, klass.teacher, student.seed, date, student.name),
                    child(folder, student.slug),
                    out,
                )
            ),
            tuple(c.layout.name for c in theirs),
        )
        for student, theirs in sets
    )
    if only:
        return ClassJobs(pack, klass, *prints, shared, students, partial="some students only")
    return ClassJobs(pack, klass, *prints, shared, students)


def print_pdf(folder: Path, pack: Pack, klass: PackClass, answers: bool = False) -> Path:
    """`<folder>/<pack>-<class>-print.pdf` (or `-answers.pdf`), `folder` being the
    class's."""
    tail = "-answers.pdf" if answers else "-print.pdf"
    return child(folder, with_tail(f"{pack.slug}-{klass.slug}", tail))


def _shared(sets: list[list[Chosen]]) -> list[Chosen]:
    """The layouts of `sets` (each student's) made once for the whole class, each in every
    format any of them asks. (Two layouts of one name, a teacher's copy of a built-in
    one, are two: the build refuses them, as they would write one file.)"""
    merged: dict[int, Chosen] = {}
    for chosen in (c for each in sets for c in each if not _own(c)):
        before = merged.get(id(chosen.layout))
        if before is not None:
            formats = tuple(dict.fromkeys((*before.formats, *chosen.formats)))
            chosen = Chosen(chosen.layout, formats)
        merged[id(chosen.layout)] = chosen
    return list(merged.values())


def _own(chosen: Chosen) -> bool:
    """Whether each student gets their own copy of this layout's documents."""
    return chosen.layout.kind.per_student


def _jobs(
    sources: Iterable[Source], chosen: list[Chosen], audience: Audience, folder: Path, out: Path
) -> Iterator[Job]:
    for source in sources:
        for each in chosen:
            for format in each.formats:
                yield Job(
                    source,
                    each.layout,
                    audience,
                    child(folder, document_name(source.stem, each.layout.name)),
                    format,
                    out=out,
                )


def chosen_students(klasses: list[PackClass], asked: list[str]) -> tuple[str, ...]:
    """The names of `asked` as the classes write them, whatever their case, spaces and
    kind of apostrophe ('Siobhán O’Neill', as a Mac types it), or given as the student's
    folder ('siobhan-o-neill'). Raises UsageError naming the close ones when a name is no
    student's."""
    names = [s.name for klass in klasses for s in klass.students]
    known = {_typed(s.name): s.name for klass in klasses for s in klass.students}
    for klass in klasses:
        for student in klass.students:
            known.setdefault(student.slug, student.name)
    found = []
    for name in asked:
        match = known.get(_typed(name))
        if match is None:
            raise UsageError(_unknown(name, names, klasses))
        found.append(match)
    return tuple(dict.fromkeys(found))


def _typed(name: str) -> str:
    """A name as compared with what is typed: one kind of apostrophe, one space, no case."""
    return " ".join(unicodedata.normalize("NFC", name).translate(STRAIGHT).casefold().split())


def _unknown(name: str, names: list[str], klasses: list[PackClass]) -> str:
    where = ", ".join(k.name for k in klasses)
    if not names:
        return f"--student: class {where} lists no students (add students: or roster:)"
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    close += [n for n in names if name.casefold() in n.casefold() and n not in close]
    hint = (
        f"; did you mean {', '.join(repr(n) for n in close[:5])}?"
        if close
        else f"; it has {len(names)} students, e.g. {', '.join(repr(n) for n in names[:3])}"
    )
    return f"no student called '{name}' in class {where}{hint}"
