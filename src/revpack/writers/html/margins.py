"""A page's margins when printed from the browser, as the paper sheet's are: the running
header (title left; student, class and teacher right) at the head of every page, and the
footer's small print with 'Page N of M' at its foot, in CSS page-margin boxes. (In the
page's flow, the footer went over to a page of its own when the extended answer's lines
filled the last one.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revpack.loading.layouts import Layout
from revpack.writers.running_header import footer_size, header_size, page_number_size

COUNTERS = re.compile(r"(\{pages?\})")
"""The page label's counters, '{page}' and '{pages}'."""
FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial'
"""The page's own typefaces (common.css), which a page-margin box does not inherit."""


@dataclass(frozen=True)
class Margins:
    """What a printed page shows in its margins."""

    header: tuple[str, str]
    """The running header: its left part (the title) and its right (student, class and
    teacher), either of which may be ''."""
    footer: str
    """The footer's small print (what the sheet is, its layout and version)."""
    page_label: str
    """'Page {page} of {pages}' in the page's language."""


def margin_rules(margins: Margins, layout: Layout) -> str:
    """CSS: the page-margin boxes of every printed page, and the page's own header and
    footer left out of print (they would print once, at the top and the end)."""
    colour = layout.colours.muted
    left, right = margins.header
    number = _label(margins.page_label)
    boxes = [
        ("top-left", _string(left), header_size(layout), ""),
        ("top-right", _string(right), header_size(layout), "text-align:right;"),
        ("bottom-left", _string(margins.footer), footer_size(layout), ""),
        ("bottom-right", number, page_number_size(layout), "text-align:right;"),
    ]
    inner = "".join(
        f"@{place}{{content:{content};font-family:{FONTS};font-size:{size:g}pt;"
        f"color:{colour};{extra}}}"
        for place, content, size, extra in boxes
        if content != '""'
    )
    return f"@page{{{inner}}}\n@media print{{.rp-running,.rp-foot{{display:none}}}}\n"


def _label(label: str) -> str:
    """'Page {page} of {pages}' as CSS content: strings and the page counters."""
    parts = []
    for piece in COUNTERS.split(label):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(_string(piece))
    return " ".join(parts)


def _string(text: str) -> str:
    """`text` as a CSS string, safe inside a <style> element: quotes, backslashes, angle
    brackets and control characters written as escapes."""
    out = []
    for char in text:
        if char in '"\\<>&' or ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return f'"{"".join(out)}"'
