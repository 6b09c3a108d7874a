"""The worksheet's exercises, built from sources without rendering anything."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from helpers import DATA, THAW, pdftotext, revpack
from revpack import fonts
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience, Span
from revpack.repeats import PHRASE_WORDS
from revpack.worksheet import exercises as ex
from revpack.worksheet.assemble import assemble
from revpack.worksheet.compose import Context
from revpack.worksheet.document import Blank, Table
from revpack.worksheet.exercises.extended import prompt, starters
from revpack.worksheet.exercises.gap_fill import bank_columns, ems
from revpack.writers.docx.wordml import CELL_PADDING
from revpack.writers.moodle.quiz import sheet_options

WORKSHEET = DATA / "worksheet"
SOURCES = [
    THAW,
    *(
        WORKSHEET / f"{name}.yaml"
        for name in ("chemistry", "russia", "no-marks", "markup", "minimal", "leak")
    ),
]
TIERS = ("worksheet", "worksheet-support", "worksheet-stretch")
KEY_MARK = re.compile(r"==(?=\S).*?(?<=\S)==", re.DOTALL)


def sheet(source_path, tier="worksheet", seed=0) -> ex.ExerciseSet:
    return ex.worksheet(load_source(source_path), load_layout(tier).options, seed)


def of_type(worksheet: ex.ExerciseSet, kind):
    found = [e for e in worksheet.exercises if isinstance(e, kind)]
    return found[0] if found else None


def gives_away(answer: str, text: str) -> bool:
    """The answer (or its plural) stands as a word in the text."""
    pattern = r"(?<!\w)" + re.escape(answer) + r"(?:e?s)?(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def test_thaw_core_has_one_numbered_gap_per_key_mark_in_the_file():
    marks = len(KEY_MARK.findall(THAW.read_text(encoding="utf-8")))
    gaps = of_type(sheet(THAW), ex.GapFill).gaps
    assert marks == 37
    assert [g.number for g in gaps] == list(range(1, marks + 1))
    assert ex.gap_count(load_source(THAW)) == marks


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("tier", TIERS)
def test_gaps_are_numbered_in_order_and_match_the_key_terms(path, tier):
    source = load_source(path)
    options = load_layout(tier).options
    fill = of_type(sheet(path, tier), ex.GapFill)
    expected = ex.gap_count(source, options)
    # (a key term that another exercise of a sheet without a word bank prints is no gap)
    given = ex.gap_fill.given_away(source, options, ex.PRINTING)
    if tier == "worksheet-stretch":  # (a term asked above already keeps its number)
        asked = {
            _folded(g.answer)
            for group in (fill.groups if fill else ())
            if group.label != "key_terms"
            for item in group.items
            for g in item.gaps
        }
        expected += sum(
            not given(t.term.plain) and _folded(t.term.plain) not in asked for t in source.terms
        )
    if expected == 0:
        assert fill is None
        return
    assert [g.number for g in fill.gaps] == list(range(1, expected + 1))
    shown = ex.gap_fill.shown_elsewhere(source, options, ex.PRINTING)
    keys = [
        k
        for found in ex.gap_texts(source)
        if found.label not in shown and not (found.label == "key_terms" and options.term_gaps)
        for t in (found.text, *found.subs)
        for k in t.keys
        if not given(k)
    ]
    # (in the notes' order; a number may come earlier, where a repeat is met first)
    in_order = [g.answer for group in fill.groups for item in group.items for g in item.gaps]
    assert in_order[: len(keys)] == keys


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("tier", TIERS)
def test_no_gap_answer_appears_in_its_own_sentence(path, tier):
    fill = of_type(sheet(path, tier), ex.GapFill)
    for group in fill.groups if fill else ():
        for item in group.items:
            for gap in item.gaps:
                assert not gives_away(gap.answer, item.visible()), (gap, item.visible())


def printed_in_full(exercises: ex.ExerciseSet) -> list[str]:
    """The sentences the sheet's matching and ordering exercises print of the notes, word
    for word (a term's name alone is no sentence: the word bank lists it anyway)."""
    found: list[str] = []
    for exercise in exercises.exercises:
        if isinstance(exercise, ex.Matching):
            found += [meaning.plain for meaning in exercise.meanings]
        elif isinstance(exercise, ex.TimelineOrder):
            found += [event.what.plain for event in exercise.events]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("tier", TIERS)
def test_no_other_exercise_prints_a_gap_s_sentence_with_its_answer(path, tier):
    # "1918: The (3) ____ ends the fighting." above "B  The Armistice ends the fighting."
    # in the ordering exercise, or a term's meaning with a gap above the same meaning in
    # full in the matching exercise: the sheet answered its own gaps.
    exercises = sheet(path, tier)
    fill = of_type(exercises, ex.GapFill)
    printed = printed_in_full(exercises)
    for group in fill.groups if fill else ():
        for item in group.items:
            for gap in item.gaps:
                for text in printed:
                    if gap.answer in text:
                        blanked = text.replace(gap.answer, "____")
                        assert blanked not in item.visible(), (gap, text)


def printed_words(exercises: ex.ExerciseSet) -> list[str]:
    """Every text the sheet's matching, ordering, ranking and extended answer print of
    the notes: terms, meanings, events, factor titles and the key question."""
    found: list[str] = []
    for exercise in exercises.exercises:
        if isinstance(exercise, ex.Matching):
            found += [t.plain for t in (*exercise.terms, *exercise.meanings)]
        elif isinstance(exercise, ex.TimelineOrder):
            found += [event.what.plain for event in exercise.events]
        elif isinstance(exercise, ex.Ranking):
            found += [factor.title.plain for factor in exercise.factors]
        elif isinstance(exercise, ex.Extended):
            found.append(exercise.question.plain)
    return found


@pytest.mark.parametrize("path", [*SOURCES, DATA / "language" / "revolution-fr.yaml"])
@pytest.mark.parametrize("tier", TIERS)
def test_a_sheet_without_a_word_bank_prints_no_gaps_answer_elsewhere(path, tier):
    # The stretch sheet's "Put the events in order" printed "Victoria del Frente Popular"
    # and "Se proclama la Segunda República": five gaps answered on the next page.
    exercises = sheet(path, tier)
    fill = of_type(exercises, ex.GapFill)
    if fill is None or fill.bank:
        return
    printed = "\n".join(printed_words(exercises))
    given = [gap.answer for gap in fill.gaps if gives_away(gap.answer, printed)]
    asked = [gap for gap in fill.gaps if not gives_away(gap.answer, printed)]
    assert not given or not asked, given  # (all given: the gap fill keeps them, or is empty)


def _folded(answer: str) -> str:
    """An answer with its first letter small (as a sentence's start may write it) and
    each word's plural 's' left off ('spheres of influence' is 'Sphere of influence'); a
    phrase of PHRASE_WORDS words or more all small ('cult of personality')."""
    long = len(answer.split()) >= PHRASE_WORDS
    text = answer.lower() if long else answer[:1].lower() + answer[1:]
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in text.split(" ")
    )


def _ordinary(answer: str) -> bool:
    """Not an acronym or a letter ('US' is not 'us', 'A' not 'a')."""
    return len(answer) > 1 and any(c.islower() for c in answer[1:])


