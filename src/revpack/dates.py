"""The one date revpack ever prints: SOURCE_DATE_EPOCH's, so builds stay reproducible."""

from __future__ import annotations

import datetime
import os


def printed_date() -> str | None:
    """SOURCE_DATE_EPOCH as '26 November 2026', or None when it is unset or not a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    day = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    return f"{day.day} {day:%B %Y}"
