"""The flashcards kind: the Anki deck read back from its SQLite collection, and the TSV
file read back with csv, built through the command line and by calling the writers."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers import DATA, THAW, revpack
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience, Span, Text
from revpack.problems import Mark
from revpack.writers import render
from revpack.writers.text.tsv import cell

SPECIAL = DATA / "platforms" / "special.yaml"
KEY_MARK = re.compile(r"==(?=\S)(.*?)(?<=\S)==", re.DOTALL)
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)
"""Anki's cloze syntax: {{cN::text}} (no hint: `::` inside would start one)."""


# ---------------------------------------------------------------- reading a deck back


class Collection:
    """An .apkg's SQLite collection, read back."""

    def __init__(self, data: bytes, folder: Path):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.names = archive.namelist()
            self.infos = archive.infolist()
            path = folder / "collection.anki2"
            path.write_bytes(archive.read("collection.anki2"))
            self.media = archive.read("media")
        self.db = sqlite3.connect(path)
        models = json.loads(self.db.execute("SELECT models FROM col").fetchone()[0])
        self.models = {int(k): v for k, v in models.items()}
        self.decks = json.loads(self.db.execute("SELECT decks FROM col").fetchone()[0])

    def notes(self, model: str) -> list[dict]:
        """Every note of the note type called `model`: guid, fields, tags, card count."""
        ids = [i for i, m in self.models.items() if m["name"] == model]
        rows = self.db.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")
        out = []
        for note_id, guid, mid, tags, fields in rows:
            if mid in ids:
                cards = self.db.execute(
                    "SELECT ord, did FROM cards WHERE nid = ?", (note_id,)
                ).fetchall()
                out.append(
                    {
                        "guid": guid,
                        "fields": fields.split("\x1f"),
                        "tags": tags.split(),
                        "cards": cards,
                    }
                )
        return out


def deck_of(path: Path, folder: Path) -> Collection:
    return Collection(path.read_bytes(), folder)


# ---------------------------------------------------------------- the source, read as YAML


def raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def plain_keys(text: str) -> list[str]:
    """The ==marks== of a raw text, without ** and * markup around words."""
    return [re.sub(r"\*\*|(?<!\s)\*(?!\s)|(?<!\S)\*(?=\S)", "", k) for k in KEY_MARK.findall(text)]


def cloze_points(data: dict) -> list[list[str]]:
    """The texts of every point (with its sub-points) that marks a key term, and of the
    question, intro and block titles that do."""
    found = [[data[k]] for k in ("question", "intro") if KEY_MARK.search(data.get(k) or "")]
    for block in (*data.get("factors", []), *data.get("sections", [])):
        if KEY_MARK.search(block["title"]):
            found.append([block["title"]])
        for point in block["points"]:
            texts = [point] if isinstance(point, str) else [point["text"], *point["points"]]
            if any(KEY_MARK.search(t) for t in texts):
                found.append(texts)
    return found


# ---------------------------------------------------------------- builds


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("flashcards")
    for source in (THAW, SPECIAL):
        done = revpack("build", source, "-l", "flashcards", "-f", "apkg", "-f", "tsv", "-o", out)
        assert done.returncode == 0, done.stderr
    return out


def test_build_writes_a_deck_and_a_tsv(built):
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".")) == [
        "special-flashcards.apkg",
        "special-flashcards.tsv",
        "thaw-flashcards.apkg",
        "thaw-flashcards.tsv",
    ]


def test_apkg_is_a_zip_with_a_collection_and_fixed_dates(built, tmp_path):
    deck = deck_of(built / "thaw-flashcards.apkg", tmp_path)
    assert deck.names == ["collection.anki2", "media"]
    assert json.loads(deck.media) == {}
    assert {info.date_time for info in deck.infos} == {(2000, 1, 1, 0, 0, 0)}
    assert deck.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_deck_is_named_subject_course_title(built, tmp_path):
    deck = deck_of(built / "thaw-flashcards.apkg", tmp_path)
    names = {d["name"] for d in deck.decks.values()}
    assert "History::The Cold War, 1953–1962::The Thaw and Peaceful Coexistence" in names
    dids = {did for note in deck.notes("revpack term") for _, did in note["cards"]}
    assert [d["name"] for d in deck.decks.values() if d["id"] in dids] == [
        "History::The Cold War, 1953–1962::The Thaw and Peaceful Coexistence"
    ]


