"""Shell completion: the callbacks offer what exists, and typer's scripts for bash, zsh and
fish are there."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import THAW, revpack
from revpack.cli.completion import class_names, format_names, layout_names
from revpack.kinds import all_formats

PACK = "pack: Y9\nsources: [topics/*.yaml]\nclasses: [{name: 9A}, {name: 9b}, {name: 10C}]\n"


def _context(**params) -> SimpleNamespace:
    """What the callbacks read of typer's context: the options parsed so far."""
    return SimpleNamespace(params=params)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A teacher's folder: sources/ with a topic and a pack, and a layouts/ folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources" / "topics").mkdir(parents=True)
    shutil.copy(THAW, tmp_path / "sources" / "topics" / "thaw.yaml")
    (tmp_path / "sources" / "y9.yaml").write_text(PACK, "utf-8")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "summary-blue.yaml").write_text("extends: summary\n", "utf-8")
    return tmp_path


def test_layout_names_come_from_the_standard_set_and_the_layout_folders(project):
    (project / "mine").mkdir()
    (project / "mine" / "summary-green.yaml").write_text("extends: summary\n", "utf-8")
    assert layout_names(_context(), "summary-b") == ["summary-blue"]
    offered = layout_names(_context(layouts_dir=[project / "mine"]), "summary")
    assert {"summary", "summary-dyslexia", "summary-blue", "summary-green"} <= set(offered)
    assert all(name.startswith("summary") for name in offered)
    assert "worksheet" in layout_names(_context(), "")


def test_class_names_come_from_the_packs_among_the_paths(project):
    assert class_names(_context(), "") == ["9A", "9b", "10C"]  # default: sources/
    assert class_names(_context(), "9") == ["9A", "9b"]
    assert class_names(_context(), "9B") == ["9b"]  # --class ignores case, so does this
    assert class_names(_context(paths=[project / "sources" / "topics"]), "") == []


def test_class_names_offer_nothing_for_missing_or_broken_files(project):
    (project / "sources" / "y9.yaml").write_text("pack: [\n", "utf-8")
    assert class_names(_context(), "") == []
    assert class_names(_context(paths=[project / "nowhere"]), "") == []


def test_format_names_are_every_kinds_formats():
    assert format_names("") == list(all_formats())
    assert format_names("do") == ["docx"]


def test_show_completion_prints_the_script_of_the_shell_it_runs_in():
    # Run from bash, as a teacher types it: the tests themselves may run with no shell
    # above them (a detached job), where there is no shell to detect. (A lone command
    # would replace bash instead of running under it.)
    command = shlex.join([sys.executable, "-m", "revpack", "--show-completion"]) + "; exit $?"
    done = subprocess.run(
        [shutil.which("bash") or "bash", "-c", command], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "revpack" in done.stdout and "_REVPACK_COMPLETE" in done.stdout


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", "complete -o default -F _revpack_completion revpack"),
        ("zsh", "#compdef revpack"),
        ("fish", "complete --command revpack"),
    ],
)
def test_show_completion_names_the_shell(shell, expected):
    # typer's switch: the shell is named, as on a system where it cannot be detected.
    done = revpack(
        "--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout
    assert f"_REVPACK_COMPLETE=complete_{shell}" in done.stdout


def test_the_shell_asks_and_gets_class_names(project):
    done = revpack(
        env={
            "_REVPACK_COMPLETE": "complete_bash",
            "COMP_CWORD": "3",
            "COMP_WORDS": "revpack build --class 1",
        },
        cwd=project,
    )
    assert done.stdout.split() == ["10C"]
    done = revpack(
        env={
            "_REVPACK_COMPLETE": "complete_bash",
            "COMP_CWORD": "3",
            "COMP_WORDS": "revpack watch -l summary-",
        },
        cwd=project,
    )
    assert "summary-blue" in done.stdout.split()
