"""Where a worksheet's tables break and how long its gaps are, read back from the PDF
(pdfplumber positions) and the DOCX (its XML, and LibreOffice's pages): a long table
breaks between rows under a repeated header instead of leaving half a page empty, a short
one moves whole; every gap leaves room to write its answer by hand, by the same rule in
both formats."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image as Picture

from helpers import DATA, THAW, libreoffice_converts, pdftotext, revpack, validate_docx
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.worksheet.assemble import assemble
from revpack.worksheet.document import (
    Blank,
    Box,
    Cell,
    Document,
    Figure,
    Heading,
    NameLine,
    PageBreak,
    Paragraph,
    Properties,
    Run,
    Table,
    WordBank,
    WritingLines,
)
from revpack.worksheet.exercises.gap_fill import HANDWRITING, LINE_ROOM
from revpack.writers.docx.worksheet import write_document as write_docx
from revpack.writers.pdf.worksheet import write_document as write_pdf
from revpack.writers.pdf.worksheet_blocks import SQUEEZE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LAYOUT = load_layout("worksheet")
TEXT_HEIGHT = LAYOUT.page.height - 2 * LAYOUT.page.margin


def _document(*blocks) -> Document:
    return Document(
        "Breaks",
        "",
        NameLine("Name", "Class", "Date", None, None),
        blocks,
        ("Breaks", ""),
        "small print",
        "Page {page} of {pages}",
        Properties("Breaks", "Subject", "revpack", "", "Worksheet", "", "en-GB"),
        False,
    )


def _filler(lines: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph((Run(f"Filler line {n}"),)) for n in range(lines))


def _ranking(rows: int) -> tuple[Heading, Paragraph, Table]:
    """A ranking table as the exercise makes it: kept whole, rows with room to write."""
    width = LAYOUT.page.width - 2 * LAYOUT.page.margin
    header = (Cell((Run("Factor", bold=True),)), Cell((Run("Rank"),)), Cell((Run("Why?"),)))
    body = tuple(
        (Cell((Run(f"Factor {n}", bold=True),)), Cell(), Cell()) for n in range(1, rows + 1)
    )
    table = Table((width * 0.3, 48.0, width * 0.7 - 48), body, header, row_height=50.0)
    table = Table(table.widths, table.rows, table.header, table.row_height, keep_whole=True)
    return (
        Heading("4. Rank the factors", 1),
        Paragraph((Run("Rank the factors."),), "instructions"),
        table,
    )


def _factor_pages(pdf: bytes | Path) -> list[dict[str, float]]:
    """For each page, the top of every 'Factor N' and 'Factor' header word on it."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    pages = []
    with pdfplumber.open(source) as opened:
        for page in opened.pages:
            words = page.extract_words()
            found = {}
            for index, word in enumerate(words):
                if word["text"] == "Factor":
                    following = words[index + 1]["text"] if index + 1 < len(words) else ""
                    name = f"Factor {following}" if following.isdigit() else "Factor"
                    found[name] = word["top"]
            pages.append(found)
    return pages


# ---------------------------------------------------------------- (a) tables, PDF


def test_pdf_a_long_kept_table_breaks_between_rows_under_a_repeated_header():
    # Half a page of text, then a ranking table taller than a third of the page.
    pdf = write_pdf(_document(*_filler(14), *_ranking(9)), LAYOUT)
    pages = _factor_pages(pdf)
    assert len(pages) == 2
    first, second = pages
    # The table starts on the first page instead of leaving its lower half empty ...
    assert "Factor" in first and "Factor" in second, "the header is not repeated"
    on_first = [n for n in range(1, 10) if f"Factor {n}" in first]
    on_second = [n for n in range(1, 10) if f"Factor {n}" in second]
    assert on_first + on_second == list(range(1, 10)), "a row is lost or split"
    assert len(on_first) >= 2 and len(on_second) >= 2
    # ... and its rows run down to the foot of that page.
    lowest = max(first[f"Factor {n}"] for n in on_first)
    assert lowest > LAYOUT.page.height - LAYOUT.page.margin - 2 * 50 - 20


def test_pdf_a_group_taller_than_a_page_starts_on_the_next_when_its_heading_does_not_fit():
    # A ranking table of fifteen rows with its heading is taller than a page, and its
    # heading with the first rows does not fit under the text: it starts the next page,
    # and breaks between rows over the page after.
    pages = _factor_pages(write_pdf(_document(*_filler(26), *_ranking(15)), LAYOUT))
    assert len(pages) == 3 and not pages[0]
    assert "Factor 1" in pages[1] and "Factor 15" in pages[2] and "Factor" in pages[2]
    shown = [n for n in range(1, 16) for page in pages[1:] if f"Factor {n}" in page]
    assert shown == list(range(1, 16))


@pytest.mark.parametrize("filler", range(20, 38))
def test_pdf_a_heading_never_stays_at_a_pages_foot_without_its_tables_first_rows(filler):
    # Fifteen ranking rows are taller than a page with their heading. Wherever the text
    # above ends, the heading and the instructions go to the page the table starts on:
    # under some fillers they stayed alone at the foot of the page before.
    pdf = write_pdf(_document(*_filler(filler), *_ranking(15)), LAYOUT)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        texts = [page.extract_text() for page in opened.pages]
    heading = next(n for n, text in enumerate(texts) if "Rank the factors" in text)
    first_row = next(n for n, text in enumerate(texts) if "Factor 1\n" in text + "\n")
    assert heading == first_row, texts[heading]
    shown = [n for n in range(1, 16) for page in _factor_pages(pdf) if f"Factor {n}" in page]
    assert shown == list(range(1, 16))


