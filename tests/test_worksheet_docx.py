"""The worksheet DOCX and its answer key, read back with python-docx and checked by the
real validators (the ECMA-376 schema and LibreOffice headless)."""

from __future__ import annotations

import datetime
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image

from helpers import DATA, THAW, libreoffice_converts, need, pdftotext, revpack, validate_docx
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.problems import InputError
from revpack.worksheet.exercises import PRINTING, gap_fill
from revpack.worksheet.exercises.gap_fill import HANDWRITING
from revpack.writers import render

WORKSHEET = DATA / "worksheet"
TIERS = ("worksheet", "worksheet-support", "worksheet-stretch")
UNSEEN = ("chemistry", "russia", "no-marks", "markup", "minimal")
KEY_MARK = re.compile(r"==(?=\S).*?(?<=\S)==", re.DOTALL)
BLANK = re.compile(r"\((\d+)\)\xa0([^\s_]{0,2}_+)")
"""A numbered gap: '(7) ______' or, with a hint, '(7) P_____' ('(7) £2_____')."""


# ---------------------------------------------------------------- builds, shared per module


@pytest.fixture(scope="module")
def thaw_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("thaw")
    done = revpack("build", THAW, *(a for tier in TIERS for a in ("-l", tier)), "-o", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def unseen_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unseen")
    for name in UNSEEN:
        source = load_source(WORKSHEET / f"{name}.yaml")
        for tier in TIERS:
            for output in render(source, load_layout(tier), Audience(seed=5)):
                (out / f"{name}-{tier}{output.suffix}.docx").write_bytes(output.data)
    return out


@pytest.fixture(scope="module")
def converted(thaw_dir, unseen_dir, tmp_path_factory) -> Path:
    """Every thaw DOCX and the unseen sources' core sheets and keys, as PDFs made by one
    LibreOffice run (one start-up instead of one per file)."""
    soffice = need("soffice")
    work = tmp_path_factory.mktemp("lo")
    files = (
        sorted(thaw_dir.glob("*.docx"))
        + sorted(unseen_dir.glob("*-worksheet.docx"))
        + sorted(unseen_dir.glob("*-worksheet-answers.docx"))
    )
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            *map(str, files),
        ],
        capture_output=True,
        timeout=600,
    )
    return work / "pdf"


# ---------------------------------------------------------------- reading a DOCX back


def blocks(document):
    """Paragraphs and tables of the body, in order."""
    return list(document.iter_inner_content())


def exercise(document, title: str) -> list:
    """The blocks under the Heading 1 (or 2 in an appendix) ending in `title`."""
    found, level = [], None
    for block in blocks(document):
        if isinstance(block, Paragraph) and block.style.name.startswith("Heading"):
            this = int(block.style.name.split()[-1])
            if level is not None and this <= level:
                break
            if level is None and re.fullmatch(rf"\d+\. {re.escape(title)}", block.text):
                level = this
                continue
        if level is not None:
            found.append(block)
    return found


def gap_paragraphs(document) -> list[Paragraph]:
    return [p for p in document.paragraphs if p.style.name in ("Gap Text", "Gap Sub-point")]


def blank_numbers(document) -> list[int]:
    return [int(m.group(1)) for p in gap_paragraphs(document) for m in BLANK.finditer(p.text)]


def key_answers(document) -> dict[int, str]:
    """Gap number → answer, from the tables under the key's gap-fill heading (a long list
    is cut into several)."""
    answers = {}
    for table in (b for b in exercise(document, "Fill the gaps") if isinstance(b, Table)):
        for row in table.rows:
            cells = [c.text for c in row.cells]
            for number, answer in zip(cells[::2], cells[1::2], strict=True):
                if number:
                    answers[int(number.strip("()"))] = answer
    return answers


def word_bank(document) -> list[str]:
    table = next(b for b in exercise(document, "Fill the gaps") if isinstance(b, Table))
    return [c.text for row in table.rows[1:] for c in row.cells if c.text]


