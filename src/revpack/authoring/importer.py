"""Turning a teacher's existing notes into a first source file to edit.

read (notes_readers) → blocks → `shape` → Draft → `to_yaml` → commented YAML text.

`shape` decides, the same for every format: the first line or heading is the title; the
first line ending in `?` is the question; the bullets (or labelled paragraphs, or deeper
headings) right after it are the factors; later headings and `Label: text` paragraphs
start sections. Nothing is dropped: text that fits nowhere else goes into a section.
The text itself is never reworded; notes are split into one point per sentence.

Pictures go with the factor or section they stand in: the first becomes its `image:`,
any further one a comment giving the line to move elsewhere (a factor or section has one
picture); one before the first factor or section, where a source has no place for it, a
comment at the top (see authoring.pictures for where the files go).
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from revpack.authoring import yamlout
from revpack.authoring.draft import Draft, DraftEvent, DraftGroup, DraftPoint, DraftTerm
from revpack.authoring.key_terms import bold_as_key_terms, bold_runs
from revpack.authoring.language_guess import guess_language
from revpack.authoring.pictures import Picture, PictureFile, Placer, alt_from_name
from revpack.authoring.readers import Block, read_notes
from revpack.loading import markup
from revpack.problems import Mark, Problem

MAX_FACTORS = 12
"""A factor chart has room for this many factors; further ones become sections."""

CHECK_TITLE = "Check this title: revpack made it from the first words of the note."
MORE_NOTES = "More notes"


@dataclass(frozen=True)
class Imported:
    """A source made from notes, and the pictures to write beside it."""

    text: str
    """The source's YAML."""
    pictures: tuple[PictureFile, ...] = ()
    """Pictures from a Word file, to be written (authoring.pictures.write_pictures) before
    the source is, since it names them."""


def import_notes(path: str | Path, editor_comment: str = "", target: str = "FILE") -> str:
    """The source YAML made from the notes at `path` (.txt, .md or .docx), to print: a
    Markdown picture's path is relative to the current folder, a Word picture a comment.

    `editor_comment` (the `# yaml-language-server: $schema=` line, see
    schema.editor_comment) goes first; `target` is how the next-step comments name the
    file. Raises InputError for files that cannot be imported (binary, empty, unknown type).
    """
    return import_source(path, None, editor_comment, target).text


def import_source(
    path: str | Path,
    out: Path | None,
    editor_comment: str = "",
    target: str = "FILE",
    bold_keys: bool = False,
) -> Imported:
    """The source made from the notes at `path`, to be written to `out` (None: printed),
    with its short runs in bold made key terms when `bold_keys` (key_terms).

    Picture paths are relative to `out`'s folder; a Word file's pictures are to be
    written into `<out's name>-images/` beside it (Imported.pictures), each under a name
    no other file there has."""
    path = Path(path)
    draft = shape(read_notes(path), fallback_title=_title_from_name(path.stem))
    bold = bold_runs(draft)
    if bold_keys:
        draft = bold_as_key_terms(draft)
    placer = Placer(out)
    draft = place_pictures(draft, placer)
    text = to_yaml(
        draft,
        source_name=path.name,
        editor_comment=editor_comment,
        target=target,
        bold=Bold(bold, bold_keys),
    )
    return Imported(text, tuple(placer.files.values()))


@dataclass(frozen=True)
class Bold:
    """What the import did with the notes' words in bold."""

    runs: int = 0
    """How many short runs in bold the notes have (key_terms.bold_runs)."""
    keyed: bool = False
    """Whether they were made key terms (`--bold-key-terms`)."""


def place_pictures(draft: Draft, placer: Placer) -> Draft:
    """`draft` with each picture's path as the source will give it (see Placer)."""

    def group(g: DraftGroup) -> DraftGroup:
        return replace(g, pictures=tuple(placer.place(p) for p in g.pictures))

    return replace(
        draft,
        factors=tuple(group(g) for g in draft.factors),
        sections=tuple(group(g) for g in draft.sections),
        loose=tuple(placer.place(p) for p in draft.loose),
    )


# Shaping ----------------------------------------------------------------------------------


@dataclass
class _Group:
    title: str
    points: list[DraftPoint] = field(default_factory=list)
    note: str = ""
    closed_by_gap: bool = False  # a labelled paragraph: only bullets right under it belong
    headed: bool = False  # under a heading of the notes' own: 'Label: text' is a point of it
    pictures: list[Picture] = field(default_factory=list)
    picture_notes: list[str] = field(default_factory=list)

    def freeze(self) -> DraftGroup:
        points = tuple(self.points)
        note = self.note
        if not points and self.pictures:  # a picture alone: its description is the point
            picture = self.pictures[0]
            points = (DraftPoint(picture.alt or alt_from_name(picture.name)),)
            note = note or (
                "This part of the notes was only a picture: its description is the point; "
                "add notes, or merge it."
            )
        if not points:  # a heading with nothing under it keeps its words as the point
            points = (DraftPoint(self.title),)
            note = note or "This heading had no notes under it: add points, or merge it."
        return DraftGroup(self.title, points, note, tuple(self.pictures), tuple(self.picture_notes))