def test_one_cloze_note_per_point_with_key_terms(built, tmp_path):
    for source in (THAW, SPECIAL):
        deck = deck_of(built / f"{source.stem}-flashcards.apkg", tmp_path)
        points = cloze_points(raw(source))
        notes = deck.notes("revpack cloze")
        assert len(notes) == len(points)
        for note, texts in zip(notes, points, strict=True):
            field = note["fields"][0]
            clozes = CLOZE.findall(field)
            # every key term is a cloze, shown as typed once Anki has read the HTML
            wanted = [k for t in texts for k in plain_keys(t)]
            assert [html.unescape(re.sub(r"</?[bi]>", "", c)) for _, c in clozes] == wanted
            # one number per distinct term, from c1 up; Anki makes a card for each
            distinct = list(dict.fromkeys(k.casefold() for k in wanted))
            numbers = [int(n) for n, _ in clozes]
            assert numbers == [distinct.index(k.casefold()) + 1 for k in wanted]
            assert sorted(o for o, _ in note["cards"]) == list(range(len(distinct)))
            # no text outside the clozes reads as cloze syntax
            assert "{{" not in CLOZE.sub("", field) and "}}" not in CLOZE.sub("", field)


def test_cloze_text_is_the_point_escaped(built, tmp_path):
    deck = deck_of(built / "special-flashcards.apkg", tmp_path)
    fields = [n["fields"][0] for n in deck.notes("revpack cloze")]
    html_point = next(f for f in fields if "SHORTANSWER" in f)
    assert "&lt;" in html_point and "<y" not in html_point
    anki = next(f for f in fields if "Anki" in f)
    shown = [html.unescape(c) for _, c in CLOZE.findall(anki)]
    assert shown == ["a::b", "{{c1::nested}}", "]]>", "AT&", "a * b"]
    bold = next(f for f in fields if "Bold" in f)
    assert bold.startswith("<b>Bold</b> and <i>italic</i> stay around {{c1::<b>bold</b> key}}")


def test_term_and_date_notes(built, tmp_path):
    for source in (THAW, SPECIAL):
        data = raw(source)
        deck = deck_of(built / f"{source.stem}-flashcards.apkg", tmp_path)
        terms = deck.notes("revpack term")
        assert [(html.unescape(n["fields"][0]), html.unescape(n["fields"][1])) for n in terms] == [
            (t["term"], t["meaning"]) for t in data["terms"]
        ]
        assert all(len(n["cards"]) == 1 for n in terms)
        dates = deck.notes("revpack date")
        assert [(html.unescape(n["fields"][0]), html.unescape(n["fields"][1])) for n in dates] == [
            (e["when"], e["what"]) for e in data["timeline"]
        ]
        # date -> event and event -> date
        assert all(sorted(o for o, _ in n["cards"]) == [0, 1] for n in dates)


def test_fields_are_html_escaped(built, tmp_path):
    deck = deck_of(built / "special-flashcards.apkg", tmp_path)
    fields = [f for n in deck.notes("revpack term") for f in n["fields"]]
    assert "&lt;b&gt;tag&lt;/b&gt;" in fields
    assert "a &amp; b" in fields


def test_notes_are_tagged_with_subject_source_and_kind(built, tmp_path):
    deck = deck_of(built / "thaw-flashcards.apkg", tmp_path)
    for model, kind in (
        ("revpack cloze", "cloze"),
        ("revpack term", "term"),
        ("revpack date", "date"),
    ):
        assert all(n["tags"] == ["History", "thaw", kind] for n in deck.notes(model))


def test_ids_are_fixed_and_guids_unique(built, tmp_path):
    first = deck_of(built / "thaw-flashcards.apkg", tmp_path / "a")
    second = deck_of(built / "special-flashcards.apkg", tmp_path / "b")
    # the same note types in every deck (ids from their names), a deck id of its own
    assert {m["name"]: i for i, m in first.models.items() if m["name"].startswith("revpack")} == {
        m["name"]: i for i, m in second.models.items() if m["name"].startswith("revpack")
    }
    assert set(first.decks) - {"1"} != set(second.decks) - {"1"}
    guids = [g for (g,) in first.db.execute("SELECT guid FROM notes")]
    assert len(guids) == len(set(guids))