@pytest.mark.parametrize("filler", range(0, 40, 2))
def test_pdf_a_table_breaks_once_per_page_under_one_header(filler):
    # Twelve rows that all but fit under the text broke as ten, then (under a second
    # header on the same page) one, then one alone on the next page.
    kept = _ranking(12)[2]
    table = Table(kept.widths, kept.rows, kept.header, kept.row_height)
    pdf = write_pdf(_document(*_filler(filler), table), LAYOUT)
    pages = [page for page in _factor_pages(pdf) if page]
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        assert all(page.extract_text().count("Factor Rank Why?") <= 1 for page in opened.pages)
    rows = [[n for n in range(1, 13) if f"Factor {n}" in page] for page in pages]
    assert sum(rows, []) == list(range(1, 13))
    assert all(len(on) >= 2 for on in rows), rows


def test_pdf_rows_too_tall_to_part_two_and_two_part_one_by_one_on_whole_pages():
    # Three rows each taller than a third of a page could not break with two rows on
    # each side even on a whole page: they part at one row, under their heading, instead
    # of failing as "too large" or leaving the heading alone on a page.
    heading, instructions, kept = _ranking(3)
    tall = Table(kept.widths, kept.rows, kept.header, row_height=TEXT_HEIGHT * 0.45)
    pages = _factor_pages(write_pdf(_document(heading, instructions, tall), LAYOUT))
    assert [[n for n in range(1, 4) if f"Factor {n}" in page] for page in pages] == [[1], [2, 3]]
    assert all("Factor" in page for page in pages), "the header is not repeated"


SHORT_KEPT = [(33, 3), (20, 5)]
"""(filler lines, ranking rows): too little room left for a table that the worksheet keeps
whole and that is short: three rows, or five (taller than a third of the page, shorter
than half: a table not kept whole would break with two rows on the first page)."""


@pytest.mark.parametrize(("filler", "rows"), SHORT_KEPT)
def test_pdf_a_short_kept_table_moves_whole_to_the_next_page(filler, rows):
    pdf = write_pdf(_document(*_filler(filler), *_ranking(rows)), LAYOUT)
    pages = _factor_pages(pdf)
    assert len(pages) == 2
    assert not pages[0], "part of a short table was left on the first page"
    assert set(pages[1]) == {"Factor", *(f"Factor {n}" for n in range(1, rows + 1))}


def _ranking_tops(*blocks) -> tuple[float, list[dict[str, float]]]:
    """How much of the first page is left under the filler, as a share of the text
    height, and the pages' 'Factor' words."""
    pdf = write_pdf(_document(*blocks), LAYOUT)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[0]
        filler = [w for w in page.extract_words() if w["text"] == "Filler"]
        left = (page.height - LAYOUT.page.margin - max(w["bottom"] for w in filler)) / TEXT_HEIGHT
    return left, _factor_pages(pdf)


def test_pdf_a_short_table_breaks_rather_than_leave_over_a_third_of_the_page_empty():
    # Five rows with their heading are taller than the rest of the page under eighteen
    # lines, and shorter than the third of a page up to which a table moves whole: moved
    # on, it left two fifths of the page empty. It starts here instead.
    heading, instructions, kept = _ranking(5)
    table = Table(kept.widths, kept.rows, kept.header, kept.row_height)
    left, (first, second) = _ranking_tops(*_filler(18), heading, instructions, table)
    assert left > 1 / 3  # (the case: more than a third of the page left)
    on_first = [n for n in range(1, 6) if f"Factor {n}" in first]
    on_second = [n for n in range(1, 6) if f"Factor {n}" in second]
    assert "Factor" in first and "Factor" in second, "the header is not repeated"
    assert on_first + on_second == [1, 2, 3, 4, 5]
    assert len(on_first) >= 2 and len(on_second) >= 2, "a row or two alone on a page"
    # (the rows run down to within a row of the foot of the first page)
    assert (
        max(first[f"Factor {n}"] for n in on_first)
        > LAYOUT.page.height - LAYOUT.page.margin - 2 * 50 - 20
    )


def test_pdf_an_exercises_table_moves_whole_all_the_same():
    # Split, a ranking, matching or ordering table has its reader turning the page back
    # and forth to weigh each row against the others: it moves whole, up to half a page.
    # (Moved, it would leave a page two fifths empty: the sheet is set closer, and the
    # table fits whole under the filler.)
    left, pages = _ranking_tops(*_filler(18), *_ranking(5))
    assert left > 1 / 3
    rows = [[n for n in range(1, 6) if f"Factor {n}" in page] for page in pages]
    assert [on for on in rows if on] == [[1, 2, 3, 4, 5]]


def _filler_pitch(pdf: bytes) -> float:
    """The distance between the first two filler lines' tops."""
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        words = opened.pages[0].extract_words()
    tops = [w["top"] for w in words if w["text"] == "Filler"]
    return tops[1] - tops[0]


@pytest.mark.parametrize("filler", [14, 18, 22, 26, 30])
def test_pdf_a_sheet_is_set_closer_rather_than_leave_a_page_a_quarter_empty(filler):
    # A table kept whole that does not fit under the text moves on, leaving the rest of
    # the page empty (the core sheet's page 3 was two fifths empty over the matching):
    # the sheet is set with less space between its paragraphs when that lets it fit.
    blocks = (*_filler(filler), *_ranking(5), Paragraph((Run("After the table"),)))
    pdf = write_pdf(_document(*blocks), LAYOUT)
    plain = write_pdf(_document(*_filler(filler)), LAYOUT)
    pages = _factor_pages(pdf)
    rows = [[n for n in range(1, 6) if f"Factor {n}" in page] for page in pages]
    assert [on for on in rows if on] == [[1, 2, 3, 4, 5]]  # (whole, set closer or not)
    left = 1 - _filler_foot(plain) / TEXT_HEIGHT  # (under the filler at the usual spacing)
    table_height = 6 * 50 / TEXT_HEIGHT
    if rows[0]:
        # It fits under the filler: at the usual spacing, or set closer.
        closer = _filler_pitch(pdf) < _filler_pitch(plain)
        assert closer == (left < table_height), (filler, left)
    else:
        # Moved on: at the usual spacing (setting it closer would not have let it fit).
        assert _filler_pitch(pdf) == pytest.approx(_filler_pitch(plain))
        assert filler >= 22, (filler, left)