@pytest.mark.parametrize("path", [*SOURCES, DATA / "language" / "revolution-fr.yaml"])
@pytest.mark.parametrize("layout", ["worksheet-stretch", "quiz"])
def test_without_a_word_bank_no_answer_stands_unmarked_where_its_gap_is_seen(path, layout):
    # The stretch sheet asked "(4) ____" (electric charge) on page 1 and printed "Electric
    # current: The rate of flow of electric charge…" on page 2; a heading 'Catalysts' stood
    # over "A (3) ____ speeds up a reaction". A sheet is seen whole, a quiz a group at a
    # time (one question each).
    if layout == "quiz":
        options = sheet_options(load_layout("quiz").options)
        fill = of_type(ex.worksheet(load_source(path), options, 0), ex.GapFill)
    else:
        fill = of_type(sheet(path, layout), ex.GapFill)
    if fill is None:
        return
    assert not fill.bank
    seen_whole = layout != "quiz"
    scopes = [fill.groups] if seen_whole else [(group,) for group in fill.groups]
    for groups in scopes:
        texts = [item.visible() for group in groups for item in group.items]
        texts += [group.title for group in groups if group.title]
        shown = "\n".join(texts)
        for gap in (gap for group in groups for item in group.items for gap in item.gaps):
            if _ordinary(gap.answer):
                assert not _stands(gap.answer, shown), (gap, path.name)


def test_a_heading_that_is_an_answer_shows_its_gap_number_on_a_sheet_and_dots_in_a_quiz():
    # The thaw's stretch sheet headed a section '…' alone (its title, De-Stalinisation,
    # is gap 29's answer): it told a student nothing. A quiz shows no gap numbers.
    def heading(fill: ex.GapFill, text: str, answer: str) -> tuple[str | None, int]:
        group = next(g for g in fill.groups if any(text in i.visible() for i in g.items))
        return group.title, next(g.number for g in fill.gaps if g.answer == answer)

    stretch = of_type(sheet(THAW, "worksheet-stretch"), ex.GapFill)
    title, number = heading(stretch, "move away from Stalin's", "De-Stalinisation")
    assert title == f"({number})"
    options = sheet_options(load_layout("quiz").options)
    quiz = of_type(ex.worksheet(load_source(THAW), options, 0), ex.GapFill)
    assert heading(quiz, "naval base at", "Porkkala")[0] == "…, Finland"


def _stands(answer: str, text: str) -> bool:
    """The answer (or its plural) stands as words in the text, its first letter in either
    case, its other capitals as written ('a new look at' is not the 'New Look')."""
    first = f"[{re.escape(answer[0].lower())}{re.escape(answer[0].upper())}]"
    pattern = rf"(?<!\w){first}{re.escape(answer[1:])}(?:e?s)?(?!\w)"
    return re.search(pattern, text) is not None


def test_a_plural_term_is_given_away_by_its_singular_and_a_german_one_by_its_case(tmp_path):
    # The stretch sheet asked "(1) ____" (chloroplasts) three times and printed "in the
    # chloroplast" in its events to order; a German one blanked 'Reichspräsident' and
    # printed 'Reichspräsidenten' in a term's meaning.
    path = tmp_path / "leaf.yaml"
    path.write_text(
        "title: Leaves\nfactors:\n  - title: Light\n    points:\n"
        "      - Light is absorbed in the ==chloroplasts==.\n"
        "      - Then ==glucose== is made.\n"
        "timeline:\n  - {when: Step 1, what: Light is absorbed in the chloroplast.}\n"
        "  - {when: Step 2, what: Sugar is made.}\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet-stretch"), ex.GapFill)
    assert [g.answer for g in fill.gaps] == ["glucose"]
    path = tmp_path / "weimar.yaml"
    path.write_text(
        "title: Weimar\nlanguage: de\nfactors:\n  - title: Macht\n    points:\n"
        "      - Der ==Reichspräsident== regierte mit Notverordnungen.\n"
        "terms:\n  - {term: Präsidialkabinett, meaning: 'Eine Regierung, die sich nur auf den "
        "Reichspräsidenten stützte.'}\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet-stretch"), ex.GapFill)
    meaning = next(i for g in fill.groups for i in g.items if "stützte" in i.visible())
    assert "Reichspräsident" not in meaning.visible()
    repeated = [p for line in meaning.lines for p in line if isinstance(p, ex.Gap) and p.repeat]
    assert [(g.number, g.answer) for g in repeated] == [(1, "Reichspräsident")]


def test_a_term_with_scripts_is_given_away_as_printed_and_never_leaves_no_gap(tmp_path):
    # "==H~2~O==" with "H₂O" in the ordering: the check that some gap is left compared
    # 'H2O', the gap 'H₂O'; every gap went and the key crashed.
    path = tmp_path / "water.yaml"
    path.write_text(
        "title: Water\nfactors:\n  - title: Water\n    points:\n"
        "      - Water is ==H~2~O==, a small molecule.\n"
        "  - title: Salt\n    points: [Salt dissolves in it.]\n"
        "timeline:\n  - {when: '1781', what: Cavendish makes H₂O.}\n"
        "  - {when: '1800', what: Electrolysis of H₂O.}\n",
        "utf-8",
    )
    source = load_source(path)
    options = load_layout("worksheet-stretch").options
    fill = of_type(sheet(path, "worksheet-stretch"), ex.GapFill)
    assert [g.answer for g in fill.gaps] == ["H₂O"]  # (all given away: the gap stays)
    assert ex.gap_count(source, options) == 1
    assert ex.gap_fill.key(fill, Context(load_layout("worksheet-stretch"), load_labels("en-GB")), 1)


def test_the_timeline_and_terms_keep_their_gaps_when_nothing_else_would_be_asked(tmp_path):
    path = tmp_path / "only.yaml"
    path.write_text(
        "title: Only\nfactors:\n  - title: A\n    points: [Plain.]\n"
        "terms:\n  - {term: Armistice, meaning: The ==ceasefire==.}\n"
        "  - {term: Treaty, meaning: An agreement.}\n",
        "utf-8",
    )
    fill = of_type(sheet(path), ex.GapFill)
    assert [g.answer for g in fill.gaps] == ["ceasefire"]


def test_an_unmarked_repeat_of_an_answer_becomes_a_blank_with_the_same_number():
    fill = of_type(sheet(WORKSHEET / "chemistry.yaml"), ex.GapFill)
    item = next(i for g in fill.groups for i in g.items if "Earth warm" in i.visible())
    blanks = [p for line in item.lines for p in line if isinstance(p, ex.Gap)]
    assert [(b.number, b.repeat) for b in blanks] == [(9, False), (9, True)]
    assert "greenhouse" not in item.visible().lower()
    assert len(item.gaps) == 1


