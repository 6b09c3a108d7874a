"""Where a word may break at the end of a line, in the text's language (pyphen's
dictionaries): a word too wide for its column breaks there, with a hyphen, never
between any two letters where a dictionary says otherwise."""

from __future__ import annotations

import string

import pyphen

_PUNCTUATION = string.punctuation + "«»“”„‘’‚…–—¿¡"


class Hyphenator:
    """Hyphenation points for one language; no points when pyphen has no dictionary."""

    def __init__(self, language: str):
        self.language = language
        found = pyphen.language_fallback(language.replace("-", "_"))
        self._dictionary = pyphen.Pyphen(lang=found, left=2, right=2) if found else None

    @property
    def known(self) -> bool:
        """Whether the language has a hyphenation dictionary."""
        return self._dictionary is not None

    def points(self, word: str) -> list[int]:
        """Offsets in `word` where it may break (a hyphen is then printed there)."""
        core = word.strip(_PUNCTUATION)
        if self._dictionary is None or not core.isalpha():
            return []
        lead = word.find(core)
        return [lead + point for point in self._dictionary.positions(core)]

    def pairs(self, word: str) -> list[tuple[str, str]]:
        """(head, tail) for every point, the longest head first (reportlab's form)."""
        return [(word[:p], word[p:]) for p in reversed(self.points(word))]


class LongWords:
    """A reportlab hyphenator that breaks only words wider than `limit` points (words
    that must break to fit the line), at the language's hyphenation points."""

    def __init__(self, hyphenator: Hyphenator, limit: float, measure):
        self.hyphenator, self.limit, self.measure = hyphenator, limit, measure

    def __call__(self, word: str) -> list[tuple[str, str]]:
        if self.measure(word) <= self.limit:
            return []
        return self.hyphenator.pairs(word)
