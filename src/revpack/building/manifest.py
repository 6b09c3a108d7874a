"""The build manifest: which inputs made which outputs, and what revpack wrote in each.

Kept as `.revpack-manifest.json` in the output folder. Jobs and files are named relative
to that folder, and job keys leave out where inputs were read from, so a source named
`sources/x.yaml` or `/abs/…/sources/x.yaml`, or an output folder named either way, is
one and the same.

A job is skipped when the hash of everything that shapes its output (source, resolved
layout, audience, revpack version) is the recorded one and none of its files is missing.
Each file's size and SHA-256 are recorded: a file whose bytes differ from what revpack
wrote (edited in Word, say, or damaged) is changed, and is not revpack's to overwrite.
Its modification time and inode are recorded too: a file whose size, time and inode are
the recorded ones, and whose time is older than the manifest's own, is not read again
(as git trusts its index): a rebuild with nothing to do reads no output. A file written
in the same clock tick as the manifest (a coarse filesystem) is always read.

Two builds into one folder at once each merge what they did into the manifest on disk,
under a lock, so it knows both builds' outputs. A file one of them finds changed since
its record may be the other's, just written: it is revpack's when the manifest on disk
now records it, or the journal notes its bytes (revpack.building.journal). A manifest of
any other shape is taken for an empty one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from revpack.building.files import locked, write_atomic

NAME = ".revpack-manifest.json"
VERSION = 2
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_BYTES = 16 * 2**20
"""A manifest larger than this is no manifest revpack wrote (a year group's, of thousands
of documents, is a few MB); it is taken for empty."""


@dataclass(frozen=True)
class Written:
    """What revpack wrote in one file."""

    size: int
    """Its length in bytes."""
    sha256: str
    """The SHA-256 of its bytes, in hex."""
    mtime_ns: int = 0
    """Its modification time when revpack wrote it, in nanoseconds (0: unknown)."""
    inode: int = 0
    """Its inode number when revpack wrote it (0: unknown)."""
    ctime_ns: int = 0
    """Its status change time when revpack wrote it, in nanoseconds (0: unknown): an edit
    made in place that kept the size and put the modification time back (`cp -p` or
    `rsync -t` onto the file) still changes it."""


@dataclass(frozen=True)
class Entry:
    """One job as the manifest records it."""

    key: str
    """The hash of its inputs ('' for a job that failed: it runs again)."""
    files: Mapping[str, Written]
    """Its files, relative to the output folder, with what revpack wrote in each."""


@dataclass(frozen=True)
class Status:
    """A job's recorded files as they are now."""

    fresh: bool
    """Its inputs are the recorded ones and none of its files is missing: nothing to do."""
    unchanged: tuple[Path, ...] = ()
    """Files holding what revpack wrote."""
    changed: tuple[Path, ...] = ()
    """Files changed since revpack wrote them: kept unless the build is forced."""


