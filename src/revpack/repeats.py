"""Unmarked repeats of a key term in its own text ('the ==valves== … two valves'): the
worksheet blanks them under the term's gap number and a flashcard hides them under its
cloze number, since either would otherwise show the answer beside its blank."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from revpack.model import Span

T = TypeVar("T")
"""What a repeat becomes (a worksheet's gap, a flashcard's cloze)."""


@dataclass(frozen=True)
class Repeat:
    """Where a key term is repeated, unmarked, in a piece of text."""

    start: int
    """Its first character."""
    end: int
    """Just after its last (a plural's ending, 's' or 'es', stays outside)."""
    number: int
    """The number of the term it repeats."""


def repeats(text: str, numbers: Mapping[str, int]) -> Iterator[Repeat]:
    """Each whole-word repeat in `text` of one of `numbers`' terms (keyed as written), the
    longest first where two overlap, with the term's number (the first given, where two
    terms differ only so: 'arms race' and 'Arms race'). A term is matched as written, but
    for the first letter of an ordinary word, which a sentence's start may change
    ('Valves' for 'valves'), and the plural ending of one that ends in a small letter; an
    acronym or a one-letter term only as written ('US' is not 'us' in 'helps us' or
    'uses', 'A' not the article 'a'). A phrase's other capitals are as written: 'a new
    look at' is no repeat of 'New Look'; but a phrase of PHRASE_WORDS words or more is
    its ordinary words in any capitals ('his cult of personality' repeats 'Cult of
    Personality')."""
    if not numbers:
        return
    found_as: dict[str, int] = {}
    for term, given in numbers.items():
        found_as.setdefault(_key(term), given)
    words = sorted(numbers, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(_pattern, words)) + r")(?!\w)")
    for found in pattern.finditer(text):
        index, word = next((i, g) for i, g in enumerate(found.groups()) if g is not None)
        start = found.start()
        yield Repeat(start, start + len(word), found_as[_key(words[index])])


PHRASE_WORDS = 3
"""The fewest words of a phrase whose ordinary words match in any capitals: a teacher
writes 'Cult of Personality' in one place and 'cult of personality' in another, and so
long a phrase in other capitals is no other phrase; two words may be ('a new look at'
beside the New Look)."""


def _words(term: str) -> list[str] | None:
    """A long phrase's words and the spaces between them (['Cult', ' ', 'of', …]), or
    None for a word or a phrase shorter than PHRASE_WORDS."""
    parts = re.split(r"(\s+)", term)
    return parts if len(parts) >= 2 * PHRASE_WORDS - 1 else None


def _ordinary(word: str) -> bool:
    """Whether `word` is an ordinary word: longer than a letter, small letters after its
    first (not 'US', 'NATO', 'A')."""
    return len(word) > 1 and any(c.islower() for c in word[1:])


def _key(word: str) -> str:
    """What a term and its repeat share: the word, its first letter small if ordinary (a
    long phrase: each of its ordinary words small)."""
    parts = _words(word)
    if parts is not None:
        return "".join(part.lower() if _ordinary(part) else part for part in parts)
    return word[0].lower() + word[1:] if _ordinary(word) else word


def _pattern(word: str) -> str:
    """The term as a group, its first letter in either case if ordinary, then the plural
    ending of a term that ends in a small letter (outside the group); a long phrase's
    ordinary words in any capitals."""
    plural = "(?:e?s)?" if word[-1].islower() else ""
    parts = _words(word)
    if parts is not None:
        body = "".join(
            f"(?i:{re.escape(part)})" if _ordinary(part) else re.escape(part) for part in parts
        )
        return f"({body}){plural}"
    first = word[0]
    head = (
        f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
        if _ordinary(word) and first.lower() != first.upper()
        else re.escape(first)
    )
    return f"({head}{re.escape(word[1:])}){plural}"


def hidden(text: str, numbers: Mapping[str, int], shown: Callable[[int], str] | None = None) -> str:
    """`text` with each repeat of one of `numbers`' terms, a plural's ending with it,
    replaced by '…' (a heading over its own term's blank: 'Catalysts' over 'A ____
    speeds up a reaction'), or by what `shown` makes of the term's number."""
    out: list[str] = []
    at = 0
    for found in repeats(text, numbers):
        out.append(text[at : found.start] + ("…" if shown is None else shown(found.number)))
        plural = re.match(r"e?s(?!\w)", text[found.end :])
        at = found.end + (plural.end() if plural else 0)
    return "".join(out) + text[at:]


def masked(
    line: Sequence[Span | T], numbers: Mapping[str, int], blank: Callable[[int, Span], T]
) -> list[Span | T]:
    """`line` with each repeat in its spans made a `blank` (from the term's number and the
    span of the repeated words, styled as the text it stood in); what is no Span (a gap or
    cloze already) is kept as it is."""
    out: list[Span | T] = []
    for piece in line:
        if not isinstance(piece, Span):
            out.append(piece)
            continue
        at = 0
        for found in repeats(piece.text, numbers):
            if found.start > at:
                out.append(replace(piece, text=piece.text[at : found.start]))
            words = replace(piece, text=piece.text[found.start : found.end])
            out.append(blank(found.number, words))
            at = found.end
        if at < len(piece.text):
            out.append(replace(piece, text=piece.text[at:]) if at else piece)
    return out
