"""What every HTML page shares: escaping, the page shell with its stylesheet and script
inlined (package data files beside this module), and the layout's colours and type as CSS
custom properties. Pages load nothing: no network, no external file."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from importlib import resources

from revpack.hyphenation import Hyphenator
from revpack.loading.layouts import Layout
from revpack.writers.html.margins import Margins, margin_rules
from revpack.writers.running_header import LARGE_PRINT


def esc(text: str) -> str:
    """`text` safe inside an element or a double-quoted attribute."""
    return html.escape(text, quote=True)


LONG_WORD = 12
"""The fewest letters of a word given soft hyphens."""
_TAG = re.compile(r"(<textarea\b.*?</textarea>|<[^>]*>)", re.DOTALL)
"""A tag (its attributes left as they are), or a text box with what it holds."""
_LONG = re.compile(f"[^\\W\\d_]{{{LONG_WORD},}}")


def line_breaks(body: str, hyphenator: Hyphenator) -> str:
    """`body` with a soft hyphen at each of the language's hyphenation points in every
    word of LONG_WORD letters or more of its text: a browser with no dictionary for the
    language (`hyphens: auto`) broke 'Reaktionsgeschwindigkeit' on a phone anywhere, with
    no hyphen ('Reaktionsgeschwindigkei' / 't'), where the DOCX and PDF break it at
    'Reaktions-' / 'geschwindigkeit'; and a range of figures kept whole (_RANGE). (Marking
    ignores a soft hyphen or a word joiner copied into a box.)"""
    pieces = _TAG.split(body)
    for index in range(0, len(pieces), 2):  # (the text between the tags)
        text = _RANGE.sub("\\1\u2060", pieces[index])  # ('1789–1794' never '1789–' / '1794')
        if hyphenator.known:
            text = _LONG.sub(lambda found: _broken(found.group(), hyphenator), text)
        pieces[index] = text
    return "".join(pieces)


_RANGE = re.compile("(?<=[0-9])([\u2013\u2014-])(?=[0-9])")
"""A dash between figures ('1789–1794', '1955-62'), after which a word joiner keeps the
range on one line (a large-print title broke as 'La Révolution française, 1789–' /
'1794')."""


def _broken(word: str, hyphenator: Hyphenator) -> str:
    points = hyphenator.points(word)
    return "\u00ad".join(word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True))


def asset(name: str) -> str:
    """A stylesheet or script shipped beside this module."""
    return resources.files("revpack.writers.html").joinpath(name).read_text("utf-8")


def script_json(value: object) -> str:
    """`value` as JSON that can sit inside a <script> element (no '<', stable order)."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def variables(layout: Layout) -> str:
    """The layout's colours, type size and page as CSS custom properties and @page
    (`--least`: the least size of smaller text, a label or a number, relative to what it
    stands in: the same in large print, where nothing is set smaller)."""
    c = layout.colours
    size = layout.font.size
    orientation = layout.page.orientation
    return (
        f":root{{--accent:{c.accent};--key:{c.key_term};--paper:{c.paper};"
        f"--text:{c.text};--box:{c.box};--muted:{c.muted};--pt:{size:g}pt;"
        f"--px:{size * 16 / 11:.2f}px;--spacing:{layout.font.line_spacing:g};"
        f"--least:{'1em' if size >= LARGE_PRINT else '0em'}}}\n"
        f"@page{{size:{layout.page.size} {orientation};"
        f"margin:{layout.page.margin:.1f}pt;background:{c.paper}}}\n"
    )


def page(
    *,
    language: str,
    title: str,
    meta: dict[str, str],
    layout: Layout,
    styles: list[str],
    body: str,
    scripts: Sequence[str] = (),
    data: object | None = None,
    margins: Margins | None = None,
) -> bytes:
    """A whole self-contained HTML page as UTF-8 bytes (printed with `margins` in its
    pages' margins)."""
    head = [
        f'<meta name="{esc(name)}" content="{esc(value)}">' for name, value in meta.items() if value
    ]
    css = variables(layout) + "".join(asset(name) for name in styles)
    css += margin_rules(margins, layout) if margins else ""  # (after the styles it hides)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may load from anywhere: no network, no other file.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{esc(title)}</title>",
        *head,
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        line_breaks(body, Hyphenator(language)),
    ]
    if data is not None:
        parts.append(f'<script type="application/json" id="rp-data">{script_json(data)}</script>')
    parts += [f"<script>\n{asset(name)}</script>" for name in scripts]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")
