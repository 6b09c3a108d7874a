"""The `revpack` command's parser (typer): parses arguments, calls the library, prints.
Nothing more. Its entry point is revpack.cli.main."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from revpack.cli.checking import checked
from revpack.cli.oneline import OneLineErrors, say
from revpack.cli.output import report, tally
from revpack.cli.usage import (
    Classes,
    Formats,
    Jobs,
    LayoutDirs,
    Layouts,
    Out,
    Paths,
    PrintWorksheets,
    check_layout_dirs,
    check_usage,
)
from revpack.problems import InputError, Problem, UsageError

app = typer.Typer(
    cls=OneLineErrors,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Turn revision notes written in YAML into print-ready revision packs.",
)


def _show_version(value: bool) -> None:
    if value:
        from revpack import __version__

        say(f"revpack {__version__}", err=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print revpack's version and exit.",
        ),
    ] = False,
) -> None:
    """Turn revision notes written in YAML into print-ready revision packs."""


def _fail(problems: Sequence[Problem]) -> NoReturn:
    raise typer.Exit(report(problems))


BUILD_EXAMPLES = """Examples:

\b
  revpack build sources/thaw.yaml             (into out/)
  revpack build sources/thaw.yaml -l worksheet -f pdf -f docx
  revpack build sources/thaw.yaml -f html     (pages for screens)
  revpack build packs/year11.yaml --class 11A
"""


@app.command(epilog=BUILD_EXAMPLES)
def build(
    paths: Paths = None,
    layout: Layouts = None,
    format: Formats = None,
    out: Out = Path("out"),
    layouts_dir: LayoutDirs = None,
    class_name: Classes = None,
    student: Annotated[
        list[str] | None,
        typer.Option(
            "--student",
            help="Build only this student's own documents (with --class; repeat for more).",
        ),
    ] = None,
    jobs: Jobs = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Render on the dask cluster whose scheduler "
            "is at ADDRESS (e.g. tcp://10.0.0.5:8786; needs dask.distributed installed).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rebuild unchanged outputs and overwrite those changed since revpack wrote them.",
        ),
    ] = False,
    print_worksheets: PrintWorksheets = True,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Print only problems and the summary.")
    ] = False,
) -> None:
    """Build summary sheets, worksheets and factor charts from sources and packs."""
    check_usage(layout, format, layouts_dir)
    # Imported here: `revpack check` and `revpack layouts` need none of the build.
    from revpack.building.cluster import executor_for
    from revpack.building.run import build as run_build
    from revpack.cli.progress import BuildProgress

    with BuildProgress(quiet) as progress:
        try:
            with executor_for(scheduler) as executor:
                result = run_build(
                    paths,
                    layouts=layout,
                    out=out,
                    layout_dirs=layouts_dir or (),
                    classes=class_name,
                    jobs=jobs,
                    force=force,
                    formats=format,
                    print_worksheets=print_worksheets,
                    students=student,
                    executor=executor,
                    on_plan=progress.start,
                    on_done=progress.advance,
                )
        except InputError as exc:
            progress.stop()
            _fail(exc.problems)
        except UsageError as exc:
            progress.stop()
            say(f"revpack: {exc}")
            raise typer.Exit(2) from None
        except KeyboardInterrupt:  # (Ctrl-C; the build has recorded what it wrote)
            progress.stop()
            say(progress.stopped())
            raise SystemExit(130) from None
        except SystemExit as exc:  # (SIGTERM, as revpack.cli.main raises it)
            progress.stop()
            say(progress.stopped())
            raise exc from None
        progress.finish(result.written)
    for note in result.notes:
        say(f"note: {note}")
    for message in result.failed:
        say(message)
    done = tally(len(result.written), len(result.unchanged), len(result.kept), len(result.failed))
    summary = f"{done} in {result.seconds:.1f} s"
    say(summary, err=not result.ok, fg=None if result.ok else "red")
    raise typer.Exit(0 if result.ok else 1)


@app.command(epilog="Examples:\n\n\b\n  revpack check sources/thaw.yaml\n  revpack check sources/")
def check(paths: Paths = None, layouts_dir: LayoutDirs = None) -> None:
    """Check sources for problems without building anything."""
    check_layout_dirs(layouts_dir)
    status = checked(paths, layouts_dir)
    if status:
        raise typer.Exit(status)


@app.command("layouts")
def list_layouts(
    layouts_dir: Annotated[
        list[Path] | None,
        typer.Option("--layouts", help="Extra folder of layouts, searched first."),
    ] = None,
) -> None:
    """List the layouts that can be used with -l."""
    problems = []
    from revpack.loading.layouts import available, load_layout

    check_layout_dirs(layouts_dir)
    say(f"{'LAYOUT':<22} {'KIND':<13} FORMATS (-f for the others)", err=False)
    for name in sorted(available(tuple(layouts_dir or ()))):
        try:
            layout = load_layout(name, tuple(layouts_dir or ()))
        except InputError as exc:
            problems += exc.problems
            continue
        formats = ", ".join(layout.formats)
        others = [f for f in layout.kind.format_names if f not in layout.formats]
        if others:
            formats += f" (also {', '.join(others)})"
        say(f"{name:<22} {layout.renders:<13} {formats}", err=False)
        # (the description under it, in an 80-column terminal)
        for line in textwrap.wrap(layout.description, 76):
            say(f"    {line}", err=False)
    if problems:
        raise typer.Exit(report(problems, writes=False))


from revpack.cli.authoring import register as _register_authoring  # noqa: E402

_register_authoring(app)

from revpack.cli.watch import register as _register_watch  # noqa: E402

_register_watch(app)
