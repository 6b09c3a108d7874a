"""The build: API, packs, incremental rebuilds, parallel jobs, failures, print PDFs."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import revpack as api
from helpers import (
    REPO,
    SCIENCE_PACK,
    THAW,
    fonts_embedded,
    pdftotext,
    qpdf_check,
    revpack,
    write_pack,
)
from revpack.problems import InputError, UsageError

PACK = SCIENCE_PACK + "    layouts: [summary, summary-dyslexia]\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with two topics and a pack over them."""
    write_pack(tmp_path, PACK)
    return tmp_path


def _tree(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_pack_builds_the_class_tree_with_print_pdfs(project):
    result = api.build([project / "pack.yaml"], out=project / "out", jobs=1)
    assert result.ok, result.failed
    tree = _tree(project / "out")
    assert sorted(tree) == [
        "year-9-science/9a/photosynthesis-summary.pdf",
        "year-9-science/9a/thaw-summary.pdf",
        "year-9-science/9a/year-9-science-9a-print.pdf",
        "year-9-science/9b/photosynthesis-summary-dyslexia.pdf",
        "year-9-science/9b/photosynthesis-summary.pdf",
        "year-9-science/9b/thaw-summary-dyslexia.pdf",
        "year-9-science/9b/thaw-summary.pdf",
        "year-9-science/9b/year-9-science-9b-print.pdf",
    ]
    sheet = pdftotext(project / "out/year-9-science/9b/thaw-summary.pdf")
    assert "9B" in sheet and "Mr Obi" in sheet


def test_print_pdf_has_a_cover_with_contents_then_every_sheet(project):
    api.build([project / "pack.yaml"], out=project / "out", jobs=1)
    folder = project / "out/year-9-science/9b"
    printed = folder / "year-9-science-9b-print.pdf"
    qpdf_check(printed)
    parts = [
        "photosynthesis-summary.pdf",
        "photosynthesis-summary-dyslexia.pdf",
        "thaw-summary.pdf",
        "thaw-summary-dyslexia.pdf",
    ]
    counts = [len(PdfReader(folder / p).pages) for p in parts]
    reader = PdfReader(printed)
    assert len(reader.pages) == 1 + sum(counts)
    cover = reader.pages[0].extract_text()
    assert "Year 9 Science" in cover and "9B" in cover and "Mr Obi" in cover
    # The contents give each document's first page.
    start = 2
    for count, title in zip(
        counts,
        [
            "Photosynthesis: summary sheet",
            "Photosynthesis: summary sheet, dyslexia-friendly",
            "The Thaw and Peaceful Coexistence: summary sheet",
            "The Thaw and Peaceful Coexistence: summary sheet, dyslexia-friendly",
        ],
        strict=True,
    ):
        # (each layout named: the two summaries of a source were both 'summary sheet')
        assert f"{title}" in " ".join(cover.split())
        assert str(start) in cover
        assert reader.pages[start - 1].extract_text().split()[0] in ("Photosynthesis", "The")
        start += count


def test_rebuild_skips_unchanged_and_touching_one_source_rebuilds_only_it(project):
    out = project / "out"
    first = api.build([project / "pack.yaml"], out=out, jobs=1)
    again = api.build([project / "pack.yaml"], out=out, jobs=1)
    assert again.written == [] and len(again.unchanged) == len(first.written)
    topic = project / "topics" / "photosynthesis.yaml"
    topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")
    third = api.build([project / "pack.yaml"], out=out, jobs=1)
    changed = sorted(p.name for p in third.written)
    assert changed == sorted(
        [
            "photosynthesis-summary.pdf",
            "year-9-science-9a-print.pdf",
            "photosynthesis-summary.pdf",
            "photosynthesis-summary-dyslexia.pdf",
            "year-9-science-9b-print.pdf",
        ]
    )
    forced = api.build([project / "pack.yaml"], out=out, jobs=1, force=True)
    assert len(forced.written) == len(first.written)


def test_a_factor_chart_is_made_again_only_when_the_notes_it_draws_change(tmp_path):
    topic = tmp_path / "thaw.yaml"
    topic.write_text(THAW.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    layouts = ["summary", "factor-chart"]
    api.build([topic], out=out, layouts=layouts, jobs=1)
    chart = out / "thaw-factor-chart.pdf"
    made = chart.stat().st_mtime_ns
    text = topic.read_text("utf-8")
    assert "Stalin dies; the thaw begins." in text  # a timeline event, which no chart shows
    event = text.replace("Stalin dies; the thaw begins.", "Stalin dies and the thaw begins.")
    topic.write_text(event, "utf-8")
    timeline = api.build([topic], out=out, layouts=layouts, jobs=1)
    assert [p.name for p in timeline.written] == ["thaw-summary.pdf"]
    assert chart in timeline.unchanged and chart.stat().st_mtime_ns == made
    question = topic.read_text("utf-8").replace("Why did", "Why exactly did", 1)
    topic.write_text(question, "utf-8")
    asked = api.build([topic], out=out, layouts=layouts, jobs=1)
    assert sorted(p.name for p in asked.written) == ["thaw-factor-chart.pdf", "thaw-summary.pdf"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_build_keeps_what_it_wrote(project, jobs):
    out = project / "out"
    finished = []

    def stop_after_two(done):
        finished.append(done.job.base)
        if len(finished) == 2:
            raise KeyboardInterrupt  # as Ctrl-C would, in the middle of the build

    with pytest.raises(KeyboardInterrupt):
        api.build([project / "pack.yaml"], out=out, jobs=jobs, on_done=stop_after_two)
    again = api.build([project / "pack.yaml"], out=out, jobs=1)
    assert {p.with_suffix("") for p in again.unchanged} >= set(finished)
    assert not any(p.with_suffix("") in finished for p in again.written)
    assert again.ok and not list(out.rglob("*.part"))


def test_a_deleted_output_is_rebuilt(project):
    out = project / "out"
    api.build([project / "pack.yaml"], out=out, jobs=1)
    victim = out / "year-9-science/9a/thaw-summary.pdf"
    victim.unlink()
    result = api.build([project / "pack.yaml"], out=out, jobs=1)
    assert victim in result.written and victim.exists()


def test_two_builds_are_byte_identical_and_parallel_equals_serial(project):
    api.build([project / "pack.yaml"], out=project / "one", jobs=1)
    api.build([project / "pack.yaml"], out=project / "two", jobs=2)
    assert _tree(project / "one") == _tree(project / "two")


def test_a_failing_job_leaves_no_file_and_the_others_finish(project):
    long = project / "topics" / "long.yaml"
    # One point alone is taller than a column, so the block cannot run on either.
    points = "\n".join(
        f"      - Point {i} " + "is long enough to need space. " * (60 if i == 0 else 6)
        for i in range(40)
    )
    long.write_text(
        f"title: Far too long\nfactors:\n  - title: One\n    points:\n{points}\n", "utf-8"
    )
    out = project / "out"
    done = revpack("build", project / "pack.yaml", "-o", out, "-j", "2")
    assert done.returncode == 1
    assert "long.yaml:3:5: factor 'One' is taller than a whole page column" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(out.rglob("long-*")) and not list(out.rglob("*.part"))
    assert (out / "year-9-science/9a/thaw-summary.pdf").exists()


def _long_point(path: Path, words: int) -> None:
    """A topic of one point: at 600 words, too tall for the dyslexia summary (class
    9B's) alone."""
    path.write_text(
        "title: Topic\nfactors:\n  - title: One\n    points:\n"
        f"      - {'Word ' * words}ends here.\n",
        "utf-8",
    )


def test_what_a_pack_no_longer_makes_is_left_and_said(project):
    # A class renamed (9A to 9C) left its old folder, print PDF and all, and a layout
    # taken from a class left its documents beside the new ones, with nothing said: a
    # teacher could not tell the current sheets from the stale ones.
    out, pack = project / "out", project / "pack.yaml"
    assert api.build([pack], out=out, jobs=1).ok
    assert api.build([pack], out=out, jobs=1).notes == []  # (nothing left behind)
    (project / "pack.yaml").write_text(
        SCIENCE_PACK.replace("name: 9A", "name: 9C") + "    layouts: [summary]\n", "utf-8"
    )
    result = api.build([pack], out=out, jobs=1)
    assert result.ok, result.failed
    root = out / "year-9-science"
    assert sorted(result.notes) == [
        f"{root / '9a'}: no class of the pack has this folder now; what revpack wrote there "
        "(3 files) is left as it was: delete the folder if it is no longer needed",
        f"{root / '9b'}: 2 files revpack wrote here the pack no longer makes "
        "(photosynthesis-summary-dyslexia.pdf, thaw-summary-dyslexia.pdf): left as they "
        "were; delete them if no longer needed",
    ]
    assert (root / "9a" / "year-9-science-9a-print.pdf").exists()  # (never deleted)
    # A build of some classes or layouts only says nothing of the others.
    assert api.build([pack], out=out, jobs=1, classes=["9B"]).notes == []


def test_a_pack_built_with_some_layouts_leaves_the_class_print_pdfs_as_they_were(project):
    # '-l summary-dyslexia' on the pack rewrote each class's print PDF with that summary
    # alone: 9B's lost its standard summaries, and 9A's (which prints no dyslexia
    # summary) became one of dyslexia summaries, with nothing said.
    out, pack = project / "out", project / "pack.yaml"
    assert api.build([pack], out=out, jobs=1).ok
    prints = {p: p.read_bytes() for p in out.rglob("*-print.pdf")}
    assert len(prints) == 2
    result = api.build([pack], out=out, jobs=1, layouts=["summary-dyslexia"])
    assert result.ok, result.failed
    assert {p: p.read_bytes() for p in out.rglob("*-print.pdf")} == prints
    assert out / "year-9-science/9a/thaw-summary-dyslexia.pdf" in result.written
    # (9B's dyslexia summaries were up to date: nothing of its print PDF changed)
    assert [n for n in result.notes if "print and answers PDFs" in n] == [
        f"{out / 'year-9-science' / '9a'}: the class's print and answers PDFs are left as "
        "they were (built for some layouts only, with -l); build the class to bring them "
        "up to date"
    ]
    # (naming the class's own layouts builds it whole)
    whole = api.build([pack], out=out, jobs=1, layouts=["summary-dyslexia", "summary"])
    assert not [n for n in whole.notes if "9b: the class's print" in n]


def test_a_class_whose_document_fails_gets_no_print_pdf_that_would_lack_it_or_print_it_old(
    project,
):
    # The print PDF held the summary the last build had made from the old notes beside
    # the others made from the new ones (or, on a first build, left it out), and only
    # 'wrote …print.pdf' was said of it.
    topic = project / "topics" / "long.yaml"
    _long_point(topic, 5)
    out, pack = project / "out", project / "pack.yaml"
    assert api.build([pack], out=out, jobs=1).ok
    printed = {
        name: (out / f"year-9-science/{name}/year-9-science-{name}-print.pdf").read_bytes()
        for name in ("9a", "9b")
    }
    _long_point(topic, 600)
    result = api.build([pack], out=out, jobs=1)
    refused = (
        f"{pack}:7:11: the print PDFs of class 9B are not made, as "
        "long-summary-dyslexia.pdf could not be (see above); any from an earlier build "
        "are left as they were"
    )
    assert result.failed[1:] == [refused]
    assert (out / "year-9-science/9b/year-9-science-9b-print.pdf").read_bytes() == printed["9b"]
    assert out / "year-9-science/9a/year-9-science-9a-print.pdf" in result.written
    # A first build makes none for that class; once the notes are mended, the next does.
    fresh = project / "fresh"
    assert api.build([pack], out=fresh, jobs=1).failed[1:] == [refused]
    assert [p.name for p in fresh.rglob("*print.pdf")] == ["year-9-science-9a-print.pdf"]
    _long_point(topic, 5)
    again = api.build([pack], out=fresh, jobs=1)
    assert again.ok and fresh / "year-9-science/9b/year-9-science-9b-print.pdf" in again.written


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("    layouts: [summary]\n    formats: [docx]\n", "pack.yaml:11:5"),
        ("    layouts: [flashcards]\n", "pack.yaml:2:1"),  # (the pack's formats)
    ],
)
def test_a_class_whose_formats_suit_none_of_its_layouts_is_refused_where_they_are(
    project, text, where
):
    # 'formats: [docx]' for a class of summaries passed `revpack check`, then the build
    # stopped with a usage error (exit 2) that named no file.
    pack = project / "pack.yaml"
    pack.write_text(
        "pack: Year 9 Science\nformats: [pdf]\nsources: [topics/*.yaml]\nlayouts: [summary]\n"
        "classes:\n  - name: 9A\n    teacher: Ms Patel\n  - name: 9B\n    teacher: Mr Obi\n" + text,
        "utf-8",
    )
    for command in (("check",), ("build", "-o", project / "out")):
        done = revpack(*command, pack)
        assert done.returncode == 1, done.stderr
        assert f"{project / where}: class 9B: layout '" in done.stderr.splitlines()[0]
    assert not (project / "out").exists()


def test_a_broken_source_in_a_pack_writes_nothing(project):
    (project / "topics" / "broken.yaml").write_text("title: x\nfactors: oops\n", "utf-8")
    with pytest.raises(InputError) as error:
        api.build([project / "pack.yaml"], out=project / "out")
    assert any("broken.yaml:2:10" in str(p) for p in error.value.problems)
    assert not (project / "out").exists()


def test_class_filter_builds_only_that_class(project):
    result = api.build([project / "pack.yaml"], out=project / "out", classes=["9A"], jobs=1)
    assert result.ok
    assert not (project / "out/year-9-science/9b").exists()
    assert (project / "out/year-9-science/9a/thaw-summary.pdf").exists()


def test_audience_is_printed_on_a_source_built_directly(tmp_path):
    who = api.Audience(class_name="10C", teacher="Mrs Ade")
    result = api.build([THAW], layouts=["summary"], out=tmp_path, audience=who, jobs=1)
    assert result.ok
    text = pdftotext(tmp_path / "thaw-summary.pdf")
    assert "10C" in text and "Mrs Ade" in text


def test_source_date_epoch_prints_a_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # 26 November 2025
    api.build([THAW], layouts=["summary"], out=tmp_path, jobs=1)
    assert "26 November 2025" in pdftotext(tmp_path / "thaw-summary.pdf")


def test_outputs_get_ordinary_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        api.build([THAW], layouts=["summary"], out=tmp_path, jobs=1)
    finally:
        os.umask(mask)
    assert (tmp_path / "thaw-summary.pdf").stat().st_mode & 0o777 == 0o644


def test_unknown_class_is_refused_naming_the_classes(project):
    with pytest.raises(UsageError, match="no class called '9Z'; classes: 9A, 9B"):
        api.build([project / "pack.yaml"], out=project / "out", classes=["9Z"])


def _word_bank(docx_path: Path) -> list[str]:
    import docx

    document = docx.Document(str(docx_path))
    for table in document.tables:
        cells = [c.text.strip() for row in table.rows for c in row.cells]
        if cells and cells[0] == "Word bank":
            return [c for c in cells[1:] if c and c != "Word bank"]
    raise AssertionError(f"no word bank in {docx_path}")


def test_classes_get_different_word_bank_orders_reproducibly(project):
    pack = project / "pack.yaml"
    pack.write_text(
        PACK.replace("layouts: [summary]", "layouts: [worksheet]").replace(
            "layouts: [summary, summary-dyslexia]", "layouts: [worksheet]"
        ),
        "utf-8",
    )
    api.build([pack], out=project / "one", jobs=2)
    api.build([pack], out=project / "two", jobs=1)
    a = _word_bank(project / "one/year-9-science/9a/thaw-worksheet.docx")
    b = _word_bank(project / "one/year-9-science/9b/thaw-worksheet.docx")
    assert sorted(a) == sorted(b) and a != b
    assert _tree(project / "one") == _tree(project / "two")


def _worksheet_pack(project: Path, extra: str = "") -> Path:
    pack = project / "pack.yaml"
    pack.write_text(
        PACK.replace("layouts: [summary]", f"layouts: [summary, worksheet]{extra}").replace(
            "layouts: [summary, summary-dyslexia]", "layouts: [worksheet-support]"
        ),
        "utf-8",
    )
    return pack


def _outline(pdf: Path) -> list[tuple[str, int]]:
    reader = PdfReader(pdf)
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]