@dataclass
class _State:
    title: str = ""
    title_note: str = ""
    course: str = ""
    question: str = ""
    question_level: int | None = None
    intro: list[str] = field(default_factory=list)
    intro_notes: list[str] = field(default_factory=list)
    factors: list[_Group] = field(default_factory=list)
    sections: list[_Group] = field(default_factory=list)
    in_factors: bool = False
    under: _Group | None = None  # the group whose last point is a sub-heading, open
    factor_style: str = ""  # "bullet", "label" or "heading": what the first factor was
    factor_level: int | None = None  # the first heading factor's level (None: plain text)
    current: _Group | None = None  # where following paragraphs and bullets go
    loose: list[Picture] = field(default_factory=list)  # pictures before any factor or section
    loose_notes: list[str] = field(default_factory=list)


def shape(blocks: list[Block], fallback_title: str = "Imported notes") -> Draft:
    """Decide what every block of the notes becomes (see the module docstring)."""
    state = _State()
    runs = _runs(blocks)
    while runs and isinstance(runs[0], Block) and not runs[0].text:
        _block(state, runs[0])  # pictures above the title (a logo): no place for them
        del runs[0]
    first = runs[0] if runs else None
    if isinstance(first, Block) and _title_like(first):
        state.title = first.text
        state.loose += first.pictures
        runs = runs[1:]
        subtitle = runs[0] if runs else None
        # (a line in italics right under the title is its subtitle, a blank line between
        # or not: '*GCSE Geography – Paper 1*')
        slanted = isinstance(subtitle, Block) and SLANTED.fullmatch(subtitle.text)
        if (
            isinstance(subtitle, Block)
            and subtitle.kind == "para"
            and (not subtitle.gap or slanted)
            and not subtitle.literal
            and _heading_like(slanted.group(1) if slanted else subtitle.text)
        ):
            state.course = slanted.group(1) if slanted else subtitle.text
            runs = runs[1:]
            state.loose += subtitle.pictures
        if first.text.endswith("?"):
            state.title_note = "Check the title: it is the notes' first line, a question."
            _start_factors(state, first)
    else:
        state.title = fallback_title
        state.title_note = "Check the title: revpack made it from the file's name."
    for run in runs:
        if isinstance(run, list):
            _bullets(state, run)
        else:
            _block(state, run)
    language = guess_language(" ".join(block.text for block in blocks))
    return replace(_finish(state), language=None if language == "en-GB" else language)


def _runs(blocks: list[Block]) -> list[Block | list[Block]]:
    """Blocks, with each run of consecutive bullets gathered into a list."""
    runs: list[Block | list[Block]] = []
    for block in blocks:
        if block.kind == "bullet" and runs and isinstance(runs[-1], list):
            runs[-1].append(block)
        else:
            runs.append([block] if block.kind == "bullet" else block)
    return runs


def _block(state: _State, block: Block) -> None:
    if block.kind == "heading":
        state.under = None  # (a sub-heading's notes end at the next heading)
    if block.text:
        _words(state, block)
    holder = state.current or _last_group(state)
    notes = [block.note] if block.note and not block.text else []  # else beside its points
    if holder is None:
        state.loose += block.pictures
        state.loose_notes += notes
    else:
        holder.pictures += block.pictures
        holder.picture_notes += notes


def _last_group(state: _State) -> _Group | None:
    """The factor or section the notes got to last (None right after the question: what
    stands there is about the whole topic, not the section before it)."""
    if state.in_factors:
        return state.factors[-1] if state.factors else None
    groups = state.sections or state.factors
    return groups[-1] if groups else None


def _words(state: _State, block: Block) -> None:
    if block.literal:  # HTML or code: text as written, never a title, label or question
        _paragraph(state, block)
        return
    label, rest = split_label(block.text) if block.kind == "para" else (None, "")
    asked = label is not None and QUESTION_LABEL.fullmatch(label) is not None
    if (
        block.text.endswith("?")
        and not state.question
        and not state.factors
        # (a question under the notes' own headings is theirs, unless it says it is the key
        # question: 'Key question: Why …?')
        and (not state.sections or asked)
        and block.kind in ("para", "heading")
    ):
        _start_factors(state, block)
    elif (
        label
        and state.current is not None
        and (state.current.headed or GLOSSARY_HEADING.fullmatch(state.current.title))
    ) or _sub_heading(state, block):
        # Under a heading, 'Symbol equation: …' is one of its notes, and so is '… can be
        # limited by:' with the list it leads into; a heading under a factor's own
        # ('Required practical' under 'Limiting factors') is a point of that factor, the
        # notes under it its sub-points.
        _paragraph(state, block)
        if block.kind == "heading" and state.current is not None:
            state.under = state.current
    elif (
        block.kind == "heading"
        or (block.kind == "para" and not block.styled and _heading_like(block.text))
        or (label and not rest)
    ):
        title = label or block.text
        # (a short 'Label: text' that looks like a heading keeps its text as its point)
        points = _noted(sentences(rest), block.note) if label and rest else []
        level = block.depth if block.kind == "heading" else None
        headed = block.kind == "heading"
        if (
            state.in_factors
            and state.factor_style in ("", "heading")
            and _factor_heading(state, level)
            and not ASIDE.fullmatch(title)
        ):
            if not state.factor_style:
                state.factor_style, state.factor_level = "heading", level
            state.current = _Group(title, points, headed=headed)
            state.factors.append(state.current)
        else:
            _new_section(state, _Group(title, points, headed=headed))
    elif label:
        group = _Group(label, _noted(sentences(rest), block.note), closed_by_gap=True)
        if state.in_factors and state.factor_style in ("", "label"):
            state.factor_style = "label"
            state.current = group
            state.factors.append(group)
        else:
            _new_section(state, group)
    else:
        _paragraph(state, block)


