"""The JSON Schema of the source format, for editors (and anyone checking sources by hand).

The schema is generated from the same declarative spec that validates sources
(`source.SOURCE`), so the two cannot drift apart; `schema/source.schema.json` in the
repository is its committed output. It checks shape only: keys, lists, required fields.
What only revpack can check (duplicate keys and factor titles, links, `==` markup,
characters the fonts lack) is left to `revpack check`.

Text and YAML types: revpack reads every scalar as text, so `when: 1955` and
`- yes` are fine sources. An editor's YAML language server, however, reads them as a
number and a boolean before it applies the schema. A schema that allowed only strings
would flag correct files, so wherever revpack expects text the schema also allows
numbers and booleans (revpack keeps them exactly as typed). A quoted `when: "1955"`, as
in sources/cold-war/thaw.yaml, is a string and passes either way. An optional text key
left empty (`intro:` or `intro: ""`) reads as null or ''; revpack treats it as absent, so
the schema allows both there too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from revpack.loading.pack import PACK
from revpack.loading.source import SOURCE
from revpack.loading.spec import JsonSchema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:revpack:source:1"
"""A name, not a download address: editors are pointed at a local copy of the file."""
FILE = Path("schema") / "source.schema.json"
"""Where a project keeps its copy, relative to its top folder (next to sources/)."""

_TEXT_TYPES = ["string", "number", "boolean"]

Json = Any
"""A JSON value (a mapping, list, text, number, boolean or null), as a schema holds them."""


def source_schema() -> JsonSchema:
    """The JSON Schema (draft 2020-12) of the files in a sources folder: a source, or a
    pack file (told apart, as revpack does, by its top-level `pack:` key)."""
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "revpack source",
        "description": "A revpack source (format version 1), or a pack file (it has 'pack:').",
        "$defs": {"source": _widen(SOURCE.json_schema()), "pack": _widen(PACK.json_schema())},
        "if": {"type": "object", "required": ["pack"]},
        "then": {"$ref": "#/$defs/pack"},
        "else": {"$ref": "#/$defs/source"},
    }


def schema_text() -> str:
    """The schema as `revpack schema` prints it (stable key order, UTF-8, final newline)."""
    return json.dumps(source_schema(), indent=2, ensure_ascii=False) + "\n"


def _widen(node: Json) -> Json:
    """Allow the YAML types that revpack reads as text wherever text is expected."""
    if isinstance(node, list):
        return [_widen(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _widen(value) for key, value in node.items()}
    if node.get("type") == "string":
        node["type"] = list(_TEXT_TYPES)
    if node.get("type") == "object":
        required = set(node.get("required", ()))
        for key, value in node.get("properties", {}).items():
            if key not in required and value.get("type") == _TEXT_TYPES:
                value["type"] = [*_TEXT_TYPES, "null"]
                value.pop("minLength", None)  # revpack reads '' there as absent, too
    return node


def editor_comment(target: Path | None, cwd: Path) -> str:
    """The `# yaml-language-server: $schema=…` line for a new source at `target`.

    Points at the nearest `schema/source.schema.json` in the target's folder or above
    (stdout: the working folder or above). If there is none, points where `revpack schema
    -o schema/source.schema.json` in the working folder would put it, and says so.
    """
    folder = (target.parent if target else cwd).resolve()
    for place in (folder, *folder.parents):
        if (place / FILE).is_file():
            return f"# yaml-language-server: $schema={_relative(place / FILE, folder)}"
    wanted = cwd.resolve() / FILE
    return (
        f"# yaml-language-server: $schema={_relative(wanted, folder)}\n"
        f"# (for checks as you type, make that file once: revpack schema -o {FILE.as_posix()})"
    )


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()
