"""Before anything is rendered: every job's source has labels in its language, from a
built-in label set or from its layout's `labels:` (revpack.loading.languages)."""

from __future__ import annotations

from revpack.building.jobs import Job
from revpack.labels import Labels, NoLabels, load_labels
from revpack.loading.languages import label_problems
from revpack.problems import InputError


def check_labels(jobs: list[Job]) -> None:
    """Raise InputError, at each source's `language:`, for a language that has no labels
    with the layout it is built with."""
    problems = label_problems((job.source, job.layout) for job in jobs)
    if problems:
        raise InputError(problems)


def class_labels(jobs: list[Job]) -> Labels:
    """The labels of a class's print cover: its first document's language and layout."""
    if not jobs:
        return load_labels()
    first = jobs[0]
    try:
        return load_labels(first.source.language, first.layout.labels)
    except NoLabels:
        return load_labels()