ASIDE = re.compile(
    r"(?i)(?:key ?words|key terms|keywords|glossary|vocabulary|key dates|dates|timeline|"
    r"exam tips?|summary|revision|(?:more |further |extra )?notes|mots[- ]clés|"
    r"vocabulaire|chronologie|vocabulario|cronología|fachbegriffe|glossar|zeitleiste|"
    r"geirfa|llinell amser)\W*"
)
"""Headings of what stands beside the factors (a glossary, dates, exam tips): sections."""


def _sub_heading(state: _State, block: Block) -> bool:
    """Whether `block` is a heading deeper than the factor headings, under one of them."""
    return (
        block.kind == "heading"
        and state.in_factors
        and state.factor_style == "heading"
        and state.factor_level is not None
        and block.depth > state.factor_level
        and state.current is not None
        and state.current.headed
    )


def _factor_heading(state: _State, level: int | None) -> bool:
    """Whether a heading (`level`; None for a heading-like line of plain text) right
    after the question, or after the factors so far, is a factor: the first at any level
    under the question (or at its own, or any after a question in plain text), the next
    ones at the first one's level or deeper."""
    question = state.question_level
    if state.factor_style == "heading":
        first = state.factor_level
        if first is None:
            return level is None
        return level is not None and level >= first
    return level is None or question is None or level >= question


def _paragraph(state: _State, block: Block) -> None:
    points = _noted([block.text] if block.literal else sentences(block.text), block.note)
    current = state.current
    if current is not None and current is state.under:
        _under_heading(current, points)
    elif current is not None and not (current.closed_by_gap and block.gap):
        current.points += points
    elif not state.sections and not state.factors:
        state.intro.append(block.text)  # before the factors: the introduction
        state.intro_notes += [block.note] if block.note else []
    else:
        _new_section(state, _Group(MORE_NOTES, points, _more_notes_note()))


def _bullets(state: _State, run: list[Block]) -> None:
    roots = _tree(run)
    current = state.current
    if state.in_factors and current is None and state.factor_style in ("", "bullet"):
        state.factor_style = "bullet"
        state.factors += [_factor(node) for node in roots]
        return
    if current is not None and current is state.under:
        _under_heading(current, [p for node in roots for p in _points(node)])
    elif current is not None and not (current.closed_by_gap and run[0].gap):
        current.points += [p for node in roots for p in _points(node)]
    else:
        current = _Group(
            MORE_NOTES, [p for node in roots for p in _points(node)], _more_notes_note()
        )
        _new_section(state, current)
    current.pictures += [p for node in roots for p in node.all_pictures()]
    current.picture_notes += [n for node in roots for n in node.picture_notes()]


def _under_heading(group: _Group, points: list[DraftPoint]) -> None:
    """`points` as sub-points of `group`'s last point, the sub-heading they stand under
    ('Ideology', then its bullets); a point's own sub-points follow it (sources nest one
    level)."""
    heading = group.points[-1]
    texts = [text for point in points for text in (point.text, *point.points)]
    notes = " ".join(note for note in (heading.note, *(p.note for p in points)) if note)
    group.points[-1] = replace(heading, points=(*heading.points, *texts), note=notes)


def _more_notes_note() -> str:
    return (
        "Check this title: these notes had no heading of their own. Give the section a "
        "title, or move the points where they belong."
    )


QUESTION_LABEL = re.compile(
    r"(?i)(?:key |big |enquiry |the )?question|question (?:clé|clef)|pregunta(?: clave)?|"
    r"leitfrage|frage|cwestiwn(?: allweddol)?"
)
"""What a teacher may write before the key question ('Key question: Why …?')."""


def _start_factors(state: _State, block: Block) -> None:
    label, rest = split_label(block.text)
    state.question = rest if label and rest and QUESTION_LABEL.fullmatch(label) else block.text
    state.question_level = block.depth if block.kind == "heading" else None
    state.in_factors = True
    state.current = None


def _new_section(state: _State, group: _Group) -> None:
    state.in_factors = False
    state.sections.append(group)
    state.current = group


def _noted(texts: list[str], note: str) -> list[DraftPoint]:
    """A point per text, the first carrying `note`."""
    return [DraftPoint(text, (), note if number == 0 else "") for number, text in enumerate(texts)]


