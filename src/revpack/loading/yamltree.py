"""Strict YAML reading: every scalar is text, every node keeps its place in the file.

The reader walks PyYAML's event stream (LibYAML's C parser where present) instead of
constructing Python objects, so tags never construct anything, aliases are refused before
they can expand, and nesting depth is bounded without recursion.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import yaml

from revpack.problems import InputError, Mark, Problem

try:  # LibYAML's parser is several times faster than the pure-Python one.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    # (The stubs give the two loaders different types; yaml.parse takes either.)
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
"""Deeper nesting than any real source needs; beyond it the file is refused at once."""
MAX_ITEMS = 1_000
"""More items in one list or mapping than any input needs (the longest, a class's
students, may have 500); beyond it the file is refused at once, before the rest is read
(or each of 90,000 unknown keys is looked up)."""

QUOTE_HINT_STARTS = ("*", "[", "{", "&", "!", "|", ">", "%", "@", "`")


@dataclass
class Scalar:
    """A text value."""

    text: str
    mark: Mark
    raw: str = ""
    """The scalar exactly as written in the file (quotes, escapes, line breaks included)."""

    def mark_at(self, offset: int, length: int = 1) -> Mark:
        """Where `text[offset:offset + length]` was written in the file.

        YAML folds lines and resolves escapes, so offsets in `text` are not offsets in the
        file. The n-th occurrence of the same characters in `text` is the n-th occurrence in
        `raw`, which finds the place exactly unless the characters came from an escape; then
        the scalar's own start is the best answer.
        """
        needle = self.text[offset : offset + length]
        if not needle or not self.raw:
            return self.mark
        found = _nth(self.raw, needle, _count(self.text, needle, offset))
        if found < 0:
            return self.mark
        before = self.raw[:found]
        breaks = before.count("\n")
        if breaks:
            return Mark(self.mark.path, self.mark.line + breaks, found - before.rfind("\n"))
        return Mark(self.mark.path, self.mark.line, self.mark.column + found)


def _count(text: str, needle: str, end: int) -> int:
    """How many times `needle` starts before `end` in `text` (overlaps counted)."""
    return sum(1 for i in range(end) if text.startswith(needle, i))


def _nth(text: str, needle: str, n: int) -> int:
    """The index of the (n+1)-th start of `needle` in `text` (overlaps counted), or -1."""
    index = -1
    for _ in range(n + 1):
        index = text.find(needle, index + 1)
        if index < 0:
            return -1
    return index


@dataclass
class Seq:
    """A list of nodes."""

    items: list[Node]
    mark: Mark
    flow: bool = False
    """Written inline, as [a, b]."""


@dataclass
class Map:
    """A mapping of text keys to nodes, in file order."""

    entries: dict[str, tuple[Mark, Node]]
    """Each key's value, with where the key was written."""
    mark: Mark
    flow: bool = False
    """Written inline, as {a: b}."""


Node = Scalar | Seq | Map


# Characters YAML refuses or reads as line breaks: C0/C1 controls other than tab and line
# ends, DEL, non-characters, surrogates, and the Unicode line/paragraph separators.
_UNREADABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029\ud800-\udfff]"
)


NOT_YAML = (
    (
        b"%PDF",
        "this is a PDF, not a source written in YAML; copy its text into notes for "
        "'revpack import', or start one with 'revpack new'",
    ),
    (
        b"PK\x03\x04",
        "this is a Word file or another zip, not a source written in YAML; "
        "to make a source of Word notes: revpack import FILE.docx -o FILE.yaml",
    ),
    (b"\xd0\xcf\x11\xe0", "this is an old Word or Excel file, not a source written in YAML"),
    (b"\x89PNG", "this is a picture, not a source written in YAML"),
    (b"\xff\xd8\xff", "this is a picture, not a source written in YAML"),
)
"""Files a source or pack is often confused with, by their first bytes, and what to say."""


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a BOM), its characters composed (NFC); anything else
    is a problem naming the byte.

    Characters that YAML cannot read (control characters typed into the file, or the
    Unicode line separators that YAML counts as line breaks) are problems too, each with
    its line and column, since YAML would otherwise stop at the first one.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16(data):
        raise InputError([Problem(Mark(path, 1, 1), "file is UTF-16; save it as UTF-8")])
    for magic, what in NOT_YAML:
        if data.startswith(magic):
            raise InputError([Problem(Mark(path, 1, 1), what)])
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        # Columns count characters, as editors do, not bytes.
        col = len(data[max(line_start, bom) : offset].decode("utf-8", "replace")) + 1
        raise InputError(
            [
                Problem(
                    Mark(path, line, col),
                    f"byte 0x{data[offset]:02X} at offset {offset} is not UTF-8 "
                    "(perhaps the file was saved as Latin-1 or Windows-1252); save it as UTF-8",
                )
            ]
        ) from None
    # (composed: 'Ó' typed as 'O' and a combining accent, as some school systems and Macs
    # export names, printed its accent beside the letter)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    problems = [_unreadable(path, text, m.start()) for m in _UNREADABLE.finditer(text)]
    if problems:
        raise InputError(problems)
    return text


