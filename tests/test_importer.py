"""`revpack import`: notes in .txt, .md and .docx become sources that check and build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from helpers import DATA, REPO, pdftotext, qpdf_check, revpack, validate_docx
from revpack import load_source
from revpack.authoring.importer import safe_markup, sentences, shape, short_title, split_label
from revpack.authoring.readers import Block, read_docx, read_markdown, read_text
from revpack.authoring.yamlout import item, key_value, needs_quotes
from revpack.loading.yamltree import Map, Scalar, Seq, parse

NOTES = DATA / "import"
THAW_NOTES = REPO / "examples" / "thaw-notes.txt"
THAW_FACTORS = [
    "The consolidation of positions",
    "The military and economic context",
    "NK got into power",
    "Beria",
    "Malenkovs new course",
]
THAW_SECTIONS = ["De-stalinisation", "Secret speech", "More notes", "Eisenhowers New Look"]


def listed_layouts() -> set[str]:
    """The layouts `revpack layouts` offers (the worksheet and chart may not exist yet)."""
    done = revpack("layouts")
    return {line.split()[0] for line in done.stdout.splitlines()[1:] if line[:1].strip()}


def import_to(notes: Path, out: Path, *extra: str, cwd: Path | None = None) -> Path:
    done = revpack("import", notes, "-o", out, *extra, cwd=cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return cwd / out if cwd else out


def strings(node) -> list[str]:
    """Every scalar of a YAML tree, keys included."""
    if isinstance(node, Scalar):
        return [node.text]
    if isinstance(node, Seq):
        return [s for child in node.items for s in strings(child)]
    return [s for key, (_, value) in node.entries.items() for s in (key, *strings(value))]


def norm(text: str) -> str:
    # Whitespace is folded by YAML and '==' may gain a space (see safe_markup).
    return re.sub(r"==\s+", "==", " ".join(text.split()))


_MARKER = re.compile(r"^\s*(?:[-*+•>]|\d{1,3}[.)]|#{1,6})\s+")


def note_pieces(notes_text: str) -> list[str]:
    """Every sentence of the notes, split again at ': ' (a label becomes a title)."""
    pieces = []
    for line in notes_text.splitlines():
        line = _MARKER.sub("", line).strip()
        if not line or re.fullmatch(r"[-*_=]{3,}", line):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            pieces += [p.strip().rstrip(":") for p in re.split(r":\s+", sentence) if p.strip()]
    return pieces


def assert_nothing_lost(notes_text: str, yaml_path: Path) -> None:
    raw = norm(yaml_path.read_text("utf-8"))
    loaded = norm(" ".join(strings(parse(yaml_path.read_text("utf-8"), str(yaml_path)))))
    missing_raw = [p for p in note_pieces(notes_text) if norm(p) not in raw]
    missing = [p for p in note_pieces(notes_text) if norm(p) not in loaded]
    assert not missing, f"not in the source: {missing}"
    assert not missing_raw, f"not in the file as written: {missing_raw}"


# The sample notes --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def thaw(tmp_path_factory) -> Path:
    # As the README does it: from a project folder, into sources/.
    return import_to(THAW_NOTES, Path("sources/my-notes.yaml"), cwd=tmp_path_factory.mktemp("thaw"))


def test_thaw_import_checks(thaw):
    done = revpack("check", thaw)
    assert done.returncode == 0, done.stderr


def test_thaw_question_and_five_factors(thaw):
    source = load_source(thaw)
    assert source.title.plain == "The thaw/peaceful coexistence"
    assert source.question.plain == "What was the reason for NK's Peaceful Coexistence?"
    assert [f.title.plain for f in source.factors] == THAW_FACTORS
    beria = source.factors[3]
    assert [p.text.plain for p in beria.points] == [
        "He wanted to reunify Germany and this caused great concern for the East German "
        "government.",
        "This caused strikes as people wanted more reform but no one was willing to give up "
        "communism to capitalism.",
        "This distanced himself away from the party giving NK a chance.",
    ]


def test_thaw_unlabelled_factor_has_a_comment_to_check_its_title(thaw):
    lines = thaw.read_text("utf-8").splitlines()
    at = lines.index("  - title: NK got into power")
    assert "Check this title" in lines[at - 1]
    assert lines[at - 1].lstrip().startswith("#")
    for title in THAW_FACTORS[:2] + THAW_FACTORS[3:]:  # labelled: nothing to check
        at = lines.index(f"  - title: {title}")
        assert "Check this title" not in lines[at - 1]


def test_thaw_later_notes_become_sections(thaw):
    source = load_source(thaw)
    assert [s.title.plain for s in source.sections] == THAW_SECTIONS
    austria = source.sections[2]
    assert austria.points[0].text.plain.startswith("in 1955, Autria")
    assert austria.points[-1].text.plain.endswith("a candidate for the President of Finland.")
    assert len(source.sections[3].points) == 5  # Eisenhower's bullet, one point a sentence


def test_thaw_every_sentence_is_kept(thaw):
    assert_nothing_lost(THAW_NOTES.read_text("utf-8"), thaw)


def test_thaw_yaml_is_readable_and_says_what_to_do_next(thaw):
    text = thaw.read_text("utf-8")
    body = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert all(len(line) <= 100 for line in text.splitlines())
    assert not any(re.search(r":\s*[\[{]", line) for line in body), "flow style used"
    assert not any(line.lstrip().startswith(('"', "'")) for line in body)
    # quoted only where needed: this file needs no quotes at all
    assert not any(re.search(r"(- |: )[\"']", line) for line in body)
    assert text.startswith("# yaml-language-server: $schema=")
    comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "==key term==" in comments
    assert "# terms:" in text and "# timeline:" in text
    assert '#   - when: "1954"' in text  # a start on the timeline, from the notes' dates
    assert "\r" not in text


def test_thaw_builds_the_summary(thaw, tmp_path):
    done = revpack("build", thaw, "-l", "summary", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "my-notes-summary.pdf"
    qpdf_check(pdf)
    text = " ".join(pdftotext(pdf).split())
    assert "What was the reason for NK's Peaceful Coexistence?" in text
    assert "Eisenhowers New Look" in text


@pytest.mark.parametrize("layout", ["worksheet", "factor-chart"])
def test_thaw_builds_other_layouts_when_they_exist(thaw, tmp_path, layout):
    if layout not in listed_layouts():
        pytest.skip(f"`revpack layouts` does not list {layout} yet")
    done = revpack("build", thaw, "-l", layout, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    for path in tmp_path.glob("*.docx"):
        validate_docx(path)
    for path in tmp_path.glob("*.pdf"):
        qpdf_check(path)


# Writing files ------------------------------------------------------------------------------


def test_without_out_it_prints_and_writes_nothing(tmp_path):
    done = revpack("import", THAW_NOTES, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "question: What was the reason for NK's Peaceful Coexistence?" in done.stdout
    assert not any(tmp_path.iterdir())


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("title: My own work\n", "utf-8")
    done = revpack("import", THAW_NOTES, "-o", target)
    assert done.returncode == 1
    assert f"{target} already exists" in done.stderr and "--force" in done.stderr
    assert target.read_text("utf-8") == "title: My own work\n"
    import_to(THAW_NOTES, target, "--force")
    assert load_source(target).question is not None


# Unseen notes in the three formats ------------------------------------------------------------


def make_docx(path: Path) -> Path:
    """Word notes as a teacher types them: Title, a heading question, nested lists, a table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Photosynthesis", style="Title")
    document.add_paragraph("Biology, Year 9")
    document.add_paragraph("Why do plants need light?", style="Heading 1")
    document.add_paragraph(
        "Energy: Light provides the energy to split water. It drives the whole process.",
        style="List Bullet",
    )
    document.add_paragraph("Chlorophyll absorbs red and blue light.", style="List Bullet 2")
    document.add_paragraph("Chlorophyll reflects green light.", style="List Bullet 2")
    document.add_paragraph("Glucose: Plants make glucose for respiration.", style="List Number")
    document.add_paragraph("Limiting factors decide how fast it goes.", style="List Bullet")
    document.add_paragraph("")
    document.add_paragraph("The equation", style="Heading 1")
    document.add_paragraph("carbon dioxide + water → glucose + oxygen")
    table = document.add_table(rows=2, cols=2)
    for row, (term, meaning) in zip(
        table.rows,
        [("Stomata", "Pores in the leaf."), ("Xylem", "Tubes that carry water.")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = term, meaning
    document.add_paragraph("• Typed bullet: Some people type their own bullets.")
    document.save(path)
    return path


def make_headings_docx(path: Path) -> Path:
    """Word notes with a factor a heading: Title, the question in plain text, a Heading 1
    for each factor (one with bold key words), then a glossary under its own heading."""
    import docx

    document = docx.Document()
    document.add_paragraph("The Water Cycle", style="Title")
    document.add_paragraph("How does water move around the Earth?")
    for heading, text in (
        ("Evaporation", "The sun heats the sea. Water turns into vapour."),
        ("Condensation", "Vapour cools as it rises and forms clouds."),
        ("Precipitation", "Rain, sleet, snow or hail falls to the ground."),
    ):
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph(text)
    # A line leading into a list, under a heading, is one of its notes (it became a
    # section of its own, taking the list with it).
    document.add_paragraph("It is stored in:")
    for store in ("Oceans", "Ice caps"):
        document.add_paragraph(store, style="List Bullet")
    document.add_paragraph("Key words", style="Heading 1")
    document.add_paragraph("Transpiration – water lost from leaves.")
    document.save(path)
    return path


def docx_text(path: Path) -> str:
    """The notes' text, one paragraph or table row a line, as the sentence check reads it."""
    import docx

    document = docx.Document(path)
    lines = [p.text for p in document.paragraphs]
    lines += [" – ".join(c.text for c in row.cells) for t in document.tables for row in t.rows]
    return "\n".join(lines)


UNSEEN = {
    "war-notes.txt": dict(
        question="Why did war break out in 1914?",
        factors=["Militarism", "Alliances", "The arms race cost", "Imperialism", "Nationalism"],
        sections=["Long-term causes", "The spark", "Schlieffen Plan", "More notes"],
    ),
    "rates.md": dict(
        question="What affects the rate of a chemical reaction?",
        factors=["Temperature", "Concentration", "Surface area", "Catalysts"],
        sections=["Measuring the rate", "Required practical"],
    ),
    "photosynthesis.docx": dict(
        question="Why do plants need light?",
        factors=["Energy", "Glucose", "Limiting factors decide how fast"],
        sections=["The equation"],
    ),
    # The question in plain text, each factor under a heading: these made no factor at
    # all, so the source checked but its factor chart could not be built.
    "water-cycle.docx": dict(
        question="How does water move around the Earth?",
        factors=["Evaporation", "Condensation", "Precipitation"],
        sections=["Key words"],
    ),
}
WORD_NOTES = {"photosynthesis.docx": make_docx, "water-cycle.docx": make_headings_docx}
"""How each Word file of UNSEEN is made."""


@pytest.fixture(scope="module")
def unseen(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """name -> (imported source, the notes' text)."""
    folder = tmp_path_factory.mktemp("unseen")
    made = {}
    for name in UNSEEN:
        notes = NOTES / name
        if name.endswith(".docx"):
            notes = WORD_NOTES[name](folder / name)
            text = docx_text(notes)
        else:
            text = notes.read_bytes().decode("utf-8")
        made[name] = (import_to(notes, folder / "sources" / f"{Path(name).stem}.yaml"), text)
    return made


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_unseen_notes_keep_their_shape(unseen, name):
    path, _ = unseen[name]
    source = load_source(path)
    want = UNSEEN[name]
    assert source.question.plain == want["question"]
    assert [f.title.plain for f in source.factors] == want["factors"]
    assert [s.title.plain for s in source.sections] == want["sections"]


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_unseen_notes_lose_nothing(unseen, name):
    path, text = unseen[name]
    assert_nothing_lost(text, path)


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_unseen_notes_check_and_build(unseen, name, tmp_path):
    path, _ = unseen[name]
    layouts = ["summary"] + [n for n in ("worksheet", "factor-chart") if n in listed_layouts()]
    args = [a for n in layouts for a in ("-l", n)]
    done = revpack("build", path, *args, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / f"{path.stem}-summary.pdf"
    qpdf_check(pdf)
    assert UNSEEN[name]["question"] in " ".join(pdftotext(pdf).split())


def test_numbered_and_nested_lists_keep_their_nesting(unseen):
    source = load_source(unseen["war-notes.txt"][0])
    militarism = source.factors[0]
    texts = [p.text.plain for p in militarism.points]
    # the wrapped line is joined; the nested bullets follow; the third level is a sub-point
    assert texts[1] == "Britain and Germany raced to build Dreadnoughts."
    assert texts[2] == "Britain launched HMS Dreadnought in 1906."
    assert [s.plain for s in militarism.points[3].points] == ["by 1914 Germany had 17 dreadnoughts"]
    assert source.course.plain == "GCSE History, Paper 1"
    assert source.intro.plain.startswith("In 1914 Europe went to war.")


def test_windows_line_endings_are_read(unseen):
    assert b"\r\n" in (NOTES / "war-notes.txt").read_bytes()
    assert "\r" not in unseen["war-notes.txt"][0].read_text("utf-8")


def test_special_characters_are_quoted_and_read_back(unseen):
    path = unseen["war-notes.txt"][0]
    text = path.read_text("utf-8")
    assert '- "[Source: textbook p. 12] Tension had built up for decades."' in text
    assert '- "% of national income spent on arms rose in every great power."' in text
    assert '- "Britain was the #1 naval power and wanted to stay so."' in text
    points = [p.text.plain for s in load_source(path).sections for p in s.points]
    assert "Britain was the #1 naval power and wanted to stay so." in points
    # a stray '==' is made literal, and the teacher is told
    assert "The ratio of German to British ships== a worry for the Admiralty." in points
    assert "A space was added after '=='" in text


def test_markdown_headings_under_the_question_become_factors(unseen):
    source = load_source(unseen["rates.md"][0])
    temperature = source.factors[0]
    assert temperature.points[1].text.keys == ()
    assert [s.plain for s in temperature.points[1].points] == [
        "A 10 °C rise roughly doubles the rate."
    ]
    assert source.intro.plain == "Chemistry revision, Year 10."
    catalyst = source.factors[3].points[0].text
    assert catalyst.plain.startswith("Catalyst: A substance")  # **bold** is revpack's too
    assert catalyst.spans[0].bold


def test_docx_lists_and_tables(unseen):
    source = load_source(unseen["photosynthesis.docx"][0])
    energy = source.factors[0]
    assert [p.text.plain for p in energy.points] == [
        "Light provides the energy to split water.",
        "It drives the whole process.",
        "Chlorophyll absorbs red and blue light.",
        "Chlorophyll reflects green light.",
    ]
    equation = [p.text.plain for p in source.sections[0].points]
    assert equation[:3] == [
        "carbon dioxide + water → glucose + oxygen",
        "Stomata – Pores in the leaf.",
        "Xylem – Tubes that carry water.",
    ]
    assert equation[3] == "Typed bullet: Some people type their own bullets."
    assert source.course.plain == "Biology, Year 9"  # the short line under the title


# Files that cannot be imported ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.txt", "the notes are empty"),
        ("blank.md", "the notes are empty"),
        ("picture.txt", "this is binary data, not text notes"),
        # (it said '("There is no item named '[Content_Types].xml' in the archive")')
        ("not-a-word-file.docx", "this is not a Word document (another kind of file with a"),
        ("old-word.docx", "this is an old Word .doc file with a .docx name: save it as .docx"),
        ("notes.pdf", "cannot import '.pdf'"),
        ("missing.txt", "no such file"),
    ],
)
def test_unimportable_files_get_a_clear_error(name, message, tmp_path):
    out = tmp_path / "out.yaml"
    done = revpack("import", NOTES / name, "-o", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{NOTES / name}:1:1: {message}" in done.stderr
    assert not out.exists()


def _docx_with_body(path: Path, body: bytes) -> Path:
    """A Word file (as python-docx writes one) whose body holds `body`."""
    import io
    import zipfile

    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    with zipfile.ZipFile(blank) as real, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as made:
        for item in real.infolist():
            data = real.read(item)
            if item.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + body + tail
            made.writestr(item, data)
    return path


def _docx_with_huge_picture(path: Path) -> Path:
    """A blank Word file holding a picture part that unpacks to 201 MB of zeros (about
    200 KB packed): python-docx would hold all of it in memory."""
    import zipfile

    _docx_with_body(path, b"")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as made:
        with made.open("word/media/big.png", "w", force_zip64=True) as picture:
            for _ in range(201):
                picture.write(bytes(1_000_000))
    return path


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda tmp: _docx_with_huge_picture(tmp / "picture.docx"),
            "this Word file unpacks to 201,",
        ),
        (
            lambda tmp: (
                (tmp / "long.md").write_text("# T\n" + "- a point\n" * 30_000) and tmp / "long.md"
            ),
            "these notes are 300,004 bytes; revpack imports notes of at most 250,000 bytes",
        ),
        (
            lambda tmp: _docx_with_body(tmp / "bomb.docx", b" " * 11_000_000),
            "this Word file unpacks to 11,",  # 11,000,000 spaces and a blank document
        ),
        (
            lambda tmp: _docx_with_body(
                tmp / "many.docx", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 5_001
            ),
            "this Word file has 5,001 paragraphs; revpack imports at most 5,000",
        ),
        (
            # (the same paragraphs under another prefix were not counted: 150,000 of them
            # took four minutes)
            lambda tmp: _docx_with_body(
                tmp / "prefixed.docx",
                b'<q:p xmlns:q="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<q:r><q:t>x</q:t></q:r></q:p>" * 5_001,
            ),
            "this Word file has 5,001 paragraphs; revpack imports at most 5,000",
        ),
    ],
    ids=["docx-picture", "long-markdown", "docx-bomb", "docx-paragraphs", "docx-prefixed"],
)
def test_notes_too_large_to_be_one_topic_are_refused_at_once(make, message, tmp_path):
    notes = make(tmp_path)
    out = tmp_path / "out.yaml"
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"{notes}:1:1: {message}"), done.stderr
    assert not out.exists()


