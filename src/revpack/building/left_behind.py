"""Files that revpack wrote for a pack in an earlier build and that the pack no longer
makes: a student taken off a class, a class renamed or taken out, a layout or a source no
longer built. They are neither rebuilt nor deleted (one may be a teacher's edited sheet),
so the build says where they are, or a teacher would print the old ones beside the new."""

from __future__ import annotations

from revpack.building.classes import ClassJobs
from revpack.building.jobs import Job
from revpack.building.manifest import Manifest


def note_left_behind(
    jobs: list[Job],
    per_class: list[ClassJobs],
    manifest: Manifest,
    notes: list[str],
    whole: bool,
) -> None:
    """To `notes`, a note for each folder holding files an earlier build wrote that this
    one no longer makes: a former student's, in a class built whole; and, when `whole`
    (every class of every pack built, with all their layouts), any other of a pack's."""
    _former_students(per_class, manifest, notes)
    if whole:
        _no_longer_made(jobs, per_class, manifest, notes)


def _former_students(per_class: list[ClassJobs], manifest: Manifest, notes: list[str]) -> None:
    """A student's folder in a class that no longer lists that student (taken off the
    roster, or renamed): their documents would otherwise sit beside the class's unnoticed."""
    folders: dict[str, tuple[str, set[str]]] = {  # a class's folder → its name, students'
        _folder(each, manifest): (each.klass.name, {s.student.slug for s in each.students})
        for each in per_class
        if each.complete and each.students
    }
    if not folders:
        return
    gone: dict[str, int] = {}
    for name in manifest.recorded():
        folder, _, rest = name.rpartition("/")
        klass, _, student = folder.rpartition("/")
        if klass in folders and student not in folders[klass][1] and "/" not in rest:
            if (manifest.out / name).exists():
                gone[folder] = gone.get(folder, 0) + 1
    for folder, count in sorted(gone.items()):
        klass = folders[folder.rpartition("/")[0]][0]
        notes.append(
            f"{manifest.out / folder}: no student of class {klass} has this folder now; "
            f"what revpack wrote there ({_files(count)}) is left as it was: delete the folder "
            "if it is no longer needed"
        )


def _no_longer_made(
    jobs: list[Job], per_class: list[ClassJobs], manifest: Manifest, notes: list[str]
) -> None:
    """A pack's folder that no class has now, and files in a class's or a current
    student's folder that the pack no longer makes (a layout, format or source no longer
    built); a former student's folder is said by `_former_students`."""
    made = {manifest.relative(job.path) for job in jobs}
    made |= {manifest.relative(p) for c in per_class for p in (c.print_pdf, c.answers_pdf)}
    classes = {_folder(c, manifest) for c in per_class}
    packs = tuple({folder.rpartition("/")[0] + "/" for folder in classes})
    students = {f"{_folder(c, manifest)}/{s.student.slug}" for c in per_class for s in c.students}
    left: dict[str, list[str]] = {}
    for name, entry in manifest.entries.items():
        if name in made or not name.startswith(packs):
            continue
        for file in entry.files:
            if (manifest.out / file).exists():
                folder, _, rest = file.rpartition("/")
                left.setdefault(folder, []).append(rest)
    for folder, files in sorted(left.items()):
        klass = folder if folder in classes else folder.rpartition("/")[0]
        if klass not in classes and folder.rpartition("/")[0] + "/" in packs:
            notes.append(
                f"{manifest.out / folder}: no class of the pack has this folder now; what "
                f"revpack wrote there ({_files(len(files))}) is left as it was: delete the "
                "folder if it is no longer needed"
            )
        elif folder in classes or folder in students:
            shown = ", ".join(sorted(files)[:3]) + (", …" if len(files) > 3 else "")
            notes.append(
                f"{manifest.out / folder}: {_files(len(files))} revpack wrote here the pack "
                f"no longer makes ({shown}): left as they were; delete them if no longer needed"
            )


def _folder(found: ClassJobs, manifest: Manifest) -> str:
    """A class's folder, as the manifest names files."""
    return manifest.relative(found.print_pdf.parent)


def _files(count: int) -> str:
    """'1 file', '3 files'."""
    return f"{count} file{'s' if count > 1 else ''}"
