"""A factor chart of few factors uses its page: its boxes are wide enough for whole lines at
the layout's largest type, the chart sits in the middle of its area with even margins, and
the PDF read back shows the same."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from helpers import DATA, revpack
from revpack import fonts, load_source
from revpack.chart.geometry import ChartGeometry, chart_geometry
from revpack.chart.text import Line
from revpack.loading.layouts import load_layout
from revpack.memo import clear_all
from revpack.writers.pdf.chart import measure
from test_chart_geometry import check_chart
from test_chart_links import through

CHART = DATA / "chart"
FEW = ("two-factors.yaml", "three-factors.yaml")
LAYOUT = load_layout("factor-chart")
BLANK = load_layout("factor-chart-blank")
WIDE = 0.45
"""The least width of a factor box on a chart of few short factors, as a share of the
chart area's width (such a box used to be a quarter of it, three words to a line)."""

fonts.register()


def geometry(name: str, layout=LAYOUT) -> ChartGeometry:
    return check_chart(load_source(CHART / name), layout)


def words_per_line(lines: tuple[Line, ...]) -> list[int]:
    """Words in each body line of a box (not its title band, bullets or dashes)."""
    found = []
    for line in lines:
        if line.role in ("heading", "bullet"):
            continue
        words = "".join(run.text for run in line.runs).split()
        if words:
            found.append(len(words))
    return found


@pytest.mark.parametrize("name", FEW)
def test_few_factors_get_the_largest_type_and_wide_boxes(name):
    g = geometry(name)
    largest = LAYOUT.font.max_size
    for box in g.factors:
        assert box.size == largest
        assert box.rect.width >= WIDE * g.area.width, (box.factor, box.rect.width)
        # Lines as a page of notes has them, not three or four words to a line.
        assert max(words_per_line(box.lines)) >= 7, words_per_line(box.lines)


@pytest.mark.parametrize("name", FEW)
def test_a_chart_of_few_factors_sits_in_the_middle_with_even_margins(name):
    g = geometry(name)
    rects = [box.rect for box in g.boxes]
    left = min(r.x for r in rects) - g.area.x
    right = g.area.right - max(r.right for r in rects)
    below = min(r.y for r in rects) - g.area.y
    above = g.area.top - max(r.top for r in rects)
    assert abs(left - right) < 0.5
    assert abs(above - below) < 0.5
    # Its boxes span most of the area's width, and more than its middle third in height.
    assert max(r.right for r in rects) - min(r.x for r in rects) >= 0.6 * g.area.width
    assert max(r.top for r in rects) - min(r.y for r in rects) >= 0.5 * g.area.height


def test_two_blank_boxes_fill_the_height_of_the_page():
    g = geometry("two-factors.yaml", BLANK)
    for box in g.factors:
        assert box.rect.height >= 0.95 * g.area.height
        assert box.rect.width >= 0.3 * g.area.width
        assert len(box.rules) >= 15


@pytest.mark.parametrize("layout", [LAYOUT, BLANK], ids=["points", "blank"])
@pytest.mark.parametrize("name", FEW)
def test_links_on_a_chart_of_few_factors_run_clear_of_the_boxes(name, layout):
    g = geometry(name, layout)
    assert through(g) == []
    assert all(link.clear for link in g.links)


@pytest.mark.parametrize("name", FEW)
def test_a_chart_of_few_factors_is_the_same_computed_twice(name):
    source = load_source(CHART / name)
    clear_all()
    first = chart_geometry(source, LAYOUT, measure)
    clear_all()
    second = chart_geometry(source, LAYOUT, measure)
    assert second == first and second is not first


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("few")
    done = revpack("build", CHART / "two-factors.yaml", "-l", "factor-chart", "-o", out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "two-factors-factor-chart.pdf"


@pytest.mark.parametrize(
    "point",
    [
        "There were 20 lifeboats for 2,224 people.",
        "The ship hit an iceberg at 11.40 pm on 14 April",
    ],
)
def test_each_point_prints_in_whole_lines_at_the_largest_type(printed, point):
    with pdfplumber.open(printed) as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
        found = [line for line in lines if point in line["text"]]
        assert found, [line["text"] for line in lines]
        chars = found[0]["chars"]
        assert {round(c["size"], 2) for c in chars} == {LAYOUT.font.max_size}
        # The point's line spans well over a quarter of the page's width.
        assert found[0]["x1"] - found[0]["x0"] >= 0.3 * float(page.width)


def test_the_printed_chart_reaches_into_the_top_and_bottom_thirds(printed):
    with pdfplumber.open(printed) as pdf:
        page = pdf.pages[0]
        height = float(page.height)
        rule = max(line["top"] for line in page.lines if line["width"] > page.width / 2)
        boxes = [r for r in page.rects if r["width"] > 0.2 * float(page.width)]
        top = min(r["top"] for r in boxes if r["top"] > rule)
        bottom = max(r["bottom"] for r in boxes)
        below_rule = height - rule
        assert top - rule < below_rule / 3
        assert height - bottom < below_rule / 3
