"""Each pack class's print PDFs: `<pack>-<class>-print.pdf` (a cover, then every
student-facing document of the class) and `<pack>-<class>-answers.pdf` (the answer keys),
made from the class's PDFs as soon as its last document is written.

A class with students prints, in register order, each student's full set: the class's
shared documents (summary, chart) around that student's own worksheet, so that the pile
can be handed out as it comes off the printer; its answers PDF holds each student's key,
headed with their name.

A document a class builds in another format only (a worksheet as DOCX, say) is also
written as PDF when its kind has a PDF writer (`print_copies`), so the print PDF holds
everything the class gets, drawn natively: no word processor is needed to print a pack.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from revpack import __version__
from revpack.building import journal
from revpack.building.classes import ClassJobs, StudentJobs
from revpack.building.files import write_atomic
from revpack.building.jobs import STRAY, Job, cannot_write, holds, not_ours, report_kept
from revpack.building.languages import class_labels, job_labels
from revpack.building.manifest import Manifest, Written, job_key
from revpack.building.print_contents import Cover, Document
from revpack.building.print_tasks import FollowUp, GridOrder, Printed, PrintTask, run_inline
from revpack.building.word_prints import word_processor
from revpack.dates import in_language, printed_date
from revpack.kinds import ANSWERS_SUFFIX, Kind
from revpack.labels import Labels, class_and_teacher
from revpack.loading.typography import spaced
from revpack.writers.running_header import LARGE_PRINT

if TYPE_CHECKING:
    from revpack.building.run import BuildResult

PRINT_FORMAT = "pdf"
"""The format print PDFs are made of."""

WORD_FORMAT = "docx"
"""The format a teacher edits, printed as edited when it has been (`word_prints`)."""


def copied_to_pdf(kind: Kind, format: str) -> bool:
    """Whether a document of `kind` written in `format` also gets a PDF copy to print: a
    paper format (a DOCX worksheet) whose kind can be drawn as PDF."""
    found = kind.format(format)
    return found is not None and found.paper and kind.format(PRINT_FORMAT) is not None


def print_copies(jobs: list[Job], per_class: list[ClassJobs]) -> tuple[list[Job], list[ClassJobs]]:
    """`jobs` and `per_class` with a PDF job added, in each class, for every paper
    document (a DOCX worksheet, say) the class builds in no PDF, when its kind can be
    drawn as PDF. Screen formats (HTML, decks, quizzes) get no paper copy."""
    extra: list[Job] = []

    def with_pdf(mine: tuple[Job, ...]) -> tuple[Job, ...]:
        has_pdf = {str(j.base) for j in mine if j.format == PRINT_FORMAT}
        ordered = []
        for job in mine:
            ordered.append(job)
            if str(job.base) not in has_pdf and copied_to_pdf(job.layout.kind, job.format):
                ordered.append(dataclasses.replace(job, format=PRINT_FORMAT))
                extra.append(ordered[-1])
                has_pdf.add(str(job.base))
        return tuple(ordered)

    classes = [
        dataclasses.replace(
            c,
            shared=with_pdf(c.shared),
            students=tuple(dataclasses.replace(s, jobs=with_pdf(s.jobs)) for s in c.students),
        )
        for c in per_class
    ]
    return [*jobs, *extra], classes


class ClassPrinter:
    """Makes each class's print and answers PDFs once the class's jobs are done, while the
    workers go on with other classes; a class with nothing to rebuild is checked at once.
    A class built for some students only (`--student`) keeps the print PDFs it has."""

    def __init__(
        self,
        per_class: list[ClassJobs],
        changed: set[tuple[Path, str]],
        out: Path,
        manifest: Manifest,
        result: BuildResult,
        force: bool,
    ):
        """`changed` holds the (base, format) of every job this build runs."""
        self.per_class = [c for c in per_class if c.complete]
        for partial_class in (c for c in per_class if not c.complete):
            if _names(partial_class.jobs) & changed:
                # (its other students' documents are not part of this build)
                result.notes.append(
                    f"{partial_class.print_pdf.parent}: the class's print and answers PDFs "
                    f"are left as they were (built for {partial_class.partial}); build the "
                    "class to bring them up to date"
                )
        for complete in self.per_class:
            result.notes += _unprinted(complete)
        self.changed = changed
        self.out, self.manifest, self.result, self.force = out, manifest, result, force
        self.waiting = [_names(c.jobs) & changed if changed else set() for c in self.per_class]
        self.failed: list[list[Path]] = [[] for _ in self.per_class]
        """Each class's documents that this build could not make."""
        self.titles = _Titles()

    @property
    def will_print(self) -> bool:
        """Whether a class waits for a job of this build: its print PDFs are made when
        the job is done (so the workers may start with the PDF libraries loaded)."""
        return any(self.waiting)

    def start(self) -> None:
        """Print the classes that wait for no job (here, at once)."""
        for index, names in enumerate(self.waiting):
            if not names:
                run_inline(self._print(index))

    def job_done(self, job: Job, failed: bool = False) -> list[FollowUp]:
        """A job has finished (or `failed`): the print PDFs to make if it was its class's
        last one (the caller runs each task, here or on a worker, and calls its
        `finish`)."""
        name = (job.base, job.format)
        ready: list[FollowUp] = []
        for index, names in enumerate(self.waiting):
            if name in names:
                names.discard(name)
                if failed and job.format == PRINT_FORMAT:  # (one that would be printed)
                    self.failed[index].append(job.path)
                if not names:
                    ready += self._print(index)
        return ready

    def finish(self) -> None:
        """Nothing waits for the end of the build (kept for callers that say so)."""

    def _print(self, index: int) -> list[FollowUp]:
        found = self.per_class[index]
        if self.failed[index]:
            self._refuse(found, self.failed[index])
            return []
        return [t for answers in (False, True) if (t := self._one(found, answers)) is not None]

    def _refuse(self, found: ClassJobs, failed: list[Path]) -> None:
        """Make no print PDF of a class one of whose documents this build could not
        make: it would print that document as the last build left it (from other notes)
        or leave it out, and nothing would say so. The class's print PDFs run again
        next time."""
        missing = failed[0].name + (f" and {len(failed) - 1} more" if len(failed) > 1 else "")
        self.result.failed.append(
            f"{_where(found)}: the print PDFs of class {found.klass.name} are not "
            f"made, as {missing} could not be (see above); any from an earlier build are "
            "left as they were"
        )
        for target in (found.print_pdf, found.answers_pdf):
            name = self.manifest.relative(target)
            if name in self.manifest.entries:  # (made before: made again next time)
                self.manifest.fail(name, [])

    def _one(self, found: ClassJobs, answers: bool) -> FollowUp | None:
        """The print (or answers) PDF of a class to make, or None when it is as it should
        be (or kept, or has nothing to hold)."""
        pack, klass = found.pack, found.klass
        target = found.answers_pdf if answers else found.print_pdf
        name = self.manifest.relative(target)
        listed, shown = [], []
        kept = {str(path) for path in self.result.edited}
        for entry in _listed(found, answers, self.titles):
            entry = self._edited(entry, kept, target)
            printed = entry.word or entry.pdf
            now = self.manifest.current(printed)  # unread when as recorded
            if now is None and not os.path.exists(printed):
                continue  # not made (its job failed, say)
            listed.append(entry)
            shown.append((entry.title, self.manifest.relative(printed), _sha(now)))
        # All that the cover shows and the bytes of every document: a change to any
        # rebuilds it. (The marking grids are made from the keys' exercises, which the
        # keys' bytes stand for: they are made only when the answers PDF is.)
        key = job_key(
            __version__,
            "answers" if answers else "print",
            pack.name,
            klass.name,
            klass.teacher,
            klass.duplex,
            printed_date(),
            shown,
        )
        status = self.manifest.status(name, key)
        if not self.force and (status.fresh or status.changed):
            self.result.unchanged += status.unchanged
            if status.changed:
                report_kept(self.result, status.changed)
            if not status.fresh:  # its documents changed, but so did it, and it stays
                self.manifest.record(name, key, [], status.changed)
            return None
        if not listed:
            return None
        task = PrintTask(
            cover(found, answers),
            _as_documents(listed),
            klass.duplex,
            marking_grids(found) if answers else (),
            self.word_processor,
        )
        return FollowUp(task, partial(self._write, found, target, name, key))

    @functools.cached_property
    def word_processor(self) -> str | None:
        """LibreOffice's command, looked for once a build (None: not installed)."""
        return word_processor()

    def _edited(self, entry: _Listed, kept: set[str], target: Path) -> _Listed:
        """`entry`, to be printed from its Word file when the teacher has edited that
        (changed since revpack wrote it, or kept with a sheet that is: not a file revpack
        has no record of, its own perhaps); without LibreOffice to print it, the
        build says that `target` holds the document as built from the notes."""
        word = entry.pdf[: -len(PRINT_FORMAT)] + WORD_FORMAT
        if word not in kept:
            return entry
        if self.word_processor is not None:
            return entry._replace(word=word)
        note = (
            f"{target}: holds {Path(entry.pdf).name} as built from the notes, not "
            f"{Path(word).name} as edited; install LibreOffice to print the edited file"
        )
        if note not in self.result.notes:  # (a shared document, listed for each student)
            self.result.notes.append(note)
        return entry

    def _write(self, found: ClassJobs, target: Path, name: str, key: str, made: Printed) -> None:
        """Write a print PDF that has been made (unless a file that is not revpack's is
        in its place), and remember it."""
        if made.data is None:  # a document changed since (damaged, say): this class only
            self.result.failed.append(
                f"{_where(found)}: cannot make the print PDF of class "
                f"{found.klass.name}: {made.error}"
            )
            self.manifest.fail(name, [])
            return
        data = made.data
        self.result.notes += [note for note in made.notes if note not in self.result.notes]
        entry = self.manifest.entries.get(name)
        ours = frozenset(self.out / rel for rel in entry.files) if entry else frozenset()
        if not self.force and not_ours(target, ours | self.manifest.journaled):
            if not holds(target, data):
                report_kept(self.result, [target], STRAY)
                return
            self.result.unchanged.append(target)
            self.manifest.record(name, key, [target])
            return
        try:
            journal.note(self.out, target, data)
            write_atomic(target, data, self.out)
        except OSError as exc:
            self.result.failed.append(cannot_write(target, exc))
            self.manifest.fail(name, [])
            return
        self.result.written.append(target)
        self.manifest.record(name, key, [target])