@pytest.fixture(autouse=True)
def _folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()


def test_rebuild_in_another_process_gives_the_same_bytes(built, tmp_path):
    again = tmp_path / "again"
    done = revpack(
        "build", THAW, SPECIAL, "-l", "flashcards", "-f", "apkg", "-f", "tsv", "-o", again
    )
    assert done.returncode == 0, done.stderr
    for name in ("thaw-flashcards.apkg", "special-flashcards.apkg", "thaw-flashcards.tsv"):
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


def test_source_date_epoch_dates_the_deck(tmp_path):
    done = revpack(
        "build", THAW, "-l", "flashcards", "-o", tmp_path, env={"SOURCE_DATE_EPOCH": "1764547200"}
    )  # 1 December 2025
    assert done.returncode == 0, done.stderr
    deck = deck_of(tmp_path / "thaw-flashcards.apkg", tmp_path / "a")
    assert {i.date_time for i in deck.infos} == {(2025, 12, 1, 0, 0, 0)}
    times = {m for (m,) in deck.db.execute("SELECT mod FROM notes")}
    assert all(1764547200 <= m < 1764547200 + 86400 for m in times)
    assert len(times) == deck.db.execute("SELECT count(*) FROM notes").fetchone()[0]


def test_a_date_before_zips_began_is_stamped_as_their_first(tmp_path):
    done = revpack(
        "build", THAW, "-l", "flashcards", "-o", tmp_path, env={"SOURCE_DATE_EPOCH": "0"}
    )
    assert done.returncode == 0, done.stderr  # 1 January 1970: ZIP dates start in 1980
    deck = deck_of(tmp_path / "thaw-flashcards.apkg", tmp_path / "a")
    assert {i.date_time for i in deck.infos} == {(1980, 1, 1, 0, 0, 0)}
    assert all(0 <= m < 86400 for (m,) in deck.db.execute("SELECT mod FROM notes"))


def _guids(source_path: Path, folder: Path) -> dict[str, str]:
    """Each note's fields (joined by |) → its GUID, from a deck written by the writer."""
    layout = load_layout("flashcards")
    [output] = render(load_source(source_path), layout, Audience(), format="apkg")
    deck = Collection(output.data, folder)
    rows = deck.db.execute("SELECT flds, guid FROM notes").fetchall()
    return {fields.replace("\x1f", "|"): guid for fields, guid in rows}


def test_guids_stay_when_the_text_stays_and_change_when_it_changes(tmp_path):
    before = _guids(THAW, tmp_path / "a")
    after = _guids(_edited_thaw(tmp_path), tmp_path / "b")
    assert len(after) == len(before)
    changed = {field for field, guid in before.items() if guid not in after.values()}
    # the edited point and the re-dated event are new notes ...
    assert len(changed) == 2
    assert any("solidly defined" in f for f in changed)
    assert any(f.startswith("1955|") for f in changed)
    # ... a new meaning updates its term's note, and every other note keeps its GUID
    term = next(f for f in before if f.startswith("Peaceful Coexistence|"))
    assert before[term] in after.values()


# ---------------------------------------------------------------- Anki itself


def _edited_thaw(folder: Path) -> Path:
    """The thaw notes with one point, one term's meaning and one date changed."""
    text = THAW.read_text("utf-8")
    edited = (
        text.replace("had now been solidly defined", "was now firmly drawn")
        .replace(
            "Khrushchev's policy that communism and capitalism could compete without war.",
            "The policy that the two systems could coexist.",
        )
        .replace('- when: "1955"', '- when: "May 1955"', 1)
    )
    assert edited.count("firmly drawn") == 1 and "could coexist" in edited
    copy = folder / "thaw.yaml"
    copy.write_text(edited, "utf-8")
    return copy


def _apkg(source: Path, folder: Path, audience: Audience) -> Path:
    [output] = render(load_source(source), load_layout("flashcards"), audience, format="apkg")
    path = folder / f"{source.stem}-{len(list(folder.iterdir()))}.apkg"
    path.write_bytes(output.data)
    return path


