"""The chart's text setter: counting lines gives what wrapping gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revpack.chart.text import Setter, pieces
from revpack.hyphenation import Hyphenator
from revpack.writers.pdf.chart import measure
from test_chart_geometry import WORDS, make_text

SETTER = Setter(measure, Hyphenator("en-GB"))

texts = st.lists(
    st.tuples(st.sampled_from((*WORDS, "\n", "a  b", " ")), st.booleans()),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(
    words=texts,
    width=st.floats(1.0, 400.0),
    size=st.sampled_from((6.0, 7.0, 8.25, 11.0, 16.0)),
)
def test_counting_lines_gives_as_many_as_wrapping(words, width, size):
    for bold in (False, True):
        parts = pieces(make_text(words, 1), bold=bold)
        assert SETTER.count(parts, width, size) == len(SETTER.wrap(parts, width, size))


def test_counting_lines_at_the_edge_of_a_line():
    # A width exactly as wide as the words (plus the spare): the two must agree there too.
    parts = pieces("Peaceful coexistence between the blocs")
    for cut in range(1, 6):
        words = "Peaceful coexistence between the blocs".split()[:cut]
        exact = SETTER.line_width(pieces(" ".join(words)), 11.0) + 0.01
        for width in (exact - 1e-9, exact, exact + 1e-9):
            assert SETTER.count(parts, width, 11.0) == len(SETTER.wrap(parts, width, 11.0))


def test_parts_are_made_once_per_text():
    text = make_text([("the", True), ("thaw", False)], 1)
    assert SETTER.parts(text) is SETTER.parts(text)
    assert SETTER.parts(text) == pieces(text)
    assert SETTER.parts(text, bold=True) == pieces(text, bold=True)
