"""A class's print PDF (revpack.building.printing): the cover and every document joined,
with bookmarks, page numbers and metadata; what a pack's classes share (the cover's
fonts, the page-number stamps) is made once, and gives the bytes made afresh."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

import revpack as api
from helpers import DATA, REPO, THAW, pdftotext, qpdf_check
from revpack.building.print_contents import Cover, Document
from revpack.building.printing import combine, xmp
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.memo import clear_all
from revpack.model import Audience
from revpack.writers import render


def _sheet(layout: str, class_name: str) -> bytes:
    source = load_source(THAW)
    return render(source, load_layout(layout), Audience(class_name, "Mr Smith"), "pdf")[0].data


@pytest.fixture(scope="module")
def sheets() -> dict[str, list[Document]]:
    """Per class: its summary and its chart, as a print PDF lists them."""
    return {
        name: [
            Document("The Thaw: summary sheet", _sheet("summary", name)),
            Document("The Thaw: factor chart", _sheet("factor-chart", name)),
        ]
        for name in ("10A", "11C")
    }


def _numbers(texts: list[str]) -> list[list[int]]:
    """The page numbers ('– 12 –') printed on each page (poppler reads them as '–12–')."""
    return [[int(n) for n in re.findall(r"^–\s*(\d+)\s*–$", text, re.M)] for text in texts]


def _cover(who: str) -> Cover:
    return Cover("Year 11 revision", who, "Contents", "1 December 2026", "Mr Smith")


def _texts(pdf: bytes) -> list[str]:
    """Each page's text, as poppler extracts it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "print.pdf"
        path.write_bytes(pdf)
        return pdftotext(path).split("\f")[:-1]


def test_a_print_pdf_has_the_same_bytes_whatever_was_made_before_it(sheets):
    clear_all()
    fresh = combine(_cover("Class 11C · Mr Smith"), sheets["11C"])
    clear_all()
    combine(_cover("Class 10A · Mr Smith"), sheets["10A"])  # the cover's fonts, the stamps
    assert combine(_cover("Class 11C · Mr Smith"), sheets["11C"]) == fresh
    # A class line with characters no other cover has: other fonts, a cover of its own.
    odd = _cover("Class 11Ω · Mr Ŵŷ")
    made_after = combine(odd, sheets["11C"])
    assert combine(_cover("Class 11C · Mr Smith"), sheets["11C"]) == fresh
    clear_all()
    assert combine(odd, sheets["11C"]) == made_after
    assert "Class 11Ω · Mr Ŵŷ" in _texts(made_after)[0]
    assert "Class 11C · Mr Smith" in _texts(fresh)[0]


def test_a_print_pdf_has_the_same_bytes_in_another_process(sheets, tmp_path):
    for number, document in enumerate(sheets["10A"]):
        (tmp_path / f"{number}.pdf").write_bytes(document.pdf)  # type: ignore[arg-type]
    script = (
        "import hashlib, sys\n"
        "from pathlib import Path\n"
        "from revpack.building.print_contents import Cover, Document\n"
        "from revpack.building.printing import combine\n"
        "folder = Path(sys.argv[1])\n"
        "documents = [Document(f'Sheet {n}', folder / f'{n}.pdf') for n in range(2)]\n"
        "cover = Cover('Year 11 revision', 'Class 10A · Mr Smith', 'Contents', None)\n"
        "print(hashlib.sha256(combine(cover, documents, duplex=True)).hexdigest())\n"
    )
    documents = [Document(f"Sheet {n}", tmp_path / f"{n}.pdf") for n in range(2)]
    cover = Cover("Year 11 revision", "Class 10A · Mr Smith", "Contents", None)
    here = hashlib.sha256(combine(cover, documents, duplex=True)).hexdigest()
    for seed in ("1", "2"):  # sets iterate in another order
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.stdout.strip() == here


