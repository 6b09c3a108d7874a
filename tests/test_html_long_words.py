"""Both HTML pages at a phone's width (390 px) with very long German compounds, in a real
headless Chromium: no page scrolls sideways, a word-bank word stays inside its cell and
the bank, and a gap's box is as long as the paper sheet's blank, grows to show a long
typed answer whole, and is never wider than its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser import browser_fixture, open_page  # noqa: F401  (a fixture)
from helpers import DATA
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.worksheet.assemble import assemble
from revpack.worksheet.document import Blank, Paragraph
from revpack.writers import render

LONG = DATA / "sources" / "machtergreifung-de.yaml"
PHONE = 390
SEED = 7


def page_for(tmp: Path, layout: str) -> Path:
    """The long-word source's page for `layout`."""
    outputs = render(load_source(LONG), load_layout(layout), Audience(seed=SEED), "html")
    path = tmp / f"{LONG.stem}-{layout}.html"
    path.write_bytes(outputs[0].data)
    return path


def blanks(layout: str) -> list[Blank]:
    """The paper sheet's blanks for `layout` (the page is written from the same model)."""
    source = load_source(LONG)
    sheet = assemble(source, load_layout(layout), Audience(seed=SEED), load_labels("de")).sheet
    return [
        piece
        for block in sheet.blocks
        if isinstance(block, Paragraph)
        for piece in block.content
        if isinstance(piece, Blank)
    ]


def sideways(driver) -> list:
    """The page's scroll width and the window's width, and every element's box and every
    text (but a screen reader's, which is clipped to nothing) in main that reaches past
    the window's edges."""
    return driver.execute_script(
        """
        const width = window.innerWidth, out = [];
        const outside = r => r.width && (r.left < -0.5 || r.right > width + 0.5);
        const main = document.querySelector('main');
        for (const e of main.querySelectorAll('*')) {
          if (outside(e.getBoundingClientRect())) out.push(e.tagName + '.' + e.className);
        }
        const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let t = walk.nextNode(); t; t = walk.nextNode()) {
          if (t.parentElement.closest('.rp-sr')) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          if (outside(range.getBoundingClientRect())) out.push(t.textContent.slice(0, 40));
        }
        return [document.documentElement.scrollWidth, width, out];"""
    )


@pytest.mark.parametrize(
    "layout",
    [
        "worksheet",
        "worksheet-support",
        "worksheet-stretch",
        "summary",
        "summary-dyslexia",
        "summary-large-print",
    ],
)
def test_no_page_scrolls_sideways_on_a_phone(tmp_path, browser, layout):
    open_page(browser, page_for(tmp_path, layout), PHONE, 800)
    scroll, width, outside = sideways(browser)
    assert width == PHONE
    assert scroll <= width, outside
    assert outside == []
    open_page(browser, page_for(tmp_path, layout), 1200, 800)
    scroll, width, outside = sideways(browser)
    assert scroll <= width and outside == []


def test_the_source_has_words_wider_than_a_phones_card(tmp_path, browser):
    # Each of these words, kept on one line at the large-print summary's type size, is
    # wider than a card's point on the phone: the pages above had to break them.
    open_page(browser, page_for(tmp_path, "summary-large-print"), PHONE, 800)
    card, *widths = browser.execute_script(
        """
        const point = document.querySelector('.rp-card li');
        const probe = document.createElement('mark');
        probe.style.whiteSpace = 'nowrap';
        point.append(probe);
        return [point.clientWidth].concat(
          arguments[0].map(w => { probe.textContent = w; return probe.offsetWidth; }));""",
        ["Reichstagsbrandverordnung", "Volksgemeinschaftsverpflichtungserklärung"],
    )
    assert min(widths) > card, (card, widths)


@pytest.mark.parametrize("layout", ["worksheet", "worksheet-support"])
def test_every_bank_word_stays_in_its_cell(tmp_path, browser, layout):
    open_page(browser, page_for(tmp_path, layout), PHONE, 800)
    cells = browser.execute_script(
        """
        const bank = document.querySelector('.rp-bank').getBoundingClientRect();
        return [...document.querySelectorAll('.rp-bank li')].map(li => {
          const range = document.createRange();
          range.selectNodeContents(li);
          const text = range.getBoundingClientRect(), cell = li.getBoundingClientRect();
          return [li.dataset.word, text.left >= cell.left - 0.5 && text.right <= cell.right + 0.5,
                  cell.left >= bank.left && cell.right <= bank.right];
        });"""
    )
    assert any(len(word) >= 19 for word, _, _ in cells)
    for word, in_cell, in_bank in cells:
        assert in_cell and in_bank, word


def box(driver, ident: str) -> dict:
    """A text input's widths, and its paragraph's."""
    return driver.execute_script(
        """
        const e = document.getElementById(arguments[0]);
        return {scroll: e.scrollWidth, client: e.clientWidth, outer: e.offsetWidth,
                line: e.closest('p').clientWidth};""",
        ident,
    )


