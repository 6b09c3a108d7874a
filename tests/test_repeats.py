"""A key term's unmarked repeats (revpack.repeats): matched as written, but for an
ordinary word's first letter and plural ending."""

from __future__ import annotations

import pytest

from revpack.model import Span
from revpack.repeats import masked, repeats, word_forms

ENGLISH = word_forms("en")


def found(text: str, *terms: str) -> list[str]:
    numbers = {t: n for n, t in enumerate(terms)}
    return [text[r.start : r.end] for r in repeats(text, numbers, ENGLISH)]


@pytest.mark.parametrize(
    ("text", "terms", "repeated"),
    [
        ("Valves close; the valves open; two valves.", ("valves",), ["Valves", "valves", "valves"]),
        ("a valve, and valves", ("valve",), ["valve", "valve"]),  # (the plural's 's' shown)
        ("The US army uses tanks and helps us; the US.", ("US",), ["US", "US"]),
        ("Group A has a rule: as a group.", ("A",), ["A"]),
        ("The WHO said who knows.", ("WHO",), ["WHO"]),
        ("the Straße was wide; die Strasse", ("Straße",), ["Straße"]),
        ("the Cold War and war and warfare", ("Cold War", "war"), ["Cold War", "war"]),
        ("C++ is fast; C++s", ("C++",), ["C++"]),
        ("relations thawed", ("Thaw",), []),
        # (a phrase's other capitals as written: 'a new look at' is not the New Look)
        ("a new look at the New Look", ("New Look",), ["New Look"]),
        ("the US Army and the us army", ("US Army",), ["US Army"]),
        # (but two words whose first keeps its capital, the second in any: the stretch
        # sheet printed 'Royal supremacy meant…' a page before the gap 'Royal Supremacy')
        ("Royal supremacy meant; royal supremacy", ("Royal Supremacy",), ["Royal supremacy"]),
        ("on the left; the Left", ("the Left",), ["the Left"]),
        ("the Royal Navy", ("Royal Supremacy",), []),
        # (a phrase of three words or more is its words in any capitals, an acronym's
        # but as written)
        ("his cult of personality", ("Cult of Personality",), ["cult of personality"]),
        ("THE TREATY OF VERSAILLES", ("Treaty of Versailles",), ["TREATY OF VERSAILLES"]),
        ("the US Army Corps, the us army corps", ("US Army Corps",), ["US Army Corps"]),
        ("Bays of Pigs, the bay of pigs", ("Bay of Pigs",), ["bay of pigs"]),
        # (a number inside a longer one is another number: a maths sheet blanked the '2'
        # of '1/2', '2.5' and '3:2' for the answer 'x = 2'; '−2' is not 2)
        ("x/4 = 1/2, 2.5, 3:2, 2², −2 and 2", ("2",), ["2"]),
        ("1,000 and 1000", ("1000",), ["1000"]),
        # (a term that starts with a sign is found after a letter: 'HCl(aq)' kept its
        # '(aq)', 'H⁺(aq)' lost it)
        ("HCl(aq) and H\u207a(aq) in (aq)s", ("(aq)",), ["(aq)", "(aq)"]),
        ("2NaOH, NaOHs and xNaOH", ("NaOH",), ["NaOH"]),  # (a formula after its number)
        # (a quoted term without its quotation marks, either apostrophe, and a hyphen or
        # a space between words: the stretch sheet blanked '“unsinkable”' a few lines
        # above a timeline that printed 'unsinkable')
        ("the Titanic is unsinkable", ("\u201cunsinkable\u201d",), ["unsinkable"]),
        ("Priestley's mouthpiece", ("Priestley\u2019s mouthpiece",), ["Priestley's mouthpiece"]),
        ("in nineteen-twelve", ("nineteen twelve",), ["nineteen-twelve"]),
        ("an arms race", ("arms-race",), ["arms race"]),
        ("un-sinkable", ("unsinkable",), []),  # (a hyphen is no letter)
    ],
)
def test_a_repeat_is_the_term_as_written(text, terms, repeated):
    # 'US' hid the 'us' of 'uses' and 'helps us', 'A' the article, and 'Straße' was never
    # found again (case-folded to 'strasse').
    assert found(text, *terms) == repeated


def test_a_long_phrase_in_other_capitals_repeats_the_first_number():
    # The thaw's stretch sheet printed 'his cult of personality' beside the gap whose
    # answer was 'Cult of Personality'.
    numbers = {"Cult of Personality": 4, "cult of personality": 9}
    text = "his cult of personality; the Cult of Personality"
    assert [r.number for r in repeats(text, numbers, ENGLISH)] == [4, 4]


def test_two_terms_that_differ_in_their_first_capital_repeat_as_the_first():
    # 'arms race' (gap 6) and 'Arms race' (gap 33): a repeat took the later number.
    numbers = {"arms race": 6, "Arms race": 33}
    assert [r.number for r in repeats("the arms race and Arms race", numbers, ENGLISH)] == [6, 6]


