"""What a student types on a keyboard for a printed text: straight quotation marks and
apostrophes for curly ones (and for guillemets, primes and accents used as apostrophes),
a hyphen for any dash or minus sign. The self-marking page compares answers folded so
(revpack.writers.html.secret, and its script, which keeps the same characters of
revpack.typed_characters), and a Moodle gap also accepts an answer in this form
(revpack.writers.moodle.embedded)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, partial
from typing import NamedTuple

from revpack.dates import MONTHS
from revpack.labels import Labels, own_label
from revpack.writers.typed_dates import Calendar, bare, calendar

JOINED = re.compile(r"(?<=[^\W\d_])-(?=\w)|(?<=\d)-(?=[^\W\d_])")
"""A hyphen after a letter, or between a digit and a letter ('semi-lunar', 'U-2',
'COVID-19', '19-year'), which a student may type as a space or leave out; not one between
two digits, a minus sign ('10-3' is 10⁻³, never 103)."""

TWO_WORDS = re.compile(r"[^\W\d_]{3,} [^\W\d_]{3,}")
"""Two words of three letters or more, which a student may write as one ('sea wall' as
'seawall', 'salt marsh' as 'saltmarsh'; not 'a part' as 'apart')."""

ARROWS = str.maketrans(
    {"→": "->", "⟶": "->", "←": "<-", "⇌": "<->", "⇄": "<->", "↔": "<->", "⟷": "<->"}
)
"""An arrow as a keyboard types it ('H₂O → H⁺' as 'H2O -> H+'; '<=>' is read as '<->')."""


_POWER = re.compile("(?<=[0-9])[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
"""A power written raised after a figure ('10⁸', '10⁻³'), which a keyboard types with a
caret ('10^8'): flattened, '10⁸' would read as '108'."""
MICRO = re.compile(r"(?:(?<=[0-9 ])|^)[\u00b5\u03bc](?=[A-Za-z\u03a9])")
"""The micro sign of a unit after a number ('22 µF', '5 μm', 'µA'), which a keyboard
without it types as 'u' ('22uF', '5 um')."""

TIMES = re.compile(r"(?<=[0-9])(?: ?[×*·⋅] ?| [xX] | ?[xX] ?(?=10))(?=[0-9])")
"""A multiplication sign between two figures, as typed ('1.5 * 10^8', '1.5 × 10^8'): an
'x' only with a space each side ('2 x 3') or before a power of ten ('1.5x10^8'); else
it is a variable ('2x²', flattened '2x2', is no 2 × 2)."""


_GROUPS = "(?<=[0-9]){}(?=[0-9]{{3}}(?![0-9]))"
COMMA_THOUSANDS = re.compile(_GROUPS.format("[, \u00a0\u202f\u2009]"))
"""A comma or space between thousands ('1,000', '1 000 000'), where a point marks the
decimals."""
POINT_THOUSANDS = re.compile(_GROUPS.format("[. \u00a0\u202f\u2009]"))
"""A point or space between thousands ('75.000'), where a comma marks the decimals
(Typing.decimal_comma)."""
DECIMAL_COMMA = re.compile("(?<=[0-9]),(?=[0-9])")
"""A decimal comma ('72,6'), for which a student may type a point."""
RATIO = re.compile(r"(?<=[0-9])\s*:\s*(?=[0-9])")
"""A ratio's colon between figures, with or without spaces round it ('6:1', '6 : 1')."""


def thousands(decimal_comma: bool) -> re.Pattern[str]:
    """What parts a number's thousands in a language that writes `decimal_comma`s, or not."""
    return POINT_THOUSANDS if decimal_comma else COMMA_THOUSANDS


_FRACTION = re.compile("(?<=[0-9])(?=[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])")
"""Where a fraction follows a whole number ('3½'), which a keyboard types with a space
('3 1/2'): folded, '3½' would read as '31/2'."""


def powers(text: str) -> str:
    """`text` with each power raised after a figure written with a caret ('1.5 × 10⁸'
    → '1.5 × 10^8'; 'm/s²' and 'I²R' are left as they are, to be flattened: 'm/s2'), and
    a space between a whole number and its fraction ('3½' → '3 ½'): as a keyboard types
    them, before compatibility forms are folded."""
    text = _FRACTION.sub(" ", text)
    return _POWER.sub(lambda found: "^" + unicodedata.normalize("NFKC", found.group()), text)


