"""Markdown notes through a real parser: tables, links, emphasis, HTML, nested lists and
images become a source that checks and keeps every word, with no Markdown left in it."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest

from helpers import DATA, revpack
from revpack.authoring.blocks import Block
from revpack.authoring.importer import import_notes, shape
from revpack.authoring.markdown_notes import markdown_blocks
from revpack.loading.source import load_source
from revpack.loading.yamltree import Scalar, Seq, parse

NOTES = DATA / "import" / "austria.md"


def _png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def _strings(node) -> list[str]:
    if isinstance(node, Scalar):
        return [node.text]
    if isinstance(node, Seq):
        return [s for child in node.items for s in _strings(child)]
    return [s for _, (_, value) in node.entries.items() for s in _strings(value)]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W_]+", text)}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, str]:
    """(the source made from the notes, its text), the notes' map image beside them."""
    folder = tmp_path_factory.mktemp("md")
    shutil.copy(NOTES, folder / "austria.md")
    (folder / "austria-map.png").write_bytes(_png())
    out = folder / "austria.yaml"
    done = revpack("import", folder / "austria.md", "-o", out)
    assert done.returncode == 0, done.stderr
    assert not done.stderr.replace(f"wrote {out}", "").strip()  # nothing to fix
    return out, out.read_text("utf-8")


def test_the_imported_source_checks_and_builds(imported, tmp_path):
    path, _ = imported
    assert revpack("check", path).returncode == 0
    done = revpack("build", path, "-l", "summary", "-o", tmp_path)
    assert done.returncode == 0, done.stderr


def test_every_word_is_kept_without_table_syntax_or_addresses(imported):
    path, text = imported
    strings = _strings(parse(text, str(path)))
    joined = " ".join(strings)
    notes = NOTES.read_text("utf-8")
    # The words a reader sees: addresses of links and images are not words of the notes.
    seen = re.sub(r"\]\([^)]*\)|<https?://[^>]*>", " ", notes)
    seen = re.sub(r"(?m)^\s*\d+[.)]\s", " ", seen)  # list numbers are not words either
    missing = _words(seen) - _words(joined)
    assert not missing, f"lost: {sorted(missing)}"
    assert "|" not in joined and "---" not in joined
    assert not re.search(r"https?:|://|www\.|\.org|\.co\.uk|\]\(", joined)
    assert "BBC Bitesize guide" in joined  # a link keeps its text


def test_each_table_row_is_a_point(imported):
    source = load_source(imported[0])
    timeline = next(s for s in source.sections if s.title.plain == "Timeline")
    (table,) = timeline.points
    assert table.text.plain == "Year – Event"
    assert [p.plain for p in table.points] == [
        "1945 – Austria occupied by four powers",
        "1955 – Austria reunited as a neutral state",
        "1956 – Hungarian Rising crushed",
    ]


def test_nested_lists_emphasis_and_abbreviations(imported):
    path, text = imported
    source = load_source(path)
    assert source.question.plain == "Why did the USSR agree to leave Austria?"
    cost, neutrality = source.factors
    assert cost.title.plain == "Cost" and neutrality.title.plain == "Neutrality"
    nested = cost.points[1]
    assert nested.text.plain == "Soviet troops had been there since 1945."
    assert [p.plain for p in nested.points] == ["Some were withdrawn in Jan. 1955 already."]
    assert '"*Money* was needed at home."' in text  # emphasis as a source writes it
    assert [p.text.plain for p in neutrality.points][1:] == [
        "No NATO bases.",
        "No alliance with West Germany.",
    ]


def test_html_is_kept_as_text_never_as_a_title(imported):
    source = load_source(imported[0])
    titles = [g.title.plain for g in (*source.factors, *source.sections)]
    assert not any("<" in title for title in titles)
    points = [p.text.plain for s in source.sections for p in s.points]
    assert '<div class="teacher-note"> Remember: the Treaty was signed in Vienna. </div>' in points


