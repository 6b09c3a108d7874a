"""Names and labels that end up printed on a document (a pack's, a class's, a teacher's, a
layout's name and description): checked like source text, since a control character or a
character the fonts lack would break the file or print as an empty box."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.loading.limits import NAME_CHARS
from revpack.loading.markup import check_characters, too_long
from revpack.loading.spec import INVALID, Checked, JsonSchema, TextSpec
from revpack.loading.yamltree import Node, Scalar
from revpack.model import Audience
from revpack.problems import InputError, Mark, Problem


@dataclass
class Printed(TextSpec):
    """One line of printed text: no control characters, no line breaks, nothing the fonts
    cannot draw, at most NAME_CHARS characters. Checks to the scalar, like `Text`."""

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        checked = super().check(node, problems)
        if checked is INVALID or not isinstance(node, Scalar):  # (text checks to its Scalar)
            return checked
        found: list[Problem] = []
        text = node.text.strip()
        if len(text) > NAME_CHARS:
            found.append(
                Problem(
                    node.mark,
                    too_long(text, NAME_CHARS).replace("split it into points", "shorten it"),
                )
            )
        elif "\n" in text:
            found.append(
                Problem(
                    node.mark_at(node.text.index("\n")),
                    "a line break in a name or label; write it on one line",
                )
            )
        else:
            check_characters(node.text, node.mark_at, found)
            if len(found) > 1:  # one line for a name, however many characters are wrong
                first = found[0]
                found = [
                    Problem(
                        first.mark,
                        f"{first.message} (and {len(found) - 1} more characters like it)",
                    )
                ]
        problems += found
        return INVALID if found else checked

    def json_schema(self) -> JsonSchema:
        schema = super().json_schema()
        schema["maxLength"] = NAME_CHARS
        return schema


def check_audience(audience: Audience) -> None:
    """InputError when an audience given through the Python API has a class or teacher
    name that could not be printed, placed at `audience.class_name:1:1` or
    `audience.teacher:1:1`."""
    problems: list[Problem] = []
    for field, value in (("class_name", audience.class_name), ("teacher", audience.teacher)):
        if value is not None:
            Printed().check(Scalar(value, Mark(f"audience.{field}", 1, 1)), problems)
    if problems:
        raise InputError(problems)
