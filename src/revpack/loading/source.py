"""Reading a source file: strict YAML → shape check → model, with every problem located."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from revpack.loading import limits, markup
from revpack.loading.images import IMAGE, read_images
from revpack.loading.spec import (
    Checked,
    Either,
    Fields,
    Key,
    ListOf,
    Record,
    TextSpec,
    Value,
    language_tag,
)
from revpack.loading.typography import french_spaces, is_french
from revpack.loading.yamltree import Map, Node, Scalar, Seq, decode, parse
from revpack.model import Event, Factor, Image, Point, Section, Source, Term, Text
from revpack.problems import InputError, Mark, Problem

_TEXT = TextSpec()
_SUBPOINTS = ListOf(_TEXT, description="Sub-points (one level).", max_items=limits.SUBPOINTS)


def _point_hint(node: Map) -> str | None:
    # `- Beria: he wanted…` parses as a mapping because of ': '; say so plainly.
    if node.flow and "text" not in node.entries:
        return (
            "this point starts with { so YAML reads it as a mapping; put the whole point in quotes"
        )
    if "text" not in node.entries and len(node.entries) == 1:
        ((key, (_mark, value)),) = node.entries.items()
        if isinstance(value, Scalar):
            return (
                f"this point reads as 'key: value' because of the ': ' after '{key}'; "
                "put the whole point in quotes"
            )
    return None


def _spaced_colon(node: Map) -> Scalar | None:
    """A point written 'word : text', with a space before its colon as French sets it
    ('La ==dîme== : un impôt'), which YAML reads as a key and its value: the text as
    written. (No key of the format has a space before its colon.)"""
    if node.flow or len(node.entries) != 1:
        return None
    ((key, (mark, value)),) = node.entries.items()
    if not isinstance(value, Scalar) or value.mark.line != mark.line:
        return None
    if value.mark.column != mark.column + len(key) + 3:  # ('key : value': one space each side)
        return None
    raw = f"{key} : {value.raw or value.text}"
    return Scalar(f"{key} : {value.text}", mark, raw)


def _as_text(tree: Node) -> None:
    """Each point (and sub-point) of the factors and sections written 'word : text' made
    the text it was written as (`_spaced_colon`), in place, before anything is checked."""
    for name in ("factors", "sections"):
        for block in _items(_entry(tree, name)):
            _points_as_text(_entry(block, "points"))


def _points_as_text(points: Node | None) -> None:
    """`points` (a list, else nothing) with each item written 'word : text' its text,
    and each point with sub-points's sub-points so."""
    if not isinstance(points, Seq):
        return
    for index, item in enumerate(points.items):
        if isinstance(item, Map) and (text := _spaced_colon(item)) is not None:
            points.items[index] = text
        else:
            _points_as_text(_entry(item, "points"))


def _entry(node: Node | None, key: str) -> Node | None:
    """The value of `key` in `node`, if it is a mapping that has it."""
    return node.entries[key][1] if isinstance(node, Map) and key in node.entries else None


def _items(node: Node | None) -> list[Node]:
    """The items of `node`, if it is a list."""
    return node.items if isinstance(node, Seq) else []


POINT = Either(
    _TEXT,
    Record(
        {"text": Key(_TEXT, required=True), "points": Key(_SUBPOINTS, required=True)},
        name="a point with sub-points",
    ),
    description="A point: text, or {text, points} for a point with sub-points.",
    record_hint=_point_hint,
)
POINTS = ListOf(POINT, description="Bullet points (at least one).", max_items=limits.POINTS)
FACTOR = Record(
    {
        "title": Key(TextSpec(description="Short, unique title."), required=True),
        "points": Key(POINTS, required=True),
        "links": Key(
            ListOf(
                _TEXT,
                lone_ok=True,
                description="Titles of related factors.",
                max_items=limits.FACTORS,
            )
        ),
        "image": Key(IMAGE),
    },
    name="a factor",
    description="An answer to the key question.",
)
SECTION = Record(
    {
        "title": Key(_TEXT, required=True),
        "points": Key(POINTS, required=True),
        "image": Key(IMAGE),
    },
    name="a section",
)
TERM = Record(
    {
        "term": Key(_TEXT, required=True),
        "meaning": Key(_TEXT, required=True),
    },
    name="a term",
)
EVENT = Record(
    {
        "when": Key(TextSpec(description="The date, as text."), required=True),
        "what": Key(_TEXT, required=True),
    },
    name="a timeline entry",
)
LANGUAGE = Value(
    language_tag,
    "The notes' language as a BCP 47 tag (en-GB, fr, de, es, "
    "cy, …): sets the printed labels, dates, hyphenation and the documents' "
    "language. Default en-GB.",
    {"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"},
)
SOURCE = Record(
    {
        "title": Key(TextSpec(description="The topic's title."), required=True),
        "language": Key(LANGUAGE),
        "subject": Key(_TEXT),
        "course": Key(_TEXT),
        "question": Key(TextSpec(description="The key question the factors answer.")),
        "intro": Key(_TEXT),
        "factors": Key(
            ListOf(
                FACTOR,
                description="Answers to the key question (the chart's spokes).",
                max_items=limits.FACTORS,
            )
        ),
        "sections": Key(
            ListOf(SECTION, description="Further notes, in order.", max_items=limits.ENTRIES)
        ),
        "terms": Key(ListOf(TERM, description="Glossary.", max_items=limits.ENTRIES)),
        "timeline": Key(ListOf(EVENT, description="Dated events.", max_items=limits.ENTRIES)),
    },
    name="a source",
    description="A revpack source (format version 1).",
)