def _import(collection, path: Path, condition: str):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Update

    when = getattr(Update, f"IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_{condition}")
    options = ImportAnkiPackageOptions(update_notes=when, update_notetypes=when)
    return collection.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    ).log


def _thaw_imported(collection, tmp_path: Path) -> int:
    """Import the thaw's deck into an empty `collection`: how many notes it now has (all
    of them new)."""
    first = _import(collection, _apkg(THAW, tmp_path / "a", Audience()), "IF_NEWER")
    count: int = collection.note_count()
    assert len(first.new) == count
    return count


def _shown(html_text: str) -> str:
    text = re.sub(r"(?s)<style>.*?</style>|<[^>]+>", " ", html_text)
    return " ".join(html.unescape(text).split())


def test_anki_imports_the_deck_and_shows_each_cloze_as_typed(tmp_path):
    from anki.collection import Collection

    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        log = _import(collection, _apkg(SPECIAL, tmp_path / "a", Audience()), "IF_NEWER")
        data = raw(SPECIAL)
        points = cloze_points(data)
        assert (
            len(log.new)
            == collection.note_count()
            == len(points) + len(data["terms"]) + len(data["timeline"])
        )
        shown = []
        for card_id in collection.find_cards('"note:revpack cloze"'):
            card = collection.get_card(card_id)
            question, answer = _shown(card.question()), _shown(card.answer())
            assert question.count("[...]") >= 1
            shown.append(answer)
        for texts in points:
            for key in (k for t in texts for k in plain_keys(t)):
                assert any(key in answer for answer in shown), key
        assert "Text such as {1:SHORTANSWER:=trap} or {#1} is not a gap" in " ".join(shown)
        assert {d.name for d in collection.decks.all_names_and_ids()} >= {
            "Computing::Programming 1/2: C# & Co.::Symbols & <Syntax>: a/b {braces}"
        }
    finally:
        collection.close()


def test_anki_updates_the_notes_of_a_rebuilt_deck_instead_of_adding_copies(tmp_path):
    from anki.collection import Collection

    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        count = _thaw_imported(collection, tmp_path)
        # the same deck again: nothing new
        again = _import(collection, _apkg(THAW, tmp_path / "a", Audience()), "IF_NEWER")
        assert len(again.new) == 0 and collection.note_count() == count
        # the edited notes, built on a later day (SOURCE_DATE_EPOCH): the new meaning
        # updates its note; the edited point and date are new notes beside the old ones
        edited = _apkg(
            _edited_thaw(tmp_path / "b"), tmp_path / "a", Audience(date="1 December 2026")
        )
        log = _import(collection, edited, "IF_NEWER")
        assert len(log.new) == 2 and collection.note_count() == count + 2
        notes = [
            collection.get_note(i)
            for i in collection.find_notes('"note:revpack term" "Term:Peaceful Coexistence"')
        ]
        assert [n["Meaning"] for n in notes] == ["The policy that the two systems could coexist."]
    finally:
        collection.close()


def test_anki_told_to_always_update_updates_the_edited_notes_of_a_same_day_build(tmp_path):
    from anki.collection import Collection

    collection = Collection(str(tmp_path / "collection.anki2"))
    query = '"note:revpack term" "Term:Peaceful Coexistence"'
    try:
        _import(collection, _apkg(THAW, tmp_path / "a", Audience()), "IF_NEWER")
        edited = _apkg(_edited_thaw(tmp_path / "b"), tmp_path / "a", Audience())
        # "always": the edited notes (and only those) are updated
        log = _import(collection, edited, "ALWAYS")
        assert len(log.updated) == 1 and len(log.new) == 2
        [note] = [collection.get_note(i) for i in collection.find_notes(query)]
        assert note["Meaning"] == "The policy that the two systems could coexist."
    finally:
        collection.close()


TWICE = """title: Twice
subject: History
factors:
  - title: First
    points:
      - The ==Berlin Wall== went up in 1961.
  - title: Second
    points:
      - The ==Berlin Wall== went up in 1961.
      - The ==Berlin Wall== went up in 1961.
terms:
  - term: Berlin Wall
    meaning: The wall that divided Berlin.
timeline:
  - when: "1961"
    what: The Berlin Wall goes up.
  - when: "1961"
    what: The Berlin Wall goes up.
"""
"""A point and a timeline entry written again (a term written twice is an error)."""