def times(text: str) -> str:
    """`text` with a multiplication sign between figures written '×' with no spaces
    round it (what '1.5x10^8', '1.5 * 10^8' and '1.5 × 10^8' have in common)."""
    return TIMES.sub("×", text)


def cased(answer: str) -> bool:
    """Whether marking keeps `answer`'s capitals: a formula or symbol written with a sub-
    or superscript ('CaCO₃', 'NH₃', 'p₁V₁'), in which 'Co' is cobalt, not 'CO', and 'v'
    not 'V', or a chemical formula without one ('HCl', 'NaOH': 'HCL' and 'NAOH' are no
    formulas: _FORMULA_WORD). Other answers are right in any capitals (a power of a
    figure, '2 × 10³ V', is no formula: `powers` writes it with a caret; nor is a unit's
    power, '0.5 mol/dm³': UNIT_POWER)."""
    return (
        any(
            unicodedata.decomposition(char).startswith(("<sub>", "<super>"))
            for char in UNIT_POWER.sub("", powers(answer))
            if char not in ORDINALS
        )
        or any(_FORMULA_WORD.fullmatch(word) for word in answer.split() if _mixed(word))
        or PREFIXED_UNIT.search(answer) is not None
    )


ORDINALS = "ªº"
"""The Spanish and Portuguese ordinal signs ('1.ª', '2.º'): raised letters, but no
formula's superscript (an answer holding one is right in any capitals)."""

PREFIXED_UNIT = re.compile(
    r"(?<=[0-9]) ?[mMpPzZyY](?:m|g|s|A|K|mol|N|J|W|Wh|Pa|V|Ω|Hz|C|F|T|H|L|l|eV|Bq|Gy|Sv)"
    r"(?![^\W\d_¹²³⁴⁻])"
)
"""A number's unit with a prefix whose other case is another prefix ('3 MW' is mega, '3
mW' milli; '5 ms', '5 Ms'): such a quantity is marked in its capitals. ('100 m/s', '5
km': 'M/S' and 'KM' are no other unit, and are right.)"""


_UNIT = r"[A-Za-zΩµμ]+(?:⁻?[¹²³⁴])?"
UNIT_POWER = re.compile(rf"(?<=[0-9]) ?{_UNIT}(?:(?: ?/ ?| |·){_UNIT})*")
"""A number's units, powers and all ('0.5 mol/dm³', '9.8 m/s²', '1.2 g cm⁻³'): a unit's
power is no formula's, so the quantity is right in any capitals, as '12 KV' is for '12 kV'
(unless its prefix's other case is another prefix: PREFIXED_UNIT)."""

_FORMULA_WORD = re.compile(r"(?:[A-Z][a-z]?[0-9]*){2,}")
"""A word made of two element symbols or more ('HCl', 'NaOH', 'KMnO4'); with `_mixed`,
a chemical formula, not a name ('McCarthy', 'JavaScript' are not made so)."""


def _mixed(word: str) -> bool:
    """Whether `word` has a small letter and two capitals (not an acronym, 'NATO', nor an
    ordinary word, 'Valves')."""
    return any(c.islower() for c in word) and sum(c.isupper() for c in word) >= 2


def bare_capitals(text: str) -> str:
    """`text` with the accents of its capitals left off ('États généraux' → 'Etats
    généraux'), as French, Spanish and other keyboards make a student type them."""
    return "".join(bare(char) if char != char.lower() else char for char in text)


class NumberMaps(NamedTuple):
    """A language's small numbers in words, looked up either way."""

    figures: dict[str, str]
    """Each word → its figure ('four' → '4')."""
    words: dict[str, str]
    """Each figure → the word it is written in ('4' → 'four')."""