def test_a_long_typed_answer_shows_whole(tmp_path, browser):
    gaps = blanks("worksheet-support")
    long = next(g for g in gaps if g.answer == "Ermächtigungsgesetz")
    ident = f"e1-g{long.number}"
    open_page(browser, page_for(tmp_path, "worksheet-support"), PHONE, 800)
    start = box(browser, ident)
    browser.find_element(By.ID, ident).send_keys(long.answer.upper())
    typed = box(browser, ident)
    assert typed["scroll"] <= typed["client"], typed
    assert typed["outer"] <= typed["line"]
    browser.find_element(By.ID, "check-e1").click()
    assert browser.find_element(By.ID, f"s-{ident}").text.startswith("\u2713")
    checked = box(browser, ident)
    assert checked["scroll"] <= checked["client"], checked
    # Deleting what was typed gives the box back its own width.
    browser.find_element(By.ID, ident).clear()
    browser.execute_script(
        "document.getElementById(arguments[0]).dispatchEvent(new Event('input'))", ident
    )
    assert box(browser, ident)["outer"] == start["outer"]


def test_a_box_is_as_long_as_the_paper_blank_and_fits_its_line(tmp_path, browser):
    gaps = blanks("worksheet-support")
    open_page(browser, page_for(tmp_path, "worksheet-support"), 1200, 800)
    widths = {g.number: box(browser, f"e1-g{g.number}")["outer"] for g in gaps}
    by_length: dict[int, set[int]] = {}
    for gap in gaps:
        by_length.setdefault(gap.length, set()).add(widths[gap.number])
    # One width per blank length: answers of different lengths in one step look alike.
    assert all(len(found) == 1 for found in by_length.values()), by_length
    assert len(by_length) >= 3
    ordered = [next(iter(by_length[n])) for n in sorted(by_length)]
    assert ordered == sorted(ordered) and ordered[0] < ordered[-1]
    # The longest answer's box is the whole line on a phone, never wider.
    longest = max(gaps, key=lambda g: g.length)
    open_page(browser, page_for(tmp_path, "worksheet-support"), PHONE, 800)
    phone = box(browser, f"e1-g{longest.number}")
    assert phone["outer"] <= phone["line"]


QUOTED = """title: Macbeth
factors:
  - title: Guilt
    points:
      - She questions his manhood, ==“When you durst do it, then you were a man”==.
      - His aside ==“Stars, hide your fires; let not light see my black and deep desires”==
        shows he hides his thoughts.
      - Their paradox ==“Fair is foul, and foul is fair”==, sets up a world.
      - "Marta: «Creo que ==la diversidad cultural nos hace más fuertes==.»"
"""


@pytest.mark.parametrize("width", [PHONE, 320])
def test_a_gaps_number_box_and_full_stop_share_a_line_on_a_phone(tmp_path, browser, width):
    # The number sat alone above a box as wide as the line, and the full stop after the
    # box alone under it.
    source = tmp_path / "macbeth.yaml"
    source.write_text(QUOTED, "utf-8")
    [page] = render(load_source(source), load_layout("worksheet"), Audience(seed=SEED), "html")
    path = tmp_path / "macbeth.html"
    path.write_bytes(page.data)
    open_page(browser, path, width, 800)
    rows = browser.execute_script(
        r"""
        const middle = r => (r.top + r.bottom) / 2;
        return [...document.querySelectorAll('.rp-blank')].map(blank => {
          const box = blank.querySelector('input'), number = blank.querySelector('.rp-no');
          let stop = null;
          const after = blank.nextElementSibling;
          const next = after && after.classList.contains('rp-after') ? after.firstChild
            : blank.nextSibling;
          if (next && next.nodeType === 3 && /^[.,;:!?]/.test(next.textContent)) {
            // (each character of what clings to the box: ".»" broke before its "»")
            const marks = [];
            for (let i = 0; i < next.textContent.search(/\s|$/); i++) {
              const range = document.createRange();
              range.setStart(next, i);
              range.setEnd(next, i + 1);
              marks.push(middle(range.getBoundingClientRect()));
            }
            stop = Math.max(...marks.map(m => Math.abs(m - middle(box.getBoundingClientRect()))))
              + middle(box.getBoundingClientRect());
          }
          return [middle(number.getBoundingClientRect()), middle(box.getBoundingClientRect()),
                  stop, box.getBoundingClientRect().width];
        });"""
    )
    assert len(rows) == 4
    for number, box, stop, wide in rows:
        assert abs(number - box) < 12, rows
        assert stop is None or abs(stop - box) < 12, rows
        assert wide > 40, rows  # (a box still to write in)


