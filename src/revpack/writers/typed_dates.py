"""Dates as a student types them: '9.11.1918', '9 Nov 1918', 'November 9th, 1918' and
'9. November 1918' name one day, which marking writes '1918-11-09' (a month
'1918-11'). The self-marking page's script (worksheet.js, `dayOf`) reads what is
typed exactly as `day_of` does here, and accepts a date typed more exactly than the
answer gives it ('24. Oktober 1929' for 'Oktober 1929'), never less.

Days come first where all is in figures ('3/4/1918' is 3 April), as in every language
revpack prints; a year has four figures, from 1000 to 2999 ('1,500' and '1.500' are
numbers, not January 1500 or a month of the year 500). A year alone names no date here:
it is marked as the text it is ('1918' is right for '1918', never for '9 November 1918',
and '1929' is no month of 1929); only where the answer is a date (a timeline's date
box) is a date typed right for its year ('9 November 1918' for '1918')."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

ORDINAL_POINT = re.compile(r"(?<=[0-9])\.(?=[oa](?![^\W\d_]))")
"""The point of a Spanish ordinal day ('1.º de abril', folded '1.o'), which is no
separator: '1.o' is '1o'."""
SEPARATORS = re.compile(r"[ .,/-]+")
"""What stands between a date's parts once typed text is normalised (a dash is '-')."""
ORDINAL = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th|er|re|e|o|a|af|il|ydd|ed|fed|eg|ain)")
"""A day written as an ordinal: '9th', '1er', '2e', '1o' (1.º), '1af', '3ydd', '21ain'."""
FIRST_YEAR, LAST_YEAR = 1000, 2999
"""The years a date typed in figures may name."""
FOUR_FIGURES = re.compile("[0-9]{4}")
"""A year's four figures, which every date `day_of` reads has."""
SHORTEST = 3
"""The fewest letters of a month's name that stand for it ('Nov', 'Okt', 'juil')."""


@dataclass(frozen=True)
class Calendar:
    """The words a date may be typed with in a sheet's language."""

    months: tuple[tuple[str, int], ...]
    """Each month's name, small and without accents, with its number ('marz', 3): the
    language's and the English, and as its spellings write them ('maerz')."""
    fillers: tuple[str, ...]
    """Words a date may have between its parts, which say nothing of the day ('the',
    'of', 'am', 'de')."""
    names: tuple[str, ...] = ()
    """The language's month names as it writes them, January first ('März')."""
    shorts: tuple[str, ...] = ()
    """The language's usual short forms of them, small ('sept', 'gorff')."""

    def month(self, word: str) -> int | None:
        """The month `word` names, whole or its first SHORTEST letters or more, or None
        (also when it begins the names of two months: 'jui', juin or juillet)."""
        word = bare(word)
        if len(word) < SHORTEST or not word.isalpha():
            return None
        return self._named.get(word)

    @cached_property
    def _named(self) -> dict[str, int | None]:
        """Each month's name and each of its beginnings of SHORTEST letters or more, with
        the month it names (None where a beginning starts two months' names), made once."""
        exact = {name: number for name, number in self.months}
        found: dict[str, set[int]] = {}
        for name, number in self.months:
            for end in range(SHORTEST, len(name) + 1):
                found.setdefault(name[:end], set()).add(number)
        return {
            start: exact.get(start, next(iter(numbers)) if len(numbers) == 1 else None)
            for start, numbers in found.items()
        }


def calendar(
    names: Sequence[str],
    english: Sequence[str],
    fillers: str,
    spellings: Sequence[tuple[str, str]],
    other_forms: str = "",
    shorts: str = "",
) -> Calendar:
    """The calendar of a language whose months are `names` (January first), with
    `other_forms` of them ('Fai:5 Dachwedd:11', as Welsh mutates them after 'o') and their
    usual `shorts` ('Sept Oct', 'Gorff')."""
    months: dict[tuple[str, int], None] = {}
    pairs = (form.rpartition(":") for form in other_forms.split())
    forms = [(int(n), name) for name, _, n in pairs if name and n.isdigit() and 1 <= int(n) <= 12]
    for number, name in [*enumerate(names, 1), *enumerate(english, 1), *forms]:
        small = name.lower()
        months[bare(small), number] = None
        months[bare(spelt(small, spellings)), number] = None
    return Calendar(
        tuple(months), tuple(fillers.lower().split()), tuple(names), tuple(shorts.lower().split())
    )


