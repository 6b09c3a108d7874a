"""Running build jobs: in this process, or in worker processes (revpack.workers).

Each worker does the expensive set-up (font registration, renderer imports) once per kind
of document, then renders and writes its jobs itself, so only jobs, paths and messages
travel between processes.
"""

from __future__ import annotations

import importlib
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .layouts import Layout
from .model import Audience, Source
from .problems import RenderError
from .writer import write_atomic


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

    @property
    def label(self) -> str:
        """How progress lines name this job."""
        return f"{self.base.name}.{self.layout.extension}"


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


def run_one(job: Job) -> Done:
    """Render one job and write its files atomically; errors become a failed Done."""
    from .render import render

    try:
        outputs = render(job.source, job.layout, job.audience)
    except RenderError as exc:
        return Done(job, error=f"{exc} [{job.layout.name}]")
    except Exception as exc:  # a bug must not stop the other jobs; report it in full
        detail = "".join(traceback.format_exception_only(exc)).strip()
        return Done(job, error=f"{job.source.path}:1:1: internal error while rendering "
                               f"{job.layout.name}: {detail}")
    files = []
    for output in outputs:
        path = job.base.with_name(f"{job.base.name}{output.suffix}.{output.extension}")
        try:
            write_atomic(path, output.data)
        except OSError as exc:
            return Done(job, tuple(files), error=f"{path}:1:1: cannot write: "
                                                 f"{exc.strerror or exc}")
        files.append(path)
    return Done(job, tuple(files), notes=_notes(job))


def _notes(job: Job) -> tuple[str, ...]:
    from .render import RENDERERS

    module = importlib.import_module(RENDERERS[job.layout.renders])
    notes = getattr(module, "notes", None)
    return tuple(notes(job.source, job.layout)) if notes else ()


def run_all(jobs: list[Job], workers: int,
            on_done: Callable[[Done], None] = lambda done: None,
            on_start: Callable[[], None] = lambda: None) -> list[Done]:
    """Run `jobs` with up to `workers` processes, calling `on_start` once they are
    running and `on_done` as each job finishes."""
    if workers <= 1 or len(jobs) <= 1:
        on_start()
        results = []
        for job in jobs:
            results.append(run_one(job))
            on_done(results[-1])
        return results
    # Imported here: a one-process build need not pay for multiprocessing's start-up.
    from .workers import run_pool

    return run_pool(jobs, min(workers, len(jobs)), on_done, on_start)
