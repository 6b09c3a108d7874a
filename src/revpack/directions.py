"""Text written right to left (Hebrew, Arabic), which the PDF writers print in the order it
was typed: found so that the build can say where it is."""

from __future__ import annotations

import re

RIGHT_TO_LEFT = re.compile(
    r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+(?:\s+[\u0590-\u08ff"
    r"\ufb1d-\ufdff\ufe70-\ufefc]+)*"
)
"""Hebrew and Arabic letters (with the words that follow them in the same script)."""


def right_to_left(text: str) -> str | None:
    """The first run of right-to-left words in `text`, or None."""
    found = RIGHT_TO_LEFT.search(text)
    return found.group() if found else None
