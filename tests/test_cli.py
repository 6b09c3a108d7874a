"""The command line contract: exit codes, defaults, output names, no tracebacks."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import DATA, THAW, revpack


@pytest.fixture
def project(tmp_path) -> Path:
    """A teacher's folder: sources/ holding the thaw notes, nothing else."""
    (tmp_path / "sources" / "cold-war").mkdir(parents=True)
    shutil.copy(THAW, tmp_path / "sources" / "cold-war" / "thaw.yaml")
    return tmp_path


def test_build_defaults_to_sources_into_out(project):
    done = revpack("build", "-l", "summary", cwd=project)
    assert done.returncode == 0, done.stderr
    pdfs = sorted(p.name for p in (project / "out").glob("*.pdf"))
    assert pdfs == ["thaw-summary.pdf"]
    assert len(PdfReader(project / "out" / "thaw-summary.pdf").pages) == 1


def test_build_with_no_layout_makes_the_default_three(project):
    done = revpack("build", cwd=project)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (project / "out").iterdir() if not p.name.startswith("."))
    assert names == [
        "thaw-factor-chart.pdf",
        "thaw-summary.pdf",
        "thaw-worksheet-answers.docx",
        "thaw-worksheet.docx",
    ]
    assert not list((project / "out").glob("*.part")), "a temporary file was left behind"


def test_output_names_are_stem_dash_layout(tmp_path):
    sources = [THAW, DATA / "sources" / "causes-ww1.yaml"]
    done = revpack(
        "build", *sources, "-l", "summary", "-l", "summary-dyslexia", "-o", tmp_path / "pack"
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "pack").glob("*.pdf")) == [
        "causes-ww1-summary-dyslexia.pdf",
        "causes-ww1-summary.pdf",
        "thaw-summary-dyslexia.pdf",
        "thaw-summary.pdf",
    ]


def test_a_folder_is_searched_recursively(project, tmp_path):
    done = revpack("build", project / "sources", "-l", "summary", "-o", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "thaw-summary.pdf").exists()


