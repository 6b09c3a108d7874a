"""The factor chart PDF, built with the CLI and read back: one page, every factor title in the
text, fonts embedded, qpdf clean, byte-identical rebuilds, every character inside the box the
geometry gave it, key terms on their highlight, and clean errors for charts that cannot be."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from helpers import DATA, THAW, fonts_embedded, pdftotext, qpdf_check, revpack
from revpack import fonts, load_layout, load_source
from revpack.chart.geometry import chart_geometry
from revpack.chart.text import ASCENT, DESCENT
from revpack.model import Audience
from revpack.writers import render
from revpack.writers.pdf.chart import band_colour, measure

CHART = DATA / "chart"
LAYOUTS = ("factor-chart", "factor-chart-blank")
SOURCES = [
    THAW,
    *(
        CHART / name
        for name in (
            "two-factors.yaml",
            "three-factors.yaml",
            "eight-linked.yaml",
            "twelve-crowded.yaml",
            "cyrillic-greek.yaml",
            "markup-literal.yaml",
        )
    ),
]
CASES = [(source, layout) for source in SOURCES for layout in LAYOUTS]
EPS = 0.5  # points of slack for glyph bounding boxes


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every source with both chart layouts, in one CLI build."""
    out = tmp_path_factory.mktemp("charts")
    args = ["-l", LAYOUTS[0], "-l", LAYOUTS[1], "-o", out]
    done = revpack("build", *SOURCES, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return out


def pdf_of(out: Path, source: Path, layout: str) -> Path:
    return out / f"{source.stem}-{layout}.pdf"


def normalised(text: str) -> str:
    return " ".join(text.split())


def ident(case) -> str:
    return f"{case[0].stem}-{case[1]}"


def test_thaw_gives_one_page_charts_byte_identical_on_rebuild(built, tmp_path):
    done = revpack("build", THAW, "-l", "factor-chart", "-l", "factor-chart-blank", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    for layout in LAYOUTS:
        again = tmp_path / f"thaw-{layout}.pdf"
        assert again.read_bytes() == pdf_of(built, THAW, layout).read_bytes()
        assert len(PdfReader(again).pages) == 1


@pytest.mark.parametrize("case", CASES, ids=ident)
def test_one_clean_page_with_every_factor_title(built, case):
    source_path, layout = case
    pdf = pdf_of(built, source_path, layout)
    assert len(PdfReader(pdf).pages) == 1
    qpdf_check(pdf)
    faces = {name.split("+")[-1] for name in fonts_embedded(pdf)}
    assert faces <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
    }
    text = normalised(pdftotext(pdf))
    source = load_source(source_path)
    for factor in source.factors:
        assert normalised(factor.title.plain) in text
    assert normalised(source.question.plain) in text
    assert normalised(source.title.plain) in text


@pytest.mark.parametrize("case", CASES, ids=ident)
def test_every_character_lies_inside_its_box(built, case):
    """Characters read back with pdfplumber sit in the boxes the geometry planned, and each
    box holds exactly the text the geometry put in it."""
    source_path, layout_name = case
    source, layout = load_source(source_path), load_layout(layout_name)
    fonts.register(italic=source.uses_italic)  # as the writer does before measuring
    geometry = chart_geometry(source, layout, measure, Audience())
    with pdfplumber.open(pdf_of(built, source_path, layout_name)) as pdf:
        page = pdf.pages[0]
        chars = [c for c in page.chars if c["text"].strip()]
        height = page.height
    held = {id(box): [] for box in geometry.boxes}
    legend: list[str] = []
    for char in chars:
        x0, x1 = char["x0"], char["x1"]
        y0, y1 = height - char["bottom"], height - char["top"]
        homes = [
            box
            for box in geometry.boxes
            if box.rect.x - EPS <= x0
            and x1 <= box.rect.right + EPS
            and box.rect.y - EPS <= y0
            and y1 <= box.rect.top + EPS
        ]
        tags = [
            tag
            for link in geometry.links
            for tag in link.tags
            if abs((x0 + x1) / 2 - tag.centre[0]) < tag.radius
            and abs((y0 + y1) / 2 - tag.centre[1]) < tag.radius
        ]
        if homes:
            held[id(homes[0])].append(char["text"])
        elif tags:  # a link drawn as two lettered circles
            assert char["text"] == tags[0].letter
        elif y1 < geometry.area.y:  # what the circles mean, in the bottom margin
            assert geometry.legend and any(tag for link in geometry.links for tag in link.tags)
            assert y0 >= 0 and geometry.legend[0].left - EPS <= x0
            legend.append(char["text"])
        else:  # the header: above the rule, inside the margins
            assert y0 >= geometry.rule - EPS, f"{char['text']!r} at {x0:.1f},{y0:.1f} is in no box"
            assert layout.page.margin - EPS <= x0 and x1 <= page.width - layout.page.margin + EPS
    for box in geometry.boxes:
        planned = "".join(r.text for line in box.lines for r in line.runs)
        assert "".join(held[id(box)]) == "".join(planned.split())
    said = "".join(r.text for line in geometry.legend for r in line.runs)
    assert "".join(legend) == "".join(said.split())


def test_key_terms_sit_on_their_highlight(built):
    source, layout = load_source(THAW), load_layout("factor-chart")
    geometry = chart_geometry(source, layout, measure, Audience())
    with pdfplumber.open(pdf_of(built, THAW, "factor-chart")) as pdf:
        page = pdf.pages[0]
        height = page.height
        yellow = [
            r for r in page.rects if _hex(r.get("non_stroking_color")) == layout.colours.key_term
        ]
    keys = [
        (run, line)
        for box in geometry.factors
        for line in box.lines
        for run in line.runs
        if run.key
    ]
    assert keys, "the thaw chart has key terms"
    assert len(yellow) == len(keys)
    for run, line in keys:
        bottom = line.baseline - DESCENT * line.size
        assert any(
            abs(r["x0"] - (run.x - 0.6)) < 0.05
            and abs((height - r["bottom"]) - bottom) < 0.05
            and abs(r["height"] - (ASCENT + DESCENT) * line.size) < 0.05
            for r in yellow
        ), run.text


def _hex(colour) -> str | None:
    if not colour or len(colour) != 3:
        return None
    return "#" + "".join(f"{round(c * 255):02X}" for c in colour)


def test_boxes_are_drawn_where_the_geometry_puts_them(built):
    source, layout = load_source(THAW), load_layout("factor-chart")
    geometry = chart_geometry(source, layout, measure, Audience())
    with pdfplumber.open(pdf_of(built, THAW, "factor-chart")) as pdf:
        page = pdf.pages[0]
        shapes = [
            (s["x0"], page.height - s["bottom"], s["x1"], page.height - s["top"])
            for s in (*page.curves, *page.rects)
        ]
    for box in geometry.boxes:
        r = box.rect
        assert any(
            abs(a - r.x) < 0.6
            and abs(b - r.y) < 0.6
            and abs(c - r.right) < 0.6
            and abs(d - r.top) < 0.6
            for a, b, c, d in shapes
        ), r


def test_header_names_subject_course_class_and_teacher(tmp_path):
    source, layout = load_source(THAW), load_layout("factor-chart")
    [output] = render(source, layout, Audience(class_name="11A", teacher="Ms Khan"))
    pdf = tmp_path / "chart.pdf"
    pdf.write_bytes(output.data)
    text = normalised(pdftotext(pdf))
    assert "History · The Cold War, 1953–1962 | Class 11A · Ms Khan" in text
    assert PdfReader(pdf).metadata.author == "Ms Khan"


def test_markup_in_a_source_prints_as_typed(built):
    text = normalised(pdftotext(pdf_of(built, CHART / "markup-literal.yaml", "factor-chart")))
    for literal in (
        "Markup <b>prints</b> as typed & so on",
        "Escaping <i>",
        "<img src=x>",
        "<b>bold</b> &amp; means it literally",
        "a < b > c",
    ):
        assert literal in text
    assert "**" not in text and "==" not in text


def test_blank_chart_has_titles_and_ruled_space_but_no_points(built):
    text = normalised(pdftotext(pdf_of(built, THAW, "factor-chart-blank")))
    assert "Consolidation of positions" in text and "Iron Curtain" not in text
    with pdfplumber.open(pdf_of(built, THAW, "factor-chart-blank")) as pdf:
        flat = [ln for ln in pdf.pages[0].lines if abs(ln["top"] - ln["bottom"]) < 0.01]
    assert len(flat) >= 2 * len(load_source(THAW).factors)


def _grey(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("layout_name", LAYOUTS)
def test_palette_survives_greyscale_printing(layout_name):
    layout = load_layout(layout_name)
    colours = layout.colours
    for band in (*layout.options.palette, colours.accent):
        assert 1.05 / (_luminance(band) + 0.05) >= 4.5, f"white text on {band} is too faint"
    assert _grey(colours.box) - _grey(colours.key_term) >= 20, "highlight lost in grey"
    assert _grey(colours.box) - _grey(colours.text) >= 150
    for count in range(2, 13):
        greys = [_grey(band_colour(slot, count, layout)) for slot in range(count)]
        for slot in range(count):
            assert abs(greys[slot] - greys[(slot + 1) % count]) >= 15, (count, slot)


BAD = [
    (
        "too-long.yaml",
        "factor-chart",
        r"too-long\.yaml:7:5: factor 'The essay factor' does not fit on the factor chart even "
        r"at the smallest type size \(7 pt\).*too much \(it would fit with \d+% of every "
        r"factor's points left out\)\. Shorten the points, use A3 paper.*"
        r"factor-chart-blank layout",
    ),
    (
        "thirteen-factors.yaml",
        "factor-chart",
        r"thirteen-factors\.yaml:16:5: has 13 factors, but a factor chart holds at most 12",
    ),
    ("no-factors.yaml", "factor-chart-blank", r"no-factors\.yaml:1:1: has no factors"),
]


@pytest.mark.parametrize(("name", "layout", "message"), BAD, ids=[b[0] for b in BAD])
def test_charts_that_cannot_be_fail_with_a_clear_message(tmp_path, name, layout, message):
    done = revpack("build", CHART / "bad" / name, "-l", layout, "-o", tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert re.search(message, done.stdout + done.stderr), done.stdout + done.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_the_suggested_a3_layout_fits_a_too_long_source(tmp_path):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "chart-a3.yaml").write_text("extends: factor-chart\npage: {size: A3}\n")
    done = revpack(
        "build",
        CHART / "bad" / "too-long.yaml",
        "--layouts",
        layouts,
        "-l",
        "chart-a3",
        "-o",
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [page] = PdfReader(tmp_path / "too-long-chart-a3.pdf").pages
    assert round(float(page.mediabox.width)) == 1191  # A3 landscape


def test_the_suggested_blank_layout_fits_a_too_long_source(tmp_path):
    done = revpack(
        "build", CHART / "bad" / "too-long.yaml", "-l", "factor-chart-blank", "-o", tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(tmp_path / "too-long-factor-chart-blank.pdf").pages) == 1


def test_a_chart_set_in_small_type_to_fit_says_so(tmp_path):
    # A full topic came out at 7 pt and the build said only "1 written" (the summary
    # says so; the chart did not).
    dense = DATA / "chart" / "dense-small-type.yaml"
    fonts.register(italic=False)  # (as the writer does before measuring)
    geometry = chart_geometry(load_source(dense), load_layout("factor-chart"), measure)
    smallest = min(box.size for box in geometry.factors)
    assert smallest < 7.5
    done = revpack("build", dense, "-l", "factor-chart", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    said = f"factor-chart is set in {smallest:g} pt type to fit on one page"
    assert said in done.stderr
    roomy = revpack("build", THAW, "-l", "factor-chart", "-o", tmp_path)
    assert roomy.returncode == 0 and "pt type" not in roomy.stderr


def test_notes_with_more_than_a_chart_shows_still_say_its_small_type(tmp_path):
    # The chart is drawn from the notes' question and factors alone; the note was looked
    # for under the whole notes, so a topic with a timeline (any real one) never got it.
    dense = tmp_path / "dense.yaml"
    dense.write_text(
        (DATA / "chart" / "dense-small-type.yaml").read_text("utf-8")
        + "timeline:\n  - {when: '1949', what: NATO is founded.}\n",
        "utf-8",
    )
    done = revpack("build", dense, "-l", "factor-chart", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert f"{dense}: factor-chart is set in " in done.stderr
    assert "pt type to fit on one page" in done.stderr


def test_a_layout_that_asks_small_type_is_told_so_not_that_it_was_shrunk(tmp_path):
    layout = tmp_path / "tiny.yaml"
    layout.write_text("extends: factor-chart\nfont: {size: 6, min_size: 5, max_size: 6}\n")
    done = revpack("build", THAW, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (
        f"note: {layout}:2:14: tiny sets its type in 6 pt, smaller than 7.5 pt, which is "
        "hard to read on paper; give the layout a larger font size"
    ) in done.stderr.splitlines()
    assert "to fit" not in done.stderr
