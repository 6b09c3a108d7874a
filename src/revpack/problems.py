"""Problems found in input files, each with the place it was found."""

from __future__ import annotations

from dataclasses import dataclass


def one_line(text: str) -> str:
    """`text` with line breaks, other control characters and spaces other than the plain
    one escaped (`\\n`, `\\x07`, `\\u2028`, `\\xa0`), so that a message quoting a key or an
    excerpt stays on one line and shows what was typed (a no-break space that looked like
    a space would hide why a name is not found)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


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
        return f"{one_line(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, printed as `path:line:col: message`."""

    mark: Mark
    """Where the problem is."""
    message: str
    """What is wrong and, where it helps, what to do."""

    def __str__(self) -> str:
        return f"{self.mark}: {one_line(self.message)}"


class InputError(Exception):
    """Raised with every problem found in one or more input files."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.mark, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(Exception):
    """A valid source that cannot be rendered with a layout (for example, it does not fit)."""

    def __init__(self, message: str, mark: Mark | None = None):
        self.mark = mark
        super().__init__(one_line(f"{mark}: {message}" if mark else message))


class UsageError(Exception):
    """A request that cannot be met whatever the inputs hold (a format a layout's kind
    does not have, say): the command line's exit status 2."""
