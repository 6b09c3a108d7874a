"""A worksheet a teacher has edited in Word is what their class's print PDF holds: printed
through LibreOffice (the key kept with it, in the answers PDF); without LibreOffice the
build says that the print PDF holds the worksheet as built from the notes."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
import pytest

import revpack as api
from helpers import SCIENCE_PACK, need, pdftotext, qpdf_check, write_pack
from revpack.building.scratch import sweep
from revpack.building.word_prints import SCRATCH_PREFIX, WordPrintError, pdfs_of

PACK = SCIENCE_PACK.replace("layouts: [summary]", "layouts: [summary, worksheet]")
"""Two classes, each with a summary and a worksheet (as DOCX) per topic."""

ADDED = "Extra question from Ms Patel: name two gases."
"""What the teacher adds to class 9A's thaw worksheet."""


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """The pack built once; its output folder."""
    write_pack(tmp_path, PACK)
    result = api.build([tmp_path / "pack.yaml"], out=tmp_path / "out", jobs=1)
    assert result.ok, result.failed
    return tmp_path / "out"


def _edit(path: Path, text: str = ADDED) -> None:
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))


def _rebuild(out: Path, **options) -> api.BuildResult:
    result = api.build([out.parent / "pack.yaml"], out=out, jobs=1, **options)
    assert result.ok, result.failed
    return result


def test_an_edited_worksheet_is_printed_as_edited_with_its_key(built):
    need("soffice")
    folder = built / "year-9-science/9a"
    sheet = folder / "thaw-worksheet.docx"
    _edit(sheet)
    printed = folder / "year-9-science-9a-print.pdf"
    answers = folder / "year-9-science-9a-answers.pdf"
    before = answers.read_bytes()
    result = _rebuild(built)
    assert sheet in result.kept and printed in result.written
    text = " ".join(pdftotext(printed).split())
    assert ADDED in text
    qpdf_check(printed)
    # The other documents are still there, and the other class is untouched.
    assert "Photosynthesis: worksheet" in text and "Word bank" in text
    assert ADDED not in pdftotext(built / "year-9-science/9b/year-9-science-9b-print.pdf")
    # The notes have not changed, so neither has the key: the answers PDF stays.
    assert answers not in result.written and answers.read_bytes() == before


def test_after_the_notes_change_the_answers_pdf_holds_the_key_kept_with_the_sheet(built):
    need("soffice")
    folder = built / "year-9-science/9a"
    _edit(folder / "thaw-worksheet.docx")
    topic = built.parent / "topics/thaw.yaml"
    topic.write_text(topic.read_text("utf-8").replace("Bikini Atoll", "Bikini Island"), "utf-8")
    result = _rebuild(built)
    key = folder / "thaw-worksheet-answers.docx"
    assert key in result.kept  # (kept with the sheet edited in Word)
    answers = " ".join(pdftotext(folder / "year-9-science-9a-answers.pdf").split())
    assert "Bikini Atoll" in answers and "Bikini Island" not in answers
    # The class whose worksheet was not edited gets the key of the notes as they are.
    other = pdftotext(built / "year-9-science/9b/year-9-science-9b-answers.pdf")
    assert "Bikini Island" in " ".join(other.split())


def test_a_second_edit_prints_again_and_nothing_new_prints_nothing(built):
    need("soffice")
    folder = built / "year-9-science/9a"
    sheet = folder / "thaw-worksheet.docx"
    printed = folder / "year-9-science-9a-print.pdf"
    _edit(sheet)
    _rebuild(built)
    again = _rebuild(built)
    assert printed not in again.written and printed in again.unchanged
    _edit(sheet, "A second addition.")
    result = _rebuild(built)
    assert printed in result.written
    text = " ".join(pdftotext(printed).split())
    assert ADDED in text and "A second addition." in text


def test_force_prints_the_worksheet_from_the_notes_again(built):
    need("soffice")
    folder = built / "year-9-science/9a"
    _edit(folder / "thaw-worksheet.docx")
    _rebuild(built)
    _rebuild(built, force=True)
    assert ADDED not in pdftotext(folder / "year-9-science-9a-print.pdf")


def test_without_libreoffice_the_build_says_what_the_print_pdf_holds(built, monkeypatch):
    folder = built / "year-9-science/9a"
    _edit(folder / "thaw-worksheet.docx")
    monkeypatch.setenv("PATH", str(built.parent / "nothing"))  # no LibreOffice
    result = _rebuild(built)
    monkeypatch.undo()
    printed = folder / "year-9-science-9a-print.pdf"
    assert (
        f"{printed}: holds thaw-worksheet.pdf as built from the notes, not "
        "thaw-worksheet.docx as edited; install LibreOffice to print the edited file"
    ) in result.notes
    assert ADDED not in pdftotext(printed)
    assert not any("9b" in note for note in result.notes)