@dataclass
class _Node:
    text: str
    children: list[_Node] = field(default_factory=list)
    note: str = ""
    pictures: tuple[Picture, ...] = ()

    def notes(self) -> str:
        """Its note and its descendants' (sub-points carry none of their own)."""
        return " ".join(n for n in (self.note, *(c.notes() for c in self.children)) if n)

    def all_pictures(self) -> list[Picture]:
        """Its pictures and its descendants'."""
        return [*self.pictures, *(p for c in self.children for p in c.all_pictures())]

    def picture_notes(self) -> list[str]:
        """The notes of those of it and its descendants that have no words to go beside."""
        own = [self.note] if self.note and not self.text else []
        return [*own, *(n for c in self.children for n in c.picture_notes())]


def _tree(run: list[Block]) -> list[_Node]:
    roots: list[_Node] = []
    stack: list[tuple[int, _Node]] = []
    for block in run:
        node = _Node(block.text, note=block.note, pictures=block.pictures)
        while stack and stack[-1][0] >= block.depth:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((block.depth, node))
    return roots


def _points(node: _Node) -> list[DraftPoint]:
    """A bullet's points: one per sentence, or the bullet with its nested bullets."""
    if node.children:
        return [DraftPoint(node.text, tuple(_flatten(node.children)), node.notes())]
    return _noted(sentences(node.text), node.note)


def _flatten(nodes: list[_Node]) -> list[str]:
    # Sources nest one level; deeper bullets follow their parent as sub-points.
    return [text for node in nodes for text in (node.text, *_flatten(node.children))]


def _factor(node: _Node) -> _Group:
    label, rest = split_label(node.text)
    children = [p for child in node.children for p in _points(child)]
    if label:
        group = _Group(label, _noted(sentences(rest), node.note) + children)
    else:
        group = _Group(
            short_title(node.text), _noted(sentences(node.text), node.note) + children, CHECK_TITLE
        )
    group.pictures += node.all_pictures()
    group.picture_notes += node.picture_notes()
    return group


def _finish(state: _State) -> Draft:
    factors = _unique_titles(state.factors)
    sections = [g.freeze() for g in state.sections]
    if len(factors) > MAX_FACTORS:
        moved = [
            replace(
                f, note=f"Moved here from the factors: a factor chart has room for {MAX_FACTORS}."
            )
            for f in factors[MAX_FACTORS:]
        ]
        factors, sections = factors[:MAX_FACTORS], moved + sections
    timeline = _lifted(sections, _dated_lines)
    terms = _lifted(sections, _glossary_lines)
    return Draft(
        title=state.title,
        title_note=state.title_note,
        course=state.course,
        question=state.question,
        intro=" ".join(state.intro),
        intro_note=" ".join(state.intro_notes),
        factors=tuple(factors),
        sections=tuple(sections),
        loose=tuple(state.loose),
        loose_notes=tuple(state.loose_notes),
        timeline=tuple(timeline),
        terms=tuple(terms),
    )


DATED_LINE = re.compile(r"(?P<when>[^-–—:]{1,30}?)\s*[-–—:]\s+(?P<what>\S.*)")
"""A line of a list of dates: a date, a dash or colon, what happened ('1509 - Henry
marries Catherine of Aragon.', 'January 1533: Henry secretly marries…')."""


DATES_HEADING = re.compile(
    r"(?i)\W*(?:key |important )?(?:dates|timeline|chronology|chronologie|dates clés|"
    r"zeitleiste|daten|fechas(?: clave)?|cronología|llinell amser|dyddiadau)\W*"
)
"""The heading of a list of dates ('Key dates', 'Timeline', 'Chronologie')."""


Lifted = TypeVar("Lifted", DraftEvent, DraftTerm)
"""What a section's lines become when lifted out of it (timeline entries, terms)."""


def _lifted(
    sections: list[DraftGroup],
    lift: Callable[[DraftGroup], tuple[list[Lifted], tuple[DraftPoint, ...]]],
) -> list[Lifted]:
    """The entries `lift` finds in the first of `sections` that has any; that section is
    left with its other points ('Remember: …' after a list of dates), or removed."""
    for at, group in enumerate(sections):
        entries, rest = lift(group)
        if entries:
            if rest:
                sections[at] = replace(group, points=rest)
            else:
                del sections[at]
            return entries
    return []


def _dated_lines(group: DraftGroup) -> tuple[list[DraftEvent], tuple[DraftPoint, ...]]:
    """The section's first points as timeline entries, and the points left: when it is
    headed as a list of dates and they (two or more, with no sub-points) are dated lines
    whose dates have a year, up to the first that is not ('Remember: …' after the list);
    else ([], the points) (a list of '1000 kJ: …' or of sources stays a section)."""
    if not DATES_HEADING.fullmatch(group.title):
        return [], group.points
    events = []
    for point in group.points:
        found = _dated_line(point.text)
        if found is None or point.points:
            break
        events.append(DraftEvent(found["when"].strip(), found["what"]))
    if len(events) < 2:
        return [], group.points
    return events, group.points[len(events) :]


