"""The note types (Anki "models") of revpack's decks, and ids derived from names.

Anki knows a deck and a note type by a number; deriving it from the name gives every
build the same numbers, so a rebuilt deck imports into the deck and note types of the
last import instead of beside them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import TypedDict

import genanki

from revpack.labels import Labels

CSS = """\
.card { font-family: Arial, "Helvetica Neue", sans-serif; font-size: 22px; line-height: 1.4;
        text-align: center; color: #1a1a1a; background: #ffffff; padding: 0 12px; }
.context { font-size: 15px; color: #555555; margin-bottom: 14px; }
.cloze { font-weight: bold; color: #1f4e79; }
.nightMode .card, .night_mode .card { color: #eeeeee; background: #1e1e1e; }
.nightMode .cloze, .night_mode .cloze { color: #8fc1ff; }
.nightMode .context, .night_mode .context { color: #aaaaaa; }
"""
"""One style for every note type: large, plain, readable on a phone, in night mode too."""


class CardTemplate(TypedDict):
    """One card of a note type, in the form genanki takes it."""

    name: str
    """What Anki calls the card type."""
    qfmt: str
    """The question side (Anki's template syntax)."""
    afmt: str
    """The answer side."""


def stable_id(name: str) -> int:
    """A number from 2^30 to 2^31 - 1 derived from `name` (Anki's ids are 64-bit, but
    genanki's own ids lie in this range, so ours never look out of place)."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


@dataclass(frozen=True)
class NoteNames:
    """What Anki shows of revpack's note types, in the deck's language (labels `anki.*`):
    the defaults are English's."""

    text: str = "Text"
    """A cloze note's field: the point with its key terms hidden."""
    context: str = "Context"
    """Every note's field: the heading or topic it belongs to."""
    term: str = "Term"
    """A term note's field: the term."""
    meaning: str = "Meaning"
    """A term note's field: its meaning."""
    date: str = "Date"
    """A date note's field: the date."""
    event: str = "Event"
    """A date note's field: what happened."""
    cloze_card: str = "Cloze"
    """The cloze note's card type."""
    term_card: str = "Term → meaning"
    """The term note's card type."""
    date_card: str = "Date → event"
    """The date note's card type."""
    event_card: str = "Event → date"
    """The date note's second card type (a two-way deck)."""
    cloze_type: str = "revpack cloze"
    """The cloze note type's name."""
    term_type: str = "revpack term"
    """The term note type's name."""
    date_type: str = "revpack date"
    """The date note type's name (two cards a note)."""
    one_way_type: str = "revpack date, one way"
    """The date note type's name (one card a note)."""


ENGLISH_NAMES = NoteNames()
"""The names of a deck in English."""

NOT_IN_FIELD_NAMES = str.maketrans(dict.fromkeys(map(ord, ':{}"')))
"""What Anki does not allow in a field's name (a template names fields as {{Name}})."""


def note_names(labels: Labels) -> NoteNames:
    """The names of `labels`' language, each field's fit for Anki (without ':', braces,
    quotes or a leading '#', '/' or '^'; one that is then empty, or the same as another
    field's, is English's)."""
    english = ENGLISH_NAMES
    given = {f.name: labels(f"anki.{f.name}").strip() for f in fields(NoteNames)}
    names: list[str] = []
    for name in FIELDS:
        shown = given[name].translate(NOT_IN_FIELD_NAMES).lstrip("#/^ ")
        if not shown or shown.casefold() in {n.casefold() for n in names}:
            shown = getattr(english, name)
        given[name] = shown
        names.append(shown)
    return NoteNames(**given)


FIELDS = ("text", "context", "term", "meaning", "date", "event")
"""The NoteNames that name fields."""


def _model(
    name: str,
    field_names: list[str],
    templates: list[CardTemplate],
    model_type: int = genanki.Model.FRONT_BACK,
) -> genanki.Model:
    # (a note type is known by its id: one whose fields or cards are named otherwise, in
    # another language, is another note type, or Anki would take one for the other)
    seed = f"revpack note type: {name}"
    if (field_names, [t["name"] for t in templates]) != _ENGLISH.get(name):
        seed += f" ({', '.join(field_names)}; {', '.join(t['name'] for t in templates)})"
    return genanki.Model(
        stable_id(seed),
        name,
        fields=[{"name": f} for f in field_names],
        templates=templates,
        css=CSS,
        model_type=model_type,
        sort_field_index=0,
    )


def cloze_model(names: NoteNames = ENGLISH_NAMES) -> genanki.Model:
    """A key-terms cloze: the point with its terms hidden, one card per cloze number."""
    context, text = names.context, names.text
    front = (
        f'{{{{#{context}}}}}<div class="context">{{{{{context}}}}}</div>{{{{/{context}}}}}'
        f"{{{{cloze:{text}}}}}"
    )
    return _model(
        names.cloze_type,
        [text, context],
        [{"name": names.cloze_card, "qfmt": front, "afmt": front}],
        genanki.Model.CLOZE,
    )


def term_model(names: NoteNames = ENGLISH_NAMES) -> genanki.Model:
    """Term → meaning."""
    return _model(
        names.term_type,
        [names.term, names.meaning, names.context],
        [_card(names.term_card, names.term, names.meaning, names.context)],
    )


def date_model(reverse: bool, names: NoteNames = ENGLISH_NAMES) -> genanki.Model:
    """Date → event, and, when `reverse`, event → date as a second card."""
    templates = [_card(names.date_card, names.date, names.event, names.context)]
    if reverse:
        templates.append(_card(names.event_card, names.event, names.date, names.context))
    name = names.date_type if reverse else names.one_way_type
    return _model(name, [names.date, names.event, names.context], templates)


def _card(name: str, front: str, back: str, context: str) -> CardTemplate:
    """A card asking `front` and answering `back`, under the `context`."""
    return {
        "name": name,
        "qfmt": f'<div class="context">{{{{{context}}}}}</div>{{{{{front}}}}}',
        "afmt": f'{{{{FrontSide}}}}<hr id="answer">{{{{{back}}}}}',
    }


_ENGLISH: dict[str, tuple[list[str], list[str]]] = {
    "revpack cloze": (["Text", "Context"], ["Cloze"]),
    "revpack term": (["Term", "Meaning", "Context"], ["Term → meaning"]),
    "revpack date": (["Date", "Event", "Context"], ["Date → event", "Event → date"]),
    "revpack date, one way": (["Date", "Event", "Context"], ["Date → event"]),
}
"""English's note types' fields and cards: their ids come from their names alone, as they
did before the names were translated (a deck rebuilt updates the notes already imported)."""
