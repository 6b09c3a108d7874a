"""Typed options of each kind of document, read from a layout's `options:` mapping.

Each module holds `SPEC` (a loading.spec.Record, used to validate and to document the keys)
and `Options` (a frozen dataclass whose defaults apply to keys a layout leaves out).
"""

from __future__ import annotations

from typing import TypeVar

OptionsT = TypeVar("OptionsT")


def of_kind(options: object, expected: type[OptionsT]) -> OptionsT:
    """A layout's `options` as `expected`, the Options of the kind a writer writes: the
    build hands a writer only layouts of its own kind, so any other value is a bug."""
    if not isinstance(options, expected):
        raise TypeError(f"options {options!r} are not {expected.__module__}.{expected.__name__}")
    return options
