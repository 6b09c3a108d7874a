"""Print PDFs made on the worker processes: the same bytes as a one-process build, never
made in the build's own process, and a worker that dies while making one failing that
class's print PDF alone."""

import os
import shutil
from pathlib import Path

from helpers import DATA, THAW, qpdf_check
from revpack import build
from revpack.building import print_tasks, workers

PACK = """pack: Year 11
sources: [thaw.yaml]
layouts: [summary, worksheet, factor-chart]
classes:
  - name: 11A
    teacher: Ms Khan
    roster: 11a.csv
  - name: 11B
  - name: 11C
"""


def _pack(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(THAW, folder / "thaw.yaml")
    shutil.copy(DATA / "students" / "11a.csv", folder / "11a.csv")
    pack = folder / "pack.yaml"
    pack.write_text(PACK, "utf-8")
    return pack


def _prints(out: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(out.rglob("*.pdf"))
        if p.name.endswith(("-print.pdf", "-answers.pdf")) and p.name.startswith("year-11")
    }


def test_print_pdfs_are_made_on_the_workers_as_one_process_would(
    tmp_path, monkeypatch, forked_workers
):
    log = tmp_path / "made-by.txt"
    real = print_tasks.run_print

    def logged(task):
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {task.cover.who}\n")
        return real(task)

    monkeypatch.setattr(workers, "run_print", logged)
    pooled = build([_pack(tmp_path / "a")], out=tmp_path / "a" / "out", jobs=2)
    alone = build([_pack(tmp_path / "b")], out=tmp_path / "b" / "out", jobs=1)
    assert pooled.ok and alone.ok, (pooled.failed, alone.failed)

    made_by = [line.split(" ", 1) for line in log.read_text("utf-8").splitlines()]
    # Three classes, a print and an answers PDF each, all made by worker processes.
    assert len(made_by) == 6
    assert str(os.getpid()) not in {pid for pid, _ in made_by}
    assert {who.split(" · ")[0] for _, who in made_by} == {"Class 11A", "Class 11B", "Class 11C"}

    ours, theirs = _prints(tmp_path / "a" / "out"), _prints(tmp_path / "b" / "out")
    assert len(ours) == 6
    assert ours == theirs  # the class with students' marking grids included
    for path in (tmp_path / "a" / "out").rglob("year-11-*.pdf"):
        qpdf_check(path)


def test_a_worker_that_dies_making_a_print_pdf_fails_that_class_alone(
    tmp_path, monkeypatch, forked_workers
):
    real = print_tasks.run_print

    def dies_on_11b(task):
        if task.cover.who.startswith("Class 11B") and task.cover.contents == "Contents":
            os._exit(3)
        return real(task)

    monkeypatch.setattr(workers, "run_print", dies_on_11b)
    out = tmp_path / "a" / "out"
    result = build([_pack(tmp_path / "a")], out=out, jobs=2)
    assert len(result.failed) == 1
    assert "cannot make the print PDF of class 11B" in result.failed[0]
    assert "a worker process died" in result.failed[0]
    made = _prints(out)
    assert "year-11-11b-print.pdf" not in made
    assert {"year-11-11a-print.pdf", "year-11-11c-print.pdf", "year-11-11b-answers.pdf"} <= set(
        made
    )
    # Its documents were written, and the next build makes the print PDF it lacks.
    monkeypatch.setattr(workers, "run_print", real)
    assert (out / "year-11" / "11b" / "thaw-summary.pdf").is_file()
    again = build([out.parent / "pack.yaml"], out=out, jobs=2)
    assert again.ok, again.failed
    assert [p.name for p in again.written] == ["year-11-11b-print.pdf"]