GLOSSARY_HEADING = re.compile(
    r"(?i)\W*(?:key ?words|key terms|keywords|glossary|vocabulary|mots[- ]clés|vocabulaire|"
    r"vocabulario|términos clave|fachbegriffe|glossar|geirfa|termau allweddol)\W*"
)
"""The heading of a glossary ('Key terms', 'Glossary', 'Vocabulaire')."""
TERM_LINE = re.compile(r"(?P<term>[^–—:=]{1,60}?)\s*(?:[–—:=]|\s-)\s+(?P<meaning>\S.*)")
"""A line of a glossary: a term, a dash, colon or '=', its meaning ('Fyrd: part-time
soldiers', 'Fyrd – part-time soldiers', 'fyrd = part time soldiers')."""
HEADER_ROW = re.compile(r"(?i)(?:key )?(?:terms?|words?)\s*[–—:-]\s*(?:meanings?|definitions?)")
"""A glossary table's header row as read ('Term – Meaning')."""


def _glossary_lines(group: DraftGroup) -> tuple[list[DraftTerm], tuple[DraftPoint, ...]]:
    """The section's first lines as terms, and the points left: when it is headed as a
    glossary and they (two or more) are 'Term: meaning' lines of a short term, up to the
    first that is not; a table's header row ('Term – Meaning', with the rows read as its
    sub-points from Markdown) is left out. ([], the points) otherwise."""
    points = group.points
    if not GLOSSARY_HEADING.fullmatch(group.title) or not points:
        return [], points
    lines: list[tuple[str, bool]] = []
    header = HEADER_ROW.fullmatch(points[0].text.strip()) is not None
    if header:
        lines = [(text, False) for text in points[0].points]
        points = points[1:]
    lines += [(point.text, bool(point.points)) for point in points]
    entries = []
    for text, nested in lines:
        found = TERM_LINE.fullmatch(text.strip())
        if found is None or nested or len(found["term"].split()) > 5:
            break
        term = found["term"].strip()
        if term.startswith("**") and term.endswith("**") and len(term) > 4:
            term = term[2:-2].strip()  # (a term set in bold from its meaning)
        entries.append(DraftTerm(term, found["meaning"].strip()))
    if len(entries) < 2:
        return [], group.points
    used = len(entries) - (len(group.points[0].points) if header else 0)
    if used < 0:  # (the table's rows ran on past the terms: keep the section as it is)
        return [], group.points
    return entries, points[used:]


def _dated_line(text: str) -> re.Match[str] | None:
    """`text` read as a line of a list of dates ('1509 - Henry marries …'), or None."""
    found = DATED_LINE.fullmatch(text.strip())
    if found is None or len(found["when"].split()) > 5 or _date_in(found["when"]) is None:
        return None
    return found


def _unique_titles(groups: list[_Group]) -> list[DraftGroup]:
    seen: dict[str, int] = {}
    out = []
    for group in groups:
        frozen = group.freeze()
        key = " ".join(frozen.title.casefold().split())
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            frozen = replace(
                frozen,
                title=f"{frozen.title} ({seen[key]})",
                note="Check this title: another factor has the same one.",
            )
        out.append(frozen)
    return out


# Reading the words -------------------------------------------------------------------------

_ABBREVIATIONS = {
    # English
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "mt",
    "vs",
    "v",
    "c",
    "ca",
    "no",
    "nos",
    "fig",
    "figs",
    "approx",
    "jr",
    "sr",
    "u.s",
    "u.k",
    "u.s.s.r",
    "cf",
    "al",
    "p",
    "pp",
    "vol",
    "ch",
    "gen",
    "col",
    "capt",
    "lt",
    "sgt",
    "rev",
    "est",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    # French, German, Spanish and Welsh notes
    "av",
    "j.-c",
    "env",
    "mme",
    "mlle",
    "z.b",
    "d.h",
    "u.a",
    "usw",
    "bzw",
    "vgl",
    "nr",
    "hl",
    "sra",
    "srta",
    "dra",
    "pág",
    "p.ej",
    "ee.uu",
    "e.e",
    "h.y",
}
"""Words that end in a full stop without ending the sentence (compared in lower case)."""
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
"""A word of letters each with its full stop: an abbreviation ('a.d.', 'u.s.')."""
_SENTENCE_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?»)?[\"”’')\]]*\s+")
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "to",
    "in",
    "on",
    "by",
    "for",
    "with",
    "at",
    "or",
    "but",
    "so",
    "as",
    "from",
    "that",
    "which",
    "was",
    "were",
    "is",
    "be",
}


def sentences(text: str) -> list[str]:
    """`text` split into sentences; abbreviations such as e.g. and initials do not split."""
    parts, start = [], 0
    quoted = _Quotes()
    for match in _SENTENCE_END.finditer(text):
        # (only the last few characters: a sentence not split here grows, and splitting
        # all of it at each full stop took time as the square of the text's length)
        before = text[max(start, match.start() - 64) : match.start()].split()
        word = before[-1].lower().lstrip("([\"'“‘") if before else ""
        following = text[match.end() : match.end() + 1]
        if word.rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        if _DOTTED.fullmatch(word):  # ('A.D.', 'U.S.': letters with their stops)
            continue
        if quoted.open_at(text, match.end()):
            continue  # (inside a quotation: « Qu'est-ce ? Tout. » is one sentence)
        if not (following.isupper() or following.isdigit() or following in "\"“‘'(["):
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


