"""The quiz: the worksheet's exercises as a Moodle XML question bank.

The exercises come from revpack.worksheet.exercises with the audience's seed, as the
worksheet's do. The file opens with a category named after the topic
(`$course$/top/<subject>/<title>`), then, in the layout's order: a cloze question
(Moodle's multianswer) for each group of the gap fill, a matching question for the terms
(each meaning to its term), the timeline as a matching question (each event to its place,
1 the earliest), and an essay question for the key question. Only core question types
are used, so the file imports into any Moodle 4 site as it is.

Question text is HTML (every character of the notes escaped) in CDATA sections; the
gaps' answers are escaped as revpack.writers.moodle.embedded explains.
"""

from __future__ import annotations

import html
import itertools
import unicodedata
from collections.abc import Callable, Iterator
from typing import assert_never

from revpack.labels import Labels, load_labels
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source, Span
from revpack.options import of_kind
from revpack.options.quiz import Options
from revpack.options.worksheet import Options as SheetOptions
from revpack.unicode_scripts import flattened
from revpack.worksheet import exercises as ex
from revpack.worksheet.exercises import extended
from revpack.writers import Output
from revpack.writers.inline import span_html, text_html
from revpack.writers.keyboard import Typing, typing
from revpack.writers.moodle import embedded
from revpack.writers.moodle import xml as x

PENALTY = "0.3333333"
"""Share of a question's mark lost for each wrong try (Moodle's usual third)."""
ESSAY_MARK = 10
"""Marks for the essay (the other questions score one mark a gap or pair)."""
HEADINGS = ("key_question", "timeline", "key_terms")
"""The fixed headings a gap-fill group may have (as label keys); a cloze question is
named after its group's heading."""


MATCHING_PAIRS = 3
"""The fewest pairs a matching question has: Moodle's form for one asks for three answers
(a bank's question with two could not be edited there)."""


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """The questions the layout asks for but the source has no (or too little) data for."""
    sheet = ex.worksheet(source, sheet_options(of_kind(layout.options, Options)), 0)
    left_out = [*sheet.left_out, *filter(None, map(_too_few, sheet.exercises))]
    return tuple(f"{source.path}: {layout.name} leaves out {what}" for what in left_out)


def _too_few(exercise: ex.Exercise) -> str | None:
    """Why `exercise` is left out of the bank (a matching of two pairs), or None."""
    match exercise:
        case ex.Matching() if len(exercise.terms) < MATCHING_PAIRS:
            what, has = "matching the terms", f"{len(exercise.terms)} terms"
        case ex.TimelineOrder() if len(exercise.events) < MATCHING_PAIRS:
            what, has = "the timeline", f"{len(exercise.events)} events"
        case _:
            return None
    least = f"a Moodle matching question has {MATCHING_PAIRS} pairs at least"
    return f"{what} ({least}; the source has {has})"


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The question bank of `source` as one Moodle XML file."""
    options = of_kind(layout.options, Options)
    labels = load_labels(source.language, layout.labels)
    sheet = ex.worksheet(source, sheet_options(options), audience.seed)
    dropped = frozenset(ex.exercise_type(e).name for e in sheet.exercises if _too_few(e))
    if dropped:
        # Made again without them: the gap fill then keeps the gaps it leaves to an
        # exercise that prints their sentences (a timeline entry, a term's meaning).
        sheet = ex.worksheet(source, sheet_options(options, dropped), audience.seed)
    numbers = (f"{n:02d}" for n in itertools.count(1))
    questions = [category(source, labels, audience)]
    for exercise in sheet.exercises:
        questions += exercise_questions(exercise, options, labels, numbers)
    return [Output("", "xml", x.quiz(questions))]


def exercise_questions(
    exercise: ex.Exercise, options: Options, labels: Labels, numbers: Iterator[str]
) -> list[str]:
    """The questions written for `exercise`, each numbered from `numbers`."""
    match exercise:
        case ex.GapFill():
            return gap_fill(exercise, options, labels, numbers)
        case ex.Matching():
            return matching(exercise, options, labels, numbers)
        case ex.TimelineOrder():
            return timeline(exercise, options, labels, numbers)
        case ex.Extended():
            return essay(exercise, options, labels, numbers)
        case ex.Ranking():
            raise ValueError("a quiz has no ranking question")
        case _:
            assert_never(exercise)


def sheet_options(options: Options, leaving_out: frozenset[str] = frozenset()) -> SheetOptions:
    """The worksheet options the exercise builders need for this quiz: no word bank, no
    hints (a quiz marks what is typed), and none of the exercises `leaving_out` names."""
    return SheetOptions(
        exercises=tuple(name for name in options.questions if name not in leaving_out),
        word_bank=False,
        first_letters=False,
        term_gaps=options.term_gaps,
        timeline_dates=False,
        seen_together=False,
    )


def category_path(source: Source, audience: Audience | None = None) -> str:
    """`$course$/top/<subject>/<title>`, then the class and the student the bank is for
    (so that a class's or a student's bank, imported beside another, stays apart from it
    instead of adding copies of its questions), a `/` inside a name doubled as Moodle
    reads it."""
    names = [t.plain.strip() for t in (source.subject, source.title) if t is not None]
    if audience is not None:
        names += [n.strip() for n in (audience.class_name, audience.student) if n]
    return "/".join(["$course$", "top", *(n.replace("/", "//") for n in names if n)])


def category(source: Source, labels: Labels, audience: Audience | None = None) -> str:
    """The category question every other question is imported into."""
    info = html.escape(labels("quiz.category_info", title=source.title.plain))
    path = category_path(source, audience)
    return x.question(
        "category", [x.plain_field("category", path), x.html_field("info", f"<p>{info}</p>")]
    )


def gap_fill(
    exercise: ex.GapFill, options: Options, labels: Labels, numbers: Iterator[str]
) -> list[str]:
    """One cloze question for each heading of the gap fill."""
    out = []
    typed = typing(labels)
    for group in exercise.groups:
        # A fixed heading (key question, timeline, key terms) may come as a label key.
        # (the heading as the notes write it: the name is the teacher's, in the question
        # bank, where '08 Fill the gaps: … and …' told nothing)
        heading = (
            group.named
            or group.title
            or (
                labels(group.label) if group.label in HEADINGS else labels("quiz.gap_fill.untitled")
            )
        )
        # A layout's label is text around the gaps too: `{{1:SA:=x}}` in it reads `{1:SA:=x}`.
        instructions = embedded.around(_escaped(labels("quiz.gap_fill.instructions")))
        text = [f"<p>{instructions}</p>"]
        feedback = []
        blank = _blanks(options, typed)
        for item in group.items:
            text.append(_item(item, blank))
            feedback.append(
                _item(item, lambda gap, _: f"<b>{embedded.around(html.escape(gap.answer))}</b>")
            )
        name = labels("quiz.gap_fill.name", number=next(numbers), heading=heading)
        out.append(
            x.question(
                "cloze",
                [
                    x.plain_field("name", name),
                    x.html_field("questiontext", "".join(text)),
                    x.html_field("generalfeedback", "".join(feedback)),
                    x.value("penalty", PENALTY),
                    x.value("hidden", 0),
                ],
            )
        )
    return out


REPEAT = "…"
"""What stands for an unmarked repeat of a gap's answer in a cloze question."""


