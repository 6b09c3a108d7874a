"""Build jobs, and running one: rendering it (anywhere) and writing its files (here).

A job carries everything its document depends on (source, resolved layout, audience with
the printed date and seed), so whichever process renders it, on whichever machine, makes
the same bytes. Rendering returns the files' bytes (`Rendered`); the process that runs
the build writes them, so workers need no shared disk.
"""

from __future__ import annotations

import hashlib
import os
import stat
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from revpack.building import journal
from revpack.building.files import write_atomic
from revpack.loading.layouts import Layout
from revpack.loading.notes import source_notes
from revpack.memo import Memo
from revpack.model import Audience, Source
from revpack.problems import RenderError

if TYPE_CHECKING:
    from revpack.building.run import BuildResult
    from revpack.kinds import Format
    from revpack.writers import Output


@dataclass(frozen=True)
class Job:
    """One source rendered with one layout for one audience."""

    source: Source
    """What to render."""
    layout: Layout
    """How to render it."""
    audience: Audience
    """Who it is for (class, teacher, seed, date)."""
    base: Path
    """Output path without suffix and extension: `<folder>/<stem>-<layout>`."""
    format: str
    """The format to write (one of the layout's kind's formats)."""
    keep: frozenset[Path] = frozenset()
    """Files not to write: changed since revpack wrote them (edited, say)."""
    ours: frozenset[Path] | None = None
    """The files revpack has a record of writing for this job: a file already at one of
    its other output paths, holding other bytes, is the teacher's and is kept (None: a
    forced build, which overwrites whatever is there)."""
    out: Path | None = None
    """The output folder, which no symbolic link may lead its files out of (None: the
    folder of `base`)."""

    @property
    def label(self) -> str:
        """How progress lines name this job."""
        return f"{self.base.name}.{self.extension}"

    @property
    def path(self) -> Path:
        """Its main file (an answer key's is beside it)."""
        return self.base.with_name(f"{self.base.name}.{self.extension}")

    @property
    def extension(self) -> str:
        """The extension of its main file."""
        return self.file_type.extension

    @property
    def setup(self) -> str:
        """What a worker must have set up to render it (see revpack.kinds.Format)."""
        return self.file_type.setup

    @property
    def file_type(self) -> Format:
        """Its format as the renderer table has it (revpack.kinds)."""
        found = self.layout.kind.format(self.format)
        if found is None:  # (the build makes jobs only in formats their layout's kind has)
            raise ValueError(f"kind {self.layout.kind.name!r} has no format {self.format!r}")
        return found


@dataclass(frozen=True)
class Done:
    """What happened to one job."""

    job: Job
    """The job."""
    files: tuple[Path, ...] = ()
    """Files written."""
    error: str | None = None
    """`path:line:col: message` when it failed."""
    notes: tuple[str, ...] = ()
    """Things the teacher should know (e.g. an exercise left out)."""
    strays: tuple[Path, ...] = ()
    """Files kept, not written: already there, other bytes, and not revpack's on record."""
    found: tuple[Path, ...] = ()
    """Files among `files` not revpack's on record but already holding what it would
    write: recorded, not written again."""
    held: tuple[tuple[Path, Path], ...] = ()
    """(file, the kept file it goes with): revpack's own files not written again because
    another file of the job was kept (an answer key beside its sheet edited in Word), so
    that the two still match."""
    would_write: tuple[tuple[Path, str], ...] = ()
    """(kept file, the SHA-256 of what this build would have written in it): where that
    is not what revpack wrote there, the notes (or the layout) changed since, and the kept
    file lacks those changes."""

    @property
    def written(self) -> list[Path]:
        """The files this job wrote: not those it kept, nor those found already holding
        what it would write."""
        return [p for p in self.files if p not in self.job.keep and p not in self.found]


CHANGED = "changed since revpack wrote it"
"""Why a recorded file whose bytes are no longer revpack's is kept."""
STRAY = "not written by revpack (or its record was lost)"
"""Why a file revpack has no record of, at a path it would write, is kept."""


OUTDATED = (
    "changed since revpack wrote it, and the notes or layout changed after that: it lacks "
    "those changes"
)
"""Why a file is kept that revpack would now write otherwise: the teacher edited it, then
changed the notes."""


def goes_with(kept: Path) -> str:
    """Why a file is kept beside `kept`, kept itself (and so made from the notes as they
    were: it is kept only when this build would write it otherwise)."""
    return (
        f"it goes with {kept.name}, which changed since revpack wrote it; both lack the "
        "changes made to the notes or layout since"
    )


def kept_note(path: Path, why: str) -> str:
    """The line that says a file was kept, and why."""
    return f"kept {path}: {why}; --force overwrites it"


def report_kept(result: BuildResult, paths: Iterable[Path], why: str = CHANGED) -> None:
    """Say in the build's `result` (revpack.building.run.BuildResult) that `paths` were
    kept, and why; those changed since revpack wrote them, or kept with such a file,
    count as edited too."""
    for path in sorted(paths):
        result.kept.append(path)
        result.notes.append(kept_note(path, why))
        if why != STRAY:
            result.edited.append(path)


