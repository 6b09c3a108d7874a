"""Inline markup: `==key term==`, `**bold**`, `*italic*`, `H~2~O` (subscript) and `x^2^`
(superscript, Pandoc's syntax: no space inside); everything else is literal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from revpack import fonts
from revpack.loading.limits import TEXT_CHARS
from revpack.model import Span, Text
from revpack.names import DIRECTION_CONTROLS
from revpack.problems import Mark, Problem

Locate = Callable[[int, int], Mark]
"""Maps (offset, length) in the text to the place it was written in the file."""

# `==` opens when followed by a non-space and closes when preceded by one (DESIGN §2).
# `~` and `^` pair up only around text with no white space (a lone one is literal); `~~`
# is left alone.
_TOKEN = re.compile(r"==|\*\*|\*|(?<!~)~(?!~)|\^")
_SCRIPTS = {"~": "sub", "^": "super"}
_ONE_EQUALS_BEFORE = re.compile(r"(?<![=\w])=(?!=)([^\s=](?:[^=\n]{0,60}[^\s=])?)$")
"""A word opened with one '=' right before a '==' that would open a key term ('=annates==.':
the '==' is followed by the full stop, so it opens)."""
_ONE_EQUALS = re.compile(r"(?<![=\w])=(?!=)([^\s=](?:[^=\n]{0,60}[^\s=])?)==(?!=)")
"""A key term opened with one '=' ('=annates=='), which would print as typed."""


def parse(raw: str, mark: Mark, problems: list[Problem], locate: Locate | None = None) -> Text:
    """Parse `raw` into spans; unclosed or empty `==` and bad characters become problems.

    `locate` finds where a piece of the text was written (yamltree.Scalar.mark_at); without
    it, places are counted from `mark` as if the text were written there on one line.
    """

    def at(offset: int, length: int = 1) -> Mark:
        return locate(offset, length) if locate else _at(mark, raw, offset)

    if len(raw) > TEXT_CHARS:
        problems.append(Problem(mark, too_long(raw, TEXT_CHARS)))
        return Text((Span(raw),), mark)
    check_characters(raw, at, problems)
    spans: list[Span] = []
    style = {"==": False, "**": False, "*": False, "~": False, "^": False}
    opened_at: dict[str, int] = {}
    pos = 0
    for m in _TOKEN.finditer(raw):
        token, start, end = m.group(), m.start(), m.end()
        if style[token]:
            if raw[start - 1].isspace():
                if token == "==" and end < len(raw) and raw[end].isalnum():
                    problems.append(
                        Problem(
                            at(opened_at[token] - 2, 2),
                            "'==' opens a key term here but is not closed before the next "
                            "'==' opens another; close it with '==' (a literal == needs "
                            "spaces round it: a == b)",
                        )
                    )
                continue  # not a closer: `a ==b` keeps going
            if token == "==" and start == opened_at[token]:
                problems.append(
                    Problem(
                        at(start - 2, 4),
                        "empty key term '===='; put the key words between == and ==",
                    )
                )
        elif end >= len(raw) or raw[end].isspace() or not _has_closer(raw, token, end):
            continue
        elif token == "==" and (slip := _ONE_EQUALS_BEFORE.search(raw, 0, start)) is not None:
            # '=annates==. Later … ==': a word opened with one '=', whose '==' (before
            # its full stop) would open a key term running on to the next '=='.
            problems.append(
                Problem(
                    at(slip.start(), end - slip.start()),
                    f"'={slip.group(1)}==' has one '=' too few; a key term is written "
                    f"'=={slip.group(1)}=='",
                )
            )
            continue
        _emit(raw[pos:start], style, spans)
        style[token] = not style[token]
        opened_at[token] = end
        pos = end
    _emit(raw[pos:], style, spans)
    if style["=="]:
        problems.append(
            Problem(
                at(opened_at["=="] - 2, 2),
                "'==' opens a key term here but is never closed; close it with '==' "
                "(a literal == needs a space after it)",
            )
        )
    _one_equals(raw, spans, at, problems)
    return Text(tuple(spans), mark)


def _one_equals(
    raw: str, spans: list[Span], at: Callable[[int, int], Mark], problems: list[Problem]
) -> None:
    """A problem for each word opened with one '=' and closed with '==' outside a key
    term ('=annates=='): it would print as typed."""
    searched = 0
    for span in spans:
        if span.key:
            continue
        for slip in _ONE_EQUALS.finditer(span.text):
            offset = raw.find(slip.group(), searched)
            searched = max(offset + len(slip.group()), searched)
            found = Problem(
                at(max(offset, 0), len(slip.group())),
                f"'{slip.group()}' has one '=' too few; a key term is written "
                f"'=={slip.group(1)}=='",
            )
            if found not in problems:  # (said already where its '==' would have opened)
                problems.append(found)


def _has_closer(raw: str, token: str, end: int) -> bool:
    # `*` and `**` open only if a closer follows, so `5 * 3` or a lone `*` stay literal;
    # `==` always opens, since an unclosed key term is a mistake the teacher should see;
    # `~` and `^` open only if they close before any white space.
    if token == "==":
        return True
    if token in _SCRIPTS:
        close = raw.find(token, end)
        return close > end and not any(c.isspace() for c in raw[end:close])
    pattern = re.escape(token) + (r"(?!\*)" if token == "*" else "")
    return any(not raw[m.start() - 1].isspace() for m in re.compile(pattern).finditer(raw, end + 1))


def _emit(text: str, style: dict[str, bool], spans: list[Span]) -> None:
    if not text:
        return
    script = next((name for token, name in _SCRIPTS.items() if style[token]), "")
    if script == "super" and text[:1] == "-" and text[1:2].isdigit():
        text = "\u2212" + text[1:]  # (a power's minus sign, 'x^-2^': never a hyphen)
    span = Span(text, bold=style["**"], italic=style["*"], key=style["=="], script=script)
    last = spans[-1] if spans else None
    if last and (last.bold, last.italic, last.key, last.script) == (
        span.bold,
        span.italic,
        span.key,
        span.script,
    ):
        spans[-1] = Span(last.text + text, span.bold, span.italic, span.key, span.script)
    else:
        spans.append(span)


def _at(mark: Mark, raw: str, offset: int) -> Mark:
    """The mark of `offset` in `raw`, assuming the text starts at `mark` on one line."""
    before = raw[: max(offset, 0)]
    lines = before.count("\n")
    if lines:
        return Mark(mark.path, mark.line + lines, len(before) - before.rfind("\n"))
    return Mark(mark.path, mark.line, mark.column + len(before))


def too_long(raw: str, limit: int) -> str:
    """What to say of a text longer than `limit` characters."""
    return (
        f"this text is {len(raw):,} characters long; one text may have at most "
        f"{limit:,} (split it into points)"
    )


def is_control(char: str) -> bool:
    """Whether `char` is a control character: C0 and C1 controls, the non-characters U+FFFE
    and U+FFFF, and the text-direction controls (which make text read other than typed)."""
    return (
        unicodedata.category(char) == "Cc"
        or ord(char) in (0xFFFE, 0xFFFF)
        or char in DIRECTION_CONTROLS
    )


def check_characters(raw: str, at: Callable[[int], Mark], problems: list[Problem]) -> None:
    """Control characters (text-direction controls too), lone surrogates and characters
    the fonts lack in `raw` become problems, each placed by `at(offset)`."""
    if _PLAIN.fullmatch(raw) and fonts.coverage(fonts.FACES[False, False]).issuperset(_ASCII):
        return  # printable ASCII, tabs and line breaks, all in the fonts: nothing to say
    for offset, char in enumerate(raw):
        code = ord(char)
        if char in "\n\t":
            continue
        category = unicodedata.category(char)
        if category == "Cs":
            problem = f"lone surrogate U+{code:04X} is not a character; remove it"
        elif char in DIRECTION_CONTROLS:
            problem = (
                f"control character U+{code:04X} ({unicodedata.name(char)}) changes the "
                "direction of the text around it, so it would print differently from what "
                "was typed; remove it"
            )
        elif is_control(char):
            problem = f"control character U+{code:04X} cannot go into a PDF or DOCX; remove it"
        elif not fonts.printable(char):
            name = unicodedata.name(char, "unnamed character")
            problem = (
                f"character U+{code:04X} ({name}) in '{_excerpt(raw, offset)}' is not "
                "in revpack's fonts, so it would print as an empty box; replace it"
            )
        else:
            continue
        problems.append(Problem(at(offset), problem))


_PLAIN = re.compile(r"[\t\n\x20-\x7e]*")
"""Text of printable ASCII characters, tabs and line breaks only: most text, checked at
once (a pack's hundreds of class and teacher names, say)."""
_ASCII = range(0x21, 0x7F)
"""The printable ASCII characters but the space (white space is always printable)."""


def _excerpt(text: str, offset: int) -> str:
    start = max(0, offset - 15)
    end = offset + 15
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
