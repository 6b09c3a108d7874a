"""Telling a pack from a source (a pack has a top-level `pack:` key), and a layout from
either (`renders:` or `extends:`), without loading what reading a pack needs: a check of
sources alone never loads revpack.loading.pack."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from revpack.loading import limits
from revpack.loading.yamltree import Map, Node, decode, parse
from revpack.problems import InputError


def is_pack(path: Path) -> bool:
    """Whether a YAML file is a pack: it has a top-level `pack:` key (which no source has),
    wherever in the file that key stands, quoted or not, written in block or flow style."""
    return pack_file(path) is not None


class PackFile(NamedTuple):
    """A file found to be a pack (`pack_file`), and what was read of it to tell."""

    tree: Node | None
    """Its YAML tree, when it was parsed to tell and is small enough to be a pack (so
    that `load_pack` need not parse it again); None otherwise."""


def pack_file(path: Path) -> PackFile | None:
    """The file at `path` if it is a pack (see `is_pack`), else None."""
    found = sniff(path)
    return found if isinstance(found, PackFile) else None


LAYOUT = "layout"
"""What `sniff` says of a layout file: its own keys have `renders:` or `extends:`, which
no source or pack has, and no `title:` or `pack:`."""


def sniff(path: Path) -> PackFile | str | None:
    """What the YAML file at `path` is, from one read of it: a PackFile, LAYOUT, or None
    (a source, or a file that cannot be read, which reading it as one reports)."""
    try:
        size, data = limits.read_regular(path, limits.SOURCE_BYTES)
    except OSError:
        return None
    text = data.decode("utf-8", "replace").lstrip("\ufeff")  # (a byte order mark or two)
    if _PACK_KEY.search(text) is not None:
        if size > limits.SOURCE_BYTES:
            return PackFile(None)  # too large to read as YAML here: refused as a pack of that size
        # `pack:` may start a line inside a quoted text of a source: ask the YAML, when it
        # can be read, whether the file's own keys have it.
        try:
            tree = parse(decode(data, str(path)), str(path))
        except InputError:
            return PackFile(None)  # a broken pack is reported as a pack
        if not isinstance(tree, Map) or "pack" in tree.entries:
            return PackFile(tree if size <= limits.PACK_BYTES else None)
    if _LAYOUT_KEY.search(text) is None:
        return None
    if size > limits.LAYOUT_BYTES:  # (not read as YAML: refused as a layout of that size)
        return LAYOUT if _TITLE_KEY.search(text) is None else None
    try:
        tree = parse(decode(data, str(path)), str(path))
    except InputError:
        return None
    keys = set(tree.entries) if isinstance(tree, Map) else set()
    return LAYOUT if keys & {"renders", "extends"} and not keys & {"title", "pack"} else None


_PACK_KEY = re.compile(r"""(?m)(?:^|^\{\s*|,\s*)(?:pack|'pack'|"pack")[ \t]*:(?:\s|$)""")
"""`pack:` at the start of a line (a top-level key) or as a key of a one-line {…} file."""

_LAYOUT_KEY = re.compile(
    r"""(?m)(?:^|^(?:---\s*)?\{\s*|,\s*)(?:renders|extends|'renders'|'extends'|"renders"|"extends")"""
    r"[ \t]*:(?:\s|$)"
)
"""`renders:` or `extends:` at the start of a line, or as a key of a one-line {…} file."""
_TITLE_KEY = re.compile(r"""(?m)^(?:title|'title'|"title")[ \t]*:(?:\s|$)""")
"""`title:` at the start of a line: a source's key."""
