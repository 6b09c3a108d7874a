"""The inputs of a build or a check, found and validated: every source and pack named
(files as given, folders searched), with every problem of every file collected before
anything is raised."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from revpack.loading.globs import Budget, TooMany, files_under, too_many
from revpack.loading.label_sets import has_label_set
from revpack.loading.pack_file import LAYOUT, PackFile, sniff
from revpack.loading.source import load_source
from revpack.model import Source
from revpack.problems import InputError, Mark, Problem

if TYPE_CHECKING:
    from revpack.loading.pack import Pack

DEFAULT_LAYOUTS = ("summary", "worksheet", "factor-chart")
"""What a source builds to when no layout is named."""


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated."""

    sources: tuple[Source, ...]
    """Sources named directly (not through a pack)."""
    packs: tuple[tuple[Pack, tuple[Source, ...]], ...]
    """Each pack with its sources."""
    layouts: tuple[Path, ...] = ()
    """Layout files named among them (to check, not to build)."""
    found_layouts: tuple[Path, ...] = ()
    """Layout files in a folder named (a pack's own, kept beside it): checked, and left
    alone by a build of the folder."""


def input_files(paths: Sequence[str | Path] | None) -> list[Path]:
    """The YAML files named by `paths` (default: the folder sources/): files as given,
    folders searched recursively."""
    if not paths and not Path("sources").is_dir():
        raise InputError(
            [
                Problem(
                    Mark("sources", 1, 1),
                    "no such folder here; name the "
                    "source or pack files to build, run revpack in the folder "
                    "that holds sources/, or start one with 'revpack new'",
                )
            ]
        )
    paths = paths or ["sources"]
    files: list[Path] = []
    problems: list[Problem] = []
    budget = Budget()  # every folder named, together
    for raw in paths:
        path = Path(raw)
        try:
            os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as exc:  # a name too long, a folder that cannot be read
            problems.append(Problem(Mark(str(path), 1, 1), f"cannot read: {exc.strerror or exc}"))
            continue
        if path.is_dir():
            try:
                # Hidden files and folders are left out, as a glob leaves them: the
                # "._thaw.yaml" a Mac leaves beside a copied file is not a source.
                found = files_under(
                    path,
                    lambda names: (
                        names[-1].lower().endswith((".yaml", ".yml"))  # (Thaw.YAML too)
                        and not names[-1].startswith(".")
                    ),
                    lambda depth, name: not name.startswith("."),
                    budget=budget,
                )
            except TooMany:
                problems.append(Problem(Mark(str(path), 1, 1), f"this folder {too_many(path)}"))
                break
            if not found:
                problems.append(
                    Problem(
                        Mark(str(path), 1, 1),
                        "no sources in this folder (revpack reads the .yaml files in it and "
                        "its subfolders)",
                    )
                )
            files += [path.joinpath(*names) for names in found]
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append(
                Problem(Mark(str(path), 1, 1), "a pipe or a device, not a source or pack file")
            )
        elif path.is_symlink():
            problems.append(
                Problem(
                    Mark(str(path), 1, 1),
                    f"a link to {os.readlink(path)}, which does not exist",
                )
            )
        else:
            problems.append(
                Problem(Mark(str(path), 1, 1), "no such file or folder" + did_you_mean(path))
            )
    if problems:
        raise InputError(problems)
    unique: dict[Path, Path] = {}
    for path in files:  # one file named two ways (x.yaml, /abs/…/x.yaml) is one input
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def did_you_mean(path: Path) -> str:
    """' (did you mean thaw.yaml?)' for a misspelt 'thwa.yaml' beside it, or ''."""
    import difflib

    try:
        names = [entry.name for entry in os.scandir(path.parent)]
    except OSError:
        return ""
    found = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    return f" (did you mean {path.with_name(found[0])}?)" if found else ""


def load_inputs(
    paths: Sequence[str | Path] | None,
    default_layouts: tuple[str, ...] = DEFAULT_LAYOUTS,
    layout_dirs: tuple[str | Path, ...] = (),
) -> Inputs:
    """Load every source and pack, collecting the problems of all files before raising
    (those of the layout names a pack with other problems writes, looked for also in
    `layout_dirs`, as a build of it would)."""
    sources: list[Source] = []
    packs: list[tuple[Pack, tuple[Source, ...]]] = []
    layouts: list[Path] = []
    problems: list[Problem] = []
    named: dict[str, Mark] = {}
    cache: dict[Path, Source] = {}
    named_files = {Path(p) for p in paths or () if Path(p).is_file()}
    in_folders: list[Path] = []
    for path in input_files(paths):
        found = sniff(path)  # (one read tells a pack, a layout and a source apart)
        if found == LAYOUT:
            (layouts if path in named_files else in_folders).append(path)
            continue
        try:
            if isinstance(found, PackFile):
                from revpack.loading.pack import load_pack  # a check of sources needs none

                pack = load_pack(path, default_layouts, found)
                packs.append((pack, _pack_sources(pack, cache, problems)))
            else:
                sources.append(_source(path, cache))
        except InputError as exc:
            problems += exc.problems
            for name, mark in getattr(exc, "layout_marks", ()):
                named.setdefault(name, mark)
    if problems:
        raise InputError(problems + _layout_problems(named, layout_dirs))
    return Inputs(tuple(sources), tuple(packs), tuple(layouts), tuple(in_folders))