GapWriter = Callable[[ex.Gap, tuple[str, str]], str]
"""Writes one gap of a cloze question, given the marks printed right before and after it
('«¡' and '!»' around 'No pasarán')."""


def _blanks(options: Options, typed: Typing) -> GapWriter:
    """How one cloze question writes its gaps. A repeat of a gap the question asks is
    hidden, not asked again: Moodle would score it as a second gap ('Biological
    {catalyst}s'). One whose gap another question asks is asked here too."""
    asked: set[int] = set()

    def blank(gap: ex.Gap, marks: tuple[str, str]) -> str:
        if gap.repeat and gap.number in asked:
            return REPEAT
        asked.add(gap.number)
        return embedded.gap(gap.answer, options.case_sensitive, typed=typed, marks=marks)

    return blank


def _item(item: ex.GapItem, blank: GapWriter) -> str:
    """A point as a paragraph, its sub-points as a list; each gap written by `blank`."""
    lines = [
        "".join(
            blank(p, _marks(line, index))
            if isinstance(p, ex.Gap)
            else embedded.around(span_html(p))
            for index, p in enumerate(line)
        )
        for line in item.lines
    ]
    subs = "".join(f"<li>{line}</li>" for line in lines[1:])
    return f"<p>{lines[0]}</p>" + (f"<ul>{subs}</ul>" if subs else "")


def _marks(line: tuple[Span | ex.Gap, ...], index: int) -> tuple[str, str]:
    """The quotation and exclamation or question marks printed right against the gap at
    `index` of `line` (MARKS), before it and after it ('«¡', '!»'), which a student may
    type with the answer. (Not a sentence's full stop or comma.)"""
    before = line[index - 1] if index else None
    after = line[index + 1] if index + 1 < len(line) else None
    lead = before.text if isinstance(before, Span) else ""
    trail = after.text if isinstance(after, Span) else ""
    start = len(lead)
    while start and _marked(lead[start - 1]):
        start -= 1
    end = 0
    while end < len(trail) and _marked(trail[end]):
        end += 1
    return lead[start:], trail[:end]


def _marked(character: str) -> bool:
    """Whether `character` is one of MARKS."""
    return character in MARKS or unicodedata.category(character) in ("Pi", "Pf")


MARKS = "¡¿!?\"'«»„‚"
"""Marks a student may type with an answer they stand against (with every opening and
closing quotation mark)."""


