"""Each job's manifest key, with each source and layout hashed once a build.

A year group's pack makes hundreds of jobs from one source and a few layouts; hashing the
whole source again for each of them was most of the time of a rebuild with nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable

from revpack.building.jobs import Job
from revpack.building.manifest import job_key


class JobKeys:
    """Keys of jobs: the hash of everything that shapes their output (revpack's version,
    source, resolved layout, audience). Owned by one build."""

    def __init__(self, version: str):
        self.version = version
        self.digests: dict[tuple[int, object], tuple[object, str]] = {}
        """(id of a source or layout, the parts of it read) → (it, their hash); it is
        held so the id stays its."""
        self.keys: dict[tuple[int, int, int], tuple[Job, str]] = {}
        """ids of a job's source, layout and audience → (the job, its key): a class's
        documents in two formats (a worksheet and its PDF copy) share them."""

    def __call__(self, job: Job) -> str:
        ids = (id(job.source), id(job.layout), id(job.audience))
        found = self.keys.get(ids)
        if found is None:
            reads = job.layout.kind.reads
            key = job_key(
                self.version,
                self._digest(job.source, reads, lambda: job.source.only(reads)),
                self._digest(job.layout, None, lambda: job.layout),
                job.audience,
            )
            found = self.keys[ids] = (job, key)
        return found[1]

    def _digest(self, part: object, reads: object, hashed: Callable[[], object]) -> str:
        """The hash of `hashed()`, worked out once per `part` (by identity) and `reads`."""
        found = self.digests.get((id(part), reads))
        if found is None:
            found = self.digests[(id(part), reads)] = (part, job_key(hashed()))
        return found[1]
