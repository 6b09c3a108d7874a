"""A reportlab document written out as reportlab writes it, faster.

reportlab formats a document object by object through one generic function that looks
each value's kind up again, and re-encodes each name (`/Type`, `/Filter`, …) character
by character every time it is written: for a worksheet, most of the time its save takes
besides compressing the pages. Here the kinds a document of ours holds (dictionaries,
arrays, names, numbers, references, streams, pages, the page tree, the catalogue,
resources and fonts) are written by functions of their own that produce the same bytes,
and names are encoded once (a memo table); anything else goes reportlab's way.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFPages,
    PDFResourceDictionary,
    PDFStream,
    PDFTrailer,
    PDFTrueTypeFont,
    PDFType1Font,
)
from reportlab.pdfgen.canvas import Canvas

from revpack.memo import Memo

ENCODED: Memo[bytes] = Memo("PDF names and strings, encoded", 4096)
"""A name or string value as written (a dictionary key after a NUL character, apart from
values): the same few, document after document."""


def save(canvas: Canvas) -> None:
    """`canvas.save()`: the document written to the canvas's file, as reportlab writes it."""
    if len(canvas._code):
        canvas.showPage()
    document = canvas._doc
    if getattr(document, "_savedToFile", False):
        raise RuntimeError("a document can only be saved once")
    document._savedToFile = True
    canvas._filename.write(_data(document, canvas))


def _data(document: PDFDocument, canvas: Canvas) -> bytes:
    """PDFDocument.GetPDFData."""
    for font in document.delayedFonts:
        font.addObjects(document)
    document.info.invariant = document.invariant
    document.info.digest(document.signature)
    document.Reference(document.Catalog)
    document.Reference(document.info)
    document.Outlines.prepare(document, canvas)
    if document.Outlines.ready < 0:
        document.Catalog.Outlines = None
    return _Writer(document).write()


