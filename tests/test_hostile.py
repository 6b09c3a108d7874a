"""Hostile inputs: mutated sources, oversized files, deep extends chains, bad environment
values, long titles. Each run ends with outputs or with one-line `path:line:col` messages,
never another exception."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import revpack
from helpers import THAW
from revpack import InputError, RenderError
from revpack.loading import limits
from revpack.loading.layouts import available
from revpack.problems import Mark, Problem, one_line

ONE_LINE = re.compile(r"^[^\n]+:\d+:\d+: [^\n]+$")


def assert_one_line(messages: list[str]) -> None:
    for message in messages:
        assert ONE_LINE.match(message), repr(message)
        assert "internal error" not in message, message
        assert message.isprintable(), repr(message)


# -- the fuzz test ---------------------------------------------------------------------

LINES = THAW.read_text("utf-8").splitlines()


@st.composite
def mutated(draw) -> str:
    """The thaw notes with a few random edits: lines deleted or duplicated, random text
    inserted, a very long text, deep nesting."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["delete", "duplicate", "insert", "long", "nest"]))
        at = draw(st.integers(0, len(lines) - 1))
        if edit == "delete":
            del lines[at : at + draw(st.integers(1, 4))]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "insert":
            line = lines[at]
            col = draw(st.integers(0, len(line)))
            lines[at] = line[:col] + draw(st.text(min_size=1, max_size=8)) + line[col:]
        elif edit == "long":
            words = draw(st.integers(50, 800))
            lines.insert(at, f"intro: {'word ' * words}".rstrip())
        else:
            depth = draw(st.integers(1, 60))
            lines.insert(at, "extra: " + "[" * depth + "x" + "]" * depth)
        if not lines:
            lines = ["title: x"]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=mutated())