def _layout_problems(named: dict[str, Mark], layout_dirs: tuple[str | Path, ...]) -> list[Problem]:
    """The problems of the layouts `named` (a name no layout answers to, where it is
    written)."""
    if not named:
        return []
    from revpack.loading.layouts import load_layouts

    try:
        load_layouts(list(named), layout_dirs, named)
    except InputError as exc:
        return exc.problems
    return []


def _pack_sources(
    pack: Pack, cache: dict[Path, Source], problems: list[Problem]
) -> tuple[Source, ...]:
    """A pack's sources; the problems of every bad one are added to `problems`."""
    found = []
    for path in pack.sources:
        try:
            found.append(_source(path, cache))
        except InputError as exc:
            problems += exc.problems
    return tuple(found)


def _source(path: Path, cache: dict[Path, Source]) -> Source:
    key = path.resolve()
    if key not in cache:
        cache[key] = load_source(path)
    return cache[key]


@dataclass(frozen=True)
class Checked:
    """What a check found fine."""

    sources: list[Source]
    """The sources, those of the packs included."""
    layouts: int
    """How many layout files: those named, and those in the layout folders given."""
    packs: int = 0
    """How many packs."""
    classes: int = 0
    """How many classes the packs have, in all."""
    notes: tuple[str, ...] = ()
    """The packs' notes (names written right to left, say)."""


def check(
    paths: Sequence[str | Path] | None = None, layout_dirs: tuple[str | Path, ...] = ()
) -> list[Source]:
    """Validate sources and packs without building, as a build of them would before any
    work (a language without labels too, and the layouts a pack names, also in
    `layout_dirs`); raises InputError listing every problem."""
    return check_all(paths, layout_dirs).sources


def check_all(
    paths: Sequence[str | Path] | None = None, layout_dirs: tuple[str | Path, ...] = ()
) -> Checked:
    """`check`, and the layout files named among `paths` and those in `layout_dirs`
    (a layout shared with a teacher, checked before it is used)."""
    if not paths and layout_dirs and not Path("sources").is_dir():
        inputs = Inputs((), (), ())  # (`check --layouts DIR` alone: its layouts, anywhere)
    else:
        inputs = load_inputs(paths, layout_dirs=tuple(layout_dirs))
    # (a source named and in a pack, or in two packs, once)
    sources = list(dict.fromkeys([*inputs.sources, *(s for _, srcs in inputs.packs for s in srcs)]))
    layouts = [*inputs.layouts, *inputs.found_layouts, *_layout_files(layout_dirs)]
    if layouts:
        from revpack.loading.layouts import load_layout

        problems: list[Problem] = []
        for path in layouts:
            try:
                load_layout(str(path), tuple(layout_dirs))
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
    if inputs.packs:  # the layouts a pack names, as a build of it finds them
        from revpack.loading.layouts import load_layouts, refuse_class_formats

        marks = {name: mark for pack, _ in inputs.packs for name, mark in pack.layout_marks}
        named = [n for pack, _ in inputs.packs for c in pack.classes for n in c.every_layout]
        found = load_layouts(named, layout_dirs, marks)  # (as `build --layouts` finds them)
        for pack, _ in inputs.packs:
            for klass in pack.classes:
                refuse_class_formats(klass, found)
    if not all(has_label_set(source.language) for source in sources):
        # Only then are layouts and labels loaded: `revpack check` of sources in the
        # built-in languages starts in a fraction of the time without them.
        from revpack.loading.languages import unlabelled

        problems = unlabelled(inputs, DEFAULT_LAYOUTS)
        if problems:
            raise InputError(problems)
    classes = sum(len(pack.classes) for pack, _ in inputs.packs)
    notes = tuple(note for pack, _ in inputs.packs for note in pack.notes)
    return Checked(sources, len(layouts), len(inputs.packs), classes, notes)


def _layout_files(folders: tuple[str | Path, ...]) -> list[Path]:
    """The layout files in `folders` (as `--layouts` gives them)."""
    found: dict[Path, None] = {}
    for folder in map(Path, folders):
        try:
            found.update(dict.fromkeys(sorted(p for p in folder.glob("*.yaml") if p.is_file())))
        except OSError:
            continue
    return list(found)
