"""revpack's speed against naive scripts, measured side by side in one run.

    python benchmarks/bench.py [--rounds N] [--classes N] [--year-classes N]

Each comparison runs its two commands alternately (A B A B …, fresh processes, so
start-up counts) and reports the medians of wall time and CPU time (user + system of the
process and its children) and the min / median / max of the per-round ratios, so a quiet
or busy moment of the machine falls on both sides alike:

(a) a cold `revpack build` of the thaw topic (summary, worksheet + key, factor chart) at
    the default -j against `baseline_direct.py`, the same documents by direct reportlab
    and python-docx calls (targets: wall <= 1.2x, CPU <= 1.5x);
(b) a --classes pack (summary, worksheet + key, chart per class; revpack also writes each
    class's print and answers PDFs) against `baseline_batch.py`, the same documents by
    direct calls on a process pool of the same size, at -j 2 and -j 1, in classes per
    second (targets: revpack >= 1.3x the naive rate at -j 2, >= 1.1x at -j 1);
(c) a rebuild of a --year-classes pack with nothing changed (target < 0.3 s, and no
    file's modification time changes);
(d) where pandoc is installed, the worksheet and key against pandoc turning the same notes
    (as Markdown) into one DOCX;
(s) start-up: `revpack check` of the thaw notes against a bare `python -c 'import yaml'`
    (target < 2x).

revpack's modules are byte-compiled first, as installing a package does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
THAW = REPO / "sources" / "cold-war" / "thaw.yaml"
LAYOUTS = ["summary", "worksheet", "factor-chart"]


@dataclass(frozen=True)
class Run:
    """One timed process."""

    wall: float
    """Seconds from start to end."""
    cpu: float
    """User + system seconds of the process and its children."""


@dataclass(frozen=True)
class Pair:
    """Two commands' runs, taken alternately."""

    a: list[Run]
    """The first command's runs."""
    b: list[Run]
    """The second command's runs."""

    def ratios(self, field: str) -> list[float]:
        """Per-round ratios a/b of `field` (wall or cpu)."""
        return [getattr(x, field) / getattr(y, field) for x, y in zip(self.a, self.b, strict=True)]

    def median(self, side: str, field: str) -> float:
        """The median of one side's `field`."""
        return statistics.median(getattr(r, field) for r in getattr(self, side))


def timed(command: list[str], prepare: Callable[[], None] = lambda: None) -> Run:
    """Run `command` once (after `prepare`) and time it."""
    prepare()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu)


def paired(
    a: list[str], b: list[str], rounds: int, prepare_a=lambda: None, prepare_b=lambda: None
) -> Pair:
    """`rounds` runs of each command, alternating, after one warm-up run of each (so the
    disk cache is warm for both)."""
    timed(a, prepare_a)
    timed(b, prepare_b)
    runs_a, runs_b = [], []
    for _ in range(rounds):
        runs_a.append(timed(a, prepare_a))
        runs_b.append(timed(b, prepare_b))
    return Pair(runs_a, runs_b)


def spread(values: list[float]) -> str:
    """'min / median / max'."""
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def revpack(*args: str) -> list[str]:
    return [sys.executable, "-m", "revpack", *args]


def write_pack(folder: Path, classes: int, name: str = "pack.yaml") -> Path:
    shutil.copy(THAW, folder / "thaw.yaml")
    rows = "\n".join(f"  - {{name: '10{i:03d}', teacher: Teacher {i}}}" for i in range(classes))
    pack = folder / name
    pack.write_text(
        f"pack: Benchmark {classes}\nsources: [thaw.yaml]\n"
        f"layouts: [{', '.join(LAYOUTS)}]\nclasses:\n{rows}\n",
        "utf-8",
    )
    return pack


def cold_topic(work: Path, rounds: int) -> list[tuple[str, str, str]]:
    pair = paired(
        revpack("build", str(THAW), "-o", str(work / "a"), "--force", "-q"),
        [sys.executable, str(HERE / "baseline_direct.py"), str(THAW), str(work / "direct")],
        rounds,
    )
    return [
        (
            "(a) revpack cold thaw build: wall s, CPU s",
            f"{pair.median('a', 'wall'):.3f}, {pair.median('a', 'cpu'):.3f}",
            "",
        ),
        (
            "(a) direct calls: wall s, CPU s",
            f"{pair.median('b', 'wall'):.3f}, {pair.median('b', 'cpu'):.3f}",
            "",
        ),
        ("(a) wall ratio min / median / max", spread(pair.ratios("wall")), "target <= 1.2"),
        ("(a) CPU ratio min / median / max", spread(pair.ratios("cpu")), "target <= 1.5"),
    ]


