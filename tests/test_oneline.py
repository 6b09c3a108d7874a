"""Every message the command line prints is one line: the parser's own usage errors and
revpack's, whatever values they echo (line breaks, control characters, terminal escape
sequences)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import REPO, THAW, revpack
from revpack.cli.app import app

ESCAPE = "\x1b[31mred"
BAD = [
    "pdf\nx",
    "no\nsuch",
    ESCAPE,
    "\x1b]0;title\x07",
    "a\rb\x00c".replace("\x00", ""),  # argv cannot hold a NUL
    "tab\there\u2028next",
    "\xa0",  # a no-break space, shown as \xa0: it looks like a space and is not one
]


def _one_line(text: str) -> str:
    """The one line `text` holds, printable, with no escape character in it."""
    lines = text.splitlines()
    assert len(lines) == 1, repr(text)
    assert lines[0].isprintable() and "\x1b" not in lines[0], repr(text)
    assert "Traceback" not in text
    return lines[0]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize(
    "args",
    [
        ["build", "--format", "{}"],
        ["build", "-l", "{}"],
        ["build", "-j", "{}"],
        ["build", "--{}"],
        ["{}"],
        ["check", "--{}"],
        ["watch", "--format", "{}"],
        ["build", "--class", "x", "--print-worksheets={}"],
        ["import", "--{}"],
        ["new", "title", "extra", "{}"],
        ["layouts", "{}"],
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(args, value, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, [a.replace("{}", value) for a in args])
    assert done.exit_code == 2, done.output
    line = _one_line(done.stderr)
    assert line.startswith("revpack: ")
    assert done.stdout == "" and not any(tmp_path.iterdir())


def test_click_usage_errors_say_where_to_read_more(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["build", "--format"])
    assert done.exit_code == 2
    assert _one_line(done.stderr) == "revpack: Option '--format' requires an argument."
    done = CliRunner().invoke(app, ["build", "--frobnicate\nx"], prog_name="revpack")
    assert _one_line(done.stderr) == (
        "revpack: No such option: --frobnicate\\x0ax (see 'revpack build --help')"
    )
    done = CliRunner().invoke(app, ["build", "--format", "pdf\nx"])
    assert _one_line(done.stderr).startswith("revpack: no format called 'pdf\\nx' (did you mean")


def test_the_console_script_says_a_usage_error_in_one_line(tmp_path):
    for args in (
        ["build", "--format", "pdf\nx"],
        ["build", "-j", f"1{ESCAPE}"],
        ["bu\nild"],
        ["build", "--class", ESCAPE, THAW],  # --class with no pack among the inputs
    ):
        done = revpack(*args, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert _one_line(done.stderr).startswith("revpack: ")
        assert done.stdout == "" and not any(tmp_path.iterdir())


def test_no_arguments_still_shows_the_help(tmp_path):
    done = revpack(cwd=tmp_path)
    assert done.returncode == 2 and "Commands" in done.stdout + done.stderr


def test_help_and_version_are_not_errors():
    assert CliRunner().invoke(app, ["build", "--help"]).exit_code == 0
    done = CliRunner().invoke(app, ["--version"])
    assert done.exit_code == 0 and done.stdout.startswith("revpack ")


def test_an_unknown_class_of_a_pack_is_one_escaped_line(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(REPO / "sources", sources)
    pack = sources / "packs" / "year11-cold-war.yaml"
    done = revpack("build", pack, "--class", ESCAPE, "-o", tmp_path / "out")
    assert done.returncode == 2
    [problem] = done.stderr.splitlines()
    assert problem == _one_line(problem)
    assert problem.startswith("revpack: no class called '\\x1b[31mred'")
    assert not (tmp_path / "out").exists()


def test_paths_and_names_echoed_by_a_build_are_escaped(tmp_path):
    out = tmp_path / "o\nut"
    missing = tmp_path / f"no\nsuch{ESCAPE}.yaml"
    done = revpack("build", missing, "-o", out)
    assert done.returncode == 1
    assert [line.isprintable() for line in done.stderr.splitlines()] == [True, True]
    assert "no\\nsuch\\x1b[31mred.yaml:1:1: no such file or folder" in done.stderr
    done = revpack("build", THAW, "-l", "summary", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"wrote {tmp_path}/o\\nut/thaw-summary.pdf"]
    assert (out / "thaw-summary.pdf").exists()


def test_a_layout_description_with_a_line_break_is_a_one_line_problem(tmp_path):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    Path(layouts / "mine.yaml").write_text(
        'extends: summary\ndescription: "two\\nlines \\e[31m"\n', "utf-8"
    )
    done = CliRunner().invoke(app, ["layouts", "--layouts", str(layouts)])
    assert done.exit_code == 1, done.output
    problem, summary = done.stderr.splitlines()
    assert problem.startswith(f"{layouts / 'mine.yaml'}:2:14: ") and problem.isprintable()


LONG = "e" * 300  # longer than any file name a filesystem takes


@pytest.mark.parametrize(
    "args",
    [
        ["check", f"{LONG}.yaml"],
        ["build", str(THAW), "-l", "summary", "-o", LONG],
        ["build", str(THAW), "-l", "summary", "--layouts", LONG, "-o", "out"],
        ["new", "The thaw", "-o", f"{LONG}.yaml"],
        ["import", f"{LONG}.md"],
        ["schema", "-o", LONG],
    ],
    ids=["check", "build-out", "build-layouts", "new", "import", "schema"],
)
def test_a_name_the_filesystem_refuses_is_one_line_and_exit_1(args, tmp_path):
    done = revpack(*args, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "File name too long" in done.stderr.splitlines()[0]
    assert all(line.isprintable() for line in done.stderr.splitlines())
    assert not any(tmp_path.iterdir())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    option=st.sampled_from(["--format", "-l", "-j", "--student", "--frobnicate", "--class"]),
    value=st.text(min_size=1, max_size=30).filter(lambda v: "\0" not in v),
)
def test_any_value_in_any_option_gives_one_line_messages(option, value, tmp_path):
    done = CliRunner().invoke(app, ["build", str(THAW), option, value, "-o", str(tmp_path / "o")])
    assert done.exit_code in (0, 1, 2), done.output
    assert "Traceback" not in done.output
    for line in done.stderr.splitlines():
        assert line.isprintable() and "\x1b" not in line, repr(line)
