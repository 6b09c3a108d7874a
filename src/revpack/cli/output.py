"""What the command prints: each message on one line (problems.one_line), on standard
error unless it is the command's result, in colour on a terminal. Written directly, so
that a command that needs no parser (a check, revpack.cli.main) need not load typer."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from revpack.problems import Problem, one_line

COLOURS = {"red": 31, "green": 32, "yellow": 33}
"""A colour's name → its terminal code (as click writes it)."""


def say(message: str, err: bool = True, fg: str | None = None) -> bool:
    """Print `message` as one line (on standard error unless `err` is false), in the
    colour `fg` where the stream is a terminal; False when its reader has gone (what
    follows goes nowhere, quietly)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # (no console at all)
        return True
    text = one_line(message)
    if fg is not None and stream.isatty():
        text = f"\x1b[{COLOURS[fg]}m{text}\x1b[0m"
    try:
        stream.write(text + "\n")
        stream.flush()
    except BrokenPipeError:
        _silence(stream)
        return False
    return True


def _silence(stream: TextIO) -> None:
    """Send what is still to come on `stream` nowhere: its reader has gone (`revpack
    build … | head -1`), and the build goes on to the end rather than stopping half-way."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # (no file descriptor: a test's stream, say)
        pass


PER_FILE = 50
"""The most problems printed for one file: a file of a thousand NUL bytes, or a list of
five thousand items with a slip in each, gave a line for every one."""


def report(problems: Sequence[Problem], writes: bool = True) -> int:
    """Print every problem (PER_FILE at most for one file, then how many more it has),
    then how many there were (and, for a command that `writes`, that it wrote nothing);
    the exit status (1)."""
    shown: dict[str, int] = {}
    for problem in problems:
        shown[problem.mark.path] = shown.get(problem.mark.path, 0) + 1
        if shown[problem.mark.path] <= PER_FILE:
            say(str(problem))
    for path, count in shown.items():
        if count > PER_FILE:
            more = count - PER_FILE
            say(f"{one_line(path)}: {more:,} more problem{'s' if more != 1 else ''} not shown")
    count = len(problems)
    said = f"{count} problem{'s' if count != 1 else ''}"
    say(f"{said}; nothing was written." if writes else f"{said}.", fg="red")
    return 1


def tally(written: int, unchanged: int, kept: int, failed: int) -> str:
    """'3 written, 9 unchanged, 1 kept, 0 failed': what a build did to its files (files
    kept because a teacher edited them are counted when there are any)."""
    counts = [f"{written} written", f"{unchanged} unchanged"]
    counts += [f"{kept} kept"] if kept else []
    return ", ".join([*counts, f"{failed} failed"])


def refused(exc: OSError) -> str:
    """The line for a path the system refused (a name too long, say)."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"revpack: {where}{exc.strerror or exc}"
