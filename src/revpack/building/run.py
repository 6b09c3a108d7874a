"""The build, top to bottom: find inputs → load and validate all → plan jobs → skip the
unchanged → render and write (in parallel) → print PDFs per class → save the manifest.

Nothing is written until every input has been read and validated: one bad file stops the
build with every problem listed. A job that fails while rendering (a sheet that does not
fit) fails alone; the others are still written.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from revpack import __version__
from revpack.building import journal
from revpack.building.class_print import (
    PRINT_FORMAT,
    ClassPrinter,
    copied_to_pdf,
    print_copies,
)
from revpack.building.classes import Chosen, ClassJobs, chosen_students, class_jobs
from revpack.building.execute import run_all
from revpack.building.files import remove_stale_parts
from revpack.building.jobs import (
    OUTDATED,
    STRAY,
    Done,
    Job,
    cannot_write,
    default_workers,
    goes_with,
    report_kept,
)
from revpack.building.keys import JobKeys
from revpack.building.languages import check_labels
from revpack.building.left_behind import note_left_behind
from revpack.building.manifest import Manifest
from revpack.building.print_tasks import FollowUp
from revpack.dates import printed_date
from revpack.kinds import ANSWERS_SUFFIX
from revpack.loading import limits
from revpack.loading.inputs import DEFAULT_LAYOUTS, Inputs, load_inputs
from revpack.loading.layouts import Layout, formats_none_has, load_layouts, refuse_class_formats
from revpack.loading.pack import Pack, PackClass, Student
from revpack.loading.printed import check_audience
from revpack.model import Audience, Source
from revpack.names import child, slugify
from revpack.names import document as document_name
from revpack.problems import InputError, Mark, Problem, UsageError

if TYPE_CHECKING:
    from concurrent.futures import Executor


@dataclass
class BuildResult:
    """What a build did."""

    written: list[Path] = field(default_factory=list)
    """Files written."""
    unchanged: list[Path] = field(default_factory=list)
    """Files left as they were because their inputs had not changed."""
    kept: list[Path] = field(default_factory=list)
    """Files left as they were because they changed since revpack wrote them (edited in
    Word, say); `force` overwrites them. Each has a note too."""
    edited: list[Path] = field(default_factory=list)
    """Of `kept`, those changed since revpack wrote them, and the keys kept with them (not
    files revpack has no record of)."""
    failed: list[str] = field(default_factory=list)
    """One message per failed job, as `path:line:col: message`."""
    notes: list[str] = field(default_factory=list)
    """Things worth knowing that are not failures (an exercise left out, say)."""
    seconds: float = 0.0
    """Wall time."""

    @property
    def ok(self) -> bool:
        """True when every job succeeded."""
        return not self.failed


def plan(
    inputs: Inputs,
    out: Path,
    layout_names: Sequence[str] | None,
    layout_dirs: Sequence[str | Path] = (),
    classes: Sequence[str] | None = None,
    audience: Audience | None = None,
    formats: tuple[str, ...] = (),
    students: list[str] | None = None,
) -> tuple[list[Job], list[ClassJobs]]:
    """The jobs to run, and each pack class's jobs (shared, then each student's in
    register order) for its print PDF. `students` limits the classes to those students'
    own documents."""
    # (a layout named to be built is refused; so are those of a folder of layouts alone, a
    # folder's layouts beside its sources and packs being theirs)
    refused = inputs.layouts or (
        inputs.found_layouts if not (inputs.sources or inputs.packs) else ()
    )
    if refused:
        raise InputError(
            [
                Problem(
                    Mark(str(path), 1, 1),
                    f"this is a layout, not a source or pack: build a source with -l {path}, "
                    "or name its folder with --layouts",
                )
                for path in refused
            ]
        )
    date = printed_date()
    layout_names = list(dict.fromkeys(layout_names or ()))  # -l summary twice: one summary
    audience = audience or Audience(date=date)
    check_audience(audience)
    _refuse_unknown_classes(inputs, classes)
    wanted = [
        (pack, c, srcs)
        for pack, srcs in inputs.packs
        for c in pack.classes
        if not classes or any(class_matches(c, name) for name in classes)
    ]
    # With --class only packs are built: a class belongs to a pack, not to a plain source.
    direct = tuple(layout_names or DEFAULT_LAYOUTS) if inputs.sources and not classes else ()
    names: Sequence[str] = [
        *direct,
        *(n for _, c, _ in wanted for n in (layout_names or c.every_layout)),
    ]
    marks = {name: mark for pack, _ in inputs.packs for name, mark in pack.layout_marks}
    layouts = load_layouts(names, layout_dirs, marks)
    # A layout named with -l is asked for the formats itself: each must have one of them;
    # otherwise -f asks the whole build, and some layout of it must have one.
    for name in layout_names if formats else ():
        refuse_formats_none_has([layouts[name]], formats)
    refuse_formats_none_has(list(layouts.values()), formats)
    jobs = [
        Job(s, layouts[n], audience, _base(out, s, layouts[n]), f, out=out)
        for s in inputs.sources
        for n in direct
        for f in chosen_formats(layouts[n], formats)
    ]
    only = _only(wanted, classes, students)
    per_class = []
    # most classes of a pack choose alike: (layout names, formats) → what they choose
    choices: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Chosen]] = {}

    def choose(klass: PackClass, student: Student | None) -> list[Chosen]:
        """What the class (or one of its students, who may have their own) builds."""
        own_layouts, own_formats = klass.given(student)
        names = tuple(layout_names or own_layouts)
        asked = formats or own_formats
        chosen = choices.get((names, asked))
        if chosen is None:
            chosen = choices[names, asked] = [
                Chosen(layouts[n], chosen_formats(layouts[n], asked)) for n in names
            ]
        return chosen

    for pack, klass, srcs in wanted:
        if not formats:  # the pack's own formats: they must suit the class's layouts
            refuse_class_formats(klass, layouts, layout_names)
        mine = class_jobs(pack, klass, srcs, partial(choose, klass), date, out, only)
        asked = _asked_otherwise(klass, layouts, layout_names, formats)
        if mine.complete and asked:
            # (-l worksheet on a pack: the class's print PDF made of its worksheets alone
            # replaced the one with its summaries and charts)
            mine = replace(mine, partial=asked)
        jobs += mine.jobs
        per_class.append(mine)
        if len(jobs) > limits.DOCUMENTS:
            raise InputError([_too_many_documents(pack, klass)])
    _refuse_clashes(jobs, per_class)
    check_labels(jobs)
    return jobs, per_class


def _asked_otherwise(
    klass: PackClass,
    layouts: dict[str, Layout],
    layout_names: Sequence[str],
    formats: tuple[str, ...],
) -> str:
    """Why the command line's `-l` or `-f` builds `klass` otherwise than its pack says
    (other layouts for it or for a student of it with their own, or formats that leave a
    document of theirs out of print: `-f html`): its print PDFs, made of what it gets,
    are then left as they were. '' when its print PDFs hold what the pack says."""
    own = [s for s in klass.students if s.layouts or s.formats]
    sets = [klass.given(student) for student in (None, *own)]
    if layout_names and any(set(layout_names) != set(names) for names, _ in sets):
        return "some layouts only, with -l"
    if formats and any(
        _printed(layouts[name], formats) != _printed(layouts[name], mine)
        for names, mine in sets
        for name in (layout_names or names)
    ):
        return "other formats, with -f"
    return ""


def _printed(layout: Layout, asked: tuple[str, ...]) -> bool:
    """Whether `layout` built in the formats `asked` has a copy in a print PDF: as PDF, or
    in a paper format its kind can also draw as PDF (class_print.print_copies)."""
    formats = chosen_formats(layout, asked)
    return PRINT_FORMAT in formats or any(copied_to_pdf(layout.kind, f) for f in formats)


def _too_many_documents(pack: Pack, klass: PackClass) -> Problem:
    """The problem of a build that would make more than limits.DOCUMENTS documents, said
    at the pack's name with the class that takes it past (found before any is made)."""
    return Problem(
        pack.mark or Mark(pack.path, 1, 1),
        f"with class '{klass.name}' this build would make more than "
        f"{limits.DOCUMENTS:,} documents; build some classes at a time (--class), or "
        "split the pack",
    )