class _Quotes:
    """How many quotations are open at a place in a text, counted as the places move on
    (each character once: counting from the sentence's start at every full stop took time
    as the square of the text's length)."""

    def __init__(self) -> None:
        self.at = 0
        self.depth = 0

    def open_at(self, text: str, end: int) -> bool:
        """Whether a quotation opened before `end` (no earlier than the last place asked)
        is still open there."""
        seen = text[self.at : end]
        self.depth += seen.count("«") + seen.count("“") - seen.count("»") - seen.count("”")
        self.at = end
        return self.depth > 0


_LABEL = re.compile(r"\*\*(?P<a>[^*]+?)(?::\*\*|\*\*:)\s+(?P<b>.*)|(?P<c>[^:]+?):(?:\s+(?P<d>.*))?")


def split_label(text: str) -> tuple[str | None, str]:
    """('Label', 'text') for 'Label: text' (also '**Label:** text', and 'label: text' of one
    word, its first letter made a capital: not 'he said: no'); (None, text) otherwise."""
    match = _LABEL.fullmatch(text)
    if not match:
        return None, text
    label = (match.group("a") or match.group("c")).strip()
    rest = (match.group("b") if match.group("a") else match.group("d")) or ""
    words = label.split()
    if (
        not words
        or len(words) > 8
        or len(label) > 60
        or (label[0].islower() and (len(words) > 1 or not rest.strip()))
        or re.search(r"[.!?]|https?$|^\d+$", label)
    ):
        return None, text
    # (a student's 'leadership: william was…' is labelled too: the title takes a capital)
    return label[0].upper() + label[1:], rest.strip()


def short_title(text: str, words: int = 5) -> str:
    """A title from the first words of `text`, without a dangling 'and', 'the'…"""
    first = sentences(text)[0] if text else text
    picked = [w.strip(',;:.!?…"“”()') for w in first.split()[:words]]
    while len(picked) > 1 and (picked[-1].lower() in _SMALL_WORDS or not picked[-1]):
        picked.pop()
    title = " ".join(w for w in picked if w)
    return title[:1].upper() + title[1:] if title else "Untitled"


def _title_like(block: Block) -> bool:
    if block.literal:
        return False
    return block.kind == "heading" or (
        block.kind == "para" and len(block.text) <= 100 and len(sentences(block.text)) == 1
    )


SLANTED = re.compile(r"\*([^*]+)\*")
"""A line all in italics, as the readers write one (Markdown's `_…_` too)."""
GLOSSARY_LINE = re.compile(r"\S+(?: \S+){0,3} – [a-z]")
"""A glossary's line: a short term, ' – ' and its meaning in small letters ('Topic 1 –
Cell structure' is a heading)."""


def _heading_like(text: str) -> bool:
    """Whether a line of plain text reads as a heading: short, no sentence, not partly in
    bold and not a term set from its meaning ('**Turgid** – swollen', 'Entente – a …' are
    a glossary's lines; a heading is all bold, or not)."""
    return (
        "**" not in text
        and not GLOSSARY_LINE.match(text)  # ('Entente – a friendly understanding')
        and _dated_line(text) is None  # ('1509 - Henry marries Catherine', in a list)
        and len(text) <= 60
        and len(text.split()) <= 8
        # (in small letters, only the heading of a list of dates or a glossary: a
        # student's 'dates' or 'key words')
        and (not text[0].islower() or _lists_heading(text))
        and not re.search(r"[.,;!?…:]$|[.!?]\s", text)
    )


def _lists_heading(text: str) -> bool:
    """Whether `text` heads a list of dates or a glossary ('dates', 'key words')."""
    return bool(DATES_HEADING.fullmatch(text) or GLOSSARY_HEADING.fullmatch(text))


def _title_from_name(stem: str) -> str:
    words = " ".join(re.split(r"[-_\s]+", stem)).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported notes"


def safe_markup(text: str) -> tuple[str, bool]:
    """`text` with a space after any `==` that would open a key term and never close.

    Notes may contain `a==b`; revpack would read that `==` as the start of a key term. A
    space after it makes it literal (DESIGN §2). Returns the text and whether it changed.
    """
    changed = False
    for _ in range(text.count("==")):
        problems: list[Problem] = []
        markup.parse(text, Mark("", 1, 1), problems)
        wrong = [p for p in problems if "==" in p.message]
        if not wrong:
            break
        offset = wrong[0].mark.column - 1 + 2
        text, changed = text[:offset] + " " + text[offset:], True
    return text, changed


# Writing -----------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
MONTHS = (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "ionawr chwefror mawrth ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr",
)
"""The months' names in revpack's languages, each line January to December."""
_MONTH = {name: n for line in MONTHS for n, name in enumerate(line.split(), 1)}
_M = "(?P<month>" + "|".join(sorted(_MONTH, key=len, reverse=True)) + ")"
_FULL_DATE = re.compile(
    r"(?i)\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?)?"
    + _M
    + r"\s+(?:(?P<day2>\d{1,2}),?\s+)?(?:de\s+)?(?P<year>1[0-9]{3}|20[0-9]{2})\b"
)
"""A date with its month: '5 mai 1789', '12 de septiembre de 2006', 'June 25, 1950',
'March 1953'."""