def _where(found: ClassJobs) -> str:
    """Where a problem with a class's print PDFs points: its name in the pack."""
    mark = found.klass.name_mark
    return str(mark) if mark else f"{found.pack.path}:1:1"


def _sha(written: Written | None) -> str | None:
    return written.sha256 if written else None


def _names(jobs: Iterable[Job]) -> set[tuple[Path, str]]:
    return {(job.base, job.format) for job in jobs}


class _Listed(NamedTuple):
    """A document a print PDF lists, named as plainly as can be (a year group's print PDFs
    list thousands, which a rebuild with nothing to do only checks)."""

    title: str
    """What the contents list and the bookmark call it."""
    pdf: str
    """Its file."""
    word: str | None = None
    """The Word file of it a teacher has edited, to print instead, or None."""


def _as_documents(listed: list[_Listed]) -> tuple[Document, ...]:
    return tuple(
        Document(entry.title, Path(entry.pdf), Path(entry.word) if entry.word else None)
        for entry in listed
    )


def _listed(found: ClassJobs, answers: bool, titles: _Titles) -> list[_Listed]:
    """The documents of a print PDF, in order: the shared documents and, for a class
    with students, each student's set in register order (the shared documents with their
    own, in the class's layout order), or their keys, whether their files are there or
    not (a failed job's is not); `titles` remembers what they are called."""
    if not found.students:
        return _documents(found.shared, answers, None, titles)
    documents = _documents(found.shared, True, None, titles) if answers else []
    for student in found.students:
        jobs = student.jobs if answers else _set(found, student)
        documents += _documents(jobs, answers, student.student.name, titles)
    return documents


