"""The quiz kind: a Moodle XML question bank, parsed back, its cloze gaps checked against
the grammar Moodle's multianswer question type parses them with."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from lxml import etree

from helpers import DATA, THAW, revpack
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.writers import render
from revpack.writers.moodle import xml as x

SPECIAL = DATA / "platforms" / "special.yaml"
KEY_MARK = re.compile(r"==(?=\S)(.*?)(?<=\S)==", re.DOTALL)

# Moodle's grammar of embedded answers, from qtype_multianswer's questiontype.php
# (ANSWER_REGEX and its parts); PCRE's (?<!\\|&|&amp;) is three look-behinds here.
FRACTION = r"=|%(?:-?[0-9]+(?:[.,][0-9]*)?)%"
ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
ALTERNATIVE = rf"(?:{FRACTION})?(?:{ANSWER})(?:#(?:{FEEDBACK}))?"
TYPES = (
    "NUMERICAL|NM|MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|SHORTANSWER|SA|MW|"
    "SHORTANSWER_C|SAC|MWC|MULTICHOICE_S|MCS|MULTICHOICE_VS|MCVS|MULTICHOICE_HS|MCHS|"
    "MULTIRESPONSE|MR|MULTIRESPONSE_H|MRH|MULTIRESPONSE_S|MRS|MULTIRESPONSE_HS|MRHS"
)
EMBEDDED = re.compile(rf"\{{([0-9]*):({TYPES}):({ALTERNATIVE}(?:~{ALTERNATIVE})*)\}}", re.DOTALL)
ONE = re.compile(rf"({FRACTION})?({ANSWER})(?:#({FEEDBACK}))?", re.DOTALL)
ESCAPED = re.compile(r'(?:[^}#~/"\\&<>{*]|\\[}#*]|&(?:#[0-9]+|lt|gt|quot);)+')
"""An answer with every special character escaped: `}`, `#`, `*` with a backslash; `~`,
`/`, `"`, `\\`, `&`, `<`, `>` and `{` as character references."""


def moodle_answers(alternatives: str) -> list[str]:
    """The answers Moodle stores for a gap, each as `moodle_answer` reads it (a `~` only
    ever separates them: in an answer it is a character reference)."""
    return [moodle_answer(one) for one in alternatives.split("~")]


def own_forms(answers: list[str], articles: tuple[str, ...] = ("the", "a", "an")) -> list[str]:
    """`answers` without the forms that only put an article before another of them ('the
    berlin wall' beside 'Berlin Wall': tested on their own, in
    test_a_word_answer_may_be_typed_after_an_article)."""
    known = {answer.lower() for answer in answers}
    return [
        answer
        for answer in answers
        if not any(
            answer.startswith(f"{article} ") and answer[len(article) + 1 :] in known
            for article in articles
        )
    ]


def moodle_answer(alternatives: str) -> str:
    """The answer Moodle stores for a gap's first alternative: parsed as qtype_multianswer
    does (entities decoded, \\} and \\# unescaped), then as a short answer reads it (\\* is
    a star; a bare * would be a wildcard)."""
    found = ONE.fullmatch(alternatives.split("~")[0])
    assert found and found.group(1) == "=", alternatives
    answer = html.unescape(found.group(2)).replace("\\}", "}").replace("\\#", "#")
    assert not re.search(r"(?<!\\)\*", answer), answer
    return answer.replace("\\*", "*")


class Visible(HTMLParser):
    """The text a browser shows for an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible(fragment: str) -> str:
    parser = Visible()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def raw_marks(path: Path) -> list[str]:
    """Every ==mark== outside the title, subject and course, read from the raw YAML."""
    data = yaml.safe_load(path.read_text("utf-8"))
    texts = [data.get("question") or "", data.get("intro") or ""]
    for block in (*data.get("factors", []), *data.get("sections", [])):
        texts.append(block["title"])
        for point in block["points"]:
            texts += [point] if isinstance(point, str) else [point["text"], *point["points"]]
    texts += [e[k] for e in data.get("timeline", []) for k in ("when", "what")]
    texts += [t[k] for t in data.get("terms", []) for k in ("term", "meaning")]
    return [
        re.sub(r"\*\*|(?<!\s)\*(?!\s)|(?<!\S)\*(?=\S)", "", k)
        for t in texts
        for k in KEY_MARK.findall(t)
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("quiz")
    done = revpack("build", THAW, SPECIAL, "-l", "quiz", "-o", out)
    assert done.returncode == 0, done.stderr
    return out


def questions(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    return list(root)


def of_type(path: Path, kind: str) -> list[ET.Element]:
    return [q for q in questions(path) if q.get("type") == kind]


def test_build_writes_one_xml_per_source(built):
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".")) == [
        "special-quiz.xml",
        "thaw-quiz.xml",
    ]


def test_xml_parses_strictly_and_declares_utf8(built):
    for path in built.glob("*.xml"):
        data = path.read_bytes()
        assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        etree.fromstring(data, etree.XMLParser(resolve_entities=False))


def test_questions_come_in_the_layouts_order_after_a_category(built):
    kinds = [q.get("type") for q in questions(built / "thaw-quiz.xml")]
    clozes = kinds.count("cloze")
    assert clozes > 1
    assert kinds == ["category", *["cloze"] * clozes, "matching", "matching", "essay"]


def test_category_is_named_after_the_topic(built):
    [thaw] = of_type(built / "thaw-quiz.xml", "category")
    assert (
        thaw.findtext("category/text") == "$course$/top/History/The Thaw and Peaceful Coexistence"
    )
    [special] = of_type(built / "special-quiz.xml", "category")
    # a slash inside a name is doubled, as Moodle splits category paths on single ones
    assert (
        special.findtext("category/text")
        == "$course$/top/Computing/Symbols & <Syntax>: a//b {braces}"
    )


def test_every_gap_follows_moodles_grammar_and_gives_back_the_key_term(built):
    for source in (THAW, SPECIAL):
        answers = []
        for question in of_type(built / f"{source.stem}-quiz.xml", "cloze"):
            text = question.findtext("questiontext/text")
            assert question.find("questiontext").get("format") == "html"
            gaps = list(EMBEDDED.finditer(text))
            assert gaps, question.findtext("name/text")
            # nothing else in the text opens a gap (Moodle would try to read one)
            assert "{" not in EMBEDDED.sub("", text)
            for gap in gaps:
                assert gap.group(1) == "1" and gap.group(2) == "SHORTANSWER"
                for one in gap.group(3).split("~"):
                    assert one.startswith("=") and ESCAPED.fullmatch(one[1:]), gap.group(0)
                answers.append(moodle_answer(gap.group(3)))
        marks = raw_marks(source)
        assert {a.casefold() for a in answers} == {m.casefold() for m in marks}
        assert len(answers) >= len(marks)


