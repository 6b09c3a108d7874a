"""The self-marking page as a student uses it, in a real headless Chromium: answers kept
through a reload (and only on their own page), the word bank agreeing with the marking,
Enter moving on from gap to gap, and a clean printout."""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import browser_fixture, open_page  # noqa: F401  (a fixture)
from helpers import DATA, THAW, pdftotext
from revpack.labels import load_labels
from revpack.model import Audience
from revpack.worksheet.exercises import GapFill, Matching, Ranking, TimelineOrder, letter
from revpack.writers import keyboard
from revpack.writers.html.exercises import WHY_LINES
from revpack.writers.html.secret import CAPITALS, alternatives, capitals_form
from test_html_worksheet import choose, exercises, first_inputs, of, page_for, score_text, status

LABELS = load_labels()
CHEMISTRY = DATA / "worksheet" / "chemistry.yaml"


@pytest.fixture(scope="module")
def core(tmp_path_factory) -> Path:
    return page_for(tmp_path_factory.mktemp("html"), THAW, "worksheet")


def value(driver, ident: str) -> str:
    return driver.find_element(By.ID, ident).get_attribute("value")


def kept(driver) -> list[dict[str, str]]:
    """Every entry the page's origin keeps in the browser's storage, without the time it
    was written (`_at`, milliseconds: the oldest pages' answers go first)."""
    entries = [
        json.loads(text)
        for text in driver.execute_script(
            "return Object.keys(localStorage).map(k => localStorage.getItem(k))"
        )
    ]
    assert all(isinstance(entry.pop("_at"), int) for entry in entries)
    return entries


PAGES = """for (let i = 0; i < 130; i++) {
  localStorage.setItem('revpack-answers:old' + i, JSON.stringify({'e1-g1': 'x', _at: i + 1}));
}"""

FULL = """const set = Storage.prototype.setItem;
Storage.prototype.setItem = function (name, value) {
  if (this.length >= 60 && this.getItem(name) === null) {
    throw new DOMException('full', 'QuotaExceededError');
  }
  return set.call(this, name, value);
};"""


def test_the_oldest_pages_answers_go_when_many_are_kept(core, browser):
    # Every page from disk shares one storage; nothing was ever taken out of it, and a
    # year of sheets would fill it (then no answer of a new page was kept at all).
    open_page(browser, core)
    browser.execute_script("localStorage.clear();" + PAGES)
    browser.find_element(By.ID, "rp-name").send_keys("Amira Khan")
    names = browser.execute_script("return Object.keys(localStorage)")
    assert len(names) == 100 and "revpack-answers:old129" in names
    assert "revpack-answers:old30" not in names and "revpack-answers:old31" in names
    assert {"rp-name": "Amira Khan"} in kept(browser)
    # A storage full all the same: the older half of the other pages go, this one is kept.
    browser.execute_script("localStorage.clear();" + PAGES.replace("130", "60") + FULL)
    browser.find_element(By.ID, "rp-name").send_keys("!")
    names = browser.execute_script("return Object.keys(localStorage)")
    assert len(names) == 31 and "revpack-answers:old59" in names
    assert "revpack-answers:old29" not in names
    assert {"rp-name": "Amira Khan!"} in kept(browser)
    browser.execute_script("localStorage.clear()")


# ---------------------------------------------------------------- answers kept


def test_a_reload_keeps_every_answer_but_not_the_marks(core, browser):
    open_page(browser, core)
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    (first, right), (second, _) = first_inputs(browser, 1, gap_fill)[:2]
    first.send_keys(right)
    second.send_keys("not it at all")
    choose(browser, "e2-m1", "B")
    browser.find_element(By.ID, "e4-w1").send_keys("Because it mattered most.")
    browser.find_element(By.ID, "rp-name").send_keys("Amira Khan")
    browser.find_element(By.ID, "check-e1").click()
    browser.refresh()
    assert value(browser, "e1-g1") == right
    assert value(browser, "e1-g2") == "not it at all"
    assert value(browser, "e2-m1") == "B"
    assert value(browser, "e4-w1") == "Because it mattered most."
    assert value(browser, "rp-name") == "Amira Khan"
    # What the page keeps is what was written, nothing about whether it was right.
    assert kept(browser) == [
        {
            "e1-g1": right,
            "e1-g2": "not it at all",
            "e2-m1": "B",
            "e4-w1": "Because it mattered most.",
            "rp-name": "Amira Khan",
        }
    ]
    assert status(browser, "e1-g1") == "" and status(browser, "e1-g2") == ""
    # The word bank and the print copy of a text area follow what was put back.
    used = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used")
    assert [w.get_attribute("data-word") for w in used] == [right]
    printed = browser.find_element(By.ID, "p-e4-w1").get_attribute("textContent")
    assert printed == "Because it mattered most."
    # Try again forgets the wrong answer, there and after the next reload.
    browser.find_element(By.ID, "check-e1").click()
    browser.find_element(By.ID, "again-e1").click()
    browser.refresh()
    assert value(browser, "e1-g1") == right
    assert value(browser, "e1-g2") == ""
    # Emptied by hand, nothing is kept.
    for ident in ("e1-g1", "e4-w1", "rp-name"):
        field = browser.find_element(By.ID, ident)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.DELETE)
    choose(browser, "e2-m1", "")
    assert kept(browser) == []


def test_clear_my_answers_empties_the_page_and_its_storage_once_confirmed(core, browser):
    # With answers kept through a reload, a student could only empty 37 gaps by hand,
    # and the next student on a shared computer found them filled.
    open_page(browser, core)
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    (first, right), _ = first_inputs(browser, 1, gap_fill)[:2]
    first.send_keys(right)
    choose(browser, "e2-m1", "B")
    browser.find_element(By.ID, "e4-w1").send_keys("Because it mattered most.")
    browser.find_element(By.ID, "rp-name").send_keys("Amira Khan")
    browser.find_element(By.ID, "check-all").click()
    clear = browser.find_element(By.ID, "clear-all")
    assert clear.text == LABELS("html.clear")
    clear.click()  # and thought better of it
    alert = browser.switch_to.alert
    assert alert.text == LABELS("html.clear_confirm")
    alert.dismiss()
    assert value(browser, "e1-g1") == right and len(kept(browser)) == 1
    clear.click()
    browser.switch_to.alert.accept()
    assert value(browser, "e1-g1") == "" and value(browser, "e2-m1") == ""
    assert value(browser, "e4-w1") == ""
    assert browser.find_element(By.ID, "p-e4-w1").get_attribute("textContent") == ""
    assert status(browser, "e1-g1") == "" and browser.find_element(By.ID, "score-all").text == ""
    assert browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used") == []
    # The name is no answer: it stays, and is all the page keeps.
    assert value(browser, "rp-name") == "Amira Khan"
    assert kept(browser) == [{"rp-name": "Amira Khan"}]
    browser.refresh()
    assert value(browser, "e1-g1") == "" and value(browser, "rp-name") == "Amira Khan"


