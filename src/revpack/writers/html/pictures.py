"""A picture in a page: the file's bytes inlined as a data: URL (a page loads nothing),
its alt text, and its size. The page's CSS (`.rp-picture` in common.css) shrinks it to the
width it has, keeping its shape, and never makes it wider than that size."""

from __future__ import annotations

import base64

from revpack.writers.html.page import esc

PNG_SIGNATURE = b"\x89PNG"
"""How a PNG file starts (anything else a source can hold is a JPEG)."""


def data_url(data: bytes) -> str:
    """A PNG or JPEG file's bytes as a data: URL."""
    kind = "png" if data.startswith(PNG_SIGNATURE) else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def picture(data: bytes, alt: str, width: float, height: float) -> str:
    """A figure holding the picture `data` with its alt text, `width` × `height` CSS
    pixels at most."""
    return (
        f'<figure class="rp-picture"><img src="{data_url(data)}" alt="{esc(alt)}" '
        f'width="{width:.0f}" height="{height:.0f}"></figure>'
    )
