"""How large an input may be: far beyond any real revision topic, yet small enough that no
input makes a build run for minutes or take gigabytes before it is refused.

The README's "Limits" list repeats these numbers; keep the two together.
"""

from __future__ import annotations

import os
from pathlib import Path

from revpack.problems import InputError, Mark, Problem

SOURCE_BYTES = 1_000_000
"""Bytes in one source file (a dense topic is under 20 KB)."""
LAYOUT_BYTES = 100_000
"""Bytes in one layout file."""
PACK_BYTES = 100_000
"""Bytes in one pack file."""
TEXT_CHARS = 10_000
"""Characters in one text of a source (a title, a question, a point, a meaning)."""
NAME_CHARS = 200
"""Characters in one printed name or label (pack, class, teacher, a layout's name and
description, a worksheet's prompts)."""
POINTS = 100
"""Points in one factor or section."""
SUBPOINTS = 20
"""Sub-points under one point."""
ALL_POINTS = 600
"""Points, sub-points, factor and section titles, terms and timeline entries in one source,
all together (a dense topic has about 80)."""
ALL_CHARS = 200_000
"""Characters of text in one source, all together (a dense topic has about 10,000)."""
FACTORS = 40
"""Factors in one source (a factor chart holds at most 12)."""
ENTRIES = 200
"""Sections, terms or timeline entries in one source, each."""
CLASSES = 500
"""Classes in one pack (a trust building a topic for every class of several schools)."""
EXTENDS = 20
"""Layouts in one `extends` chain."""


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, or InputError at once if it is larger than `limit` (checked
    before reading, so a huge file costs nothing) or cannot be read."""
    name = str(path)
    try:
        size = os.stat(path).st_size
        if size <= limit:
            with open(path, "rb") as file:
                data = file.read(limit + 1)
            size = len(data)
    except OSError as exc:
        raise InputError(
            [Problem(Mark(name, 1, 1), f"cannot read file: {exc.strerror or exc}")]
        ) from None
    if size > limit:
        raise InputError(
            [
                Problem(
                    Mark(name, 1, 1),
                    f"this {what} is {size:,} bytes; a "
                    f"{what} may have at most {limit:,} bytes, far more than "
                    "a revision topic needs: split it",
                )
            ]
        )
    return data
