"""The worksheet as one self-marking HTML page, written from the format-neutral worksheet
model (revpack.worksheet): the same exercises, gap numbers, word bank and shuffles as the
DOCX and PDF. Answers are checked in the page against salted digests; there is no
separate key file."""

from __future__ import annotations

from revpack.labels import Labels, borrowed, load_labels
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source
from revpack.options import of_kind
from revpack.options.worksheet import Options
from revpack.worksheet.assemble import assemble, exercise_title
from revpack.worksheet.assemble import notes as worksheet_notes
from revpack.worksheet.compose import Context
from revpack.worksheet.document import Document, NameLine
from revpack.worksheet.exercises import Exercise, exercise_type, worksheet
from revpack.writers import Output
from revpack.writers.html.exercises import MARKED, write
from revpack.writers.html.margins import Margins
from revpack.writers.html.marking import Marking
from revpack.writers.html.page import esc, page
from revpack.writers.html.secret import page_salt


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The worksheet page (one file: it marks itself)."""
    labels = load_labels(source.language, layout.labels)
    document = assemble(source, layout, audience, labels).sheet
    return [Output("", "html", write_page(source, layout, audience, labels, document))]


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """Exercises left out for lack of data, as the DOCX and PDF say; and the words the page
    shows beside an answer right but for its ending, when they are English's for want of
    the language's own."""
    english = borrowed(source.language, layout.labels, "html.nearly")
    said = (f"{source.path}: {layout.name}: {english}",) if english else ()
    return (*worksheet_notes(source, layout), *said)


def write_page(
    source: Source, layout: Layout, audience: Audience, labels: Labels, document: Document
) -> bytes:
    """The page for `document`, the sheet assembled for this source, layout and audience."""
    line = document.name_line
    marking = Marking(
        page_salt(
            document.title,
            document.properties.comments,
            document.header[1],
            (line.student or "") if line else "",
        ),
        labels,
    )
    context = Context(layout, labels)
    sections = []
    exercises = worksheet(source, of_kind(layout.options, Options), audience.seed).exercises
    for number, exercise in enumerate(exercises, 1):
        name = exercise_type(exercise).name
        ident = f"e{number}"
        marking.start(ident)
        body = write(exercise, ident, context, marking)
        tools = _tools(ident, labels) if name in MARKED else ""
        breaks = " rp-page" if name == "extended" and number > 1 else ""
        sections.append(
            f'<section class="rp-exercise{breaks}" aria-labelledby="{ident}-h">'
            f'<h2 id="{ident}-h">{esc(exercise_title(number, exercise, labels))}'
            f"</h2>\n{body}\n{tools}</section>"
        )
    sections.append(_all_tools(exercises, labels))
    props = document.properties
    body = "\n".join(
        [
            '<main class="rp-sheet">'
            if of_kind(layout.options, Options).italics
            else '<main class="rp-sheet rp-upright">',
            _running(document),
            _title(document),
            f'<noscript><p class="rp-note">{esc(labels("html.no_script"))}</p></noscript>',
            *sections,
            f'<footer class="rp-foot">{esc(document.footer)}</footer>',
            "</main>",
        ]
    )
    return page(
        language=props.language,
        title=document.title,
        meta={
            "author": props.author,
            "description": props.subject,
            "keywords": props.keywords,
            "generator": props.comments,
        },
        layout=layout,
        styles=["common.css", "worksheet.css"],
        body=body,
        scripts=["worksheet.js"],
        data=marking.data(),
        margins=Margins(document.header, document.footer, document.page_label),
    )


def _all_tools(exercises: tuple[Exercise, ...], labels: Labels) -> str:
    """The buttons for the whole page: Check all (when an exercise is marked) with the
    total, and Clear my answers (which the page's storage would otherwise keep)."""
    check = (
        f'<button type="button" class="rp-button" id="check-all">'
        f"{esc(labels('html.check_all'))}</button>"
        if any(exercise_type(e).name in MARKED for e in exercises)
        else ""
    )
    return (
        f'<div class="rp-all">{check}<button type="button" class="rp-button rp-quiet" '
        f'id="clear-all">{esc(labels("html.clear"))}</button>'
        f'<p class="rp-score" id="score-all" role="status" aria-live="polite"></p></div>'
    )


def _tools(ident: str, labels: Labels) -> str:
    """An exercise's Check and Try again buttons and its score, announced when it
    changes."""
    return (
        f'<div class="rp-tools"><button type="button" class="rp-button" id="check-{ident}">'
        f"{esc(labels('html.check'))}</button>"
        f'<button type="button" class="rp-button rp-quiet" id="again-{ident}" hidden>'
        f"{esc(labels('html.try_again'))}</button>"
        f'<p class="rp-score" id="score-{ident}" role="status" '
        f'aria-live="polite"></p></div>'
    )


def _running(document: Document) -> str:
    left, right = document.header
    return f'<header class="rp-running"><span>{esc(left)}</span><span>{esc(right)}</span></header>'


def _title(document: Document) -> str:
    parts = [f"<h1>{esc(document.title)}</h1>"]
    if document.subtitle:
        parts.append(f'<p class="rp-subtitle">{esc(document.subtitle)}</p>')
    if document.name_line:
        parts.append(_name_line(document.name_line))
    return "\n".join(parts)


def _name_line(line: NameLine) -> str:
    fields = []
    for ident, label, given in (
        ("rp-name", line.name, line.student),
        ("rp-class", line.class_label, line.class_name),
        ("rp-date", line.date, None),
    ):
        if given:
            fields.append(
                f'<span class="rp-field"><span class="rp-field-label">{esc(label)}'
                f"</span> <strong>{esc(given)}</strong></span>"
            )
        else:
            fields.append(
                f'<span class="rp-field"><label for="{ident}">{esc(label)}</label> '
                f'<input type="text" id="{ident}" autocomplete="off"></span>'
            )
    return f'<div class="rp-nameline">{"".join(fields)}</div>'