def test_print_pdf_holds_the_worksheets_drawn_natively_without_libreoffice(project, monkeypatch):
    monkeypatch.setenv("PATH", str(project))  # no soffice (nor anything else) on this PATH
    result = api.build([_worksheet_pack(project)], out=project / "out", jobs=2)
    assert result.ok, result.failed
    folder = project / "out/year-9-science/9a"
    printed = folder / "year-9-science-9a-print.pdf"
    monkeypatch.undo()
    qpdf_check(printed)
    fonts_embedded(printed)
    text = pdftotext(printed)
    assert "Photosynthesis: worksheet" in text and "Word bank" in text
    assert "Name" in text and "(1)" in text
    assert "Answer key" not in text
    # The class still gets its worksheets as DOCX, and as PDF for printing.
    assert (folder / "thaw-worksheet.docx").exists() and (folder / "thaw-worksheet.pdf").exists()


def test_the_answers_pdf_holds_each_worksheets_key(project):
    result = api.build([_worksheet_pack(project)], out=project / "out", jobs=1)
    assert result.ok, result.failed
    answers = project / "out/year-9-science/9b/year-9-science-9b-answers.pdf"
    qpdf_check(answers)
    fonts_embedded(answers)
    text = pdftotext(answers)
    key = pdftotext(project / "out/year-9-science/9b/thaw-worksheet-support-answers.pdf")
    assert "Answer key" in text and "Class 9B" in text
    assert key.split("\f")[0].split("\n")[5] in text
    assert [title for title, _ in _outline(answers)] == [
        "Photosynthesis: worksheet, support tier (Answer key)",
        "The Thaw and Peaceful Coexistence: worksheet, support tier (Answer key)",
    ]
    for mine, theirs in (("9A", "9B"), ("9B", "9A")):
        printed = (
            project / f"out/year-9-science/{mine.lower()}/year-9-science-{mine.lower()}-print.pdf"
        )
        text = pdftotext(printed)
        assert f"Class {mine}" in text and f"Class {theirs}" not in text


