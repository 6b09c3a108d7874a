"""The one date revpack ever prints: SOURCE_DATE_EPOCH's, so builds stay reproducible.

The build carries it as '26 November 2026' (day, English month, year: the form DOCX
metadata is read back from); `in_language` prints it with a label set's month names and
date pattern, never with the C locale's.
"""

from __future__ import annotations

import datetime
import os

from revpack.labels import Labels
from revpack.problems import InputError, Mark, Problem

LATEST = 4102444799
"""23:59:59 UTC on 31 December 2099: the latest SOURCE_DATE_EPOCH (a DOCX's zip entries
cannot be dated after 2107)."""
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def printed_date() -> str | None:
    """SOURCE_DATE_EPOCH as '26 November 2026', or None when it is unset or empty.

    Raises InputError, placed at `SOURCE_DATE_EPOCH:1:1`, for a value that is not a whole
    number of seconds from 0 to LATEST."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = raw.strip()
    if not epoch:
        return None
    if not (epoch.isascii() and epoch.isdigit()) or len(epoch) > 12 or int(epoch) > LATEST:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise InputError(
            [
                Problem(
                    Mark("SOURCE_DATE_EPOCH", 1, 1),
                    (
                        f"'{shown}' is not a date revpack can print; SOURCE_DATE_EPOCH is a whole "
                        f"number of seconds since 1 January 1970 UTC, from 0 to {LATEST} (2099), "
                        "or unset"
                    ),
                )
            ]
        )
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse(date: str) -> datetime.date | None:
    """The day a `printed_date` names, or None for text in any other form."""
    parts = date.split()
    if len(parts) != 3 or parts[1] not in MONTHS or not (parts[0] + parts[2]).isdigit():
        return None
    try:
        return datetime.date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0]))
    except ValueError:
        return None


UNDATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
"""The moment stamped on a document when no date is printed: fixed, for identical bytes."""


def moment(date: str | None) -> datetime.datetime:
    """Midnight (UTC) of the day a `printed_date` names, or UNDATED: the creation time
    every output format stamps, taken from the job alone, never from the clock or the
    environment of the process that renders it."""
    day = parse(date) if date else None
    if day is None:
        return UNDATED
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def in_language(date: str | None, labels: Labels) -> str | None:
    """`date` (as `printed_date` gives it) written in the labels' language: '1er décembre
    2026', '1. Dezember 2026', '1 Rhagfyr 2026'; text in another form is left as it is."""
    if date is None:
        return None
    day = parse(date)
    if day is None:
        return date
    return labels(
        "date_format",
        count=day.day,
        day=day.day,
        month=labels.months()[day.month - 1],
        year=day.year,
    )