def _date_in(sentence: str) -> tuple[tuple[int, int, int], str] | None:
    """The date in `sentence` as the timeline would say it (with its day and month when
    it has them) and its order; None without a year."""
    full = _FULL_DATE.search(sentence)
    if full:
        day = int(full.group("day") or full.group("day2") or 0)
        month = _MONTH[full.group("month").lower()]
        return (int(full.group("year")), month, day), full.group(0)
    year = _YEAR.search(sentence)
    return ((int(year.group(1)), 0, 0), year.group(1)) if year else None


def to_yaml(
    draft: Draft,
    source_name: str = "",
    editor_comment: str = "",
    target: str = "FILE",
    bold: Bold = Bold(),
) -> str:
    """The draft as a commented source file."""
    out = _header(source_name, editor_comment, target, bold)
    if draft.title_note:
        out.append(f"# {draft.title_note}")
    out += _text_key("title", draft.title, 0)
    if draft.language:
        out.append("# Check the language: revpack took it from the notes' commonest words.")
        out.append(f"language: {draft.language}")
    else:
        out.append(
            "# language: fr   # the notes' language if not English (fr, de, es, cy are built in)"
        )
    out.append("# subject:     # optional: remove the first # and write the subject")
    if draft.course:
        out += ["# Check the course: it is the line under the title in the notes."]
        out += _text_key("course", draft.course, 0)
    else:
        out.append("# course:      # optional: the course or exam, as on the sheets")
    if draft.question:
        out += _text_key("question", draft.question, 0)
    else:
        out.append("# question: Why …?   # the key question your factors answer")
    if draft.intro:
        out += _comment(draft.intro_note, 0) if draft.intro_note else []
        out += _text_key("intro", draft.intro, 0)
    for note in draft.loose_notes:
        out += _comment(note, 0)
    for picture in draft.loose:
        out += _comment(
            _unused(
                picture, "before the first factor or section, where a source has no place for it"
            ),
            0,
        )
    if draft.factors:
        out += [
            "",
            "# Factors: the answers to the question (the spokes of the factor chart).",
            "factors:",
        ]
        out += _groups(draft.factors)
    if draft.sections:
        out += ["", "# Sections: the rest of the notes, in order.", "sections:"]
        out += _groups(draft.sections)
    out += _glossary_and_timeline(draft)
    return "\n".join(out) + "\n"


def _header(source_name: str, editor_comment: str, target: str, bold: Bold) -> list[str]:
    lines = editor_comment.splitlines()
    origin = f" from {source_name}" if source_name else ""
    lines += _comment(
        f"Imported{origin} by `revpack import`. The words are yours, unchanged: "
        "revpack only split them into one point per sentence. Before you build:",
        0,
    )
    return lines + [
        "#   - check spelling and facts, and the titles marked 'Check this title';",
        "#   - check which notes became factors (answers to the question) and which sections;",
        *_key_terms_lines(bold, source_name),
        "#   - add a glossary (terms) and a timeline: there is a start at the end of this file.",
        f"# Then check it:  revpack check {shlex.quote(target)}",
        f"# and build it:   revpack build {shlex.quote(target)}",
        "",
    ]


def _key_terms_lines(bold: Bold, source_name: str) -> list[str]:
    """The header's step about key terms: to mark them, or (`--bold-key-terms`) to check
    the ones made from the notes' bold words."""
    if bold.keyed and bold.runs:
        return [
            "#   - check the key terms: the "
            + (
                "1 word or phrase in bold became a key term"
                if bold.runs == 1
                else f"{bold.runs} words or phrases in bold became key terms"
            ),
            "#     (==…==; write **…** again for one that is not): they are highlighted on the",
            "#     summary sheet and chart and become the numbered gaps of the worksheet;",
        ]
    lines = [
        "#   - mark key terms with ==key term==: they are highlighted on the summary sheet and",
        "#     chart and become the numbered gaps of the worksheet;",
    ]
    if bold.runs:
        command = f"revpack import {shlex.quote(source_name or 'NOTES')} --bold-key-terms"
        lines += [
            f"#     {_bold_runs(bold.runs)} in bold, and `{command}`",
            "#     makes them key terms;",
        ]
    return lines


def _bold_runs(count: int) -> str:
    """'1 word or phrase is', '3 words or phrases are'."""
    return "1 word or phrase is" if count == 1 else f"{count} words or phrases are"


def _text_key(key: str, text: str, indent: int) -> list[str]:
    text, notes = _marked_safely(text, indent)
    return notes + yamlout.key_value(key, text, indent)


def _text_item(text: str, indent: int) -> list[str]:
    text, notes = _marked_safely(text, indent)
    return notes + yamlout.item(text, indent)


def _marked_safely(text: str, indent: int) -> tuple[str, list[str]]:
    """`text` with a space after an '==' that would open a key term and never close, and
    the comments that say so, and that a '*' or '==' between letters or figures is read
    as formatting ('2*3*4' printed '234', its 3 in italic; 'x==5 or y==3' a key term)."""
    text, changed = safe_markup(text)
    notes = (
        [" " * indent + "# A space was added after '==' so it is not read as a key term."]
        if changed
        else []
    )
    joined = INSIDE_WORDS.search(text)
    if joined is not None and _styled(text):
        notes += _comment(
            f"revpack reads the '{joined.group()}' in this line as italic, bold or a key term: "
            "check how it prints, and write × for 'times', or put spaces round it to keep it "
            "as typed.",
            indent,
        )
    return text, notes


