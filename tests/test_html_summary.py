"""The summary page, read back in a real headless Chromium with the network off: every
block of the source is there (each factor's and section's picture in its card, with its
alt text), key terms are highlighted, every text is escaped, it fits a phone's width,
loads nothing, and rebuilds are byte-identical."""

from __future__ import annotations

import base64
import io
import subprocess
from pathlib import Path

import lxml.html
import pytest
from PIL import Image as Pillow
from pypdf import PdfReader
from selenium.webdriver.common.by import By

from browser import broken_words, browser_fixture, contrast, open_page, requests  # noqa: F401  (a fixture)
from helpers import DATA, THAW, pdftotext, revpack
from revpack.labels import load_labels
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import Audience
from revpack.writers import render

LABELS = load_labels()


def page_for(
    tmp: Path, source: Path, audience: Audience | None = None, layout: str = "summary"
) -> Path:
    outputs = render(load_source(source), load_layout(layout), audience or Audience(), "html")
    assert [(o.suffix, o.extension) for o in outputs] == [("", "html")]
    path = tmp / f"{source.stem}-{layout}.html"
    path.write_bytes(outputs[0].data)
    return path


@pytest.fixture(scope="module")
def thaw(tmp_path_factory) -> Path:
    return page_for(tmp_path_factory.mktemp("summary"), THAW)


def test_cli_writes_the_page(tmp_path):
    done = revpack("build", THAW, "-l", "summary", "-f", "html", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.glob("*.html")] == ["thaw-summary.html"]
    assert not list(tmp_path.glob("*.pdf"))


def test_byte_identical_rebuilds(thaw):
    again = render(load_source(THAW), load_layout("summary"), Audience(), "html")[0].data
    assert again == thaw.read_bytes()


def test_loads_nothing_offline(thaw, browser):
    browser.get("about:blank")
    requests(browser)
    open_page(browser, thaw)
    asked = requests(browser)
    assert asked and all(url == thaw.resolve().as_uri() for url in asked), asked
    assert "http" not in thaw.read_text("utf-8").replace("http-equiv", "")


def test_every_block_is_there(thaw, browser):
    source = load_source(THAW)
    open_page(browser, thaw)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en-GB"
    assert browser.title == source.title.plain
    # (a number is kept with its unit by a no-break space: '1954 the', '40 °C')
    # (and long words break at soft hyphens, which the eye does not see)
    text = browser.execute_script("return document.body.innerText").replace("\u00a0", " ")
    text = text.replace("\u00ad", "")
    assert source.question.plain in text
    headings = [h.text.replace("\u00ad", "") for h in browser.find_elements(By.CSS_SELECTOR, "h2")]
    expected = [
        LABELS("key_question").upper(),
        # (numbered as on the printed sheet)
        *(f"{n} {f.title.plain}" for n, f in enumerate(source.factors, 1)),
        *(s.title.plain for s in source.sections),
        LABELS("key_terms"),
        LABELS("timeline"),
    ]
    assert [h.casefold() for h in headings] == [e.casefold() for e in expected]
    for term in source.terms:
        assert term.term.plain in text and term.meaning.plain in text
    for event in source.timeline:
        assert event.when.plain in text and event.what.plain in text
    for factor in source.factors:
        for point in factor.points:
            assert point.text.plain in text
            assert all(sub.plain in text for sub in point.points)


def test_key_terms_are_highlighted(thaw, browser):
    source = load_source(THAW)
    open_page(browser, thaw)
    marked = "".join(
        m.get_attribute("textContent") for m in browser.find_elements(By.TAG_NAME, "mark")
    ).replace("\u00ad", "")  # (soft hyphens in long words, which the eye does not see)
    texts = [source.title, source.question, source.intro]
    texts += [
        t
        for block in (*source.factors, *source.sections)
        for t in (block.title, *(x for p in block.points for x in (p.text, *p.points)))
    ]
    texts += [t for term in source.terms for t in (term.term, term.meaning)]
    texts += [t for event in source.timeline for t in (event.when, event.what)]
    assert marked == "".join(k for t in texts if t is not None for k in t.keys)
    assert marked