def test_a_print_pdf_keeps_its_metadata_bookmarks_and_page_numbers(sheets, tmp_path):
    pdf = combine(_cover("Class 10A · Mr Smith"), sheets["10A"])
    printed = tmp_path / "print.pdf"
    printed.write_bytes(pdf)
    qpdf_check(printed)
    reader = PdfReader(printed)
    info = reader.metadata
    assert (info.title, info.author, info.subject) == (
        "Year 11 revision · Class 10A · Mr Smith",
        "Mr Smith",
        "Class 10A · Mr Smith",
    )
    assert (info.creator, info.producer) == ("revpack", "revpack")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    with pikepdf.open(printed) as opened, opened.open_metadata() as meta:
        assert meta["dc:title"] == "Year 11 revision · Class 10A · Mr Smith"
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert outline == [("The Thaw: summary sheet", 1), ("The Thaw: factor chart", 2)]
    texts = _texts(pdf)
    assert len(texts) == 3
    assert _numbers(texts) == [[], [2], [3]]
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        for number, page in enumerate(opened.pages[1:], 2):  # a portrait, a landscape page
            foot = [w for w in page.extract_words() if w["bottom"] > page.height - 20]
            stamp = next(w for w in foot if w["text"] == str(number))
            assert abs((stamp["x0"] + stamp["x1"]) / 2 - page.width / 2) < 1
    contents = [int(n) for n in re.findall(r"(\d+)\s*$", pdftotext(printed).split("\f")[0], re.M)]
    assert contents[-2:] == [2, 3]


@pytest.mark.parametrize(
    "title",
    [
        "Year 11 revision",
        "A & B <c> \"quoted\" 'single' ]]>",
        "Révision · Ünïcode 😀",
        "tab\tand\rreturn\nline",
        "control\x01 and lone \ud800 characters",
        "  spaced  ",
    ],
)
def test_the_metadata_is_the_packet_pikepdf_writes(title):
    made = pikepdf.new()
    with made.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
    assert xmp(title) == made.Root.Metadata.read_bytes()


def test_a_document_listed_twice_carries_its_own_page_numbers(sheets, tmp_path):
    summary, chart = tmp_path / "summary.pdf", tmp_path / "chart.pdf"
    summary.write_bytes(sheets["10A"][0].pdf)  # type: ignore[arg-type]
    chart.write_bytes(sheets["10A"][1].pdf)  # type: ignore[arg-type]
    documents = [
        Document("Ann · summary", summary),
        Document("Ann · chart", chart),
        Document("Ben · summary", summary),  # a student's set lists the shared ones again
        Document("Ben · chart", Path(str(chart))),
    ]
    pdf = combine(_cover("Class 10A · Mr Smith"), documents, duplex=True)
    printed = tmp_path / "print.pdf"
    printed.write_bytes(pdf)
    qpdf_check(printed)
    texts = _texts(pdf)
    reader = PdfReader(printed)
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline]
    assert starts == [3, 5, 7, 9]  # each on a right-hand page, after a blank back
    assert len(texts) == 9
    assert _numbers(texts) == [[], *([n] for n in range(2, 10))]
    assert texts[2].replace("–3–", "") == texts[6].replace("–7–", "")
    # The shared documents' objects (their fonts, say) are in the file once.
    once = combine(_cover("Class 10A · Mr Smith"), documents[:2], duplex=True)
    assert _font_files(pdf) == _font_files(once)  # (how many)


