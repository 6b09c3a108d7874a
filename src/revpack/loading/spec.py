"""A small declarative schema for YAML trees: checks shape, collects every problem.

Sources, layouts and packs are each described once as a `Spec`; the same description
validates a file (with `path:line:col` for every problem) and produces the JSON Schema
that editors use.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from revpack.loading.yamltree import Map, Node, Scalar, Seq
from revpack.problems import Mark, Problem

Checked = Any
"""What a spec's `check` makes of a node: plain data of the shape the spec describes (a
text as its Scalar, a list, Fields, a parsed value), or INVALID. Its shape is only known
from the spec that checked it, so it is not typed further."""

JsonSchema = dict[str, Any]
"""A JSON Schema as `json_schema` makes it: keywords and their JSON values (text,
numbers, lists, nested schemas)."""


class Spec:
    """Base of all specs: `check` turns a node into plain Python data or records problems."""

    description = ""

    def check(self, node: Node, problems: list[Problem]) -> Checked:  # pragma: no cover
        raise NotImplementedError

    def json_schema(self) -> JsonSchema:  # pragma: no cover
        raise NotImplementedError


_INVALID = object()
"""Returned for a node that had problems; callers skip it."""
INVALID = _INVALID
"""The same marker, for specs defined in other modules."""


@dataclass
class TextSpec(Spec):
    """Any text. Empty text is a problem when `allow_empty` is false."""

    description: str = ""
    allow_empty: bool = False

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        if not isinstance(node, Scalar):
            hint = ""
            if getattr(node, "flow", False):
                hint = "; text that starts with [ or { must be put in quotes"
            problems.append(Problem(node.mark, f"expected text here, found {_kind(node)}{hint}"))
            return _INVALID
        if not node.text.strip() and not self.allow_empty:
            problems.append(Problem(node.mark, "this text is empty"))
            return _INVALID
        bullet = _RUN_ON_BULLET.search(node.raw) if node.raw[:1] not in "'\"|>" else None
        if bullet is not None and node.mark is not None:
            # ('    - Both sides…' under '      - In 1954…': YAML reads the bullets below
            # as the text of the one above it, one point where the notes have four)
            line = node.mark.line + node.raw.count("\n", 0, bullet.start() + 1)
            at = Mark(node.mark.path, line, len(bullet.group(1)) + 1)
            problems.append(
                Problem(
                    at,
                    "this '- ' is read as more text of the point above it, not as a point "
                    "of its own: indent it as the points above it are (or, if the text "
                    "really goes on with '- ', put the whole text in quotes)",
                )
            )
            return _INVALID
        return node

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "string"}
        if not self.allow_empty:
            schema["minLength"] = 1
        return _described(schema, self.description)


_RUN_ON_BULLET = re.compile(r"\n([ \t]*)- ")
"""A line of a text written without quotes that starts '- ': a point indented less than
the one above it, which YAML reads as that one's text going on."""


@dataclass
class Value(Spec):
    """Text converted by `parse`, which raises ValueError with a message on bad input."""

    parse: Callable[[str], Checked]
    description: str = ""
    schema: JsonSchema = field(default_factory=lambda: {"type": "string"})

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        if not isinstance(node, Scalar):
            problems.append(Problem(node.mark, f"expected a value here, found {_kind(node)}"))
            return _INVALID
        try:
            return self.parse(node.text)
        except ValueError as exc:
            problems.append(Problem(node.mark, str(exc)))
            return _INVALID

    def json_schema(self) -> JsonSchema:
        return _described(dict(self.schema), self.description)


