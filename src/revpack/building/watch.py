"""Watching: build once, then rebuild on every save of an input, until stopped.

Every rebuild is an ordinary incremental build: the manifest knows which outputs a changed
source, layout or pack affects, and only those are made again. A save that makes an input
invalid is reported and writes nothing, so the last good outputs stay where they are and
the watch goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from revpack.building.run import BuildResult, build
from revpack.loading import limits
from revpack.loading.globs import TooMany, files_under
from revpack.loading.inputs import did_you_mean, input_files
from revpack.loading.pack import is_pack, load_pack
from revpack.problems import InputError, Problem, UsageError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from watchfiles import Change

    from revpack.building.jobs import Done
    from revpack.model import Audience

WATCHED_SUFFIXES = (".yaml", ".yml", ".csv", ".png", ".jpg", ".jpeg")
"""Files whose saves can change an output: sources, layouts, packs, rosters and images."""

QUIET_MS = 150
"""A burst of saves (an editor writing a temporary file, then renaming it) counts as one
save once the folders have been quiet this long."""

IDLE_MS = 200
"""How often the watcher wakes when nothing changes (to start the first build)."""


@dataclass(frozen=True)
class Rebuild:
    """What one build of the watch did."""

    changed: tuple[Path, ...]
    """The saved files that started it (empty for the first build)."""
    result: BuildResult | None
    """The build's result, or None when the inputs had problems and nothing was built."""
    problems: tuple[Problem, ...] = ()
    """The inputs' problems (each prints as `path:line:col: message`)."""
    usage_error: str = ""
    """A usage error (a `--class` that now names no pack, say), or ""."""
    seconds: float = 0.0
    """Wall time of the build."""

    @property
    def ok(self) -> bool:
        """True when everything was built."""
        return self.result is not None and self.result.ok


class BuildOptions(TypedDict, total=False):
    """The options of `build` that `watch` passes on to every build."""

    layouts: list[str] | None
    classes: list[str] | None
    audience: Audience | None
    jobs: int | None
    print_worksheets: bool
    formats: list[str] | None
    students: list[str] | None
    executor: Executor | None
    on_done: Callable[[Done], None] | None
    on_plan: Callable[[int], None] | None


def watch(
    paths: Sequence[str | Path] | None = None,
    *,
    on_rebuild: Callable[[Rebuild], None],
    stop: threading.Event | None = None,
    out: str | Path = "out",
    layout_dirs: Sequence[str | Path] = (),
    force: bool = False,
    **options: Unpack[BuildOptions],
) -> None:
    """Build `paths` into `out`, then rebuild whenever an input is saved, calling
    `on_rebuild` after every build, until `stop` is set (or KeyboardInterrupt).

    `options` are `build`'s (layouts, classes, formats, jobs, print_worksheets…); `force`
    applies to the first build only. A UsageError in the first build is raised; later ones,
    and every input problem, are reported through `on_rebuild` and the watch goes on.
    """
    import watchfiles

    def once(changed: tuple[Path, ...], first: bool) -> Rebuild:
        started = time.perf_counter()
        try:
            result = build(
                paths, out=out, layout_dirs=list(layout_dirs), force=force and first, **options
            )
        except InputError as exc:
            return Rebuild(
                changed, None, tuple(exc.problems), seconds=time.perf_counter() - started
            )
        except UsageError as exc:
            if first:
                raise
            return Rebuild(
                changed, None, usage_error=str(exc), seconds=time.perf_counter() - started
            )
        return Rebuild(changed, result, seconds=time.perf_counter() - started)

    watched = InputFilter(Path(out))
    first = True
    while not (stop and stop.is_set()):
        folders = watched_folders(paths, layout_dirs)
        _refuse_huge(folders, paths)
        # The folders are watched before the first build, so that no save is missed; the
        # watcher says "nothing yet" every IDLE_MS, which starts that build.
        for changes in watchfiles.watch(
            *folders,
            watch_filter=watched,
            step=QUIET_MS,
            rust_timeout=IDLE_MS,
            yield_on_timeout=True,
            stop_event=stop,
            raise_interrupt=True,
        ):
            if not changes and not first:
                continue
            changed = tuple(sorted({Path(path) for _, path in changes}))
            on_rebuild(once(changed, first))
            first = False
            if watched_folders(paths, layout_dirs) != folders:
                break  # a pack now names another folder: watch that too
        else:
            return


def _refuse_huge(folders: list[Path], paths: Sequence[str | Path] | None) -> None:
    """UsageError for a folder too large to watch (`revpack watch /` would have the system
    watch every folder on the disk before the first build); said of a path named that does
    not exist yet when it is that path's folder ('/nonexistent')."""
    for folder in folders:
        try:
            files_under(folder, lambda names: False)
        except TooMany:
            for path in map(Path, paths or ()):
                if not os.path.lexists(path) and path.parent.resolve() == folder.resolve():
                    raise UsageError(
                        f"{path}: no such file or folder{did_you_mean(path)}, and its folder "
                        "is too large to watch for it"
                    ) from None
            raise UsageError(
                f"{folder} holds more than {limits.SEARCH_ENTRIES:,} files and folders, too "
                "many to watch; name the folder that holds the sources"
            ) from None


def watched_folders(
    paths: Sequence[str | Path] | None, layout_dirs: Iterable[str | Path] = ()
) -> list[Path]:
    """The folders whose files can change the build: those of the inputs, of every pack's
    sources, the layout folders and ./layouts. Folders only (editors save by renaming a new
    file over the old one), each once, none inside another."""
    named = [Path(p) for p in paths or ["sources"]]
    # A file or folder not there (yet, or for a moment: moved away and back) is watched
    # through the folder it would be in, when that is there, so that its coming is seen.
    folders = [p if p.is_dir() else p.parent for p in named if p.exists() or p.parent.is_dir()]
    try:
        files = input_files(paths)
    except InputError:
        files = []
    for file in files:
        if is_pack(file):
            try:
                pack = load_pack(file, ())
            except (InputError, OSError):
                continue
            folders += [source.parent for source in pack.sources]
    folders += [Path(d) for d in layout_dirs] + [Path("layouts")]
    resolved = sorted({f.resolve() for f in folders if f.is_dir()})
    return [f for f in resolved if not any(p != f and p in f.parents for p in resolved)]


class InputFilter:
    """Passes the changes that can affect a build: files with a watched suffix, outside the
    output folder, not an editor's backup or swap file."""

    def __init__(self, out: Path):
        self.out = out.resolve()
        from watchfiles import DefaultFilter

        self.default = DefaultFilter()

    def __call__(self, change: Change, path: str) -> bool:
        file = Path(path)
        return (
            file.suffix.lower() in WATCHED_SUFFIXES
            and self.default(change, path)
            and not file.name.startswith((".", "~"))
            and self.out not in file.parents
        )