def test_class_and_teacher_printed(tmp_path, browser):
    path = page_for(tmp_path, THAW, Audience(class_name="11A", teacher="Ms Khan"))
    open_page(browser, path)
    subtitle = browser.find_element(By.CLASS_NAME, "rp-subtitle").text
    assert "11A" in subtitle and "Ms Khan" in subtitle


def test_every_text_is_escaped(tmp_path, browser):
    path = page_for(tmp_path, DATA / "worksheet" / "markup.yaml")
    open_page(browser, path)
    text = browser.execute_script("return document.body.innerText")
    assert "HTML & CSS: <b> and <img> tags" in text
    assert "<b>bold</b> stays literal here." in text
    assert "Unescaped input lets an attacker add <script> tags" in text
    assert browser.find_elements(By.CSS_SELECTOR, "main b, main img, main br, main script") == []
    marks = [m.text for m in browser.find_elements(By.TAG_NAME, "mark")]
    assert "<img>" in marks and "&amp;" in marks and "AT&T" in marks


def test_phone_width_needs_no_sideways_scroll(thaw, browser):
    open_page(browser, thaw, 375, 800)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    columns = browser.execute_script(
        "return getComputedStyle(document.querySelector('.rp-cards')).columnCount"
    )
    assert columns == "1"
    open_page(browser, thaw)


def test_no_italics_layout_prints_italic_as_bold(tmp_path):
    source = DATA / "sources" / "html-markup.yaml"
    assert load_source(source).uses_italic
    assert b"<em>" in page_for(tmp_path, source).read_bytes()
    assert b"<em>" not in page_for(tmp_path, source, layout="summary-dyslexia").read_bytes()


@pytest.mark.parametrize("layout", ["summary", "summary-dyslexia", "summary-large-print"])
def test_prints_on_as_many_pages_as_the_pdf_sheet(browser, tmp_path, layout):
    # Printed from the browser in the layout's type size, the one-page summary took two
    # pages, the second half empty: on paper it is set as the PDF sheet is.
    open_page(browser, page_for(tmp_path, THAW, layout=layout))
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(base64.b64decode(printed["data"]))
    text = " ".join(pdftotext(pdf).split())
    assert "The Thaw and Peaceful Coexistence" in text
    assert "Massive retaliation" in text and "The Note Crisis in Finland." in text
    sheet = render(load_source(THAW), load_layout(layout), Audience(), "pdf")[0].data
    assert pages(pdf.read_bytes()) == pages(sheet)


