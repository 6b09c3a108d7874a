"""Answers a page can check without showing them: each one hashed (SHA-256 of a per-page
salt, the item's key and the normalised answer) and, for "Show answer", an obfuscated copy
(UTF-8 XOR the salt, base64). The page's script (worksheet.js) normalises what a student
types exactly as `normalise` does here (with the characters revpack.writers.keyboard
folds), hashes it and compares."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

from revpack.typed_characters import STRAIGHT
from revpack.writers.answer_forms import (
    EXPRESSION_SIGN,
    LETTERS_TIMES,
    SPACED_X,
    greek_named,
    in_brackets,
    in_figures,
    in_other_prefixes,
    joins,
    unit_forms,
    without_zeros,
)
from revpack.writers.keyboard import (
    ARROWS,
    DECIMAL_COMMA,
    JOINED,
    MICRO,
    RATIO,
    TWO_WORDS,
    NumberMaps,
    Typing,
    bare_capitals,
    compact,
    powers,
    thousands,
    times,
    unarticled,
)
from revpack.writers.typed_dates import Calendar, day_of, spelt, typed_days
from revpack.writers.typed_dates import bare as unaccented

_SPACE = "[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
_SPACES = re.compile(_SPACE)
_AROUND_DASH = re.compile(f"(?:{_SPACE})?-(?:{_SPACE})?")


_ENDS = " \"'"
"""What marking ignores at either end of an answer: spaces and quotation marks (a quotation
is right with or without its marks)."""


_NEGATIVE_POWER = re.compile(r"(?<=[0-9])\^(?=-[0-9])")
"""The caret of a figure's negative power ('10^-3'), which a student may leave out."""
_PAUSES = re.compile(f"[,;:](?={_SPACE}|$)")
"""A comma, semicolon or colon before a space or at the end: punctuation between words,
which marking ignores ('Out damned spot' for 'Out, damned spot!'); one between figures
('1,000', '2,5', '3:1') stays."""
_AROUND_SLASH = re.compile(r"(?<=[^\W\d_]) ?/ ?(?=[^\W\d_]|[(°])")
"""A slash between letters with a space before or after it ('J / kg', 'and/ or'): the
spaces say nothing."""
_DEGREE_LIKE = re.compile(r"[\u00ba\u02da](?= ?[CcFf](?![^\W\d_]))")
"""What a keyboard types for a degree sign before a scale's letter: the masculine
ordinal 'º' (Mac Option-0, Spanish and Portuguese keyboards) and the ring '˚' (Mac
Option-K): '25 ºC' is '25 °C'."""
_LEADING_POINT = re.compile(r"(?<![0-9.])\.(?=[0-9])")
"""A decimal point with no figure before it ('.75' for '0.75')."""
_TYPED_RELATION = re.compile("=/=|<=|=<|>=|!=|<>")
"""A relation as a keyboard types it: 'x<=4' for 'x ≤ 4', 'a != b' for 'a ≠ b'."""
_RELATIONS = {"=/=": "≠", "<=": "≤", "=<": "≤", ">=": "≥", "!=": "≠", "<>": "≠"}
_RELATION = re.compile("[=≤≥≠]|<(?!-(?![0-9]))|(?<!-)>")
"""A relation ('=', '≤', '<', …, not an arrow's '<' or '>'): a text with one is a formula,
whose spaces say nothing ('x < -5' is 'x<-5')."""
_AROUND_EQUALS = re.compile(f"(?:{_SPACE})?=(?:{_SPACE})?")
_AROUND_ARROW = re.compile(f"(?:{_SPACE})?(<->|->|<-)(?:{_SPACE})?")
_CARETS = re.compile(r"_|(?<![0-9])\^|\^(?![-+]?[0-9])")
"""A caret or an underscore as a keyboard types a raised or lowered letter ('x^2', 'R_T':
flattened, as 'x²' and 'R_T' are), not a power of a figure ('10^8', '10^-3': keyboard.powers)."""