def _wrapped(lines: int) -> Paragraph:
    """A paragraph of about `lines` lines, its words numbered."""
    return Paragraph((Run(" ".join(f"wordy{n}" for n in range(lines * 9))),))


def test_pdf_a_paragraph_never_leaves_a_line_alone_at_the_foot_or_the_top_of_a_page():
    # A long paragraph under more and more lines: wherever the page ends in it, two of
    # its lines at least stay on each side (the last line went alone to the next page).
    seen = set()
    for filler in range(26, 36):
        pdf = write_pdf(_document(*_filler(filler), _wrapped(6)), LAYOUT)
        with pdfplumber.open(io.BytesIO(pdf)) as opened:
            counts = [
                len(
                    {round(w["top"]) for w in page.extract_words() if w["text"].startswith("wordy")}
                )
                for page in opened.pages
            ]
        held = [count for count in counts if count]
        assert min(held) >= 2 or len(held) == 1, (filler, counts)
        seen.add(len(held))
    assert seen == {1, 2}, "no case broke the paragraph between pages"


def _listing(rows: int) -> tuple[Heading, Table]:
    """A key's table: a header, rows of one line, not kept whole by the exercise."""
    width = LAYOUT.page.width - 2 * LAYOUT.page.margin
    header = (Cell((Run("Factor", bold=True),)), Cell((Run("Answer"),)))
    body = tuple((Cell((Run(f"Factor {n}"),)), Cell((Run("yes"),))) for n in range(1, rows + 1))
    return Heading("2. Put the events in order", 1), Table((width / 2, width / 2), body, header)


@pytest.mark.parametrize("filler", [20, 24])
def test_a_short_table_with_a_header_moves_whole_in_the_pdf_as_in_the_docx(filler):
    # Room for the heading and a few of its ten rows only: the key's short table is not
    # broken with a few rows under a repeated header on the next page, in either format.
    rows = 10
    document = _document(*_filler(filler), *_listing(rows))
    pages = _factor_pages(write_pdf(document, LAYOUT))
    whole = {"Factor", *(f"Factor {n}" for n in range(1, rows + 1))}
    assert [set(page) for page in pages if page] == [whole]
    keeps = [keep for _, _, keep in _rows(_tables(write_docx(document, LAYOUT, Audience()))[0])]
    assert keeps == [True] * rows + [False]


def _extended(lines: int) -> tuple:
    """The extended answer as the sheet has it: a conditional page break, its heading,
    the question, and lines that fill the page they end on."""
    return (
        PageBreak(unless_fits=True),
        Heading("5. Extended answer", 1),
        Paragraph((Run("Why did Khrushchev pursue Peaceful Coexistence?", bold=True),)),
        WritingLines(lines, 24.0, fill_page=True),
    )


def _heading_pages_and_rules(pdf: bytes) -> tuple[list[int], list[int]]:
    """The pages (from 0) that print 'Extended answer', and each page's ruled lines."""
    headed, rules = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        for number, page in enumerate(opened.pages):
            if "Extended answer" in (page.extract_text() or ""):
                headed.append(number)
            rules.append(
                sum(
                    1
                    for line in page.lines
                    if abs(line["y0"] - line["y1"]) < 0.1
                    and line["x1"] - line["x0"] > 0.9 * (page.width - 2 * LAYOUT.page.margin)
                )
            )
    return headed, rules


@pytest.mark.parametrize("filler", [10, 14])
def test_pdf_the_extended_answer_starts_on_a_page_with_a_third_or_more_left(filler):
    # Its twenty lines do not fit under half a page of text, but that half page is worth
    # writing on: the answer starts there and its lines run on to fill the next page.
    pdf = write_pdf(_document(*_filler(filler), *_extended(20)), LAYOUT)
    headed, rules = _heading_pages_and_rules(pdf)
    assert headed == [0]
    alone = _heading_pages_and_rules(write_pdf(_document(*_filler(filler)), LAYOUT))[1]
    assert len(rules) == 2 and rules[0] >= alone[0] + 3
    assert rules[0] + rules[1] >= 20
    assert rules[1] >= (TEXT_HEIGHT - 24.0) // 24.0  # the next page is full of lines


def test_pdf_lines_a_few_short_of_their_count_are_set_closer_instead_of_a_page_more():
    # Twenty lines asked for, seventeen to nineteen of which fit under the question: the
    # last few ran on, and filled a page of their own. Set a little closer, all twenty fit.
    closer = []
    for filler in range(4, 30):
        alone = _heading_pages_and_rules(
            write_pdf(_document(*_filler(filler), *_extended(1)), LAYOUT)
        )
        room = (
            alone[1][0]
            - _heading_pages_and_rules(write_pdf(_document(*_filler(filler)), LAYOUT))[1][0]
        )
        if alone[0] != [0] or not 17 <= room < 20:
            continue
        pdf = write_pdf(_document(*_filler(filler), *_extended(20)), LAYOUT)
        with pdfplumber.open(io.BytesIO(pdf)) as opened:
            assert len(opened.pages) == 1, (filler, room)
            page = opened.pages[0]
            ruled = sorted(
                line["top"]
                for line in page.lines
                if abs(line["y0"] - line["y1"]) < 0.1
                and line["x1"] - line["x0"] > 0.9 * (page.width - 2 * LAYOUT.page.margin)
            )
        pitches = [b - a for a, b in zip(ruled[-20:-1], ruled[-19:], strict=True)]
        assert max(pitches) - min(pitches) < 0.1, pitches  # (evenly)
        assert 24.0 * SQUEEZE - 0.1 <= min(pitches) and max(pitches) < 24.0, (filler, ruled)
        assert ruled[-1] <= LAYOUT.page.height - LAYOUT.page.margin
        closer.append(filler)
    assert closer  # (the case was met)


