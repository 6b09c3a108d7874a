"""Scratch folders in the system's temporary folder (LibreOffice's profile and output,
when a class's print PDF takes an edited Word file), which a process killed outright
(SIGKILL) cannot remove: each is named after the process that made it, so that the next
one made sweeps away those whose process is gone.

A folder is swept only when its name says it is one of these, it is a folder and not a
symbolic link, it belongs to this user, the process named in it is no longer running and
it was last changed long enough ago that no run could still be using it (a process of
that number in another PID namespace sharing the temporary folder is not seen)."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

STALE_SECONDS = 3600.0
"""How long ago a scratch folder must have last changed to be swept (a print's
LibreOffice runs are given ten minutes in all)."""


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A new folder in the temporary folder, named `<prefix><this process's id>-…`,
    removed when done; those a killed process left under `prefix` are swept first."""
    sweep(prefix)
    with tempfile.TemporaryDirectory(
        prefix=f"{prefix}{os.getpid()}-", ignore_cleanup_errors=True
    ) as made:
        yield Path(made)


def sweep(prefix: str, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove the folders under `prefix` in the temporary folder that a process no longer
    running left there at least `older_than` seconds ago; returns them."""
    top = Path(tempfile.gettempdir())
    try:
        names = [name for name in os.listdir(top) if name.startswith(prefix)]
    except OSError:
        return []
    removed = []
    now = time.time()
    for name in names:
        owner = _owner(name[len(prefix) :])
        if owner is None or owner == os.getpid() or _running(owner):
            continue
        folder = top / name
        try:
            info = os.lstat(folder)  # (the link itself, never where it leads)
        except OSError:
            continue
        if (
            not stat.S_ISDIR(info.st_mode)
            or info.st_uid != os.getuid()
            or now - info.st_mtime < older_than
        ):
            continue
        try:
            # (rmtree refuses a link, and follows none inside the folder)
            shutil.rmtree(folder)
        except OSError:
            continue
        removed.append(folder)
    return removed


def _owner(rest: str) -> int | None:
    """The process id a scratch folder's name gives after its prefix, or None."""
    number, dash, _ = rest.partition("-")
    if not dash or not number.isdigit() or not number.isascii():
        return None
    return int(number)


def _running(pid: int) -> bool:
    """Whether a process `pid` is running (or may be: one that cannot be asked is)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's, or a number too large to ask about
    return True