def not_ours(path: Path, ours: frozenset[Path] | None) -> bool:
    """Whether a regular file is already at `path` that revpack has no record of writing
    (`ours`; None: a forced build, which may overwrite anything). Unless it holds what the
    build would write, it is the teacher's: kept, never overwritten silently. (A link there
    is left to the write, which refuses one leading outside.)"""
    return ours is not None and path not in ours and _regular(path)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Rendered:
    """What rendering one job gives back, before anything is written."""

    outputs: tuple[Output, ...] = ()
    """The job's files: suffix, extension and bytes."""
    error: str | None = None
    """`path:line:col: message` when it failed."""
    notes: tuple[str, ...] = ()
    """Things the teacher should know (e.g. an exercise left out)."""


def render_job(job: Job) -> Rendered:
    """Render one job to bytes, touching no file; errors become a failed Rendered. This is
    what worker processes and other machines run."""
    from revpack.writers import render

    # An executor (a dask cluster's, say) sends a copy of the source with every job: the
    # first one stands for the rest, so that memo tables find it by identity, not by
    # comparing every text.
    source = SOURCES.get(job.source, lambda: job.source)
    try:
        outputs = render(source, job.layout, job.audience, job.format)
    except RenderError as exc:
        return Rendered(error=f"{exc} [{job.layout.name}]")
    except Exception as exc:  # a bug must not stop the other jobs; report it in full
        detail = "".join(traceback.format_exception_only(exc)).strip()
        return Rendered(
            error=f"{job.source.path}:1:1: internal error while rendering "
            f"{job.layout.name}: {detail}"
        )
    return Rendered(tuple(outputs), notes=_notes(job, source))


SOURCES: Memo[Source] = Memo("sources rendered", 16)
"""Each source rendered in this process, as first received."""


def write_rendered(job: Job, rendered: Rendered) -> Done:
    """Write what `render_job` gave back, each file atomically, beside `job.base`."""
    if rendered.error:
        return Done(job, error=rendered.error)
    files: list[Path] = []
    strays: list[Path] = []
    found: list[Path] = []
    held: list[tuple[Path, Path]] = []
    paths = [
        job.base.with_name(f"{job.base.name}{output.suffix}.{output.extension}")
        for output in rendered.outputs
    ]
    # Each kept file read once: does it hold what this build would write (another build
    # has just written it), or was it edited?
    same = {
        p: holds(p, o.data) for p, o in zip(paths, rendered.outputs, strict=True) if p in job.keep
    }
    edited = next((p for p, held in same.items() if not held), None)
    would_write: list[tuple[Path, str]] = []
    for path, output in zip(paths, rendered.outputs, strict=True):
        if path in job.keep:
            if same[path]:
                files.append(path)
            else:
                would_write.append((path, hashlib.sha256(output.data).hexdigest()))
            continue
        if edited is not None and _regular(path) and not holds(path, output.data):
            held.append((path, edited))  # a sheet edited by hand keeps its key as it was
            continue
        if not_ours(path, job.ours):
            if holds(path, output.data):
                files.append(path)
                found.append(path)
            else:
                strays.append(path)
            continue
        try:
            if job.out is not None:
                journal.note(job.out, path, output.data)
            write_atomic(path, output.data, job.out or job.base.parent)
        except OSError as exc:
            error = cannot_write(path, exc)
            return Done(job, tuple(files), error=error, strays=tuple(strays), found=tuple(found))
        files.append(path)
    return Done(
        job,
        tuple(files),
        notes=rendered.notes,
        strays=tuple(strays),
        found=tuple(found),
        held=tuple(held),
        would_write=tuple(would_write),
    )


def run_one(job: Job) -> Done:
    """Render one job in this process and write its files."""
    return write_rendered(job, render_job(job))


def holds(path: Path, data: bytes) -> bool:
    """Whether the regular file `path` (not a link) holds `data`."""
    try:
        info = os.lstat(path)
        return (
            stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data
        )
    except OSError:
        return False


def cannot_write(path: Path, exc: OSError) -> str:
    """The message for a file that could not be written (disk full, no permission, a name
    the filesystem refuses)."""
    return f"cannot write {path}: {exc.strerror or exc}"


def prepare(jobs: list[Job]) -> None:
    """Load the writers `jobs` need, with what each sets up once per process (a PDF
    writer's fonts): worker processes forked afterwards start with them, instead of each
    loading its own copy."""
    from revpack.writers import Writer, writer

    needed: dict[str, tuple[Writer, set[Source]]] = {}
    for job in jobs:
        name = job.file_type.writer
        if name not in needed:
            needed[name] = (writer(job.layout, job.format), set())
        needed[name][1].add(job.source)
    for module, sources in needed.values():
        ready = getattr(module, "prepare", None)
        if ready:
            ready(sources)


def _notes(job: Job, source: Source) -> tuple[str, ...]:
    from revpack.writers import as_read, writer

    def made() -> tuple[str, ...]:
        notes = getattr(writer(job.layout, job.format), "notes", None)
        # (asked of the notes as the writer was given them: what it remembers of a
        # document it drew is kept under those)
        said = tuple(notes(as_read(source, job.layout), job.layout)) if notes else ()
        return source_notes(source) + said  # (the build prints each note once)

    # What a source and layout leave out is the same for every class and student.
    return NOTES.get((source, job.layout, job.format), made)


NOTES: Memo[tuple[str, ...]] = Memo("notes per source and layout", 64)
"""Per (source, layout, format): what the build tells the teacher about it."""
