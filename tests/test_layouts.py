"""Layouts: lookup order, extends with deep merge, typed values, every problem located."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
import yaml

from helpers import DATA, THAW, revpack
from revpack import InputError, load_layout
from revpack.loading.layouts import PAPER, available, merge
from revpack.loading.yamltree import parse
from revpack.options.summary import Options as SummaryOptions

LAYOUTS = DATA / "layouts"
GOOD, BAD = LAYOUTS / "good", LAYOUTS / "bad"
EXPECTED: dict[str, list[str]] = yaml.safe_load((LAYOUTS / "bad-expected.yaml").read_text("utf-8"))
MM = 72 / 25.4


def test_standard_summary_layouts():
    summary = load_layout("summary")
    assert (summary.renders, summary.formats) == ("summary", ("pdf",))
    assert (summary.page.width, summary.page.height) == PAPER["A4"]
    assert summary.page.margin == pytest.approx(11 * MM)
    assert summary.options == SummaryOptions(columns=2, max_pages=1, italics=True)
    large = load_layout("summary-large-print")
    assert large.font.size >= 16 and large.font.min_size >= 16
    assert large.options.max_pages > 1 and large.options.columns == 1
    assert large.colours.accent == summary.colours.accent  # inherited through extends
    dyslexia = load_layout("summary-dyslexia")
    assert dyslexia.font.min_size >= 12
    assert dyslexia.colours.paper != "#FFFFFF"
    assert dyslexia.options.italics is False
    assert dyslexia.font.line_spacing > summary.font.line_spacing
    assert dyslexia.description and large.description and summary.description


def test_every_standard_layout_loads():
    for name, path in available().items():
        layout = load_layout(name)
        assert layout.name == name
        assert Path(layout.path) == path


def test_extends_deep_merges():
    a5 = load_layout("summary-a5", (GOOD,))
    standard = load_layout("summary")
    school = load_layout("summary", (GOOD,))  # what `extends: summary` finds first here
    assert a5.page.size == "A5" and a5.page.orientation == "landscape"
    assert (a5.page.width, a5.page.height) == (PAPER["A5"][1], PAPER["A5"][0])
    assert a5.page.margin == pytest.approx(8 * MM)
    assert a5.colours.key_term == "#CDEBFF"
    assert a5.colours.accent == school.colours.accent == "#7A1F1F"  # parent's colours
    assert a5.colours.box == standard.colours.box  # grandparent's colours
    assert a5.font.line_spacing == standard.font.line_spacing  # from the parent's font
    assert a5.options == standard.options


def test_lookup_order_layouts_dir_first_then_cwd_then_standard(tmp_path, monkeypatch):
    # --layouts wins, and `extends: summary` inside it reaches the standard summary.
    school = load_layout("summary", (GOOD,))
    assert school.colours.accent == "#7A1F1F"
    assert school.colours.key_term == load_layout("summary").colours.key_term
    assert Path(school.path) == GOOD / "summary.yaml"
    # ./layouts in the working folder comes next, before the standard layouts.
    local = tmp_path / "layouts"
    local.mkdir()
    (local / "summary.yaml").write_text('extends: summary\ncolours: {accent: "#123456"}\n')
    monkeypatch.chdir(tmp_path)
    assert load_layout("summary").colours.accent == "#123456"
    assert load_layout("summary", (GOOD,)).colours.accent == "#7A1F1F"
    assert available((GOOD,))["summary"] == GOOD / "summary.yaml"
    assert available()["summary"] == Path("layouts") / "summary.yaml"


def test_defaults_and_typed_options():
    letter = load_layout("letter", (GOOD,))
    assert letter.name == "letter"  # from the file's stem
    assert (letter.page.width, letter.page.height) == (612.0, 792.0)
    assert letter.page.margin == 36.0
    assert letter.options.columns == 3
    assert letter.options.blocks == ("factors", "terms")
    assert letter.colours.paper == "#FFFFFF"
    assert letter.formats == ("pdf",) and letter.kind.name == "summary"


def test_a_layout_by_path(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("renders: summary-pdf\npage: {size: A3}\n")
    assert load_layout(str(path)).page.size == "A3"


def test_unknown_layout_name():
    with pytest.raises(InputError) as caught:
        load_layout("sumary")
    assert "no layout called 'sumary'" in str(caught.value)
    assert "summary-large-print" in str(caught.value)


def test_merge_keeps_child_values_and_marks():
    base = parse("page: {size: A4, margin: 10mm}\nfont: {size: 9}\n", "base.yaml")
    child = parse("extends: base\npage: {margin: 12mm}\n", "child.yaml")
    merged = merge(base, child)
    assert "extends" not in merged.entries
    page = merged.entries["page"][1]
    assert page.entries["size"][1].text == "A4"
    assert page.entries["size"][1].mark.path == "base.yaml"
    assert page.entries["margin"][1].text == "12mm"
    assert page.entries["margin"][1].mark.path == "child.yaml"
    assert merged.entries["font"][1].entries["size"][1].text == "9"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_layout_is_reported_with_file_and_line(name, tmp_path):
    out = tmp_path / "out"
    done = revpack("build", THAW, "-l", name, "--layouts", BAD, "-o", out)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if re.match(r"^.+:\d+:\d+: ", line)]
    for entry in EXPECTED[name]:
        assert any(line.startswith(f"{BAD}/") and entry in line for line in problems), (
            f"{entry!r} not in:\n{done.stderr}"
        )
    assert len(problems) == len(EXPECTED[name]), done.stderr
    assert not out.exists()


def test_catalogue_is_complete():
    names = sorted(p.stem for p in BAD.glob("*.yaml"))
    assert names == sorted(EXPECTED)


def test_revpack_layouts_reports_every_bad_file():
    done = revpack("layouts", "--layouts", BAD)
    assert done.returncode == 1
    for entries in EXPECTED.values():
        for entry in entries:
            assert entry in done.stderr


def test_a_good_layout_builds(tmp_path):
    done = revpack(
        "build", THAW, "-l", "summary-a5", "-l", "letter", "--layouts", GOOD, "-o", tmp_path
    )
    if done.returncode != 0:  # an A5 card may be too small for the whole thaw: say so
        assert "does not fit" in done.stderr and "summary-a5" in done.stderr
    letter = tmp_path / "thaw-letter.pdf"
    assert letter.exists()
    with pdfplumber.open(letter) as pdf:
        page = pdf.pages[0]
        assert (page.width, page.height) == (612, 792)
        text = page.extract_text()
    assert "Key terms" in text and "Timeline" not in text  # blocks: [factors, terms]


def test_a5_card_of_a_short_source(tmp_path):
    source = DATA / "sources" / "coastal-crlf.yaml"
    done = revpack("build", source, "-l", "summary-a5", "--layouts", GOOD, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "coastal-crlf-summary-a5.pdf") as pdf:
        page = pdf.pages[0]
        assert page.width > page.height
        assert round(page.width) == round(PAPER["A5"][1])
        sizes = {c["size"] for c in page.chars}
        assert min(sizes) >= 6 - 0.01


def test_a_child_layout_is_named_after_its_own_file_not_its_parent(tmp_path):
    from revpack.loading.layouts import load_layout

    (tmp_path / "chart-a3.yaml").write_text("extends: summary\npage: {size: A3}\n", "utf-8")
    layout = load_layout("chart-a3", (tmp_path,))
    assert layout.name == "chart-a3" and layout.page.size == "A3"


def test_only_files_in_a_layouts_folder_are_layouts(tmp_path):
    import os

    folder = tmp_path / "layouts"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "mine.yaml").write_text("extends: summary\n", "utf-8")
    found = available((folder,))
    assert found["mine"] == folder / "mine.yaml"
    assert not {"pipe", "folder", "dangling", "zero"} & set(found)
    done = revpack("layouts", "--layouts", folder)
    assert done.returncode == 0 and "mine " in done.stdout, done.stderr


def test_a_layout_named_with_yaml_that_is_no_file_is_told_its_name(tmp_path):
    # '-l summary.yaml' said only 'cannot read file: No such file or directory'.
    done = revpack("build", THAW, "-l", "summary.yaml", "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "summary.yaml:1:1: no layout file summary.yaml; a layout is named without '.yaml': "
        "-l summary"
    )
    done = revpack("build", THAW, "-l", "nothing.yaml", "-o", tmp_path / "out", cwd=tmp_path)
    assert "nothing.yaml:1:1: cannot read file" in done.stderr


def test_a_worksheet_goes_with_the_dyslexia_summary():
    # A dyslexic pupil's worksheet kept the italics and white paper the summary leaves off.
    sheet, sheet_for = load_layout("worksheet-dyslexia"), load_layout("summary-dyslexia")
    assert sheet.renders == "worksheet"
    assert sheet.font.size == sheet_for.font.size >= 12
    assert sheet.font.line_spacing >= 1.3
    assert sheet.options.italics is False and sheet.options.first_letters is True
    assert sheet.colours.paper == sheet_for.colours.paper


def test_a_word_file_named_as_a_layout_is_called_so(tmp_path):
    # A DOCX renamed '.yaml' among a pack's layouts was called 'a source (notes)'.
    import zipfile

    from revpack.loading.layouts import load_layout
    from revpack.problems import InputError, Mark

    word = tmp_path / "mine.yaml"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as refused:
        load_layout(str(word), mark=Mark("pack.yaml", 3, 11))
    assert str(refused.value.problems[0]).endswith(
        "mine.yaml is a Word file (or another zip archive), not a layout"
    )


def test_a_layout_named_in_other_capitals_in_a_file_is_found():
    # A spreadsheet capitalises a roster's cell: 'Worksheet-Support' was no layout.
    from revpack.loading.layouts import load_layout
    from revpack.problems import Mark

    assert load_layout("Worksheet-Support", mark=Mark("r.csv", 2, 8)).name == "worksheet-support"