def test_a_calculation_keeps_its_data_where_it_answers_another_gap(tmp_path):
    # With no word bank, "230 V" (asked in another point) was blanked in "A 230 V kettle
    # … has a resistance of ==23 Ω==", and the resistance could not be worked out.
    path = tmp_path / "mains.yaml"
    path.write_text(
        "title: Mains\nfactors:\n  - title: Electricity\n    points:\n"
        "      - The mains voltage in the UK is ==230 V== at ==50 Hz==.\n"
        "      - A 230 V kettle with a current of 10 A has a resistance of ==23 Ω==.\n"
        "      - A wave of 50 Hz with wavelength 2.0 m travels at ==100 m/s==.\n"
        "      - The kettle was rated at 230 V, as the ==plug== showed.\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet-stretch"), ex.GapFill)
    lines = [item.visible() for group in fill.groups for item in group.items]
    assert "A 230 V kettle with a current of 10 A has a resistance of" in lines[1]
    assert "A wave of 50 Hz with wavelength 2.0 m" in lines[2]
    # (a line that asks no quantity still has the answer blanked)
    assert "230 V" not in lines[3]
    assert [g.answer for g in fill.gaps] == ["230 V", "50 Hz", "23 Ω", "100 m/s", "plug"]


def test_a_plural_repeat_keeps_its_ending_after_the_blank(tmp_path):
    # "two bombs" became "two ____" with the answer "bomb": the student's "bombs" was
    # wrong, and the sentence lost its plural.
    path = tmp_path / "bombs.yaml"
    path.write_text(
        "title: Bombs\nfactors:\n  - title: Arms race\n    points:\n"
        "      - The USA tested an atomic ==bomb== in 1945, and later two bombs a year.\n",
        "utf-8",
    )
    fill = of_type(sheet(path), ex.GapFill)
    item = fill.groups[0].items[0]
    blanks = [p for line in item.lines for p in line if isinstance(p, ex.Gap)]
    assert [(b.number, b.answer, b.repeat) for b in blanks] == [
        (1, "bomb", False),
        (1, "bomb", True),
    ]
    assert item.visible().endswith("and later two ____s a year.")


def test_sub_points_stay_with_their_point_as_further_lines():
    fill = of_type(sheet(THAW), ex.GapFill)
    item = next(i for g in fill.groups for i in g.items if len(i.lines) > 1)
    assert item.visible() == (
        "Each superpower had an alliance to defend it from the other's "
        "ideology. / ____ (1949) / the ____ (1955)"
    )
    assert [g.answer for g in item.gaps] == ["NATO", "Warsaw Pact"]


def test_support_hints_give_one_letter_and_core_gives_none():
    support = of_type(sheet(THAW, "worksheet-support"), ex.GapFill)
    core = of_type(sheet(THAW), ex.GapFill)
    assert support.hints and not core.hints
    assert [g.hint for g in support.gaps][:3] == ["P", "I", "s"]
    assert all(g.hint == "" for g in core.gaps)


def test_a_hint_never_gives_a_short_number_away():
    # '2…' for '£2 million' led a student to type '2 million'; '£2…' then gave the sum
    # away, as '5…' did for '5 cm', '4…' for '45°' and '£3…' for '£3.50': a quantity of
    # fewer than four figures has no hint. A year's first figure says little.
    support = of_type(sheet(DATA / "worksheet" / "coasts.yaml", "worksheet-support"), ex.GapFill)
    hints = {g.answer: g.hint for g in support.gaps}
    assert hints["£2 million"] == hints["1.8 m"] == ""
    assert hints["détente"] == "d"
    hint = ex.gap_fill._hint
    assert hint("5 cm", True) == hint("45°", True) == hint("£3.50", True) == ""
    assert hint("−5 °C", True) == hint("2.5", True) == ""
    assert hint("1953", True) == "1" and hint("1,000 mm³", True) == "1"
    # (a state symbol's bracket comes with its letter: 'a…' led to 'aq', wrong for '(aq)')
    assert hint("(aq)", True) == "(a"


def test_stretch_adds_term_gaps_and_has_no_word_bank_or_matching():
    stretch = sheet(THAW, "worksheet-stretch")
    fill = of_type(stretch, ex.GapFill)
    assert fill.bank == ()
    assert fill.groups[-1].label == "key_terms"
    terms = [g.answer for item in fill.groups[-1].items for g in item.gaps]
    source = load_source(THAW)
    given = ex.gap_fill.given_away(source, load_layout("worksheet-stretch").options, ex.PRINTING)
    asked = {_folded(g.answer) for group in fill.groups[:-1] for i in group.items for g in i.gaps}
    assert terms == [
        t.term.plain
        for t in source.terms
        if not given(t.term.plain) and _folded(t.term.plain) not in asked
    ]
    # A term asked above already is a blank with that gap's number ('arms race' (6)).
    repeated = [
        g
        for item in fill.groups[-1].items
        for line in item.lines
        for g in line
        if isinstance(g, ex.Gap) and g.repeat
    ]
    assert repeated and all(_folded(g.answer) in asked for g in repeated)
    numbers = {_folded(g.answer): g.number for g in fill.gaps}
    assert all(g.number == numbers[_folded(g.answer)] for g in repeated)
    # (The extended answer prints the key question: "Why did Khrushchev pursue Peaceful
    # Coexistence?" answers the term's gap.)
    assert given("Peaceful Coexistence") and "Peaceful Coexistence" not in terms
    assert of_type(stretch, ex.Matching) is None


def test_word_bank_is_the_answers_shuffled_by_the_seed():
    answers = [ex.gap_fill.banked(g.answer) for g in of_type(sheet(THAW), ex.GapFill).gaps]
    bank = {seed: of_type(sheet(THAW, seed=seed), ex.GapFill).bank for seed in (1, 2)}
    assert sorted(bank[1]) == sorted(answers) == sorted(bank[2])
    assert bank[1] != bank[2]
    assert list(bank[1]) != answers
    assert of_type(sheet(THAW, seed=1), ex.GapFill).bank == bank[1]


CAPITALS = """title: Monetary policy
factors:
  - title: Interest rates
    points:
      - The bank cuts the ==base rate== to make borrowing cheaper.
      - Near zero, the bank turns to quantitative easing and (as Khrushchev did) to NATO.
  - title: Buying bonds
    points:
      - ==Quantitative easing== means buying bonds with new money.
      - The MPC meets. ==Khrushchev== was no economist; ==NATO== is no bank.
      - "“==Base rate== cuts work slowly,” said the governor."
"""


def test_every_word_in_the_bank_starts_with_a_capital_so_none_tells_where_it_goes(tmp_path):
    # "Quantitative easing" beside "base rate" told a student that its gap starts a
    # sentence. Every entry now starts with a capital; a word written with other capitals
    # ('pH', 'de-Stalinisation') keeps its own; the key keeps the notes' text.
    path = tmp_path / "capitals.yaml"
    path.write_text(CAPITALS.replace("NATO== is", "NATO== or ==pH== is"), "utf-8")
    fill = of_type(sheet(path), ex.GapFill)
    assert sorted(fill.bank) == [
        "Base rate",
        "Base rate",
        "Khrushchev",
        "NATO",
        "Quantitative easing",
        "pH",
    ]
    assert [g.answer for g in fill.gaps] == [
        "base rate",
        "Quantitative easing",
        "Khrushchev",
        "NATO",
        "pH",
        "Base rate",
    ]