def gives_away(answer: str, text: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(answer) + r"(?:e?s)?(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def check_gaps_against_key(sheet: Path, key: Path, expected: int, blank_length: int) -> None:
    """The checks every sheet and key pair must pass."""
    document, answers = docx.Document(sheet), key_answers(docx.Document(key)) if expected else {}
    numbers = blank_numbers(document)
    assert sorted(set(numbers)) == list(range(1, expected + 1))
    assert len(answers) == expected
    assert sorted(answers) == sorted(set(numbers))
    for paragraph in gap_paragraphs(document):
        for match in BLANK.finditer(paragraph.text):
            answer = answers[int(match.group(1))]
            # Room to write the answer by hand, and never less than the shortest blank.
            assert len(match.group(2)) >= blank_length, "a blank shorter than the layout's"
            # (an underscore is half the type size wide; no tier sets type above 12 pt)
            assert len(match.group(2)) * 0.5 * 12 >= min(len(answer) * HANDWRITING, 400)
            assert not gives_away(answer, paragraph.text), (answer, paragraph.text)


# ---------------------------------------------------------------- the contract build


def test_the_build_writes_a_sheet_and_a_key_per_tier(thaw_dir):
    assert sorted(p.name for p in thaw_dir.glob("*.docx")) == sorted(
        f"thaw-{tier}{suffix}.docx" for tier in TIERS for suffix in ("", "-answers")
    )


@pytest.mark.parametrize("name", [f"thaw-{t}{s}.docx" for t in TIERS for s in ("", "-answers")])
def test_every_file_passes_the_schema_check(thaw_dir, name):
    validate_docx(thaw_dir / name)


@pytest.mark.parametrize(
    "name",
    [f"thaw-{t}{s}" for t in TIERS for s in ("", "-answers")]
    + [f"{u}-worksheet{s}" for u in UNSEEN for s in ("", "-answers")],
)
def test_libreoffice_converts_every_file(converted, name):
    pdf = converted / f"{name}.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {name}"


def asked(source, tier: str, marks: int) -> int:
    """How many gaps a sheet of `tier` asks of a source with `marks` key terms: the
    stretch tier adds one for each term not asked above already (that one keeps its
    number), and without a word bank none for a key term that another exercise of the
    sheet prints (gap_fill.given_away)."""
    if tier != "worksheet-stretch":
        return marks
    options = load_layout(tier).options
    given = gap_fill.given_away(source, options, PRINTING)
    keys = gap_fill.sheet_keys(source, options, PRINTING)
    dropped = sum(given(key) for key in keys)

    def folded(text: str) -> str:  # (first letter small, each word's plural 's' off)
        text = text[:1].lower() + text[1:]
        return " ".join(
            w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in text.split(" ")
        )

    above = {folded(key) for key in keys if not given(key)}
    return (
        marks
        - dropped
        + sum(
            not given(term.term.plain) and folded(term.term.plain) not in above
            for term in source.terms
        )
    )


@pytest.mark.parametrize("tier", TIERS)
def test_blanks_match_the_key_and_the_source_marks(thaw_dir, tier):
    marks = len(KEY_MARK.findall(THAW.read_text(encoding="utf-8")))
    expected = asked(load_source(THAW), tier, marks)
    check_gaps_against_key(
        thaw_dir / f"thaw-{tier}.docx",
        thaw_dir / f"thaw-{tier}-answers.docx",
        expected,
        load_layout(tier).options.blank_length,
    )


def test_support_blanks_show_only_a_first_letter(thaw_dir):
    document = docx.Document(thaw_dir / "thaw-worksheet-support.docx")
    first = BLANK.search(gap_paragraphs(document)[0].text)
    assert re.fullmatch("P_{13,}", first.group(2)), first.group(2)


@pytest.mark.parametrize("name", UNSEEN)
@pytest.mark.parametrize("tier", TIERS)
def test_unseen_sources_give_matching_sheets_and_keys(unseen_dir, name, tier):
    path = WORKSHEET / f"{name}.yaml"
    source = load_source(path)
    marks = len(KEY_MARK.findall(path.read_text(encoding="utf-8")))
    expected = asked(source, tier, marks)
    sheet = unseen_dir / f"{name}-{tier}.docx"
    key = unseen_dir / f"{name}-{tier}-answers.docx"
    validate_docx(sheet)
    validate_docx(key)
    check_gaps_against_key(sheet, key, expected, load_layout(tier).options.blank_length)


# ---------------------------------------------------------------- exact text, any script


def all_text(document) -> str:
    parts = []
    for block in blocks(document):
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts += [p.text for row in block.rows for c in row.cells for p in c.paragraphs]
    return "\n".join(parts)


def test_markup_like_text_prints_exactly_as_typed(unseen_dir):
    sheet = docx.Document(unseen_dir / "markup-worksheet.docx")
    text = all_text(sheet)
    assert "HTML & CSS: <b> and <img> tags" in text
    assert "stays literal here" in text and "<b>bold</b>" in text
    # (as typed, but for the no-break spaces that keep a formula on one line)
    assert "In Python, a\u00a0==\u00a0b compares" in text
    assert "Tim Berners-Lee publishes the first <html> tags." in text
    key = key_answers(docx.Document(unseen_dir / "markup-worksheet-answers.docx"))
    assert key[1] == "<img>" and key[2] == "&amp;" and key[5] == "AT&T"
    with zipfile.ZipFile(unseen_dir / "markup-worksheet.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in xml and "<b>" not in xml


def test_greek_cyrillic_and_formulas_read_back_exactly(unseen_dir):
    russia = all_text(docx.Document(unseen_dir / "russia-worksheet.docx"))
    assert "Russia in 1917 — Россия в 1917 году" in russia
    assert "(Петроградский совет) shared power" in russia
    assert "and κράτος (power)." in russia
    assert "Δημοκρατία" in russia
    key = key_answers(docx.Document(unseen_dir / "russia-worksheet-answers.docx"))
    assert "δῆμος" in key.values() and "Временное правительство" in key.values()
    chemistry = all_text(docx.Document(unseen_dir / "chemistry-worksheet.docx"))
    # (a number kept with its unit, or with the sign before it, by a no-break space)
    # (and an equation's + or arrow with what is before it: the line breaks after it)
    assert "6CO₂\u00a0+\u00a06H₂O\u00a0→ C₆H₁₂O₆\u00a0+\u00a06O₂." in chemistry
    assert "(≈\u00a030\u00a0% more H⁺ ions)" in chemistry and "−18\u00a0°C" in chemistry


# ---------------------------------------------------------------- missing data


def test_no_key_terms_means_no_gap_fill_and_the_build_says_so(tmp_path):
    done = revpack("build", WORKSHEET / "no-marks.yaml", "-l", "worksheet", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "worksheet leaves out the gap fill" in done.stderr
    document = docx.Document(tmp_path / "no-marks-worksheet.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Match the terms to their meanings",
        "2. Put the events in order",
        "3. Rank the factors",
        "4. Extended answer",
    ]
    key = docx.Document(tmp_path / "no-marks-worksheet-answers.docx")
    assert [p.text for p in key.paragraphs if p.style.name == "Heading 1"] == headings


def test_a_minimal_source_gets_only_what_it_has(unseen_dir):
    document = docx.Document(unseen_dir / "minimal-worksheet.docx")
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "1. Fill the gaps"
    ]
    assert "Subtitle" not in {p.style.name for p in document.paragraphs}


# ---------------------------------------------------------------- reproducible bytes


def test_same_input_gives_identical_bytes_and_fixed_zip_times(thaw_dir, tmp_path):
    done = revpack("build", THAW, "-l", "worksheet-support", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("thaw-worksheet-support.docx", "thaw-worksheet-support-answers.docx"):
        assert (tmp_path / name).read_bytes() == (thaw_dir / name).read_bytes()
        with zipfile.ZipFile(tmp_path / name) as z:
            assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
            assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_core_properties_are_fixed_and_honour_source_date_epoch(thaw_dir, tmp_path):
    props = docx.Document(thaw_dir / "thaw-worksheet.docx").core_properties
    times = {t.replace(tzinfo=None) for t in (props.created, props.modified, props.last_printed)}
    assert times == {datetime.datetime(2000, 1, 1)}
    assert (props.author, props.revision) == ("revpack", 1)
    assert props.title == "The Thaw and Peaceful Coexistence"
    done = revpack(
        "build", THAW, "-l", "worksheet", "-o", tmp_path, env={"SOURCE_DATE_EPOCH": "1700000000"}
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "thaw-worksheet.docx"
    created = docx.Document(path).core_properties.created.replace(tzinfo=None)
    assert created == datetime.datetime(2023, 11, 14)
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 0, 0, 0)}


def sheet_bytes(seed: int, tier: str = "worksheet", **audience) -> bytes:
    outputs = render(load_source(THAW), load_layout(tier), Audience(seed=seed, **audience))
    return outputs[0].data


def read(data: bytes, tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    return docx.Document(path)


def test_seeds_change_the_word_bank_and_the_same_seed_repeats_it(tmp_path):
    one, again, two = sheet_bytes(1), sheet_bytes(1), sheet_bytes(2)
    assert one == again
    banks = [word_bank(read(d, tmp_path, f"{i}.docx")) for i, d in enumerate((one, two))]
    assert sorted(banks[0]) == sorted(banks[1]) and banks[0] != banks[1]


# ---------------------------------------------------------------- what a teacher sees


def test_class_and_teacher_print_in_the_header_only_when_given(tmp_path, thaw_dir):
    document = read(sheet_bytes(0, class_name="11B", teacher="Mr Jones"), tmp_path, "a.docx")
    header = document.sections[0].header.paragraphs[0].text
    assert header == "The Thaw and Peaceful Coexistence\tClass 11B · Mr Jones"
    assert document.core_properties.author == "Mr Jones"
    name_line = next(p.text for p in document.paragraphs if p.text.startswith("Name"))
    assert "Class 11B" in name_line
    plain = docx.Document(thaw_dir / "thaw-worksheet.docx")
    assert plain.sections[0].header.paragraphs[0].text == "The Thaw and Peaceful Coexistence"


def test_footer_names_the_layout_and_seed_in_small_type(tmp_path):
    document = read(sheet_bytes(7, "worksheet-support"), tmp_path, "s.docx")
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Worksheet (worksheet, support tier, version 7)\tPage ")
    assert footer.runs[0].font.size.pt < 10
    xml = footer._p.xml
    assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml


def test_name_class_date_line(thaw_dir):
    document = docx.Document(thaw_dir / "thaw-worksheet.docx")
    line = next(p for p in document.paragraphs if p.text.startswith("Name"))
    assert re.fullmatch(r"Name \t  Class \t  Date \t", line.text)
    leaders = [t.leader for t in line.paragraph_format.tab_stops]
    assert len(leaders) == 3 and all(str(leader).startswith("LINES") for leader in leaders)


@pytest.mark.parametrize("tier", TIERS)
def test_built_in_styles_and_page_setup(thaw_dir, tier):
    layout = load_layout(tier)
    sheet = docx.Document(thaw_dir / f"thaw-{tier}.docx")
    key = docx.Document(thaw_dir / f"thaw-{tier}-answers.docx")
    used = {p.style.name for p in sheet.paragraphs} | {p.style.name for p in key.paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "List Number"} <= used
    assert {t.style.name for t in (*sheet.tables, *key.tables)} == {"Table Grid"}
    section = sheet.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 18
    assert sheet.styles["Normal"].font.size.pt == layout.font.size
    assert sheet.styles["Normal"].font.name == "Arial"
    fonts = sheet.styles["Heading 1"].element.rPr.rFonts
    assert not [a for a in fonts.attrib if "heme" in a], "a theme font would override Arial"


@pytest.mark.parametrize("tier", TIERS)
def test_no_line_of_a_paragraph_is_left_alone_at_a_page_foot_or_top(thaw_dir, tier):
    # As in the PDF: Normal, on which every style is based, has widow and orphan control
    # (Word leaves it off when the styles do not say).
    for name in (f"thaw-{tier}.docx", f"thaw-{tier}-answers.docx"):
        normal = docx.Document(thaw_dir / name).styles["Normal"]
        assert normal.element.pPr.find(qn("w:widowControl")) is not None, name
        assert normal.paragraph_format.widow_control is True


@pytest.mark.parametrize(
    "name", ["thaw-worksheet.docx", "thaw-worksheet-answers.docx", "thaw-worksheet-stretch.docx"]
)
def test_no_table_row_splits_across_pages(thaw_dir, name):
    document = docx.Document(thaw_dir / name)
    rows = [row for table in document.tables for row in table.rows]
    assert rows
    for row in rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_ruled_lines_and_ranking_table(thaw_dir):
    document = docx.Document(thaw_dir / "thaw-worksheet.docx")
    lines = next(b for b in exercise(document, "Extended answer") if isinstance(b, Table))
    # At least the lines asked for; more where the page has room (they fill it).
    assert len(lines.rows) >= load_layout("worksheet").options.answer_lines
    ranking = next(b for b in exercise(document, "Rank the factors") if isinstance(b, Table))
    assert [c.text for c in ranking.rows[0].cells] == ["Factor", "Rank", "Why?"]
    assert [r.cells[0].text for r in ranking.rows[1:]] == [
        f.title.plain for f in load_source(THAW).factors
    ]


@pytest.mark.parametrize("tier", TIERS)
def test_the_ranking_table_stays_whole_on_one_page(converted, tier):
    # As LibreOffice lays the sheet out: ranking means weighing every factor against the
    # others, so no factor may sit alone overleaf.
    def bare(text: str) -> str:  # a title may wrap, and pdftotext rejoins "risk-\ntaking"
        return re.sub(r"[\s-]", "", text)

    pages = [bare(page) for page in pdftotext(converted / f"thaw-{tier}.pdf").split("\f")]
    heading = bare("Rank the factors")
    page = next(p for p in pages if heading in p)
    page = page[page.index(heading) :]  # the timeline above may name a factor too
    assert all(bare(f.title.plain) in page for f in load_source(THAW).factors), page


@pytest.mark.parametrize("tier", TIERS)
def test_the_extended_answer_fills_its_own_last_page(converted, tier):
    # As LibreOffice lays the sheet out: the extended answer starts the last page and its
    # lines run to the foot of it, so no sheet ends on a page of a few stray lines.
    import pdfplumber

    pdf_path = converted / f"thaw-{tier}.pdf"
    pages = pdftotext(pdf_path).split("\f")
    pages = [p for p in pages if p.strip()]
    assert "Extended answer" in pages[-1]
    assert "Extended answer" not in "".join(pages[:-1])
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[-1]
        rules = [e for e in page.edges if e["orientation"] == "h"]
        lowest = max(e["top"] for e in rules)
        assert lowest > page.height * 0.8, "the lines stop well above the foot of the page"


def test_key_has_matching_timeline_and_model_notes(thaw_dir):
    key = docx.Document(thaw_dir / "thaw-worksheet-answers.docx")
    source = load_source(THAW)
    timeline = next(b for b in exercise(key, "Put the events in order") if isinstance(b, Table))
    assert [r.cells[3].text for r in timeline.rows[1:]] == [e.what.plain for e in source.timeline]
    matching = next(
        b for b in exercise(key, "Match the terms to their meanings") if isinstance(b, Table)
    )
    assert [(r.cells[1].text, r.cells[3].text) for r in matching.rows[1:]] == [
        (t.term.plain, t.meaning.plain) for t in source.terms
    ]
    notes = [p.text for p in exercise(key, "Rank the factors") if isinstance(p, Paragraph)]
    assert "The Iron Curtain had now been solidly defined." in notes


def test_sheet_letters_lead_to_the_key(thaw_dir):
    sheet = docx.Document(thaw_dir / "thaw-worksheet.docx")
    key = docx.Document(thaw_dir / "thaw-worksheet-answers.docx")
    shown = next(
        b for b in exercise(sheet, "Match the terms to their meanings") if isinstance(b, Table)
    )
    meaning_of = {r.cells[3].text: r.cells[4].text for r in shown.rows[1:]}
    answers = next(
        b for b in exercise(key, "Match the terms to their meanings") if isinstance(b, Table)
    )
    for row in answers.rows[1:]:
        assert meaning_of[row.cells[2].text] == row.cells[3].text


# ---------------------------------------------------------------- answers option


def layout_file(tmp_path: Path, answers: str) -> Path:
    path = tmp_path / f"worksheet-{answers}.yaml"
    path.write_text(f"extends: worksheet\noptions:\n  answers: {answers}\n", encoding="utf-8")
    return path


def test_answers_appendix_puts_the_key_after_the_sheet(tmp_path):
    layout = load_layout(str(layout_file(tmp_path, "appendix")))
    outputs = render(load_source(THAW), layout, Audience())
    assert [o.suffix for o in outputs] == [""]
    document = read(outputs[0].data, tmp_path, "appendix.docx")
    validate_docx(tmp_path / "appendix.docx")
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading") and p.text[:1].isdigit()
    ]
    assert ("Heading 1", "Answer key") in [(p.style.name, p.text) for p in document.paragraphs]
    assert headings[:5] == [
        ("Heading 1", t)
        for t in (
            "1. Fill the gaps",
            "2. Match the terms to their meanings",
            "3. Put the events in order",
            "4. Rank the factors",
            "5. Extended answer",
        )
    ]
    assert headings[5:] == [("Heading 2", t) for _, t in headings[:5]]
    assert len(key_answers_after(document)) == len(set(blank_numbers(document))) == 37


def key_answers_after(document) -> dict[int, str]:
    start = next(
        i
        for i, b in enumerate(blocks(document))
        if isinstance(b, Paragraph) and b.text == "Answer key"
    )
    table = next(b for b in blocks(document)[start:] if isinstance(b, Table))
    return {
        int(n.strip("()")): a
        for row in table.rows
        for n, a in zip(
            [c.text for c in row.cells][::2], [c.text for c in row.cells][1::2], strict=True
        )
        if n
    }


def test_answers_none_writes_the_sheet_alone(tmp_path):
    layout = load_layout(str(layout_file(tmp_path, "none")))
    outputs = render(load_source(THAW), layout, Audience())
    assert [o.suffix for o in outputs] == [""]
    document = read(outputs[0].data, tmp_path, "none.docx")
    assert "Answer key" not in all_text(document)


# ---------------------------------------------------------------- bad input, as data

BAD_LAYOUTS = yaml.safe_load((WORKSHEET / "bad-layouts.yaml").read_text(encoding="utf-8"))
BAD_SOURCES = yaml.safe_load((WORKSHEET / "bad-sources.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name,expected", sorted(BAD_LAYOUTS.items()))
def test_bad_worksheet_options_are_reported_with_their_place(name, expected):
    path = WORKSHEET / "bad-layouts" / name
    with pytest.raises(InputError) as caught:
        load_layout(str(path))
    assert [str(p) for p in caught.value.problems] == [f"{path}:{expected}"]


@pytest.mark.parametrize("name,expected", sorted(BAD_SOURCES.items()))
def test_a_source_no_worksheet_can_be_made_of_is_refused_before_rendering(name, expected, tmp_path):
    path = WORKSHEET / "bad-sources" / name
    done = revpack("build", path, "-l", "worksheet", "-o", tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "ValueError" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith(str(path))]
    assert len(lines) == len(expected)
    for line, fragment in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}:{fragment}")
    assert not list(tmp_path.glob("*.docx"))


def _bank_rows_kept(layout_text: str, tmp_path: Path) -> tuple[int, int]:
    """(rows of the word bank kept with the next, all its rows) in the DOCX built with the
    layout `layout_text`."""
    tmp_path.mkdir(exist_ok=True)
    layout = tmp_path / "sheet.yaml"
    layout.write_text(layout_text, "utf-8")
    done = revpack("build", THAW, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(tmp_path / "out" / "thaw-sheet.docx"))
    bank = next(t for t in document.tables if t.rows[0].cells[0].text == "Word bank")
    kept = sum(
        1
        for row in bank.rows
        if row.cells[0].paragraphs[0]._p.find(".//" + qn("w:keepNext")) is not None
    )
    return kept, len(bank.rows)


def test_a_word_bank_taller_than_half_a_page_may_break_between_its_rows(tmp_path):
    # Kept whole, a 16 pt bank moved to page 2 with its heading and instructions, and left
    # page 1 the title alone.
    kept, rows = _bank_rows_kept(
        "name: sheet\nextends: worksheet-support\nfont: {size: 16, min_size: 16}\n", tmp_path
    )
    assert kept == 3 < rows - 1
    kept, rows = _bank_rows_kept("name: sheet\nextends: worksheet-support\n", tmp_path / "12")
    assert kept == rows - 1  # (at 12 pt it takes less than half a page: kept whole)


def test_tinted_paper_is_the_page_background_word_and_libreoffice_show(tmp_path):
    # The dyslexia worksheet is on cream paper in PDF; its DOCX was white.
    revpack("build", THAW, "-o", tmp_path, "-l", "worksheet-dyslexia", "-l", "worksheet")
    paper = load_layout("worksheet-dyslexia").colours.paper.lstrip("#").upper()
    for name, colour in (("thaw-worksheet-dyslexia", paper), ("thaw-worksheet", None)):
        sheet = tmp_path / f"{name}.docx"
        validate_docx(sheet)
        with zipfile.ZipFile(sheet) as package:
            document = package.read("word/document.xml").decode()
            settings = package.read("word/settings.xml").decode()
        backgrounds = re.findall(r'<w:background w:color="([0-9A-F]{6})"/>', document)
        assert backgrounds == ([colour] if colour else [])
        assert ("<w:displayBackgroundShape/>" in settings) == bool(colour)
    # LibreOffice paints it: the page's corner, outside every margin, is cream.
    pdf = libreoffice_converts(tmp_path / "thaw-worksheet-dyslexia.docx", tmp_path / "lo")
    subprocess.run(
        [need("pdftoppm"), "-r", "20", "-f", "1", "-l", "1", "-png", pdf, tmp_path / "page"],
        check=True,
    )
    corner = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB").getpixel((2, 2))
    assert corner == tuple(int(paper[i : i + 2], 16) for i in (0, 2, 4)), corner


def _header_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if re.fullmatch(r"word/header\d*\.xml", n)]
        xml = "".join(package.read(n).decode("utf-8") for n in parts)
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_a_long_title_is_cut_in_the_running_header_not_run_into_the_name(tmp_path):
    # In large print a long title ran on into the student's name with no gap between
    # ('…in der Krise Oluwaseun…') and the header wrapped to two lines.
    from revpack.writers import render

    long = tmp_path / "long.yaml"
    long.write_text(
        THAW.read_text("utf-8").replace(
            "title: The Thaw and Peaceful Coexistence",
            "title: The Thaw and Peaceful Coexistence between the Superpowers, 1953 to 1962",
        ),
        "utf-8",
    )
    cases = ((THAW, "Amy Li", False), (long, "Oluwaseun Adebayo-Richardson", True))
    for source, student, cut in cases:
        audience = Audience("11LP", "Mrs Featherstonehaugh-Wainwright", 1, None, student)
        made = render(load_source(source), load_layout("worksheet-large-print"), audience, "docx")
        sheet = tmp_path / f"{source.stem}.docx"
        sheet.write_bytes(made[0].data)
        header = _header_text(sheet)
        assert student in header
        assert ("…" in header) is cut, header
        assert header.startswith("The Thaw and")