def _only(
    wanted: list[tuple[Pack, PackClass, tuple[Source, ...]]],
    classes: Sequence[str] | None,
    students: list[str] | None,
) -> tuple[str, ...]:
    """The students `--student` asks for, as their classes write them."""
    if not students:
        return ()
    if not classes:
        raise UsageError("--student needs --class: name the student's class too")
    return chosen_students([klass for _, klass, _ in wanted], students)


def _base(folder: Path, source: Source, layout: Layout) -> Path:
    return child(folder, document_name(source.stem, layout.name))


def chosen_formats(layout: Layout, asked: tuple[str, ...]) -> tuple[str, ...]:
    """The formats to write `layout` in: those of `asked` (from -f or a pack) that its
    kind has, or the layout's own when nothing is asked or its kind has none of them
    (`-f html` makes the summary and the worksheet as HTML, and the factor chart as it
    always is)."""
    mine = tuple(f for f in asked if layout.kind.format(f) is not None)
    return mine or layout.formats


def refuse_formats_none_has(layouts: list[Layout], asked: tuple[str, ...]) -> None:
    """UsageError when formats are asked for on the command line and none of `layouts`
    has any of them (loading.layouts.formats_none_has)."""
    why = formats_none_has(layouts, asked)
    if why is not None:
        raise UsageError(why)


