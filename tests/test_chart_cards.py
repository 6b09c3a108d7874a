"""Factor cards: a title that wraps leaves no word alone on its last line where a narrower
measure with no more lines avoids it, and the card keeps its height."""

from __future__ import annotations

import pytest

from revpack import fonts
from revpack.chart.cards import Spacing, factor_card
from revpack.chart.text import Setter, tokens
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
)


def factor(title: str) -> Factor:
    text = Text((Span("A point to make."),), Mark("t.yaml", 2, 1))
    return Factor(
        Text((Span(title),), Mark("t.yaml", 1, 1)), (Point(text, ()),), (), Mark("t", 1, 1)
    )


def words(parts) -> int:
    return len("".join(p.text for p in parts).split())


def narrowest_same_count(parts, width: float, size: float) -> float:
    """The narrowest measure (to a hundredth of a point) that wraps `parts` into no more
    lines than `width` does, and no narrower than its longest word."""
    count = len(SETTER.wrap(parts, width, size))
    longest = max(SETTER.line_width(word, size) for word in tokens(parts) if words(word))
    low, high = longest, width
    while high - low > 0.01:
        middle = (low + high) / 2
        lines = SETTER.wrap(parts, middle, size)
        whole = all(words(line) for line in lines) and "-" not in "".join(
            p.text for line in lines for p in line
        )
        if len(lines) > count or not whole:
            low = middle
        else:
            high = middle
    return high


@pytest.mark.parametrize("title", TITLES)
def test_a_title_leaves_no_word_alone_where_a_narrower_measure_avoids_it(title):
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
        narrow = SETTER.wrap(parts, narrowest_same_count(parts, inner, size), size)
        if len(narrow) == len(greedy) and words(narrow[-1]) > 1:
            assert words(heading[-1]) > 1, (width, heading)
        mended += words(heading[-1]) > 1
    if title != "Backstairs intrigue":  # two words on two lines: nothing to mend
        assert mended
