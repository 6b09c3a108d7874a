"""The flashcards as an Anki deck (.apkg): a zip holding an SQLite collection.

genanki builds the collection; this module makes it reproducible. The collection is built
in memory from one fixed time (SOURCE_DATE_EPOCH's day when the build has one, else a
fixed moment) for every card, id and zip entry date, and each note's time within that day
is drawn from its text, so the same source gives the same bytes on every build. Note
GUIDs come from the notes' own text (revpack.flashcards.cards) and the source file's name
(`Guids`), so importing a rebuilt deck updates its notes in place.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import itertools
import re
import sqlite3
import zipfile

import genanki

from revpack.dates import moment
from revpack.flashcards import cards as c
from revpack.labels import load_labels
from revpack.loading.layouts import Layout
from revpack.model import Audience, Source
from revpack.options import of_kind
from revpack.options.flashcards import Options
from revpack.writers import Output
from revpack.writers.anki import models
from revpack.writers.inline import spans_html, text_html

DAY = 86_400
"""Seconds in a day: each note's time lies within the build's day (see note_time)."""

BRACES = {ord("{"): "&#123;", ord("}"): "&#125;"}
"""Braces, which could spell or end a cloze ({{c1::…}}), as character references: Anki
shows them as typed."""
IN_CLOZE = {**BRACES, ord(":"): "&#58;"}
"""Inside a cloze `::` would also start a hint."""


def notes(source: Source, layout: Layout) -> tuple[str, ...]:
    """What the build should say when the deck has no cards at all."""
    found = c.deck(source, of_kind(layout.options, Options))
    if found.clozes or found.terms or found.dates:
        return ()
    return (
        f"{source.path}: {layout.name} makes no cards (the notes mark no ==key terms== "
        "and list no terms or timeline)",
    )


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The deck of `source` as .apkg bytes."""
    options = of_kind(layout.options, Options)
    found = c.deck(source, options)
    moment = _moment(audience)
    names = models.note_names(load_labels(source.language, layout.labels))
    return [
        Output(
            "",
            "apkg",
            apkg_bytes(anki_deck(found, source.title.plain, options.reverse_dates, names), moment),
        )
    ]


class Guids:
    """Each note's GUID: from the source's subject and course (those it names), its file's
    name, the kind of note and its own text (not the topic's title, so that a retitled
    topic keeps its notes; but two subjects' 'rates.yaml' share none: Anki would take one
    subject's 'Catalyst' for the other's), distinct within the deck: a point written
    under two headings, or an entry written twice, takes its heading, then its place
    among its equals, into its GUID (Anki takes two notes with one GUID for one, and
    updates one of them with both)."""

    def __init__(self, subject: str, course: str, stem: str):
        # (each name with what it is: subject X and course X are not one)
        named = (("subject", subject), ("course", course))
        self.names = (*(f"{what}:{name}" for what, name in named if name), stem)
        self.used: set[str] = set()

    def new(self, kind: str, identity: tuple[str, ...], context: str) -> str:
        """The GUID of the next note."""
        guid: str = genanki.guid_for(*self.names, kind, *identity)
        if guid in self.used:
            guid = genanki.guid_for(*self.names, kind, *identity, context)
        again = itertools.count(2)
        while guid in self.used:
            guid = genanki.guid_for(*self.names, kind, *identity, context, str(next(again)))
        self.used.add(guid)
        return guid


def anki_deck(
    deck: c.Deck, title: str, reverse_dates: bool, names: models.NoteNames = models.ENGLISH_NAMES
) -> genanki.Deck:
    """The genanki deck: a note per cloze point, term and timeline entry, in that order,
    of note types whose fields and cards are called `names`."""
    out = genanki.Deck(
        models.stable_id(f"revpack deck: {deck.name}"), deck.name, description=html.escape(title)
    )
    tags = [_tag(deck.subject), _tag(deck.stem)]
    cloze, term = models.cloze_model(names), models.term_model(names)
    date = models.date_model(reverse_dates, names)
    position = itertools.count()
    guids = Guids(deck.subject, deck.course, deck.stem)

    def add(
        model: genanki.Model,
        fields: list[str],
        kind: str,
        identity: tuple[str, ...],
        context: str = "",
    ) -> None:
        out.add_note(
            genanki.Note(
                model,
                fields,
                tags=[t for t in (*tags, kind) if t],
                guid=guids.new(kind, identity, context),
                due=next(position),
            )
        )

    for note in deck.clozes:
        add(
            cloze,
            [cloze_field(note), html.escape(note.heading, quote=False)],
            "cloze",
            note.identity,
            note.context,
        )
    context = html.escape(title, quote=False)
    for card in deck.terms:
        add(term, [text_html(card.term), text_html(card.meaning), context], "term", card.identity)
    for entry in deck.dates:
        add(date, [text_html(entry.when), text_html(entry.what), context], "date", entry.identity)
    return out


def cloze_field(note: c.Cloze) -> str:
    """The note's text with each key term as {{cN::…}}; sub-points on lines of their own."""
    lines = []
    for line in note.lines:
        parts = []
        for piece in line:
            if isinstance(piece, c.Blank):
                parts.append(
                    f"{{{{c{piece.number}::{spans_html(piece.spans).translate(IN_CLOZE)}}}}}"
                )
            else:
                parts.append(spans_html([piece]).translate(BRACES))
        lines.append("".join(parts))
    return "<br>".join([lines[0], *(f"• {line}" for line in lines[1:])])


def apkg_bytes(deck: genanki.Deck, moment: datetime.datetime) -> bytes:
    """The .apkg of `deck`, every time and id in it derived from `moment`."""
    timestamp = moment.timestamp()
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        genanki.Package(deck).write_to_db(cursor, timestamp, itertools.count(int(timestamp * 1000)))
        for note in deck.notes:
            cursor.execute(
                "UPDATE notes SET mod = ? WHERE guid = ?", (note_time(note, timestamp), note.guid)
            )
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            archive.writestr(_entry(name, moment), data)
    return buffer.getvalue()


def note_time(note: genanki.Note, timestamp: float) -> int:
    """When `note` was last changed, as Anki reads it: `timestamp` plus a part of a day
    drawn from the note's fields. Anki updates a note it already has only when the
    imported one's time differs ("update notes: always") or is later ("if newer"): an
    edited note then differs from the last build's, and a build on a later day (a later
    SOURCE_DATE_EPOCH) is newer than every note of an earlier one."""
    digest = hashlib.sha256("\x1f".join(note.fields).encode("utf-8")).digest()
    return int(timestamp) + int.from_bytes(digest[:8], "big") % DAY


ZIP_FIRST = (1980, 1, 1, 0, 0, 0)
"""The earliest date a ZIP entry can hold."""
ZIP_LAST = (2107, 12, 31, 23, 59, 58)
"""The latest date a ZIP entry can hold."""


def _entry(name: str, moment: datetime.datetime) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and attributes, whatever the system writing it."""
    # ZIP dates run from 1980 to 2107: a SOURCE_DATE_EPOCH outside them (0, say) is
    # stamped as the nearest date a ZIP can hold.
    stamp = min(max(moment.timetuple()[:6], ZIP_FIRST), ZIP_LAST)
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def _tag(text: str) -> str:
    # Anki splits tags on spaces; '::' in a tag nests it, which a name should not do.
    return re.sub(r"\s+", "_", text.strip()).replace("::", ":")


def _moment(audience: Audience) -> datetime.datetime:
    return moment(audience.date)
