"""Inline text as an HTML fragment, for writers whose files hold HTML (Anki fields, Moodle
question text): every character escaped, **bold** and *italic* as <b> and <i> (subscripts and
superscripts as <sub> and <sup>)."""

from __future__ import annotations

import html
from collections.abc import Iterable

from revpack.model import Span, Text


def span_html(span: Span) -> str:
    """One span: its text escaped, wrapped in <b>/<i> as styled."""
    out = html.escape(span.text, quote=False)
    script = getattr(span, "script", "")  # 'sub' or 'super' where the model marks them
    if script:
        out = f"<{script[:3]}>{out}</{script[:3]}>"
    if span.italic:
        out = f"<i>{out}</i>"
    if span.bold:
        out = f"<b>{out}</b>"
    return out


def spans_html(spans: Iterable[Span]) -> str:
    """Several spans, one after another."""
    return "".join(span_html(s) for s in spans)


def text_html(text: Text) -> str:
    """A whole text (key terms as plain styled text)."""
    return spans_html(text.spans)