def test_a_german_bank_keeps_each_word_as_written(tmp_path):
    # 'Zähmen', 'Stärkste Partei' and 'Republikfeindlich' in a German bank: a capital
    # makes a verb or an adjective a noun, and contradicted the hints 'z…', 's…'.
    path = tmp_path / "weimar.yaml"
    path.write_text(
        "title: Weimar\nlanguage: de\nfactors:\n  - title: Macht\n    points:\n"
        "      - Hitler wollte man ==zähmen==; die NSDAP war ==stärkste Partei==.\n"
        "      - Die ==Republik== hatte viele Feinde.\n",
        "utf-8",
    )
    fill = of_type(sheet(path), ex.GapFill)
    assert sorted(fill.bank) == ["Republik", "stärkste Partei", "zähmen"]


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("valves", "Valves"),
        ("bar", "Bar"),  # (a coast's landform stood lowercase among capitals)
        ("“new look”", "“New look”"),
        ("élan", "Élan"),
        ("pH", "pH"),
        ("de-Stalinisation", "de-Stalinisation"),
        ("1918", "1918"),
        # (a symbol or unit: a capital would change what it means)
        ("g", "g"),
        ("ml", "ml"),
        ("mol", "mol"),
        ("ω", "ω"),
    ],
)
def test_the_bank_capitalises_words_but_not_symbols_or_units(answer, shown):
    # 'ml' became 'Ml' (megalitres), 'ω' 'Ω' (ohms); a quoted answer stayed small.
    assert ex.gap_fill.banked(answer) == shown


@pytest.mark.parametrize(
    ("whens", "dates"),
    [
        (("Step 1", "Step 2", "Step 3"), False),
        (("Section 1", "Section 2", "Section 6"), False),
        (("Act 1 Scene 2", "Act 3 Scene 1"), False),
        (("1953", "1955", "1956"), True),
        (("March 1953", "June 1953"), True),
        (("1950s", "1960s"), True),
        (("55 BC", "AD 43"), True),
    ],
)
def test_the_stretch_sheet_asks_dates_only_of_a_timeline_of_dates(tmp_path, whens, dates):
    # A science sequence ('Step 1' … 'Step 5') and a novel's sections got a Date column
    # whose answers repeated the order column's.
    path = _timeline_source(tmp_path / "steps.yaml", whens)
    timeline = of_type(sheet(path, "worksheet-stretch"), ex.TimelineOrder)
    assert timeline.ask_dates is dates


def _timeline_source(path: Path, whens: tuple[str, ...]) -> Path:
    """A source at `path` with one gap and a timeline of events at `whens`."""
    events = "".join(f"  - {{when: '{when}', what: Event {i}.}}\n" for i, when in enumerate(whens))
    path.write_text(
        "title: Play\nfactors:\n  - title: One\n    points: [A ==key== point.]\n"
        f"timeline:\n{events}",
        "utf-8",
    )
    return path


def test_shuffles_leave_the_global_random_alone():
    random.seed(1234)
    state = random.getstate()
    sheet(THAW, seed=9)
    assert random.getstate() == state


def test_one_exercise_does_not_change_another_ones_shuffle():
    source = load_source(THAW)
    options = load_layout("worksheet").options
    alone = ex.worksheet(source, replace(options, exercises=("timeline",)), 4)
    together = ex.worksheet(source, options, 4)
    assert of_type(alone, ex.TimelineOrder) == of_type(together, ex.TimelineOrder)


@pytest.mark.parametrize("seed", range(6))
def test_matching_moves_every_meaning_away_from_its_term_and_keys_back(seed):
    source = load_source(THAW)
    match = of_type(sheet(THAW, seed=seed), ex.Matching)
    assert [t.plain for t in match.terms] == [t.term.plain for t in source.terms]
    for index, term in enumerate(source.terms):
        assert match.answers[index] != index
        assert match.meanings[match.answers[index]].plain == term.meaning.plain


@pytest.mark.parametrize("seed", range(6))
def test_timeline_is_shuffled_and_the_key_gives_the_source_order(seed):
    source = load_source(THAW)
    order = of_type(sheet(THAW, seed=seed), ex.TimelineOrder)
    assert [e.what.plain for e in order.events] != [e.what.plain for e in source.timeline]
    assert [order.events[i] for i in order.order] == list(source.timeline)


def test_two_terms_or_two_events_come_in_either_order_as_the_seed_falls():
    # Both moved, two items always came the other way round: "1 B, 2 A" on every sheet,
    # whatever the student knew. Over twelve versions both orders come, keyed right.
    path = WORKSHEET / "markup.yaml"
    source = load_source(path)
    assert len(source.terms) == len(source.timeline) == 2
    matchings, orders = set(), set()
    for seed in range(12):
        built = sheet(path, seed=seed)
        match = of_type(built, ex.Matching)
        for index, term in enumerate(source.terms):
            assert match.meanings[match.answers[index]].plain == term.meaning.plain
        matchings.add(match.answers)
        order = of_type(built, ex.TimelineOrder)
        assert [order.events[i] for i in order.order] == list(source.timeline)
        orders.add(tuple(order.order))
    assert matchings == {(0, 1), (1, 0)} and orders == {(0, 1), (1, 0)}


def test_stretch_asks_for_dates():
    assert of_type(sheet(THAW, "worksheet-stretch"), ex.TimelineOrder).ask_dates
    assert not of_type(sheet(THAW), ex.TimelineOrder).ask_dates


def test_ranking_lists_every_factor_in_the_source_order():
    ranking = of_type(sheet(THAW), ex.Ranking)
    assert [f.title.plain for f in ranking.factors] == [
        "Consolidation of positions",
        "Military and economic context",
        "Khrushchev's risk-taking",
        "Beria",
        "Malenkov's New Course",
    ]


def test_extended_answer_per_tier():
    core = of_type(sheet(THAW), ex.Extended)
    support = of_type(sheet(THAW, "worksheet-support"), ex.Extended)
    stretch = of_type(sheet(THAW, "worksheet-stretch", seed=2), ex.Extended)
    assert core.question.plain == "Why did Khrushchev pursue Peaceful Coexistence?"
    english = load_labels("en-GB")
    assert starters(core, english) == () and prompt(core, english) is None
    assert starters(support, english)[0] == "One reason is …"
    assert prompt(support, english) is None
    titles = [f.title.plain for f in load_source(THAW).factors]
    assert stretch.factor in titles
    assert prompt(stretch, english) == (
        f"“{stretch.factor}” was the most important factor. How far do you agree? Weigh "
        "this factor against at least two others, explain how they are linked, and reach "
        "a judgement."
    )
    assert stretch.lines > core.lines


@pytest.mark.parametrize(
    ("language", "first", "opening"),
    [
        ("fr", "Une première raison est que …", "«\u00a0{}\u00a0» a été le facteur"),
        ("de", "Ein Grund ist, dass …", "„{}“ war der wichtigste Faktor."),
        ("es", "Una razón es que …", "«{}» fue el factor más importante."),
        ("cy", "Un rheswm yw …", "“{}” oedd y ffactor pwysicaf."),
    ],
)
def test_starters_and_the_evaluative_prompt_are_worded_in_the_language(language, first, opening):
    support = of_type(sheet(THAW, "worksheet-support"), ex.Extended)
    stretch = of_type(sheet(THAW, "worksheet-stretch", seed=2), ex.Extended)
    labels = load_labels(language)
    listed = starters(support, labels)
    assert len(listed) == 5 and listed[0] == first
    assert prompt(stretch, labels).startswith(opening.format(stretch.factor))