def load_source(path: str | Path) -> Source:
    """Read and validate one source file; raises InputError listing every problem."""
    path = Path(path)
    name = str(path)
    return parse_source(
        limits.read_bytes(path, limits.SOURCE_BYTES, "source"), name, stem=path.stem
    )


def parse_source(data: bytes, name: str, stem: str | None = None) -> Source:
    """Validate a source given as bytes; `name` is used in messages."""
    if len(data) > limits.SOURCE_BYTES:
        raise InputError(
            [
                Problem(
                    Mark(name, 1, 1),
                    f"this source is {len(data):,} bytes; a "
                    f"source may have at most {limits.SOURCE_BYTES:,}",
                )
            ]
        )
    tree = parse(decode(data, name), name)
    if tree is None:
        raise InputError(
            [Problem(Mark(name, 1, 1), "the file is empty; a source needs at least a title")]
        )
    _as_text(tree)
    problems: list[Problem] = []
    checked = SOURCE.check(tree, problems)
    # Markup, characters and factor links are checked on the whole tree even when its shape
    # is wrong, so one run of `revpack check` lists every problem of the file.
    texts = _parse_texts(tree, problems)
    _check_factors(tree, texts, problems)
    images = read_images(tree, Path(name).parent, problems)
    if problems:
        raise InputError(problems)
    if is_french(checked.get("language", "en-GB")):
        texts = {key: french_spaces(text) for key, text in texts.items()}
    source = _build(
        checked,
        name,
        stem or Path(name).stem,
        texts,
        tree.entries["language"][1].mark
        if isinstance(tree, Map) and "language" in checked
        else None,
        images,
    )
    _check_total(source)
    return source


def _check_total(source: Source) -> None:
    """InputError when the source has more than limits.ALL_POINTS points or
    limits.ALL_CHARS characters of text, placed at the block, term or event where the count
    goes over."""
    chars = sum(len(t.plain) for t in source.all_texts())
    if chars > limits.ALL_CHARS:
        raise InputError(
            [
                Problem(
                    Mark(source.path, 1, 1),
                    f"the source has {chars:,} "
                    f"characters of text; a source may have at most "
                    f"{limits.ALL_CHARS:,} (a dense topic has about 10,000), so "
                    "this is several topics: split it into more sources",
                )
            ]
        )
    count = 0
    blocks: tuple[Factor | Section, ...] = (*source.factors, *source.sections)
    entries: tuple[Term | Event, ...] = (*source.terms, *source.timeline)
    items: list[tuple[Factor | Section | Term | Event, int]] = [
        *((b, 1 + len(b.points) + sum(len(p.points) for p in b.points)) for b in blocks),
        *((entry, 1) for entry in entries),
    ]
    for item, size in items:
        count += size
        if count > limits.ALL_POINTS:
            raise InputError(
                [
                    Problem(
                        item.mark,
                        f"the source has more than "
                        f"{limits.ALL_POINTS:,} points, titles, terms and "
                        "events in all (from here on); that is several "
                        "topics: split it into more sources",
                    )
                ]
            )


