"""Options of the flashcards kind (Anki deck, or term TAB meaning lines)."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.loading.spec import Key, ListOf, Record, Value, boolean, choice

CARDS = ("cloze", "terms", "dates")

SPEC = Record(
    {
        "cards": Key(
            ListOf(
                Value(choice(*CARDS)),
                description="Which notes to make: cloze (a "
                "note for each point that marks ==key terms==), terms (term → "
                "meaning), dates (timeline entries).",
            )
        ),
        "reverse_dates": Key(
            Value(
                boolean,
                "Each timeline entry is two cards in the deck, date "
                "→ event and event → date (false: date → event only).",
            )
        ),
        "tsv_dates": Key(
            Value(
                boolean,
                "The TSV file also has a `date<TAB>event` line for each "
                "timeline entry, after the terms.",
            )
        ),
    },
    name="flashcards options",
)


@dataclass(frozen=True)
class Options:
    """Which cards a flashcard deck holds."""

    cards: tuple[str, ...] = CARDS
    """The kinds of note to make: cloze, terms, dates."""
    reverse_dates: bool = True
    """Dates are drilled both ways in the deck (date → event, event → date)."""
    tsv_dates: bool = True
    """The TSV export also lists the timeline, as date TAB event (Quizlet and the others
    then drill dates like terms); the deck's `cards` must include dates too."""
