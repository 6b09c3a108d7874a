"""Options of the worksheet kind (every format)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from revpack.loading.limits import NAME_CHARS
from revpack.loading.markup import check_characters
from revpack.loading.spec import (
    Checked,
    JsonSchema,
    Key,
    ListOf,
    Record,
    Spec,
    Value,
    boolean,
    choice,
    whole,
)
from revpack.loading.yamltree import Node, Scalar
from revpack.problems import Mark, Problem
from revpack.worksheet.exercise_names import EXERCISE_NAMES

EXERCISES = EXERCISE_NAMES
"""The exercises' names, in the exercise table's order."""


def prompt_words(text: str) -> str:
    """An evaluative prompt's own text: `words`, whose only placeholder is {factor} (a
    factor's title); '{0}' or '{factor.title}' printed as written."""
    for found in re.findall(r"\{[^{}]*\}|[{}]", text):
        if found != "{factor}":
            raise ValueError(
                f"'{found}' is no placeholder; the prompt may use {{factor}} (a factor's "
                "title), and no other braces"
            )
    return words(text)


def words(text: str) -> str:
    """Text printed on the sheet, checked like source text (no control characters, nothing
    the fonts lack) and at most NAME_CHARS characters."""
    problems: list[Problem] = []
    # (Only the message is used: Value.check places it at the value.)
    check_characters(text, lambda offset: _NOWHERE, problems)
    if problems:
        raise ValueError(problems[0].message)
    if len(text) > NAME_CHARS:
        raise ValueError(
            f"this text is {len(text):,} characters long; it may have at most {NAME_CHARS:,}"
        )
    if not text.strip():
        raise ValueError("this text is empty")
    return " ".join(text.split())


_NOWHERE = Mark("", 1, 1)
"""The place `words` gives a problem, which it raises as a ValueError without its place."""


@dataclass
class OnOrOwn(Spec):
    """true (the wording of the source's language, from its label set), false (none), or
    the layout's own wording, as `own` checks it."""

    own: Spec
    """What the layout's own wording must be."""
    description: str = ""

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        if isinstance(node, Scalar):
            try:
                return boolean(node.text)
            except ValueError:
                pass
        return self.own.check(node, problems)

    def json_schema(self) -> JsonSchema:
        return {
            "anyOf": [{"type": "boolean"}, self.own.json_schema()],
            "description": self.description,
        }


SPEC = Record(
    {
        "exercises": Key(
            ListOf(Value(choice(*EXERCISES)), description="The exercises, in order.", unique=True)
        ),
        "answers": Key(
            Value(
                choice("separate", "appendix", "none"),
                "Where the answer key goes: its own DOCX, at the end, or nowhere.",
            )
        ),
        "word_bank": Key(Value(boolean, "Print a shuffled word bank with the gap fill.")),
        "first_letters": Key(Value(boolean, "Show each gap's first letter as a hint.")),
        "term_gaps": Key(Value(boolean, "Add gaps from the terms list.")),
        "timeline_dates": Key(Value(boolean, "Students also write each event's date.")),
        "sentence_starters": Key(
            OnOrOwn(
                ListOf(Value(words)),
                "Sentence starters printed above the extended answer's lines: true for "
                "those of the source's language (label extended.starters), or a list of "
                "the layout's own.",
            )
        ),
        "evaluative": Key(
            OnOrOwn(
                Value(prompt_words),
                "An evaluative prompt under the key question: true for that of the "
                "source's language (label extended.evaluative), or the layout's own "
                "text; {factor} becomes the title of one factor, chosen with the seed.",
            )
        ),
        "answer_lines": Key(Value(whole(0, 40), "Ruled lines for the extended answer.")),
        "blank_length": Key(
            Value(
                whole(6, 30),
                "Underscores in the shortest gap; a gap for a "
                "longer answer is longer, with room to write it by hand.",
            )
        ),
        "typeface": Key(Value(words, "The font the DOCX asks for, e.g. Arial or Calibri.")),
        "italics": Key(
            Value(
                boolean, "false sets the instructions upright (easier to read), as the summary's."
            )
        ),
        "bank_centred": Key(
            Value(
                boolean,
                "false sets the word bank's words flush left in their columns (a straight "
                "left edge, easier to scan) instead of centred.",
            )
        ),
        "whole_tables": Key(
            Value(
                boolean,
                "true keeps a matching, ordering or ranking table whole (moving it to the "
                "next page) whenever it fits on a page, not only when it is no taller than "
                "half a page.",
            )
        ),
    },
    name="worksheet options",
)


@dataclass(frozen=True)
class Options:
    """What a worksheet contains."""

    exercises: tuple[str, ...] = EXERCISES
    """The exercises, in order."""
    answers: str = "separate"
    """separate (its own DOCX), appendix (at the end), or none."""
    word_bank: bool = True
    """A shuffled word bank with the gap fill."""
    first_letters: bool = False
    """Each gap shows its answer's first letter."""
    term_gaps: bool = False
    """Extra gaps made from the terms list."""
    timeline_dates: bool = False
    """The timeline exercise also asks for each event's date."""
    sentence_starters: bool | tuple[str, ...] = False
    """Sentence starters for the extended answer: True for those of the source's language
    (label `extended.starters`), the layout's own, or False (the default) for none."""
    evaluative: bool | str = False
    """An evaluative prompt for the extended answer: True for that of the source's
    language (label `extended.evaluative`), the layout's own text, or False (the
    default) for none."""
    answer_lines: int = 12
    """Ruled lines for the extended answer."""
    blank_length: int = 14
    """Underscores in the shortest gap (a longer answer's gap is longer)."""
    typeface: str = "Arial"
    """The font named in the DOCX (Word, LibreOffice and Google Docs all have Arial)."""
    bank_centred: bool = True
    """The word bank's words are centred in their columns; false sets them flush left (a
    dyslexic reader scans a straight left edge more easily)."""
    whole_tables: bool = False
    """A matching, ordering or ranking table moves whole to the next page whenever it
    fits on a page (document.PAGE_TABLE), not only when no taller than half of one (large
    print, where a seven-term matching split over two pages)."""
    italics: bool = True
    """The instructions (and the page's prompts) are set in italic; false sets them upright
    (a dyslexic reader finds italic harder, as the summary-dyslexia layout knows)."""
    seen_together: bool = True
    """The exercises are seen together, on one sheet or page, so that a key term one of
    them prints is no gap in another when there is no word bank (gap_fill.given_away). A
    quiz, which asks one question at a time, sets it False; a layout cannot."""
