"""The self-marking worksheet page, driven in a real headless Chromium with the network
off: right answers score full marks, wrong ones are marked wrong, the keyboard alone
completes a matching exercise, no answer is readable before checking, the page loads
nothing, and rebuilds are byte-identical."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import lxml.html
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import broken_words, browser_fixture, contrast, open_page, requests  # noqa: F401  (a fixture)
from helpers import DATA, THAW, pdftotext, revpack
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.worksheet.assemble import assemble
from revpack.worksheet.document import Box, Cell, Heading, Paragraph, Run, Table, WordBank
from revpack.worksheet.exercises import GapFill, Matching, TimelineOrder, letter, worksheet
from revpack.writers import render
from revpack.writers.html.secret import alternatives, capitals_form, capitals_forms, normalise

LABELS = load_labels()
SEED = 7


def page_for(tmp: Path, source: Path, layout: str, audience: Audience | None = None) -> Path:
    """Render `source` with `layout` as HTML into `tmp`; return the page's path."""
    audience = audience or Audience(seed=SEED)
    outputs = render(load_source(source), load_layout(layout), audience, "html")
    assert [(o.suffix, o.extension) for o in outputs] == [("", "html")]
    path = tmp / f"{source.stem}-{layout}-{audience.seed}-{audience.class_name}.html"
    path.write_bytes(outputs[0].data)
    return path


def exercises(source: Path, layout: str, seed: int = SEED):
    """The exercise models the page was written from (the same seed)."""
    return worksheet(load_source(source), load_layout(layout).options, seed).exercises


def of(kind, found):
    return next(e for e in found if isinstance(e, kind))


def first_inputs(driver, number: int, gap_fill: GapFill):
    """The first input of each gap of exercise `number`, with its answer."""
    return [
        (driver.find_element(By.ID, f"e{number}-g{gap.number}"), gap.answer)
        for gap in gap_fill.gaps
    ]


def choose(driver, ident: str, value: str) -> None:
    from selenium.webdriver.support.select import Select

    Select(driver.find_element(By.ID, ident)).select_by_value(value)


def status(driver, key: str) -> str:
    return driver.find_element(By.ID, f"s-{key}").text


def score_text(right: int, total: int, label: str = "html.total") -> str:
    return LABELS(label).format(right=right, total=total)


@pytest.fixture(scope="module")
def core(tmp_path_factory) -> Path:
    return page_for(tmp_path_factory.mktemp("html"), THAW, "worksheet")


@pytest.fixture(scope="module")
def stretch(tmp_path_factory) -> Path:
    return page_for(tmp_path_factory.mktemp("html"), THAW, "worksheet-stretch")


# ---------------------------------------------------------------- the file itself


def test_cli_writes_one_page_and_no_key(tmp_path):
    done = revpack("build", THAW, "-l", "worksheet", "-f", "html", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["thaw-worksheet.html"]
    assert not list(tmp_path.glob("*answers*"))


def test_self_contained(core):
    text = core.read_text("utf-8")
    assert not re.search(r"<(link|iframe|object|embed)\b", text, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*\"(?!data:|#)", text, re.I)
    assert "http://" not in text and "https://" not in text
    assert "@import" not in text and "url(" not in text


def test_byte_identical_rebuilds_and_seeds_differ(tmp_path):
    first = page_for(tmp_path, THAW, "worksheet").read_bytes()
    again = render(load_source(THAW), load_layout("worksheet"), Audience(seed=SEED), "html")
    assert again[0].data == first
    other = render(load_source(THAW), load_layout("worksheet"), Audience(seed=SEED + 1), "html")
    assert other[0].data != first


def test_class_and_language_on_the_page(tmp_path, browser):
    audience = Audience(class_name="11B", teacher="Mr Jones", seed=3)
    path = page_for(tmp_path, THAW, "worksheet", audience)
    open_page(browser, path)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en-GB"
    line = browser.find_element(By.CLASS_NAME, "rp-nameline").text
    assert "11B" in line
    assert "Mr Jones" in browser.find_element(By.CLASS_NAME, "rp-running").text
    assert "version 3" in browser.find_element(By.CLASS_NAME, "rp-foot").text


# ---------------------------------------------------------------- in the browser


def test_loads_nothing_offline(core, browser):
    browser.get("about:blank")
    requests(browser)  # forget the browser's own start-up requests
    open_page(browser, core)
    asked = requests(browser)
    assert asked and all(url == core.resolve().as_uri() for url in asked), asked
    assert browser.execute_script("return navigator.onLine") is False
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_script_hashes_and_normalises_as_python(core, browser):
    open_page(browser, core)
    samples = [
        "",
        "abc",
        "Iron Curtain",
        "  the   Warsaw\u00a0Pact. ",
        "Khrushchev\u2019s",
        "\u201cThaw\u201d",
        "1955\u20131962",
        "1955 - 1962",
        "ΟΔΟΣ",
        "Stra\u00dfe",
        "ﬁne",
        "x" * 200,
        "e\u0301",
        "de\u2011Stalinisation",
        "\u201cOut, damned spot!\u201d",
        "'instruments of darkness' ",
        "Why? ",
        '""',
        "P = I^2 R",
        "R_T =R\u2081",
        "10\u207b\u00b3 A",
        "CaCO\u2083 + 2HCl \u2192",
        "TIERS ETAT",
        "Tiers Etat",
        "Tiers etat",
        "les États généraux",
        " Clergé ",
        "McDonald",
        "ÉCOLE normale",
        "Fair is foul; and foul is fair",
        "ambition,",
        "1,000; 2,5: 3:1 ,",
        "Out, damned spot,”",
        "1.5 × 10⁸ m/s, 6x10^24 kg, 3 * 10^-3, ½ke², x^2, 10^x",
        "10⁻³ A and 2³ · 4",
        "v = i r and F = m a",
        "4200 J/kg °C, 40 °C and 45 °",
        "25 \u00baC, 25\u02daC, 1\u00ba cap\u00edtulo, 2\u00ba, 7 \u00baF and 5 \u02da",
        "4200 J / kg \u00b0C, and/ or, 11 / 11 / 1918, J /(kg K) and x / 2",
        "Reaktions\u00adge\u00adschwindigkeit, \u00ad and \u00ad\u00baC",
        "<<Madame Déficit>>, << Liberté >>, a << b and x >>= 2",
        "1789\u2013\u20601794 and 1955-\u206062",
        "x^2 + 5x + 6, (x + 2) (x + 3) and 3 \u221a5 \u00f7 2",
        "3.0 × 10⁸, 0.250, 100.00, 1.10.1918, .50 and 2.05",
    ]
    for text in samples:
        js = browser.execute_script("return window.revpack.normalise(arguments[0])", text)
        assert js == normalise(text), text
        cased = browser.execute_script("return window.revpack.normalise(arguments[0], 1)", text)
        assert cased == normalise(text, cased=True), text
        for name, python in (("capitalsForm", capitals_form), ("capitalsForms", capitals_forms)):
            js = browser.execute_script(f"return window.revpack.{name}(arguments[0])", text)
            assert js == python(text), (name, text)
        digest = browser.execute_script("return window.revpack.sha256(arguments[0])", text)
        assert digest == hashlib.sha256(text.encode()).hexdigest(), text


def test_no_answer_readable_before_checking(stretch, browser):
    # The stretch sheet has no word bank: an answer the paper sheet does not print anywhere
    # must not be in the page's text nor, as plain text, in its source.
    source, layout = load_source(THAW), load_layout("worksheet-stretch")
    sheet = assemble(source, layout, Audience(seed=SEED), LABELS).sheet
    # (a no-break space printed where an answer has a space: it still prints the answer)
    paper = " ".join(visible(block) for block in sheet.blocks).replace("\xa0", " ").casefold()
    found = exercises(THAW, "worksheet-stretch")
    answers = [g.answer for g in of(GapFill, found).gaps]
    answers += [e.when.plain for e in of(TimelineOrder, found).events]
    hidden = [a for a in answers if a.casefold() not in paper]
    assert len(hidden) >= len(answers) // 2
    open_page(browser, stretch)
    text = browser.execute_script("return document.body.innerText").casefold()
    html = stretch.read_text("utf-8").casefold()
    for answer in hidden:
        assert answer.casefold() not in text, answer
        assert answer.casefold() not in html, answer
        assert base64.b64encode(answer.encode()).decode() not in stretch.read_text("utf-8")


def visible(block) -> str:
    """What the paper sheet prints of a block (blanks print no answer)."""

    def inline(content):
        return "".join(p.text for p in content if isinstance(p, Run))

    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Paragraph):
        return inline(block.content)
    if isinstance(block, Table):
        cells: list[Cell] = [c for row in (block.header, *block.rows) for c in row]
        return " ".join(inline(c.content) for c in cells)
    if isinstance(block, WordBank):
        return " ".join(block.words)
    if isinstance(block, Box):
        return " ".join((block.title, *block.items))
    return ""


