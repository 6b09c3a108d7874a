"""A worksheet's DOCX package: the layout's styled, empty package (made once with
python-docx) with a new body, header, footer and properties written into it.

The parts every sheet of a layout shares (styles, theme, settings…) are compressed once,
when the template is made; a sheet then compresses only what is its own and writes the
zip itself, with one fixed timestamp, so identical input gives identical bytes.
"""

from __future__ import annotations

import datetime
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from revpack.hyphenation import Hyphenator
from revpack.loading.layouts import Layout
from revpack.worksheet.document import Document
from revpack.worksheet.exercises.common import ems
from revpack.writers.docx.wordml import Body, esc, run_xml
from revpack.writers.running_header import (
    footer_size,
    header_fitted,
    header_size,
    page_number_size,
)

CONTENT_TYPES = "[Content_Types].xml"
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg"}
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@dataclass(frozen=True)
class Entry:
    """One compressed part of a zip, ready to be written."""

    name: str
    """Its name in the zip."""
    crc: int
    """CRC-32 of its uncompressed bytes."""
    size: int
    """Its uncompressed size."""
    data: bytes
    """Its bytes, deflated."""


def deflate(name: str, data: bytes) -> Entry:
    """A part compressed as a zip entry (raw deflate)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Entry(name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


class Template:
    """A layout's styled, empty package, taken apart once for sheet after sheet."""

    def __init__(self, package: bytes, language: str):
        self.hyphenator = Hyphenator(language)
        """Where a word too long for its table cell may break (the package's language)."""
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            self.order = [info.filename for info in archive.infolist()]
            texts = {name: archive.read(name) for name in self.order}
        styles = texts["word/styles.xml"].decode("utf-8")
        styles = re.sub(r'(<w:lang w:val=")[^"]*(")', rf"\g<1>{language}\g<2>", styles, count=1)
        texts["word/styles.xml"] = styles.encode("utf-8")
        # Word names its built-in styles in lower case ("heading 1"); python-docx and the
        # worksheet model name them as the user sees them ("Heading 1").
        self.style_ids = _StyleIds(
            {
                name.casefold(): sid
                for sid, name in re.findall(
                    r'w:styleId="([^"]+)"><w:name w:val="([^"]+)"/>', styles
                )
            }
        )
        document = texts["word/document.xml"].decode("utf-8")
        self.document_open = document[: document.index("<w:body>")]
        self.section = document[document.index("<w:sectPr") : document.index("</w:body>")]
        rels = texts["word/_rels/document.xml.rels"].decode("utf-8")
        self.rels = rels
        self.header = _part(self.section, rels, "headerReference")
        self.footer = _part(self.section, rels, "footerReference")
        self.header_open = _opening(texts[self.header].decode("utf-8"))
        self.footer_open = _opening(texts[self.footer].decode("utf-8"))
        self.numbering = texts["word/numbering.xml"].decode("utf-8")
        self.list_abstract = _list_abstract(styles, self.numbering)
        self.first_num = (
            max(map(int, re.findall(r'<w:num w:numId="(\d+)"', self.numbering)), default=0) + 1
        )
        self.content_types = texts[CONTENT_TYPES].decode("utf-8")
        own = {
            "word/document.xml",
            "docProps/core.xml",
            "word/numbering.xml",
            self.header,
            self.footer,
            CONTENT_TYPES,
            "word/_rels/document.xml.rels",
        }
        self.shared = {name: deflate(name, data) for name, data in texts.items() if name not in own}

    def write(self, model: Document, layout: Layout, moment: datetime.datetime) -> bytes:
        """The package of one model document."""
        body = Body(
            layout,
            self.style_ids,
            self.first_num,
            hyphenator=self.hyphenator,
        )
        body.title(model.title, model.subtitle, model.name_line)
        body.blocks(model.blocks)
        own = {
            "word/document.xml": f"{self.document_open}<w:body>{body.xml()}{self.section}"
            "</w:body></w:document>",
            self.header: self._header(model, layout),
            self.footer: self._footer(model, layout),
            "docProps/core.xml": _core(model, moment),
            "word/numbering.xml": self._numbering(body.restarts),
            CONTENT_TYPES: self._content_types(body),
            "word/_rels/document.xml.rels": self._rels(body),
        }
        entries = [
            self.shared.get(name) or deflate(name, own[name].encode("utf-8")) for name in self.order
        ]
        for number, figure in enumerate(body.figures, 1):
            entries.append(deflate(f"word/media/figure{number}.{_kind(figure.data)}", figure.data))
        return write_zip(entries, moment)

    def _header(self, model: Document, layout: Layout) -> str:
        # (fitted to its line as the PDF's is, by a generous estimate of the text's width:
        # a long title ran on into the student's name with no gap between, and wrapped)
        size = header_size(layout)
        left, right = header_fitted(
            model.header, layout.page.width - 2 * layout.page.margin, lambda text: ems(text) * size
        )
        runs = run_xml(left) + (run_xml("\t" + right) if right else "")
        return (
            f'{self.header_open}<w:p><w:pPr><w:pStyle w:val="{self.style_ids["Header"]}"/>'
            f"</w:pPr>{runs}</w:p></w:hdr>"
        )

    def _footer(self, model: Document, layout: Layout) -> str:
        before, rest = model.page_label.split("{page}", 1)
        middle, after = rest.split("{pages}", 1)
        small = footer_size(layout)
        # ('Page N of M' in the Footer style's size, or larger in large print)
        numbers = page_number_size(layout)
        size = numbers if numbers != header_size(layout) else None
        content = (
            run_xml(model.footer, size=small)
            + run_xml("\t" + before, size=size)
            + _field("PAGE", size)
            + run_xml(middle, size=size)
            + _field("NUMPAGES", size)
            + (run_xml(after, size=size) if after else "")
        )
        return (
            f'{self.footer_open}<w:p><w:pPr><w:pStyle w:val="{self.style_ids["Footer"]}"/>'
            f"</w:pPr>{content}</w:p></w:ftr>"
        )

    def _numbering(self, restarts: list[int]) -> str:
        extra = "".join(
            f'<w:num w:numId="{num}"><w:abstractNumId w:val="{self.list_abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            for num in restarts
        )
        return self.numbering.replace("</w:numbering>", extra + "</w:numbering>")

    def _content_types(self, body: Body) -> str:
        kinds = sorted({_kind(f.data) for f in body.figures})
        defaults = "".join(
            f'<Default Extension="{k}" ContentType="{MEDIA_TYPES[k]}"/>' for k in kinds
        )
        return self.content_types.replace("<Default ", defaults + "<Default ", 1)

    def _rels(self, body: Body) -> str:
        extra = "".join(
            f'<Relationship Id="rIdFigure{n}" Type="{IMAGE_REL}" '
            f'Target="media/figure{n}.{_kind(f.data)}"/>'
            for n, f in enumerate(body.figures, 1)
        )
        return self.rels.replace("</Relationships>", extra + "</Relationships>")


