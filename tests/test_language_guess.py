"""Imported notes in French, Spanish, German or Welsh become sources in that language
(authoring/language_guess.py): their sheets printed "KEY QUESTION" and "Fill the gaps"."""

from __future__ import annotations

import pytest

from helpers import revpack
from revpack import load_source
from revpack.authoring.language_guess import guess_language

NOTES = {
    "fr": "La Révolution française\n\nPourquoi la Révolution a-t-elle éclaté en 1789 ?\n\n"
    "- Les finances : le roi est endetté et les impôts pèsent sur le peuple.\n"
    "- La société : le clergé et la noblesse ont des privilèges que le tiers état n'a pas.\n"
    "- Les idées : les philosophes critiquent la monarchie dans leurs livres.\n",
    "es": "La inmigración en España\n\n¿Por qué es importante la integración?\n\n"
    "- La economía: los inmigrantes trabajan en el campo y en la construcción.\n"
    "- La población: la tasa de natalidad es una de las más bajas de Europa.\n"
    "- La cultura: el idioma es la clave para la vida en la sociedad.\n",
    "de": "Die Machtergreifung\n\nWarum kam Hitler 1933 an die Macht?\n\n"
    "- Die Wirtschaft: die Krise ist schwer und die Arbeitslosigkeit steigt.\n"
    "- Die Politik: der Reichstag ist gelähmt und die Regierung mit Notverordnungen.\n"
    "- Die Propaganda: die NSDAP ist laut und im ganzen Land auf den Straßen.\n",
    "cy": "Y Chwyldro Diwydiannol\n\nPam roedd Cymru yn bwysig i'r chwyldro?\n\n"
    "- Glo: roedd y glo yn y de yn bwysig ac mae hyn yn dal yn wir.\n"
    "- Haearn: roedd gweithfeydd haearn ym Merthyr a'r gweithwyr yn byw yn y dref.\n"
    "- Llechi: roedd y chwareli yn y gogledd yn enwog ar draws y byd.\n",
}


@pytest.mark.parametrize("language", sorted(NOTES))
def test_notes_in_each_language_are_recognised(language):
    assert guess_language(NOTES[language]) == language


def test_terse_english_notes_are_not_welsh():
    # 'a', 'i' and 'o' counted as Welsh: terse physics bullets printed Welsh labels.
    notes = (
        "Forces\n\nWhat makes a car speed up?\n\n- A force is a push or a pull\n"
        "- a resultant force causes a change in speed\n- a mass of 2 kg on a slope\n"
        "- a car at a speed of 30 m/s\n- I = V / R; a current in a wire\n"
        "- a lamp: a filament; I increases with V\n- a spring; a load on a spring\n"
    )
    assert guess_language(notes) in (None, "en-GB")


def test_english_few_words_and_a_mixture_say_nothing_else():
    english = "The Cold War\n\nWhy did the war start?\n\n- It was the result of the arms race."
    assert guess_language(english * 3) == "en-GB"
    assert guess_language("Photosynthèse: la lumière") is None  # (too few words to tell)
    assert guess_language(NOTES["fr"] + NOTES["es"]) is None


def test_french_notes_import_as_a_french_source(tmp_path):
    notes = tmp_path / "revolution.txt"
    notes.write_text(NOTES["fr"], "utf-8")
    out = tmp_path / "revolution.yaml"
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "\nlanguage: fr\n" in out.read_text("utf-8")
    assert load_source(out).language == "fr"
    english = tmp_path / "cold-war.txt"
    english.write_text("The Cold War\n\nWhy did it start?\n\n- The arms race: it grew.\n", "utf-8")
    done = revpack("import", english, "-o", tmp_path / "cold-war.yaml")
    assert done.returncode == 0 and "\nlanguage:" not in (tmp_path / "cold-war.yaml").read_text()
