"""Links on the factor chart: every link is a line clear of the boxes it does not join, even
on a crowded chart where the only ways round run along the gaps between the boxes."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest

from helpers import DATA
from revpack import load_source
from revpack.chart import place
from revpack.chart.channels import channel_route, channels, grid_lines
from revpack.chart.geometry import ChartGeometry, chart_geometry
from revpack.chart.paths import (
    BRIDGE,
    CLEARANCE,
    SPOKES_CROSSED,
    Rect,
    Segment,
    crosses,
    door_at,
    meet,
    route,
    spokes_crossed,
)
from revpack.chart.tags import KEEP, letter
from revpack.labels import load_labels
from revpack.loading.layouts import Page
from revpack.memo import clear_all
from revpack.model import Audience
from revpack.writers.pdf.chart import measure, render
from test_chart_geometry import LAYOUTS, check_chart, on_edge

LABELS = load_labels()
CHART = DATA / "chart"
PORTRAIT = Page("A4", "portrait", 28.35)
AREA = Rect(-1000, -1000, 2000, 2000)
CROWDED = ("ten-long-linked.yaml", "eight-linked.yaml", "twelve-crowded.yaml")


def through(g: ChartGeometry) -> list[tuple[tuple[int, int], int]]:
    """(link, box) for every box a link's line passes through other than its two ends."""
    found = []
    for link in g.links:
        for box in g.boxes:
            if box.factor in link.factors:
                continue
            pieces = [piece for curve in link.path for piece in curve.pieces()]
            if any(crosses(piece, box.rect) for piece in pieces):
                found.append((link.factors, box.factor))
    return found


@pytest.mark.parametrize("portrait", [False, True], ids=["landscape", "portrait"])
@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
@pytest.mark.parametrize("name", CROWDED)
def test_no_link_runs_through_a_box_it_does_not_join(name, layout_name, portrait):
    layout = LAYOUTS[layout_name]
    if portrait:
        layout = replace(layout, page=PORTRAIT)
    g = check_chart(load_source(CHART / name), layout)
    assert through(g) == []
    # Every link is a line clear of the boxes, or, where it could only weave across more
    # than one spoke, a pair of lettered circles.
    assert all(link.clear or len(link.tags) == 2 for link in g.links)
    spokes = tuple(c.line for c in g.connectors)
    assert all(spokes_crossed(link.path, spokes) <= SPOKES_CROSSED for link in g.links)
    area = g.area
    for link in g.links:  # never into the margins or over the header
        for curve in link.path:
            for x, y in (curve.at(i / 24) for i in range(25)):
                assert area.x - 0.01 <= x <= area.right + 0.01, (link.factors, x)
                assert area.y - 0.01 <= y <= area.top + 0.01, (link.factors, y)


def test_a_crowded_chart_is_the_same_computed_twice():
    source = load_source(CHART / "ten-long-linked.yaml")
    layout = replace(LAYOUTS["factor-chart"], page=PORTRAIT)
    clear_all()
    first = chart_geometry(source, layout, measure)
    clear_all()
    second = chart_geometry(source, layout, measure)
    assert second == first and second is not first


def test_a_link_goes_round_a_wall_along_the_gaps():
    # Two boxes side by side with a tall box between them reaching the area's top and
    # bottom but for a gap under it: the only way runs under the wall.
    a, b = Rect(0, 100, 80, 60), Rect(220, 100, 80, 60)
    wall = Rect(110, 30, 80, 300)
    floor = Rect(0, 0, 300, 10)
    boxes = (a, b, wall, floor)
    grid = channels(boxes, AREA, *grid_lines(boxes, []))
    path = channel_route(grid, a, b, 8.0, [])
    assert path is not None
    assert on_edge(*path[0].points[0], a) and on_edge(*path[-1].points[-1], b)
    for curve in path:
        for piece in curve.pieces():
            assert not crosses(piece, wall, -CLEARANCE + 0.01)
            assert not crosses(piece, floor, -CLEARANCE + 0.01)
    lowest = min(y for curve in path for _, y in (curve.at(i / 10) for i in range(11)))
    assert floor.top < lowest < wall.y
    assert channel_route(channels(boxes, AREA, *grid_lines(boxes, [])), a, b, 8.0, []) == path


def test_no_way_round_gives_no_channel_route():
    a, b = Rect(0, 0, 80, 60), Rect(220, 0, 80, 60)
    wall = Rect(110, -500, 80, 1000)
    boxes = (a, b, wall)
    grid = channels(boxes, AREA, *grid_lines(boxes, []))
    assert channel_route(grid, a, b, 8.0, []) is None


@pytest.fixture
def no_clear_way(monkeypatch):
    """Every link finds no clear way (as on a chart too crowded for any)."""
    straight_route = place.route

    def blocked(*args):
        return straight_route(*args)[0], False

    monkeypatch.setattr(place, "route", blocked)
    monkeypatch.setattr(place, "channel_route", lambda *args: None)
    clear_all()
    yield
    clear_all()