def test_notes_that_are_a_pipe_are_refused_at_once(tmp_path):
    import os

    os.mkfifo(tmp_path / "notes.md")  # reading it would wait for a writer for ever
    done = revpack("import", tmp_path / "notes.md", "-o", tmp_path / "out.yaml")
    assert done.returncode == 1
    assert done.stderr.startswith(f"{tmp_path / 'notes.md'}:1:1: cannot read file: it is not a")


def test_windows_1252_notes_are_read(tmp_path):
    out = import_to(NOTES / "latin1.txt", tmp_path / "latin1.yaml")
    source = load_source(out)
    assert source.question.plain == "Why did Napoléon lose at Waterloo?"
    assert source.factors[0].points[0].text.plain == "Wellington's défense held."


# The pieces ----------------------------------------------------------------------------------


def test_readers_find_bullets_headings_and_paragraphs():
    blocks = read_text(
        b"Title\r\n\r\n  - one\r\n      - two\r\n  3) three\r\nPlain text\r\n", "n.txt"
    )
    assert blocks == [
        Block("para", "Title"),
        Block("bullet", "one", 0, True),
        Block("bullet", "two", 1),
        Block("bullet", "three", 0),
        Block("para", "Plain text"),
    ]
    md = read_markdown(b"Topic\n=====\n\n## Part\ntext that\nwraps\n\n* * *\n> quoted\n", "n.md")
    assert md == [
        Block("heading", "Topic", 1),
        Block("heading", "Part", 2, True),
        Block("para", "text that wraps"),
        Block("para", "quoted", 0, True),
    ]