def test_print_pdfs_have_a_bookmark_per_document_title_and_language(project):
    api.build([_worksheet_pack(project)], out=project / "out", jobs=1)
    folder = project / "out/year-9-science/9a"
    printed = folder / "year-9-science-9a-print.pdf"
    outline = _outline(printed)
    assert [title for title, _ in outline] == [
        "Photosynthesis: summary sheet",
        "Photosynthesis: worksheet",
        "The Thaw and Peaceful Coexistence: summary sheet",
        "The Thaw and Peaceful Coexistence: worksheet",
    ]
    reader = PdfReader(printed)
    pages = [
        1 + len(PdfReader(folder / name).pages)
        for name in (
            "photosynthesis-summary.pdf",
            "photosynthesis-worksheet.pdf",
            "thaw-summary.pdf",
        )
    ]
    assert [page for _, page in outline] == [2, pages[0] + 1, pages[0] + pages[1], sum(pages) - 1]
    assert reader.metadata.title == "Year 9 Science · Class 9A · Ms Patel"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    first = reader.pages[0].mediabox
    document = PdfReader(folder / "photosynthesis-summary.pdf").pages[0].mediabox
    assert (first.width, first.height) == (document.width, document.height)


def test_duplex_starts_every_document_on_an_odd_page(project):
    pack = _worksheet_pack(project, "\nprint: {duplex: true}")
    result = api.build([pack], out=project / "out", jobs=1)
    assert result.ok, result.failed
    for name in ("9a", "9b"):
        for kind in ("print", "answers"):
            printed = project / f"out/year-9-science/{name}/year-9-science-{name}-{kind}.pdf"
            outline = _outline(printed)
            assert outline and all(page % 2 == 1 for _, page in outline), outline
            reader = PdfReader(printed)
            ends = [*outline[1:], ("", len(reader.pages) + 1)]
            for (_, page), (_, after) in zip(outline, ends, strict=True):
                # a blank back page only where the document before ended on a right page
                blanks = [
                    i for i in range(page, after - 1) if not reader.pages[i].extract_text().strip()
                ]
                assert len(blanks) <= 1
    # A class may say otherwise.
    pack.write_text(
        pack.read_text("utf-8").replace(
            "    teacher: Mr Obi\n", "    teacher: Mr Obi\n    print: {duplex: false}\n"
        ),
        "utf-8",
    )
    api.build([pack], out=project / "out", jobs=1)
    pages = [
        page for _, page in _outline(project / "out/year-9-science/9b/year-9-science-9b-print.pdf")
    ]
    assert any(page % 2 == 0 for page in pages)


