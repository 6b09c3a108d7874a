"""Usage checks that `build` and `watch` share: an unknown layout or format name is a
usage error (exit 2), said in one line before anything is read; a broken layout file is
bad input, reported later with its place."""

from __future__ import annotations

import typer


def check_usage(layouts, formats, layouts_dir) -> None:
    """Exit 2 naming the first layout or format name that names nothing."""
    from revpack.kinds import all_formats
    from revpack.loading.layouts import available
    from revpack.loading.layouts import unknown as unknown_layout

    extra = tuple(layouts_dir or ())
    known = available(extra)
    for name in layouts or ():
        if not name.endswith((".yaml", ".yml")) and name not in known:
            typer.echo(f"revpack: {unknown_layout(name, extra)}", err=True)
            raise typer.Exit(2)
    for name in formats or ():
        if name not in all_formats():
            typer.echo(
                f"revpack: no format called '{name}'; formats: {', '.join(all_formats())}", err=True
            )
            raise typer.Exit(2)
