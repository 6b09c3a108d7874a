"""Parts of a page drawn once and written again (revpack.writers.pdf.replay): a pack's
summaries and charts are the bytes each class's sheet has when it is drawn afresh."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from helpers import DATA, THAW
from revpack import fonts
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.memo import Memo, clear_all
from revpack.model import Audience
from revpack.writers import render
from revpack.writers.pdf import chart, summary
from revpack.writers.pdf.replay import Drawing, draw_once
from revpack.writers.pdf.subsets import faces_of, reserve

CLASSES = (
    ("10A", "Ms Q. Zed"),
    ("11B", "Mr Smith"),
    ("7Ω", "Dr Ŋoa Øster-Ålund"),  # characters the sheet's text never has
    ("12C", "Mr Smith"),
    ("13D", "Professor Bartholomew Featherstonehaugh-Cholmondeley of the Upper Sixth"),
)
"""Class lines that differ in their characters, length and the header's height."""


def _pdf(layout: str, source, audience: Audience) -> bytes:
    return render(source, load_layout(layout), audience, format="pdf")[0].data


@pytest.mark.parametrize(
    ("layout", "drawn"),
    [
        ("summary", summary.DRAWN),
        ("summary-large-print", summary.DRAWN),
        ("factor-chart", chart.DRAWN),
    ],
)
def test_a_pack_writes_the_bytes_each_sheet_has_when_drawn_afresh(layout, drawn):
    source = load_source(THAW)
    clear_all()
    in_a_pack = [_pdf(layout, source, Audience(class_name=c, teacher=t)) for c, t in CLASSES]
    assert any(isinstance(d, Drawing) for d in drawn.table.values()), "nothing was reused"
    alone = []
    for class_name, teacher in CLASSES:
        clear_all()  # each drawn afresh, as the first document of a process
        alone.append(_pdf(layout, source, Audience(class_name=class_name, teacher=teacher)))
    assert in_a_pack == alone
    for data, (class_name, teacher) in zip(in_a_pack, CLASSES, strict=True):
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert class_name in text and "Thaw" in text
        assert teacher.split()[-1].split("-")[0] in text


def test_a_summary_with_pictures_is_drawn_every_time():
    source = load_source(DATA / "images" / "photosynthesis.yaml")
    clear_all()
    first = _pdf("summary", source, Audience(class_name="9X"))
    second = _pdf("summary", source, Audience(class_name="9Y"))
    # Pictures are objects of the document: the body that draws them is never reused.
    assert not any(isinstance(d, Drawing) for d in summary.DRAWN.table.values())
    clear_all()
    assert _pdf("summary", source, Audience(class_name="9Y")) == second
    assert len(PdfReader(io.BytesIO(first)).pages[0].images) >= 1


def _canvas() -> tuple[Canvas, io.BytesIO]:
    fonts.register(italic=False)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=fonts.FACES[False, False])
    return canvas, buffer


def _saved(canvas: Canvas, buffer: io.BytesIO) -> bytes:
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_part_is_written_again_only_into_the_setting_it_was_drawn_in():
    memo: Memo[Drawing | None] = Memo("test drawings", 4)
    calls: list[str] = []

    def part(canvas: Canvas, name: str) -> None:
        calls.append(name)
        canvas.setFont(fonts.FACES[True, False], 14)
        canvas.drawString(72, 700, "Détente")

    outputs = []
    for name, colour in (("first", "#FF0000"), ("second", "#FF0000"), ("third", "#0000FF")):
        canvas, buffer = _canvas()
        # Numbered up front, as a sheet's characters are: the part numbers none itself.
        reserve(canvas._doc, faces_of(["Détente after"], [(False, False), (True, False)]))
        canvas.setFillColor(colour)
        draw_once(canvas, memo, "part", lambda canvas=canvas, name=name: part(canvas, name))
        canvas.drawString(72, 600, "after")  # goes on from the state the part left
        outputs.append(_saved(canvas, buffer))
    # The second canvas is as the first was: its part is written, not drawn. The third
    # starts in another colour, so its part is drawn.
    assert calls == ["first", "third"]
    assert outputs[0] == outputs[1]
    assert outputs[2] != outputs[0]
    reader = PdfReader(io.BytesIO(outputs[1]))
    assert "Détente" in reader.pages[0].extract_text()


def test_a_part_whose_characters_were_numbered_differently_is_drawn_again():
    memo: Memo[Drawing | None] = Memo("test drawings", 4)
    calls: list[str] = []

    def part(canvas: Canvas) -> None:
        calls.append("drawn")
        canvas.drawString(72, 700, "àéü")

    canvas, buffer = _canvas()
    canvas.drawString(72, 650, "éàü")  # numbers é, à, ü in that order
    draw_once(canvas, memo, "part", lambda: part(canvas))
    first = _saved(canvas, buffer)
    canvas, buffer = _canvas()
    canvas.drawString(72, 650, "üàé")  # the same characters, other codes
    draw_once(canvas, memo, "part", lambda: part(canvas))
    second = _saved(canvas, buffer)
    assert calls == ["drawn", "drawn"]
    for data in (first, second):
        assert "àéü" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_a_part_that_numbers_new_characters_or_sets_transparency_is_not_kept():
    memo: Memo[Drawing | None] = Memo("test drawings", 4)
    canvas, _ = _canvas()
    draw_once(canvas, memo, "new", lambda: canvas.drawString(72, 700, "Ωmega"))
    canvas.setFillAlpha(0.5)
    draw_once(canvas, memo, "alpha", lambda: canvas.drawString(72, 500, "Ωmega"))
    assert memo.table == {}
