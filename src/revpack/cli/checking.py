"""`revpack check`: sources and packs validated, every problem printed, nothing built."""

from __future__ import annotations

from pathlib import Path

from revpack.cli.output import refused, report, say
from revpack.problems import InputError


def counted(count: int, what: str) -> str:
    """'1 source', '2 sources', '8 classes'."""
    return f"{count} {what}{'' if count == 1 else 'es' if what.endswith('s') else 's'}"


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
    for note in found.notes:
        say(f"note: {note}")
    fine = [
        counted(count, what)
        for count, what in ((len(found.sources), "source"), (found.layouts, "layout"))
        if count or what == "source"
    ]
    if found.packs:  # ('1 source and 1 pack of 8 classes OK': a pack is no source)
        fine.append(f"{counted(found.packs, 'pack')} of {counted(found.classes, 'class')}")
    if len(fine) > 2:
        fine = [", ".join(fine[:-1]), fine[-1]]
    say(f"{' and '.join(fine)} OK", err=False)
    return 0