def test_a_repeats_ending_stays_on_its_blanks_line(tmp_path, browser):
    # Printed or on a phone, the 's' after a repeat's box began the next line: 's and
    # groynes.'
    source = tmp_path / "coasts.yaml"
    source.write_text(
        "title: Coasts\nfactors:\n  - title: Defences\n    points:\n"
        "      - A ==sea wall== reflects waves.\n"
        "      - Councils built sea walls and ==groynes== along the whole of the coast here.\n",
        "utf-8",
    )
    [page] = render(
        load_source(source), load_layout("worksheet-stretch"), Audience(seed=SEED), "html"
    )
    path = tmp_path / "coasts.html"
    path.write_bytes(page.data)
    for width in (PHONE, 320, 700):
        open_page(browser, path, width, 800)
        found = browser.execute_script(
            r"""
            const middle = r => (r.top + r.bottom) / 2;
            return [...document.querySelectorAll('.rp-cling')].map(cling => {
              const box = cling.querySelector('input'), after = cling.querySelector('.rp-after');
              return [after.textContent, middle(box.getBoundingClientRect()),
                      middle(after.getBoundingClientRect())];
            });"""
        )
        ending = [row for row in found if row[0] == "s"]
        assert ending, found
        for _, box, after in ending:
            assert abs(box - after) < 12, (width, found)


def test_a_long_word_after_a_blank_is_not_cut_to_cling_to_it(tmp_path):
    # '==Staat==sangehörigkeitsrecht' clung 'sangehörigke' to the box and left
    # 'itsrecht' free to begin the next line.
    source = tmp_path / "staat.yaml"
    source.write_text(
        "title: Staat\nlanguage: de\nfactors:\n  - title: Recht\n    points:\n"
        "      - Das ==Staat==sangehörigkeitsrecht änderte sich, ==1913==.\n",
        "utf-8",
    )
    [page] = render(load_source(source), load_layout("worksheet"), Audience(seed=SEED), "html")
    html = page.data.decode().replace("\u00ad", "")  # (soft hyphens: page.line_breaks)
    assert "sangehörigkeitsrecht" in html and "sangehörigke</span>" not in html
    assert '<span class="rp-after">.</span>' in html  # (a full stop still clings)


def test_an_elided_word_stays_on_its_blanks_line(tmp_path, browser):
    # On a phone the French page ended a line with "refusent de payer l'" and began the
    # next with the gap "(5)": print keeps "l'(5) ____" together.
    source = tmp_path / "revolution.yaml"
    source.write_text(
        "title: La Révolution\nlanguage: fr\nfactors:\n  - title: Les impôts\n    points:\n"
        "      - Les privilégiés refusent de payer l'==impôt== sur leurs terres pendant des"
        " années entières.\n"
        "  - title: Les idées\n    points: [Les ==Lumières== critiquent le roi.]\n",
        "utf-8",
    )
    [page] = render(load_source(source), load_layout("worksheet"), Audience(seed=SEED), "html")
    path = tmp_path / "revolution.html"
    path.write_bytes(page.data)
    assert "payer <span" in page.data.decode("utf-8")  # (the l' written with its blank)
    for width in (PHONE, 320, 480, 560):
        open_page(browser, path, width, 800)
        found = browser.execute_script(
            r"""
            const middle = r => (r.top + r.bottom) / 2;
            return [...document.querySelectorAll('.rp-cling')].filter(
              cling => cling.querySelector('.rp-before')).map(cling => {
              const box = cling.querySelector('input'), before = cling.querySelector('.rp-before');
              return [before.textContent, middle(box.getBoundingClientRect()),
                      middle(before.getBoundingClientRect())];
            });"""
        )
        assert [row[0] for row in found] == ["l'"], found
        for _, box, before in found:
            assert abs(box - before) < 12, (width, found)


def test_long_words_break_at_the_languages_points_with_no_dictionary_in_the_browser():
    # Chromium without a German dictionary broke 'Reichstagsbrandverordnung' anywhere
    # (overflow-wrap), with no hyphen; the DOCX and PDF break it at pyphen's points.
    from revpack.hyphenation import Hyphenator

    [page] = render(load_source(LONG), load_layout("worksheet"), Audience(seed=SEED), "html")
    html = page.data.decode()
    word = "Reichstagsbrandverordnung"
    points = Hyphenator("de").points(word)
    bounds = zip([0, *points], [*points, len(word)], strict=True)
    broken = "\u00ad".join(word[a:b] for a, b in bounds)
    assert len(points) >= 3 and broken in html
    assert not re.findall(r"<[^>]*\u00ad[^>]*>", html)  # (never in a tag's attributes)
    assert "\u00ad" not in html.split("</main>", 1)[1]  # (nor in the data or the script)


def test_a_range_of_figures_never_breaks_after_its_dash():
    # At a phone's width the large-print title broke as 'La Révolution française, 1789–'
    # / '1794'.
    from revpack.hyphenation import Hyphenator
    from revpack.writers.html.page import line_breaks

    body = '<h1 title="1789–1794">La Révolution, 1789–1794 (1955-62)</h1>'
    assert line_breaks(body, Hyphenator("fr")) == (
        '<h1 title="1789–1794">La Révolution, 1789–\u20601794 (1955-\u206062)</h1>'
    )
