"""Worker processes for a build, and which job each takes next.

A worker sets up a kind of document (PDF: reportlab and the fonts; DOCX: python-docx)
the first time it is given one, which costs more than a small document does to render.
So jobs are handed out one at a time, each to a worker already set up for its kind where
there is one, and a second worker takes up a kind only when there is enough of it
waiting to be worth the set-up. A three-document build then sets up each kind once.

A pack's build loads the PDF libraries before it starts the workers that draw PDFs, so
they share them; what is left to set up is what each source and layout makes once (a
summary's type size, found by trying sizes; a chart's geometry), and that is the kind
jobs are handed out by: each worker sets up its layouts once, keeping to them until it
runs out of work and takes up another's. While the libraries load (a third of a second,
in a thread), a worker forked before them makes the documents that need none of them
(a pack's DOCX worksheets) on the core that would otherwise wait, and ends when they
are done.

A worker renders and sends the files' bytes back; the parent writes them (atomically),
as it does for any executor. When a class's documents are all written, its print PDFs
are made on a worker too (from the written files), ahead of the documents still
waiting, so that the parent only hands out work and writes files. Each worker holds its
next job in its pipe while it renders one, so that it never waits while the parent
writes.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING

from revpack.building.jobs import Done, Job, prepare, render_job, write_rendered
from revpack.building.lifetime import end_with_parent
from revpack.building.messages import SourceSent, job_bytes, read_message
from revpack.building.print_tasks import FollowUp, Printed, PrintTask, run_inline, run_print
from revpack.model import Source

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext

PRINTING = "print"
"""What a worker sets up to make print PDFs."""

PDF = "pdf"
"""The setup of the documents drawn with reportlab, which the print PDFs need too."""


def kind(job: Job | PrintTask) -> str:
    """The library a worker must set up to render `job` (for its output's file type)."""
    return job.setup if isinstance(job, Job) else PRINTING


def warm_kind(job: Job | PrintTask) -> str:
    """What a worker that has the libraries must still set up to render `job`: what its
    source and layout make once per process (fitted type sizes, a chart's geometry, a DOCX
    package, drawings written again class after class)."""
    if isinstance(job, Job):
        return f"{job.setup} {job.layout.name} {job.source.path}"
    return PRINTING


@dataclass
class Worker:
    """One worker process, as the parent sees it."""

    process: multiprocessing.process.BaseProcess
    """The process."""
    pipe: Connection
    """Jobs go down it, results come back."""
    kinds: set[str] = field(default_factory=set)
    """The kinds it has set up (or is setting up with its current job)."""
    jobs: deque[int | FollowUp] = field(default_factory=deque)
    """What was sent to it, the one it is working on first: jobs by index, and print
    PDFs."""
    sources: dict[Source, int] = field(default_factory=dict)
    """The sources sent to it, by the number its jobs name them by."""
    only: frozenset[str] | None = None
    """The setups of the jobs it may take (a worker started before the PDF libraries were
    loaded: no PDF, no print PDF), or None for any."""


QUEUED = 2
"""Jobs a worker holds at once: the one it renders, and the next."""

FULL_COLLECTION_EVERY = 64
"""A worker collects all its garbage once in this many documents (the young generations
after each); a full collection after every worksheet PDF took 5 ms, for nothing more."""


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
    on_done: Callable[[Done], list[FollowUp] | None],
    on_start: Callable[[], None] = lambda: None,
    preload: bool = False,
) -> list[Done]:
    """Run `jobs` on `size` worker processes; a worker that dies fails only its job. The
    print PDFs `on_done` gives back are made on the workers before the jobs still waiting.

    `on_start` runs once the workers are forked, so that whatever threads it starts (a
    progress bar's) are not in the parent when it forks. With `preload` (a pack's build:
    many documents of each layout, and print PDFs), the PDF writers and the print PDFs'
    libraries (and the fonts) are loaded here before the workers are forked, so that
    they start with them, loaded once instead of once per worker; what each source and
    layout sets up (fitted type sizes, a chart's geometry, a DOCX package) is then made
    by the workers, each keeping to the layouts it has set up while there are jobs of
    them, so that it is made by as few of them as can share the work, and in parallel.
    The documents that need none of those libraries (DOCX, HTML, text) start at once, on
    a worker forked before they are loaded (`_Early`). Without `preload`, this process
    stays light: it loads no document library, and a worker keeps to the libraries it
    has loaded."""
    setup = kind
    early: _Early | None = None
    workers: list[Worker] = []
    if preload and _context().get_start_method() == "fork":
        setup = warm_kind
        early = _Early.start(jobs, size, workers)
    if early is None:
        workers.extend(_start() for _ in range(size))
    results: dict[int, Done] = {}  # by index into `jobs`
    pending = list(range(len(jobs)))
    ready: deque[FollowUp] = deque()
    held_back: list[Done] = []  # finished before the workers were all started
    hand_out = partial(_hand_out, jobs, pending, ready, workers, setup)
    try:
        if early is None:
            on_start()
        while pending or ready or any(w.jobs for w in workers) or early:
            hand_out()
            _retire(workers, jobs, pending)
            busy = [w for w in workers if w.jobs]
            if not busy and not early:  # every worker has died: the print PDFs are made here
                finished = [(index, _died(jobs[index])) for index in pending]
                pending.clear()
                run_inline(list(ready))
                ready.clear()
            else:
                chosen = wait([w.pipe for w in busy] + ([early.loaded] if early else []))
                if early and early.loaded in chosen:
                    early.finish()  # the libraries are loaded: the other workers start
                    early = None
                    on_start()
                    for done in held_back:
                        ready.extend(on_done(done) or ())
                    held_back.clear()
                    continue
                collected = [
                    _collect(jobs, w, workers, pending, ready) for w in busy if w.pipe in chosen
                ]
                # Keep the workers going while the caller deals with what came back.
                hand_out()
                finished = [c for c in collected if c is not None]
            for index, done in finished:
                results[index] = done
                if early:
                    held_back.append(done)
                else:
                    ready.extend(on_done(done) or ())
    except BaseException:
        # Stopped (Ctrl-C, say): what the workers hold is thrown away, so they are ended
        # at once; waiting for each to finish its document took seconds a worker.
        for worker in workers:
            _stop(worker, at_once=True)
        raise
    finally:
        if early:
            early.abandon()
        for worker in workers:
            _stop(worker)
    return [results[index] for index in range(len(jobs))]