@pytest.mark.parametrize(
    ("language", "text", "term", "repeated"),
    [
        # (a term that ends in a plural ending is found without it, if a word is left)
        ("en", "in the chloroplast; chloroplasts", "chloroplasts", ["chloroplast", "chloroplasts"]),
        ("en", "the processes; a process", "processes", ["processes", "process"]),
        ("en", "the news is new", "news", ["news"]),
        # (nor another word: the review's 'good' for 'goods', 'mean' for 'means', the
        # name 'Edward' for 'Edwards')
        ("en", "a good mix of goods", "goods", ["goods"]),
        ("en", "they mean the means", "means", ["means"]),
        ("en", "King Edward and Edwards", "Edwards", ["Edward", "Edwards"]),
        # (German words take endings for case and number: the stretch sheet printed
        # "Reichspräsidenten" beside the gap for "Reichspräsident")
        (
            "de",
            "den Reichspräsidenten, des Reichspräsidents",
            "Reichspräsident",
            ["Reichspräsident", "Reichspräsident"],
        ),
        ("de", "die Notverordnungen", "Notverordnung", ["Notverordnung"]),
        # (German endings make other words: 'führen' is no Führer, 'Arbeit' no Arbeiter)
        ("de", "allein führen; der Führer", "Führer", ["Führer"]),
        ("de", "Arbeit und Brot für Arbeiter", "Arbeiter", ["Arbeiter"]),
        ("de", "den Wählern", "Wähler", ["Wähler"]),
        ("cy", "i reoli'r rheol", "rheol", ["rheol"]),
        ("cy", "rheoli", "rheol", []),
        ("en", "the Reichspräsidenten", "Reichspräsident", []),
        ("fr", "les châteaux", "château", ["château"]),
        # (a term written with its article is found without it: 'Le château du seigneur'
        # beside the gap for 'les châteaux', 'un obrero' beside 'los obreros')
        ("fr", "Le château du seigneur", "les châteaux", ["château"]),
        ("es", "un obrero de cada mina", "los obreros", ["obrero"]),
        (
            "en",
            "the Warsaw Pact and Warsaw Pact states",
            "the Warsaw Pact",
            ["the Warsaw Pact", "Warsaw Pact"],
        ),
        ("fr", "à l'Élysée et Élysée", "l'Élysée", ["l'Élysée", "Élysée"]),
        ("en", "a bit of it", "a bit", ["a bit"]),
    ],
)
def test_a_repeat_may_take_or_leave_off_an_ending_of_its_language(language, text, term, repeated):
    found = repeats(text, {term: 1}, word_forms(language))
    assert [text[r.start : r.end] for r in found] == repeated


@pytest.mark.parametrize(
    ("language", "text", "term", "blanked"),
    [
        # (a blank stands only for a form of its answer: the review's 'his 95 ____;
        # ____ attacked the sale' for 'theses', 'die ____e Industrielle' for 'Reich',
        # 'many workers ____ the SPD' for 'the Left')
        ("en", "his 95 theses; these attacked", "theses", ["theses"]),
        ("en", "economic advisers and economics", "economics", ["economics"]),
        ("de", "reiche Industrielle reichen Geld an das Reich", "Reich", ["Reich"]),
        ("de", "sie arbeiten für Arbeit", "Arbeit", ["Arbeit"]),
        ("en", "many workers left the SPD for the Left", "the Left", ["the Left"]),
        ("en", "at times The Times said", "The Times", ["The Times"]),
        # (a group's name in the singular is its answer: it stood printed beside the blank)
        ("en", "every Suffragette risked prison", "Suffragettes", ["Suffragette"]),
        ("en", "a Bolshevik victory", "the Bolsheviks", ["Bolshevik"]),
        ("fr", "Le château du seigneur", "les châteaux", []),
    ],
)
def test_a_blank_stands_only_for_a_form_of_its_answer(language, text, term, blanked):
    forms = word_forms(language).for_blanking()
    assert [text[r.start : r.end] for r in repeats(text, {term: 1}, forms)] == blanked


def test_a_repeat_is_found_across_the_spans_of_a_formula():
    # 'H', '2' (lowered), 'SO', '4' (lowered) was never found as 'H₂SO₄': the stretch
    # sheet printed the answers of its formula gaps beside them.
    line = [
        Span("Add "),
        Span("H"),
        Span("2", script="sub"),
        Span("SO"),
        Span("4", script="sub"),
        Span("(aq) to "),
        Span("water", bold=True),
        "GAP",
        Span(" and H"),
        Span("2", script="sub"),
        Span("O."),
    ]
    numbers = {"H\u2082SO\u2084": 1, "water": 2, "H\u2082O": 3}
    out = masked(line, numbers, lambda number, words: (number, words), ENGLISH)
    assert out == [
        Span("Add "),
        (1, (Span("H"), Span("2", script="sub"), Span("SO"), Span("4", script="sub"))),
        Span("(aq) to "),
        (2, (Span("water", bold=True),)),
        "GAP",
        Span(" and "),
        (3, (Span("H"), Span("2", script="sub"), Span("O"))),
        Span("."),
    ]
