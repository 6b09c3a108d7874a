"""Running a build's jobs: in this process, on worker processes (building.workers), or on
any `concurrent.futures.Executor` (a thread pool, a process pool, a dask cluster).

Wherever a job is rendered, its bytes come back here and are written by this process,
one job at a time, as soon as they arrive: no more than a bounded number of documents
is ever held in memory, however many jobs the build has.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from revpack.building.jobs import (
    Done,
    Job,
    Rendered,
    default_workers,
    render_job,
    run_one,
    write_rendered,
)
from revpack.building.print_tasks import FollowUp, run_inline

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

PER_CPU = 4
"""At most this many worker processes per CPU, whatever -j asks: more make no document
sooner, and each holds the renderers in memory (-j 1000 on a year group's pack started
hundreds)."""

IN_FLIGHT = 256
"""At most this many jobs are handed to an executor at once: enough to keep a cluster's
workers busy, few enough that the documents waiting to be written stay small."""


OnDone = Callable[[Done], "list[FollowUp] | None"]
"""Called with each finished job; may give back print PDFs that are now ready to make."""


def run_all(
    jobs: list[Job],
    workers: int,
    on_done: OnDone = lambda done: None,
    on_start: Callable[[], None] = lambda: None,
    executor: Executor | None = None,
    preload: bool = False,
) -> list[Done]:
    """Run `jobs` on `executor`, or else with up to `workers` processes, calling
    `on_start` once they are running and `on_done` as each job finishes. The print PDFs
    `on_done` gives back are made on the worker processes, or else here. `preload`: the
    build makes print PDFs, so worker processes may start with the document libraries
    loaded (run_pool)."""
    if executor is not None:
        on_start()
        return run_on(executor, jobs, on_done)
    if workers <= 1 or len(jobs) <= 1:
        on_start()
        results = []
        for job in jobs:
            results.append(run_one(job))
            run_inline(on_done(results[-1]))
        return results
    # Imported here: a one-process build need not pay for multiprocessing's start-up.
    from revpack.building.workers import run_pool

    size = min(workers, len(jobs), PER_CPU * default_workers())
    return run_pool(jobs, size, on_done, on_start, preload)


def run_on(
    executor: Executor,
    jobs: list[Job],
    on_done: OnDone = lambda done: None,
    in_flight: int = IN_FLIGHT,
) -> list[Done]:
    """Render `jobs` on `executor` and write each one's files here as it comes back. The
    print PDFs `on_done` gives back are made here: the executor's machines need not see
    the output folder."""
    import concurrent.futures  # here: a build with nothing to render needs none of it

    results: dict[int, Done] = {}  # by index into `jobs`
    waiting: Iterator[int] = iter(range(len(jobs)))
    running: dict[Future[Rendered], int] = {}

    def top_up() -> None:
        for index in waiting:
            running[executor.submit(render_job, jobs[index])] = index
            if len(running) >= in_flight:
                return

    try:
        top_up()
        while running:
            finished, _ = concurrent.futures.wait(
                running, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in finished:
                index = running.pop(future)
                done = write_rendered(jobs[index], _rendered(future, jobs[index]))
                results[index] = done
                run_inline(on_done(done))
            top_up()
    finally:
        for future in running:  # interrupted: what has not started need not run
            future.cancel()
    return [results[index] for index in range(len(jobs))]


def _rendered(future: Future[Rendered], job: Job) -> Rendered:
    """The future's result, or a failed Rendered when the executor could not run it (a
    worker lost, a job that could not be sent)."""
    try:
        return future.result()
    except Exception as exc:
        detail = "".join(traceback.format_exception_only(exc)).strip()
        return Rendered(
            error=f"{job.source.path}:1:1: the executor could not render "
            f"{job.layout.name}: {detail}"
        )
