"""The manifest: edited outputs kept, keys by resolved paths, concurrent builds, garbage
manifests, stale .part files, print PDFs rebuilt when their cover changes."""

import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

import revpack as api
from helpers import DATA, SCIENCE_PACK, copy_topic, revpack, write_pack
from revpack.building.files import remove_stale_parts
from revpack.building.manifest import MAX_BYTES, NAME, Manifest, job_key
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience

KEPT = "changed since revpack wrote it; --force overwrites it"
OUTDATED = (
    "changed since revpack wrote it, and the notes or layout changed after that: it lacks "
    "those changes; --force overwrites it"
)
PACK = SCIENCE_PACK


@pytest.fixture
def topic(tmp_path: Path) -> Path:
    return copy_topic(tmp_path)


@pytest.fixture
def pack(tmp_path: Path, topic: Path) -> Path:
    return write_pack(tmp_path, PACK)


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Every file under `out` (the manifest too) with its inode and modification time."""
    return {
        str(p.relative_to(out)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def _edit_same_size(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[-30] ^= 0xFF
    path.write_bytes(bytes(data))
    return bytes(data)


# Edited outputs are kept ------------------------------------------------------------------


def _rebuilt_after_an_edit(topic: Path, out: Path, edited: str, *formats: str) -> str:
    """What the build says, rebuilding the worksheet in `formats` from changed notes after
    the teacher edited the DOCX named `edited` (of a first build into `out`)."""
    asked = [a for f in formats for a in ("-f", f)]
    assert revpack("build", topic, "-l", "worksheet", *asked, "-o", out).returncode == 0
    _edit_same_size(out / edited)
    topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")
    again = revpack("build", topic, "-l", "worksheet", *asked, "-o", out)
    assert again.returncode == 0, again.stderr
    return again.stderr


def test_the_same_worksheet_in_other_formats_is_said_to_lack_the_edits(tmp_path, topic):
    # The PDF and HTML beside an edited DOCX are made from the notes: a teacher reprinting
    # "the worksheet" from that PDF got a sheet without the edits, and nothing said so.
    out = tmp_path / "out"
    said = _rebuilt_after_an_edit(
        topic, out, "photosynthesis-worksheet.docx", "docx", "pdf", "html"
    )
    # (the PDF's answer key with it: the class's two keys disagreed, and only the sheet
    # was named)
    assert (
        f"note: {out / 'photosynthesis-worksheet.pdf'} and its answer key "
        "photosynthesis-worksheet-answers.pdf are made from the notes, without the edits "
        "kept in photosynthesis-worksheet.docx"
    ) in said
    assert (
        f"note: {out / 'photosynthesis-worksheet.html'} is made from the notes, without "
        "the edits kept in photosynthesis-worksheet.docx"
    ) in said
    assert said.count("without the edits") == 2  # (one line each)


def test_the_pdf_key_beside_an_answer_key_edited_alone_is_said_to_lack_the_edits(tmp_path, topic):
    # A teacher mended one answer in the key's DOCX: the build kept it (and its sheet
    # with it), but the note named only the sheet's DOCX as holding edits.
    out = tmp_path / "out"
    said = _rebuilt_after_an_edit(
        topic, out, "photosynthesis-worksheet-answers.docx", "docx", "pdf"
    )
    assert (
        f"note: {out / 'photosynthesis-worksheet.pdf'} and its answer key "
        "photosynthesis-worksheet-answers.pdf are made from the notes, without the edits "
        "kept in photosynthesis-worksheet.docx and photosynthesis-worksheet-answers.docx"
    ) in said
    assert said.count("without the edits") == 1


@pytest.mark.parametrize("edit", ["same size", "bigger", "smaller"])
def test_an_edited_worksheet_survives_a_rebuild_and_force_replaces_it(tmp_path, topic, edit):
    out = tmp_path / "out"
    first = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert first.returncode == 0, first.stderr
    sheet = out / "photosynthesis-worksheet.docx"
    original = sheet.read_bytes()
    if edit == "same size":
        edited = _edit_same_size(sheet)
        assert len(edited) == len(original)
    else:
        edited = original + b"teacher's notes" if edit == "bigger" else original[:-100]
        sheet.write_bytes(edited)
    # Changed inputs too: the job must run, and must still leave the edited file alone.
    topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")
    again = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert again.returncode == 0, again.stderr
    # (and says the sheet it keeps lacks the changes to the notes: it said no more than
    # when they had not changed, and the teacher took the fix to be in every class's pack)
    assert f"kept {sheet}: {OUTDATED}" in again.stderr
    assert sheet.read_bytes() == edited
    # Its answer key is kept too, as it was: a key rebuilt from the new notes would no
    # longer match the sheet the teacher prints.
    answers = out / "photosynthesis-worksheet-answers.docx"
    key = answers.read_bytes()
    assert (
        f"kept {answers}: it goes with photosynthesis-worksheet.docx, which changed since "
        "revpack wrote it; both lack the changes made to the notes or layout since; --force "
        "overwrites it"
    ) in again.stderr
    assert "0 written, 0 unchanged, 2 kept, 0 failed" in again.stdout  # (counted too)
    assert answers.read_bytes() == key and f"wrote {answers}" not in again.stderr
    # A rebuild with nothing changed says it again, and writes nothing.
    before = _stamps(out)
    third = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert third.returncode == 0 and f"kept {sheet}: {OUTDATED}" in third.stderr
    assert f"kept {answers}: it goes with" in third.stderr
    assert "0 written, 0 unchanged, 2 kept, 0 failed" in third.stdout
    assert _stamps(out) == before and sheet.read_bytes() == edited
    forced = revpack("build", topic, "-l", "worksheet", "-o", out, "--force")
    assert forced.returncode == 0 and "kept" not in forced.stderr
    assert sheet.read_bytes() != edited
    assert sheet.read_bytes()[:4] == b"PK\x03\x04"
    settled = api.build([topic], layouts=["worksheet"], out=out, jobs=1)
    assert settled.kept == [] and settled.written == []


def test_a_damaged_output_is_noticed_and_kept(tmp_path, topic):
    out = tmp_path / "out"
    api.build([topic], layouts=["summary"], out=out, jobs=1)
    sheet = out / "photosynthesis-summary.pdf"
    sheet.write_bytes(sheet.read_bytes()[:500])  # cut short, as a full disk might
    result = api.build([topic], layouts=["summary"], out=out, jobs=1)
    assert result.ok and result.kept == [sheet] and result.written == []
    assert f"kept {sheet}: {KEPT}" in result.notes
    assert len(sheet.read_bytes()) == 500
    forced = api.build([topic], layouts=["summary"], out=out, jobs=1, force=True)
    assert forced.written == [sheet] and PdfReader(sheet).pages


def test_a_deleted_output_is_simply_rebuilt(tmp_path, topic):
    out = tmp_path / "out"
    api.build([topic], layouts=["worksheet"], out=out, jobs=1)
    answers = out / "photosynthesis-worksheet-answers.docx"
    answers.unlink()
    result = api.build([topic], layouts=["worksheet"], out=out, jobs=1)
    assert answers in result.written and answers.exists() and result.kept == []


def test_an_edited_print_pdf_is_kept(pack, tmp_path):
    out = tmp_path / "out"
    api.build([pack], out=out, jobs=1)
    printed = out / "year-9-science/9a/year-9-science-9a-print.pdf"
    edited = _edit_same_size(printed)
    pack.write_text(PACK.replace("Ms Patel", "Mrs Patel"), "utf-8")
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and printed in result.kept and printed.read_bytes() == edited
    assert out / "year-9-science/9a/thaw-summary.pdf" in result.written


def test_a_file_holding_what_the_build_would_write_is_no_edit(tmp_path, topic):
    # As when another build into the folder has just written it from the same inputs.
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    api.build([topic], layouts=["summary"], out=out, jobs=1)
    topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")
    api.build([topic], layouts=["summary"], out=elsewhere, jobs=1)
    sheet = out / "photosynthesis-summary.pdf"
    shutil.copy(elsewhere / sheet.name, sheet)
    result = api.build([topic], layouts=["summary"], out=out, jobs=1)
    assert result.ok and result.kept == [] and result.written == []
    again = api.build([topic], layouts=["summary"], out=out, jobs=1)
    assert again.kept == [] and again.written == [] and again.unchanged == [sheet]


# A no-change rebuild writes nothing -------------------------------------------------------


def test_a_rebuild_with_nothing_changed_writes_nothing_not_even_the_manifest(pack, tmp_path):
    out = tmp_path / "out"
    first = api.build([pack], out=out, jobs=2)
    assert first.ok and (out / NAME).exists()
    before = _stamps(out)
    again = api.build([pack], out=out, jobs=2)
    assert again.written == [] and again.kept == [] and len(again.unchanged) == 6
    assert _stamps(out) == before


def _counting_reads(monkeypatch) -> list[Path]:
    from revpack.building import manifest

    reads: list[Path] = []
    real = manifest.digest

    def counted(path: Path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(manifest, "digest", counted)
    return reads


def test_a_rebuild_with_nothing_changed_reads_no_output(pack, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    reads = _counting_reads(monkeypatch)
    again = api.build([pack], out=out, jobs=1)
    assert again.written == [] and len(again.unchanged) == 6
    assert reads == []  # size, time and inode as recorded, older than the manifest


def test_a_rebuild_with_nothing_changed_looks_at_each_output_once(pack, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    outputs = [os.path.abspath(p) for p in out.rglob("*.pdf")]
    looked: list[str] = []
    real = os.lstat

    def counted(path, *args, **kwargs):
        looked.append(os.path.abspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counted)
    again = api.build([pack], out=out, jobs=1)
    assert again.written == [] and len(again.unchanged) == 6
    # a print PDF lists documents whose jobs were just checked: not looked at again
    assert outputs and {looked.count(path) for path in outputs} == {1}


NOT_FOR_A_REBUILD = (
    "reportlab",
    "docx",
    "pikepdf",
    "pypdf",
    "lxml",
    "rich",
    "multiprocessing",
    "concurrent.futures",
    "importlib.resources",
    "revpack.writers.pdf",
    "revpack.writers.docx",
    "revpack.chart",
    "revpack.worksheet.exercises",
    "revpack.building.printing",
    "revpack.building.workers",
)
"""What a rebuild with nothing to do has no use for: the writers and their libraries, the
worker pool, and what only finding package data through importlib.resources pulled in."""

_MODULES_AFTER_BUILD = """
import sys
from revpack.cli.main import main
sys.argv = ["revpack", "build", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print("\\n".join(sorted(sys.modules)))
"""


def test_a_rebuild_with_nothing_changed_imports_no_writer(tmp_path, topic):
    pack = write_pack(tmp_path, PACK.replace("[summary]", "[summary, worksheet, factor-chart]"))
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER_BUILD, str(pack), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "0 written" in done.stdout + done.stderr
    modules = set(done.stdout.split())
    assert "revpack.building.run" in modules  # the list is the build's
    loaded = [m for m in modules if m.startswith(tuple(f"{n}." for n in NOT_FOR_A_REBUILD))]
    assert sorted(modules & set(NOT_FOR_A_REBUILD)) + loaded == []


def test_a_touched_output_is_read_once_then_trusted_again(pack, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    sheet = out / "year-9-science/9a/thaw-summary.pdf"
    os.utime(sheet, ns=(sheet.stat().st_atime_ns, sheet.stat().st_mtime_ns - 10**9))
    reads = _counting_reads(monkeypatch)
    first = api.build([pack], out=out, jobs=1)
    assert first.written == [] and first.kept == [] and sheet in reads
    reads.clear()
    second = api.build([pack], out=out, jobs=1)
    assert second.written == [] and second.kept == [] and reads == []


@pytest.mark.parametrize("in_place", [False, True], ids=["renamed-over", "in-place"])
def test_an_edit_that_keeps_size_and_time_is_still_noticed(tmp_path, topic, in_place):
    # Saved by renaming a new file over it, the edit has a new inode; written into the
    # same file with its time put back (`cp -p` or `rsync -t` onto it), it kept the size,
    # time and inode revpack recorded, and was overwritten: its status-change time tells.
    out = tmp_path / "out"
    api.build([topic], layouts=["summary"], out=out, jobs=1)
    sheet = out / "photosynthesis-summary.pdf"
    before = sheet.stat()
    data = bytearray(sheet.read_bytes())
    data[-30] ^= 0xFF
    if in_place:
        with open(sheet, "r+b") as file:
            file.write(bytes(data))
        os.utime(sheet, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = sheet.stat()
        assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        )
        topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")
    else:
        replaced = sheet.with_name("replacement.pdf")
        replaced.write_bytes(bytes(data))
        os.utime(replaced, ns=(before.st_atime_ns, before.st_mtime_ns))
        replaced.replace(sheet)
    result = api.build([topic], layouts=["summary"], out=out, jobs=1)
    assert result.kept == [sheet] and sheet.read_bytes() == bytes(data)


def test_one_input_named_two_ways_is_one_input(tmp_path, topic, monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = Path("topics/photosynthesis.yaml")
    first = api.build([relative], layouts=["summary"], out="out", jobs=1)
    assert len(first.written) == 1
    both = api.build([relative, topic], layouts=["summary"], out=tmp_path / "out", jobs=1)
    assert both.ok and both.written == [] and len(both.unchanged) == 1
    manifest = json.loads((tmp_path / "out" / NAME).read_text("utf-8"))
    assert list(manifest["jobs"]) == ["photosynthesis-summary.pdf"]
    assert list(manifest["jobs"]["photosynthesis-summary.pdf"]["files"]) == [
        "photosynthesis-summary.pdf"
    ]


def test_job_keys_leave_out_where_inputs_were_read_from(tmp_path, topic, monkeypatch):
    monkeypatch.chdir(tmp_path)
    here = load_source("topics/photosynthesis.yaml")
    there = load_source(topic)
    assert here.path != there.path
    layout = load_layout("summary")
    assert job_key("v", here, layout, Audience()) == job_key("v", there, layout, Audience())
    topic.write_text(topic.read_text("utf-8").replace("Biology", "Science"), "utf-8")
    assert job_key("v", load_source(topic), layout, Audience()) != job_key(
        "v", there, layout, Audience()
    )
    assert job_key("v", here, layout, Audience("9A")) != job_key("v", here, layout, Audience("9a"))


# Print PDFs follow their cover -----------------------------------------------------------


@pytest.mark.parametrize("change", ["class in case", "pack in case", "teacher", "date"])
def test_a_change_to_a_print_pdfs_cover_rebuilds_it(pack, tmp_path, monkeypatch, change):
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    api.build([pack], out=out, jobs=1)
    printed = out / "year-9-science/9a/year-9-science-9a-print.pdf"
    shown = {
        "class in case": "Class 9a",
        "pack in case": "Year 9 science",
        "teacher": "Mrs Patel",
        "date": "27 November 2025",
    }[change]
    if change == "class in case":
        pack.write_text(PACK.replace("name: 9A", "name: 9a"), "utf-8")
    elif change == "pack in case":
        pack.write_text(PACK.replace("Year 9 Science", "Year 9 science"), "utf-8")
    elif change == "teacher":
        pack.write_text(PACK.replace("Ms Patel", "Mrs Patel"), "utf-8")
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1764115200 + 86400))
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and printed in result.written
    assert shown in PdfReader(printed).pages[0].extract_text()


# Two builds at once ----------------------------------------------------------------------


def test_two_manifests_saved_one_after_the_other_keep_both(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"a")
    (out / "b.pdf").write_bytes(b"b")
    one, two = Manifest(out), Manifest(out)  # both read before either saves
    one.record("a.pdf", "key-a", [out / "a.pdf"])
    two.record("b.pdf", "key-b", [out / "b.pdf"])
    one.save()
    two.save()
    merged = Manifest(out)
    assert merged.status("a.pdf", "key-a").fresh and merged.status("b.pdf", "key-b").fresh


def _sources(tmp_path: Path, count: int) -> list[Path]:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (DATA / "packs" / "good.yaml").read_text("utf-8")
    paths = []
    for number in range(count):
        path = folder / f"topic{number}.yaml"
        path.write_text(text.replace("Photosynthesis", f"Photosynthesis {number}"), "utf-8")
        paths.append(path)
    return paths


def test_two_threads_building_into_one_folder_leave_a_manifest_of_both(tmp_path):
    sources = _sources(tmp_path, 6)
    out = tmp_path / "out"
    results, errors = {}, []

    def build(name, mine):
        try:
            results[name] = api.build(mine, layouts=["summary"], out=out, jobs=1)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=build, args=("even", sources[0::2])),
        threading.Thread(target=build, args=("odd", sources[1::2])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and all(r.ok for r in results.values())
    jobs = json.loads((out / NAME).read_text("utf-8"))["jobs"]
    assert sorted(jobs) == sorted(f"topic{n}-summary.pdf" for n in range(6))
    again = api.build(sources, layouts=["summary"], out=out, jobs=1)
    assert again.written == [] and len(again.unchanged) == 6


def test_two_processes_building_into_one_folder_leave_a_manifest_of_both(tmp_path):
    sources = _sources(tmp_path, 6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "revpack", "build", "-l", "summary", "-o", str(out), "-j", "2"]
    runs = [
        subprocess.Popen(
            [*command, *map(str, part)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for part in (sources[:3], sources[3:])
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0 and "Traceback" not in stderr, stderr
    jobs = json.loads((out / NAME).read_text("utf-8"))["jobs"]
    assert sorted(jobs) == sorted(f"topic{n}-summary.pdf" for n in range(6))
    assert not list(out.glob(".*.part"))
    again = api.build(sources, layouts=["summary"], out=out, jobs=1)
    assert again.written == [] and len(again.unchanged) == 6


def test_two_processes_building_the_same_outputs_agree(tmp_path, pack):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "revpack", "build", str(pack), "-o", str(out)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0 and "Traceback" not in stderr, stderr
    again = api.build([pack], out=out, jobs=1)
    assert again.ok and again.written == [] and again.kept == []
    assert len(again.unchanged) == 6


def _beside_another(pack: Path, out: Path, monkeypatch):
    """Build `pack` into `out` twice at once: the second build reads the manifest, then
    the first runs from start to end but for saving its manifest, then the second goes
    on (and finds the first's files); both results (first, second)."""
    planned, written, second_done = threading.Event(), threading.Event(), threading.Event()
    save = Manifest.save

    def saving(manifest: Manifest) -> None:
        if threading.current_thread() is first:
            written.set()
            assert second_done.wait(60)
        save(manifest)

    def run_second() -> None:
        try:
            results["second"] = api.build(
                [pack], out=out, jobs=1, on_plan=lambda _: planned.set() or written.wait(60)
            )
        finally:
            second_done.set()

    monkeypatch.setattr(Manifest, "save", saving)
    results = {}
    second = threading.Thread(target=run_second)
    first = threading.Thread(
        target=lambda: results.setdefault("first", api.build([pack], out=out, jobs=1))
    )
    second.start()
    assert planned.wait(60)
    first.start()
    second.join()
    first.join()
    assert written.is_set()
    return results["first"], results["second"]


def test_a_build_finding_another_build_s_new_print_pdfs_does_not_call_them_edited(
    tmp_path, pack, topic, monkeypatch
):
    # The other build has written the class's print PDF and not yet saved its manifest:
    # the print PDF differs from the record the second build read, yet it is revpack's
    # (noted in the journal), not a teacher's edit.
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    topic.write_text(topic.read_text("utf-8").replace("Photosynthesis", "Photosynthesis 2"))
    first, second = _beside_another(pack, out, monkeypatch)
    for result in (first, second):
        assert result.ok and result.kept == [] and result.edited == [], result.notes
        assert not any(note.startswith("kept ") for note in result.notes), result.notes
    again = api.build([pack], out=out, jobs=1)
    assert again.written == [] and again.kept == [] and len(again.unchanged) == 6


def test_a_print_pdf_edited_while_another_build_runs_is_still_kept(
    tmp_path, pack, topic, monkeypatch
):
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    printed = out / "year-9-science" / "9a" / "year-9-science-9a-print.pdf"
    edited = printed.read_bytes() + b"% the teacher's\n"
    printed.write_bytes(edited)
    topic.write_text(topic.read_text("utf-8").replace("Photosynthesis", "Photosynthesis 2"))
    first, second = _beside_another(pack, out, monkeypatch)
    for result in (first, second):
        assert result.ok and result.kept == [printed], result.notes
    assert printed.read_bytes() == edited
    again = api.build([pack], out=out, jobs=1)
    assert again.written == [] and again.kept == [printed]


# Manifests of the wrong shape ------------------------------------------------------------

GARBAGE = {
    "list": b"[1, 2, 3]",
    "bytes": bytes(range(256)) * 4,
    "empty": b"",
    "not utf-8": b'{"version": 2, "jobs": {"\xff": 1}}',
    "old version": b'{"version": 1, "jobs": {"x-summary.pdf": {"key": "k", "files": '
    b'{"x-summary.pdf": 10}}}}',
    "jobs a list": b'{"version": 2, "jobs": []}',
    "entry a string": b'{"version": 2, "jobs": {"a.pdf": "b"}}',
    "key a number": b'{"version": 2, "jobs": {"a.pdf": {"key": 5, "files": {}}}}',
    "files a list": b'{"version": 2, "jobs": {"a.pdf": {"key": "k", "files": [1]}}}',
    "size text": b'{"version": 2, "jobs": {"a.pdf": {"key": "k", "files": {"a.pdf": '
    b'{"size": "1", "sha256": "00"}}}}}',
    "outside": b'{"version": 2, "jobs": {"../../x.pdf": {"key": "k", "files": '
    b'{"../../x.pdf": {"size": 1, "sha256": "' + b"0" * 64 + b'"}}}}}',
    "deep": b"[" * 100000 + b"]" * 100000,
    "a folder": None,
}


@pytest.mark.parametrize("shape", sorted(GARBAGE))
def test_a_manifest_of_any_wrong_shape_is_taken_for_empty(tmp_path, topic, shape):
    out = tmp_path / "out"
    out.mkdir()
    manifest = out / NAME
    if GARBAGE[shape] is None:
        manifest.mkdir()
    else:
        manifest.write_bytes(GARBAGE[shape])
    assert Manifest(out).entries == {}
    done = revpack("build", topic, "-l", "summary", "-o", out)
    assert "Traceback" not in done.stderr
    assert (out / "photosynthesis-summary.pdf").exists()
    if shape == "a folder":  # it cannot be replaced: said once, the document is written
        assert done.returncode == 1 and f"cannot write {manifest}:" in done.stderr
        return
    assert done.returncode == 0, done.stderr
    assert json.loads(manifest.read_text("utf-8"))["version"] == 2
    assert api.build([topic], layouts=["summary"], out=out, jobs=1).written == []


# Stale .part files and failures before writing -------------------------------------------


def test_stale_part_files_of_a_killed_build_are_cleaned_up(pack, tmp_path):
    out = tmp_path / "out"
    api.build([pack], out=out, jobs=1)
    folder = out / "year-9-science" / "9a"
    stale = [
        out / ".revpack-k2j4h5.part",
        folder / ".revpack-abcdefgh.part",
        folder / ".thaw-summary.pdf.x1y2z3.part",
    ]  # as older versions named them
    for path in stale:
        path.write_bytes(b"%PDF-1.4 half a document")
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and result.written == []
    assert not [p for p in stale if p.exists()]


def test_a_part_file_being_written_is_left_alone(tmp_path):
    busy, stale = tmp_path / ".revpack-busy.part", tmp_path / ".revpack-stale.part"
    busy.write_bytes(b"x")
    stale.write_bytes(b"x")
    with open(busy, "rb") as writing:  # as a build writing it holds it
        fcntl.flock(writing.fileno(), fcntl.LOCK_EX)
        assert remove_stale_parts([tmp_path]) == [stale]
    assert busy.exists() and not stale.exists()


def test_a_killed_build_leaves_nothing_the_next_build_does_not_clean(pack, tmp_path):
    out = tmp_path / "out"
    script = (
        "import os, sys, revpack.building.files as f\n"
        "real = f.os.replace\n"
        "def die(src, dst):\n"
        "    os.kill(os.getpid(), 9)\n"
        "f.os.replace = die\n"
        "from revpack.cli.main import main\n"
        "sys.argv = ['revpack', *sys.argv[1:]]\n"
        "main()\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script, "build", str(pack), "-o", str(out), "-j", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -9
    assert list(out.rglob(".*.part"))  # killed just before its first rename
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and not list(out.rglob(".*.part"))


def test_a_build_that_writes_no_document_makes_no_folder(tmp_path):
    long = tmp_path / "long.yaml"
    points = "\n".join(
        f"      - Point {i} " + "is long enough to need space. " * 6 for i in range(40)
    )
    long.write_text(
        f"title: Far too long\nfactors:\n  - title: One\n    points:\n{points}\n", "utf-8"
    )
    out = tmp_path / "out"
    result = api.build([long], layouts=["summary"], out=out, jobs=1)
    assert not result.ok and not out.exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nfactors: oops\n", "utf-8")
    with pytest.raises(api.InputError):
        api.build([bad], out=out, jobs=1)
    assert not out.exists()


def test_manifest_names_are_relative_to_the_output_folder(tmp_path, topic, monkeypatch):
    monkeypatch.chdir(tmp_path)
    api.build([topic], layouts=["summary"], out="out", jobs=1)
    data = json.loads(Path("out", NAME).read_text("utf-8"))
    entry = data["jobs"]["photosynthesis-summary.pdf"]
    written = entry["files"]["photosynthesis-summary.pdf"]
    pdf = Path("out/photosynthesis-summary.pdf").read_bytes()
    assert written["size"] == len(pdf)
    import hashlib

    assert written["sha256"] == hashlib.sha256(pdf).hexdigest()
    absolute = api.build([topic], layouts=["summary"], out=os.path.abspath("out"), jobs=1)
    assert absolute.written == []


@pytest.mark.parametrize(
    "out, path",
    [
        ("out", "out/a/b.pdf"),
        ("/abs/out", "/abs/out/b.pdf"),
        (".", "a/b.pdf"),
        ("out", "out"),
        ("out", "elsewhere/b.pdf"),
        ("out", "outer/b.pdf"),
        ("/", "/a/b.pdf"),
    ],
)
def test_a_files_name_in_the_manifest_is_its_path_relative_to_the_folder(out, path):
    manifest = Manifest(Path(out))
    try:
        expected = Path(path).relative_to(out).as_posix()
    except ValueError:
        with pytest.raises(ValueError):
            manifest.relative(Path(path))
        return
    assert manifest.relative(Path(path)) == expected == manifest.relative(path)


def test_the_manifest_is_read_again_only_when_it_changed(pack, tmp_path, monkeypatch):
    import revpack.building.manifest as manifest_module

    out = tmp_path / "out"
    first = api.build([pack], out=out, jobs=1)
    for path in [p for p in first.written if p.suffix == ".pdf"][:3]:
        path.write_bytes(path.read_bytes() + b"%edited\n")  # kept: each asks the disk
    reads = []
    real = manifest_module.load
    monkeypatch.setattr(manifest_module, "load", lambda path: reads.append(path) or real(path))
    again = api.build([pack], out=out, jobs=1, force=False)
    assert len(again.kept) == 3
    assert len(reads) == 1  # not once more for each kept file, nor to save


def test_a_manifest_larger_than_any_revpack_writes_is_taken_for_empty(tmp_path, topic):
    out = tmp_path / "out"
    out.mkdir()
    (out / NAME).write_bytes(b'{"version": 2, "jobs": {}' + b" " * MAX_BYTES + b"}")
    assert Manifest(out).entries == {}


def test_files_found_holding_what_the_build_would_write_are_not_said_to_be_written(tmp_path, topic):
    # After a garbage manifest, each file already holding its bytes is recorded, not
    # written: the build printed "wrote …" for each, then "0 written, 2 unchanged".
    out = tmp_path / "out"
    first = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert first.returncode == 0, first.stderr
    (out / NAME).write_text("{bad", "utf-8")
    again = revpack("build", topic, "-l", "worksheet", "-o", out)
    assert again.returncode == 0, again.stderr
    assert "wrote" not in again.stderr, again.stderr
    assert "0 written, 2 unchanged, 0 failed" in again.stdout


def test_two_builds_saving_in_turn_keep_the_record_of_the_file_on_disk(tmp_path):
    # Two builds into one folder at once: the one saving last recorded its own print PDF,
    # though the file was the other's, which was kept as edited ever after.
    from revpack.building.files import write_atomic
    from revpack.building.manifest import Manifest

    made = tmp_path / "print.pdf"
    first = Manifest(tmp_path)
    write_atomic(made, b"first build's bytes", tmp_path)
    first.record("print", "k", [made])
    second = Manifest(tmp_path)  # (began before the first saved)
    write_atomic(made, b"second build's bytes", tmp_path)
    second.record("print", "k", [made])
    second.save()
    first.save()
    status = Manifest(tmp_path).status("print", "k")
    assert status.fresh and status.changed == () and status.unchanged == (made,)