@dataclass
class ListOf(Spec):
    """A list whose items all match `item`; a lone item is accepted where `lone_ok`."""

    item: Spec
    min_items: int = 1
    description: str = ""
    lone_ok: bool = False
    max_items: int | None = None
    """The most items the list may have (None: no limit)."""
    unique: bool = False
    """Whether an item may be listed only once (an exercise: listed 900 times, a shared
    layout printed a worksheet of 1,800 pages)."""

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        if isinstance(node, Scalar) and self.lone_ok and node.text.strip():
            node = Seq([node], node.mark)
        if not isinstance(node, Seq):
            problems.append(
                Problem(
                    node.mark,
                    f"expected a list here (lines starting with '- '), found {_kind(node)}",
                )
            )
            return _INVALID
        if len(node.items) < self.min_items:
            problems.append(
                Problem(node.mark, "this list is empty; add at least one item or remove the key")
            )
            return _INVALID
        if self.max_items is not None and len(node.items) > self.max_items:
            problems.append(
                Problem(
                    node.mark,
                    f"this list has {len(node.items):,} items; "
                    f"it may have at most {self.max_items:,}",
                )
            )
            return _INVALID
        checked = [self.item.check(item, problems) for item in node.items]
        if self.unique:
            first: dict[object, Mark] = {}
            for item, value in zip(node.items, checked, strict=True):
                if value is _INVALID:
                    continue
                if value in first:
                    problems.append(
                        Problem(
                            item.mark,
                            f"'{value}' is listed twice (first at line {first[value].line}); "
                            "list each once",
                        )
                    )
                    return _INVALID
                first[value] = item.mark
        return [c for c in checked if c is not _INVALID]

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "array", "items": self.item.json_schema()}
        if self.unique:
            schema["uniqueItems"] = True
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.lone_ok:
            schema = {"anyOf": [schema, self.item.json_schema()]}
        return _described(schema, self.description)


@dataclass
class Key:
    """One key of a `Record`."""

    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    """A mapping with known keys. Returns {key: checked value}, plus '@' for its mark."""

    keys: dict[str, Key]
    name: str = "this mapping"
    description: str = ""

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        if not isinstance(node, Map):
            problems.append(
                Problem(
                    node.mark, f"expected {self.name} (lines of 'key: value'), found {_kind(node)}"
                )
            )
            return _INVALID
        out = Fields(node.mark)
        ok = True
        for key, (key_mark, value) in node.entries.items():
            if key not in self.keys:
                problems.append(Problem(key_mark, self.unknown_key_message(key)))
                ok = False
                continue
            if (
                isinstance(value, Scalar)
                and not value.text.strip()
                and isinstance(self.keys[key].spec, TextSpec)
            ):
                if not self.keys[key].required:
                    continue  # an optional text left empty is the same as leaving it out
                problems.append(Problem(value.mark, f"'{key}' is empty; {self.name} needs it"))
                ok = False
                continue
            checked = self.keys[key].spec.check(value, problems)
            if checked is _INVALID:
                ok = False
            else:
                out[key] = checked
        for key, spec in self.keys.items():
            if spec.required and key not in node.entries:
                problems.append(Problem(node.mark, f"{self.name} needs '{key}'"))
                ok = False
        return out if ok else _INVALID

    def unknown_key_message(self, key: str) -> str:
        message = f"unknown key '{key}' in {self.name}"
        close = difflib.get_close_matches(key.lower(), list(self.keys), n=1, cutoff=0.6)
        if close:
            return f"{message}; did you mean '{close[0]}'?"
        return f"{message}; expected one of: {', '.join(self.keys)}"

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {
            "type": "object",
            "properties": {k: v.spec.json_schema() for k, v in self.keys.items()},
            "additionalProperties": False,
        }
        required = [k for k, v in self.keys.items() if v.required]
        if required:
            schema["required"] = required
        return _described(schema, self.description)


class Fields(dict[str, Checked]):
    """A checked record's values by key, and `mark`: where the record was written."""

    def __init__(self, mark: Mark):
        super().__init__()
        self.mark = mark


