"""A year group: every student their own worksheet, on one machine and on a local dask
cluster.

    python benchmarks/year_group.py [--students 300] [--classes 10] [--jobs 2] [--no-dask]

A pack of --classes classes sharing --students students (rosters as CSV files), built
with the standard layouts (summary, worksheet + key, factor chart): each student gets a
worksheet and its key, each class one summary and one chart. It measures

(e) a cold build with -j JOBS: documents per second (print PDFs not counted) and the peak
    resident memory of the main process (the workers are not counted: they are the same
    whatever the class list), also for a third of the students, to show it stays flat;
(f) a rebuild of the whole year group with nothing changed;
(g) the same cold build on a local dask cluster of JOBS worker processes, through
    `revpack build --scheduler`.
"""

from __future__ import annotations

import argparse
import compileall
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THAW = REPO / "sources" / "cold-war" / "thaw.yaml"
FIRST = [
    "Amira",
    "Ben",
    "Chloé",
    "Daniel",
    "Ewa",
    "Farid",
    "Grace",
    "Hugo",
    "Isla",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Noah",
    "Olga",
    "Priya",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
]
LAST = [
    "Khan",
    "Ot",
    "Dubois",
    "O'Brien",
    "Nowak",
    "Haddad",
    "Mensah",
    "Lindqvist",
    "MacLeod",
    "Becker",
    "Adeyemi",
    "Murphy",
    "Patel",
    "Schmidt",
    "Ivanova",
]

# Runs the command line in this process and reports its own peak memory (ru_maxrss is in
# KiB on Linux): the workers are other processes and not counted.
MEASURED = """
import resource, sys
from revpack.cli.app import app
try:
    app(sys.argv[1:], prog_name="revpack")
except SystemExit as exc:
    code = exc.code
print(f"peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def write_pack(folder: Path, students: int, classes: int) -> Path:
    """A pack of `classes` classes with `students` students between them, one roster
    (semicolon separated, as spreadsheets save it in much of Europe) per class."""
    shutil.copy(THAW, folder / "thaw.yaml")
    names = [
        f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        f"{'' if i < len(FIRST) * len(LAST) else f' {i}'}"
        for i in range(students)
    ]
    entries = []
    for number in range(classes):
        mine = names[number::classes]
        roster = folder / f"11-{number}.csv"
        roster.write_text(
            "First name;Last name\r\n"
            + "".join(f"{n.split(' ', 1)[0]};{n.split(' ', 1)[1]}\r\n" for n in mine),
            "utf-8-sig",
        )
        entries.append(f"  - {{name: '11-{number}', roster: {roster.name}}}")
    pack = folder / "pack.yaml"
    pack.write_text(
        "pack: Year 11\nsources: [thaw.yaml]\n"
        "layouts: [summary, worksheet, factor-chart]\nclasses:\n" + "\n".join(entries) + "\n",
        "utf-8",
    )
    return pack


def run(args: list[str], cwd: Path) -> tuple[float, int, float]:
    """(seconds, peak RSS of the main process in MiB, CPU seconds of it and its worker
    processes) of one `revpack` command."""
    before = _cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *args], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: revpack {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    peak = int(re.search(r"peak-rss-kib (\d+)", done.stderr)[1]) // 1024
    return seconds, peak, _cpu() - before


def _cpu() -> float:
    """CPU seconds of the finished child processes (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def documents(out: Path) -> int:
    return sum(
        1
        for p in out.rglob("*")
        if p.suffix in (".pdf", ".docx") and not p.name.endswith("-print.pdf")
    )


def cold(
    work: Path, students: int, classes: int, jobs: int, extra: tuple[str, ...] = ()
) -> tuple[float, int, int, float, Path]:
    """(seconds, peak MiB, documents, CPU seconds, pack) of a cold build in a fresh
    folder."""
    folder = Path(tempfile.mkdtemp(dir=work))
    pack = write_pack(folder, students, classes)
    seconds, peak, cpu = run(["build", pack.name, "-q", "-j", str(jobs), *extra], folder)
    return seconds, peak, documents(folder / "out"), cpu, pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    compileall.compile_dir(REPO / "src" / "revpack", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="revpack-year-"))
    rows = []
    try:
        third = max(args.students // 3, 1)
        _, small_peak, _, _, _ = cold(work, third, args.classes, args.jobs)
        seconds, peak, count, cpu, pack = cold(work, args.students, args.classes, args.jobs)
        rows += [
            (
                f"(e) {args.students} students, -j {args.jobs}: documents/s",
                f"{count / seconds:.1f}",
                f"{count} documents in {seconds:.1f} s",
            ),
            (
                "(e) documents per CPU second",
                f"{count / cpu:.1f}",
                f"{cpu:.1f} CPU s, workers included",
            ),
            (
                "(e) peak RSS of the main process, MiB",
                f"{peak}",
                f"{small_peak} MiB with {third} students",
            ),
        ]
        again, _, cpu = run(["build", pack.name, "-q", "-j", str(args.jobs)], pack.parent)
        rows.append(("(f) no-change rebuild, s", f"{again:.3f}", f"{cpu:.2f} CPU s"))
        if not args.no_dask:
            rows.append(dask_row(work, args.students, args.classes, args.jobs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>8}   {note}")


def dask_row(work: Path, students: int, classes: int, jobs: int) -> tuple[str, str, str]:
    """The cold build on a local dask cluster of `jobs` single-threaded worker processes
    (started before the clock starts, as a cluster would be)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=50,
    ) as cluster:
        seconds, _, count, _, _ = cold(
            work, students, classes, jobs, ("--scheduler", cluster.scheduler_address)
        )
    return (
        f"(g) same, local dask cluster of {jobs}: documents/s",
        f"{count / seconds:.1f}",
        f"{count} documents in {seconds:.1f} s",
    )


if __name__ == "__main__":
    main()
