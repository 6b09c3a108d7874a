"""The renderer table: every kind of document, the formats it can be written in, and who
writes each one. The one place that knows them: layouts validate `renders:` and
`formats:` against it, the build names files and print contents from it, and `render`
dispatches through it.

Adding an output format is one writer module and one `Format` row below; adding a kind
is one options module, its writers and one `Kind` row. Modules are named, not imported,
so a build loads only the writers it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Format:
    """One file type a kind can be written as."""

    name: str
    """What `formats:` and `-f/--format` call it (pdf, docx, html, apkg, tsv, moodle-xml)."""
    extension: str
    """The extension of the files it writes."""
    writer: str
    """The module whose `render(source, layout, audience) -> list[Output]` writes it."""
    setup: str
    """What a worker process must set up to write it (documents sharing a setup share
    the worker that has it loaded): pdf, docx or text."""
    paper: bool = False
    """Made to be printed: a class's print PDF holds it (drawn as PDF where it is in
    another format, such as a DOCX worksheet)."""


@dataclass(frozen=True)
class Kind:
    """A kind of document, whatever its format."""

    name: str
    """What a layout's `renders:` names (summary, worksheet, …)."""
    options: str
    """The module with the kind's layout options (`SPEC` and `Options`)."""
    formats: tuple[Format, ...]
    """The formats it can be written in, the default first."""
    contents: str
    """How a print PDF's contents list names a document of this kind."""
    per_student: bool
    """True when each student gets their own copy (their name and seed on it)."""
    reads: frozenset[str] | None = None
    """The parts of the notes its documents are drawn from (names in model.NOTES; None:
    all). Its writers are given a source holding only these, and a build makes its
    documents again only when one of them changed."""

    @property
    def called(self) -> str:
        """How a message names a document of this kind: 'a factor chart', 'flashcards'."""
        return self.contents if self.contents.endswith("s") else f"a {self.contents}"

    def format(self, name: str) -> Format | None:
        """The format called `name`, or None when this kind has none by that name."""
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Format]:
        """Its formats by name (a build asks for each of its thousands of jobs)."""
        return {f.name: f for f in reversed(self.formats)}  # the first of a name wins

    @property
    def format_names(self) -> tuple[str, ...]:
        """The names of its formats, the default first."""
        return tuple(f.name for f in self.formats)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "summary",
            "revpack.options.summary",
            (
                Format("pdf", "pdf", "revpack.writers.pdf.summary", "pdf", paper=True),
                Format("html", "html", "revpack.writers.html.summary", "text"),
            ),
            contents="summary sheet",
            per_student=False,
        ),
        Kind(
            "worksheet",
            "revpack.options.worksheet",
            (
                Format("docx", "docx", "revpack.writers.docx.worksheet", "docx", paper=True),
                Format("pdf", "pdf", "revpack.writers.pdf.worksheet", "pdf", paper=True),
                Format("html", "html", "revpack.writers.html.worksheet", "text"),
            ),
            contents="worksheet",
            per_student=True,
        ),
        Kind(
            "factor-chart",
            "revpack.options.chart",
            (Format("pdf", "pdf", "revpack.writers.pdf.chart", "pdf", paper=True),),
            contents="factor chart",
            per_student=False,
            reads=frozenset({"subject", "course", "question", "factors"}),
        ),
        Kind(
            "flashcards",
            "revpack.options.flashcards",
            (
                Format("apkg", "apkg", "revpack.writers.anki.apkg", "text"),
                Format("tsv", "tsv", "revpack.writers.text.tsv", "text"),
            ),
            contents="flashcards",
            per_student=False,
        ),
        Kind(
            "quiz",
            "revpack.options.quiz",
            (Format("moodle-xml", "xml", "revpack.writers.moodle.quiz", "text"),),
            contents="quiz",
            per_student=True,
        ),
    )
}
"""Every kind, by name."""

LEGACY = {
    "summary-pdf": ("summary", "pdf"),
    "worksheet-docx": ("worksheet", "docx"),
    "factor-chart-pdf": ("factor-chart", "pdf"),
}
"""The `renders:` values of layouts written before kinds had formats: a kind in one
format."""

ANSWERS_SUFFIX = "-answers"
"""Added after `<stem>-<layout>` in the name of an answer key."""


def all_formats() -> tuple[str, ...]:
    """Every format any kind has, each once, in table order."""
    return tuple(dict.fromkeys(f.name for k in KINDS.values() for f in k.formats))
