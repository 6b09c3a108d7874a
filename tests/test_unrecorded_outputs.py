"""A file in the output folder that the manifest has no record of (the manifest was
deleted, or a teacher saved a file of a document's name) is the teacher's: kept unless it
holds what the build would write, and overwritten only by --force."""

from pathlib import Path

import pytest

import revpack as api
from helpers import SCIENCE_PACK, copy_topic, revpack, write_pack
from revpack.building.manifest import NAME

STRAY = "not written by revpack (or its record was lost); --force overwrites it"
PACK = SCIENCE_PACK.replace("layouts: [summary]", "layouts: [summary, worksheet]")


@pytest.fixture
def topic(tmp_path: Path) -> Path:
    return copy_topic(tmp_path)


@pytest.fixture
def pack(tmp_path: Path, topic: Path) -> Path:
    return write_pack(tmp_path, PACK)


def _outputs(out: Path) -> dict[Path, bytes]:
    """Every document and print PDF under `out` with its bytes (not the manifest)."""
    return {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != NAME}


def _change(topics: Path) -> None:
    """Change every source, so that every document (and print PDF) comes out different."""
    for source, old, new in (("photosynthesis", "Biology", "Science"), ("thaw", "Khrushchev", "K")):
        path = topics / f"{source}.yaml"
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def test_a_lost_manifest_keeps_every_file_that_differs_and_force_writes_them(pack, tmp_path):
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=2).ok
    before = _outputs(out)
    (out / NAME).unlink()
    _change(pack.parent / "topics")

    documents = [p for p in before if not p.name.startswith("year-9-science-")]
    printed = [p for p in before if p not in documents]
    assert len(printed) == 4  # print and answers PDFs of 9A and 9B

    result = api.build([pack], out=out, jobs=2)
    assert result.ok and result.written == []
    assert sorted(result.kept) == sorted(documents)
    assert all(f"kept {path}: {STRAY}" in result.notes for path in documents)
    assert _outputs(out) == before
    # The print PDFs, made of the kept documents, hold what they held: simply recorded.
    assert sorted(result.unchanged) == sorted(printed)
    # Said again at the next build, and still nothing overwritten.
    again = api.build([pack], out=out, jobs=2)
    assert again.ok and sorted(again.kept) == sorted(documents) and _outputs(out) == before

    forced = api.build([pack], out=out, jobs=2, force=True)
    assert forced.ok and forced.kept == [] and sorted(forced.written) == sorted(before)
    assert all(out_bytes != before[p] for p, out_bytes in _outputs(out).items())
    settled = api.build([pack], out=out, jobs=2)
    assert settled.kept == [] and settled.written == [] and len(settled.unchanged) == len(before)


def test_a_lost_manifest_with_nothing_changed_just_records_the_files(pack, tmp_path):
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=2).ok
    before = _outputs(out)
    (out / NAME).unlink()
    result = api.build([pack], out=out, jobs=2)
    assert result.ok and result.kept == [] and _outputs(out) == before
    again = api.build([pack], out=out, jobs=2)
    assert again.kept == [] and again.written == [] and len(again.unchanged) == len(before)


def test_a_lost_manifest_on_the_command_line(topic, tmp_path):
    out = tmp_path / "out"
    first = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert first.returncode == 0, first.stderr
    sheets = [out / "photosynthesis-worksheet.docx", out / "photosynthesis-worksheet-answers.docx"]
    before = {sheet: sheet.read_bytes() for sheet in sheets}
    (out / NAME).unlink()
    topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")

    kept = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert kept.returncode == 0, kept.stderr
    for sheet in sheets:
        assert f"note: kept {sheet}: {STRAY}" in kept.stderr.splitlines()
        assert sheet.read_bytes() == before[sheet]
    assert "wrote" not in kept.stderr and "Traceback" not in kept.stderr

    forced = revpack("build", topic, "-l", "worksheet", "-o", out, "--force")
    assert forced.returncode == 0 and "kept" not in forced.stderr
    for sheet in sheets:
        assert f"wrote {sheet}" in forced.stderr
        assert sheet.read_bytes() != before[sheet] and sheet.read_bytes()[:4] == b"PK\x03\x04"


def test_a_stray_file_of_a_documents_name_before_the_first_build_is_kept(topic, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "photosynthesis-summary.pdf"
    mine.write_bytes(b"my own notes")
    result = api.build([topic], layouts=["summary", "worksheet"], out=out, jobs=1)
    assert result.ok and result.kept == [mine]
    assert f"kept {mine}: {STRAY}" in result.notes
    assert mine.read_bytes() == b"my own notes"
    assert out / "photosynthesis-worksheet.docx" in result.written  # the others are built

    done = revpack("build", topic, "-l", "summary", "-o", out)
    assert done.returncode == 0 and f"note: kept {mine}: {STRAY}" in done.stderr.splitlines()
    assert mine.read_bytes() == b"my own notes"
    forced = api.build([topic], layouts=["summary"], out=out, jobs=1, force=True)
    assert forced.written == [mine] and mine.read_bytes().startswith(b"%PDF")


def test_a_stray_print_pdf_before_the_first_build_is_kept(pack, tmp_path):
    out = tmp_path / "out"
    mine = out / "year-9-science" / "9a" / "year-9-science-9a-print.pdf"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"%PDF-1.4 the class's own print file")
    result = api.build([pack], out=out, jobs=2)
    assert result.ok and result.kept == [mine]
    assert f"kept {mine}: {STRAY}" in result.notes
    assert mine.read_bytes() == b"%PDF-1.4 the class's own print file"
    assert out / "year-9-science" / "9b" / "year-9-science-9b-print.pdf" in result.written
    assert out / "year-9-science" / "9a" / "year-9-science-9a-answers.pdf" in result.written

    forced = api.build([pack], out=out, jobs=2, force=True)
    assert mine in forced.written and forced.kept == []
    assert mine.read_bytes() != b"%PDF-1.4 the class's own print file"
