"""A pattern reportlab compiles as it is imported, for web addresses, compiled only for
text that may be one.

`reportlab.platypus.paragraph` compiles, as it is imported, a pattern for web addresses
(30 to 40 ms, a twentieth of the work of a cold build, in every process that draws a
PDF), which it matches against each word too long for its line, to break a link at its
slashes. A web address has `://` in it, and revision notes seldom do. `re.compile` looks
a pattern up in the `re` module's table of compiled patterns before compiling it;
`defer()` puts a stand-in there under reportlab's pattern, which answers "no match" for
text without `://` and compiles the real pattern the first time it meets text with one
(taking itself out of the tables first, so that it is compiled, not found again). Where
that table is not there, or reportlab's pattern is another, nothing is deferred and
reportlab compiles its pattern as before.
"""

from __future__ import annotations

import re

WEB_ADDRESS = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
    "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|"
    "([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?"
    "(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)"
    "(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))"
    "(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
"""reportlab.platypus.paragraph's `uri_pat` (reportlab 4 and 5), compiled with re.I."""

DEFERRED = ((WEB_ADDRESS, int(re.IGNORECASE)),)
"""(pattern, flags) of each pattern deferred."""

TABLES = ("_cache", "_cache2")
"""The `re` module's tables of compiled patterns (Python 3.12 added the second; a
pattern looked up there moves between them)."""


class Deferred:
    """A compiled pattern that must match `://` (as `WEB_ADDRESS` does, before any group
    that may match nothing): compiled the first time text with `://` is matched, or
    anything else is asked of it."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, *where: int) -> re.Match[str] | None:
        """`Pattern.match`: None, without compiling, when `text` has no `://`."""
        if self._compiled is None and "://" not in text:
            return None
        return self._pattern().match(text, *where)

    def __getattr__(self, name: str) -> object:
        return getattr(self._pattern(), name)

    def _pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            pattern, flags = self._source
            for name in TABLES:  # take the stand-in out, so that re.compile compiles it
                table = getattr(re, name, None)
                if isinstance(table, dict) and table.get((str, pattern, flags)) is self:
                    del table[str, pattern, flags]
            compiled = re.compile(pattern, flags)
            if not isinstance(compiled, re.Pattern):  # a table not known here still has it
                compiled = re.compile(f"(?:{pattern})", flags)  # (the same groups)
            self._compiled = compiled
        return self._compiled


def defer() -> None:
    """Put a stand-in for each deferred pattern in `re`'s table of compiled patterns
    (before reportlab.platypus is imported)."""
    table = getattr(re, "_cache", None)
    if not isinstance(table, dict):
        return
    for pattern, flags in DEFERRED:
        table.setdefault((str, pattern, flags), Deferred(pattern, flags))
