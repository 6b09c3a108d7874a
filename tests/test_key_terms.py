"""`revpack import --bold-key-terms`: the words a teacher set in bold become key terms."""

from __future__ import annotations

import docx

from helpers import revpack
from revpack.authoring.importer import import_source
from revpack.loading.source import load_source

NOTES = """\
# The Thaw

Why did Khrushchev pursue Peaceful Coexistence?

- Leadership: after Stalin died, **Khrushchev** called the policy **Peaceful Coexistence**.
- Arms race: **this whole sentence was set in bold by the teacher for emphasis**.
  - The USA tested a **hydrogen bomb** in 1952.

## Economy

Spending on **arms** hurt *living standards*.
"""


def test_short_bold_runs_become_key_terms_and_a_long_one_stays_bold(tmp_path):
    notes = tmp_path / "thaw.md"
    notes.write_text(NOTES, "utf-8")
    text = import_source(notes, None, bold_keys=True).text
    for term in ("Khrushchev", "Peaceful Coexistence", "hydrogen bomb", "arms"):
        assert f"=={term}==" in text and f"**{term}**" not in text
    assert "**this whole sentence was set in bold by the teacher for emphasis**" in text
    assert "*living standards*" in text  # (italic is no key term)
    assert "the 4 words or phrases in bold became key terms" in text


def test_without_the_option_bold_stays_and_the_file_says_how_to_make_it_key_terms(tmp_path):
    notes = tmp_path / "thaw.md"
    notes.write_text(NOTES, "utf-8")
    text = import_source(notes, None).text
    assert "==" not in text.replace("(==…==)", "").replace("==key term==", "")
    assert "**Peaceful Coexistence**" in text
    assert "4 words or phrases are in bold" in text
    assert "`revpack import thaw.md --bold-key-terms`" in text


def test_a_word_files_bold_terms_become_the_worksheets_gaps(tmp_path):
    document = docx.Document()
    document.add_heading("The Thaw", 0)
    document.add_paragraph("Why did Khrushchev pursue Peaceful Coexistence?")
    point = document.add_paragraph("Leadership: after Stalin died, ", style="List Bullet")
    point.add_run("Khrushchev").bold = True
    point.add_run(" called the policy ")
    point.add_run("Peaceful Coexistence").bold = True
    point.add_run(".")
    point = document.add_paragraph("Economy: spending on ", style="List Bullet")
    point.add_run("arms").bold = True
    point.add_run(" hurt living standards.")
    document.save(tmp_path / "thaw.docx")
    source = tmp_path / "thaw.yaml"
    done = revpack("import", tmp_path / "thaw.docx", "--bold-key-terms", "-o", source)
    assert done.returncode == 0, done.stderr
    assert revpack("check", source).returncode == 0
    keys = [
        span.text
        for factor in load_source(source).factors
        for point in factor.points
        for span in point.text.spans
        if span.key
    ]
    assert keys == ["Khrushchev", "Peaceful Coexistence", "arms"]


def test_one_bold_run_is_said_as_one(tmp_path):
    # '1 words or phrases are in bold'.
    notes = tmp_path / "one.md"
    notes.write_text("# Coasts\n\n## Defences\n\n- **Groynes** trap sand.\n", "utf-8")
    assert "#     1 word or phrase is in bold, and `revpack" in import_source(notes, None).text
    made = import_source(notes, None, bold_keys=True).text
    assert "the 1 word or phrase in bold became a key term" in made, made[:900]
