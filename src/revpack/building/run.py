"""The build, top to bottom: find inputs → load and validate all → plan jobs → skip the
unchanged → render and write (in parallel) → print PDFs per class → save the manifest.

Nothing is written until every input has been read and validated: one bad file stops the
build with every problem listed. A job that fails while rendering (a sheet that does not
fit) fails alone; the others are still written.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from revpack import __version__
from revpack.building.execute import run_all
from revpack.building.jobs import Done, Job, default_workers
from revpack.building.languages import check_labels, class_labels
from revpack.building.manifest import Manifest, job_key
from revpack.dates import printed_date
from revpack.loading.layouts import Layout, load_layout
from revpack.loading.pack import Pack, is_pack, load_pack
from revpack.loading.source import load_source
from revpack.model import Audience, Source
from revpack.problems import InputError, Mark, Problem, UsageError

DEFAULT_LAYOUTS = ("summary", "worksheet", "factor-chart")
"""What a source builds to when no layout is named."""



@dataclass
class BuildResult:
    """What a build did."""

    written: list[Path] = field(default_factory=list)
    """Files written."""
    unchanged: list[Path] = field(default_factory=list)
    """Files left as they were because their inputs had not changed."""
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


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated."""

    sources: tuple[Source, ...]
    """Sources named directly (not through a pack)."""
    packs: tuple[tuple[Pack, tuple[Source, ...]], ...]
    """Each pack with its sources."""


def input_files(paths: list[str | Path] | None) -> list[Path]:
    """The YAML files named by `paths` (default: the folder sources/): files as given,
    folders searched recursively."""
    if not paths and not Path("sources").is_dir():
        raise InputError([Problem(Mark("sources", 1, 1), "no such folder here; name the "
                                  "source or pack files to build, run revpack in the folder "
                                  "that holds sources/, or start one with 'revpack new'")])
    paths = paths or ["sources"]
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")
                            and p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(Mark(str(path), 1, 1), "no such file or folder"))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(files))


def load_inputs(paths: list[str | Path] | None, default_layouts=DEFAULT_LAYOUTS) -> Inputs:
    """Load every source and pack, collecting the problems of all files before raising."""
    sources: list[Source] = []
    packs: list = []
    problems: list[Problem] = []
    cache: dict[Path, Source] = {}
    for path in input_files(paths):
        try:
            if is_pack(path):
                pack = load_pack(path, default_layouts)
                packs.append((pack, tuple(_source(p, cache) for p in pack.sources)))
            else:
                sources.append(_source(path, cache))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return Inputs(tuple(sources), tuple(packs))


def _source(path: Path, cache: dict[Path, Source]) -> Source:
    key = path.resolve()
    if key not in cache:
        cache[key] = load_source(path)
    return cache[key]


def load_layouts(names, layout_dirs=(), marks: dict[str, Mark] | None = None
                 ) -> dict[str, Layout]:
    """Resolve layout names, collecting every problem; a name that names no layout is
    reported where `marks` says it was written (in a pack file, say)."""
    layouts, problems = {}, []
    for name in dict.fromkeys(names):
        try:
            layouts[name] = load_layout(name, tuple(layout_dirs), (marks or {}).get(name))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return layouts


def plan(inputs: Inputs, out: Path, layout_names, layout_dirs=(), classes=None,
         audience: Audience | None = None, formats: tuple[str, ...] = ()
         ) -> tuple[list[Job], list]:
    """The jobs to run, and per pack class the (pack, class, jobs) for its print PDF."""
    date = printed_date()
    audience = audience or Audience(date=date)
    wanted = [(pack, c, srcs) for pack, srcs in inputs.packs for c in pack.classes
              if not classes or c.name in classes]
    _refuse_unknown_classes(inputs, classes)
    direct = tuple(layout_names or DEFAULT_LAYOUTS) if inputs.sources else ()
    names = [*direct, *(n for _, c, _ in wanted for n in (layout_names or c.layouts))]
    marks = {name: mark for pack, _ in inputs.packs for name, mark in pack.layout_marks}
    layouts = load_layouts(names, layout_dirs, marks)
    jobs = [Job(s, layouts[n], audience, out / f"{s.stem}-{layouts[n].name}", f)
            for s in inputs.sources for n in direct
            for f in chosen_formats(layouts[n], formats)]
    per_class = []
    for pack, klass, srcs in wanted:
        who = Audience(klass.name, klass.teacher, klass.seed, date)
        folder = out / pack.slug / klass.slug
        mine = [Job(s, layouts[n], who, folder / f"{s.stem}-{layouts[n].name}", f)
                for s in srcs for n in (layout_names or klass.layouts)
                for f in chosen_formats(layouts[n], formats or klass.formats)]
        jobs += mine
        per_class.append((pack, klass, mine))
    _refuse_clashes(jobs)
    check_labels(jobs)
    return jobs, per_class


