"""What a teacher should check in a timeline's dates: one that names no real day
('1533-13-01'), and one earlier than the entry above it ('1353' after '1534'). A date is
never parsed for anything else ('Spring 1956', 'c. 1950' stay as written), so these are
notes, not problems: the build goes on, and the answer keys print the dates as written
and ask for the events in the order written."""

from __future__ import annotations

import datetime
import re

from revpack.model import Event, Source

YEAR = re.compile(r"(?<![0-9])([12][0-9]{3})(?![0-9])")
"""A year of four figures, 1000 to 2999 (the first one in a date: '1914–1918' is 1914)."""
ISO = re.compile(r"(?<![0-9])([12][0-9]{3})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
"""A date written year-month-day ('1533-05-23')."""
BEFORE_CHRIST = re.compile(r"\b(?:BCE?|B\.C\.(?:E\.)?|v\. ?Chr\.|av\. J\.-C\.|a\. ?C\.|CC)(?!\w)")
"""A date before year 1, whose years run backwards ('500 BC', '44 v. Chr.')."""


def chronology_notes(source: Source) -> tuple[str, ...]:
    """One line for each timeline date that names no real day, and for each whose year
    comes before the year of the entry above it (not where any date is BC)."""
    notes = [note for event in source.timeline if (note := _impossible(event)) is not None]
    if not any(BEFORE_CHRIST.search(event.when.plain) for event in source.timeline):
        previous: tuple[int, Event] | None = None
        for event in source.timeline:
            found = YEAR.search(event.when.plain)
            if found is None:
                continue
            year = int(found[1])
            if previous is not None and year < previous[0]:
                notes.append(
                    f"{event.when.mark}: '{event.when.plain}' is earlier than "
                    f"'{previous[1].when.plain}' above it; the timeline asks for its "
                    "events in the order written (earliest first): check the date or "
                    "the order"
                )
            previous = (year, event)
    return tuple(notes)


def _impossible(event: Event) -> str | None:
    """The note for a date written year-month-day that names no day ('1533-13-01')."""
    found = ISO.search(event.when.plain)
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as exc:
        return (
            f"{event.when.mark}: '{found[0]}' is no date ({exc}); the answer keys "
            "print it as written"
        )
    return None
