"""Where a summary sheet's blocks go: page, column and offset, at one type size.

A sheet's columns, page after page, are its slots, read in order (page 1's first column,
its second, then page 2's…). Each block is measured at the column width; a block stays
whole, as a card, unless it must run on: where the layout lets long blocks run on
(`split_blocks`), or where it is taller than a whole column, or than an empty column it
comes to (page 1's, under the header), and the layout allows more than one page. A block
that runs on is cut between points, terms or events
(`Block.split`), and each further part opens the next column under its heading marked
"continued".

Two ways of placing are tried:

- In flow (`in_flow`): the blocks in source order, each in the current column or, when it
  does not fit there, the next one. The reading order is the source's.
- Filling room (`filling_room`, sheets of several pages only): the notes (factors and
  sections) still in source order, each in the earliest column from the one before it
  with room for it; the reference boxes (the key terms box and the timeline) in the
  earliest column with room for them from that of the note before them in the source.
  So a short timeline fills the foot of a column the key terms box did not fit instead of
  a page of its own. The order kept: the notes read in source order, and each reference
  box comes after the notes it follows in the source; a reference box may come before
  another that precedes it (the timeline before the key terms box), and so may a note.
  A block that runs on does so from the last column in use, so that its parts follow one
  another.

The sheet is placed in flow unless filling room takes fewer pages (or only it fits): the
source's order is given up only to save a page, and a sheet that fits as many pages in
flow is drawn as before. One-page sheets are always placed in flow. The last page's
columns are then evened out, unless a block was cut on it.
"""

from __future__ import annotations

from typing import NamedTuple

from revpack.writers.pdf.summary_blocks import Block

MIN_ITEMS = 2
"""The fewest points, terms or events of a block on either side of a cut made under
other blocks (a block of fewer than four items is cut at one)."""


class Placement(NamedTuple):
    """Where a block of the body goes."""

    page: int
    """The page, from 0."""
    column: int
    """The column on that page, from 0."""
    offset: float
    """How far below the top of the page's columns its top is."""
    block: Block
    """The block (or a part of one)."""


class Room(NamedTuple):
    """The columns the body may use, at one type size."""

    column: float
    """A column's width."""
    gap: float
    """The space below each block."""
    capacities: list[float]
    """Per page, the height of its columns (page 1's are shorter, under the header)."""
    columns: int
    """Columns per page."""
    split: bool
    """Whether every block too long for the room left may run on (the layout's
    `split_blocks`); otherwise only a block taller than a whole column does, on a sheet
    of several pages."""
    least: int = 1
    """The fewest items on each side of a cut made under other blocks (MIN_ITEMS, or one
    where that saves a page)."""

    def must_cut(self, block: Block) -> bool:
        """Whether `block` may run on into the next column."""
        return self.split or (
            len(self.capacities) > 1 and block.measure(self.column) > max(self.capacities)
        )


def place(blocks: list[Block], room: Room) -> list[Placement] | None:
    """The blocks' places in reading order, or None if they do not fit (see the module's
    docstring for how): with MIN_ITEMS on each side of a cut made under other blocks,
    unless cutting at one item saves a page."""
    strict = _placed(blocks, room._replace(least=MIN_ITEMS))
    if strict is None:
        return _placed(blocks, room)
    if len(room.capacities) == 1 or _pages(strict) <= _fewest_pages(blocks, room):
        return strict  # (no placing takes fewer pages)
    loose = _placed(blocks, room)
    return loose if loose is not None and _pages(loose) < _pages(strict) else strict


def _placed(blocks: list[Block], room: Room) -> list[Placement] | None:
    flow = in_flow(blocks, room)
    if len(room.capacities) == 1:
        return flow
    if flow is not None and _pages(flow) <= _fewest_pages(blocks, room):
        return flow  # (no placing takes fewer pages: not worth trying another)
    filled = filling_room(blocks, room)
    if filled is not None and (flow is None or _pages(filled) < _pages(flow)):
        return filled
    return flow


def _fewest_pages(blocks: list[Block], room: Room) -> int:
    """The fewest pages any placing could take: as many as the blocks' heights fill,
    every column filled to the bottom."""
    needed = sum(block.measure(room.column) + room.gap for block in blocks)
    held = 0.0
    for page, capacity in enumerate(room.capacities, 1):
        held += capacity * room.columns
        if held >= needed:
            return page
    return len(room.capacities)


def _pages(placed: list[Placement]) -> int:
    return max((p.page for p in placed), default=0) + 1