def test_answers_stay_on_their_own_page(tmp_path, browser):
    # Every page from disk shares one storage: another student's page, or this page rebuilt
    # in its place with other gaps, must not fill in these answers.
    mine = page_for(tmp_path, THAW, "worksheet")
    written = mine.read_bytes()
    other_seed = page_for(tmp_path, THAW, "worksheet", Audience(seed=8))
    changed = tmp_path / "changed" / THAW.name
    changed.parent.mkdir()
    changed.write_text(THAW.read_text("utf-8").replace("Iron Curtain", "Berlin Wall"), "utf-8")
    open_page(browser, mine)
    for element, answer in first_inputs(browser, 1, of(GapFill, exercises(THAW, "worksheet"))):
        element.send_keys(answer)
    assert page_for(tmp_path, changed, "worksheet") == mine  # rebuilt over the first
    assert mine.read_bytes() != written
    for page in (other_seed, mine):
        open_page(browser, page, fresh=False)
        inputs = browser.find_elements(By.CSS_SELECTOR, "main input[type=text]")
        assert inputs and all(i.get_attribute("value") == "" for i in inputs), page.name
    mine.write_bytes(written)
    open_page(browser, mine, fresh=False)
    assert value(browser, "e1-g1") != ""


def test_a_word_mended_outside_the_gaps_keeps_the_answers(tmp_path, browser):
    # A teacher changed 'mankind' to 'humankind' and rebuilt: every student's page
    # opened empty, though its gaps were the same.
    notes = tmp_path / "notes" / THAW.name
    notes.parent.mkdir()
    notes.write_text(THAW.read_text("utf-8"), "utf-8")
    mine = page_for(tmp_path, notes, "worksheet")
    open_page(browser, mine)
    for element, answer in first_inputs(browser, 1, of(GapFill, exercises(THAW, "worksheet"))):
        element.send_keys(answer)
    typed = value(browser, "e1-g1")
    assert typed
    notes.write_text(THAW.read_text("utf-8").replace("mankind", "humankind"), "utf-8")
    before = mine.read_bytes()
    assert page_for(tmp_path, notes, "worksheet") == mine and mine.read_bytes() != before
    open_page(browser, mine, fresh=False)
    assert value(browser, "e1-g1") == typed


BLOCKED = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});"""


def test_the_page_works_where_storage_is_refused(core, browser):
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": BLOCKED})
    try:
        browser.get_log("browser")
        open_page(browser, core, fresh=False)
        assert browser.execute_script(
            "try { localStorage; return false } catch (e) { return true }"
        )
        gap_fill = of(GapFill, exercises(THAW, "worksheet"))
        for element, answer in first_inputs(browser, 1, gap_fill):
            element.send_keys(answer)
        browser.find_element(By.ID, "check-e1").click()
        count = len(gap_fill.gaps)
        assert browser.find_element(By.ID, "score-e1").text == score_text(
            count, count, "html.score"
        )
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )


# ---------------------------------------------------------------- one comparison


def sloppy(answer: str) -> str:
    """An answer as a hurried student types it: an article, capitals, hyphens for its
    spaces, spaces doubled at the ends and a full stop."""
    return f"  The {answer.upper().replace(' ', '-')}. "


@pytest.mark.parametrize("source", [THAW, CHEMISTRY])
def test_the_bank_crosses_out_what_marking_accepts(tmp_path, browser, source):
    path = page_for(tmp_path, source, "worksheet")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(source, "worksheet"))
    for element, answer in first_inputs(browser, 1, gap_fill):
        element.send_keys(sloppy(answer))
    words = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li")
    unused = [
        w.get_attribute("data-word") for w in words if "rp-used" not in w.get_attribute("class")
    ]
    assert words and unused == []
    browser.find_element(By.ID, "check-e1").click()
    marks = [status(browser, f"e1-g{gap.number}") for gap in gap_fill.gaps]
    assert all(mark.startswith("\u2713") for mark in marks), marks


FORMULAS = """\
title: Formulas
factors:
  - title: Physics
    points:
      - Carbon dioxide is ==CO~2~==.
      - Light travels at ==3.0 × 10^8^ m/s==.
      - Resistance is measured in ==ohms (Ω)==.
      - The wave equation is ==v = f × λ==.
      - On Earth g is ==9.8 m/s^2^==.