def test_a_point_or_entry_written_twice_is_a_note_of_its_own_in_anki(tmp_path):
    # Three notes shared one GUID: Anki took them for one and updated it three times
    # over, and the others were never updated.
    from anki.collection import Collection as Anki

    source = tmp_path / "b" / "twice.yaml"
    source.write_text(TWICE, "utf-8")
    [output] = render(load_source(source), load_layout("flashcards"), Audience(), format="apkg")
    written = [
        g for (g,) in Collection(output.data, tmp_path / "a").db.execute("SELECT guid FROM notes")
    ]
    assert len(written) == len(set(written)) == 6
    collection = Anki(str(tmp_path / "collection.anki2"))
    try:
        log = _import(collection, _apkg(source, tmp_path / "a", Audience()), "IF_NEWER")
        assert len(log.new) == collection.note_count() == 6
        again = _import(collection, _apkg(source, tmp_path / "a", Audience()), "ALWAYS")
        assert len(again.new) == 0 and collection.note_count() == 6
    finally:
        collection.close()


def test_a_retitled_topic_keeps_its_notes_in_anki(tmp_path):
    # The deck's name was part of every GUID: correcting the title's spelling made every
    # note new, and students had each card twice.
    from anki.collection import Collection as Anki

    retitled = tmp_path / "b" / "thaw.yaml"
    retitled.write_text(
        THAW.read_text("utf-8").replace("title: The Thaw", "title: The Khrushchev Thaw", 1),
        "utf-8",
    )
    collection = Anki(str(tmp_path / "collection.anki2"))
    try:
        count = _thaw_imported(collection, tmp_path)
        log = _import(collection, _apkg(retitled, tmp_path / "a", Audience()), "ALWAYS")
        assert len(log.new) == 0 and collection.note_count() == count
    finally:
        collection.close()


# ---------------------------------------------------------------- TSV