def _hand_out(
    jobs: list[Job],
    pending: list[int],
    ready: deque[FollowUp],
    workers: list[Worker],
    setup: Callable[[Job | PrintTask], str],
) -> None:
    """Give each worker with room a print PDF that is ready, else the job `pick` chooses
    for it (by what `setup` says each job needs), if any: first to every idle worker,
    then a next one to each. A worker limited to some setups (`Worker.only`) takes the
    first job of those, and no print PDF."""
    for held in range(QUEUED):
        for worker in workers:
            if len(worker.jobs) != held:
                continue
            if worker.only is not None:
                choice = _first_of(worker.only, jobs, pending)
                if choice is not None:
                    _send(worker, jobs, pending.pop(choice), setup)
            elif ready:
                _send(worker, jobs, ready.popleft(), setup)
            elif pending:
                others = [w.kinds for w in workers if w is not worker]
                choice = pick(worker.kinds, _Kinds(jobs, pending, setup), others)
                if choice is not None:
                    _send(worker, jobs, pending.pop(choice), setup)
    anyone = [w for w in workers if w.only is None]
    if pending and anyone and not any(w.jobs for w in workers):
        _send(anyone[0], jobs, pending.pop(0), setup)  # never all idle while jobs wait


def _first_of(setups: frozenset[str], jobs: list[Job], pending: list[int]) -> int | None:
    """The index into `pending` of the first job whose setup is one of `setups`."""
    return next((i for i, job in enumerate(pending) if jobs[job].setup in setups), None)