def _utf16(data: bytes) -> bool:
    """Whether `data` is UTF-16 without a byte order mark: text in Latin letters, every
    other byte of its first line a zero (thousands of problems, one per zero, otherwise)."""
    head = data[:200]
    if len(head) < 4:
        return False
    halves = head[0::2], head[1::2]
    zeros = [half.count(0) / len(half) for half in halves]
    return (zeros[0] >= 0.9 and zeros[1] <= 0.1) or (zeros[1] >= 0.9 and zeros[0] <= 0.1)


def _unreadable(path: str, text: str, offset: int) -> Problem:
    char = text[offset]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    name = unicodedata.name(char, "a control character")
    if char in "\u2028\u2029":
        what = f"U+{ord(char):04X} ({name}) is read by YAML as a line break"
        fix = "replace it with a space or a new line"
    else:
        what = f"control character U+{ord(char):04X} cannot go into a PDF or DOCX"
        fix = "remove it"
    return Problem(Mark(path, line, column), f"{what}; {fix}")


class _Place(Protocol):
    """A place as PyYAML's parsers mark it (the pure-Python one's or LibYAML's): 0-based."""

    index: int
    line: int
    column: int


def _mark(path: str, ymark: _Place) -> Mark:
    return Mark(path, ymark.line + 1, ymark.column + 1)


def parse(text: str, path: str) -> Node | None:
    """Parse one YAML document into a tree of Scalar/Seq/Map; None for an empty file."""
    problems: list[Problem] = []
    stack: list[_Open] = []
    root: list[Node] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            _step(event, text, path, stack, root, problems)
            if problems and isinstance(problems[-1], _Fatal):
                break
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text, path))
    except (yaml.YAMLError, UnicodeError) as exc:
        # Unmarked errors only come from characters `decode` already refuses; never
        # let one escape as a crash if a caller passes text that did not go through it.
        problems.append(Problem(Mark(path, 1, 1), f"YAML cannot read this file: {exc}"))
    if problems:
        raise InputError([Problem(p.mark, p.message) for p in problems])
    return root[0] if root else None


class _Fatal(Problem):
    """A problem after which reading more of the file is pointless or unsafe."""


@dataclass
class _Open:
    """A list or mapping being read, and for a mapping the key read before its value."""

    node: Seq | Map
    key: tuple[str, Mark] | None = None
    """The pending key's text and place, until its value is read."""


