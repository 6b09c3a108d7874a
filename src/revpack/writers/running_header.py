"""The running header of a page (a worksheet's, its key's): its size, and its title and
what stands right of it (the student, class and teacher) fitted to one line, for every
writer that sets one; each measures text its own way."""

from __future__ import annotations

from collections.abc import Callable

from revpack.loading.layouts import Layout

HEADER_GAP = 12.0
"""The least room between the running header's title and what stands right of it."""
ELLIPSIS = "…"
WHO_SHARE = 0.7
"""The most of the header's width its right-hand text takes from the title."""


LARGE_PRINT = 16.0
"""A body size from which a sheet is large print (as the large-print layouts set it): its
page numbers are as large as its body."""


def header_size(layout: Layout) -> float:
    """The type size of the running header: two and a half points under the body's (so
    that the title, the student, the class and the teacher fit on its line)."""
    return layout.font.size - 2.5


FOOTER_LEAST = 6.5
"""The least size of the footer's small print, in points."""


def footer_size(layout: Layout) -> float:
    """The type size of the footer's small print (what the sheet is, its layout and
    version: for whoever rebuilds it): three and a half points under the body's."""
    return max(layout.font.size - 3.5, FOOTER_LEAST)


def page_number_size(layout: Layout) -> float:
    """The type size of 'Page N of M': the running header's; the body's own in large
    print (13.5 pt page numbers on a 16 pt sheet were among the first things a reader of
    large print lost)."""
    size = layout.font.size
    return size if size >= LARGE_PRINT else header_size(layout)


def header_fitted(
    header: tuple[str, str], width: float, wide: Callable[[str], float]
) -> tuple[str, str]:
    """The running header's title and its right-hand text (the student, class and
    teacher), as wide as `wide` says, the title cut short with '…' where both would not
    fit side by side in `width` (it stands in full under them). The right-hand text keeps
    up to WHO_SHARE of the width: beyond that it loses the teacher, then the class, then
    is cut short: the student, who matches a page or a key to its sheet, stays first."""
    title, who = header
    if wide(title) + HEADER_GAP + wide(who) <= width:
        return title, who
    parts = who.split(" · ")
    while len(parts) > 1 and wide(" · ".join(parts)) > width * WHO_SHARE:
        parts.pop()
    who = cut(" · ".join(parts), width * WHO_SHARE, wide)
    return cut(title, width - HEADER_GAP - wide(who), wide), who


def cut(text: str, width: float, wide: Callable[[str], float]) -> str:
    """`text`, or as many of its words as fit in `width` followed by '…' (where not even
    its first word fits, as many of that word's characters: a long one-word name)."""
    if wide(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and wide(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    kept = " ".join(words).rstrip(" ,;:·–—")
    while len(kept) > 1 and wide(kept + ELLIPSIS) > width:
        kept = kept[:-1]
    return kept + ELLIPSIS
