"""Before anything is rendered: every job's source has labels in its language, from a
built-in label set or from its layout's `labels:`."""

from __future__ import annotations

from revpack.building.jobs import Job
from revpack.labels import Labels, NoLabels, load_labels
from revpack.problems import InputError, Mark, Problem


def check_labels(jobs: list[Job]) -> None:
    """Raise InputError, at each source's `language:`, for a language that has no labels
    with the layout it is built with."""
    problems: dict[str, Problem] = {}
    checked: set = set()
    for job in jobs:
        source = job.source
        pair = (source.language, job.layout.labels, source.path)
        if pair in checked:  # a pack asks the same of every class
            continue
        checked.add(pair)
        try:
            load_labels(source.language, job.layout.labels)
        except NoLabels as exc:
            mark = source.language_mark or Mark(source.path, 1, 1)
            problems.setdefault(f"{mark}", Problem(mark, f"{exc} (layout '{job.layout.name}')"))
    if problems:
        raise InputError(list(problems.values()))


def class_labels(jobs: list[Job]) -> Labels:
    """The labels of a class's print cover: its first document's language and layout."""
    if not jobs:
        return load_labels()
    first = jobs[0]
    try:
        return load_labels(first.source.language, first.layout.labels)
    except NoLabels:
        return load_labels()