def test_no_print_worksheets_leaves_the_docx_out_of_the_print_pdf(project):
    result = api.build(
        [_worksheet_pack(project)], out=project / "out", jobs=1, print_worksheets=False
    )
    assert result.ok, result.failed
    folder = project / "out/year-9-science/9a"
    assert not (folder / "thaw-worksheet.pdf").exists()
    assert "worksheet" not in pdftotext(folder / "year-9-science-9a-print.pdf")


def test_unchanged_print_pdfs_are_not_rebuilt(project):
    pack = _worksheet_pack(project)
    api.build([pack], out=project / "out", jobs=1)
    again = api.build([pack], out=project / "out", jobs=1)
    assert again.written == [] and again.ok


def test_feedback_is_plain_lines_off_a_terminal_and_quiet_with_q(project):
    loud = revpack("build", project / "pack.yaml", "-o", project / "a", "-j", "1")
    assert loud.returncode == 0
    assert "wrote " in loud.stderr and "thaw-summary.pdf" in loud.stderr
    assert "8 written, 0 unchanged, 0 failed in" in loud.stdout
    quiet = revpack("build", project / "pack.yaml", "-o", project / "b", "-j", "1", "-q")
    assert quiet.stderr == "" and "8 written" in quiet.stdout
    again = revpack("build", project / "pack.yaml", "-o", project / "b", "-q")
    assert "0 written, 8 unchanged, 0 failed" in again.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_a_progress_bar_and_the_summary(project):
    import pty

    # The bar's refresh thread starts only after the workers are forked (-j 2).
    command = [
        sys.executable,
        "-m",
        "revpack",
        "build",
        str(project / "pack.yaml"),
        "-o",
        str(project / "out"),
        "-j",
        "2",
    ]
    chunks = []

    def read(fd):
        data = os.read(fd, 4096)
        chunks.append(data)
        return data

    status = pty.spawn(command, read)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, screen
    assert "building" in screen and "8 written, 0 unchanged, 0 failed" in screen
    assert "Traceback" not in screen and "wrote " not in screen


