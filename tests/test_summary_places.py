"""Where a summary's blocks go: long blocks run on between items on sheets of several pages,
short reference boxes fill room left earlier, one-page sheets keep blocks whole, and the
PDFs read back with every term and event whole and in place."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from reportlab.platypus import Spacer

from helpers import DATA, pdftotext, qpdf_check, revpack
from revpack import load_layout, load_source
from revpack.model import Audience
from revpack.writers.pdf.summary import SummaryPlan, fit
from revpack.writers.pdf.summary_blocks import Block
from revpack.writers.pdf.summary_places import Room, filling_room, in_flow, place

SUMMARY = DATA / "summary"
GLOSSARY = SUMMARY / "photosynthesis-glossary.yaml"
HISTORY = SUMMARY / "photosynthesis-history.yaml"
WASTED = SUMMARY / "photosynthesis.yaml"


def words(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def build(source: Path, layout: str, out: Path) -> Path:
    done = revpack("build", source, "-l", layout, "-o", out)
    assert done.returncode == 0, done.stderr
    return out / f"{source.stem}-{layout}.pdf"


def columns_text(pdf: Path) -> list[str]:
    """The text of each column of each page, in reading order, white space collapsed."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            middle = page.width / 2
            for box in ((0, 0, middle, page.height), (middle, 0, page.width, page.height)):
                out.append(words(page.within_bbox(box).extract_text()))
    return out


def plan_of(source: Path, layout: str) -> SummaryPlan:
    return fit(load_source(source), load_layout(layout), Audience())


def parts_named(plan: SummaryPlan, name: str) -> list:
    return [p for p in plan.placed if p.block.name == name]


def continued_parts_open_their_columns(plan: SummaryPlan, name: str) -> None:
    parts = parts_named(plan, name)
    for before, part in zip(parts, parts[1:], strict=False):
        assert part.offset == 0.0, "a continued part opens its column"
        assert part.block.heading is part.block.continued
        assert (part.page, part.column) > (before.page, before.column)


# A terms box or a timeline taller than a column --------------------------------------------


def test_a_terms_box_taller_than_a_column_runs_on_between_terms(tmp_path):
    plan = plan_of(GLOSSARY, "summary-dyslexia")
    parts = parts_named(plan, "the key terms box")
    full = plan.frame[1]
    assert sum(p.block.measure(plan.column_width) for p in parts) > full, "the premise"
    assert len(parts) >= 2
    continued_parts_open_their_columns(plan, "the key terms box")

    pdf = build(GLOSSARY, "summary-dyslexia", tmp_path)
    qpdf_check(pdf)
    columns = columns_text(pdf)
    text = " ".join(columns)
    assert "Key terms (continued)" in text
    source = load_source(GLOSSARY)
    where = []
    for term in source.terms:
        # Each term sits whole in one column: its name, the dash and all of its meaning.
        entry = words(f"{term.term.plain} – {term.meaning.plain}")
        holding = [i for i, column in enumerate(columns) if entry in column]
        assert len(holding) == 1, entry
        where.append((holding[0], columns[holding[0]].index(entry)))
    assert where == sorted(where), "the terms keep their order"


def test_a_timeline_taller_than_a_column_runs_on_between_events(tmp_path):
    plan = plan_of(HISTORY, "summary-dyslexia")
    assert len(parts_named(plan, "the timeline")) >= 2
    continued_parts_open_their_columns(plan, "the timeline")
    pdf = build(HISTORY, "summary-dyslexia", tmp_path)
    columns = columns_text(pdf)
    assert "Timeline (continued)" in " ".join(columns)
    where = []
    for event in load_source(HISTORY).timeline:
        # An event's date and what happened stay side by side in one column.
        entry = words(f"{event.when.plain} {event.what.plain}")
        holding = [i for i, column in enumerate(columns) if entry in column]
        assert len(holding) == 1, entry
        where.append((holding[0], columns[holding[0]].index(entry)))
    assert where == sorted(where)