def job_key(*parts: object) -> str:
    """A stable hash of the reprs of `parts` (frozen dataclasses have stable reprs),
    leaving out where each part was read from: its own `path` (a Source's, a Layout's, as
    named on the command line) wherever it is repeated inside it (every Mark repeats it),
    since it shapes no output."""
    digest = hashlib.sha256()
    for part in parts:
        text = repr(part)
        where = getattr(part, "path", None)
        if isinstance(where, str) and where:
            text = text.replace(repr(where), "''")
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def digest(path: Path | str) -> Written | None:
    """What is in the regular file `path` now; None when there is none there (missing, a
    folder, a link, unreadable)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        with open(path, "rb") as file:
            sha = hashlib.file_digest(file, "sha256").hexdigest()
        return Written(info.st_size, sha, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
    except OSError:
        return None


class Manifest:
    """The recorded jobs of one output folder, and what this build changed in them."""

    def __init__(
        self,
        out: Path,
        journaled: frozenset[Path] = frozenset(),
        noted: Callable[[Iterable[Path]], frozenset[Path]] | None = None,
    ):
        """`journaled`: files a build wrote without recording them (it was stopped) that
        still hold what it wrote: revpack's, not edited (see `journal`). `noted`: which of
        some files hold what a build noted it was about to write in them, asked when
        recorded files are found changed (see `status`)."""
        self.out = out
        self.journaled = journaled
        self.noted = noted
        self.path = out / NAME
        self._prefix = str(out) + os.sep
        """How the names of the files in the folder start (see `relative`)."""
        self._stamp: tuple[int, int, int] | None = None
        self._disk: dict[str, Entry] = {}
        self.entries: dict[str, Entry] = dict(self._on_disk())
        self._read = dict(self.entries)
        """The jobs as the manifest on disk had them when this build began."""
        self.saved_ns = self._stamp[2] if self._stamp else 0
        """When the manifest was last written: files older than that may be trusted."""
        self.changes: dict[str, Entry] = {}
        self._by_file: dict[str, Written] | None = None
        self._checked: dict[str, Written] = {}
        """Files this build found as recorded, by name: asked again (a print PDF lists its
        class's documents), they are not looked at again, unless recorded anew since."""

    def current(self, path: Path | str) -> Written | None:
        """What is in `path` now, without reading it when its size, time and inode are
        those recorded (see the module's docstring); None when there is no file."""
        by_file = self.recorded()
        try:
            rel = self.relative(path)
        except ValueError:  # not in the output folder
            rel = None
        checked = self._checked.get(rel) if rel is not None else None
        if checked is not None:
            return checked
        recorded = by_file.get(rel) if rel is not None else None
        try:
            info = os.lstat(path)
        except OSError:
            return None  # no file there
        if recorded is not None and self._trusted(info, recorded):
            return recorded
        return digest(path)

    def recorded(self) -> dict[str, Written]:
        """What revpack wrote in each file it has written, as recorded now, by its name
        relative to the folder (made once, then kept up to date as jobs are recorded)."""
        if self._by_file is None:
            self._by_file = {
                rel: written
                for entry in self.entries.values()
                for rel, written in entry.files.items()
            }
        return self._by_file

    def relative(self, path: Path | str) -> str:
        """`path`'s name relative to the output folder, with forward slashes, as jobs and
        files are recorded; ValueError when it is not in the folder."""
        text = str(path)
        if text.startswith(self._prefix):  # the common case, without pathlib's parsing
            rel = text[len(self._prefix) :]
            return rel if os.sep == "/" else rel.replace(os.sep, "/")
        return Path(path).relative_to(self.out).as_posix()

    def _trusted(self, info: os.stat_result, written: Written) -> bool:
        """Whether a file whose `os.lstat` is `info` holds `written`, unread: its size,
        times and inode say so."""
        return (
            stat.S_ISREG(info.st_mode)
            and info.st_size == written.size
            and written.mtime_ns != 0
            and info.st_mtime_ns == written.mtime_ns
            and info.st_ino == written.inode
            and written.ctime_ns != 0
            and info.st_ctime_ns == written.ctime_ns
            and info.st_mtime_ns < self.saved_ns
        )

    def _on_disk(self) -> dict[str, Entry]:
        """The manifest on disk now: read again only when the file has changed since it
        was last read (a large one takes seconds to read, and a build asks often)."""
        stamp = _stamp(self.path)
        if stamp is None or stamp != self._stamp:
            self._stamp, self._disk = stamp, load(self.path)
        return self._disk

    def status(self, name: str, key: str) -> Status:
        """How job `name`'s recorded files stand, and whether it is fresh for `key`."""
        entry = self.entries.get(name)
        if entry is None:
            return Status(False)
        status, refreshed = self._status(entry, key)
        if status.changed and name not in self.changes:
            # Another build into this folder may have rewritten them since we read it: it
            # noted them in the journal before writing them (asked first: a build clears
            # its notes only once its manifest is saved), or has recorded them since.
            noted = self.noted(status.changed) if self.noted is not None else frozenset()
            newer = self._on_disk().get(name)
            renewed = newer is not None and newer != entry
            if newer is not None and renewed:
                self.entries[name] = entry = newer
            if noted or renewed:
                self.journaled |= noted  # (revpack's: rebuilt, not kept)
                status, refreshed = self._status(entry, key)
        if refreshed and entry.key == key:  # the same bytes, read: trusted by time next time
            self._put(name, Entry(entry.key, {**entry.files, **refreshed}))
        return status

    def _status(self, entry: Entry, key: str) -> tuple[Status, dict[str, Written]]:
        """The status of `entry`'s files, and those of them read and found unchanged
        (with their time and inode now)."""
        unchanged, changed, missing = [], [], False
        refreshed: dict[str, Written] = {}
        for rel, written in entry.files.items():
            try:
                info = os.lstat(self._prefix + rel)  # one stat: is it there, is it as written
            except OSError:
                missing = True
                continue
            path = self.out / rel
            if self._trusted(info, written):
                unchanged.append(path)
                self._checked[rel] = written
            elif (now := _holding(path, written)) is not None:
                unchanged.append(path)
                refreshed[rel] = now
            elif path in self.journaled or _no_edit(info):
                # Written by a build (stopped, or into the folder now) before it recorded
                # it, or no teacher's work (a symbolic link, an emptied file): revpack's,
                # but not what the record says, so the job runs again whatever its
                # inputs (and its write refuses a link leading out of the folder).
                unchanged.append(path)
                missing = True
            else:
                changed.append(path)
        return Status(entry.key == key and not missing, tuple(unchanged), tuple(changed)), refreshed

    def _put(self, name: str, entry: Entry) -> None:
        """Record `entry` for job `name`, as this build's change."""
        self.entries[name] = self.changes[name] = entry
        if self._by_file is not None:
            self._by_file.update(entry.files)
        for rel in entry.files:
            self._checked.pop(rel, None)

    def record(
        self, name: str, key: str, written: Iterable[Path], kept: Iterable[Path] = ()
    ) -> None:
        """Remember that job `name`, with inputs `key`, wrote `written` and left `kept`
        (changed since revpack wrote them) as they were."""
        old = self.entries.get(name)
        files = {}
        for path in kept:
            rel = self.relative(path)
            if old is not None and rel in old.files:
                files[rel] = old.files[rel]
        for path in written:
            now = digest(path)
            if now is not None:
                files[self.relative(path)] = now
        if old is None and not files:
            return  # nothing written, nothing known: nothing to remember
        entry = Entry(key, files)
        if old != entry:
            self._put(name, entry)

    def outdated(self, name: str, would_write: Iterable[tuple[Path, str]]) -> frozenset[Path]:
        """Of the files job `name` kept, with the SHA-256 of what it would write in each
        now, those for which that is not what revpack wrote there before."""
        entry = self.entries.get(name)
        if entry is None:
            return frozenset()
        return frozenset(
            path
            for path, sha in would_write
            if (was := entry.files.get(self.relative(path))) is not None and was.sha256 != sha
        )

    def fail(self, name: str, written: Iterable[Path]) -> None:
        """Job `name` failed: it runs again next time, and what it wrote before (or now)
        is still revpack's."""
        old = self.entries.get(name)
        self.record(name, "", written, [self.out / rel for rel in old.files] if old else [])

    def save(self) -> None:
        """Merge this build's changes into the manifest on disk (which another build
        into the folder may have changed meanwhile) and write it atomically; nothing is
        written when nothing changed."""
        if not self.changes:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        with locked(self.out):
            disk = self._on_disk()
            merged = {**disk, **self.changes}
            for name in self.changes:
                theirs = disk.get(name)
                # Another build into the folder recorded this job since this one began: the
                # record that holds for the files now on disk stands (its print PDF, say,
                # written after this build's, was kept as edited ever after).
                if (
                    theirs is not None
                    and theirs != self._read.get(name)
                    and not self._on_disk_as(self.changes[name])
                    and self._on_disk_as(theirs)
                ):
                    merged[name] = theirs
            if merged != disk:
                write_atomic(self.path, _encode(merged), self.out)

    def _on_disk_as(self, entry: Entry) -> bool:
        """Whether every file of `entry` is on disk as it records it, by size, time and
        inode (each write is a new inode)."""
        return all(
            _stamp(self.out / rel) == (written.inode, written.size, written.mtime_ns)
            for rel, written in entry.files.items()
        )


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells one version of the file at `path` from the next (a file replaced by a
    rename is a new inode), or None when there is none."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _no_edit(info: os.stat_result) -> bool:
    """Whether a recorded file whose `os.lstat` is `info` holds no work of a teacher's: a
    symbolic link put in its place (a kept link would have the print PDF read through
    it), or a file emptied (a failed copy, a sync service's placeholder: nothing to
    keep)."""
    return stat.S_ISLNK(info.st_mode) or (stat.S_ISREG(info.st_mode) and info.st_size == 0)


def _holding(path: Path, written: Written) -> Written | None:
    """What `path` holds now, read, if it is exactly what revpack wrote (the size first:
    no need to read a file whose length has changed); else None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size != written.size:
        return None
    now = digest(path)
    if now is None or (now.size, now.sha256) != (written.size, written.sha256):
        return None
    return now


def _mtime_ns(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def load(path: Path) -> dict[str, Entry]:
    """The entries of the manifest at `path`; none when it is missing or is not a
    manifest of this version, and none of any entry that is not an entry."""
    try:
        data = json.loads(_read(path))
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("jobs"), dict)
    ):
        return {}
    entries = {}
    for name, raw in data["jobs"].items():
        entry = _entry(raw)
        if entry is not None and _inside(name):
            entries[name] = entry
    return entries


def _read(path: Path) -> bytes:
    """The bytes of the regular file `path`, not through a symbolic link (a link, a pipe
    or a device is no manifest revpack wrote: ValueError), at most MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            raise ValueError(f"{path} is not a manifest")
        data = file.read(MAX_BYTES + 1)
        if data is None:  # (nothing to read without waiting)
            raise ValueError(f"{path} is not a manifest")
        return data


def _entry(raw: object) -> Entry | None:
    if not isinstance(raw, dict):
        return None
    key, given = raw.get("key"), raw.get("files")
    if not isinstance(key, str) or not isinstance(given, dict):
        return None
    files = {}
    for rel, written in given.items():  # one test each, in a row: there are thousands
        if not (isinstance(written, dict) and _inside(rel)):
            return None
        size, sha = written.get("size"), written.get("sha256")
        mtime, inode = written.get("mtime_ns", 0), written.get("inode", 0)
        ctime = written.get("ctime_ns", 0)
        if not (
            type(size) is int
            and type(mtime) is int
            and type(inode) is int
            and type(ctime) is int
            and size >= 0
            and mtime >= 0
            and inode >= 0
            and ctime >= 0
            and isinstance(sha, str)
            and SHA256.fullmatch(sha)
        ):
            return None
        files[rel] = Written(size, sha, mtime, inode, ctime)
    return Entry(key, files)


def _inside(rel: str) -> bool:
    """Whether `rel` names a file inside the output folder (a manifest may have been
    written by anyone)."""
    if not rel or "\\" in rel or "\0" in rel:
        return False
    # Plain string work: a manifest may hold hundreds of thousands of names. No part of
    # it is empty (no leading, trailing or double slash), `.` or `..`.
    framed = f"/{rel}/"
    return "//" not in framed and "/./" not in framed and "/../" not in framed


def _encode(entries: Mapping[str, Entry]) -> bytes:
    jobs = {
        name: {
            "key": entry.key,
            "files": {
                rel: {
                    "size": w.size,
                    "sha256": w.sha256,
                    "mtime_ns": w.mtime_ns,
                    "inode": w.inode,
                    "ctime_ns": w.ctime_ns,
                }
                for rel, w in sorted(entry.files.items())
            },
        }
        for name, entry in sorted(entries.items())
    }
    return json.dumps({"version": VERSION, "jobs": jobs}, indent=1, ensure_ascii=False).encode(
        "utf-8", "surrogatepass"
    )
