"""Whether each source's language has labels with the layouts it is built with: its
built-in label set, or a layout's `labels:` that gives every label. A language with
neither is a problem at the source's `language:` value, listing the languages there are;
a build reports it before any work, and a check reports the same."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from revpack.labels import Entry, NoLabels, load_labels
from revpack.loading.label_sets import has_label_set
from revpack.loading.layouts import Layout, load_layout
from revpack.model import Source
from revpack.problems import InputError, Mark, Problem

if TYPE_CHECKING:
    from revpack.loading.inputs import Inputs


def label_problems(pairs: Iterable[tuple[Source, Layout]]) -> list[Problem]:
    """A problem at the `language:` of each source (source, layout it is built with)
    whose language has no labels with that layout; one a source."""
    problems: dict[str, Problem] = {}
    checked: set[tuple[str, tuple[Entry, ...], str]] = set()
    for source, layout in pairs:
        pair = (source.language, layout.labels, source.path)
        if pair in checked:  # a pack asks the same of every class
            continue
        checked.add(pair)
        try:
            load_labels(source.language, layout.labels)
        except NoLabels as exc:
            mark = source.language_mark or Mark(source.path, 1, 1)
            problems.setdefault(f"{mark}", Problem(mark, f"{exc} (layout '{layout.name}')"))
    return list(problems.values())


def unlabelled(inputs: Inputs, default_layouts: tuple[str, ...]) -> list[Problem]:
    """What a build of `inputs` would find of languages without labels: each source
    whose language has no built-in label set is tried with the layouts the build would
    use (`default_layouts` for a source named itself, its classes' layouts for a pack's).
    A layout that cannot be loaded is left out: a build names its problem (or finds it
    with --layouts)."""
    layouts: dict[str, Layout | None] = {}

    def loaded(name: str) -> Layout | None:
        if name not in layouts:
            try:
                layouts[name] = load_layout(name)
            except InputError:
                layouts[name] = None
        return layouts[name]

    wanted: list[tuple[Source, tuple[str, ...]]] = [
        (source, default_layouts) for source in inputs.sources
    ]
    for pack, sources in inputs.packs:
        names = tuple(dict.fromkeys(n for klass in pack.classes for n in klass.layouts))
        wanted += [(source, names) for source in sources]
    pairs = [
        (source, layout)
        for source, names in wanted
        if not has_label_set(source.language)
        for layout in map(loaded, names)
        if layout is not None
    ]
    return label_problems(pairs)