class _Early:
    """A pack's build loading the PDF libraries (in a thread of its own) while one worker,
    forked before, renders the documents that need none of them: a pack's DOCX
    worksheets are made while the summaries' and charts' libraries load, on the core
    that would otherwise wait. Once they are loaded, the workers that share them are
    forked; the early worker renders what it can of its setups, and then ends."""

    def __init__(self, pdf_jobs: list[Job], size: int, workers: list[Worker]):
        self.jobs, self.size, self.workers = pdf_jobs, size, workers
        self.loaded, self._signal = multiprocessing.Pipe(duplex=False)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._load, name="revpack-load", daemon=True)

    @classmethod
    def start(cls, jobs: list[Job], size: int, workers: list[Worker]) -> _Early | None:
        """Load the libraries `jobs` need here and return None (then fork the workers), or,
        where some jobs need none of them and there are two workers or more, fork the
        early worker for those into `workers`, start loading, and return the loading."""
        light = frozenset(job.setup for job in jobs) - {PDF}
        pdf_jobs = [job for job in jobs if job.setup == PDF]
        if size < 2 or not light or not pdf_jobs:
            _load(jobs)
            return None
        workers.append(_start(only=light))
        early = cls(pdf_jobs, size, workers)
        early.thread.start()
        return early

    def _load(self) -> None:
        try:
            _load(self.jobs)
        except BaseException as exc:  # noqa: BLE001 - raised again in the build's thread
            self.error = exc
        finally:
            self._signal.send(None)

    def finish(self) -> None:
        """Wait for the libraries (raising what loading them raised), then fork the
        workers that share them (`size` of them: the early one ends once its work is
        done)."""
        self.abandon()
        if self.error is not None:
            raise self.error
        self.workers.extend(_start() for _ in range(self.size))

    def abandon(self) -> None:
        """Wait for the loading to end, and start nothing more (the build is stopping)."""
        self.thread.join()
        self.loaded.close()
        self._signal.close()


def _retire(workers: list[Worker], jobs: list[Job], pending: list[int]) -> None:
    """End the limited workers that have nothing left to do of their setups."""
    for worker, only in [(w, w.only) for w in workers if w.only is not None and not w.jobs]:
        if _first_of(only, jobs, pending) is None:
            workers.remove(worker)
            _stop(worker)


def _load(jobs: list[Job]) -> None:
    """Load the writers `jobs` need, and the print PDFs' library (the workers print)."""
    prepare(jobs)
    import revpack.building.printing  # noqa: F401 - the workers print with it


class _Kinds(Sequence[str]):
    """The kinds of the pending jobs, each looked up when `pick` reads it: it mostly
    takes the first, and a year group's build has thousands waiting."""

    def __init__(
        self, jobs: list[Job], pending: list[int], setup: Callable[[Job | PrintTask], str]
    ):
        self.jobs, self.pending, self.setup = jobs, pending, setup

    def __len__(self) -> int:
        return len(self.pending)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]  # ints only, as pick reads
        return self.setup(self.jobs[self.pending[index]])


def _send(
    worker: Worker, jobs: list[Job], what: int | FollowUp, setup: Callable[[Job | PrintTask], str]
) -> None:
    task = jobs[what] if isinstance(what, int) else what.task
    worker.jobs.append(what)
    worker.kinds.add(setup(task))
    try:
        for source in _sources(task):
            if source not in worker.sources:
                worker.sources[source] = len(worker.sources)
                worker.pipe.send(SourceSent(worker.sources[source], source))
        worker.pipe.send_bytes(job_bytes(task, worker.sources))
    except OSError:
        # It has died since it was last heard from: `_collect` finds out from its pipe,
        # and gives what it held to the others.
        pass