def test_a_layout_own_starters_and_prompt_win_over_the_language():
    options = load_layout("worksheet").options
    own = replace(
        options, sentence_starters=("Zuerst …", "Dann …"), evaluative="Was „{factor}“ entscheidend?"
    )
    exercise = of_type(ex.worksheet(load_source(THAW), own, 3), ex.Extended)
    labels = load_labels("fr")
    assert starters(exercise, labels) == ("Zuerst …", "Dann …")
    assert prompt(exercise, labels) == f"Was „{exercise.factor}“ entscheidend?"
    without = replace(own, evaluative="Was war entscheidend?")
    exercise = of_type(
        ex.worksheet(replace(load_source(THAW), factors=()), without, 3), ex.Extended
    )
    assert prompt(exercise, labels) == "Was war entscheidend?" and exercise.factor is None


def test_a_source_with_no_key_terms_gets_no_gap_fill_and_says_so():
    worksheet = sheet(WORKSHEET / "no-marks.yaml")
    assert of_type(worksheet, ex.GapFill) is None
    assert worksheet.left_out == (ex.EXERCISES["gap_fill"].left_out,)
    assert [type(e).__name__ for e in worksheet.exercises] == [
        "Matching",
        "TimelineOrder",
        "Ranking",
        "Extended",
    ]


def test_missing_data_leaves_each_exercise_out():
    worksheet = sheet(WORKSHEET / "minimal.yaml")
    assert [type(e).__name__ for e in worksheet.exercises] == ["GapFill"]
    assert worksheet.left_out == tuple(
        ex.EXERCISES[name].left_out for name in ("matching", "timeline", "ranking", "extended")
    )


def test_markup_like_answers_stay_literal():
    fill = of_type(sheet(WORKSHEET / "markup.yaml", "worksheet-stretch"), ex.GapFill)
    assert [g.answer for g in fill.gaps] == [
        "<img>",
        "&amp;",
        "assignment",
        "cross-site scripting",
        "AT&T",
        "<br>",
        "Escaping",
    ]


def test_letters_run_past_z():
    assert [ex.letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
    ]


def test_key_terms_in_the_timeline_and_glossary_become_gaps_too():
    from revpack.loading.source import parse_source

    text = (
        b"title: Rivers\nfactors:\n  - title: Erosion\n    points: [==Abrasion== wears "
        b"the bed.]\nterms:\n  - term: Meander\n    meaning: A ==bend== in a river.\n"
        b"timeline:\n  - when: '1953'\n    what: The ==North Sea flood==.\n"
    )
    source = parse_source(text, "rivers.yaml")
    marks = len(KEY_MARK.findall(text.decode()))
    core = ex.EXERCISES["gap_fill"].build(source, load_layout("worksheet").options, 1)
    assert [g.answer for g in core.gaps] == ["Abrasion", "North Sea flood", "bend"]
    assert len(core.gaps) == marks == ex.gap_count(source)
    stretch = ex.EXERCISES["gap_fill"].build(source, load_layout("worksheet-stretch").options, 1)
    assert [g.answer for g in stretch.gaps] == ["Abrasion", "North Sea flood", "Meander", "bend"]
    for group in (*core.groups, *stretch.groups):
        for item in group.items:
            for gap in item.gaps:
                assert not gives_away(gap.answer, item.visible())


def test_key_terms_in_the_question_and_titles_become_gaps_without_giving_them_away():
    from revpack.loading.source import parse_source

    text = (
        b"title: Weimar\nquestion: Why did the ==Weimar Republic== fail?\nfactors:\n"
        b"  - title: The ==Treaty of Versailles==\n    points: [It took ==land== away.]\n"
        b"  - title: Money\n    points: [==Hyperinflation== in 1923.]\n"
    )
    source = parse_source(text, "weimar.yaml")
    options = load_layout("worksheet").options
    # (Where the extended answer prints the key question, its gap would be answered there.)
    printed = ex.EXERCISES["gap_fill"].build(source, options, 3)
    assert "key_question" not in [g.label for g in printed.groups]
    options = replace(options, exercises=tuple(e for e in options.exercises if e != "extended"))
    fill = ex.EXERCISES["gap_fill"].build(source, options, 3)
    assert [g.answer for g in fill.gaps] == [
        "Weimar Republic",
        "Treaty of Versailles",
        "land",
        "Hyperinflation",
    ]
    assert len(fill.gaps) == len(KEY_MARK.findall(text.decode()))
    assert [g.title or g.label for g in fill.groups] == ["key_question", "The …", "Money"]
    for group in fill.groups:
        for item in group.items:
            for gap in item.gaps:
                assert not gives_away(gap.answer, item.visible())
                assert gap.answer not in (group.title or "")


def test_a_rows_sheet_and_key_refuse_another_exercise():
    made = sheet(THAW).exercises
    gap_fill = next(e for e in made if isinstance(e, ex.GapFill))
    row = ex.EXERCISES["matching"]
    assert ex.exercise_type(gap_fill) is ex.EXERCISES["gap_fill"]
    with pytest.raises(TypeError, match="not a matching exercise"):
        row.sheet(gap_fill, None)
    with pytest.raises(TypeError, match="not a matching exercise"):
        row.key(gap_fill, None, 1)


def test_the_exercise_names_a_layout_may_give_are_the_tables_in_its_order():
    from revpack.worksheet.exercise_names import EXERCISE_NAMES

    assert tuple(ex.EXERCISES) == EXERCISE_NAMES


@pytest.mark.parametrize("count", [9, 10, 15, 30])
@pytest.mark.parametrize("tier", ["worksheet", "worksheet-support"])
def test_number_and_letter_columns_hold_their_widest_label_on_one_line(count, tier):
    # '10.' wrapped to '10' over '.' in the DOCX's 24 pt column at 11 pt; and 'AD' would.
    fonts.register()
    thaw = load_source(THAW)
    source = replace(thaw, terms=tuple(thaw.terms[i % len(thaw.terms)] for i in range(count)))
    layout = load_layout(tier)
    made = assemble(source, layout, Audience(seed=1), load_labels("en-GB", layout.labels))
    padding = 2 * CELL_PADDING / 20
    bold = fonts.FACES[True, False]
    checked = 0
    for document in (made.sheet, made.key):
        for table in (b for b in document.blocks if isinstance(b, Table)):
            for column, width in enumerate(table.widths):
                labels = [row[column].content[0].text for row in table.rows if row[column].content]
                if labels and all(re.fullmatch(r"\d+\.|[A-Z]{1,2}", t) for t in labels):
                    widest = max(stringWidth(t, bold, layout.font.size) for t in labels)
                    assert width >= widest + padding, (labels[-1], width, widest + padding)
                    checked += 1
    assert checked >= 3  # matching's numbers and letters, its key's numbers


