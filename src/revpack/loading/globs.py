"""Finding input files: a pack's `sources:` patterns (glob syntax, `**` for any folders)
and the folders named on the command line, each search bounded.

A pattern such as `/**/*.yaml` would otherwise look through the whole disk, and a folder
holding a symbolic link to itself would be searched round and round: a search follows
links to folders only where they lead somewhere not yet searched, and gives up after
limits.SEARCH_ENTRIES files and folders with `TooMany`.
"""

from __future__ import annotations

import fnmatch
import functools
import glob
import os
from collections.abc import Callable
from pathlib import Path

from revpack.loading import limits


class TooMany(Exception):
    """A search looked through more than limits.SEARCH_ENTRIES files and folders."""


class Budget:
    """The files and folders some searches may still look through, together (a pack's
    patterns share one: 1,000 patterns must not each look through 50,000)."""

    def __init__(self) -> None:
        self.left = limits.SEARCH_ENTRIES
        """Entries left to look through."""

    def spend(self, entries: int, where: Path) -> None:
        """Count `entries` more; TooMany when there are none left."""
        self.left -= entries
        if self.left < 0:
            raise TooMany(str(where))


def expand(pattern: str, budget: Budget | None = None) -> list[Path]:
    """The files (not folders) that `pattern` matches, sorted: `*`, `?` and `[…]` within
    one name, `**` for any number of folders. As in glob, a wildcard matches no name that
    starts with a dot unless the pattern's name starts with one too. The search spends
    `budget` (its own when None)."""
    parts = Path(pattern).parts
    magic = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))
    if magic == len(parts):
        return [Path(pattern)] if Path(pattern).is_file() else []
    top = Path(*parts[:magic]) if magic else Path(".")
    rest = parts[magic:]
    deep = "**" in rest

    def enter(depth: int, name: str) -> bool:
        if deep:
            return not name.startswith(".") or any(p.startswith(".") for p in rest)
        return depth < len(rest) - 1 and _one(name, rest[depth])

    found = files_under(top, lambda names: _matches(names, rest), enter, budget)
    return [top / Path(*names) if magic else Path(*names) for names in found]


def files_under(
    top: Path,
    keep: Callable[[tuple[str, ...]], bool],
    enter: Callable[[int, str], bool] = lambda depth, name: True,
    budget: Budget | None = None,
) -> list[tuple[str, ...]]:
    """The files under the folder `top` (as names from `top` down) that `keep` keeps,
    sorted, looking into a folder at `depth` below `top` only when `enter(depth, name)`.
    Raises TooMany once `budget` (limits.SEARCH_ENTRIES when None) is spent."""
    budget = budget or Budget()
    found: list[tuple[str, ...]] = []
    seen: set[tuple[int, int]] = set()
    start = len(os.path.join(str(top), ""))
    for folder, dirs, files in os.walk(top, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:  # reached again through a link: searched
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        budget.spend(len(dirs) + len(files), top)
        here = tuple(folder[start:].split(os.sep)) if len(folder) > len(str(top)) else ()
        dirs[:] = sorted(d for d in dirs if enter(len(here), d))
        for name in files:
            names = (*here, name)
            if keep(names) and os.path.isfile(os.path.join(folder, name)):
                found.append(names)
    return sorted(found)


def too_many(where: str | Path) -> str:
    """What to say of a search of `where` that gave up."""
    return (
        f"looks through more than {limits.SEARCH_ENTRIES:,} files and folders; name the "
        f"folder that holds the sources (searched from {where})"
    )


def _matches(names: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether the path `names` matches the pattern's names (`**` any number of them)."""
    if pattern[-1] != "**" and not _one(names[-1], pattern[-1]):
        return False  # most names: told at once

    @functools.cache
    def match(i: int, j: int) -> bool:
        if j == len(pattern):
            return i == len(names)
        if pattern[j] == "**":
            return match(i, j + 1) or (
                i < len(names) and not names[i].startswith(".") and match(i + 1, j)
            )
        return i < len(names) and _one(names[i], pattern[j]) and match(i + 1, j + 1)

    return match(0, 0)


def _one(name: str, pattern: str) -> bool:
    if name.startswith(".") and not pattern.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, pattern)