def test_a_link_with_no_clear_way_is_two_circles_with_one_letter(no_clear_way):
    source = load_source(CHART / "eight-linked.yaml")
    layout = LAYOUTS["factor-chart"]
    g = check_chart(source, layout)
    letters = [link.tags[0].letter for link in g.links]
    assert letters == [letter(i) for i in range(len(g.links))]
    circles = [tag for link in g.links for tag in link.tags]
    for tag in circles:
        x, y = tag.centre
        area = g.area
        assert area.x <= x - tag.radius and x + tag.radius <= area.right
        assert area.y <= y - tag.radius and y + tag.radius <= area.top
        for box in g.boxes:  # clear of every box by KEEP
            dx = max(box.rect.x - x, 0.0, x - box.rect.right)
            dy = max(box.rect.y - y, 0.0, y - box.rect.top)
            assert (dx * dx + dy * dy) ** 0.5 >= tag.radius + KEEP - 1e-6
        # The stub joins the box to the circle; the letter sits inside the circle.
        assert abs(((tag.stub.x1 - x) ** 2 + (tag.stub.y1 - y) ** 2) ** 0.5 - tag.radius) < 1e-6
        label = tag.label
        assert x - tag.radius < label.left < label.right < x + tag.radius
        assert y - tag.radius < label.bottom < label.top < y + tag.radius
    for i, one in enumerate(circles):
        for other in circles[i + 1 :]:
            gap = (one.centre[0] - other.centre[0]) ** 2 + (one.centre[1] - other.centre[1]) ** 2
            assert gap**0.5 >= one.radius + other.radius + KEEP - 1e-6


def test_the_letters_print_in_their_circles_and_no_link_line_is_drawn(no_clear_way):
    source = load_source(CHART / "eight-linked.yaml")
    layout = LAYOUTS["factor-chart"]
    g = chart_geometry(source, layout, measure, Audience())
    data = render(source, layout, Audience())[0].data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        height = page.height
        outside, legend = [], []
        for char in page.chars:
            x, y = (char["x0"] + char["x1"]) / 2, height - (char["top"] + char["bottom"]) / 2
            if (
                g.area.y <= y < g.rule  # (the bottom margin holds what the circles mean)
                and not any(
                    b.rect.x <= x <= b.rect.right and b.rect.y <= y <= b.rect.top for b in g.boxes
                )
            ):
                outside.append((char["text"], x, y))
            elif y < g.area.y:
                legend.append(char["text"])
        dashed = [c for c in page.curves if c.get("dash") and c["dash"][0]]
    circles = [tag for link in g.links for tag in link.tags]
    assert sorted(text for text, *_ in outside) == sorted(t.letter for t in circles)
    for text, x, y in outside:
        assert any(
            t.letter == text and ((x - t.centre[0]) ** 2 + (y - t.centre[1]) ** 2) ** 0.5 < t.radius
            for t in circles
        )
    assert dashed == []  # no dashed link line: the circles stand for every link
    assert "".join("".join(legend).split()) == "".join(LABELS("chart_linked").split())


def test_a_box_under_the_question_faces_it_with_its_top_even_left_of_its_middle():
    # 'The Witches', under the question with its right edge just short of the question's
    # middle, was taken for a side stack: its links left by its right side, across a
    # spoke, and one doubled back round the question's foot.
    hub = (643.0, 300.0)
    under = Rect(43, 40, 589, 120)  # right edge 632 < 643
    (x, y), (_, outside) = door_at(under, hub, 8.0, 0.5)
    assert y == under.top and outside == under.top + 8.0 and x == under.x + under.width / 2
    stacked = Rect(40, 330, 200, 120)  # left of the question, higher than its middle
    (x, _), (outside, _) = door_at(stacked, hub, 8.0, 0.5)
    assert x == stacked.right and outside == stacked.right + 8.0


def test_a_link_takes_a_way_across_no_spoke_where_there_is_one():
    # Two boxes side by side under the question, a spoke rising between them from a box
    # below: the straight line is clear of the boxes but crosses the spoke; the way over
    # the top is clear and crosses none.
    a, b = Rect(0, 0, 80, 60), Rect(200, 0, 80, 60)
    spoke = Segment(140, -200, 140, 30)
    hub = (140.0, 300.0)
    detours = [(140.0, 200.0), (40.0, 200.0), (240.0, 200.0)]
    crossing, _ = route(a, b, [], hub, detours, 8.0, [], ())
    assert spokes_crossed(crossing, (spoke,)) == 1  # with no spokes given: the straight line
    path, clear = route(a, b, [], hub, detours, 8.0, [], (spoke,))
    assert clear and spokes_crossed(path, (spoke,)) == 0


def test_a_link_that_must_cross_several_spokes_is_not_a_line():
    a, b = Rect(0, 0, 80, 60), Rect(400, 0, 80, 60)
    spokes = tuple(Segment(x, -1000, x, 1000) for x in (150, 250, 330))
    path, clear = route(a, b, [], (240.0, -500.0), [(240.0, 200.0)], 8.0, [], spokes)
    assert not clear