def _font_files(pdf: bytes) -> int:
    """How many font files the pages after the cover use."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        files = {
            font.FontDescriptor.FontFile2.objgen
            for page in opened.pages[1:]
            for font in page.resources.get("/Font", {}).values()
            if "/FontDescriptor" in font
        }
    return len(files)


def test_a_long_contents_list_goes_on_to_a_second_cover_page(sheets, tmp_path):
    summary = sheets["10A"][0].pdf
    documents = [Document(f"Sheet number {n}", summary) for n in range(1, 41)]
    pdf = combine(_cover("Class 10A · Mr Smith"), documents)
    printed = tmp_path / "print.pdf"
    printed.write_bytes(pdf)
    qpdf_check(printed)
    texts = _texts(pdf)
    assert len(texts) == 2 + 40
    assert "Sheet number 1" in texts[0] and "Sheet number 40" in texts[1]
    listed = [int(n) for n in re.findall(r"Sheet number \d+\s+(\d+)", texts[0] + texts[1])]
    assert listed == list(range(3, 43))
    reader = PdfReader(printed)
    assert [reader.get_destination_page_number(item) + 1 for item in reader.outline] == listed
    assert _numbers(texts) == [[], [], *([n] for n in range(3, 43))]


def test_page_numbers_whose_characters_are_in_two_of_the_covers_font_subsets(sheets, tmp_path):
    # 256 Cyrillic characters in the titles fill the cover's first subset of the regular
    # face before the en dash is numbered: the numbers use two fonts.
    from revpack import fonts

    cyrillic = "".join(chr(c) for c in range(0x400, 0x500) if c in fonts.coverage("DejaVuSans"))
    titles = [cyrillic[n : n + 40] for n in range(0, len(cyrillic), 40)]
    summary = sheets["10A"][0].pdf
    pdf = combine(_cover("Class 10A · Mr Smith"), [Document(t, summary) for t in titles])
    printed = tmp_path / "print.pdf"
    printed.write_bytes(pdf)
    qpdf_check(printed)
    texts = _texts(pdf)
    assert all(title in texts[0] for title in titles)
    assert len(texts) == 1 + len(titles)
    assert _numbers(texts) == [[], *([n] for n in range(2, len(texts) + 1))]
    fonts_of = set()
    for page in PdfReader(printed).pages[1:]:
        fonts_of |= {name for name in page["/Resources"]["/Font"] if "Revpack" in name}
    assert len(fonts_of) == 2


def test_a_contents_list_that_just_fills_the_cover_adds_no_blank_cover_page(sheets):
    summary = sheets["10A"][0].pdf
    for count in (34, 35, 36):  # the 35th entry is the last that fits an A4 cover (9.5 pt)
        documents = [Document(f"Sheet number {n}", summary) for n in range(1, count + 1)]
        texts = _texts(combine(_cover("Class 10A · Mr Smith"), documents))
        covers = 2 if count > 35 else 1
        assert len(texts) == covers + count
        assert all(text.strip() for text in texts[:covers])
        assert re.search(rf"Sheet number {count}\s+{covers + count}\s*$", texts[covers - 1])


def test_a_class_line_that_wraps_moves_the_date_and_contents_down(sheets):
    long_who = "Class 11C (Tuesday and Thursday afternoons) · Mrs Featherstonehaugh-Montgomery"
    pdf = combine(_cover(long_who), sheets["11C"])
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        lines = opened.pages[0].extract_text_lines()
    tops = {line["text"]: (line["top"], line["bottom"]) for line in lines}
    who = [t for text, t in tops.items() if text.startswith("Class 11C") or "Montgomery" in text]
    assert len(who) == 2  # it wraps
    date, contents = tops["1 December 2026"], tops["Contents"]
    assert max(bottom for _, bottom in who) < date[0] < date[1] < contents[0]
    # A class line of one line leaves the cover as it was.
    short = combine(_cover("Class 11C · Mr Smith"), sheets["11C"])
    with pdfplumber.open(io.BytesIO(short)) as opened:
        found = {t["text"]: t["top"] for t in opened.pages[0].extract_text_lines()}
    assert found["Contents"] < contents[0]


@pytest.mark.parametrize(("count", "size"), [(24, 12.0), (25, 10.5), (30, 10.5), (33, 9.5)])
def test_a_list_a_little_too_long_for_the_cover_is_set_smaller_rather_than_run_on(
    sheets, count, size
):
    # 24 entries fill an A4 cover at 12 pt; the 25th went on to a second cover page of
    # its own. Up to 35 now fit in smaller type; a longer list runs on at 12 pt.
    summary = sheets["10A"][0].pdf
    documents = [Document(f"Sheet number {n}", summary) for n in range(1, count + 1)]
    pdf = combine(_cover("Class 10A · Mr Smith"), documents)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        entries = [c for c in opened.pages[0].chars if c["text"] == "S" and c["size"] <= 12]
        assert len(opened.pages) == 1 + count
    assert len(entries) == count and {round(c["size"], 1) for c in entries} == {size}


# The print PDF's language -------------------------------------------------------------------

LANGUAGE = DATA / "language"
"""Sources in French, German and Welsh."""


def _in_language(language: str | None, pages: int) -> bytes:
    """A PDF of `pages` blank pages whose catalog declares `language` (None: none)."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    if language is not None:
        pdf.Root.Lang = pikepdf.String(language)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


