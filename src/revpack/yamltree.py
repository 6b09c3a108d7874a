"""Strict YAML reading: every scalar is text, every node keeps its place in the file.

The reader walks PyYAML's event stream (LibYAML's C parser where present) instead of
constructing Python objects, so tags never construct anything, aliases are refused before
they can expand, and nesting depth is bounded without recursion.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import yaml

from .problems import InputError, Mark, Problem

try:  # LibYAML's parser is several times faster than the pure-Python one.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

MAX_DEPTH = 32
"""Deeper nesting than any real source needs; beyond it the file is refused at once."""

QUOTE_HINT_STARTS = ("*", "[", "{", "&", "!", "|", ">", "%", "@", "`")


@dataclass
class Scalar:
    """A text value."""

    text: str
    mark: Mark


@dataclass
class Seq:
    """A list of nodes."""

    items: list
    mark: Mark


@dataclass
class Map:
    """A mapping of text keys to nodes, in file order."""

    entries: dict = field(default_factory=dict)  # key -> (key Mark, node)
    mark: Mark | None = None


Node = Scalar | Seq | Map


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a BOM); anything else is a problem naming the byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError([Problem(Mark(path, 1, 1),
                                  "file is UTF-16; save it as UTF-8")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(
            Mark(path, line, col),
            f"byte 0x{data[exc.start]:02X} at offset {exc.start} is not UTF-8; "
            "save the file as UTF-8")]) from None
    return text.replace("\r\n", "\n")


def _mark(path: str, ymark) -> Mark:
    return Mark(path, ymark.line + 1, ymark.column + 1)


def parse(text: str, path: str) -> Node | None:
    """Parse one YAML document into a tree of Scalar/Seq/Map; None for an empty file."""
    problems: list[Problem] = []
    stack: list = []  # open Seq/Map nodes, with a pending key for maps
    root: list = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            _step(event, path, stack, root, problems)
            if problems and isinstance(problems[-1], _Fatal):
                break
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text, path))
    if problems:
        raise InputError([Problem(p.mark, p.message) for p in problems])
    return root[0] if root else None


class _Fatal(Problem):
    """A problem after which reading more of the file is pointless or unsafe."""


def _step(event, path, stack, root, problems) -> None:
    mark = _mark(path, event.start_mark)
    if isinstance(event, yaml.AliasEvent):
        problems.append(_Fatal(mark, f"aliases (*{event.anchor}) are not allowed; write the "
                               "text out, or put the line in quotes if it starts with *"))
        return
    if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
        if event.anchor is not None:
            problems.append(Problem(mark, f"anchors (&{event.anchor}) are not allowed; put "
                                    "the line in quotes if it starts with &"))
        if event.tag not in (None, "!"):
            problems.append(Problem(mark, f"tags ({event.tag}) are not allowed; put the line "
                                    "in quotes if it starts with !"))
    if isinstance(event, yaml.ScalarEvent):
        _add(Scalar(event.value, mark), stack, root, problems)
    elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
        if len(stack) >= MAX_DEPTH:
            problems.append(_Fatal(mark, f"nesting deeper than {MAX_DEPTH} levels"))
            return
        node = Seq([], mark) if isinstance(event, yaml.SequenceStartEvent) else Map({}, mark)
        _add(node, stack, root, problems)
        stack.append([node, None])
    elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
        stack.pop()
    elif isinstance(event, yaml.DocumentStartEvent) and root:
        problems.append(_Fatal(mark, "more than one YAML document (---) in one file"))


def _add(node, stack, root, problems) -> None:
    if not stack:
        root.append(node)
        return
    top = stack[-1]
    parent = top[0]
    if isinstance(parent, Seq):
        parent.items.append(node)
    elif top[1] is None:  # this node is a key
        if not isinstance(node, Scalar):
            problems.append(Problem(node.mark, "a key must be plain text"))
            top[1] = (f"\0{id(node)}", node.mark)
        else:
            top[1] = (node.text, node.mark)
    else:
        key, key_mark = top[1]
        top[1] = None
        if key in parent.entries:
            first = parent.entries[key][0]
            problems.append(Problem(key_mark, f"duplicate key '{key}' (first at line "
                                    f"{first.line}); each key may appear once"))
        else:
            parent.entries[key] = (key_mark, node)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    ymark = exc.problem_mark or exc.context_mark
    mark = _mark(path, ymark) if ymark else Mark(path, 1, 1)
    message = f"YAML syntax error: {exc.problem or exc.context}"
    lines = text.split("\n")
    # The line that causes the error is often the one the parser reports, or the one before.
    for number in (mark.line, mark.line - 1):
        if 1 <= number <= len(lines) and _needs_quotes(lines[number - 1]):
            message += (f"; line {number} starts with a character YAML treats specially: "
                        "put the text in quotes")
            return Problem(Mark(path, number, mark.column if number == mark.line else 1),
                           message)
    if "mapping values are not allowed" in message:
        message += "; a ': ' inside text makes YAML read it as 'key: value': put the text " \
                   "in quotes or use another punctuation mark"
    return Problem(mark, message)


def _needs_quotes(line: str) -> bool:
    body = line.strip()
    if body.startswith("- "):
        body = body[2:].lstrip()
    elif ": " in body:
        body = body.split(": ", 1)[1].lstrip()
    return body.startswith(QUOTE_HINT_STARTS)
