"""The worksheet and its answer key as editable DOCX files, written from the
format-neutral worksheet model (revpack.worksheet)."""

from __future__ import annotations

from revpack.labels import load_labels
from revpack.loading.layouts import Layout
from revpack.memo import Memo
from revpack.model import Audience, Source
from revpack.worksheet.assemble import assemble, notes
from revpack.worksheet.document import Document
from revpack.writers import Output
from revpack.writers.docx.assembly import Template
from revpack.writers.docx.package import moment, prepared

__all__ = ["notes", "render", "write_document"]


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The worksheet DOCX and, unless the layout says otherwise, its answer key."""
    made = assemble(source, layout, audience, load_labels(source.language, layout.labels))
    outputs = [Output("", "docx", write_document(made.sheet, layout, audience))]
    if made.key is not None:
        outputs.append(Output("-answers", "docx", write_document(made.key, layout, audience)))
    return outputs


def write_document(document: Document, layout: Layout, audience: Audience) -> bytes:
    """One model document as DOCX bytes."""
    return template(layout, document.properties.language).write(document, layout, moment(audience))


TEMPLATES: Memo[Template] = Memo("DOCX templates", 8)


def template(layout: Layout, language: str) -> Template:
    """The layout's package, taken apart once per process for sheet after sheet."""
    return TEMPLATES.get((layout, language), lambda: Template(prepared(layout), language))
