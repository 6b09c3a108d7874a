"""How large an input may be: far beyond any real revision topic, yet small enough that no
input makes a build run for minutes or take gigabytes before it is refused.

The README's "Limits" list repeats these numbers; keep the two together.
"""

from __future__ import annotations

import errno
import os
import stat
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
ROSTER_BYTES = 1_000_000
"""Bytes in one roster file (a class of 30 is under 1 KB)."""
STUDENTS = 500
"""Students in one class (each has a worksheet of their own)."""
PACK_STUDENTS = 5_000
"""Students in one pack, all classes together (a large school has 2,000; 500 classes of
500 meant millions of files)."""
DOCUMENTS = 20_000
"""Documents one build may make (about two minutes' work on two cores: every student of a
large school, three worksheets each in three formats)."""
NOTES_BYTES = 250_000
"""Bytes in one .txt or .md file of notes to import (more text than a source may hold)."""
DOCX_BYTES = 50_000_000
"""Bytes in one .docx file of notes to import (pictures and all)."""
DOCX_XML_BYTES = 10_000_000
"""Bytes its text parts (XML) may unpack to."""
DOCX_UNPACKED_BYTES = 200_000_000
"""Bytes all its parts, pictures and all, may unpack to (python-docx holds every part in
memory: a 2 MB file may hold a picture of gigabytes)."""
DOCX_PARAGRAPHS = 5_000
"""Paragraphs in its body (a long topic's notes have a few hundred)."""
SEARCH_ENTRIES = 50_000
"""Files and folders one search for inputs looks through (a pack's `sources:` pattern, a
folder named on the command line) before it gives up."""


def read_regular(path: Path, limit: int) -> tuple[int, bytes]:
    """The size of the regular file `path` and its first `limit + 1` bytes at most (all of
    them when it is no larger than `limit`). OSError when it cannot be read, or is a
    folder, a pipe or a device: reading a pipe could wait, and a device never end."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "it is not a file but a pipe, a socket or a device")
        size = os.fstat(file.fileno()).st_size
        data = file.read(limit + 1)
        if data is None:  # (a file that will not be read without waiting: /proc/kmsg)
            raise OSError(errno.EAGAIN, "it has nothing to read without waiting")
    return max(size, len(data)), data


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, or InputError at once if it is larger than `limit` (checked
    before reading, so a huge file costs nothing) or cannot be read."""
    name = str(path)
    try:
        size, data = read_regular(path, limit)
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