def normalise(text: str, cased: bool = False, decimal_comma: bool = False) -> str:
    """What marking compares: compatibility forms folded (NFKC: 'H₂SO₄' is 'H2SO4'),
    lower case (unless `cased`: keyboard.cased), curly quotes and apostrophes straight,
    a number without its thousands' commas or spaces, with a figure before its point and
    no zeros at the end of its decimals ('1,000' and '1 000' are '1000', '.75' is '0.75',
    '3.0' is '3', a ratio's colon with no spaces round
    it, '6 : 1' is '6:1'; where the language writes
    `decimal_comma`s, without its thousands' points or spaces and with a point for its
    comma: '75.000' is '75000', '2,5' is '2.5'),
    arrows as typed ('->', '<->'), every dash a hyphen and '=' and an arrow with no
    spaces round them, no '^' or '_' (how a keyboard types 'x^2', 'R_T') but before a
    figure's power ('10⁸' is '10^8', never '108': keyboard.powers), a multiplication sign
    between figures '×' ('1.5x10^8': keyboard.times), a fraction's slash '/' ('½' is
    '1/2'), runs of spaces one space, none before a degree sign ('40°C', 'J/kg°C') nor
    round a slash between letters ('J / kg' is 'J/kg'), a look-alike of the degree sign
    before C or F the sign ('25 ºC', '25˚C': _DEGREE_LIKE); no
    comma, semicolon or colon between words (_PAUSES); no spaces or
    quotation marks at either end, nor a full stop, '!', '?', comma, semicolon or colon at
    the end, nor a Spanish '¡' or '¿' at the start ('No pasarán' for '¡No pasarán!'); a
    relation typed as '<=', '>=', '!=' or '<>' as its sign, guillemets typed '<<' and
    '>>' as the quotation marks they are; no soft hyphen or word joiner (copied from
    the page's text, which breaks long words with them); in a formula (with '=' or
    another relation: _RELATION) or an expression (EXPRESSION_SIGN), no space at all."""
    text = text.replace("\u00ad", "").replace("\u2060", "")  # (as the page's text has them)
    text = _DEGREE_LIKE.sub("°", text)  # (before NFKC, which makes 'º' an 'o')
    text = text.replace("<<", "«").replace(">>", "»")  # (guillemets as a keyboard types them)
    text = unicodedata.normalize("NFKC", powers(text)).replace("\u2044", "/")
    text = (text if cased else text.lower()).translate(STRAIGHT)
    text = thousands(decimal_comma).sub("", text)  # ('1,000', '75.000', '1 000': '1000')
    if decimal_comma:  # ('2,5' is '2.5', as typed)
        text = DECIMAL_COMMA.sub(".", text)
    text = without_zeros(_LEADING_POINT.sub("0.", text))
    text = text.translate(ARROWS).replace("<=>", "<->")
    text = _AROUND_ARROW.sub(r"\1", text)
    text = _TYPED_RELATION.sub(lambda found: _RELATIONS[found.group()], text)
    text = times(_CARETS.sub("", _AROUND_EQUALS.sub("=", text)))
    text = _AROUND_DASH.sub("-", RATIO.sub(":", text))  # ('6 : 1' is '6:1')
    text = _SPACES.sub(" ", _PAUSES.sub("", text)).replace(" °", "°")
    text = _AROUND_SLASH.sub("/", text).strip(_ENDS)  # ('J / kg' is 'J/kg')
    text = text.rstrip(".!?,;:").strip(_ENDS).lstrip("¡¿").strip(_ENDS)
    # (a formula's spaces say nothing: 'v = i r' is 'V = IR', 'x<=4' 'x ≤ 4')
    if not _RELATION.search(text):  # (nor in an expression: 'x^2+5x+6', '(x+2)(x+3)')
        return text.replace(" ", "") if EXPRESSION_SIGN.search(text) else text
    # (in a formula a product of letters is written with a sign or none: 'v = f x lambda'
    # and 'v = f*λ' are 'v = fλ', as 'V = IR' is 'V = I × R')
    text = LETTERS_TIMES.sub("", SPACED_X.sub("×", text))
    return text.replace(" ", "")


CAPITALS = "\u001f"
"""Between a capitals form's pattern and its text (a character no one types)."""


def _is_cased(char: str) -> bool:
    return char.lower() != char.upper()


def _is_capital(char: str) -> bool:
    return char != char.lower()


def capitals_form(text: str) -> str | None:
    """Where a language's keyboards leave capitals' accents off (`bare`): what is typed
    in one of three patterns of capitals, ALL CAPITALS ('A'), Each Word Capitalised ('T')
    or a capital first ('S'), as the pattern and the text with the capitals' accents left
    off, lower case ('TIERS ETAT' → 'A' + 'tiers etat'); None in any other pattern. An
    answer is right typed so when it gives the same form in the same pattern
    (`capitals_forms`): 'Etat' for 'état', 'CLERGE' for 'clergé', never 'etat'."""
    text = unicodedata.normalize("NFKC", text).strip()
    letters = [c for c in text if _is_cased(c)]
    if not letters:
        return None

    def capitalised(word: str) -> bool:
        cased = [c for c in word if _is_cased(c)]
        return not cased or (_is_capital(cased[0]) and not any(map(_is_capital, cased[1:])))

    if len(letters) > 1 and all(map(_is_capital, letters)):
        pattern = "A"
    elif all(capitalised(word) for word in _SPACES.split(text) if word):
        pattern = "T"
    elif _is_capital(letters[0]) and not any(map(_is_capital, letters[1:])):
        pattern = "S"
    else:
        return None
    return pattern + CAPITALS + normalise(bare_capitals(text))