def in_flow(blocks: list[Block], room: Room) -> list[Placement] | None:
    """Each block in the current column, or the next one if it does not fit there; a
    block that may run on is cut to the room left instead."""
    column, gap, capacities, columns = room.column, room.gap, room.capacities, room.columns
    placed: list[Placement] = []
    page = col = 0
    used = 0.0
    cut_on = -1  # the last page on which a block was cut
    queue = [(block, room.must_cut(block)) for block in blocks]
    while queue:
        block, cuttable = queue.pop(0)
        h = block.measure(column)
        while used + h > capacities[page]:
            # An empty column too short for the block (page 1's, under a tall header)
            # takes what of it fits, on a sheet of several pages: skipped, it left page 1
            # with nothing but its header.
            short = used == 0 and len(capacities) > 1
            # (Under other blocks, two items at least on each side of a cut: a heading
            # with one event at a column's foot, or one event alone on the last page,
            # read as left over.)
            least = 1 if used == 0 else room.least
            parts = (
                block.split(column, capacities[page] - used, least) if cuttable or short else None
            )
            if parts:
                block, rest = parts
                h = block.measure(column)
                queue.insert(0, (rest, True))
                cut_on = page
                break
            col, used = col + 1, 0.0
            if col == columns:
                page, col = page + 1, 0
                if page == len(capacities):
                    return None
        placed.append(Placement(page, col, used, block))
        used += h + gap
    # Evening out the last page's columns could set a block's two parts one under the
    # other; a page where a block was cut is already full.
    if cut_on == page:
        return placed
    return _balance(placed, room)


def filling_room(blocks: list[Block], room: Room) -> list[Placement] | None:
    """Each block in the earliest column with room for it from that of the last note
    (factor or section) before it; a block that must run on is cut from the last column
    in use."""
    column, gap = room.column, room.gap
    slots = [(page, col) for page in range(len(room.capacities)) for col in range(room.columns)]
    tops = [room.capacities[page] for page, _ in slots]
    used = [0.0] * len(slots)
    placed: list[Placement] = []
    cut_on: set[int] = set()
    end = 0  # the last slot in use
    note = 0  # the slot of the last note placed

    def put(slot: int, part: Block) -> None:
        page, col = slots[slot]
        placed.append(Placement(page, col, used[slot], part))
        used[slot] += part.measure(column) + gap

    for block in blocks:
        h = block.measure(column)
        cuttable = room.must_cut(block)
        # A block that may run on fills room left before the end, else runs on from there.
        last = end if cuttable else len(slots) - 1
        slot = next((s for s in range(note, last + 1) if used[s] + h <= tops[s]), None)
        if slot is not None:
            put(slot, block)
        elif not cuttable:
            return None
        else:
            slot, part = end, block
            while True:
                if slot == len(slots):
                    return None
                if used[slot] + part.measure(column) <= tops[slot]:
                    put(slot, part)
                    break
                parts = part.split(
                    column, tops[slot] - used[slot], 1 if used[slot] == 0 else room.least
                )
                if parts:
                    put(slot, parts[0])
                    cut_on.add(slots[slot][0])
                    part = parts[1]
                slot += 1
        if not block.aside:
            note = slot
        end = max(end, slot)
    placed.sort(key=lambda p: (p.page, p.column, p.offset))
    if placed and placed[-1].page in cut_on:
        return placed
    return _balance(placed, room)


def _balance(placed: list[Placement], room: Room) -> list[Placement]:
    # Even out the columns of the last page: the shortest height that still holds them.
    last = placed[-1].page if placed else 0
    mine = [i for i, p in enumerate(placed) if p.page == last]
    heights = {i: placed[i].block.measure(room.column) for i in mine}
    low, high = max(heights.values(), default=0), room.capacities[last]
    best: list[tuple[int, float]] | None = None
    for _ in range(24):
        middle = (low + high) / 2
        attempt = _columns([heights[i] for i in mine], room.gap, middle, room.columns)
        if attempt is None:
            low = middle
        else:
            best, high = attempt, middle
    if best is None:
        return placed
    for i, (col, y) in zip(mine, best, strict=True):
        placed[i] = Placement(last, col, y, placed[i].block)
    return placed


def _columns(
    heights: list[float], gap: float, limit: float, columns: int
) -> list[tuple[int, float]] | None:
    """(column, offset) per height, filling each column up to `limit`; None if they need
    more than `columns` columns."""
    out: list[tuple[int, float]] = []
    col, used = 0, 0.0
    for h in heights:
        if used and used + h > limit:
            col, used = col + 1, 0.0
            if col == columns:
                return None
        out.append((col, used))
        used += h + gap
    return out
