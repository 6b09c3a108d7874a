"""Layouts: YAML files that say how a source is rendered. Found by name, `extends` resolved.

Lookup order for a name: each `--layouts DIR`, then ./layouts, then the standard layouts
installed with the package. `extends` deep-merges the parent's keys under the child's, on
the YAML trees, so every problem still names the file and line that wrote the value.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from revpack import packaged
from revpack.kinds import KINDS, LEGACY, Kind
from revpack.labels import Entry
from revpack.loading import limits
from revpack.loading.labelspec import LabelsSpec
from revpack.loading.pack_file import LAYOUT as LAYOUT_FILE
from revpack.loading.pack_file import PackFile, sniff
from revpack.loading.printed import Printed
from revpack.loading.spec import (
    Fields,
    Key,
    ListOf,
    Record,
    TextSpec,
    Value,
    choice,
    colour,
    length,
    number,
)
from revpack.loading.yamltree import Map, Scalar, decode, parse
from revpack.names import not_plain, shown
from revpack.problems import InputError, Mark, Problem

if TYPE_CHECKING:
    from revpack.loading.pack import PackClass, Student

PAPER = {
    "A3": (841.89, 1190.55),
    "A4": (595.28, 841.89),
    "A5": (419.53, 595.28),
    "Letter": (612.0, 792.0),
    "Legal": (612.0, 1008.0),
}

LEAST_MARGIN = 5 * 72 / 25.4
"""The narrowest margin, in points: school printers leave the outer 4 mm or so of a sheet
blank, and text set closer to the edge is cut off."""


def margin(text: str) -> float:
    """A margin: a length of LEAST_MARGIN or more."""
    value = length(text)
    if value < LEAST_MARGIN - 1e-6:
        raise ValueError(
            f"a margin of {text.strip()} is cut off by most printers, which leave the outer "
            "4mm or so blank; use 5mm or more"
        )
    return value


PAGE = Record(
    {
        "size": Key(Value(choice(*PAPER), "Paper size.")),
        "orientation": Key(Value(choice("portrait", "landscape"), "Page orientation.")),
        "margin": Key(Value(margin, "Margin on every side, 5mm or more, e.g. 12mm.")),
    },
    name="page",
)
FONT = Record(
    {
        "size": Key(Value(number(6, 48), "Body type size in points.")),
        "min_size": Key(
            Value(
                number(5, 48), "Smallest size the type may shrink to; no text is printed smaller."
            )
        ),
        "max_size": Key(
            Value(
                number(6, 48),
                "Largest size the type may grow to when the "
                "content leaves room (never below size).",
            )
        ),
        "line_spacing": Key(Value(number(1, 2.5), "Line height as a multiple of the size.")),
        "scripts": Key(
            Value(
                number(0.5, 1),
                "Size of sub- and superscripts as a share of their text's (default: about "
                "two thirds; large print: 0.8, so that CO₂'s 2 stays large).",
            )
        ),
    },
    name="font",
)
COLOURS = Record(
    {
        name: Key(Value(colour, desc))
        for name, desc in {
            "accent": "Headings and rules.",
            "key_term": "Highlight behind ==key terms==.",
            "paper": "Page background (white unless tinted).",
            "text": "Body text.",
            "box": "Background of blocks and boxes.",
            "muted": "Secondary text such as the footer.",
        }.items()
    },
    name="colours",
)
LAYOUT = {
    "name": Key(Printed()),
    "extends": Key(TextSpec()),
    "renders": Key(
        Value(choice(*KINDS, *LEGACY), "The kind of document: " + ", ".join(KINDS) + "."),
        required=True,
    ),
    "formats": Key(
        ListOf(
            Value(choice(*{f for k in KINDS.values() for f in k.format_names})),
            lone_ok=True,
            description="The files it writes (default: the kind's first format).",
        )
    ),
    "description": Key(Printed()),
    "page": Key(PAGE),
    "font": Key(FONT),
    "colours": Key(COLOURS),
    "labels": Key(LabelsSpec()),
}


@dataclass(frozen=True)
class Page:
    """Paper and margins, in points."""

    size: str = "A4"
    """Paper name (A3, A4, A5, Letter, Legal)."""
    orientation: str = "portrait"
    """portrait or landscape."""
    margin: float = 12 * 72 / 25.4
    """Margin on every side, in points."""

    @property
    def width(self) -> float:
        """Page width in points."""
        w, h = PAPER[self.size]
        return h if self.orientation == "landscape" else w

    @property
    def height(self) -> float:
        """Page height in points."""
        w, h = PAPER[self.size]
        return w if self.orientation == "landscape" else h


@dataclass(frozen=True)
class Font:
    """Type sizes in points."""

    size: float = 10.0
    """Body size the renderer starts from."""
    min_size: float = 7.5
    """Smallest body size it may shrink to; no text is printed smaller."""
    max_size: float | None = None
    """Largest body size it may grow to when there is room; below `size` (or None) it is
    `size`, so a layout that raises `size` never has to lower an inherited max_size."""
    line_spacing: float = 1.25
    """Line height as a multiple of the size."""
    scripts: float | None = None
    """Sub- and superscripts' size as a share of their text's; None for each writer's own
    (about two thirds: writers.scripts)."""


@dataclass(frozen=True)
class Colours:
    """Colours as #RRGGBB; the defaults survive greyscale printing."""

    accent: str = "#1F4E79"
    """Headings and rules."""
    key_term: str = "#FFF2A8"
    """Highlight behind key terms."""
    paper: str = "#FFFFFF"
    """Page background."""
    text: str = "#1A1A1A"
    """Body text."""
    box: str = "#EEF3F8"
    """Background of blocks."""
    muted: str = "#6B6B6B"
    """Footer and secondary text."""