def test_special_characters_come_out_escaped(built):
    text = "".join(
        q.findtext("questiontext/text") for q in of_type(built / "special-quiz.xml", "cloze")
    )
    raw = {
        gap.group(3).split("~")[0][1:]: moodle_answer(gap.group(3))
        for gap in EMBEDDED.finditer(text)
    }
    escaped = {answer: written for written, answer in raw.items()}
    assert escaped["}"] == "\\}"
    assert escaped["#"] == "\\#"
    assert escaped["~"] == "&#126;"
    assert escaped["//"] == "&#47;&#47;"
    assert escaped['say "hi"'] == "say &quot;hi&quot;"
    assert escaped["\\}"] == "&#92;\\}"
    assert escaped["x < y && z > w"] == "x &lt; y &#38;&#38; z &gt; w"
    assert escaped["AT&"] == "AT&#38;"
    assert escaped["a * b"] == "a \\* b"
    assert escaped["C#"] == "C\\#"


def test_text_around_the_gaps_shows_as_typed(built):
    questions_html = [
        q.findtext("questiontext/text") for q in of_type(built / "special-quiz.xml", "cloze")
    ]
    shown = " ".join(visible(EMBEDDED.sub("[gap]", t)) for t in questions_html)
    assert "Text such as {1:SHORTANSWER:=trap} or {#1} is not a gap; [gap] is." in shown
    assert "Anki's own syntax: [gap] and [gap] are plain text." in shown
    bold = next(t for t in questions_html if "Bold" in t)
    gap = "{1:SHORTANSWER:=bold key~=bold-key~=boldkey~=the bold key~"
    assert f"<b>Bold</b> and <i>italic</i> stay around {gap}" in bold


def test_general_feedback_gives_the_answers(built):
    for question in of_type(built / "special-quiz.xml", "cloze"):
        shown = visible(question.findtext("generalfeedback/text"))
        for gap in EMBEDDED.finditer(question.findtext("questiontext/text")):
            assert moodle_answer(gap.group(3)) in shown


def _pairs(question: ET.Element) -> list[tuple[str, str]]:
    """(stem, answer) as Moodle shows them: an answer through format_string, which strips
    tags (formatstringstriptags, on by default) and leaves character references for the
    browser to show."""
    return [
        (
            visible(s.findtext("text")),
            html.unescape(re.sub(r"<[^>]*>", "", s.findtext("answer/text"))),
        )
        for s in question.findall("subquestion")
    ]


def test_matching_pairs_each_meaning_with_its_term(built):
    for source in (THAW, SPECIAL):
        data = yaml.safe_load(source.read_text("utf-8"))
        terms, events = of_type(built / f"{source.stem}-quiz.xml", "matching")
        pairs = _pairs(terms)
        assert sorted(pairs) == sorted(
            (" ".join(t["meaning"].split()), t["term"]) for t in data["terms"]
        )
        assert terms.findtext("shuffleanswers") == "true"
        # the timeline: each event to its place, 1 the earliest (the order written)
        count = len(data["timeline"])
        written = [" ".join(e["what"].split()) for e in data["timeline"]]
        pairs = _pairs(events)
        for event, place in pairs:
            number = written.index(event) + 1
            assert re.match(rf"{number}\b", place), (event, place)
        assert len(pairs) == len({p for _, p in pairs}) == count


def cloze_text(path: Path) -> str:
    """The question texts of every cloze question in the quiz file `path`, joined."""
    return "".join(q.findtext("questiontext/text") for q in of_type(path, "cloze"))


