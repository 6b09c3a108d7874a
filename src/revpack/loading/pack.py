"""Pack files: which sources, which layouts, for which classes.

```yaml
pack: Year 11 Cold War revision
sources: [../cold-war/*.yaml]        # relative to this file; globs allowed
layouts: [summary, worksheet, factor-chart]
classes:
  - name: 11A
    teacher: Ms Khan
    layouts: [summary, worksheet-support, factor-chart-blank]   # replaces the default
    seed: "7"                                                   # optional
```
"""

from __future__ import annotations

import glob
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from revpack.kinds import all_formats
from revpack.loading.spec import Key, ListOf, Record, Text, Value, boolean, choice, whole
from revpack.loading.yamltree import decode, parse
from revpack.problems import InputError, Mark, Problem

_NAMES = ListOf(Text(), lone_ok=True)
_PRINT = Record({
    "duplex": Key(Value(boolean, "Start every document of the print PDF on a right-hand "
                        "(odd) page, for printing on both sides.")),
}, name="print options")
_FORMATS = ListOf(Value(choice(*all_formats())), lone_ok=True,
                  description="Formats to write, for every layout whose kind has them "
                  "(default: each layout's own).")
CLASS = Record({
    "name": Key(Text(description="The class, e.g. 11A."), required=True),
    "teacher": Key(Text()),
    "layouts": Key(ListOf(Text(), lone_ok=True,
                          description="Layouts for this class (replaces the pack's).")),
    "formats": Key(_FORMATS),
    "seed": Key(Value(whole(0, 2**31 - 1), "Seed for this class's shuffles.",
                      {"type": ["string", "integer"]})),
    "print": Key(_PRINT),
}, name="a class")
PACK = Record({
    "pack": Key(Text(description="The pack's name."), required=True),
    "sources": Key(ListOf(Text(), lone_ok=True, description="Source files or globs, "
                          "relative to the pack file."), required=True),
    "layouts": Key(_NAMES),
    "formats": Key(_FORMATS),
    "classes": Key(ListOf(CLASS), required=True),
    "print": Key(_PRINT),
}, name="a pack")


@dataclass(frozen=True)
class PackClass:
    """One class of a pack."""

    name: str
    """As written, e.g. 11A; printed on every sheet."""
    slug: str
    """The class's folder name."""
    teacher: str | None
    """Printed beside the class."""
    layouts: tuple[str, ...]
    """Layouts this class gets."""
    seed: int
    """Seed for its shuffles: given, or derived from the pack and class names."""
    formats: tuple[str, ...] = ()
    """Formats for its layouts (the class's, else the pack's; () for each layout's own)."""
    duplex: bool = False
    """Its print PDF starts every document on a right-hand page (`print: {duplex: true}`
    in the class, else in the pack)."""


@dataclass(frozen=True)
class Pack:
    """A validated pack file."""

    path: str
    """The pack file."""
    name: str
    """The pack's name."""
    slug: str
    """Its folder name under the output folder."""
    sources: tuple[Path, ...]
    """Source files, globs expanded, in order, without repeats."""
    classes: tuple[PackClass, ...]
    """The classes, in order."""
    layout_marks: tuple[tuple[str, Mark], ...] = ()
    """Where each layout name is first written in the file, so that a name no layout
    answers to is reported there."""


def is_pack(path: Path) -> bool:
    """Whether a YAML file is a pack (it has a top-level `pack:` key, which no source has)."""
    try:
        head = path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return False
    return re.search(r"(?m)^pack\s*:", head) is not None


def slugify(name: str) -> str:
    """A safe file or folder name: letters, digits and dashes only, never a path."""
    text = unicodedata.normalize("NFKC", name).casefold()
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")
    return slug[:80] or "unnamed"


def load_pack(path: str | Path, default_layouts: tuple[str, ...]) -> Pack:
    """Read and validate a pack file; raises InputError listing every problem."""
    path = Path(path)
    name = str(path)
    tree = parse(decode(path.read_bytes(), name), name)
    if tree is None:
        raise InputError([Problem(Mark(name, 1, 1), "the pack file is empty")])
    problems: list[Problem] = []
    data = PACK.check(tree, problems)
    if problems:
        raise InputError(problems)
    sources = _expand(path, data["sources"], problems)
    default = tuple(t.text.strip() for t in data.get("layouts", [])) or default_layouts
    classes = _classes(data, default, problems)
    if problems:
        raise InputError(problems)
    pack_name = data["pack"].text.strip()
    return Pack(name, pack_name, slugify(pack_name), sources, classes, _layout_marks(data))


def _layout_marks(data: dict) -> tuple[tuple[str, Mark], ...]:
    marks: dict[str, Mark] = {}
    for entry in [data, *data["classes"]]:
        for text in entry.get("layouts", []):
            marks.setdefault(text.text.strip(), text.mark)
    return tuple(marks.items())


def _expand(pack_path: Path, patterns: list, problems: list[Problem]) -> tuple[Path, ...]:
    found: dict[Path, None] = {}
    for pattern in patterns:
        full = os.path.normpath(pack_path.parent / pattern.text.strip())
        matches = sorted(Path(p) for p in glob.glob(full, recursive=True) if Path(p).is_file())
        # A glob such as *.yaml may catch pack files (this one too): they are not sources.
        sources = [m for m in matches if not is_pack(m)]
        if not sources:
            what = "only pack files, which cannot be sources" if matches else \
                f"no source file (looked for {full})"
            problems.append(Problem(pattern.mark, f"'{pattern.text}' matches {what}"))
        matches = sources
        found.update(dict.fromkeys(matches))
    return tuple(found)


def _classes(data: dict, default: tuple[str, ...], problems) -> tuple[PackClass, ...]:
    classes, slugs = [], {}
    pack_formats = tuple(dict.fromkeys(data.get("formats", ())))
    for entry in data["classes"]:
        name = entry["name"].text.strip()
        slug = slugify(name)
        if slug in slugs:
            problems.append(Problem(entry["name"].mark, f"class '{name}' would share the folder "
                                    f"'{slug}' with class '{slugs[slug]}'; rename one"))
        slugs[slug] = name
        layouts = tuple(t.text.strip() for t in entry.get("layouts", [])) or default
        seed = entry.get("seed", zlib.crc32(f"{data['pack'].text}\0{name}".encode()) % 2**31)
        teacher = entry["teacher"].text.strip() if "teacher" in entry else None
        formats = tuple(dict.fromkeys(entry.get("formats", ()))) or pack_formats
        duplex = entry.get("print", {}).get("duplex",
                                            data.get("print", {}).get("duplex", False))
        classes.append(PackClass(name, slug, teacher, layouts, seed, formats, duplex))
    return tuple(classes)