@dataclass(frozen=True)
class Layout:
    """A resolved, typed layout."""

    name: str
    """What users call it (`-l NAME`)."""
    renders: str
    """The kind of document (a key of revpack.kinds.KINDS): summary, worksheet, …"""
    formats: tuple[str, ...]
    """The formats it writes by default (the kind's first unless `formats:` says)."""
    description: str
    """One line for `revpack layouts`."""
    path: str
    """The file it was read from."""
    page: Page = field(default_factory=Page)
    """Paper and margins."""
    font: Font = field(default_factory=Font)
    """Type sizes."""
    colours: Colours = field(default_factory=Colours)
    """Colours."""
    options: object = None
    """The renderer's own options (a frozen dataclass from revpack.options)."""
    labels: tuple[Entry, ...] = ()
    """Labels printed instead of the language's own: (dotted key, text or plural forms)
    entries, as revpack.labels.load_labels takes them."""
    size_mark: Mark | None = None
    """Where its type size is set (in its file or one it extends), for a problem that
    size causes ('a row is taller than a page'); None when it keeps the default."""

    @property
    def kind(self) -> Kind:
        """Its row of the renderer table."""
        return KINDS[self.renders]


def search_dirs(extra: tuple[str | Path, ...] = ()) -> list[Path]:
    """Where layouts are looked up, in order."""
    standard = packaged.folder("revpack.standard_layouts")
    return [*map(Path, extra), Path("layouts"), standard]


def available(extra: tuple[str | Path, ...] = ()) -> dict[str, Path]:
    """Every layout name that can be used, with the file that wins the lookup."""
    found: dict[str, Path] = {}
    for folder in search_dirs(extra):
        try:
            # Files only, as _find looks for them: not a folder, pipe or dangling link.
            paths = (
                sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []
            )
        except OSError:  # a folder name too long, or one that cannot be read
            paths = []
        for path in paths:
            found.setdefault(path.stem, path)
    return found


def load_layout(name: str, extra: tuple[str | Path, ...] = (), mark: Mark | None = None) -> Layout:
    """Find a layout by name (or path to a .yaml file) and resolve it; raises InputError,
    placing a name that names no layout at `mark` (where it was written) if given."""
    path = Path(name) if name.endswith((".yaml", ".yml")) else _find(name, extra, None)
    if path is None:  # ('Worksheet-Support', as a spreadsheet capitalises a cell)
        same = [other for other in available(extra) if other.casefold() == name.casefold()]
        path = _find(same[0], extra, None) if len(same) == 1 else None
    if path is None:
        raise InputError([Problem(mark or Mark(name, 1, 1), unknown(name, extra))])
    if mark is not None and not path.exists():  # (a path a pack writes, said where it does)
        raise InputError(
            [Problem(mark, f"no layout file {name} (a path in a pack is relative to the pack)")]
        )
    named = Path(name).stem
    if not path.exists() and _find(named, extra, None) is not None:
        # ('-l summary.yaml' for the layout 'summary')
        raise InputError(
            [
                Problem(
                    Mark(name, 1, 1),
                    f"no layout file {name}; a layout is named without '.yaml': -l {named}",
                )
            ]
        )
    written = name.endswith((".yaml", ".yml"))
    if mark is not None and written and path.is_file() and (kind := sniff(path)) != LAYOUT_FILE:
        # (a source or a pack named among a pack's layouts: one problem where it is named,
        # not one for each of its keys)
        raise InputError([Problem(mark, f"{name} is {_what_file(path, kind)}, not a layout")])
    tree = _resolve(path, extra, chain=())
    return _typed(tree, path)


