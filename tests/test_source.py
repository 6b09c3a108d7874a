"""Sources: the bad-input catalogue through the CLI, and good inputs through load_source."""

from __future__ import annotations

import codecs
import dataclasses
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import DATA, THAW, revpack
from revpack import InputError, load_source, parse_source

BAD = DATA / "bad"
EXPECTED: dict[str, list[str]] = yaml.safe_load((BAD / "expected.yaml").read_text("utf-8"))
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def problem_lines(stderr: str, path: Path) -> list[tuple[str, str, str]]:
    """(line, col, message) of every `path:line:col: message` line about `path`."""
    found = []
    for row in stderr.splitlines():
        m = PROBLEM_LINE.match(row)
        if m and m["path"] == str(path):
            found.append((m["line"], m["col"], m["message"]))
    return found


def assert_reported(stderr: str, path: Path, expected: list[str]) -> None:
    """Every expected "line:col: fragment" is reported, and nothing else about `path`."""
    found = problem_lines(stderr, path)
    for entry in expected:
        line, col, fragment = entry.split(":", 2)
        fragment = fragment.strip()
        assert any(
            line == f_line and col in ("*", f_col) and fragment in message
            for f_line, f_col, message in found
        ), f"{path.name}: expected {entry!r} in:\n{stderr}"
    assert len(found) == len(expected), f"{path.name}: unexpected problems:\n{stderr}"
    # (A message is always filled in: no '{word}' of a template left in it.)
    assert not any(re.search(r"\{\w+\}", message) for _, _, message in found), stderr


def run_quickly(*args, cwd: Path):
    """The CLI with a short timeout: even an alias bomb or deep nesting must end at once."""
    return subprocess.run(
        [sys.executable, "-m", "revpack", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=20,
    )


def test_catalogue_is_complete():
    files = sorted(p.name for p in BAD.glob("*.yaml") if p.name != "expected.yaml")
    assert files == sorted(EXPECTED), "every bad file needs expectations, and vice versa"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_source_is_reported_and_nothing_is_written(name, tmp_path):
    path = BAD / name
    # Run from an empty folder: a tag that ran a command would leave a file here.
    work = tmp_path / "work"
    work.mkdir()
    out = tmp_path / "out"
    for args in (["check", path], ["build", path, "-l", "summary", "-o", out]):
        done = run_quickly(*args, cwd=work)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        assert_reported(done.stderr, path, EXPECTED[name])
    assert not out.exists() or not any(out.iterdir())
    assert not any(work.iterdir()), "loading a source had a side effect"


def test_python_tag_constructs_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError):
        load_source(BAD / "python-tag.yaml")
    assert not (tmp_path / "revpack-was-here").exists()


