"""Worker processes: which job an idle worker takes, results in job order, and a worker
that dies failing only the job it was on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import THAW, fresh_python
from revpack import load_source
from revpack.building import workers
from revpack.building.execute import run_all
from revpack.building.jobs import Done, Job
from revpack.loading.layouts import load_layout
from revpack.model import Audience

# -- pick: the policy, as pure data -----------------------------------------------------


@pytest.mark.parametrize(
    ("mine", "pending", "others", "expected"),
    [
        # A fresh worker beside a fresh worker takes the first job.
        (set(), ["pdf", "docx", "pdf"], [set()], 0),
        # The second fresh worker takes a kind nobody has set up.
        (set(), ["docx", "pdf"], [{"pdf"}], 0),
        (set(), ["pdf", "docx"], [{"pdf"}], 1),
        # A set-up worker keeps to its kind, even past the head of the queue.
        ({"docx"}, ["pdf", "pdf", "docx"], [{"pdf"}], 2),
        # One PDF left and a worker set up for it: a DOCX-only worker waits rather than
        # setting up PDF for a single document.
        ({"docx"}, ["pdf"], [{"pdf"}], None),
        # Many PDFs waiting: worth setting up a second worker for them.
        ({"docx"}, ["pdf", "pdf"], [{"pdf"}], 0),
        # If the only worker set up for a kind is gone, someone takes it.
        ({"docx"}, ["pdf"], [], 0),
    ],
)
def test_an_idle_worker_picks_by_kind(mine, pending, others, expected):
    assert workers.pick(mine, pending, others) == expected


# -- the pool, for real -----------------------------------------------------------------


def _jobs(out: Path) -> list[Job]:
    source = load_source(THAW)
    return [
        Job(
            source,
            load_layout(name),
            Audience(),
            out / f"thaw-{name}",
            load_layout(name).formats[0],
        )
        for name in ("summary", "worksheet", "factor-chart", "summary-large-print")
    ]


def test_the_pool_writes_what_one_process_writes_and_reports_each_job_once(tmp_path):
    seen = []
    pooled = run_all(_jobs(tmp_path / "two"), 2, seen.append)
    alone = run_all(_jobs(tmp_path / "one"), 1)
    assert [d.job.base.name for d in pooled] == [d.job.base.name for d in alone]
    assert sorted(d.job.base.name for d in seen) == sorted(d.job.base.name for d in alone)
    for two, one in zip(pooled, alone, strict=True):
        assert not two.error and [p.name for p in two.files] == [p.name for p in one.files]
        assert [p.read_bytes() for p in two.files] == [p.read_bytes() for p in one.files]


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="the dying worker is planted through fork",
)
def test_a_worker_that_dies_fails_only_its_job(tmp_path, monkeypatch, forked_workers):
    real = workers.render_job

    def dies_on_the_chart(job):
        if job.layout.name == "factor-chart":
            os._exit(3)  # as a crash in a C library would end it: no exception, no reply
        return real(job)

    monkeypatch.setattr(workers, "render_job", dies_on_the_chart)
    results = run_all(_jobs(tmp_path), 2)
    errors = {d.job.layout.name: d.error for d in results}
    assert "a worker process died while rendering factor-chart" in errors.pop("factor-chart")
    assert errors == {"summary": None, "worksheet": None, "summary-large-print": None}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "thaw-summary-large-print.pdf",
        "thaw-summary.pdf",
        "thaw-worksheet-answers.docx",
        "thaw-worksheet.docx",
    ]


KILL_THE_PARENT = """
import multiprocessing, os, signal, sys
from pathlib import Path
from revpack import load_source
from revpack.building.execute import run_all
from revpack.building.jobs import Done, Job
from revpack.loading.layouts import load_layout
from revpack.model import Audience

source = load_source(sys.argv[1])
jobs = [Job(source, load_layout(name), Audience(seed=n), Path(sys.argv[2]) / f"{n}-{name}",
            load_layout(name).formats[0])
        for n in range(10) for name in ("summary", "worksheet", "factor-chart")]