def test_a_picture_beside_the_notes_becomes_the_image_of_its_section(imported):
    path, text = imported
    source = load_source(path)
    pictures = next(s for s in source.sections if s.title.plain == "Pictures")
    assert pictures.image is not None
    assert (pictures.image.file, pictures.image.alt) == (
        "austria-map.png",
        "Map of occupied Austria",
    )
    assert pictures.image.data == (path.parent / "austria-map.png").read_bytes()
    # Its alt text is the image's, not a point as well; the web image's stays a point.
    points = [p.text.plain for p in pictures.points]
    assert "Map of occupied Austria" not in points
    assert points[0] == "Vienna in 1955"
    assert '# An image from the web was here ("Vienna in 1955")' in text
    assert "Map of occupied Austria" not in [
        line.strip() for line in text.splitlines() if line.strip().startswith("- title:")
    ]


def test_a_missing_image_says_so(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text(
        "# Leaves\n\nWhy are leaves green?\n\n- Chlorophyll: it absorbs red.\n\n"
        "## Diagrams\n\n![A leaf](leaf.png)\n",
        "utf-8",
    )
    text = import_notes(notes)
    assert '# An image was here: leaf.png ("A leaf"), but there is no such file' in text
    assert "      - A leaf\n" in text


def test_markdown_blocks():
    text = (
        "Topic\n=====\n\n- one\n  - two\n    1. three\n- four\n\n"
        "| A | B |\n|---|---|\n| 1 | x |\n\n<p>Not a\ntitle</p>\n\n```\ncode  here\n```\n"
    )
    assert markdown_blocks(text, "n.md") == [
        Block("heading", "Topic", 1),
        Block("bullet", "one", 0, True),
        Block("bullet", "two", 1),
        Block("bullet", "three", 2),
        Block("bullet", "four", 0),
        Block("bullet", "A – B", 0, True),
        Block("bullet", "1 – x", 1),
        Block("para", "<p>Not a title</p>", 0, True, literal=True),
        Block("para", "code here", 0, True, literal=True),
    ]


def test_html_that_looks_like_a_heading_stays_a_point():
    blocks = [
        Block("heading", "Topic", 1),
        Block("para", "Why?", 0, True),
        Block("bullet", "Cause: a reason.", 0, True),
        Block("para", "<b>Summary</b>", 0, True, literal=True),
    ]
    draft = shape(blocks)
    assert [g.title for g in draft.sections] == ["More notes"]
    assert draft.sections[0].points[0].text == "<b>Summary</b>"


def test_front_matter_and_to_do_boxes_are_not_notes():
    # Obsidian's front matter became the title ('title: Plate tectonics tags: [geography]'),
    # and '[x]' stood at the front of factor titles.
    notes = (
        "---\ntitle: Plate tectonics\ntags: [geography, year9]\n---\n\n"
        "Why do earthquakes happen?\n\n"
        "- [x] **Destructive margins**: one plate sinks under another\n"
        "- [ ] Constructive margins: plates move apart\n"
    )
    draft = shape(markdown_blocks(notes, "notes.md"))
    assert draft.title == "Plate tectonics"
    assert [f.title for f in draft.factors] == ["Destructive margins", "Constructive margins"]
    # With a heading of their own, the front matter's title is not said twice.
    again = shape(markdown_blocks(notes.replace("\n\nWhy", "\n\n# Plates\n\nWhy"), "n.md"))
    assert again.title == "Plates" and [f.title for f in again.factors][0] == "Destructive margins"
    # A rule at the top of notes that is no front matter is left as it is.
    ruled = shape(markdown_blocks("---\n\n# Rocks\n\nSome text.\n", "notes.md"))
    assert ruled.title == "Rocks"


def test_a_line_in_italics_under_the_title_is_its_course():
    # After a blank line it became a section titled '*GCSE Geography…*', its only point
    # its own title.
    notes = "# Rivers\n\n*GCSE Geography – Paper 1*\n\n## Why do rivers change?\n\n- Erosion\n"
    draft = shape(markdown_blocks(notes, "notes.md"))
    assert draft.course == "GCSE Geography – Paper 1"
    assert draft.sections == () and draft.question == "Why do rivers change?"
