"""Every PDF's font subsets (revpack.writers.pdf.subsets, and the worksheet's characters
from revpack.writers.pdf.worksheet_fonts): numbered up front in a fixed order, so that every
class's sheet of a topic embeds the same subsets, made once and remembered, with the same
bytes when they are made afresh."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter

from helpers import THAW, fonts_embedded, qpdf_check
from revpack.building.print_contents import Cover
from revpack.building.print_contents import Document as PrintDocument
from revpack.building.printing import combine
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.memo import clear_all
from revpack.model import Audience
from revpack.worksheet.document import (
    Box,
    Cell,
    Document,
    NameLine,
    Paragraph,
    Properties,
    Run,
    Table,
    WordBank,
)
from revpack.writers import render
from revpack.writers.pdf.subsets import SUBSETS
from revpack.writers.pdf.worksheet import write_document


def _font_files(pdf: bytes) -> dict[str, bytes]:
    """Each embedded font's name → its (decompressed) font file."""
    files = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            files[str(font["/BaseFont"])] = descriptor["/FontFile2"].get_object().get_data()
    return files


def _sheet(seed: int, class_name: str) -> bytes:
    source = load_source(THAW)
    outputs = render(source, load_layout("worksheet"), Audience(class_name, seed=seed), "pdf")
    return outputs[0].data


def test_every_class_embeds_the_same_subsets_of_a_topic():
    first, second = _sheet(1, "10A"), _sheet(2, "11C")
    assert first != second  # another shuffle, another class in the header
    assert _font_files(first) == _font_files(second)
    assert len(_font_files(first)) == 3


@pytest.mark.parametrize("layout", ["summary", "factor-chart", "summary-dyslexia"])
def test_every_class_of_a_pack_embeds_the_same_subsets_in_a_summary_or_chart(layout):
    source = load_source(THAW)
    sheets = [
        render(source, load_layout(layout), Audience(name, "Mr Smith"), "pdf")[0].data
        for name in ("10A", "11C")
    ]
    assert sheets[0] != sheets[1]
    assert _font_files(sheets[0]) == _font_files(sheets[1])
    assert len(_font_files(sheets[0])) >= 2  # regular and bold
    clear_all()
    assert (
        render(source, load_layout(layout), Audience("11C", "Mr Smith"), "pdf")[0].data
        == (sheets[1])
    )


def test_the_print_covers_of_a_pack_embed_the_same_subsets():
    covers, made = [], []
    documents = [PrintDocument("Summary: The Thaw", _sheet(1, "10A"))]
    clear_all()
    for who in ("Class 10A · Mr Smith", "Class 11C · Mr Smith"):
        cover = Cover("Year 11 revision", who, "Contents", "1 December 2026")
        pdf = combine(cover, documents)
        made.append(len(SUBSETS.table))
        reader = PdfReader(io.BytesIO(pdf))
        assert who in reader.pages[0].extract_text()
        covers.append(_font_files(_first_page(pdf)))
    assert covers[0] == covers[1]
    assert made[0] >= 2 and made[1] == made[0]  # the second cover's subsets were remembered


def _first_page(pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    writer.add_page(reader.pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_remembered_subsets_give_the_bytes_made_afresh():
    remembered = _sheet(3, "10B")
    clear_all()
    assert _sheet(3, "10B") == remembered


def test_text_in_tables_boxes_and_the_word_bank_prints_in_its_faces(tmp_path):
    rare = "ŵŷ€"
    document = Document(
        f"Title {rare}",
        "",
        NameLine("Name", "Class", "Date", f"Ŵyn {rare}", None),
        (
            WordBank("Word bank", (f"word{rare}", "other"), 2),
            Table(
                (200.0, 200.0),
                ((Cell((Run(f"plain{rare}"),)), Cell((Run(f"bold{rare}", bold=True),))),),
                (Cell((Run("Head", italic=True),)), Cell((Run("Er"),))),
            ),
            Box("Starters", (f"starter{rare}",)),
            Paragraph((Run(f"italic{rare}", italic=True),)),
        ),
        (f"Header {rare}", f"Class {rare}"),
        f"footer {rare}",
        "Page {page} of {pages}",
        Properties("Title", "Subject", "revpack", "", "Worksheet", "", "cy"),
        False,
    )
    pdf = tmp_path / "rare.pdf"
    pdf.write_bytes(write_document(document, load_layout("worksheet")))
    qpdf_check(pdf)
    fonts_embedded(pdf)
    with pdfplumber.open(pdf) as opened:
        text = opened.pages[0].extract_text()
    squashed = "".join(text.split())
    for word in ("Title", "Ŵyn", "word", "plain", "bold", "starter", "italic", "Header", "footer"):
        assert f"{word}{rare}" in squashed, word