def test_libreoffice_failing_on_a_file_is_one_line(tmp_path):
    program = need("soffice")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 cut short")  # (plain text, LibreOffice prints)
    with pytest.raises(WordPrintError, match=r"^LibreOffice could not turn .*broken.docx"):
        pdfs_of([broken], program)


def test_files_of_the_same_name_are_each_printed(tmp_path, built):
    program = need("soffice")
    one = built / "year-9-science/9a/thaw-worksheet.docx"
    two = tmp_path / "other" / "thaw-worksheet.docx"
    two.parent.mkdir()
    shutil.copy(built / "year-9-science/9b/thaw-worksheet.docx", two)
    _edit(two, "Only in the second file.")
    made = pdfs_of([one, two], program)
    assert set(made) == {one, two}
    texts = {path: pdf for path, pdf in made.items()}
    second = tmp_path / "second.pdf"
    second.write_bytes(texts[two])
    first = tmp_path / "first.pdf"
    first.write_bytes(texts[one])
    assert "Only in the second file." in pdftotext(second)
    assert "Only in the second file." not in pdftotext(first)


@pytest.mark.parametrize("saved", [b"PK\x03\x04 cut short", b"junk\n"])
def test_a_word_file_that_is_none_is_printed_from_the_notes_and_said(built, saved):
    # Text saved over an edited worksheet went into the print PDF as its text ('junk',
    # under the worksheet's bookmark): LibreOffice opens any file.
    need("soffice")
    folder = built / "year-9-science/9a"
    printed = folder / "year-9-science-9a-print.pdf"
    sheet = folder / "thaw-worksheet.docx"
    sheet.write_bytes(saved)
    result = api.build([built.parent / "pack.yaml"], out=built, jobs=1)
    assert result.ok, result.failed  # (the class still gets its print PDF)
    said = f"{sheet}: printed as built from the notes, not as edited: it is not a Word file"
    assert said in result.notes, result.notes
    assert printed in result.written and "Word bank" in pdftotext(printed)
    assert "junk" not in pdftotext(printed)


# Scratch folders ---------------------------------------------------------------------------

KILLS_ITS_CALLER = "#!/bin/sh\nkill -9 $PPID\nexec sleep 30\n"
"""A program run as LibreOffice that kills the process printing with it (a worker killed
while LibreOffice prints)."""


def _program(folder: Path, text: str) -> str:
    path = folder / "program"
    path.write_text(text, "utf-8")
    path.chmod(0o755)
    return str(path)


def _old(path: Path) -> None:
    """Make `path` look last changed two hours ago."""
    then = time.time() - 7200
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_killed_printing_process_scratch_folder_is_swept_by_the_next_print(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    sheet = tmp_path / "sheet.docx"
    sheet.write_bytes(b"PK\x03\x04")
    killer = _program(tmp_path, KILLS_ITS_CALLER)
    printing = (
        "import sys\nfrom pathlib import Path\n"
        "from revpack.building.word_prints import pdfs_of\n"
        "pdfs_of([Path(sys.argv[1])], sys.argv[2])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", printing, str(sheet), killer],
        env={**os.environ, "TMPDIR": str(temp)},
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL
    left = list(temp.iterdir())
    assert len(left) == 1 and left[0].name.startswith(SCRATCH_PREFIX)
    _old(left[0])
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with pytest.raises(WordPrintError):
        pdfs_of([sheet], _program(tmp_path, "#!/bin/sh\nexit 0\n"))
    assert not left[0].exists()


def test_only_old_scratch_folders_of_processes_gone_are_swept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen(["true"])
    gone.wait()
    living = subprocess.Popen(["sleep", "60"])
    try:
        dead_old = tmp_path / f"{SCRATCH_PREFIX}{gone.pid}-a"
        dead_new = tmp_path / f"{SCRATCH_PREFIX}{gone.pid}-b"
        live_old = tmp_path / f"{SCRATCH_PREFIX}{living.pid}-c"
        unnamed = tmp_path / f"{SCRATCH_PREFIX}xyz"
        for folder in (dead_old, dead_new, live_old, unnamed):
            (folder / "profile").mkdir(parents=True)
        # A link named like a dead process's folder, to a folder that is no scratch.
        elsewhere = tmp_path / "elsewhere"
        (elsewhere / "kept").mkdir(parents=True)
        link = tmp_path / f"{SCRATCH_PREFIX}{gone.pid}-d"
        link.symlink_to(elsewhere, target_is_directory=True)
        for path in (dead_old, live_old, unnamed, link):
            _old(path)
        assert sweep(SCRATCH_PREFIX) == [dead_old]
        assert not dead_old.exists()
        assert dead_new.is_dir() and live_old.is_dir() and unnamed.is_dir()
        assert link.is_symlink() and (elsewhere / "kept").is_dir()
    finally:
        living.kill()
        living.wait()