def test_right_answers_score_full_marks(core, browser):
    open_page(browser, core)
    found = exercises(THAW, "worksheet")
    gap_fill, matching, timeline = of(GapFill, found), of(Matching, found), of(TimelineOrder, found)
    for element, answer in first_inputs(browser, 1, gap_fill):
        element.send_keys(answer)
    for i, answer in enumerate(matching.answers, 1):
        choose(browser, f"e2-m{i}", letter(answer))
    for i in range(len(timeline.events)):
        choose(browser, f"e3-t{letter(i)}", str(timeline.order.index(i) + 1))
    browser.find_element(By.ID, "check-all").click()
    total = len(gap_fill.gaps) + len(matching.terms) + len(timeline.events)
    assert browser.find_element(By.ID, "score-all").text == score_text(total, total)
    assert browser.find_element(By.ID, "score-e1").text == score_text(
        len(gap_fill.gaps), len(gap_fill.gaps), "html.score"
    )
    marks = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".rp-status")]
    assert marks and all(m.startswith("\u2713") for m in marks)
    assert not browser.find_element(By.ID, "again-e1").is_displayed()
    # Every word of the bank is used once.
    bank = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li")
    assert bank and all("rp-used" in w.get_attribute("class") for w in bank)


def test_a_repeated_gap_mirrors_its_first_input(tmp_path, browser):
    # The chemistry notes repeat a key term unmarked in its sentence: one gap, two blanks.
    path = page_for(tmp_path, DATA / "worksheet" / "chemistry.yaml", "worksheet")
    open_page(browser, path)
    repeats = browser.find_elements(By.CSS_SELECTOR, "input[data-gap][id$='-2']")
    assert len(repeats) == 1
    key = repeats[0].get_attribute("data-key")
    browser.find_element(By.ID, key).send_keys("abc")
    assert repeats[0].get_attribute("value") == "abc"


def test_marking_forgives_case_spaces_quotes_and_dashes(tmp_path, browser):
    path = page_for(tmp_path, THAW, "worksheet-stretch")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(THAW, "worksheet-stretch"))
    for element, answer in first_inputs(browser, 1, gap_fill):
        sloppy = (
            "  "
            + answer.upper().replace(" ", "   ").replace("'", "\u2019").replace("-", " \u2013 ")
            + " "
        )
        element.send_keys(sloppy)
    browser.find_element(By.ID, "check-e1").click()
    count = len(gap_fill.gaps)
    assert browser.find_element(By.ID, "score-e1").text == score_text(count, count, "html.score")


def test_accepted_alternatives():
    articles = tuple(LABELS("html.articles").split())
    assert "warsaw pact" in alternatives("the Warsaw Pact", articles)
    assert {"de stalinisation", "destalinisation"} <= set(
        alternatives("De-Stalinisation", articles)
    )
    assert alternatives("Iron Curtain", articles) == ("iron curtain", "ironcurtain")
    # In French, a capital without its accent, as French keyboards type it (with or
    # without the article); in German, 'Apfel' is not 'Äpfel'. An arrow as '->'.
    french = tuple(load_labels("fr")("html.articles").split())
    assert load_labels("fr")("html.capital_accents") == "optional"
    found = alternatives("les États généraux", french, bare=True)
    assert {"etats généraux", "les etats généraux", "états généraux"} <= set(found)
    assert "etats generaux" not in found
    assert load_labels("de")("html.capital_accents") == "required"
    assert alternatives("Äpfel", ()) == ("äpfel",)
    # Punctuation between words is not marked ('Out damned spot' is a quotation recalled
    # word for word; 'ambition,' was copied with the sentence's comma), between figures it is.
    assert normalise("Out damned spot") == normalise("\u201cOut, damned spot!\u201d")
    assert normalise("Fair is foul and foul is fair") == normalise("Fair is foul; and foul is fair")
    assert normalise("ambition,") == normalise("ambition") == normalise("ambition ;")
    assert normalise("2,5") != normalise("25") and normalise("3:1") != normalise("31")
    assert normalise("H\u207a + OH\u207b \u2192 H\u2082O") == normalise("H+ + OH- ->H2O")
    assert normalise("N\u2082 + 3H\u2082 \u21cc 2NH\u2083") == normalise("N2 + 3H2 <=> 2NH3")
    # A hyphen between two digits is a minus sign: '103 mol' is not 10⁻³ mol; one
    # between a letter and a digit joins a name ('U2' is 'U-2').
    assert {"u 2", "u2"} <= set(alternatives("U-2", articles))
    # A power is typed with a caret ('10^-3'), a negative one also flat ('10-3'), a
    # positive one never ('108' is not 10⁸: a physics sheet took '1.5 × 108 m/s').
    assert alternatives("10\u207b\u00b3 mol", articles) == (
        "10^-3 mol",
        "10-3 mol",
        "10^-3mol",
        "10-3mol",
    )
    assert alternatives("semi-lunar 10\u207b\u00b3", articles) == (
        "semi-lunar 10^-3",
        "semi lunar 10^-3",
        "semilunar 10^-3",
        "semi-lunar 10-3",
        "semi lunar 10-3",
        "semilunar 10-3",
    )
    assert alternatives("1.5 \u00d7 10\u2078 m/s", articles) == (
        "1.5×10^8 m/s",
        "1.5×10^8 m s-1",  # (the unit's slash as a negative power)
        "1.5×10^8 ms-1",
        "150000000 m/s",  # (the number written out)
        "150000000 m s-1",
        "150000000 ms-1",
        "1.5×10^8m/s",
        "1.5×10^8m s-1",
        "1.5×10^8ms-1",
        "150000000m/s",
        "150000000m s-1",
        "150000000ms-1",
    )
    for typed in ("1.5x10^8 m/s", "1.5 * 10^8 m/s", "1.5 X 10^8 m/s"):
        assert normalise(typed) == "1.5×10^8 m/s", typed
    assert normalise("1.5 × 108 m/s") != normalise("1.5 × 10\u2078 m/s")
    assert normalise("\u00bdke\u00b2") == normalise("1/2ke^2") == "1/2ke2"
    assert normalise("3\u00bd") == "3 1/2" != normalise("31/2")  # (not thirty-one halves)
    assert normalise("v = i r") == normalise("V = IR") == "v=ir"  # (a formula's spaces)
    assert normalise("F = m a") == normalise("F=ma")
    # (a relation as a keyboard types it, its spaces saying nothing; '<-' before a figure
    # is less than a negative number, not an arrow)
    assert normalise("x \u2264 4") == normalise("x<=4") == normalise("x =< 4") == "x\u22644"
    assert normalise("a \u2260 b") == normalise("a != b") == normalise("a<>b")
    assert normalise("x < \u22125") == normalise("x<-5") != normalise("x < 5")
    assert normalise("a <- b") == "a<-b" and normalise("acid -> salt") == "acid->salt"
    # (a number with or without its thousands' commas or spaces, a point with no 0 before
    # it: '1000 mm³' was wrong for '1,000 mm³', '.75' for '0.75'; a decimal comma stays)
    assert normalise("1,000 mm\u00b3") == normalise("1000 mm3") == normalise("1 000 mm3")
    assert normalise("1 000 000") == normalise("1,000,000") == "1000000"
    assert normalise(".75") == normalise("0.75") != normalise("75")
    assert normalise("2,5") != normalise("25") and normalise("1,0000") != normalise("10000")


