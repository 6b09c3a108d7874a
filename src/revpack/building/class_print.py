"""Each pack class's print PDFs: `<pack>-<class>-print.pdf` (a cover, then every
student-facing document of the class) and `<pack>-<class>-answers.pdf` (the answer keys),
made from the class's PDFs as soon as its last document is written.

A document a class builds in another format only (a worksheet as DOCX, say) is also
written as PDF when its kind has a PDF writer (`print_copies`), so the print PDF holds
everything the class gets, drawn natively: no word processor is needed to print a pack.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from revpack import __version__
from revpack.building.jobs import Job
from revpack.building.manifest import Manifest, job_key
from revpack.dates import printed_date
from revpack.kinds import ANSWERS_SUFFIX
from revpack.labels import load_labels

PRINT_FORMAT = "pdf"
"""The format print PDFs are made of."""


def print_copies(jobs: list[Job], per_class: list) -> tuple[list[Job], list]:
    """`jobs` and `per_class` with a PDF job added, in each class, for every document the
    class builds only in formats a print PDF cannot hold, when its kind can be drawn as
    PDF."""
    extra: list[Job] = []
    classes = []
    for pack, klass, mine in per_class:
        has_pdf = {j.base for j in mine if j.format == PRINT_FORMAT}
        ordered = []
        for job in mine:
            ordered.append(job)
            if job.base not in has_pdf and job.layout.kind.format(PRINT_FORMAT):
                ordered.append(dataclasses.replace(job, format=PRINT_FORMAT))
                extra.append(ordered[-1])
                has_pdf.add(job.base)
        classes.append((pack, klass, ordered))
    return [*jobs, *extra], classes


class ClassPrinter:
    """Makes each class's print and answers PDFs once the class's jobs are done, while the
    workers go on with other classes; a class with nothing to rebuild is checked at once."""

    def __init__(self, per_class, changed: set[tuple[Path, str]], out: Path,
                 manifest: Manifest, result, force: bool):
        """`changed` holds the (base, format) of every job this build runs."""
        self.per_class, self.changed = per_class, changed
        self.out, self.manifest, self.result, self.force = out, manifest, result, force
        self.waiting = [_names(jobs) & changed for _, _, jobs in per_class]

    def start(self) -> None:
        """Print the classes that wait for no job."""
        for index, names in enumerate(self.waiting):
            if not names:
                self._print(index)

    def job_done(self, job: Job) -> None:
        """A job has finished: print its class if it was the last one."""
        name = (job.base, job.format)
        for index, names in enumerate(self.waiting):
            if name in names:
                names.discard(name)
                if not names:
                    self._print(index)

    def finish(self) -> None:
        """Nothing waits for the end of the build (kept for callers that say so)."""

    def _print(self, index: int) -> None:
        pack, klass, jobs = self.per_class[index]
        rebuilt = self.force or bool(self.changed & _names(jobs))
        for answers in (False, True):
            self._one(pack, klass, jobs, answers, rebuilt)

    def _one(self, pack, klass, jobs: list[Job], answers: bool, rebuilt: bool) -> None:
        target = target_path(pack, klass, self.out, answers)
        name = str(target.relative_to(self.out))
        key = job_key(__version__, "answers" if answers else "print",
                      [(j.base, j.layout.name, j.format) for j in jobs],
                      pack.name, klass.name, klass.teacher, klass.duplex)
        if not rebuilt and self.manifest.fresh(name, key):
            self.result.unchanged.append(target)
            return
        documents = entries(jobs, answers)
        if not documents:
            return
        from revpack.building.files import write_atomic
        from revpack.building.printing import combine

        data = combine(cover(pack, klass, answers), documents, duplex=klass.duplex)
        try:
            write_atomic(target, data)
        except OSError as exc:
            self.result.failed.append(f"{target}:1:1: cannot write: {exc.strerror or exc}")
            self.manifest.forget(name)
            return
        self.result.written.append(target)
        self.manifest.record(name, key, [target])


def _names(jobs: list[Job]) -> set[tuple[Path, str]]:
    return {(job.base, job.format) for job in jobs}


def target_path(pack, klass, out: Path, answers: bool = False) -> Path:
    """`<out>/<pack>/<class>/<pack>-<class>-print.pdf` (or `-answers.pdf`)."""
    kind = "answers" if answers else "print"
    return out / pack.slug / klass.slug / f"{pack.slug}-{klass.slug}-{kind}.pdf"


def entries(jobs: list[Job], answers: bool):
    """The documents of a print PDF, in the class's order: each PDF job's main file (the
    student's copy), or its answer key."""
    from revpack.building.printing import Document

    labels = load_labels()
    found = []
    for job in jobs:
        if job.format != PRINT_FORMAT:
            continue
        suffix = ANSWERS_SUFFIX if answers else ""
        path = job.base.with_name(f"{job.base.name}{suffix}.{job.extension}")
        title = f"{job.source.title.plain}: {job.layout.kind.contents}"
        if answers:
            title += f" ({labels('answer_key')})"
        if path.exists():
            found.append(Document(title, path))
    return found


def cover(pack, klass, answers: bool):
    """What the cover of a class's print (or answers) PDF says."""
    from revpack.building.printing import Cover

    labels = load_labels()
    who = " · ".join(filter(None, [labels("class_teacher", class_name=klass.name),
                                   klass.teacher]))
    contents = labels("answer_key" if answers else "contents")
    return Cover(pack.name, who, contents, printed_date(), klass.teacher or "revpack")
