"""A document written out by revpack.render.pdf.serialise: the bytes reportlab writes."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from helpers import DATA
from revpack import fonts
from revpack.render.pdf import serialise


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