@pytest.mark.parametrize("filler", [22, 28])
def test_pdf_the_extended_answer_starts_a_new_page_with_less_than_a_third_left(filler):
    pdf = write_pdf(_document(*_filler(filler), *_extended(20)), LAYOUT)
    headed, rules = _heading_pages_and_rules(pdf)
    alone = _heading_pages_and_rules(write_pdf(_document(*_filler(filler)), LAYOUT))[1]
    assert headed == [1] and rules[0] == alone[0] and rules[1] >= 20  # (the title's rule)


def _filler_foot(pdf: bytes) -> float:
    """How far below the top of the first page's text the last filler line ends."""
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[0]
        bottom = max(w["bottom"] for w in page.extract_words() if w["text"] == "Filler")
    return bottom - LAYOUT.page.margin


@pytest.mark.parametrize("filler", range(8, 30, 2))
def test_pdf_the_extended_answer_with_starters_starts_wherever_a_third_of_the_page_is_left(
    filler,
):
    # Its heading, question and a tall box of starters can take all but a line or two of
    # the third of a page left: the answer starts there all the same (those lines under
    # the box, the rest filling the next page), rather than leave the third empty.
    starters = Box("Sentence starters", tuple(f"Starter number {n} …" for n in range(1, 9)))
    heading, question, break_lines = _extended(20)[1], _extended(20)[2], _extended(20)[3]
    pdf = write_pdf(
        _document(
            *_filler(filler), PageBreak(unless_fits=True), heading, question, starters, break_lines
        ),
        LAYOUT,
    )
    headed, rules = _heading_pages_and_rules(pdf)
    alone = write_pdf(_document(*_filler(filler)), LAYOUT)
    left = TEXT_HEIGHT - _filler_foot(alone)
    if headed == [0]:
        assert left >= TEXT_HEIGHT / 3
        # Two lines or more under the box: never one alone, stranded under it.
        assert rules[0] >= _heading_pages_and_rules(alone)[1][0] + 2
    else:
        # Moved on: less than a third left, or no room there for two lines under the box.
        assert headed == [1]
        # (The heading's space above, which a page's top drops, and the filler's below.)
        assert left < TEXT_HEIGHT / 3 or left < _head_and_two_lines(pdf, 1) + 16 + 4


def _head_and_two_lines(pdf: bytes, number: int) -> float:
    """How tall the extended answer's heading, question, starters and two lines stand
    on page `number` (from the heading's top to the second ruled line)."""
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[number]
        top = min(w["top"] for w in page.extract_words() if w["text"] == "Extended")
        rules = sorted(line["top"] for line in page.lines if line["top"] > top)
    return rules[1] - top


def _cell_lines(pdf: bytes) -> list[str]:
    """The text lines of the first page, top to bottom."""
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        return (opened.pages[0].extract_text() or "").splitlines()


@pytest.mark.parametrize(
    ("language", "broken"),
    [("de-DE", ["Volksgemeinschafts-", "verpflichtungserklärung"]), ("zz", None)],
)
def test_pdf_a_word_too_wide_for_its_cell_breaks_at_a_hyphenation_point(language, broken):
    word = "Volksgemeinschaftsverpflichtungserklärung"
    table = Table((150.0, 300.0), ((Cell((Run(word),)), Cell((Run("meaning"),))),))
    document = _document(table)
    document = replace(document, properties=replace(document.properties, language=language))
    lines = _cell_lines(write_pdf(document, LAYOUT))
    pieces = [line.split(" meaning")[0].strip() for line in lines if line.strip()]
    start = next(i for i, piece in enumerate(pieces) if piece.startswith("Volks"))
    parts = pieces[start : start + 3]
    if broken is None:  # no dictionary for the language: cut where the cell ends
        assert "".join(parts[:2]).startswith(word[:30]) and not parts[0].endswith("-")
    else:
        assert parts[0].endswith("-") and parts[0][:-1] + parts[1] == word
    # The word breaks all the same, so its cell keeps its padding off the rule.
    with pdfplumber.open(io.BytesIO(write_pdf(document, LAYOUT))) as opened:
        lefts = [w["x0"] for w in opened.pages[0].extract_words() if w["text"].startswith("Volk")]
    assert lefts and lefts[0] - LAYOUT.page.margin >= 4.5


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        # (cut one letter from the end: 'Arbeitslosenversicherungs-Beitragserhöhun' / 'g')
        (
            (Run("Arbeitslosenversicherungs-Beitragserhöhung"),),
            ["Arbeitslosenversicherungs-", "Beitragserhöhung"],
        ),
        # (pdfplumber reads the subscripts '2 4' as a line of their own)
        (
            (
                Run("H"),
                Run("2", script="sub"),
                Run("SO"),
                Run("4", script="sub"),
                Run("-Konzentrationsbestimmungsverfahren"),
            ),
            ["H SO -", "2 4", "Konzentrationsbestim-", "mungsverfahren"],
        ),
        (
            (Run("Hyper", bold=True), Run("inflationsbekämpfungsmaßnahmen")),
            ["Hyperinflationsbekämp-", "fungsmaßnahmen"],
        ),
        # (Unicode's '₂' and '₄' held the letters after them from every hyphenation point)
        (
            (Run("H₂SO₄Konzentrationsbestimmungsverfahren"),),
            ["H₂SO₄Konzentrationsbestim-", "mungsverfahren"],
        ),
    ],
)
def test_pdf_a_long_word_breaks_after_its_own_hyphen_or_at_a_point_whatever_its_parts(
    content, lines
):
    table = Table((170.0, 300.0), ((Cell(content), Cell((Run("Bedeutung"),))),))
    document = _document(table)
    document = replace(document, properties=replace(document.properties, language="de-DE"))
    found = [line.replace(" Bedeutung", "") for line in _cell_lines(write_pdf(document, LAYOUT))]
    start = found.index(lines[0])
    assert found[start : start + len(lines)] == lines


