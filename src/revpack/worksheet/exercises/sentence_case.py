"""Capitals that only a sentence's start gives: a word bank prints such an answer with
the small first letter the notes write it with elsewhere ('quantitative easing', not
'Quantitative easing', which would tell a student the gap it goes in starts a sentence).

Only evidence from the notes lowers a letter: a word they never write small in the
middle of a sentence keeps its capital (a name such as 'Khrushchev'), and so does a word
with capitals after its first letter ('NATO', 'McCarthy', 'De-Stalinisation')."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
"""A word: a letter, then letters, digits, apostrophes and hyphens."""
_OPENERS = "\"'“‘«([ \u00a0"
"""What may stand between a sentence's end and its next word."""
_ENDS = ".!?:"
"""What ends a sentence (a colon too: "1955: The Warsaw Pact …")."""


def opens_sentence(before: str) -> bool:
    """Whether a word after `before` (the line's text up to it) starts a sentence."""
    rest = before.rstrip(_OPENERS)
    return not rest or rest[-1] in _ENDS


def small_words(texts: Iterable[str]) -> frozenset[str]:
    """The words `texts` write with a small first letter in the middle of a sentence and
    never with a capital there."""
    small: set[str] = set()
    capital: set[str] = set()
    for text in texts:
        for found in _WORD.finditer(text):
            if opens_sentence(text[: found.start()]):
                continue
            word = found.group()
            (small if word[0].islower() else capital).add(word.casefold())
    return frozenset(small - capital)


def as_banked(answer: str, opens: bool, small: frozenset[str]) -> str:
    """`answer` as a word bank prints it: its first letter small when it `opens` a
    sentence and its first word is one of the `small` words with only a first capital."""
    found = _WORD.match(answer)
    if not opens or found is None:
        return answer
    word = found.group()
    if not word[0].isupper() or word[1:] != word[1:].lower() or word.casefold() not in small:
        return answer
    return answer[0].lower() + answer[1:]
