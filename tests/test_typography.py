"""French spaces: the space before ? ! ; : » and after « never ends a line."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from helpers import revpack
from revpack.chart.text import Piece, tokens
from revpack.loading.markup import parse
from revpack.loading.source import load_source
from revpack.loading.typography import NO_BREAK, french_spaces, is_french
from revpack.problems import Mark

MARK = Mark("s.yaml", 1, 1)


def spaced(raw: str) -> str:
    return french_spaces(parse(raw, MARK, [])).plain


def test_the_spaces_french_keeps_with_its_punctuation_become_no_break():
    assert spaced("surnommée « Madame Déficit » : pourquoi ? Hélas ! Oui ; non") == (
        "surnommée «\u00a0Madame Déficit\u00a0»\u00a0: pourquoi\u00a0? Hélas\u00a0! Oui\u00a0; non"
    )
    assert spaced("Un texte sans ponctuation haute.") == "Un texte sans ponctuation haute."
    assert spaced("10:30 et a:b, sans espace") == "10:30 et a:b, sans espace"


def test_across_spans_and_never_inside_a_key_term():
    # The space before ':' after a key term is outside it; a key term is an answer that
    # students type back with an ordinary space, so its own spaces stay.
    text = french_spaces(parse("le roi ==Louis XVI== : et ==« le veto »==", MARK, []))
    assert [(s.text, s.key) for s in text.spans] == [
        ("le roi ", False),
        ("Louis XVI", True),
        ("\u00a0: et ", False),
        ("« le veto »", True),
    ]


@pytest.mark.parametrize(
    ("tag", "french"),
    [("fr", True), ("fr-CA", True), ("FR", True), ("en-GB", False), ("cy", False)],
)
def test_which_tags_are_french(tag, french):
    assert is_french(tag) is french


def test_a_chart_line_never_breaks_at_a_no_break_space():
    text = f"dit{NO_BREAK}: «{NO_BREAK}oui{NO_BREAK}» enfin"
    words = list(tokens([Piece(text, "DejaVuSans", False)]))
    texts = ["".join(p.text for p in w) for w in words if w != "\n"]
    assert texts == [f"dit{NO_BREAK}:", " ", f"«{NO_BREAK}oui{NO_BREAK}»", " ", "enfin"]


FRENCH = """\
title: La Révolution
language: fr
question: Pourquoi la Révolution éclate-t-elle ?
factors:
  - title: La crise
    points:
      - {points}
"""


def test_no_printed_line_of_a_french_source_starts_with_its_punctuation(tmp_path: Path):
    point = "La reine, surnommée « Madame Déficit », est impopulaire ; pourquoi ? "
    path = tmp_path / "crise.yaml"
    path.write_text(FRENCH.format(points=(point * 6).strip()), "utf-8")
    assert NO_BREAK in load_source(path).factors[0].points[0].text.plain
    done = revpack(
        "build",
        path,
        "-l",
        "summary",
        "-l",
        "factor-chart",
        "-l",
        "worksheet",
        "-f",
        "pdf",
        "-o",
        tmp_path / "out",
    )
    assert done.returncode == 0, done.stderr
    lines = []
    for pdf in sorted((tmp_path / "out").glob("*.pdf")):
        with pdfplumber.open(pdf) as opened:
            for page in opened.pages:
                lines += [line.strip() for line in (page.extract_text() or "").split("\n")]
    assert len(lines) > 20
    for line in lines:
        assert not line.endswith("«") and line[:1] not in "»?;:!", line