def test_pdf_a_word_cut_between_letters_leaves_three_or_more_for_its_last_line():
    # "…επιστημονικότατο" / "ς": a word with no hyphenation point left one letter.
    for count in range(20, 60):
        word = "ε" * count
        table = Table((170.0, 300.0), ((Cell((Run(word),)), Cell((Run("Bedeutung"),))),))
        document = _document(table)
        document = replace(document, properties=replace(document.properties, language="de-DE"))
        lines = [
            line.replace(" Bedeutung", "")
            for line in _cell_lines(write_pdf(document, LAYOUT))
            if line.startswith("ε") or line.endswith("ε")
        ]
        assert "".join(lines) == word
        assert len(lines) == 1 or len(lines[-1]) >= 3, (count, lines)


@pytest.mark.parametrize(("language", "hyphenated"), [("de-DE", True), ("zz", False)])
def test_docx_a_word_too_long_for_its_cell_has_soft_hyphens_at_its_hyphenation_points(
    language, hyphenated, tmp_path
):
    word = "Volksgemeinschaftsverpflichtungserklärung"
    table = Table((150.0, 300.0), ((Cell((Run(f"Die {word}"),)), Cell((Run("kurz"),))),))
    document = _document(table, Paragraph((Run(f"{word} im Text"),)))
    document = replace(document, properties=replace(document.properties, language=language))
    docx = write_docx(document, LAYOUT, Audience())
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    cell = xml.split("<w:tc>")[1]
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>|(<w:softHyphen/>)", cell)
    joined = "".join(text or "-" for text, _ in texts)
    if hyphenated:
        assert joined.startswith("Die Volks-") and joined.replace("-", "") == f"Die {word}"
        assert joined.count("-") >= 4  # (a point wherever the dictionary has one)
    else:
        assert joined == f"Die {word}"
    # A word in running text, as wide as the page allows, never gets one.
    assert "<w:softHyphen/>" not in xml.split("</w:tbl>")[1]
    path = tmp_path / "hyphens.docx"
    path.write_bytes(docx)
    validate_docx(path)


# ---------------------------------------------------------------- (a) tables, DOCX


def _tables(docx: bytes) -> list:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as opened:
        root = etree.fromstring(opened.read("word/document.xml"))
    return root.findall(f".//{W}tbl")


def _rows(table) -> list[tuple[bool, bool, bool]]:
    """(header row, cannot split, keeps with the next) for each row."""
    out = []
    for row in table.findall(f"{W}tr"):
        props = row.find(f"{W}trPr")
        keep = all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))
        out.append(
            (props.find(f"{W}tblHeader") is not None, props.find(f"{W}cantSplit") is not None, keep)
        )
    return out


def test_docx_a_long_kept_table_repeats_its_header_and_may_break_between_rows(tmp_path):
    docx = write_docx(_document(*_filler(14), *_ranking(9)), LAYOUT, Audience())
    rows = _rows(_tables(docx)[0])
    assert [header for header, _, _ in rows] == [True] + [False] * 9
    assert all(cannot_split for _, cannot_split, _ in rows)
    keeps = [keep for _, _, keep in rows]
    # The header with two rows, and the last two rows together; free between.
    assert keeps == [True, True, True, False, False, False, False, False, True, False]
    path = tmp_path / "long.docx"
    path.write_bytes(docx)
    pages = _factor_pages(libreoffice_converts(path, tmp_path))
    assert len(pages) == 2 and "Factor" in pages[0] and "Factor" in pages[1]
    assert len([k for k in pages[0] if k != "Factor"]) >= 2


@pytest.mark.parametrize(("filler", "rows"), SHORT_KEPT)
def test_docx_a_short_kept_table_keeps_all_its_rows_together(tmp_path, filler, rows):
    docx = write_docx(_document(*_filler(filler), *_ranking(rows)), LAYOUT, Audience())
    keeps = [keep for _, _, keep in _rows(_tables(docx)[0])]
    assert keeps == [True] * rows + [False]
    path = tmp_path / "short.docx"
    path.write_bytes(docx)
    pages = _factor_pages(libreoffice_converts(path, tmp_path))
    whole = {"Factor", *(f"Factor {n}" for n in range(1, rows + 1))}
    assert [set(page) for page in pages if page] == [whole]


def _cell_text(cell: Cell) -> str:
    return "".join(piece.text for piece in cell.content if isinstance(piece, Run))