@dataclass
class Either(Spec):
    """Text, or a record; `record_hint` explains a mapping that was meant as text."""

    text: TextSpec
    record: Record
    description: str = ""
    record_hint: Callable[[Map], str | None] = lambda node: None

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        if isinstance(node, Map):
            hint = self.record_hint(node)
            if hint:
                problems.append(Problem(node.mark, hint))
                return _INVALID
            return self.record.check(node, problems)
        return self.text.check(node, problems)

    def json_schema(self) -> JsonSchema:
        return _described(
            {"anyOf": [self.text.json_schema(), self.record.json_schema()]}, self.description
        )


def _kind(node: Node) -> str:
    if isinstance(node, Scalar):
        return "text" if node.text.strip() else "nothing"
    return "a list" if isinstance(node, Seq) else "a mapping"


def _described(schema: JsonSchema, description: str) -> JsonSchema:
    if description:
        schema["description"] = description
    return schema


# Typed values for layouts and packs ------------------------------------------------------

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
_UNITS = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, None: 1.0}


def length(text: str) -> float:
    """A length such as `12mm`, `1.5cm`, `0.5in` or `18pt` (bare numbers are points)."""
    m = _LENGTH.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a length; write it like 12mm, 1cm, 0.5in or 18pt")
    return float(m.group(1)) * _UNITS[m.group(2)]


def length_in(low: float, high: float) -> Callable[[str], float]:
    """A length (see `length`) from `low` to `high` points."""

    def parse(text: str) -> float:
        value = length(text)
        if not low <= value <= high:
            mm = 25.4 / 72
            raise ValueError(
                f"{text.strip()} is out of range; use a length from "
                f"{low * mm:g}mm to {high * mm:g}mm"
            )
        return value

    return parse


def number(low: float, high: float) -> Callable[[str], float]:
    """A number between `low` and `high`."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
        if not low <= value <= high:
            raise ValueError(f"{text} is out of range; use a number from {low:g} to {high:g}")
        return value

    return parse


def whole(low: int, high: int) -> Callable[[str], int]:
    """A whole number between `low` and `high`."""

    def parse(text: str) -> int:
        # (0-9 only: '²' is a digit to str.isdigit, and int() refuses it)
        if re.fullmatch("[-−][0-9]+", text.strip()):
            raise ValueError(f"{text} is out of range; use a whole number from {low} to {high}")
        if not re.fullmatch("[0-9]+", text.strip()):
            raise ValueError(f"'{text}' is not a whole number")
        digits = text.strip().lstrip("0") or "0"
        value = int(digits) if len(digits) <= 18 else high + 1  # (no huge conversions)
        if not low <= value <= high:
            text = text if len(text) <= 20 else f"{text.strip()[:12]}… ({len(digits)} digits)"
            raise ValueError(f"{text} is out of range; use a whole number from {low} to {high}")
        return value

    return parse


def choice(*options: str) -> Callable[[str], str]:
    """One of a fixed set of words."""

    def parse(text: str) -> str:
        if text in options:
            return text
        lowered = {option.lower(): option for option in options}
        close = difflib.get_close_matches(text.strip().lower(), list(lowered), n=1)
        hint = f"; did you mean '{lowered[close[0]]}'?" if close else ""
        raise ValueError(f"'{text}' is not one of: {', '.join(options)}{hint}")

    return parse


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(text: str) -> str:
    """A BCP 47 language tag such as en-GB, fr, de-CH or cy (kept as written)."""
    tag = text.strip().replace("_", "-")
    if not _LANGUAGE.fullmatch(tag):
        raise ValueError(f"'{text}' is not a language tag; write it like en-GB, fr, de, es or cy")
    return tag


def boolean(text: str) -> bool:
    """true/false (also yes/no)."""
    word = text.strip().lower()
    if word in ("true", "yes", "on"):
        return True
    if word in ("false", "no", "off"):
        return False
    raise ValueError(f"'{text}' is not true or false")


def colour(text: str) -> str:
    """A colour as #RRGGBB."""
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", text.strip()):
        return text.strip().upper()
    raise ValueError(
        f"'{text}' is not a colour; write it as #RRGGBB, e.g. \"#1F4E79\" "
        "(in quotes, since # starts a comment)"
    )