def test_any_mutated_source_ends_in_outputs_or_one_line_problems(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "topic.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            revpack.check([path])
        except InputError as exc:
            assert exc.problems
            assert_one_line([str(p) for p in exc.problems])
            assert not (Path(tmp) / "out").exists()
            return
        try:
            result = revpack.build([path], out=Path(tmp) / "out", jobs=1)
        except (InputError, RenderError) as exc:
            assert_one_line(str(exc).splitlines())
            return
        assert_one_line(result.failed)
        assert result.written or result.failed


# -- one line --------------------------------------------------------------------------


def test_messages_escape_line_breaks_and_control_characters():
    problem = Problem(Mark("a\nb.yaml", 2, 3), "unknown key 'x\ny\x07\u2028\ud800' here")
    assert str(problem) == "a\\nb.yaml:2:3: unknown key 'x\\ny\\x07\\u2028\\ud800' here"
    assert one_line("Ms Khan · 11A, café 😀") == "Ms Khan · 11A, café 😀"
    assert str(RenderError("a\nb", Mark("s.yaml", 1, 1))) == "s.yaml:1:1: a\\nb"


# -- SOURCE_DATE_EPOCH -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["-1", "1.5", "soon", "1e9", "4102444800", "9" * 5000, "１２３"])
def test_a_bad_source_date_epoch_is_one_clear_error(value, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(InputError) as caught:
        revpack.build([THAW], layouts=["summary"], out=tmp_path / "out", jobs=1)
    (problem,) = caught.value.problems
    assert str(problem).startswith("SOURCE_DATE_EPOCH:1:1: '")
    assert "whole number of seconds" in problem.message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["", "  ", "0", "4102444799"])
def test_an_empty_or_edge_source_date_epoch_builds(value, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = revpack.build([THAW], layouts=["summary"], out=tmp_path / "out", jobs=1)
    assert result.ok and result.written


# -- long titles and questions ---------------------------------------------------------

SHORT = """\
title: {title}
question: {question}
factors:
  - title: Death of Stalin
    points: [Stalin died in ==1953==., A collective leadership followed.]
  - title: Nuclear weapons
    points: [Both sides had the ==H-bomb== by 1955.]
  - title: Economics
    points: [Arms spending held back the Soviet economy.]
terms:
  - term: Thaw
    meaning: The easing of tension after 1953.
timeline:
  - when: "1955"
    what: The Geneva summit.
  - when: "1956"
    what: The Secret Speech.
"""


def test_a_300_character_title_and_question_build_with_every_standard_layout(tmp_path):
    title = ("The Thaw and Peaceful Coexistence after the death of Stalin " * 6)[:300]
    question = ("Why did Khrushchev pursue Peaceful Coexistence with the West " * 6)[:299]
    path = tmp_path / "long.yaml"
    path.write_text(SHORT.format(title=title, question=question + "?"), "utf-8")
    result = revpack.build([path], layouts=sorted(available()), out=tmp_path / "out", jobs=1)
    assert result.failed == []
    docx = [p for p in result.written if p.suffix == ".docx"]
    assert docx
    for file in docx:
        core = zipfile.ZipFile(file).read("docProps/core.xml").decode("utf-8")
        texts = re.findall(r">([^<]+)</(?:dc:title|dc:subject)>", core)
        assert len(texts) == 2 and all(len(t) <= 255 for t in texts), texts
        assert texts[0].startswith("The Thaw and Peaceful")


# -- layouts ---------------------------------------------------------------------------


def test_a_1000_deep_extends_chain_is_refused_without_recursion(tmp_path):
    for depth in range(1000):
        parent = f"deep{depth + 1}" if depth < 999 else "summary"
        (tmp_path / f"deep{depth}.yaml").write_text(f"extends: {parent}\n", "utf-8")
    with pytest.raises(InputError) as caught:
        revpack.load_layout("deep0", (tmp_path,))
    (problem,) = caught.value.problems
    assert problem.mark == Mark(str(tmp_path / "deep20.yaml"), 1, 10)
    assert f"extends chain longer than {limits.EXTENDS} layouts" in problem.message


def test_an_extends_chain_of_20_loads(tmp_path):
    for depth in range(limits.EXTENDS):
        parent = f"deep{depth + 1}" if depth < limits.EXTENDS - 1 else "summary"
        (tmp_path / f"deep{depth}.yaml").write_text(f"extends: {parent}\n", "utf-8")
    assert revpack.load_layout("deep0", (tmp_path,)).renders == "summary"


# -- sizes -----------------------------------------------------------------------------


def test_an_oversized_source_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(limits.SOURCE_BYTES * 50)  # sparse: 50 MB that cost nothing
    with pytest.raises(InputError) as caught:
        revpack.check([path])
    (problem,) = caught.value.problems
    assert problem.mark == Mark(str(path), 1, 1)
    assert f"at most {limits.SOURCE_BYTES:,} bytes" in problem.message


def test_an_oversized_layout_and_pack_are_refused(tmp_path):
    layout = tmp_path / "big.yaml"
    layout.write_text("renders: summary\n" + "# padding\n" * limits.LAYOUT_BYTES, "utf-8")
    with pytest.raises(InputError, match=f"at most {limits.LAYOUT_BYTES:,} bytes"):
        revpack.load_layout(str(layout))
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: Big\n" + "# padding\n" * limits.PACK_BYTES, "utf-8")
    with pytest.raises(InputError, match=f"at most {limits.PACK_BYTES:,} bytes"):
        revpack.check([pack])


def test_too_much_text_in_all_is_refused_at_once(tmp_path):
    point = "word " * 80
    factors = "".join(
        f"  - title: F{i}\n    points:\n" + f"      - {point}\n" * 40 for i in range(14)
    )
    path = tmp_path / "big.yaml"
    path.write_text(f"title: Big\nfactors:\n{factors}", "utf-8")
    with pytest.raises(InputError, match=f"at most {limits.ALL_CHARS:,}"):
        revpack.check([path])


def test_a_chart_too_full_to_fit_is_refused_before_the_search(tmp_path):
    point = "the thaw brought peaceful coexistence between the two blocs " * 2
    factors = "".join(
        f"  - title: F{i}\n    points:\n" + f"      - {point}\n" * 30 for i in range(12)
    )
    path = tmp_path / "full.yaml"
    path.write_text(f"title: Full\nquestion: Why?\nfactors:\n{factors}", "utf-8")
    result = revpack.build([path], layouts=["factor-chart", "summary"], out=tmp_path / "o", jobs=1)
    assert_one_line(result.failed)
    assert any("text alone needs about" in m for m in result.failed), result.failed
    assert any("does not fit on one page" in m for m in result.failed), result.failed


# -- packs -----------------------------------------------------------------------------


def test_a_pack_reports_every_bad_source(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(f"title: {name}\nfactros: []\n", "utf-8")
    (tmp_path / "good.yaml").write_text("title: Good\n", "utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: Year 9\nsources: ['*.yaml']\nclasses: [{name: 9A}]\n", "utf-8")
    with pytest.raises(InputError) as caught:
        revpack.check([pack])
    paths = sorted({Path(p.mark.path).name for p in caught.value.problems})
    assert paths == ["a.yaml", "b.yaml"]


def test_a_pack_key_anywhere_makes_a_pack(tmp_path):
    (tmp_path / "good.yaml").write_text("title: Good\n", "utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "# " + "a long comment\n# " * 5_000 + "\nsources: good.yaml\n"
        "classes: [{name: 9A}]\n'pack': Year 9\n",
        "utf-8",
    )
    sources = revpack.check([pack])
    assert [s.title.plain for s in sources] == ["Good"]


def test_the_readme_states_the_limits_in_force():
    from helpers import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("### Limits", 1)[1].split("\n## ", 1)[0]
    for value in (
        limits.SOURCE_BYTES,
        limits.LAYOUT_BYTES,
        limits.TEXT_CHARS,
        limits.NAME_CHARS,
        limits.ALL_CHARS,
        limits.ALL_POINTS,
        limits.POINTS,
        limits.SUBPOINTS,
        limits.FACTORS,
        limits.ENTRIES,
        limits.CLASSES,
        limits.EXTENDS,
        limits.STUDENTS,
        limits.PACK_STUDENTS,
        limits.DOCUMENTS,
    ):
        assert f"{value:,}" in section, value
    assert limits.PACK_BYTES == limits.LAYOUT_BYTES


def test_an_audience_from_python_is_checked_like_source_text(tmp_path):
    audience = revpack.Audience(class_name="10\0A", teacher="Ms Patel 🎉")
    with pytest.raises(InputError) as caught:
        revpack.build([THAW], layouts=["summary"], out=tmp_path / "out", audience=audience)
    assert [str(p).split(": ")[0] for p in caught.value.problems] == [
        "audience.class_name:1:1",
        "audience.teacher:1:1",
    ]
    assert not (tmp_path / "out").exists()


def test_a_file_with_nothing_to_read_without_waiting_is_one_problem(tmp_path, monkeypatch):
    # /proc/kmsg is a regular file that, opened not to wait, reads as None: a traceback.
    source = tmp_path / "thaw.yaml"
    source.write_bytes(THAW.read_bytes())
    real = limits.os.fdopen

    class Waiting:
        def __init__(self, file):
            self.file = file

        def __enter__(self):
            return self

        def __exit__(self, *args):
            self.file.close()

        def fileno(self):
            return self.file.fileno()

        def read(self, size=-1):
            return None

    monkeypatch.setattr(limits.os, "fdopen", lambda *args: Waiting(real(*args)))
    with pytest.raises(InputError) as error:
        revpack.load_source(source)
    assert [str(p) for p in error.value.problems] == [
        f"{source}:1:1: cannot read file: it has nothing to read without waiting"
    ]