def chosen_formats(layout: Layout, asked: tuple[str, ...]) -> tuple[str, ...]:
    """The formats to write `layout` in: those of `asked` (from -f or a pack) that its
    kind has, or the layout's own when nothing is asked. Raises UsageError when none of
    the asked formats is one its kind has."""
    if not asked:
        return layout.formats
    mine = tuple(f for f in asked if layout.kind.format(f) is not None)
    if not mine:
        raise UsageError(f"layout '{layout.name}' makes a {layout.renders}, which has no "
                         f"format {' or '.join(repr(f) for f in asked)}; a "
                         f"{layout.renders} has {', '.join(layout.kind.format_names)}")
    return mine


def _refuse_unknown_classes(inputs: Inputs, classes) -> None:
    known = {c.name for pack, _ in inputs.packs for c in pack.classes}
    missing = [name for name in classes or () if name not in known]
    if missing:
        where = inputs.packs[0][0].path if inputs.packs else "--class"
        listed = ", ".join(sorted(known)) or "none: --class needs a pack file"
        raise InputError([Problem(Mark(where, 1, 1), f"no class called '{name}'; classes: "
                                  f"{listed}") for name in missing])


def _refuse_clashes(jobs: list[Job]) -> None:
    seen: dict[tuple[Path, str], Job] = {}
    problems = []
    for job in jobs:
        other = seen.setdefault((job.base, job.format), job)
        if other is not job and other.source.path != job.source.path:
            problems.append(Problem(Mark(job.source.path, 1, 1), f"would write "
                                    f"{job.base.name} as {other.source.path} does; rename one "
                                    "of the files"))
    if problems:
        raise InputError(problems)


def build(paths: list[str | Path] | None = None, *, layouts: list[str] | None = None,
          out: str | Path = "out", layout_dirs: list[str | Path] = (),
          classes: list[str] | None = None, audience: Audience | None = None,
          jobs: int | None = None, force: bool = False, print_worksheets: bool = False,
          formats: list[str] | None = None,
          on_done: Callable[[Done], None] | None = None,
          on_plan: Callable[[int], None] | None = None) -> BuildResult:
    """Build sources and packs into `out`.

    Raises InputError (and writes nothing) if any input is invalid. `classes` limits packs
    to the named classes; `audience` is printed on sources built directly; `jobs` is the
    number of worker processes (default: the CPUs available); unchanged outputs are skipped
    unless `force`. `formats` replaces each layout's formats with those of them its kind
    has (UsageError when a layout's kind has none of them). `on_plan(n)` and
    `on_done(done)` report progress.
    """
    started = time.perf_counter()
    out = _output_folder(out)
    inputs = load_inputs(paths, tuple(layouts or DEFAULT_LAYOUTS))
    all_jobs, per_class = plan(inputs, out, layouts, layout_dirs, classes, audience,
                               tuple(formats or ()))
    manifest = Manifest(out)
    result = BuildResult()
    todo = _skip_unchanged(all_jobs, manifest, force, result)
    printer = _ClassPrinter(per_class, {job.base for job in todo}, out, manifest, result,
                            force, print_worksheets)

    def finished(done: Done) -> None:
        _record(done, manifest, result)
        if on_done:
            on_done(done)
        printer.job_done(done.job)

    printer.start()
    try:
        run_all(todo, jobs or default_workers(), finished,
                on_start=lambda: on_plan(len(todo)) if on_plan else None)
        printer.finish()
    finally:
        # Also when the build is interrupted: what was written counts next time.
        try:
            manifest.save()
        except OSError as exc:
            result.failed.append(f"{manifest.path}:1:1: cannot write: "
                                 f"{exc.strerror or exc}")
    result.seconds = time.perf_counter() - started
    return result


def _output_folder(out: str | Path) -> Path:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError([Problem(Mark(str(out), 1, 1), "the output folder is a file; "
                                  "choose another -o/--out")])
    return out


