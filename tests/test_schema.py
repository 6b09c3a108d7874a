"""`revpack schema`: a JSON Schema that agrees with `revpack check` about shape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import DATA, REPO, revpack
from revpack.loading.pack import is_pack
from revpack.loading.schema import editor_comment, source_schema
from revpack.loading.yamltree import KEYS

COMMITTED = REPO / "schema" / "source.schema.json"
BAD = DATA / "bad"
OWN = DATA / "schema"
# The bad-source catalogue's cases that are about shape; the others (duplicate keys, tags,
# links, markup, characters, encodings) are beyond what a JSON Schema can say.
SHAPE_CASES = [
    "unknown-key.yaml",
    "mapping-for-list.yaml",
    "list-for-text.yaml",
    "subpoints-mapping.yaml",
    "missing-title.yaml",
    "empty-title.yaml",
    "empty-factors.yaml",
    "factor-no-points.yaml",
    "beria-colon.yaml",
    "just-a-list.yaml",
    "several-problems.yaml",
]
SOURCES = sorted(p for p in (REPO / "sources").rglob("*.yaml") if not is_pack(p))
# The test suite's good sources too (other subjects, scripts, markup-like text, CRLF).
GOOD = sorted((DATA / "sources").glob("*.yaml"))


def editor_view(path: Path):
    """The file as a YAML 1.2 editor sees it: plain 1955 is a number, true a boolean."""
    # LibYAML, as revpack uses: PyYAML's own parser refuses `[Why…?]` in a flow list.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _value(yaml.compose(path.read_text("utf-8"), Loader=loader))


_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _value(node):
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {k.value: _value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_value(v) for v in node.value]
    text = node.value
    if node.style:  # quoted or block scalars are always strings (plain: None or "")
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(COMMITTED.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_what_revpack_schema_prints():
    done = revpack("schema")
    assert done.returncode == 0, done.stderr
    assert done.stdout == COMMITTED.read_text("utf-8"), (
        "schema/source.schema.json is stale: run `revpack schema -o schema/source.schema.json`"
    )


def test_schema_is_draft_2020_12_with_its_name():
    schema = source_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]
    source = schema["$defs"]["source"]
    assert source["required"] == ["title"]
    assert source["additionalProperties"] is False


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (REPO / "sources").rglob("*.yaml") if is_pack(p)),
    ids=lambda p: p.name,
)
def test_pack_files_beside_the_sources_are_accepted(validator, path):
    assert not list(validator.iter_errors(editor_view(path)))


@pytest.mark.parametrize(
    "text",
    [
        "pack: Year 9\nsources: [a.yaml]\n",  # no classes
        "pack: Year 9\nsources: [a.yaml]\nclasses: [{teacher: X}]\n",  # a class without a name
        "pack: Year 9\nsources: [a.yaml]\nclasses: [{name: 9A}]\ntitle: x\n",  # a source key
    ],
)
def test_bad_pack_shapes_are_rejected(validator, text):
    assert not validator.is_valid(yaml.safe_load(text))


def test_schema_option_writes_a_file(tmp_path):
    out = tmp_path / "schema" / "source.schema.json"
    done = revpack("schema", "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_text("utf-8") == COMMITTED.read_text("utf-8")


@pytest.mark.parametrize("path", SOURCES + GOOD, ids=lambda p: p.name)
def test_every_source_is_accepted(validator, path):
    assert SOURCES, "no sources found"
    errors = [e.message for e in validator.iter_errors(editor_view(path))]
    assert not errors, f"{path.name}: {errors}"


def test_a_source_points_editors_at_the_schema():
    thaw = REPO / "sources" / "cold-war" / "thaw.yaml"
    first = thaw.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/source.schema.json"
    assert (thaw.parent / "../../schema/source.schema.json").resolve() == COMMITTED


@pytest.mark.parametrize("name", SHAPE_CASES)
def test_bad_shapes_are_rejected(validator, name):
    path = BAD / name
    assert not validator.is_valid(editor_view(path)), f"{name} should be rejected"
    done = revpack("check", path)
    assert done.returncode == 1  # and revpack agrees


@pytest.mark.parametrize("name", ["quoted-wrong-type.yaml", "null-title.yaml"])
def test_more_bad_shapes_are_rejected(validator, name):
    assert not validator.is_valid(editor_view(OWN / name))
    assert revpack("check", OWN / name).returncode == 1


def test_unquoted_numbers_and_booleans_are_text_to_both(validator):
    # The schema allows what revpack accepts, so an editor does not flag a correct file.
    path = OWN / "editor-types.yaml"
    data = editor_view(path)
    assert data["timeline"][0]["when"] == 1955 and data["factors"][0]["points"][1] is True
    assert not list(validator.iter_errors(data))
    assert revpack("check", path).returncode == 0


def test_quoted_year_is_a_string_for_the_editor():
    thaw = editor_view(REPO / "sources" / "cold-war" / "thaw.yaml")
    assert {type(e["when"]) for e in thaw["timeline"]} == {str}


def test_editor_comment_finds_the_nearest_schema(tmp_path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "source.schema.json").write_text("{}", "utf-8")
    target = tmp_path / "sources" / "history" / "thaw.yaml"
    assert (
        editor_comment(target, tmp_path)
        == "# yaml-language-server: $schema=../../schema/source.schema.json"
    )
    assert (
        editor_comment(None, tmp_path)
        == "# yaml-language-server: $schema=schema/source.schema.json"
    )


def test_editor_comment_says_how_to_make_a_missing_schema(tmp_path):
    lines = editor_comment(tmp_path / "sources" / "x.yaml", tmp_path).splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/source.schema.json"
    assert "revpack schema -o schema/source.schema.json" in lines[1]


def test_the_source_checks_slips_know_every_key_of_the_formats():
    # A word before ': ' that is a key (in any capitals) is a key mistyped; any other is
    # text (yamltree.KEYS): the two lists must not drift apart.
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update(
                node.get("properties", {}) if isinstance(node.get("properties"), dict) else ()
            )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(source_schema())
    assert keys <= KEYS
