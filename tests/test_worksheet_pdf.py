"""The worksheet and its key as PDF (revpack.writers.pdf.worksheet): built in every standard
tier from the thaw source and the unseen sources in tests/data/worksheet, read back and
compared with the DOCX built with the same seed."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import docx
import pdfplumber
import pytest
from pypdf import PdfReader

import revpack as api
from helpers import DATA, THAW, fonts_embedded, need, qpdf_check
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.worksheet.assemble import assemble
from revpack.worksheet.document import (
    Blank,
    Document,
    Figure,
    NameLine,
    Paragraph,
    Properties,
    Run,
    Table,
    WordBank,
    WritingLines,
)
from revpack.writers import render
from revpack.writers.pdf.worksheet import KEY_SPACING, write_document
from revpack.writers.pdf.worksheet_text import SINGLE

TIERS = (
    "worksheet",
    "worksheet-support",
    "worksheet-stretch",
    "worksheet-dyslexia",
    "worksheet-large-print",
)
SOURCES = (
    THAW,
    *(
        DATA / "worksheet" / f"{name}.yaml"
        for name in ("chemistry", "markup", "minimal", "no-marks", "russia")
    ),
)
CASES = [(source.stem, tier) for source in SOURCES for tier in TIERS]
BLANK = re.compile(r"\((\d+)\)\s?[^\s_]{0,2}_{3,}")
"""A numbered gap as text: '(7) ______' or, with a hint, '(7) P_____' ('(7) £2_____')."""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every tier of every source, as PDF and as DOCX, with the same seed."""
    out = tmp_path_factory.mktemp("worksheets")
    result = api.build(
        list(SOURCES),
        layouts=list(TIERS),
        formats=["pdf", "docx"],
        out=out,
        jobs=2,
        audience=Audience("10B", "Ms Khan", seed=7),
    )
    assert result.ok, result.failed
    return out


@pytest.fixture(scope="module")
def libreoffice(built: Path) -> Path:
    """LibreOffice's PDFs of every DOCX, from one run."""
    soffice = need("soffice")
    folder = built / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{built / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sorted(built.glob("*.docx"))),
        ],
        capture_output=True,
        timeout=600,
    )
    return folder


def _files(built: Path, stem: str, tier: str) -> list[Path]:
    return [
        p
        for p in (built / f"{stem}-{tier}.pdf", built / f"{stem}-{tier}-answers.pdf")
        if p.exists()
    ]


def _pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as opened:
        return [page.extract_text() or "" for page in opened.pages]


