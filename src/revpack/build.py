"""The build, top to bottom: find inputs → load and validate all → plan jobs → render → write.

Nothing is written until every input has been read and validated: one bad file stops the
build with every problem listed. A job that fails while rendering (a sheet that does not
fit) fails alone; the others are still written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .dates import printed_date
from .layouts import Layout, load_layout
from .model import Audience, Source
from .problems import InputError, Mark, Problem, RenderError
from .source import load_source
from .writer import write_atomic

DEFAULT_LAYOUTS = ("summary", "worksheet", "factor-chart")
"""What a source builds to when no layout is named."""


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
    """Output path without suffix and extension: `<out>/<stem>-<layout>`."""

    @property
    def label(self) -> str:
        """How messages name this job."""
        who = f" for {self.audience.class_name}" if self.audience.class_name else ""
        return f"{self.source.path} with {self.layout.name}{who}"


@dataclass
class BuildResult:
    """What a build did."""

    written: list[Path] = field(default_factory=list)
    """Files written."""
    unchanged: list[Path] = field(default_factory=list)
    """Files skipped because their inputs had not changed."""
    failed: list[str] = field(default_factory=list)
    """One message per failed job, as `path:line:col: message`."""
    seconds: float = 0.0
    """Wall time."""

    @property
    def ok(self) -> bool:
        """True when every job succeeded."""
        return not self.failed


def source_files(paths: list[str | Path]) -> list[Path]:
    """The .yaml files named by `paths`: files as given, folders searched recursively."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.y*ml") if p.is_file()
                            and p.suffix in (".yaml", ".yml"))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(Mark(str(path), 1, 1), "no such file or folder"))
    if problems:
        raise InputError(problems)
    return files


def load_all(files: list[Path]) -> list[Source]:
    """Load every source, collecting the problems of all files before raising."""
    sources, problems = [], []
    for path in files:
        try:
            sources.append(load_source(path))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return sources


def load_layouts(names, layout_dirs=()) -> list[Layout]:
    """Resolve layout names, collecting every problem."""
    layouts, problems = [], []
    for name in dict.fromkeys(names):
        try:
            layouts.append(load_layout(name, tuple(layout_dirs)))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return layouts


def plan(sources: list[Source], layouts: list[Layout], out: Path,
         audience: Audience) -> list[Job]:
    """One job per source and layout, refusing two jobs that would write the same file."""
    jobs, seen, problems = [], {}, []
    for source in sources:
        for layout in layouts:
            base = out / f"{source.stem}-{layout.name}"
            if base in seen:
                problems.append(Problem(Mark(source.path, 1, 1), f"would write {base} as "
                                        f"{seen[base]} does; rename one of the files"))
            seen[base] = source.path
            jobs.append(Job(source, layout, audience, base))
    if problems:
        raise InputError(problems)
    return jobs


def run(jobs: list[Job]) -> BuildResult:
    """Render and write every job; a failed job is recorded, the others go on."""
    from .render import render

    result = BuildResult()
    for job in jobs:
        try:
            outputs = render(job.source, job.layout, job.audience)
        except RenderError as exc:
            result.failed.append(f"{exc} [{job.layout.name}]")
            continue
        for output in outputs:
            path = job.base.with_name(f"{job.base.name}{output.suffix}.{output.extension}")
            write_atomic(path, output.data)
            result.written.append(path)
    return result


def build(paths: list[str | Path] | None = None, *, layouts: list[str] | None = None,
          out: str | Path = "out", layout_dirs: list[str | Path] = (),
          class_name: str | None = None, teacher: str | None = None,
          seed: int = 0) -> BuildResult:
    """Build sources into `out`; raises InputError (nothing written) if any input is bad."""
    started = time.perf_counter()
    sources = load_all(source_files(list(paths or ["sources"])))
    chosen = load_layouts(layouts or DEFAULT_LAYOUTS, layout_dirs)
    audience = Audience(class_name, teacher, seed, printed_date())
    result = run(plan(sources, chosen, Path(out), audience))
    return replace(result, seconds=time.perf_counter() - started)


def check(paths: list[str | Path] | None = None) -> list[Source]:
    """Validate sources without building; raises InputError listing every problem."""
    return load_all(source_files(list(paths or ["sources"])))