def test_wrong_answers_marked_wrong_then_try_again_and_reveal(core, browser):
    open_page(browser, core)
    found = exercises(THAW, "worksheet")
    gap_fill, matching = of(GapFill, found), of(Matching, found)
    inputs = first_inputs(browser, 1, gap_fill)
    inputs[0][0].send_keys("definitely not it")
    inputs[1][0].send_keys(inputs[1][1])
    for i, answer in enumerate(matching.answers, 1):
        choose(browser, f"e2-m{i}", letter((answer + 1) % len(matching.meanings)))
    browser.find_element(By.ID, "check-all").click()
    total = len(gap_fill.gaps) + len(matching.terms) + len(of(TimelineOrder, found).events)
    assert browser.find_element(By.ID, "score-all").text == score_text(1, total)
    first = "e1-g1"
    assert status(browser, first).startswith("\u2717")
    assert LABELS("html.wrong") in browser.find_element(By.ID, f"s-{first}").get_attribute(
        "textContent"
    )
    assert browser.find_element(By.ID, first).get_attribute("aria-invalid") == "true"
    assert status(browser, "e1-g2").startswith("\u2713")
    assert LABELS("html.unanswered") in browser.find_element(By.ID, "s-e1-g3").get_attribute(
        "textContent"
    )
    assert all(
        status(browser, f"e2-m{i}").startswith("\u2717") for i in range(1, len(matching.terms) + 1)
    )
    # The score is announced to screen readers.
    assert browser.find_element(By.ID, "score-e1").get_attribute("role") == "status"
    # Show answer reveals it.
    browser.find_element(By.ID, f"r-{first}").click()
    shown = browser.find_element(By.ID, f"a-{first}").text
    assert shown == LABELS("html.answer", answer=gap_fill.gaps[0].answer)
    assert not browser.find_element(By.ID, "r-e1-g2").is_displayed()
    browser.find_element(By.ID, "r-e2-m1").click()
    meaning = matching.meanings[matching.answers[0]].plain
    assert meaning in browser.find_element(By.ID, "a-e2-m1").text
    # Try again clears the wrong answer, keeps the right one, focuses the first wrong.
    browser.find_element(By.ID, "again-e1").click()
    assert inputs[0][0].get_attribute("value") == ""
    assert inputs[1][0].get_attribute("value") == inputs[1][1]
    assert browser.switch_to.active_element.get_attribute("id") == first
    assert status(browser, first) == ""
    assert browser.find_element(By.ID, "score-e1").text == ""


def test_keyboard_alone_completes_the_matching(core, browser):
    open_page(browser, core)
    matching = of(Matching, exercises(THAW, "worksheet"))
    keys = ActionChains(browser)

    def focused() -> str:
        return browser.switch_to.active_element.get_attribute("id") or ""

    for _ in range(300):
        keys.send_keys(Keys.TAB).perform()
        if focused() == "e2-m1":
            break
    assert focused() == "e2-m1"
    # The focused control shows a focus ring.
    ring = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
    for i, answer in enumerate(matching.answers, 1):
        assert focused() == f"e2-m{i}"
        for _ in range(answer + 1):  # past "Choose…" to the letter
            keys.send_keys(Keys.ARROW_DOWN).perform()
        keys.send_keys(Keys.TAB).perform()
    assert focused() == "check-e2"
    keys.send_keys(Keys.ENTER).perform()
    count = len(matching.terms)
    assert browser.find_element(By.ID, "score-e2").text == score_text(count, count, "html.score")


def test_every_control_has_a_label(core, browser):
    open_page(browser, core)
    unlabelled = browser.execute_script("""
        return [...document.querySelectorAll('input, select, textarea, button')]
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                       && !e.textContent.trim())
          .map(e => e.id);""")
    assert unlabelled == []
    levels = browser.execute_script(
        "return [...document.querySelectorAll('h1,h2,h3,h4')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def _described(browser, selector: str) -> tuple[str, str]:
    """The accessible name and description Chromium computes for the element."""
    document = browser.execute_cdp_cmd("DOM.getDocument", {})
    node = browser.execute_cdp_cmd(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector}
    )
    tree = browser.execute_cdp_cmd(
        "Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False}
    )
    found = tree["nodes"][0]
    return found["name"]["value"], found.get("description", {}).get("value", "")


def test_a_screen_reader_hears_each_gaps_sentence(core, browser):
    # A gap's accessible name was "Gap 3" alone: moving from gap to gap by Tab, a
    # screen reader user heard a number and never the sentence it stood in.
    open_page(browser, core)
    fill = worksheet(load_source(THAW), load_layout("worksheet").options, 0).exercises[0]
    assert isinstance(fill, GapFill)
    lines = [line for g in fill.groups for i in g.items for line in i.lines]
    ids = browser.execute_script(
        "return [...document.querySelectorAll('input[data-gap]')].map(e => e.id)"
    )
    assert ids
    for ident in ids[:3] + ids[-2:]:
        name, description = _described(browser, f"#{ident}")
        number = int(ident.split("-g")[1].split("-")[0])
        assert name.startswith(f"Gap {number}"), name
        line = next(x for x in lines if any(getattr(p, "number", 0) == number for p in x))
        shown = "".join("" if hasattr(p, "number") else p.text for p in line)
        words = re.findall(r"[^\W\d_]{4,}", shown)
        assert words and all(w in description for w in words), (description, shown)


def test_model_notes_stay_hidden_until_asked(core, browser):
    open_page(browser, core)
    source = load_source(THAW)
    point = source.factors[0].points[0].text.plain
    assert point not in browser.execute_script("return document.body.innerText")
    button = browser.find_element(By.CSS_SELECTOR, "button[data-notes]")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert point in browser.execute_script("return document.body.innerText")


def test_phone_width_needs_no_sideways_scroll(core, browser):
    open_page(browser, core, 375, 800)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    open_page(browser, core)


def test_prints_like_the_paper_sheet(core, browser, tmp_path):
    open_page(browser, core)
    pdf = tmp_path / "printed.pdf"
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf.write_bytes(base64.b64decode(printed["data"]))
    text = pdftotext(pdf)
    assert "The Thaw and Peaceful Coexistence" in text
    assert LABELS("html.check_all") not in text and LABELS("html.show_notes") not in text
    assert "(1)" in text
    assert text.count("\f") >= 2  # the extended answer starts its own page


def test_escapes_every_text(tmp_path, browser):
    path = page_for(tmp_path, DATA / "worksheet" / "markup.yaml", "worksheet")
    open_page(browser, path)
    text = browser.execute_script("return document.body.innerText")
    assert "<b>bold</b> stays literal" in text
    assert "Tim Berners-Lee publishes the first <html> tags." in text
    assert browser.find_elements(By.CSS_SELECTOR, "main b, main img, main br") == []
    gap_fill = of(GapFill, exercises(DATA / "worksheet" / "markup.yaml", "worksheet"))
    for element, answer in first_inputs(browser, 1, gap_fill):
        element.send_keys(answer)
    browser.find_element(By.ID, "check-e1").click()
    count = len(gap_fill.gaps)
    assert browser.find_element(By.ID, "score-e1").text == score_text(count, count, "html.score")