class _Writer:
    """Formats one document's objects (PDFDocument.format and the objects' own format
    methods, for the kinds it knows)."""

    def __init__(self, document: PDFDocument):
        self.document = document
        self.numbers = document.idToObjectNumberAndVersion
        if len(ENCODED.table) >= ENCODED.size:
            ENCODED.clear()
        self.names = ENCODED.table
        self.multiline = bool(rl_config.pdfMultiLine)
        self.kinds: dict[type, Callable[[Any], bytes]] = {
            PDFDictionary: self.dictionary,
            PDFArray: self.array,
            PDFObjectReference: self.reference,
            PDFStream: self.stream,
            PDFCatalog: self.catalogue,
            PDFPages: self.catalogue,
            PDFPage: self.catalogue,
            PDFResourceDictionary: self.resources,
            PDFTrueTypeFont: self.font,
            PDFType1Font: self.font,
        }

    def write(self) -> bytes:
        """PDFDocument.format."""
        document = self.document
        document.encrypt.prepare(document)
        catalogue, info = document.Catalog, document.info
        document.Reference(catalogue)
        document.Reference(info)
        encrypt_info = document.encrypt.info()
        encrypt = document.Reference(encrypt_info) if encrypt_info else None
        number = 0
        ids = []
        to_id, objects, offsets = document.numberToId, document.idToObject, document.idToOffset
        comments = not rl_config.invariant and rl_config.pdfComments
        out = document.__accum__ = PDFFile(document._pdfVersion)  # (objects may look)
        while True:
            number += 1
            if number not in to_id:
                break
            name = to_id[number]
            thing = objects[name]
            made = self.indirect(name, thing)
            if comments:
                out.add(f"% {ascii(name)}: class {type(thing).__name__[:50]} \n")
            offsets[name] = out.add(made)
            ids.append(name)
        del document.__accum__
        count = len(to_id)
        if number - 1 != count:
            raise ValueError(f"counter {number} does not match {count} objects")
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        xref_offset = out.add(xref.format(document))
        trailer = PDFTrailer(
            startxref=xref_offset,
            Size=count + 1,
            Root=document.Reference(catalogue),
            Info=document.Reference(info),
            Encrypt=encrypt,
            ID=document.ID(),
        )
        out.add(trailer.format(document))
        for signature in getattr(document, "_digiSigs", []):
            signature.sign(out)
        return b"".join(out.strings)

    def indirect(self, name: str, thing: object) -> bytes:
        """PDFIndirectObject.format."""
        number, version = self.numbers[name]
        self.document.encrypt.register(number, version)
        body = self.format(thing, top=True)
        end = b"endobj\n" if body.endswith(b"\n") else b"\nendobj\n"
        return b"%d %d obj\n" % (number, version) + body + end

    def format(self, value: object, top: bool = False) -> bytes:
        """pdfdoc.format."""
        kind = type(value)
        if kind is str:
            return self.text(value)  # type: ignore[arg-type]
        if kind is float or kind is int:
            return self.text(fp_str(value))
        if kind is bytes:
            return value  # type: ignore[return-value]
        if isinstance(value, PDFObject):
            if not top and hasattr(value, "__RefOnly__"):
                return self.reference(self.document.Reference(value))
            known = self.kinds.get(kind)
            made: bytes = known(value) if known else value.format(self.document)
            if not rl_config.invariant and rl_config.pdfComments and hasattr(value, "__Comment__"):
                made = pdfdoc.pdfdocEnc(f"% {value.__Comment__}\n") + made
            return made
        return pdfdoc.pdfdocEnc(str(value))  # type: ignore[no-any-return]

    def text(self, text: str) -> bytes:
        found = self.names.get(text)
        if found is None:
            found = self.names[text] = pdfdoc.pdfdocEnc(text)
        return found

    def name(self, key: str) -> bytes:
        """format(PDFName(key))."""
        found = self.names.get("\0" + key)
        if found is None:
            found = self.names["\0" + key] = pdfdoc.pdfdocEnc(pdfdoc.PDFName(key))
        return found

    def reference(self, reference: PDFObjectReference) -> bytes:
        """PDFObjectReference.format."""
        try:
            number, version = self.numbers[reference.name]
        except KeyError:
            raise KeyError(f"forward reference to {reference.name!r} not resolved") from None
        return f"{number} {version} R".encode()

    def dictionary(self, dictionary: PDFDictionary, indent: bytes = b"\n ") -> bytes:
        """PDFDictionary.format."""
        values = dictionary.dict
        keys = list(values.keys())
        if not isinstance(values, OrderedDict):
            keys.sort()
        name, format = self.name, self.format
        parts = [name(key) + b" " + format(values[key]) for key in keys]
        return b"<<\n" + self._joined(parts, dictionary.multiline, indent, 6) + b"\n>>"

    def array(self, array: PDFArray, indent: bytes = b"\n ") -> bytes:
        """PDFArray.format."""
        format = self.format
        parts = [format(value) for value in array.sequence]
        return b"[ " + self._joined(parts, array.multiline, indent, 10) + b" ]"

    def _joined(self, parts: list[bytes], multiline: object, indent: bytes, per_line: int) -> bytes:
        """A dictionary's or array's items as reportlab joins them: one a line when it is
        written over several, else `per_line` a line."""
        if (multiline and self.multiline) or multiline == "forced":
            return indent.join(parts)
        for index in reversed(range(per_line, len(parts), per_line)):
            parts.insert(index, b"\n ")
        return b" ".join(parts)

    def stream(self, stream: PDFStream) -> bytes:
        """PDFStream.format."""
        document = self.document
        dictionary = PDFDictionary(stream.dictionary.dict.copy())
        content = stream.content
        filters = stream.filters
        if content is None:
            raise ValueError("stream content not set")
        if filters is None:
            filters = document.defaultStreamFilters
        if filters is not None and "Filter" not in dictionary.dict:
            names: list[str] = []
            for each in reversed(list(filters)):
                content = each.encode(content)
                names.insert(0, pdfdoc.PDFName(each.pdfname))
            dictionary["Filter"] = PDFArray(names)
        content = document.encrypt.encode(content)
        formatted: bytes = pdfdoc.format(content, document)
        dictionary["Length"] = len(content)
        return self.dictionary(dictionary) + b"\nstream\n" + formatted + b"endstream\n"

    def catalogue(self, catalogue: PDFCatalog) -> bytes:
        """PDFCatalog.format (the catalogue, the page tree and pages)."""
        document = self.document
        catalogue.check_format(document)
        values = {}
        for key, value in catalogue.__Defaults__.items():
            value = getattr(catalogue, key, value)
            if value is not None:
                values[key] = value
        for key in catalogue.__NoDefault__:
            value = getattr(catalogue, key, None)
            if value is not None:
                values[key] = value
        for key in catalogue.__Refs__:
            if key in values:
                values[key] = document.Reference(values[key])
        return self.dictionary(PDFDictionary(values))

    def resources(self, resources: PDFResourceDictionary) -> bytes:
        """PDFResourceDictionary.format."""
        values: dict[str, object] = {}
        for key in resources.dict_attributes:
            value = getattr(resources, key)
            if isinstance(value, dict):
                if value:
                    values[key] = PDFDictionary(value)
            else:
                values[key] = value
        procedures = resources.ProcSet
        if isinstance(procedures, (list, tuple)):
            if procedures:
                values["ProcSet"] = PDFArray(procedures)
        else:
            values["ProcSet"] = procedures
        return self.dictionary(PDFDictionary(values))

    def font(self, font: PDFType1Font) -> bytes:
        """PDFType1Font.format (and so a TrueType font's)."""
        values: dict[str, object] = {}
        for key in font.name_attributes:
            if hasattr(font, key):
                values[key] = pdfdoc.PDFName(getattr(font, key))
        for key in font.local_attributes:
            if hasattr(font, key):
                values[key] = getattr(font, key)
        return self.dictionary(PDFDictionary(values))
