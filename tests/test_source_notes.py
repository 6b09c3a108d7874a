"""Notes on a valid source that `revpack check` and the build both print, once."""

from __future__ import annotations

from helpers import THAW, revpack
from revpack.loading.notes import capital_notes
from revpack.loading.source import load_source

TWO_CASES = """\
title: Macbeth
question: Why does Macbeth fall?
terms:
  - term: Soliloquy
    meaning: A speech alone on stage.
  - term: soliloquy
    meaning: A character's thoughts spoken aloud.
factors:
  - title: Ambition
    points:
      - Macbeth's ==ambition== grows.
"""


def test_a_term_differing_only_in_capitals_is_noted_by_check_and_build(tmp_path):
    # 'Soliloquy' and 'soliloquy' passed: the matching table then had two rows told apart
    # by a capital, and either pairing of their meanings looked right.
    source = tmp_path / "macbeth.yaml"
    source.write_text(TWO_CASES, "utf-8")
    note = (
        f"note: {source}:6:11: the term 'soliloquy' differs from 'Soliloquy' only in its capitals"
    )
    checked = revpack("check", source)
    assert checked.returncode == 0, checked.stderr
    assert [line for line in checked.stderr.splitlines() if "capitals" in line] == [
        note + "; the matching exercise tells them apart by those alone: check that both are meant"
    ]
    built = revpack("build", source, "-l", "worksheet", "-l", "summary", "-o", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert sum(line.startswith(note) for line in built.stderr.splitlines()) == 1


def test_terms_that_differ_in_more_than_capitals_are_not_noted():
    assert capital_notes(load_source(THAW)) == ()
