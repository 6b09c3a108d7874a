"""The README's authoring parts work as written: the custom layout changes the sheet, and
the watch and completion it describes are what the commands do."""

from __future__ import annotations

import re
import shlex
import shutil
from collections import Counter

import pdfplumber

from helpers import REPO, THAW, revpack

README = (REPO / "README.md").read_text("utf-8")


def _section(heading: str) -> str:
    return README.split(heading, 1)[1].split("\n## ", 1)[0]


def _colour(hex_colour: str) -> tuple[float, ...]:
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))


def test_the_custom_layout_example_visibly_changes_the_sheet(tmp_path):
    layouts = _section("## Layouts")
    layout = re.search(r"```yaml\n(# layouts/(\S+)\n.*?)```", layouts, re.S)
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / layout.group(2)).write_text(layout.group(1), "utf-8")
    (tmp_path / "sources" / "cold-war").mkdir(parents=True)
    shutil.copy(THAW, tmp_path / "sources" / "cold-war" / "thaw.yaml")
    command = re.search(r"```sh\n(revpack build .*? -l \S+)\n```", layouts).group(1)
    args = shlex.split(command)[1:]
    for layout_args in (args, [*args[:-1], "summary"]):
        done = revpack(*layout_args, "-o", "out", cwd=tmp_path)
        assert done.returncode == 0, done.stderr

    def looks(pdf_name: str) -> tuple[int, float, set]:
        with pdfplumber.open(tmp_path / "out" / pdf_name) as pdf:
            chars = pdf.pages[0].chars
            size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
            colours = {tuple(round(v, 3) for v in c["non_stroking_color"]) for c in chars}
            return len(pdf.pages), size, colours

    accent = re.search(r'accent: "(#[0-9A-Fa-f]{6})"', layout.group(1)).group(1)
    pages, size, colours = looks(f"thaw-{layout.group(2).removesuffix('.yaml')}.pdf")
    plain_pages, plain_size, plain_colours = looks("thaw-summary.pdf")
    assert (pages, plain_pages) == (2, 1)
    assert size >= 10 > plain_size  # the body type is larger
    assert _colour(accent) in colours and _colour(accent) not in plain_colours
    assert "docs/custom-layout.png" in layouts and (REPO / "docs/custom-layout.png").exists()


def test_the_readme_says_how_to_run_revpack_after_make_build():
    quick = _section("## Quick start")
    assert ". .venv/bin/activate" in quick and ".venv/bin/revpack" in quick
    assert "pipx install ." in quick
    assert 'revpack = "revpack.cli.main:main"' in (REPO / "pyproject.toml").read_text()
    assert "VENV ?= .venv" in (REPO / "Makefile").read_text()


def test_the_watch_sample_has_the_lines_watch_prints():
    from pathlib import Path

    from revpack.building.run import BuildResult
    from revpack.building.watch import Rebuild
    from revpack.cli.watch import rebuild_line

    sample = _section("## The command line").split("$ revpack watch\n", 1)[1].split("```")[0]
    first = sample.splitlines()[0]
    clock, seconds = re.search(r"\[(.*?)\].* in (\S+) s", first).groups()
    files = [Path(f"f{n}") for n in range(4)]
    made = rebuild_line(Rebuild((), BuildResult(written=files), seconds=float(seconds)), clock)
    assert first == made


def test_the_completion_the_readme_describes_exists():
    assert "--install-completion" in _section("## The command line")
    done = revpack("--help")
    assert "--install-completion" in done.stdout and "--show-completion" in done.stdout