def test_docx_reader_reads_nested_list_levels(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("top", style="List Bullet")
    document.add_paragraph("nested", style="List Bullet 2")
    document.add_paragraph("deeper", style="List Bullet 3")
    path = tmp_path / "n.docx"
    document.save(path)
    assert [(b.kind, b.text, b.depth) for b in read_docx(path.read_bytes(), "n.docx")] == [
        ("bullet", "top", 0),
        ("bullet", "nested", 1),
        ("bullet", "deeper", 2),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Camps, e.g. the Entente. Next.", ["Camps, e.g. the Entente.", "Next."]),
        ("J. F. Kennedy met him. Then", ["J. F. Kennedy met him.", "Then"]),
        ("And so...Peaceful Coexistence!", ["And so...Peaceful Coexistence!"]),
        ("It ended. in 1962 it", ["It ended. in 1962 it"]),
        ("In 1955. 1956 was next.", ["In 1955.", "1956 was next."]),
        (
            "Signed in Jan. 1956. Then Feb. 1957 came.",
            ["Signed in Jan. 1956.", "Then Feb. 1957 came."],
        ),
        (
            "Built (c. 1950) by Mr Lee. Dr Ng and St. Paul's. No. 10 agreed.",
            ["Built (c. 1950) by Mr Lee.", "Dr Ng and St. Paul's.", "No. 10 agreed."],
        ),
        (
            "Allies, i.e. Britain. Mr. Eden, Dr. Ng went.",
            ["Allies, i.e. Britain.", "Mr. Eden, Dr. Ng went."],
        ),
        ("Sie kamen z.B. Nr. 5 zuerst. Dann", ["Sie kamen z.B. Nr. 5 zuerst.", "Dann"]),
        # (split after 'A.D.', and inside a quotation, before)
        ("Rome fell in 476 A.D. after it. Then", ["Rome fell in 476 A.D. after it.", "Then"]),
        (
            "Sieyès : « Qu'est-ce ? Tout. » Le livre. Puis",
            ["Sieyès : « Qu'est-ce ? Tout. »", "Le livre.", "Puis"],
        ),
        ("He said “Stop. Now.” Then he left.", ["He said “Stop. Now.”", "Then he left."]),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, label, rest",
    [
        ("Beria: He wanted to reunify Germany.", "Beria", "He wanted to reunify Germany."),
        ("**Catalyst:** A substance.", "Catalyst", "A substance."),
        ("Causes:", "Causes", ""),
        ("he said: no", None, "he said: no"),
        # (a student's notes in small letters: the title was 'Leadership william was a
        # good', made from the line's first words)
        ("leadership: william was a good leader.", "Leadership", "william was a good leader."),
        ("remember:", None, "remember:"),
        ("Then it ended. Later: more", None, "Then it ended. Later: more"),
        ("See https://example.org for more", None, "See https://example.org for more"),
    ],
)
def test_split_label(text, label, rest):
    assert split_label(text) == (label, rest)


def test_short_title_drops_dangling_small_words():
    assert short_title("NK got into power by taking high risks.") == "NK got into power"
    assert short_title("in 1955, Austria was reunited.") == "In 1955 Austria was reunited"


def test_safe_markup_keeps_real_key_terms():
    assert safe_markup("The ==Iron Curtain== fell.") == ("The ==Iron Curtain== fell.", False)
    assert safe_markup("a == b") == ("a == b", False)
    assert safe_markup("x==y") == ("x== y", True)


@pytest.mark.parametrize(
    "text",
    [
        "*not a list",
        "[1] source",
        "{x}",
        "&amp",
        "!important",
        "| pipe",
        "> more",
        "%",
        "@home",
        "`code`",
        "a: b",
        "a #b",
        "ends:",
        "1955",
        "yes",
        "null",
        "~",
        "=",
        "- dash",
        "0o17",
        "2024-01-01",
        ".inf",
        "'quoted'",
        '"double"',
    ],
)
def test_special_texts_need_quotes(text):
    assert needs_quotes(text)


@pytest.mark.parametrize(
    "text",
    ["Plain words.", "NK's policy", "a == b", "3 * 4", "50%", "x#y", "Rate = 2", "1955 was a year"],
)
def test_ordinary_texts_stay_plain(text):
    assert not needs_quotes(text)


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
        min_size=1,
        max_size=3,
    )
)
def test_written_text_reads_back_exactly(texts):
    texts = [" ".join(t.split()) or "x" for t in texts]
    lines = ["title: t", "points:"]
    for text in texts:
        lines += item(text, 2, width=30)
    lines += key_value("last", texts[0], 0, width=30)
    tree = parse("\n".join(lines) + "\n", "t.yaml")
    assert isinstance(tree, Map)
    assert [s.text for s in tree.entries["points"][1].items] == texts
    assert tree.entries["last"][1].text == texts[0]


