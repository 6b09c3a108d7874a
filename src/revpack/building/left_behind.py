"""Files that revpack wrote for a pack in an earlier build and that the pack no longer
makes: a class renamed or taken out, a layout or a source no longer built. They are
neither rebuilt nor deleted (one may be a teacher's edited sheet), so the build says
where they are, or a teacher would print the old ones beside the new."""

from __future__ import annotations

from revpack.building.classes import ClassJobs
from revpack.building.jobs import Job
from revpack.building.manifest import Manifest


def note_left_behind(
    jobs: list[Job], per_class: list[ClassJobs], manifest: Manifest, notes: list[str]
) -> None:
    """To `notes`, a note for each folder of a pack built whole that holds files an
    earlier build wrote and this one no longer makes (a student no longer in a class is
    said by `run._note_former_students`)."""
    if not per_class or not all(c.complete for c in per_class):
        return
    made = {f"{manifest.relative(job.base)}.{job.extension}" for job in jobs}
    made |= {manifest.relative(p) for c in per_class for p in (c.print_pdf, c.answers_pdf)}
    classes = {manifest.relative(c.print_pdf.parent) for c in per_class}
    packs = {folder.rpartition("/")[0] + "/" for folder in classes}
    students = {
        f"{manifest.relative(c.print_pdf.parent)}/{s.student.slug}"
        for c in per_class
        for s in c.students
    }
    left: dict[str, list[str]] = {}
    for name, entry in manifest.entries.items():
        if name in made or not name.startswith(tuple(packs)):
            continue
        for file in entry.files:
            if (manifest.out / file).exists():
                folder, _, rest = file.rpartition("/")
                left.setdefault(folder, []).append(rest)
    for folder, files in sorted(left.items()):
        klass = folder if folder in classes else folder.rpartition("/")[0]
        count = f"{len(files)} file{'s' if len(files) > 1 else ''}"
        if klass not in classes and folder.rpartition("/")[0] + "/" in packs:
            notes.append(
                f"{manifest.out / folder}: no class of the pack has this folder now; what "
                f"revpack wrote there ({count}) is left as it was: delete the folder if it "
                "is no longer needed"
            )
        elif folder in classes or folder in students:
            shown = ", ".join(sorted(files)[:3]) + (", …" if len(files) > 3 else "")
            notes.append(
                f"{manifest.out / folder}: {count} revpack wrote here the pack no longer "
                f"makes ({shown}): left as they were; delete them if no longer needed"
            )
