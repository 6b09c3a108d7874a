"""Put the events in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revpack.loading.typography import date_spaces
from revpack.model import Event, Source
from revpack.worksheet.compose import Context, cell, plain
from revpack.worksheet.document import Block, Table
from revpack.worksheet.exercises.common import (
    HANDWRITING,
    PADDING,
    Printed,
    ems,
    heading_room,
    label_width,
    letter,
    mixed_order,
    whole_share,
)

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


@dataclass(frozen=True)
class TimelineOrder:
    """Put the events in order."""

    events: tuple[Event, ...]
    """Lettered from A, shuffled."""
    order: tuple[int, ...]
    """Indexes into `events`, earliest first (the source lists events in order)."""
    ask_dates: bool
    """True when students also write each event's date."""

    @property
    def dated(self) -> bool:
        """Whether every event's 'when' is a date (with a figure of two or more: '1912',
        '14 Oct 1066', 'c. 1500'), not a label such as 'Act 2': the sheet asks the date of
        each event, else when each happens."""
        return all(DATED.search(event.when.plain) for event in self.events)

    def label(self, name: str) -> str:
        """The label key of the date column's heading ('date') or of the instruction
        that asks for them ('dates'): their 'when' forms where the events are not all
        dated."""
        whens = {"date": "when", "dates": "whens"}
        return f"timeline_order.{name if self.dated else whens[name]}"

    def places(self, index: int) -> tuple[int, ...]:
        """The places in time (1 the earliest) that are right for event `index`: its own,
        and those of the events written with the same date (either order of two events of
        one date is right)."""
        when = self.events[index].when.plain.strip().casefold()
        return tuple(
            place
            for place, at in enumerate(self.order, 1)
            if self.events[at].when.plain.strip().casefold() == when
        )

    def place_label(self, index: int) -> str:
        """Event `index`'s place as the key prints it: '3', or '3–4' for one of two
        events of one date."""
        found = self.places(index)
        return str(found[0]) if len(found) == 1 else f"{found[0]}\u2013{found[-1]}"


DATED = re.compile(r"[0-9]{2}")
"""A figure of two or more in a 'when': a year or a day of the month (not 'Act 2')."""
DATE_SHARE = 0.3
"""The most of the line a date column takes."""
LEFT_OUT = "the timeline (the source has fewer than two events)"
"""Why a sheet can lack this exercise."""


PRINTS = Printed(
    lambda source: tuple(event.what for event in source.timeline),
    2,
    shows="timeline",  # (a gap in '1953: The ==Armistice==…' is answered by its event)
)
"""The events."""


def build(source: Source, options: Options, seed: int) -> TimelineOrder | None:
    """The events shuffled; the key gives them back in the source's (chronological) order."""
    if len(source.timeline) < 2:
        return None
    order = mixed_order(len(source.timeline), seed, "timeline")
    events = tuple(source.timeline[i] for i in order)
    return TimelineOrder(
        events,
        tuple(order.index(i) for i in range(len(order))),
        options.timeline_dates and not numbered_steps(source),
    )


def numbered_steps(source: Source) -> bool:
    """Whether the timeline's 'when's number steps rather than date events ('Step 1',
    'Section 2', 'Day 3': one word and a small number), when a sheet asks no dates: a
    date column would repeat the order column."""
    words = {
        re.sub(r"[0-9]+", "#", event.when.plain.strip().casefold()) for event in source.timeline
    }
    numbers = [n for event in source.timeline for n in re.findall(r"[0-9]+", event.when.plain)]
    (word,) = words if len(words) == 1 else ("",)
    return any(c.isalpha() for c in word) and all(len(n) <= 2 for n in numbers)


def sheet(exercise: TimelineOrder, context: Context) -> list[Block]:
    """Lettered events with a column to number them (and one for the date)."""
    labels = context.labels
    words = labels("timeline_order.instructions", count=len(exercise.events))
    if exercise.ask_dates:
        words += " " + labels(exercise.label("dates"))
    letters = label_width(letter(len(exercise.events) - 1), context.size)
    widths = [letters, 0.0, heading_room(labels("timeline_order.order"), 52.0, context.size)]
    if exercise.ask_dates:
        # room to write the longest date by hand, up to DATE_SHARE of the line
        written = max(len(e.when.plain) for e in exercise.events) * HANDWRITING + PADDING
        widths.append(
            max(
                heading_room(labels(exercise.label("date")), 90.0, context.size),
                min(written, context.width * DATE_SHARE),
            )
        )
    widths[1] = context.width - sum(widths)
    header = [
        cell(""),
        cell(labels("timeline_order.event"), bold=True),
        cell(labels("timeline_order.order"), bold=True),
    ]
    if exercise.ask_dates:
        header.append(cell(labels(exercise.label("date")), bold=True))
    rows = tuple(
        (cell(letter(i), bold=True), cell(event.what), cell(""))
        + ((cell(""),) if exercise.ask_dates else ())
        for i, event in enumerate(exercise.events)
    )
    return [
        plain(words, "instructions"),
        Table(
            tuple(widths),
            rows,
            tuple(header),
            row_height=context.size * 2.2,
            keep_whole=True,
            whole_share=whole_share(context),
        ),
    ]


def key(exercise: TimelineOrder, context: Context, level: int) -> list[Block]:
    """The events in order, with their letters and dates, kept whole like the sheet's
    table (a teacher marks the order down the page at a glance)."""
    labels = context.labels
    widths = [
        heading_room(labels("timeline_order.order"), 52.0, context.size),
        label_width(letter(len(exercise.events) - 1), context.size),
        max(
            heading_room(labels(exercise.label("date")), 96.0, context.size),
            # the longest date on one line, up to DATE_SHARE of the line
            min(
                max(ems(e.when.plain) for e in exercise.events) * context.size + PADDING,
                context.width * DATE_SHARE,
            ),
        ),
    ]
    widths.append(context.width - sum(widths))
    header = (
        cell(labels("timeline_order.order"), bold=True),
        cell(""),
        cell(labels(exercise.label("date")), bold=True),
        cell(labels("timeline_order.event"), bold=True),
    )
    rows = tuple(
        (
            cell(exercise.place_label(index), bold=True),
            cell(letter(index), bold=True),
            cell(date_spaces(exercise.events[index].when)),
            cell(exercise.events[index].what),
        )
        for index in exercise.order
    )
    return [Table(tuple(widths), rows, header, keep_whole=True, whole_share=whole_share(context))]