@dataclass(frozen=True)
class Typing:
    """How the students of a sheet's language type an answer, as its label set says."""

    articles: tuple[str, ...]
    """The articles an answer may be typed with or without ('the', "l'"), small."""
    bare: bool
    """Whether a capital may be typed without its accent (French keyboards: 'Etats')."""
    spellings: tuple[tuple[str, str], ...] = ()
    """Letters that may be written another way, small ('ß' as 'ss', 'ä' as 'ae')."""
    calendar: Calendar = Calendar((), ())
    """The month names and other words a date may be typed with."""
    units: tuple[tuple[str, str], ...] = ()
    """Words a number's unit may be written in, small, each with its short form, longest
    first ('metres', 'm'; 'million', 'm'; 'per cent', '%'; 'degrees', '': left out)."""
    accents: bool = False
    """Whether any letter may be typed without its accent (English keyboards have none:
    'detente' for 'détente', 'Jons' for 'Jöns')."""
    split: bool = False
    """Whether an answer of one word may be typed as two ('flood plain' for 'floodplain':
    label html.two_words 'either')."""
    decimal_comma: bool = False
    """Whether the language writes a number's decimals after a comma and its thousands
    apart with points ('2,5', '75.000': label html.decimal 'comma')."""
    numbers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Numbers as words, small: each figure with its words, the first the one it is
    written in ('4', ('four',)); label `numbers`."""

    @cached_property
    def number_maps(self) -> NumberMaps:
        """`numbers` as a table each way: word → figure, figure → its first word."""
        return NumberMaps(
            {word: figure for figure, words in self.numbers for word in words},
            {figure: words[0] for figure, words in self.numbers if words},
        )

    @cached_property
    def written_out(self) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
        """For each short unit but a number word's (MAGNITUDES): a pattern finding it after
        a number (one of one letter only where a space parts them: not the 's' of '1960s'
        nor the 'g' of '4G'; never after a sum of money: '£2m' is no '£2 metres'), and the
        words it is written out in ('km': 'kilometres', 'kilometre', …), made once."""
        words: dict[str, list[str]] = {}
        for word, short in self.units:
            if short:
                words.setdefault(short, []).append(word)
        found = []
        for short, names in words.items():
            if short not in MAGNITUDES:
                space = " " if len(short) == 1 else " ?"
                pattern = f"(?<![£$€¥0-9.,])([0-9][0-9.,]*){space}{re.escape(short)}"
                found.append((re.compile(pattern + r"(?![^\W\d_])"), tuple(names)))
        return tuple(found)

    @cached_property
    def millions(self) -> tuple[str, ...]:
        """The words a sum of money's 'm' is written out in ('million', 'millions')."""
        return tuple(word for word, short in self.units if short == "mn")

    @cached_property
    def quantity(self) -> re.Pattern[str]:
        """A number followed by one of the `units`, written out or short (its short form
        may run on into its power: 'cm3'), made once."""
        names = sorted({name for unit in self.units for name in unit if name}, key=len)[::-1]
        either = "|".join(map(re.escape, names)) or "(?!)"
        return re.compile(f"[0-9] ?(?:{either})(?![^\\W\\d_])")


def typing(labels: Labels) -> Typing:
    """The typing of `labels`' language (labels html.articles, html.capital_accents,
    html.spellings, html.date_words, html.month_forms, html.accents and the months; and
    the language's own units)."""
    words = labels("html.spellings").lower().split()
    spellings = tuple(zip(words[::2], words[1::2], strict=False))
    units = tuple(
        (word.replace("_", " "), short)  # 'per_cent:%': 'per cent'
        for word, _, short in (
            unit.rpartition(":")
            # (in the form marking compares: 'µm' with a Greek mu, as NFKC writes it)
            for unit in unicodedata.normalize("NFKC", own_label(labels.language, "units"))
            .lower()
            .split()
        )
        if word
    )
    return Typing(
        tuple(labels("html.articles").casefold().split()),
        labels("html.capital_accents") == "optional",
        spellings,
        calendar(
            labels.months(),
            MONTHS,
            labels("html.date_words"),
            spellings,
            labels("html.month_forms"),
            labels("html.month_abbreviations"),
        ),
        # (longest first; a word with no short form, 'degrees', before all, so that '37
        # degrees celsius' is '37 celsius', then '37c')
        tuple(sorted(set(units), key=lambda unit: (bool(unit[1]), -len(unit[0]), unit))),
        labels("html.accents") == "optional",
        labels("html.two_words") == "either",
        labels("html.decimal") == "comma",
        tuple(
            (figure, tuple(words.split(",")))
            for entry in own_label(labels.language, "numbers").lower().split()
            for figure, _, words in [entry.partition(":")]
        ),
    )