def _what_file(path: Path, kind: object) -> str:
    """What a file named as a layout is instead: a pack, a Word file or other zip (a
    document renamed '.yaml'), a source, or a YAML file of neither kind."""
    if isinstance(kind, PackFile):
        return "a pack"
    try:
        with path.open("rb") as file:
            start = file.read(4096)
    except OSError:
        return "not a file revpack can read"
    if start.startswith(b"PK\x03\x04"):
        return "a Word file (or another zip archive)"
    if re.search(rb"(?m)^title[ \t]*:", start):
        return "a source (notes)"
    return "a file with neither 'renders:' nor 'extends:' in it"


def unknown(name: str, extra: tuple[str | Path, ...] = ()) -> str:
    """What to say of a layout name that names no layout: the closest name, and all."""
    names = sorted(available(extra))
    parts = [part.strip() for part in re.split("[,;]", name) if part.strip()]
    if len(parts) > 1 and all(part.casefold() in map(str.casefold, names) for part in parts):
        listed = ", ".join(parts)  # ('layouts: summary, worksheet' is one name to YAML)
        return f"'{name}' names {len(parts)} layouts in one text; write a list: [{listed}]"
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"no layout called '{name}'{hint}; available: {', '.join(names)}"


def _find(name: str, extra: tuple[str | Path, ...], skip_through: Path | None) -> Path | None:
    dirs = search_dirs(extra)
    if skip_through is not None:
        # `extends: X` inside X.yaml means the next X down the lookup order.
        resolved = [d.resolve() for d in dirs]
        here = skip_through.parent.resolve()
        dirs = dirs[resolved.index(here) + 1 :] if here in resolved else dirs
    for folder in dirs:
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path) -> Map:
    data = limits.read_bytes(path, limits.LAYOUT_BYTES, "layout")
    tree = parse(decode(data, str(path)), str(path))
    if not isinstance(tree, Map):
        raise InputError(
            [
                Problem(
                    Mark(str(path), 1, 1),
                    "a layout is a mapping of keys such as renders: and page:",
                )
            ]
        )
    return tree


def _resolve(path: Path, extra: tuple[str | Path, ...], chain: tuple[Path, ...]) -> Map:
    """The layout at `path` merged over its `extends` chain, followed one layout at a time
    (never recursively, so no chain can exhaust the stack) for at most limits.EXTENDS."""
    trees: list[Map] = []
    while True:
        tree = _read(path)
        trees.append(tree)
        parent = _parent(tree, path, extra, chain)
        if parent is None:
            break
        chain, path = (*chain, path), parent
    merged = trees.pop()
    while trees:
        child = trees.pop()
        _refuse_other_kind(merged, child)
        merged = merge(merged, child)
    return merged


def _kind_of(tree: Map) -> tuple[str, Scalar] | None:
    """The kind a layout's own `renders:` names (an old name as its kind), and where."""
    entry = tree.entries.get("renders")
    if entry is None or not isinstance(entry[1], Scalar):
        return None
    name = entry[1].text.strip()
    return LEGACY.get(name, (name, None))[0], entry[1]


def _refuse_other_kind(parent: Map, child: Map) -> None:
    """InputError where `child` renders another kind than the layout it extends: the
    parent's options are for its own kind, and were reported against the parent's file
    ('summary.yaml: unknown key columns in worksheet options'), never the teacher's."""
    mine, theirs = _kind_of(child), _kind_of(parent)
    if mine is None or theirs is None or mine[0] == theirs[0] or mine[0] not in KINDS:
        return
    raise InputError(
        [
            Problem(
                mine[1].mark,
                f"renders '{mine[0]}', but the layout it extends renders '{theirs[0]}'; extend "
                f"a {mine[0]} layout (see `revpack layouts`), or leave 'renders:' out",
            )
        ]
    )


