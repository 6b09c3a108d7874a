"""The pieces of Moodle XML: HTML in CDATA sections, plain text escaped."""

from __future__ import annotations

from html import escape


def cdata(html: str) -> str:
    """`html` in a CDATA section; a `]]>` inside is split over two sections."""
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_field(tag: str, html: str) -> str:
    """`<tag format="html"><text><![CDATA[…]]></text></tag>` (an empty text for '')."""
    body = cdata(html) if html else ""
    return f'<{tag} format="html"><text>{body}</text></{tag}>'


def plain_field(tag: str, text: str) -> str:
    """`<tag><text>…</text></tag>` with the text escaped for XML."""
    return f"<{tag}><text>{escape(text, quote=False)}</text></{tag}>"


def value(tag: str, text: str | int | float) -> str:
    """`<tag>text</tag>`."""
    return f"<{tag}>{escape(str(text), quote=False)}</{tag}>"


def question(kind: str, parts: list[str]) -> str:
    """A `<question type="kind">` element holding `parts`, one a line."""
    inner = "".join(f"    {p}\n" for p in parts)
    return f'  <question type="{kind}">\n{inner}  </question>\n'


def quiz(questions: list[str]) -> bytes:
    """The whole file."""
    body = "".join(questions)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}</quiz>\n'.encode()