MAGNITUDES = frozenset({"mn", "bn", "k", "md", "mio", "mrd"})
"""The short forms of the languages' number words (million, billion, thousand), which a sum
of money takes, unlike a measure's unit."""
_MONEY = r"[£$€¥] ?[0-9][0-9.,]*"
"""A sum of money's sign and number."""
MONEY_M = re.compile(f"({_MONEY}) ?m(?![^\\W\\d_])")
"""A sum of money in millions written short ('£2m', '$5 m'): 'm' there is million, which
the language's units write 'mn', since after any other number 'm' is metres ('5 m' is
never '5 million')."""
_MONEY_MN = re.compile(f"({_MONEY})( ?)mn(?![^\\W\\d_])")
"""A sum of money in millions as `compact` writes it ('£2mn'), to be written as typed."""
_DEGREES = re.compile("(?<=[0-9]) ?° ?")
_NUMBER_SPACE = re.compile(r"(?<=[0-9]) (?=[^\W\d_]|%)")


def compact(text: str, units: tuple[tuple[str, str], ...], joined: bool = True) -> str:
    """`text` (normalised: single spaces) with each number's unit in its short form and
    joined to it, and no degree sign after a number: what '5 km', '5km' and '5
    kilometres', '£2 million' and '£2m', '37 °C', '37°C' and '37 C' have in common
    ('5km', '£2mn', '37c'). A student types the unit either way, and marking forgives it.
    Not `joined`, a space is kept after the number ('5 km', '37 c'). 'm' is metres but
    after a sum of money ('£2m': MONEY_M), so '5 m' is never '5 million'."""

    space = "" if joined else " "
    text = MONEY_M.sub(f"\\1{space}mn", text)
    for word, short in units:
        if word in text:
            # (never after a sum of money: '£2 metres' is no '£2m')
            pattern = f"((?:{_MONEY})?)(?<=[0-9]) ?{re.escape(word)}(?!\\w)"
            written = space + short if short else ""
            keep = short not in MAGNITUDES  # ('£2 million' is '£2mn')
            text = re.sub(pattern, partial(_short, written, keep), text)
    text = _DEGREES.sub(space, text).rstrip(" ")  # ('180°' is '180', not '180 ')
    return _NUMBER_SPACE.sub("", text) if joined else text


def _short(written: str, keep: bool, found: re.Match[str]) -> str:
    """A unit found after a number as `written`, but after a sum of money as it was when
    `keep` (a measure: '£2 metres' is no '£2m')."""
    return found[0] if found[1] and keep else found[1] + written


def as_typed(text: str) -> str:
    """A `compact` form written as students type it: a sum of money in millions with 'm'
    ('£2m', not '£2mn')."""
    return _MONEY_MN.sub(r"\1\2m", text)


def _is_sign(char: str) -> bool:
    """Whether `char` is a mathematical sign ('=', '≠', '<', '−', '-', '*', '/', '^'): an
    'a' before one is a variable, not an article."""
    return char in "-*/^" or unicodedata.category(char) == "Sm"


def unarticled(text: str, articles: tuple[str, ...]) -> list[str]:
    """`text` without a leading article of `articles` ('the Warsaw Pact' → 'Warsaw Pact';
    "l'Élysée" → 'Élysée'): what follows an article and a space, and what follows an
    article ending in an apostrophe, where either starts it; never a variable before a
    sign ('a ≠ b' is no '≠ b')."""
    found = []
    head, _, rest = text.partition(" ")
    if rest and not _is_sign(rest[0]) and head.casefold() in articles:
        found.append(rest)
    quote = text.find("'")
    if 0 < quote < len(text) - 1 and not _is_sign(text[quote + 1]):
        if text[: quote + 1].casefold() in articles:
            found.append(text[quote + 1 :])
    return found