def _step(
    event: yaml.Event,
    text: str,
    path: str,
    stack: list[_Open],
    root: list[Node],
    problems: list[Problem],
) -> None:
    start, end = event.start_mark, event.end_mark
    assert start is not None and end is not None  # (the parsers mark every event they make)
    mark = _mark(path, start)
    if isinstance(event, yaml.AliasEvent):
        problems.append(
            _Fatal(
                mark,
                f"aliases (*{event.anchor}) are not allowed; write the "
                "text out, or if it starts with *, put the text in quotes",
            )
        )
        return
    if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
        if event.anchor is not None:
            problems.append(
                Problem(
                    mark,
                    f"anchors (&{event.anchor}) are not allowed; if the "
                    "text starts with &, put the text in quotes",
                )
            )
        if event.tag is not None and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(
                Problem(
                    mark,
                    f"tags ({tag}) are not allowed (nothing in a file "
                    "is ever run or converted); if the text starts with !, "
                    "put the text in quotes",
                )
            )
    if isinstance(event, yaml.ScalarEvent):
        raw = text[start.index : end.index]
        split = _comma_in_number(event, end.index, text, stack)
        if split is not None:
            problems.append(
                Problem(
                    _mark(path, end),
                    f"this ',' ends the item in a list written in [ ], so '{split}' is read "
                    "as two; put the whole item in quotes, or write the list one '- ' a line",
                )
            )
        _add(Scalar(event.value, mark, raw), stack, root, problems)
    elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
        if len(stack) >= MAX_DEPTH:
            problems.append(_Fatal(mark, f"nesting deeper than {MAX_DEPTH} levels"))
            return
        flow = bool(event.flow_style)
        if isinstance(event, yaml.MappingStartEvent):
            # (a pair inside [ ] is a mapping in flow style too, but not written as {a: b})
            flow = flow and text[start.index : start.index + 1] == "{"
        node: Seq | Map = (
            Seq([], mark, flow)
            if isinstance(event, yaml.SequenceStartEvent)
            else Map({}, mark, flow)
        )
        _add(node, stack, root, problems)
        stack.append(_Open(node))
    elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
        stack.pop()
    elif isinstance(event, yaml.DocumentStartEvent) and root:
        problems.append(_Fatal(mark, "more than one YAML document (---) in one file"))


def _comma_in_number(
    event: yaml.ScalarEvent, end: int, text: str, stack: list[_Open]
) -> str | None:
    """The number a plain item of a list written in [ ] (the scalar `event`, which ends at
    `end` in `text`) ends with when a ',' that YAML takes for the list's comma goes on with
    figures ('[…the ==72,6 %== del total]'), or None. Said so, the problem was an unclosed
    '==' in the half after the comma."""
    if not stack or not isinstance(stack[-1].node, Seq) or not stack[-1].node.flow or event.style:
        return None
    if text[end : end + 1] != "," or not text[end + 1 : end + 2].isdigit():
        return None
    head = re.search(r"[0-9.]*[0-9]$", event.value)
    if head is None:
        return None
    tail = re.match(r"[0-9]+", text[end + 1 :])
    return f"{head.group()},{tail.group() if tail else ''}"


