"""Numbers kept with their units in the worksheet's text (revpack.worksheet.spacing), read
back from the model, the PDF (pdfplumber lines), the DOCX (its XML) and the HTML page:
'300 000 km', '5 km', '× 10⁵', 'AD 476', 'F = ma' never break across lines, while the
gaps' numbers, answers and word bank stay as typed and a blank is never glued to the
words beside it."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.worksheet.assemble import assemble
from revpack.worksheet.document import Blank, Paragraph, Run, Table, WordBank
from revpack.worksheet.spacing import spaced_paragraph
from revpack.writers.docx.worksheet import write_document as write_docx
from revpack.writers.html.worksheet import render as render_html
from revpack.writers.pdf.worksheet import write_document as write_pdf

NBSP = "\u00a0"
PADDING = range(18, 40)
"""How many short words stand before the number in each point: one of them brings the
number to the end of a line."""


def _source(folder: Path) -> Path:
    points = "".join(
        f"      - ==Term{n}== {'ab ' * n}the car ran 300 000 km in AD 476 at 5 km an hour.\n"
        for n in PADDING
    )
    text = (
        "title: Units\n"
        "question: Why do units matter?\n"
        "factors:\n"
        "  - title: Motion\n"
        "    points:\n"
        f"{points}"
        "      - Newton wrote F = ma; light is 3 × 10⁵ km/s and ==300== km is far.\n"
        "      - ==Lennie== moved from job to job — no home, z. B. in Bern.\n"
        "terms:\n"
        "  - term: Speed\n"
        "    meaning: How far in an hour, such as 5 km.\n"
        "  - term: Force\n"
        "    meaning: F = ma, in N.\n"
        "timeline:\n"
        "  - when: AD 476\n"
        "    what: Rome falls.\n"
        "  - when: 1687\n"
        "    what: Newton's laws.\n"
    )
    path = folder / "units.yaml"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("units")
    source = load_source(_source(folder))
    layout = load_layout("worksheet")
    labels = load_labels(source.language, layout.labels)
    return source, layout, assemble(source, layout, Audience(seed=3), labels)


def _paragraphs(document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def _text(content) -> str:
    return "".join(p.text if isinstance(p, Run) else "[blank]" for p in content)


def test_the_model_keeps_numbers_with_their_units_in_sentences_and_cells(made):
    _, _, worksheet = made
    sheet = "\n".join(_text(p.content) for p in _paragraphs(worksheet.sheet))
    assert f"300{NBSP}000{NBSP}km" in sheet
    assert f"AD{NBSP}476" in sheet and f"5{NBSP}km" in sheet
    assert f"F{NBSP}={NBSP}ma" in sheet and f"×{NBSP}10⁵{NBSP}km/s" in sheet
    # (and with no digit in the text: its dash and 'z. B.', which the summary kept and
    # the worksheet broke, its text not looked at for want of a digit)
    assert f"job{NBSP}— no home, z.{NBSP}B. in Bern" in sheet
    cells = [
        _text(cell.content)
        for block in worksheet.sheet.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
    ]
    assert any(f"5{NBSP}km" in text for text in cells), cells
    key_cells = [
        _text(cell.content)
        for block in worksheet.key.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
    ]
    assert f"AD{NBSP}476" in key_cells, "the key's date is not kept together"


def test_answers_word_bank_and_blanks_stay_as_typed(made):
    source, _, worksheet = made
    blanks = [
        piece
        for p in _paragraphs(worksheet.sheet)
        for piece in p.content
        if isinstance(piece, Blank)
    ]
    typed = {key for point in source.factors[0].points for key in point.text.keys}
    assert {b.answer for b in blanks} >= typed and "300" in {b.answer for b in blanks}
    assert not any(NBSP in b.answer for b in blanks)
    bank = next(b for b in worksheet.sheet.blocks if isinstance(b, WordBank))
    assert not any(NBSP in word for word in bank.words)
    assert sorted(bank.words) == sorted(b.answer for b in blanks)
    # '==300== km': the blank stands for a number, but is never glued to the unit after
    # it (a line may break after a blank that is as long as a line allows).
    for paragraph in _paragraphs(worksheet.sheet):
        content = paragraph.content
        for index, piece in enumerate(content[:-1]):
            after = content[index + 1]
            if isinstance(piece, Blank) and isinstance(after, Run):
                assert not after.text.startswith(NBSP), _text(content)
            if isinstance(after, Blank) and isinstance(piece, Run):
                assert not piece.text.endswith(NBSP), _text(content)


def _lines(pdf: bytes) -> list[str]:
    """Every printed line of text, in order."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        for page in opened.pages:
            rows: dict[int, list] = {}
            for char in page.chars:
                rows.setdefault(round(char["top"]), []).append(char)
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: c["x0"])
                lines.append("".join(c["text"] for c in chars).replace(NBSP, " "))
    return lines


def test_the_pdf_never_breaks_a_number_from_its_unit(made):
    _, layout, worksheet = made
    lines = _lines(write_pdf(worksheet.sheet, layout))
    ends = [line for line in lines if "300" in line or "AD" in line or "5 km" in line]
    assert len([line for line in lines if "ran" in line or "300 000" in line]) >= len(PADDING)
    for line in lines:
        stripped = line.rstrip()
        # (no line ends inside '300 000 km', 'AD 476' or '5 km')
        assert not re.search(r"(\b300|\b300 000|\bAD|\b5)$", stripped), (stripped, ends)
        assert not re.match(r"(000\b|km\b|476\b)", line.lstrip()), line
    assert sum("300 000 km" in line for line in lines) >= len(PADDING)


def test_the_docx_and_the_html_hold_the_same_no_break_spaces(made):
    source, layout, worksheet = made
    docx = write_docx(worksheet.sheet, layout, Audience(seed=3))
    with zipfile.ZipFile(io.BytesIO(docx)) as opened:
        body = opened.read("word/document.xml").decode("utf-8")
    for kept in (f"300{NBSP}000{NBSP}km", f"AD{NBSP}476", f"F{NBSP}={NBSP}ma", f"5{NBSP}km"):
        assert kept in body, kept
    (page,) = render_html(source, layout, Audience(seed=3))
    html = page.data.decode("utf-8").replace("&nbsp;", NBSP).replace("&#160;", NBSP)
    for kept in (f"300{NBSP}000{NBSP}km", f"AD{NBSP}476", f"5{NBSP}km"):
        assert kept in html, kept


def test_a_verses_line_break_slash_stays_with_the_line_before():
    # On a phone the page started a line with '/ But be the serpent': the summary kept
    # the slash with the word before it, the worksheet's model passed the text over.

    paragraph = Paragraph((Run("Look like th' innocent flower, / But be the serpent"),))
    [run] = spaced_paragraph(paragraph).content
    assert isinstance(run, Run)
    assert run.text == "Look like th' innocent flower,\u00a0/ But be the serpent"


def test_a_compound_unit_stays_whole_in_the_model():
    # The summary broke "in kg" / "m/s."; the worksheet's model passed such a text over.
    paragraph = Paragraph((Run("Momentum is measured in kg m/s, torque in N m."),))
    [run] = spaced_paragraph(paragraph).content
    assert isinstance(run, Run)
    assert run.text == "Momentum is measured in kg\u00a0m/s, torque in N\u00a0m."
