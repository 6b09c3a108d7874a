"""Builds on other executors: a thread pool, and a dask cluster of two worker processes
(through revpack.build and through `revpack build --scheduler`), give the bytes a local
build gives; the workers' own environment and folder change none of them."""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import distributed  # the test extra installs it: this must run in CI, never skip
import pytest

from helpers import THAW, revpack
from revpack import build
from revpack.building.manifest import NAME

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
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != NAME}


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
    # 3 students' sheets and keys, 11B's one sheet and key, each class's summary, chart
    # and print PDF
    assert len(written) == 2 * 3 + 2 + 2 * 3
    return written


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A local dask cluster whose two worker processes start in another folder and with
    another SOURCE_DATE_EPOCH than the builds that use it."""
    elsewhere = tmp_path_factory.mktemp("workers")
    here, before = Path.cwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.chdir(elsewhere)
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None, local_directory=elsewhere,
                                      ) as running:
            os.chdir(here)
            os.environ.pop("SOURCE_DATE_EPOCH")
            yield running
    finally:
        os.chdir(here)
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def test_a_thread_pool_writes_what_worker_processes_write(tmp_path, local, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with ThreadPoolExecutor(4) as pool:
        result = build([_folder(tmp_path)], out=tmp_path / "out", executor=pool)
    assert result.ok, result.failed
    assert files(tmp_path / "out") == local


def test_a_dask_cluster_writes_what_a_local_build_writes(tmp_path, local, cluster,
                                                         monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    seen = []
    with distributed.Client(cluster.scheduler_address) as client:
        result = build([_folder(tmp_path)], out=tmp_path / "out",
                       executor=client.get_executor(pure=False), on_done=seen.append)
        ran_on = client.run(os.getpid)
    assert result.ok, result.failed
    assert len(seen) == 8 and len(ran_on) == 2
    assert files(tmp_path / "out") == local
    # Nothing was written where the workers run.
    assert not [p for p in Path(cluster.workers[0].local_directory).rglob("*.docx")]


def test_revpack_build_scheduler_writes_what_a_local_build_writes(tmp_path, local, cluster):
    pack = _folder(tmp_path)
    done = revpack("build", pack, "-o", tmp_path / "out", "--scheduler",
                   cluster.scheduler_address, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    assert files(tmp_path / "out") == local
    again = revpack("build", pack, "-o", tmp_path / "out", "--scheduler",
                    cluster.scheduler_address, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert "0 written, 14 unchanged" in again.stdout + again.stderr


def test_the_printed_date_changes_bytes(tmp_path, local):
    # So the comparisons above would see a worker that used its own date.
    result = build([_folder(tmp_path)], out=tmp_path / "out", jobs=1)
    assert result.ok
    assert files(tmp_path / "out") != local


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path):
    done = revpack("build", _folder(tmp_path), "-o", tmp_path / "out", "--scheduler",
                   "tcp://127.0.0.1:9")
    assert done.returncode == 2, done.stderr
    assert "no dask scheduler answers at tcp://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()