def test_a_link_passes_under_the_spoke_it_crosses_with_a_gap():
    source = load_source(CHART / "tohoku-crossing.yaml")
    layout = LAYOUTS["factor-chart"]
    clear_all()
    g = check_chart(source, layout)
    spokes = tuple(c.line for c in g.connectors)
    crossed = [link for link in g.links if spokes_crossed(link.path, spokes)]
    assert crossed, "the tsunami's link to Fukushima crosses the plate tectonics spoke"
    for link in crossed:
        assert len(link.bridges) == spokes_crossed(link.path, spokes)
        for bridge in link.bridges:  # a piece of a spoke, round where the link crosses it
            spoke = next(s for s in spokes if _on(bridge, s))
            assert any(
                meet(piece, spoke) and meet(piece, bridge)
                for curve in link.path
                for piece in curve.pieces()
            )
    data = render(source, layout, Audience())[0].data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        paper = [
            line
            for line in pdf.pages[0].lines
            if line["stroking_color"] in ((1, 1, 1), [1, 1, 1], (1.0, 1.0, 1.0))
            and abs(line["linewidth"] - 2 * BRIDGE) < 0.01
        ]
    height = g.height
    drawn = sorted(
        (round(ln["x0"], 1), round(height - ln["top"], 1), round(ln["x1"], 1)) for ln in paper
    )
    planned = sorted(
        (round(min(b.x0, b.x1), 1), round(max(b.y0, b.y1), 1), round(max(b.x0, b.x1), 1))
        for link in crossed
        for b in link.bridges
    )
    assert drawn == planned


def _on(piece: Segment, line: Segment) -> bool:
    """Whether both ends of `piece` lie on `line`."""

    def off(x: float, y: float) -> float:
        dx, dy = line.x1 - line.x0, line.y1 - line.y0
        return abs(dx * (y - line.y0) - dy * (x - line.x0)) / (dx * dx + dy * dy) ** 0.5

    return off(piece.x0, piece.y0) < 1e-6 and off(piece.x1, piece.y1) < 1e-6


def test_a_link_takes_a_way_across_no_link_drawn_before_it_where_there_is_one():
    # Militarism–July Crisis crossed Militarism–Balkans just under Militarism, where a
    # way round it was clear; a crossing there reads as a junction.
    a, b = Rect(0, 0, 80, 60), Rect(200, 0, 80, 60)
    earlier = Segment(140, -200, 140, 30)
    hub = (140.0, 300.0)
    detours = [(140.0, 200.0), (40.0, 200.0), (240.0, 200.0)]
    path, clear = route(a, b, [], hub, detours, 8.0, [], (), (earlier,))
    assert clear and spokes_crossed(path, (earlier,)) == 0
    # (where every way crosses it, one that does is still drawn)
    wall = Segment(140, -1000, 140, 1000)
    path, clear = route(a, b, [], hub, detours, 8.0, [], (), (wall,))
    assert clear and spokes_crossed(path, (wall,)) == 1


@pytest.mark.parametrize(
    ("page", "size"),
    [(Page("A4", "landscape", 17.0), 20.0), (Page("A5", "portrait", 17.0), 24.0)],
)
def test_what_the_circles_mean_stays_in_the_bottom_margin(no_clear_way, page, size):
    # With small margins and large type the line printed over the bottom boxes.
    layout = LAYOUTS["factor-chart-blank"]
    layout = replace(layout, page=page, font=replace(layout.font, size=size))
    g = chart_geometry(load_source(CHART / "eight-linked.yaml"), layout, measure, Audience())
    assert g.legend
    for line in g.legend:
        assert 0 <= line.bottom and line.top <= g.area.y
        assert page.margin - 0.5 <= line.left and line.right <= g.width - page.margin + 0.5


def test_a_language_without_labels_is_told_its_circles_line_is_english(no_clear_way, tmp_path):
    # A layout giving every label a Portuguese chart needs but 'chart_linked' printed
    # English's line under the circles without a word to the teacher.
    from revpack.labels import OWN
    from revpack.loading.layouts import Layout
    from revpack.writers.pdf.chart import notes

    text = (CHART / "eight-linked.yaml").read_text("utf-8")
    path = tmp_path / "ligados.yaml"
    path.write_text(text.replace("subject: History\n", "subject: History\nlanguage: pt-BR\n"))
    source = load_source(path)
    english = load_labels("en")
    given = tuple(e for e in english.entries if e[0] not in OWN and e[0] != "chart_linked")
    layout: Layout = replace(LAYOUTS["factor-chart"], labels=given)
    render(source, layout, Audience())
    [said] = [note for note in notes(source, layout) if "chart_linked" in note]
    assert said.startswith(f"{path}: factor-chart: language 'pt-BR' has no built-in label set")
    assert english("chart_linked") in said and "under 'labels:'" in said
    named = replace(layout, labels=(*given, ("chart_linked", "Caixas com a mesma letra.")))
    render(source, named, Audience())
    assert not [note for note in notes(source, named) if "chart_linked" in note]