def test_a_block_taller_than_a_column_is_still_an_error_on_one_page(tmp_path):
    meaning = "The competition to build more and better weapons than the other side, at vast cost."
    source = tmp_path / "terms.yaml"
    source.write_text(
        "title: Many terms\nquestion: Does the glossary fit?\nfactors:\n  - title: A\n"
        "    points: [One short point.]\nterms:\n"
        + "".join(f"  - term: Term {i}\n    meaning: {meaning}\n" for i in range(52)),
        "utf-8",
    )
    done = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [message] = [line for line in done.stderr.splitlines() if line.startswith(str(source))]
    assert message.startswith(
        f"{source}:7:5: the key terms box is taller than a whole page column with layout "
        "'summary', even at the smallest type size (7 pt)"
    )
    assert "shorten some meanings" in message and "max_pages: 2" in message
    assert not list((tmp_path / "out").glob("*.pdf")) if (tmp_path / "out").exists() else True
    # The same glossary runs on where the layout allows more pages.
    pdf = build(source, "summary-dyslexia", tmp_path / "more")
    assert normalised_count(pdf, "better weapons than the other side") == 52


def normalised_count(pdf: Path, phrase: str) -> int:
    return words(pdftotext(pdf)).count(phrase)


def test_a_single_term_taller_than_a_column_is_named_at_its_line(tmp_path):
    sentence = "The arms race cost vast amounts of money and worried both superpowers greatly."
    source = tmp_path / "huge.yaml"
    source.write_text(
        "title: One huge term\nfactors:\n  - title: A\n    points: [one]\nterms:\n"
        "  - term: Small\n    meaning: A short one.\n"
        f"  - term: Huge\n    meaning: {' '.join([sentence] * 60)}\n",
        "utf-8",
    )
    done = revpack("build", source, "-l", "summary-dyslexia", "-o", tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        f"{source}:8:5: the key terms box runs on into the next column only between two "
        "terms, and one term (under the heading) is taller than a whole page column"
    ) in done.stderr
    assert "Shorten that term" in done.stderr


# No page wasted ------------------------------------------------------------------------------


def fits_earlier(plan: SummaryPlan) -> bool:
    """Whether every whole block on the last page would fit the room left in the columns
    of the pages before it."""
    header, full = plan.frame
    gap = plan.size * 0.8
    top = {page: full - header if page == 0 else full for page in range(plan.pages)}
    room = {(page, column): top[page] for page in range(plan.pages - 1) for column in (0, 1)}
    for p in plan.placed:
        if p.page < plan.pages - 1:
            bottom = p.offset + p.block.measure(plan.column_width) + gap
            room[p.page, p.column] = min(room[p.page, p.column], top[p.page] - bottom)
    free = sorted(room.values(), reverse=True)
    last = [p.block.measure(plan.column_width) for p in plan.placed if p.page == plan.pages - 1]
    for height in sorted(last, reverse=True):
        spot = next((i for i, r in enumerate(free) if r >= height + gap), None)
        if spot is None:
            return False
        free[spot] -= height + gap
    return True


@pytest.mark.parametrize("source", [WASTED, GLOSSARY, HISTORY], ids=lambda p: p.stem)
def test_the_last_page_holds_what_earlier_pages_had_no_room_for(source):
    plan = plan_of(source, "summary-dyslexia")
    assert plan.pages >= 2
    assert not fits_earlier(plan)


def test_a_short_timeline_fills_room_left_on_page_2(tmp_path):
    plan = plan_of(WASTED, "summary-dyslexia")
    assert plan.pages == 2  # placed in source order it took three
    pdf = build(WASTED, "summary-dyslexia", tmp_path)
    qpdf_check(pdf)
    columns = columns_text(pdf)
    assert len(columns) == 4
    # The factors read in order, and the timeline comes after the last of them.
    text = " ".join(columns)
    titles = [f"{n} {f.title.plain}" for n, f in enumerate(load_source(WASTED).factors, 1)]
    at = [text.index(title) for title in titles]
    assert at == sorted(at)
    assert text.index("Timeline") > at[-1]
    for event in load_source(WASTED).timeline:
        assert words(f"{event.when.plain} {event.what.plain}") in text


# The placer itself, on blocks of known heights ---------------------------------------------


def card(height: float, name: str, aside: bool = False) -> Block:
    """A block `height` tall with no padding (one item, so it cannot be cut)."""
    return Block([Spacer(10, height)], pad=0, name=name, aside=aside)


def names(placed) -> list[tuple[int, int, str]]:
    return [(p.page, p.column, p.block.name) for p in placed]


