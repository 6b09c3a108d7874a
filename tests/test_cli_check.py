"""`revpack check FILE…` runs without the command-line parser (revpack.cli.main), and
says and exits exactly what the parsed command does (`revpack check -- FILE…`)."""

from __future__ import annotations

import io
import os
import sys

import pytest

from helpers import DATA, THAW, fresh_python, revpack
from revpack.cli import output


@pytest.mark.parametrize(
    "files",
    [
        [THAW],  # fine
        [DATA / "bad" / "control-char.yaml", DATA / "bad" / "dangling-link.yaml"],  # problems
        [THAW, "no-such-file.yaml"],  # a missing file among good ones
        [DATA / "packs"],  # a folder of packs and sources
    ],
)
def test_a_check_without_options_says_what_the_parsed_command_says(files):
    quick = revpack("check", *files)
    parsed = revpack("check", "--", *files)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        parsed.returncode,
        parsed.stdout,
        parsed.stderr,
    )
    assert quick.returncode in (0, 1)
    assert "Traceback" not in quick.stderr


def test_a_check_without_options_never_loads_the_parser_or_a_writer():
    script = (
        "import sys\n"
        f"sys.argv = ['revpack', 'check', {str(THAW)!r}]\n"
        "from revpack.cli.main import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    loaded = {m.split('.')[0] for m in sys.modules}\n"
        "    print(exit.code, 'typer' in loaded, 'reportlab' in loaded,\n"
        "        any(m.startswith('revpack.writers') for m in sys.modules))\n"
    )
    out = fresh_python(script)
    assert out.splitlines() == ["1 source OK", "0 False False False"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_messages_are_one_line_and_coloured_only_on_a_terminal(monkeypatch):
    terminal, piped = _Terminal(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", terminal)
    output.say("2 problems;\nnothing was written.", fg="red")
    monkeypatch.setattr(sys, "stderr", piped)
    output.say("2 problems;\nnothing was written.", fg="red")
    assert terminal.getvalue() == "\x1b[31m2 problems;\\nnothing was written.\x1b[0m\n"
    assert piped.getvalue() == "2 problems;\\nnothing was written.\n"


def test_check_finds_a_packs_misspelt_layout_as_build_does(tmp_path):
    # `check` said "1 source OK" of a pack that `build` then refused.
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: P\nsources: [thaw.yaml]\nlayouts: [sumary]\nclasses: [{name: 9A}]\n", "utf-8"
    )
    checked = revpack("check", pack)
    built = revpack("build", pack, "-o", tmp_path / "out")
    assert checked.returncode == built.returncode == 1
    line = f"{pack}:3:11: no layout called 'sumary' (did you mean 'summary'?)"
    assert checked.stderr.startswith(line) and built.stderr.startswith(line)


def test_check_finds_a_packs_misspelt_layout_beside_a_misspelt_key(tmp_path):
    # It stopped at the key: the layout's name was said only once the key was mended.
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: P\nsources: [thaw.yaml]\nteacher: Ms Okafor\nlayouts: [sumary]\n"
        "classes: [{name: 9A}]\n",
        "utf-8",
    )
    checked = revpack("check", pack)
    assert checked.returncode == 1
    first, second, last = checked.stderr.splitlines()
    assert first.startswith(f"{pack}:3:1: unknown key 'teacher' in a pack; expected one of: ")
    assert second.startswith(f"{pack}:4:11: no layout called 'sumary' (did you mean 'summary'?)")
    assert last == "2 problems."


def test_check_does_not_say_that_nothing_was_written(tmp_path):
    # (it never writes anything: "nothing was written" read as if it might have)
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", "utf-8")
    done = revpack("check", bad)
    assert done.returncode == 1 and done.stderr.splitlines()[-1] == "1 problem."


def test_a_misspelt_source_and_a_file_that_is_no_yaml_are_named_plainly(tmp_path):
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    done = revpack("check", tmp_path / "thwa.yaml")
    assert done.stderr.startswith(
        f"{tmp_path / 'thwa.yaml'}:1:1: no such file or folder (did you mean "
        f"{tmp_path / 'thaw.yaml'}?)"
    )
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.7\n\x93\x94 binary")  # (was: byte 0x93 … is not UTF-8)
    done = revpack("check", notes)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{notes}:1:1: this is a PDF, not a source written in YAML")


def test_check_finds_a_packs_layouts_where_build_would(tmp_path):
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "dept.yaml").write_text("extends: summary\n", "utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: P\nsources: [thaw.yaml]\nlayouts: [dept]\nclasses: [{name: 9A}]\n", "utf-8"
    )
    assert revpack("check", pack).returncode == 1  # (as `build` without --layouts)
    done = revpack("check", pack, "--layouts", tmp_path / "mine")
    assert done.returncode == 0, done.stderr
    assert (
        revpack("build", pack, "--layouts", tmp_path / "mine", "-o", tmp_path / "o").returncode == 0
    )


def test_a_line_for_a_reader_that_has_gone_says_so_and_what_follows_is_quiet(monkeypatch):
    reading, writing = os.pipe()
    os.close(reading)  # (`revpack … | head -1` after its line)
    stream = os.fdopen(writing, "w")
    monkeypatch.setattr(sys, "stdout", stream)
    assert output.say("first", err=False) is False
    assert output.say("second", err=False) is True  # (now to nowhere, without an error)
    stream.close()


