"""The build manifest: which inputs made which outputs, so unchanged jobs are skipped.

Kept as `.revpack-manifest.json` in the output folder. A job is skipped when the hash of
everything that shapes its output (source, resolved layout, audience, revpack version) is
the one recorded, and every file it wrote is still there with the recorded size.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from revpack.building.files import write_atomic

NAME = ".revpack-manifest.json"


def job_key(*parts: object) -> str:
    """A stable hash of the reprs of `parts` (frozen dataclasses have stable reprs)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class Manifest:
    """Recorded job keys and the files each job wrote, relative to the output folder."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out / NAME
        try:
            self.entries: dict = json.loads(self.path.read_text("utf-8"))["jobs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def fresh(self, name: str, key: str) -> list[Path] | None:
        """The files of job `name` if they are up to date for `key`, else None."""
        entry = self.entries.get(name)
        if not entry or entry.get("key") != key:
            return None
        files = []
        for rel, size in entry.get("files", {}).items():
            path = self.out / rel
            try:
                if path.stat().st_size != size:
                    return None
            except OSError:
                return None
            files.append(path)
        return files

    def record(self, name: str, key: str, files: list[Path]) -> None:
        """Remember that job `name` with `key` wrote `files`."""
        self.entries[name] = {"key": key, "files": {
            str(f.relative_to(self.out)): f.stat().st_size for f in files}}

    def forget(self, name: str) -> None:
        """Drop a job (it failed: its next build must run again)."""
        self.entries.pop(name, None)

    def save(self) -> None:
        """Write the manifest atomically."""
        data = json.dumps({"version": 1, "jobs": dict(sorted(self.entries.items()))},
                          indent=1, ensure_ascii=False)
        write_atomic(self.path, data.encode("utf-8"))