@pytest.mark.parametrize("tier", ["worksheet", "worksheet-support", "worksheet-stretch"])
def test_the_sheets_matching_ordering_and_ranking_tables_are_kept_whole(tier):
    # Their rows are weighed against each other: split over two pages, a student turns
    # back and forth. (The gap fill's answer grid in the key is kept whole when short.)
    layout = load_layout(tier)
    made = assemble(
        load_source(THAW), layout, Audience(seed=1), load_labels("en-GB", layout.labels)
    )
    tables = [b for b in made.sheet.blocks if isinstance(b, Table)]
    assert len(tables) >= 2
    assert all(table.keep_whole for table in tables)


def test_the_width_estimate_of_a_bank_entry_is_never_short_of_the_fonts():
    # The word bank chooses its columns from it: an entry estimated too narrow would be
    # broken over two lines, or set smaller than the layout allows.
    fonts.register()
    regular = fonts.FACES[False, False]
    entries = [
        "Peaceful Coexistence",
        "Временное правительство",
        "Дефицит",
        "WWW mmm",
        "C# & <img>",
        "ocean acidification",
        "δῆμος",
        "Ιστορία",
        "1/d²",
        "x ≈ 30 %",
    ]
    for entry in entries:
        assert ems(entry) >= stringWidth(entry, regular, 1.0), entry


@pytest.mark.parametrize(("tier", "columns"), [("worksheet", 4), ("worksheet-support", 3)])
def test_a_long_phrase_in_the_bank_takes_fewer_words_to_a_row(tier, columns):
    layout = load_layout(tier)
    context = Context(layout, load_labels("en-GB", layout.labels))
    assert bank_columns(("state", "ocean acidification"), context) == columns
    assert bank_columns(("state", "a" * 60), context) == 2


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "cy"])
@pytest.mark.parametrize("tier", ["worksheet", "worksheet-support", "worksheet-stretch"])
def test_no_table_heading_or_answer_word_is_wider_than_its_column(language, tier):
    # 'Buchstabe' broke as 'Buchs|tabe' in a 48 pt column, 'Reichstagsbrandverordnung' as
    # 'Reichstagsbrandver|ordnung' in a third of the key's line.
    long_answer = "Reichstagsbrandverordnung"
    thaw = load_source(THAW)
    factor = thaw.factors[0]
    point = factor.points[0]
    marked = replace(
        point.text,
        spans=(*point.text.spans, replace(point.text.spans[0], text=" " + long_answer, key=True)),
    )
    factors = (replace(factor, points=(replace(point, text=marked), *factor.points[1:])),)
    source = replace(thaw, language=language, factors=factors + thaw.factors[1:])
    layout = load_layout(tier)
    made = assemble(source, layout, Audience(seed=1), load_labels(language, layout.labels))
    fonts.register()
    padding = 2 * CELL_PADDING / 20
    for document in (made.sheet, made.key):
        for table in (b for b in document.blocks if isinstance(b, Table)):
            rows = ((table.header, True),) if table.header else ()
            rows += tuple((row, False) for row in table.rows)
            for row, heading in rows:
                for cell_, width in zip(row, table.widths, strict=True):
                    for run in cell_.content:
                        face = fonts.FACES[heading or run.bold, False]
                        for word in getattr(run, "text", "").split():
                            wide = stringWidth(word, face, layout.font.size) + padding
                            assert wide <= width or len(word) > 25, (word, wide, width)


TIED = """title: Ties
factors:
  - title: One
    points: [A ==point==.]
timeline:
  - when: "1066"
    what: The Normans land.
  - when: "1215"
    what: Magna Carta is sealed.
  - when: "1215"
    what: The barons rebel.
  - when: "1348"
    what: The Black Death arrives.
"""


def test_events_of_one_date_may_come_in_either_order(tmp_path):
    # One order of the two 1215 events was right and the other wrong, though the notes
    # cannot tell them apart.
    path = tmp_path / "ties.yaml"
    path.write_text(TIED, "utf-8")
    for seed in range(6):
        order = of_type(sheet(path, seed=seed), ex.TimelineOrder)
        by_what = {e.what.plain: i for i, e in enumerate(order.events)}
        assert order.places(by_what["The Normans land."]) == (1,)
        assert order.places(by_what["Magna Carta is sealed."]) == (2, 3)
        assert order.places(by_what["The barons rebel."]) == (2, 3)
        assert order.place_label(by_what["The barons rebel."]) == "2\u20133"
        assert order.places(by_what["The Black Death arrives."]) == (4,)


@pytest.mark.parametrize("tier", TIERS)
def test_a_groups_last_point_keeps_the_point_before_it(tier):
    # "(13) H___" opened a page alone, its heading "The pH scale" at the foot of the page
    # before.
    from revpack.labels import load_labels
    from revpack.worksheet.compose import Context
    from revpack.worksheet.document import Heading, Paragraph

    layout = load_layout(tier)
    fill = of_type(sheet(THAW, tier), ex.GapFill)
    blocks = ex.gap_fill.sheet(fill, Context(layout, load_labels("en-GB")))
    groups: list[list] = []
    for block in blocks:
        if isinstance(block, Heading):
            groups.append([])
        elif isinstance(block, Paragraph) and block.style in ("gap", "gap-sub") and groups:
            groups[-1].append(block)
    checked = 0
    for group in groups:
        starts = [i for i, p in enumerate(group) if p.style == "gap"]
        if len(starts) > 1:
            before_last = group[starts[-1] - 1]
            assert before_last.keep_with_next, group
            checked += 1
    assert checked


def test_a_french_term_and_its_meaning_are_joined_as_french_sets_a_colon():
    # 'Privilèges: Avantages…' on the French stretch sheet: French keeps a (no-break)
    # space before a colon, as the notes' own text has it.
    fill = of_type(sheet(DATA / "language" / "revolution-fr.yaml", "worksheet-stretch"), ex.GapFill)
    terms = next(g for g in fill.groups if g.label == "key_terms")
    assert terms.items and all("\u00a0: " in item.visible() for item in terms.items)
    english = of_type(sheet(THAW, "worksheet-stretch"), ex.GapFill)
    terms = next(g for g in english.groups if g.label == "key_terms")
    assert all(": " in i.visible() and "\u00a0:" not in i.visible() for i in terms.items)


@pytest.mark.parametrize("path", [*SOURCES, DATA / "language" / "revolution-fr.yaml"])
@pytest.mark.parametrize("tier", TIERS)
def test_gap_numbers_first_appear_in_reading_order(path, tier):
    # A term written unmarked before its own gap was blanked with that gap's number: a
    # student met '(12)' before '(3)'. The first blank of each number now comes in order
    # (a later blank of a number repeats it; a heading shows the number alone).
    fill = of_type(sheet(path, tier), ex.GapFill)
    if fill is None:
        return
    assert _first_met(fill) == list(range(1, len(_first_met(fill)) + 1))


HEADED = """title: Heating
factors:
  - title: Energy
    points:
      - Heating raises the ==internal energy== of a substance.
  - title: Mass
    points:
      - The energy needed is directly ==proportional== to the ==mass==.
"""


