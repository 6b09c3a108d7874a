"""The DOCX writer against golden outlines: every tier's sheet and key, for the thaw
source and the unseen ones, hold the same paragraphs (style, text, bold and italic runs,
keep-with-next, page breaks), tables (cells, row heights, rows that never split), header,
footer and properties as recorded in tests/data/golden/ (first made by the writer that
built every element through python-docx's object layer; `python tests/docx_outline.py`
rewrites them after a deliberate change)."""

from __future__ import annotations

import json

import pytest

from docx_outline import GOLDEN, build_all, outline
from helpers import validate_docx


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("docx"))


def test_every_golden_outline_is_built(built):
    assert sorted(built) == sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.mark.parametrize("stem", sorted(p.stem for p in GOLDEN.glob("*.json")))
def test_the_writer_matches_the_golden_outline(built, stem):
    expected = json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))
    got = outline(built[stem])
    assert got["header"] == expected["header"] and got["footer"] == expected["footer"]
    assert got["core"] == expected["core"]
    assert len(got["body"]) == len(expected["body"])
    for index, (mine, theirs) in enumerate(zip(got["body"], expected["body"], strict=True)):
        assert mine == theirs, f"block {index}"


@pytest.mark.parametrize(
    "stem",
    [
        "thaw-worksheet",
        "thaw-worksheet-answers",
        "thaw-worksheet-support",
        "russia-worksheet-stretch",
        "markup-worksheet",
        "minimal-worksheet-answers",
    ],
)
def test_the_written_files_pass_the_schema_check(built, stem):
    validate_docx(built[stem])
