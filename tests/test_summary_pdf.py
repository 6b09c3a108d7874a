"""The summary sheet PDF, read back: pages, fonts, text, positions, metadata, determinism."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from helpers import DATA, THAW, fonts_embedded, need, pdftotext, qpdf_check, revpack
from revpack import load_layout, load_source

SOURCES = sorted((DATA / "sources").glob("*.yaml"))
EPS = 0.5  # points of slack for glyph bounding boxes


def build(source: Path, layout: str, out: Path, *extra: str) -> Path:
    """Build one sheet with the CLI and return its path."""
    done = revpack("build", source, "-l", layout, "-o", out, *extra)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    pdf = out / f"{source.stem}-{layout}.pdf"
    assert pdf.exists()
    return pdf


@pytest.fixture(scope="module")
def thaw_pdf(tmp_path_factory) -> Path:
    return build(THAW, "summary", tmp_path_factory.mktemp("thaw"))


def normalised(text: str) -> str:
    """pdftotext output as one line: hyphenated line ends joined, white space collapsed."""
    text = re.sub(r"(\w)-\n(\w)", r"\1-\2", text)
    return " ".join(text.split())


def words_of(text: str) -> str:
    return " ".join(text.split())


# The thaw sheet ---------------------------------------------------------------------------


def test_thaw_is_one_clean_page_with_embedded_fonts(thaw_pdf):
    assert len(PdfReader(thaw_pdf).pages) == 1
    qpdf_check(thaw_pdf)
    names = fonts_embedded(thaw_pdf)
    assert all("DejaVuSans" in name for name in names)


def test_thaw_text_has_every_factor_title_and_key_term(thaw_pdf):
    source = load_source(THAW)
    text = normalised(pdftotext(thaw_pdf))
    for factor in source.factors:
        assert words_of(factor.title.plain) in text
    keys = {key for t in source.all_texts() for key in t.keys}
    assert len(keys) > 30
    for key in keys:
        assert words_of(key) in text, f"key term {key!r} missing"
    for term in source.terms:
        assert words_of(term.term.plain) in text
    for event in source.timeline:
        assert words_of(event.what.plain) in text


def test_thaw_metadata(thaw_pdf):
    info = PdfReader(thaw_pdf).metadata
    assert info.title == "The Thaw and Peaceful Coexistence"
    assert info.author == "revpack"
    assert info.subject == "Why did Khrushchev pursue Peaceful Coexistence?"


def test_build_is_byte_identical(thaw_pdf, tmp_path):
    again = build(THAW, "summary", tmp_path)
    assert again.read_bytes() == thaw_pdf.read_bytes()


def boxes(page) -> tuple[list[dict], list[dict]]:
    """(factor boxes, other tinted boxes): a factor box has an accent band along its top."""
    layout = load_layout("summary")
    accent = _rgb(layout.colours.accent)
    fill = _rgb(layout.colours.box)
    shapes = [s for s in page.curves + page.rects if s.get("fill")]
    bands = [s for s in shapes if _close(s.get("non_stroking_color"), accent)]
    tinted = [s for s in shapes if _close(s.get("non_stroking_color"), fill)]
    factors = [
        b
        for b in tinted
        if any(
            abs(band["top"] - b["top"]) < EPS and abs(band["x0"] - b["x0"]) < EPS for band in bands
        )
    ]
    return factors, [b for b in tinted if b not in factors]


def _rgb(hex_colour: str) -> tuple[float, ...]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _close(colour, wanted) -> bool:
    return (
        colour is not None
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, wanted, strict=True))
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x0"] < b["x1"] - EPS
        and b["x0"] < a["x1"] - EPS
        and a["top"] < b["bottom"] - EPS
        and b["top"] < a["bottom"] - EPS
    )


def inside(word: dict, box: dict) -> bool:
    return (
        box["x0"] - EPS <= word["x0"]
        and word["x1"] <= box["x1"] + EPS
        and box["top"] - EPS <= word["top"]
        and word["bottom"] <= box["bottom"] + EPS
    )


def assert_inside_margins(page, margin: float) -> None:
    for char in page.chars:
        if not char["text"].strip():
            continue
        assert char["x0"] >= margin - EPS, char
        assert char["x1"] <= page.width - margin + EPS, char
        assert char["top"] >= margin - EPS, char
        assert char["bottom"] <= page.height - margin + EPS, char


def test_thaw_positions(thaw_pdf):
    source = load_source(THAW)
    margin = load_layout("summary").page.margin
    with pdfplumber.open(thaw_pdf) as pdf:
        page = pdf.pages[0]
        assert_inside_margins(page, margin)
        words = page.extract_words()
        lines = page.extract_text_lines()
        factor_boxes, others = boxes(page)
    title = next(line for line in lines if line["text"] == source.title.plain)
    question = next(line for line in lines if line["text"] == source.question.plain)
    assert title["bottom"] <= question["top"]
    assert len(factor_boxes) == len(source.factors)
    assert all(question["bottom"] < box["top"] for box in factor_boxes)
    for a in factor_boxes:
        for b in factor_boxes + others:
            assert a is b or not overlap(a, b), (a, b)
    # Each factor's numbered title sits at the top of its own box, in source order down the
    # columns (left column first).
    ordered = sorted(factor_boxes, key=lambda b: (round(b["x0"]), b["top"]))
    for number, (factor, box) in enumerate(zip(source.factors, ordered, strict=True), 1):
        first = factor.title.plain.split()[0]
        heads = [w for w in words if w["text"] == str(number) and inside(w, box)]
        assert heads and heads[0]["top"] - box["top"] < 12, f"factor {number} not at its box"
        assert any(w["text"] == first and inside(w, box) for w in words)


def test_thaw_columns_are_balanced(thaw_pdf):
    with pdfplumber.open(thaw_pdf) as pdf:
        page = pdf.pages[0]
        middle = page.width / 2
        body = [c for c in page.chars if c["top"] > 150 and c["bottom"] < page.height - 40]
    left = max(c["bottom"] for c in body if c["x1"] < middle)
    right = max(c["bottom"] for c in body if c["x0"] > middle)
    # The shorter column ends within a block's height of the longer one.
    assert abs(left - right) < 120


# Unseen sources ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unseen(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("unseen")
    done = revpack("build", *SOURCES, "-l", "summary", "-o", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_unseen_source_builds_a_clean_page(path, unseen):
    pdf = unseen / f"{path.stem}-summary.pdf"
    assert len(PdfReader(pdf).pages) == 1
    qpdf_check(pdf)
    assert all(name.split("+")[-1].startswith("DejaVuSans") for name in fonts_embedded(pdf))
    source = load_source(path)
    raw = pdftotext(pdf)
    text = normalised(raw)
    for factor in source.factors:
        assert words_of(factor.title.plain) in text
    for key in {k for t in source.all_texts() for k in t.keys}:
        # (pdftotext joins a word broken after its own hyphen without it: 'top-' / 'pan
        # balance' reads 'toppan balance')
        assert words_of(key) in text or words_of(key).replace("-", "") in text, key
    # Every character of the source comes back out of the PDF: nothing became a box.
    wanted = {c for t in source.all_texts() for c in t.plain if not c.isspace()}
    missing = wanted - set(raw) - set(pdftotext(pdf, layout=True))  # (a line's end hyphen)
    assert not missing, f"not in the PDF text: {sorted(missing)}"
    with pdfplumber.open(pdf) as doc:
        assert_inside_margins(doc.pages[0], load_layout("summary").page.margin)


def test_special_characters_survive(unseen):
    chemistry = pdftotext(unseen / "chemistry-equilibrium-summary.pdf")
    for piece in ["H₂O", "CO₂", "x²", "mol⁻¹", "→", "⇌", "±", "≈", "°C"]:
        assert piece in chemistry, piece
    physics = pdftotext(unseen / "physics-radioactivity-summary.pdf")
    for piece in ["α", "β", "γ", "ΔE", "Ω", "λ", "≤", "≥", "≠", "∝", "×", "÷"]:
        assert piece in physics, piece
    russian = normalised(pdftotext(unseen / "revolyutsiya-1917-summary.pdf"))
    assert "Почему в 1917 году пала монархия Романовых?" in russian
    assert "«Мир, землю, хлеб»" in russian


def test_markup_like_source_prints_as_typed(unseen):
    text = normalised(pdftotext(unseen / "html-markup-summary.pdf"))
    for piece in [
        "<b>bold</b>",
        '<img src="/etc/passwd"/>',
        "<font color=red>red</font>",
        "&amp; stands for &, &lt; for <, and &nbsp;",
        "a == b",
        "5 * 3 * 2",
        "The == x == pattern",
        "<div>",
        "How does a browser turn <tags> & text",
    ]:
        assert piece in text, piece


# Fitting and breaking ---------------------------------------------------------------------


def long_source(tmp_path: Path, factors: int, points: int, word: str = "") -> Path:
    sentence = "The arms race cost vast amounts of money and worried both superpowers greatly."
    lines = ["title: A long topic", "question: Does it fit?", "factors:"]
    for f in range(factors):
        lines += [f"  - title: Factor {f + 1} {word}", "    points:"]
        lines += [f"      - {sentence} {word}" for _ in range(points)]
    if word:
        lines += [
            "terms:",
            f"  - term: {word}",
            f"    meaning: {word}",
            "timeline:",
            f"  - when: '{word}'",
            f"    what: {word}",
        ]
    path = tmp_path / "long.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_a_word_longer_than_its_column_breaks(tmp_path):
    word = "Antidisestablishmentarianism" * 4 + "X" * 8  # 120 characters
    assert len(word) == 120
    pdf = build(long_source(tmp_path, 2, 2, word), "summary", tmp_path / "out")
    margin = load_layout("summary").page.margin
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        assert_inside_margins(page, margin)
        factor_boxes, _ = boxes(page)
        middle = page.width / 2
        for char in page.chars:
            if char["x0"] < middle - 10:  # the left column's text stays in its column
                assert char["x1"] <= middle + EPS, char
        for box in factor_boxes:
            assert box["x1"] <= page.width - margin + EPS
    assert "X" * 8 in pdftotext(pdf).replace("\n", "")


def test_too_long_fails_clearly_and_writes_nothing(tmp_path):
    source = long_source(tmp_path, 12, 9)
    # (It is reported at its longest point, the first to shorten: it was at 1:1.)
    lines = source.read_text("utf-8").splitlines()
    longest = next(i for i, line in enumerate(lines) if line.startswith("      - ")) + 40
    lines[longest] += " It also made both sides more careful."
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out"
    done = revpack("build", source, "-l", "summary", "-o", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = next(line for line in done.stderr.splitlines() if "does not fit" in line)
    assert message.startswith(f"{source}:{longest + 1}:9: does not fit on one page")
    assert "(the longest is here)" in message
    assert re.search(r"about \d+% too much", message)
    assert "Shorten some points" in message and "max_pages: 2" in message
    assert not list(out.glob("*.pdf")) if out.exists() else True


def test_a_block_taller_than_a_page_is_named(tmp_path):
    source = long_source(tmp_path, 1, 70)
    done = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 1
    message = next(line for line in done.stderr.splitlines() if line.startswith(str(source)))
    assert message.startswith(f"{source}:4:5: factor 'Factor 1")
    assert "is taller than a whole page column with layout 'summary'" in message
    assert "On a one-page layout a block is kept whole" in message
    assert "shorten its points or split it into two factors" in message
    assert "max_pages: 2" in message
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_a_block_taller_than_a_page_runs_on_where_the_sheet_may_have_more_pages(tmp_path):
    source = long_source(tmp_path, 1, 70)
    pdf = build(source, "summary-dyslexia", tmp_path / "out")
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 2
        for page in doc.pages:
            assert_inside_margins(page, load_layout("summary-dyslexia").page.margin)
        text = " ".join(normalised(page.extract_text()) for page in doc.pages)
    assert "Factor 1 (continued)" in text
    assert normalised(pdftotext(pdf)).count("worried both superpowers greatly") == 70


def test_a_heading_taller_than_a_page_is_an_error_not_cut_off(tmp_path):
    intro = " ".join(["The intro goes on about the thaw and what it meant for Europe."] * 150)
    source = tmp_path / "intro.yaml"
    source.write_text(
        f"title: Long intro\nintro: {intro}\nfactors:\n  - title: A\n    points: [one]\n", "utf-8"
    )
    done = revpack("build", source, "-l", "summary-large-print", "-o", tmp_path / "out")
    assert done.returncode == 1
    assert f"{source}:2:8: the heading (title, key question and intro) is taller" in done.stderr


def test_a_tall_heading_pushes_the_blocks_to_the_next_page(tmp_path):
    intro = " ".join(["The intro goes on about the thaw and what it meant for Europe."] * 28)
    source = tmp_path / "intro.yaml"
    points = "".join(f"      - Point number {n} about the thaw.\n" for n in range(12))
    source.write_text(
        f"title: Long intro\nintro: {intro}\nfactors:\n  - title: Alpha\n    points:\n{points}",
        "utf-8",
    )
    pdf = build(source, "summary-large-print", tmp_path)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 2
        for page in doc.pages:
            assert_inside_margins(page, load_layout("summary-large-print").page.margin)
        assert "Alpha" in doc.pages[1].extract_text()
    assert normalised(pdftotext(pdf)).count("The intro goes on") == 28


def test_type_shrinks_before_failing(tmp_path):
    from revpack.model import Audience
    from revpack.writers.pdf.summary import fit

    layout = load_layout("summary")
    short = fit(load_source(DATA / "sources" / "html-markup.yaml"), layout, Audience())
    dense = fit(load_source(THAW), layout, Audience())
    assert short.size > dense.size >= layout.font.min_size
    assert short.size <= max(layout.font.max_size, layout.font.size)


# The other summary layouts ----------------------------------------------------------------


def test_large_print_is_16pt_or_more(tmp_path):
    pdf = build(THAW, "summary-large-print", tmp_path)
    qpdf_check(pdf)
    fonts_embedded(pdf)
    margin = load_layout("summary-large-print").page.margin
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 2
        for page in doc.pages:
            sizes = {round(c["size"], 2) for c in page.chars if c["text"].strip()}
            assert min(sizes) >= 16 - 0.01, sorted(sizes)
            assert_inside_margins(page, margin)
    text = normalised(pdftotext(pdf))
    for factor in load_source(THAW).factors:
        assert words_of(factor.title.plain) in text


def test_large_print_runs_long_blocks_on_in_reading_order(tmp_path):
    # One column, many pages: a block too tall for the room left runs on between points
    # under its heading marked "continued", so no page is left half empty.
    pdf = build(THAW, "summary-large-print", tmp_path)
    source = load_source(THAW)
    with pdfplumber.open(pdf) as doc:
        pages = [normalised(page.extract_text()) for page in doc.pages]
        heights = [max(c["bottom"] for c in page.chars if c["text"].strip()) for page in doc.pages]
    text = " ".join(pages)
    # Every point once, in the source's order.
    points = [words_of(p.text.plain) for b in (*source.factors, *source.sections) for p in b.points]
    where = [text.find(point) for point in points]
    assert -1 not in where and where == sorted(where)
    assert all(text.count(point) == 1 for point in points)
    # A continued heading only ever opens a page, and every page but the last is full
    # to within a few lines of its foot.
    for page in pages:
        assert "(continued)" not in page or page.index("(continued)") < 60, page
    assert "(continued)" in text
    foot = max(heights)
    assert all(h > foot - 16 * 1.3 * 4 for h in heights[:-1]), heights


@pytest.mark.parametrize(
    ("source", "pages"),
    [(DATA / "worksheet" / "markup.yaml", 1), (DATA / "sources" / "revolyutsiya-1917.yaml", 2)],
)
def test_large_print_leaves_no_last_page_of_a_line_or_two(tmp_path, source, pages):
    # With the usual space between blocks, the last timeline event of each ran on alone
    # onto a page of its own, under "Timeline (continued)"; closer blocks save that page.
    pdf = build(source, "summary-large-print", tmp_path)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == pages
        last = doc.pages[-1]
        margin = load_layout("summary-large-print").page.margin
        assert_inside_margins(last, margin)
        sizes = {round(c["size"], 2) for c in last.chars if c["text"].strip()}
        assert min(sizes) >= 16 - 0.01
    text = normalised(pdftotext(pdf))
    for event in load_source(source).timeline:
        assert words_of(event.what.plain) in text


def test_a_block_taller_than_a_page_runs_on_in_large_print(tmp_path):
    source = long_source(tmp_path, 1, 70)
    pdf = build(source, "summary-large-print", tmp_path / "out")
    margin = load_layout("summary-large-print").page.margin
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) > 2
        for number, page in enumerate(doc.pages):
            assert_inside_margins(page, margin)
            if number:
                assert "Factor 1 (continued)" in normalised(page.extract_text())
    assert normalised(pdftotext(pdf)).count("worried both superpowers greatly") == 70


@pytest.mark.parametrize(("pages", "factors", "points"), [(1, 2, 8), (2, 3, 10)])
def test_a_cut_block_continues_at_the_top_of_the_next_column(tmp_path, pages, factors, points):
    from revpack.model import Audience
    from revpack.writers.pdf.summary import fit

    # A teacher's own two-column layout that lets blocks run on; on one page the cut
    # falls on the last page, whose columns are otherwise evened out.
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "two-page.yaml").write_text(
        "extends: summary\nfont: {size: 10, min_size: 10}\n"
        f"options: {{max_pages: {pages}, split_blocks: true}}\n",
        "utf-8",
    )
    layout = load_layout("two-page", (tmp_path / "layouts",))
    plan = fit(load_source(long_source(tmp_path, factors, points)), layout, Audience())
    parts = [
        (page, column, top, block)
        for page, column, top, block in plan.placed
        if block.heading is block.continued
    ]
    assert parts, "nothing was cut"
    for page, column, top, block in parts:
        assert top == 0.0, "a continued part must open its column"
        before = plan.placed[plan.placed.index((page, column, top, block)) - 1]
        assert (before[0], before[1]) != (page, column), "its first part sits elsewhere"
    # Every point is drawn once, in order.
    pdf = build(
        tmp_path / "long.yaml", "two-page", tmp_path / "out", "--layouts", tmp_path / "layouts"
    )
    assert normalised(pdftotext(pdf)).count("worried both superpowers greatly") == factors * points


def test_a_split_keeps_sub_points_with_their_point():
    from revpack.writers.pdf.summary_blocks import Builder

    source = load_source(THAW)
    factor = next(f for f in source.factors if any(p.points for p in f.points))
    layout = load_layout("summary-large-print")
    block = Builder(layout, 16).factor(1, factor)
    width = 400.0
    full = block.measure(width)
    starts = {0}
    for point in factor.points:
        starts.add(max(starts) + 1 + len(point.points))
    cuts = set()
    for room in range(40, int(full), 5):
        parts = block.split(width, room)
        if parts:
            first, rest = parts
            assert first.measure(width) <= room + 0.01
            assert len(first.body) in starts and first.body + rest.body == block.body
            assert rest.heading.text.endswith("(continued)")
            cuts.add(len(first.body))
    assert len(cuts) >= 2


ITALIC_EVERYWHERE = """\
title: The *Thaw*
question: Why *did* Khrushchev pursue Peaceful Coexistence?
intro: An *italic* intro.
factors:
  - title: The *risk* taker
    points:
      - He took *high* risks.
      - text: A point with *italic* in it.
        points: [A *sub-point*.]
