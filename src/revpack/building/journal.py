"""What a build is about to write, noted before each file is written, so that a build
stopped before it could record its files (Ctrl-C between writing a document and
remembering it, the process killed, the machine switched off) does not leave files that
the next build takes for a teacher's edits and keeps, stale.

Kept as `.revpack-journal` in the output folder: a line `SIZE SHA256 NAME` a file, its
name relative to the folder. A build that ends having recorded everything it wrote in the
manifest removes it; the next build reads what is left: a file that holds bytes the
journal names is revpack's, to rebuild like any other.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from revpack.building.manifest import digest

NAME = ".revpack-journal"
MAX_BYTES = 16 * 2**20
"""A journal larger than this is no journal revpack wrote (a year group's build notes a
few hundred KB); it is ignored."""


def note(out: Path, path: Path, data: bytes) -> None:
    """Note, before it is written, that `path` (in the output folder `out`) is about to
    hold `data`."""
    try:
        rel = path.relative_to(out).as_posix()
    except ValueError:
        return  # (not in the output folder: nothing of the manifest's)
    if "\n" in rel or "\r" in rel:
        return  # (no line of its own: such a name is refused anyway)
    line = f"{len(data)} {hashlib.sha256(data).hexdigest()} {rel}\n"
    out.mkdir(parents=True, exist_ok=True)
    with open(out / NAME, "a", encoding="utf-8", errors="surrogateescape") as journal:
        journal.write(line)


def written(out: Path) -> frozenset[Path]:
    """The files in `out` that hold what a build noted it was about to write in them."""
    path = out / NAME
    try:
        if os.lstat(path).st_size > MAX_BYTES:
            return frozenset()
        text = path.read_text("utf-8", errors="surrogateescape")
    except (OSError, ValueError):
        return frozenset()
    noted: dict[str, set[tuple[int, str]]] = {}
    for line in text.splitlines():
        size, _, rest = line.partition(" ")
        sha, _, rel = rest.partition(" ")
        if size.isdigit() and len(sha) == 64 and rel and _inside(rel):
            noted.setdefault(rel, set()).add((int(size), sha))
    found = set()
    for rel, versions in noted.items():
        file = out / rel
        try:
            size = os.lstat(file).st_size
        except OSError:
            continue
        if not any(size == s for s, _ in versions):
            continue
        now = digest(file)
        if now is not None and (now.size, now.sha256) in versions:
            found.add(file)
    return frozenset(found)


def clear(out: Path) -> None:
    """Forget what was noted: everything written is in the manifest."""
    try:
        os.unlink(out / NAME)
    except OSError:
        pass


def _inside(rel: str) -> bool:
    """Whether `rel` names a file inside the folder (a damaged journal may say anything)."""
    return not rel.startswith("/") and ".." not in rel.split("/")