def test_gap_numbers_are_the_models(core):
    # Gap numbers on the page are those of the model (and so of the DOCX and its key).
    html = core.read_text("utf-8")
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    numbers = [int(n) for n in re.findall(r'<input type="text" id="e1-g(\d+)"', html)]
    assert numbers == [g.number for g in gap_fill.gaps]


def test_support_tier_hints_each_gap_with_its_first_letter(tmp_path, browser):
    path = page_for(tmp_path, THAW, "worksheet-support")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(THAW, "worksheet-support"))
    for element, answer in first_inputs(browser, 1, gap_fill):
        hint = next(c for c in answer if c.isalnum())
        assert element.get_attribute("placeholder") == f"{hint}…"


def test_on_the_support_tier_the_rest_of_a_word_after_its_hint_is_right(tmp_path, browser):
    # The paper sheet prints the first letter and the student writes the rest: typed so,
    # 'nternal energy' was told to check its spelling.
    path = page_for(tmp_path, THAW, "worksheet-support")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(THAW, "worksheet-support"))
    boxes = first_inputs(browser, 1, gap_fill)[:6]
    for index, (element, answer) in enumerate(boxes):
        start = next(i for i, c in enumerate(answer) if c.isalnum()) + 1
        element.send_keys(answer[start:] if index % 2 else answer[start:] + "x")
    browser.find_element(By.ID, "check-e1").click()
    marks = [status(browser, element.get_attribute("id")) for element, _ in boxes]
    assert [mark.startswith("\u2713") for mark in marks] == [False, True] * 3, marks


def test_a_students_page_carries_their_name_and_seed(tmp_path, browser):
    # A student's audience: their name on the name line, their own seed and page.
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Student(Audience):
        student: str = ""

    amira = page_for(
        tmp_path, THAW, "worksheet", Student(class_name="11B", seed=11, student="Amira Khan")
    )
    ben = page_for(
        tmp_path, THAW, "worksheet", Student(class_name="11B", seed=12, student="Ben Ot")
    )
    assert amira.read_bytes() != ben.read_bytes()
    open_page(browser, amira)
    line = browser.find_element(By.CLASS_NAME, "rp-nameline").text
    assert "Amira Khan" in line and "11B" in line
    assert "version 11" in browser.find_element(By.CLASS_NAME, "rp-foot").text


def test_text_has_good_contrast(core, browser):
    open_page(browser, core)
    browser.find_element(By.ID, "e1-g1").send_keys("wrong")
    browser.find_element(By.ID, "check-all").click()
    browser.find_element(By.ID, "r-e1-g1").click()
    checked, poor = contrast(
        browser, "h1, h2, h3, p, li, label, button, .rp-status, .rp-answer, .rp-foot, .rp-running"
    )
    assert checked > 50 and poor == []


def test_a_pack_builds_html_for_the_classes_that_ask(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"pack: Screens\nsources: [{THAW}]\nlayouts: [worksheet, summary]\n"
        "classes:\n  - {name: 10A, formats: [html]}\n  - {name: 10B}\n",
        "utf-8",
    )
    done = revpack("build", pack, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    root = tmp_path / "out" / "screens"
    assert sorted(p.name for p in (root / "10a").iterdir() if p.suffix != ".json") == [
        "thaw-summary.html",
        "thaw-worksheet.html",
    ]
    assert (root / "10b" / "thaw-worksheet.docx").exists()
    assert not list((root / "10b").glob("*.html"))
    assert "10A" in (root / "10a" / "thaw-worksheet.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("source", "article"), [(THAW, "the"), (DATA / "sources" / "machtergreifung-de.yaml", "die")]
)
def test_an_article_the_student_adds_is_forgiven(tmp_path, browser, source, article):
    # 'die Kommunisten' for 'Kommunisten' was marked wrong: only the expected answer's own
    # article was optional. An article of the page's language before any answer is too.
    path = page_for(tmp_path, source, "worksheet-stretch")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(source, "worksheet-stretch"))
    for element, answer in first_inputs(browser, 1, gap_fill):
        element.send_keys(f"{article} {answer}")
    browser.find_element(By.ID, "check-e1").click()
    marks = [status(browser, f"e1-g{gap.number}") for gap in gap_fill.gaps]
    assert all(mark.startswith("\u2713") for mark in marks), marks


QUOTATIONS = """title: Macbeth
factors:
  - title: Guilt
    points:
      - Lady Macbeth sleepwalks, crying ==“Out, damned spot!”==
      - The witches are ==‘instruments of darkness’== to Banquo.
      - Macbeth hears a voice cry ==Macbeth does murder sleep==.
"""


def test_a_quotation_is_right_with_or_without_its_marks(tmp_path, browser):
    # English literature's key terms are quotations: typed without their quotation marks
    # (or their '!') they were marked wrong.
    source = tmp_path / "macbeth.yaml"
    source.write_text(QUOTATIONS, "utf-8")
    path = page_for(tmp_path, source, "worksheet-stretch")
    typed = {
        1: ["Out, damned spot", "out, damned spot!", "\u201cOut, damned spot!\u201d"],
        2: ["instruments of darkness", "'instruments of darkness'"],
        3: ['"Macbeth does murder sleep"', "Macbeth does murder sleep"],
    }
    for attempt in range(3):
        open_page(browser, path)
        for number, answers in typed.items():
            field = browser.find_element(By.ID, f"e1-g{number}")
            field.send_keys(answers[attempt % len(answers)])
        browser.find_element(By.ID, "check-e1").click()
        marks = [status(browser, f"e1-g{number}") for number in typed]
        assert all(mark.startswith("\u2713") for mark in marks), (attempt, marks)


FORMULAE = """title: Rates
factors:
  - title: Limestone
    points:
      - Limestone is ==CaCO~3~==; acid makes ==carbon dioxide==.
  - title: Haber
    points:
      - The Haber process makes ==NH~3~== from nitrogen.
"""


def marked(browser, path: Path, typed: tuple[str, ...]) -> tuple[bool, ...]:
    """Each answer typed in the first exercise's gaps in turn, then checked: right or not."""
    open_page(browser, path)
    for number, answer in enumerate(typed, 1):
        browser.find_element(By.ID, f"e1-g{number}").send_keys(answer)
    browser.find_element(By.ID, "check-e1").click()
    return tuple(
        status(browser, f"e1-g{number}").startswith("\u2713") for number in range(1, len(typed) + 1)
    )


ETATS = """title: La Révolution
language: fr
factors:
  - title: Les ordres
    points:
      - Le ==tiers état== paie l'impôt, pas le ==clergé==.
      - En 1789 le roi convoque ==les États généraux==.
"""

WEIMAR = """title: Weimar
language: de
factors:
  - title: Krisen
    points:
      - Am ==9. November 1918== wurde die Republik ausgerufen.
      - Im ==Oktober 1929== kam der ==Börsencrash==.
      - Die ==Dolchstoßlegende== schadete der Republik.
"""

ARMISTICE = """title: Armistice
factors:
  - title: The end
    points:
      - The war ended on ==11 November 1918==.
      - The treaty was signed in ==June 1919==.
"""

ACIDS = """title: Acids
factors:
  - title: Acids
    points:
      - The stomach makes ==HCl==; the lab alkali is ==NaOH==.
      - It was the ==McCarthy== era.
"""

