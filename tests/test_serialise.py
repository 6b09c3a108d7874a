"""A document written out by revpack.writers.pdf.serialise: the bytes reportlab writes."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from helpers import DATA, THAW
from revpack import fonts
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.memo import clear_all
from revpack.model import Audience
from revpack.writers import render
from revpack.writers.pdf import chart, serialise, summary


def _drawn(buffer: io.BytesIO, pages: int) -> Canvas:
    fonts.register(italic=True)
    canvas = Canvas(buffer, pagesize=(400, 300), invariant=1, pageCompression=1, lang="en-GB")
    canvas.setTitle("Title (with brackets) and ü")
    canvas.setAuthor("Zoë")
    canvas.setKeywords("a, b")
    image = ImageReader(str(DATA / "images" / "diagrams" / "leaf.png"))
    for number in range(pages):
        canvas.setFillColor(HexColor("#1F4E79"))
        canvas.rect(10, 10, 100, 50, stroke=1, fill=1)
        for row, face in enumerate(sorted(set(fonts.FACES.values()))):
            canvas.setFont(face, 11)
            canvas.drawString(20, 200 - row * 14, f"Page {number + 1}: ünïcode ΩŊ (x) \\ {face}")
        canvas.drawImage(image, 200, 100, width=40, height=30)
        canvas.showPage()
    return canvas


def test_a_document_is_written_as_reportlab_writes_it():
    for pages in (1, 3):
        theirs, ours = io.BytesIO(), io.BytesIO()
        _drawn(theirs, pages).save()
        serialise.save(_drawn(ours, pages))
        assert ours.getvalue() == theirs.getvalue()
        assert ours.getvalue().startswith(b"%PDF-1.")


@pytest.mark.parametrize(
    ("module", "layout", "source"),
    [
        (summary, "summary", THAW),
        (summary, "summary-large-print", THAW),
        (summary, "summary", DATA / "images" / "photosynthesis.yaml"),
        (chart, "factor-chart", THAW),
        (chart, "factor-chart-blank", THAW),
    ],
)
def test_summaries_and_charts_are_written_as_reportlab_writes_them(
    module, layout, source, monkeypatch
):
    audience = Audience(class_name="11C", teacher="Mr Ŵ", seed=2)
    clear_all()
    ours = render(load_source(source), load_layout(layout), audience, "pdf")[0].data
    monkeypatch.setattr(module, "save", Canvas.save)
    clear_all()
    theirs = render(load_source(source), load_layout(layout), audience, "pdf")[0].data
    assert ours == theirs