def class_matches(klass: PackClass, name: str) -> bool:
    """Whether `--class name` means `klass`: its name in any case, or its folder name."""
    wanted = name.strip().casefold()
    return wanted in (klass.name.casefold(), klass.slug) or slugify(name) == klass.slug


def _refuse_unknown_classes(inputs: Inputs, classes: Sequence[str] | None) -> None:
    if classes and not inputs.packs:
        raise UsageError(
            "--class picks classes of a pack, and none of the inputs is a pack "
            "file; name a pack, or leave out --class"
        )
    every = [c for pack, _ in inputs.packs for c in pack.classes]
    missing = [name for name in classes or () if not any(class_matches(c, name) for c in every)]
    if missing:
        # A name on the command line, as an unknown --student is: a usage error.
        listed = ", ".join(sorted({c.name for c in every}))
        raise UsageError(f"no class called '{missing[0]}'; classes: {listed}")


class _Target(NamedTuple):
    """A file a build would write, and the inputs that name it."""

    path: str
    """The file."""
    shown: str
    """The file messages name (a document's main file, for its answer key too)."""
    source: Source | None
    """The source it is made from (None for a print PDF)."""
    layout: Layout | None
    """The layout it is made with (None for a print PDF)."""
    pack: Pack | None
    """The pack whose folder it is in (None for a source built directly)."""

    @property
    def owner(self) -> tuple[int, int, int]:
        """What makes it: two targets of one owner are one file written once."""
        # One file is one Source object (load_inputs), one layout name one Layout, one
        # pack file one Pack.
        return id(self.source), id(self.layout), id(self.pack)


def _refuse_clashes(jobs: list[Job], per_class: list[ClassJobs]) -> None:
    """Two outputs that would land on one path (on a filesystem that ignores case, too)
    are an error before anything is written."""
    seen: dict[str, _Target] = {}
    problems: dict[tuple[tuple[int, int, int], tuple[int, int, int]], Problem] = {}
    for target in _targets(jobs, per_class):
        other = seen.setdefault(unicodedata.normalize("NFC", target.path).casefold(), target)
        if other.owner != target.owner:  # said once for each two that clash
            problems.setdefault((other.owner, target.owner), _clash(other, target))
    if problems:
        raise InputError(list(problems.values()))


def _targets(jobs: list[Job], per_class: list[ClassJobs]) -> Iterator[_Target]:
    """Every file the build may write (paths as strings: there are thousands)."""
    pack_of = {id(job): c.pack for c in per_class for job in c.jobs}
    for job in jobs:
        base, extension, pack = str(job.base), job.extension, pack_of.get(id(job))
        shown = f"{base}.{extension}"
        for suffix in ("", ANSWERS_SUFFIX):  # any kind may write an answer key
            path = f"{base}{suffix}.{extension}"
            yield _Target(path, shown, job.source, job.layout, pack)
    for c in per_class:
        for path in (str(c.print_pdf), str(c.answers_pdf)):
            yield _Target(path, path, None, None, c.pack)