def capitals_forms(answer: str) -> list[str]:
    """`capitals_form` of `answer` typed in each of its three patterns of capitals."""
    text = unicodedata.normalize("NFKC", answer).strip()
    words = _SPACES.split(text)

    def first_up(word: str) -> str:
        """`word` with its first cased letter a capital, the rest small."""
        at = next((i for i, c in enumerate(word) if _is_cased(c)), None)
        if at is None:
            return word
        return word[:at] + word[at].upper() + word[at + 1 :].lower()

    shapes = (text.upper(), " ".join(map(first_up, words)), first_up(text))
    found = [capitals_form(shape) for shape in shapes]
    return list(dict.fromkeys(form for form in found if form is not None))


def alternatives(
    answer: str,
    articles: tuple[str, ...],
    bare: bool = False,
    cased: bool = False,
    spellings: tuple[tuple[str, str], ...] = (),
    dates: Calendar | None = None,
    typed: bool = False,
    units: tuple[tuple[str, str], ...] = (),
    accents: bool = False,
    dated: bool = False,
    split: bool = False,
    decimal_comma: bool = False,
    numbers: NumberMaps | None = None,
) -> tuple[str, ...]:
    """The normalised forms of `answer` that marking compares: itself; where the
    language's keyboards make a student type capitals without their accents (`bare`:
    French), itself so ('États' → 'etats') and its `capitals_forms` ('Etat' for 'état');
    each without a leading article ('the Warsaw Pact' → 'warsaw pact', "l'Assemblée" →
    'assemblée'); and with its hyphens as spaces or dropped ('de-Stalinisation' →
    'de stalinisation', 'destalinisation'), and (not `typed`) two words as one ('seawall'
    for 'sea wall': keyboard.TWO_WORDS). A typed answer is right when one of its forms
    is one of the answer's: the page's script (worksheet.js, `forms`) finds a typed
    answer's forms as this does, so a hyphen typed for a space is forgiven as much as a
    space for a hyphen. With `cased`, every form keeps its capitals. Otherwise, each also
    with its letters in their other `spellings` ('dolchstosslegende' for
    'Dolchstoßlegende'), and a date in `dates`' words as the day or month it names
    ('1918-11-09' for '9. November 1918': typed_dates); what is `typed` also as the month
    of a day it names (the page's script, `forms`, finds a typed answer's forms so), and
    in a `dated` box (a timeline's date) as its year.
    Each form also with its numbers' `units` short and joined ('5km' for '5 km' and '5
    kilometres': keyboard.compact), its small whole numbers in figures and in the language's
    words (`numbers`: '4 zones' for 'four zones', and back), its micro sign as 'u' ('22uf'
    for '22 µF': MICRO), π
    as 'pi' ('9pi cm2', '9 pi cm2')
    and, where `accents` may be left off, without them ('detente' for 'détente'). Its
    numbers are read in the language's way (`decimal_comma`: normalise)."""
    bases = [normalise(answer, cased, decimal_comma)]
    if not typed:  # (an answer's quantity in its unit's other prefixes: '84000 J' for '84 kJ')
        bases += [
            normalise(other, cased, decimal_comma)
            for other in in_other_prefixes(normalise(answer, True, decimal_comma), cased)
        ]
    if bare:
        bases.append(normalise(bare_capitals(answer), cased, decimal_comma))
    found = []
    for first in bases:
        found += [
            first,
            *(normalise(rest, cased, decimal_comma) for rest in unarticled(first, articles)),
        ]
    # (an answer in brackets also without them: 'aq' for the state symbol '(aq)')
    found += [text[1:-1] for text in found if in_brackets(text)]
    if not typed:
        # (an apostrophe between letters typed as a space or left out: 'l homme' and
        # 'lhomme' for "l'homme", 'khrushchevs' for "Khrushchev's")
        found += [
            form
            for text in found
            if _APOSTROPHE.search(text)
            for form in (_APOSTROPHE.sub(" ", text), _APOSTROPHE.sub("", text))
        ]
    hyphens = JOINED if typed else joins(answer)  # ('m s⁻²': 'm s-2', never 'm s2')
    for text in list(found):
        if hyphens.search(text):
            found += [hyphens.sub(" ", text), hyphens.sub("", text)]
    if not typed or split:
        # (an answer of two words is right as one; one of one word as two only where the
        # language writes compounds both ways, `split`: 'Börsen crash' is no 'Börsencrash')
        found += [text.replace(" ", "") for text in found if TWO_WORDS.fullmatch(text)]
    if not typed:
        # (a negative power typed flat: '10-3' is 10⁻³, a hyphen between figures being a
        # minus sign; '108' is no 10⁸)
        found += [_NEGATIVE_POWER.sub("", text) for text in found if "^-" in text]
        # (a unit's slash as a negative power and back: 'm s-1' for 'm/s'; and a Greek
        # letter by its name: 'lambda' for 'λ')
        found += [form.replace(" °", "°") for text in found for form in unit_forms(text)]
        found += [plain for text in found if (plain := in_figures(text)) != text]
        found += [named for text in found if (named := greek_named(text)) != text]
        if not cased:
            found += [form for text in found for form in in_words_or_figures(text, numbers)]
    found += [compact(text, units) for text in found]
    found += [MICRO.sub("u", text) for text in found if MICRO.search(text)]
    # ('pi' for 'π', after a figure joined or spaced: '9pi cm2', '9 pi cm2', 'a=pir2')
    found += [
        form
        for text in found
        if "π" in text
        for form in (text.replace("π", "pi"), _SPACES.sub(" ", text.replace("π", " pi ")).strip())
    ]
    if accents:
        found += [unaccented(text) for text in found]
    if not cased:
        found += [spelt(text, spellings) for text in found]
        if dates is not None and typed:
            found += [day for text in found for day in typed_days(text, dates, dated)]
        elif dates is not None:
            found += [day for text in found if (day := day_of(text, dates)) is not None]
    if bare and not cased:
        for text in (answer, *unarticled(answer.strip(), articles)):
            found += capitals_forms(text)
    return tuple(dict.fromkeys(found))


