"""Options of the quiz kind (a Moodle XML question bank)."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.loading.spec import Key, ListOf, Record, Value, boolean, choice, whole

QUESTIONS = ("gap_fill", "matching", "timeline", "extended")

SPEC = Record(
    {
        "questions": Key(
            ListOf(
                Value(choice(*QUESTIONS)),
                description="The questions, in "
                "order: gap_fill (a cloze question per heading), matching (the "
                "terms), timeline (events to their places), extended (an essay "
                "on the key question).",
            )
        ),
        "case_sensitive": Key(Value(boolean, "Gap answers must match in case too.")),
        "term_gaps": Key(Value(boolean, "Add a cloze question that blanks out every term.")),
        "shuffle": Key(
            Value(
                boolean,
                "Moodle shuffles a matching question's questions on every attempt "
                "(false keeps the order drawn with the seed; Moodle always shuffles the "
                "choices).",
            )
        ),
        "essay_lines": Key(Value(whole(3, 40), "Height of the essay's answer box, in lines.")),
    },
    name="quiz options",
)


@dataclass(frozen=True)
class Options:
    """What a quiz's question bank holds."""

    questions: tuple[str, ...] = QUESTIONS
    """The questions, in order."""
    case_sensitive: bool = False
    """Whether a gap's answer must match in case (Moodle's SHORTANSWER_C)."""
    term_gaps: bool = False
    """An extra cloze question blanks out every term beside its meaning."""
    shuffle: bool = True
    """Moodle shuffles the questions (stems) of matching questions on every attempt (it
    always shuffles their choices)."""
    essay_lines: int = 15
    """Lines of the essay's answer box."""