def _docx_text(path: Path) -> str:
    """Every paragraph of a DOCX, tables included, in document order."""
    document = docx.Document(str(path))
    body = document.element.body
    return "\n".join(
        "".join(
            t.text or ""
            for t in p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        )
        for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_every_tier_is_a_valid_pdf_with_every_font_embedded(built, stem, tier):
    files = _files(built, stem, tier)
    assert files
    for pdf in files:
        qpdf_check(pdf)
        assert all(name.split("+")[-1].startswith("DejaVuSans") for name in fonts_embedded(pdf))


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_page_count_is_within_one_of_the_docx_in_libreoffice(built, libreoffice, stem, tier):
    for pdf in _files(built, stem, tier):
        theirs = libreoffice / pdf.name
        assert theirs.exists(), f"LibreOffice could not convert {pdf.stem}.docx"
        mine, lo = len(PdfReader(pdf).pages), len(PdfReader(theirs).pages)
        assert abs(mine - lo) <= 1, (pdf.name, mine, lo)


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_gap_numbers_are_those_of_the_docx(built, stem, tier):
    pdf = "\n".join(_pages(built / f"{stem}-{tier}.pdf"))
    word = _docx_text(built / f"{stem}-{tier}.docx")
    numbers = [int(n) for n in BLANK.findall(pdf)]
    assert numbers == [int(n) for n in BLANK.findall(word)]
    # In reading order: 1, 2, 3, … (a term that recurs unmarked, which a sheet without a
    # word bank blanks wherever it stands, is a blank with its number in between; a
    # heading that is a term, hidden under its number, is met before the gaps under it).
    count = len(set(numbers))
    assert set(numbers) == set(range(1, count + 1))
    met = [int(n) for n in re.findall(r"\((\d+)\)", pdf) if int(n) <= count]
    reading = iter(met)
    assert all(n in reading for n in range(1, count + 1))


def _word_bank(path: Path) -> list[str]:
    for table in docx.Document(str(path)).tables:
        cells = [c.text.strip() for row in table.rows for c in row.cells]
        if cells and cells[0] == "Word bank":
            return [c for c in cells[1:] if c and c != "Word bank"]
    return []


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_word_bank_order_is_that_of_the_docx(built, stem, tier):
    words = _word_bank(built / f"{stem}-{tier}.docx")
    text = "\n".join(_pages(built / f"{stem}-{tier}.pdf"))
    if not words:
        assert "Word bank" not in text
        return
    # (the running header and footer left out: a bank longer than half a page, as in
    # large print, runs on over the page)
    body = "\n".join(
        "\n".join(page.splitlines()[(1 if index else 0) : -1])
        for index, page in enumerate(_pages(built / f"{stem}-{tier}.pdf"))
    )
    after = body.split("Word bank", 1)[1].replace("Word bank (continued)", "")
    # The words read across the rows, so the bank's lines hold them in order.
    assert _squash(after).startswith(_squash("".join(words)))


def test_a_bank_run_on_to_the_next_page_is_headed_there(built):
    # At 16 pt the thaw sheet's bank put five words at the top of page 2 under no
    # heading: a student scanning page 1 for a word missed them.
    pages = _pages(built / "thaw-worksheet-large-print.pdf")
    assert "Word bank" in pages[0] and "Word bank (continued)" not in pages[0]
    assert pages[1].splitlines()[1] == "Word bank (continued)"
    single = _pages(built / "thaw-worksheet.pdf")
    assert not any("(continued)" in page for page in single)
    with zipfile.ZipFile(built / "thaw-worksheet-large-print.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    bank = xml[: xml.index(">Word bank<")]
    assert bank[bank.rindex("<w:tr>") :].startswith("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/>")


def _tables(pdf: Path) -> list[list[str]]:
    """Every row of every ruled table with more than one column, a header row repeated
    on a later page counted once."""
    rows, headers = [], set()
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages:
            for table in page.extract_tables():
                if len(table[0]) < 2:
                    continue
                cells = [[" ".join((c or "").split()) for c in row] for row in table]
                if tuple(cells[0]) in headers:
                    cells = cells[1:]
                else:
                    headers.add(tuple(cells[0]))
                rows += cells
    return rows


def _docx_tables(path: Path) -> list[list[str]]:
    rows = []
    for table in docx.Document(str(path)).tables:
        cells = [[" ".join(c.text.split()) for c in row.cells] for row in table.rows]
        if len(cells[0]) < 2 or cells[0][0] == "Word bank":
            continue
        rows += cells
    return rows


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_tables_and_answers_are_those_of_the_docx(built, stem, tier):
    """Matching letters, timeline letters, the ranking table and, in the key, every gap's
    answer and every match: cell for cell the DOCX's."""
    for suffix in ("", "-answers"):
        pdf = built / f"{stem}-{tier}{suffix}.pdf"
        if pdf.exists():
            assert _tables(pdf) == _docx_tables(built / f"{stem}-{tier}{suffix}.docx")


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_the_key_holds_every_gaps_answer(built, stem, tier):
    key = built / f"{stem}-{tier}-answers.pdf"
    source = load_source(next(s for s in SOURCES if s.stem == stem))
    made = assemble(source, load_layout(tier), Audience("10B", "Ms Khan", seed=7), load_labels())
    # (A repeat's blank holds the words it stands for as written there: 'discharge' or
    # 'Sphere of influence' for the gap whose answer is 'Discharge' or 'spheres of
    # influence'; the key gives one of them.)
    answers: dict[int, set[str]] = {}
    for block in made.sheet.blocks:
        if isinstance(block, Paragraph):
            for b in block.content:
                if isinstance(b, Blank):
                    answers.setdefault(b.number, set()).add(b.answer.casefold())
    found = {}
    for row in _tables(key):
        for number, answer in zip(row[::2], row[1::2], strict=False):
            if re.fullmatch(r"\(\d+\)", number):
                found[int(number[1:-1])] = answer.casefold()
    assert found.keys() == answers.keys()
    assert all(found[number] in said for number, said in answers.items())


def _model(stem: str, tier: str):
    source = load_source(next(s for s in SOURCES if s.stem == stem))
    return assemble(source, load_layout(tier), Audience("10B", "Ms Khan", seed=7), load_labels())


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_no_table_row_is_split_across_pages(built, stem, tier):
    made = _model(stem, tier)
    for document, pdf in (
        (made.sheet, f"{stem}-{tier}.pdf"),
        (made.key, f"{stem}-{tier}-answers.pdf"),
    ):
        if document is None:
            continue
        pages = [Counter(page.split()) for page in _pages(built / pdf)]
        for block in document.blocks:
            if not isinstance(block, Table):
                continue
            for row in block.rows:
                words = Counter(
                    " ".join(
                        "".join(p.text for p in c.content if isinstance(p, Run)) for c in row
                    ).split()
                )
                # Every word of the row on one page (a row's cells wrap side by side,
                # so the page's text holds them interleaved).
                assert any(not words - page for page in pages), words


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_blanks_leave_room_to_write_by_hand(built, stem, tier):
    size = load_layout(tier).font.size
    with pdfplumber.open(built / f"{stem}-{tier}.pdf") as pdf:
        for page in pdf.pages:
            lines: dict[float, list] = {}
            for char in page.chars:
                if char["text"] == "_":
                    lines.setdefault(round(char["top"], 1), []).append(char)
            for chars in lines.values():
                runs = _runs(chars)
                for first, last in runs:
                    assert last - first >= 25 * 72 / 25.4 * 0.9, "a blank shorter than 22 mm"
            tops = sorted(lines)
            gaps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
            assert all(gap >= size * 1.5 for gap in gaps), gaps


def _runs(chars: list[dict]) -> list[tuple[float, float]]:
    """(x0, x1) of each unbroken run of underscores."""
    chars = sorted(chars, key=lambda c: c["x0"])
    runs = [[chars[0]["x0"], chars[0]["x1"]]]
    for char in chars[1:]:
        if char["x0"] - runs[-1][1] < 1:
            runs[-1][1] = char["x1"]
        else:
            runs.append([char["x0"], char["x1"]])
    return [tuple(r) for r in runs]


def _only_lines_fill(page, margin: float) -> float | None:
    """How much of the page ruled lines cover when they are all its body holds (None when
    it holds text)."""
    body = [
        w
        for w in page.extract_words()
        if margin * 0.9 < w["top"] and w["bottom"] < page.height - margin * 0.9
    ]
    if body:
        return None
    rules = [
        e
        for e in page.edges
        if e["orientation"] == "h" and margin * 0.9 < e["top"] < page.height - margin * 0.9
    ]
    if not rules:
        return 0.0
    return (max(e["top"] for e in rules) - min(e["top"] for e in rules)) / page.height


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_no_sheet_ends_on_a_page_of_a_few_ruled_lines(built, libreoffice, stem, tier):
    margin = load_layout(tier).page.margin
    for pdf in (built / f"{stem}-{tier}.pdf", libreoffice / f"{stem}-{tier}.pdf"):
        with pdfplumber.open(pdf) as opened:
            covered = _only_lines_fill(opened.pages[-1], margin)
        assert covered is None or covered >= 1 / 3, (pdf, covered)


def test_the_extended_answers_lines_run_to_the_foot_of_the_page(built):
    layout = load_layout("worksheet")
    with pdfplumber.open(built / "thaw-worksheet.pdf") as pdf:
        page = pdf.pages[-1]
        rules = [e for e in page.edges if e["orientation"] == "h"]
    lowest = max(e["top"] for e in rules)
    pitch = max(layout.font.size * 2.3, 24)
    assert page.height - layout.page.margin - pitch <= lowest <= page.height - layout.page.margin


def test_metadata_and_language_come_from_the_model(built):
    reader = PdfReader(built / "thaw-worksheet.pdf")
    meta = reader.metadata
    assert meta.title == "The Thaw and Peaceful Coexistence"
    assert meta.author == "Ms Khan"
    assert meta.subject == "Why did Khrushchev pursue Peaceful Coexistence?"
    assert "10B" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_header_footer_and_page_numbers(built):
    pages = _pages(built / "thaw-worksheet.pdf")
    for number, text in enumerate(pages, 1):
        assert text.splitlines()[0].startswith("The Thaw and Peaceful Coexistence")
        assert "Class 10B · Ms Khan" in text.splitlines()[0]
        assert text.rstrip().endswith(f"Page {number} of {len(pages)}")
        assert "Worksheet (worksheet, version 7)" in text


def test_the_same_input_gives_the_same_bytes(built, tmp_path):
    api.build(
        [THAW],
        layouts=["worksheet"],
        formats=["pdf"],
        out=tmp_path,
        jobs=1,
        audience=Audience("10B", "Ms Khan", seed=7),
    )
    for name in ("thaw-worksheet.pdf", "thaw-worksheet-answers.pdf"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()


def _document(*blocks, student=None) -> Document:
    return Document(
        "A <b>title</b> & more",
        "",
        NameLine("Name", "Class", "Date", student, "7C"),
        blocks,
        ("A title", ""),
        "small print",
        "Page {page} of {pages}",
        Properties("A title", "Subject", "revpack", "", "Worksheet", "", "fr"),
        False,
    )


def test_a_students_name_and_class_print_on_the_name_line(tmp_path):
    pdf = tmp_path / "named.pdf"
    pdf.write_bytes(write_document(_document(student="Amira Khan"), load_layout("worksheet")))
    first = _pages(pdf)[0]
    assert "Name Amira Khan" in first and "Class 7C" in first
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "fr"


LONG_NAMES = (
    ("Zoë Łukasiewicz-Montgomery-Featherstonehaugh", "7C"),
    ("Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen", "7C"),
    # (a long class ran through 'Date', beside a short name or a long one)
    ("Bo Li", "11 Higher History Group B"),
    ("Maximiliana Konstantinopoulou-Wetherington", "10X/Hi2 History (Set 2)"),
)


def test_a_one_word_name_too_long_for_the_header_is_cut_not_lost(tmp_path):
    # The header's right-hand side was '…' alone, on every page of the sheet and its key.
    name = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafe"
    document = _document(student=name)
    document = replace(document, header=("A title", f"{name} · Class 7C · Mr Smith"))
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(write_document(document, load_layout("worksheet")))
    with pdfplumber.open(pdf) as opened:
        words = opened.pages[0].extract_words()
    header = " ".join(w["text"] for w in words if w["top"] < 40)
    assert name[:30] in header and header.endswith("…")


@pytest.mark.parametrize("size", [None, 18.0])
def test_nothing_on_the_name_line_overlaps_or_passes_the_margin_in_large_type(tmp_path, size):
    # At 18 pt a long name ran under 'Klasse', the class under 'Datum', 'Datum' past the
    # margin.
    layout = load_layout("worksheet-support")
    if size is not None:
        layout = replace(layout, font=replace(layout.font, size=size, min_size=size))
    document = _document(student="Jean-Baptiste de La Rochefoucauld-Liancourt")
    line = replace(document.name_line, class_name="10X/Hi2 History (Set 2) Thursday group")
    pdf = tmp_path / "large.pdf"
    pdf.write_bytes(write_document(replace(document, name_line=line), layout))
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        date = next(w for w in page.extract_words() if w["text"] == "Date")
        row = sorted(
            (c for c in page.chars if abs(c["bottom"] - date["bottom"]) < _row_tolerance(layout)),
            key=lambda c: c["x0"],
        )
    for a, b in itertools.pairwise(row):
        assert b["x0"] >= a["x1"] - 0.5, f"{a['text']!r} under {b['text']!r}"
    assert row[-1]["x1"] <= layout.page.width - layout.page.margin + 0.5


def _row_tolerance(layout) -> float:
    return layout.font.size * 0.8


@pytest.mark.parametrize(("name", "class_name"), LONG_NAMES)
def test_a_long_name_keeps_to_its_field_and_the_header_to_its_line(tmp_path, name, class_name):
    document = _document(student=name)
    document = replace(document, name_line=replace(document.name_line, class_name=class_name))
    title = "Rates of Reaction and Equilibrium"
    who = f"{name} · Class {class_name} · Mrs O'Neill-Brown"
    document = replace(document, header=(title, who))
    pdf = tmp_path / "named.pdf"
    pdf.write_bytes(write_document(document, load_layout("worksheet")))
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        lines: dict[int, list[dict]] = {}
        for char in page.chars:
            lines.setdefault(round(char["top"] / 4), []).append(char)
        for row in lines.values():  # no two characters of a line drawn over each other
            row.sort(key=lambda c: c["x0"])
            for a, b in itertools.pairwise(row):
                assert b["x0"] >= a["x1"] - 0.5, f"{a['text']!r} under {b['text']!r}"
        words = page.extract_words()
    text = "".join(_pages(pdf)[0].split())
    assert "".join(f"Name {name}".split()) in text  # the name in full on its line
    label = next(w for w in words if w["text"] == "Class" and w["top"] > 60)
    # (on the Name label's row: before 'Class', or, too long to keep at 85 % of the type
    # size beside it, a row of its own above it)
    first = next(w for w in words if w["text"] == "Name" and w["top"] > 60)
    named = [
        w
        for w in words
        if abs(w["bottom"] - first["bottom"]) < 3
        and (w["x0"] < label["x0"] or label["bottom"] - first["bottom"] > 3)
    ]
    assert named[-1]["text"].endswith(name.split()[-1][-6:])
    assert first["bottom"] <= label["bottom"] + 0.5
    date = next(w for w in words if w["text"] == "Date" and w["top"] > 60)
    classed = [w for w in words if abs(w["bottom"] - date["bottom"]) < 3 and w["x0"] < date["x0"]]
    assert classed[-1]["text"] == class_name.split()[-1]  # the class in full, before 'Date'
    assert "".join(class_name.split()) in text
    header = [w for w in words if w["top"] < 40]
    assert header[0]["text"] == "Rates"  # (cut short with '…' where both do not fit)
    # The student and the class, which match a page or a key to its sheet, stay first.
    said = " ".join(w["text"] for w in header)
    assert name.split()[0] in said and "Class" in said


def test_large_print_keeps_the_matching_and_the_ordering_on_one_page_each(built):
    # At 16 pt the thaw sheet's matching table (7 terms) ran 2 rows at the foot of one
    # page and 5 on the next, and its ordering 6 + 4: each over half a page, so split.
    source = load_source(THAW)
    pages = ["".join(p.split()) for p in _pages(built / "thaw-worksheet-large-print.pdf")]

    def page_of(text: str) -> int:
        squashed = "".join(text.split()[:3])  # (its first words: no line break in them)
        return next(i for i, page in enumerate(pages) if squashed in page)

    meanings = {page_of(term.meaning.plain) for term in source.terms}
    events = {page_of(event.what.plain) for event in source.timeline}
    assert len(meanings) == 1 and len(events) == 1, (meanings, events)


@pytest.mark.parametrize("layout", ["worksheet-large-print", "worksheet-dyslexia", "worksheet"])
def test_a_long_name_takes_a_row_of_its_own_rather_than_shrink(tmp_path, layout):
    # On the large-print sheet 'Maximilian Alexander Featherstonehaugh-Oyelaran' was set
    # at 9.6 pt (of 16) and cut short, and the class '11LP German Set' with it.
    name, class_name = "Maximilian Alexander Featherstonehaugh-Oyelaran", "11LP German Set"
    document = _document(student=name)
    document = replace(document, name_line=replace(document.name_line, class_name=class_name))
    chosen = load_layout(layout)
    pdf = tmp_path / "named.pdf"
    pdf.write_bytes(write_document(document, chosen))
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        words = page.extract_words(extra_attrs=["size"])
    shown = [w for w in words if w["top"] > 60]
    for part in (*name.split(), *class_name.split()):
        found = next(w for w in shown if w["text"] == part)
        assert found["size"] >= 0.85 * chosen.font.size - 0.01, (part, found["size"])


def test_text_is_never_read_as_markup(tmp_path):
    pdf = tmp_path / "literal.pdf"
    text = 'x <b>bold</b> & <img src="a"> &amp; <font name="Helvetica">'
    pdf.write_bytes(write_document(_document(Paragraph((Run(text),))), load_layout("worksheet")))
    page = _pages(pdf)[0]
    assert "A <b>title</b> & more" in page and text in page
    fonts_embedded(pdf)


def test_sub_and_superscripts_are_smaller_and_shifted(tmp_path):
    pdf = tmp_path / "scripts.pdf"
    content = (Run("H"), Run("2", script="sub"), Run("O and x"), Run("2", script="super"))
    pdf.write_bytes(write_document(_document(Paragraph(content)), load_layout("worksheet")))
    with pdfplumber.open(pdf) as opened:
        chars = [c for c in opened.pages[0].chars if c["text"] in "H2x"]
    h = next(c for c in chars if c["text"] == "H")
    x = next(c for c in chars if c["text"] == "x" and abs(c["size"] - h["size"]) < 0.1)
    low, high = [c for c in chars if c["text"] == "2" and c["size"] < h["size"] - 1]
    assert low["bottom"] > h["bottom"] and high["top"] < x["top"]


def test_figures_are_drawn_at_their_size(tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    pdf = tmp_path / "figure.pdf"
    pdf.write_bytes(
        write_document(
            _document(Figure(buffer.getvalue(), "a red box", 200, 100)), load_layout("worksheet")
        )
    )
    with pdfplumber.open(pdf) as opened:
        images = opened.pages[0].images
    assert len(images) == 1
    assert images[0]["width"] == pytest.approx(200) and images[0]["height"] == pytest.approx(100)


def test_lines_that_do_not_fit_go_on_and_fill_the_next_page(tmp_path):
    layout = load_layout("worksheet")
    filler = tuple(Paragraph((Run(f"Line {n}"),)) for n in range(34))
    pdf = tmp_path / "lines.pdf"
    pdf.write_bytes(write_document(_document(*filler, WritingLines(12, 24, True)), layout))
    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages) == 2
        rules = [[e for e in page.edges if e["orientation"] == "h"] for page in opened.pages]
        height = opened.pages[-1].height
    assert sum(map(len, rules)) - 4 >= 12  # the name line's three rules and the title's
    # The lines on the last page run down to its foot: never a stray few.
    assert max(e["top"] for e in rules[-1]) >= height - layout.page.margin - 24


@pytest.mark.parametrize(("stem", "tier"), CASES)
def test_the_word_bank_is_never_set_below_the_layouts_smallest_type(built, stem, tier):
    # It shrank to 85 % to keep a long phrase on one line: 10.2 pt in the support tier,
    # which promises 12. Fewer words to a row leave the room instead.
    smallest = load_layout(tier).font.min_size
    with pdfplumber.open(built / f"{stem}-{tier}.pdf") as pdf:
        for page in pdf.pages:
            titles = [w for w in page.extract_words() if w["text"] == "Word"]
            for title in titles:
                box = next(
                    (
                        r
                        for r in page.rects
                        if r["top"] <= title["top"] <= r["bottom"]
                        and r["width"] < page.width * 0.95  # (not a coloured paper's)
                    ),
                    None,
                )
                if box is None:
                    continue
                inside = [
                    c
                    for c in page.chars
                    if box["top"] <= c["top"] <= box["bottom"] and c["text"].strip()
                ]
                assert inside
                assert min(c["size"] for c in inside) >= smallest - 0.01, stem


def _key(source: Path, tier: str):
    layout = load_layout(tier)
    made = assemble(
        load_source(source), layout, Audience(seed=0), load_labels("en-GB", layout.labels)
    )
    assert made.key is not None
    return made, layout


def _pitch(size: float, spacing: float) -> float:
    """A note's line and the space after it, at `spacing` lines."""
    return size * spacing * SINGLE + 2


def _bullet_pitch(pdf: bytes) -> float:
    """The least distance between the baselines of two notes in a row, each a line."""
    pitches = []
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        for page in opened.pages:
            lines = page.extract_text_lines()
            for above, below in zip(lines, lines[1:], strict=False):
                if above["text"].startswith("•") and below["text"].startswith("•"):
                    pitches.append(below["bottom"] - above["bottom"])
    assert pitches, "no two notes in a row"
    return min(pitches)


def test_a_key_that_would_end_with_a_line_on_its_last_page_sets_its_lines_closer():
    # The acids key printed "3. reaches a judgement …" alone on a second page.
    made, layout = _key(DATA / "notation" / "acids.yaml", "worksheet")
    key = write_document(made.key, layout)
    assert len(PdfReader(io.BytesIO(key)).pages) == 1
    pitch = _bullet_pitch(key)
    assert pitch == pytest.approx(_pitch(layout.font.size, KEY_SPACING), abs=0.2)
    # A key with plenty on its last page keeps the layout's spacing.
    thaw, thaw_layout = _key(THAW, "worksheet")
    thaw_key = write_document(thaw.key, thaw_layout)
    assert len(PdfReader(io.BytesIO(thaw_key)).pages) == 3
    assert _bullet_pitch(thaw_key) == pytest.approx(_pitch(layout.font.size, 1.4), abs=0.2)


def test_a_key_keeps_its_spacing_when_setting_it_closer_saves_no_page():
    made, layout = _key(DATA / "worksheet" / "markup.yaml", "worksheet")
    key = write_document(made.key, layout)
    assert len(PdfReader(io.BytesIO(key)).pages) == 2
    assert _bullet_pitch(key) == pytest.approx(_pitch(layout.font.size, 1.4), abs=0.2)


def test_a_name_beyond_the_basic_plane_reads_back_as_written(tmp_path):
    # The PDF's text map wrote '<1F600>' for 😀: copied, searched or read aloud, the
    # name came out as 'Zoë ὠ Smith'.
    from revpack.writers import render

    name = "Zoë \U0001f600 Smith"
    [sheet, _] = render(
        load_source(THAW), load_layout("worksheet"), Audience("10X", student=name), "pdf"
    )
    path = tmp_path / "sheet.pdf"
    path.write_bytes(sheet.data)
    qpdf_check(path)
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    assert name in text.stdout
    assert name in PdfReader(path).pages[0].extract_text()


def test_a_layout_without_italics_sets_the_instructions_upright_in_every_format(tmp_path):
    # `options: {italics: false}` was refused for a worksheet ("unknown key 'italics' in
    # worksheet options"), though the dyslexia summary it goes with has it.
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "ws-dys.yaml").write_text(
        "extends: worksheet-support\nname: ws-dys\noptions: {italics: false}\n", "utf-8"
    )
    made = {}
    for name in ("worksheet-support", "ws-dys"):
        result = api.build(
            [THAW],
            layouts=[name],
            formats=["pdf", "docx", "html"],
            layout_dirs=[folder],
            out=tmp_path / name,
            jobs=1,
        )
        assert result.ok, result.failed
        base = tmp_path / name / f"thaw-{name}"
        with pdfplumber.open(f"{base}.pdf") as pdf:
            words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
        instructions = [w for w in words if w["text"] == "Write"]  # ('Write the missing …')
        styles = docx.Document(f"{base}.docx").styles
        made[name] = (
            {"Oblique" in w["fontname"] for w in instructions},
            styles["Instructions"].font.italic,
            'class="rp-sheet rp-upright"' in Path(f"{base}.html").read_text("utf-8"),
        )
    assert made["worksheet-support"] == ({True}, True, False)
    assert made["ws-dys"] == ({False}, False, True)


def test_a_layout_without_italics_sets_the_notes_italics_in_bold_in_every_format(tmp_path):
    # The dyslexia worksheet ('bold instead of italics') printed the notes' *Koch* and
    # *why* in italic in the PDF, the DOCX and the page; its summary set them in bold.
    source = tmp_path / "germs.yaml"
    source.write_text(
        "title: Germs\nfactors:\n  - title: Koch\n    points:\n"
        "      - Robert *Koch* used the ==swan-necked flask== to *prove* it.\n"
        "      - He asked *why* the ==microbes== grew.\n"
        "terms:\n  - {term: Microbe, meaning: A *tiny* living thing.}\n"
        "  - {term: Germ theory, meaning: Microbes cause *disease*.}\n",
        "utf-8",
    )
    found = {}
    for name in ("worksheet-support", "worksheet-dyslexia", "worksheet-large-print"):
        result = api.build(
            [source], layouts=[name], formats=["pdf", "docx", "html"], out=tmp_path / name, jobs=1
        )
        assert result.ok, result.failed
        base = tmp_path / name / f"germs-{name}"
        fonts = subprocess.run(
            [need("pdffonts"), f"{base}.pdf"], capture_output=True, text=True, check=True
        ).stdout
        with zipfile.ZipFile(f"{base}.docx") as package:
            xml = package.read("word/document.xml").decode("utf-8")
        page = Path(f"{base}.html").read_text("utf-8")
        with pdfplumber.open(f"{base}.pdf") as pdf:
            koch = [
                w["fontname"]
                for p in pdf.pages
                for w in p.extract_words(extra_attrs=["fontname"])
                if w["text"] == "Koch"
            ]
        found[name] = ("Oblique" in fonts, "<w:i/>" in xml, "<em>Koch</em>" in page, koch)
    assert found["worksheet-support"][:3] == (True, True, True)
    for name in ("worksheet-dyslexia", "worksheet-large-print"):
        assert found[name][:3] == (False, False, False), name
        assert found[name][3] and all("Bold" in f for f in found[name][3]), name


def test_a_large_print_sheets_page_number_never_prints_over_its_small_print(tmp_path):
    # At 18 pt, "Page 8 of 14" was printed on top of the footer's small print ('…version
    # 0)'): the small print now gets smaller, then is cut short, left of the number.
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "worksheet-large-print.yaml").write_text(
        "name: worksheet-large-print\nextends: worksheet-support\n"
        "font: {size: 18, min_size: 18, line_spacing: 1.3}\n",
        "utf-8",
    )
    result = api.build(
        [THAW],
        out=tmp_path / "out",
        layouts=["worksheet-large-print"],
        layout_dirs=[layouts],
        formats=["pdf"],
    )
    assert result.ok, result.errors
    with pdfplumber.open(tmp_path / "out" / "thaw-worksheet-large-print.pdf") as opened:
        for page in opened.pages:
            # (left to right: the number, larger, starts higher than the small print)
            words = page.extract_words()
            foot = sorted((w for w in words if w["top"] > page.height - 50), key=lambda w: w["x0"])
            at = next(n for n, w in enumerate(foot) if w["text"] == "Page")
            before = [w for w in foot[:at] if abs(w["bottom"] - foot[at]["bottom"]) < 6]
            assert before, "no small print"
            assert max(w["x1"] for w in before) + 6 < foot[at]["x0"], page.page_number


@pytest.mark.parametrize(
    ("layout", "centred"), [("worksheet", True), ("worksheet-dyslexia", False)]
)
def test_the_dyslexia_word_bank_is_flush_left_in_pdf_and_docx(layout, centred):
    # A centred bank gave the dyslexia sheet a ragged left edge, hard to scan.
    source = load_source(THAW)
    pdf, docx_file = (
        render(source, load_layout(layout), Audience(), format)[0].data
        for format in ("pdf", "docx")
    )
    made = assemble(source, load_layout(layout), Audience(), load_labels("en"))
    bank = next(b for b in made.sheet.blocks if isinstance(b, WordBank))
    first_column = bank.words[:: bank.columns]
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        words = opened.pages[0].extract_words(keep_blank_chars=True)
    lefts = {round(w["x0"]) for word in first_column for w in words if w["text"] == word}
    assert len(lefts) > 1 if centred else len(lefts) == 1, lefts  # (one left edge)
    with zipfile.ZipFile(io.BytesIO(docx_file)) as package:
        xml = package.read("word/document.xml").decode()
    [table] = [t for t in re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S) if f">{bank.title}<" in t]
    banked = [c for c in re.findall(r"<w:tc>.*?</w:tc>", table, re.S) if re.search("<w:t[ >]", c)]
    assert banked and all(('w:val="center"' in c) == centred for c in banked)