MARKED = {
    # 'HCL' and 'naoh' were right for 'HCl' and 'NaOH' (no subscript told they were
    # formulas); a name with two capitals is no formula.
    "a formula of element symbols in its capitals, a name in any": (
        ACIDS,
        [
            (("HCl", "NaOH", "mccarthy"), (True, True, True)),
            (("HCL", "naoh", "MCCARTHY"), (False, False, True)),
        ],
    ),
    # 'CaCo3' (cobalt) and 'nh3' were marked right for 'CaCO₃' and 'NH₃'.
    "a formula in its capitals, words in any": (
        FORMULAE,
        [
            (("CaCO3", "CARBON DIOXIDE", "NH3"), (True, True, True)),
            (("CaCO\u2083", "carbon dioxide", "NH\u2083"), (True, True, True)),
            (("CaCo3", "Carbon Dioxide", "nh3"), (False, True, False)),
            (("caco3", "carbon-dioxide", "Nh3"), (False, True, False)),
        ],
    ),
    # French keyboards make a capital's accent hard to type: 'Tiers Etat', 'CLERGE' and
    # 'Etats Generaux' were marked wrong, as only the source's own capitals could lose
    # theirs. A small letter still needs its accent: 'tiers etat', 'Clerge'.
    "in French a capital may lose its accent, a small letter not": (
        ETATS,
        [
            (("Tiers Etat", "CLERGE", "ETATS GENERAUX"), (True, True, True)),
            (("TIERS ÉTAT", "Clergé", "les Etats généraux"), (True, True, True)),
            (("Tiers état", "clergé", "Etats Généraux"), (True, True, True)),
            (("tiers etat", "Clerge", "Etats Generaux"), (False, False, False)),
            (("Tiers etat", "clerge", "les etats generaux"), (False, False, False)),
        ],
    ),
    # "9.11.1918", as German students write a date, was wrong for "9. November 1918", and
    # so were "Dolchstosslegende" (Swiss German, and ß in capitals) and "Boersencrash".
    # A date typed more exactly than the answer is right; less exactly, or another, not.
    "a date in figures or words, ß as ss and ä as ae": (
        WEIMAR,
        [
            (("9.11.1918", "24. Oktober 1929", "Boersencrash", "Dolchstosslegende"), (True,) * 4),
            (("09.11.1918", "10.1929", "BÖRSENCRASH", "DOLCHSTOSSLEGENDE"), (True,) * 4),
            (("am 9. Nov. 1918", "Okt. 1929", "börsencrash", "die Dolchstoßlegende"), (True,) * 4),
            (("1918", "1929", "Borsencrash", "Dolchstoslegende"), (False,) * 4),
            (("10.11.1918", "September 1929", "Börsen crash", "Dolchstoß"), (False,) * 4),
        ],
    ),
    "a date in any of the ways English students write it": (
        ARMISTICE,
        [
            (("11/11/1918", "28 June 1919"), (True, True)),
            (("November 11th, 1918", "6/1919"), (True, True)),
            (("the 11th of November 1918", "Jun 1919"), (True, True)),
            (("1918", "1919"), (False, False)),
            (("12 November 1918", "July 1919"), (False, False)),
            (("31/11/1918", "13/1919"), (False, False)),
        ],
    ),
    # A repeat blanked before its gap ('chaque (1) ____' for 'impôt') was the page's answer
    # to that number: 'impôts' was wrong and 'impôt' right, and the key said 'impôts'.
    "a repeat before its gap is marked by the gap's answer": (
        "title: Impôts\nlanguage: fr\nfactors:\n  - title: Un\n    points:\n"
        "      - Il paie chaque impôt au roi.\n      - Les ==impôts== sont lourds.\n",
        [(("impôts",), (True,)), (("impôt",), (False,))],
    ),
    # '1,500', '12,500' and '2.500' were right for 500: read as January of the year 500.
    "a number is no date": (
        "title: Sums\nfactors:\n  - title: One\n    points:\n"
        "      - It cost ==500== marks, then ==1918== marks.\n",
        [
            (("500", "1918"), (True, True)),
            (("1,500", "January 1918"), (False, False)),
            (("2.500", "1/1918"), (False, False)),
        ],
    ),
    # 'J kg-1 °C-1', the correct form, was wrong and 'J kg-1 °C' right; 'mol/(l*s)' wrong,
    # as no keyboard types the middle dot; 'ºC' (a Mac's Option-0) wrong.
    "a unit divided by two, and a degree sign's look-alike": (
        "title: Heat\nfactors:\n  - title: One\n    points:\n"
        "      - Water takes ==4200 J/kg \u00b0C== at ==25 \u00b0C== and ==0.5 mol/(l\u00b7s)==.\n"
        "      - It needs ==84 kJ==.\n",
        [
            (("4200 J kg-1 \u00b0C-1", "25 \u00baC", "0.5 mol/(l*s)", "84000 J"), (True,) * 4),
            (("4200 J / kg \u00b0C", "25\u02daC", "0.5 mol l-1 s-1", "84 000 J"), (True,) * 4),
            (("4200 J kg-1 \u00b0C", "25 \u00ba", "0.5 mol/(l+s)", "84 J"), (False,) * 4),
        ],
    ),
    # 'x^2+5x+6' was wrong (an expression's spaces had to match), 'x3' right for 'x − 3'
    # (a minus sign left out) and '2*2-8x' for '2x² − 8x' (the variable read as a times sign).
    "an expression typed without spaces, never without its minus": (
        "title: Algebra\nfactors:\n  - title: One\n    points:\n"
        "      - It expands to ==x^2^ + 5x + 6==, then ==x \u2212 3== and ==2x^2^ \u2212 8x==.\n",
        [
            (("x^2+5x+6", "x-3", "2x^2-8x"), (True, True, True)),
            (("x2 + 5x + 6", "x - 3", "2x2 - 8x"), (True, True, True)),
            (("x^2+5x-6", "x3", "2*2-8x"), (False, False, False)),
        ],
    ),
}
"""A case: the source, then answers typed in its first exercise's gaps and whether each
is marked right."""


@pytest.mark.parametrize("case", MARKED)
def test_what_is_typed_is_marked_as_a_teacher_would(tmp_path, browser, case):
    text, rows = MARKED[case]
    source = tmp_path / "marked.yaml"
    source.write_text(text, "utf-8")
    path = page_for(tmp_path, source, "worksheet-stretch")
    for typed, right in rows:
        assert marked(browser, path, typed) == right, typed


def test_two_events_of_one_date_are_right_in_either_order(tmp_path, browser):
    from test_exercises import TIED

    source = tmp_path / "ties.yaml"
    source.write_text(TIED, "utf-8")
    path = page_for(tmp_path, source, "worksheet")
    found = exercises(source, "worksheet")
    timeline = of(TimelineOrder, found)
    ident = f"e{found.index(timeline) + 1}"
    by_what = {e.what.plain: i for i, e in enumerate(timeline.events)}
    swapped = {
        "The Normans land.": "1",
        "Magna Carta is sealed.": "3",
        "The barons rebel.": "2",
        "The Black Death arrives.": "4",
    }
    for places in (swapped, {**swapped, "Magna Carta is sealed.": "2", "The barons rebel.": "3"}):
        open_page(browser, path)
        for what, place in places.items():
            choose(browser, f"{ident}-t{letter(by_what[what])}", place)
        browser.find_element(By.ID, f"check-{ident}").click()
        marks = [status(browser, f"{ident}-t{letter(i)}") for i in range(4)]
        assert all(mark.startswith("\u2713") for mark in marks), (places, marks)


@pytest.mark.parametrize(
    ("source", "language"), [(THAW, "en-GB"), (DATA / "sources" / "machtergreifung-de.yaml", "de")]
)
def test_the_page_asks_to_choose_where_it_gives_lists_to_choose_from(tmp_path, source, language):
    # The page said "Write the letter of the correct meaning next to each term" above
    # drop-down lists.
    labels = load_labels(language)
    page = lxml.html.fromstring(page_for(tmp_path, source, "worksheet").read_bytes())
    said = [" ".join(p.text_content().split()) for p in page.xpath("//p[@class='rp-instructions']")]
    events = len(of(TimelineOrder, exercises(source, "worksheet")).events)
    assert labels("html.matching_instructions") in said
    assert labels("html.timeline_instructions", count=events) in said
    assert labels("matching.instructions") not in said
    assert labels("timeline_order.instructions", count=events) not in said


