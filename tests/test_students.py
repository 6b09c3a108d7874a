"""Students in packs: each student's worksheet carries their name and their own shuffles,
its key matches it, shared documents stay one per class, and rebuilds and --student
build only what a student needs."""

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from helpers import DATA, THAW, revpack, validate_docx
from revpack import build, load_source
from revpack.loading.pack import load_pack, student_seed
from revpack.worksheet.exercises.gap_fill import banked

ROSTER = DATA / "students" / "11a.csv"
PACK = """pack: Year 11
sources: [thaw.yaml]
layouts: [summary, worksheet, factor-chart]
classes:
  - name: 11A
    teacher: Ms Khan
    roster: 11a.csv
  - name: 11B
    students: [Cy Dee, Ed Eff]
"""


def _folder(tmp_path: Path) -> Path:
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    shutil.copy(ROSTER, tmp_path / "11a.csv")
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, "utf-8")
    return pack


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("students")
    pack = _folder(folder)
    result = build([pack], out=folder / "out", jobs=2)
    assert result.ok, result.failed
    return folder, load_pack(pack, ()), result


def name_field(sheet: Path) -> str:
    """The text after "Name" on the name line, read from the document's XML."""
    with zipfile.ZipFile(sheet) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:tab/>", paragraph)
        text = "".join(run if run else "\t" for run in runs)
        if text.startswith("Name "):
            return text[len("Name ") :].split("\t")[0]
    raise AssertionError(f"no name line in {sheet}")


def table_after(document, heading: str):
    """The first table after the heading that starts with `heading`."""
    body = document.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag.endswith("}p") and "".join(child.itertext()).strip().startswith(heading):
            seen = True
        elif seen and child.tag.endswith("}tbl"):
            return docx.table.Table(child, document)
    raise AssertionError(f"no table after {heading!r}")


def test_every_student_of_the_roster_gets_a_worksheet_with_their_name(built):
    folder, pack, _ = built
    students = pack.classes[0].students
    assert len(students) == 30
    assert students[0].name == "Amira Khan" and students[3].name == "Daniel O'Brien"
    assert students[-1].name == "Dara Ní Bhriain"
    for student in students:
        sheet = folder / "out" / "year-11" / "11a" / student.slug / "thaw-worksheet.docx"
        assert name_field(sheet) == student.name
    validate_docx(folder / "out/year-11/11a/daniel-o-brien/thaw-worksheet.docx")


def test_neighbours_word_banks_and_matching_orders_differ(built):
    folder, pack, _ = built
    banks, orders = set(), set()
    for student in pack.classes[0].students:
        sheet = docx.Document(folder / "out/year-11/11a" / student.slug / "thaw-worksheet.docx")
        bank = table_after(sheet, "1. Fill the gaps")
        banks.add(tuple(c.text for row in bank.rows[1:] for c in row.cells))
        matching = table_after(sheet, "2. Match the terms")
        orders.add(tuple(row.cells[4].text for row in matching.rows[1:]))
    assert len(banks) == 30 and len(orders) == 30


def test_each_key_matches_its_own_sheet(built):
    folder, pack, _ = built
    meanings = {t.term.plain: t.meaning.plain for t in load_source(THAW).terms}
    for student in pack.classes[0].students:
        here = folder / "out/year-11/11a" / student.slug
        sheet = docx.Document(here / "thaw-worksheet.docx")
        key = docx.Document(here / "thaw-worksheet-answers.docx")
        shown = table_after(sheet, "2. Match the terms")
        meaning_of = {row.cells[3].text: row.cells[4].text for row in shown.rows[1:]}
        answers = table_after(key, "2. Match the terms")
        for row in answers.rows[1:]:
            assert meaning_of[row.cells[2].text] == meanings[row.cells[1].text]
        bank = table_after(sheet, "1. Fill the gaps")
        gaps = table_after(key, "1. Fill the gaps")
        words = sorted(c.text for row in bank.rows[1:] for c in row.cells if c.text)
        filled = [banked(c.text) for row in gaps.rows for c in row.cells[1::2] if c.text]
        assert sorted(filled) == words  # (every word of the bank with a capital)


def test_shared_documents_are_one_per_class(built):
    folder, _, result = built
    out = folder / "out" / "year-11"
    assert sorted(p.name for p in (out / "11a").iterdir() if p.is_file()) == [
        "thaw-factor-chart.pdf",
        "thaw-summary.pdf",
        "year-11-11a-answers.pdf",
        "year-11-11a-print.pdf",
    ]
    # Per class: summary, chart, print and answers PDFs; each student's sheet and key are
    # drawn as PDF too, for the print and answers PDFs.
    assert len(list(out.rglob("*.pdf"))) == 2 * 4 + (60 + 4)
    assert len(list((out / "11a").rglob("*.docx"))) == 60
    assert len(list((out / "11b").rglob("*.docx"))) == 4
    assert (out / "11b" / "ed-eff" / "thaw-worksheet-answers.docx").exists()


