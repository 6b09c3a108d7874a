"""Reading a source file: strict YAML → shape check → model, with every problem located."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from . import fonts, markup
from .model import Event, Factor, Point, Section, Source, Term, Text
from .problems import InputError, Mark, Problem
from .spec import Either, Key, ListOf, Record
from .spec import Text as TextSpec
from .yamltree import Map, Scalar, decode, parse

_TEXT = TextSpec()
_SUBPOINTS = ListOf(_TEXT, description="Sub-points (one level).")


def _point_hint(node: Map) -> str | None:
    # `- Beria: he wanted…` parses as a mapping because of ': '; say so plainly.
    if "text" not in node.entries and len(node.entries) == 1:
        (key, (_mark, value)), = node.entries.items()
        if isinstance(value, Scalar):
            return (f"this point reads as 'key: value' because of the ': ' after '{key}'; "
                    "put the whole point in quotes")
    return None


POINT = Either(
    _TEXT,
    Record({"text": Key(_TEXT, required=True), "points": Key(_SUBPOINTS, required=True)},
           name="a point with sub-points"),
    description="A point: text, or {text, points} for a point with sub-points.",
    record_hint=_point_hint,
)
POINTS = ListOf(POINT, description="Bullet points (at least one).")
FACTOR = Record({
    "title": Key(TextSpec(description="Short, unique title."), required=True),
    "points": Key(POINTS, required=True),
    "links": Key(ListOf(_TEXT, lone_ok=True, description="Titles of related factors.")),
}, name="a factor", description="An answer to the key question.")
SECTION = Record({
    "title": Key(_TEXT, required=True),
    "points": Key(POINTS, required=True),
}, name="a section")
TERM = Record({
    "term": Key(_TEXT, required=True),
    "meaning": Key(_TEXT, required=True),
}, name="a term")
EVENT = Record({
    "when": Key(TextSpec(description="The date, as text."), required=True),
    "what": Key(_TEXT, required=True),
}, name="a timeline entry")
SOURCE = Record({
    "title": Key(TextSpec(description="The topic's title."), required=True),
    "subject": Key(_TEXT),
    "course": Key(_TEXT),
    "question": Key(TextSpec(description="The key question the factors answer.")),
    "intro": Key(_TEXT),
    "factors": Key(ListOf(FACTOR, description="Answers to the key question (the chart's "
                                              "spokes).")),
    "sections": Key(ListOf(SECTION, description="Further notes, in order.")),
    "terms": Key(ListOf(TERM, description="Glossary.")),
    "timeline": Key(ListOf(EVENT, description="Dated events.")),
}, name="a source", description="A revpack source (format version 1).")


def load_source(path: str | Path) -> Source:
    """Read and validate one source file; raises InputError listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(Mark(name, 1, 1), f"cannot read file: {exc.strerror}")]) \
            from None
    return parse_source(data, name, stem=path.stem)


def parse_source(data: bytes, name: str, stem: str | None = None) -> Source:
    """Validate a source given as bytes; `name` is used in messages."""
    tree = parse(decode(data, name), name)
    if tree is None:
        raise InputError([Problem(Mark(name, 1, 1), "the file is empty; a source needs at "
                                  "least a title")])
    problems: list[Problem] = []
    checked = SOURCE.check(tree, problems)
    if problems:
        raise InputError(problems)
    source = _build(checked, name, stem or Path(name).stem, problems)
    _check_meaning(source, problems)
    if problems:
        raise InputError(problems)
    return source


def _build(data: dict, path: str, stem: str, problems: list[Problem]) -> Source:
    def text(node: Scalar | None) -> Text | None:
        if node is None:
            return None
        # Quoted and block scalars start one character before their text.
        return markup.parse(node.text, node.mark, problems)

    def points(items: list) -> tuple[Point, ...]:
        return tuple(
            Point(text(p), ()) if isinstance(p, Scalar)
            else Point(text(p["text"]), tuple(text(s) for s in p["points"]))
            for p in items)

    return Source(
        path=path, stem=stem,
        title=text(data["title"]), subject=text(data.get("subject")),
        course=text(data.get("course")), question=text(data.get("question")),
        intro=text(data.get("intro")),
        factors=tuple(Factor(text(f["title"]), points(f["points"]),
                             tuple(link.text.strip() for link in f.get("links", [])), f["@"])
                      for f in data.get("factors", [])),
        sections=tuple(Section(text(s["title"]), points(s["points"]), s["@"])
                       for s in data.get("sections", [])),
        terms=tuple(Term(text(t["term"]), text(t["meaning"]), t["@"])
                    for t in data.get("terms", [])),
        timeline=tuple(Event(text(e["when"]), text(e["what"]), e["@"])
                       for e in data.get("timeline", [])),
    )


def _check_meaning(source: Source, problems: list[Problem]) -> None:
    titles: dict[str, Factor] = {}
    for factor in source.factors:
        key = _norm(factor.title.plain)
        if key in titles:
            problems.append(Problem(factor.title.mark, f"duplicate factor title "
                                    f"'{factor.title.plain}' (first at line "
                                    f"{titles[key].mark.line}); factor titles must differ"))
        else:
            titles[key] = factor
    for factor in source.factors:
        for link in factor.links:
            if _norm(link) not in titles:
                problems.append(Problem(factor.mark, _link_message(link, titles)))
            elif _norm(link) == _norm(factor.title.plain):
                problems.append(Problem(factor.mark, f"factor '{link}' links to itself"))
    for text in source.all_texts():
        for offset, char in enumerate(text.plain):
            if not fonts.printable(char) and unicodedata.category(char)[0] != "C":
                name = unicodedata.name(char, "unnamed character")
                problems.append(Problem(text.mark, f"character U+{ord(char):04X} ({name}) "
                                        f"in '{_excerpt(text.plain, offset)}' is not in "
                                        "revpack's fonts; replace it"))


def _link_message(link: str, titles: dict[str, Factor]) -> str:
    import difflib

    names = [f.title.plain for f in titles.values()]
    close = difflib.get_close_matches(link, names, n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"links to '{link}', but no factor has that title{hint}"


def _norm(title: str) -> str:
    return " ".join(title.casefold().split())


def _excerpt(text: str, offset: int) -> str:
    start = max(0, offset - 15)
    return ("…" if start else "") + text[start:offset + 15] + ("…" if offset + 15 < len(text)
                                                              else "")
