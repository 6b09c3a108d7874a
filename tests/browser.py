"""A headless Chromium for the HTML tests: Debian's chromium and chromedriver, no network,
a fresh profile for each browser."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from helpers import need

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(width: int = 1200, height: int = 900):
    """A started Chromium webdriver with the network switched off (the caller quits it)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = need("chromium")
    driver_path = need("chromedriver")
    profile = tempfile.mkdtemp(prefix="revpack-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    return driver


def requests(driver) -> list[str]:
    """The URLs the page asked for since the last call (from the performance log)."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.fixture(scope="module", name="browser")
def browser_fixture():
    """One browser for a test module."""
    driver = chromium()
    yield driver
    driver.quit()


def open_page(driver, path: Path, width: int = 1200, height: int = 900, fresh: bool = True) -> None:
    """Open a page from disk at a window size; `fresh`: as if for the first time, with no
    answers kept from an earlier visit (the browser's storage emptied)."""
    driver.set_window_size(width, height)
    driver.get(path.resolve().as_uri())
    if fresh and driver.execute_script(FORGET):
        driver.get(path.resolve().as_uri())


FORGET = """
try { var kept = localStorage.length; localStorage.clear(); return kept > 0; }
catch (error) { return false; }"""
"""Empties the storage of the page's origin; whether it held anything."""


def _luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(driver, selector: str, least: float = 4.5) -> tuple[int, list]:
    """How many visible elements matching `selector` were checked, and those whose text
    colour against the background behind them is below the WCAG ratio `least`."""
    pairs = driver.execute_script(
        """
        function back(e) {
          for (; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (c !== 'rgba(0, 0, 0, 0)') return c;
          }
          return 'rgb(255, 255, 255)';
        }
        return [...document.querySelectorAll(arguments[0])]
          .filter(e => e.offsetParent !== null && e.textContent.trim())
          .map(e => [e.tagName + '.' + e.className, getComputedStyle(e).color, back(e)]);""",
        selector,
    )
    poor = []
    for name, fore, ground in pairs:
        light, dark = sorted((_luminance(fore), _luminance(ground)), reverse=True)
        if (light + 0.05) / (dark + 0.05) < least:
            poor.append((name, fore, ground))
    return len(pairs), poor


def broken_words(driver, selector: str) -> list[tuple[str, float, float]]:
    """Each word of the elements `selector` finds that the page breaks over two lines or
    more: (the word, its width unbroken, the width of the element's list item, or of the
    element where it is in none) in pixels."""
    return driver.execute_script(
        """
        const out = [];
        for (const element of document.querySelectorAll(arguments[0])) {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            let start = 0;
            for (const word of node.textContent.split(' ')) {
              const range = document.createRange();
              range.setStart(node, start);
              range.setEnd(node, start + word.length);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              if (word && lines.size > 1) {
                const probe = document.createElement('span');
                probe.style.whiteSpace = 'nowrap';
                probe.textContent = word;
                node.parentNode.appendChild(probe);
                const wide = probe.getBoundingClientRect().width;
                probe.remove();
                const room = (element.closest('li') || element).getBoundingClientRect().width;
                out.push([word, wide, room]);
              }
              start += word.length + 1;
            }
          }
        }
        return out;""",
        selector,
    )
