"""Before anything is rendered: every job's source has labels in its language, from a
built-in label set or from its layout's `labels:` (revpack.loading.languages)."""

from __future__ import annotations

from collections import Counter

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


def job_labels(job: Job) -> Labels:
    """The labels of one job's document: its source's language, with its layout's
    `labels:` (English should there be none, which the build has refused already)."""
    try:
        return load_labels(job.source.language, job.layout.labels)
    except NoLabels:
        return load_labels()


def class_labels(jobs: list[Job], language: str | None = None) -> Labels:
    """The labels of a class's print cover: in `language` (the pack's or class's
    `language:`) when given, else the language most of its documents are in (of equals,
    the first document's), with the layout's `labels:` of its first document in it."""
    if language is not None:
        same = [job for job in jobs if job.source.language == language]
        return job_labels(same[0]) if same else load_labels(language)
    if not jobs:
        return load_labels()
    counts = Counter(job.source.language for job in jobs)
    most = max(counts.values())
    return job_labels(next(job for job in jobs if counts[job.source.language] == most))
