"""What `build` and `watch` share: their options, declared once, and the usage check (an
unknown layout or format name is a usage error, exit 2, said in one line before anything
is read; a broken layout file is bad input, reported later with its place)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from revpack.cli.completion import class_names, format_names, layout_names
from revpack.cli.oneline import say
from revpack.kinds import all_formats

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Source files, pack files or folders (default: sources/).", show_default=False
    ),
]
Layouts = Annotated[
    list[str] | None,
    typer.Option(
        "-l",
        "--layout",
        autocompletion=layout_names,
        help="Layout to build (repeat for more; default: summary, "
        "worksheet, factor-chart; for a pack, each class's own).",
    ),
]
Formats = Annotated[
    list[str] | None,
    typer.Option(
        "-f",
        "--format",
        autocompletion=format_names,
        help="Format to write, for every layout whose kind has it (the others are made "
        f"in their own; repeat for more): {', '.join(all_formats())}.",
    ),
]


def _folder(text: str | Path) -> Path:
    """An output folder as typed (or the default, a Path already): an empty one (a
    script's unset $OUT) is refused, where it would have meant the current folder."""
    if isinstance(text, Path):
        return text
    if not text.strip():
        raise typer.BadParameter("is empty; name the output folder, e.g. -o out")
    return Path(text)


Out = Annotated[Path, typer.Option("-o", "--out", help="Output folder.", parser=_folder)]
LayoutDirs = Annotated[
    list[Path] | None,
    typer.Option("--layouts", help="Extra folder of layouts, searched first."),
]
Classes = Annotated[
    list[str] | None,
    typer.Option(
        "--class",
        autocompletion=class_names,
        help="Build only this class of a pack (repeat for more).",
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "-j",
        "--jobs",
        min=1,
        help="Parallel jobs (default: the number of CPUs; at most 4 per CPU).",
    ),
]
PrintWorksheets = Annotated[
    bool,
    typer.Option(
        "--print-worksheets/--no-print-worksheets",
        help="Put worksheets in each class's print PDF, drawn as PDF (the default).",
    ),
]


def check_usage(
    layouts: list[str] | None, formats: list[str] | None, layouts_dir: list[Path] | None
) -> None:
    """Exit 2 naming the first layout folder, layout or format name that names nothing."""
    from revpack.kinds import all_formats
    from revpack.loading.layouts import available
    from revpack.loading.layouts import unknown as unknown_layout

    extra = tuple(layouts_dir or ())
    check_layout_dirs(extra)
    known = available(extra)
    for name in layouts or ():
        if not name.endswith((".yaml", ".yml")) and name not in known:
            say(f"revpack: {_listed(name, '-l') or unknown_layout(name, extra)}")
            raise typer.Exit(2)
    for name in formats or ():
        if name not in all_formats():
            listed = _listed(name, "-f")
            if listed:
                say(f"revpack: {listed}")
            else:
                hint = _close(name, all_formats())
                formats_known = ", ".join(all_formats())
                say(f"revpack: no format called '{name}'{hint}; formats: {formats_known}")
            raise typer.Exit(2)


def _listed(name: str, option: str) -> str:
    """For 'summary,worksheet' given to one option: how to ask for each ('' otherwise)."""
    names = [n.strip() for n in name.split(",") if n.strip()]
    if "," not in name or not names:
        return ""
    return f"'{name}': repeat {option} for each: " + " ".join(f"{option} {n}" for n in names)


def _close(name: str, known: Sequence[str]) -> str:
    """' (did you mean 'pdf'?)' for 'PDF' or 'docs', or ''."""
    import difflib

    same_case = [k for k in known if k == name.lower()]
    found = same_case or difflib.get_close_matches(name.lower(), list(known), n=1)
    return f" (did you mean '{found[0]}'?)" if found else ""


def check_layout_dirs(folders: Iterable[Path] | None) -> None:
    """Exit 2 for a --layouts that is not a folder (it was searched, silently, for
    nothing)."""
    for folder in folders or ():
        if not folder.is_dir():
            what = "a file" if folder.exists() else "no such folder"
            say(f"revpack: --layouts {folder}: {what}; give a folder of layout files")
            raise typer.Exit(2)