SCRIPTED_MEANINGS = """title: The heart
factors:
  - title: Output
    points: [The heart pumps about ==5 litres== a minute.]
terms:
  - term: Stroke volume
    meaning: The volume of blood pumped in one beat (about 70 cm^3^).
  - term: Oxygen
    meaning: The gas (O~2~) that red blood cells carry.
  - term: Plasma
    meaning: The liquid part of the blood.
"""


def test_show_answer_writes_a_meanings_scripts_as_scripts(tmp_path, browser):
    # The matching's answer read "(about 70 cm3)" and "(O2)".
    source = tmp_path / "heart.yaml"
    source.write_text(SCRIPTED_MEANINGS, "utf-8")
    open_page(browser, page_for(tmp_path, source, "worksheet"))
    matching = of(Matching, exercises(source, "worksheet"))
    ident = browser.find_element(By.CSS_SELECTOR, "select[id$='-m1']").get_attribute("id")[:-3]
    for i, answer in enumerate(matching.answers, 1):
        choose(browser, f"{ident}-m{i}", letter((answer + 1) % len(matching.meanings)))
    browser.find_element(By.ID, f"check-{ident}").click()
    shown = []
    for i in range(1, len(matching.terms) + 1):
        browser.find_element(By.ID, f"r-{ident}-m{i}").click()
        shown.append(browser.find_element(By.ID, f"a-{ident}-m{i}").text)
    assert any("70 cm³" in text for text in shown) and any("(O₂)" in text for text in shown)
    assert not any("cm3" in text or "O2" in text for text in shown)


def test_on_a_phone_two_gaps_on_consecutive_lines_never_touch(core, browser):
    # Marked, a box is ringed 2 px wide: on a phone, boxes one line apart touched.
    open_page(browser, core, width=390, height=844)
    browser.find_element(By.ID, "check-e1").click()
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('p.rp-gap input, p.rp-gap-sub input'))"
        ".map(function (i) { var r = i.getBoundingClientRect(); return [r.left, r.top, r.right,"
        " r.bottom]; });"
    )
    assert len(boxes) > 10
    ring = 2
    for a in boxes:
        for b in boxes:
            if b[1] > a[3] - 1 and b[0] < a[2] and a[0] < b[2]:  # b a line below a, across it
                assert b[1] - a[3] >= 2 * ring, (a, b)


@pytest.mark.parametrize(
    "typed",
    [
        {"1066": "14 October 1066", "1215": "June 1215", "1348": "1349"},
        # ('in 1861', 'c. 1879' and '1867 AD' were wrong for the year alone)
        {"1066": "in 1066", "1215": "c. 1215", "1348": "in 1349"},
        {"1066": "1066 AD", "1215": "circa 1215", "1348": "c. 1066"},
    ],
)
def test_a_date_box_takes_a_date_more_exact_than_its_year(tmp_path, browser, typed):
    # '31 January 1953', the day of the North Sea flood, was wrong for '1953' in the
    # stretch sheet's date boxes; a year less exact, or another, still is.
    from test_exercises import TIED

    source = tmp_path / "ties.yaml"
    source.write_text(TIED, "utf-8")
    path = page_for(tmp_path, source, "worksheet-stretch")
    found = exercises(source, "worksheet-stretch")
    timeline = of(TimelineOrder, found)
    assert timeline.ask_dates
    ident = f"e{found.index(timeline) + 1}"
    when = {letter(i): e.when.plain for i, e in enumerate(timeline.events)}
    open_page(browser, path)
    for mark, year in when.items():
        browser.find_element(By.ID, f"{ident}-d{mark}").send_keys(typed[year])
    browser.find_element(By.ID, f"check-{ident}").click()
    marks = {when[m]: status(browser, f"{ident}-d{m}")[:1] for m in when}
    assert marks == {"1066": "\u2713", "1215": "\u2713", "1348": "\u2717"}


def test_a_timelines_controls_are_named_with_their_event(tmp_path):
    # A screen reader said only "Order of event A" and "Date A".
    page = lxml.html.fromstring(page_for(tmp_path, THAW, "worksheet-stretch").read_bytes())
    timeline = of(TimelineOrder, exercises(THAW, "worksheet-stretch"))
    first = timeline.events[0].what.plain
    [order] = page.xpath("//select[contains(@id, '-tA')]")
    assert order.get("aria-label") == f"{LABELS('html.order_of', letter='A')}: {first}"
    [date] = page.xpath("//input[contains(@id, '-dA')]")
    label = page.xpath(f"//label[@for='{date.get('id')}']")[0].text_content()
    assert first in label