def test_seeds_are_the_students_own_and_stable(built):
    _, pack, _ = built
    seeds = [s.seed for klass in pack.classes for s in klass.students]
    assert len(set(seeds)) == len(seeds)
    amira = pack.classes[0].students[0]
    assert amira.seed == student_seed(pack.classes[0].seed, "Amira Khan")
    assert amira.seed != student_seed(pack.classes[1].seed, "Amira Khan")


def test_a_new_student_is_the_only_one_built(tmp_path):
    pack = _folder(tmp_path)
    out = tmp_path / "out"
    assert build([pack], out=out, jobs=1, classes=["11B"]).ok
    pack.write_text(PACK.replace("Ed Eff]", "Ed Eff, Nia Owen]"), "utf-8")
    again = build([pack], out=out, jobs=1, classes=["11B"])
    assert again.ok
    assert sorted(p.relative_to(out).as_posix() for p in again.written) == [
        "year-11/11b/nia-owen/thaw-worksheet-answers.docx",
        "year-11/11b/nia-owen/thaw-worksheet-answers.pdf",
        "year-11/11b/nia-owen/thaw-worksheet.docx",
        "year-11/11b/nia-owen/thaw-worksheet.pdf",
        "year-11/11b/year-11-11b-answers.pdf",  # they hold every student's documents
        "year-11/11b/year-11-11b-print.pdf",
    ]
    assert len(again.unchanged) == 2 * 4 + 2
    assert name_field(out / "year-11/11b/nia-owen/thaw-worksheet.docx") == "Nia Owen"


def test_a_student_taken_off_the_list_has_their_folder_named_and_left(tmp_path):
    # Their documents stayed beside the class's, unnoticed.
    pack = _folder(tmp_path)
    out = tmp_path / "out"
    assert build([pack], out=out, jobs=1, classes=["11B"]).ok
    pack.write_text(PACK.replace("[Cy Dee, Ed Eff]", "[Ed Eff]"), "utf-8")
    again = build([pack], out=out, jobs=1, classes=["11B"])
    assert again.ok
    gone = out / "year-11/11b/cy-dee"
    assert again.notes == [
        f"{gone}: no student of class 11B has this folder now; what revpack wrote there "
        "(4 files) is left as it was: delete the folder if it is no longer needed"
    ]
    assert len(list(gone.iterdir())) == 4  # (nothing deleted)
    # Once the teacher deletes it, nothing is said.
    shutil.rmtree(gone)
    assert build([pack], out=out, jobs=1, classes=["11B"]).notes == []


