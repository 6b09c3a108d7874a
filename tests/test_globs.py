"""Searching for inputs: a pack's patterns match as glob's do, every search ends (links
that lead back are searched once) and gives up past its limit with a located problem."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

import revpack as api
from helpers import THAW
from revpack.loading import globs, limits
from revpack.loading.globs import TooMany, expand, files_under


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in (
        "a.yaml",
        "b.yml",
        ".hidden.yaml",
        "topics/x.yaml",
        "topics/y.txt",
        "topics/deep/z.yaml",
        "topics/.git/w.yaml",
        "other/q.yaml",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("title: x\n", "utf-8")
    (tmp_path / "topics" / "folder.yaml").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    "pattern",
    [
        "*.yaml",
        "*.y*ml",
        "topics/*.yaml",
        "topics/**/*.yaml",
        "**/*.yaml",
        "**",
        "*/*.yaml",
        "t?pics/[xy].*",
        ".*.yaml",
        "topics/x.yaml",
        "missing/*.yaml",
    ],
)
def test_a_pattern_matches_the_files_glob_matches(tree, pattern, monkeypatch):
    monkeypatch.chdir(tree)
    expected = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
    assert expand(pattern) == expected
    absolute = str(tree / pattern)
    assert expand(absolute) == sorted(
        Path(p) for p in glob.glob(absolute, recursive=True) if Path(p).is_file()
    )


def test_a_link_back_up_is_searched_once(tree):
    (tree / "topics" / "deep" / "up").symlink_to(tree, target_is_directory=True)
    (tree / "other" / "more").symlink_to(tree / "topics", target_is_directory=True)
    found = expand(str(tree / "**" / "*.yaml"))
    real = {os.path.realpath(p) for p in found}
    assert str(tree / "topics" / "deep" / "z.yaml") in real
    assert len(real) == len(found) == 4  # a.yaml, q.yaml, x.yaml, z.yaml; each once


def test_a_search_past_its_limit_gives_up(tree, monkeypatch):
    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 5)
    with pytest.raises(TooMany):
        expand(str(tree / "**" / "*.yaml"))
    with pytest.raises(TooMany):
        files_under(tree, lambda names: True)
    assert expand(str(tree / "*.yaml")) == [tree / "a.yaml"]  # only the folder it names


def test_a_pack_whose_pattern_searches_too_much_is_a_located_problem(tree, monkeypatch):
    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 5)
    pack = tree / "pack.yaml"
    pack.write_text(
        f"pack: Year 9\nsources: ['**/*.yaml', {THAW}]\nclasses: [{{name: 9A}}]\n", "utf-8"
    )
    with pytest.raises(api.InputError) as caught:
        api.check([pack])
    assert [str(p) for p in caught.value.problems] == [
        f"{pack}:2:11: '**/*.yaml' {globs.too_many(tree / '**/*.yaml')}"
    ]


def test_a_folder_that_holds_too_much_is_a_located_problem(tree, monkeypatch):
    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 5)
    with pytest.raises(api.InputError) as caught:
        api.check([tree])
    assert str(caught.value) == f"{tree}:1:1: this folder {globs.too_many(tree)}"


def test_a_folder_with_a_link_to_itself_is_searched_once(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "thaw.yaml").write_bytes(THAW.read_bytes())
    (tmp_path / "sources" / "again").symlink_to("..", target_is_directory=True)
    assert len(api.check([tmp_path / "sources"])) == 1


def test_a_packs_patterns_share_one_search_limit(tree, monkeypatch):
    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 30)
    pack = tree / "pack.yaml"
    patterns = ", ".join(f"'**/x{i}.yaml'" for i in range(10))  # each alone within it
    pack.write_text(f"pack: P\nsources: [{patterns}]\nclasses: [{{name: 9A}}]\n", "utf-8")
    with pytest.raises(api.InputError) as caught:
        api.check([pack])
    found = [str(p) for p in caught.value.problems]
    assert "(with the patterns before it) looks through more than 30 files" in found[-1]
    assert len(found) < 10  # the patterns after it are not searched at all


def test_folders_named_on_the_command_line_share_one_search_limit(tree, monkeypatch):
    monkeypatch.setattr(limits, "SEARCH_ENTRIES", 30)
    assert api.check([tree / "topics"]) is not None  # one alone is within it
    with pytest.raises(api.InputError, match="this folder looks through more than 30"):
        api.check([tree / "topics"] * 10)


def test_a_folder_leaves_out_hidden_files_and_folders(tmp_path):
    # A Mac leaves "._thaw.yaml" (binary) beside a copied file, hidden in the Finder: the
    # folder's build failed on it.
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    (tmp_path / "._thaw.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X" + bytes(60))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "old.yaml").write_text("not: a source\n", "utf-8")
    assert [s.path for s in api.check([tmp_path])] == [str(tmp_path / "thaw.yaml")]