def test_a_note_is_said_once_for_a_whole_pack(project):
    topic = project / "topics" / "photosynthesis.yaml"
    pack = project / "pack.yaml"
    pack.write_text(
        PACK.replace("layouts: [summary]", "layouts: [worksheet]").replace(
            "layouts: [summary, summary-dyslexia]", "layouts: [worksheet]"
        ),
        "utf-8",
    )
    assert topic.exists()
    result = api.build([pack], out=project / "out", jobs=1)
    assert result.ok
    matching = [n for n in result.notes if "photosynthesis.yaml" in n and "matching" in n]
    assert len(matching) == 1


def test_right_to_left_text_gets_a_note_for_each_pdf_layout(tmp_path):
    source = tmp_path / "torah.yaml"
    source.write_text(
        "title: Judaism\nquestion: Why is the Torah central?\nfactors:\n"
        "  - title: Scripture\n    points:\n"
        "      - The ==Torah== (תורה) is read in the synagogue.\n"
        "  - title: Law\n    points: [It holds the 613 mitzvot.]\n",
        "utf-8",
    )
    result = api.build([source], out=tmp_path / "out", jobs=1)
    assert result.ok, result.failed
    rtl = [n for n in result.notes if "right-to-left" in n]
    assert sorted(n.split(": ")[1].split()[0] for n in rtl) == ["factor-chart", "summary"]
    assert all(n.startswith(f"{source}:6:9: ") and "'תורה'" in n for n in rtl), rtl
    plain = api.build([THAW], out=tmp_path / "thaw", jobs=1)
    assert not [n for n in plain.notes if "right-to-left" in n]
    # A worksheet PDF's note sent the teacher to "the worksheets", itself among them.
    sheet = api.build([source], layouts=["worksheet"], formats=["pdf"], out=tmp_path / "w", jobs=1)
    [said] = [n for n in sheet.notes if "right-to-left" in n]
    assert said.endswith("(the worksheet as DOCX or HTML shows it correctly)")
    assert all(n.endswith("(the worksheets as DOCX or HTML show it correctly)") for n in rtl)