def _add(node: Node, stack: list[_Open], root: list[Node], problems: list[Problem]) -> None:
    if not stack:
        root.append(node)
        return
    top = stack[-1]
    parent = top.node
    if len(parent.items if isinstance(parent, Seq) else parent.entries) >= MAX_ITEMS:
        what = "list" if isinstance(parent, Seq) else "mapping"
        problems.append(
            _Fatal(
                parent.mark,
                f"this {what} has more than {MAX_ITEMS:,} items; no revpack file needs "
                "nearly so many",
            )
        )
        return
    if isinstance(parent, Seq):
        parent.items.append(node)
    elif top.key is None:  # this node is a key
        if not isinstance(node, Scalar):
            problems.append(Problem(node.mark, "a key must be plain text"))
            top.key = (f"\0{id(node)}", node.mark)
        else:
            top.key = (node.text, node.mark)
    else:
        key, key_mark = top.key
        top.key = None
        if key in parent.entries:
            first = parent.entries[key][0]
            problems.append(
                Problem(
                    key_mark,
                    f"duplicate key '{key}' (first at line {first.line}); each key may appear once",
                )
            )
        else:
            parent.entries[key] = (key_mark, node)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    ymark = exc.problem_mark or exc.context_mark
    mark = _mark(path, ymark) if ymark else Mark(path, 1, 1)
    message = f"YAML syntax error: {exc.problem or exc.context}"
    if "nesting depth" in message:
        return Problem(
            mark,
            f"nesting deeper than {MAX_DEPTH} levels of lists or mappings; "
            "a source needs only a few",
        )
    if "Unicode character escape" in message:
        return Problem(
            mark,
            "YAML syntax error: this \\u escape is not a character that can "
            "be printed (a lone surrogate such as \\ud800, or out of range); write "
            "the character itself, or remove it",
        )
    if "unknown escape" in message:
        return Problem(
            mark,
            "YAML syntax error: inside double quotes a backslash starts an "
            "escape; write \\\\ for a backslash, or use single quotes",
        )
    lines = text.split("\n")
    if "quoted scalar" in str(exc.context) and exc.context_mark is not None:
        opened = _mark(path, exc.context_mark)
        return Problem(
            opened,
            _apostrophe(lines, opened, "never closed")
            or "YAML syntax error: the quote that opens here is never "
            "closed; end the text with the same quote mark",
        )
    unclosed = _unclosed_quote(text, mark.line)
    if unclosed is not None:
        runs_on = (
            f"not closed on its line, so the text runs on to the next quote mark (line {mark.line})"
        )
        return Problem(
            Mark(path, *unclosed),
            _apostrophe(lines, Mark(path, *unclosed), runs_on)
            or f"YAML syntax error: the quote that opens here is {runs_on}; end the text "
            "with the same quote mark",
        )
    here = lines[mark.line - 1] if 1 <= mark.line <= len(lines) else ""
    if "incompatible YAML document" in message:  # ('%YAML 9.9': no quoting helps)
        return Problem(
            mark,
            f"'{here.strip()}' asks for a version of YAML revpack does not read; remove the "
            "line (notes need no %YAML line)",
        )
    value = here.split(": ", 1)[1] if ": " in here else here.strip().removeprefix("- ")
    for number in (mark.line, mark.line - 1):
        inside = 1 <= number <= len(lines) and not _in_block_text(lines, number)
        misquoted = _after_quote(lines[number - 1]) if inside else None
        if misquoted is not None:
            return Problem(Mark(path, number, misquoted[0]), misquoted[1])
    if "\t" in here[: max(mark.column, len(here) - len(here.lstrip()))]:
        return Problem(
            mark,
            f"{message}; this line has a tab: YAML indents with spaces "
            "only, so replace the tab with spaces",
        )
    for number in range(mark.line, max(mark.line - 3, 0), -1):
        dash = _DASH_NO_SPACE.match(lines[number - 1]) if number <= len(lines) else None
        if dash:
            return Problem(
                Mark(path, number, dash.end(1) + 1),
                "YAML syntax error: no space after '-'; a list item is written "
                f"'- {dash.group(2)}…'",
            )
    if value.strip()[:1] in ("\u201c", "\u2018"):
        return Problem(
            mark,
            f"{message}; curly quotes (\u201c \u201d) do not quote text in YAML: put the text "
            "in straight quotes (\"…\"), or use another punctuation mark than ': '",
        )
    # Reading a key, the parser went on to the next ':' it met, lines later ('points'
    # alone on its line, its list under it, then 'links:'); it marks where it began.
    began = (
        exc.context_mark.line + 1
        if "simple key" in str(exc.context) and exc.context_mark is not None
        else None
    )
    for number in (mark.line, mark.line - 1):
        for find, said in _INDENTED:
            found = find(lines, number)
            if found is not None:
                return Problem(Mark(path, found[0], found[1]), said.format(word=found[2]))
    missing = _missing_colon(lines, mark.line)
    slips: list[tuple[tuple[int, int, str] | None, str]] = (
        [(missing, MISSING_COLON)] if missing is not None else []
    )
    if began is not None:
        slips += [(find(lines, began), said) for find, said in _SLIPS]
    for found, said in slips:
        if found is not None:
            number, column, word = found
            return Problem(Mark(path, number, column), said.format(word=word))
    # A list or mapping opened with '[' or '{' and never closed: said where it opened
    # (not 'put the text in quotes' for the line after it).
    flow = re.search(r"expected ',' or '([\]}])'", message)
    if flow and exc.context_mark is not None:
        start = exc.context_mark
        what, opener, closer = ("list", "[", "]") if flow.group(1) == "]" else ("mapping", "{", "}")
        return Problem(
            Mark(path, start.line + 1, start.column + 1),
            f"YAML syntax error: the {what} opened here with '{opener}' is not closed: end "
            f"it with '{closer}' on this line, or write each item on a line of its own "
            "after '- '",
        )
    # The line that causes the error is often the one the parser reports, or the one before.
    for number in (mark.line, mark.line - 1):
        if 1 <= number <= len(lines) and _needs_quotes(lines[number - 1]):
            message += (
                f"; line {number} starts with a character YAML treats specially: "
                "put the text in quotes"
            )
            return Problem(Mark(path, number, mark.column if number == mark.line else 1), message)
    if "mapping values are not allowed" in message:
        message += (
            "; a ': ' inside text makes YAML read it as 'key: value': put the text "
            "in quotes or use another punctuation mark"
        )
    elif any(words in message for words in _INDENT_ERRORS):
        message += (
            "; check the indentation: keys of one mapping, and the '- ' of one "
            "list, line up under each other"
        )
    return Problem(mark, message)


