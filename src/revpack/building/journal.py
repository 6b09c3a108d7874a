"""What a build is about to write, noted before each file is written, so that a build
stopped before it could record its files (Ctrl-C between writing a document and
remembering it, the process killed, the machine switched off) does not leave files that
the next build takes for a teacher's edits and keeps, stale.

Kept as `.revpack-journal` in the output folder: a line `SIZE SHA256 NAME` a file, its
name relative to the folder. A build that ends having recorded everything it wrote in the
manifest removes it; the next build reads what is left: a file that holds bytes the
journal names is revpack's, to rebuild like any other. So does a build that finds a file
changed since its record while another build into the folder runs: that one may have just
written it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from revpack.building.files import locked
from revpack.building.manifest import Written, digest

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
    with locked(out):  # (another build into the folder may be settling the journal)
        _append(out / NAME, line.encode("utf-8", "surrogateescape"))


def _append(path: Path, data: bytes) -> None:
    """Add `data` at the end of the file at `path`, never through a link (a journal that
    is a link would have revpack write outside the output folder)."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    # (not blocking: a pipe put in its place would have the build wait for good)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO):  # a link, a pipe
            raise OSError(exc.errno, f"{path} is a link or a pipe, not a file") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, f"{path} is not a file revpack wrote")
        os.write(descriptor, data)
    finally:
        os.close(descriptor)


def written(out: Path) -> frozenset[Path]:
    """The files in `out` that hold what a build noted it was about to write in them."""
    return frozenset(
        out / rel for rel, versions in _noted(out).items() if _holds_one_of(out / rel, versions)
    )


def holding_noted(out: Path, paths: Iterable[Path]) -> frozenset[Path]:
    """Those of `paths` (files in `out`) that hold what a build noted it was about to
    write in them: another build into the folder, still running, has just written them,
    and they are revpack's. (Read under the lock: a build settling the journal removes it
    a moment before writing back what it keeps.)"""
    if not os.path.lexists(out / NAME):  # (the common case: no build is writing)
        return frozenset()
    try:
        with locked(out):
            noted = _noted(out)
    except OSError:
        return frozenset()
    found = set()
    for path in paths:
        try:
            versions = noted.get(path.relative_to(out).as_posix())
        except ValueError:
            continue  # (not in the output folder)
        if versions and _holds_one_of(path, versions):
            found.add(path)
    return frozenset(found)


def _noted(out: Path) -> dict[str, set[tuple[int, str]]]:
    """What the journal in `out` names: each file, with the (size, SHA-256) noted for it."""
    path = out / NAME
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return {}  # (a link, or not revpack's: read nothing through it)
        text = path.read_text("utf-8", errors="surrogateescape")
    except (OSError, ValueError):
        return {}
    noted: dict[str, set[tuple[int, str]]] = {}
    for line in text.splitlines():
        size, _, rest = line.partition(" ")
        sha, _, rel = rest.partition(" ")
        if size.isdigit() and len(sha) == 64 and rel and _inside(rel):
            noted.setdefault(rel, set()).add((int(size), sha))
    return noted


def _holds_one_of(file: Path, versions: set[tuple[int, str]]) -> bool:
    """Whether the regular file `file` holds bytes of one of `versions` (size, SHA-256)."""
    try:
        info = os.lstat(file)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or not any(info.st_size == s for s, _ in versions):
        return False
    now = digest(file)
    return now is not None and (now.size, now.sha256) in versions


def settle(out: Path, recorded: Callable[[], Mapping[str, Written]]) -> None:
    """Forget what was noted and is now recorded (`recorded()`: what the manifest says
    revpack wrote in each file, asked only when there is a journal), or is no longer in its
    file; keep the rest (what another build into the folder, stopped, wrote without
    recording it)."""
    if not os.path.lexists(out / NAME):  # (the common case: nothing to settle, no lock)
        return
    with locked(out):  # (another build into the folder may be noting in it)
        _settle(out, recorded)


def _settle(out: Path, recorded: Callable[[], Mapping[str, Written]]) -> None:
    noted = _noted(out)
    if not noted:
        return
    files = recorded()
    left = []
    for rel, versions in noted.items():
        written = files.get(rel)
        if written is not None and (written.size, written.sha256) in versions:
            continue  # (recorded: the common case, told without reading the file)
        if _holds_one_of(out / rel, versions):
            left += [f"{size} {sha} {rel}\n" for size, sha in sorted(versions)]
    try:
        os.unlink(out / NAME)
        if left:
            _append(out / NAME, "".join(left).encode("utf-8", "surrogateescape"))
    except OSError:
        pass


def _inside(rel: str) -> bool:
    """Whether `rel` names a file inside the folder (a damaged journal may say anything)."""
    return not rel.startswith("/") and ".." not in rel.split("/")