def pages(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("layout", ["summary", "summary-dyslexia", "summary-large-print"])
def test_text_has_good_contrast(tmp_path, browser, layout):
    open_page(browser, page_for(tmp_path, THAW, layout=layout))
    checked, poor = contrast(browser, "h1, h2, p, li, dt, dd, mark, .rp-when, .rp-subtitle")
    assert checked > 30 and poor == []


LEAF_ALT = 'A "leaf" <diagram> & its key'
CELL_ALT = "A plant cell, its nucleus stained purple"

PICTURED = f"""\
title: Photosynthesis
question: How do plants make their food?
factors:
  - title: The leaf
    image: {{file: pictures/leaf.png, alt: '{LEAF_ALT}'}}
    points: [The ==palisade layer== holds most of the chloroplasts.]
  - title: Light
    points: [==Chlorophyll== absorbs red and blue light.]
sections:
  - title: Inside the cell
    image: {{file: pictures/cell.jpg, alt: "{CELL_ALT}"}}
    points: [Photosynthesis happens in the ==chloroplasts==.]
"""
"""A source with a wide PNG on a factor (wider than a phone) and a small JPEG on a section
(narrower than a card)."""


def pictured_source(folder: Path) -> Path:
    """PICTURED with its two pictures, made here, beside it."""
    (folder / "pictures").mkdir()
    leaf = Pillow.new("RGB", (800, 300), "green")
    leaf.paste("yellow", (0, 0, 400, 150))
    leaf.save(folder / "pictures" / "leaf.png", "PNG")
    Pillow.new("RGB", (200, 150), "purple").save(folder / "pictures" / "cell.jpg", "JPEG")
    path = folder / "photosynthesis.yaml"
    path.write_text(PICTURED, "utf-8")
    return path


def card_pictures(page: Path) -> dict[str, list[tuple[str, str, bytes]]]:
    """Each card's heading and the pictures in it: (alt, media type, decoded bytes)."""
    tree = lxml.html.fromstring(page.read_bytes())
    found = {}
    for card in tree.xpath("//section[contains(@class, 'rp-card')]"):
        heading = card.xpath(".//h2")
        pictures = []
        for img in card.xpath(".//img"):
            kind, data = img.get("src").removeprefix("data:").split(";base64,")
            pictures.append((img.get("alt"), kind, base64.b64decode(data)))
        found[heading[0].text_content() if heading else ""] = pictures
    return found


@pytest.fixture(scope="module")
def pictured(tmp_path_factory) -> Path:
    return pictured_source(tmp_path_factory.mktemp("pictured"))


@pytest.mark.parametrize("layout", ["summary", "summary-dyslexia", "summary-large-print"])
def test_each_picture_is_in_its_block_with_its_alt_text(tmp_path, pictured, layout):
    done = revpack("build", pictured, "-l", layout, "-f", "html", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "note:" not in done.stdout + done.stderr  # nothing left out
    page = tmp_path / f"photosynthesis-{layout}.html"
    leaf = (pictured.parent / "pictures" / "leaf.png").read_bytes()
    cell = (pictured.parent / "pictures" / "cell.jpg").read_bytes()
    assert card_pictures(page) == {
        "1 The leaf": [(LEAF_ALT, "image/png", leaf)],
        "2 Light": [],
        "Inside the cell": [(CELL_ALT, "image/jpeg", cell)],
    }
    text = page.read_text("utf-8")
    assert "http:" not in text and "https:" not in text


def test_pictures_load_offline_and_fit_a_phone(tmp_path, pictured, browser):
    page = page_for(tmp_path, pictured)
    browser.get("about:blank")
    requests(browser)
    open_page(browser, page, 390, 900)
    asked = requests(browser)
    assert [url for url in asked if not url.startswith("data:image/")] == [page.resolve().as_uri()]
    shown = browser.execute_script(
        """
        return [...document.querySelectorAll('.rp-card img')].map(img => {
          const card = img.closest('.rp-card'), style = getComputedStyle(card);
          return {complete: img.complete, natural: img.naturalWidth,
                  width: img.getBoundingClientRect().width,
                  room: card.clientWidth - parseFloat(style.paddingLeft)
                        - parseFloat(style.paddingRight),
                  viewport: document.documentElement.clientWidth};
        });"""
    )
    assert [s["natural"] for s in shown] == [800, 200]
    for picture in shown:
        assert picture["complete"] and picture["natural"] > 0
        assert 0 < picture["width"] <= min(picture["room"], picture["viewport"], picture["natural"])
    assert shown[0]["width"] == pytest.approx(shown[0]["room"], abs=1)  # the wide one shrunk
    assert shown[1]["width"] == 200  # the small one at its own size
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths


def test_pictures_are_never_enlarged_on_a_wide_screen(tmp_path, pictured, browser):
    open_page(browser, page_for(tmp_path, pictured), 1200, 900)
    shown = browser.execute_script(
        """
        return [...document.querySelectorAll('.rp-card img')].map(img => {
          const box = img.getBoundingClientRect(), card = img.closest('.rp-card');
          return [img.naturalWidth, img.naturalHeight, box.width, box.height,
                  card.getBoundingClientRect().width];
        });"""
    )
    (leaf_w, leaf_h, leaf_shown_w, leaf_shown_h, card), cell = shown
    assert cell[:2] == cell[2:4] == [200, 150]
    assert leaf_shown_w < min(card, leaf_w)
    assert leaf_shown_h == pytest.approx(leaf_shown_w * leaf_h / leaf_w, abs=1)


@pytest.mark.parametrize("layout", ["summary", "summary-large-print"])
def test_a_timeline_date_breaks_only_between_its_words_on_a_phone(tmp_path, browser, layout):
    # "8 / Novem / ber / 2013" in a date column 4.5 em wide.
    from revpack import load_layout, load_source, render
    from revpack.model import Audience

    source = tmp_path / "storms.yaml"
    source.write_text(
        "title: Storms\nfactors:\n  - title: Wind\n    points: [Strong winds.]\ntimeline:\n"
        '  - when: "8 November 2013"\n    what: Typhoon Haiyan devastates Tacloban.\n'
        '  - when: "septiembre de 2006"\n    what: Llegan miles de cayucos a Canarias.\n',
        "utf-8",
    )
    [page] = render(load_source(source), load_layout(layout), Audience(), "html")
    path = tmp_path / "storms.html"
    path.write_bytes(page.data)
    for width in (390, 320):
        # (320: a 1280-pixel window at 400 %, where a large-print date beside its event
        # left it a few letters a line: "Lynmo / uth", "Hitl / er wird Reic / hsk…")
        open_page(browser, path, width, 800)
        assert broken_words(browser, ".rp-when, .rp-what") == [], width


def test_a_number_keeps_its_unit_and_a_date_its_short_words(tmp_path):
    # On a phone, '30 / m/s' and 'septiembre de / 2006' broke across lines.
    path = tmp_path / "motion.yaml"
    path.write_text(
        "title: Motion\nfactors:\n  - title: Speed\n    points:\n"
        "      - A car at 30 m/s needs 3 000 N to stop.\n"
        "timeline:\n  - when: 12 de septiembre de 2006\n    what: Una fecha.\n"
        "  - when: AD 79\n    what: Another.\n",
        "utf-8",
    )
    page = lxml.html.fromstring(page_for(tmp_path, path).read_bytes())
    points = " ".join(
        li.text_content() for li in page.xpath("//section[contains(@class, 'rp-card-factor')]//li")
    )
    assert "30\u00a0m/s" in points and "3\u00a0000\u00a0N" in points
    dates = [span.text_content() for span in page.xpath("//span[@class='rp-when']")]
    assert dates == ["12\u00a0de\u00a0septiembre de\u00a02006", "AD\u00a079"]


def test_a_key_term_of_several_spans_is_one_highlight(tmp_path):
    # 'H₂O' showed as three padded highlights, 'H', '₂' and 'O'.
    path = tmp_path / "water.yaml"
    path.write_text(
        "title: Water\nfactors:\n  - title: Water\n    points:\n"
        "      - Water is ==H~2~O==, and ==**Iron** Curtain== and ==ice== are apart.\n",
        "utf-8",
    )
    page = lxml.html.fromstring(page_for(tmp_path, path).read_bytes())
    marks = [mark.text_content() for mark in page.iter("mark")]
    assert marks == ["H2O", "Iron Curtain", "ice"]
    [water] = [mark for mark in page.iter("mark") if mark.text_content() == "H2O"]
    assert [child.tag for child in water] == ["sub"]


@pytest.mark.parametrize(
    ("layout", "paper"), [("summary", (255, 255, 255)), ("summary-dyslexia", (253, 246, 227))]
)
def test_a_printed_page_keeps_its_layouts_paper(browser, tmp_path, layout, paper):
    # Printed, the dyslexia page came out white: its sheet is on cream paper.
    open_page(browser, page_for(tmp_path, THAW, layout=layout))
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(base64.b64decode(printed["data"]))
    subprocess.run(
        ["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-png", pdf, tmp_path / "page"], check=True
    )
    [png] = tmp_path.glob("page*.png")
    with Pillow.open(png) as image:
        assert image.convert("RGB").getpixel((3, 3)) == paper


@pytest.mark.parametrize(("layout", "smaller"), [("summary-large-print", False), ("summary", True)])
def test_large_print_sets_no_label_smaller_than_its_text(tmp_path, browser, layout, smaller):
    # The large-print page's 'KEY QUESTION' label was 85 % of the text (14.8 pt of 16).
    open_page(browser, page_for(tmp_path, THAW, layout=layout))
    sizes = browser.execute_script(
        "var size = e => parseFloat(getComputedStyle(e).fontSize);"
        "return [size(document.querySelector('.rp-question h2')),"
        " size(document.querySelector('main'))];"
    )
    label, text = sizes
    assert (label < text * 0.9) is smaller, sizes