def test_check_checks_a_shared_layout_named_or_in_a_layouts_folder(tmp_path):
    # `check --layouts DIR` read no layout in DIR ("1 source OK"), and `check layout.yaml`
    # read the layout as a source: eight problems, none of them its own.
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "roomy.yaml").write_text("extends: summary\npage: {margin: 18mm}\n", "utf-8")
    bad = folder / "huge.yaml"
    bad.write_text("extends: summary\nfont: {size: 10000}\n", "utf-8")
    done = revpack("check", "--layouts", folder, THAW)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{bad}:2:14: ") and "Traceback" not in done.stderr
    done = revpack("check", bad)
    assert done.returncode == 1 and done.stderr.startswith(f"{bad}:2:14: ")
    assert "a source needs" not in done.stderr
    bad.unlink()
    done = revpack("check", "--layouts", folder, THAW)
    assert (done.returncode, done.stdout) == (0, "1 source and 1 layout OK\n")
    done = revpack("check", folder / "roomy.yaml")
    assert (done.returncode, done.stdout) == (0, "0 sources and 1 layout OK\n")
    # (a layout on one line, in braces; after a document start; saved with a BOM)
    for text in (
        "{extends: summary, page: {margin: 10mm}}\n",
        "--- {extends: summary}\n",
        "\ufeffextends: summary\npage: {margin: 12mm}\n",
    ):
        other = folder / "other.yaml"
        other.write_text(text, "utf-8")
        done = revpack("check", other)
        assert (done.returncode, done.stdout) == (0, "0 sources and 1 layout OK\n"), text
        other.unlink()
    # A layout is no source to build.
    done = revpack("build", folder / "roomy.yaml", "-o", tmp_path / "out")
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert done.stderr.startswith(
        f"{folder / 'roomy.yaml'}:1:1: this is a layout, not a source or pack: build a "
        f"source with -l {folder / 'roomy.yaml'}"
    )


def test_a_dangling_link_is_said_to_be_one(tmp_path):
    # "no such file or folder (did you mean dangling.yaml?)" named the link itself.
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    done = revpack("check", link)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        f"{link}:1:1: a link to {tmp_path / 'gone.yaml'}, which does not exist"
    )


def test_check_reads_a_pack_saved_with_a_byte_order_mark_and_says_what_it_checked(tmp_path):
    # Saved by Notepad with a BOM, a pack was read as a source ("a source needs 'title'",
    # six problems); and a good pack was reported as "1 source OK".
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    pack = tmp_path / "pack.yaml"
    text = "pack: P\nsources: [thaw.yaml]\nlayouts: [summary]\nclasses: [{name: 9A}, {name: 9B}]\n"
    for saved in (text, "\ufeff" + text, "\ufeff" + text.replace("\n", "\r\n")):
        pack.write_text(saved, "utf-8")
        done = revpack("check", pack)
        assert (done.returncode, done.stdout) == (0, "1 source and 1 pack of 2 classes OK\n")
        # (a source named beside its pack is one source)
        done = revpack("check", pack, tmp_path / "thaw.yaml")
        assert (done.returncode, done.stdout) == (0, "1 source and 1 pack of 2 classes OK\n")
    built = revpack("build", pack, "-o", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*/*/*.pdf"))


def test_check_says_a_layout_too_large_is_a_layout_too_large(tmp_path):
    # It was read as a source: "a source needs 'title'", "unknown key 'extends'".
    big = tmp_path / "big.yaml"
    big.write_text("extends: summary\n#" + "x" * 150_000 + "\n", "utf-8")
    done = revpack("check", big)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{big}:1:1: this layout is 150,019 bytes")
    assert "source" not in done.stderr


def test_a_file_with_a_thousand_problems_shows_fifty_and_counts_the_rest(tmp_path):
    # A thousand NUL bytes gave a thousand and one lines.
    noisy = tmp_path / "noisy.yaml"
    noisy.write_bytes(b"title: x\n" + b"\0" * 1000)
    done = revpack("check", noisy)
    lines = done.stderr.splitlines()
    assert done.returncode == 1 and len(lines) == 52, lines[-3:]
    assert all(line.startswith(f"{noisy}:2:") for line in lines[:50])
    assert lines[50:] == [f"{noisy}: 950 more problems not shown", "1000 problems."]


def test_check_of_a_layouts_folder_alone_needs_no_sources_folder(tmp_path):
    # The README's `revpack check --layouts DIR` said "sources:1:1: no such folder here"
    # outside a project.
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "roomy.yaml").write_text("extends: summary\npage: {margin: 18mm}\n", "utf-8")
    done = revpack("check", "--layouts", shared, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "0 sources and 1 layout OK\n"), done.stderr
    (shared / "bad.yaml").write_text("extends: summary\npage: {margin: 1mm}\n", "utf-8")
    done = revpack("check", "--layouts", shared, cwd=tmp_path)
    assert done.returncode == 1 and done.stderr.startswith(f"{shared / 'bad.yaml'}:2:16: ")
