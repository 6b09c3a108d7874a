"""File and folder names made from what inputs say (pack, class, source and layout names).

Every name an input gives becomes one plain path component: never `.` or `..`, never a
separator, no control characters, and short enough for the filesystem. Most filesystems
allow 255 bytes for one name, so a name is cut at a character boundary, keeping what is
readable, with a short hash of the whole name so that two long names stay apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

NAME_BYTES = 255
"""The longest file or folder name (UTF-8 bytes) most filesystems take."""
TAIL_BYTES = 32
"""Room left after a document's base name for what the writers add (`-answers.docx`)."""
SLUG_BYTES = 120
"""The longest pack or class folder name, so that `<pack>-<class>-print.pdf` still reads."""
HASH_CHARS = 8
"""Hex digits of the hash added to a name that was cut."""

DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Characters that change the direction of the text after them: in a file name, U+202E
makes `thaw-<U+202E>fdp.exe` show as `thaw-exe.pdf`; in printed text, a name shown
reversed."""
_UNSAFE = re.compile(rf'[\x00-\x1f\x7f-\x9f{DIRECTION_CONTROLS}/\\<>:"|?*]+')


RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))]
)
"""Names Windows keeps for devices, which no file or folder may take there (nor on a
USB stick or a synced folder a school's Windows machines read): a class called 'CON'."""


def slugify(name: str, limit: int = SLUG_BYTES) -> str:
    """A folder name for a pack, class or student: lower-case letters, digits and dashes
    (any script), at most `limit` bytes; `unnamed` when nothing is left, and a name
    Windows keeps for a device after an underscore ('_con')."""
    text = unicodedata.normalize("NFKC", name).casefold()
    slug = re.sub(r"[^\w]+", "-", text).strip("-_")
    if slug in RESERVED:
        return f"_{slug}"
    return fit(slug, limit) if slug else "unnamed"


def safe(name: str) -> str:
    """`name` with every character a path or a terminal could trip on (separators,
    control characters, text-direction controls, those Windows forbids) made a dash;
    `unnamed` if it is then empty, `.` or `..`. Case, spaces and letters are kept, so
    names stay as written."""
    text = _UNSAFE.sub("-", unicodedata.normalize("NFC", name))
    return "unnamed" if text.strip(" .") == "" else text


def fit(name: str, limit: int) -> str:
    """`name` if it takes at most `limit` UTF-8 bytes; else its start, cut at a character
    boundary, a dash and a short hash of the whole name, in `limit` bytes."""
    data = name.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return name
    digest = hashlib.sha256(data).hexdigest()[:HASH_CHARS]
    head = data[: limit - HASH_CHARS - 1].decode("utf-8", "ignore").rstrip("-_ .")
    return f"{head}-{digest}"


def document(stem: str, layout: str) -> str:
    """The base name of a document, `<stem>-<layout>`, with room left for the suffix and
    extension its writer adds (at most TAIL_BYTES)."""
    return fit(safe(f"{stem}-{layout}"), NAME_BYTES - TAIL_BYTES)


def with_tail(name: str, tail: str) -> str:
    """`name` followed by `tail` (e.g. `-print.pdf`), `name` cut so that the whole fits."""
    return fit(name, NAME_BYTES - len(tail.encode("utf-8"))) + tail


def not_plain(name: str) -> str | None:
    """Why `name` cannot be a file name as it stands (a layout's `name:`), or None."""
    if "/" in name or "\\" in name:
        return "has a / or \\ in it"
    if name in (".", ".."):
        return f"is '{name}'"
    if _CONTROL.search(name):
        return "has a control character in it"
    if _DIRECTION.search(name):
        return "has a text-direction control character in it"
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")


def shown(name: str) -> str:
    """`name` for a one-line message: control characters as escapes."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", name)


def child(folder: Path, name: str) -> Path:
    """`folder / name`, for a `name` that is one plain component (checked, so that no
    name can step out of `folder`)."""
    if not name or not_plain(name) is not None:
        raise ValueError(f"not a plain file name: {name!r}")
    return folder / name