LANGUAGES = {
    # documents (language, pages), the cover's language (1 page) → the print PDF's /Lang
    "shared": ([("fr", 1), ("fr", 2)], "fr", "fr"),
    "shared whatever the cover": ([("de", 1), ("de", 1)], "en-GB", "de"),
    "shared by those that say": ([(None, 3), ("cy", 1)], "cy", "cy"),
    "shared in any case": ([("en-GB", 1), ("en-gb", 1)], "en-GB", "en-GB"),
    "most pages, not the first": ([("de", 1), ("fr", 3)], "de", "fr"),
    "the cover's page counts": ([("de", 2), ("fr", 2)], "fr", "fr"),
    "as many each": ([("de", 2), ("fr", 1)], "fr", None),
    "nothing known": ([(None, 2)], None, None),
    "the cover alone": ([(None, 2)], "es", "es"),
}


@pytest.mark.parametrize("case", sorted(LANGUAGES))
def test_a_print_pdf_is_in_the_language_of_most_of_its_pages(case):
    documents, cover_language, expected = LANGUAGES[case]
    listed = [
        Document(f"Document {n}", _in_language(language, pages))
        for n, (language, pages) in enumerate(documents)
    ]
    cover = Cover("Year 11 revision", "Class 10A", "Contents", language=cover_language)
    with pikepdf.open(io.BytesIO(combine(cover, listed))) as printed:
        assert len(printed.pages) == 1 + sum(pages for _, pages in documents)
        declared = printed.Root.get("/Lang")
        assert (str(declared) if declared is not None else None) == expected


def test_a_class_of_two_languages_prints_in_that_of_most_pages(tmp_path):
    # The German topic comes first; two French ones follow (the cover is in French too).
    topics = tmp_path / "topics"
    topics.mkdir()
    shutil.copy(LANGUAGE / "weimar-de.yaml", topics / "a-weimar.yaml")
    shutil.copy(LANGUAGE / "revolution-fr.yaml", topics / "b-revolution.yaml")
    second = (LANGUAGE / "revolution-fr.yaml").read_text("utf-8")
    (topics / "c-revolution.yaml").write_text(second.replace("Les causes", "Les suites"), "utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: Histoire\nsources: [topics/*.yaml]\nlayouts: [summary]\n"
        "classes:\n  - {name: 3A, teacher: Mme Martin}\n",
        "utf-8",
    )
    result = api.build([pack], out=tmp_path / "out", jobs=1)
    assert result.ok, result.failed
    folder = tmp_path / "out" / "histoire" / "3a"
    pages = {
        name: len(PdfReader(folder / f"{name}-summary.pdf").pages)
        for name in ("a-weimar", "b-revolution", "c-revolution")
    }
    assert pages["a-weimar"] < pages["b-revolution"] + pages["c-revolution"]
    printed = PdfReader(folder / "histoire-3a-print.pdf")
    assert len(printed.pages) == 1 + sum(pages.values())
    assert printed.trailer["/Root"]["/Lang"] == "fr"
    assert "Sommaire" in printed.pages[0].extract_text()


