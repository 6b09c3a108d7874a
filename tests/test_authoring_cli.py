"""`revpack import`, `new` and `schema` with -o: a file that cannot be written is one line
and exit 1, never a traceback, and nothing that is not a file is ever replaced; a name
that cannot be a source's, or a title that cannot be printed, is a usage error (exit 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import DATA, revpack

NOTES = DATA / "import" / "war-notes.txt"
COMMANDS = {
    "import": ["import", str(NOTES), "--force"],
    "new": ["new", "The thaw", "--force"],
    "schema": ["schema"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_file_that_cannot_be_written_is_one_line_and_exit_1(tmp_path, command):
    (tmp_path / "plain").write_text("a file, not a folder", "utf-8")
    out = tmp_path / "plain" / "x.yaml"
    done = revpack(*COMMANDS[command], "-o", out)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"revpack: cannot write {out}: {tmp_path / 'plain'} is a file, not a folder"
    ]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", ["pipe", "link"])
def test_a_pipe_or_a_link_is_never_replaced(tmp_path, command, kind):
    out = tmp_path / "x.yaml"
    target = tmp_path / "elsewhere.yaml"
    if kind == "pipe":
        os.mkfifo(out)
        what = "a pipe or a device"
    else:
        target.write_text("the teacher's own file", "utf-8")
        out.symlink_to(target)
        what = "a symbolic link"
    done = revpack(*COMMANDS[command], "-o", out)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"revpack: {out} is {what}, not a file; give the name of a file to write"
    ]
    assert out.is_fifo() if kind == "pipe" else out.is_symlink()
    assert kind == "pipe" or target.read_text("utf-8") == "the teacher's own file"


def test_schema_into_a_folder_is_one_line(tmp_path):
    done = revpack("schema", "-o", tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"revpack: cannot write {tmp_path}: Is a directory"]
    assert Path(tmp_path).is_dir()


def test_schema_does_not_overwrite_a_file_that_is_not_a_schema(tmp_path):
    # `revpack schema -o thaw.yaml` replaced the teacher's notes with JSON.
    notes = tmp_path / "thaw.yaml"
    notes.write_text("title: The Thaw\n", "utf-8")
    done = revpack("schema", "-o", notes)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"revpack: {notes} already exists; choose another file, or add --force to overwrite it"
    ]
    assert notes.read_text("utf-8") == "title: The Thaw\n"
    # A schema written before is refreshed without --force; anything with it.
    schema = tmp_path / "source.schema.json"
    schema.write_text('{\n  "$id": "urn:revpack:source:0",\n  "old": true\n}\n', "utf-8")
    assert revpack("schema", "-o", schema).returncode == 0
    assert '"old"' not in schema.read_text("utf-8")
    assert revpack("schema", "-o", notes, "--force").returncode == 0
    assert notes.read_text("utf-8").startswith("{")


@pytest.mark.parametrize("command", ["import", "new"])
def test_a_source_is_only_written_to_a_yaml_file(tmp_path, command):
    # `import notes.docx -o notes.docx --force` replaced the teacher's notes with YAML.
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"the teacher's Word notes")
    done = revpack(*COMMANDS[command], "-o", notes)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"revpack: {notes}: a source is a .yaml file; give a name such as {tmp_path / 'notes.yaml'}"
    ]
    assert notes.read_bytes() == b"the teacher's Word notes"


@pytest.mark.parametrize("command", ["import", "new"])
def test_a_line_break_in_the_file_name_is_a_usage_error(tmp_path, command):
    # The name is written into the file's own comments: a line break there made the
    # file invalid YAML, written all the same.
    out = tmp_path / "odd\nname.yaml"
    done = revpack(*COMMANDS[command], "-o", out)
    assert done.returncode == 2
    assert "a file name with a control character in it" in done.stderr
    assert not list(tmp_path.iterdir())


def test_a_file_name_with_a_space_is_quoted_in_the_files_own_commands(tmp_path):
    out = tmp_path / "comida sana.yaml"
    assert revpack("new", "Comida sana", "-o", out).returncode == 0
    assert f"revpack check '{out}'" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("", 'revpack: give the topic\'s title, e.g. revpack new "The Water Cycle"'),
        ("Cells \U0001f52c", "revpack: cannot use this title: character U+1F52C (MICROSCOPE)"),
    ],
)
def test_a_title_that_cannot_be_used_is_a_usage_error_naming_no_file(tmp_path, title, said):
    # It was exit 1 with a line and column in a file that was never written.
    out = tmp_path / "cells.yaml"
    done = revpack("new", title, "-o", out)
    assert done.returncode == 2
    assert done.stderr.startswith(said) and len(done.stderr.splitlines()) == 1
    assert not out.exists()


def test_importing_a_folder_or_a_misspelt_file_says_so(tmp_path):
    (tmp_path / "thaw-notes.txt").write_text("Notes\n\nSome text.\n", "utf-8")
    done = revpack("import", tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{tmp_path}:1:1: this is a folder; name the notes file")
    done = revpack("import", tmp_path / "thaw-notes.tx")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"{tmp_path / 'thaw-notes.tx'}:1:1: no such file (did you mean "
        f"{tmp_path / 'thaw-notes.txt'}?)"
    )