def pack_against_batch(work: Path, rounds: int, classes: int) -> list[tuple[str, str, str]]:
    pack = write_pack(work, classes)
    rows = []
    for jobs, target in ((2, "target >= 1.3"), (1, "target >= 1.1")):
        ours, theirs = work / f"pack-j{jobs}", work / f"batch-j{jobs}"
        pair = paired(
            revpack("build", str(pack), "-o", str(ours), "-j", str(jobs), "-q"),
            [
                sys.executable,
                str(HERE / "baseline_batch.py"),
                str(THAW),
                str(theirs),
                str(classes),
                str(jobs),
            ],
            rounds,
            prepare_a=lambda ours=ours: shutil.rmtree(ours, True),
            prepare_b=lambda theirs=theirs: shutil.rmtree(theirs, True),
        )
        rate_a = classes / pair.median("a", "wall")
        rate_b = classes / pair.median("b", "wall")
        speed = [1 / r for r in pair.ratios("wall")]  # revpack's rate / the naive rate
        rows += [
            (
                f"(b) {classes} classes -j {jobs}: revpack, naive classes/s",
                f"{rate_a:.1f}, {rate_b:.1f}",
                "",
            ),
            (f"(b) -j {jobs} rate ratio revpack/naive min / median / max", spread(speed), target),
            (
                f"(b) -j {jobs} CPU ratio revpack/naive min / median / max",
                spread(pair.ratios("cpu")),
                "",
            ),
        ]
    documents = sum(
        1 for p in (work / "pack-j2").rglob("*") if p.is_file() and not p.name.startswith(".")
    )
    rows.append(("(b) files revpack writes per build (print PDFs included)", str(documents), ""))
    return rows


def no_change(work: Path, rounds: int, classes: int) -> list[tuple[str, str, str]]:
    folder = work / "year"
    folder.mkdir()
    pack = write_pack(folder, classes)
    out = folder / "out"
    timed(revpack("build", str(pack), "-o", str(out), "-j", "2", "-q"))
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    runs = [timed(revpack("build", str(pack), "-o", str(out), "-q")) for _ in range(rounds)]
    touched = [p for p, stamp in stamps.items() if p.stat().st_mtime_ns != stamp]
    return [
        (
            f"(c) no-change rebuild of {classes} classes, s (median)",
            f"{statistics.median(r.wall for r in runs):.3f}",
            "target < 0.3",
        ),
        ("(c) files whose mtime changed", str(len(touched)), "target 0"),
    ]


def start_up(rounds: int) -> list[tuple[str, str, str]]:
    """(s): how long `revpack check` takes to start and check one source, against Python
    starting and loading PyYAML (which any check needs)."""
    pair = paired(revpack("check", str(THAW)), [sys.executable, "-c", "import yaml"], rounds)
    both = f"{pair.median('a', 'wall') * 1000:.0f}, {pair.median('b', 'wall') * 1000:.0f}"
    return [
        ("(s) revpack check, python -c 'import yaml': wall ms", both, ""),
        ("(s) check / import yaml min / median / max", spread(pair.ratios("wall")), "target < 2"),
    ]


def pandoc_rows(work: Path, rounds: int) -> list[tuple[str, str, str]]:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return [("(d) pandoc", "not installed", "apt-get install pandoc to compare")]
    notes = work / "thaw.md"
    notes.write_text(markdown_of(THAW), "utf-8")
    pair = paired(
        revpack("build", str(THAW), "-l", "worksheet", "-o", str(work / "d"), "--force", "-q"),
        [pandoc, str(notes), "-o", str(work / "thaw.docx")],
        rounds,
    )
    return [
        ("(d) revpack worksheet + key, DOCX/s", f"{2 / pair.median('a', 'wall'):.1f}", ""),
        ("(d) pandoc Markdown -> DOCX, DOCX/s", f"{1 / pair.median('b', 'wall'):.1f}", ""),
        ("(d) time ratio revpack / pandoc min / median / max", spread(pair.ratios("wall")), ""),
    ]


def markdown_of(path: Path) -> str:
    """The thaw notes as Markdown (what a teacher would otherwise convert with pandoc)."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack import load_source

    source = load_source(path)
    lines = [f"# {source.title.plain}", "", f"**{source.question.plain}**", ""]
    for block in (*source.factors, *source.sections):
        lines += [f"## {block.title.plain}", ""]
        for point in block.points:
            lines.append(f"- {point.text.plain}")
            lines += [f"    - {sub.plain}" for sub in point.points]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--classes", type=int, default=30)
    parser.add_argument("--year-classes", type=int, default=300)
    args = parser.parse_args()
    compileall.compile_dir(REPO / "src" / "revpack", quiet=1)
    load = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="revpack-bench-"))
    try:
        rows = [
            *cold_topic(work, args.rounds),
            *pack_against_batch(work, args.rounds, args.classes),
            *no_change(work, args.rounds, args.year_classes),
            *start_up(max(args.rounds, 11)),
            *pandoc_rows(work, args.rounds),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows.append(
        ("load average (1 min) before, after", f"{load[0]:.2f}, {os.getloadavg()[0]:.2f}", "")
    )
    width = max(len(r[0]) for r in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>22}   {target}")


if __name__ == "__main__":
    main()
