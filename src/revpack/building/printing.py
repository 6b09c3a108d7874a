"""A class's print PDF: a cover page with the contents, then every document in order,
each under its own bookmark (and, for duplex printing, on a right-hand page).

A pack makes two of these per class, each the same but for the class's own documents and
the cover's class line, so what repeats is made once per process (in memo tables): the
cover's file, whose fonts only change when its characters do (each cover gets its own
page contents), and the page-number stamps for a run of page sizes."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Name
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.building.print_contents import Cover, Document
from revpack.memo import Memo
from revpack.render.pdf.subsets import embed, faces_of, reserve

DIGITS = "0123456789"
"""Page numbers in the contents."""
DEFAULT_LANGUAGE = "en-GB"
"""The print PDF's language when its documents declare none."""
A4 = (595.28, 841.89)
"""The cover's size when there are no documents to take it from."""


def combine(cover: Cover, documents: list[Document], duplex: bool = False) -> bytes:
    """The cover page followed by every document's pages, as PDF bytes; with `duplex`,
    blank pages so that every document starts on an odd (right-hand) page.

    pikepdf (qpdf) joins the pages: it copies each document's objects without parsing
    their content streams, several times faster than doing the same in Python."""
    opened: dict[Path | bytes, pikepdf.Pdf] = {}
    for document in documents:  # a document listed again (a student's set) is opened once
        if document.pdf not in opened:
            opened[document.pdf] = _open(document.pdf)
    sources = [opened[d.pdf] for d in documents]
    size = page_size(sources[0]) if sources else A4
    starts = _starts(sources, 1, duplex)
    drawn = _cover(cover, documents, starts, size)
    if len(drawn.pages) > 1:  # a long contents list: the documents start later
        starts = _starts(sources, len(drawn.pages), duplex)
        drawn = _cover(cover, documents, starts, size)
    # The cover's own file, to which every document's pages are added.
    joined = drawn.open()
    cover_pages = len(joined.pages)
    for source, start in zip(sources, starts, strict=True):
        while len(joined.pages) < start - 1:  # a blank back for duplex printing
            joined.add_blank_page(page_size=page_size(source))
        joined.pages.extend(source.pages)
    _bookmark(joined, [d.title for d in documents], starts)
    _number_pages(joined, cover_pages)
    joined.Root.Metadata = joined.make_stream(
        xmp(cover.title), Type=Name.Metadata, Subtype=Name.XML
    )
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
        # The metadata says no PDF version for qpdf to update (it would parse it again).
        fix_metadata_version=False,
    )
    return buffer.getvalue()