@pytest.mark.parametrize("name", ["worksheet", "worksheet-stretch", "worksheet-support"])
def test_a_keys_matching_and_timeline_tables_are_each_on_one_page(name):
    # The thaw's stretch key broke its ten events 8 + 2 over two pages.
    layout = load_layout(name)
    source = load_source(THAW)
    made = assemble(source, layout, Audience(seed=0), load_labels(source.language, layout.labels))
    assert made.key is not None
    tables = [b for b in made.key.blocks if isinstance(b, Table) and b.header]
    asked = {"matching", "timeline"} & set(layout.options.exercises)
    assert len(tables) == len(asked), "a key table for each matching and timeline exercise"
    with pdfplumber.open(io.BytesIO(write_pdf(made.key, layout))) as opened:
        pages = [" ".join(page.extract_text().split()) for page in opened.pages]
    for table in tables:
        # (a cell's first three words, which the row's first line holds together)
        first, last = (" ".join(_cell_text(table.rows[n][-1]).split()[:3]) for n in (0, -1))
        on = {n for n, text in enumerate(pages) for row in (first, last) if row in text}
        assert len(on) == 1, f"{first!r} … {last!r} are on pages {sorted(on)}"


def test_a_strong_answers_label_keeps_with_its_list_wherever_the_page_ends():
    # The photosynthesis key left "A strong answer:" at the foot of a page and its list
    # on the next.
    layout = load_layout("worksheet")
    source = load_source(THAW)
    made = assemble(source, layout, Audience(seed=0), load_labels(source.language, layout.labels))
    assert made.key is not None
    blocks = made.key.blocks
    label = next(i for i, b in enumerate(blocks) if _text(b) == "A strong answer:")
    extended = blocks[label - 1 :]
    # (the question's style keeps it with what follows in every format; the label keeps
    # with the first point, and that with the second)
    assert [b.keep_with_next for b in extended[1:]] == [True, True, False, False]
    tried = 0
    for filler in range(24, 31):
        document = _document(*_filler(filler), *extended)
        with pdfplumber.open(io.BytesIO(write_pdf(document, LAYOUT))) as opened:
            pages = [page.extract_text() for page in opened.pages]
        holding = [n for n, text in enumerate(pages) if "A strong answer:" in text]
        first = [n for n, text in enumerate(pages) if "explains several factors" in text]
        assert holding == first, f"with {filler} lines above: label {holding}, list {first}"
        tried += len(pages) > 1
    assert tried, "no case put the page's end near the label"


def test_docx_a_strong_answers_label_keeps_with_its_list_in_libreoffice(tmp_path):
    # The Spanish key left "Una buena respuesta:" at the foot of page 2 in LibreOffice,
    # its list on page 3: with the whole list in one keep-with-next chain, LibreOffice
    # let the label go (though the page had room for the label and a point).
    source = load_source(DATA / "worksheet" / "inmigracion-es.yaml")
    for name in ("worksheet", "worksheet-stretch"):
        layout = load_layout(name)
        labels = load_labels(source.language, layout.labels)
        made = assemble(source, layout, Audience(seed=0), labels)
        assert made.key is not None
        path = tmp_path / f"{name}.docx"
        path.write_bytes(write_docx(made.key, layout, Audience(seed=0)))
        pages = pdftotext(libreoffice_converts(path, tmp_path / name)).split("\f")
        holding = [n for n, text in enumerate(pages) if "Una buena respuesta:" in text]
        first = [n for n, text in enumerate(pages) if "explica varios factores" in text]
        assert holding and first, f"{name}: the key has no strong answer"
        assert holding == first, f"{name}: label on page {holding}, list on {first}"


def _text(block) -> str:
    return "".join(p.text for p in getattr(block, "content", ()) if isinstance(p, Run))


# ---------------------------------------------------------------- (b) gaps


@pytest.fixture(scope="module", params=["worksheet", "worksheet-support", "worksheet-stretch"])
def thaw(request):
    """The thaw sheet of one tier as PDF and DOCX, with its answers by gap number."""
    layout = load_layout(request.param)
    source = load_source(THAW)
    made = assemble(source, layout, Audience(seed=5), load_labels(source.language, layout.labels))
    answers = {}
    for block in made.sheet.blocks:
        for piece in getattr(block, "content", ()):
            if isinstance(piece, Blank):
                answers[piece.number] = piece.answer
    return (
        layout,
        answers,
        write_pdf(made.sheet, layout),
        write_docx(made.sheet, layout, Audience(seed=5)),
    )


_PDF_BLANK = re.compile(r"\((\d+)\)[\s\xa0]?(\S?)(_+)")