def test_one_student_is_built_with_student(tmp_path):
    pack = _folder(tmp_path)
    out = tmp_path / "out"
    done = revpack("build", pack, "--class", "11A", "--student", "ben ot", "-o", out)
    assert done.returncode == 0, done.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == [
        "year-11/11a/ben-ot/thaw-worksheet-answers.docx",
        "year-11/11a/ben-ot/thaw-worksheet.docx",
    ]
    # The class's shared documents and print PDFs are not touched, and the build says
    # so (they went on without the student's new sheet, silently).
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        "year-11/11a/ben-ot/thaw-worksheet-answers.pdf",
        "year-11/11a/ben-ot/thaw-worksheet.pdf",
    ]
    assert (
        f"note: {out / 'year-11' / '11a'}: the class's print and answers PDFs are left as they "
        "were (built for some students only); build the class to bring them up to date"
    ) in done.stderr.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--class", "11A", "--student", "Ben Oat"],
            "no student called 'Ben Oat' in class 11A; did you mean 'Ben Ot'",
        ),
        (["--class", "11A", "--student", "Ed Eff"], "no student called 'Ed Eff' in class 11A"),
        (["--student", "Ben Ot"], "--student needs --class"),
    ],
)
def test_an_unknown_student_is_a_usage_error(tmp_path, args, message):
    pack = _folder(tmp_path)
    done = revpack("build", pack, *args, "-o", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_print_pdf_holds_each_students_set_in_register_order_and_a_marking_grid(built):
    # The print PDF: each student's set (summary, their worksheet, chart) in register
    # order; the answers PDF: each student's key under their name, then a marking grid of
    # the letters that differ by student, each row that student's own key.
    import pdfplumber
    from pypdf import PdfReader

    folder, pack, _ = built
    out = folder / "out" / "year-11" / "11b"
    outline = [item.title for item in PdfReader(out / "year-11-11b-print.pdf").outline]
    assert [title.split(" · ")[0] for title in outline] == [
        "Cy Dee",
        "Cy Dee",
        "Cy Dee",
        "Ed Eff",
        "Ed Eff",
        "Ed Eff",
    ]
    assert ["summary" in t for t in outline[:3]] == [True, False, False]
    answers = PdfReader(out / "year-11-11b-answers.pdf")
    titles = [item.title for item in answers.outline]
    assert titles[0].startswith("Cy Dee · ") and titles[1].startswith("Ed Eff · ")
    assert titles[-1].startswith("Marking grid: ")
    with pdfplumber.open(out / "year-11-11b-answers.pdf") as pdf:
        grid = pdf.pages[-1].extract_text()
    # the grid's page says which class it is for (it alone had no running header)
    klass = pack.classes[1]
    who = " · ".join(filter(None, [f"Class {klass.name}", klass.teacher]))
    assert who in grid, grid
    for student in pack.classes[1].students:
        key = docx.Document(out / student.slug / "thaw-worksheet-answers.docx")
        matching = table_after(key, "2. Match the terms to their meanings")
        letters = " ".join(row.cells[2].text for row in matching.rows[1:])
        assert f"{student.name} {letters}" in grid, (student.name, letters, grid)


def test_a_mixed_language_class_names_each_document_and_grid_in_its_own_language(tmp_path):
    # A German and a French topic for one class: the cover is in the language most of
    # the documents are in, and each entry, bookmark and marking grid in its document's
    # (it was all in the first source's).
    from pypdf import PdfReader

    for name in ("weimar-de.yaml", "revolution-fr.yaml"):
        shutil.copy(DATA / "language" / name, tmp_path / name)
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: Mixed\nsources: [weimar-de.yaml, revolution-fr.yaml]\n"
        "layouts: [summary, worksheet]\nclasses:\n  - name: 10A\n    students: [Cy Dee, Ed Eff]\n",
        "utf-8",
    )
    result = build([pack], out=tmp_path / "out", jobs=1)
    assert result.ok, result.failed
    out = tmp_path / "out" / "mixed" / "10a"
    printed = [item.title for item in PdfReader(out / "mixed-10a-print.pdf").outline]
    german = [t for t in printed if "Weimar" in t or "Republik" in t]
    french = [t for t in printed if "Révolution" in t or "révolution" in t]
    assert german and french
    assert all("Arbeitsblatt" in t or "Zusammenfassung" in t for t in german), german
    assert all("fiche" in t for t in french), french
    answers = [item.title for item in PdfReader(out / "mixed-10a-answers.pdf").outline]
    grids = answers[-2:]
    assert any(t.startswith("Korrekturraster") for t in grids), grids
    assert any(not t.startswith("Korrekturraster") and "Révolution" in t for t in grids), grids


@pytest.mark.parametrize("suffix", ["-answers", ""])
def test_every_page_of_a_students_sheet_and_key_names_the_student_at_its_head(built, suffix):
    # A sheet's later pages hold the student's own letters too; only its first page
    # named them (in the name field).
    import pdfplumber

    folder, pack, _ = built
    for student in pack.classes[1].students:
        path = folder / "out" / "year-11" / "11b" / student.slug / f"thaw-worksheet{suffix}.pdf"
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) > 1
            for page in pdf.pages:
                top = [w for w in page.extract_words() if w["top"] < 40]
                assert student.name in " ".join(w["text"] for w in top), student.name


@pytest.mark.parametrize("asked", ["ben-ot", "  BEN   OT ", "Ben Ot"])
def test_a_student_is_found_by_their_folder_or_however_spaced(asked):
    # '--student siobhan-o-neill' (the student's folder) and 'Siobhán O’Neill' (a Mac's
    # apostrophe) were refused with "did you mean 'Siobhán O'Neill'?".
    from revpack.building.classes import chosen_students
    from revpack.loading.pack import PackClass, Student

    klass = PackClass(
        "11A",
        "11a",
        None,
        ("worksheet",),
        1,
        (),
        (Student("Ben Ot", "ben-ot", 2), Student("Siobhán O'Neill", "siobhan-o-neill", 3)),
        False,
    )
    assert chosen_students([klass], [asked]) == ("Ben Ot",)
    wanted = ["siobhan-o-neill", "Siobhán O\u2019Neill", "SIOBHÁN O'NEILL"]
    assert chosen_students([klass], wanted) == ("Siobhán O'Neill",)