def first(done):
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

run_all(jobs, 2, first)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its entry waits to be collected


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_build_is_killed(tmp_path):
    import time

    done = subprocess.run(
        [sys.executable, "-c", KILL_THE_PARENT, str(THAW), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2, done.stdout + done.stderr
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids), "a worker outlived its build"
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.part"))


def test_a_program_with_threads_gets_workers_started_safely(tmp_path):
    import threading

    # fork copies only the calling thread, so locks the others hold stay locked in the
    # child: with another thread running, workers start another way, and still work.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert workers._context().get_start_method() != "fork"
        results = run_all(_jobs(tmp_path), 2)
    finally:
        stop.set()
        other.join()
    assert all(not d.error for d in results), [d.error for d in results]
    assert (
        workers._context().get_start_method() == "fork"
        or "fork" not in __import__("multiprocessing").get_all_start_methods()
    )


def test_with_workers_the_build_process_never_loads_the_document_libraries(tmp_path):
    # The parent only plans and records: reportlab, pypdf and python-docx are the
    # workers' to load, and loading them here as well would cost a cold build a fifth.
    # (A pack's classes are printed here: then the parent loads them before forking.)

    script = (
        "import sys, revpack\n"
        f"result = revpack.build([{str(THAW)!r}], out={str(tmp_path)!r}, jobs=2)\n"
        "assert result.ok, result.failed\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'reportlab', 'pypdf', 'docx'}))"
    )
    out = fresh_python(script)
    assert out.strip() == "[]"
    assert len([p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx")]) == 4


def test_workers_started_by_spawn_work_too(tmp_path, monkeypatch):
    # macOS and Windows start workers by spawn: a fresh interpreter that gets its jobs
    # by pickle and imports revpack itself.
    import multiprocessing

    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    results = run_all(_jobs(tmp_path / "spawned"), 2)
    alone = run_all(_jobs(tmp_path / "alone"), 1)
    assert [d.error for d in results] == [None] * 4
    assert [p.read_bytes() for d in results for p in d.files] == [
        p.read_bytes() for d in alone for p in d.files
    ]


def test_writers_are_prepared_once_before_the_workers_are_forked(tmp_path):
    # In a fresh process: what prepare loads is then there for every forked worker.
    script = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_workers import _jobs
from revpack.building.jobs import prepare
from reportlab.pdfbase import pdfmetrics
jobs = [job for job in _jobs(Path({str(tmp_path)!r})) if job.format == "docx"]
prepare(jobs)
print("docx", "revpack.writers.docx.worksheet" in sys.modules,
    "DejaVuSans" in pdfmetrics.getRegisteredFontNames())
prepare(_jobs(Path({str(tmp_path)!r})))
print("all", "revpack.writers.pdf.summary" in sys.modules, "revpack.writers.pdf.chart" in
    sys.modules, sorted(f for f in pdfmetrics.getRegisteredFontNames() if "DejaVu" in f))
"""
    out = fresh_python(script)
    docx_only, everything = out.splitlines()
    assert docx_only == "docx True False"  # a DOCX build loads no PDF fonts
    # The thaw notes have no italics: the oblique faces are left for a source that has.
    assert everything == "all True True ['DejaVuSans', 'DejaVuSans-Bold']"


def test_the_job_a_dead_worker_held_next_goes_to_another(tmp_path, monkeypatch, forked_workers):
    real = workers.render_job
    real_serve = workers._serve
    held = {}  # (in each forked worker: its own copy)

    def serve(pipe):
        held["pipe"] = pipe
        return real_serve(pipe)

    def dies_on_the_first_chart(job):
        if job.layout.name == "factor-chart" and job.base.parent.name == "first":
            # Once this process has handed it its next job (a fixed sleep was too short
            # on a busy machine).
            assert held["pipe"].poll(60)
            os._exit(3)
        return real(job)

    monkeypatch.setattr(workers, "_serve", serve)
    monkeypatch.setattr(workers, "render_job", dies_on_the_first_chart)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    jobs = _jobs(tmp_path / "first") + _jobs(tmp_path / "second")
    sent: list[int] = []
    real_send = workers._send

    def send(worker, jobs, index, *rest):
        real_send(worker, jobs, index, *rest)
        sent.append(index)

    monkeypatch.setattr(workers, "_send", send)
    results = run_all(jobs, 2)
    # The worker held its next job when it died: that job was sent again, to the other.
    assert len(sent) == len(jobs) + 1
    assert len(set(sent)) == len(jobs)
    failed = [d.job for d in results if d.error]
    assert [(j.base.parent.name, j.layout.name) for j in failed] == [("first", "factor-chart")]
    assert "a worker process died" in next(d.error for d in results if d.error)
    assert len(list((tmp_path / "second").iterdir())) == 5  # the worksheet has a key


def test_a_printing_build_keeps_each_worker_to_its_layouts_while_it_has_jobs_of_them(
    tmp_path, monkeypatch, forked_workers
):
    # The PDF libraries are loaded before the PDF workers start (the DOCX worksheets are
    # made meanwhile, by a worker of their own); what a source and layout set up (a
    # summary's type size, a chart's geometry) is made by a worker that keeps to that
    # layout while it has jobs of it, while the other takes another.
    log = tmp_path / "rendered-by.txt"
    real = workers.render_job

    def recording(job):
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {job.layout.name} {job.base.parent.name}\n")
        return real(job)

    monkeypatch.setattr(workers, "render_job", recording)
    for name in ("first", "second", "third", "alone"):
        (tmp_path / name).mkdir()
    jobs = [*_jobs(tmp_path / "first"), *_jobs(tmp_path / "second"), *_jobs(tmp_path / "third")]
    seen: list[Done] = []
    results = workers.run_pool(jobs, 2, seen.append, preload=True)
    assert [d.error for d in results] == [None] * 12
    assert sorted(d.job.base for d in seen) == sorted(j.base for j in jobs)
    rendered = [line.split() for line in log.read_text("utf-8").splitlines()]
    assert len(rendered) == 12
    assert str(os.getpid()) not in {pid for pid, _, _ in rendered}  # none here
    order: dict[str, list[str]] = {}
    for pid, layout, _ in rendered:
        order.setdefault(pid, []).append(layout)
    assert len(order) == 3
    docx = [layouts for layouts in order.values() if "worksheet" in layouts]
    assert docx == [["worksheet"] * 3]  # the DOCX worker did the worksheets, and only them
    pdf = [layouts for layouts in order.values() if "worksheet" not in layouts]
    assert len({layouts[0] for layouts in pdf}) == 2  # the PDF ones started apart
    for layouts in pdf:  # each finished a layout before taking up another
        runs = [layout for i, layout in enumerate(layouts) if i == 0 or layouts[i - 1] != layout]
        assert len(runs) == len(set(runs)), layouts
    alone = run_all(_jobs(tmp_path / "alone"), 1)
    assert [p.read_bytes() for d in results[8:] for p in d.files] == [
        p.read_bytes() for d in alone for p in d.files
    ]


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="workers are started with the libraries loaded only where they are forked",
)
def test_a_printing_build_makes_its_docx_documents_while_the_pdf_libraries_load(tmp_path):
    # In a fresh process, so that nothing is loaded beforehand: the DOCX worksheets are
    # rendered by a worker forked before reportlab was (it never loads it); the PDF
    # documents by workers forked after, with it and the fonts already there.
    script = f"""
import os, sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_workers import _jobs
from revpack.building import workers
real = workers.render_job
def recording(job):
    loaded = "reportlab.pdfbase.ttfonts" in sys.modules
    if loaded:
        from reportlab.pdfbase import pdfmetrics
        loaded = "DejaVuSans" in pdfmetrics._fonts  # registered before it was forked
    line = " ".join((str(os.getpid()), job.format, str(loaded))) + chr(10)
    os.write(1, line.encode())  # one write, so that the workers' lines never mix
    return real(job)
workers.render_job = recording
jobs = _jobs(Path({str(tmp_path)!r}))
results = workers.run_pool(jobs, 2, lambda done: None, preload=True)
assert [d.error for d in results] == [None] * 4, results
"""
    out = fresh_python(script)
    lines = [line.split() for line in out.splitlines()]
    assert sorted(fmt for _, fmt, _ in lines) == ["docx", "pdf", "pdf", "pdf"]
    for _, fmt, loaded in lines:
        assert loaded == ("True" if fmt == "pdf" else "False"), lines
    assert (
        len(
            {pid for pid, fmt, _ in lines if fmt == "docx"}
            & {pid for pid, fmt, _ in lines if fmt == "pdf"}
        )
        == 0
    )


def test_when_the_early_docx_worker_dies_its_job_fails_and_the_pdf_workers_take_the_rest(
    tmp_path, monkeypatch, forked_workers
):
    real = workers.render_job

    def dies_on_the_first_worksheet(job):
        if job.format == "docx" and job.base.parent.name == "first":
            os._exit(3)
        return real(job)

    monkeypatch.setattr(workers, "render_job", dies_on_the_first_worksheet)
    for name in ("first", "second", "alone"):
        (tmp_path / name).mkdir()
    jobs = [*_jobs(tmp_path / "first"), *_jobs(tmp_path / "second")]
    seen: list[Done] = []
    results = workers.run_pool(jobs, 2, seen.append, preload=True)
    failed = [(d.job.base.parent.name, d.job.format) for d in results if d.error]
    assert failed == [("first", "docx")]
    assert sorted(d.job.base for d in seen) == sorted(j.base for j in jobs)
    alone = run_all(_jobs(tmp_path / "alone"), 1)  # the other worksheet: made all the same
    assert [p.read_bytes() for d in results[4:] for p in d.files] == [
        p.read_bytes() for d in alone for p in d.files
    ]


def test_a_build_whose_libraries_fail_to_load_stops_with_that_error_and_no_worker_left(
    tmp_path, monkeypatch, forked_workers
):
    import multiprocessing

    def broken(jobs):
        raise RuntimeError("the fonts are missing")

    monkeypatch.setattr(workers, "prepare", broken)
    with pytest.raises(RuntimeError, match="the fonts are missing"):
        workers.run_pool(_jobs(tmp_path), 2, lambda done: None, preload=True)
    assert multiprocessing.active_children() == []


class _Counted(workers.SourceSent):
    """A source sent, counted where it is sent (this process)."""

    sent: list[int] = []

    def __init__(self, number, source):
        _Counted.sent.append(number)
        super().__init__(number, source)


def test_a_worker_is_sent_each_source_once_and_its_jobs_name_it(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "SourceSent", _Counted)
    monkeypatch.setattr(_Counted, "sent", [])
    for name in ("a", "b", "c", "alone"):
        (tmp_path / name).mkdir()
    jobs = [*_jobs(tmp_path / "a"), *_jobs(tmp_path / "b"), *_jobs(tmp_path / "c")]
    results = run_all(jobs, 2)
    assert [d.error for d in results] == [None] * 12
    assert _Counted.sent == [0, 0]  # one source, sent to each of the two workers once
    alone = run_all(_jobs(tmp_path / "alone"), 1)
    assert [p.read_bytes() for d in results[8:] for p in d.files] == [
        p.read_bytes() for d in alone for p in d.files
    ]


def test_a_worker_of_a_build_that_is_process_1_lives():
    # In a container the build is process 1: its workers, seeing their parent's id was 1,
    # took it for the init process adopting them and ended before any work.
    from helpers import fresh_python

    said = fresh_python(
        "import os\n"
        "os.getppid = lambda: 1\n"
        "from revpack.building.lifetime import end_with_parent\n"
        "end_with_parent()\n"
        "print('alive')\n"
    )
    assert said == "alive\n"
