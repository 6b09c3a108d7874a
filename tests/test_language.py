"""Sources in any language: labels, dates, document language and hyphenation follow the
source's `language:`; layouts may replace labels; a language with no labels is refused."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from helpers import DATA, nested_labels, pdftotext, revpack, validate_docx
from revpack import fonts
from revpack.chart.text import Setter, pieces
from revpack.dates import in_language
from revpack.hyphenation import Hyphenator
from revpack.labels import OWN, built_in, keys, load_labels
from revpack.loading.layouts import available, load_layout
from revpack.loading.source import load_source
from revpack.writers.pdf.chart import measure

LANGUAGE = DATA / "language"
SOURCES = {
    "fr": LANGUAGE / "revolution-fr.yaml",
    "de": LANGUAGE / "weimar-de.yaml",
    "cy": LANGUAGE / "diwydiant-cy.yaml",
}
STANDARD = sorted(
    name
    for name in available()
    if load_layout(name).renders in ("summary", "worksheet", "factor-chart")
)
"""The standard layouts of the paper kinds (the decks and quizzes have tests of their
own)."""


def english_phrases(language: str) -> set[str]:
    """The literal words of every English label that the language writes differently
    (placeholders cut out; short pieces such as ' · ' left out)."""
    english, other = dict(load_labels("en").entries), dict(load_labels(language).entries)
    phrases = set()
    for key, value in english.items():
        if key == "plural_rule" or value == other[key]:
            continue
        texts = [value] if isinstance(value, str) else [t for _, t in value]
        for text in texts:
            phrases |= {
                part.strip()
                for part in re.split(r"\{[a-z_]+\}", text)
                if len(part.strip(" .·:;()")) >= 4
            }
    # Layout names ('worksheet') are names, printed as they are in every language; a word
    # both languages write alike ('Page') is not an English one.
    theirs = " ".join(
        v if isinstance(v, str) else " ".join(t for _, t in v) for v in other.values()
    )
    return {p for p in phrases - set(STANDARD) if p not in theirs}


def docx_text(path: Path) -> str:
    """Every word in a DOCX, body, tables, header and footer."""
    with zipfile.ZipFile(path) as archive:
        xml = " ".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml") and "styles" not in name
        )
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("language")
    for source in SOURCES.values():
        done = revpack(
            "build",
            source,
            *[a for name in STANDARD for a in ("-l", name)],
            "-o",
            out,
            env={"SOURCE_DATE_EPOCH": "1764547200"},
        )
        assert done.returncode == 0, done.stderr
    return out


def test_every_label_set_has_exactly_the_english_keys():
    assert set(built_in()) >= {"en", "fr", "de", "es", "cy"}
    for language in built_in():
        assert {key for key, _ in load_labels(language).entries} == keys() | OWN, language


def test_counted_labels_follow_each_language_plural_rule():
    assert "37 numbered gaps" in load_labels("en")("gap_fill.instructions", count=37)
    assert "the numbered gap." in load_labels("en")("gap_fill.instructions", count=1)
    assert "des 37 trous numérotés" in load_labels("fr")("gap_fill.instructions", count=37)
    assert "jede der 37 nummerierten Lücken" in load_labels("de")("gap_fill.instructions", count=37)
    welsh = load_labels("cy")
    # Welsh counts a singular noun after a number, mutated by two: y bwlch, y ddau fwlch,
    # y tri bwlch, y chwe bwlch, y 37 bwlch.
    assert "yn y bwlch sydd wedi'i rifo" in welsh("gap_fill.instructions", count=1)
    assert "o'r ddau fwlch" in welsh("gap_fill.instructions", count=2)
    assert "o'r tri bwlch" in welsh("gap_fill.instructions", count=3)
    assert "o'r chwe bwlch" in welsh("gap_fill.instructions", count=6)
    assert "o'r 37 bwlch" in welsh("gap_fill.instructions", count=37)


def test_dates_are_printed_in_the_language():
    day = "1 December 2026"
    assert in_language(day, load_labels("en-GB")) == "1 December 2026"
    assert in_language(day, load_labels("fr")) == "1er décembre 2026"
    assert in_language("2 May 2026", load_labels("fr")) == "2 mai 2026"
    assert in_language(day, load_labels("de")) == "1. Dezember 2026"
    assert in_language(day, load_labels("es")) == "1 de diciembre de 2026"
    assert in_language(day, load_labels("cy")) == "1 Rhagfyr 2026"


@pytest.mark.parametrize("language", sorted(SOURCES))
def test_sources_build_in_every_layout_with_no_english_label_left(built, language):
    stem = SOURCES[language].stem
    phrases = english_phrases(language)
    files = sorted(built.glob(f"{stem}-*"))
    assert len(files) >= len(STANDARD)
    for path in files:
        if path.suffix == ".pdf":
            text = flat(pdftotext(path))
            assert PdfReader(path).trailer["/Root"]["/Lang"] == language, path
        else:
            validate_docx(path)
            text = flat(docx_text(path))
            styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
            assert re.search(rf'<w:lang [^>]*w:val="{language}"', styles), path
            assert Document(str(path)).core_properties.language == language
        left = sorted(p for p in phrases if p in text)
        assert not left, f"{path.name} still says {left}"


def test_the_labels_and_date_in_the_language_are_printed(built):
    summary = flat(pdftotext(built / "revolution-fr-summary.pdf"))
    assert "QUESTION CLÉ" in summary and "Vocabulaire clé" in summary
    assert "1er décembre 2025" in summary  # SOURCE_DATE_EPOCH 1764547200
    chart = flat(pdftotext(built / "weimar-de-factor-chart.pdf"))
    assert "LEITFRAGE" in chart and "1. Dezember 2025" in chart
    sheet = flat(docx_text(built / "diwydiant-cy-worksheet.docx"))
    assert "Llenwa'r bylchau" in sheet and "Banc geiriau" in sheet


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_a_language_with_no_label_set_is_refused_where_it_is_written(tmp_path):
    source = write(
        tmp_path / "it.yaml",
        "title: La guerra fredda\nlanguage: it\n"
        "factors:\n  - title: Uno\n    points: [Il ==muro==]\n",
    )
    done = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = next(ln for ln in done.stderr.splitlines() if "no labels" in ln)
    assert line.startswith(f"{source}:2:11: ")
    assert "cy, de, en, es, fr" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_a_layout_with_every_label_serves_a_language_with_none(tmp_path):
    # The layout's keys nest as in the label sets.
    nested = nested_labels(lambda key, text: "ITALIANO " + text if key == "key_terms" else text)
    layout = write(
        tmp_path / "italiano.yaml",
        yaml.safe_dump({"extends": "summary", "labels": nested}, allow_unicode=True),
    )
    source = write(
        tmp_path / "it.yaml",
        "title: La guerra fredda\nlanguage: it\n"
        "terms:\n  - term: Muro\n    meaning: Il muro di Berlino\n"
        "factors:\n  - title: Uno\n    points: [Il ==muro==]\n",
    )
    done = revpack("build", source, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "out" / "it-italiano.pdf"
    assert "ITALIANO Key terms" in flat(pdftotext(pdf))
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "it"


def test_a_layout_written_before_the_typing_labels_still_serves_its_language(tmp_path):
    # Every label but the marking's spellings and date words, as a layout for Portuguese
    # gave them before those were added: it was refused ('4 missing, e.g.
    # html.date_words'). Those a layout cannot give (the language's own word endings) are
    # refused where written, rather than accepted and ignored.
    def without(tree: dict, keys: set[str], prefix: str = "") -> dict:
        return {
            key: without(value, keys, f"{prefix}{key}.") if isinstance(value, dict) else value
            for key, value in tree.items()
            if f"{prefix}{key}" not in keys
        }

    nested = without(nested_labels(lambda key, text: text), {"html.spellings", "html.date_words"})
    layout = write(tmp_path / "pt.yaml", yaml.safe_dump({"extends": "summary", "labels": nested}))
    source = write(
        tmp_path / "pt-src.yaml",
        "title: A Guerra Fria\nlanguage: pt\nfactors:\n  - title: Um\n    points: [O ==muro==]\n",
    )
    done = revpack("build", source, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    nested["word_endings"] = "s"
    (tmp_path / "shared").mkdir()
    bad = write(
        tmp_path / "shared" / "own.yaml", yaml.safe_dump({"extends": "summary", "labels": nested})
    )
    done = revpack("check", "--layouts", tmp_path / "shared", source)
    assert done.returncode == 1 and "'word_endings' says how the language writes" in done.stderr
    assert done.stderr.startswith(f"{bad}:")


def test_a_layout_replaces_labels_and_names_a_wrong_key(tmp_path):
    good = write(
        tmp_path / "vocab.yaml",
        "extends: summary\nlabels:\n"
        "  key_terms: Vocabulary\n  gap_fill:\n    instructions:\n"
        "      one: Fill the one gap.\n      other: Fill all {count} gaps.\n",
    )
    done = revpack(
        "build",
        DATA.parent.parent / "sources" / "cold-war" / "thaw.yaml",
        "-l",
        good,
        "-o",
        tmp_path / "out",
    )
    assert done.returncode == 0, done.stderr
    assert "Vocabulary" in flat(pdftotext(tmp_path / "out" / "thaw-vocab.pdf"))
    bad = write(
        tmp_path / "bad.yaml",
        "extends: summary\nlabels:\n  word_bnk: Words\n  gap_fill:\n    bank: [a, b]\n",
    )
    done = revpack("build", SOURCES["fr"], "-l", bad, "-o", tmp_path / "out2")
    assert done.returncode == 1
    assert f"{bad}:3:3: no label called 'word_bnk'; did you mean 'word_bank'?" in done.stderr
    assert f"{bad}:5:11: label 'gap_fill.bank' is text" in done.stderr


LONG = "Donaudampfschifffahrtsgesellschaftskapitän"


def test_a_word_too_wide_for_a_chart_box_breaks_at_a_hyphenation_point():
    fonts.register(italic=False)
    hyphenator = Hyphenator("de")
    points = hyphenator.points(LONG)
    assert points
    setter = Setter(measure, hyphenator)
    lines = setter.wrap(pieces(f"Der {LONG} kam."), 90.0, 10.0)
    texts = ["".join(p.text for p in line) for line in lines]
    assert all(measure(t, "DejaVuSans", 10.0) <= 90.0 for t in texts)
    broken = [t for t in texts if t.endswith("-")]
    assert broken, texts
    offset = 0
    for text in broken:
        part = text.split()[-1][:-1]
        offset += len(part)
        assert offset in points, (text, points)
    assert "".join(t.removesuffix("-") for t in texts).replace(" ", "") == f"Der{LONG}kam."


@pytest.mark.parametrize(
    ("word", "hyphenated"),
    [
        ("cydweithrediad", "cydweith-rediad"),
        ("diwydiannol", "diwydian-nol"),
        ("anghydffurfiol", "anghyd-ffur-fiol"),
        ("gweithfeydd", "gweith-feydd"),
        ("Chwyldro", "Chwyldro"),
    ],
)
def test_welsh_words_break_between_syllables_never_inside_a_digraph(word, hyphenated):
    points = Hyphenator("cy").points(word)
    assert (
        "-".join(word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True))
        == hyphenated
    )


def test_a_word_too_wide_for_a_summary_column_breaks_at_a_hyphenation_point(tmp_path):
    layout = write(
        tmp_path / "narrow.yaml",
        "extends: summary\npage: {size: A5}\n"
        "font: {size: 12, min_size: 12, max_size: 12}\noptions: {columns: 3}\n",
    )
    source = write(
        tmp_path / "lang.yaml",
        "title: Wörter\nlanguage: de\nfactors:\n"
        f"  - title: Eins\n    points: ['Ein {LONG} fuhr.']\n",
    )
    done = revpack("build", source, "-l", layout, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    points = Hyphenator("de").points(LONG)
    with pdfplumber.open(tmp_path / "out" / "lang-narrow.pdf") as pdf:
        lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    # ['• Ein Donau-', 'dampfschiff-', 'fahrtsgesell-', 'schaftskapi-', 'tän fuhr.']
    start = next(i for i, t in enumerate(lines) if t.endswith(("Donau-", "Do-", "Dampf-")))
    parts = [lines[start].split()[-1], *lines[start + 1 :]]
    end = next(i for i, text in enumerate(parts) if not text.endswith("-"))
    parts = parts[: end + 1]
    offset = 0
    for text in parts[:-1]:
        offset += len(text) - 1
        assert offset in points, (parts, points)
    assert parts[-1].startswith(LONG[offset:]), parts


def test_a_class_print_cover_speaks_the_language(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"pack: Histoire\nsources: ['{SOURCES['fr']}']\nlayouts: [summary]\n"
        "classes:\n  - {name: 3A, teacher: Mme Martin}\n",
        "utf-8",
    )
    done = revpack("build", pack, "-o", tmp_path / "out", env={"SOURCE_DATE_EPOCH": "1764547200"})
    assert done.returncode == 0, done.stderr
    printed = tmp_path / "out" / "histoire" / "3a" / "histoire-3a-print.pdf"
    (tmp_path / "print.pdf").write_bytes(printed.read_bytes())
    cover = flat(pdftotext(tmp_path / "print.pdf")).split("Les causes de la Révolution")[0]
    assert "Classe 3A · Mme Martin" in cover and "Sommaire" in cover
    assert "1er décembre 2025" in cover and "Contents" not in cover
    assert PdfReader(tmp_path / "print.pdf").trailer["/Root"]["/Lang"] == "fr"


def test_a_class_of_two_languages_has_its_cover_in_the_one_it_asks(tmp_path):
    # As many French documents as German: the first source's language made the French
    # class's cover German ('Inhalt', '/Lang de'), and nothing in the pack could change it.
    pack = tmp_path / "pack.yaml"
    both = f"['{SOURCES['de']}', '{SOURCES['fr']}']"
    pack.write_text(
        f"pack: Revision\nsources: {both}\nlayouts: [summary]\n"
        "classes:\n  - {name: 3A, teacher: Mme Martin, language: fr}\n  - {name: 3B}\n",
        "utf-8",
    )
    done = revpack("build", pack, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    for name, said, language in (("3a", "Sommaire", "fr"), ("3b", "Inhalt", "de")):
        printed = tmp_path / "out" / "revision" / name / f"revision-{name}-print.pdf"
        cover = pdftotext(printed).split("\f")[0]
        assert said in cover, cover
        assert PdfReader(printed).trailer["/Root"]["/Lang"] == language
    pack.write_text(pack.read_text("utf-8").replace("language: fr", "language: nl"), "utf-8")
    done = revpack("check", pack)
    assert done.returncode == 1
    assert "pack.yaml:5:47: revpack has no labels in 'nl'" in done.stderr, done.stderr


TIERS = ("worksheet-stretch", "worksheet-support")
"""The worksheet tiers with an evaluative question (stretch) and sentence starters
(support)."""


def html_text(path: Path) -> str:
    """The words of an HTML page, its tags cut out (and its script and styles), as the
    eye reads them (without the soft hyphens of its long words)."""
    page = path.read_text("utf-8").replace("\u00ad", "")
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def printed_text(path: Path) -> str:
    """The words of a built DOCX, PDF or HTML file, on one line."""
    read = {".docx": docx_text, ".pdf": pdf_text, ".html": html_text}[path.suffix]
    return flat(read(path))


def prompts(language: str, source: Path) -> list[str]:
    """The evaluative question in `language`, naming each factor of `source` in turn."""
    labels = load_labels(language)
    titles = [factor.title.plain for factor in load_source(source).factors]
    return [flat(labels("extended.evaluative", factor=title)) for title in titles]


@pytest.fixture(scope="module")
def tiers(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiers")
    formats = [a for f in ("docx", "pdf", "html") for a in ("-f", f)]
    layouts = [a for name in TIERS for a in ("-l", name)]
    done = revpack("build", SOURCES["fr"], SOURCES["de"], *layouts, *formats, "-o", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_tiers_ask_and_start_sentences_in_the_language(tiers, language):
    stem, labels, english = SOURCES[language].stem, load_labels(language), load_labels("en")
    starters = labels.numbered("extended.starters")
    asked = prompts(language, SOURCES[language])
    english_texts = [
        *english.numbered("extended.starters"),
        *flat(english("extended.evaluative")).split("{factor}"),
        "Sentence starters",
    ]
    stretch = sorted(tiers.glob(f"{stem}-worksheet-stretch*"))
    support = sorted(tiers.glob(f"{stem}-worksheet-support*"))
    # Sheet and key in DOCX and PDF, and the page that marks itself in HTML.
    assert [p.suffix for p in stretch].count(".docx") == 2 and len(stretch) == 5
    assert [p.suffix for p in support].count(".pdf") == 2 and len(support) == 5
    for path in stretch:
        text = printed_text(path)
        assert sum(prompt in text for prompt in asked) == 1, (path.name, text)
        if language == "fr" and path.suffix != ".pdf":  # PDF text reads no-break spaces as spaces
            raw = docx_text(path) if path.suffix == ".docx" else html_text(path)
            assert re.search("«\u00a0[^»]+\u00a0»", raw), path.name
    for path in support:
        if "answers" in path.name:
            continue  # the key has no starters: they are the student's
        text = printed_text(path)
        assert labels("sentence_starters") in text, path.name
        assert all(starter in text for starter in starters), (path.name, text)
    for path in [*stretch, *support]:
        text = printed_text(path)
        # A quote mark alone is no English ("„x“" closes with the English opening mark).
        left = [p.strip() for p in english_texts if len(p.strip()) > 1 and p.strip() in text]
        assert not left, f"{path.name} still says {left}"


def test_french_quotes_and_punctuates_with_no_break_spaces():
    labels = load_labels("fr")
    assert labels("extended.evaluative", factor="La crise").startswith("«\u00a0La crise\u00a0» ")
    assert "d’accord\u00a0?" in labels("extended.evaluative", factor="x")
    assert load_labels("de")("extended.evaluative", factor="Inflation").startswith("„Inflation“ ")
    assert load_labels("es")("extended.evaluative", factor="x").startswith("«x» ")
    for language in built_in():
        assert len(load_labels(language).numbered("extended.starters")) == 5, language
    # French sets a no-break space before : ; ? ! and », after «: a line never starts with one.
    for key, value in labels.entries:
        for text in [value] if isinstance(value, str) else [t for _, t in value]:
            assert not re.search(r" [:;?!»]|« ", text), (key, text)


def test_a_layout_own_wording_wins_over_the_language(tmp_path):
    # Its own evaluative question (the option), and one starter replaced under labels:.
    layout = write(
        tmp_path / "mes-amorces.yaml",
        "extends: worksheet-stretch\n"
        "options:\n"
        "  evaluative: 'Le facteur « {factor} » est-il décisif ?'\n"
        "  sentence_starters: true\n"
        "labels:\n"
        "  extended:\n"
        "    starters:\n"
        "      1: Tout d’abord, …\n",
    )
    out = tmp_path / "out"
    done = revpack(
        "build", SOURCES["fr"], "-l", layout, *("-f", "pdf", "-f", "docx", "-f", "html"), "-o", out
    )
    assert done.returncode == 0, done.stderr
    titles = [f.title.plain for f in load_source(SOURCES["fr"]).factors]
    french = load_labels("fr")
    files = sorted(out.glob("revolution-fr-mes-amorces*"))
    assert len(files) == 5
    for path in files:
        text = printed_text(path)
        assert any(f"Le facteur « {title} » est-il décisif ?" in text for title in titles), text
        assert not any(prompt in text for prompt in prompts("fr", SOURCES["fr"]))
        if "answers" not in path.name:
            assert "Tout d’abord, …" in text and french("extended.starters.1") not in text
            assert french("extended.starters.2") in text


@pytest.mark.parametrize(
    ("word", "language", "wanted"),
    [
        # (after a hyphen of its own, and inside each run of letters: a hyphenated word or
        # one with a digit had no point at all, so the summary, the chart, the DOCX and the
        # marking grid cut it between any two letters: 'Hohenzo' / 'llern-…')
        ("Hohenzollern-Sigmaringen", "de", {13}),
        ("H₂SO₄-Konzentrationsbestimmung", "de", {6}),
        ("Khrushchev's", "en", set()),
    ],
)
def test_a_word_breaks_after_its_own_hyphen_and_inside_its_runs_of_letters(word, language, wanted):
    from revpack.hyphenation import Hyphenator, after_hyphen

    points = Hyphenator(language).points(word)
    assert wanted <= set(points)
    assert {p for p in points if after_hyphen(word, p)} == wanted
    runs = [p for p in points if not after_hyphen(word, p)]
    assert all(word[p - 1].isalpha() and word[p].isalpha() for p in runs)


def test_a_long_name_in_the_marking_grid_breaks_with_a_hyphen(tmp_path):
    # 'Baptiste-Montgomery-Fai' / 'rweather' and 'von Hoh' / 'enzollern-…': the grid cut
    # a long name anywhere, with no hyphen.
    from revpack.worksheet.marking import MarkingGrid
    from revpack.writers.pdf.marking_grid import grid_pdf

    names = ("Maximilian von Hohenzollern-Sigmaringen", "Wolfeschlegelsteinhausenbergerdorff Hu")
    rows = tuple((name, ("A", "B", "A", "B")) for name in names)
    grid = MarkingGrid("Marking grid", ("M1", "M2", "O1", "O2"), rows, "")
    path = tmp_path / "grid.pdf"
    path.write_bytes(grid_pdf(grid, load_labels("de"), (595.27, 841.89)))
    with pdfplumber.open(path) as pdf:
        words = [w["text"] for w in pdf.pages[0].extract_words() if w["x0"] < 200]
    whole = " ".join(names).split()
    pieces = words[words.index("Maximilian") :]
    cut = [i for i, piece in enumerate(pieces) if piece not in whole]
    assert cut, pieces  # (the names are too long for their column)
    for i in cut:  # each piece of a cut word ends with a hyphen, or follows one that does
        assert pieces[i].endswith("-") or pieces[i - 1].endswith("-"), pieces


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("revolution-fr.yaml", "fiche d'exercices, niveau soutien"),
        ("weimar-de.yaml", "Arbeitsblatt, Förderniveau"),
        ("diwydiant-cy.yaml", "taflen waith, haen gymorth"),
    ],
)
def test_a_sheet_and_its_key_name_their_layout_in_their_language(source, named):
    # French, German and Welsh footers and key notes named the layout by its English file
    # name: 'Corrigé (worksheet-support, version 0)', 'mit dem Layout worksheet-support'.
    from revpack.model import Audience
    from revpack.worksheet.assemble import assemble

    loaded = load_source(LANGUAGE / source)
    layout = load_layout("worksheet-support")
    made = assemble(loaded, layout, Audience(seed=3), load_labels(loaded.language, layout.labels))
    assert made.key is not None
    for document in (made.sheet, made.key):
        assert named in document.footer and "worksheet" not in document.footer
    note = next(
        "".join(run.text for run in block.content)
        for block in made.key.blocks
        if getattr(block, "style", "") == "instructions" and named in str(block)
    )
    assert "worksheet" not in note
