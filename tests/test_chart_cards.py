"""Factor cards: a title that wraps leaves no word alone on its last line wherever some
breaking into as many lines avoids it without a line shorter than that word, and the card
keeps its height."""

from __future__ import annotations

from itertools import combinations

import pytest

from revpack import fonts
from revpack.chart.cards import Spacing, factor_card
from revpack.chart.text import SLACK, Setter, tokens
from revpack.hyphenation import Hyphenator
from revpack.model import Factor, Mark, Point, Span, Text
from revpack.writers.pdf.chart import measure

fonts.register()
SETTER = Setter(measure, Hyphenator("en-GB"))
SPACING = Spacing()
SIZE = 11.0
TITLES = (
    "The failure of proportional representation and coalitions",
    "Hyperinflation and the collapse of middle-class savings",
    "Loss of support among the army, judges and civil servants",
    "Backstairs intrigue",
    "Too few lifeboats",
)


def factor(title: str) -> Factor:
    text = Text((Span("A point to make."),), Mark("t.yaml", 2, 1))
    return Factor(
        Text((Span(title),), Mark("t.yaml", 1, 1)), (Point(text, ()),), (), Mark("t", 1, 1)
    )


def words(parts) -> int:
    return len("".join(p.text for p in parts).split())


def mendable(title: str, inner: float, size: float, count: int, alone: float) -> bool:
    """Whether any breaking of `title` into `count` lines, none wider than `inner` nor
    narrower than `alone` (the word left alone), puts two words or more on the last line
    (every way of breaking it tried)."""
    plain = title.split()
    for cuts in combinations(range(1, len(plain) - 1), count - 1):
        bounds = [0, *cuts, len(plain)]
        lines = [" ".join(plain[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
        widths = [SETTER.line_width(SETTER.parts(line, bold=True), size) for line in lines]
        if all(alone - 0.01 <= width <= inner - SLACK for width in widths):
            return True
    return False


@pytest.mark.parametrize("title", TITLES)
def test_a_title_leaves_no_word_alone_where_as_many_lines_avoid_it(title):
    source = factor(title)
    parts = SETTER.parts(source.title, bold=True)
    size = SIZE * SPACING.title
    mended = 0
    widest = max(SETTER.line_width(word, size) for word in tokens(parts) if words(word))
    for width in range(60, 400, 2):
        card = factor_card(SETTER, source, width, SIZE, SPACING, True, 0, 0)
        counted = factor_card(SETTER, source, width, SIZE, SPACING, True, 0, 0, True)
        heading = [parts for parts, *_, role in card.lines if role == "heading"]
        inner = width - 2 * SPACING.pad * SIZE
        greedy = SETTER.wrap(parts, inner, size)
        # Never a line more, never a taller card, never a line over the measure.
        assert len(heading) == len(greedy)
        assert card.height == counted.height
        assert all(SETTER.line_width(line, size) <= inner for line in heading)
        if inner - 0.01 < widest:
            continue  # a word breaks: this is about whole words
        assert " ".join("".join(p.text for p in line) for line in heading).split() == title.split()
        if len(greedy) < 2 or words(greedy[-1]) > 1:
            assert heading == greedy  # a title that needs no mending is left as it was
            continue
        alone = SETTER.line_width(greedy[-1], size)
        if mendable(title, inner, size, len(greedy), alone):
            assert words(heading[-1]) > 1, (width, heading)
        else:
            assert heading == greedy
        mended += words(heading[-1]) > 1
    if title == "Too few lifeboats":  # "Too / few lifeboats" would be worse
        assert not mended
    elif title != "Backstairs intrigue":  # two words on two lines: nothing to mend
        assert mended
