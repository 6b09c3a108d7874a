"""A class's print PDF: a cover page with the contents, then every document in order,
each under its own bookmark (and, for duplex printing, on a right-hand page)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts

DEFAULT_LANGUAGE = "en-GB"
"""The print PDF's language when its documents declare none."""


@dataclass(frozen=True)
class Document:
    """One entry of a print PDF."""

    title: str
    """What the contents list and the bookmark call it."""
    pdf: Path | bytes
    """The PDF to include: a file, or the bytes of one made for the print PDF alone."""


@dataclass(frozen=True)
class Cover:
    """What a print PDF's cover says."""

    title: str
    """The pack's name (the print PDF's title too)."""
    who: str
    """The class and teacher line."""
    contents: str
    """The heading over the contents list."""
    date: str | None = None
    """The printed date, or None."""
    author: str = "revpack"
    """The teacher, for the metadata."""


def combine(cover: Cover, documents: list[Document], duplex: bool = False) -> bytes:
    """The cover page followed by every document's pages, as PDF bytes; with `duplex`,
    blank pages so that every document starts on an odd (right-hand) page."""
    readers = [
        PdfReader(io.BytesIO(d.pdf) if isinstance(d.pdf, bytes) else d.pdf) for d in documents
    ]
    size = page_size(readers[0]) if readers else (595.28, 841.89)
    starts = _starts(readers, 1, duplex)
    front = PdfReader(io.BytesIO(_cover(cover, documents, starts, size)))
    if len(front.pages) > 1:  # a long contents list: the documents start later
        starts = _starts(readers, len(front.pages), duplex)
        front = PdfReader(io.BytesIO(_cover(cover, documents, starts, size)))
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    for document, reader, start in zip(documents, readers, starts, strict=True):
        while len(writer.pages) < start - 1:  # a blank back for duplex printing
            writer.add_blank_page(*page_size(reader))
        writer.append(reader, outline_item=document.title, import_outline=False)
    _number_pages(writer, len(front.pages))
    writer.add_metadata(
        {
            "/Title": cover.title,
            "/Author": cover.author,
            "/Subject": cover.who,
            "/Creator": "revpack",
            "/Producer": "revpack",
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(_language(readers))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _number_pages(writer: PdfWriter, cover_pages: int) -> None:
    """The print PDF's own page number, small, at the foot of every page after the cover,
    so that the numbers in the contents are the ones printed on the pages (each document
    keeps its own 'Page N of M' beside it)."""
    fonts.register(italic=False)
    face = fonts.FACES[False, False]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=face, initialFontSize=8)
    numbered = range(cover_pages, len(writer.pages))
    for index in numbered:
        width, height = (float(v) for v in writer.pages[index].mediabox[2:])
        canvas.setPageSize((width, height))
        canvas.setFillColor(HexColor("#6B6B6B"))
        canvas.setFont(face, 8)
        canvas.drawCentredString(width / 2, 10, f"– {index + 1} –")
        canvas.showPage()
    canvas.save()
    stamps = PdfReader(io.BytesIO(buffer.getvalue()))
    for index, stamp in zip(numbered, stamps.pages, strict=True):
        writer.pages[index].merge_page(stamp)


def _starts(readers: list[PdfReader], cover_pages: int, duplex: bool) -> list[int]:
    """The page (from 1) each document starts on."""
    starts, page = [], cover_pages + 1
    for reader in readers:
        if duplex and page % 2 == 0:
            page += 1
        starts.append(page)
        page += len(reader.pages)
    return starts


def page_size(reader: PdfReader) -> tuple[float, float]:
    """The size of a PDF's first page, in points."""
    box = reader.pages[0].mediabox
    return float(box.width), float(box.height)


def _language(readers: list[PdfReader]) -> str:
    for reader in readers:
        language = reader.trailer["/Root"].get("/Lang")
        if language:
            return str(language)
    return DEFAULT_LANGUAGE


def _cover(
    cover: Cover, documents: list[Document], starts: list[int], size: tuple[float, float]
) -> bytes:
    fonts.register(italic=False)
    buffer = io.BytesIO()
    regular, bold = fonts.FACES[False, False], fonts.FACES[True, False]
    # reportlab starts every page in Helvetica, which it never embeds: start in DejaVu.
    canvas = Canvas(buffer, pagesize=size, invariant=1, initialFontName=regular, initialFontSize=12)
    canvas.setTitle(cover.title)
    canvas.setAuthor(cover.author)
    width, height = size
    left = min(60.0, width * 0.1)
    y = height - min(110.0, height * 0.13)
    canvas.setFillColor(HexColor("#1F4E79"))
    y = _lines(canvas, cover.title, left, y, width - 2 * left, bold, 26, 32)
    canvas.setFillColor(HexColor("#1A1A1A"))
    _lines(canvas, cover.who, left, y - 14, width - 2 * left, regular, 16, 20)
    if cover.date:
        _lines(canvas, cover.date, left, y - 34, width - 2 * left, regular, 11, 14)
    y -= 80
    _lines(canvas, cover.contents, left, y, width - 2 * left, bold, 14, 18)
    y -= 26
    for document, start in zip(documents, starts, strict=True):
        y = _lines(
            canvas, document.title, left, y, width - 2 * left - 50, regular, 12, 16, page=str(start)
        )
        y -= 6
        if y < 80:  # a very long contents list continues on a second cover page
            canvas.showPage()
            canvas.setFillColor(HexColor("#1A1A1A"))
            y = height - 80
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _lines(canvas, text, x, y, width, face, size, leading, page: str | None = None) -> float:
    lines = simpleSplit(text, face, size, width)
    for index, line in enumerate(lines):
        _draw(canvas, line, x, y, face, size)
        if page and index == len(lines) - 1:
            _draw(canvas, page, x + width + 50 - stringWidth(page, face, size), y, face, size)
        y -= leading
    return y


def _draw(canvas, text: str, x: float, y: float, face: str, size: float) -> None:
    """`text` in `face`, or in the regular face for the characters `face` lacks."""
    bold = fonts.STYLES[face][0]
    for chunk, chosen in fonts.runs(text, bold, False):
        canvas.setFont(chosen, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, chosen, size)