def test_every_font_subset_of_a_print_pdf_has_a_name_of_its_own(sheets):
    # Each joined document named its first subset of a font 'AAAAAA+DejaVuSans': eleven
    # different subsets of one name in a class's print PDF (the PDF standard wants each
    # subset's tag its own; some printers cache fonts by name).
    worksheet = Document("The Thaw: worksheet", _sheet("worksheet", "10A"))
    pdf = combine(_cover("Class 10A · Mr Smith"), [*sheets["10A"], worksheet])
    files: dict[str, set[bytes]] = {}
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        for page in opened.pages:
            for font in page.resources.get("/Font", {}).values():
                if "/FontDescriptor" in font:
                    data = font.FontDescriptor.FontFile2.read_bytes()
                    files.setdefault(str(font.BaseFont), set()).add(hashlib.sha256(data).digest())
    assert len(files) >= 4
    assert all(re.fullmatch(r"/[A-Z]{6}\+[\w-]+", name) for name in files)
    assert all(len(contents) == 1 for contents in files.values()), {
        name: len(contents) for name, contents in files.items()
    }


def test_a_contents_entry_of_one_long_word_stays_on_the_page(sheets):
    # A one-word student's name too long for its line ran off the page's right edge.
    name = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen"
    documents = [Document(f"{name}: worksheet answers", sheets["10A"][0].pdf)]
    pdf = combine(_cover(f"Class 10A · Mr Smith · {name}"), documents)
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        cover = opened.pages[0]
        right = max(c["x1"] for c in cover.chars)
        text = "".join(cover.extract_text().split())
    assert right <= cover.width - 20
    assert text.count(name) >= 1


def test_the_page_numbers_stand_clear_of_every_documents_footer(tmp_path):
    # The dyslexia worksheet's footer (its margin is narrow) sat half a millimetre above
    # the print PDF's '– 7 –', and the numbers were 3.5 mm from the edge of the paper,
    # where printers leave it blank.
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: P\nsources: [thaw.yaml]\nclasses:\n  - name: 10E\n    layouts: "
        "[summary-dyslexia, worksheet-dyslexia, worksheet, factor-chart, summary]\n",
        "utf-8",
    )
    result = api.build([pack], out=tmp_path / "out", jobs=1)
    assert result.ok, result.failed
    printed = tmp_path / "out" / "p" / "10e" / "p-10e-print.pdf"
    with pdfplumber.open(printed) as pdf:
        for number, page in enumerate(pdf.pages[1:], 2):
            chars = [c for c in page.chars if c["text"].strip()]
            mark = [c for c in chars if abs(c["size"] - 8) < 0.01 and c["top"] > page.height - 30]
            assert "".join(c["text"] for c in mark) == f"–{number}–", number
            rest = [c for c in chars if c not in mark]
            lowest = max(c["bottom"] for c in rest)
            assert min(c["top"] for c in mark) - lowest >= 3, (number, lowest)
            # (a character's box reaches below its baseline by the font's descent)
            assert page.height - max(c["bottom"] for c in mark) >= 4 * 72 / 25.4


def test_a_large_print_class_has_a_large_print_cover(tmp_path):
    # A class built in large print got a print PDF whose cover and contents were 11 to
    # 14 pt: the first page the student or their support worker reads.
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: Large print\nsources: [thaw.yaml]\nclasses:\n"
        "  - name: 11LP\n    layouts: [summary-large-print, worksheet-large-print]\n"
        "  - name: 11A\n    layouts: [summary, worksheet-large-print]\n",
        "utf-8",
    )
    result = api.build([pack], out=tmp_path / "out", jobs=1)
    assert result.ok, result.failed
    sizes = {}
    for klass in ("11lp", "11a"):
        path = tmp_path / "out" / "large-print" / klass / f"large-print-{klass}-print.pdf"
        with pdfplumber.open(path) as pdf:
            cover = pdf.pages[0]
            sizes[klass] = {round(c["size"], 1) for c in cover.chars}
            text = cover.extract_text()
        assert "worksheet, large print" in " ".join(
            text.split()
        )  # (it was 'worksheet (worksheet-large-print)')
    assert min(sizes["11lp"]) == 16, sizes
    assert min(sizes["11a"]) < 16, sizes  # (a class with a summary in small type: as before)