@pytest.mark.parametrize("tier", [t for t in TIERS if t != "worksheet-stretch"])
def test_a_heading_hidden_under_a_number_is_met_in_order(tmp_path, tier):
    # (the stretch tier asks no term its heading prints: 'mass' is no gap there)
    # A factor 'Mass' over 'directly (2) ____ to the (3) ____' was headed '(3)': a number
    # before the (2) under it. The heading is met first: '(2)', then '(3) … (2)'.
    path = tmp_path / "headed.yaml"
    path.write_text(HEADED, "utf-8")
    fill = of_type(sheet(path, tier), ex.GapFill)
    assert fill is not None
    assert _first_met(fill) == [1, 2, 3]
    mass = next(g for g in fill.groups if g.title and "(" in g.title)
    assert mass.title == "(2)"
    gaps = [p for line in mass.items[0].lines for p in line if isinstance(p, ex.Gap)]
    assert [(g.number, g.answer.lower()) for g in gaps] == [(3, "proportional"), (2, "mass")]


def test_a_heading_with_other_words_hides_its_terms_as_ellipses(tmp_path):
    # 'De (27) à la (28)': numbered, a heading's terms came before or after the gaps
    # around them, its blank (28) after (34).
    path = tmp_path / "words.yaml"
    path.write_text(
        "title: Heating\nfactors:\n  - title: Energy\n    points:\n"
        "      - Heating raises the ==internal energy== store.\n"
        "  - title: Power of the heater\n    points:\n"
        "      - Energy transferred depends on time.\n"
        "      - A higher ==power== gives the same change sooner.\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet"), ex.GapFill)
    assert fill is not None
    assert [g.title for g in fill.groups] == ["Energy", "… of the heater"]
    assert _first_met(fill) == [1, 2]


def _first_met(fill) -> list[int]:
    """Each gap number of a gap fill, in the order a student first meets it: in a
    heading (hidden under it: '(2)') or a gap."""
    first: list[int] = []
    for group in fill.groups:
        for number in re.findall(r"\((\d+)\)", group.title or ""):
            if int(number) not in first:
                first.append(int(number))
        for item in group.items:
            for line in item.lines:
                for piece in line:
                    if isinstance(piece, ex.Gap) and piece.number not in first:
                        first.append(piece.number)
    return first


@pytest.mark.parametrize(
    ("answer", "printed"),
    [
        ("veins", "Veins"),
        ("m/s²", "m/s²"),  # ('M/s²': M is mega)
        ("kg m/s", "kg m/s"),  # ('Kg m/s')
        ("v² − u² = 2as", "v² − u² = 2as"),  # ('V² − u² = 2as': V is volts)
        ("ml", "ml"),
        ("quantitative easing", "Quantitative easing"),
        ("supply/demand", "Supply/demand"),  # (words, not a unit)
        # (a maths bank printed 'X ≤ 4' and 'A ≠ b', a chemistry bank '(Aq)')
        ("x ≤ 4", "x ≤ 4"),
        ("a ≠ b", "a ≠ b"),
        ("x < −5", "x < −5"),
        ("(aq)", "(aq)"),
        # (a name's small particle was capitalised, 'Van der Lubbe', and a unit's name,
        # 'Hertz (Hz)', 'Ohms (Ω)')
        ("van der Lubbe", "van der Lubbe"),
        ("de Gaulle", "de Gaulle"),
        ("hertz (Hz)", "hertz (Hz)"),
        ("ohms (Ω)", "ohms (Ω)"),
        ("kilowatt-hour (kWh)", "kilowatt-hour (kWh)"),
        ("trade (UK)", "Trade (UK)"),  # (an acronym, no unit)
        ("a^(m+n)", "a^(m+n)"),  # (a power as a keyboard writes it: 'Am+n' was printed)
        ("e^x", "e^x"),
        ("division of Europe", "Division of Europe"),  # (a name after, not before)
        # (a short word of the language's own letters is no unit: 'ŷd' stood small among
        # capitalised entries, as the word for a gap in a sentence's middle)
        ("ŷd", "Ŷd"),
        ("tŷ", "Tŷ"),
        ("µm", "µm"),
        # (a maths bank printed '(X + 2)(x + 3)': X is another variable)
        ("(x + 2)(x + 3)", "(x + 2)(x + 3)"),
        ("x \u2212 3", "x \u2212 3"),
        ("a + b", "a + b"),
    ],
)
def test_the_word_bank_capitalises_words_not_units_or_formulas(answer, printed):
    assert ex.gap_fill.banked(answer) == printed


def test_a_support_hint_never_gives_a_one_or_two_character_answer_away():
    # 'ohms ((17) Ω______)' and '(30) µ_____' for µF: the hint was most of the answer.
    hint = ex.gap_fill._hint
    assert hint("Ω", True) == hint("µF", True) == ""
    assert hint("ohms", True) == "o"


def test_a_formula_given_away_is_printed_as_written_not_in_unicode_subscripts(tmp_path):
    # Given away by the timeline, 'CO₂' was printed in Unicode's subscript '₂' beside
    # lowered figures ('H₂O' as written), two kinds of subscript on one line.
    path = tmp_path / "air.yaml"
    path.write_text(
        "title: Air\nfactors:\n  - title: Gases\n    points:\n"
        "      - Plants take in ==CO~2~== and give out ==O~2~==.\n"
        "  - title: Water\n    points: [Leaves lose ==H~2~O==.]\n"
        "terms:\n  - {term: CO~2~, meaning: A gas plants use.}\n"
        "  - {term: Stomata, meaning: Pores in a leaf.}\n"
        "timeline:\n  - {when: '1771', what: Priestley finds plants remake air.}\n"
        "  - {when: '1779', what: Ingenhousz sees leaves give off CO~2~ in the dark.}\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet-stretch"), ex.GapFill)
    assert "CO\u2082" not in [g.answer for g in fill.gaps]
    spans = [p for g in fill.groups for i in g.items for line in i.lines for p in line]
    printed = [(p.text, p.script) for p in spans if isinstance(p, Span)]
    assert ("2", "sub") in printed and not any("\u2082" in text for text, _ in printed)


def test_a_figure_before_a_gap_stands_apart_from_its_number(tmp_path):
    # '2==NaOH==' printed '2(11) ____', read as 2 × (11).
    path = tmp_path / "salt.yaml"
    path.write_text(
        "title: Salt\nfactors:\n  - title: Salt\n    points:\n"
        "      - Acid reacts with 2==NaOH== to make ==water==.\n"
        "  - title: Water\n    points: [It is ==neutral==.]\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet"), ex.GapFill)
    line = next(i for g in fill.groups for i in g.items if "Acid" in i.visible()).lines[0]
    at = next(n for n, p in enumerate(line) if isinstance(p, ex.Gap) and p.answer == "NaOH")
    assert line[at - 1].text.endswith("with 2\u00a0")