def digest(salt: str, key: str, normalised: str) -> str:
    """The hex SHA-256 the page compares: salt, item key and answer, one per line."""
    return hashlib.sha256(f"{salt}\n{key}\n{normalised}".encode()).hexdigest()


def accepted(answer: str, typing: Typing, cased: bool = False) -> tuple[str, ...]:
    """Every form of `answer` marking accepts, as the students of `typing` type it."""
    return alternatives(
        answer,
        typing.articles,
        typing.bare,
        cased,
        typing.spellings,
        typing.calendar,
        units=typing.units,
        accents=typing.accents,
        split=typing.split,
        decimal_comma=typing.decimal_comma,
        numbers=typing.number_maps,
    )


def hashes(salt: str, key: str, answer: str, typing: Typing, cased: bool = False) -> list[str]:
    """The digests of every accepted form of `answer` as the students of `typing` type
    it, sorted (so their order says nothing)."""
    return sorted(digest(salt, key, form) for form in accepted(answer, typing, cased))


def obscure(salt: str, text: str) -> str:
    """`text` as UTF-8 XOR the salt's bytes (repeated), in base64: not readable at a
    glance, decoded by the page only when a student asks to see it."""
    data = text.encode()
    pad = (salt.encode() * (len(data) // len(salt) + 1))[: len(data)]
    mixed = int.from_bytes(data, "big") ^ int.from_bytes(pad, "big")
    return base64.b64encode(mixed.to_bytes(len(data), "big")).decode()


def page_salt(*parts: str) -> str:
    """A salt that is the same for the same page (so rebuilds are byte-identical) and
    differs between pages (class, student, seed, layout)."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def in_words_or_figures(text: str, numbers: NumberMaps | None) -> list[str]:
    """`text` (normalised) with its number words in figures, and with its small whole
    numbers in words ('four zones' and '4 zones'), where that changes it: each number
    that stands as a word of its own."""
    if numbers is None or not numbers.figures or _MATHS.search(text):
        return []  # (a formula's '4' is no 'four': 'x=4')
    figures, words = numbers
    tokens = _WORD_OR_NUMBER.split(text)  # (between signs and spaces: words, numbers)
    # (never a power's figure: 's-1' is no 's-one')
    powers = {at for at in range(1, len(tokens), 2) if tokens[at - 1].endswith("-")}
    forms = (
        "".join(figures.get(token, token) for token in tokens),
        "".join(
            token if at in powers else words.get(token, token) for at, token in enumerate(tokens)
        ),
    )
    return [form for form in dict.fromkeys(forms) if form != text]


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
"""An apostrophe between two letters (normalised: straight)."""
_MATHS = re.compile("[=<>≤≥≠+×÷/^*]")
"""A sign of a formula or a unit's power."""
_WORD_OR_NUMBER = re.compile(r"([^\W_]+(?:[.,][0-9]+)*)")
"""A word or a number (with its decimals, which keep it from being taken for a small whole
number: '4.5' is no 'four.5'), kept by split as a part of its own."""