"""


@pytest.mark.parametrize(
    "typed",
    [
        # (crossed out but marked wrong: a formula is marked in its capitals)
        {"CO₂": "co2", "9.8 m/s²": "9.8 M/S2", "v = f × λ": "V = F x lambda"},
        # (marked right but not crossed out: forms only marking knew)
        {"3.0 × 10⁸ m/s": "300000000 m/s", "ohms (Ω)": "Ω", "v = f × λ": "v = f lambda"},
    ],
)
def test_the_bank_crosses_out_a_word_exactly_when_marking_takes_it(tmp_path, browser, typed):
    source = tmp_path / "formulas.yaml"
    source.write_text(FORMULAS, "utf-8")
    open_page(browser, page_for(tmp_path, source, "worksheet"))
    gap_fill = of(GapFill, exercises(source, "worksheet"))
    number = {g.answer: g.number for g in gap_fill.gaps}
    for answer, text in typed.items():
        browser.find_element(By.ID, f"e1-g{number[answer]}").send_keys(text)
    words = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li")
    crossed = {w.get_attribute("data-word") for w in words if "rp-used" in w.get_attribute("class")}
    browser.find_element(By.ID, "check-e1").click()
    right = {a for a in typed if status(browser, f"e1-g{number[a]}").startswith("\u2713")}
    assert crossed == right, (crossed, right)


def test_in_french_capitals_without_accents_cross_out_and_mark_right(tmp_path, browser):
    # French keyboards leave a capital's accent off: 'ETATS GENERAUX' typed in capitals.
    source = DATA / "language" / "revolution-fr.yaml"
    path = page_for(tmp_path, source, "worksheet")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(source, "worksheet"))
    accented = 0
    for element, answer in first_inputs(browser, 1, gap_fill):
        bare = "".join(
            c for c in unicodedata.normalize("NFD", answer.upper()) if not unicodedata.combining(c)
        )
        accented += bare != answer.upper()
        element.send_keys(bare)
    assert accented >= 2
    words = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li")
    assert words and all("rp-used" in w.get_attribute("class") for w in words)
    browser.find_element(By.ID, "check-e1").click()
    marks = [status(browser, f"e1-g{gap.number}") for gap in gap_fill.gaps]
    assert all(mark.startswith("\u2713") for mark in marks), marks


def test_a_wrong_answer_uses_no_word_of_the_bank(core, browser):
    open_page(browser, core)
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    (first, answer), *_ = first_inputs(browser, 1, gap_fill)
    first.send_keys(answer + "s and more")
    assert browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used") == []


IN_LANGUAGE = {
    "en": THAW,
    "fr": DATA / "language" / "revolution-fr.yaml",
    "de": DATA / "language" / "weimar-de.yaml",
    "es": DATA / "worksheet" / "inmigracion-es.yaml",
    "cy": DATA / "language" / "diwydiant-cy.yaml",
}
"""A source in each language."""


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "cy"])
def test_the_script_finds_the_forms_python_does(tmp_path, browser, language):
    # The page marks a typed answer right when one of its forms is one of the answer's;
    # Python finds the answer's forms, the script the typed answer's, in the same way
    # (with the page's language's articles, spellings and month names).
    open_page(browser, page_for(tmp_path, IN_LANGUAGE[language], "worksheet"))
    typing = keyboard.typing(load_labels(language))
    articles, bare = typing.articles, typing.bare
    samples = [
        "weak acid",
        "weak-acid",
        "The Weak - Acid.",
        "de-Stalinisation",
        "the de-Stalinisation",
        "l'Assemblée",
        "L\u2019Assemblée nationale",
        "die Ölkrise-Jahre",
        "OH\u207b ions",
        "10\u207b\u00b3 A",
        "x-",
        "-x",
        "a",
        "the",
        "_-_",
        "\u0661-\u0662",
        "semi-lunar 10\u207b\u00b3 mol",
        "États généraux",
        "les États généraux",
        "l'Élysée",
        "Ángel Ölkrise ǅ",
        "H\u207a + OH\u207b \u2192 H\u2082O",
        "N2 + 3H2 <=> 2NH3 \u21cc \u2190",
        "COVID-19",
        "U-2 and 19-year 10-3",
        "\u3007-a \u2160-2",
        "Dolchstoßlegende",
        "DOLCHSTOSSLEGENDE",
        "Börsencrash im Oktober",
        "cœur",
        "9. November 1918",
        "9.11.1918",
        "the 9th of November, 1918",
        "24. Okt. 1929",
        "Maerz 1920",
        "18 de julio de 1936",
        "1af Mawrth 1953",
        "juil. 1789",
        "29.2.1900",
        "29/2/2000",
        "1066",
        "10.1918",
        "12 1918 1",
        "5 km",
        "5km and 5 kilometres",
        "£2.3 million",
        "£2m and $5 m, 9 m, 5 million",
        "230 volts, 13 amps, 0.25 ohms, 3 kilowatt-hours, 2400 N",
        "1.5 × 10⁸ m/s and 1.5x10^8 and 10⁻³ and ½ke²",
        "37 °C",
        "37 degrees C",
        "25 per cent",
        "2 Millionen 10 Meter",
        "3 millions d'euros",
        "détente",
        "Jöns Jacob Berzelius",
        "x 5 m.",
        "sea wall",
        "flood plain and Börsen crash",
        "Salt-Marsh",
        "a part",
        "हिन्दी गान e\u20dd",
        "1º de mayo, 5 metros",
        "75.000 soldados, 72,6 % y 1 000 km, .75 and 1,000,000",
    ]
    for text, dated in [(text, False) for text in samples] + [
        (text, True)
        for text in (
            "9.11.1918",
            "31 January 1953",
            "jan 1953",
            "1953",
            "1,500",
            "in 1861",
            "c. 1879",
            "1867 AD",
        )
    ]:
        found = browser.execute_script(
            "return window.revpack.forms(arguments[0], arguments[1], arguments[2],"
            " false, arguments[3])",
            text,
            list(articles),
            bare,
            dated,
        )
        # (An answer has a form for each pattern of capitals it may be typed in, what is
        # typed the form of its own pattern: secret.capitals_form.)
        every = alternatives(
            text,
            articles,
            bare,
            spellings=typing.spellings,
            dates=typing.calendar,
            typed=True,
            units=typing.units,
            accents=typing.accents,
            dated=dated,
            split=typing.split,
            decimal_comma=typing.decimal_comma,
        )
        forms = [form for form in every if CAPITALS not in form]
        typed = capitals_form(text) if bare else None
        assert found == forms + ([typed] if typed and typed not in forms else []), text


def test_a_hyphen_for_a_space_is_right_as_a_space_for_a_hyphen(tmp_path, browser):
    path = page_for(tmp_path, THAW, "worksheet-stretch")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(THAW, "worksheet-stretch"))
    spaced = [(e, a) for e, a in first_inputs(browser, 1, gap_fill) if " " in a]
    assert len(spaced) >= 3
    for element, answer in spaced:
        element.send_keys(answer.replace(" ", "-"))
    browser.find_element(By.ID, "check-e1").click()
    marks = [status(browser, e.get_attribute("id")) for e, _ in spaced]
    assert all(mark.startswith("\u2713") for mark in marks), marks


def test_an_article_with_an_apostrophe_is_forgiven_in_the_answer_too():
    articles = tuple(load_labels("fr")("html.articles").split())
    assert "assemblée" in alternatives("l'Assemblée", articles)
    assert "weak acid" in alternatives("weak-acid", articles)


# ---------------------------------------------------------------- keyboard


@pytest.mark.parametrize("source", [THAW, CHEMISTRY])
def test_enter_moves_to_the_next_gap_and_then_to_check(tmp_path, browser, source):
    path = page_for(tmp_path, source, "worksheet")
    open_page(browser, path)
    gap_fill = of(GapFill, exercises(source, "worksheet"))
    # (in reading order: under a heading hidden as '(3)', its gaps read '(4) … (3)')
    reading = [gap for group in gap_fill.groups for item in group.items for gap in item.gaps]
    stops = [f"e1-g{gap.number}" for gap in reading]
    assert sorted(stops) == sorted(f"e1-g{gap.number}" for gap in gap_fill.gaps)
    browser.find_element(By.ID, stops[0]).click()
    visited = []
    for _ in stops:
        visited.append(browser.switch_to.active_element.get_attribute("id"))
        browser.switch_to.active_element.send_keys("x", Keys.ENTER)
    assert visited == stops
    assert browser.switch_to.active_element.get_attribute("id") == "check-e1"
    # Enter on the button checks the exercise, as it always did.
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "score-e1").text == score_text(0, len(stops), "html.score")
    # A phone's keyboard says so on its Enter key.
    hints = {
        f.get_attribute("enterkeyhint")
        for f in browser.find_elements(By.CSS_SELECTOR, "input[data-gap]")
    }
    assert hints == {"next"}


# ---------------------------------------------------------------- printing


def print_pdf(driver) -> bytes:
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    return base64.b64decode(printed["data"])


FOOT = re.compile(r"Page \d+ of \d+$")
"""The footer's line of a printed page (in its bottom margin: its small print and number)."""


def last_lines(pdf: Path) -> list[str]:
    """The lowest line of text on each page but the last (above the footer)."""
    pages = pdftotext(pdf, layout=True).split("\f")[:-1]
    found = []
    for page in pages[:-1]:
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        lines = [line for line in lines if not FOOT.search(line)]
        found.append(lines[-1] if lines else "")
    return found