def _quiz(tmp_path: Path, stem: str, text: str):
    """`text` as the source `stem`.yaml, built as a quiz into tmp_path/out: the run."""
    source = tmp_path / f"{stem}.yaml"
    source.write_text(text, "utf-8")
    done = revpack("build", source, "-l", "quiz", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    return done


def _accepted(tmp_path: Path, text: str) -> list[list[str]]:
    """The answers Moodle accepts for each gap of the notes `text`, built as a quiz."""
    _quiz(tmp_path, "gaps", text)
    found = cloze_text(tmp_path / "out" / "gaps-quiz.xml")
    return [moodle_answers(gap.group(3)) for gap in EMBEDDED.finditer(found)]


def _one_gap(tmp_path: Path, answer: str, language: str = "en") -> list[str]:
    """The answers Moodle accepts for one gap whose answer is `answer`, in notes of
    `language` (each call in a folder of its own under tmp_path)."""
    folder = tmp_path / f"gap-{sum(1 for _ in tmp_path.iterdir())}"
    folder.mkdir()
    point = json.dumps(f"The answer is =={answer}==.", ensure_ascii=False)
    (found,) = _accepted(
        folder,
        f"title: Gap\nlanguage: {language}\nfactors:\n  - title: One\n    points: [{point}]\n",
    )
    return found


def test_a_terms_scripts_are_unicodes_in_a_matching_choice(tmp_path):
    # The choice read 'H2O' where every other format printed 'H₂O'.
    _quiz(
        tmp_path,
        "water",
        "title: Water\nfactors:\n  - title: Water\n    points: [It is ==wet==.]\n"
        "terms:\n  - {term: H~2~O, meaning: Water.}\n  - {term: '**Iron** Curtain', meaning: A"
        " border.}\n  - {term: x^2^, meaning: A square.}\n",
    )
    terms, *_ = of_type(tmp_path / "out" / "water-quiz.xml", "matching")
    assert sorted(term for _, term in _pairs(terms)) == ["H₂O", "Iron Curtain", "x²"]


def test_essay_asks_the_key_question_and_briefs_the_marker(built):
    data = yaml.safe_load(THAW.read_text("utf-8"))
    [essay] = of_type(built / "thaw-quiz.xml", "essay")
    assert data["question"] in visible(essay.findtext("questiontext/text"))
    notes = visible(essay.findtext("graderinfo/text"))
    assert all(f["title"] in notes for f in data["factors"])
    assert essay.findtext("responseformat") == "editor"
    assert essay.findtext("responsefieldlines") == "15"


def test_names_and_instructions_come_from_the_label_set(built):
    english = load_labels("en")
    labels = english.section("quiz")
    names = [q.findtext("name/text") for q in questions(built / "thaw-quiz.xml")[1:]]
    assert names[0] == labels["gap_fill"]["name"].format(
        number="01", heading=labels["gap_fill"]["untitled"]
    )
    assert names[-1] == labels["extended"]["name"].format(number=f"{len(names):02d}")
    special = [q.findtext("name/text") for q in of_type(built / "special-quiz.xml", "cloze")]
    # (No key question group: the essay question prints the key question.)
    assert special[:2] == [
        labels["gap_fill"]["name"].format(number="01", heading="Braces and hashes"),
        labels["gap_fill"]["name"].format(number="02", heading="Comments / <notes>"),
    ]
    first = of_type(built / "thaw-quiz.xml", "cloze")[0].findtext("questiontext/text")
    assert visible(first).startswith(labels["gap_fill"]["instructions"])


def test_cdata_sections_split_their_end_marker():
    element = ET.fromstring(f"<t>{x.cdata('a ]]> b ]]>')}</t>")
    assert element.text == "a ]]> b ]]>"


def _xml(seed: int, options: Path | None = None) -> bytes:
    layout = load_layout("quiz") if options is None else load_layout(str(options))
    [output] = render(load_source(THAW), layout, Audience(seed=seed), format="moodle-xml")
    assert output.extension == "xml" and output.suffix == ""
    return output.data


def test_the_seed_orders_the_matching_and_the_same_seed_gives_the_same_bytes():
    assert _xml(3) == _xml(3)
    orders = {tuple(_pairs(q)) for seed in (1, 2, 3) for q in of_type_bytes(_xml(seed), "matching")}
    assert len(orders) > 2


def of_type_bytes(data: bytes, kind: str) -> list[ET.Element]:
    return [q for q in ET.fromstring(data) if q.get("type") == kind]


def test_options_choose_questions_and_case(tmp_path):
    layout = tmp_path / "quiz-terms.yaml"
    layout.write_text(
        "extends: quiz\noptions:\n  questions: [matching, gap_fill]\n"
        "  case_sensitive: true\n  shuffle: false\n  term_gaps: true\n",
        "utf-8",
    )
    data = _xml(0, layout)
    kinds = [q.get("type") for q in ET.fromstring(data)]
    assert kinds[:2] == ["category", "matching"] and set(kinds[2:]) == {"cloze"}
    texts = [q.findtext("questiontext/text") for q in of_type_bytes(data, "cloze")]
    gaps = [g for t in texts for g in EMBEDDED.finditer(t)]
    assert {g.group(2) for g in gaps} == {"SHORTANSWER_C"}
    terms = [t["term"] for t in yaml.safe_load(THAW.read_text("utf-8"))["terms"]]
    assert set(terms) <= {moodle_answer(g.group(3)) for g in gaps}
    assert of_type_bytes(data, "matching")[0].findtext("shuffleanswers") == "false"


def test_a_source_without_terms_or_timeline_says_what_is_left_out(tmp_path):
    source = tmp_path / "bare.yaml"
    source.write_text(
        "title: Bare\nfactors:\n  - title: One\n    points: [A ==key== point.]\n", "utf-8"
    )
    done = revpack("build", source, "-l", "quiz", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "quiz leaves out matching the terms" in said
    assert "quiz leaves out the extended answer" in said
    kinds = [q.get("type") for q in questions(tmp_path / "out" / "bare-quiz.xml")]
    assert kinds == ["category", "cloze"]


def test_two_terms_or_two_events_make_no_matching_question_and_say_why(tmp_path):
    # Moodle's form for a matching question asks for three answers: one of two pairs
    # imported, but could not be edited there.
    done = _quiz(
        tmp_path,
        "pair",
        "title: Pair\nfactors:\n  - title: One\n    points: [A ==key== point.]\n"
        "terms:\n  - {term: Alpha, meaning: The first.}\n  - {term: Beta, meaning: The second.}\n"
        "timeline:\n  - {when: '1900', what: One thing.}\n  - {when: '1901', what: Another.}\n",
    )
    said = done.stdout + done.stderr
    assert (
        "quiz leaves out matching the terms (a Moodle matching question has 3 pairs at "
        "least; the source has 2 terms)"
    ) in said
    assert "quiz leaves out the timeline (a Moodle matching question has 3 pairs" in said
    kinds = [q.get("type") for q in questions(tmp_path / "out" / "pair-quiz.xml")]
    assert "matching" not in kinds and kinds[0] == "category"


def test_a_gap_in_a_term_or_event_stays_when_the_quiz_leaves_their_matching_out(tmp_path):
    # The gap fill leaves out a sentence that the matching or ordering exercise prints in
    # full; a quiz that left those exercises out (too few pairs) then asked neither.
    source = tmp_path / "few.yaml"
    source.write_text(
        "title: Few\nfactors:\n  - title: One\n    points: [A ==key== point.]\n"
        "terms:\n  - {term: Alpha, meaning: The ==first== one.}\n"
        "  - {term: Beta, meaning: The second.}\n"
        "timeline:\n  - {when: '1900', what: ==One thing== happens.}\n"
        "  - {when: '1901', what: Another.}\n",
        "utf-8",
    )
    done = revpack("build", source, "-l", "quiz", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out" / "few-quiz.xml").read_text("utf-8")
    answers = re.findall(r"SHORTANSWER:=([^}~]*)", text)
    assert sorted(answers) == ["One thing", "first", "key"]


def _built_pack(tmp_path: Path, layouts: str, classes: str) -> Path:
    """The thaw topic built as pack 'Year 11' with `layouts` for `classes` (YAML lines):
    the pack's output folder."""
    (tmp_path / "thaw.yaml").write_bytes(THAW.read_bytes())
    (tmp_path / "pack.yaml").write_text(
        f"pack: Year 11\nsources: [thaw.yaml]\nlayouts: [{layouts}]\nclasses:\n{classes}",
        "utf-8",
    )
    done = revpack("build", tmp_path / "pack.yaml", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    return tmp_path / "out" / "year-11"


def test_each_class_of_a_pack_gets_its_own_seeded_quiz_and_its_formats(tmp_path):
    classes = _built_pack(
        tmp_path,
        "flashcards, quiz",
        "  - name: 11A\n  - name: 11B\n    formats: [tsv, moodle-xml]\n",
    )
    assert sorted(p.name for p in (classes / "11a").iterdir()) == [
        "thaw-flashcards.apkg",
        "thaw-quiz.xml",
    ]
    assert sorted(p.name for p in (classes / "11b").iterdir()) == [
        "thaw-flashcards.tsv",
        "thaw-quiz.xml",
    ]
    orders = [
        [_pairs(q) for q in of_type(classes / c / "thaw-quiz.xml", "matching")]
        for c in ("11a", "11b")
    ]
    assert orders[0] != orders[1]
    assert sorted(map(sorted, orders[0])) == sorted(map(sorted, orders[1]))


def test_a_french_source_gets_a_french_question_bank(tmp_path):
    source = DATA / "language" / "revolution-fr.yaml"
    done = revpack("build", source, "-l", "quiz", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    french = load_labels("fr").section("quiz")
    names = [q.findtext("name/text") for q in questions(tmp_path / "revolution-fr-quiz.xml")]
    assert any(
        name.endswith(french["extended"]["name"].format(number="")[1:]) for name in names if name
    ), names
    assert "Fill the gaps" not in " ".join(n for n in names if n)


HOSTILE_SOURCE = r"""title: "Cloze {1:SHORTANSWER:=title}"
question: "Is {1:SHORTANSWER:=q} a ==question== {{#1}}?"
factors:
  - title: "Heading {1:MULTICHOICE:=a~b}"
    points:
      - "Evil {1:SHORTANSWER:=x} and {{1:SA:=y}} around ==real}{1:SA:=z==."
      - "Braces {#1} }} {{ and ==a~b#c/d\"e\\f== then ==%100%x==."
"""
HOSTILE_INSTRUCTIONS = 'Type {{1:SHORTANSWER:=x}}, {{1:MULTICHOICE:=a~b}} and {{#1}}; }} ~ # / " \\'


def test_a_hostile_label_or_source_adds_no_gap_to_a_cloze(tmp_path):
    source = tmp_path / "hostile.yaml"
    source.write_text(HOSTILE_SOURCE, "utf-8")
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "quiz-hostile.yaml").write_text(
        "extends: quiz\noptions:\n  questions: [gap_fill]\nlabels:\n  quiz:\n    gap_fill:\n"
        f"      instructions: {yaml.safe_dump(HOSTILE_INSTRUCTIONS).splitlines()[0]}\n"
        f"      untitled: {yaml.safe_dump('Intro {{1:SA:=u}}').splitlines()[0]}\n",
        "utf-8",
    )
    out = tmp_path / "out"
    done = revpack("build", source, "-l", "quiz-hostile", "--layouts", layouts, "-o", out)
    assert done.returncode == 0, done.stderr
    clozes = of_type(out / "hostile-quiz-hostile.xml", "cloze")
    texts = [q.findtext("questiontext/text") for q in clozes]
    gaps = [g for t in texts for g in EMBEDDED.finditer(t)]
    assert {(g.group(1), g.group(2)) for g in gaps} == {("1", "SHORTANSWER")}
    answers = [moodle_answer(g.group(3)) for g in gaps]
    # exactly the key terms, in order: nothing from the label or the text around is a gap
    assert answers == ["question", "real}{1:SA:=z", 'a~b#c/d"e\\f', "%100%x"]
    for question, text in zip(clozes, texts, strict=True):
        assert "{" not in EMBEDDED.sub("", text)
        shown = visible(EMBEDDED.sub("[gap]", text))
        assert shown.startswith("Type ") and "1:SHORTANSWER:=x" in shown  # shown, not a gap
        assert "{" not in question.findtext("generalfeedback/text")
    shown = " ".join(visible(EMBEDDED.sub("[gap]", t)) for t in texts)
    assert "Is {1:SHORTANSWER:=q} a [gap] {{#1}}?" in shown
    assert "Evil {1:SHORTANSWER:=x} and {{1:SA:=y}} around [gap]." in shown


def test_a_gap_accepts_what_a_keyboard_types_for_its_answer(tmp_path):
    # Moodle compares a short answer as typed: 'H₂SO₄' wanted the subscript characters,
    # a quotation its quotation marks and its '!'.
    source = tmp_path / "forms.yaml"
    source.write_text(
        "title: Forms\nfactors:\n  - title: Notation\n    points:\n"
        "      - Sulfuric acid is ==H~2~SO~4~==, at ==10^-3^ mol==.\n"
        "      - Lady Macbeth cries ==“Out, damned spot!”== and ==it’s== late.\n"
        "      - Blood leaves by ==the semi-lunar valves==.\n"
        "      - Then the ==États généraux== met, and ==H^+^ → H~2~==.\n"
        "      - We ==don't== know; the fuel is ==used up==.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    done = revpack("build", source, "-l", "quiz", "-o", out)
    assert done.returncode == 0, done.stderr
    text = cloze_text(out / "forms-quiz.xml")
    accepted = [own_forms(moodle_answers(gap.group(3))) for gap in EMBEDDED.finditer(text)]
    # (an answer written with 'the' is accepted without it, and after 'a' or 'an' as the
    # page takes any leading article: set those aside, as own_forms would its own forms)
    valves = moodle_answers(EMBEDDED.findall(text)[4][2])
    accepted[4] = [form for form in valves if not form.startswith(("a ", "an "))]
    assert accepted == [
        ["H₂SO₄", "H2SO4", "H_2SO_4"],  # (lowered as a keyboard types it, as the page takes)
        # (and the unit written out or joined, as the page takes it: 'mol' has words since
        # 'moles' was refused)
        [
            "10⁻³ mol",
            "10^-3 mol",
            "10-3 mol",
            "10^-3mol",
            "10^-3 moles",
            "10^-3 mole",
            "10-3mol",
            "10-3 moles",
            "10-3 mole",
        ],
        [
            "“Out, damned spot!”",
            '"Out, damned spot!"',
            "Out, damned spot!",
            "Out, damned spot",
            "Out damned spot",  # (a quotation recalled without its commas, as on the page)
        ],
        ["it’s", "it's"],  # (and typed with either apostrophe)
        # (as the self-marking page accepts them: without 'the', a hyphen as a space or none)
        [
            "the semi-lunar valves",
            "semi-lunar valves",
            "the semi lunar valves",
            "the semilunar valves",
            "semi lunar valves",
            "semilunar valves",
            "semilunar-valves",
            "semilunarvalves",  # (two words as one: 'seawall' for 'sea wall')
            "the semilunar-valves",  # (and so after an article)
            "the semilunarvalves",
        ],
        # (an English keyboard has no accents: they may be left off)
        [
            "États généraux",
            "États-généraux",
            "Étatsgénéraux",
            "etats generaux",
            "etats-generaux",
            "etatsgeneraux",
        ],
        # (and, an expression's spaces saying nothing, without them)
        ["H⁺ → H₂", "H+ → H2", "H+ -> H2", "H+->H2", "H^+ → H_2", "H+→H2", "H^+→H_2"],
        ["don't", "don’t"],  # (the apostrophe a phone types)
        ["used up", "used-up"],
    ]
    # A formula is marked in its capitals ('CaCo3' is cobalt), words in any.
    kinds = [gap.group(2) for gap in EMBEDDED.finditer(text)]
    c, a = "SHORTANSWER_C", "SHORTANSWER"
    # (H₂SO₄ and H⁺ → H₂ keep their capitals; a power of a figure, 10⁻³ mol, is no formula)
    assert kinds == [c, a, a, a, a, a, c, a, a]


def test_a_french_gap_accepts_a_capital_without_its_accent_and_no_article():
    # French keyboards make a student type 'Etats'; the self-marking page accepted
    # 'Etats généraux' for 'les États généraux', Moodle did not ("l'Élysée" the reverse).
    from revpack.labels import load_labels
    from revpack.writers.moodle.embedded import forms

    labels = load_labels("fr")
    articles = tuple(labels("html.articles").casefold().split())
    bare = labels("html.capital_accents") == "optional"
    assert {"Etats généraux", "États généraux"} <= set(forms("les États généraux", articles, bare))
    assert {"Élysée", "Elysée"} <= set(forms("l'Élysée", articles, bare))


def test_a_german_gap_accepts_ss_for_sharp_s_and_ae_for_a_umlaut_but_a_formula_as_written(
    tmp_path,
):
    # 'Dolchstosslegende' (Swiss German; and ß in capitals, 'DOLCHSTOSSLEGENDE') and
    # 'Reichspraesident' were marked wrong; the self-marking page accepts them.
    _quiz(
        tmp_path,
        "weimar",
        "title: Weimar\nlanguage: de\nfactors:\n  - title: Krise\n    points:\n"
        "      - Die ==Dolchstoßlegende== half dem ==Reichspräsidenten== nicht.\n"
        "      - Säure ist ==H~2~SO~4~==, Bäume sind ==grün==.\n",
    )
    text = cloze_text(tmp_path / "out" / "weimar-quiz.xml")
    found = {gap.group(3) for gap in EMBEDDED.finditer(text)}
    assert any(gap.startswith("=Dolchstoßlegende~=dolchstosslegende~") for gap in found)
    assert any(gap.startswith("=Reichspräsidenten~=reichspraesidenten~") for gap in found)
    assert any(gap.startswith("=grün~=gruen~") for gap in found)
    assert "=H₂SO₄~=H2SO4~=H_2SO_4" in found


def test_each_class_and_students_bank_has_a_category_of_its_own(tmp_path):
    # Every class's and student's file named one category: imported side by side, each
    # added copies of the same questions to it.
    classes = _built_pack(
        tmp_path, "quiz", "  - name: 11A\n    students: [Amira Khan, Ben Ot]\n  - name: 11B\n"
    )
    banks = sorted(classes.rglob("*.xml"))
    assert len(banks) == 3
    paths = {
        str(bank.relative_to(tmp_path / "out")): of_type(bank, "category")[0].findtext(
            "category/text"
        )
        for bank in banks
    }
    topic = "$course$/top/History/The Thaw and Peaceful Coexistence"
    assert paths == {
        "year-11/11a/amira-khan/thaw-quiz.xml": f"{topic}/11A/Amira Khan",
        "year-11/11a/ben-ot/thaw-quiz.xml": f"{topic}/11A/Ben Ot",
        "year-11/11b/thaw-quiz.xml": f"{topic}/11B",
    }


def test_events_of_one_date_share_their_place(tmp_path):
    from test_exercises import TIED

    source = tmp_path / "ties.yaml"
    source.write_text(TIED, "utf-8")
    done = revpack("build", source, "-l", "quiz", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    [events] = of_type(tmp_path / "out" / "ties-quiz.xml", "matching")  # (no terms)
    pairs = dict(_pairs(events))
    assert pairs["Magna Carta is sealed."] == pairs["The barons rebel."]
    assert len(set(pairs.values())) == 3


def test_a_gap_accepts_a_quantity_a_date_and_an_accent_typed_the_usual_other_ways(tmp_path):
    # '5km', '£2m', '37C', '9/11/1918' and 'detente' were wrong in Moodle, right on the
    # self-marking page.
    _quiz(
        tmp_path,
        "typed",
        "title: Typed\nfactors:\n  - title: All\n    points:\n"
        "      - Heat to ==37 °C== over ==5 km== for ==£2 million== (==£2m==) in the ==1960s==.\n"
        "      - On ==9 November 1918== the Kaiser fled; by ==November 1918== it was over.\n"
        "      - The ==détente== of 1969, and ==48 cm³== a second.\n",
    )
    text = cloze_text(tmp_path / "out" / "typed-quiz.xml")
    accepted = {
        (answers := moodle_answers(gap.group(3)))[0]: answers for gap in EMBEDDED.finditer(text)
    }
    assert {"37c", "37 c", "37°c"} <= set(accepted["37 °C"])
    assert "5km" in accepted["5 km"]
    # (a short unit written out too, as the page accepts it; never 'm', metres or million)
    assert {"5 kilometres", "5 kilometre"} <= set(accepted["5 km"])
    assert "£2 million" in accepted["£2m"] and "£2 metres" not in accepted["£2m"]
    assert accepted["1960s"] == ["1960s"]  # (no '1960 seconds')
    assert not any("metres" in form or "million" in form for form in accepted["£2 million"][1:])
    assert {"£2m", "£2 m"} <= set(accepted["£2 million"])
    assert {"9/11/1918", "09/11/1918", "9.11.1918", "9 nov 1918", "november 9, 1918"} <= set(
        accepted["9 November 1918"]
    )
    assert {"11/1918", "nov 1918"} <= set(accepted["November 1918"])
    assert "detente" in accepted["détente"]
    assert "48cm3" in accepted["48 cm³"]
    # A date is no quantity, and a quantity no date.
    assert not any(" " not in form and "november" in form for form in accepted["9 November 1918"])
    assert all("/" not in form for form in accepted["5 km"])


def test_a_repeat_of_an_answer_is_hidden_not_asked_again(tmp_path):
    # 'Biological {1:SHORTANSWER:=catalyst}s are called {1:SHORTANSWER:=enzymes}': the
    # notes marked one gap, and a student who typed 'catalysts' lost a mark for it.
    _quiz(
        tmp_path,
        "rates",
        "title: Rates\nfactors:\n  - title: Catalysts\n    points:\n"
        "      - A ==catalyst== speeds up a reaction.\n"
        "      - Biological catalysts are called ==enzymes==.\n",
    )
    text = cloze_text(tmp_path / "out" / "rates-quiz.xml")
    assert [moodle_answers(g.group(3))[0] for g in EMBEDDED.finditer(text)] == [
        "catalyst",
        "enzymes",
    ]
    assert "Biological …s are called" in text


def test_a_date_written_another_way_names_its_own_month_only():
    # 'jui' (juin or juillet?) was listed as right for both; German lost its umlaut.
    from revpack.labels import load_labels
    from revpack.writers.keyboard import typing
    from revpack.writers.moodle.embedded import gap, written_dates

    french = typing(load_labels("fr")).calendar
    assert not any("jui " in form for form in written_dates("9 juin 1789", french))
    assert "9 juin 1789" in written_dates("9 juin 1789", french)
    german = typing(load_labels("de")).calendar
    assert {"9 märz 1918", "9 mär 1918"} <= set(written_dates("9. März 1918", german))
    assert "9.11.1918" in gap("9/11/1918")  # (a date in figures, with no month names)


def test_a_power_of_ten_is_typed_with_a_caret_never_flat(tmp_path):
    # Moodle took '1.5 × 108 m/s' for 1.5 × 10⁸ m/s (108 is not 10⁸), and refused
    # '1.5x10^8 m/s', the way a keyboard writes it.
    _quiz(
        tmp_path,
        "powers",
        "title: Powers\nfactors:\n  - title: Light\n    points:\n"
        "      - Light travels at ==1.5 × 10^8^ m/s== in glass; a ==10^-3^ mol== sample.\n",
    )
    text = cloze_text(tmp_path / "out" / "powers-quiz.xml")
    accepted = {
        (answers := moodle_answers(gap.group(3)))[0]: answers for gap in EMBEDDED.finditer(text)
    }
    light = set(accepted["1.5 × 10⁸ m/s"])
    assert {"1.5x10^8 m/s", "1.5 x 10^8 m/s", "1.5 × 10^8 m/s"} <= light
    assert not any("108" in form for form in light)
    assert {"10^-3 mol", "10-3 mol"} <= set(accepted["10⁻³ mol"])
    assert {"1.5*10^8 m/s", "1.5 * 10^8 m/s"} <= light  # (as the page accepts them)


def test_a_cloze_questions_name_keeps_its_heading_as_written(tmp_path):
    # The question bank listed "08 Fill the gaps: … and …": a heading hides the terms its
    # gaps ask from the student, but the name is the teacher's.
    _quiz(
        tmp_path,
        "forces",
        "title: Forces\nfactors:\n  - title: Vectors and scalars\n    points:\n"
        "      - A ==vector== has a direction; a ==scalar== has none.\n"
        "  - title: Mass\n    points: [Mass is measured in ==kilograms==.]\n",
    )
    names = [
        q.findtext("name/text") for q in of_type(tmp_path / "out" / "forces-quiz.xml", "cloze")
    ]
    assert any(name.endswith("Vectors and scalars") for name in names), names
    texts = cloze_text(tmp_path / "out" / "forces-quiz.xml")
    assert "Vectors and scalars" not in texts  # (the question itself still hides them)


def test_a_formula_is_right_without_its_spaces(tmp_path):
    # The page took "V=IR" and "F=ma"; Moodle offered only "V = IR".
    [answers] = _accepted(
        tmp_path,
        "title: Ohm\nfactors:\n  - title: Law\n    points: [Ohm's law is ==V = IR==.]\n",
    )
    assert {"V = IR", "V=IR"} <= set(answers)


def test_a_micro_sign_may_be_typed_as_u(tmp_path):
    # A keyboard has no 'µ': '22uF' and '22 uF' were wrong for '22 µF' (the page took them).
    [answers] = _accepted(
        tmp_path,
        "title: Capacitors\nfactors:\n  - title: Size\n"
        "    points: [The capacitor stores charge at ==22 \u00b5F==.]\n",
    )
    assert {"22 \u00b5F", "22\u00b5F", "22 uF", "22uF"} <= set(answers)
    assert not any(answer.startswith("22 F") or "mF" in answer for answer in answers)


def test_a_sign_keeps_its_stroke_and_a_variable_is_no_article(tmp_path):
    # Moodle took 'a = b' and '≠ b' for 'a ≠ b', 'x ∈ a' for 'x ∉ A': a sign's stroke went
    # with the accents, and the variable 'a' was taken for the article.
    unequal, outside = map(
        set,
        _accepted(
            tmp_path,
            "title: Signs\nfactors:\n  - title: Signs\n"
            "    points: [Unequal is ==a \u2260 b==; not in is ==x \u2209 A==.]\n",
        ),
    )
    assert "a \u2260 b" in unequal and not {"a = b", "= b", "\u2260 b", "a=b"} & unequal
    assert outside == {"x \u2209 A"}


def test_a_temperature_in_words_and_a_state_symbol_without_brackets(tmp_path):
    # The page took '37 degrees C' and 'aq'; Moodle took neither, nor '37 degrees
    # Celsius', the textbook's words.
    degrees, state = map(
        set,
        _accepted(
            tmp_path,
            "title: Enzymes\nfactors:\n  - title: Heat\n"
            "    points: [Enzymes work best at ==37 \u00b0C== in ==(aq)== solution.]\n",
        ),
    )
    assert {"37 degrees celsius", "37 celsius", "37 degrees c", "37c"} <= degrees
    assert not any(answer.startswith("36") for answer in degrees)
    assert state == {"(aq)", "aq"}


def test_a_relation_may_be_typed_as_a_keyboard_types_it(tmp_path):
    # The page took 'x<=4' for 'x ≤ 4' and 'a != b' for 'a ≠ b'; Moodle did not.
    less, unequal = map(
        set,
        _accepted(
            tmp_path,
            "title: Solve\nfactors:\n  - title: Signs\n"
            "    points: [It is ==x \u2264 4==; they are ==a \u2260 b==.]\n",
        ),
    )
    assert {"x \u2264 4", "x <= 4", "x<=4", "x\u22644"} <= less
    assert {"a \u2260 b", "a != b", "a!=b"} <= unequal


def test_a_formula_of_element_symbols_keeps_its_capitals(tmp_path):
    # 'HCL' and 'naoh' were right for 'HCl' and 'NaOH': only a sub- or superscript told
    # Moodle that an answer was a formula.
    _quiz(
        tmp_path,
        "acid",
        "title: Acid\nfactors:\n  - title: Acid\n"
        "    points: [The stomach makes ==HCl==; in the ==McCarthy== era.]\n",
    )
    text = cloze_text(tmp_path / "out" / "acid-quiz.xml")
    assert [gap.group(2) for gap in EMBEDDED.finditer(text)] == ["SHORTANSWER_C", "SHORTANSWER"]


def test_a_number_with_or_without_its_thousands_commas(tmp_path):
    # The page took '1000 cm³' for '1,000 cm³' and '.75' for '0.75'; Moodle did not.
    litre, fraction = map(
        set,
        _accepted(
            tmp_path,
            "title: Volume\nfactors:\n  - title: Litre\n"
            "    points: [A litre is ==1 000 cm==; a fraction is ==0.75==.]\n",
        ),
    )
    assert {"1 000 cm", "1000 cm", "1,000 cm", "1000cm"} <= litre
    assert fraction == {"0.75", ".75"}


@pytest.mark.parametrize(
    ("answer", "typed"),
    [
        # (the page took each of these; Moodle did not)
        ("cm\u00b2", {"cm^2", "cm2"}),
        ("H\u2082SO\u2084", {"H_2SO_4", "H2SO4"}),
        ("OH\u207b", {"OH^-", "OH-", "OH\u2212"}),
        ("A = \u03c0r\u00b2", {"A = pi r^2", "A=pir2", "A = pir2"}),
        ("9\u03c0 cm\u00b2", {"9pi cm2", "9 pi cm^2"}),
        ("\u22125", {"-5", "\u20135", "- 5"}),
        ("3/4", {"\u00be"}),
        ("180\u00b0", {"180", "180 degrees"}),
        ("25%", {"25 %", "25 per cent", "25 percent"}),
    ],
)
def test_a_symbol_may_be_typed_as_a_keyboard_types_it(answer, typed):
    from revpack.labels import load_labels
    from revpack.writers.keyboard import typing
    from revpack.writers.moodle.embedded import gap

    found = EMBEDDED.fullmatch(gap(answer, typed=typing(load_labels("en"))))
    assert found is not None
    answers = moodle_answers(found.group(3))
    assert typed <= set(answers)
    assert all(one == one.strip() for one in answers)  # ('180 ' was one, for '180°')


def test_an_english_answer_may_end_in_ize_for_ise(tmp_path):
    [answers] = _accepted(
        tmp_path,
        "title: Ions\nfactors:\n  - title: Acids\n"
        "    points: [A strong acid is fully ==ionised==.]\n",
    )
    assert own_forms(answers) == ["ionised", "ionized"]


def test_a_number_may_be_typed_to_fewer_places(tmp_path):
    # '3 x 10^8 m/s' was wrong for '3.0 × 10⁸ m/s' (the page took it).
    accepted = _one_gap(tmp_path, "3.0 × 10^8^ m/s")
    assert {"3 x 10^8 m/s", "3 × 10⁸ m/s", "3x10^8 m/s"} <= set(accepted)


def test_a_degree_sign_may_be_typed_with_or_without_a_space_before_it(tmp_path):
    # 'J/kg°C' was wrong for 'J/kg °C' (the page took it).
    assert "4200 J/kg°C" in _one_gap(tmp_path, "4200 J/kg °C")


def test_a_spanish_answer_without_its_opening_mark(tmp_path):
    # UK keyboards have no '¡': 'No pasarán' was wrong for '¡No pasarán!' (as on the page).
    [answers] = _accepted(
        tmp_path,
        "title: Guerra\nlanguage: es\nfactors:\n  - title: Madrid\n"
        "    points: ['El lema fue ==¡No pasarán!==']\n",
    )
    assert {"¡No pasarán!", "¡No pasarán", "No pasarán"} <= set(answers)


@pytest.mark.parametrize(
    ("language", "point", "typed", "refused"),
    [
        # (a Spanish learner typed the marks the sentence prints around the gap)
        (
            "es",
            "El lema fue «¡==No pasarán==!» en Madrid.",
            {"¡No pasarán!", "No pasarán!", "«¡No pasarán!»", "¡No pasarán", "No pasarán"},
            {"!No pasarán¡", "No pasarán»!"},
        ),
        (
            "de",
            "Versailles hieß „==Diktat==“ in Berlin.",
            {"„Diktat“", '"Diktat"', "Diktat"},
            set(),
        ),
        ("en", "Hitler became ==Chancellor==.", {"chancellor"}, {".Chancellor"}),
    ],
)
def test_the_marks_printed_against_a_gap_may_be_typed_with_it(
    tmp_path, language, point, typed, refused
):
    # Moodle refused "¡No pasarán!" and "No pasarán!" where the sentence prints
    # «¡(1) ____!»; the page takes them.
    [answers] = _accepted(
        tmp_path,
        f"title: Gap\nlanguage: {language}\nfactors:\n  - title: One\n"
        f"    points: [{json.dumps(point, ensure_ascii=False)}]\n",
    )
    accepted = {a.casefold() for a in answers}
    assert {t.casefold() for t in typed} <= accepted
    assert not {t.casefold() for t in refused} & accepted


def test_a_spanish_number_may_be_typed_as_the_page_takes_it(tmp_path):
    # Moodle took '75.000' and '72,6 %' only as written.
    dead, share = map(
        set,
        _accepted(
            tmp_path,
            "title: Números\nlanguage: es\nfactors:\n  - title: Uno\n"
            "    points:\n      - Murieron ==75.000== soldados; el ==72,6 %== del total.\n",
        ),
    )
    assert {"75.000", "75000"} <= dead and "75,000" not in dead
    assert {"72,6 %", "72.6 %"} <= share


def test_a_word_answer_may_be_typed_after_an_article(tmp_path):
    # The page marks 'the Berlin Wall' right for 'Berlin Wall' (it drops a typed answer's
    # leading article); Moodle, comparing answers as typed, marked it wrong.
    wall, pact, quantity, formula, quote = _accepted(
        tmp_path,
        "title: Wall\nfactors:\n  - title: Berlin\n    points:\n"
        "      - In 1961 East Germany built ==Berlin Wall==, and joined ==the Warsaw Pact==.\n"
        "      - It was ==43 km== long; ==CO~2~== is a gas; he said ==“Ich bin ein Berliner”==.\n",
    )
    assert {"the berlin wall", "a berlin wall", "an berlin wall", "the berlin-wall"} <= set(wall)
    assert "warsaw pact" in [p.lower() for p in pact]
    assert not any(p.startswith(("the the", "a the")) for p in pact)
    for other in (quantity, formula, quote):  # (no article before a number, formula or quotation)
        assert not any(o.startswith(("the ", "a ")) for o in other), other
    (tmp_path / "fr").mkdir()
    [elysee] = _accepted(
        tmp_path / "fr",
        "title: Palais\nlanguage: fr\nfactors:\n  - title: Paris\n"
        "    points: [Le président vit à ==Élysée==.]\n",
    )
    assert {"l'élysée", "le élysée", "l'elysée", "l’élysée"} & set(elysee) >= {"l'élysée"}


def test_a_ratio_spaced_and_a_micrometre_written_out(tmp_path):
    # '6 : 1' and '0.5 micrometres' were wrong in Moodle (and on the page).
    ratio, size = _accepted(
        tmp_path,
        "title: Cells\nfactors:\n  - title: Size\n"
        "    points: ['The ratio is ==6:1==; the cell is ==0.5 µm== wide.']\n",
    )
    assert {"6:1", "6 : 1", "6: 1", "6 :1"} <= set(ratio)
    assert not {"6 1", "61", "1:6"} & set(ratio)
    assert {"0.5 micrometres", "0.5 microns", "0.5um"} <= set(size)


def test_a_power_unicode_has_no_characters_for_is_typed_with_a_caret(tmp_path):
    # 'a^m+n^' was answered 'am+n' (a times m, plus n), and only so.
    power = _one_gap(tmp_path, "a^m+n^")
    assert "a^(m+n)" in power and "am+n" not in power


def test_a_units_slash_as_a_negative_power_and_a_greek_letter_by_name(tmp_path):
    # 'm s-1' and 'm s^-1' were wrong for 'm/s', 'lambda' for 'λ'.
    assert {"3 m s-1", "3 ms-1", "3 m s^-1"} <= set(_one_gap(tmp_path, "3 m/s"))
    assert "lambda" in _one_gap(tmp_path, "\u03bb")
    # (a slash dividing by two units: 'J kg-1 °C', another unit, was accepted, and the
    # correct 'J kg-1 °C-1' not)
    heat = set(_one_gap(tmp_path, "4200 J/kg \u00b0C"))
    assert {"4200 J kg-1 \u00b0C-1", "4200 J kg^-1 \u00b0C^-1", "4200 J/(kg \u00b0C)"} <= heat
    assert not {"4200 J kg-1 \u00b0C", "4200 J kg^-1 \u00b0C"} & heat
    assert {"84000 J", "84,000 J"} <= set(_one_gap(tmp_path, "84 kJ"))  # (another prefix)
    assert "126 kJ" in _one_gap(tmp_path, "126 000 J")
    # (a minus sign is never left out, nor a variable between figures a times sign)
    minus = set(_one_gap(tmp_path, "(x\u22122)(x\u22123)"))
    assert "(x-2)(x-3)" in minus and not {"(x2)(x3)", "(x 2)(x 3)"} & minus
    square = set(_one_gap(tmp_path, "2x\u00b2 \u2212 8x"))
    assert not {"2 × 2 - 8x", "2*2 - 8x", "2 x 2 - 8x"} & square
    product = _one_gap(tmp_path, "(x + 2)(x + 3)")
    assert "(x+2)(x+3)" in product and "x + 2)(x + 3" not in product  # (spaces; brackets)
    rate = set(_one_gap(tmp_path, "mol/(l\u00b7s)", "de"))
    assert {"mol/(l*s)", "mol/(l s)", "mol l-1 s-1", "mol/l/s"} <= rate
    light = _one_gap(tmp_path, "3.0 \u00d7 10\u2078 m/s")
    assert {"300000000 m/s", "300,000,000 m/s"} <= set(light)  # (standard form written out)
    assert "30000000 m/s" not in light
    # (a product of letters typed with an 'x', a star or nothing)
    wave_equation = _one_gap(tmp_path, "v = f \u00d7 \u03bb")
    assert {"v = f x lambda", "v=f*λ", "v=fλ"} <= set(wave_equation)


def test_a_name_with_its_symbol_in_brackets_takes_either(tmp_path):
    # Moodle took only 'ohms (Ω)' whole; 'ohms' and 'Ω' were wrong.
    assert {"ohms (Ω)", "ohms", "Ω"} <= set(_one_gap(tmp_path, "ohms (Ω)"))
    assert "aq" not in _one_gap(tmp_path, "NaCl (aq)")


def test_a_units_negative_power_is_never_accepted_as_a_positive_one(tmp_path):
    # Moodle listed '-2.5 m s2' and '-2.5 m s 2' as right for '−2.5 m s⁻²'.
    acceleration = _one_gap(tmp_path, "\u22122.5 m s\u207b\u00b2")
    assert "-2.5 m s-2" in acceleration
    assert not {"-2.5 m s2", "-2.5 m s 2", "\u22122.5 m s2"} & set(acceleration)


def test_a_date_with_its_months_usual_short_form(tmp_path):
    # '20 Sept 1066' and Welsh '18 Gorff 1936' were wrong in Moodle (the page took them).
    (en,) = _accepted(
        tmp_path,
        "title: Hastings\nfactors:\n  - title: North\n"
        "    points: [Hardrada landed by ==20 September 1066==.]\n",
    )
    assert {"20 sept 1066", "20 sept. 1066", "20 sep 1066", "20 sep. 1066"} <= set(en)
    (tmp_path / "cy").mkdir()
    (cy,) = _accepted(
        tmp_path / "cy",
        "title: Rhyfel\nlanguage: cy\nfactors:\n  - title: Sbaen\n"
        "    points: [Dechreuodd y rhyfel ar ==18 Gorffennaf 1936==.]\n",
    )
    assert {"18 gorff 1936", "18 gorff. 1936"} <= set(cy)
    assert not any(form.startswith("18 go ") for form in cy)


def test_an_elided_article_typed_curly_and_an_article_before_another_spelling(tmp_path):
    # A phone types "l’abolition": Moodle took only "l'abolition"; and "der Strasse" was
    # wrong for 'Straße' ('der Straße' and 'Strasse' each right), "ETATS GENERAUX" for
    # 'États généraux' (which a French keyboard types without the capitals' accents).
    abolition = _one_gap(tmp_path, "abolition des privilèges", "fr")
    assert {"l'abolition des privilèges", "l’abolition des privilèges"} <= set(abolition)
    strasse = _one_gap(tmp_path, "Straße", "de")
    assert "der strasse" in {form.lower() for form in strasse}
    etats = _one_gap(tmp_path, "États généraux", "fr")
    assert "etats generaux" in {form.lower() for form in etats}