@pytest.mark.parametrize(("layout", "size"), [("worksheet-large-print", 16), ("worksheet", 8.5)])
def test_large_print_numbers_its_pages_in_its_own_size(built, layout, size):
    # On a 16 pt sheet 'Page N of M' was 13.5 pt, among the first things a reader of
    # large print lost. (The running header stays 2.5 pt under the body, so that the
    # title, student, class and teacher fit on its line.)
    for suffix in ("", "-answers"):
        with pdfplumber.open(built / f"thaw-{layout}{suffix}.pdf") as pdf:
            for page in pdf.pages[:3]:
                words = page.extract_words(extra_attrs=["size"])
                number = [w for w in words if w["text"] == "Page" and w["top"] > 780]
                assert number, [w["text"] for w in words[-8:]]
                assert number[0]["size"] == pytest.approx(size, abs=0.05)
                body = max(w["bottom"] for w in words if w["bottom"] < number[0]["top"] - 0.5)
                assert number[0]["top"] - body >= 2, (page.page_number, body, number[0])
    with zipfile.ZipFile(built / f"thaw-{layout}.docx") as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        xml = "".join(package.read(n).decode("utf-8") for n in footers)
    field = xml[xml.index('w:instr=" PAGE "') :]
    sized = f'<w:sz w:val="{round(size * 2)}"/>' in field[: field.index("</w:fldSimple>")]
    assert sized is (layout == "worksheet-large-print")
