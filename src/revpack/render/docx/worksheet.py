"""The worksheet and its answer key as editable DOCX files, written from the
format-neutral worksheet model (revpack.worksheet)."""

from __future__ import annotations

from revpack.labels import load_labels
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source
from revpack.render import Output
from revpack.render.docx.blocks import title_block
from revpack.render.docx.body import BodyWriter
from revpack.render.docx.package import docx_bytes, new_document
from revpack.worksheet.assemble import assemble, notes
from revpack.worksheet.document import Document

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
    docx = new_document(document, layout)
    title_block(docx, document, layout)
    BodyWriter(docx, layout).write(document.blocks)
    return docx_bytes(docx, document, audience)