def test_the_same_notes_give_the_same_file(tmp_path):
    first = import_to(THAW_NOTES, tmp_path / "a.yaml")
    second = import_to(THAW_NOTES, tmp_path / "b.yaml")
    assert first.read_bytes() == second.read_bytes().replace(b"b.yaml", b"a.yaml")


def test_text_the_fonts_lack_is_kept_and_reported(tmp_path):
    notes = tmp_path / "crab.txt"
    notes.write_text("Crabs\n\nWhy crabs?\n\n- Sideways: They walk sideways 🦀.\n", "utf-8")
    out = tmp_path / "crab.yaml"
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "They walk sideways 🦀." in out.read_text("utf-8")  # never dropped
    assert f"{out}:" in done.stderr and "U+1F980" in done.stderr  # and the teacher is told


def test_readme_round_trip_runs_as_written(tmp_path):
    import shlex
    import shutil

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Bring your own notes", 1)[1].split("\n## ", 1)[0]
    commands = [
        shlex.split(line)[1:]
        for block in re.findall(r"```sh\n(.*?)```", section, re.S)
        for line in block.splitlines()
        if line.startswith("revpack ")
    ]
    assert [c[0] for c in commands] == ["import", "check", "build", "new"]
    # A copy of the repository's layout.
    project = tmp_path / "main"
    shutil.copytree(REPO / "schema", project / "schema")
    shutil.copytree(REPO / "examples", project / "examples")
    for args in commands:
        done = revpack(*args, cwd=project)
        assert done.returncode == 0, f"revpack {' '.join(args)}:\n{done.stderr}"
    assert (project / "out" / "my-notes-summary.pdf").exists()
    for name in ("my-notes.yaml", "thaw-2.yaml"):
        first = (project / "sources" / name).read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/source.schema.json"