_ITEM = re.compile(r"""^(?P<lead>[ \t]*(?:- +)?)(?:(?P<key>[a-z_]+): +)?(?P<text>.*?)[ \t]*$""")
"""A line's indentation and list dash, a key (as a source writes its keys), and the text."""
_SAID = re.compile(r"""^[^"'#:\s][^"'#:]*: +(?=["'])""")
"""Words and ': ' before a quotation ('Lady Macbeth: "Look like…"'), which YAML reads as a
key and its value."""


def _after_quote(line: str) -> tuple[int, str] | None:
    """(column, message) when `line`'s text opens with a quote mark that closes on the line
    before its end: YAML ends a text that starts with a quote where the quote closes, so
    the words after it are an error. Said with the line as it should be written."""
    item = _ITEM.match(line)
    if item is None:
        return None
    text, start = item["text"], item.start("text")
    said = _SAID.match(text) if item["lead"].strip() == "-" and not item["key"] else None
    opening = said.end() if said else 0
    if text[opening : opening + 1] not in ("'", '"'):
        return None
    quote = text[opening]
    close = _closing_quote(text, opening + 1, quote)
    after = text[close + 1 :].strip() if close is not None else ""
    if close is None or not after or after.startswith("#"):
        return None
    column = start + close + 2
    if not said and text.endswith(quote) and len(text) > 1:
        # The whole text is in quotes, and a quote mark inside it ends it early.
        inner = text[1:-1]
        fixed = inner.replace("'", "''") if quote == "'" else inner.replace('"', '\\"')
        return column - 1, (
            f"YAML syntax error: the text in {quote}quotes{quote} has a {quote} inside it, "
            f"which ends it early: write each {quote} in it {_FIXES[quote]}, or use the other "
            f"kind of quotes: {_written(item)}{quote}{fixed}{quote}"
        )
    why = (
        f"the ': ' makes YAML read '{said.group().rstrip(': ')}' as a key and the quotation "
        "as its value, which cannot go on after its closing quote"
        if said
        else "a text that starts with a quote mark ends where that quote closes, and this "
        "one goes on after it"
    )
    return column, (
        f"YAML syntax error: {why}; put the whole text in quotes of its own: "
        f"{_written(item)}{requoted(text)}"
    )


def _written(item: re.Match[str]) -> str:
    """The dash and key that start the line, as they stand before its text."""
    dash = "- " if item["lead"].strip() == "-" else ""
    return dash + (item["key"] + ": " if item["key"] else "")


_BLOCK_START = re.compile(r"(?:^|[:\-])\s+[|>][-+0-9]*\s*(?:#.*)?$")
"""A line that opens a block text ('summary: >', '- |-'): the lines under it, more
indented, are its text as written."""


def _in_block_text(lines: list[str], number: int) -> bool:
    """Whether line `number` is inside a block text (`|` or `>`), where quotes are text."""
    line = lines[number - 1]
    indent = len(line) - len(line.lstrip())
    for above in reversed(lines[: number - 1]):
        if not above.strip():
            continue
        if len(above) - len(above.lstrip()) < indent:
            return bool(_BLOCK_START.search(above))
    return False


_FIXES = {"'": "as '' (two)", '"': 'as \\"'}
"""How a quote mark of the kind that quotes a text is written inside it."""