def _unprinted(found: ClassJobs) -> list[str]:
    """A note for each student with layouts or formats of their own whose print set has
    no copy of one of them (a deck, a quiz, a web page)."""
    notes = []
    for student in found.students:
        own = student.student
        if not (own.layouts or own.formats):
            continue  # (the class's set, as the pack gives the class)
        jobs = _set(found, student)
        printed = {job.layout.name for job in jobs if job.format == PRINT_FORMAT}
        missing = {job.layout.name: job.format for job in jobs if job.layout.name not in printed}
        if missing:
            shown = ", ".join(f"{name} ({format})" for name, format in missing.items())
            notes.append(
                f"{found.print_pdf.parent}: the print PDF holds no copy of {own.name}'s "
                f"{shown}, made in no format that prints"
            )
    return notes


def _set(found: ClassJobs, student: StudentJobs) -> list[Job]:
    """A student's set: the class's shared documents of their layouts and their own
    documents, source by source in their layout order."""
    rank = {name: index for index, name in enumerate(student.layouts)}
    jobs = [*(job for job in found.shared if job.layout.name in rank), *student.jobs]
    sources = list(dict.fromkeys(job.source.path for job in jobs))
    return sorted(
        jobs, key=lambda job: (sources.index(job.source.path), rank.get(job.layout.name, len(rank)))
    )


