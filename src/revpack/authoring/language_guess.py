"""Which of revpack's languages imported notes are written in, guessed from their most
common short words, so that French notes become a French source (its sheets say
« Question clé », not "KEY QUESTION") without the teacher knowing to ask."""

from __future__ import annotations

import re

COMMON_WORDS: dict[str, frozenset[str]] = {
    "en-GB": frozenset("the and of to is was in that it for with as by on were are".split()),
    "fr": frozenset("le la les des est et du une un dans que qui pour sur au aux sont".split()),
    "es": frozenset("el la los las es y del una un en que por con para se su fue".split()),
    "de": frozenset("der die das und ist ein eine den dem des im zu mit auf von nicht".split()),
    # (not "a", "i" or "o", which English has too)
    "cy": frozenset("y yr ac yn mae ar gan oedd roedd ei eu hyn yw bod wedi".split()),
}
"""Each language's commonest short words (those few that would tell it from the others)."""

LEAST = 12
"""Words the text must have in common with a language before it is guessed at all."""
MARGIN = 2.0
"""How many times more of its words than any other language's the guess must have."""

_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The language `text` is most likely in (a tag revpack has labels for), or None when
    the words do not say clearly (English is revpack's default then anyway)."""
    counts = dict.fromkeys(COMMON_WORDS, 0)
    for word in _WORD.findall(text.lower()):
        for language, words in COMMON_WORDS.items():
            if word in words:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, most), (_, next_most) = ranked[0], ranked[1]
    if most < LEAST or most < MARGIN * next_most:
        return None
    return best
