"""The declarative spec: shapes checked with every problem located, and JSON Schema out."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from helpers import DATA, THAW
from revpack.loading.source import SOURCE
from revpack.loading.spec import (
    Either,
    Key,
    ListOf,
    Record,
    TextSpec,
    Value,
    boolean,
    choice,
    colour,
    length,
    number,
    whole,
)
from revpack.loading.yamltree import parse
from revpack.problems import Problem

PERSON = Record(
    {
        "name": Key(TextSpec(), required=True),
        "colour": Key(Value(colour)),
        "tags": Key(ListOf(TextSpec(), lone_ok=True)),
        "items": Key(ListOf(Record({"n": Key(Value(whole(1, 9)), required=True)}, name="an item"))),
    },
    name="a person",
)


def check(spec, text: str):
    problems: list[Problem] = []
    value = spec.check(parse(text, "t.yaml"), problems)
    return value, [str(p) for p in problems]


def test_a_good_record_gives_plain_values_and_its_mark():
    value, problems = check(PERSON, "name: Ada\ncolour: '#1f4e79'\ntags: one\nitems:\n  - n: 3\n")
    assert problems == []
    assert value["name"].text == "Ada"
    assert value["colour"] == "#1F4E79"
    assert [t.text for t in value["tags"]] == ["one"]
    assert value["items"][0]["n"] == 3
    assert value.mark.line == 1


def test_every_problem_is_collected_with_its_place():
    _, problems = check(
        PERSON, "nmae: Ada\ncolour: blue\ntags: []\nitems:\n  - n: 12\n  - {}\n  - x\n"
    )
    assert problems == [
        "t.yaml:1:1: unknown key 'nmae' in a person; did you mean 'name'?",
        "t.yaml:2:9: 'blue' is not a colour; write it as #RRGGBB, e.g. \"#1F4E79\" (in quotes, "
        "since # starts a comment)",
        "t.yaml:3:7: this list is empty; add at least one item or remove the key",
        "t.yaml:5:8: 12 is out of range; use a whole number from 1 to 9",
        "t.yaml:6:5: an item needs 'n'",
        "t.yaml:7:5: expected an item (lines of 'key: value'), found text",
        "t.yaml:1:1: a person needs 'name'",
    ]


def test_unknown_key_without_a_close_match_lists_the_keys():
    _, problems = check(PERSON, "name: A\nzzz: 1\n")
    assert problems == [
        "t.yaml:2:1: unknown key 'zzz' in a person; expected one of: name, colour, tags, items"
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("name: [a]\n", "expected text here, found a list"),
        ("name: {a: b}\n", "expected text here, found a mapping"),
        (
            "name: A\ntags: {a: b}\n",
            "expected a list here (lines starting with '- '), found a mapping",
        ),
        ("name: A\ntags:\n", "expected a list here (lines starting with '- '), found nothing"),
        ("name: '  '\n", "'name' is empty; a person needs it"),
    ],
)
def test_wrong_shapes(text, message):
    _, problems = check(PERSON, text)
    assert len(problems) == 1 and message in problems[0]


def test_either_takes_text_or_a_record_and_explains_a_stray_mapping():
    spec = Either(
        TextSpec(),
        Record({"text": Key(TextSpec(), required=True)}, name="a point"),
        record_hint=lambda node: "quote it" if "text" not in node.entries else None,
    )
    assert check(spec, "plain")[0].text == "plain"
    assert check(spec, "text: inner")[0]["text"].text == "inner"
    assert check(spec, "Beria: he wanted")[1] == ["t.yaml:1:1: quote it"]


@pytest.mark.parametrize(
    "text, points",
    [
        ("12mm", 12 * 72 / 25.4),
        ("1cm", 72 / 2.54),
        ("0.5in", 36.0),
        ("18pt", 18.0),
        ("18", 18.0),
        (" 2.5 mm ", 2.5 * 72 / 25.4),
    ],
)
def test_length(text, points):
    assert length(text) == pytest.approx(points)


@pytest.mark.parametrize("text", ["12 px", "mm", "-3mm", "twelve", "1,5cm", ""])
def test_bad_length(text):
    with pytest.raises(ValueError, match="is not a length"):
        length(text)


def test_numbers_choices_booleans_colours():
    assert number(1, 2)("1.5") == 1.5
    with pytest.raises(ValueError, match="out of range"):
        number(1, 2)("3")
    with pytest.raises(ValueError, match="not a number"):
        number(1, 2)("big")
    assert whole(1, 3)("2") == 2
    with pytest.raises(ValueError, match="not a whole number"):
        whole(1, 3)("2.5")
    assert choice("A4", "A3")("A4") == "A4"
    with pytest.raises(ValueError, match="did you mean 'A4'"):
        choice("A4", "A3", "Letter")("a4")
    assert boolean("Yes") is True and boolean("off") is False
    with pytest.raises(ValueError):
        boolean("maybe")
    assert colour(" #abcdef ") == "#ABCDEF"
    for bad in ("#abc", "red", "#GGGGGG", "1F4E79"):
        with pytest.raises(ValueError, match="is not a colour"):
            colour(bad)


def test_source_json_schema_is_valid_and_accepts_the_sources():
    schema = SOURCE.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = [THAW, *sorted((DATA / "sources").glob("*.yaml"))]
    for path in good:
        # BaseLoader keeps every scalar as text, as revpack does.
        data = yaml.load(path.read_text("utf-8-sig"), Loader=yaml.BaseLoader)
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path}: {errors[0].message}"


def test_source_json_schema_refuses_what_the_checker_refuses():
    validator = jsonschema.Draft202012Validator(SOURCE.json_schema())
    assert list(validator.iter_errors({"factors": []}))  # no title, empty list
    assert list(validator.iter_errors({"title": "T", "factros": []}))
    assert list(validator.iter_errors({"title": "T", "factors": [{"title": "F"}]}))
    assert not list(
        validator.iter_errors(
            {
                "title": "T",
                "factors": [
                    {"title": "F", "points": ["p", {"text": "q", "points": ["r"]}], "links": "G"}
                ],
            }
        )
    )
