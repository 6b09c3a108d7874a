"""A class's print PDF: a cover page with the contents, then every document in order."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from revpack import fonts
from revpack.dates import in_language
from revpack.labels import Labels, load_labels

LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"


@dataclass(frozen=True)
class Document:
    """One entry of a print PDF."""

    title: str
    """What the contents list calls it."""
    pdf: Path
    """The PDF to include."""


def combine(pack: str, class_name: str, teacher: str | None, documents: list[Document],
            date: str | None = None, labels: Labels | None = None) -> bytes:
    """The cover page followed by every document's pages, as PDF bytes; the cover's words
    from `labels` (English when None)."""
    labels = labels or load_labels()
    readers = [PdfReader(d.pdf) for d in documents]
    starts, page = [], 2
    for reader in readers:
        starts.append(page)
        page += len(reader.pages)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_cover(pack, class_name, teacher, documents, starts,
                                               in_language(date, labels), labels))))
    for reader in readers:
        writer.append(reader)
    writer.add_metadata({"/Title": f"{pack}: {class_name}", "/Author": teacher or "revpack",
                         "/Creator": "revpack"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(labels.language)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _cover(pack, class_name, teacher, documents, starts, date, labels: Labels) -> bytes:
    fonts.register(italic=False)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    left, y = 60, height - 110
    canvas.setFillColor(HexColor("#1F4E79"))
    canvas.setFont(fonts.FACES[True, False], 26)
    y = _lines(canvas, pack, left, y, width - 2 * left, 26, 32)
    canvas.setFillColor(HexColor("#1A1A1A"))
    canvas.setFont(fonts.FACES[False, False], 16)
    who = labels("class_teacher", class_name=class_name) + (f" · {teacher}" if teacher else "")
    canvas.drawString(left, y - 14, who)
    if date:
        canvas.setFont(fonts.FACES[False, False], 11)
        canvas.drawString(left, y - 34, date)
    y -= 80
    canvas.setFont(fonts.FACES[True, False], 14)
    canvas.drawString(left, y, labels("contents"))
    y -= 26
    for document, start in zip(documents, starts, strict=True):
        canvas.setFont(fonts.FACES[False, False], 12)
        y = _lines(canvas, document.title, left, y, width - 2 * left - 50, 12, 16,
                   page=str(start))
        y -= 6
        if y < 80:  # a very long contents list continues on a second cover page
            canvas.showPage()
            y = height - 80
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _lines(canvas, text, x, y, width, size, leading, page: str | None = None) -> float:
    from reportlab.lib.utils import simpleSplit

    lines = simpleSplit(text, canvas._fontname, size, width)
    for i, line in enumerate(lines):
        canvas.drawString(x, y, line)
        if page and i == len(lines) - 1:
            canvas.drawRightString(x + width + 50, y, page)
        y -= leading
    return y


def convert_worksheets(docx_files: list[Path]) -> dict[Path, Path]:
    """PDFs of `docx_files` made by LibreOffice, in a temporary folder the caller removes.

    One LibreOffice run converts them all (it takes a second to start). Files of the same
    name from different classes are copied in under numbered names first, so no PDF
    overwrites another. Raises FileNotFoundError naming the package when LibreOffice is
    not installed.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise FileNotFoundError("printing worksheets needs LibreOffice; install it with "
                                f"'apt-get install {LIBREOFFICE_PACKAGE}'")
    folder = Path(tempfile.mkdtemp(prefix="revpack-print-"))
    staged = {}
    for number, docx in enumerate(docx_files):
        staged[docx] = folder / f"{number:04d}-{docx.name}"
        shutil.copyfile(docx, staged[docx])
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                        *map(str, staged.values())], capture_output=True, timeout=1800)
    except subprocess.TimeoutExpired:
        shutil.rmtree(folder, ignore_errors=True)
        raise FileNotFoundError("LibreOffice did not finish converting the worksheets in "
                                "30 minutes") from None
    converted = {d: copy.with_suffix(".pdf") for d, copy in staged.items()}
    missing = [d.name for d, pdf in converted.items() if not pdf.exists()]
    if missing:
        shutil.rmtree(folder, ignore_errors=True)
        raise FileNotFoundError(f"LibreOffice could not convert {', '.join(missing)}")
    return converted