def bare(text: str) -> str:
    """`text` without its accents: every mark (Unicode's M categories) on a letter left
    off, as the page's script (`unaccented`) leaves them off. A mark on a sign stays: '≠'
    is '=' with a stroke, and '=' for it is the opposite answer."""
    if text.isascii():
        return text  # (nothing to leave off: most answers)
    kept, base = [], ""
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.category(char).startswith("M"):
            base = char
        elif unicodedata.category(base).startswith("L"):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def spelt(text: str, spellings: Sequence[tuple[str, str]]) -> str:
    """`text` (small letters) with each of `spellings`' letters written as its other
    spelling ('dolchstoßlegende' → 'dolchstosslegende', 'börse' → 'boerse')."""
    for letter, other in spellings:
        text = text.replace(letter, other)
    return text


def day_of(text: str, found: Calendar) -> str | None:
    """The day or month that `text` (normalised: small letters, single spaces) names, as
    '1918-11-09' or '1918-11', or the year it names after date words ('in 1861': '1861'),
    or None when it is no date."""
    if not FOUR_FIGURES.search(text):
        return None  # (every date here has its year: most texts are none, found at once)
    text = ORDINAL_POINT.sub("", text)
    parts = [part for part in SEPARATORS.split(text) if part and part not in found.fillers]
    read = [known for part in parts if (known := _part(part, found)) is not None]
    if not read or len(read) < len(parts):
        return None
    kinds = "".join(kind for kind, _, _ in read)
    values = [value for _, value, _ in read]
    figures = [length for _, _, length in read]

    def year(at: int) -> bool:
        return kinds[at] == "n" and figures[at] == 4 and FIRST_YEAR <= values[at] <= LAST_YEAR

    def month(at: int) -> bool:
        return kinds[at] == "m" or (kinds[at] == "n" and figures[at] <= 2)

    def day(at: int) -> bool:
        return kinds[at] in "nd" and figures[at] <= 2

    if len(kinds) == 3 and day(0) and month(1) and year(2):
        return _date(values[2], values[1], values[0])
    if len(kinds) == 3 and kinds[0] == "m" and day(1) and year(2):
        return _date(values[2], values[0], values[1])
    if len(kinds) == 3 and year(0) and month(1) and day(2):
        return _date(values[0], values[1], values[2])
    if len(kinds) == 2 and month(0) and year(1):
        return _date(values[1], values[0])
    # (a year after a date word: 'in 1861', 'c. 1879', which a timeline's date box takes)
    if len(kinds) == 1 and year(0) and len(parts) < len([p for p in SEPARATORS.split(text) if p]):
        return f"{values[0]:04}"
    return None


def typed_days(text: str, found: Calendar, year: bool = False) -> list[str]:
    """The forms of a date typed as `text`: its day, and its month, which an answer that
    gives only the month accepts; with `year` (where the answer is a date: a timeline's
    date box), also its year, which an answer that is a year accepts ('31 January 1953'
    for '1953'; in a sentence '1918' may be a number, and 'January 1918' no answer for
    it); [] when it is no date."""
    day = day_of(text, found)
    if day is None:
        return []
    lengths = (10, 7, 4) if year else (10, 7)
    return [day[:length] for length in lengths if length <= len(day)]


def _part(part: str, found: Calendar) -> tuple[str, int, int] | None:
    """A part of a date: ('n', number, its figures), ('d', a day as an ordinal, 0) or
    ('m', a month's number, 0); None for anything else."""
    if part.isascii() and part.isdigit():
        return "n", int(part), len(part)
    ordinal = ORDINAL.fullmatch(part)
    if ordinal:
        return "d", int(ordinal[1]), len(ordinal[1])
    month = found.month(part)
    return None if month is None else ("m", month, 0)


def _date(year: int, month: int, day: int | None = None) -> str | None:
    """'1918-11-09' or '1918-11', or None for a day or month that does not exist."""
    try:
        found = datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return found.isoformat() if day is not None else found.isoformat()[:7]