def test_a_state_symbols_gap_stands_apart_from_its_formula(tmp_path):
    # 'HCl==(aq)==' printed 'HCl(9) ____': the gap's number read as a state symbol.
    path = tmp_path / "acid.yaml"
    path.write_text(
        "title: Acid\nfactors:\n  - title: Acid\n    points:\n"
        "      - Neutralisation is HCl==(aq)== + NaOH==(aq)== making ==water==.\n"
        "  - title: Water\n    points: [It is ==neutral==, not Na==Cl==.]\n"
        "  - title: Acids\n    points: [Acids such as HCl(aq) are ==corrosive==.]\n",
        "utf-8",
    )
    fill = of_type(sheet(path, "worksheet"), ex.GapFill)
    items = [i for g in fill.groups for i in g.items]
    line = next(i for i in items if "Neutralisation" in i.visible()).lines[0]
    before = [line[n - 1].text for n, p in enumerate(line) if isinstance(p, ex.Gap)]
    assert before[:2] == ["Neutralisation is HCl\u00a0", " + NaOH\u00a0"]
    # (and a repeat the stretch sheet blanks: 'HCl(aq)' written unmarked elsewhere)
    stretch = of_type(sheet(path, "worksheet-stretch"), ex.GapFill)
    repeated = next(i for g in stretch.groups for i in g.items if "Acids" in i.visible()).lines[0]
    before = [repeated[n - 1].text for n, p in enumerate(repeated) if isinstance(p, ex.Gap)]
    assert before[0] == "Acids such as HCl\u00a0"
    line = next(i for i in items if "not Na" in i.visible()).lines[0]
    assert [p.text for p in line if isinstance(p, Span)][-2].endswith("not Na")  # (no bracket)


@pytest.mark.parametrize(
    ("language", "answer", "hint"),
    [
        # (the hint was the article's letter: 'y…' for 'y Gymraeg', 'l…' for 'la Pasionaria')
        ("cy", "y Gymraeg", "y G"),
        ("es", "la Pasionaria", "la P"),
        ("fr", "l'Assemblée", "l'A"),
        ("en", "the Warsaw Pact", "the W"),
        ("en", "the UN", ""),  # (two letters: the hint would give it away)
        ("en", "détente", "d"),
        # (a Welsh letter of two characters whole: 'd' pointed to 'datganoli', wrong)
        ("cy", "ddatganoli", "dd"),
        ("cy", "y Ddraig Goch", "y Dd"),
        ("cy", "Llanelli", "Ll"),
        ("en", "llama", "l"),
    ],
)
def test_a_hint_is_the_first_letter_after_an_article(language, answer, hint):
    from revpack.labels import own_label
    from revpack.repeats import word_forms

    letters = tuple(own_label(language, "letters").split())
    assert ex.gap_fill.Masking(True, word_forms(language), letters).hint(answer) == hint


@pytest.mark.parametrize(
    ("whens", "dated"),
    [
        (("1912", "Act 1", "Act 2", "Act 3", "1945"), False),
        (("Morning", "1066"), False),
        (("5 Jan 1066", "14 Oct 1066", "25 Dec 1066"), True),
        (("c. 1500", "1950s", "AD 43"), True),
    ],
)
def test_a_timeline_not_all_of_dates_asks_when_each_happens(tmp_path, whens, dated):
    # The stretch sheet asked for 'the date of each event' under a 'Date' column, and
    # three of five answers were 'Act 1', 'Act 2' and 'Act 3'.
    path = _timeline_source(tmp_path / "play.yaml", whens)
    timeline = of_type(sheet(path, "worksheet-stretch"), ex.TimelineOrder)
    assert timeline.ask_dates and timeline.dated is dated
    out = tmp_path / "out"
    done = revpack("build", path, "-l", "worksheet-stretch", "-f", "pdf", "-f", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    printed = " ".join(pdftotext(out / "play-worksheet-stretch.pdf").split())
    key = " ".join(pdftotext(out / "play-worksheet-stretch-answers.pdf").split())
    page = (out / "play-worksheet-stretch.html").read_text("utf-8")
    asked = "Then write the date of each event."
    told = "Then write when each one happens, as the notes say it."
    assert (asked in printed, told in printed) == (dated, not dated)
    assert (asked in page, told in page) == (dated, not dated)
    heading = "Date" if dated else "When"
    assert re.search(rf"\bOrder {heading}\b", printed) and f" {heading} " in key


@pytest.mark.parametrize("tier", ["worksheet-support", "worksheet", "worksheet-stretch"])
def test_no_heading_names_a_gap_it_stands_over_in_any_tier(tmp_path, tier):
    # The core and support sheets printed 'Vaccination' over '(22) ____ was now
    # understood…', whose answer is 'Vaccination'; only the stretch sheet hid it.
    path = tmp_path / "germs.yaml"
    path.write_text(
        "title: Germs\nfactors:\n  - title: Pasteur\n    points: [He used a ==flask==.]\n"
        "  - title: Vaccination\n    points:\n"
        "      - ==Vaccination== trains the body to fight a ==specific== germ.\n",
        "utf-8",
    )
    gap_fill = of_type(sheet(path, tier), ex.GapFill)
    for group in gap_fill.groups:
        for gap in (g for item in group.items for g in item.gaps):
            assert not gives_away(gap.answer, group.title or ""), (group.title, gap.answer)
    # (the stretch sheet, which prints no bank, asks no gap a heading names: 'Vaccination'
    # stays printed in its point; the others hide the heading under the gap's number)
    asked = [g.answer for group in gap_fill.groups for item in group.items for g in item.gaps]
    assert ("Vaccination" in asked) is (tier != "worksheet-stretch")


@pytest.mark.parametrize("layout", ["worksheet", "worksheet-large-print"])
def test_the_meanings_keep_two_fifths_of_the_matching_table(layout):
    # At 16 pt the German terms (40 %) and 'Buchstabe' (41 mm, for one letter) left the
    # meanings 28 % of the line, each wrapping to 6-8 lines.
    source = load_source(DATA / "sources" / "machtergreifung-de.yaml")
    chosen = load_layout(layout)
    made = assemble(source, chosen, Audience(seed=0), load_labels("de", chosen.labels))
    tables = [b for b in made.sheet.blocks if isinstance(b, Table) and b.keep_whole]
    matching = next(t for t in tables if len(t.widths) == 5)
    width = sum(matching.widths)
    assert matching.widths[-1] >= 0.4 * width - 0.01
    # (the letter's column holds its heading broken once, 'Buch-' / 'stabe', never less)
    assert matching.widths[2] >= ex.matching.heading_room("stabe", 0, chosen.font.size)
    assert matching.widths[2] < ex.matching.heading_room("Buchstabe", 0, chosen.font.size)


def test_a_large_print_blank_leaves_a_larger_hand_room():
    # At 16 pt 'liberalisation' had 44 mm, the length of its own print: a low-vision
    # student, who writes larger too, needs about 60.
    source = load_source(THAW)
    widths = {}
    for name in ("worksheet-support", "worksheet-large-print"):
        layout = load_layout(name)
        made = assemble(source, layout, Audience(seed=0), load_labels("en", layout.labels))
        found = {}
        for block in made.sheet.blocks:
            for piece in getattr(block, "content", ()):
                if isinstance(piece, Blank):  # (its length in underscores, half an em each)
                    found[piece.answer] = piece.length * layout.font.size * 0.5
        widths[name] = found
    long = [a for a in widths["worksheet-large-print"] if len(a) >= 12]
    assert long
    for answer in long:
        room = widths["worksheet-large-print"][answer]
        assert room >= len(answer) * 8.5 * 16 / 12, (answer, room)
        assert room > widths["worksheet-support"][answer] * 1.2