def test_the_page_says_what_it_leaves_out_as_the_docx_does(tmp_path):
    # The DOCX and PDF said the sheet had no gap fill for want of key terms; the page
    # left it out silently.
    done = revpack(
        "build",
        DATA / "worksheet" / "no-marks.yaml",
        "-l",
        "worksheet",
        "-f",
        "html",
        "-o",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "worksheet leaves out the gap fill" in done.stderr
    assert "Fill the gaps" not in (tmp_path / "no-marks-worksheet.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("answer", "typed", "right"),
    [
        ("£2 million", "£2m", True),
        ("£2m", "£2 million", True),
        ("5 km", "5 kilometres", True),
        ("9 m", "9 metres", True),
        # ('m' after a number is metres, but after a sum of money: a physics sheet's
        # '9 m' took '9 million', and '5 million' took '5 m' and '5 metres')
        ("9 m", "9 million", False),
        ("5 million", "5 m", False),
        ("5 million", "5 metres", False),
        ("90 m", "90 million", False),
        # (a physics sheet's units, written out: "230 volts" was wrong for "230 V")
        ("230 V", "230 volts", True),
        ("0.25 Ω", "0.25 ohms", True),
        ("3 kWh", "3 kilowatt hours", True),
        ("2400 N", "2400 newtons", True),
        ("230 V", "23 V", False),
        ("£2m", "£2 metres", False),  # (a sum of money keeps its measure unit)
        ("2 × 10³ V", "2x10^3 volts", True),  # (a power is no formula: any capitals)
        # (English writes many compounds both ways: "flood plain" was wrong for "Floodplain")
        ("Floodplain", "flood plain", True),
        ("sea wall", "seawall", True),
        # (a keyboard has no micro sign: '22uF' was wrong for '22 µF')
        ("22 \u00b5F", "22uF", True),
        ("22 \u00b5F", "22 uf", True),
        ("5 \u03bcm", "5um", True),
        ("5 \u00b5m", "5 mm", False),
        ("22 \u00b5F", "22 F", False),
        # (a biology page took '37 degrees C', not the textbook's '37 degrees Celsius')
        ("37 \u00b0C", "37 degrees Celsius", True),
        ("37 \u00b0C", "37 celsius", True),
        ("37 \u00b0C", "37 centigrade", True),
        ("37 \u00b0C", "36 degrees Celsius", False),
        # (the support hint 'a' led to 'aq', wrong for the state symbol '(aq)')
        ("(aq)", "aq", True),
        ("(aq)", "(l)", False),
        # (a keyboard has no π: 'pi r^2' and '9pi cm2' were wrong)
        ("A = \u03c0r\u00b2", "A = pi r^2", True),
        ("9\u03c0 cm\u00b2", "9pi cm2", True),
        ("9\u03c0 cm\u00b2", "9 pi cm^2", True),
        ("in terms of \u03c0", "in terms of pi", True),
        ("9\u03c0 cm\u00b2", "9 cm2", False),
        # (exam boards take -ize beside -ise: 'ionized' was wrong on an English page)
        ("ionised", "ionized", True),
        ("neutralisation", "neutralization", True),
        ("analyse", "analyze", True),
        ("ionized", "ionised", True),
        ("rise", "rize", False),
        # (a micrometre written out, a ratio spaced as textbooks print it)
        ("0.5 \u00b5m", "0.5 micrometres", True),
        ("0.5 \u00b5m", "0.5 microns", True),
        ("0.5 \u00b5m", "0.5 millimetres", False),
        ("6:1", "6 : 1", True),
        ("6:1", "6: 1", True),
        ("6:1", "1:6", False),
        ("6:1", "6 1", False),
        # (a unit's negative power typed flat: 'm s2', a square, was right for 'm s⁻²')
        ("\u22122.5 m s\u207b\u00b2", "-2.5 m s2", False),
        ("\u22122.5 m s\u207b\u00b2", "-2.5 m s 2", False),
        ("\u22122.5 m s\u207b\u00b2", "-2.5 m s-2", True),
        ("\u22122.5 m s\u207b\u00b2", "-2.5 m s^-2", True),
        ("mol dm\u207b\u00b3", "mol dm3", False),
        ("U-2", "U2", True),  # (a name's hyphen is still a join)
        # (a power Unicode has no characters for, as the sheet writes it: 'am+n' was right)
        ("a^(m+n)", "a^(m+n)", True),
        ("a^(m+n)", "am+n", False),
        # (a unit's slash as a negative power, and back: 'm s-1' was wrong for 'm/s')
        ("100 m/s", "100 m s-1", True),
        ("100 m/s", "100 ms^-1", True),
        ("9.8 m/s\u00b2", "9.8 m s-2", True),
        ("9.8 m/s\u00b2", "9.8 m s-1", False),
        ("2 mol/dm\u00b3", "2 mol dm-3", True),
        ("\u22122.5 m s\u207b\u00b2", "-2.5 m/s2", True),
        ("supply/demand", "supply demand-1", False),
        # (a number in standard form written out in figures: '300000000 m/s' was wrong)
        ("3.0 \u00d7 10\u2078 m/s", "300000000 m/s", True),
        ("3.0 \u00d7 10\u2078 m/s", "300,000,000 m/s", True),
        ("3.0 \u00d7 10\u2078 m/s", "30000000 m/s", False),
        ("1.5 \u00d7 10\u207b\u00b3 m", "0.0015 m", True),
        # (a Greek letter by its name: 'lambda' was wrong for 'λ')
        ("\u03bb", "lambda", True),
        ("v = f\u03bb", "v = f lambda", True),
        # (a product of letters with a times sign or none: 'v = f x lambda' was wrong)
        ("v = f \u00d7 \u03bb", "v = f x lambda", True),
        ("v = f \u00d7 \u03bb", "v = f*lambda", True),
        ("v = f \u00d7 \u03bb", "v = f/lambda", False),
        ("V = IR", "V = I x R", True),
        ("c = 3 \u00d7 10^8", "c = 3 x 10^8", True),
        ("c = 3 \u00d7 10^8", "c = 310^8", False),
        # (a degree sign with or without a space before it: 'J/kg°C' was wrong)
        ("4200 J/kg \u00b0C", "4200 J/kg\u00b0C", True),
        ("4200 J/kg \u00b0C", "4200 J/kg C", False),
        ("40\u00b0C", "40 \u00b0C", True),
        # (a number to fewer places: '3 x 10^8 m/s' was wrong for '3.0 × 10⁸ m/s')
        ("3.0 \u00d7 10\u2078 m/s", "3 x 10^8 m/s", True),
        ("3.0 \u00d7 10\u2078 m/s", "3.00 x 10^8 m/s", True),
        ("3.0 \u00d7 10\u2078 m/s", "3.1 x 10^8 m/s", False),
        ("0.250 \u03a9", "0.25 \u03a9", True),
        ("37.0 \u00b0C", "37 \u00b0C", True),
        ("37.0 \u00b0C", "370 \u00b0C", False),
        # (a slash dividing by two units: the correct 'J kg-1 °C-1' was wrong and 'J kg-1
        # °C', another unit, right; a product of units in brackets only with a middle dot,
        # which no keyboard has; a degree sign's look-alikes were wrong)
        ("4200 J/kg \u00b0C", "4200 J kg-1 \u00b0C-1", True),
        ("4200 J/kg \u00b0C", "4200 J kg\u207b\u00b9 \u00b0C\u207b\u00b9", True),
        ("4200 J/kg \u00b0C", "4200 J kg^-1 \u00b0C^-1", True),
        ("4200 J/kg \u00b0C", "4200 J/(kg \u00b0C)", True),
        ("4200 J/kg \u00b0C", "4200 J/kg/\u00b0C", True),
        ("4200 J/kg \u00b0C", " 4200  J / kg  \u00b0C ", True),
        ("4200 J/kg \u00b0C", "4200 J/kg \u00baC", True),
        ("4200 J/kg \u00b0C", "4200 J kg-1 \u00b0C", False),
        ("4200 J/kg \u00b0C", "4200 J kg-1", False),
        ("25 \u00b0C", "25 \u00baC", True),
        ("25 \u00b0C", "25\u02daC", True),
        ("25 \u00b0C", "25 \u00ba", False),
        ("0.5 mol/(l\u00b7s)", "0.5 mol/(l*s)", True),
        ("0.5 mol/(l\u00b7s)", "0.5 mol/(l s)", True),
        ("0.5 mol/(l\u00b7s)", "0.5 mol/(l.s)", True),
        ("0.5 mol/(l\u00b7s)", "0.5 mol/(l\u22c5s)", True),
        ("0.5 mol/(l\u00b7s)", "0.5 mol l-1 s-1", True),
        ("0.5 mol/(l\u00b7s)", "0.5 mol/l/s", True),
        ("0.5 mol/(l\u00b7s)", "0.5 mol/(l+s)", False),
        ("0.5 mol/(l\u00b7s)", "0.5 mol l-1 s", False),
        ("8.3 J/mol K", "8.3 J mol-1 K-1", True),
        ("5 m/s for ever", "5 m s-1 for ever", True),
        ("5 m/s for ever", "5 m s-1 for-1 ever", False),
        # (a quantity in another prefix of its unit: '84 000 J' was wrong for '84 kJ')
        ("84 kJ", "84000 J", True),
        ("84 kJ", "84,000 J", True),
        ("126 000 J", "126 kJ", True),
        ("0.5 kg", "500 g", True),
        ("2 MW", "2000 kW", True),
        ("2 MW", "2000 mW", False),
        ("84 kJ", "84 J", False),
        ("84 kJ", "0.084 mJ", False),
        ("5 mm", "0.005 m", True),
        # (a minus sign left out was right, 'x3' for 'x − 3', a hyphen being optional; and
        # a variable between figures a times sign, '2*2-8x' for '2x² − 8x')
        ("x\u22123", "x3", False),
        ("x\u22123", "x-3", True),
        ("a\u00b2\u2212b\u00b2", "a2b2", False),
        ("a\u00b2\u2212b\u00b2", "a^2-b^2", True),
        ("(x\u22122)(x\u22123)", "(x2)(x3)", False),
        ("(x\u22122)(x\u22123)", "(x-2)(x-3)", True),
        ("2x\u00b2 \u2212 8x", "2*2-8x", False),
        ("2x\u00b2 \u2212 8x", "2 x 2 - 8x", False),
        ("2x\u00b2 \u2212 8x", "2x^2-8x", True),
        ("1.5 \u00d7 10\u2078", "1.5x10^8", True),
        ("U-2", "U2", True),
        # (an expression's spaces had to match: 'x^2+5x+6' was wrong for 'x² + 5x + 6')
        ("x\u00b2 + 5x + 6", "x^2+5x+6", True),
        ("(x + 2)(x + 3)", "(x+2)(x+3)", True),
        ("(x + 2)(x + 3)", "(x + 2) (x + 3)", True),
        ("x\u00b2 \u2212 10x + 25", "x^2-10x+25", True),
        ("x\u00b2 + 5x + 6", "x^2+5x-6", False),
        # (an answer's outer brackets were taken off brackets multiplied)
        ("(x + 2)(x + 3)", "x + 2)(x + 3", False),
        ("(x + 2)(x + 3)", "(x-2)(x-3)", False),
        # (guillemets as a keyboard without them types them: '<<Madame Déficit>>' was wrong)
        ("\u00ab Madame D\u00e9ficit \u00bb", "<<Madame D\u00e9ficit>>", True),
        ("\u00ab Madame D\u00e9ficit \u00bb", "<< Madame D\u00e9ficit >>", True),
        # (a hyphen after a bracket left out: 'Mangan(IV)oxid' was wrong)
        ("iron(III)-oxide", "iron(III)oxide", True),
        ("iron(III)-oxide", "iron(III) oxide", True),
        # (units written out that were refused: 'moles' even said 'Nearly')
        ("5 mA", "5 milliamps", True),
        ("22 \u00b5F", "22 microfarads", True),
        ("0.5 mol", "0.5 moles", True),
        ("2 m/s", "2 metres per second", True),
        ("100 kPa", "100 kilopascals", True),
        ("5 m", "5 milliamps", False),
    ],
)
def test_a_unit_typed_another_way_is_the_same_unit_and_no_other(answer, typed, right):
    from revpack.writers.keyboard import typing

    english = typing(load_labels("en"))
    ways = dict(
        articles=english.articles,
        units=english.units,
        split=english.split,
        spellings=english.spellings,
    )
    found = set(alternatives(answer, **ways)) & set(alternatives(typed, typed=True, **ways))
    assert bool(found) is right, found


@pytest.mark.parametrize(
    ("language", "answer", "typed"),
    [("fr", "88 %", "88 pour cent"), ("es", "75 %", "75 por ciento")],
)
def test_a_per_cent_written_out_is_a_per_cent_in_french_and_spanish(language, answer, typed):
    from revpack.writers.keyboard import typing

    own = typing(load_labels(language))
    ways = dict(articles=own.articles, units=own.units, decimal_comma=own.decimal_comma)
    assert set(alternatives(answer, **ways)) & set(alternatives(typed, typed=True, **ways))


def test_a_matching_term_breaks_only_when_wider_than_its_column(tmp_path, browser):
    # On a laptop the German page broke every term of the matching at a letter, without
    # a hyphen ("Reichstagsbrandverordnun / g"), though the column had room for each.
    page = page_for(tmp_path, DATA / "sources" / "machtergreifung-de.yaml", "worksheet-support")
    open_page(browser, page, 1280, 900)
    # (a word wider than the whole column must break)
    found = broken_words(browser, ".rp-terms .rp-label")
    broken = [word for word, wide, room in found if wide <= room]
    labels = browser.find_elements(By.CSS_SELECTOR, ".rp-terms .rp-label")
    assert len(labels) >= 5 and broken == []


def test_a_french_pages_controls_are_named_as_they_are_shown_and_in_good_french(tmp_path):
    # The select shown as "Ordre" was named "Rang de l'événement A: …" (a voice-control user
    # saying "Ordre" found nothing), and the ranking's "Rang de La crise financière".
    source = DATA / "language" / "revolution-fr.yaml"
    page = lxml.html.fromstring(page_for(tmp_path, source, "worksheet-stretch").read_bytes())
    [order] = page.xpath("//select[contains(@id, '-tA')]")
    shown = load_labels("fr")("timeline_order.order")
    assert order.get("aria-label").startswith(f"{shown} de l'événement A\u00a0: ")
    named = [s.get("aria-label") for s in page.xpath("//select[contains(@id, '-r')]")]
    assert named and all(n.startswith("Rang\u00a0: ") for n in named), named


def test_each_show_answer_button_is_named_with_its_control(tmp_path):
    # A screen reader heard 28 buttons all named "Show answer", with nothing to tell them
    # apart; the name starts with the words shown, as voice control needs.
    page = lxml.html.fromstring(page_for(tmp_path, THAW, "worksheet-stretch").read_bytes())
    named = [b.get("aria-label") or "" for b in page.xpath("//button[@class='rp-show']")]
    shown = LABELS("html.show_answer")
    assert len(named) > 20 and all(n.startswith(f"{shown} (") for n in named)
    assert len(set(named)) == len(named)
    assert f"{shown} ({LABELS('html.gap', number=1)})" in named


def test_an_answer_of_one_word_typed_as_two_is_right_only_where_the_language_allows():
    from revpack.writers.keyboard import typing

    def right(language: str, answer: str, typed: str) -> bool:
        ways = typing(load_labels(language))
        given = dict(articles=ways.articles, units=ways.units, split=ways.split)
        mine = set(alternatives(typed, typed=True, **given))
        return bool(set(alternatives(answer, **given)) & mine)

    assert right("en", "Floodplain", "flood plain")
    assert not right("de", "Börsencrash", "Börsen crash")  # (German writes it one way)
    assert right("de", "Börsen Crash", "Börsencrash")  # (two as one, in any language)


def test_on_a_touch_screen_every_box_and_button_is_a_finger_tall(core, browser):
    # Gap boxes were 29 to 32 pixels tall on a phone, under the 44 a finger hits; and two
    # boxes a line apart must still never touch once ringed.
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    try:
        open_page(browser, core, width=390, height=844, fresh=False)
        assert browser.execute_script("return matchMedia('(pointer: coarse)').matches")
        heights = browser.execute_script(
            "return Array.from(document.querySelectorAll('main input[type=text], main select,"
            " main button:not([hidden])')).filter(e => e.offsetParent)"
            ".map(e => e.getBoundingClientRect().height)"
        )
        assert len(heights) > 20 and min(heights) >= 44 - 0.5, sorted(heights)[:5]
        browser.find_element(By.ID, "check-e1").click()
        boxes = browser.execute_script(
            "return Array.from(document.querySelectorAll('p.rp-gap input'))"
            ".map(i => { const r = i.getBoundingClientRect(); return [r.left, r.top, r.right,"
            " r.bottom]; });"
        )
        for a in boxes:
            for b in boxes:
                if b[1] > a[3] - 1 and b[0] < a[2] and a[0] < b[2]:
                    assert b[1] - a[3] >= 4, (a, b)
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


def test_each_matching_letter_is_offered_with_its_meaning(tmp_path):
    # The selects offered bare letters, the meanings listed after every term: on a phone
    # or zoomed in they were out of sight, and a screen reader read "A, B, C".
    page = lxml.html.fromstring(page_for(tmp_path, THAW, "worksheet").read_bytes())
    matching = of(Matching, exercises(THAW, "worksheet"))
    [select] = page.xpath("//select[contains(@id, '-m1')]")
    offered = [(o.get("value"), o.text_content()) for o in select.xpath("option")][1:]
    assert [value for value, _ in offered] == [letter(i) for i in range(len(matching.meanings))]
    for (value, shown), meaning in zip(offered, matching.meanings, strict=True):
        assert shown == f"{value}: {meaning.plain}"


def test_each_model_notes_button_is_named_with_its_exercise(tmp_path):
    # The ranking's and the extended answer's buttons were both "Show model notes".
    page = lxml.html.fromstring(page_for(tmp_path, THAW, "worksheet").read_bytes())
    buttons = page.xpath("//button[@data-notes]")
    named = [b.get("aria-label") for b in buttons]
    shown = LABELS("html.show_notes")
    assert len(buttons) >= 2 and len(set(named)) == len(named), named
    assert all(
        n.startswith(shown) and b.text_content() == shown
        for n, b in zip(named, buttons, strict=True)
    )
    assert f"{shown} ({LABELS('exercise.extended')})" in named