def test_a_key_question_label_is_not_part_of_the_question():
    notes = "World War One\n\nKey question: Why did war start?\n\n- Militarism: arms race\n"
    draft = shape(read_text(notes.encode(), "notes.txt"))
    assert draft.question == "Why did war start?"
    assert [f.title for f in draft.factors] == ["Militarism"]


def test_a_question_under_the_notes_own_headings_is_not_the_topics():
    notes = (
        "# Transport in cells\n\n## Diffusion\n\nParticles spread out.\n\n"
        "## What is osmosis?\n\nThe diffusion of water.\n"
    )
    draft = shape(read_markdown(notes.encode(), "notes.md"))
    assert draft.question == ""
    assert [s.title for s in draft.sections] == ["Diffusion", "What is osmosis?"]
    assert [p.text for s in draft.sections for p in s.points] == [
        "Particles spread out.",
        "The diffusion of water.",
    ]


def test_a_line_leading_into_a_list_under_a_heading_stays_in_it(tmp_path):
    path = make_headings_docx(tmp_path / "water.docx")
    draft = shape(read_docx(path.read_bytes(), str(path)))
    last = draft.factors[-1]
    assert [p.text for p in last.points][-3:] == ["It is stored in:", "Oceans", "Ice caps"]


def test_the_suggested_timeline_keeps_a_dates_day_and_month_in_order(tmp_path):
    # Six French events all said "1789", and '5 mai 1789' was lost.
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "La Révolution\n\nPourquoi ?\n\n- Causes : la prise de la Bastille le 14 juillet 1789.\n"
        "- Débuts : les États généraux s'ouvrent le 5 mai 1789.\n- Fin : en 1799 Bonaparte.\n",
        "utf-8",
    )
    out = tmp_path / "notes.yaml"
    assert revpack("import", notes, "-o", out).returncode == 0
    whens = re.findall(r'^#   - when: "(.*)"$', out.read_text("utf-8"), re.MULTILINE)
    assert whens == ["5 mai 1789", "14 juillet 1789", "1799"]


