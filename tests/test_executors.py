"""Builds on other executors: a thread pool, and a dask cluster of two worker processes
(through revpack.build and through `revpack build --scheduler`), give the bytes a local
build gives; the workers' own environment and folder change none of them.

The cluster and its clients run in processes of their own: dask leaves threads behind in
the process that used it, and the tests of worker processes need a process without them.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import THAW, revpack
from revpack import build
from revpack.building.manifest import NAME

# The test extra installs dask.distributed: these tests must run in CI, never skip.
assert importlib.util.find_spec("distributed"), "pip install -e '.[test]' installs dask"

CLUSTER = """
import os, sys
import distributed
# The workers start here, with a date of their own: neither may change a byte.
os.chdir(sys.argv[1])
os.environ["SOURCE_DATE_EPOCH"] = "0"
with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None, local_directory=sys.argv[1],
                              silence_logs=50) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()  # until the test is done with it
"""
THROUGH_API = """
import sys
import distributed
import revpack
with distributed.Client(sys.argv[1]) as client:
    result = revpack.build([sys.argv[2]], out=sys.argv[3],
                           executor=client.get_executor(pure=False))
    print(len(client.scheduler_info()["workers"]), "workers", flush=True)
sys.exit(0 if result.ok else 1)
"""
EPOCH = "1764547200"  # 1 December 2025
PACK = """pack: Year 11
sources: [thaw.yaml]
layouts: [summary, worksheet, factor-chart]
classes:
  - name: 11A
    students: [Amira Khan, Ben Ot, Chloé Dubois]
  - name: 11B
"""


def _folder(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    (tmp_path / "pack.yaml").write_text(PACK, "utf-8")
    return tmp_path / "pack.yaml"


def files(out: Path) -> dict[str, bytes]:
    """Every document under `out`, by its path inside `out` (not the manifest, which
    names the folder the sources were read from)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != NAME
    }


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """What a local build with worker processes writes."""
    folder = tmp_path_factory.mktemp("local")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        result = build([_folder(folder)], out=folder / "out", jobs=2)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.ok, result.failed
    written = files(folder / "out")
    # 3 students' sheets and keys, 11B's one sheet and key, each as DOCX and as PDF for
    # printing; each class's summary, chart, print PDF and answers PDF
    assert len(written) == 4 * 3 + 4 + 4 * 2
    return written


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The scheduler address of a local dask cluster of two worker processes, which start
    in another folder and with another SOURCE_DATE_EPOCH than the builds that use it."""
    elsewhere = tmp_path_factory.mktemp("workers")
    running = subprocess.Popen(
        [sys.executable, "-c", CLUSTER, str(elsewhere)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = running.stdout.readline().strip()
        assert address.startswith("tcp://"), "the local cluster did not start"
        yield address, elsewhere
    finally:
        running.stdin.close()
        try:
            running.wait(timeout=60)
        except subprocess.TimeoutExpired:
            running.kill()
            running.wait()


def test_a_thread_pool_writes_what_worker_processes_write(tmp_path, local, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with ThreadPoolExecutor(4) as pool:
        result = build([_folder(tmp_path)], out=tmp_path / "out", executor=pool)
    assert result.ok, result.failed
    assert files(tmp_path / "out") == local


def test_a_dask_cluster_writes_what_a_local_build_writes(tmp_path, local, cluster):
    address, elsewhere = cluster
    pack = _folder(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", THROUGH_API, address, str(pack), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2 workers"
    assert files(tmp_path / "out") == local
    assert not list(elsewhere.rglob("*.docx")) and not list(elsewhere.rglob("*.pdf"))


def test_revpack_build_scheduler_writes_what_a_local_build_writes(tmp_path, local, cluster):
    pack = _folder(tmp_path)
    address = cluster[0]
    done = revpack(
        "build",
        pack,
        "-o",
        tmp_path / "out",
        "--scheduler",
        address,
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.returncode == 0, done.stderr
    assert files(tmp_path / "out") == local
    again = revpack(
        "build",
        pack,
        "-o",
        tmp_path / "out",
        "--scheduler",
        address,
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert "0 written, 24 unchanged" in again.stdout + again.stderr


def test_the_printed_date_changes_bytes(tmp_path, local):
    # So the comparisons above would see a worker that used its own date.
    result = build([_folder(tmp_path)], out=tmp_path / "out", jobs=1)
    assert result.ok
    assert files(tmp_path / "out") != local


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path):
    done = revpack(
        "build", _folder(tmp_path), "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9"
    )
    assert done.returncode == 2, done.stderr
    assert "no dask scheduler answers at tcp://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_jobs_are_capped_at_a_few_processes_per_cpu(monkeypatch):
    import revpack.building.workers as workers
    from revpack.building import execute
    from revpack.building.jobs import default_workers

    asked = []
    monkeypatch.setattr(workers, "run_pool", lambda jobs, n, *rest: asked.append(n) or [])
    many = [object()] * 10_000  # never rendered: the pool is replaced
    execute.run_all(many, 1_000_000)
    execute.run_all(many[:3], 1_000_000)
    assert asked == [execute.PER_CPU * default_workers(), 3]


def test_a_scheduler_address_where_something_else_answers_is_a_usage_error(tmp_path):
    import contextlib
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    stop = threading.Event()

    def answer_garbage() -> None:  # as a web server would, to dask's eyes
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection, contextlib.suppress(OSError):
                connection.sendall(b"\xff" * 64 + b"HTTP/1.1 400 Bad Request\r\n\r\n")

    # Stopped and joined at the end: a thread left running would make later tests' worker
    # pools start their processes another way.
    answering = threading.Thread(target=answer_garbage, daemon=True)
    answering.start()
    try:
        done = revpack(
            "build",
            THAW,
            "-l",
            "summary",
            "-o",
            tmp_path / "out",
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
        )
    finally:
        stop.set()
        answering.join()
        server.close()
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(
        f"revpack: --scheduler: no dask scheduler answers at tcp://127.0.0.1:{port}"
    )
    assert not (tmp_path / "out").exists()