class _ClassPrinter:
    """Makes each class's print PDF as soon as its last document is written, while the
    workers go on with other classes; a class with nothing to rebuild is checked at once.
    With worksheets, the classes wait for the end, so that LibreOffice starts once to
    convert every class's worksheets rather than once a class."""

    def __init__(self, per_class, changed: set[Path], out: Path, manifest: Manifest,
                 result: BuildResult, force: bool, with_docx: bool):
        self.per_class, self.changed = per_class, changed
        self.out, self.manifest, self.result = out, manifest, result
        self.force, self.with_docx = force, with_docx
        self.waiting = [{j.base for j in jobs} & changed for _, _, jobs in per_class]
        self.ready: list[int] = []

    def start(self) -> None:
        """Print the classes that wait for no job."""
        for index, bases in enumerate(self.waiting):
            if not bases:
                self._ready(index)

    def job_done(self, job: Job) -> None:
        """A job has finished: print its class if it was the last one."""
        for index, bases in enumerate(self.waiting):
            if job.base in bases:
                bases.discard(job.base)
                if not bases:
                    self._ready(index)

    def finish(self) -> None:
        """Print the classes that waited for the worksheets' conversion."""
        todo = [i for i in self.ready if self._stale(i)]
        docx = [path for i in todo for _, path in _entries(*self.per_class[i][1:], True)
                if path.suffix == ".docx"]
        try:
            converted = _convert(docx)
        except FileNotFoundError as exc:  # said once: it is the same for every class
            self.result.failed.append(f"{self.per_class[todo[0]][0].path}:1:1: {exc}")
            return
        try:
            for index in self.ready:
                self._print(index, converted)
        finally:
            if converted:
                shutil.rmtree(next(iter(converted.values())).parent, ignore_errors=True)

    def _ready(self, index: int) -> None:
        if self.with_docx:
            self.ready.append(index)
        else:
            self._print(index, {})

    def _stale(self, index: int) -> bool:
        pack, klass, jobs = self.per_class[index]
        entry = _print_entry(pack, klass, jobs, self.out, self.with_docx)
        return self._rebuilt(jobs) or not self.manifest.fresh(*entry)

    def _rebuilt(self, jobs) -> bool:
        return self.force or bool(self.changed & {j.base for j in jobs})

    def _print(self, index: int, converted: dict[Path, Path]) -> None:
        pack, klass, jobs = self.per_class[index]
        _print_pdf(pack, klass, jobs, self.out, self.manifest, self.result,
                   self._rebuilt(jobs), self.with_docx, converted)


def _skip_unchanged(jobs: list[Job], manifest: Manifest, force: bool,
                    result: BuildResult) -> list[Job]:
    todo = []
    for job in jobs:
        files = None if force else manifest.fresh(_name(job, manifest), _key(job))
        if files is None:
            todo.append(job)
        else:
            result.unchanged += files
    return todo


def _record(done: Done, manifest: Manifest, result: BuildResult) -> None:
    name = _name(done.job, manifest)
    if done.error:
        result.failed.append(done.error)
        manifest.forget(name)
        return
    result.written += done.files
    # A pack prints the same note for every class; say it once.
    result.notes += [note for note in done.notes if note not in result.notes]
    manifest.record(name, _key(done.job), list(done.files))


def _name(job: Job, manifest: Manifest) -> str:
    return f"{job.base.relative_to(manifest.out)}.{job.extension}"


def _key(job: Job) -> str:
    return job_key(__version__, job.source, job.layout, job.audience)


def _convert(docx: list[Path]) -> dict[Path, Path]:
    if not docx:  # nothing to convert: leave the PDF libraries unloaded
        return {}
    from revpack.building.printing import convert_worksheets

    return convert_worksheets(docx)


def _print_entry(pack, klass, class_jobs, out, with_docx) -> tuple[str, str]:
    """(manifest name, input key) of a class's print PDF."""
    target = _print_target(pack, klass, out)
    key = job_key(__version__, "print", [(j.base, j.layout.name, j.format)
                                         for j in class_jobs],
                  with_docx)
    return str(target.relative_to(out)), key


def _print_target(pack, klass, out) -> Path:
    return out / pack.slug / klass.slug / f"{pack.slug}-{klass.slug}-print.pdf"


def _entries(klass, class_jobs, with_docx) -> list[tuple[str, Path]]:
    """(contents line, file) of each document in a class's print PDF, in order. Student
    copies only: answer keys stay out."""
    labels = class_labels(class_jobs)
    entries = [(f"{job.source.title.plain}: " + labels.get(
                    "contents_entry." + job.layout.kind.name, job.layout.kind.contents),
                job.base.with_name(f"{job.base.name}.{job.extension}")) for job in class_jobs
               if job.extension == "pdf" or (with_docx and job.extension == "docx")]
    return [(title, path) for title, path in entries if path.exists()]


def _print_pdf(pack, klass, class_jobs, out, manifest, result, changed, with_docx,
               converted: dict[Path, Path]) -> None:
    target = _print_target(pack, klass, out)
    name, key = _print_entry(pack, klass, class_jobs, out, with_docx)
    if not changed and manifest.fresh(name, key):
        result.unchanged.append(target)
        return
    from revpack.building.files import write_atomic
    from revpack.building.printing import Document, combine

    docs = [Document(title, converted.get(path, path))
            for title, path in _entries(klass, class_jobs, with_docx)]
    if not docs:
        return
    if any(d.pdf.suffix == ".docx" for d in docs):  # its conversion failed
        result.failed.append(f"{pack.path}:1:1: the worksheets of class {klass.name} could "
                             "not be converted for printing")
        return
    write_atomic(target, combine(pack.name, klass.name, klass.teacher, docs, printed_date(),
                                 class_labels(class_jobs)))
    result.written.append(target)
    manifest.record(name, key, [target])


def check(paths: list[str | Path] | None = None) -> list[Source]:
    """Validate sources and packs without building; raises InputError listing every problem."""
    inputs = load_inputs(paths)
    return [*inputs.sources, *(s for _, srcs in inputs.packs for s in srcs)]
