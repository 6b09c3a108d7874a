"""The whole worksheet and its key as documents of the format-neutral model: the title,
the name line, each exercise under its numbered heading, and the key in the same order.
"""

from __future__ import annotations

from revpack.labels import Labels, class_and_teacher
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source
from revpack.options import of_kind
from revpack.options.worksheet import Options
from revpack.problems import Mark, RenderError
from revpack.worksheet.compose import Context, plain
from revpack.worksheet.document import (
    Block,
    Document,
    Heading,
    NameLine,
    PageBreak,
    Paragraph,
    Properties,
    Worksheet,
)
from revpack.worksheet.exercises import Exercise, ExerciseSet, exercise_type, worksheet
from revpack.worksheet.spacing import spaced_paragraph


def assemble(source: Source, layout: Layout, audience: Audience, labels: Labels) -> Worksheet:
    """The sheet and, as the layout's `answers` option says, its key (separate, at the
    end of the sheet, or none)."""
    options = of_kind(layout.options, Options)
    exercises = worksheet(source, options, audience.seed)
    if not exercises.exercises:  # (a sheet of nothing but its title and name line)
        raise RenderError(
            "has nothing for this worksheet to ask: it leaves out "
            + "; ".join(exercises.left_out)
            + "; mark key terms with ==…==, or add factors, terms or a timeline",
            Mark(source.path, 1, 1),
        )
    context = Context(layout, labels)
    answers = options.answers
    blocks = _sheet_blocks(exercises, context)
    if answers == "appendix" and exercises.exercises:
        blocks += [
            PageBreak(),
            Heading(labels("answer_key"), 1),
            _key_note(context, audience),
            *_key_blocks(exercises, context, 2),
        ]
    sheet = _document(source, layout, audience, labels, blocks, is_key=False)
    key = None
    if answers == "separate":
        key = _document(
            source,
            layout,
            audience,
            labels,
            [_key_note(context, audience), *_key_blocks(exercises, context, 1)],
            is_key=True,
        )
    return Worksheet(sheet, key, exercises.left_out)


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What the worksheet leaves out for lack of data, one line each, for the build to
    print: a source with no ==key terms== gets no gap fill, and the build says so."""
    exercises = worksheet(source, of_kind(layout.options, Options), 0)
    return tuple(f"{source.path}: {layout.name} leaves out {what}" for what in exercises.left_out)


def exercise_title(number: int, exercise: Exercise, labels: Labels) -> str:
    """'2. Match the terms to their meanings'."""
    return f"{number}. {labels('exercise.' + exercise_type(exercise).name)}"


def _sheet_blocks(exercises: ExerciseSet, context: Context) -> list[Block]:
    blocks: list[Block] = []
    for number, exercise in enumerate(exercises.exercises, 1):
        row = exercise_type(exercise)
        if row.name == "extended" and number > 1:
            # The extended answer starts a page (or goes whole on the rest of one) and
            # its lines fill it, so that no sheet ends on a page holding only a few ruled
            # lines.
            blocks.append(PageBreak(unless_fits=True))
        blocks.append(Heading(exercise_title(number, exercise, context.labels), 1))
        blocks += row.sheet(exercise, context)
    return blocks


def _key_blocks(exercises: ExerciseSet, context: Context, level: int) -> list[Block]:
    blocks: list[Block] = []
    for number, exercise in enumerate(exercises.exercises, 1):
        blocks.append(Heading(exercise_title(number, exercise, context.labels), level))
        blocks += exercise_type(exercise).key(exercise, context, level)
    return blocks


def _key_note(context: Context, audience: Audience) -> Paragraph:
    # (The exercises' blocks come spaced from their table.)
    return spaced_paragraph(
        plain(
            context.labels(
                "key_note", layout=_named(context.layout, context.labels), seed=audience.seed
            ),
            "instructions",
        )
    )


def _document(
    source: Source,
    layout: Layout,
    audience: Audience,
    labels: Labels,
    blocks: list[Block],
    is_key: bool,
) -> Document:
    kind = labels("answer_key" if is_key else "worksheet")
    parts = [t.plain for t in (source.subject, source.course) if t is not None]
    # A student's key is headed with their name, so that a teacher marks each sheet
    # against its own key.
    subtitle = " · ".join(filter(None, [kind, audience.student, *parts]) if is_key else parts)
    name_line = (
        None
        if is_key
        else NameLine(
            labels("name"), labels("class"), labels("date"), audience.student, audience.class_name
        )
    )
    # ...and the name heads every page of it too, where a teacher leafing through a
    # class's keys looks (the running header, by the class and teacher); so it does on a
    # student's sheet, whose later pages hold letters of their own (and may come loose).
    mine = [audience.student] if audience.student else []
    who = " · ".join([*mine, *class_and_teacher(labels, audience.class_name, audience.teacher)])
    properties = Properties(
        title=source.title.plain,
        subject=source.question.plain if source.question else source.title.plain,
        author=audience.teacher or "revpack",
        keywords=", ".join(
            filter(None, [source.subject.plain if source.subject else None, audience.class_name])
        ),
        category=kind,
        comments=f"revpack layout {layout.name}, seed {audience.seed}",
        language=labels.language,
    )
    return Document(
        title=source.title.plain,
        subtitle=subtitle,
        name_line=name_line,
        blocks=tuple(blocks),
        header=(source.title.plain, who),
        footer=labels("footer", document=kind, layout=_named(layout, labels), seed=audience.seed),
        page_label=labels("page", page="{page}", pages="{pages}"),
        properties=properties,
        is_key=is_key,
    )


def _named(layout: Layout, labels: Labels) -> str:
    """The layout as its documents' footer and key name it, in their language."""
    return labels.layout_title(layout.name, layout.kind.name, layout.kind.contents)
