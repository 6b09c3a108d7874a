"""Other ways a student writes an answer, beyond what typing it folds (keyboard.py): its
parts in brackets, a unit's slash or negative power, a number in standard form in
figures, a Greek letter by its name, a product in a formula with or without a sign, and
which of its hyphens may be left out. The self-marking page (html.secret) and Moodle
(moodle.embedded) both accept them."""

from __future__ import annotations

import re
from decimal import Decimal

from revpack.writers.keyboard import JOINED, cased


def bracketed(answer: str) -> tuple[str, ...]:
    """The two parts of an answer written 'name (aside)', each right on its own: 'ohms'
    and 'Ω' for 'ohms (Ω)', '27 juillet 1794' for '27 juillet 1794 (9 thermidor an II)';
    () for any other answer, and for a state symbol's ('CO₂ (g)': 'g' is no answer)."""
    found = _BRACKETED.fullmatch(answer.strip())
    if found is None or found["aside"].strip().lower() in STATES:
        return ()
    return found["main"], found["aside"].strip()


def in_brackets(text: str) -> bool:
    """Whether `text` is all one bracket's content ('(aq)'), which is right without them;
    not brackets multiplied ('(x + 2)(x + 3)', whose 'x + 2)(x + 3' is no answer)."""
    return len(text) > 2 and text[0] + text[-1] == "()" and not set("()") & set(text[1:-1])


_BRACKETED = re.compile(r"(?P<main>[^()]*[^\s()])\s+\((?P<aside>[^()]*[^\s()][^()]*)\)")
STATES = frozenset({"aq", "s", "l", "g"})
"""State symbols, which a formula takes in brackets ('NaCl (aq)')."""


def unit_forms(text: str) -> list[str]:
    """`text` with each unit's slash written as negative powers, and each negative power
    as a slash, as students and textbooks write either: 'm/s' as 'm s-1' and 'ms-1',
    'mol/dm3' as 'mol dm-3'; 'm s-2' as 'm/s2'. What a slash divides by may be several
    units, each then with its negative power ('J/kg °C' as 'J kg-1 °C-1', never 'J kg-1
    °C', another unit), also written in brackets or with a slash each ('J/(kg °C)',
    'J/kg/°C'); a product of units in brackets with any sign a keyboard types, or none
    ('mol/(l·s)' as 'mol/(l*s)', 'mol/(l s)', 'mol l-1 s-1'). [] where it has neither a
    unit's slash nor a negative power."""
    found: list[str] = []
    for divided in DIVIDED.finditer(text):
        units = UNIT.findall(divided["units"])
        if len(units) == 1 and not divided["units"].startswith("("):
            ((unit, power),) = units
            for space in (" ", ""):
                found.append(_spliced(text, divided, f"{space}{unit}-{power or 1}"))
            continue
        negative = " ".join(f"{unit}-{power or 1}" for unit, power in units)
        plain = [unit + power for unit, power in units]
        for space in (" ", ""):
            found.append(_spliced(text, divided, space + negative))
        found.append(_spliced(text, divided, "/" + "/".join(plain)))
        for sign in PRODUCT_SIGNS:
            found.append(_spliced(text, divided, f"/({sign.join(plain)})"))
    if NEGATIVE.search(text):
        found.append(NEGATIVE.sub(lambda m: f"/{m[1]}{'' if m[2] == '1' else m[2]}", text))
    return [form for form in dict.fromkeys(found) if form != text]


def _spliced(text: str, divided: re.Match[str], written: str) -> str:
    """`text` with the slash and units `divided` found written instead as `written`."""
    return text[: divided.start()] + written + text[divided.end() :]


def in_figures(text: str) -> str:
    """`text` (normalised) with each number in standard form written out in figures, as a
    student may type it: '3.0×10^8' as '300000000', '1.5×10^-3' as '0.0015' (at most
    WRITTEN_OUT figures; a larger or smaller one is left as it is)."""
    return STANDARD_FORM.sub(_figures, text)


def _figures(found: re.Match[str]) -> str:
    value = Decimal(found[1]).scaleb(int(found[2]))
    figures = format(value.normalize(), "f")
    return figures if len(figures.replace(".", "").lstrip("0")) <= WRITTEN_OUT else found[0]


