"""Build jobs, and running one: rendering it (anywhere) and writing its files (here).

A job carries everything its document depends on (source, resolved layout, audience with
the printed date and seed), so whichever process renders it, on whichever machine, makes
the same bytes. Rendering returns the files' bytes (`Rendered`); the process that runs
the build writes them, so workers need no shared disk.
"""

from __future__ import annotations

import os
import stat
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from revpack.building.files import write_atomic
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source
from revpack.problems import RenderError

if TYPE_CHECKING:
    from revpack.render import Output


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
    out: Path | None = None
    """The output folder, which no symbolic link may lead its files out of (None: the
    folder of `base`)."""

    @property
    def label(self) -> str:
        """How progress lines name this job."""
        return f"{self.base.name}.{self.extension}"

    @property
    def extension(self) -> str:
        """The extension of its main file."""
        return self.layout.kind.format(self.format).extension

    @property
    def setup(self) -> str:
        """What a worker must have set up to render it (see revpack.kinds.Format)."""
        return self.layout.kind.format(self.format).setup


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
    from revpack.render import render

    try:
        outputs = render(job.source, job.layout, job.audience, job.format)
    except RenderError as exc:
        return Rendered(error=f"{exc} [{job.layout.name}]")
    except Exception as exc:  # a bug must not stop the other jobs; report it in full
        detail = "".join(traceback.format_exception_only(exc)).strip()
        return Rendered(
            error=f"{job.source.path}:1:1: internal error while rendering "
            f"{job.layout.name}: {detail}"
        )
    return Rendered(tuple(outputs), notes=_notes(job))


def write_rendered(job: Job, rendered: Rendered) -> Done:
    """Write what `render_job` gave back, each file atomically, beside `job.base`."""
    if rendered.error:
        return Done(job, error=rendered.error)
    files = []
    for output in rendered.outputs:
        path = job.base.with_name(f"{job.base.name}{output.suffix}.{output.extension}")
        if path in job.keep:  # unless another build has just written what this one would
            if _holds(path, output.data):
                files.append(path)
            continue
        try:
            write_atomic(path, output.data, job.out or job.base.parent)
        except OSError as exc:
            return Done(job, tuple(files), error=cannot_write(path, exc))
        files.append(path)
    return Done(job, tuple(files), notes=rendered.notes)


def run_one(job: Job) -> Done:
    """Render one job in this process and write its files."""
    return write_rendered(job, render_job(job))


def _holds(path: Path, data: bytes) -> bool:
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


def _notes(job: Job) -> tuple[str, ...]:
    from revpack.render import writer

    notes = getattr(writer(job.layout, job.format), "notes", None)
    return tuple(notes(job.source, job.layout)) if notes else ()
