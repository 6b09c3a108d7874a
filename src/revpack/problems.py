"""Problems found in input files, each with the place it was found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Mark:
    """A place in an input file."""

    path: str
    """The file, as the user named it."""
    line: int
    """1-based line number."""
    column: int
    """1-based column number."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, printed as `path:line:col: message`."""

    mark: Mark
    """Where the problem is."""
    message: str
    """What is wrong and, where it helps, what to do."""

    def __str__(self) -> str:
        return f"{self.mark}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in one or more input files."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.mark, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(Exception):
    """A valid source that cannot be rendered with a layout (for example, it does not fit)."""

    def __init__(self, message: str, mark: Mark | None = None):
        self.mark = mark
        super().__init__(f"{mark}: {message}" if mark else message)


class UsageError(Exception):
    """A request that cannot be met whatever the inputs hold (a format a layout's kind
    does not have, say): the command line's exit status 2."""