def test_written_files_are_readable_like_any_other_file(project):
    done = revpack("build", "-l", "summary", cwd=project)
    assert done.returncode == 0
    mode = stat.S_IMODE((project / "out" / "thaw-summary.pdf").stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_check_defaults_to_sources_and_writes_nothing(project):
    done = revpack("check", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "1 source OK" in done.stdout
    assert sorted(p.name for p in project.iterdir()) == ["sources"]


@pytest.mark.parametrize("command", ["check", "build"])
def test_no_sources_folder_is_an_input_error_that_says_what_to_do(tmp_path, command):
    done = revpack(command, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "sources:1:1: no such folder here; name the source or pack files to build"
    )
    assert "revpack new" in done.stderr and "Traceback" not in done.stderr
    assert sorted(tmp_path.iterdir()) == []


def test_a_named_file_that_is_missing_is_an_input_error(tmp_path):
    done = revpack("build", "thaw.yml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("thaw.yml:1:1: no such file or folder")


def test_check_all_unseen_sources():
    done = revpack("check", DATA / "sources")
    assert done.returncode == 0, done.stderr
    count = len(list((DATA / "sources").glob("*.yaml")))
    assert f"{count} sources OK" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--frobnicate"],
        ["build", str(THAW), "-l", "no-such-layout"],
        ["build", str(THAW), "-l", "summary", "-j", "0"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path):
    done = revpack(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not any(tmp_path.iterdir())


def test_unknown_layout_names_the_available_ones(tmp_path):
    done = revpack("build", THAW, "-l", "sumary", "-o", tmp_path / "out")
    assert done.returncode == 2
    assert "no layout called 'sumary'" in done.stderr
    assert "summary-dyslexia" in done.stderr
    assert not (tmp_path / "out").exists()


def test_bad_input_exits_1_and_says_nothing_was_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nfactors: []\n")
    done = revpack("build", bad, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 1
    assert (
        done.stderr.splitlines()[0] == f"{bad}:2:10: this list is empty; add at least one "
        "item or remove the key"
    )
    assert "nothing was written" in done.stderr
    assert not (tmp_path / "out").exists()


def test_layouts_lists_the_summary_layouts():
    done = revpack("layouts")
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line for line in done.stdout.splitlines()[1:] if line[:1].strip()}
    for name in ("summary", "summary-large-print", "summary-dyslexia"):
        assert name in rows
        assert rows[name].split()[1:3] == ["summary", "pdf"]
    assert rows["worksheet"].split()[1:3] == ["worksheet", "docx"]
    # (a header, then each layout on a line with its description under it: 80 columns)
    assert done.stdout.startswith("LAYOUT ")
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


def test_a_format_the_layouts_kind_lacks_is_a_usage_error(tmp_path):
    done = revpack("build", THAW, "-l", "factor-chart", "-f", "docx", "-o", tmp_path / "out")
    assert done.returncode == 2
    assert "factor-chart" in done.stderr and "'docx'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
    done = revpack("build", THAW, "-l", "summary", "-f", "nonsense", "-o", tmp_path / "out")
    assert done.returncode == 2 and "no format called 'nonsense'" in done.stderr
    done = revpack("build", THAW, "-l", "factor-chart", "-f", "docx", "-f", "docx", cwd=tmp_path)
    assert done.stderr.count("'docx'") == 1, done.stderr  # said once, however often asked


def test_a_format_some_layouts_lack_is_made_where_it_can_be(tmp_path):
    # `-f html` with the default layouts was refused for the factor chart's sake.
    done = revpack("build", THAW, "-f", "html", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert made == ["thaw-factor-chart.pdf", "thaw-summary.html", "thaw-worksheet.html"]


def test_a_format_one_class_of_a_pack_lacks_is_made_for_the_others(tmp_path):
    # `-f tsv` was refused because one class had no flashcards layout, although another
    # class of the same pack had one.
    (tmp_path / "pack.yaml").write_text(
        f"pack: Year 9\nsources: [{THAW}]\nclasses:\n"
        "  - {name: 9A, layouts: [summary, flashcards]}\n"
        "  - {name: 9B, layouts: [factor-chart]}\n",
        "utf-8",
    )
    done = revpack("build", tmp_path / "pack.yaml", "-f", "tsv", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in (tmp_path / "out" / "year-9").rglob("thaw-*"))
    assert made == ["thaw-factor-chart.pdf", "thaw-flashcards.tsv", "thaw-summary.pdf"]
    # A format no layout of the build has is still refused, naming them and one that has it.
    done = revpack("build", THAW, "-f", "moodle-xml", "-o", tmp_path / "other")
    assert done.returncode == 2
    assert done.stderr.startswith(
        "revpack: none of the layouts summary, worksheet, factor-chart has format "
        "'moodle-xml'; a quiz has it (-l quiz)"
    )
    assert not (tmp_path / "other").exists()


def test_legacy_renders_values_still_work(tmp_path):
    (tmp_path / "old.yaml").write_text("renders: worksheet-docx\n", "utf-8")
    done = revpack("build", THAW, "-l", tmp_path / "old.yaml", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "thaw-old.docx").exists()


def test_python_dash_m_and_the_console_script_agree():
    module = subprocess.run(
        [sys.executable, "-m", "revpack", "layouts"], capture_output=True, text=True, timeout=60
    )
    assert module.returncode == 0
    script = Path(sys.executable).parent / "revpack"
    if not script.exists():
        pytest.skip("the console script is not installed next to this Python")
    console = subprocess.run([str(script), "layouts"], capture_output=True, text=True, timeout=60)
    assert console.returncode == 0
    assert console.stdout == module.stdout


def test_help_lists_the_commands():
    done = revpack("--help")
    assert done.returncode == 0
    for command in ("build", "check", "layouts"):
        assert command in done.stdout


def test_a_rebuild_is_byte_identical(project):
    assert revpack("build", "-l", "summary", cwd=project).returncode == 0
    first = (project / "out" / "thaw-summary.pdf").read_bytes()
    assert revpack("build", "-l", "summary", "--force", cwd=project).returncode == 0
    assert (project / "out" / "thaw-summary.pdf").read_bytes() == first


def test_an_output_path_that_is_a_file_is_reported_without_traceback(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    done = revpack("build", THAW, "-l", "summary", "-o", blocker)
    assert done.returncode in (1, 2)
    assert "Traceback" not in done.stderr
    assert str(blocker) in done.stderr


def test_version():
    import revpack as api

    done = revpack("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"revpack {api.__version__}"


@pytest.mark.parametrize("command", ["build", "layouts"])
def test_a_layouts_folder_that_is_not_one_is_a_usage_error(tmp_path, command):
    # It was searched, silently, for nothing.
    missing = tmp_path / "school-layouts"
    args = ["build", THAW, "-o", tmp_path / "out"] if command == "build" else ["layouts"]
    done = revpack(*args, "--layouts", missing)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"revpack: --layouts {missing}: no such folder; give a folder of layout files"
    ]
    assert not (tmp_path / "out").exists()


def test_a_sheet_written_before_its_key_failed_is_said_to_be_written(tmp_path):
    # The key's name is taken by a folder: the sheet is written, the key cannot be. The
    # build said "failed <sheet>" only, of a file it had written; now the sheet is said
    # to be written, and the problem names the key.
    out = tmp_path / "out"
    (out / "thaw-worksheet-answers.docx").mkdir(parents=True)
    done = revpack("build", THAW, "-l", "worksheet", "-o", out)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert f"wrote {out / 'thaw-worksheet.docx'}" in lines
    assert not [line for line in lines if line.startswith("failed")]
    assert any("cannot write" in line and "thaw-worksheet-answers.docx" in line for line in lines)


def test_a_packs_print_and_answers_pdfs_are_said_to_be_written(tmp_path):
    # "428 written" came with 420 'wrote' lines: never the class's print PDFs.
    from helpers import SCIENCE_PACK, write_pack

    pack = write_pack(
        tmp_path, SCIENCE_PACK.replace("layouts: [summary]", "layouts: [summary, worksheet]")
    )
    done = revpack("build", pack, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    said = [
        line.removeprefix("wrote ")
        for line in done.stderr.splitlines()
        if line.startswith("wrote ")
    ]
    written = sorted(str(p) for p in (tmp_path / "out").rglob("*.*") if not p.name.startswith("."))
    assert sorted(said) == written
    assert any(path.endswith("-print.pdf") for path in said)
    assert any(path.endswith("-9a-answers.pdf") for path in said)


def test_a_folder_with_no_sources_is_said_and_a_source_in_capitals_is_found(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for command in ("build", "check"):
        done = (
            revpack(command, empty, "-o", tmp_path / "out")
            if command == "build"
            else (revpack(command, empty))
        )
        assert done.returncode == 1
        assert done.stderr.startswith(f"{empty}:1:1: no sources in this folder"), done.stderr
    (empty / "Thaw.YAML").write_bytes(THAW.read_bytes())
    done = revpack("check", empty)
    assert done.returncode == 0 and "1 source OK" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["-f", "PDF"], "revpack: no format called 'PDF' (did you mean 'pdf'?); formats: "),
        (["-f", "docs"], "revpack: no format called 'docs' (did you mean 'docx'?); formats: "),
        (["-f", "pdf,docx"], "revpack: 'pdf,docx': repeat -f for each: -f pdf -f docx"),
        (
            ["-l", "summary,worksheet"],
            "revpack: 'summary,worksheet': repeat -l for each: -l summary -l worksheet",
        ),
    ],
)
def test_a_slip_in_a_format_or_a_list_gets_a_suggestion(tmp_path, given, said):
    done = revpack("build", THAW, *given, "-o", tmp_path / "out")
    assert done.returncode == 2 and done.stderr.startswith(said), done.stderr
    assert not (tmp_path / "out").exists()


def test_a_reader_that_goes_away_does_not_stop_the_build(tmp_path):
    # `revpack build … | head -1` stopped the build at its second line, exit 1, silently.
    out = tmp_path / "out"
    command = (
        f"{shlex.quote(sys.executable)} -m revpack build {shlex.quote(str(THAW))} "
        f"-o {shlex.quote(str(out))} 2>&1 | head -1; exit ${{PIPESTATUS[0]}}"
    )
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote ") and len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    again = revpack("build", THAW, "-o", out)
    assert again.returncode == 0 and "0 written, 4 unchanged" in again.stdout


@pytest.mark.parametrize("below", ["", "sub"])
def test_an_output_folder_that_is_or_lies_under_a_file_is_one_line(tmp_path, below):
    # Under a file, every document failed alike, each said twice.
    afile = tmp_path / "afile.txt"
    afile.write_text("a file", "utf-8")
    out = afile / below if below else afile
    done = revpack("build", THAW, "-o", out)
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    said = "the output folder is a file" if not below else f"{afile} is a file, not a folder"
    assert first.startswith(f"{out}:1:1: {said}") and len(done.stderr.splitlines()) == 2


def test_a_layout_named_with_l_is_asked_for_the_format_itself(tmp_path):
    # (the contract: asking a layout for a format its kind lacks is a usage error)
    done = revpack(
        "build", THAW, "-l", "factor-chart", "-l", "worksheet", "-f", "docx", "-o", tmp_path
    )
    assert (
        done.returncode == 2
        and "layout 'factor-chart' makes a factor chart, which cannot be written as" in done.stderr
    )
    assert not list(tmp_path.iterdir())


def test_an_empty_output_folder_is_refused_not_taken_for_this_one(tmp_path):
    # `-o "$OUT"` with OUT unset wrote the sheets and the manifest into the current folder.
    work = tmp_path / "work"
    work.mkdir()
    for command in ("build", "watch"):
        done = revpack(command, THAW, "-o", "", cwd=work)
        assert done.returncode == 2, done.stderr
        assert "'-o' / '--out': is empty; name the output folder" in done.stderr
    assert list(work.iterdir()) == []