STANDARD_FORM = re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)×10\^(-?[0-9]{1,2})(?![0-9])")
"""A number in standard form, as `normalise` writes it ('3.0×10^8', '1.5×10^-3')."""
WRITTEN_OUT = 12
"""The most figures of a number in standard form written out."""


def _negative(space: str, found: re.Match[str]) -> str:
    """A unit's slash and divisor as a negative power after `space` ('/s2' → ' s-2')."""
    return f"{space}{found[1]}-{found[2] or 1}"


_UNIT = r"°?[^\W\d_]{1,3}[0-9]?"
"""One unit a slash may divide by: at most three letters, perhaps a degree sign before
them and a power after ('s', 'dm3', '°C')."""
UNIT = re.compile(r"(°?[^\W\d_]{1,3})([0-9]?)")
"""A unit and its power, in what a slash divides by."""
DIVIDED = re.compile(
    r"(?<=[^\W\d_]) ?/ ?(?P<units>"
    rf"\({_UNIT}(?:(?: ?[·*⋅.x] ?| )?{_UNIT})*\)"  # '/(l·s)', '/(kg °C)'
    rf"|{_UNIT}(?:(?: ?[·*⋅] ?| ?(?=°)){_UNIT})*(?: {_UNIT}$)?"  # '/kg °C', '/kg K' at the end
    r")(?![\w(])"
)
"""A unit's slash and the units it divides by: one ('/s', '/dm3', '/ h'), several in
brackets, joined by a product sign, or a degree unit after another ('/kg °C'), or a last
unit at the end of the answer ('/kg K')."""
PRODUCT_SIGNS = ("·", " ", "", "*", ".", "⋅", " x ", "x")
"""How a product of units in brackets is written: a middle dot (as printed), a space, or
none, and what a keyboard has instead ('*', '.', the dot operator, 'x')."""
NEGATIVE = re.compile(r" ([^\W\d_]{1,3})-([0-9])(?![\w])")
"""A unit written with a negative power after a space (' s-1', ' dm-3')."""
GREEK = {
    "λ": "lambda",
    "θ": "theta",
    "ρ": "rho",
    "δ": "delta",
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "σ": "sigma",
    "ω": "omega",
    "φ": "phi",
    "ε": "epsilon",
    "η": "eta",
    "τ": "tau",
}
"""Greek letters a keyboard lacks, by the names a student types for them ('π' is 'pi':
secret.alternatives)."""


def greek_named(text: str) -> str:
    """`text` with each Greek letter of GREEK (small or capital) written as its name."""
    return "".join(GREEK.get(char.lower(), char) for char in text)


def joins(answer: str) -> re.Pattern[str]:
    """The hyphens of `answer` (as written in the notes) that a student may type as a
    space or leave out: JOINED's and one after a bracket (ANY_JOINED); but where a unit
    has a negative power ('m s⁻²', 'mol dm⁻³'), a hyphen between a letter and a figure is
    its minus sign ('m s-2' is never 'm s2', a square)."""
    if "\u2212" in answer or _MINUS_ONLY.search(answer) or cased(answer):
        return NONE_JOINED  # (a minus sign is never left out: 'x3' is no 'x − 3')
    return WORDS_JOINED if UNIT_POWER.search(answer) else ANY_JOINED


_MINUS_ONLY = re.compile(r"[=<>≤≥≠^]|[^\W\d_][⁰¹²³⁴⁵⁶⁷⁸⁹]|\)\(")
"""What only an expression holds, in which a hyphen is a minus sign: a relation, a
letter's power, brackets multiplied."""
EXPRESSION_SIGN = re.compile(r"[+÷√]|\) ?\(")
"""An expression's sign ('x² + 5x + 6', '(x + 2)(x + 3)', '3√5'), whose spaces say
nothing, as with a relation: most students type it without."""
NONE_JOINED = re.compile("(?!)")
"""No hyphen at all: in an expression each is a minus sign."""


_AFTER_BRACKET = r"|(?<=\))-(?=[^\W\d_])"
"""A hyphen after a closing bracket and before a letter ('Mangan(IV)-oxid')."""
ANY_JOINED = re.compile(JOINED.pattern + _AFTER_BRACKET)
"""JOINED's hyphens, and one after a closing bracket ('Mangan(IV)oxid', 'Mangan(IV) oxid'
for 'Mangan(IV)-oxid'), in an answer (what is typed is read with JOINED's)."""
WORDS_JOINED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])|(?<=\d)-(?=[^\W\d_])" + _AFTER_BRACKET)
"""ANY_JOINED's hyphens, less those between a letter and a figure."""
UNIT_POWER = re.compile("(?<=[^\\W\\d_])\u207b[⁰¹²³⁴⁵⁶⁷⁸⁹]")
"""A negative power after a letter: a unit's ('s⁻²', 'dm⁻³')."""