# Failures stay local ---------------------------------------------------------------------


def _full_disk_for(monkeypatch, fragment: str) -> None:
    """Make every write whose path holds `fragment` fail as a full disk does."""
    import errno

    import revpack.building.class_print as run_module
    import revpack.building.jobs as jobs_module

    real = run_module.write_atomic

    def write(path, data, root=None):
        if fragment in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data, root)

    monkeypatch.setattr(jobs_module, "write_atomic", write)
    monkeypatch.setattr(run_module, "write_atomic", write)


def test_a_full_disk_fails_each_document_alone_and_the_other_class_is_built(project, monkeypatch):
    _full_disk_for(monkeypatch, "/9a/")
    out = project / "out"
    result = api.build([project / "pack.yaml"], out=out, jobs=1)
    folder = out / "year-9-science" / "9a"
    assert sorted(result.failed) == sorted(
        [
            *(
                f"cannot write {folder / name}: No space left on device"
                for name in ("photosynthesis-summary.pdf", "thaw-summary.pdf")
            ),
            f"{project / 'pack.yaml'}:5:11: the print PDFs of class 9A are not "
            "made, as photosynthesis-summary.pdf and 1 more could not be (see above); any "
            "from an earlier build are left as they were",
        ]
    )
    assert (out / "year-9-science/9b/year-9-science-9b-print.pdf") in result.written
    assert len(result.written) == 5 and not list(folder.glob("*"))