def _clash(first: _Target, second: _Target) -> Problem:
    """Where and how to say that `second` would overwrite `first`."""
    path = second.shown
    if first.source and second.source and first.owner[0] != second.owner[0]:
        return Problem(
            Mark(second.source.path, 1, 1),
            f"would write {path} as {first.source.path} does; rename one of the files",
        )
    if first.layout and second.layout and first.layout is not second.layout:
        return Problem(
            Mark(second.layout.path, 1, 1),
            f"layout '{second.layout.name}' "
            f"would write {path} as the layout in {first.layout.path} does; two "
            "layouts have one name: rename one",
        )
    pack = second.pack or first.pack
    # (targets of no pack are sources built directly: they differ in source or layout)
    assert pack is not None, "two targets of no pack clash in neither source nor layout"
    other = first.pack if second.pack else None
    where = pack.mark or Mark(pack.path, 1, 1)
    if other is not None and other.path != pack.path:
        return Problem(
            where,
            f"pack '{pack.name}' would write {path} as the pack "
            f"'{other.name}' in {other.path} does; rename one of the packs",
        )
    return Problem(
        where,
        f"two documents of pack '{pack.name}' would both be {path}; rename a source or a layout",
    )


def build(
    paths: Sequence[str | Path] | None = None,
    *,
    layouts: list[str] | None = None,
    out: str | Path = "out",
    layout_dirs: Sequence[str | Path] = (),
    classes: list[str] | None = None,
    audience: Audience | None = None,
    jobs: int | None = None,
    force: bool = False,
    print_worksheets: bool = True,
    formats: list[str] | None = None,
    students: list[str] | None = None,
    executor: Executor | None = None,
    on_done: Callable[[Done], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BuildResult:
    """Build sources and packs into `out`.

    Raises InputError (and writes nothing) if any input is invalid. `classes` limits packs
    to the named classes; `audience` is printed on sources built directly; `jobs` is the
    number of worker processes (default: the CPUs available); unchanged outputs are skipped
    unless `force`. Each pack class gets a print PDF of its student-facing documents and
    an answers PDF of its keys; with `print_worksheets` (the default) a document the class
    builds in no printable format (a worksheet as DOCX) is also written as PDF for them.
    `formats` replaces each layout's formats with those of them its kind has (UsageError
    when a layout's kind has none of them). `students` (with `classes`) builds only those
    students' own documents. `executor` (any concurrent.futures.Executor: a thread pool, a
    dask cluster's) renders the documents instead of worker processes; this process writes
    them. `on_plan(n)` and
    `on_done(done)` report progress.
    """
    started = time.perf_counter()
    out = _output_folder(out)
    inputs = load_inputs(paths, tuple(layouts or DEFAULT_LAYOUTS), tuple(layout_dirs))
    all_jobs, per_class = plan(
        inputs, out, layouts, layout_dirs, classes, audience, tuple(formats or ()), students
    )
    if print_worksheets:
        all_jobs, per_class = print_copies(all_jobs, per_class)
    remove_stale_parts(_folders(all_jobs, per_class, out), out)
    manifest = Manifest(out, journal.written(out), partial(journal.holding_noted, out))
    result = BuildResult(notes=[n for pack, _ in inputs.packs for n in pack.notes])
    # (every class of every pack built, as the packs say)
    whole = not (layouts or formats or classes or students)
    note_left_behind(all_jobs, per_class, manifest, result.notes, whole)
    keys = JobKeys(__version__)
    todo = _skip_unchanged(all_jobs, manifest, force, result, keys)
    printer = ClassPrinter(
        per_class, {(job.base, job.format) for job in todo}, out, manifest, result, force
    )

    def finished(done: Done) -> list[FollowUp]:
        _record(done, manifest, result, keys)
        if on_done:
            on_done(done)
        return printer.job_done(done.job, failed=done.error is not None)

    printer.start()
    recorded = False
    try:
        run_all(
            todo,
            jobs or default_workers(),
            finished,
            on_start=lambda: on_plan(len(todo)) if on_plan else None,
            executor=executor,
            preload=printer.will_print,
        )
        printer.finish()
        _note_edits_left_out(all_jobs, result)
        recorded = True
    finally:
        # Also when the build is interrupted: what was written counts next time (and
        # what it wrote without recording it, by the journal).
        try:
            manifest.save()
        except OSError as exc:
            result.failed.append(cannot_write(manifest.path, exc))
        else:
            if recorded:
                journal.settle(out, manifest.recorded)
    result.seconds = time.perf_counter() - started
    return result


def _note_edits_left_out(jobs: list[Job], result: BuildResult) -> None:
    """Say, of a worksheet DOCX kept with a teacher's edits, that the same worksheet in
    the build's other formats (its PDF, its HTML page) is made from the notes, without
    them: a teacher printing that PDF would otherwise take it for the edited sheet."""
    edited = {str(path) for path in result.edited if path.suffix == ".docx"}
    for job in jobs if edited else ():
        sheet = f"{job.base}.docx"
        if job.format == "docx":
            continue
        key = Path(f"{job.base}{ANSWERS_SUFFIX}.{job.extension}")
        # (the sheet's DOCX, its key's, or both: a key edited alone keeps its sheet too)
        kept = [n for n in (sheet, f"{job.base}{ANSWERS_SUFFIX}.docx") if n in edited]
        if kept:
            made = f"{job.path}" + (
                f" and its answer key {key.name} are" if key.exists() else " is"
            )
            names = " and ".join(Path(name).name for name in kept)
            result.notes.append(f"{made} made from the notes, without the edits kept in {names}")


def _output_folder(out: str | Path) -> Path:
    out = Path(out)
    try:
        if out.exists() and not out.is_dir():
            raise InputError(
                [
                    Problem(
                        Mark(str(out), 1, 1), "the output folder is a file; choose another -o/--out"
                    )
                ]
            )
        # A file where a folder above it would go: every document would fail alike.
        above = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
        if above is not None:
            message = f"{above} is a file, not a folder; choose another -o/--out"
            raise InputError([Problem(Mark(str(out), 1, 1), message)])
    except OSError as exc:  # a name too long, a folder that cannot be read
        raise InputError(
            [Problem(Mark(str(out), 1, 1), f"cannot use this output folder: {exc.strerror or exc}")]
        ) from None
    return out


def _folders(jobs: list[Job], per_class: list[ClassJobs], out: Path) -> set[Path]:
    """Every folder the build writes into."""
    # By name first: a year group's thousands of jobs share a few hundred folders.
    names = {os.path.dirname(str(job.base)) for job in jobs}
    names.update(os.path.dirname(str(c.print_pdf)) for c in per_class)
    return {out, *(Path(name) for name in names)}


def _skip_unchanged(
    jobs: list[Job], manifest: Manifest, force: bool, result: BuildResult, keys: JobKeys
) -> list[Job]:
    """The jobs to run; each keeps the files changed since revpack wrote them."""
    todo = []
    for job in jobs:
        if force:
            todo.append(job)
            continue
        status = manifest.status(_name(job, manifest), keys(job))
        if status.fresh:
            result.unchanged += status.unchanged
            if status.changed:
                report_kept(result, status.changed)
        else:
            ours = frozenset((*status.unchanged, *status.changed))
            if manifest.journaled:  # (written by a build stopped before recording them)
                ours |= manifest.journaled
            todo.append(replace(job, keep=frozenset(status.changed), ours=ours))
    return todo


def _record(done: Done, manifest: Manifest, result: BuildResult, keys: JobKeys) -> None:
    name = _name(done.job, manifest)
    report_kept(result, done.strays, STRAY)
    if done.error:
        result.failed.append(done.error)
        manifest.fail(name, done.files)
        return
    kept = done.job.keep - set(done.files)
    result.written += done.written
    result.unchanged += done.found
    outdated = manifest.outdated(name, done.would_write)
    report_kept(result, kept - outdated)
    report_kept(result, outdated, OUTDATED)
    for path, edited in done.held:
        report_kept(result, [path], goes_with(edited))
    # A pack prints the same note for every class; say it once.
    result.notes += [note for note in done.notes if note not in result.notes]
    # A job that kept a file not its own, or one that goes with a kept one, runs again
    # next time, and says so again.
    again = done.strays or done.held
    held = [path for path, _ in done.held]
    manifest.record(name, "" if again else keys(done.job), done.files, [*kept, *held])


def _name(job: Job, manifest: Manifest) -> str:
    return manifest.relative(job.path)
