"""Where a word may break at the end of a line, in the text's language (pyphen's
dictionaries): a word too wide for its column breaks there, with a hyphen, never
between any two letters where a dictionary says otherwise."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pyphen


class Hyphenator:
    """Hyphenation points for one language: pyphen's dictionary, or for Welsh (which
    pyphen lacks) the syllable rule below; none for a language with neither."""

    def __init__(self, language: str):
        self.language = language
        self._found = pyphen.language_fallback(language.replace("-", "_"))
        self._loaded: pyphen.Pyphen | None = None
        self._welsh = self._found is None and language.split("-")[0].lower() == "cy"

    @property
    def known(self) -> bool:
        """Whether the language has a hyphenation dictionary or rule."""
        return self._found is not None or self._welsh

    @property
    def _dictionary(self) -> pyphen.Pyphen:
        # Read when a word first needs breaking: reading a dictionary takes about 0.1 s,
        # and most documents never break a word.
        if self._loaded is None:
            # (Never two letters alone on the next line: "entwür-fe".)
            self._loaded = pyphen.Pyphen(lang=self._found, left=2, right=3)
        return self._loaded

    def points(self, word: str) -> list[int]:
        """Offsets in `word` where it may break: after a hyphen inside it (the hyphen then
        ends the line: `after_hyphen`), and at the hyphenation points of each of its runs
        of four letters or more (a hyphen is printed there), whatever stands between them
        ('H₂SO₄-' / 'Konzentrations-' / 'bestimmung', 'Khrushchev's')."""
        found = {at + 1 for at, char in enumerate(word[:-1]) if char == "-" and at > 0}
        at = 0
        for letters, run in itertools.groupby(word, str.isalpha):  # ('²' is no letter)
            text = "".join(run)
            if letters and len(text) >= 4 and self.known:
                # A language has a dictionary or (Welsh, which pyphen lacks) the syllable rule.
                inside = welsh_points(text) if self._welsh else self._dictionary.positions(text)
                found.update(at + point for point in inside)
            at += len(text)
        return sorted(point for point in found if 0 < point < len(word))

    def pairs(self, word: str) -> list[tuple[str, str]]:
        """(head, tail) for every point, the longest head first (reportlab's form)."""
        return [(word[:p], word[p:]) for p in reversed(self.points(word))]


class LongWords:
    """A reportlab hyphenator that breaks only words wider than `limit` points (words
    that must break to fit the line), at the language's hyphenation points."""

    def __init__(self, hyphenator: Hyphenator, limit: float, measure: Callable[[str], float]):
        self.hyphenator, self.limit, self.measure = hyphenator, limit, measure

    def __call__(self, word: str) -> list[tuple[str, str]]:
        if self.measure(word) <= self.limit:
            return []
        points = self.hyphenator.points(word)
        # A stretch with no point in it that is itself too wide ('a-' and eighty letters,
        # the end of a web address) may break between any two of its letters, two or more
        # before and three or more after: reportlab breaks the rest of a word it has broken
        # only where this says, and let it run off the page.
        bounds = [0, *points, len(word)]
        for start, end in itertools.pairwise(bounds):
            if self.measure(word[start:end]) > self.limit:
                points += range(start + 2, end - 2)
        return [(word[:p], word[p:]) for p in sorted(set(points), reverse=True)]


WELSH_VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ")
WELSH_UNITS = ("ngh", "ch", "dd", "ff", "ng", "ll", "ph", "rh", "th", "mh", "nh")
"""Welsh letters written with two characters, and the nasal mutations ngh, mh and nh:
never split."""


def after_hyphen(word: str, point: int) -> bool:
    """Whether `word` breaks at `point` after a hyphen of its own, which ends the line as it
    is (no hyphen is added there)."""
    return word[point - 1] == "-"


def welsh_points(word: str) -> list[int]:
    """Where a Welsh word may break: between the two consonants of vowel, consonant,
    consonant, vowel (`diwydian-nol`, `cydweith-rediad`), a digraph (ch, dd, ff, ng, ll,
    ph, rh, th, and ngh, mh, nh) counting as one consonant, and at least two letters each side."""
    letters: list[tuple[int, str]] = []  # (offset, letter) with digraphs as one letter
    index, lower = 0, word.lower()
    while index < len(word):
        step = next((len(unit) for unit in WELSH_UNITS if lower.startswith(unit, index)), 1)
        letters.append((index, lower[index : index + step]))
        index += step
    vowel = [letter[0] in WELSH_VOWELS for _, letter in letters]
    points = []
    for i in range(1, len(letters) - 2):
        if vowel[i - 1] and not vowel[i] and not vowel[i + 1] and vowel[i + 2]:
            offset = letters[i + 1][0]
            if 2 <= offset <= len(word) - 2:
                points.append(offset)
    return points
