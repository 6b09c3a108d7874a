"""Shell completion of option values from what exists: layout names (the standard ones and
those in the layout folders), the class names of the packs among the inputs, and formats.

Typer calls these with the command's options parsed so far (`ctx.params`) and the word
being typed; they never fail (a broken file simply offers nothing).
"""

from __future__ import annotations

from typing import Any

import typer


def layout_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The layouts `-l` can name, given any `--layouts` folders typed so far."""
    from revpack.loading.layouts import available

    extra = tuple(_params(ctx).get("layouts_dir") or ())
    return [name for name in sorted(available(extra)) if name.startswith(incomplete)]


def class_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """The classes of the packs among the paths typed so far (default: sources/)."""
    from revpack.loading.inputs import input_files
    from revpack.loading.pack import is_pack, load_pack
    from revpack.problems import InputError

    paths = _params(ctx).get("paths") or None
    try:
        files = input_files(paths)
    except InputError:
        return []
    names: dict[str, None] = {}
    for file in files:
        try:
            if is_pack(file):
                names.update(dict.fromkeys(c.name for c in load_pack(file, ()).classes))
        except (InputError, OSError, UnicodeError):
            continue
    typed = incomplete.casefold()
    return [name for name in names if name.casefold().startswith(typed)]


def format_names(incomplete: str) -> list[str]:
    """The formats `-f` accepts."""
    from revpack.kinds import all_formats

    return [name for name in all_formats() if name.startswith(incomplete)]


def _params(ctx: typer.Context) -> dict[str, Any]:
    """The options parsed so far, by name (each option's own type of value)."""
    return ctx.params if ctx is not None else {}
