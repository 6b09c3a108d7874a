"""Cutting a source's points short, as the chart's 'too much' estimate does."""

from __future__ import annotations

from dataclasses import replace

from helpers import THAW
from revpack import load_source
from revpack.chart.trim import cut, fewer, trimmed
from revpack.model import Span, Text
from revpack.problems import Mark

MARK = Mark("t.yaml", 3, 5)


def styled() -> Text:
    return Text(
        (
            Span("Both sides now had the "),
            Span("hydrogen bomb", key=True),
            Span(", and H"),
            Span("2", script="sub"),
            Span("O stayed wet."),
        ),
        MARK,
    )


def test_a_cut_keeps_the_first_words_with_their_styles():
    text = styled()
    assert len(text.plain.split()) == 11
    five = cut(text, 0.4)  # 4.4 words round up to 5
    assert five.plain == "Both sides now had the"
    assert five.mark == MARK
    assert cut(text, 0.5).plain == "Both sides now had the hydrogen"
    assert cut(text, 0.5).spans[-1] == Span("hydrogen", key=True)
    assert cut(text, 0.7).plain == "Both sides now had the hydrogen bomb, and"
    # A word split over styles counts once and stays whole.
    assert cut(text, 0.8).plain == "Both sides now had the hydrogen bomb, and H2O"
    assert [s.script for s in cut(text, 0.8).spans][-2:] == ["sub", ""]


def test_a_cut_rounds_up_and_keeps_a_word():
    text = styled()
    assert cut(text, 1.0) is text
    assert cut(text, 0.95) is text  # 10.45 words round up to all 11
    assert cut(text, 0.0).plain == "Both"
    assert cut(text, 0.01).plain == "Both"


def test_a_trimmed_source_cuts_every_point_and_sub_point_only():
    source = load_source(THAW)
    short = trimmed(source, 0.5)
    assert short.title == source.title and short.question == source.question
    assert short.sections == source.sections
    for before, after in zip(source.factors, short.factors, strict=True):
        assert after.title == before.title and after.links == before.links
        assert len(after.points) == len(before.points)
        for p, q in zip(before.points, after.points, strict=True):
            words = len(p.text.plain.split())
            assert len(q.text.plain.split()) == max(-(-words // 2), 1)
            assert p.text.plain.startswith(q.text.plain)
            assert len(q.points) == len(p.points)


def test_fewer_points_keeps_the_first_share_and_at_least_one():
    source = load_source(THAW)
    counts = [len(f.points) for f in source.factors]
    half = fewer(source, 0.5)
    assert [len(f.points) for f in half.factors] == [max(-(-n // 2), 1) for n in counts]
    assert all(
        f.points == g.points[: len(f.points)]
        for f, g in zip(half.factors, source.factors, strict=True)
    )
    assert [len(f.points) for f in fewer(source, 0.0).factors] == [1] * len(counts)
    assert fewer(replace(source), 1.0) == source