def test_a_glossary_under_a_heading_keeps_every_meaning(tmp_path):
    # A Word glossary with its terms in bold became a section per term, titled with the
    # term alone: its meaning was dropped.
    import docx

    document = docx.Document()
    document.add_heading("Osmosis", 0)
    document.add_paragraph("Why do plant cells not burst?")
    document.add_heading("Water movement", 1)
    document.add_paragraph("Water moves by osmosis.")
    document.add_heading("Key terms", 1)
    for term, meaning in (("Turgid", "swollen and firm"), ("Flaccid", "soft and limp")):
        line = document.add_paragraph()
        line.add_run(term).bold = True
        line.add_run(f" – {meaning}")
    path = tmp_path / "osmosis.docx"
    document.save(path)
    draft = shape(read_docx(path.read_bytes(), str(path)))
    # (now the source's terms: the teacher retyped every one)
    assert draft.sections == ()
    assert [(t.term, t.meaning) for t in draft.terms] == [
        ("Turgid", "swollen and firm"),
        ("Flaccid", "soft and limp"),
    ]
    notes = "# Osmosis\n\nWhy?\n\n## Key terms\n\nTurgid: swollen and firm\n\nFlaccid: soft\n"
    draft = shape(read_markdown(notes.encode(), "notes.md"))
    assert [(t.term, t.meaning) for t in draft.terms] == [
        ("Turgid", "swollen and firm"),
        ("Flaccid", "soft"),
    ]