def _parent(
    tree: Map, path: Path, extra: tuple[str | Path, ...], chain: tuple[Path, ...]
) -> Path | None:
    """The file `tree` (read from `path`) extends, or None; InputError for a parent that
    does not exist, a cycle, or a chain longer than limits.EXTENDS."""
    parent_entry = tree.entries.get("extends")
    if parent_entry is None:
        return None
    key_mark, node = parent_entry
    if not isinstance(node, Scalar):
        raise InputError([Problem(node.mark, "extends names one layout")])
    parent_name = node.text.strip()
    if len(chain) >= limits.EXTENDS:
        raise InputError(
            [
                Problem(
                    node.mark,
                    f"extends chain longer than {limits.EXTENDS} "
                    f"layouts ({chain[0].stem} → … → {path.stem} → "
                    f"{parent_name}); a layout needs only a few",
                )
            ]
        )
    parent = _find(parent_name, extra, path if parent_name == path.stem else None)
    if parent is None and parent_name == path.stem:
        raise InputError(
            [
                Problem(
                    node.mark,
                    f"extends '{parent_name}', its own name, and no layout of that name comes "
                    "after it in the lookup order (--layouts, ./layouts, the standard "
                    "layouts); extend another layout",
                )
            ]
        )
    if parent is None:
        names = sorted(available(extra))
        close = difflib.get_close_matches(parent_name, names, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"available: {', '.join(names)}"
        raise InputError(
            [Problem(node.mark, f"extends '{parent_name}', but no layout has that name; {hint}")]
        )
    if parent.resolve() in [p.resolve() for p in (*chain, path)]:
        cycle = " → ".join(p.stem for p in (*chain, path, parent))
        raise InputError([Problem(node.mark, f"extends cycle: {cycle}")])
    return parent


def merge(base: Map, child: Map) -> Map:
    """Deep-merge two mapping trees: the child's values win, mappings merge key by key."""
    # A child is named after its own file unless it says otherwise, never after its parent.
    entries = {k: v for k, v in base.entries.items() if k != "name"}
    for key, (key_mark, node) in child.entries.items():
        if key == "extends":
            continue
        below = entries[key][1] if key in entries else None
        if isinstance(node, Map) and isinstance(below, Map):
            node = merge(below, node)
        entries[key] = (key_mark, node)
    return Map(entries, child.mark)


_Built = TypeVar("_Built")
"""What `_typed` builds of a checked mapping: Page, Font, Colours or a kind's Options."""


def _typed(tree: Map, path: Path) -> Layout:
    problems: list[Problem] = []
    renders_entry = tree.entries.get("renders")
    keys = dict(LAYOUT)
    module: ModuleType | None = None
    kind: Kind | None = None
    legacy_format: str | None = None
    if renders_entry and isinstance(renders_entry[1], Scalar):
        name = renders_entry[1].text.strip()
        kind_name, legacy_format = LEGACY.get(name, (name, None))
        kind = KINDS.get(kind_name)
    if kind is not None:
        module = importlib.import_module(kind.options)
        keys["options"] = Key(module.SPEC)
    checked = Record(keys, name="a layout").check(tree, problems)
    if problems:
        raise InputError(problems)
    # (`renders:` is required and checked to name a kind, whose options were then checked)
    assert kind is not None and module is not None
    _check_sizes(checked, problems)
    _check_margin(checked, tree, problems)
    _check_name(checked, problems)
    formats = _formats(checked, kind, legacy_format, problems)
    if problems:
        raise InputError(problems)

    def build(cls: Callable[..., _Built], key: str) -> _Built:
        values = checked.get(key, {})
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})

    return Layout(
        name=checked["name"].text.strip() if "name" in checked else path.stem,
        renders=kind.name,
        formats=formats,
        description=checked["description"].text.strip() if "description" in checked else "",
        path=str(path),
        page=build(Page, "page"),
        font=build(Font, "font"),
        colours=build(Colours, "colours"),
        options=build(module.Options, "options"),
        labels=checked.get("labels", ()),
        size_mark=_size_mark(tree),
    )


def _size_mark(tree: Map) -> Mark | None:
    """Where the merged layout `tree` sets `font: size`."""
    font = tree.entries.get("font")
    if font is None or not isinstance(font[1], Map) or "size" not in font[1].entries:
        return None
    return font[1].entries["size"][1].mark


def _check_sizes(checked: Fields, problems: list[Problem]) -> None:
    font = checked.get("font", {})
    size, min_size = font.get("size", Font.size), font.get("min_size", Font.min_size)
    if min_size > size:
        problems.append(
            Problem(font.mark, f"min_size ({min_size:g}) is larger than size ({size:g})")
        )


MARGIN_SHARE = 0.25
"""The widest margin, as a share of the page's shorter side: half of it is left for text."""