terms:
  - term: "*Détente*"
    meaning: An *easing* of tension.
timeline:
  - when: "*1955*"
    what: The *Austrian* State Treaty.
"""


def test_dyslexia_tinted_paper_12pt_no_italics(tmp_path):
    source = tmp_path / "italic.yaml"
    source.write_text(ITALIC_EVERYWHERE, "utf-8")
    layout = load_layout("summary-dyslexia")
    for path in (source, THAW):
        pdf = build(path, "summary-dyslexia", tmp_path / "out")
        qpdf_check(pdf)
        names = fonts_embedded(pdf)
        assert not [n for n in names if "Oblique" in n or "Italic" in n], names
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                sizes = [c["size"] for c in page.chars if c["text"].strip()]
                assert min(sizes) >= 12 - 0.01
                paper = [
                    r
                    for r in page.rects
                    if r["width"] >= page.width - 1 and r["height"] >= page.height - 1
                ]
                assert paper and _close(paper[0]["non_stroking_color"], _rgb(layout.colours.paper))
                assert_inside_margins(page, layout.page.margin)


def test_large_print_sets_italics_in_bold(tmp_path):
    # Large-print guidance avoids italics, which low vision reads worst; the large-print
    # summary kept the notes' *italic* as oblique type.
    source = tmp_path / "italic.yaml"
    source.write_text(ITALIC_EVERYWHERE, "utf-8")
    pdf = build(source, "summary-large-print", tmp_path / "out")
    names = fonts_embedded(pdf)
    assert not [n for n in names if "Oblique" in n or "Italic" in n], names
    with pdfplumber.open(pdf) as doc:
        words = [w for p in doc.pages for w in p.extract_words(extra_attrs=["fontname"])]
    assert any("Bold" in w["fontname"] for w in words if w["text"] == "easing")


def test_italics_print_in_the_standard_sheet(tmp_path):
    source = tmp_path / "italic.yaml"
    source.write_text(ITALIC_EVERYWHERE, "utf-8")
    names = fonts_embedded(build(source, "summary", tmp_path))
    assert any("Oblique" in n for n in names)


@pytest.mark.parametrize("layout", ["summary", "factor-chart"])
def test_each_build_loads_the_oblique_faces_only_for_italic_text(tmp_path, layout):
    # Every CLI build is a fresh process, so a face the text needs but nobody loaded
    # would fail here rather than hide behind a test process that loaded them all.
    italic = tmp_path / "italic.yaml"
    italic.write_text(ITALIC_EVERYWHERE, "utf-8")
    slanted = fonts_embedded(build(italic, layout, tmp_path))
    upright = fonts_embedded(build(THAW, layout, tmp_path))
    assert any(name.endswith("DejaVuSans-Oblique") for name in slanted)
    assert not any("Oblique" in name for name in upright)


def test_pdffonts_lists_only_dejavu(thaw_pdf):
    listing = subprocess.run(
        [need("pdffonts"), str(thaw_pdf)], capture_output=True, text=True, check=True
    ).stdout
    for row in listing.splitlines()[2:]:
        assert "DejaVuSans" in row.split()[0]


def test_fonts_ship_inside_the_package():
    import revpack
    from revpack import fonts

    package = Path(revpack.__file__).parent
    for face in fonts.FACES.values():
        path = Path(fonts.font_path(face))
        assert path.is_file() and package in path.parents
        assert path.stat().st_size > 100_000
    assert (package / "fontfiles" / "LICENSE-DejaVu.txt").is_file()


@pytest.mark.parametrize(
    "class_name, teacher, expected",
    [
        ("11A", "Ms Khan", "History · The Cold War, 1953–1962 · Class 11A · Ms Khan"),
        (None, "Ms Khan", "History · The Cold War, 1953–1962 · Ms Khan"),
        ("11B", None, "History · The Cold War, 1953–1962 · Class 11B"),
    ],
)
def test_class_and_teacher_in_header_footer_and_metadata(tmp_path, class_name, teacher, expected):
    from revpack import render
    from revpack.model import Audience

    audience = Audience(class_name, teacher, 1, "1 September 2025")
    [output] = render(load_source(THAW), load_layout("summary"), audience)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(output.data)
    lines = [" ".join(line.split()) for line in pdftotext(pdf).splitlines()]
    assert expected in lines
    footer = " · ".join(
        filter(None, ["The Thaw and Peaceful Coexistence", class_name, "1 September 2025"])
    )
    assert footer in lines
    assert PdfReader(pdf).metadata.author == (teacher or "revpack")


@pytest.mark.parametrize(
    "name",
    [
        "chart/twelve-crowded.yaml",
        "sources/causes-ww1.yaml",
        "sources/chemistry-equilibrium.yaml",
        "thaw",
    ],
)
def test_the_fit_finds_the_largest_size_that_fits_whatever_its_first_guess(name, monkeypatch):
    from revpack.memo import clear_all
    from revpack.model import Audience
    from revpack.writers.pdf import summary as summary_pdf

    source = load_source(THAW if name == "thaw" else DATA / name)
    layout = load_layout("summary")
    audience = Audience()
    sizes = summary_pdf._sizes(layout.font.max_size, layout.font.min_size)
    largest = next(
        s
        for s in sizes
        if isinstance(summary_pdf._plan(source, layout, audience, s), summary_pdf.SummaryPlan)
    )
    # The guess only decides where the search starts: far too small, far too large and
    # the calibrated one must all end on the same size.
    for density in (0.5, summary_pdf.DENSITY, 12.0):
        monkeypatch.setattr(summary_pdf, "DENSITY", density)
        clear_all()
        assert summary_pdf.fit(source, layout, audience).size == largest


def _footer_lines(pdf: bytes, page: int = 0) -> list[str]:
    """The lines of text in the lowest 90 points of a page, top to bottom."""
    import io

    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        sheet = opened.pages[page]
        lines: dict[int, list[str]] = {}
        for word in sheet.extract_words():
            if word["top"] > sheet.height - 90:
                lines.setdefault(round(word["top"]), []).append(word["text"])
    return [" ".join(words) for _, words in sorted(lines.items())]


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        # One page, no page number: the whole width is the title's.
        (DATA / "chart" / "markup-literal.yaml", ["Markup <b>prints</b> as typed & so on · 10A"]),
        # Several pages: the title takes what the page number leaves, and wraps only there.
        (
            DATA / "sources" / "machtergreifung-de.yaml",
            ["Die „Machtergreifung“ der Nationalsozialisten", "1933 · 10A Seite 1 von 4"],
        ),
    ],
)
def test_large_prints_footer_title_wraps_only_where_the_page_number_needs_the_room(source, lines):
    from revpack import render
    from revpack.model import Audience

    made = render(load_source(source), load_layout("summary-large-print"), Audience("10A"), "pdf")
    assert _footer_lines(made[0].data) == lines


@pytest.mark.parametrize("layout", ["summary", "summary-dyslexia"])
def test_a_factor_title_of_one_long_word_breaks_at_a_hyphenation_point(tmp_path, layout):
    # '2  Bündnissystemverpflichtunge' over a lone 'n': the number and the title were one
    # word, which could only be cut between letters.
    titles = ["Bündnissystemverpflichtungen", "Mobilmachungsautomatismus"]
    factors = "".join(f"  - title: {t}\n    points: [Ein Punkt über {t}.]\n" for t in titles)
    source = tmp_path / "weltkrieg.yaml"
    source.write_text(f"title: Krieg\nlanguage: de\nfactors:\n{factors}", "utf-8")
    done = revpack("build", source, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "out" / f"weltkrieg-{layout}.pdf") as pdf:
        words = pdf.pages[0].extract_words()
    for title in titles:
        head = next(
            w for w in words if title.startswith(w["text"].rstrip("-")) and len(w["text"]) > 3
        )
        if head["text"] == title:
            continue
        # (broken: with a hyphen, the rest of the word under it)
        assert head["text"].endswith("-"), head
        rest = title[len(head["text"]) - 1 :]
        assert any(
            w["text"] == rest and abs(w["x0"] - head["x0"]) < 20 and w["top"] > head["top"]
            for w in words
        ), (head, rest)


def test_a_sheet_set_in_small_type_to_fit_says_so(tmp_path):
    # A full topic came out at 7 pt with only '1 written' said of it.
    source = long_source(tmp_path, 10, 6)
    done = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "out" / "long-summary.pdf") as pdf:
        sizes = {round(c["size"], 1) for c in pdf.pages[0].chars if c["text"] == "T"}
    assert min(sizes) < 8
    assert f"{source}: summary is set in 7 pt type to fit on one page" in done.stderr
    done = revpack("build", THAW, "-l", "summary", "-o", tmp_path / "thaw")
    assert done.returncode == 0 and "pt type" not in done.stderr


def test_a_layout_that_asks_small_type_is_told_so_not_that_it_was_shrunk(tmp_path):
    # 'set in 6 pt type to fit on 20 pages', of a sheet of 4 pages in the layout's own 6 pt
    layout = tmp_path / "tiny.yaml"
    layout.write_text(
        "extends: summary\noptions: {max_pages: 20}\nfont: {size: 6, min_size: 5, max_size: 6}\n"
    )
    done = revpack("build", THAW, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (
        f"note: {layout}:3:14: tiny sets its type in 6 pt, smaller than 7.5 pt, which is "
        "hard to read on paper; give the layout a larger font size"
    ) in done.stderr.splitlines()
    assert "to fit" not in done.stderr


def test_a_long_word_broken_once_breaks_again_to_stay_in_its_column(tmp_path):
    # The rest of a web address (or of 'a-' and eighty letters) after its first break ran
    # across the gutter, under the next card and off the page.
    source = tmp_path / "long.yaml"
    source.write_text(
        "title: T\nquestion: Why?\nfactors:\n  - title: F\n    points:\n"
        f'      - "See https://example.org/{"q" * 90} for ==more==."\n'
        f"  - title: G\n    points: [Other ==j== point about a-{'z' * 60} here.]\n",
        "utf-8",
    )
    done = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "out" / "long-summary.pdf") as pdf:
        page = pdf.pages[0]
        middle = page.width / 2
        a_s = [c for c in page.chars if c["text"] == "q"]
        b_s = [c for c in page.chars if c["text"] == "z"]
        assert len(a_s) >= 90 and len(b_s) >= 60
        assert max(c["x1"] for c in a_s) < middle  # (the left card's)
        assert max(c["x1"] for c in b_s) < page.width - 20  # (the right card's, on the page)


@pytest.mark.parametrize("layout", ["summary", "summary-dyslexia", "summary-large-print"])
def test_a_timeline_date_never_breaks_inside_a_word_that_fits_its_column(tmp_path, layout):
    # The dyslexia sheet printed '20 Septem-' / 'ber 1066': a date's month broke though
    # it fitted on a line of its own in the date column.
    source = DATA / "summary" / "hastings-long.yaml"
    done = revpack("build", source, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "out" / f"hastings-long-{layout}.pdf"
    # (laid out as printed: plain pdftotext joins a word broken at a line's end)
    text = subprocess.run(
        [need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "September" in text
    assert "Septem-" not in text and "Octo-" not in text and "Janu-" not in text


def test_a_large_print_footer_never_breaks_inside_the_date():
    # "Die Weimarer Republik (1918–1933) · 28. Mai" / "2026" on every page.
    from revpack.model import Audience
    from revpack.writers import render

    source = load_source(DATA / "sources" / "machtergreifung-de.yaml")
    # (a class name of a length that ended the first line of the footer inside the date)
    dated = Audience(class_name="10B" + " Gr" * 8, date="28 May 2026")
    pdf = render(source, load_layout("summary-large-print"), dated, "pdf")[0].data
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        for page in opened.pages:
            foot = [w for w in page.extract_words() if w["top"] > page.height - 90]
            lines = {}
            for word in foot:
                lines.setdefault(round(word["top"]), []).append(word["text"])
            texts = [" ".join(words).replace("\u00a0", " ") for words in lines.values()]
            assert any("28. Mai 2026" in text for text in texts), texts


def test_a_long_word_in_a_narrow_column_breaks_only_at_its_hyphenation_points(tmp_path):
    # In three columns at 16 pt, a word too wide to end a line was cut between any two
    # letters to fill it ('begann die Wel' / 'twirtschaftskr' / 'ise.'), and a heading's
    # last two words kept together though wider than the line ('der Verfassun' / 'g').
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "narrow.yaml").write_text(
        "name: narrow\nextends: summary\nfont: {size: 16, min_size: 16, max_size: 16}\n"
        "options: {columns: 3, max_pages: 12, split_blocks: true}\n",
        "utf-8",
    )
    source = tmp_path / "krise.yaml"
    source.write_text(
        "title: Test\nlanguage: de\nfactors:\n  - title: Die Krise\n    points:\n"
        "      - Nach dem Börsenkrach in New York begann die ==Weltwirtschaftskrise==.\n"
        "      - Nach dem Börsenkrach in New York begann die Weltwirtschaftskrise.\n"
        "      - Mit Artikel 48 konnte der Reichspräsident ==Notverordnungen== erlassen.\n"
        "  - title: Schwächen der Verfassung\n    points: [Das ist so.]\n",
        "utf-8",
    )
    pdf = build(source, "narrow", tmp_path / "out", "--layouts", layouts)
    lines = [line.strip() for line in pdftotext(pdf).splitlines() if line.strip()]
    allowed = {
        "Weltwirtschaftskrise": {"Welt-", "Weltwirt-", "Weltwirtschafts-"},
        "Notverordnungen": {"Not-", "Notver-", "Notverord-", "Notverordnun-"},
        "Verfassung": {"Ver-", "Verfas-"},
    }
    for word, heads in allowed.items():
        found = [line.split()[-1] for line in lines if line.split()[-1] in heads]
        whole = [line for line in lines if word in line]
        assert found or whole, (word, lines)
        for line in lines:
            last = line.split()[-1]
            if word.startswith(last.rstrip("-")) and last.rstrip("-") != word:
                assert last in heads, (word, lines)


def test_a_long_topic_still_builds_as_a_dyslexia_summary(tmp_path):
    # A topic a little too long for 4 pages at 12 pt was refused ('about 5% too much'),
    # though the large-print summary of it built: the dyslexia summary keeps its blocks
    # whole, as cards, and so needs more pages than its text alone.
    text = THAW.read_text("utf-8")
    extra = "".join(
        f"  - title: Extra notes {n}\n    points:\n"
        + "".join(
            f"      - Point {p} about topic {n}, with some more words to fill the line "
            "and run over two lines in a narrow column.\n"
            for p in range(1, 4)
        )
        for n in range(1, 9)
    )
    source = tmp_path / "longer.yaml"
    source.write_text(text.replace("\nsections:\n", f"\nsections:\n{extra}", 1), "utf-8")
    done = revpack("build", source, "-l", "summary-dyslexia", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / "out" / "longer-summary-dyslexia.pdf") as pdf:
        assert 4 < len(pdf.pages) <= 6


def test_a_card_of_two_points_moves_whole_rather_than_run_on(tmp_path):
    # Large print: 'Heat losses', two points, left one at a page's foot and one under
    # 'Heat losses (continued)' on the next page, which had room for both.
    source = DATA / "sources" / "heat-capacity.yaml"
    done = revpack("build", source, "-l", "summary-large-print", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    pages = pdftotext(tmp_path / "heat-capacity-summary-large-print.pdf").split("\f")
    assert not [page for page in pages if "Heat losses (continued)" in page]
    [page] = [page for page in pages if "Heat losses" in page]
    assert "surroundings" in page and "Insulation" in page