OWN_LAYOUTS = """pack: Year 11
sources: [thaw.yaml]
layouts: [summary, worksheet, factor-chart]
classes:
  - name: 11B
    students:
      - Cy Dee
      - {name: Zoë Ng, layouts: [summary-dyslexia, worksheet-dyslexia]}
      - name: Ed Eff
        layouts: worksheet-support
        formats: [pdf, html]
      - Fay Gee
"""


def test_a_student_with_layouts_of_their_own_gets_them_in_their_set(tmp_path):
    # An access arrangement: one student of the class gets the dyslexia summary and
    # worksheet instead of the class's; another the support tier, also as a web page.
    # Each student's set in the print PDF is their own, and the answers PDF and marking
    # grids cover every worksheet anyone has.
    import pdfplumber
    from pypdf import PdfReader

    shutil.copy(THAW, tmp_path / "thaw.yaml")
    pack = tmp_path / "pack.yaml"
    pack.write_text(OWN_LAYOUTS, "utf-8")
    result = build([pack], out=tmp_path / "out", jobs=2)
    assert result.ok, result.failed
    out = tmp_path / "out" / "year-11" / "11b"
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*.*"))
    assert [p for p in made if "/" not in p] == [
        "thaw-factor-chart.pdf",
        "thaw-summary-dyslexia.pdf",  # shared, made once for the class
        "thaw-summary.pdf",
        "year-11-11b-answers.pdf",
        "year-11-11b-print.pdf",
    ]
    assert sorted(p for p in made if p.startswith(("zoë-ng/", "ed-eff/"))) == [
        "ed-eff/thaw-worksheet-support-answers.pdf",
        "ed-eff/thaw-worksheet-support.html",
        "ed-eff/thaw-worksheet-support.pdf",
        "zoë-ng/thaw-worksheet-dyslexia-answers.docx",
        "zoë-ng/thaw-worksheet-dyslexia-answers.pdf",
        "zoë-ng/thaw-worksheet-dyslexia.docx",
        "zoë-ng/thaw-worksheet-dyslexia.pdf",
    ]
    assert not (out / "zoë-ng" / "thaw-worksheet.docx").exists()
    outline = [item.title for item in PdfReader(out / "year-11-11b-print.pdf").outline]
    sets: dict[str, list[str]] = {}
    for title in outline:
        who, what = title.split(" · ", 1)
        sets.setdefault(who, []).append(what.split(": ", 1)[1])
    assert list(sets) == ["Cy Dee", "Zoë Ng", "Ed Eff", "Fay Gee"]  # register order
    assert sets["Cy Dee"] == sets["Fay Gee"] == ["summary sheet", "worksheet", "factor chart"]
    assert sets["Zoë Ng"] == ["summary sheet, dyslexia-friendly", "worksheet, dyslexia-friendly"]
    assert sets["Ed Eff"] == ["worksheet, support tier"]
    with pdfplumber.open(out / "zoë-ng" / "thaw-worksheet-dyslexia.pdf") as pdf:
        assert "Zoë Ng" in pdf.pages[0].extract_text()
    answers = [item.title for item in PdfReader(out / "year-11-11b-answers.pdf").outline]
    assert [t.split(" · ")[0] for t in answers if " · " in t][:4] == [
        "Cy Dee",
        "Zoë Ng",
        "Ed Eff",
        "Fay Gee",
    ]
    grids = [t for t in answers if t.startswith("Marking grid")]
    assert len(grids) == 3, grids  # the worksheet, the dyslexia one and the support tier


def _own_layouts_pack(tmp_path: Path, text: str = OWN_LAYOUTS) -> Path:
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, "utf-8")
    return pack


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["-l", "summary", "-l", "worksheet", "-l", "factor-chart"], "some layouts only, with -l"),
        (["-f", "html"], "other formats, with -f"),
    ],
)
def test_l_or_f_building_others_than_the_pack_leaves_the_print_pdfs(tmp_path, args, why):
    # '-l' naming exactly the class's layouts rewrote its print PDF, giving the students
    # with access arrangements the class's sheets; '-f html' rewrote it with the charts
    # alone.
    pack = _own_layouts_pack(tmp_path)
    out = tmp_path / "out"
    assert revpack("build", pack, "-o", out).returncode == 0
    printed = out / "year-11" / "11b" / "year-11-11b-print.pdf"
    before = printed.read_bytes()
    done = revpack("build", pack, "-o", out, *args)
    assert done.returncode == 0, done.stderr
    assert f"print and answers PDFs are left as they were (built for {why})" in done.stderr
    assert "no longer makes" not in done.stderr  # (the pack still makes them)
    assert printed.read_bytes() == before
    done = revpack("build", pack, "-o", out, "-f", "pdf")  # (every document still printed)
    assert "left as they were" not in done.stderr, done.stderr


