"""revpack's speed, measured side by side in one run and printed as ratios.

    python benchmarks/bench.py [--repeat N]

(a) a cold `revpack build` of the thaw topic against a minimal script that makes the
    same three documents by calling reportlab and python-docx directly (target <= 1.2);
(b) a 30-class pack with the three standard layouts at -j 1 and -j 2, in documents per
    second (target >= 45 with -j 2 on 2 cores);
(c) a rebuild of that pack with nothing changed (target <= 0.5 s);
(d) where pandoc is installed, worksheet DOCX per second against pandoc converting the
    same notes as Markdown;
(e) the worksheet and its key for one class in a warm process, as PDF and as DOCX, in
    CPU seconds (target: the PDF at most half the DOCX's time).

The pack of (b) gets complete print PDFs: each class's worksheets are also drawn as PDF
for its print PDF, and its keys go into its answers PDF; no LibreOffice is involved.

Every figure is the median of --repeat runs, each a fresh process, so start-up counts.
revpack's modules are byte-compiled first, as installing a package does (an editable
install under PYTHONDONTWRITEBYTECODE would otherwise compile them again on every run).
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THAW = REPO / "sources" / "cold-war" / "thaw.yaml"
BASELINE = Path(__file__).resolve().parent / "baseline_direct.py"
LAYOUTS = ["summary", "worksheet", "factor-chart"]


def timed(command: list[str], cwd: Path, repeat: int, prepare=lambda: None) -> float:
    """Median wall time of `command` over `repeat` fresh runs."""
    times = []
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
    return statistics.median(times)


def revpack(*args: str) -> list[str]:
    return [sys.executable, "-m", "revpack", *args]


def write_pack(folder: Path, classes: int) -> Path:
    shutil.copy(THAW, folder / "thaw.yaml")
    rows = "\n".join(f"  - {{name: '10{i:02d}', teacher: Teacher {i}}}" for i in range(classes))
    pack = folder / "pack.yaml"
    pack.write_text(f"pack: Benchmark\nsources: [thaw.yaml]\nlayouts: [{', '.join(LAYOUTS)}]\n"
                    f"classes:\n{rows}\n", "utf-8")
    return pack


def count_documents(out: Path) -> int:
    """Documents written, not counting the classes' print and answers PDFs."""
    return sum(1 for p in out.rglob("*") if p.suffix in (".pdf", ".docx")
               and not p.name.startswith("benchmark-"))


def print_pdfs(out: Path) -> int:
    """Classes with both a print PDF and an answers PDF."""
    return sum(1 for p in out.rglob("benchmark-*-print.pdf")
               if p.with_name(p.name.replace("-print", "-answers")).exists())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--classes", type=int, default=30)
    args = parser.parse_args()
    compileall.compile_dir(REPO / "src" / "revpack", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="revpack-bench-"))
    try:
        rows = run(work, args.repeat, args.classes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>10}   {target}")


def run(work: Path, repeat: int, classes: int) -> list[tuple[str, str, str]]:
    rows = []
    # (a) cold build of one topic against the direct calls.
    ours = timed(revpack("build", str(THAW), "-o", str(work / "a"), "--force", "-q"),
                 REPO, repeat)
    direct = timed([sys.executable, str(BASELINE), str(THAW), str(work / "direct")], REPO,
                   repeat)
    rows += [("(a) revpack build thaw (3 layouts), s", f"{ours:.3f}", ""),
             ("(a) direct reportlab + python-docx, s", f"{direct:.3f}", ""),
             ("(a) ratio revpack / direct", f"{ours / direct:.2f}", "target <= 1.2")]
    # (b) a pack for many classes, serial and parallel.
    pack = write_pack(work, classes)
    docs = None
    for jobs in (1, 2):
        out = work / f"pack-j{jobs}"
        seconds = timed(revpack("build", str(pack), "-o", str(out), "-j", str(jobs), "-q"),
                        REPO, repeat, prepare=lambda out=out: shutil.rmtree(out, True))
        docs = count_documents(out)
        target = "target >= 45" if jobs == 2 else ""
        rows.append((f"(b) {classes}-class pack, -j {jobs}: documents/s", f"{docs / seconds:.1f}",
                     target))
    rows.append(("(b) documents per build", f"{docs}", ""))
    rows.append(("(b) classes with print + answers PDFs", f"{print_pdfs(out)}", ""))
    # (c) nothing changed.
    unchanged = timed(revpack("build", str(pack), "-o", str(work / "pack-j2"), "-q"), REPO,
                      repeat)
    rows.append(("(c) no-change rebuild, s", f"{unchanged:.3f}", "target <= 0.5"))
    # (d) pandoc, where installed.
    rows += pandoc_rows(work, repeat)
    # (e) worksheet and key, warm, PDF against DOCX.
    rows += warm_rows(repeat)
    return rows


def warm_rows(repeat: int, classes: int = 10) -> list[tuple[str, str, str]]:
    """CPU seconds per class for the worksheet and its key, in a process that has
    already written one (fonts registered, libraries imported)."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack import load_source
    from revpack.loading.layouts import load_layout
    from revpack.model import Audience
    from revpack.render import render

    source, layout = load_source(THAW), load_layout("worksheet")
    seconds = {}
    for fmt in ("docx", "pdf"):
        render(source, layout, Audience("warm", "up", 0), fmt)
        runs = []
        for _ in range(repeat):
            start = time.process_time()
            for number in range(classes):
                render(source, layout, Audience(f"10{number}", f"Teacher {number}", number),
                       fmt)
            runs.append((time.process_time() - start) / classes)
        seconds[fmt] = statistics.median(runs)
    return [("(e) worksheet + key as DOCX, s/class", f"{seconds['docx']:.4f}", ""),
            ("(e) worksheet + key as PDF, s/class", f"{seconds['pdf']:.4f}", ""),
            ("(e) ratio PDF / DOCX", f"{seconds['pdf'] / seconds['docx']:.2f}",
             "target <= 0.5")]


def pandoc_rows(work: Path, repeat: int) -> list[tuple[str, str, str]]:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return [("(d) pandoc", "not installed", "apt-get install pandoc to compare")]
    notes = work / "thaw.md"
    notes.write_text(markdown_of(THAW), "utf-8")
    ours = timed(revpack("build", str(THAW), "-l", "worksheet", "-o", str(work / "d"),
                         "--force", "-q"), REPO, repeat)
    theirs = timed([pandoc, str(notes), "-o", str(work / "thaw.docx")], REPO, repeat)
    return [("(d) revpack worksheet + key, DOCX/s", f"{2 / ours:.1f}", ""),
            ("(d) pandoc Markdown -> DOCX, DOCX/s", f"{1 / theirs:.1f}", ""),
            ("(d) ratio of times revpack / pandoc", f"{ours / theirs:.2f}", "")]


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


if __name__ == "__main__":
    main()