def test_a_key_question_said_as_one_is_the_question_even_after_a_section():
    notes = (
        "# The Cold War\n\n## Overview\n\nRivals after 1945.\n\n"
        "Key question: Why did the Cold War begin?\n\n## Ideology\n\n- Capitalism.\n"
    )
    draft = shape(read_markdown(notes.encode(), "notes.md"))
    assert draft.question == "Why did the Cold War begin?"
    assert [f.title for f in draft.factors] == ["Ideology"]


def test_a_heading_with_a_dash_is_still_a_heading():
    # (a glossary's 'Entente – a friendly understanding' is not one: its meaning is in
    # small letters)
    notes = (
        "Cells – Unit 2\n\nTopic 1 – Cell structure\n\nCells have a nucleus.\n\n"
        "Topic 2 – Transport\n\nWater moves by osmosis.\n"
    )
    draft = shape(read_text(notes.encode(), "notes.txt"))
    assert draft.title == "Cells – Unit 2"
    assert [s.title for s in draft.sections] == ["Topic 1 – Cell structure", "Topic 2 – Transport"]


def test_a_heading_under_a_factors_own_is_part_of_that_factor():
    # 'Required practical' under 'Limiting factors' became a factor of its own; then a
    # point, with its notes beside it as points of the factor's, no longer under it.
    notes = (
        "# Photosynthesis\n\nWhy do plants need light?\n\n## Limiting factors\n\n"
        "Light limits the rate.\n\n### Required practical\n\nCount the bubbles.\n\n"
        "## Uses of glucose\n\nRespiration.\n"
    )
    draft = shape(read_markdown(notes.encode(), "notes.md"))
    assert [f.title for f in draft.factors] == ["Limiting factors", "Uses of glucose"]
    assert [(p.text, p.points) for p in draft.factors[0].points] == [
        ("Light limits the rate.", ()),
        ("Required practical", ("Count the bubbles.",)),
    ]
    assert [p.text for p in draft.factors[1].points] == ["Respiration."]


def test_a_factors_sub_headings_keep_their_bullets_under_them():
    # '### Ideology' and its bullets under '## Causes' came out as four points in a row:
    # which bullets were about ideology was lost.
    notes = (
        "# The Cold War\n\nWhy did the Cold War begin?\n\n## Causes\n\n### Ideology\n"
        "- Capitalism versus communism\n- Each side feared the other\n"
        "  - and said so\n\n### Yalta and Potsdam\n1. Poland\n2. Truman\n\n"
        "## Consequences\n\n- The Iron Curtain\n"
    )
    draft = shape(read_markdown(notes.encode(), "notes.md"))
    assert [f.title for f in draft.factors] == ["Causes", "Consequences"]
    assert [(p.text, p.points) for p in draft.factors[0].points] == [
        ("Ideology", ("Capitalism versus communism", "Each side feared the other", "and said so")),
        ("Yalta and Potsdam", ("Poland", "Truman")),
    ]
    assert [(p.text, p.points) for p in draft.factors[1].points] == [("The Iron Curtain", ())]


DATED_NOTES = """Henry VIII and the Break with Rome

Why did Henry VIII break with Rome?

  • The Great Matter: Henry wanted a son.
  • Money: the Church owned a quarter of the land.

Energy
1000 kJ - one megajoule.
2000 calories - a day's food.

Key dates
1509 - Henry marries Catherine of Aragon.
January 1533 – Henry secretly marries Anne Boleyn.
1534: Act of Supremacy.

Exam tips
Plan before you write - it helps.
Use dates.
"""