def test_a_print_pdf_that_cannot_be_written_fails_its_class_alone(project, monkeypatch):
    _full_disk_for(monkeypatch, "9a-print.pdf")
    out = project / "out"
    result = api.build([project / "pack.yaml"], out=out, jobs=1)
    target = out / "year-9-science/9a/year-9-science-9a-print.pdf"
    assert result.failed == [f"cannot write {target}: No space left on device"]
    assert (out / "year-9-science/9b/year-9-science-9b-print.pdf").exists()
    assert (out / "year-9-science/9a/thaw-summary.pdf").exists() and not target.exists()
    monkeypatch.undo()
    again = api.build([project / "pack.yaml"], out=out, jobs=1)
    assert again.ok and again.written == [target]


def test_a_full_disk_is_exit_1_with_one_line_each_and_no_traceback(project):
    out = project / "out"
    script = (
        "import errno, os, sys\n"
        "import revpack.building.files as files\n"
        "real = files.write_atomic\n"
        "def write(path, data, root=None):\n"
        "    if '/9a/' in str(path):\n"
        "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "    real(path, data, root)\n"
        "import revpack.building.jobs as jobs, revpack.building.class_print as run\n"
        "jobs.write_atomic = run.write_atomic = write\n"
        "from revpack.cli.main import main\n"
        "sys.argv = ['revpack', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "build",
            str(project / "pack.yaml"),
            "-o",
            str(out),
            "-j",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    folder = out / "year-9-science" / "9a"
    for name in ("photosynthesis-summary.pdf", "thaw-summary.pdf"):
        assert f"cannot write {folder / name}: No space left on device\n" in done.stderr
    assert (out / "year-9-science/9b/year-9-science-9b-print.pdf").exists()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="a read-only folder stops no one running as root",
)
def test_a_read_only_class_folder_fails_that_class_alone(project):
    out = project / "out"
    api.build([project / "pack.yaml"], out=out, jobs=1)
    folder = out / "year-9-science" / "9a"
    topic = project / "topics" / "thaw.yaml"
    topic.write_text(topic.read_text("utf-8").replace("Thaw", "thaw"), "utf-8")
    folder.chmod(0o555)
    try:
        done = revpack("build", project / "pack.yaml", "-o", out, "-j", "2")
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"cannot write {folder / 'thaw-summary.pdf'}: Permission denied" in done.stderr
    assert f"wrote {out / 'year-9-science/9b/thaw-summary.pdf'}" in done.stderr


