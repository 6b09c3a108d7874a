"""Options of the summary-pdf renderer."""

from __future__ import annotations

from dataclasses import dataclass

from revpack.loading.spec import Key, ListOf, Record, Value, boolean, choice, whole

BLOCKS = ("intro", "factors", "sections", "terms", "timeline")

SPEC = Record(
    {
        "columns": Key(Value(whole(1, 3), "Columns of blocks under the question.")),
        "max_pages": Key(Value(whole(1, 20), "Pages the sheet may use before the build fails.")),
        "italics": Key(Value(boolean, "false prints *italic* text in bold (easier to read).")),
        "split_blocks": Key(
            Value(
                boolean,
                "true lets a long block run on into the next column "
                "or page, between points, instead of leaving a gap.",
            )
        ),
        "blocks": Key(
            ListOf(
                Value(choice(*BLOCKS)), description="Which parts of the source to print, in order."
            )
        ),
    },
    name="summary options",
)


@dataclass(frozen=True)
class Options:
    """How a summary sheet is laid out."""

    columns: int = 2
    """Columns of blocks under the key question."""
    max_pages: int = 1
    """Pages the sheet may use; the type shrinks to fit before the build fails."""
    italics: bool = True
    """When false, *italic* text prints in bold instead."""
    split_blocks: bool = False
    """When true, a block that does not fit the room left in a column runs on into the
    next one (between points, under its heading marked "continued"); when false, every
    block that fits a column stays whole, as a card (on a sheet of several pages, a block
    taller than a whole column still runs on)."""
    blocks: tuple[str, ...] = BLOCKS
    """The parts of the source to print, in order."""
