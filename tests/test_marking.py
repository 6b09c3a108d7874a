"""The class marking grid (revpack.worksheet.marking) and its PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pdfplumber
import pikepdf
import pytest
from reportlab.lib.pagesizes import A4

from helpers import THAW
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.options import of_kind
from revpack.options.worksheet import Options
from revpack.worksheet.marking import marking_grid
from revpack.writers.pdf.marking_grid import grid_pdf

STUDENTS = [("Cy Dee", 11), ("Ed Eff", 12)]


def _layout(name: str, exercises: tuple[str, ...] | None = None):
    layout = load_layout(name)
    if exercises is None:
        return layout
    options = replace(of_kind(layout.options, Options), exercises=exercises)
    return replace(layout, options=options)


@pytest.mark.parametrize(
    ("name", "exercises", "says"),
    [
        ("worksheet", None, ("M1, M2", "O1, O2")),
        ("worksheet-stretch", None, ("O1, O2",)),
        ("worksheet", ("gap_fill", "matching", "extended"), ("M1, M2",)),
    ],
)
def test_the_legend_explains_only_the_columns_the_grid_has(name, exercises, says):
    # The stretch tier has no matching exercise: its grid's legend spoke of M1, M2, …
    layout = _layout(name, exercises)
    labels = load_labels("en-GB")
    grid = marking_grid(load_source(THAW), layout, STUDENTS, labels)
    assert grid is not None
    prefixes = {heading.rstrip("0123456789") for heading in grid.columns}
    assert prefixes == {say[0] for say in says}
    with pdfplumber.open(io.BytesIO(grid_pdf(grid, labels, A4))) as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    for say in ("M1, M2", "O1, O2"):
        assert (say in text) == (say in says), (say, text)


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "cy"])
def test_every_label_set_has_each_legend(language):
    labels = load_labels(language)
    both = labels("marking.legend")
    match, order = labels("marking.legend_match"), labels("marking.legend_order")
    assert match.split(":")[0].split()[0] in both and order.split(":")[0].split()[0] in both
    assert match != order


def test_the_grid_stays_inside_the_margins_and_each_heading_inside_its_cell():
    # The thaw's 17 columns ran about 2 mm past each margin, and 'O10' touched its
    # cell's rules.
    from revpack.writers.pdf.marking_grid import MARGIN

    labels = load_labels("en-GB")
    students = [(f"Student {n}", n) for n in range(1, 6)]
    grid = marking_grid(load_source(THAW), load_layout("worksheet"), students, labels)
    assert grid is not None and len(grid.columns) == 17
    with pdfplumber.open(io.BytesIO(grid_pdf(grid, labels, A4))) as pdf:
        page = pdf.pages[0]
        edges = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
        assert edges[0] >= MARGIN - 0.5 and edges[-1] <= page.width - MARGIN + 0.5, edges
        headings = [w for w in page.extract_words() if w["text"] in grid.columns]
        assert len(headings) == 17
        for word in headings:
            left = max(e for e in edges if e <= word["x0"])
            right = min(e for e in edges if e >= word["x1"])
            assert word["x0"] - left >= 1 and right - word["x1"] >= 1, (word["text"], left, right)


def test_the_grids_font_subsets_are_named_by_what_they_hold():
    # The grid's subsets were all 'AAAAAA+DejaVuSans': beside the keys in a class's
    # answers PDF, different subsets of one name (each subset's tag must be its own).
    labels = load_labels("en")
    names = set()
    for students in ([("Amira Khan", 1), ("Ben Ot", 2)], [("Żaneta Ōkubo", 3), ("Q. Vo", 4)]):
        grid = marking_grid(load_source(THAW), load_layout("worksheet"), students, labels)
        assert grid is not None
        with pikepdf.open(io.BytesIO(grid_pdf(grid, labels, A4))) as pdf:
            for font in pdf.pages[0].resources.Font.values():
                names.add(str(font.BaseFont))
    # (The names are bold: two different bold subsets; the regular ones hold the same.)
    assert len([name for name in names if name.endswith("-Bold")]) == 2
    assert all(re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", name) for name in names)
    assert not any(name.startswith("/AAAAAA+") for name in names)


def test_a_long_name_wraps_in_its_column_and_never_runs_over_the_letters():
    # 'Ana María de los Ángeles Fernández de Córdoba…' lay over the columns M1 to O5.
    labels = load_labels("en")
    names = [
        ("Ana María de los Ángeles Fernández de Córdoba y Mendoza-Figueroa", 1),
        ("Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft", 2),
        ("Li", 3),
    ]
    grid = marking_grid(load_source(THAW), load_layout("worksheet"), names, labels)
    assert grid is not None
    with pdfplumber.open(io.BytesIO(grid_pdf(grid, labels, A4))) as pdf:
        page = pdf.pages[0]
        first = min(w["x0"] for w in page.extract_words() if w["text"] == grid.columns[0])
        name_chars = [c for c in page.chars if c["fontname"].endswith("Bold") and c["top"] > 90]
        text = page.extract_text()
    assert name_chars and max(c["x1"] for c in name_chars if c["x0"] < first) < first
    squeezed = "".join(text.split())
    for name, _ in names:
        assert "".join(name.split()) in squeezed.replace("-", "") or name[:20] in text
