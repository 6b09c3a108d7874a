"""A build stopped before it could record what it wrote (Ctrl-C between writing a document
and recording it, SIGTERM, SIGKILL) leaves no file that the next build takes for a
teacher's edit: the journal names what it was about to write (building/journal.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import revpack as api
from helpers import SCIENCE_PACK, default_sigint, write_pack
from revpack.building import journal, run

PACK = SCIENCE_PACK.replace("layouts: [summary]", "layouts: [summary, worksheet]")


def _change(topics: Path, old: str, new: str) -> None:
    path = topics / "thaw.yaml"
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def _stop_after_writing(monkeypatch, paths: list[Path], out: Path) -> list[Path]:
    """Build `paths` into `out`, stopped (as by Ctrl-C) right after its first job's files
    are written, before they are recorded; the files that job wrote."""
    wrote: list[Path] = []

    def record(done, *args):
        wrote.extend(done.files)
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "_record", record)
    with pytest.raises(KeyboardInterrupt):
        api.build(paths, out=out, jobs=1)
    monkeypatch.undo()
    return wrote


def _stopped_after_writing(monkeypatch, tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    """A pack built once, its notes changed, then built again and stopped right after its
    first job's files are written: (the pack, its output folder, the files that job
    wrote)."""
    pack = write_pack(tmp_path, PACK)
    out = tmp_path / "out"
    assert api.build([pack], out=out, jobs=1).ok
    _change(tmp_path / "topics", "Khrushchev", "Nikita Khrushchev")
    return pack, out, _stop_after_writing(monkeypatch, [pack], out)


def test_a_stopped_builds_file_is_rebuilt_when_the_notes_go_back(tmp_path, monkeypatch):
    # The notes back as they were recorded: the job looked fresh, and the file the stopped
    # build wrote (from the changed notes) stayed, as if right.
    pack, out, wrote = _stopped_after_writing(monkeypatch, tmp_path)
    _change(tmp_path / "topics", "Nikita Khrushchev", "Khrushchev")
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and result.kept == [] and set(wrote) <= set(result.written)
    fresh = tmp_path / "fresh"
    assert api.build([pack], out=fresh, jobs=1).ok
    for path in wrote:
        assert path.read_bytes() == (fresh / path.relative_to(out)).read_bytes()


def test_a_build_of_some_sources_keeps_the_journal_of_the_others(tmp_path, monkeypatch):
    # A finished build of one source forgot what a stopped build of another had written.
    write_pack(tmp_path, PACK)
    one, other = tmp_path / "topics" / "photosynthesis.yaml", tmp_path / "topics" / "thaw.yaml"
    out = tmp_path / "out"
    assert api.build([one, other], out=out, jobs=1).ok
    _change(tmp_path / "topics", "Khrushchev", "Nikita Khrushchev")
    wrote = _stop_after_writing(monkeypatch, [other], out)
    assert api.build([one], out=out, jobs=1).ok
    _change(tmp_path / "topics", "Nikita Khrushchev", "N. S. Khrushchev")
    result = api.build([other], out=out, jobs=1)
    assert result.ok and result.kept == [] and set(wrote) <= set(result.written)


def test_the_journal_is_never_written_through_a_link(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("someone else's file\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / journal.NAME).symlink_to(outside)
    write_pack(tmp_path, PACK)
    result = api.build([tmp_path / "topics" / "thaw.yaml"], out=out, jobs=1)
    assert outside.read_text("utf-8") == "someone else's file\n"
    assert not result.ok and "cannot write" in result.failed[0]


def test_files_written_but_not_recorded_are_rebuilt_not_kept(tmp_path, monkeypatch):
    pack, out, wrote = _stopped_after_writing(monkeypatch, tmp_path)
    assert wrote and (out / journal.NAME).exists()
    # The notes change again before the next build: the files the stopped build wrote
    # hold neither what the manifest says nor what this build makes.
    _change(tmp_path / "topics", "Nikita Khrushchev", "N. S. Khrushchev")
    result = api.build([pack], out=out, jobs=1)
    assert result.ok and result.kept == [], result.notes
    assert set(wrote) <= set(result.written)
    assert not (out / journal.NAME).exists()  # (everything is recorded now)
    assert api.build([pack], out=out, jobs=1).written == []


def test_a_teachers_edit_after_a_stopped_build_is_still_kept(tmp_path, monkeypatch):
    pack, out, wrote = _stopped_after_writing(monkeypatch, tmp_path)
    edited = wrote[0]
    edited.write_bytes(edited.read_bytes() + b" ")  # (opened and saved by the teacher)
    result = api.build([pack], out=out, jobs=1)
    assert result.kept == [edited]


def test_a_damaged_journal_names_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"%PDF")
    (out / journal.NAME).write_text(
        "nonsense\n4 x a.pdf\n4 " + "0" * 64 + " ../a.pdf\n" + "\0\n", "utf-8"
    )
    assert journal.written(out) == frozenset()
    journal.note(out, out / "a.pdf", b"%PDF")
    assert journal.written(out) == {out / "a.pdf"}


def _revpack_processes(marker: str) -> list[int]:
    """The processes whose command line holds `marker` (a build and its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in command:
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT])
def test_a_signal_part_way_leaves_nothing_the_next_build_keeps(tmp_path, stop):
    # SIGTERM ends the workers (they ran on) and records what was written; SIGKILL records
    # nothing, and the journal is all the next build has to go on.
    classes = "".join(f"  - name: C{n}\n" for n in range(30))
    pack = write_pack(
        tmp_path,
        "pack: Year 11\nsources: [topics/thaw.yaml]\nlayouts: [summary, worksheet]\n"
        f"classes:\n{classes}",
    )
    out = tmp_path / "stopped-out"
    assert api.build([pack], out=out, jobs=2).ok
    _change(tmp_path / "topics", "Khrushchev", "Nikita Khrushchev")
    build = subprocess.Popen(
        [sys.executable, "-m", "revpack", "build", str(pack), "-o", str(out), "-j", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=default_sigint,
    )
    assert build.stderr is not None
    for _ in range(5):  # (documents are being written)
        assert build.stderr.readline().startswith("wrote ")
    build.send_signal(stop)
    said = build.stderr.read()
    assert build.wait(timeout=60) in (128 + stop, -stop)
    if stop != signal.SIGKILL:  # (the build said nothing of being stopped; Ctrl-C too)
        last = said.rstrip("\n").rpartition("\n")[2]
        assert last.startswith("revpack: stopped before the build's end ("), said[-500:]
        assert last.endswith("what was written is kept and recorded: build again to finish")
        assert "Traceback" not in said
    deadline = time.monotonic() + 10
    while _revpack_processes(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _revpack_processes(str(out)) == [], "a worker outlived its build"
    if stop == signal.SIGKILL:
        assert (out / journal.NAME).exists()
    _change(tmp_path / "topics", "Nikita Khrushchev", "N. S. Khrushchev")
    result = api.build([pack], out=out, jobs=2)
    assert result.ok and result.kept == [], result.notes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_in_the_journals_place_fails_at_once_instead_of_hanging(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / journal.NAME)
    write_pack(tmp_path, PACK)
    done = subprocess.run(
        [sys.executable, "-m", "revpack", "build", str(tmp_path / "topics" / "thaw.yaml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,  # (it waited for a reader for good)
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot write out/thaw-summary.pdf" in done.stderr


def test_files_holding_what_a_running_build_noted_are_told_from_edited_ones(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert journal.holding_noted(out, [out / "a.pdf"]) == frozenset()  # (no journal)
    written, edited, unnoted = out / "a.pdf", out / "b.pdf", out / "c.pdf"
    for path in (written, edited):
        journal.note(out, path, b"revpack's bytes")
        path.write_bytes(b"revpack's bytes")
    edited.write_bytes(b"the teacher's bytes")
    unnoted.write_bytes(b"revpack's bytes")
    outside = tmp_path / "a.pdf"
    outside.write_bytes(b"revpack's bytes")
    found = journal.holding_noted(out, [written, edited, unnoted, outside, out / "gone.pdf"])
    assert found == {written}