SPACED_X = re.compile(r"(?<=[^\W_]) x (?=[^\W_])")
"""An 'x' typed with a space each side between two terms of a formula (normalised, in small
letters): a times sign."""
LETTERS_TIMES = re.compile(r"(?<=[^\W\d_]) ?[×*·⋅] ?(?=[^\W_])|(?<=[^\W_]) ?[×*·⋅] ?(?=[^\W\d_])")
"""A times sign beside a letter in a formula, which may be left out ('fλ' for 'f × λ')."""


_TRAILING_ZEROS = re.compile(r"(?<![0-9.])([0-9]+)\.([0-9]*?)0+(?![0-9.])")
"""A decimal's zeros at its end ('3.0', '0.250', '37.0'); not in a date written with
points ('1.10.1918')."""


def without_zeros(text: str) -> str:
    """`text` with no zeros at the end of its decimals: a number written to more places
    is the same number ('3 × 10⁸ m/s' for '3.0 × 10⁸ m/s', '0.25 Ω' for '0.250 Ω', as mark
    schemes take them)."""
    return _TRAILING_ZEROS.sub(_trimmed, text)


def _trimmed(found: re.Match[str]) -> str:
    whole, places = found.groups()
    return f"{whole}.{places}" if places else whole


PREFIXES = {"": 0, "k": 3, "M": 6, "m": -3, "µ": -6, "μ": -6}
"""The prefixes of a quantity's unit that marking converts between, by power of ten."""
CASELESS_PREFIXES = ("", "k")
"""The prefixes a quantity marked in any capitals is also accepted in: neither has
another case that is another prefix ('MJ' is mega, 'mJ' milli; 'kJ' and 'KJ' are one)."""
_QUANTITY = re.compile(
    r"(?<![\w.,])(?<![0-9] )(?P<number>[0-9]+(?:\.[0-9]+)?) ?(?P<prefix>[kMmµμ]?)"
    r"(?P<unit>J|W|N|Pa|V|A|Hz|Ω|g|m)(?![\w/^⁰¹²³⁴⁵⁶⁷⁸⁹⁻°·.]|\.\w)"
)
"""A number and its unit, perhaps prefixed, of those marking converts ('84 kJ', '126000
J', '0.5 kg', '5 mm'): no compound unit ('J/kg', 'm s⁻¹') or power ('m²')."""


def in_other_prefixes(text: str, cased: bool) -> list[str]:
    """`text` with its one quantity in each other prefix of its unit, as the same amount:
    '84000 J' for '84 kJ', '126 kJ' for '126000 J', '500 g' for '0.5 kg' (numbers as
    `normalise` writes them: no thousands' separators). Only in the prefixes of
    CASELESS_PREFIXES unless marking keeps the answer's capitals (`cased`); never to more
    than WRITTEN_OUT figures or six decimal places, nor under 0.001 or (but in the
    unprefixed unit) over ten million. [] for a text with no quantity or
    more than one."""
    found = list(_QUANTITY.finditer(text))
    if len(found) != 1:
        return []
    (quantity,) = found
    power = PREFIXES[quantity["prefix"]]
    amount = Decimal(quantity["number"]).scaleb(power)
    forms = []
    for prefix, other in PREFIXES.items():
        if prefix in (quantity["prefix"], "μ") or not (cased or prefix in CASELESS_PREFIXES):
            continue  # ('μ', the Greek mu, is written 'µ', the micro sign)
        value = amount.scaleb(-other)
        if value < Decimal("0.001") or (prefix and value >= 10**7):
            continue  # ('0.00025 kΩ', '2500000000 mJ': the same, but nobody writes them)
        figures = format(value.normalize(), "f")
        places = figures.partition(".")[2]
        if len(figures.replace(".", "").lstrip("0")) > WRITTEN_OUT or len(places) > 6:
            continue
        written = f"{figures} {prefix}{quantity['unit']}"
        forms.append(text[: quantity.start()] + written + text[quantity.end() :])
    return forms
