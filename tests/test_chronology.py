"""Timeline dates a teacher should check: one that names no day, one earlier than the
entry above it. Notes, printed by `revpack check` and the build; never problems."""

from __future__ import annotations

import pytest

from helpers import THAW, revpack
from revpack.loading.chronology import chronology_notes
from revpack.loading.source import load_source

HEAD = "title: Reformation\nfactors:\n  - title: One\n    points: [A ==point==.]\ntimeline:\n"


def _source(tmp_path, *whens: str):
    path = tmp_path / "reformation.yaml"
    path.write_text(
        HEAD + "".join(f"  - when: {w}\n    what: Event {i}.\n" for i, w in enumerate(whens)),
        "utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("whens", "said"),
    [
        (('"1533-13-01"', '"1534"'), ["6:11: '1533-13-01' is no date (month must be in 1..12)"]),
        (("1533-02-30", '"1534"'), ["6:11: '1533-02-30' is no date (day is out of range"]),
        (('"1534"', '"1353"', '"1536"'), ["8:11: '1353' is earlier than '1534' above it"]),
        (('"c. 1527"', '"Dec. 1533"', '"1533–1536"', '"Spring 1536"'), []),
        (('"1914–1918"', '"1917"'), []),  # (a range is read from its start)
        (('"Spring"', '"1600"', '"later"', '"1700"'), []),
        (('"2000 BC"', '"1500 BC"', '"AD 43"'), []),
        (('"1200 B.C."', '"1000 B.C."'), []),
        (('"1200 v. Chr."', '"1000 v. Chr."'), []),
        (('"1066"', '"1066"', '"1215"'), []),
    ],
)
def test_a_date_that_names_no_day_or_runs_backwards_is_noted(tmp_path, whens, said):
    path = _source(tmp_path, *whens)
    notes = chronology_notes(load_source(path))
    assert len(notes) == len(said)
    for note, part in zip(notes, said, strict=True):
        assert note.startswith(f"{path}:") and part in note, note


def test_the_thaw_has_nothing_to_note():
    assert chronology_notes(load_source(THAW)) == ()


def test_check_and_build_print_the_notes_and_go_on(tmp_path):
    path = _source(tmp_path, '"1534"', '"1353"')
    checked = revpack("check", path)
    assert checked.returncode == 0, checked.stderr
    assert f"note: {path}:8:11: '1353' is earlier than '1534'" in checked.stderr
    built = revpack("build", path, "-l", "worksheet", "-l", "flashcards", "-o", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert built.stderr.count("'1353' is earlier than '1534'") == 1  # (once, not per layout)