def _open(pdf: Path | bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def _bookmark(joined: pikepdf.Pdf, titles: list[str], starts: list[int]) -> None:
    """A top-level bookmark per document, to the page it starts on."""
    if not titles:
        return
    outlines = joined.make_indirect(pikepdf.Dictionary(Type=Name.Outlines, Count=len(titles)))
    items = [
        joined.make_indirect(
            pikepdf.Dictionary(
                Title=pikepdf.String(title),
                Parent=outlines,
                Dest=pikepdf.Array([joined.pages[start - 1].obj, Name.Fit]),
            )
        )
        for title, start in zip(titles, starts, strict=True)
    ]
    for before, after in pairwise(items):
        before.Next, after.Prev = after, before
    outlines.First, outlines.Last = items[0], items[-1]
    joined.Root.Outlines = outlines


XMP_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 does not allow (left out of the metadata)."""


def xmp(title: str) -> bytes:
    """The print PDF's XMP metadata, which gives its title (dc:title): the packet pikepdf
    writes for it, written here without parsing and serialising an XML tree."""
    text = escape(XMP_ILLEGAL.sub("", title)).replace("\r", "&#13;")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="pikepdf">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        ' <rdf:Description rdf:about=""><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<rdf:Alt><rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt></dc:title>'
        "</rdf:Description></rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '\n<?xpacket end="w"?>\n'
    ).encode()


def _number_pages(joined: pikepdf.Pdf, cover_pages: int) -> None:
    """The print PDF's own page number, small, at the foot of every page after the cover,
    so that the numbers in the contents are the ones printed on the pages (each document
    keeps its own 'Page N of M' beside it)."""
    numbered = range(cover_pages, len(joined.pages))
    sizes = tuple((index, *page_size_of(joined.pages[index])) for index in numbered)
    if not sizes:
        return
    stamps = STAMPS.get(sizes, lambda: _stamps(sizes))
    forms = joined.copy_foreign(stamps.forms)  # the stamps' font once, with all of them
    # Every page draws its stamp under the same name: they share these two streams.
    before = joined.make_stream(b"q\n")
    after = joined.make_stream(b"\nQ q " + bytes(STAMP) + b" Do Q\n")
    for index, form in zip(numbered, forms, strict=True):
        page = joined.pages[index]
        page.add_resource(form, Name.XObject, name=STAMP)
        page.contents_add(before, prepend=True)
        page.contents_add(after)


@dataclass(frozen=True)
class Stamps:
    """The page numbers of a run of pages, each a form to draw over its page."""

    pdf: pikepdf.Pdf
    """The PDF of the page numbers alone, a page each."""
    forms: pikepdf.Array
    """Its pages as form XObjects, in order (one object of `pdf`, copied in one go)."""


STAMPS: Memo[Stamps] = Memo("page number stamps", 16)
"""Per tuple of (page index, width, height): the page numbers (a pack's classes mostly
have print PDFs of the same pages)."""


def _stamps(sizes: tuple[tuple[int, float, float], ...]) -> Stamps:
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
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    forms = pdf.make_indirect(pikepdf.Array([page.as_form_xobject() for page in pdf.pages]))
    return Stamps(pdf, forms)


STAMP = Name("/RevpackPageNumber")
"""The page number's resource name (add_overlay picks a random one: not reproducible)."""


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


@dataclass(frozen=True)
class DrawnCover:
    """A cover, drawn."""

    fonts: pikepdf.Pdf
    """A PDF of as many pages as the cover, with its fonts in their resources and no
    contents (shared by the covers of the same size with the same fonts)."""
    pages: tuple[bytes, ...]
    """This cover's pages' contents (compressed, as reportlab writes them)."""

    def open(self) -> pikepdf.Pdf:
        """A new PDF of the cover's pages."""
        joined = pikepdf.new()
        joined.pages.extend(self.fonts.pages)
        for page, contents in zip(joined.pages, self.pages, strict=True):
            page.obj.Contents = joined.make_stream(contents, Filter=Name.FlateDecode)
        return joined


COVERS: Memo[pikepdf.Pdf] = Memo("print PDF cover files", 16)
"""Per page size, page count and fonts (each one's name, characters and their codes):
a cover's pages as reportlab saves them, without their contents. A pack's covers differ
only in what their pages draw (the class line), which each cover adds to a copy."""


def _cover(
    cover: Cover, documents: list[Document], starts: list[int], size: tuple[float, float]
) -> DrawnCover:
    fonts.register(italic=False)
    regular, bold = fonts.FACES[False, False], fonts.FACES[True, False]
    # reportlab starts every page in Helvetica, which it never embeds: start in DejaVu.
    canvas = Canvas(None, pagesize=size, invariant=1, initialFontName=regular, initialFontSize=12)
    # The same characters in the same order class after class, so that the subsets of the
    # font files are made once (the class's own line is numbered as it is drawn).
    faces = faces_of([cover.title, cover.contents], [(True, False)])
    for face, chars in faces_of([d.title for d in documents] + [DIGITS], [(False, False)]).items():
        faces.setdefault(face, set()).update(chars)
    reserve(canvas._doc, faces)
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
    drawn = canvas._doc.Pages.pages
    pages = tuple(zlib.compress(page.stream.encode("utf-8")) for page in drawn)
    key = (size, len(pages), _fonts(canvas))
    return DrawnCover(COVERS.get(key, lambda: _saved(canvas)), pages)


def _fonts(canvas: Canvas) -> Hashable:
    """What a cover's font objects are made of: each font's name in the document and,
    for a TrueType font, its subsets' characters in code order."""
    document = canvas._doc
    subsets = []
    for font in document.delayedFonts:
        if isinstance(font, TTFont):
            state = font.state[document]
            subsets.append((font.fontName, tuple(tuple(subset) for subset in state.subsets)))
    return tuple(document.fontMapping.items()), tuple(subsets)


def _saved(canvas: Canvas) -> pikepdf.Pdf:
    """The canvas's pages, their fonts' files from the memo tables, without contents."""
    embed(canvas._doc)
    saved = pikepdf.open(io.BytesIO(canvas.getpdfdata()))
    for page in saved.pages:
        del page.obj.Contents
    return saved


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
