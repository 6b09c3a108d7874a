"""French spaces: the space before ? ! ; : » and after « never ends a line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from helpers import revpack
from revpack.chart.text import Piece, pieces, tokens
from revpack.loading.markup import parse
from revpack.loading.source import load_source
from revpack.loading.typography import NO_BREAK, date_spaces, french_spaces, is_french
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


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("Act 1 Scene 1", "Act\u00a01 Scene\u00a01"),
        ("c. 1500 BC", "c.\u00a01500\u00a0BC"),
        ("June 12", "June\u00a012"),
        ("12 June 1953", "12 June 1953"),
        ("March 1953", "March 1953"),
        ("12 de septiembre de 2006", "12 de\u00a0septiembre de\u00a02006"),
        ("1st of May 1945", "1st of\u00a0May 1945"),
        ("le 14 juillet 1789", "le\u00a014 juillet 1789"),
        ("James I", "James\u00a0I"),
        ("AD 79", "AD\u00a079"),
        ("4 September AD 476", "4 September AD\u00a0476"),
        ("476 BC", "476\u00a0BC"),
    ],
)
def test_a_timeline_date_keeps_a_short_word_with_its_neighbour(written, kept):
    assert date_spaces(parse(written, MARK, [])).plain == kept


def test_a_date_is_read_as_typed(tmp_path):
    # (a flashcard's or a self-marking page's date is typed back with ordinary spaces)
    path = tmp_path / "dates.yaml"
    path.write_text(
        'title: Dates\ntimeline:\n  - when: "Act 1 Scene 1"\n    what: It happened.\n'
        '  - when: "1066"\n    what: Then this.\n',
        "utf-8",
    )
    assert load_source(path).timeline[0].when.plain == "Act 1 Scene 1"


def test_a_summary_date_column_breaks_a_date_between_its_parts(tmp_path):
    # "Act 1 Scene 1" in the dyslexia summary's date column broke as "Act 1 Scene" / "1".
    from revpack import load_layout, render
    from revpack.model import Audience

    events = "".join(
        f'  - when: "Act {a} Scene {s}"\n    what: Something happens in the play.\n'
        for a, s in ((1, 1), (1, 3), (2, 2), (3, 4), (5, 8))
    )
    path = tmp_path / "play.yaml"
    path.write_text(
        f"title: The Play\nfactors:\n  - title: One\n    points: [A point.]\ntimeline:\n{events}",
        "utf-8",
    )
    [pdf] = render(load_source(path), load_layout("summary-dyslexia"), Audience(), "pdf")
    with pdfplumber.open(io.BytesIO(pdf.data)) as opened:
        lines = [
            " ".join(line["text"].split())
            for page in opened.pages
            for line in page.extract_text_lines()
        ]
    dates = [line for line in lines if re.search(r"\b(Act|Scene)\b", line)]
    assert len(dates) >= 5
    # every "Act" and "Scene" with its number on its line
    assert all(re.search(r"\b(Act|Scene)\b(?! \d)", line) is None for line in dates), dates


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("more than 500 mm of rain", "more than 500\u00a0mm of rain"),
        ("a current of 1 mA flows", "a current of 1\u00a0mA flows"),
        ("at 40 °C and 5 % more", "at 40\u00a0°C and 5\u00a0% more"),
        ("winds over ==157 mph== tear roofs", "winds over 157\u00a0mph tear roofs"),
        ("in 1953 Stalin died", "in 1953 Stalin died"),
        ("needs 3 000 N", "needs 3\u00a0000\u00a0N"),
        ("über 1 300 000 Menschen", "über 1\u00a0300\u00a0000 Menschen"),
        ("in 1953 100 people", "in 1953 100 people"),
        ("1.08 × 10⁵ m", "1.08\u00a0×\u00a010⁵\u00a0m"),
        ("sacked in AD 439 when", "sacked in AD\u00a0439 when"),
        ("so ==F = ma== holds", "so F\u00a0=\u00a0ma holds"),
        ("1 J = 1 N m", "1\u00a0J\u00a0=\u00a01\u00a0N\u00a0m"),  # (a compound unit whole)
        # (broken as "2.0 × 10⁻³ / m³", "p₁V₁ / = p₂V₂", "p ∝ / T.", "+ / 273.15")
        ("from 2.0 × 10^-3^ m^3^ up", "from 2.0\u00a0×\u00a010\u22123\u00a0m3 up"),
        ("so p~1~V~1~ = p~2~V~2~ here", "so p1V1\u00a0=\u00a0p2V2 here"),
        ("then p ∝ T at", "then p\u00a0∝\u00a0T at"),
        ("T = θ + 273.15 K", "T\u00a0=\u00a0θ\u00a0+\u00a0273.15\u00a0K"),
        ("in Python a == b is", "in Python a\u00a0==\u00a0b is"),
        # (units of four letters broke: "760 / mmHg")
        ("about 760 mmHg at sea level", "about 760\u00a0mmHg at sea level"),
        ("burns 200 kcal or 5 mmol", "burns 200\u00a0kcal or 5\u00a0mmol"),
        ("at 1013 mbar and 3 cats", "at 1013\u00a0mbar and 3 cats"),
        # (broken as "2H₂O₂ → 2H₂O" / "+ O₂" and "N₂" / "+ 3H₂ ⇌ 2NH₃")
        ("so 2H~2~O~2~ → 2H~2~O + O~2~ here", "so 2H2O2\u00a0→ 2H2O\u00a0+ O2 here"),
        # (a short equation whole: 16 characters at most; the maths summary broke
        # "a² +" / "b² = c²")
        ("N~2~ + 3H~2~ ⇌ 2NH~3~", "N2\u00a0+\u00a03H2\u00a0⇌\u00a02NH3"),
        ("triangle, a^2^ + b^2^ = c^2^.", "triangle, a2\u00a0+\u00a0b2\u00a0=\u00a0c2."),
        ("so x + y - z here", "so x\u00a0+ y - z here"),
        # (broken as "so V = E" / "÷ Q", "1.15 kW" / "× 2 h", "difference" / "(V)")
        ("so V = E ÷ Q and", "so V\u00a0=\u00a0E\u00a0÷\u00a0Q and"),
        ("1.15 kW × 2 h = 2.3 kWh", "1.15\u00a0kW\u00a0×\u00a02\u00a0h\u00a0=\u00a02.3\u00a0kWh"),
        (
            "potential difference (V) and ohms (Ω).",
            "potential difference\u00a0(V) and ohms\u00a0(Ω).",
        ),
        ("the UK (UK) and (a) list (sic)", "the UK\u00a0(UK) and (a) list (sic)"),
        # (the German summary broke '28.' / 'Juni 1914', the English 'unit' / '1.')
        ("am 28. Juni 1914 ermordet", "am 28.\u00a0Juni 1914 ermordet"),
        ("an explosion at reactor unit 1.", "an explosion at reactor unit\u00a01."),
        ("version 2.5 works", "version 2.5 works"),
        # (a maths summary broke "9π" / "cm²" and "V =" / "(4/3)πr³", a chart "pH" / "7")
        ("area 9π cm² here", "area 9π\u00a0cm² here"),
        ("so V = (4/3)πr^3^ holds", "so V\u00a0=\u00a0(4/3)πr3 holds"),
        ("is pH 7 in water", "is pH\u00a07\u00a0in water"),  # ("7 in" as "5 mm")
        ("in terms of π and", "in terms of π and"),
        # (nor a sentence's end to the next: the key read '… to 3.\u00a0Explain each choice')
        (
            "from 1 (most important) to 3. Explain why.",
            "from 1 (most important) to 3. Explain why.",
        ),
        ("beat Versailles. A. Hitler", "beat Versailles. A. Hitler"),
        ("so e.g. i.e. that", "so e.g. i.e. that"),
        # (the German summary broke 'z.' / 'B.')
        ("Notverordnungen, z. B. zur Wirtschaft", "Notverordnungen, z.\u00a0B. zur Wirtschaft"),
        ("das heißt d. h. so", "das heißt d.\u00a0h. so"),
        ("by J. F. Kennedy", "by J.\u00a0F. Kennedy"),
        ("in the U.S. Army", "in the U.S. Army"),
        # (a line of a matching table started '— no home of his own')
        ("from job to job — no home", "from job to job\u00a0— no home"),
        ("Lennie – the giant – dies", "Lennie\u00a0– the giant\u00a0– dies"),
        ("in 1955–1962, well-known", "in 1955–1962, well-known"),
        # (the worksheets broke 'c.' / '1527', 'b.' / '1516' and '£19.6' / 'million')
        ("by c. 1527 and Mary (b. 1516)", "by c.\u00a01527\u00a0and Mary (b.\u00a01516)"),
        ("cost £19.6 million, 10 metres", "cost £19.6\u00a0million, 10\u00a0metres"),
        ("his c. the end", "his c. the end"),
        # (a phone's line started '/ But be the serpent under't')
        (
            "Look like th' innocent flower, / But be the serpent",
            "Look like th' innocent flower,\u00a0/ But be the serpent",
        ),
        ("either/or and 1/2", "either/or and 1/2"),
        # (a compound unit broke as "kg" / "m/s" and "Ω" / "m")
        ("momentum in kg m/s.", "momentum in kg\u00a0m/s."),
        ("1.7 × 10⁻⁸ Ω m here", "1.7\u00a0×\u00a010⁻⁸\u00a0Ω\u00a0m here"),
        ("A man and A mind", "A man and A mind"),
        # (one run of 38 characters, which a narrow column broke between '2.26 ×' and
        # '10⁶': it may break after its '=' signs, each part kept whole)
        (
            "water = 2 260 000 J/kg = 2.26 × 10^6^ J/kg",
            "water\u00a0= 2\u00a0260\u00a0000\u00a0J/kg\u00a0= 2.26\u00a0×\u00a0106\u00a0J/kg",
        ),
        ("so F = ma holds", "so F\u00a0=\u00a0ma holds"),
        (
            "time (s), mass (kg), current (mA) and half-life (t½)",
            "time\u00a0(s), mass\u00a0(kg), current\u00a0(mA) and half-life\u00a0(t½)",
        ),
    ],
)
def test_a_number_keeps_its_unit_where_text_is_laid_out(written, kept):
    # "500 / mm" broke across lines in the chart and the dyslexia summary.
    from revpack.loading.typography import unit_spaces

    text = unit_spaces(parse(written, MARK, []))
    assert text.plain == kept
    words = [
        "".join(p.text for p in t) for t in tokens(pieces(parse(written, MARK, []))) if t != "\n"
    ]
    words = [word for word in words if word != " "]  # (the spaces between words)
    assert all(" " not in word for word in words)
    if "\u00a0" in kept:
        assert any("\u00a0" in word for word in words)  # the chart holds them together


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("The Fall of the Western Roman Empire", "The Fall of the Western Roman\u00a0Empire"),
        ("What slows down or stops?", "What slows down or\u00a0stops?"),
        (
            "Negotiations with the Medical Association",
            "Negotiations with the Medical\u00a0Association",
        ),
        (
            "Herstellung und Verarbeitungsmöglichkeiten",
            "Herstellung und Verarbeitungsmöglichkeiten",
        ),
        ("Inertia", "Inertia"),
    ],
)
def test_a_heading_keeps_its_last_two_words_together_when_they_are_short(written, kept):
    # "Empire", "stops?" and "Evils" were left alone on a heading's last line.
    from revpack.loading.typography import heading_spaces

    assert heading_spaces(parse(written, MARK, [])).plain == kept


def test_the_summarys_headings_end_on_two_words(tmp_path):
    from revpack import load_layout, render
    from revpack.model import Audience

    path = tmp_path / "rome.yaml"
    path.write_text(
        "title: The Decline and Fall of the Western Roman Empire in Late Antiquity\n"
        "factors:\n  - title: The Beveridge Report's identification of the Five Giant Evils\n"
        "    points: [A point.]\n",
        "utf-8",
    )
    [pdf] = render(load_source(path), load_layout("summary"), Audience(), "pdf")
    with pdfplumber.open(io.BytesIO(pdf.data)) as opened:
        lines = [" ".join(line["text"].split()) for line in opened.pages[0].extract_text_lines()]
    assert any(line.endswith("Giant Evils") for line in lines), lines


def test_a_summary_date_column_is_wide_enough_for_a_number_with_its_short_word(tmp_path):
    # "17–18 de julio de 1936" broke as "17–18 de juli" / "o de 1936": the column was
    # measured without the no-break space that keeps '18 de' together.
    from revpack import load_layout, render
    from revpack.model import Audience

    events = "".join(
        f'  - when: "{when}"\n    what: Something happened that year in Spain.\n'
        for when in ("14 de abril de 1931", "agosto de 1932", "17–18 de julio de 1936")
    )
    path = tmp_path / "guerra.yaml"
    path.write_text(
        "title: Guerra\nlanguage: es\nfactors:\n  - title: Uno\n    points: [Un punto.]\n"
        f"timeline:\n{events}",
        "utf-8",
    )
    [pdf] = render(load_source(path), load_layout("summary-dyslexia"), Audience(), "pdf")
    with pdfplumber.open(io.BytesIO(pdf.data)) as opened:
        words = {w["text"] for page in opened.pages for w in page.extract_words()}
    assert "julio" in words and not {"juli", "jul", "ju"} & words, sorted(words)
