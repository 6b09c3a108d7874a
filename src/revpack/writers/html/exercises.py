"""Each exercise as a part of the self-marking page, one writer per exercise in one
table: gaps are text inputs, matching and ordering are selects (keyboard and phone
friendly), ranking and the extended answer are text areas with model notes to show."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import assert_never

from revpack.labels import bank_capitals
from revpack.loading.typography import spaced
from revpack.model import Text
from revpack.unicode_scripts import flattened
from revpack.worksheet.compose import Context, runs
from revpack.worksheet.document import Blank, Block, Paragraph, Run, Table, WritingLines
from revpack.worksheet.exercises import (
    Exercise,
    Extended,
    GapFill,
    Matching,
    Ranking,
    TimelineOrder,
    exercise_type,
    letter,
)
from revpack.worksheet.exercises.gap_fill import banked
from revpack.writers.html.blocks import blocks, run
from revpack.writers.html.marking import Marking
from revpack.writers.html.page import esc
from revpack.writers.html.secret import obscure


def text(value: Text | str) -> str:
    """A model Text (or str) as inline HTML."""
    return "".join(run(r) for r in runs(value))


def _select(
    ident: str,
    key: str | None,
    choices: list[str],
    label: str,
    choose: str,
    shown: list[str] | None = None,
) -> str:
    """A select of `choices`, each shown as itself or as its `shown` text (printed as
    itself all the same: the page's script copies the choice to a span that prints in the
    select's place)."""
    options = "".join(
        f'<option value="{esc(c)}">{esc(shown[i] if shown else c)}</option>'
        for i, c in enumerate(choices)
    )
    printed = f'<span class="rp-chosen" id="p-{ident}"></span>' if shown else ""
    data_print = f' data-print="p-{ident}"' if shown else ""
    data = f' data-key="{key}"' if key else ""
    # On paper the span is the line to write on: an unchosen select leaves the print, and
    # its "Choose…" the printed text.
    return (
        f'<span class="rp-choice"><select id="{ident}"{data}{data_print} '
        f'aria-label="{esc(label)}"><option value="">{esc(choose)}</option>{options}</select>'
        f"{printed}</span>"
    )


def _instructions(
    exercise: Exercise, context: Context, skip: type[Block], words: str | None = None
) -> str:
    """The exercise's own sheet blocks, less the one the page draws as controls; `words`
    in place of the paper's instructions, when the page asks for something else (to
    choose from a list, not to write a letter beside a term)."""
    found = [b for b in exercise_type(exercise).sheet(exercise, context) if not isinstance(b, skip)]
    if words is not None and found and isinstance(found[0], Paragraph):
        found[0] = replace(found[0], content=(Run(words),))
    return blocks(found)


def gap_fill(exercise: GapFill, ident: str, context: Context, marking: Marking) -> str:
    """Instructions, the word bank and the sentences, every blank a labelled input."""
    labels = context.labels
    seen: dict[int, int] = {}

    def blank(piece: Blank, sentence: str) -> str:
        key = f"{ident}-g{piece.number}"
        seen[piece.number] = seen.get(piece.number, 0) + 1
        first = seen[piece.number] == 1
        control = key if first else f"{key}-{seen[piece.number]}"
        if first:
            marking.add(key, piece.answer)
        hint = f' placeholder="{esc(piece.hint)}…"' if piece.hint else ""
        # As long as the paper sheet's blank (in coarse steps, so it hints at the
        # answer's length only roughly); the page's script widens it to what is typed.
        size = f' style="--blank:{piece.length}"'
        described = f' aria-describedby="{sentence}"' if sentence else ""
        return (
            f'<span class="rp-blank"><label for="{control}" class="rp-no">'
            f'<span aria-hidden="true">({piece.number})</span><span class="rp-sr">'
            f"{esc(labels('html.gap', number=piece.number))}</span></label>"
            f'<input type="text" id="{control}" data-key="{key}" data-gap{hint}{size}{described} '
            f'autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="next">'
            + (marking.feedback(key, labels("html.gap", number=piece.number)) if first else "")
            + "</span>"
        )

    # (each word of the bank with the forms marking accepts for its answer, so that the
    # bank crosses out a word exactly when marking would take what is typed: 'co2' for
    # 'CO₂', a formula marked in its capitals, was crossed out and marked wrong)
    capitals = bank_capitals(context.labels.language)
    answers = {banked(g.answer) if capitals else g.answer: g.answer for g in exercise.gaps}

    def bank(word: str) -> str:
        found, exact = marking.accepted(answers.get(word, word))
        forms = list(dict.fromkeys(found))
        return f' data-forms="{esc(json.dumps(forms, ensure_ascii=False))}"' + (
            ' data-cased=""' if exact else ""
        )

    return blocks(
        exercise_type(exercise).sheet(exercise, context),
        blank,
        sentences=f"{ident}-s",
        bank=bank,
    )


def matching(exercise: Matching, ident: str, context: Context, marking: Marking) -> str:
    """The terms, each with a select of letters, beside the lettered meanings."""
    labels = context.labels
    letters = [letter(i) for i in range(len(exercise.meanings))]
    # (each letter with its meaning: on a phone or zoomed in the meanings' list is out of
    # sight while a student chooses, and a screen reader read out bare letters)
    read = [
        f"{mark}{spaced(':', labels.language)}{flattened(m.spans)}"
        for mark, m in zip(letters, exercise.meanings, strict=True)
    ]
    terms = []
    for i, term in enumerate(exercise.terms):
        key = f"{ident}-m{i + 1}"
        answer = exercise.answers[i]
        shown = flattened(exercise.meanings[answer].spans)
        marking.add(key, letters[answer], f"{letters[answer]}: {shown}")
        name = labels("html.meaning_of", term=flattened(term.spans))
        terms.append(
            f'<li><span class="rp-label"><strong>{i + 1}.</strong> {text(term)}'
            f"</span> {_select(key, key, letters, name, labels('html.choose'), read)}"
            f"{marking.feedback(key, name)}</li>"
        )
    meanings = "".join(
        f'<li><strong class="rp-letter">{letters[i]}</strong> {text(m)}</li>'
        for i, m in enumerate(exercise.meanings)
    )
    return (
        _instructions(exercise, context, Table, labels("html.matching_instructions"))
        + f'<div class="rp-match"><div><h3>{esc(labels("matching.term"))}</h3>'
        f'<ul class="rp-plain rp-terms">{"".join(terms)}</ul></div>'
        f"<div><h3>{esc(labels('matching.meaning'))}</h3>"
        f'<ul class="rp-plain">{meanings}</ul></div></div>'
    )


def timeline(exercise: TimelineOrder, ident: str, context: Context, marking: Marking) -> str:
    """The lettered events, each with a select of positions (and a date input)."""
    labels = context.labels
    count = len(exercise.events)
    positions = [str(n) for n in range(1, count + 1)]
    rows = []
    for i, event in enumerate(exercise.events):
        mark = letter(i)
        key = f"{ident}-t{mark}"
        right = [str(place) for place in exercise.places(i)]
        marking.add(key, str(exercise.order.index(i) + 1), exercise.place_label(i), *right)
        # (a screen reader names each control with its event, not its letter alone)
        named = (
            f"{labels('html.order_of', letter=mark)}{spaced(':', labels.language)}"
            f"{event.what.plain}"
        )
        order = _select(key, key, positions, named, labels("html.choose"))
        controls = (
            f'<span class="rp-field"><span aria-hidden="true">'
            f"{esc(labels('timeline_order.order'))}</span> {order}"
            f"{marking.feedback(key, named)}</span>"
        )
        if exercise.ask_dates:
            date = f"{ident}-d{mark}"
            marking.add(date, flattened(event.when.spans), dated=True)
            date_name = f"{labels(exercise.label('date'))} {mark}"
            controls += (
                f'<span class="rp-field"><label for="{date}">'
                f'{esc(labels(exercise.label("date")))}<span class="rp-sr"> {mark}: '
                f"{esc(event.what.plain)}</span></label> "
                f'<input type="text" id="{date}" data-key="{date}" '
                f'class="rp-date" autocomplete="off" spellcheck="false" enterkeyhint="next">'
                f"{marking.feedback(date, date_name)}</span>"
            )
        rows.append(
            f'<li><span class="rp-label"><strong class="rp-letter">{mark}</strong> '
            f'{text(event.what)}</span><span class="rp-controls">{controls}</span></li>'
        )
    words = labels("html.timeline_instructions", count=count)
    if exercise.ask_dates:
        words += " " + labels(exercise.label("dates"))
    return (
        _instructions(exercise, context, Table, words)
        + f'<ul class="rp-plain rp-events">{"".join(rows)}</ul>'
    )


WHY_LINES = 3
"""The lines a factor's reason prints on, while nothing is written in its box."""


def ranking(exercise: Ranking, ident: str, context: Context, marking: Marking) -> str:
    """Each factor with a rank select and a box for the reason; model notes to show."""
    labels = context.labels
    positions = [str(n) for n in range(1, len(exercise.factors) + 1)]
    rows = []
    for i, factor in enumerate(exercise.factors, 1):
        name = factor.title.plain
        rank = _select(
            f"{ident}-r{i}",
            None,
            positions,
            labels("html.rank_of", factor=name),
            labels("html.choose"),
        )
        why = f"{ident}-w{i}"
        rows.append(
            f'<li><h3>{text(factor.title)}</h3><span class="rp-field">'
            f'<span aria-hidden="true">{esc(labels("ranking.rank"))}</span> {rank}</span>'
            f'<label for="{why}" class="rp-why">{esc(labels("ranking.why"))}'
            f'<span class="rp-sr"> {esc(name)}</span></label>'
            f"{_area(why, 3, WHY_LINES)}</li>"
        )
    return (
        _instructions(exercise, context, Table)
        + f'<ol class="rp-plain rp-factors">{"".join(rows)}</ol>'
        + _notes(exercise, ident, context, marking)
    )


def extended(exercise: Extended, ident: str, context: Context, marking: Marking) -> str:
    """The question, prompt and starters, a text area, and model notes to show."""
    labels = context.labels
    area = f"{ident}-answer"

    def lines(item: WritingLines) -> str:
        return (
            f'<label for="{area}" class="rp-sr">{esc(labels("html.your_answer"))}</label>'
            + _area(area, min(item.count, 12), item.count)
        )

    return blocks(exercise_type(exercise).sheet(exercise, context), lines=lines) + _notes(
        exercise, ident, context, marking
    )


def _area(ident: str, rows: int, ruled: int = 0) -> str:
    """A text area; on paper, its text on ruled lines (at least `ruled` of them, as many
    as it takes), or while empty `ruled` lines to write on."""
    lines = '<span class="rp-line"></span>' * ruled
    return (
        f'<div class="rp-write"><textarea id="{ident}" rows="{rows}" '
        f'data-print="p-{ident}"></textarea>'
        f'<div class="rp-print" id="p-{ident}" style="--lines:{ruled}"></div>'
        f'<div class="rp-lines" aria-hidden="true">{lines}</div></div>'
    )


def _notes(exercise: Exercise, ident: str, context: Context, marking: Marking) -> str:
    """A button that shows the key's model notes (kept obscured until then)."""
    row = exercise_type(exercise)
    notes = blocks(row.key(exercise, context, 2))
    box = f"{ident}-notes"
    shown = context.labels("html.show_notes")
    # (named with its exercise: a screen reader heard two buttons of one name)
    named = f"{shown} ({context.labels(f'exercise.{row.name}')})"
    return (
        f'<button type="button" class="rp-button rp-notes" aria-expanded="false" '
        f'aria-controls="{box}" aria-label="{esc(named)}" '
        f'data-notes="{obscure(marking.salt, notes)}">{esc(shown)}</button>'
        f'<div class="rp-notebox" id="{box}" hidden></div>'
    )


def write(exercise: Exercise, ident: str, context: Context, marking: Marking) -> str:
    """The page's part for `exercise` (its controls named from `ident`), by the exercise
    it is."""
    match exercise:
        case GapFill():
            return gap_fill(exercise, ident, context, marking)
        case Matching():
            return matching(exercise, ident, context, marking)
        case TimelineOrder():
            return timeline(exercise, ident, context, marking)
        case Ranking():
            return ranking(exercise, ident, context, marking)
        case Extended():
            return extended(exercise, ident, context, marking)
        case _:
            assert_never(exercise)


MARKED = ("gap_fill", "matching", "timeline")
"""The exercises the page marks (ranking and the extended answer are for the teacher)."""