def _documents(
    jobs: Iterable[Job], answers: bool, student: str | None, titles: _Titles
) -> list[_Listed]:
    """The entries of `jobs`' print documents, each named in its own document's language
    (a Spanish summary is a 'Resumen' on any cover)."""
    suffix = ANSWERS_SUFFIX if answers else ""
    found = []
    for job in jobs:
        if job.format != PRINT_FORMAT:
            continue
        title = titles(job, answers)
        if student:
            title = f"{student} · {title}"
        found.append(_Listed(title, f"{job.base}{suffix}.{job.extension}"))
    return found


class _Titles:
    """What the contents lists call each source's documents (or their keys), in their own
    language, made once a build: every class of a pack lists the same ones."""

    def __init__(self) -> None:
        self.made: dict[tuple[int, int, bool], str] = {}
        """(source, layout) ids and answers → title."""
        self.held: list[object] = []
        """What those ids stand for, kept alive while they are keys."""

    def __call__(self, job: Job, answers: bool) -> str:
        key = (id(job.source), id(job.layout), answers)
        title = self.made.get(key)
        if title is None:
            title = self.made[key] = _title(job, answers, job_labels(job))
            self.held.append((job.source, job.layout))
        return title


def _title(job: Job, answers: bool, labels: Labels) -> str:
    """What a print PDF's contents list calls `job`'s document (or its key): its layout's
    own entry ('worksheet, support tier'), else its kind's, with the layout's name when
    that is another ('worksheet (worksheet-year-9)'), so that two tiers of one source in
    one print tell apart."""
    layout = job.layout
    kind = labels.layout_title(layout.name, layout.kind.name, layout.kind.contents)
    title = f"{job.source.title.plain}{spaced(':', labels.language)}{kind}"  # ('1794 : fiche')
    if answers:
        title += f" ({labels('answer_key')})"
    return title


def marking_grids(found: ClassJobs) -> tuple[GridOrder, ...]:
    """For a class with students, a marking grid of each worksheet's letters that differ
    by student (matching, timeline), to go after the keys; made from the exercises, which
    the keys' bytes already stand for in the print PDF's inputs."""
    if not found.students:
        return ()
    orders = []
    listed: dict[tuple[str, str], Job] = {}  # every document any student has (some may
    for student in found.students:  # have layouts of their own), in the order first had
        for job in student.jobs:
            listed.setdefault((job.base.name, job.format), job)
    for job in listed.values():
        if job.format != PRINT_FORMAT or not job.layout.kind.per_student:
            continue
        students = []
        for student in found.students:
            mine = next(
                (
                    j
                    for j in student.jobs
                    if j.base.name == job.base.name and j.format == job.format
                ),
                None,
            )
            if mine is not None:
                students.append((student.student.name, mine.audience.seed))
        labels = job_labels(job)
        who = " · ".join(class_and_teacher(labels, found.klass.name, found.klass.teacher))
        orders.append(GridOrder(job.source, job.layout, tuple(students), labels, who))
    return tuple(orders)


def cover(found: ClassJobs, answers: bool) -> Cover:
    """What the cover of a class's print (or answers) PDF says."""
    klass = found.klass
    labels = class_labels(list(found.jobs), found.klass.language)
    who = " · ".join(class_and_teacher(labels, klass.name, klass.teacher))
    contents = labels("answer_key" if answers else "contents")
    return Cover(
        found.pack.name,
        who,
        contents,
        in_language(printed_date(), labels),
        klass.teacher or "revpack",
        labels.language,
        _least(found),
    )


def _least(found: ClassJobs) -> float:
    """The body size of a class whose every document is in large print (its cover is set
    no smaller), else 0."""
    least = min((job.layout.font.size for job in found.jobs), default=0.0)
    return least if least >= LARGE_PRINT else 0.0
