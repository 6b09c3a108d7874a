"""`revpack check`: sources and packs validated, every problem printed, nothing built."""

from __future__ import annotations

from pathlib import Path

from revpack.cli.output import refused, report, say
from revpack.problems import InputError


def checked(paths: list[Path] | None, layout_dirs: list[Path] | None = None) -> int:
    """Check `paths` (None: sources/), with the layouts of `layout_dirs` too, and print
    every problem or how many sources are fine; the command's exit status."""
    from revpack.loading.inputs import check_all

    try:
        found = check_all(paths, tuple(layout_dirs or ()))
    except InputError as exc:
        return report(exc.problems, writes=False)
    except OSError as exc:
        say(refused(exc))
        return 1
    except KeyboardInterrupt:
        say("revpack: aborted")
        return 1
    from revpack.loading.notes import source_notes

    for source in found.sources:
        for note in source_notes(source):
            say(f"note: {note}")
    fine = [
        f"{count} {what}{'s' if count != 1 else ''}"
        for count, what in ((len(found.sources), "source"), (found.layouts, "layout"))
        if count or what == "source"
    ]
    say(f"{' and '.join(fine)} OK", err=False)
    return 0