def test_a_list_of_dated_lines_becomes_the_timeline(tmp_path):
    # 'Key dates' lines ('1509 - Henry marries…') became a section, printed as a second
    # timeline, and the suggested timeline repeated each year inside its text.
    notes = tmp_path / "notes.txt"
    notes.write_text(DATED_NOTES, "utf-8")
    out = tmp_path / "break.yaml"
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 0, done.stderr
    source = load_source(out)
    assert [(e.when.plain, e.what.plain) for e in source.timeline] == [
        ("1509", "Henry marries Catherine of Aragon."),
        ("January 1533", "Henry secretly marries Anne Boleyn."),
        ("1534", "Act of Supremacy."),
    ]
    # (a list that is not all dates, or not headed as dates, stays a section)
    assert [s.title.plain for s in source.sections] == ["Energy", "Exam tips"]


def test_plain_notes_lists_of_dates_and_terms_become_the_timeline_and_the_terms(tmp_path):
    # Lines like '1509 - Henry marries Catherine' (no full stop) each became a heading,
    # and a glossary's 'Fyrd: part-time soldiers' lines a section each: the teacher
    # retyped the timeline and every term.
    notes = tmp_path / "tudors.txt"
    notes.write_text(
        "Tudors\n\nWhy did Henry break with Rome?\n\n- Love: He loved Anne Boleyn.\n"
        "- Money: The monasteries were rich.\n\n"
        "Key dates\n1509 - Henry marries Catherine of Aragon\n1533 - Henry marries Anne Boleyn\n"
        "1534 - Act of Supremacy\n\n"
        "Key terms\nAnnulment: a ruling that a marriage never existed\n"
        "Supremacy: the king as head of the Church\n",
        "utf-8",
    )
    path = import_to(notes, tmp_path / "tudors.yaml")
    source = yaml.safe_load(path.read_text("utf-8"))
    assert [(e["when"], e["what"]) for e in source["timeline"]] == [
        ("1509", "Henry marries Catherine of Aragon"),
        ("1533", "Henry marries Anne Boleyn"),
        ("1534", "Act of Supremacy"),
    ]
    assert source["terms"] == [
        {"term": "Annulment", "meaning": "a ruling that a marriage never existed"},
        {"term": "Supremacy", "meaning": "the king as head of the Church"},
    ]
    assert [f["title"] for f in source["factors"]] == ["Love", "Money"]
    assert "sections" not in source
    assert revpack("check", path).returncode == 0


def test_a_markdown_table_of_terms_becomes_the_terms(tmp_path):
    notes = tmp_path / "leaf.md"
    notes.write_text(
        "# Photosynthesis\n\nWhy do plants need light?\n\n## Light\n\n- Light is absorbed.\n\n"
        "## Key terms\n\n| Term | Meaning |\n|---|---|\n"
        "| Chlorophyll | The green pigment |\n| Stomata | Pores in the leaf |\n",
        "utf-8",
    )
    source = yaml.safe_load(import_to(notes, tmp_path / "leaf.yaml").read_text("utf-8"))
    assert source["terms"] == [
        {"term": "Chlorophyll", "meaning": "The green pigment"},
        {"term": "Stomata", "meaning": "Pores in the leaf"},
    ]
    assert [s["title"] for s in source.get("sections", [])] == []


def test_an_asterisk_or_equals_between_figures_is_said_to_be_read_as_formatting(tmp_path):
    # Plain notes' '2*3*4 = 24' printed '234 = 24' with the 3 in italic, and 'if x==5 or
    # y==3' a key term, and nothing said so; the words themselves are kept as written.
    notes = tmp_path / "maths.txt"
    notes.write_text(
        "Maths\n\nWhy?\n\n- Boxes: a box is 2*3*4 = 24 cm cubed.\n"
        "- Code: if x==5 or y==3 the loop stops.\n- Water: it is H~2~O, and the "
        "==Iron Curtain== fell *slowly*.\n",
        "utf-8",
    )
    text = import_to(notes, tmp_path / "maths.yaml").read_text("utf-8")
    lines = text.splitlines()
    flagged = [
        lines[i + 2].strip() for i, line in enumerate(lines) if "as italic, bold or a key" in line
    ]
    assert flagged == ["- a box is 2*3*4 = 24 cm cubed.", "- if x==5 or y==3 the loop stops."]
    assert "- it is H~2~O, and the ==Iron Curtain== fell *slowly*." in text


def test_a_students_list_of_dates_under_dates_in_small_letters_is_the_timeline(tmp_path):
    # 'dates' (small letters) was no heading, so '1066 - edward dies' and the rest went
    # into 'More notes' one by one.
    notes = tmp_path / "student.txt"
    notes.write_text(
        "norman conquest\n\nwhy did william win?\n\n- leadership: william was a good leader.\n\n"
        "dates\n1066 - edward dies\n1066 - hastings\n1086 - domesday book\n",
        "utf-8",
    )
    source = yaml.safe_load(import_to(notes, tmp_path / "student.yaml").read_text("utf-8"))
    assert [(e["when"], e["what"]) for e in source["timeline"]] == [
        ("1066", "edward dies"),
        ("1066", "hastings"),
        ("1086", "domesday book"),
    ]
    assert [f["title"] for f in source["factors"]] == ["Leadership"]
    assert "sections" not in source