@pytest.mark.parametrize("layout", ["worksheet-large-print", "worksheet"])
def test_every_printed_page_is_headed_and_numbered_and_none_holds_the_footer_alone(
    tmp_path, browser, layout
):
    # Printed from the browser, the large-print sheet's last page held only the footer
    # (the extended answer's lines had filled the one before), and no page said its
    # number. Each page now has the running header and 'Page N of M' in its margins.
    audience = Audience("10B", "Ms Khan", seed=3, student="Amy Li")
    open_page(browser, page_for(tmp_path, THAW, layout, audience))
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(print_pdf(browser))
    pages = pdftotext(printed, layout=True).split("\f")[:-1]
    assert len(pages) > 3
    for number, page in enumerate(pages, 1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("The Thaw and Peaceful Coexistence"), lines[0]
        assert lines[0].endswith("Amy Li · Class 10B · Ms Khan"), lines[0]
        assert lines[-1].endswith(f"Page {number} of {len(pages)}"), lines[-1]
        assert lines[-1].startswith("Worksheet ("), lines[-1]
        assert len(lines) > 2, f"page {number} holds only its header and footer"
    # (the page's own header and footer, in its flow, are not printed as well)
    assert sum(page.count("Amy Li · Class 10B") for page in pages) == len(pages)


SPACER = """
var spacer = document.getElementById('spacer') || document.createElement('div');
spacer.id = 'spacer';
spacer.style.height = arguments[0] + 'px';
document.querySelector('main').prepend(spacer);"""


def test_a_large_print_page_prints_its_first_exercise_under_the_title(tmp_path, browser):
    # Printed, the large-print page's first sheet held the title and the name fields
    # alone: its word bank, kept whole, went to page 2 with the exercise's heading.
    open_page(browser, page_for(tmp_path, THAW, "worksheet-large-print"))
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(print_pdf(browser))
    first = pdftotext(printed).split("\f")[0]
    assert "Fill the gaps" in first and "Word bank" in first
    bank = of(GapFill, exercises(THAW, "worksheet-large-print")).bank
    assert bank[0] in first


def test_no_heading_or_instruction_is_left_at_a_pages_foot(core, browser, tmp_path):
    # Wherever the page breaks fall (moved down the sheet a step at a time), a heading and
    # the instructions under it go over with what they introduce.
    open_page(browser, core)
    said = browser.execute_script(
        "return [...document.querySelectorAll('main h2, main h3, main .rp-instructions')]"
        ".map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
    )
    stranded = []
    pdf = tmp_path / "printed.pdf"
    for offset in range(0, 1000, 50):
        browser.execute_script(SPACER, offset)
        pdf.write_bytes(print_pdf(browser))
        for line in last_lines(pdf):
            if line and any(text.endswith(line) for text in said):
                stranded.append((offset, line))
    assert stranded == []


def test_a_matching_and_a_timeline_print_whole_on_one_page(core, browser, tmp_path):
    # Printed from the browser, meanings F and G went over to the next page, and an
    # ordering's event F stood alone at the top of one; the paper sheet keeps them whole.
    open_page(browser, core)
    found = exercises(THAW, "worksheet")
    matching, timeline = of(Matching, found), of(TimelineOrder, found)
    count = len(timeline.events)
    ends = {  # (a term is in the word bank too: the lists' headings start them)
        "matching": (LABELS("matching.meaning"), matching.meanings[-1].plain[:30]),
        "timeline": (
            LABELS("html.timeline_instructions", count=count)[:40],
            timeline.events[-1].what.plain[:30],
        ),
    }
    pdf = tmp_path / "printed.pdf"
    split = []
    for offset in range(0, 1000, 100):
        browser.execute_script(SPACER, offset)
        pdf.write_bytes(print_pdf(browser))
        pages = [" ".join(page.split()) for page in pdftotext(pdf).split("\f")]
        for name, (first, last) in ends.items():
            at = [i for i, page in enumerate(pages) if first in page]
            if not at or last not in pages[at[0]]:
                split.append((offset, name))
    assert split == []


def test_the_printed_text_is_what_the_paper_shows(core, browser, tmp_path):
    open_page(browser, core)
    matching = of(Matching, exercises(THAW, "worksheet"))
    chosen = letter(matching.answers[0])
    choose(browser, "e2-m1", chosen)
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(print_pdf(browser))
    text = pdftotext(pdf)
    assert LABELS("html.choose") not in text
    for name in ("check", "try_again", "show_answer", "right", "wrong", "unanswered"):
        assert not re.search(rf"\b{re.escape(LABELS(f'html.{name}'))}\b", text), name
    # The one choice made is printed (its letter, not its meaning), on its term's line,
    # before the meanings' column.
    head, *_, last = matching.terms[0].plain.split()
    with pdfplumber.open(pdf) as opened:
        pages = [page.extract_words() for page in opened.pages]
    words, at = next(
        (words, i)
        for words in pages
        for i, w in enumerate(words[:-1])
        if w["text"] == "1." and words[i + 1]["text"] == head
    )
    term = next(w for w in words[at:] if w["text"] == last)
    after = sorted(
        (w for w in words if abs(w["top"] - term["top"]) < 3 and w["x0"] > term["x1"]),
        key=lambda w: w["x0"],
    )
    assert [w["text"] for w in after[:2]] == [chosen, "A"], after[:3]


MARKING_COLOURS = {"rgb(27, 110, 42)", "rgb(179, 38, 30)"}
"""The page's green of a right answer and red of a wrong one."""

PRINTED_LOOKS = """
const seen = [];
for (const e of document.querySelectorAll('main *')) {
  if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') continue;
  for (const part of [null, '::before', '::after']) {
    const s = getComputedStyle(e, part);
    if (part && (s.content === 'none' || s.content === 'normal')) continue;
    const sides = ['Top', 'Right', 'Bottom', 'Left']
      .filter(side => s['border' + side + 'Style'] !== 'none'
                      && parseFloat(s['border' + side + 'Width']) > 0)
      .map(side => s['border' + side + 'Color']);
    seen.push({what: e.id || e.tagName + (part || ''), colour: s.color, borders: sides,
               shadow: s.boxShadow, line: s.textDecorationLine, content: s.content});
  }
}
return seen;"""
"""Every visible element of the sheet as it would print: its colours, borders, shadow,
crossing out and generated content."""


def test_a_sheet_printed_after_check_shows_the_answers_but_not_the_marks(core, browser, tmp_path):
    # A student prints their filled, checked sheet for the teacher to mark on paper: what
    # they wrote prints on plain lines, without the page's colours, ticks or answers.
    open_page(browser, core)
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    (first, right), (second, answer) = first_inputs(browser, 1, gap_fill)[:2]
    first.send_keys(right)
    second.send_keys("not it at all")
    choose(browser, "e2-m1", "B")
    browser.find_element(By.ID, "check-all").click()
    browser.find_element(By.ID, "r-e1-g2").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        looks = browser.execute_script(PRINTED_LOOKS)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    coloured = [
        look
        for look in looks
        if MARKING_COLOURS & {look["colour"], *look["borders"]}
        or any(c in look["shadow"] for c in MARKING_COLOURS)
    ]
    assert coloured == []
    lines = {look["what"]: look["borders"] for look in looks}
    assert lines["e1-g1"] == lines["e1-g2"] == lines["e1-g3"] == ["rgb(0, 0, 0)"]
    crossed = [look for look in looks if "line-through" in look["line"]]
    assert crossed == []
    assert not [look for look in looks if "\u2713" in look["content"]]
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(print_pdf(browser))
    text = pdftotext(pdf)
    assert right in text and "not it at all" in text
    assert "\u2713" not in text and "\u2717" not in text
    assert LABELS("html.answer", answer=answer) not in text


RULES = """
const found = [];
for (const item of document.querySelectorAll(arguments[0])) {
  const width = item.getBoundingClientRect().width;
  const rules = [];
  for (const e of [item, ...item.querySelectorAll('*')]) {
    const s = getComputedStyle(e), box = e.getBoundingClientRect();
    if (!e.getClientRects().length || s.visibility === 'hidden') continue;
    if (box.width > width * 0.8 && s.borderBottomStyle !== 'none'
        && parseFloat(s.borderBottomWidth) > 0) rules.push(box.bottom);
  }
  found.push({rules: rules.sort((a, b) => a - b),
              em: parseFloat(getComputedStyle(item).fontSize)});
}
return found;"""
"""For each element matching the selector, as printed: where its full-width rules are, and
its type size."""


def printed_rules(driver, selector: str) -> list[dict]:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return driver.execute_script(RULES, selector)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_factors_reason_prints_on_lines_like_the_extended_answer(core, browser):
    # Not one tall box over a double rule: lines to write on, spaced as the extended
    # answer's are.
    open_page(browser, core)
    # (the extended answer's rules, to the page's foot, are one pattern of this pitch)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        pitch = browser.execute_script(
            "var s = getComputedStyle(document.querySelector("
            "'.rp-exercise:last-of-type .rp-lines'));"
            "return parseFloat(s.backgroundSize.split(' ')[1]);"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert pitch > 20
    factors = printed_rules(browser, ".rp-factors > li")
    assert len(factors) == len(of(Ranking, exercises(THAW, "worksheet")).factors)
    for factor in factors:
        rules = factor["rules"]
        assert len(rules) == WHY_LINES, factor
        gaps = [b - a for a, b in zip(rules, rules[1:], strict=False)]
        assert all(abs(gap - pitch) < 1 for gap in gaps), (gaps, pitch)


WRITTEN = """
const box = document.getElementById(arguments[0]), s = getComputedStyle(box);
const range = document.createRange();
range.selectNodeContents(box);
const lines = [...new Set([...range.getClientRects()].map(r => r.top + ':' + r.bottom))]
  .map(pair => pair.split(':').map(Number));
const blank = document.querySelector('.rp-write:not(.rp-filled) .rp-line');
return {lines: lines, height: box.getBoundingClientRect().height,
        top: box.getBoundingClientRect().top + parseFloat(s.backgroundPositionY),
        pitch: parseFloat(s.lineHeight), tile: s.backgroundSize, image: s.backgroundImage,
        blank: blank.getBoundingClientRect().height};"""
"""Where a printed answer's lines of text are, where its rules' pattern starts (`top`),
its box's height, line pitch and background (its rules), beside the height of an empty
box's line."""


def test_a_written_answer_prints_on_its_lines(core, browser):
    # What a student wrote prints on lines spaced as the empty box's, never fewer of them:
    # room for the teacher's marks, and a sheet that looks written on.
    open_page(browser, core)
    reason = "Because it mattered most, " * 30
    browser.find_element(By.ID, "e4-w1").send_keys(reason)
    browser.find_element(By.ID, "e4-w2").send_keys("Short.")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        long, short = (browser.execute_script(WRITTEN, f"p-e4-w{i}") for i in (1, 2))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    for written in (long, short):
        pitch = written["pitch"]
        assert abs(pitch - written["blank"]) < 0.5, written
        # a rule at the foot of every line's height, drawn under the text
        assert "linear-gradient" in written["image"], written
        assert abs(float(written["tile"].split()[-1].removesuffix("px")) - pitch) < 0.1, written
        assert written["height"] > WHY_LINES * pitch - 1, written
        for top, bottom in written["lines"]:
            # each line of text stands on a rule, none crossing one
            above = (top - written["top"]) // pitch
            assert (bottom - written["top"]) // pitch == above, written
            assert (above + 1) * pitch - (bottom - written["top"]) < pitch / 2, written
    assert len(long["lines"]) > WHY_LINES
    assert long["height"] > len(long["lines"]) * long["pitch"] - 1


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_name_line_fits_one_line_on_a_laptop(tmp_path, browser, language):
    # "Date" used to drop to a line of its own under Name and Class.
    source = THAW if language == "en" else DATA / "language" / "weimar-de.yaml"
    open_page(browser, page_for(tmp_path, source, "worksheet"), width=1280)
    tops = [
        browser.find_element(By.ID, ident).rect["y"] for ident in ("rp-name", "rp-class", "rp-date")
    ]
    assert max(tops) - min(tops) < 2, tops


def test_a_year_typed_crosses_out_the_year_in_the_bank_not_a_date_of_it(tmp_path, browser):
    # '1919' typed twice crossed out both '1919' and '28 June 1919': a word of the bank was
    # given the forms of a date typed (its month), which only what is typed may have.
    source = tmp_path / "treaty.yaml"
    source.write_text(
        "title: Treaty\nfactors:\n  - title: One\n    points:\n"
        "      - It was signed on ==28 June 1919== in ==1919==.\n"
        "      - The ==League== met in ==1920==.\n",
        "utf-8",
    )
    open_page(browser, page_for(tmp_path, source, "worksheet"))
    for number in (1, 2):
        browser.find_element(By.ID, f"e1-g{number}").send_keys("1919")
    used = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used")
    assert [li.get_attribute("data-word") for li in used] == ["1919"]
    browser.find_element(By.ID, "e1-g1").send_keys(Keys.CONTROL, "a")
    browser.find_element(By.ID, "e1-g1").send_keys("28/6/1919")
    used = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used")
    assert sorted(li.get_attribute("data-word") for li in used) == ["1919", "28 June 1919"]


TYPED_ANOTHER_WAY = {
    "1.8 m": "1.8m",
    "détente": "Detente",
    "£2 million": "£2m",
    "5 km": "5 kilometres",
    "37 °C": "37C",
    "25 per cent": "25%",
    "sea wall": "seawall",
}
"""A gap's answer and how a student types it, rightly: a unit joined or written out, a
degree sign or an accent an English keyboard has not got."""


def test_a_quantity_or_an_accent_typed_another_way_is_right(tmp_path, browser):
    source = DATA / "worksheet" / "coasts.yaml"
    open_page(browser, page_for(tmp_path, source, "worksheet"))
    gap_fill = of(GapFill, exercises(source, "worksheet"))
    typed = [(e, a) for e, a in first_inputs(browser, 1, gap_fill) if a in TYPED_ANOTHER_WAY]
    assert sorted(a for _, a in typed) == sorted(TYPED_ANOTHER_WAY)
    for element, answer in typed:
        element.send_keys(TYPED_ANOTHER_WAY[answer])
    browser.find_element(By.ID, "check-e1").click()
    marks = {a: status(browser, e.get_attribute("id")) for e, a in typed}
    assert all(mark.startswith("\u2713") for mark in marks.values()), marks


def test_an_answer_changed_after_check_loses_its_mark(core, browser):
    # A gap corrected after Check kept its cross, one spoilt its tick, until Check again.
    open_page(browser, core)
    browser.execute_script("localStorage.clear()")  # (the module's page is shared)
    browser.refresh()
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    (first, right), (second, _) = first_inputs(browser, 1, gap_fill)[:2]
    first.send_keys(right)
    second.send_keys("not it")
    choose(browser, "e2-m1", "B")
    browser.find_element(By.ID, "check-e1").click()
    browser.find_element(By.ID, "check-e2").click()
    assert status(browser, "e1-g1").startswith("\u2713")
    assert status(browser, "e1-g2").startswith("\u2717")
    assert status(browser, "e2-m1") != ""
    first.send_keys("x")
    second.send_keys(Keys.BACKSPACE)
    choose(browser, "e2-m1", "C")
    for key in ("e1-g1", "e1-g2", "e2-m1"):
        assert status(browser, key) == "", key
        element = browser.find_element(By.ID, key)
        assert "rp-right" not in element.get_attribute("class")
        assert "rp-wrong" not in element.get_attribute("class")
    assert status(browser, "e1-g3").startswith("?")  # (one left alone keeps its mark)
    # (and the scores, which counted the changed answers' marks, go)
    assert browser.find_element(By.ID, "score-e1").text == ""
    assert browser.find_element(By.ID, "score-e2").text == ""


def test_a_plural_for_a_singular_is_wrong_but_nearly(tmp_path, browser):
    # 'groyne' for 'groynes' was a bare cross; the student could not tell what was wrong.
    source = tmp_path / "coast.yaml"
    source.write_text(
        "title: Coasts\nfactors:\n  - title: Defences\n    points:\n"
        "      - Wooden ==groynes== trap sand; a ==sea wall== reflects waves.\n"
        "      - A ==spit== grows across the bay.\n",
        "utf-8",
    )
    open_page(browser, page_for(tmp_path, source, "worksheet-stretch"))
    gap_fill = of(GapFill, exercises(source, "worksheet-stretch"))
    typed = {"groynes": "groyne", "sea wall": "sea walls", "spit": "spot"}
    for element, answer in first_inputs(browser, 1, gap_fill):
        element.send_keys(typed[answer])
    browser.find_element(By.ID, "check-e1").click()
    keys = {gap.answer: f"e1-g{gap.number}" for gap in gap_fill.gaps}
    nearly = LABELS("html.nearly")
    assert status(browser, keys["groynes"]) == f"\u2717 {nearly}\n{nearly}"
    assert status(browser, keys["sea wall"]).startswith(f"\u2717 {nearly}")
    assert status(browser, keys["spit"]) == f"\u2717\n{LABELS('html.wrong')}"
    assert browser.find_element(By.ID, "score-e1").text == score_text(0, 3, "html.score")


def _stretch_page(tmp_path: Path, browser, point: str) -> dict[str, str]:
    """The stretch page of a topic of one `point`, opened: its gaps' keys by answer."""
    source = tmp_path / "topic.yaml"
    source.write_text(
        f"title: Topic\nfactors:\n  - title: One\n    points:\n      - {point}\n", "utf-8"
    )
    open_page(browser, page_for(tmp_path, source, "worksheet-stretch"))
    gap_fill = of(GapFill, exercises(source, "worksheet-stretch"))
    return {gap.answer: f"e1-g{gap.number}" for gap in gap_fill.gaps}


def test_a_slip_that_makes_another_gaps_answer_is_plain_wrong(tmp_path, browser):
    # 'Stalinism' in the gap for 'Stalinist' is one letter away, but it is the other
    # gap's word: the student chose the wrong word, and no spelling will mend it.
    keys = _stretch_page(tmp_path, browser, "==Stalinism== was the system; a ==Stalinist== ran it.")
    browser.find_element(By.ID, keys["Stalinist"]).send_keys("Stalinism")
    browser.find_element(By.ID, keys["Stalinism"]).send_keys("Stalinizm")
    browser.find_element(By.ID, "check-e1").click()
    assert status(browser, keys["Stalinist"]) == f"\u2717\n{LABELS('html.wrong')}"
    spelling = LABELS("html.nearly_spelling")
    assert status(browser, keys["Stalinism"]) == f"\u2717 {spelling}\n{spelling}"


def test_try_again_keeps_an_answer_that_is_nearly_right(tmp_path, browser):
    # 'Nearly: check the word's ending', then Try again emptied the box: the student
    # typed the whole answer again to mend one letter.
    keys = _stretch_page(
        tmp_path, browser, "Wooden ==groynes== trap sand; a ==sea wall== reflects waves."
    )
    browser.find_element(By.ID, keys["groynes"]).send_keys("groyne")
    browser.find_element(By.ID, keys["sea wall"]).send_keys("cliff")
    browser.find_element(By.ID, "check-e1").click()
    browser.find_element(By.ID, "again-e1").click()
    assert value(browser, keys["groynes"]) == "groyne"
    assert value(browser, keys["sea wall"]) == ""
    assert browser.switch_to.active_element.get_attribute("id") == keys["groynes"]
    assert status(browser, keys["groynes"]) == ""


@pytest.mark.parametrize("layout", ["worksheet-large-print", "worksheet"])
def test_a_marked_answer_stays_in_sight_in_its_box(tmp_path, browser, layout):
    # On a phone, the cross and 'Show answer' squeezed a wrong answer's box after Check:
    # 'spheres of influance' showed as 'spheres of', and the mistake was out of sight.
    open_page(browser, page_for(tmp_path, THAW, layout), 390, 844)
    gap_fill = of(GapFill, exercises(THAW, layout))
    for element, answer in first_inputs(browser, 1, gap_fill)[:6]:
        element.send_keys(answer.replace("e", "a") + " policy")
    browser.find_element(By.ID, "check-e1").click()
    clipped = browser.execute_script(
        "return [...document.querySelectorAll('input[data-gap]')].filter(i => i.value)"
        ".filter(i => i.scrollWidth > i.clientWidth + 1).map(i => [i.id, i.value])"
    )
    assert clipped == []


def test_show_answer_is_a_touch_target_of_24_px_or_more(core, browser):
    # After Check all on a phone, 62 'Show answer' buttons were 22.4 px tall.
    open_page(browser, core, 375, 812)
    browser.find_element(By.ID, "check-all").click()
    heights = browser.execute_script(
        "return [...document.querySelectorAll('.rp-show:not([hidden])')]"
        ".map(b => b.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 24, heights


SIGNS = """title: Inequalities
factors:
  - title: Signs
    points:
      - Two unequal numbers are written ==a ≠ b==.
      - Not in the set is ==x ∉ A==.
      - The word before a noun is ==a cat== or the ==détente==.
      - Solved, it is ==x ≤ 4== or ==x < −5==.
      - A litre is ==1,000 cm³==; three quarters are ==0.75==.
      - The cry was ==¡No pasarán!==
      - The ratio is ==6:1==; the cell is ==0.5 µm== wide.
"""


SIGNED = [
    "a ≠ b",
    "x ∉ A",
    "a cat",
    "détente",
    "x ≤ 4",
    "x < −5",
    "1,000 cm³",
    "0.75",
    "¡No pasarán!",
    "6:1",
    "0.5 µm",
]
"""The answers of SIGNS' gaps, in order."""


@pytest.mark.parametrize(
    ("gap", "typed", "right"),
    [
        # (a sign with a stroke lost its stroke with the accents, and the variable 'a' was
        # taken for the article: 'a = b' and '≠ b' were right for 'a ≠ b')
        (1, "a = b", False),
        (1, "= b", False),
        (1, "a ≠ b", True),
        (2, "x ∈ A", False),
        (2, "x ∉ A", True),
        (3, "cat", True),  # (an article still may be left off)
        (4, "detente", True),  # (and an accent on a letter)
        # (a keyboard's relations, with or without spaces: 'x<=4' and 'a != b' were wrong,
        # and 'x<-5' for 'x < −5')
        (1, "a != b", True),
        (5, "x<=4", True),
        (5, "x =< 4", True),
        (5, "x < 4", False),
        (6, "x<-5", True),
        (6, "x < 5", False),
        # (a number with or without its thousands' comma, a point with no 0 before it)
        (7, "1000 cm3", True),
        (7, "1 000 cm³", True),
        (7, "100 cm3", False),
        (8, ".75", True),
        (8, "75", False),
        # (a keyboard has no '¡': 'No pasarán' was wrong, '¡No pasarán' right)
        (9, "No pasarán", True),
        (9, "No pasarán!", True),
        (9, "Si pasarán", False),
        # (a ratio as textbooks space it, and a micrometre written out, were wrong)
        (10, "6 : 1", True),
        (10, "6: 1", True),
        (10, "1:6", False),
        (10, "6 1", False),
        (11, "0.5 micrometres", True),
        (11, "0.5 microns", True),
        (11, "0.5 millimetres", False),
    ],
)
def test_a_sign_keeps_its_stroke_and_a_variable_is_no_article(tmp_path, browser, gap, typed, right):
    source = tmp_path / "signs.yaml"
    source.write_text(SIGNS, "utf-8")
    open_page(browser, page_for(tmp_path, source, "worksheet-stretch"))
    gap_fill = of(GapFill, exercises(source, "worksheet-stretch"))
    answers = {g.answer: g.number for g in gap_fill.gaps}
    number = answers[SIGNED[gap - 1]]
    browser.find_element(By.ID, f"e1-g{number}").send_keys(typed)
    browser.find_element(By.ID, "check-e1").click()
    assert status(browser, f"e1-g{number}").startswith("\u2713" if right else "\u2717")


@pytest.mark.parametrize(
    ("language", "answer", "typed", "said"),
    [
        # (an accent left off was a plain cross, where the language's may not be: the
        # student could not tell the word was right)
        ("es", "española", "espanola", "html.nearly_accents"),
        ("es", "española", "espanol", "html.wrong"),
        ("cy", "dŵr", "dwr", "html.nearly_accents"),
        ("es", "revoluciones", "revolucione", "html.nearly"),  # (its ending still first)
        # (a Latin or Greek plural's other number was a plain cross: 'mitochondrion')
        ("en", "mitochondria", "mitochondrion", "html.nearly"),
        ("en", "stomata", "stoma", "html.nearly"),
        ("en", "nucleus", "nuclei", "html.nearly"),
        ("en", "mitochondria", "ribosome", "html.wrong"),
        # (a unit's symbol has no plural: '0.02' for '0.02 s' said "check the word's
        # ending"; a hyphened word's last part still has one)
        ("en", "0.02 s", "0.02", "html.wrong"),
        ("en", "5 m", "5 ms", "html.wrong"),
        ("en", "buffer-zones", "buffer-zone", "html.nearly"),
        # (German had no endings for it: 'Notverordnung' was a plain cross)
        ("de", "Notverordnungen", "Notverordnung", "html.nearly"),
        # (a part of 'name (aside)' is right alone, and so nearly right in its other
        # number: 'ohm' for 'ohms (Ω)' was a plain cross)
        ("en", "ohms (Ω)", "ohm", "html.nearly"),
        ("de", "Notverordnungen", "Verordnung", "html.wrong"),
        # (one letter missing, too many, wrong or two swapped was a plain cross: the
        # student could not tell a slip from a wrong answer)
        ("en", "Khrushchev", "Khruschev", "html.nearly_spelling"),
        ("en", "Khrushchev", "Khrusshchev", "html.nearly_spelling"),
        ("en", "Khrushchev", "Khrushchov", "html.nearly_spelling"),
        ("en", "Khrushchev", "Khruhschev", "html.nearly_spelling"),
        ("en", "the Warsaw Pact", "the Warsaw Pakt", "html.nearly_spelling"),
        ("en", "Khrushchev", "Kruschev", "html.wrong"),  # (two letters away)
        ("en", "spit", "spot", "html.wrong"),  # (a short word: another word)
        ("en", "1956", "1965", "html.wrong"),  # (a figure is no spelling)
        ("en", "February 1956", "Febuary 1956", "html.nearly_spelling"),
        ("en", "February 1956", "February 1965", "html.wrong"),
        ("en", "February 1956", "February 19566", "html.wrong"),
        ("de", "Weltwirtschaftskrise", "Weltwirtschaftkrise", "html.nearly_spelling"),
        ("es", "revoluciones", "revolucione", "html.nearly"),  # (its ending first)
        # (a Welsh word with its first letter mutated otherwise was a plain cross, or
        # 'check the spelling': 'Cymru' for 'yng Nghymru' is the right word)
        ("cy", "Nghymru", "Cymru", "html.nearly_mutation"),
        ("cy", "Nghymru", "Gymru", "html.nearly_mutation"),
        ("cy", "ddiwydiant", "diwydiant", "html.nearly_mutation"),
        ("cy", "ddiwydiant", "ddiwidiant", "html.nearly_spelling"),
        ("cy", "llyfr", "lyfr", "html.nearly_mutation"),
        ("cy", "llyfr", "ffordd", "html.wrong"),
        ("en", "Cymru", "Gymru", "html.nearly_spelling"),  # (English mutates no word)
        # (a Welsh plural by its ending or its vowel, typed singular, was a plain cross)
        ("cy", "merched", "merch", "html.nearly"),
        ("cy", "tlotai", "tloty", "html.nearly"),
    ],
)
def test_an_answer_right_but_for_its_accents_or_number_is_nearly(
    tmp_path, browser, language, answer, typed, said
):
    assert _typed_in_one_gap(tmp_path, browser, language, answer, typed).startswith("\u2717")
    words = load_labels(language)(said)
    assert browser.find_element(By.CSS_SELECTOR, "#s-e1-g1 .rp-sr").text == words


def _typed_in_one_gap(tmp_path, browser, language: str, answer: str, typed: str) -> str:
    """The status of the one gap of a stretch page whose answer is `answer`, once
    `typed` is typed in it and checked."""
    source = tmp_path / "prueba.yaml"
    source.write_text(
        f"title: Prueba\nlanguage: {language}\nfactors:\n  - title: Uno\n"
        f"    points: [La palabra es =={answer}==.]\n",
        "utf-8",
    )
    open_page(browser, page_for(tmp_path, source, "worksheet-stretch"))
    browser.find_element(By.ID, "e1-g1").send_keys(typed)
    browser.find_element(By.ID, "check-e1").click()
    return status(browser, "e1-g1")


@pytest.mark.parametrize(
    ("language", "answer", "typed", "right"),
    [
        # (a unit's prefix in the other case is another prefix: '3 mW' was right for '3 MW')
        ("en", "3 MW", "3 mW", False),
        ("en", "3 MW", "3MW", True),
        ("en", "5 mm", "5 Mm", False),
        ("en", "2 ms", "2 Ms", False),
        ("en", "100 m/s", "100 M/S", True),  # (no other unit: right in any capitals)
        # (a unit's power made the quantity a formula, marked in its capitals: 'Mol/dm3'
        # was wrong where '12 KV' was right)
        ("en", "0.5 mol/dm³", "0.5 Mol/dm3", True),
        ("en", "12 kV", "12 KV", True),
        ("en", "1.2 g cm⁻³", "1.2 G CM-3", True),
        ("en", "5 mm²", "5 Mm2", False),  # (still another prefix)
        ("en", "x²", "X2", False),  # (a formula's power)
        # (a small number in figures for one in words, or back, was wrong: '4 zones')
        ("en", "four zones", "4 zones", True),
        ("en", "4 zones", "Four zones", True),
        ("en", "four zones", "5 zones", False),
        ("fr", "quatre zones", "4 zones", True),
        ("de", "vier Besatzungszonen", "4 Besatzungszonen", True),
        ("cy", "dwy wlad", "2 wlad", True),
        ("en", "x = 4", "x = four", False),  # (a formula's figure is no word)
        # (an apostrophe typed as a space, or left out, was wrong: 'l homme')
        ("fr", "les droits de l'homme", "les droits de l homme", True),
        ("fr", "les droits de l'homme", "les droits de lhomme", True),
        ("en", "Khrushchev's policy", "Khrushchevs policy", True),
        # (an ordinal sign is no formula's superscript: '1.ª división' was wrong)
        ("es", "1.ª División", "1.ª división", True),
        ("es", "2.º Batallón", "2.º BATALLÓN", True),
        # (a name with its symbol or a note in brackets: 'ohms' and 'Ω' were wrong for
        # 'ohms (Ω)', only the whole was right)
        ("en", "ohms (Ω)", "ohms", True),
        ("en", "ohms (Ω)", "Ω", True),
        ("en", "ohms (Ω)", "volts", False),
        ("fr", "27 juillet 1794 (9 thermidor an II)", "27/07/1794", True),
        ("fr", "27 juillet 1794 (9 thermidor an II)", "28/07/1794", False),
        ("en", "NaCl (aq)", "aq", False),  # (a state symbol is no answer alone)
        # (a product in a formula typed with an 'x' or none, a Greek letter by its name)
        ("en", "v = f \u00d7 \u03bb", "v = f x lambda", True),
        ("en", "V = IR", "V = I * R", True),
        ("en", "v = f \u00d7 \u03bb", "v = f + lambda", False),
        ("en", "c = 3 \u00d7 10\u2078", "c = 3 x 10^8", True),
    ],
)
def test_a_prefixs_capital_an_ordinal_and_an_aside_in_brackets_are_marked_as_meant(
    tmp_path, browser, language, answer, typed, right
):
    said = _typed_in_one_gap(tmp_path, browser, language, answer, typed)
    assert said.startswith("\u2713" if right else "\u2717")


NUMEROS = """title: Números
language: es
factors:
  - title: Uno
    points:
      - Murieron unos ==75.000== soldados, el ==72,6 %== del total.
      - La guerra empezó el ==18 de julio de 1936==.
      - Terminó el ==1.º de abril de 1939==.
"""


@pytest.mark.parametrize(
    ("gap", "typed", "right"),
    [
        # (a Spanish page read numbers the English way: '75000' and '75 000' were wrong
        # for '75.000', '72.6%' for '72,6 %', and '1,936' right for '1936')
        ("75.000", "75000", True),
        ("75.000", "75 000", True),
        ("75.000", "75", False),
        ("72,6 %", "72.6%", True),
        ("72,6 %", "72,6 %", True),
        ("72,6 %", "726 %", False),
        ("18 de julio de 1936", "18 de julio de 1,936", False),
        # (a day written as an ordinal, as Spanish writes the first: '1 de abril de 1939'
        # was wrong for '1.º de abril de 1939', which was read as no date)
        ("1.º de abril de 1939", "1 de abril de 1939", True),
        ("1.º de abril de 1939", "01/04/1939", True),
        ("1.º de abril de 1939", "1º de abril de 1939", True),
        ("1.º de abril de 1939", "2 de abril de 1939", False),
    ],
)
def test_a_spanish_page_reads_numbers_the_spanish_way(tmp_path, browser, gap, typed, right):
    source = tmp_path / "numeros.yaml"
    source.write_text(NUMEROS, "utf-8")
    open_page(browser, page_for(tmp_path, source, "worksheet-stretch"))
    gap_fill = of(GapFill, exercises(source, "worksheet-stretch"))
    number = {g.answer: g.number for g in gap_fill.gaps}[gap]
    browser.find_element(By.ID, f"e1-g{number}").send_keys(typed)
    browser.find_element(By.ID, "check-e1").click()
    assert status(browser, f"e1-g{number}").startswith("\u2713" if right else "\u2717")


def test_a_used_bank_word_is_struck_through_not_ticked(core, browser):
    # A word typed into the wrong gap showed a green tick in the bank before Check: a
    # student read it as right.
    open_page(browser, core)
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    gap_fill = of(GapFill, exercises(THAW, "worksheet"))
    (first, _), (_, other) = first_inputs(browser, 1, gap_fill)[:2]
    first.send_keys(other)  # (the second gap's answer, in the first gap)
    [used] = browser.find_elements(By.CSS_SELECTOR, ".rp-bank li.rp-used")
    look = browser.execute_script(
        "const s = getComputedStyle(arguments[0]), a = getComputedStyle(arguments[0], '::after');"
        "return [s.textDecorationLine, s.color, a.content];",
        used,
    )
    assert look[0] == "line-through" and look[2] in ("none", "normal"), look
    assert look[1] == "rgb(89, 89, 89)"  # (grey: nothing said of right or wrong)


def test_a_model_answers_sub_points_stand_under_their_point(core, browser):
    # 'Show model notes' set a point's sub-points beside it, as points of their own.
    open_page(browser, core, 1280, 900)
    for button in browser.find_elements(By.CSS_SELECTOR, ".rp-notes"):
        button.click()
    subs = browser.find_elements(By.CSS_SELECTOR, ".rp-notebox li.rp-sub")
    assert subs, "the thaw's model notes have sub-points (NATO, the Warsaw Pact)"
    point = browser.execute_script(
        "return arguments[0].previousElementSibling.getBoundingClientRect().left", subs[0]
    )
    assert subs[0].rect["x"] >= point + 15
    assert (
        browser.execute_script("return getComputedStyle(arguments[0]).listStyleType", subs[0])
        == "circle"
    )


def test_a_printed_matchings_letter_lines_stand_in_one_column_without_a_focus_ring(
    tmp_path, browser
):
    # On paper a long term ('Spontaneous generation') sent its letter line under it, at
    # the left, and a chosen select printed with its blue focus ring.
    source = tmp_path / "germs.yaml"
    source.write_text(
        "title: Germs\nfactors:\n  - title: One\n    points: [A ==microbe== grows.]\n"
        "terms:\n  - {term: Spontaneous generation of living things, meaning: Life from"
        " rot.}\n  - {term: Microbe, meaning: A tiny living thing.}\n"
        "  - {term: Miasma, meaning: Bad air.}\n",
        "utf-8",
    )
    open_page(browser, page_for(tmp_path, source, "worksheet"), 390, 844)
    matching = of(Matching, exercises(source, "worksheet"))
    ident = f"e{exercises(source, 'worksheet').index(matching) + 1}"
    browser.find_element(By.ID, f"{ident}-m1").click()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        lines = browser.execute_script(
            "return [...document.querySelectorAll('.rp-terms .rp-choice')]"
            ".map(e => e.getBoundingClientRect().right)"
        )
        ring = browser.execute_script(
            "const s = getComputedStyle(document.activeElement);"
            "return [s.outlineStyle, s.boxShadow];"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert len(lines) == 3 and max(lines) - min(lines) < 1, lines
    assert ring[0] == "none" and ring[1] in ("none", ""), ring


@pytest.mark.parametrize(
    ("layout", "smaller"), [("worksheet-large-print", False), ("worksheet", True)]
)
def test_large_print_sets_its_gap_numbers_as_large_as_its_text(tmp_path, browser, layout, smaller):
    # The large-print page's gap numbers were 90 % of the text; on a 16 pt sheet nothing
    # is set smaller.
    open_page(browser, page_for(tmp_path, THAW, layout))
    sizes = browser.execute_script(
        "var size = e => parseFloat(getComputedStyle(e).fontSize);"
        "var number = document.querySelector('.rp-blank .rp-no');"
        "return [size(number), size(number.closest('p'))];"
    )
    number, text = sizes
    assert (number < text * 0.95) is smaller, sizes


@pytest.mark.parametrize("layout", ["worksheet-large-print", "worksheet"])
def test_the_printed_extended_answer_has_lines_to_its_pages_foot(tmp_path, browser, layout):
    # Printed from the browser, the extended answer's twelve lines took half the page
    # (and in large print one ran over onto a page of its own): its lines now run to the
    # foot of its page, as on the paper sheet.
    import subprocess

    from PIL import Image

    open_page(browser, page_for(tmp_path, THAW, layout))
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(print_pdf(browser))
    pages = pdftotext(printed).split("\f")[:-1]
    assert "Extended answer" in pages[-1], "the last page is not the extended answer's"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            str(len(pages)),
            "-l",
            str(len(pages)),
            str(printed),
            str(tmp_path / "last"),
        ],
        check=True,
    )
    [png] = tmp_path.glob("last*.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    ruled = [
        y
        for y in range(height)
        if sum(image.getpixel((x, y)) < 230 for x in range(width // 4, 3 * width // 4))
        > width * 0.4
    ]
    # (a rule within the last tenth of the page above its footer: lines to the foot)
    assert ruled and max(ruled) > height * 0.85, (max(ruled, default=0), height)
