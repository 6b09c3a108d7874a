"""Worker processes for a build, and which job each takes next.

A worker sets up a kind of document (PDF: reportlab and the fonts; DOCX: python-docx)
the first time it is given one, which costs more than a small document does to render.
So jobs are handed out one at a time, each to a worker already set up for its kind where
there is one, and a second worker takes up a kind only when there is enough of it
waiting to be worth the set-up. A three-document build then sets up each kind once; a
pack for thirty classes soon has every worker on every kind.

A worker renders and sends the files' bytes back; the parent writes them (atomically),
as it does for any executor, so a worker never touches the output folder. Each worker
holds its next job in its pipe while it renders one, so that it never waits while the
parent writes files or makes a class's print PDF.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from revpack.building.jobs import Done, Job, Rendered, prepare, render_job, write_rendered
from revpack.building.messages import SourceSent, job_bytes, read_message
from revpack.model import Source


def kind(job: Job) -> str:
    """What a worker must set up to render `job` (its output's file type)."""
    return job.setup


@dataclass
class Worker:
    """One worker process, as the parent sees it."""

    process: multiprocessing.process.BaseProcess
    """The process."""
    pipe: Connection
    """Jobs go down it, results come back."""
    kinds: set[str] = field(default_factory=set)
    """The kinds it has set up (or is setting up with its current job)."""
    jobs: deque[int] = field(default_factory=deque)
    """Indices of the jobs sent to it, the one it is working on first."""
    sources: dict[Source, int] = field(default_factory=dict)
    """The sources sent to it, by the number its jobs name them by."""


QUEUED = 2
"""Jobs a worker holds at once: the one it renders, and the next."""


def pick(worker_kinds: set[str], pending: Sequence[str], others: Sequence[set[str]]) -> int | None:
    """Which pending job (by index into `pending`, the kinds of the waiting jobs in order)
    an idle worker set up for `worker_kinds` should take, or None to stay idle while the
    workers set up for `others` (their kinds, busy or idle) take the rest.

    First a job of a kind it has set up; else one of a kind no worker has set up; else
    one of a kind with more jobs waiting than workers set up for it.
    """
    for index, wanted in enumerate(pending):
        if wanted in worker_kinds:
            return index
    for index, wanted in enumerate(pending):
        if not any(wanted in kinds for kinds in others):
            return index
    for index, wanted in enumerate(pending):
        if pending.count(wanted) > sum(wanted in kinds for kinds in others):
            return index
    return None


def run_pool(
    jobs: list[Job],
    size: int,
    on_done: Callable[[Done], None],
    on_start: Callable[[], None] = lambda: None,
    preload: bool = False,
) -> list[Done]:
    """Run `jobs` on `size` worker processes; a worker that dies fails only its job.

    `on_start` runs once the workers are forked, so that whatever threads it starts (a
    progress bar's) are not in the parent when it forks. With `preload` (the parent will
    need the document libraries itself, to print), the writers are loaded here before the
    workers are forked, and the first job of each layout and format is rendered here:
    the workers start with what those set up (fonts, styles, font subsets, fitted type
    sizes, a DOCX package), made once instead of once per worker."""
    first: dict[int, Rendered] = {}
    if preload and _context().get_start_method() == "fork":
        prepare(jobs)
        first = {index: render_job(jobs[index]) for index in _first_of_each(jobs)}
    workers = [_start() for _ in range(size)]
    results: list[Done | None] = [None] * len(jobs)
    pending = [index for index in range(len(jobs)) if index not in first]
    try:
        on_start()
        _hand_out(jobs, pending, workers)
        for index, rendered in first.items():
            results[index] = write_rendered(jobs[index], rendered)
            on_done(results[index])
        while pending or any(w.jobs for w in workers):
            _hand_out(jobs, pending, workers)
            busy = [w for w in workers if w.jobs]
            if not busy:  # every worker has died
                finished = [(index, _died(jobs[index])) for index in pending]
                pending.clear()
            else:
                ready = wait([w.pipe for w in busy])
                finished = [_collect(jobs, w, workers, pending) for w in busy if w.pipe in ready]
                # Keep the workers going while the caller deals with what came back.
                _hand_out(jobs, pending, workers)
            for index, done in finished:
                results[index] = done
                on_done(done)
    finally:
        for worker in workers:
            _stop(worker)
    return results


def _first_of_each(jobs: list[Job]) -> list[int]:
    """The index of the first job of each layout and format (of several jobs)."""
    seen: dict[tuple[str, str], int] = {}
    for index, job in enumerate(jobs):
        seen.setdefault((job.layout.name, job.format), index)
    return [] if len(seen) == len(jobs) else sorted(seen.values())


def _hand_out(jobs: list[Job], pending: list[int], workers: list[Worker]) -> None:
    """Give each worker with room the job `pick` chooses for it, if any: first a job to
    every idle worker, then a next one to each."""
    for held in range(QUEUED):
        for worker in workers:
            if len(worker.jobs) == held and pending:
                others = [w.kinds for w in workers if w is not worker]
                choice = pick(worker.kinds, [kind(jobs[i]) for i in pending], others)
                if choice is not None:
                    _send(worker, jobs, pending.pop(choice))
    if pending and workers and not any(w.jobs for w in workers):
        _send(workers[0], jobs, pending.pop(0))  # never all idle while jobs wait


def _send(worker: Worker, jobs: list[Job], index: int) -> None:
    job = jobs[index]
    worker.jobs.append(index)
    worker.kinds.add(kind(job))
    if job.source not in worker.sources:
        worker.sources[job.source] = len(worker.sources)
        worker.pipe.send(SourceSent(worker.sources[job.source], job.source))
    worker.pipe.send_bytes(job_bytes(job, worker.sources))


def _collect(
    jobs: list[Job], worker: Worker, workers: list[Worker], pending: list[int]
) -> tuple[int, Done]:
    """(index, result) of `worker`'s current job, its files written here from the bytes
    the worker sent; a worker that has died is dropped, failing that job only (the next
    one it held goes back to the others)."""
    index = worker.jobs.popleft()
    try:
        rendered: Rendered = worker.pipe.recv()
    except (EOFError, OSError):
        workers.remove(worker)
        _stop(worker)
        pending[:0] = worker.jobs
        worker.jobs.clear()
        return index, _died(jobs[index])
    return index, write_rendered(jobs[index], rendered)


def _died(job: Job) -> Done:
    return Done(
        job,
        error=f"{job.source.path}:1:1: a worker process died while rendering "
        f"{job.layout.name}; try again with -j 1",
    )


def _context():
    # fork starts a worker in milliseconds, with everything the parent has imported. It
    # is unsafe in a process running other threads (a program using revpack.build from a
    # web server, say): there, and where there is no fork, a slower start that is safe.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _start() -> Worker:
    context = _context()
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child,), daemon=True)
    process.start()
    child.close()
    return Worker(process, parent)


