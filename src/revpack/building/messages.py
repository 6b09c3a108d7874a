"""What the build sends its worker processes: each source once, then jobs that name it by
its number instead of carrying a pickled copy each (a pack's jobs share a few sources)."""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass

from revpack.building.jobs import Job
from revpack.building.print_tasks import PrintTask
from revpack.model import Source


@dataclass(frozen=True)
class SourceSent:
    """A source, sent to a worker once: the jobs after it name it by its number instead
    of carrying a copy each (a pack's jobs share a few sources)."""

    number: int
    """What the jobs call it."""
    source: Source
    """The source."""


class _JobPickler(pickle.Pickler):
    """Pickles a job with each source the worker has as its number."""

    def __init__(self, file: io.BytesIO, numbers: dict[Source, int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.numbers = numbers

    def persistent_id(self, obj: object) -> int | None:
        return self.numbers.get(obj) if type(obj) is Source else None


class _JobUnpickler(pickle.Unpickler):
    """Reads a job back, each numbered source from the worker's table."""

    def __init__(self, file: io.BytesIO, sources: dict[int, Source]):
        super().__init__(file)
        self.sources = sources

    def persistent_load(self, pid: object) -> Source:
        if not isinstance(pid, int) or pid not in self.sources:
            raise pickle.UnpicklingError(f"no source numbered {pid!r}")
        return self.sources[pid]


def job_bytes(job: Job | PrintTask, numbers: dict[Source, int]) -> bytes:
    """`job` (or a print PDF to make) pickled, each source in `numbers` (those the
    worker has) as its number."""
    buffer = io.BytesIO()
    _JobPickler(buffer, numbers).dump(job)
    return buffer.getvalue()


def read_message(data: bytes, sources: dict[int, Source]) -> object:
    """A message back from its bytes (a job, a print PDF to make, a SourceSent or None),
    each numbered source taken from `sources`."""
    return _JobUnpickler(io.BytesIO(data), sources).load()