class _StyleIds(dict[str, str]):
    """Style name → id, whatever the name's case."""

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.casefold())


def write_zip(entries: list[Entry], moment: datetime.datetime) -> bytes:
    """A zip of deflated entries, every one stamped with `moment` and no file mode."""
    stamp = moment.timetuple()[:6] if moment.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    year, month, day, hour, minute, second = stamp
    time, date = hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day
    out, central = io.BytesIO(), io.BytesIO()
    for entry in entries:
        name = entry.name.encode("utf-8")
        offset = out.tell()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0x800,
                8,
                time,
                date,
                entry.crc,
                len(entry.data),
                entry.size,
                len(name),
                0,
            )
        )
        out.write(name)
        out.write(entry.data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0x800,
                8,
                time,
                date,
                entry.crc,
                len(entry.data),
                entry.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        central.write(name)
    start = out.tell()
    directory = central.getvalue()
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0
        )
    )
    return out.getvalue()


def _core(model: Document, moment: datetime.datetime) -> str:
    meta = model.properties
    when = moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def cut(text: str) -> str:
        return esc(core_property(text))

    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
        'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{cut(meta.title)}</dc:title><dc:subject>{cut(meta.subject)}</dc:subject>"
        f"<dc:creator>{cut(meta.author)}</dc:creator><cp:keywords>{cut(meta.keywords)}"
        f"</cp:keywords><dc:description>{cut(meta.comments)}</dc:description>"
        f"<dc:language>{esc(meta.language)}</dc:language>"
        f"<cp:lastModifiedBy>{cut(meta.author)}</cp:lastModifiedBy><cp:revision>1"
        f'</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        f"<cp:category>{cut(meta.category)}</cp:category><cp:lastPrinted>{when}"
        "</cp:lastPrinted></cp:coreProperties>"
    )


PROPERTY_CHARS = 255
"""The longest text Word keeps in a core property (title, subject, author, …)."""


def core_property(text: str) -> str:
    """`text` on one line, cut to PROPERTY_CHARS at a word where it is longer ('…' marks
    the cut)."""
    text = " ".join(text.split())
    if len(text) <= PROPERTY_CHARS:
        return text
    cut = text[: PROPERTY_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > PROPERTY_CHARS // 2 else cut).rstrip() + "…"


def _field(instruction: str, size: float | None = None) -> str:
    """A field (PAGE, NUMPAGES) showing 1 until Word works it out, at `size` points (None:
    the paragraph style's)."""
    shown = run_xml("1", size=size) if size else "<w:r><w:t>1</w:t></w:r>"
    return f'<w:fldSimple w:instr=" {instruction} ">{shown}</w:fldSimple>'


def _part(section: str, rels: str, reference: str) -> str:
    rel_id = _first_group(rf'<w:{reference} w:type="default" r:id="([^"]+)"', section)
    target = re.search(rf'Id="{rel_id}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rel_id}"', rels
    )
    if target is None:
        raise ValueError(f"the DOCX template has no relationship {rel_id}")
    return f"word/{target.group(1)}"


def _opening(xml: str) -> str:
    """The XML declaration and root start tag of a header or footer part."""
    return xml[: xml.index(">", xml.index("<w:", xml.index("?>"))) + 1]


def _list_abstract(styles: str, numbering: str) -> str:
    """The abstract numbering behind the List Number style (each restarted list points a
    new w:num at it)."""
    style = styles[styles.index('w:styleId="ListNumber"') :]
    num = _first_group(r'<w:numId w:val="(\d+)"/>', style[: style.index("</w:style>")])
    return _first_group(rf'<w:num w:numId="{num}"><w:abstractNumId w:val="(\d+)"/>', numbering)


def _first_group(pattern: str, text: str) -> str:
    """The first group of `pattern`'s first match in the template's `text`."""
    found = re.search(pattern, text)
    if found is None:
        raise ValueError(f"the DOCX template has nothing that matches {pattern}")
    return found.group(1)


def _kind(data: bytes) -> str:
    return "png" if data.startswith(b"\x89PNG") else "jpg"
