"""Options of the worksheet-docx renderer."""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import Key, ListOf, Record, Value, boolean, choice, whole

EXERCISES = ("gap_fill", "matching", "timeline", "ranking", "extended")

SPEC = Record({
    "exercises": Key(ListOf(Value(choice(*EXERCISES)),
                            description="The exercises, in order.")),
    "answers": Key(Value(choice("separate", "appendix", "none"),
                         "Where the answer key goes.")),
    "word_bank": Key(Value(boolean, "Print a shuffled word bank under the gap fill.")),
    "first_letters": Key(Value(boolean, "Show each gap's first letter as a hint.")),
    "term_gaps": Key(Value(boolean, "Add gaps from the terms list.")),
    "sentence_starters": Key(Value(boolean, "Sentence starters for the extended answer.")),
    "evaluative": Key(Value(boolean, "An evaluative prompt for the extended answer.")),
    "answer_lines": Key(Value(whole(0, 40), "Ruled lines for the extended answer.")),
}, name="worksheet options")


@dataclass(frozen=True)
class Options:
    """What a worksheet contains."""

    exercises: tuple[str, ...] = EXERCISES
    """The exercises, in order."""
    answers: str = "separate"
    """separate (its own DOCX), appendix (at the end), or none."""
    word_bank: bool = True
    """A shuffled word bank under the gap fill."""
    first_letters: bool = False
    """Each gap shows its answer's first letter."""
    term_gaps: bool = False
    """Extra gaps made from the terms list."""
    sentence_starters: bool = False
    """Sentence starters for the extended answer."""
    evaluative: bool = False
    """An evaluative prompt for the extended answer."""
    answer_lines: int = 12
    """Ruled lines for the extended answer."""
