"""The worksheet's own page filler (revpack.writers.pdf.worksheet_pages) against reportlab's
document template with one frame a page: the same pages, byte for byte, in every tier,
for sheets and keys whose groups, tables and lines break across pages."""

from __future__ import annotations

from functools import partial

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from helpers import DATA, THAW, pdftotext, qpdf_check
from revpack.labels import load_labels
from revpack.loading.layouts import Layout, load_layout
from revpack.loading.source import load_source
from revpack.memo import clear_all
from revpack.model import Audience
from revpack.worksheet.assemble import assemble
from revpack.writers import render
from revpack.writers.pdf.text import paint_paper
from revpack.writers.pdf.worksheet import _fill, _write
from revpack.writers.pdf.worksheet_grid import Together
from revpack.writers.pdf.worksheet_lines import Widths
from revpack.writers.pdf.worksheet_pages import Laid

SOURCES = (THAW, *(DATA / "worksheet" / f"{n}.yaml" for n in ("chemistry", "markup", "russia")))


def _template(canvas: Canvas, story: list[Flowable], layout: Layout, widths: Widths) -> Laid:
    """reportlab's document template, as the worksheet used it before it had its own (its
    pages not measured)."""
    page = layout.page
    template = BaseDocTemplate(
        canvas._filename,
        pagesize=(page.width, page.height),
        leftMargin=page.margin,
        rightMargin=page.margin,
        topMargin=page.margin,
        bottomMargin=page.margin,
    )
    frame = Frame(
        page.margin,
        page.margin,
        page.width - 2 * page.margin,
        page.height - 2 * page.margin,
        0,
        0,
        0,
        0,
    )
    template.keepTogetherClass = partial(Together, frame_height=frame.height)
    template.addPageTemplates(
        [PageTemplate("page", [frame], onPage=lambda c, d: paint_paper(c, layout))]
    )
    template._makeCanvas = lambda filename=None, canvasmaker=None: canvas
    canvas.save = lambda: None  # (the template saves its canvas; the writer does that)
    template.build(story)
    del canvas.save
    return Laid(0, 0.0)


@pytest.mark.parametrize("tier", ["worksheet", "worksheet-support", "worksheet-stretch"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_the_pages_are_those_reportlabs_template_makes(path, tier):
    source, layout = load_source(path), load_layout(tier)
    labels = load_labels(source.language, layout.labels)
    for seed in (1, 2):
        made = assemble(source, layout, Audience("10B", "Ms Khan", seed=seed), labels)
        for document in filter(None, (made.sheet, made.key)):
            clear_all()
            ours = _write(document, layout, None, _fill)
            clear_all()
            theirs = _write(document, layout, None, _template)
            assert ours == theirs


def test_a_ranking_table_of_twelve_factors_lays_out_with_its_heading(tmp_path):
    # The support tier's ranking table of twelve factors, with its heading and
    # instructions, is about as tall as a page: reportlab's template stopped here with a
    # LayoutError when it could not start under the gap fill's end (that case, built
    # directly: test_worksheet_breaks).
    source = load_source(DATA / "chart" / "twelve-crowded.yaml")
    outputs = render(source, load_layout("worksheet-support"), Audience(seed=6), "pdf")
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(outputs[0].data)
    qpdf_check(sheet)
    pages = pdftotext(sheet).split("\f")[:-1]
    ranking = next(i for i, text in enumerate(pages) if "Rank the factors" in text)
    # The heading has its instructions and the table's first rows on its page.
    body = [line.strip() for line in pages[ranking].splitlines() if line.strip()]
    heading = next(i for i, line in enumerate(body) if line.startswith("2. Rank the factors"))
    assert body[heading + 1].startswith("Rank the factors from 1")
    assert "Barbarian invasions" in pages[ranking]
    assert "The last emperor" in pages[ranking + 1]  # the table goes on over the page
