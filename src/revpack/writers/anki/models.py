"""The note types (Anki "models") of revpack's decks, and ids derived from names.

Anki knows a deck and a note type by a number; deriving it from the name gives every
build the same numbers, so a rebuilt deck imports into the deck and note types of the
last import instead of beside them.
"""

from __future__ import annotations

import hashlib
from typing import TypedDict

import genanki

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


def _model(
    name: str,
    fields: list[str],
    templates: list[CardTemplate],
    model_type: int = genanki.Model.FRONT_BACK,
) -> genanki.Model:
    return genanki.Model(
        stable_id(f"revpack note type: {name}"),
        name,
        fields=[{"name": f} for f in fields],
        templates=templates,
        css=CSS,
        model_type=model_type,
        sort_field_index=0,
    )


def cloze_model() -> genanki.Model:
    """A key-terms cloze: the point with its terms hidden, one card per cloze number."""
    front = '{{#Context}}<div class="context">{{Context}}</div>{{/Context}}{{cloze:Text}}'
    return _model(
        "revpack cloze",
        ["Text", "Context"],
        [
            {"name": "Cloze", "qfmt": front, "afmt": front},
        ],
        genanki.Model.CLOZE,
    )


def term_model() -> genanki.Model:
    """Term → meaning."""
    return _model(
        "revpack term",
        ["Term", "Meaning", "Context"],
        [
            {
                "name": "Term → meaning",
                "qfmt": '<div class="context">{{Context}}</div>{{Term}}',
                "afmt": '{{FrontSide}}<hr id="answer">{{Meaning}}',
            },
        ],
    )


def date_model(reverse: bool) -> genanki.Model:
    """Date → event, and, when `reverse`, event → date as a second card."""
    templates: list[CardTemplate] = [
        {
            "name": "Date → event",
            "qfmt": '<div class="context">{{Context}}</div>{{Date}}',
            "afmt": '{{FrontSide}}<hr id="answer">{{Event}}',
        }
    ]
    if reverse:
        templates.append(
            {
                "name": "Event → date",
                "qfmt": '<div class="context">{{Context}}</div>{{Event}}',
                "afmt": '{{FrontSide}}<hr id="answer">{{Date}}',
            }
        )
    name = "revpack date" if reverse else "revpack date, one way"
    return _model(name, ["Date", "Event", "Context"], templates)