def _sources(task: Job | PrintTask) -> list[Source]:
    """The sources a job or print PDF names (sent to a worker before it)."""
    if isinstance(task, Job):
        return [task.source]
    return list(dict.fromkeys(grid.source for grid in task.grids))


def _collect(
    jobs: list[Job],
    worker: Worker,
    workers: list[Worker],
    pending: list[int],
    ready: deque[FollowUp],
) -> tuple[int, Done] | None:
    """(index, result) of `worker`'s current job, its files written here from the bytes
    the worker sent, or None when it was a print PDF (written by its `finish`); a worker
    that has died is dropped, failing that job only (what it held next goes back to the
    others)."""
    what = worker.jobs.popleft()
    try:
        received = worker.pipe.recv()
    except (EOFError, OSError):
        workers.remove(worker)
        _stop(worker)
        for held in reversed(worker.jobs):
            if isinstance(held, int):
                pending.insert(0, held)
            else:
                ready.appendleft(held)
        worker.jobs.clear()
        if isinstance(what, int):
            return what, _died(jobs[what])
        what.finish(Printed(error="a worker process died while making it; try again with -j 1"))
        return None
    if isinstance(what, int):
        return what, write_rendered(jobs[what], received)
    what.finish(received)
    return None


def _died(job: Job) -> Done:
    return Done(
        job,
        error=f"{job.source.path}:1:1: a worker process died while rendering "
        f"{job.layout.name}; try again with -j 1",
    )


def _context() -> ForkContext | ForkServerContext | SpawnContext:
    # fork starts a worker in milliseconds, with everything the parent has imported. It
    # is unsafe in a process running other threads (a program using revpack.build from a
    # web server, say): there, and where there is no fork, a slower start that is safe.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _start(only: frozenset[str] | None = None) -> Worker:
    """A new worker process (taking only jobs of the setups `only`, if given)."""
    context = _context()
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child,), daemon=True)
    process.start()
    child.close()
    return Worker(process, parent, only=only)


def _stop(worker: Worker, at_once: bool = False) -> None:
    """End `worker`: it finishes the document it is on, then reads None and ends; or,
    `at_once` (the build is stopping), it is killed. (A worker writes no document, only
    a print PDF, atomically: a killed one leaves at most a part file, which the next
    build removes.)"""
    if worker.pipe.closed:
        return
    if not at_once:
        try:
            worker.pipe.send(None)
        except (OSError, ValueError):  # it has died, or its pipe is closed already
            pass
        worker.process.join(timeout=5)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(timeout=5)
    worker.pipe.close()


def _receive(pipe: Connection, sources: dict[int, Source]) -> Job | PrintTask | None:
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
        elif isinstance(message, (Job, PrintTask)):
            return message
        else:  # None: stop
            return None


def _serve(pipe: Connection) -> None:
    """A worker's life: render the jobs it is sent until it is sent None."""
    # Ctrl-C is the parent's to handle: it lets each worker finish its document. (A
    # SIGTERM ends a worker where it stands, as it would any process.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    end_with_parent()
    ready: set[str] = set()
    # Collect garbage between documents rather than during them: a document allocates
    # in bursts that would set the collector off many times over, for nothing to free.
    gc.disable()
    sources: dict[int, Source] = {}
    done = 0
    while (job := _receive(pipe, sources)) is not None:
        rendered = render_job(job) if isinstance(job, Job) else run_print(job)
        pipe.send(rendered)
        del rendered  # the bytes are the parent's to write now
        done += 1
        if kind(job) in ready:
            # A document's garbage is young: the young generations hold it all, and
            # scanning them costs what the document allocated. What outlives a document
            # (the drawings and settings a layout remembers, thousands of objects) is
            # scanned only by a full collection, now and then.
            gc.collect(2 if done % FULL_COLLECTION_EVERY == 0 else 1)
        else:
            # What the worker has just set up lives as long as it does: set it aside
            # from the collector's scans for good (with the first document's garbage).
            ready.add(kind(job))
            gc.freeze()
