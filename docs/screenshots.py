"""Remake the README's pictures of the HTML pages: the worksheet after a student has
checked some answers, and the summary, as headless Chromium draws them.

    python docs/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

from selenium.webdriver.common.by import By  # noqa: E402

from browser import chromium, open_page  # noqa: E402
from revpack import Audience, load_layout, load_source, render  # noqa: E402
from revpack.worksheet.exercises import GapFill, worksheet  # noqa: E402

THAW = DOCS.parent / "sources" / "cold-war" / "thaw.yaml"


def main() -> None:
    source = load_source(THAW)
    audience = Audience(class_name="11B", teacher="Mr Jones", seed=1)
    work = Path(tempfile.mkdtemp(prefix="revpack-shots-"))
    pages = {}
    for layout in ("worksheet", "summary"):
        path = work / f"{layout}.html"
        path.write_bytes(render(source, load_layout(layout), audience, "html")[0].data)
        pages[layout] = path
    driver = chromium(1000, 1000)
    try:
        open_page(driver, pages["worksheet"], 1000, 1000)
        gaps = next(e for e in worksheet(source, load_layout("worksheet").options, 1).exercises
                    if isinstance(e, GapFill)).gaps
        for gap in gaps[:6]:
            typed = "Iron curtain" if gap.number == 3 else gap.answer.lower()
            driver.find_element(By.ID, f"e1-g{gap.number}").send_keys(typed)
        driver.find_element(By.ID, "check-e1").click()
        driver.find_element(By.ID, "r-e1-g3").click()
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(DOCS / "html-worksheet.png"))
        open_page(driver, pages["summary"], 1000, 1000)
        driver.save_screenshot(str(DOCS / "html-summary.png"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
