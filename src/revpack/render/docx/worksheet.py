"""The worksheet: exercises with numbered gaps as an editable DOCX, plus its answer key.

The exercises come from `revpack.worksheet.exercises` (pure and seeded); this module only decides
which documents to write: the sheet, and the key as a separate file, an appendix, or not
at all (the layout's `answers` option).
"""

from __future__ import annotations

from revpack.loading.layouts import Layout
from revpack.model import Audience, Source
from revpack.render import Output
from revpack.render.docx.blocks import heading, instructions, title_block
from revpack.render.docx.key import write_key
from revpack.render.docx.package import docx_bytes, new_document
from revpack.render.docx.sheet import write_sheet
from revpack.worksheet import exercises


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What the worksheet leaves out for lack of data, one line each, for the build to
    print: a source with no ==key terms== gets no gap fill, and the build says so."""
    sheet = exercises.worksheet(source, layout.options, 0)
    return tuple(f"{source.path}: {layout.name} leaves out {what}" for what in sheet.left_out)


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The worksheet DOCX and, unless the layout says otherwise, its answer key."""
    sheet = exercises.worksheet(source, layout.options, audience.seed)
    answers = layout.options.answers
    document = new_document(source, layout, audience, "Worksheet")
    title_block(document, source, layout, audience, None, name_line=True)
    write_sheet(document, sheet, layout)
    if answers == "appendix" and sheet.exercises:
        heading(document, "Answer key", 1).paragraph_format.page_break_before = True
        _key_note(document, layout, audience)
        write_key(document, sheet, layout, level=2)
    outputs = [Output("", "docx", docx_bytes(document, source, layout, audience,
                                             "Worksheet"))]
    if answers == "separate":
        key = new_document(source, layout, audience, "Answer key")
        title_block(key, source, layout, audience, "Answer key", name_line=False)
        _key_note(key, layout, audience)
        write_key(key, sheet, layout)
        outputs.append(Output("-answers", "docx", docx_bytes(key, source, layout, audience,
                                                             "Answer key")))
    return outputs


def _key_note(document, layout: Layout, audience: Audience) -> None:
    instructions(document, f"For the worksheet built with layout {layout.name} and seed "
                 f"{audience.seed}; the numbers match the sheet.")