def test_student_builds_the_shared_documents_only_they_have(tmp_path):
    pack = _own_layouts_pack(tmp_path)
    out = tmp_path / "out"
    done = revpack("build", pack, "-o", out, "--class", "11B", "--student", "Zoë Ng")
    assert done.returncode == 0, done.stderr
    folder = out / "year-11" / "11b"
    made = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.*"))
    assert "thaw-summary-dyslexia.pdf" in made and "thaw-summary.pdf" not in made, made
    assert all(p.startswith(("zoë-ng/", "thaw-summary-dyslexia")) for p in made), made


def test_a_class_whose_students_all_have_their_own_layouts_gets_only_theirs(tmp_path):
    # The class's summary and chart were made for nobody (and printed by whoever printed
    # the folder), and its print PDF had the small cover.
    import pdfplumber

    pack = _own_layouts_pack(
        tmp_path,
        "pack: LP\nsources: [thaw.yaml]\nlayouts: [summary, worksheet, factor-chart]\n"
        "classes:\n  - name: 10LP\n    students:\n"
        "      - {name: Amy Li, layouts: [summary-large-print, worksheet-large-print]}\n"
        "      - {name: Ben Ot, layouts: [summary-large-print, worksheet-large-print]}\n",
    )
    out = tmp_path / "out"
    done = revpack("build", pack, "-o", out)
    assert done.returncode == 0, done.stderr
    folder = out / "lp" / "10lp"
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        "lp-10lp-answers.pdf",
        "lp-10lp-print.pdf",
        "thaw-summary-large-print.pdf",
    ]
    with pdfplumber.open(folder / "lp-10lp-print.pdf") as pdf:
        assert min(c["size"] for c in pdf.pages[0].chars) == pytest.approx(16)


def test_a_students_copy_of_a_built_in_layout_that_keeps_its_name_is_refused(tmp_path):
    # A teacher's 20 pt copy of summary-large-print, still named so, was silently dropped
    # for the built-in one: both would write thaw-summary-large-print.pdf.
    layout = tmp_path / "callum.yaml"
    layout.write_text(
        "name: summary-large-print\nextends: summary-large-print\nfont: {size: 20, min_size: 20}\n",
        "utf-8",
    )
    pack = _own_layouts_pack(
        tmp_path,
        "pack: LP\nsources: [thaw.yaml]\nlayouts: [summary]\nclasses:\n  - name: 10A\n"
        "    students:\n      - {name: Amy Li, layouts: [callum.yaml]}\n"
        "      - {name: Ben Ot, layouts: [summary-large-print]}\n",
    )
    done = revpack("build", pack, "-o", tmp_path / "out")
    assert done.returncode == 1, done.stderr
    assert "two layouts have one name: rename one" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_student_whose_documents_do_not_print_is_said(tmp_path):
    pack = _own_layouts_pack(
        tmp_path,
        "pack: Y\nsources: [thaw.yaml]\nlayouts: [summary, worksheet]\nclasses:\n"
        "  - name: 11C\n    students:\n      - Cy Dee\n"
        "      - {name: Zoë Ng, layouts: [flashcards, quiz]}\n"
        "      - {name: Dev Ray, formats: [html]}\n",
    )
    done = revpack("build", pack, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "no copy of Zoë Ng's flashcards (apkg), quiz (moodle-xml)" in done.stderr
    assert "no copy of Dev Ray's worksheet (html)" in done.stderr
    assert "Cy Dee's" not in done.stderr


def test_a_folder_holding_a_packs_own_layout_builds(tmp_path):
    # 'revpack build FOLDER' refused the folder's layout file that its pack names, which
    # 'revpack check FOLDER' passed; a folder of layouts alone is still refused.
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "mine.yaml").write_text(
        "name: mine\nextends: summary\nfont: {size: 10}\n", "utf-8"
    )
    _own_layouts_pack(
        tmp_path,
        "pack: Y\nsources: [thaw.yaml]\nlayouts: [summary]\nclasses:\n  - name: 11C\n"
        "    students: [Cy Dee, {name: Zoë Ng, layouts: [layouts/mine.yaml]}]\n",
    )
    done = revpack("build", tmp_path, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "y" / "11c" / "thaw-mine.pdf").exists()
    done = revpack("build", tmp_path / "layouts", "-o", tmp_path / "out2")
    assert done.returncode == 1 and "this is a layout, not a source or pack" in done.stderr
