"""A class's print PDF: a cover page with the contents, then every document in order,
each under its own bookmark (and, for duplex printing, on a right-hand page).

Every page after the cover carries the print PDF's own page number, in the cover's font.
A pack makes two of these per class, the same but for the class's documents and the
cover's class line: the cover's fonts are made once (revpack.building.print_cover), and
each document is copied as it is, without parsing its pages."""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from html import escape
from itertools import pairwise
from pathlib import Path

import pikepdf
from pikepdf import Name

from revpack.building.print_contents import Cover, Document
from revpack.building.print_cover import DrawnCover, draw_cover
from revpack.loading.layouts import PAPER


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
    size = page_size(sources[0]) if sources else PAPER["A4"]  # (no document to go by)
    starts = _starts(sources, 1, duplex)
    drawn = draw_cover(cover, documents, starts, size)
    if len(drawn.pages) > 1:  # a long contents list: the documents start later
        starts = _starts(sources, len(drawn.pages), duplex)
        drawn = draw_cover(cover, documents, starts, size)
    # A new PDF of the cover's pages, to which every document's pages are added.
    joined = drawn.open()
    cover_pages = len(joined.pages)
    for source, start in zip(sources, starts, strict=True):
        while len(joined.pages) < start - 1:  # a blank back for duplex printing
            # (as the page it backs: a portrait sheet's back before a landscape chart
            # was landscape, and its page number printed along the long edge)
            joined.add_blank_page(page_size=page_size_of(joined.pages[-1]))
        joined.pages.extend(source.pages)
    _bookmark(joined, [d.title for d in documents], starts)
    _number_pages(joined, drawn, cover_pages)
    # (the class in the title too: a print queue or a viewer's title bar showed eight
    # classes' PDFs by one name, the pack's)
    title = f"{cover.title} · {cover.who}" if cover.who else cover.title
    joined.Root.Metadata = joined.make_stream(xmp(title), Type=Name.Metadata, Subtype=Name.XML)
    joined.docinfo = joined.make_indirect(
        pikepdf.Dictionary(
            Title=pikepdf.String(title),
            Author=pikepdf.String(cover.author),
            Subject=pikepdf.String(cover.who),
            Creator=pikepdf.String("revpack"),
            Producer=pikepdf.String("revpack"),
        )
    )
    language = print_language(cover, cover_pages, sources)
    if language is not None:  # (none rather than a wrong one)
        joined.Root.Lang = pikepdf.String(language)
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


class Unprintable(ValueError):
    """A document of the class that cannot be joined into its print PDF, said so that a
    teacher can act."""


def _open(pdf: Path | bytes) -> pikepdf.Pdf:
    """A document's PDF: its bytes, or the regular file `pdf` (never a symbolic link's
    target, which may be outside the output folder)."""
    if isinstance(pdf, bytes):
        return pikepdf.open(io.BytesIO(pdf))
    try:
        handle = os.open(pdf, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise Unprintable(f"{pdf} is not a file; delete it, then build again")
            data = file.read()
    except OSError as exc:
        why = "a symbolic link" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        raise Unprintable(f"cannot read {pdf}: {why}; delete it, then build again") from None
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        what = "empty" if not data else f"{len(data):,} bytes"
        raise Unprintable(
            f"{pdf} is not a PDF that can be read ({what}); delete it or build with "
            "--force to make it again"
        ) from None


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


XMP_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 does not allow (left out of the metadata): all but tab, line feed,
carriage return, U+0020-D7FF, U+E000-FFFD and U+10000-10FFFF. (Written as the few it
leaves out, which compiles in a tenth of the time of the many it allows.)"""


def xmp(title: str) -> bytes:
    """The print PDF's XMP metadata, which gives its title (dc:title): the packet pikepdf
    writes for it, written here without parsing and serialising an XML tree."""
    text = escape(XMP_ILLEGAL.sub("", title), quote=False).replace("\r", "&#13;")
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


def _number_pages(joined: pikepdf.Pdf, cover: DrawnCover, cover_pages: int) -> None:
    """The print PDF's own page number, small, at the foot of every page after the cover,
    so that the numbers in the contents are the ones printed on the pages (each document
    keeps its own 'Page N of M' beside it). They are written in the cover's font, which
    has their characters: each page names it in its resources."""
    cover_fonts = joined.pages[0].resources.Font
    named = {name: cover_fonts[font] for name, font in cover.number_fonts.items()}
    before = joined.make_stream(b"q\n")  # every page shares it
    for index in range(cover_pages, len(joined.pages)):
        page = joined.pages[index]
        resources = page.resources
        if Name.Font not in resources:
            resources.Font = pikepdf.Dictionary()
        page_fonts = resources.Font
        for name, font in named.items():
            page_fonts[name] = font
        width = page_size_of(page)[0]
        after = joined.make_stream(b"\nQ q " + cover.number(index + 1, width) + b" Q\n")
        page.obj.Contents = pikepdf.Array([before, *_contents(page), after])


def _contents(page: pikepdf.Page) -> list[pikepdf.Object]:
    """The streams a page draws, in order."""
    contents = page.obj.get(Name.Contents)
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


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


def print_language(cover: Cover, cover_pages: int, sources: list[pikepdf.Pdf]) -> str | None:
    """The print PDF's language, for its catalog's /Lang, which an untagged PDF gives once
    for all its pages: the language its documents declare when they all declare one
    (those that declare any), else the one most of its pages are in (the cover's in the
    language of its labels, each document's in its /Lang, a document listed twice counted
    twice); None when no page's language is known or two languages have as many pages
    each, since no /Lang says nothing wrong. (Tags compare in any case, as BCP 47's do.)"""
    spelled: dict[str, str] = {}
    """Each language (case-folded) → as first written."""
    pages: dict[str, int] = {}
    """Each language (case-folded) → the pages in it."""

    def count(tag: str, number: int) -> str:
        key = tag.casefold()
        spelled.setdefault(key, tag)
        pages[key] = pages.get(key, 0) + number
        return key

    documents = {count(tag, len(source.pages)) for source in sources if (tag := _declared(source))}
    if len(documents) == 1:
        return spelled[documents.pop()]
    if cover.language:
        count(cover.language, cover_pages)
    most = max(pages.values(), default=0)
    leading = [key for key, number in pages.items() if number == most]
    return spelled[leading[0]] if len(leading) == 1 else None


def _declared(pdf: pikepdf.Pdf) -> str | None:
    """The language a PDF's catalog declares (/Lang), or None."""
    language = pdf.Root.get(Name.Lang)
    if not isinstance(language, pikepdf.String):
        return None
    return str(language).strip() or None
