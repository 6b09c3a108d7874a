"""`revpack watch`: build, then rebuild on every save, printing one line per rebuild.

It parses the same options as `build`, calls building.watch.watch and prints its reports.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from revpack.cli.completion import class_names, format_names, layout_names
from revpack.cli.usage import check_usage

if TYPE_CHECKING:  # loaded by the command itself: other commands need not load it
    from revpack.building.watch import Rebuild

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Source files, pack files or folders (default: sources/).", show_default=False
    ),
]


def register(app: typer.Typer) -> None:
    """Add `watch` to `app`."""
    app.command("watch")(watch_command)


def watch_command(
    paths: Paths = None,
    layout: Annotated[
        list[str] | None,
        typer.Option(
            "-l", "--layout", autocompletion=layout_names, help="Layout to build (repeat for more)."
        ),
    ] = None,
    format: Annotated[
        list[str] | None,
        typer.Option(
            "-f",
            "--format",
            autocompletion=format_names,
            help="Format to write, for every layout whose kind has it.",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("out"),
    layouts_dir: Annotated[
        list[Path] | None,
        typer.Option("--layouts", help="Extra folder of layouts, searched first."),
    ] = None,
    class_name: Annotated[
        list[str] | None,
        typer.Option(
            "--class",
            autocompletion=class_names,
            help="Build only this class of a pack (repeat for more).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", min=1, help="Parallel jobs (default: the number of CPUs)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild unchanged outputs in the first build.")
    ] = False,
    print_worksheets: Annotated[
        bool,
        typer.Option(
            "--print-worksheets/--no-print-worksheets",
            help="Put worksheets in each class's print PDF, drawn as PDF (the default).",
        ),
    ] = True,
) -> None:
    """Build, then rebuild on every save of a source, layout, pack or image (Ctrl-C stops)."""
    from revpack.building.watch import watch
    from revpack.problems import UsageError

    check_usage(layout, format, layouts_dir)
    try:
        watch(
            paths,
            on_rebuild=_report,
            out=out,
            layout_dirs=layouts_dir or (),
            force=force,
            layouts=layout,
            formats=format,
            classes=class_name,
            jobs=jobs,
            print_worksheets=print_worksheets,
        )
    except UsageError as exc:
        typer.echo(f"revpack: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("stopped watching", err=True)
    raise typer.Exit(0)


def rebuild_line(rebuild: Rebuild, clock: str) -> str:
    """The one line that says what a rebuild did, `clock` being the time of day."""
    what = ", ".join(p.name for p in rebuild.changed[:3]) or "first build"
    if len(rebuild.changed) > 3:
        what += f" and {len(rebuild.changed) - 3} more"
    took = f"{rebuild.seconds:.1f} s"
    if rebuild.result is None:
        count = len(rebuild.problems) or 1
        return (
            f"[{clock}] {what}: {count} problem{'s' if count != 1 else ''}; nothing "
            f"written, the last good outputs are kept ({took})"
        )
    result = rebuild.result
    return (
        f"[{clock}] {what}: {len(result.written)} written, {len(result.unchanged)} "
        f"unchanged, {len(result.failed)} failed in {took}"
    )


def _report(rebuild: Rebuild) -> None:
    typer.echo(rebuild_line(rebuild, time.strftime("%H:%M:%S")))
    for problem in rebuild.problems:
        typer.echo(str(problem))
    if rebuild.usage_error:
        typer.echo(f"revpack: {rebuild.usage_error}")
    if rebuild.result is not None:
        for note in rebuild.result.notes:
            typer.echo(f"note: {note}")
        for message in rebuild.result.failed:
            typer.echo(message)