def requoted(text: str) -> str:
    """`text` as a quoted YAML scalar that reads back as `text` with its own quote marks:
    in double quotes when it has no double quote or backslash, else in single quotes with
    each ' doubled."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _apostrophe(lines: list[str], opened: Mark, how: str) -> str:
    """For a ' that opens a text before a letter ("'Tis", "'twas"), which YAML takes for
    a quote mark `how` ("never closed"): the message that says how to write the text with
    its apostrophe, or with its quotes; "" for any other quote."""
    line = lines[opened.line - 1] if 1 <= opened.line <= len(lines) else ""
    at = opened.column - 1
    if line[at : at + 1] != "'" or not line[at + 1 : at + 2].isalpha():
        return ""
    before = line[:at].strip()
    return (
        f"YAML syntax error: YAML reads the ' that opens this text as a quote mark, {how}; "
        "if it is an apostrophe, put the whole text in quotes of its own: "
        f"{before}{' ' if before else ''}{requoted(line[at:].rstrip())}; if it is a quote "
        "mark, end the text with one too"
    )


_OPENING_QUOTE = re.compile(r"""^[ \t]*(?:- +)?(?:[^\s#'"-][^:#\n]*: +)?(["'])""", re.MULTILINE)
"""A line whose value (a key's or a list item's) opens with a quote mark."""


def _unclosed_quote(text: str, reported: int) -> tuple[int, int] | None:
    """(line, column) of the quote mark that caused a syntax error reported at line
    `reported`: one that opens a value on an earlier line and is not closed there, so that
    YAML took the next quote mark in the file (the start of another quoted text) for its
    end and then found words after it."""
    found = None
    for opening in _OPENING_QUOTE.finditer(text):
        line = text.count("\n", 0, opening.start()) + 1
        if line >= reported:
            break
        quote = opening.group(1)
        close = _closing_quote(text, opening.end(), quote)
        if close is None or text.count("\n", 0, close) + 1 == line:
            continue  # closed on its own line, or never (the parser says so itself)
        after = text[close + 1 : text.find("\n", close) % (len(text) + 1)].strip()
        if after and not after.startswith("#"):
            found = (line, opening.start(1) - text.rfind("\n", 0, opening.start(1)))
    return found


def _closing_quote(text: str, start: int, quote: str) -> int | None:
    """Where the quoted text that starts at `start` ends, or None."""
    at = start
    while (at := text.find(quote, at)) != -1:
        if quote == '"' and _escaped(text, at):
            at += 1
        elif quote == "'" and text.startswith("''", at):
            at += 2
        else:
            return at
    return None


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd number of backslashes."""
    slashes = len(text[:at]) - len(text[:at].rstrip("\\"))
    return slashes % 2 == 1


_DASH_NO_SPACE = re.compile(r"(\s*-)([^\s\-\d.][^\s]{0,20})")
"""A list item's dash with no space after it ('-Second point.'): YAML reads it as text."""
_INDENT_ERRORS = ("expected '-' indicator", "expected key", "expected <block end>")


_KEY_LIKE = re.compile(r"(\s*)(- )?([A-Za-z_]+) +\S")
"""A line that starts like a key followed by a space, where a ':' was forgotten."""


def _missing_colon(lines: list[str], reported: int) -> tuple[int, int, str] | None:
    """(line, column, word) of a forgotten ':' after a key, on the reported line or the
    one before (where the parser notices it): a line with no ': ' whose first word is at
    the left edge (a source's top level holds only keys), or is followed by a key at the
    same indentation (as 'points:' follows '- title Cold water')."""
    for number in (reported - 1, reported):
        if not 1 <= number <= len(lines):
            continue
        line = lines[number - 1]
        found = _KEY_LIKE.match(line)
        if found is None or ": " in line or line.rstrip().endswith(":"):
            continue
        column = len(found.group(1)) + len(found.group(2) or "")
        after = next(
            (n for n in lines[number:] if n.strip() and not n.lstrip().startswith("#")), ""
        )
        indent = len(after) - len(after.lstrip(" "))
        key = re.match(r"\s*([A-Za-z_]+):", after)
        # (A key, not text that runs on from this line with a ': ' in it: 'economy: …'
        # under '- Staying ahead … the Soviet'.)
        sibling = indent == column and key is not None and key.group(1).lower() in KEYS
        if column == 0 or (found.group(2) and sibling):
            return number, column + 1, found.group(3)
    return None


Slip = Callable[[list[str], int], tuple[int, int, str] | None]
"""Finds a slip at a line: (line, column, the word a message names), or None."""

MISSING_COLON = (
    "YAML syntax error: no ':' after '{word}'; a key and its value are written "
    "'{word}: …' (or, if this line is text, put it in quotes)"
)
"""The message for a key written without its ':'."""

_BARE_KEY = re.compile(r"(\s*)(- )?([a-z_]+)(?: +\S.*)?$")
"""A line that starts with a word in small letters, as a key does."""


def _colon_before(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, word) of a ':' forgotten after the key that starts line `number`:
    a word alone on its line with lines indented under it (as 'points' over its list), or
    a word followed by a value (a capital, a digit, a quote) at the column of a key on the
    line before or after (as 'meaning The point…' under '- term: Focus'). A line that
    reads on as text ('the focus on the surface.') is none."""
    line = lines[number - 1] if 1 <= number <= len(lines) else ""
    found = _BARE_KEY.match(line)
    if found is None or ": " in line or line.rstrip().endswith(":"):
        return None
    column = len(found.group(1)) + len(found.group(2) or "")
    value = line[column + len(found.group(3)) :].strip()
    following = [n for n in lines[number:] if n.strip() and not n.lstrip().startswith("#")]
    if not value:
        under = bool(following) and len(following[0]) - len(following[0].lstrip()) > column
        return (number, column + 1, found.group(3)) if under else None
    if not (value[0].isupper() or value[0].isdigit() or value[0] in "\"'[{“‘"):
        return None
    around = [n for n in (*lines[number - 2 :: -1][:1], *following[:1]) if n.strip()]
    beside = any(
        (key := _BARE_KEY.match(n.split(":", 1)[0])) is not None
        and ":" in n
        and len(key.group(1)) + len(key.group(2) or "") == column
        for n in around
    )
    return (number, column + 1, found.group(3)) if beside else None


def _text_line(lines: list[str], number: int) -> tuple[str, int] | None:
    """(text, column) of line `number` when it is text alone: no ':', no list dash, no
    comment."""
    line = lines[number - 1] if 1 <= number <= len(lines) else ""
    text = line.strip()
    if not text or ":" in text or text.startswith(("-", "#")):
        return None
    return text, len(line) - len(line.lstrip(" "))


def _dash_lost(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, text) of line `number` when it is text at the column of the list
    items before it, as a list item that lost its '- '."""
    found = _text_line(lines, number)
    if found is None:
        return None
    text, column = found
    before = next(
        (n for n in reversed(lines[: number - 1]) if n.strip() and not n.lstrip().startswith("#")),
        "",
    )
    item = before.lstrip(" ")
    if item.startswith("- ") and len(before) - len(item) == column:
        return number, column + 1, text
    return None


def _wrapped_at_key(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, key) of line `number` when it is text that starts at the column of
    the key whose text ends on the line before ('meaning: The point above' over 'the
    focus on the surface.')."""
    found = _text_line(lines, number)
    if found is None or number < 2:
        return None
    column = found[1]
    key = re.match(r"(\s*)(- )?([A-Za-z_]+): +\S", lines[number - 2])
    if key and key.group(3).lower() not in KEYS:
        key = None  # (text before ': ', as 'Voltage:' — not a key written with a capital)
    if key and len(key.group(1)) + len(key.group(2) or "") == column:
        return number, column + 1, key.group(3)
    return None


def _colon_in_text(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, text) of a list item, on line `number` or one of the two before
    it, whose text has a ': ' after words no key is made of ('- Current is the flow of
    ==charge==: Q = It, with charge in' over 'coulombs.'): YAML read the words as a key."""
    for at in range(number, max(number - 3, 0), -1):
        item = (
            re.match(r"(\s*)- +(?![\"'])([^:#]*?): +\S", lines[at - 1])
            if at <= len(lines)
            else None
        )
        if item and item.group(2).lower() not in KEYS:
            return at, len(item.group(1)) + 3, item.group(2)
    return None


def _wrapped_short(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, the text's column) of line `number` when it is text of two words
    or more that goes on from a text on the line before (a list item's, or a key's) but
    starts left of it ('offending the most powerful…' under '- Charles V was…'): YAML
    reads it as a key of the mapping it lines up with, or the file's."""
    found = _text_line(lines, number)
    if found is None or len(found[0].split()) < 2 or found[0].split()[0].lower() in KEYS:
        return None
    if _wrapped_at_key(lines, number) is not None:
        return None  # (said as that: it starts under its key)
    column = found[1]
    before = next(
        (n for n in reversed(lines[: number - 1]) if n.strip() and not n.lstrip().startswith("#")),
        "",
    )
    text = re.match(r"(\s*(?:- +|[A-Za-z_]+: +))[^\s\"'\[{|>]", before)
    if text is None or len(text.group(1)) <= column:
        return None
    return number, column + 1, str(len(text.group(1)) + 1)


def _bullet_too_shallow(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, '') of the list item above line `number` that is indented less
    than the items from it down to line `number` ('    - The Iron Curtain…' over '      -
    Both spheres…' and '      - text: Each…'): YAML reads those as its text, until a
    ': ' in them is no text."""
    item = re.compile(r"(\s*)- +\S")
    here = item.match(lines[number - 1]) if 1 <= number <= len(lines) else None
    if here is None:
        return None
    depth = len(here.group(1))
    for at in range(number - 1, 0, -1):
        line = lines[at - 1]
        if not line.strip() or line.lstrip().startswith("#"):
            return None
        above = item.match(line)
        indent = len(line) - len(line.lstrip())
        if above is not None and len(above.group(1)) < depth:
            return at, len(above.group(1)) + 1, ""
        if indent < depth or (above is None and indent <= depth) or ": " in line:
            return None
    return None


def _key_too_deep(lines: list[str], number: int) -> tuple[int, int, str] | None:
    """(line, column, key) of line `number` when it is a key indented further than the
    key with a text on the line before ('     points:' under '  - title: Anne Boleyn'):
    YAML reads it as more of that text."""
    line = lines[number - 1] if 1 <= number <= len(lines) else ""
    key = re.match(r"(\s*)([A-Za-z_]+):(?:\s|$)", line)
    if key is None or key.group(2).lower() not in KEYS or number < 2:
        return None
    above = re.match(r"(\s*)(- )?([A-Za-z_]+): +[^\s\"'\[{|>]", lines[number - 2])
    if above is None or above.group(3).lower() not in KEYS:
        return None
    if len(key.group(1)) > len(above.group(1)) + len(above.group(2) or ""):
        return number, len(key.group(1)) + 1, key.group(2)
    return None


_INDENTED: tuple[tuple[Slip, str], ...] = (
    (
        _bullet_too_shallow,
        "YAML syntax error: this point is indented less than the points below it, so "
        "YAML reads them as its text; indent it as they are",
    ),
    (
        _wrapped_short,
        "YAML syntax error: this line goes on with the text above but starts left of it; "
        "indent it to line up with that text (column {word}), or join it to the line above",
    ),
    (
        _key_too_deep,
        "YAML syntax error: '{word}:' is indented further than the key above it, so YAML "
        "reads it as more of that key's text; line '{word}:' up under that key",
    ),
)
"""Lines indented wrongly, found at the reported line or the one before, with their
messages ({word}: the word found)."""


KEYS = frozenset(
    "alt classes course duplex factors file formats image intro language layouts links "
    "meaning name pack points print question roster sections seed sources students subject "
    "teacher term terms text timeline title what when".split()
)
"""Every key of the source and pack formats (tests/test_schema.py checks them against
the JSON Schema): a word before ': ' that is one, in any capitals, is a key mistyped, not
text."""


_SLIPS: tuple[tuple[Slip, str], ...] = (
    (_colon_before, MISSING_COLON),
    (
        _dash_lost,
        "YAML syntax error: this line stands among list items without their '- '; "
        "a list item is written '- {word}'",
    ),
    (
        _wrapped_at_key,
        "YAML syntax error: this line goes on with the text of '{word}' above but "
        "starts under '{word}' itself; indent it further than '{word}:'",
    ),
    (
        _colon_in_text,
        "YAML syntax error: this text reads as 'key: value' because of the ': ' after "
        "'{word}'; put the whole text in quotes",
    ),
)
"""The slips found where the parser began reading a key, in the order they are tried,
with their messages ({word}: the word found)."""


def _needs_quotes(line: str) -> bool:
    body = line.strip()
    if body.startswith("- "):
        body = body[2:].lstrip()
    elif ": " in body:
        body = body.split(": ", 1)[1].lstrip()
    # `points: [a, b]` is a list written inline on purpose, not text that needs quotes.
    return body.startswith(QUOTE_HINT_STARTS) and not _inline_collection(body)


def _inline_collection(body: str) -> bool:
    """Whether `body` is one [..] or {..} that closes exactly at its end."""
    if not body.startswith(("[", "{")):
        return False
    depth = 0
    for index, char in enumerate(body):
        depth += (char in "[{") - (char in "]}")
        if depth == 0:
            return index == len(body) - 1
    return False
