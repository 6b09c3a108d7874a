"""Atomic file writes: a temporary `.part` file in the same folder, then a rename.

A write into an output folder never follows a symbolic link out of it: a file or folder
in it that is a link leading outside (or a dangling link that would) fails that write
with `Outside`, an OSError, so it is reported as any other write that fails. A link that
leads to a place inside the folder is followed for folders; a file that is such a link
is replaced by the file written, its target left as it was.

A `.part` file is locked while it is written, so a build can tell the `.part` files a
killed build left behind (nobody holds their lock) from those another build is writing
into the same folder at the same moment, and remove only the first.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows, which will not remove an open file anyway
    fcntl = None  # type: ignore[assignment]  # (no module: every use checks for None first)

PART_PREFIX, PART_SUFFIX = ".revpack-", ".part"
"""How a file being written is named: short, so that a name at the filesystem's limit
still has room for its `.part` file."""


OUTSIDE = "is a symbolic link leading outside the output folder"
"""Why a write that would leave the output folder through a link is refused."""


class Outside(OSError):
    """A write refused: a symbolic link on its way leads out of the output folder."""


def write_atomic(path: Path, data: bytes, root: Path | None = None) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.
    With `root` (the output folder `path` is in), raise `Outside` rather than follow a
    symbolic link out of it."""
    folder = path.parent
    if root is not None:
        inside(path, root)  # every link on the way, and `path` itself if a link
        folder = Path(os.path.realpath(folder))  # links to folders inside followed
    _make_folder(folder)
    target = folder / path.name
    for attempt in range(3):
        handle, temp = _part(folder)
        try:
            with os.fdopen(handle, "wb") as file:
                _lock(file.fileno(), wait=True)
                file.write(data)
                file.flush()
                os.replace(temp, target)
            return
        except FileNotFoundError:
            # Another build took the .part file for a killed build's in the instant before
            # it was locked, and removed it: write it again.
            temp.unlink(missing_ok=True)
            if attempt == 2 or not folder.is_dir():
                raise
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def _make_folder(folder: Path) -> None:
    """Make `folder` and those above it; NotADirectoryError naming the file that stands
    where one of them would be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        blocking = next(
            (p for p in (folder, *folder.parents) if os.path.lexists(p) and not p.is_dir()),
            folder,
        )
        raise NotADirectoryError(
            errno.ENOTDIR, f"{blocking} is a file, not a folder", str(folder)
        ) from None


def inside(path: Path, root: Path) -> Path:
    """Where `path`, a file or folder in the folder `root`, really is, symbolic links
    followed; raises `Outside`, naming the link, when one of them leads out of `root`
    (or would, dangling)."""
    top = os.path.realpath(root)
    real = os.path.realpath(path)
    if _under(real, top):
        return Path(real)
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = ()
    step = root
    for part in parts:
        step = step / part
        if os.path.islink(step) and not _under(os.path.realpath(step), top):
            break
    else:
        step = path
    what = "it" if step == path else str(step)
    raise Outside(errno.ELOOP, f"{what} {OUTSIDE}", str(path))


def _under(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def remove_stale_parts(folders: Iterable[Path], root: Path | None = None) -> list[Path]:
    """Remove the `.part` files in `folders` that no one is writing (left by a build that
    was killed); returns them. With `root`, a folder that leads out of it through a
    symbolic link is left alone."""
    removed = []
    for folder in folders:
        try:
            names = [
                name
                for name in os.listdir(folder)  # plain names: a folder may hold thousands
                if name.startswith(".") and name.endswith(PART_SUFFIX)
            ]
            if not names:
                continue  # the common case: no need to follow the folder's links
            if root is not None:
                folder = inside(folder, root)
        except OSError:
            continue
        for part in (folder / name for name in names):
            if _unused(part):
                with contextlib.suppress(OSError):
                    part.unlink()
                    removed.append(part)
    return removed


def _unused(part: Path) -> bool:
    if fcntl is None:  # pragma: no cover
        return True
    try:
        handle = os.open(part, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        return _lock(handle, wait=False)
    finally:
        os.close(handle)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (one build at a time saves its manifest)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        _lock(handle, wait=True)
        yield
    finally:
        os.close(handle)  # which releases the lock


def _lock(handle: int, wait: bool) -> bool:
    """Lock an open file for this open file (so threads of one process exclude each other
    too); False when `wait` is false and someone else holds it."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:  # a filesystem without locks: take the file for unused only when asked
        return wait
    return True


def _part(folder: Path) -> tuple[int, Path]:
    """A new `.part` file in `folder`, open for writing, with the permissions of any new
    file (the process's umask applied by the system, never changed: other threads may be
    creating files too)."""
    import secrets  # here: a build that writes nothing needs none of it

    while True:
        temp = folder / f"{PART_PREFIX}{secrets.token_hex(6)}{PART_SUFFIX}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