def matching(
    exercise: ex.Matching, options: Options, labels: Labels, numbers: Iterator[str]
) -> list[str]:
    """Each meaning (in the seeded order) to its term, chosen from a list."""
    term_of = {place: exercise.terms[i] for i, place in enumerate(exercise.answers)}
    # (A choice is plain text: a term's scripts as Unicode's own, 'H₂O' as every other
    # format prints it, not 'H2O'.)
    pairs = [
        (text_html(meaning), flattened(term_of[place].spans))
        for place, meaning in enumerate(exercise.meanings)
    ]
    return [
        _matching_question(
            labels("quiz.matching.name", number=next(numbers)),
            _escaped(labels("quiz.matching.instructions")),
            pairs,
            options,
        )
    ]


def timeline(
    exercise: ex.TimelineOrder, options: Options, labels: Labels, numbers: Iterator[str]
) -> list[str]:
    """Each event (in the seeded order) to its place in time."""
    count = len(exercise.events)
    places = [
        labels("quiz.timeline.first")
        if n == 1
        else labels("quiz.timeline." + ("last" if n == count else "middle"), place=n)
        for n in range(1, count + 1)
    ]
    pairs = [
        # (events of one date share the earlier place: either order of them is right)
        (text_html(event.what), places[exercise.places(i)[0] - 1])
        for i, event in enumerate(exercise.events)
    ]
    return [
        _matching_question(
            labels("quiz.timeline.name", number=next(numbers)),
            _escaped(labels("quiz.timeline.instructions", count=count)),
            pairs,
            options,
        )
    ]


def _matching_question(
    name: str, instructions: str, pairs: list[tuple[str, str]], options: Options
) -> str:
    """A matching question: (HTML of a stem, plain text of its answer) pairs. Moodle shows
    an answer as a short string (format_string: tags stripped, character references
    kept), so the text is written with its markup characters as references ('<b>' would
    show as nothing, 'a<b' as 'a')."""
    return x.question(
        "matching",
        [
            x.plain_field("name", name),
            x.html_field("questiontext", f"<p>{instructions}</p>"),
            x.html_field("generalfeedback", ""),
            x.value("defaultgrade", len(pairs)),
            x.value("penalty", PENALTY),
            x.value("hidden", 0),
            x.value("shuffleanswers", "true" if options.shuffle else "false"),
            x.html_field("correctfeedback", ""),
            x.html_field("partiallycorrectfeedback", ""),
            x.html_field("incorrectfeedback", ""),
            *(
                f'<subquestion format="html"><text>{x.cdata(f"<p>{stem}</p>")}</text>'
                f"{x.plain_field('answer', html.escape(answer, quote=False))}</subquestion>"
                for stem, answer in pairs
            ),
        ],
    )


def essay(
    exercise: ex.Extended, options: Options, labels: Labels, numbers: Iterator[str]
) -> list[str]:
    """The key question as an essay, with the factors as the grader's notes."""
    text = [f"<p><b>{text_html(exercise.question)}</b></p>"]
    wording = extended.prompt(exercise, labels)
    if wording:
        text.append(f"<p>{_escaped(wording)}</p>")
    text.append(f"<p>{_escaped(labels('quiz.extended.instructions'))}</p>")
    starters = extended.starters(exercise, labels)
    if starters:
        items = "".join(f"<li>{_escaped(s)}</li>" for s in starters)
        text.append(f"<p>{_escaped(labels('quiz.extended.starters'))}</p><ul>{items}</ul>")
    return [
        x.question(
            "essay",
            [
                x.plain_field("name", labels("quiz.extended.name", number=next(numbers))),
                x.html_field("questiontext", "".join(text)),
                x.html_field("generalfeedback", ""),
                x.value("defaultgrade", ESSAY_MARK),
                x.value("penalty", 0),
                x.value("hidden", 0),
                x.value("responseformat", "editor"),
                x.value("responserequired", 1),
                x.value("responsefieldlines", options.essay_lines),
                x.value("attachments", 0),
                x.value("attachmentsrequired", 0),
                x.html_field("graderinfo", grader_info(exercise, labels)),
                x.html_field("responsetemplate", ""),
            ],
        )
    ]


def grader_info(exercise: ex.Extended, labels: Labels) -> str:
    """The factors with their points and links: what a marker looks for."""
    if not exercise.factors:
        return ""
    items = []
    for factor in exercise.factors:
        points = "".join(
            f"<li>{text_html(p.text)}" + "".join(f"<br>{text_html(s)}" for s in p.points) + "</li>"
            for p in factor.points
        )
        links = (
            f"<p>{_escaped(labels('quiz.extended.links'))} {_escaped(', '.join(factor.links))}</p>"
            if factor.links
            else ""
        )
        items.append(f"<li><b>{text_html(factor.title)}</b><ul>{points}</ul>{links}</li>")
    return f"<p>{_escaped(labels('quiz.extended.grader_info'))}</p><ol>{''.join(items)}</ol>"


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)