def _check_margin(checked: Fields, tree: Map, problems: list[Problem]) -> None:
    """A margin that leaves the text less than half the page's shorter side is refused."""
    page = Page(**{k: v for k, v in checked.get("page", {}).items()})
    widest = MARGIN_SHARE * min(page.width, page.height)
    if page.margin <= widest:
        return
    node = tree.entries["page"][1]
    # (`page:` checked, so a mapping)
    mark = (
        node.entries["margin"][1].mark
        if isinstance(node, Map) and "margin" in node.entries
        else node.mark
    )
    mm = 25.4 / 72
    problems.append(
        Problem(
            mark,
            f"a margin of {page.margin * mm:.0f}mm leaves no room for "
            f"text on {page.size} {page.orientation} paper; use at most "
            f"{widest * mm:.0f}mm",
        )
    )


def _check_name(checked: Fields, problems: list[Problem]) -> None:
    """A layout's name starts its files' names: one plain name, never a path."""
    name: Scalar | None = checked.get("name")
    if name is None:
        return
    why = not_plain(name.text.strip())
    if why:
        problems.append(
            Problem(
                name.mark, f"a layout's name is a plain name; '{shown(name.text.strip())}' {why}"
            )
        )


def _formats(
    checked: Fields, kind: Kind, legacy: str | None, problems: list[Problem]
) -> tuple[str, ...]:
    """The layout's formats: `formats:` if given (each one its kind has), else the legacy
    `renders:` value's format, else the kind's default."""
    if "formats" not in checked:
        return (legacy or kind.formats[0].name,)
    names: list[str] = []
    for text in checked["formats"]:
        name = text if isinstance(text, str) else text.text
        if kind.format(name) is None:
            problems.append(
                Problem(
                    checked.mark,
                    f"{kind.called} cannot be written as '{name}', only as "
                    f"{' or '.join(kind.format_names)}",
                )
            )
        elif name not in names:
            names.append(name)
    if not names and not problems:
        problems.append(Problem(checked.mark, "formats: lists no format"))
    return tuple(names)


def formats_none_has(layouts: list[Layout], asked: tuple[str, ...]) -> str | None:
    """Why no layout of `layouts` (those one build or class makes, or one layout named
    with -l) can be made in any of the formats `asked`, or None when one can (or nothing
    is asked): `-l factor-chart -f docx` asks for what cannot be; `-f html` with the
    default layouts asks the layouts that have it."""
    if not asked or not layouts:
        return None
    if any(layout.kind.format(f) is not None for layout in layouts for f in asked):
        return None
    wanted = " or ".join(repr(f) for f in dict.fromkeys(asked))
    kinds = {layout.kind.name: layout.kind for layout in layouts}
    if len(kinds) == 1:
        layout = layouts[0]
        return (
            f"layout '{layout.name}' makes {layout.kind.called}, which cannot be written as "
            f"{wanted}, only as {' or '.join(layout.kind.format_names)}"
        )
    having = [kind.name for kind in KINDS.values() if any(kind.format(f) for f in asked)]
    return (
        f"none of the layouts {', '.join(dict.fromkeys(layout.name for layout in layouts))} "
        f"has format {wanted}" + (f"; a {having[0]} has it (-l {having[0]})" if having else "")
    )


def refuse_class_formats(
    klass: PackClass, layouts: Mapping[str, Layout], names: Sequence[str] = ()
) -> None:
    """`refuse_pack_formats` for a class and each of its students with layouts or formats
    of their own; `names`: the layouts asked for everyone (by `-l`), else their own."""
    for student in (None, *klass.students):
        if student is not None and not (student.layouts or student.formats):
            continue  # (the class's)
        own = names or klass.given(student)[0]
        refuse_pack_formats(klass, [layouts[name] for name in own], student)


def refuse_pack_formats(
    klass: PackClass, layouts: list[Layout], student: Student | None = None
) -> None:
    """InputError, at the pack file's `formats:`, when a class's formats (its own or its
    pack's) suit none of its `layouts` (a loading.pack.PackClass); with `student`, their
    formats (their own, else the class's) and their layouts."""
    why = formats_none_has(layouts, klass.given(student)[1])
    if why is not None:
        mark = (student.formats_mark if student else None) or klass.formats_mark
        who = f"class {klass.name}" + (f", student {student.name}" if student else "")
        raise InputError([Problem(mark or Mark("<pack>", 1, 1), f"{who}: {why}")])


def load_layouts(
    names: Iterable[str],
    layout_dirs: Iterable[str | Path] = (),
    marks: dict[str, Mark] | None = None,
) -> dict[str, Layout]:
    """Resolve layout names, collecting every problem; a name that names no layout is
    reported where `marks` says it was written (in a pack file, say)."""
    layouts: dict[str, Layout] = {}
    problems: list[Problem] = []
    for name in dict.fromkeys(names):
        try:
            layouts[name] = load_layout(name, tuple(layout_dirs), (marks or {}).get(name))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return layouts
