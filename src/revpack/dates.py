"""The one date revpack ever prints: SOURCE_DATE_EPOCH's, so builds stay reproducible."""

from __future__ import annotations

import datetime
import os

from revpack.problems import InputError, Mark, Problem

LATEST = 4102444799
"""23:59:59 UTC on 31 December 2099: the latest SOURCE_DATE_EPOCH (a DOCX's zip entries
cannot be dated after 2107)."""


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
        raise InputError([Problem(Mark("SOURCE_DATE_EPOCH", 1, 1), (
            f"'{shown}' is not a date revpack can print; SOURCE_DATE_EPOCH is a whole "
            f"number of seconds since 1 January 1970 UTC, from 0 to {LATEST} (2099), "
            "or unset"))])
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return f"{day.day} {day:%B %Y}"
