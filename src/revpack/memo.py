"""Memo tables: results a process reuses from one document to the next (a pack renders
the same source with the same layout for class after class), kept small and emptied by
one function.

Every table is a `Memo` made here, so none hides in a module of its own: `clear_all()`
empties them all, and a test that checks that two computations agree calls it between
them, so the second one is computed, not remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, Protocol, TypeVar, overload

Value = TypeVar("Value")
Default = TypeVar("Default")


class _Clearable(Protocol):
    def clear(self) -> None: ...


class Memo(Generic[Value]):
    """A bounded table of remembered results, emptied when it is full."""

    def __init__(self, name: str, size: int):
        self.name, self.size = name, size
        self.table: dict[Hashable, Value] = {}
        _ALL.append(self)

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        """The result remembered for `key`, made (and remembered) when there is none."""
        if key not in self.table:
            if len(self.table) >= self.size:  # a long-lived process builds many topics
                self.table.clear()
            self.table[key] = make()
        return self.table[key]

    @overload
    def peek(self, key: Hashable) -> Value | None: ...

    @overload
    def peek(self, key: Hashable, default: Default) -> Value | Default: ...

    def peek(self, key: Hashable, default: object = None) -> object:
        """The result remembered for `key`, or `default` (None unless given)."""
        return self.table.get(key, default)

    def put(self, key: Hashable, value: Value) -> None:
        """Remember `value` for `key`."""
        if key not in self.table and len(self.table) >= self.size:
            self.table.clear()
        self.table[key] = value

    def clear(self) -> None:
        """Forget everything."""
        self.table.clear()


_ALL: list[_Clearable] = []


def clear_all() -> None:
    """Empty every memo table."""
    for memo in _ALL:
        memo.clear()
