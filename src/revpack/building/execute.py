"""Running a build's jobs: in this process, or on worker processes (building.workers)."""

from __future__ import annotations

from collections.abc import Callable

from revpack.building.jobs import Done, Job, run_one


def run_all(jobs: list[Job], workers: int,
            on_done: Callable[[Done], None] = lambda done: None,
            on_start: Callable[[], None] = lambda: None) -> list[Done]:
    """Run `jobs` with up to `workers` processes, calling `on_start` once they are
    running and `on_done` as each job finishes."""
    if workers <= 1 or len(jobs) <= 1:
        on_start()
        results = []
        for job in jobs:
            results.append(run_one(job))
            on_done(results[-1])
        return results
    # Imported here: a one-process build need not pay for multiprocessing's start-up.
    from revpack.building.workers import run_pool

    return run_pool(jobs, min(workers, len(jobs)), on_done, on_start)