def test_two_bad_files_are_both_reported(tmp_path):
    first, second = BAD / "duplicate-key.yaml", BAD / "unknown-key.yaml"
    done = revpack("build", first, second, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 1
    assert_reported(done.stderr, first, EXPECTED[first.name])
    assert_reported(done.stderr, second, EXPECTED[second.name])
    assert not (tmp_path / "out").exists()


def test_one_bad_file_stops_the_good_ones_too(tmp_path):
    done = revpack("build", THAW, BAD / "alias.yaml", "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 1
    assert "nothing was written" in done.stderr
    assert not (tmp_path / "out").exists()


# Good inputs ------------------------------------------------------------------------------

MINIMAL = """\
title: Minimal
factors:
  - title: One
    points:
      - A ==key term== here.
"""


def test_bom_and_crlf_load(tmp_path):
    plain = parse_source(MINIMAL.encode(), "plain.yaml")
    bom = parse_source(codecs.BOM_UTF8 + MINIMAL.encode(), "bom.yaml")
    crlf = parse_source(MINIMAL.replace("\n", "\r\n").encode(), "crlf.yaml")
    both = parse_source(codecs.BOM_UTF8 + MINIMAL.replace("\n", "\r\n").encode(), "both.yaml")
    for source in (bom, crlf, both):
        assert source.title.plain == "Minimal"
        assert source.factors[0].points[0].text.keys == ("key term",)
        assert (
            source.factors[0].points[0].text.mark.line == plain.factors[0].points[0].text.mark.line
        )


def test_crlf_block_scalar_has_no_carriage_returns():
    text = "title: T\nintro: |\n  line one\n  line two\n".replace("\n", "\r\n")
    source = parse_source(text.encode(), "crlf.yaml")
    assert source.intro.plain == "line one\nline two\n"


LOOKALIKES = [
    "No",
    "on",
    "yes",
    "off",
    "1955",
    "2024-01-01",
    "null",
    "~",
    "0x1F",
    "1e3",
    "3.10",
    "012",
    ".inf",
    "-.nan",
    "true",
    "12:30",
    "1_000",
    "!",
]


@pytest.mark.parametrize("written", LOOKALIKES)
def test_every_scalar_stays_text_exactly_as_written(written, tmp_path):
    quoted = written if written != "!" else "'!'"
    path = tmp_path / "scalars.yaml"
    path.write_text(
        f"title: {quoted}\nsubject: {quoted}\ntimeline:\n  - when: {quoted}\n    what: {quoted}\n",
        "utf-8",
    )
    source = load_source(path)
    assert source.title.plain == written
    assert source.subject.plain == written
    assert source.timeline[0].when.plain == written
    assert isinstance(source.timeline[0].what.plain, str)


def test_thaw_loads_with_every_part():
    source = load_source(THAW)
    assert source.stem == "thaw"
    assert len(source.factors) == 5
    assert [f.title.plain for f in source.factors][:2] == [
        "Consolidation of positions",
        "Military and economic context",
    ]
    assert source.factors[0].links == ("Military and economic context",)
    assert source.factors[0].points[2].points[0].keys == ("NATO",)
    assert {"Peaceful Coexistence", "Iron Curtain"} <= {t.term.plain for t in source.terms}
    assert source.timeline[0].when.plain == "1949"


def test_marks_point_at_the_text(tmp_path):
    path = tmp_path / "marks.yaml"
    path.write_text(MINIMAL, "utf-8")
    source = load_source(path)
    point = source.factors[0].points[0].text
    assert (point.mark.line, point.mark.column) == (5, 9)
    assert source.factors[0].mark.line == 3


def test_optional_empty_text_is_left_out():
    source = parse_source(b"title: T\nsubject:\nintro: ''\n", "t.yaml")
    assert source.subject is None and source.intro is None


def test_lone_link_is_a_list_of_one():
    text = MINIMAL + "    links: Two\n  - title: Two\n    points: [x]\n"
    source = parse_source(text.encode(), "links.yaml")
    assert source.factors[0].links == ("Two",)


def test_problems_in_every_part_are_reported_together():
    text = (
        "title: T\nintro: ==open\nfactors:\n  - title: A\n    points: [x]\n"
        "    links: [B]\nterms:\n  - term: t\n    meening: m\n"
    )
    with pytest.raises(InputError) as caught:
        parse_source(text.encode(), "many.yaml")
    where = [(p.mark.line, p.mark.column) for p in caught.value.problems]
    assert (2, 8) in where  # the unclosed ==
    assert (6, 13) in where  # the link to no factor
    assert (9, 5) in where  # the misspelt key
    assert any("did you mean 'meaning'" in p.message for p in caught.value.problems)


def test_unreadable_file_is_a_problem(tmp_path):
    with pytest.raises(InputError) as caught:
        load_source(tmp_path / "missing.yaml")
    assert "cannot read file" in str(caught.value)


def test_a_source_is_hashed_once_and_sent_without_its_hash():
    source = load_source(THAW)
    assert hash(source) == hash(source)
    sent = pickle.loads(pickle.dumps(source))
    assert "_hash" not in sent.__dict__  # another process hashes text its own way
    assert sent == source and hash(sent) == hash(source)
    edited = dataclasses.replace(source, title=source.question)
    assert edited != source and hash(edited) != hash(source)
    # Worked out in a process with another hash seed, it agrees with that process's
    # hash of the same fields, not with this one's.
    script = (
        "import pickle, sys; s = pickle.loads(sys.stdin.buffer.read());"
        "from dataclasses import fields;"
        "print(hash(s) == hash(tuple(getattr(s, f.name) for f in fields(s) if f.compare)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(source),
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert done.stdout.strip() == b"True", done.stderr


def test_terms_that_differ_in_capitals_are_two_terms():
    # 'Liberal' the party and 'liberal' the idea were refused as one term written twice.
    text = (
        b"title: T\nfactors:\n  - title: A\n    points: [x]\nterms:\n"
        b"  - {term: Liberal, meaning: A party.}\n  - {term: liberal, meaning: Open-minded.}\n"
        b"  - {term: pH, meaning: Acidity.}\n  - {term: PH, meaning: A public house.}\n"
    )
    source = parse_source(text, "terms.yaml")
    assert [t.term.plain for t in source.terms] == ["Liberal", "liberal", "pH", "PH"]
    with pytest.raises(InputError) as raised:
        parse_source(text + b"  - {term: ' pH ', meaning: Again.}\n", "terms.yaml")
    assert str(raised.value.problems[0]).endswith(
        "terms.yaml:10:12: duplicate term 'pH' (first at line 8); terms must differ"
    )


def test_a_link_holds_its_factors_title_as_the_factor_writes_it(tmp_path):
    # A link is checked in any case, but 'temperature' stayed so in the model: the chart,
    # which looks factors up by title, dropped the link without a word.
    from revpack.chart.order import link_pairs

    path = tmp_path / "rates.yaml"
    path.write_text(
        "title: Rates\nfactors:\n  - title: Temperature\n    points: [Faster.]\n"
        "  - title: Catalysts\n    points: [Lower energy.]\n    links: [' temperature ']\n",
        "utf-8",
    )
    source = load_source(path)
    assert [factor.links for factor in source.factors] == [(), ("Temperature",)]
    assert link_pairs(source) == [(0, 1)]


def test_a_point_with_a_french_colon_is_its_text(tmp_path):
    # French sets a space before ':', which YAML read as 'key: value': every such point
    # had to be quoted, and each run of `revpack check` said so.
    from revpack.loading.source import load_source

    path = tmp_path / "fr.yaml"
    path.write_text(
        "title: Test\nlanguage: fr\nfactors:\n  - title: Un\n    points:\n"
        "      - La ==dîme== : un impôt de l'Église.\n"
        "      - text: Les ordres\n        points:\n"
        "          - Le ==clergé== : le premier ordre.\n"
        "      - 'Déjà : entre guillemets.'\n"
        "      - Beria: he wanted reform.\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "revpack", "check", str(path)], capture_output=True, text=True
    )
    # (a colon with no space before it is still 'key: value', and said so)
    assert done.returncode == 1
    assert done.stderr.splitlines()[:-1] == [
        f"{path}:11:9: this point reads as 'key: value' because of the ': ' after 'Beria'; "
        "put the whole point in quotes"
    ]
    path.write_text(path.read_text("utf-8").replace("      - Beria: he wanted reform.\n", ""))
    points = load_source(path).factors[0].points
    assert [p.text.plain for p in points] == [
        "La dîme\u00a0: un impôt de l'Église.",
        "Les ordres",
        "Déjà\u00a0: entre guillemets.",
    ]
    assert points[0].text.keys == ("dîme",) and points[0].text.mark.line == 6
    assert points[1].points[0].plain == "Le clergé\u00a0: le premier ordre."