def _stop(worker: Worker) -> None:
    # A worker finishes the document it is on (so no file is left half-written), then
    # reads None and ends.
    try:
        worker.pipe.send(None)
    except (OSError, ValueError):  # it has died, or its pipe is closed already
        pass
    worker.process.join(timeout=5)
    if worker.process.is_alive():
        worker.process.kill()
    worker.pipe.close()


def _receive(pipe: Connection, sources: dict[int, Source]) -> Job | None:
    """The next job, or None when told to stop or when the parent has gone (killed,
    say): a forked worker holds copies of the pipes' other ends, so it would never see
    them close, and waits on the parent itself too. A source sent ahead of its jobs goes
    into `sources`."""
    parent = multiprocessing.parent_process()
    while True:
        ready = wait([pipe, parent.sentinel] if parent else [pipe])
        if pipe not in ready:
            return None
        try:
            message = read_message(pipe.recv_bytes(), sources)
        except EOFError:
            return None
        if isinstance(message, SourceSent):
            sources[message.number] = message.source
        elif isinstance(message, Job):
            return message
        else:  # None: stop
            return None


def _serve(pipe: Connection) -> None:
    """A worker's life: render the jobs it is sent until it is sent None."""
    # Ctrl-C is the parent's to handle: it lets each worker finish its document.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ready: set[str] = set()
    # Collect garbage between documents rather than during them: a document allocates
    # in bursts that would set the collector off many times over, for nothing to free.
    gc.disable()
    sources: dict[int, Source] = {}
    while (job := _receive(pipe, sources)) is not None:
        rendered = render_job(job)
        pipe.send(rendered)
        del rendered  # the bytes are the parent's to write now
        if kind(job) in ready:
            gc.collect()
        else:
            # What the worker has just set up lives as long as it does: set it aside
            # from the collector's scans for good (with the first document's garbage).
            ready.add(kind(job))
            gc.freeze()
