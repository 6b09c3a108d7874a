"""Renderers: a registry from renderer name to the module whose `render` does the work.

Every renderer is `render(source, layout, audience) -> list[Output]`: it reads only the
model and the layout, and returns bytes; writing files is the build's job.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..layouts import Layout
from ..model import Audience, Source

RENDERERS = {
    "summary-pdf": "revpack.render.summary_pdf",
    "worksheet-docx": "revpack.render.worksheet_docx",
    "factor-chart-pdf": "revpack.render.factor_chart_pdf",
}
"""Renderer name → module (imported on first use, so a build only loads what it needs)."""


@dataclass(frozen=True)
class Output:
    """One rendered file."""

    suffix: str
    """Added after `<stem>-<layout>`: '' for the main file, '-answers' for an answer key."""
    extension: str
    """pdf or docx."""
    data: bytes
    """The file's bytes."""


def render(source: Source, layout: Layout, audience: Audience | None = None) -> list[Output]:
    """Render `source` with `layout`; raises RenderError when it cannot (e.g. no fit)."""
    module = importlib.import_module(RENDERERS[layout.renders])
    return module.render(source, layout, audience or Audience())
