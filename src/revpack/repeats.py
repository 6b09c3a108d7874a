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
    """Each whole-word repeat in `text` of one of `numbers`' terms (keyed case-folded),
    the longest first where two overlap, with the term's number."""
    if not numbers:
        return
    words = sorted(numbers, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?:e?s)?(?!\w)", re.IGNORECASE
    )
    for found in pattern.finditer(text):
        number = numbers.get(found.group(1).casefold())
        if number is not None:  # (a case-folding corner the pattern matched, the key not)
            yield Repeat(found.start(1), found.end(1), number)


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
