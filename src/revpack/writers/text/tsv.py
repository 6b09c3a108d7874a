"""The flashcards as `term<TAB>meaning` lines: what Quizlet, Knowt and Gimkit import.

UTF-8, no header, one card a line. A tab or line break inside a text would split a card,
so every run of white space (tabs and line breaks included) becomes one space. Timeline
entries follow the terms as `date<TAB>event` when the layout's `tsv_dates` says so.
"""

from __future__ import annotations

import re

from revpack.flashcards import cards as c
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source, Text
from revpack.options import of_kind
from revpack.options.flashcards import Options
from revpack.unicode_scripts import flattened
from revpack.writers import Output

BREAKS = re.compile(r"[ \t\r\n\v\f\x1c-\x1f\x85\u2028\u2029]+")
"""Runs of spaces, tabs and anything an importer may read as a line break (a no-break
space stays: it is part of the text)."""


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What the build should say when the file would have no lines."""
    options = of_kind(layout.options, Options)
    if rows(c.deck(source, options), options.tsv_dates):
        return ()
    return (
        f"{source.path}: {layout.name} has no lines for the tsv file (the source lists "
        "no terms or timeline)",
    )


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The lines of `source`'s terms (and dates) as one .tsv file."""
    options = of_kind(layout.options, Options)
    lines = rows(c.deck(source, options), options.tsv_dates)
    data = "".join(f"{front}\t{back}\n" for front, back in lines)
    return [Output("", "tsv", data.encode("utf-8"))]


def rows(deck: c.Deck, dates: bool) -> list[tuple[str, str]]:
    """(front, back) of every line: the terms, then the dates when `dates`."""
    found = [(cell(n.term), cell(n.meaning)) for n in deck.terms]
    if dates:
        found += [(cell(n.when), cell(n.what)) for n in deck.dates]
    return found


def cell(text: Text) -> str:
    """The text without markup, on one line, with no tab: subscripts and superscripts
    as Unicode's ('CO₂', 'Mg²⁺') where it has every character of one, else as typed."""
    return BREAKS.sub(" ", flattened(text.spans)).strip()