def _pdf_blanks(pdf: bytes) -> dict[int, tuple[int, float]]:
    """Gap number → (underscores, the blank's printed width in points)."""
    found: dict[int, tuple[int, float]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        for page in opened.pages:
            lines: dict[float, list] = {}
            for char in page.chars:
                lines.setdefault(round(char["top"]), []).append(char)
            for chars in lines.values():
                chars.sort(key=lambda c: c["x0"])
                text = "".join(c["text"] for c in chars)
                for match in _PDF_BLANK.finditer(text):
                    start, end = match.start(2), match.end(3)
                    length = end - start
                    found[int(match.group(1))] = (length, chars[end - 1]["x1"] - chars[start]["x0"])
    return found


def _docx_blanks(docx: bytes) -> dict[int, int]:
    """Gap number → the blank's length in characters (hint and underscores)."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as opened:
        root = etree.fromstring(opened.read("word/document.xml"))
    found = {}
    for paragraph in root.iter(f"{W}p"):
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        for match in _PDF_BLANK.finditer(text):
            found[int(match.group(1))] = len(match.group(2)) + len(match.group(3))
    return found


def test_every_gap_has_room_to_write_its_answer_by_hand(thaw):
    layout, answers, pdf, _ = thaw
    blanks = _pdf_blanks(pdf)
    assert set(blanks) == set(answers)
    width = layout.page.width - 2 * layout.page.margin
    shortest = layout.options.blank_length * layout.font.size * 0.5
    for number, (_, printed) in blanks.items():
        needed = min(len(answers[number]) * HANDWRITING, width - LINE_ROOM - 2 * layout.font.size)
        narrower = layout.font.size * 0.5  # a hint letter may be narrower than an underscore
        assert printed >= needed - narrower, (answers[number], printed, needed)
        assert printed >= shortest - narrower
        assert printed <= width - LINE_ROOM + 0.5, "a blank longer than a gap line holds"
    # A longer answer never gets a shorter gap.
    ordered = sorted(blanks, key=lambda n: len(answers[n]))
    lengths = [blanks[n][0] for n in ordered]
    assert lengths == sorted(lengths)
    assert lengths[-1] > lengths[0] * 1.5, "long answers get no more room than short ones"


def test_the_docx_prints_every_gap_as_long_as_the_pdf(thaw):
    _, answers, pdf, docx = thaw
    in_pdf = {number: length for number, (length, _) in _pdf_blanks(pdf).items()}
    assert _docx_blanks(docx) == in_pdf
    assert set(in_pdf) == set(answers)


def test_pdf_a_picture_that_moves_to_the_next_page_takes_its_groups_last_line():
    # The picture closes its group; alone at the top of the next page it read as the
    # picture of the group that follows it there.
    png = io.BytesIO()
    Picture.new("RGB", (400, 300), "green").save(png, "PNG")
    last = Paragraph((Run("The group's last line"),), keep_with_next=True)
    picture = Figure(png.getvalue(), "A green field", 300.0, 225.0)
    pdf = write_pdf(_document(*_filler(24), last, picture, Heading("Next group", 2)), LAYOUT)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        texts = [page.extract_text() or "" for page in opened.pages]
        images = [len(page.images) for page in opened.pages]
    assert images == [0, 1]
    assert "The group's last line" in texts[1] and "The group's last line" not in texts[0]


def test_docx_a_picture_does_not_keep_with_the_exercise_after_it(tmp_path):
    # The picture closing a gap fill kept with the next exercise's heading, and that with
    # its table: LibreOffice moved the whole chain on, leaving half of page 1 empty.
    png = io.BytesIO()
    Picture.new("RGB", (400, 300), "green").save(png, "PNG")
    last = Paragraph((Run("The group's last line"),), keep_with_next=True)
    picture = Figure(png.getvalue(), "A green field", 300.0, 225.0)
    document = _document(*_filler(4), last, picture, *_ranking(24))
    docx = write_docx(document, LAYOUT, Audience())
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    drawing = body[: body.index("<w:drawing")]
    assert "<w:keepNext/>" not in drawing[drawing.rindex("<w:p>") :]
    path = tmp_path / "picture.docx"
    path.write_bytes(docx)
    pages = pdftotext(libreoffice_converts(path, tmp_path)).split("\f")
    assert "The group's last line" in pages[0] and "Factor 1" in pages[0]


def test_the_sheets_paragraph_before_a_picture_keeps_with_it():
    source = load_source(Path(__file__).parent / "data" / "images" / "photosynthesis.yaml")
    made = assemble(source, LAYOUT, Audience(seed=1), load_labels("en-GB", LAYOUT.labels))
    blocks = made.sheet.blocks
    pictures = [i for i, block in enumerate(blocks) if isinstance(block, Figure)]
    assert pictures
    for index in pictures:
        assert isinstance(blocks[index - 1], Paragraph) and blocks[index - 1].keep_with_next


def _large(size: float):
    layout = load_layout("worksheet")
    # (set here, not in a file: no line of a layout file sets this size)
    return replace(layout, font=replace(layout.font, size=size, min_size=size), size_mark=None)


def test_a_word_bank_taller_than_the_rest_of_the_page_runs_on_to_the_next():
    # In 24 pt type the thaw's word bank is taller than a page: the build stopped with an
    # internal error. (A long bank in 12 pt left page 1 with the title alone.)
    from revpack.writers import render

    source = load_source(THAW)
    [sheet, _] = render(source, _large(24), Audience(seed=0), "pdf")
    with pdfplumber.open(io.BytesIO(sheet.data)) as opened:
        pages = [" ".join(page.extract_text().split()) for page in opened.pages[:3]]
    assert "1. Fill the gaps" in pages[0] and "Word bank" in pages[0]
    fill = assemble(source, _large(24), Audience(seed=0), load_labels("en-GB")).sheet
    bank = next(b for b in fill.blocks if isinstance(b, WordBank))
    # The box's words: after its title on page 1, before the first sentence on page 2.
    boxes = [pages[0].split("Word bank", 1)[1].split(), pages[1].split("After Stalin")[0].split()]
    placed = [
        next(n for n, box in enumerate(boxes) if set(word.split()) <= set(box))
        for word in bank.words
    ]
    assert placed == sorted(placed) and set(placed) == {0, 1}, placed


def test_a_row_taller_than_a_page_is_a_one_line_problem():
    from revpack.problems import RenderError
    from revpack.writers import render

    with pytest.raises(RenderError) as raised:
        render(load_source(THAW), _large(40), Audience(seed=0), "pdf")
    assert str(raised.value) == (
        f"{THAW}:1:1: worksheet: at 40 pt a row of one of the worksheet's tables is taller "
        "than a page; give the layout a smaller font size"
    )


def test_a_row_taller_than_a_page_is_reported_where_the_layout_sets_the_size(tmp_path):
    # A colleague's layout at 48 pt was reported at the teacher's notes, line 1.
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "huge.yaml").write_text(
        "extends: worksheet\nfont:\n  size: 40\n  min_size: 40\n", "utf-8"
    )
    done = revpack("build", THAW, "--layouts", layouts, "-l", "huge", "-f", "pdf", "-o", tmp_path)
    assert done.returncode == 1
    assert (
        f"{layouts / 'huge.yaml'}:3:9: huge: at 40 pt a row of one of the worksheet's tables"
        in done.stderr
    ), done.stderr


LONG_ANSWERS = """title: Macbeth
factors:
  - title: Guilt
    points:
      - Lady Macbeth cries ==“Out, damned spot! Out, I say! One, two, why, then, 'tis time”==.
      - ==“Will all great Neptune's ocean wash this blood clean from my hand?”==
      - The ==“instruments of darkness tell us truths, win us with honest trifles”== to betray us.
"""


@pytest.mark.parametrize("tier", ["worksheet", "worksheet-support"])
def test_a_blank_as_long_as_a_line_holds_fits_the_docxs_line_too(tmp_path, tier):
    # The longest blank was measured with the PDF's underscore; Arial's is wider, and in
    # LibreOffice the blank ran past the line: '__.' alone on the next one.
    source = tmp_path / "macbeth.yaml"
    source.write_text(LONG_ANSWERS, "utf-8")
    made = assemble(load_source(source), load_layout(tier), Audience(seed=0), load_labels("en-GB"))
    path = tmp_path / "sheet.docx"
    path.write_bytes(write_docx(made.sheet, load_layout(tier), Audience(seed=0)))
    text = pdftotext(libreoffice_converts(path, tmp_path), layout=True)
    lines = [line.strip() for line in text.splitlines()]
    for number in (1, 2, 3):
        at = next(i for i, line in enumerate(lines) if f"({number})" in line)
        assert re.search(r"\(\d+\)\s*\w?_{40,}", lines[at]), lines[at]
        following = lines[at + 1] if at + 1 < len(lines) else ""
        assert not re.match(r"_+", following), (lines[at], following)


def _quotations(count: int) -> str:
    points = "".join(
        f"      - Line {n} says ==“words upon words, quoted at length, number {n}”== here.\n"
        for n in range(1, count + 1)
    )
    return f"title: Quotations\nfactors:\n  - title: Lines\n    points:\n{points}"


@pytest.mark.parametrize("count", [30, 46, 80])
def test_a_long_list_of_answers_reads_down_its_columns_on_every_page(tmp_path, count):
    # One long table broken between pages read 1–12, 17–28, 33–44 on the first page and
    # 13–16, 29–32, 45–46 on the next: a teacher reading down a column turned the page.
    source = tmp_path / "quotations.yaml"
    source.write_text(_quotations(count), "utf-8")
    layout = load_layout("worksheet-stretch")
    made = assemble(load_source(source), layout, Audience(seed=0), load_labels("en-GB"))
    with pdfplumber.open(io.BytesIO(write_pdf(made.key, layout))) as opened:
        pages = []
        for page in opened.pages:
            words = page.extract_words()
            pages.append(
                [int(w["text"][1:-1]) for w in words if re.fullmatch(r"\(\d+\)", w["text"])]
            )
    numbers = [n for page in pages for n in page]
    assert sorted(numbers) == list(range(1, count + 1))
    for page in pages:
        if page:
            assert sorted(page) == list(range(min(page), max(page) + 1)), pages


DATED = """title: Storms
factors:
  - title: Wind
    points: [Winds exceed ==157 mph==.]
timeline:
  - when: "c. 2000 BC"
    what: Sediment layers record a great prehistoric hurricane.
  - when: "8 November 2013"
    what: Typhoon Haiyan devastates Tacloban in the Philippines.
  - when: "September 2017"
    what: Hurricane Maria leaves Puerto Rico without power for months.
"""


def test_a_date_column_holds_its_longest_date(tmp_path):
    # "8 November / 2013" and "September / 2017" wrapped in the key's date column, and
    # the stretch sheet left about 1.8 cm to write a date by hand.
    source = tmp_path / "storms.yaml"
    source.write_text(DATED, "utf-8")
    layout = load_layout("worksheet-stretch")
    made = assemble(load_source(source), layout, Audience(seed=0), load_labels("en-GB"))
    with pdfplumber.open(io.BytesIO(write_pdf(made.key, layout))) as opened:
        lines = [
            " ".join(line["text"].split()) for p in opened.pages for line in p.extract_text_lines()
        ]
    for date in ("8 November 2013", "September 2017", "c. 2000 BC"):
        assert any(date in line for line in lines), (date, lines)
    [table] = [b for b in made.sheet.blocks if isinstance(b, Table) and len(b.widths) == 4]
    width = layout.page.width - 2 * layout.page.margin
    assert table.widths[3] >= min(len("8 November 2013") * HANDWRITING, 0.3 * width)


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_a_ranking_too_tall_for_a_page_with_its_heading_breaks_under_it(tmp_path, extension):
    # Large print: the ranking of nine factors fits a page alone but not under its heading
    # and instruction. Kept whole, it moved to the next page and left them alone on one.
    source = DATA / "sources" / "heat-capacity.yaml"
    done = revpack(
        "build", source, "-l", "worksheet-large-print", "-f", extension, "-o", tmp_path, "-q"
    )
    assert done.returncode == 0, done.stderr
    built = tmp_path / f"heat-capacity-worksheet-large-print.{extension}"
    pdf = libreoffice_converts(built, tmp_path) if extension == "docx" else built
    pages = pdftotext(pdf).split("\f")
    first = next(page for page in pages if "Rank the factors" in page)
    assert "Mass" in first.split("Rank the factors", 1)[1], first
