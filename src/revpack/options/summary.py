"""Options of the summary-pdf renderer."""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import Key, ListOf, Record, Value, boolean, choice, whole

BLOCKS = ("intro", "factors", "sections", "terms", "timeline")

SPEC = Record({
    "columns": Key(Value(whole(1, 3), "Columns of blocks under the question.")),
    "max_pages": Key(Value(whole(1, 20), "Pages the sheet may use before the build fails.")),
    "italics": Key(Value(boolean, "false prints *italic* text in bold (easier to read).")),
    "blocks": Key(ListOf(Value(choice(*BLOCKS)),
                         description="Which parts of the source to print, in order.")),
}, name="summary options")


@dataclass(frozen=True)
class Options:
    """How a summary sheet is laid out."""

    columns: int = 2
    """Columns of blocks under the key question."""
    max_pages: int = 1
    """Pages the sheet may use; the type shrinks to fit before the build fails."""
    italics: bool = True
    """When false, *italic* text prints in bold instead."""
    blocks: tuple[str, ...] = BLOCKS
    """The parts of the source to print, in order."""