def test_a_reference_box_fills_room_left_before_the_box_ahead_of_it():
    # Page 2: F5 leaves room below it; the terms do not fit there, the timeline does.
    blocks = [
        card(60, "F1"),
        card(60, "F2"),
        card(60, "F3"),
        card(60, "F4"),
        card(50, "F5"),
        card(90, "terms", aside=True),
        card(40, "timeline", aside=True),
    ]
    room = Room(10, 0, [120, 100, 100], 2, False)
    flow = in_flow(blocks, room)
    assert flow is not None and flow[-1].page == 2
    placed = place(blocks, room)
    assert placed is not None and {p.page for p in placed} == {0, 1}
    assert names(placed)[4:] == [(1, 0, "F5"), (1, 0, "timeline"), (1, 1, "terms")]


def test_notes_keep_their_order_and_boxes_never_come_before_the_note_before_them():
    blocks = [
        card(70, "F1"),
        card(60, "F2"),  # does not fit under F1: a hole of 30 is left
        card(10, "F3"),  # fits that hole, but a factor never goes before the one before it
        card(25, "timeline", aside=True),  # nor a box before the factor before it
    ]
    room = Room(10, 0, [100, 100], 1, False)
    placed = filling_room(blocks, room)
    assert placed is not None
    assert names(placed) == [(0, 0, "F1"), (1, 0, "F2"), (1, 0, "F3"), (1, 0, "timeline")]


def test_a_sheet_that_fits_as_many_pages_in_flow_is_placed_in_flow():
    # Filling room would set F2 under F1, before the terms: no page saved, so not done.
    blocks = [card(60, "F1"), card(50, "terms", aside=True), card(30, "F2")]
    room = Room(10, 0, [100, 100], 1, False)
    filled = filling_room(blocks, room)
    assert filled is not None and names(filled)[1] == (0, 0, "F2")
    assert place(blocks, room) == in_flow(blocks, room)
    assert names(place(blocks, room) or []) == [(0, 0, "F1"), (1, 0, "terms"), (1, 0, "F2")]


def test_one_page_keeps_the_source_order_even_where_filling_room_would_fit():
    blocks = [card(60, "F1"), card(70, "terms", aside=True), card(40, "F2"), card(30, "F3")]
    room = Room(10, 0, [100], 2, False)
    assert in_flow(blocks, room) is None
    assert filling_room(blocks, room) is not None
    assert place(blocks, room) is None


def test_a_block_too_tall_for_page_1_under_the_header_starts_there(tmp_path):
    # The 12-point first factor fit a whole column but not page 1's, under the header:
    # skipped, it left page 1 with nothing but the header, and the sheet took 3 pages.
    source = SUMMARY / "forces-motion.yaml"
    plan = plan_of(source, "summary-dyslexia")
    first = parts_named(plan, plan.placed[0].block.name)
    assert (first[0].page, first[0].column, first[0].offset) == (0, 0, 0.0)
    assert len(first) == 2 and (first[1].page, first[1].column) == (0, 1)
    continued_parts_open_their_columns(plan, first[0].block.name)
    assert max(p.page for p in plan.placed) == 1
    pages = pdftotext(build(source, "summary-dyslexia", tmp_path)).split("\f")
    assert "Equations of motion" in pages[0] and "Resultant force" in pages[0]


@pytest.mark.parametrize(("points", "events"), [(11, 14), (15, 10), (19, 6), (23, 6), (23, 14)])
def test_a_summary_cuts_a_long_timeline_with_two_events_on_each_side(tmp_path, points, events):
    # The large-print summary left the "Timeline" heading with one event at a column's
    # foot, or one event alone at the top of the next.
    from revpack import render

    notes = "".join(
        f"      - Point {n} of the notes, long enough to take a line or two.\n"
        for n in range(points)
    )
    timeline = "".join(
        f'  - when: "Year{n:02d}"\n    what: Event {n} of the timeline, which took place then.\n'
        for n in range(events)
    )
    path = tmp_path / "long.yaml"
    path.write_text(
        f"title: Long\nfactors:\n  - title: One\n    points:\n{notes}timeline:\n{timeline}",
        "utf-8",
    )
    [pdf] = render(load_source(path), load_layout("summary-large-print"), Audience(), "pdf")
    with pdfplumber.open(io.BytesIO(pdf.data)) as opened:
        columns = []  # how many events each column (page, left edge) holds
        for page in opened.pages:
            found: dict[int, int] = {}
            for word in page.extract_words():
                if re.fullmatch(r"Year\d\d", word["text"]):
                    edge = round(word["x0"] / 50)
                    found[edge] = found.get(edge, 0) + 1
            columns += [found[edge] for edge in sorted(found)]
    assert sum(columns) == events
    assert all(count >= 2 for count in columns), columns
