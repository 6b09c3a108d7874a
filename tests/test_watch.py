"""`revpack watch`: rebuilds on saves, reports bad saves, keeps the last good output, and
ends cleanly on Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import THAW, default_sigint, pdftotext
from revpack.building.watch import Rebuild, watch, watched_folders
from revpack.cli.watch import rebuild_line

WAIT = 120  # seconds: generous, for a loaded machine; a healthy run takes about one


class Lines:
    """The lines a running `revpack watch` prints, read on a thread."""

    def __init__(self, stream):
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.queue.put(line.rstrip("\n"))

    def until(self, text: str) -> list[str]:
        """Every line up to and including the first that contains `text`."""
        seen = []
        while True:
            try:
                line = self.queue.get(timeout=WAIT)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} after {seen}")
            seen.append(line)
            if text in line:
                return seen


def _retitle(source: Path, title: str) -> None:
    text = source.read_text("utf-8").replace(_title(source), title, 1)
    source.write_text(text, "utf-8")


def _title(source: Path) -> str:
    line = next(x for x in source.read_text("utf-8").splitlines() if x.startswith("title:"))
    return line.removeprefix("title:").strip()


def test_watch_rebuilds_reports_a_bad_save_keeps_the_output_and_stops_on_sigint(tmp_path):
    (tmp_path / "sources").mkdir()
    source = tmp_path / "sources" / "thaw.yaml"
    shutil.copy(THAW, source)
    pdf = tmp_path / "out" / "thaw-summary.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "revpack", "watch", "-l", "summary", "-j", "1"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # Ctrl-C as in a terminal: a test run started as a background job inherits an
        # ignored SIGINT, which the watch would keep ignoring.
        preexec_fn=default_sigint,
    )
    try:
        lines, errors = Lines(process.stdout), Lines(process.stderr)
        assert "1 written" in lines.until("first build")[-1]
        assert "The Thaw and Peaceful Coexistence" in pdftotext(pdf)

        _retitle(source, "The Thaw, Edited Once")  # 1: a good edit
        assert "1 written" in lines.until("] thaw.yaml:")[-1]
        assert "The Thaw, Edited Once" in pdftotext(pdf)
        good = pdf.read_bytes()

        text = source.read_text("utf-8")  # 2: a bad edit, a factor with no points
        source.write_text(
            text.replace("factors:\n", "factors:\n  - title: Unfinished\n", 1), "utf-8"
        )
        report = lines.until("problem")
        assert "nothing written, the last good outputs are kept" in report[-1]
        # (on standard error, as `revpack build` prints problems)
        problem = errors.until("sources/thaw.yaml:")[-1]
        assert problem.startswith("sources/thaw.yaml:13:5: ")  # path:line:col of the entry
        assert pdf.read_bytes() == good

        source.write_text(text.replace("The Thaw, Edited Once", "The Thaw, Fixed"), "utf-8")
        assert "1 written" in lines.until("] thaw.yaml:")[-1]  # 3: fixed again
        assert "The Thaw, Fixed" in pdftotext(pdf)

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == 0
        said = errors.until("stopped watching")
        assert not any("Traceback" in line for line in said)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@contextlib.contextmanager
def _watching(paths, out: Path, layouts=("summary",)) -> Iterator[queue.Queue[Rebuild]]:
    """A watch of `paths` on a thread, giving its reports; stopped (and gone) at the end."""
    reports: queue.Queue[Rebuild] = queue.Queue()
    stop = threading.Event()
    watching = threading.Thread(
        target=watch,
        args=(paths,),
        kwargs=dict(on_rebuild=reports.put, stop=stop, out=out, layouts=list(layouts), jobs=1),
    )
    watching.start()
    try:
        yield reports
    finally:
        stop.set()
        watching.join(timeout=WAIT)
    assert not watching.is_alive()


def test_watch_rebuilds_what_a_saved_layout_affects(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    layout = tmp_path / "layouts" / "mine.yaml"
    layout.write_text("extends: summary\ncolours: {accent: '#1F4E79'}\n", "utf-8")
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    with _watching([tmp_path / "thaw.yaml"], tmp_path / "out", ("mine", "summary")) as reports:
        first = reports.get(timeout=WAIT)
        assert first.ok and len(first.result.written) == 2
        layout.write_text("extends: summary\ncolours: {accent: '#8B0000'}\n", "utf-8")
        second = reports.get(timeout=WAIT)
        assert second.changed == (layout.resolve(),) or second.changed == (layout,)
        # Only the sheet made with the saved layout is made again.
        assert [p.name for p in second.result.written] == ["thaw-mine.pdf"]
        assert [p.name for p in second.result.unchanged] == ["thaw-summary.pdf"]


def test_watched_folders_include_a_packs_source_folders_and_the_layouts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("packs", "topics", "layouts", "mine"):
        (tmp_path / folder).mkdir()
    shutil.copy(THAW, tmp_path / "topics" / "thaw.yaml")
    (tmp_path / "packs" / "p.yaml").write_text(
        "pack: P\nsources: [../topics/*.yaml]\nclasses: [{name: 9A}]\n", "utf-8"
    )
    folders = watched_folders([tmp_path / "packs" / "p.yaml"], [tmp_path / "mine"])
    assert folders == sorted(
        (tmp_path / name).resolve() for name in ("packs", "topics", "layouts", "mine")
    )
    # A folder inside another watched one is not watched twice.
    assert watched_folders([tmp_path, tmp_path / "topics"]) == [tmp_path.resolve()]


def test_rebuild_line_says_what_changed_and_what_happened():
    from revpack.building.run import BuildResult
    from revpack.problems import Mark, Problem

    done = Rebuild((Path("a/thaw.yaml"),), BuildResult(written=[Path("x.pdf")]), seconds=0.25)
    assert (
        rebuild_line(done, "10:00:01")
        == "[10:00:01] thaw.yaml: 1 written, 0 unchanged, 0 failed in 0.2 s"
    )
    bad = Rebuild(
        (Path("a.yaml"), Path("b.yaml")), None, (Problem(Mark("a.yaml", 2, 3), "x"),), seconds=0.04
    )
    assert rebuild_line(bad, "10:00:02") == (
        "[10:00:02] a.yaml, b.yaml: 1 problem; nothing "
        "written, the last good outputs are kept (0.0 s)"
    )
    first = Rebuild((), None, (Problem(Mark("a.yaml", 2, 3), "x"),), seconds=0.04)
    assert rebuild_line(first, "10:00:00") == (
        "[10:00:00] first build: 1 problem; nothing written (0.0 s)"  # (nothing to keep yet)
    )


def _watch_once(folder: Path, *options: str) -> subprocess.CompletedProcess:
    """`revpack watch thaw.yaml OPTIONS` in `folder` (with the thaw), for what it says
    before it starts watching."""
    shutil.copy(THAW, folder / "thaw.yaml")
    return subprocess.run(
        [sys.executable, "-m", "revpack", "watch", "thaw.yaml", *options],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )


def test_watch_refuses_class_without_a_pack_as_a_usage_error(tmp_path):
    done = _watch_once(tmp_path, "--class", "9A")
    assert done.returncode == 2
    assert "none of the inputs is a pack" in done.stderr
    assert not (tmp_path / "out").exists()


def test_watch_says_a_missing_path_is_missing_when_its_folder_is_too_large(tmp_path, monkeypatch):
    # `revpack watch /nonexistent` said "/ holds more than 50,000 files": of the folder it
    # would watch for the file to appear, as if that folder had been named.
    from revpack.loading import limits
    from revpack.problems import UsageError

    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 20)
    for i in range(25):
        (tmp_path / f"note-{i}.txt").write_text("not an input", "utf-8")
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    missing = tmp_path / "thwa.yaml"
    with pytest.raises(UsageError) as error:
        watch([missing], on_rebuild=lambda rebuild: None, out=tmp_path / "out")
    assert str(error.value) == (
        f"{missing}: no such file or folder (did you mean {tmp_path / 'thaw.yaml'}?), and its "
        "folder is too large to watch for it"
    )


def test_watch_refuses_an_unknown_layout_before_building(tmp_path):
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "revpack", "watch", "thaw.yaml", "-l", "nope"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert done.returncode == 2
    assert "no layout called 'nope'" in done.stderr


def test_watch_refuses_a_folder_too_large_to_watch(tmp_path, monkeypatch):
    from revpack.loading import limits
    from revpack.problems import UsageError

    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 20)
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(THAW, sources / "thaw.yaml")
    for i in range(25):
        (sources / f"note-{i}.txt").write_text("not an input", "utf-8")
    reports: list[Rebuild] = []
    with pytest.raises(UsageError, match="more than 20 files and folders, too many to watch"):
        watch([sources], on_rebuild=reports.append, out=tmp_path / "out")
    assert reports == [] and not (tmp_path / "out").exists()


def test_watch_sees_a_source_come_back_after_it_was_moved_away(tmp_path, monkeypatch):
    # Once the watched file had gone (moved away for a moment), the watch saw nothing more
    # of it.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    source, away = tmp_path / "sources" / "thaw.yaml", tmp_path / "thaw.yaml"
    shutil.copy(THAW, source)
    with _watching([source], tmp_path / "out") as reports:
        assert reports.get(timeout=WAIT).ok
        source.rename(away)
        assert "no such file or folder" in str(reports.get(timeout=WAIT).problems[0])
        away.rename(source)
        assert reports.get(timeout=WAIT).ok
        _retitle(source, "The Thaw, again")
        again = reports.get(timeout=WAIT)
        assert again.ok and [p.name for p in again.result.written] == ["thaw-summary.pdf"]


def test_watch_builds_a_source_that_was_not_there_yet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    later = tmp_path / "sources" / "later.yaml"
    with _watching([later], tmp_path / "out") as reports:
        assert "no such file or folder" in str(reports.get(timeout=WAIT).problems[0])
        shutil.copy(THAW, later)
        built = reports.get(timeout=WAIT)
        assert built.ok and [p.name for p in built.result.written] == ["later-summary.pdf"]


def test_watch_into_a_file_is_a_usage_error_at_once(tmp_path):
    # It waited for saves that could never fix it.
    (tmp_path / "afile").write_text("not a folder", "utf-8")
    done = _watch_once(tmp_path, "-o", "afile")
    assert done.returncode == 2
    assert done.stderr == "revpack: -o afile is a file; give the folder to build into\n"