def test_a_folder_the_filesystem_refuses_fails_that_class_alone(project):
    out = project / "out"
    (out / "year-9-science").mkdir(parents=True)
    (out / "year-9-science" / "9a").write_text("a file where a class folder goes", "utf-8")
    done = revpack("build", project / "pack.yaml", "-o", out, "-j", "2")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "cannot write" in line]
    assert len(lines) == 2 and all(
        line.startswith(f"cannot write {out}/year-9-science/9a/") for line in lines
    )
    assert (out / "year-9-science/9b/year-9-science-9b-print.pdf").exists()


def test_outputs_follow_a_private_umask_which_the_build_leaves_alone(tmp_path):
    mask = os.umask(0o027)
    try:
        api.build([THAW], layouts=["summary"], out=tmp_path, jobs=1)
    finally:
        during = os.umask(mask)
    assert during == 0o027
    assert (tmp_path / "thaw-summary.pdf").stat().st_mode & 0o777 == 0o640


def test_print_pdf_pages_carry_the_numbers_its_contents_list(tmp_path):
    # Each document keeps its own 'Page N of M'; the pack's own number, the one the cover's
    # contents list gives, is printed at the foot of every page after the cover.
    import re

    import pdfplumber

    out = tmp_path / "out"
    result = api.build(
        [REPO / "sources" / "packs" / "year11-cold-war.yaml"], out=out, jobs=1, classes=["11B"]
    )
    assert result.ok, result.failed
    printed = next(out.rglob("*-11b-print.pdf"))
    with pdfplumber.open(printed) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    contents = [int(n) for n in re.findall(r"(\d+)\s*$", texts[0], re.M)]
    assert contents and contents == sorted(contents)
    for number, text in enumerate(texts[1:], 2):
        assert f"– {number} –" in text, number
    assert "– 1 –" not in texts[0]


def test_a_duplex_blank_back_is_the_size_and_way_up_of_the_page_it_backs(project):
    # A portrait worksheet's back, before a landscape chart, was landscape: its page
    # number printed along the long edge.
    pack = project / "pack.yaml"
    pack.write_text(
        PACK.replace(
            "layouts: [summary]", "layouts: [worksheet, factor-chart]\nprint: {duplex: true}"
        ),
        "utf-8",
    )
    result = api.build([pack], out=project / "out", jobs=1)
    assert result.ok, result.failed
    printed = project / "out/year-9-science/9a/year-9-science-9a-print.pdf"
    reader = PdfReader(printed)
    backs = 0
    for number, page in enumerate(reader.pages[1:], 1):
        if re.fullmatch(r"\W*\d+\W*", page.extract_text().strip() or "0"):
            before = reader.pages[number - 1].mediabox
            assert (page.mediabox.width, page.mediabox.height) == (before.width, before.height)
            backs += 1
    assert backs, "no blank back page to check"
    sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages}
    assert len(sizes) == 2, sizes  # portrait sheets and landscape charts


def test_a_document_that_is_not_printed_failing_leaves_the_print_pdf_to_be_made(
    project, monkeypatch
):
    # A deck that could not be written kept the class's print PDF from being made (with
    # its old summary in it), though a deck is never printed.
    pack = write_pack(project, PACK.replace("layouts: [summary]", "layouts: [summary, flashcards]"))
    _full_disk_for(monkeypatch, ".apkg")
    result = api.build([pack], out=project / "out", jobs=1)
    assert result.failed and all(".apkg: No space left on device" in m for m in result.failed)
    printed = sorted(p.name for p in result.written if p.name.endswith("print.pdf"))
    assert printed == ["year-9-science-9a-print.pdf", "year-9-science-9b-print.pdf"]