def _value_scalars(node: Node) -> Iterator[Scalar]:
    """Every scalar in the tree that is a value (not a key): all of them are text."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, Scalar):
            yield node
        elif isinstance(node, Seq):
            stack.extend(reversed(node.items))
        elif isinstance(node, Map):
            stack.extend(value for _mark, value in reversed(node.entries.values()))


def _parse_texts(tree: Node, problems: list[Problem]) -> dict[int, Text]:
    """The parsed markup of every text in the tree, by id of its scalar."""
    return {
        id(node): markup.parse(node.text, node.mark, problems, node.mark_at)
        for node in _value_scalars(tree)
    }


def _build(
    data: Fields,
    path: str,
    stem: str,
    texts: dict[int, Text],
    language_mark: Mark | None,
    images: dict[int, Image],
) -> Source:
    def text(node: Scalar) -> Text:
        return texts[id(node)]

    def optional_text(node: Scalar | None) -> Text | None:
        return None if node is None else text(node)

    def image(block: Fields) -> Image | None:
        return images[id(block["image"]["file"])] if "image" in block else None

    # A link names its factor in any case ('temperature' for 'Temperature'): the model
    # holds the title as the factor writes it, which the chart and the key look up.
    written = [texts[id(f["title"])].plain for f in data.get("factors", [])]
    titles = {_norm(title): title for title in written}

    def link(node: Scalar) -> str:
        return titles.get(_norm(node.text), node.text.strip())

    def points(items: list[Checked]) -> tuple[Point, ...]:
        return tuple(
            Point(text(p), ())
            if isinstance(p, Scalar)
            else Point(text(p["text"]), tuple(text(s) for s in p["points"]))
            for p in items
        )

    return Source(
        path=path,
        stem=stem,
        title=text(data["title"]),
        subject=optional_text(data.get("subject")),
        course=optional_text(data.get("course")),
        question=optional_text(data.get("question")),
        intro=optional_text(data.get("intro")),
        factors=tuple(
            Factor(
                text(f["title"]),
                points(f["points"]),
                tuple(link(node) for node in f.get("links", [])),
                f.mark,
                image(f),
            )
            for f in data.get("factors", [])
        ),
        sections=tuple(
            Section(text(s["title"]), points(s["points"]), s.mark, image(s))
            for s in data.get("sections", [])
        ),
        terms=tuple(
            Term(text(t["term"]), text(t["meaning"]), t.mark) for t in data.get("terms", [])
        ),
        timeline=tuple(
            Event(text(e["when"]), text(e["what"]), e.mark) for e in data.get("timeline", [])
        ),
        language=data.get("language", "en-GB"),
        language_mark=language_mark,
    )


def _check_factors(tree: Node, texts: dict[int, Text], problems: list[Problem]) -> None:
    """Duplicate factor titles and terms, and links to no factor, read from the tree as far
    as it goes."""
    _unique(tree, "terms", "term", texts, problems)
    factors = tree.entries.get("factors", (None, None))[1] if isinstance(tree, Map) else None
    if not isinstance(factors, Seq):
        return
    maps = [f for f in factors.items if isinstance(f, Map)]
    titles = _unique(tree, "factors", "title", texts, problems)
    for factor in maps:
        links = factor.entries.get("links", (None, None))[1]
        title = factor.entries.get("title", (None, None))[1]
        own = _norm(texts[id(title)].plain) if isinstance(title, Scalar) else None
        items: list[Node] = (
            [links] if isinstance(links, Scalar) else links.items if isinstance(links, Seq) else []
        )
        comma = _comma_titles(items, titles)
        for index, link in enumerate(items):
            if not isinstance(link, Scalar) or not link.text.strip():
                continue
            if index in comma:
                if comma[index]:
                    problems.append(Problem(link.mark, comma[index]))
                continue
            if _norm(link.text) not in titles:
                names = [texts[id(t)].plain for t in titles.values()]
                problems.append(Problem(link.mark, _link_message(link.text.strip(), names)))
            elif _norm(link.text) == own:
                problems.append(Problem(link.mark, f"factor '{link.text.strip()}' links to itself"))


_NAMED = {"factors": "factor titles", "terms": "terms"}
"""What the entries of a list whose names must differ are called in a message."""
_CASED = {"factors": False, "terms": True}
"""Whether two names of the list that differ only in capitals differ ('Liberal' the
party and 'liberal' the idea, 'pH' and 'PH' are two terms; a link names a factor in any
case, so two factor titles must differ in more)."""


def _unique(
    tree: Node, key: str, name: str, texts: dict[int, Text], problems: list[Problem]
) -> dict[str, Scalar]:
    """The `name`s of the entries of the source's `key` list, by their normalised text; a
    second entry of the same name is a problem (two factors of one title cannot be linked
    apart; a term twice makes the matching exercise's key wrong for one of them)."""
    entries = tree.entries.get(key, (None, None))[1] if isinstance(tree, Map) else None
    names: dict[str, Scalar] = {}
    for entry in entries.items if isinstance(entries, Seq) else ():
        value = entry.entries.get(name, (None, None))[1] if isinstance(entry, Map) else None
        if not isinstance(value, Scalar) or id(value) not in texts:
            continue
        plain = texts[id(value)].plain
        first = names.setdefault(" ".join(plain.split()) if _CASED[key] else _norm(plain), value)
        if first is not value:
            what = _NAMED[key]
            problems.append(
                Problem(
                    value.mark,
                    f"duplicate {what.removesuffix('s')} '{plain.strip()}' (first at line "
                    f"{first.mark.line}); {what} must differ",
                )
            )
    return names


def _comma_titles(items: list[Node], titles: dict[str, Scalar]) -> dict[int, str]:
    """Links that are pieces of a title with a comma in it, written unquoted in a
    `[…]` list (which splits at commas), by index: the message for the first piece, ''
    for the others."""
    found: dict[int, str] = {}
    texts = [item.text.strip() if isinstance(item, Scalar) else "" for item in items]
    start = 0
    while start < len(items):
        for end in range(len(items), start + 1, -1):
            pieces = texts[start:end]
            title = ", ".join(pieces)
            if "" in pieces or _norm(title) not in titles:
                continue
            found[start] = (
                f"links to '{title}' split at its commas: a title with a comma must be put "
                f'in quotes in a [ ] list, as in links: ["{title}"]'
            )
            found.update((i, "") for i in range(start + 1, end))
            start = end
            break
        else:
            start += 1
    return found


def _link_message(link: str, names: list[str]) -> str:
    close = difflib.get_close_matches(link, names, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"links to '{link}', but no factor has that title{hint}"


def _norm(title: str) -> str:
    return " ".join(title.casefold().split())
