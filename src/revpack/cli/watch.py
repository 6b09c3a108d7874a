"""`revpack watch`: build, then rebuild on every save, printing one line per rebuild.

It parses the same options as `build`, calls building.watch.watch and prints its reports.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from revpack.cli.oneline import say
from revpack.cli.output import tally
from revpack.cli.usage import (
    Classes,
    Formats,
    Jobs,
    LayoutDirs,
    Layouts,
    Out,
    Paths,
    PrintWorksheets,
    check_usage,
)

if TYPE_CHECKING:  # loaded by the command itself: other commands need not load it
    from revpack.building.watch import Rebuild


def register(app: typer.Typer) -> None:
    """Add `watch` to `app`."""
    app.command("watch")(watch_command)


def watch_command(
    paths: Paths = None,
    layout: Layouts = None,
    format: Formats = None,
    out: Out = Path("out"),
    layouts_dir: LayoutDirs = None,
    class_name: Classes = None,
    jobs: Jobs = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild unchanged outputs in the first build.")
    ] = False,
    print_worksheets: PrintWorksheets = True,
) -> None:
    """Build, then rebuild on every save of a source, layout, pack or image (Ctrl-C stops)."""
    from revpack.building.watch import watch
    from revpack.problems import UsageError

    check_usage(layout, format, layouts_dir)
    if out.exists() and not out.is_dir():  # (no save of an input could fix it: say so now)
        say(f"revpack: -o {out} is a file; give the folder to build into")
        raise typer.Exit(2)
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
        say(f"revpack: {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        say("stopped watching")
    raise typer.Exit(0)


def rebuild_line(rebuild: Rebuild, clock: str) -> str:
    """The one line that says what a rebuild did, `clock` being the time of day."""
    what = ", ".join(p.name for p in rebuild.changed[:3]) or "first build"
    if len(rebuild.changed) > 3:
        what += f" and {len(rebuild.changed) - 3} more"
    took = f"{rebuild.seconds:.1f} s"
    if rebuild.result is None:
        count = len(rebuild.problems) or 1
        # (the first build has no outputs of its own yet to keep)
        kept = ", the last good outputs are kept" if rebuild.changed else ""
        return (
            f"[{clock}] {what}: {count} problem{'s' if count != 1 else ''}; nothing "
            f"written{kept} ({took})"
        )
    result = rebuild.result
    done = tally(len(result.written), len(result.unchanged), len(result.kept), len(result.failed))
    return f"[{clock}] {what}: {done} in {took}"


def _report(rebuild: Rebuild) -> None:
    """The rebuild's line on standard output; its problems, notes and failures on
    standard error, as `revpack build` prints them."""
    if not say(rebuild_line(rebuild, time.strftime("%H:%M:%S")), err=False):
        raise typer.Exit(0)  # (`revpack watch | head -1`: nobody reads it any more)
    for problem in rebuild.problems:
        say(str(problem))
    if rebuild.usage_error:
        say(f"revpack: {rebuild.usage_error}")
    if rebuild.result is not None:
        for note in rebuild.result.notes:
            say(f"note: {note}")
        for message in rebuild.result.failed:
            say(message)