INSIDE_WORDS = re.compile(r"(?<=[^\W_])(?:\*\*?|==)(?=[^\W_])")
"""An asterisk or '==' between two letters or figures ('2*3*4', 'x==5'), which notes mean as
typed (a sub- or superscript between them, 'H~2~O', 'x^2^', is meant as one)."""


def _styled(text: str) -> bool:
    """Whether revpack's markup sets part of `text` in italic or bold, or as a key term."""
    parsed = markup.parse(text, Mark("", 1, 1), [])
    return any(span.bold or span.italic or span.key for span in parsed.spans)


def _groups(groups: tuple[DraftGroup, ...]) -> list[str]:
    out: list[str] = []
    for number, group in enumerate(groups):
        if number:
            out.append("")
        if group.note:
            out += _comment(group.note, 2)
        out += _text_key_first("title", group.title, 2)
        out += _image_lines(group)
        out.append("    points:")
        for point in group.points:
            out += _comment(point.note, 6) if point.note else []
            if point.points:
                out += _text_key_first("text", point.text, 6)
                out.append("        points:")
                for sub in point.points:
                    out += _text_item(sub, 10)
            else:
                out += _text_item(point.text, 6)
    return out


def _image_lines(group: DraftGroup) -> list[str]:
    """The group's `image:` (its first placed picture), and a comment for each other."""
    placed = [p for p in group.pictures if p.file]
    image = placed[0] if placed else None
    out: list[str] = []
    if image is not None:
        out += [line for note in image.notes for line in _comment(note, 4)]
        out += ["    image:", *yamlout.key_value("file", image.file, 6)]
        if not image.alt:
            out += _comment(
                "Describe the picture for readers who cannot see it: the notes gave it no "
                "alt text, so this is its file's name.",
                6,
            )
        out += yamlout.key_value("alt", image.alt or alt_from_name(image.name), 6)
    for picture in group.pictures:
        if picture is image:
            continue
        out += _comment(
            _unused(
                picture,
                "but a factor or section has one picture and this one has another",
                "the factor or section it belongs to",
            ),
            4,
        )
    for note in group.picture_notes:
        out += _comment(note, 4)
    return out


def _unused(picture: Picture, why: str, target: str = "a factor or section") -> str:
    """A comment for a picture that is not an `image:` entry: why, and the line to add."""
    if picture.unplaced:
        return f"A picture was here: {picture.said()}, but it is not kept: {picture.unplaced}."
    return (
        f"A picture was here: {picture.said()}, {why}. To draw it, give {target} the line "
        f"{picture.entry()}"
    )


def _text_key_first(key: str, text: str, indent: int) -> list[str]:
    """`- key: text` at `indent`: the first key of a list item."""
    lines = _text_key(key, text, indent + 2)
    for number, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            lines[number] = " " * indent + "- " + line[indent + 2 :]
            break
    return lines


def _comment(text: str, indent: int) -> list[str]:
    words, lines = text.split(), [" " * indent + "#"]
    for word in words:
        if len(lines[-1]) + 1 + len(word) > yamlout.WIDTH:
            lines.append(" " * indent + "#")
        lines[-1] += " " + word
    return lines


def _glossary_and_timeline(draft: Draft) -> list[str]:
    out = [""]
    if draft.terms:
        out += ["# (From the notes' glossary: mark the terms ==like this== in the notes too.)"]
        out.append("terms:")
        for entry in draft.terms:
            out += yamlout.key_value("- term", entry.term, 2)
            out += yamlout.key_value("meaning", entry.meaning, 4)
    else:
        out += [
            "# A glossary: remove the # signs and fill in. Key terms (==…==) are a good start.",
            "# terms:",
            "#   - term:",
            "#     meaning:",
        ]
    out += ["", '# A timeline: dated events, earliest first. Quote a bare year: when: "1955".']
    if draft.timeline:
        out += ["# (From the notes' list of dates: check that it runs earliest first.)"]
        out.append("timeline:")
        for event in draft.timeline:
            out.append(f"  - when: {json.dumps(event.when, ensure_ascii=False)}")  # ("1509")
            out += yamlout.key_value("what", event.what, 4)
        return out
    dated = sorted(
        ((found, s) for s in _all_sentences(draft) if (found := _date_in(s)) is not None),
        key=lambda pair: pair[0][0],
    )
    if not dated:
        return out + ["# timeline:", '#   - when: ""', "#     what:"]
    out += [
        "# These are the notes' sentences with a year in them; check and shorten them.",
        "# timeline:",
    ]
    for (_, when), sentence in dated:
        out.append(f'#   - when: "{when}"')  # (a date, digits and words: no quote in it)
        out += ["# " + line for line in yamlout.key_value("what", sentence, 4, yamlout.WIDTH - 2)]
    return out


def _all_sentences(draft: Draft) -> list[str]:
    texts = [draft.intro] if draft.intro else []
    for group in (*draft.factors, *draft.sections):
        for point in group.points:
            texts += [point.text, *point.points]
    return [s for text in texts for s in sentences(text)]
