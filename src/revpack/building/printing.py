"""A class's print PDF: a cover page with the contents, then every document in order,
each under its own bookmark (and, for duplex printing, on a right-hand page)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.building.print_contents import Cover, Document
from revpack.memo import Memo
from revpack.render.pdf.subsets import embed, faces_of, reserve

DIGITS = "0123456789"
"""Page numbers in the contents."""
DEFAULT_LANGUAGE = "en-GB"
"""The print PDF's language when its documents declare none."""


def combine(cover: Cover, documents: list[Document], duplex: bool = False) -> bytes:
    """The cover page followed by every document's pages, as PDF bytes; with `duplex`,
    blank pages so that every document starts on an odd (right-hand) page.

    pikepdf (qpdf) joins the pages: it copies each document's objects without parsing
    their content streams, several times faster than doing the same in Python."""
    sources = [_open(d.pdf) for d in documents]
    size = page_size(sources[0]) if sources else (595.28, 841.89)
    starts = _starts(sources, 1, duplex)
    # The cover's own file, to which every document's pages are added.
    joined = pikepdf.open(io.BytesIO(_cover(cover, documents, starts, size)))
    if len(joined.pages) > 1:  # a long contents list: the documents start later
        starts = _starts(sources, len(joined.pages), duplex)
        joined = pikepdf.open(io.BytesIO(_cover(cover, documents, starts, size)))
    cover_pages = len(joined.pages)
    with joined.open_outline() as outline:
        for document, source, start in zip(documents, sources, starts, strict=True):
            while len(joined.pages) < start - 1:  # a blank back for duplex printing
                joined.add_blank_page(page_size=page_size(source))
            joined.pages.extend(source.pages)
            outline.root.append(pikepdf.OutlineItem(document.title, start - 1))
    _number_pages(joined, cover_pages)
    with joined.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = cover.title
    joined.docinfo = joined.make_indirect(
        pikepdf.Dictionary(
            Title=pikepdf.String(cover.title),
            Author=pikepdf.String(cover.author),
            Subject=pikepdf.String(cover.who),
            Creator=pikepdf.String("revpack"),
            Producer=pikepdf.String("revpack"),
        )
    )
    joined.Root.Lang = pikepdf.String(_language(sources))
    buffer = io.BytesIO()
    joined.save(
        buffer,
        static_id=True,
        # The documents' streams are copied as they come (already compressed): asking
        # qpdf to compress streams as well takes 5 times as long for 3% fewer bytes.
        compress_streams=False,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return buffer.getvalue()


def _open(pdf: Path | bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def _number_pages(joined: pikepdf.Pdf, cover_pages: int) -> None:
    """The print PDF's own page number, small, at the foot of every page after the cover,
    so that the numbers in the contents are the ones printed on the pages (each document
    keeps its own 'Page N of M' beside it)."""
    numbered = range(cover_pages, len(joined.pages))
    sizes = tuple((index, *page_size_of(joined.pages[index])) for index in numbered)
    stamps = pikepdf.open(io.BytesIO(STAMPS.get(sizes, lambda: _stamps(sizes))))
    for index, stamp in zip(numbered, stamps.pages, strict=True):
        _overlay(joined, joined.pages[index], stamp)


STAMPS = Memo("page number stamps", 16)
"""Per tuple of (page index, width, height): a PDF of the page numbers alone (a pack's
classes mostly have print PDFs of the same pages)."""


def _stamps(sizes: tuple[tuple[int, float, float], ...]) -> bytes:
    fonts.register(italic=False)
    face = fonts.FACES[False, False]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=face, initialFontSize=8)
    for index, width, height in sizes:
        canvas.setPageSize((width, height))
        canvas.setFillColor(HexColor("#6B6B6B"))
        canvas.setFont(face, 8)
        canvas.drawCentredString(width / 2, 10, f"– {index + 1} –")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


STAMP = pikepdf.Name("/RevpackPageNumber")
"""The page number's resource name (add_overlay picks a random one: not reproducible)."""


def _overlay(joined: pikepdf.Pdf, page: pikepdf.Page, stamp: pikepdf.Page) -> None:
    """Draw `stamp` over `page`, both the same size, under a fixed resource name."""
    form = joined.copy_foreign(stamp.as_form_xobject())
    page.add_resource(form, pikepdf.Name.XObject, name=STAMP)
    page.contents_add(pikepdf.Stream(joined, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(joined, b"\nQ q " + bytes(STAMP) + b" Do Q\n"))


def _starts(sources: list[pikepdf.Pdf], cover_pages: int, duplex: bool) -> list[int]:
    """The page (from 1) each document starts on."""
    starts, page = [], cover_pages + 1
    for source in sources:
        if duplex and page % 2 == 0:
            page += 1
        starts.append(page)
        page += len(source.pages)
    return starts


def page_size(pdf: pikepdf.Pdf | Path) -> tuple[float, float]:
    """The size of a PDF's first page, in points."""
    if isinstance(pdf, Path):
        with pikepdf.open(pdf) as opened:
            return page_size_of(opened.pages[0])
    return page_size_of(pdf.pages[0])


def page_size_of(page: pikepdf.Page) -> tuple[float, float]:
    """The size of one page, in points."""
    box = page.mediabox
    return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])


def _language(sources: list[pikepdf.Pdf]) -> str:
    for source in sources:
        language = source.Root.get("/Lang")
        if language is not None and str(language):
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
    # The same characters in the same order class after class, so that the subsets of the
    # font files are made once (the class's own line is numbered as it is drawn).
    faces = faces_of([cover.title, cover.contents], [(True, False)])
    for face, chars in faces_of([d.title for d in documents] + [DIGITS], [(False, False)]).items():
        faces.setdefault(face, set()).update(chars)
    reserve(canvas._doc, faces)
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
    embed(canvas._doc)
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
