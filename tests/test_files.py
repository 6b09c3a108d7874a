"""Atomic writes into an output folder never follow a symbolic link out of it: the file
written, its folders, the manifest and the `.part` clean-up, alone and in a real build."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import revpack as api
from helpers import THAW, qpdf_check, revpack, write_pack
from revpack.building.files import OUTSIDE, Outside, remove_stale_parts, write_atomic
from revpack.building.manifest import NAME


@pytest.fixture
def out(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "out"


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- write_atomic ------------------------------------------------------------------------


def test_a_file_that_is_a_link_outside_is_refused_and_nothing_is_written(out):
    outside = out.parent / "elsewhere" / "target.pdf"
    outside.write_bytes(b"the teacher's own file")
    (out / "a.pdf").symlink_to(outside)
    with pytest.raises(Outside) as refused:
        write_atomic(out / "a.pdf", b"new", out)
    assert refused.value.strerror == f"it {OUTSIDE}"
    assert outside.read_bytes() == b"the teacher's own file"
    assert (out / "a.pdf").is_symlink() and _everything(out) == ["a.pdf"]


def test_a_dangling_link_leading_outside_is_refused(out):
    (out / "a.pdf").symlink_to(out.parent / "elsewhere" / "nothing-yet.pdf")
    with pytest.raises(Outside):
        write_atomic(out / "a.pdf", b"new", out)
    assert _everything(out.parent / "elsewhere") == []


def test_a_folder_that_is_a_link_outside_is_refused_naming_the_link(out):
    (out / "pack").mkdir()
    (out / "pack" / "11a").symlink_to(out.parent / "elsewhere", target_is_directory=True)
    target = out / "pack" / "11a" / "x" / "a.pdf"
    with pytest.raises(Outside) as refused:
        write_atomic(target, b"new", out)
    assert refused.value.strerror == f"{out / 'pack' / '11a'} {OUTSIDE}"
    assert _everything(out.parent / "elsewhere") == []


def test_a_dangling_folder_link_leading_outside_is_refused(out):
    (out / "11a").symlink_to(out.parent / "elsewhere" / "gone", target_is_directory=True)
    with pytest.raises(Outside):
        write_atomic(out / "11a" / "a.pdf", b"new", out)
    assert not (out.parent / "elsewhere" / "gone").exists()


def test_a_link_to_a_file_inside_is_replaced_and_its_target_left_alone(out):
    (out / "other.pdf").write_bytes(b"another document")
    (out / "a.pdf").symlink_to("other.pdf")
    write_atomic(out / "a.pdf", b"new", out)
    assert not (out / "a.pdf").is_symlink() and (out / "a.pdf").read_bytes() == b"new"
    assert (out / "other.pdf").read_bytes() == b"another document"


def test_a_link_to_a_folder_inside_is_followed(out):
    (out / "shared").mkdir()
    (out / "11a").symlink_to("shared", target_is_directory=True)
    write_atomic(out / "11a" / "a.pdf", b"new", out)
    assert (out / "shared" / "a.pdf").read_bytes() == b"new"
    (out / "11b").symlink_to("missing", target_is_directory=True)  # dangling, inside
    write_atomic(out / "11b" / "b.pdf", b"new", out)
    assert (out / "missing" / "b.pdf").read_bytes() == b"new"


def test_an_output_folder_that_is_itself_a_link_is_where_the_files_go(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "out").symlink_to("real", target_is_directory=True)
    write_atomic(tmp_path / "out" / "a" / "b.pdf", b"new", tmp_path / "out")
    assert (tmp_path / "real" / "a" / "b.pdf").read_bytes() == b"new"


def test_a_link_that_leaves_and_comes_back_inside_is_inside(out):
    (out / "shared").mkdir()
    (out.parent / "elsewhere" / "back").symlink_to(out / "shared", target_is_directory=True)
    (out / "11a").symlink_to(out.parent / "elsewhere" / "back", target_is_directory=True)
    write_atomic(out / "11a" / "a.pdf", b"new", out)
    assert (out / "shared" / "a.pdf").read_bytes() == b"new"


def test_stale_parts_are_not_removed_through_a_link_outside(out):
    stale = out.parent / "elsewhere" / ".revpack-abcdef.part"
    stale.write_bytes(b"someone else's")
    (out / "11a").symlink_to(out.parent / "elsewhere", target_is_directory=True)
    assert remove_stale_parts([out, out / "11a"], out) == []
    assert stale.exists()


# -- in a build --------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_pack(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    return tmp_path


def test_a_class_folder_linked_outside_fails_that_class_alone(project):
    out = project / "out"
    (out / "year-9-science").mkdir(parents=True)
    (out / "year-9-science" / "9a").symlink_to(project / "elsewhere", target_is_directory=True)
    done = revpack("build", project / "pack.yaml", "-o", out, "-j", "1", "-q")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    link = out / "year-9-science" / "9a"
    assert sorted(lines[:-1]) == sorted(
        [
            f"cannot write {link / name}: {link} {OUTSIDE}"
            for name in ("photosynthesis-summary.pdf", "thaw-summary.pdf")
        ]
        + [
            f"{project / 'pack.yaml'}:5:11: the print PDFs of class 9A are not made, "
            "as photosynthesis-summary.pdf and 1 more could not be (see above); any from an "
            "earlier build are left as they were"
        ]
    )
    assert "Traceback" not in done.stderr
    assert _everything(project / "elsewhere") == []
    qpdf_check(out / "year-9-science" / "9b" / "year-9-science-9b-print.pdf")


def test_a_pack_folder_linked_outside_writes_nothing_there(project):
    out = project / "out"
    out.mkdir()
    (out / "year-9-science").symlink_to(project / "elsewhere", target_is_directory=True)
    result = api.build([project / "pack.yaml"], out=out, jobs=1)
    documents = [m for m in result.failed if "are not made, as" not in m]
    assert len(documents) == 4 and all(OUTSIDE in m for m in documents)
    assert len(result.failed) == 6  # (and each class's print PDFs, which need them)
    assert _everything(project / "elsewhere") == []


def test_a_document_linked_outside_fails_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere.pdf").write_bytes(b"keep me")
    (out / "thaw-summary.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    result = api.build([THAW], layouts=["summary", "factor-chart"], out=out, jobs=1)
    assert result.failed == [f"cannot write {out / 'thaw-summary.pdf'}: it {OUTSIDE}"]
    assert result.written == [out / "thaw-factor-chart.pdf"]
    assert (tmp_path / "elsewhere.pdf").read_bytes() == b"keep me"


def test_a_manifest_linked_outside_is_neither_read_nor_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps({"version": 2, "jobs": {}}), "utf-8")
    (out / NAME).symlink_to(planted)
    result = api.build([THAW], layouts=["summary"], out=out, jobs=1)
    assert result.failed == [f"cannot write {out / NAME}: it {OUTSIDE}"]
    assert (out / "thaw-summary.pdf").exists()
    assert json.loads(planted.read_text("utf-8")) == {"version": 2, "jobs": {}}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_manifest_that_is_a_pipe_is_taken_for_empty(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / NAME)  # reading it would wait for a writer for ever
    result = api.build([THAW], layouts=["summary"], out=out, jobs=1)
    assert result.written == [out / "thaw-summary.pdf"]
    assert not (out / NAME).is_fifo()  # replaced by the manifest written


def test_a_recorded_document_replaced_by_a_link_outside_fails_and_is_never_read(project):
    # The link was kept as the teacher's edit ('changed since revpack wrote it'), and the
    # class's print PDF was then made by reading the file it led to, outside the folder.
    out, pack = project / "out", project / "pack.yaml"
    assert api.build([pack], out=out, jobs=1).ok
    summary = out / "year-9-science" / "9a" / "thaw-summary.pdf"
    secret = project / "elsewhere" / "secret.pdf"
    secret.write_bytes(summary.read_bytes())  # (a PDF, which the print PDF could copy)
    summary.unlink()
    summary.symlink_to(secret)
    result = api.build([pack], out=out, jobs=1)
    assert result.failed[0] == f"cannot write {summary}: it {OUTSIDE}"
    assert "the print PDFs of class 9A are not made" in result.failed[1]
    assert len(result.failed) == 2 and not result.edited
    assert summary.is_symlink() and secret.read_bytes().startswith(b"%PDF")


def test_a_recorded_document_replaced_by_a_link_inside_or_emptied_is_made_again(project):
    # Neither holds a teacher's work: both were kept as edits, and the print PDF failed.
    out, pack = project / "out", project / "pack.yaml"
    assert api.build([pack], out=out, jobs=1).ok
    folder = out / "year-9-science" / "9a"
    emptied, linked = folder / "thaw-summary.pdf", folder / "photosynthesis-summary.pdf"
    made = {path: path.read_bytes() for path in (emptied, linked)}
    emptied.write_bytes(b"")  # (a failed copy)
    linked.unlink()
    linked.symlink_to(folder / "year-9-science-9a-print.pdf")
    print_pdf = (folder / "year-9-science-9a-print.pdf").read_bytes()
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and not result.edited, result.failed
    assert sorted(result.written) == sorted(made)
    for path, data in made.items():
        assert not path.is_symlink() and path.read_bytes() == data
    assert (folder / "year-9-science-9a-print.pdf").read_bytes() == print_pdf


def test_a_kept_document_that_is_no_pdf_says_how_to_make_the_print_pdf(project):
    out, pack = project / "out", project / "pack.yaml"
    assert api.build([pack], out=out, jobs=1).ok
    summary = out / "year-9-science" / "9a" / "thaw-summary.pdf"
    summary.write_bytes(b"not a PDF at all")
    done = revpack("build", pack, "-o", out, "-j", "1", "-q")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        f"{pack}:5:11: cannot make the print PDF of class 9A: {summary} is not a PDF that "
        "can be read (16 bytes); delete it or build with --force to make it again"
        in done.stderr.splitlines()
    )
    assert summary.read_bytes() == b"not a PDF at all"