def read_tsv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    return list(
        csv.reader(
            io.StringIO(data.decode("utf-8"), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE
        )
    )


def one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def test_tsv_has_a_line_per_term_then_per_date(built):
    for source in (THAW, SPECIAL):
        data = raw(source)
        rows = read_tsv(built / f"{source.stem}-flashcards.tsv")
        assert rows == [[one_line(t["term"]), one_line(t["meaning"])] for t in data["terms"]] + [
            [one_line(e["when"]), one_line(e["what"])] for e in data["timeline"]
        ]


def test_tsv_replaces_tabs_and_line_breaks(built):
    text = (built / "special-flashcards.tsv").read_text("utf-8")
    lines = text.split("\n")
    assert lines[-1] == "" and all(line.count("\t") == 1 for line in lines[:-1])
    assert "A language by Microsoft; named after" in text
    assert "Markup that a browser reads, written over two lines." in text


def _layout(folder: Path, options: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "cards.yaml").write_text(f"extends: flashcards\noptions:\n{options}", "utf-8")
    return folder


def test_options_choose_the_cards_and_the_tsv_lines(tmp_path):
    layouts = _layout(
        tmp_path / "layouts",
        "  cards: [terms, dates]\n  tsv_dates: false\n  reverse_dates: false\n",
    )
    out = tmp_path / "out"
    done = revpack(
        "build", THAW, "--layouts", layouts, "-l", "cards", "-f", "apkg", "-f", "tsv", "-o", out
    )
    assert done.returncode == 0, done.stderr
    deck = deck_of(out / "thaw-cards.apkg", tmp_path / "a")
    assert deck.notes("revpack cloze") == []
    dates = deck.notes("revpack date, one way")
    assert dates and all(len(n["cards"]) == 1 for n in dates)
    assert len(read_tsv(out / "thaw-cards.tsv")) == len(raw(THAW)["terms"])


def test_a_source_without_cards_says_so(tmp_path):
    source = tmp_path / "bare.yaml"
    source.write_text(
        "title: Bare\nfactors:\n  - title: One\n    points: [Nothing marked.]\n", "utf-8"
    )
    done = revpack(
        "build", source, "-l", "flashcards", "-f", "apkg", "-f", "tsv", "-o", tmp_path / "out"
    )
    assert done.returncode == 0, done.stderr
    assert "flashcards makes no cards" in done.stdout + done.stderr
    assert "no lines for the tsv file" in done.stdout + done.stderr
    assert (tmp_path / "out" / "bare-flashcards.tsv").read_bytes() == b""


def test_revpack_layouts_lists_the_new_kinds():
    done = revpack("layouts")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^flashcards +flashcards +apkg \(also tsv\)$", done.stdout, re.MULTILINE)
    assert re.search(r"^quiz +quiz +moodle-xml$", done.stdout, re.MULTILINE)


def test_tsv_writes_scripts_as_unicodes_subscripts_and_superscripts(tmp_path):
    # 'Mg~2+~'-style notation flattened to 'Mg2+' (and 'H2SO4') loses its meaning in a
    # plain-text file; Unicode has the digits and signs as scripts.
    done = revpack(
        "build", DATA / "notation" / "acids.yaml", "-l", "flashcards", "-f", "tsv", "-o", tmp_path
    )
    assert done.returncode == 0, done.stderr
    rows = read_tsv(tmp_path / "acids-flashcards.tsv")
    assert rows == [
        ["pH", "A measure of the concentration of H⁺ ions in a solution."],
        ["Strong acid", "An acid that ionises completely in water, such as H₂SO₄."],
        ["1909", "Sørensen introduces the pH scale, based on powers such as 10⁻⁷."],
    ]


def test_tsv_writes_a_script_unicode_lacks_as_a_keyboard_does():
    # Run together, 'x^a+1^' read 'xa+1' (x times a, plus 1), and 'K~c~' 'Kc'.
    text = Text(
        (
            Span("x"),
            Span("a+1", script="super"),
            Span(" and H"),
            Span("2", script="sub"),
            Span(", K"),
            Span("c", script="sub"),
        ),
        Mark("s.yaml", 1, 1),
    )
    assert cell(text) == "x^(a+1) and H₂, K_c"


def test_a_letter_subscript_is_unicodes_too():
    # 'Activation energy (E~a~)' became 'Activation energy (Ea)' in a key's answer and on
    # a card; Unicode has small letters as subscripts, and marking folds them back (NFKC).
    from revpack.writers.html.secret import normalise

    text = Text(
        (
            Span("Activation energy (E"),
            Span("a", script="sub"),
            Span("), K"),
            Span("m", script="sub"),
        ),
        Mark("s.yaml", 1, 1),
    )
    assert cell(text) == "Activation energy (Eₐ), Kₘ"
    assert normalise(cell(text)) == "activation energy (ea) km"  # (a comma is not marked)


def _cloze_notes(tmp_path: Path, text: str) -> list:
    """The cloze notes of the deck built from the notes `text`."""
    source = tmp_path / "notes.yaml"
    source.write_text(text, "utf-8")
    done = revpack("build", source, "-l", "flashcards", "-f", "apkg", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    return deck_of(tmp_path / "out" / "notes-flashcards.apkg", tmp_path).notes("revpack cloze")


def test_an_unmarked_repeat_of_a_key_term_is_hidden_under_its_number(tmp_path):
    # The card for 'Valves' showed "… the semi-lunar valves sit at the exits", which the
    # worksheet blanks as the same gap.
    [note] = _cloze_notes(
        tmp_path,
        "title: The heart\nfactors:\n  - title: Valves\n    points:\n"
        "      - ==Valves== stop blood flowing backwards; the ==semi-lunar== valves sit at"
        " the exits.\n",
    )
    field = note["fields"][0]
    assert CLOZE.findall(field) == [("1", "Valves"), ("2", "semi-lunar"), ("1", "valves")]
    assert CLOZE.sub("…", field) == "… stop blood flowing backwards; the … … sit at the exits."
    assert sorted(o for o, _ in note["cards"]) == [0, 1]
    # Nor does the heading above the card, the factor's title 'Valves', show the answer
    # (nor a bare '…').
    assert note["fields"][1] == ""


def test_two_subjects_topics_of_one_file_name_share_no_note(tmp_path):
    # Chemistry's rates.yaml and Biology's rates.yaml both defined 'Catalyst': imported
    # into one collection, Anki took Biology's note for Chemistry's and updated it.
    def rates(subject: str, meaning: str) -> Path:
        folder = tmp_path / subject
        folder.mkdir()
        path = folder / "rates.yaml"
        path.write_text(
            f"title: Rates\nsubject: {subject}\nfactors:\n  - title: Speed\n    points:\n"
            "      - A ==catalyst== speeds a reaction up.\n"
            f"terms:\n  - term: Catalyst\n    meaning: {meaning}\n"
            "  - term: Rate\n    meaning: How fast.\n",
            "utf-8",
        )
        return path

    chemistry = _guids(rates("Chemistry", "A substance that speeds up a reaction."), tmp_path / "a")
    biology = _guids(rates("Biology", "An enzyme is one."), tmp_path / "b")
    assert len(chemistry) == len(biology) == 3  # a cloze note and two terms
    assert set(chemistry.values()).isdisjoint(biology.values())


def test_a_subject_and_a_course_of_one_name_are_not_one():
    from revpack.writers.anki.apkg import Guids

    assert Guids("X", "", "rates").new("term", ("Rate",), "") != Guids("", "X", "rates").new(
        "term", ("Rate",), ""
    )


def test_a_heading_with_only_small_words_left_is_no_context(tmp_path):
    # 'Vectors and scalars' over a card asking both read '… and …' on its card.
    notes = _cloze_notes(
        tmp_path,
        "title: Forces\nfactors:\n  - title: Vectors and scalars\n    points:\n"
        "      - A ==vector== has a direction; a ==scalar== has none.\n"
        "  - title: Vector diagrams\n    points: [Arrows show a ==resultant== force.]\n",
    )
    contexts = sorted(note["fields"][1] for note in notes)
    assert contexts == ["", "Vector diagrams"]  # (another card's heading stays whole)


def test_a_decks_note_types_speak_its_language_and_live_beside_the_english_ones(tmp_path):
    # A German deck's fields were 'Term' and 'Meaning', its cards 'Term → meaning': the
    # student browsing their notes in Anki read English. Each language's note types are
    # now its own (fields and card types named in it), and imported beside the English
    # ones into one collection, each keeps its own fields.
    from anki.collection import Collection

    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        english = _thaw_imported(collection, tmp_path)
        german = DATA / "language" / "weimar-de.yaml"
        log = _import(collection, _apkg(german, tmp_path / "a", Audience()), "IF_NEWER")
        assert len(log.new) == collection.note_count() - english > 0
        types = {m["name"]: m for m in collection.models.all()}
        begriff = types["revpack Begriff"]
        assert [f["name"] for f in begriff["flds"]] == ["Begriff", "Bedeutung", "Kontext"]
        assert [t["name"] for t in begriff["tmpls"]] == ["Begriff → Bedeutung"]
        assert [f["name"] for f in types["revpack term"]["flds"]] == ["Term", "Meaning", "Context"]
        assert [f["name"] for f in types["revpack Lückentext"]["flds"]] == ["Text", "Kontext"]
        assert begriff["id"] != types["revpack term"]["id"]
        [note] = [
            collection.get_note(i)
            for i in collection.find_notes('"note:revpack Begriff" "Begriff:Notverordnung"')
        ]
        assert note["Bedeutung"] and note["Kontext"]
        # (the card shows the term, and then its meaning: the templates name the fields)
        card = note.cards()[0]
        assert "Notverordnung" in _shown(card.question())
        assert note["Bedeutung"] in html.unescape(card.answer())
    finally:
        collection.close()


def test_a_layouts_field_names_anki_would_refuse_are_mended(tmp_path):
    from revpack.labels import load_labels
    from revpack.writers.anki.models import note_names

    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "cards.yaml").write_text(
        "name: cards\nextends: flashcards\nlabels:\n  anki:\n"
        '    term: "#Word: x"\n    meaning: "word x"\n',
        "utf-8",
    )
    layout = load_layout(str(layouts / "cards.yaml"))
    names = note_names(load_labels("en", layout.labels))
    # (':' and a leading '#' left out; a name the same as another's is English's)
    assert (names.term, names.meaning, names.context) == ("Word x", "Meaning", "Context")
