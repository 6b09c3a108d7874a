"""What `revpack check` and the build tell a teacher about a valid source, one line each:
the timeline's doubtful dates (chronology), and terms told apart by their capitals alone.
Notes, not problems: the build goes on."""

from __future__ import annotations

from revpack.loading.chronology import chronology_notes
from revpack.model import Source


def source_notes(source: Source) -> tuple[str, ...]:
    """Every note on `source`, in the order of the file."""
    return chronology_notes(source) + capital_notes(source)


def capital_notes(source: Source) -> tuple[str, ...]:
    """One line for each term that differs from an earlier one only in its capitals
    ('soliloquy' after 'Soliloquy'): two terms may ('Liberal' the party, 'liberal' the
    idea; 'pH' and 'PH'), but the matching exercise then tells two rows apart by their
    capitals alone, which is more often a term typed twice."""
    seen: dict[str, str] = {}
    notes = []
    for term in source.terms:
        written = " ".join(term.term.plain.split())
        first = seen.setdefault(written.casefold(), written)
        if first != written:
            notes.append(
                f"{term.term.mark}: the term '{written}' differs from '{first}' only in its "
                "capitals; the matching exercise tells them apart by those alone: check "
                "that both are meant"
            )
    return tuple(notes)
