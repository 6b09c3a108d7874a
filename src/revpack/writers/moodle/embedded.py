"""Embedded answers of Moodle's cloze (multianswer) questions: `{1:SHORTANSWER:=answer}`.

Moodle finds a gap in the question's HTML with the regular expressions of
qtype_multianswer (question/type/multianswer/questiontype.php): a gap is
`{` mark `:` type `:` alternatives `}`, the alternatives separated by `~`, each one
`=` (or `%n%`) answer, then optionally `#` feedback. An answer runs up to the first `~`,
`#` or `}` not preceded by a backslash (nor, before `#`, by `&`, so that character
references such as `&#126;` stay whole). Moodle then decodes HTML character references in
the answer and turns `\\}` and `\\#` back into `}` and `#`; short answers also read `*` as
a wildcard unless written `\\*`.

So `}`, `#` and `*` are escaped with a backslash, which Moodle removes. `~`, `/`, `"`
and `\\` are written as character references (`&#126;`, `&#47;`, `&quot;`, `&#92;`),
which Moodle decodes: a backslash before any of them would stay in the answer, and
students would have to type it. `<` and `>` are escaped as everywhere in HTML; `&` as
`&#38;` (an answer ending in `&amp;` could not end at the `}`, as Moodle's pattern reads
it), and `{` as `&#123;`, so that no text can start a gap.
"""

from __future__ import annotations

import re
import unicodedata

from revpack.typed_characters import STRAIGHT
from revpack.writers.answer_forms import (
    EXPRESSION_SIGN,
    LETTERS_TIMES,
    bracketed,
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
    MICRO,
    MONEY_M,
    RATIO,
    TIMES,
    TWO_WORDS,
    Typing,
    as_typed,
    bare_capitals,
    cased,
    compact,
    powers,
    thousands,
    unarticled,
)
from revpack.writers.typed_dates import Calendar, day_of, spelt
from revpack.writers.typed_dates import bare as unaccented

ANY = Typing((), False)
"""Typing with no articles, spellings, units or dates of a language."""
DEGREE_SPACE = re.compile("(?<=[0-9]) (?=°)")
"""The space between a number and its degree sign, which a student may leave out."""

ANSWER = str.maketrans(
    {
        "&": "&#38;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\\": "&#92;",
        "~": "&#126;",
        "/": "&#47;",
        "{": "&#123;",
        "}": "\\}",
        "#": "\\#",
        "*": "\\*",
    }
)
"""Each character of an answer as it is written inside a gap."""


def answer(text: str) -> str:
    """`text` escaped to stand as an answer inside a gap."""
    return text.translate(ANSWER)


def gap(
    text: str,
    case_sensitive: bool = False,
    mark: int = 1,
    typed: Typing = ANY,
    marks: tuple[str, str] = ("", ""),
) -> str:
    """A short-answer gap worth `mark` whose right answers are `text` and its `forms` as
    the students of `typed` type them, marked in their capitals when `case_sensitive` or
    when `text` is a formula (keyboard.cased: 'CaCO₃', where 'CaCo3' is wrong); in any
    capitals, also with its letters in their other spellings ('Dolchstosslegende'),
    without accents where the language's keyboards lack them ('detente'), and a date
    written the other usual ways ('9/11/1918', '9 Nov 1918' for '9 November 1918'); and
    with the punctuation printed against the gap (`marks`: '«¡' before and '!»' after
    'No pasarán'), or the inner part of it, typed too ('¡No pasarán!', 'No pasarán!')."""
    exact = case_sensitive or cased(text)
    kind = "SHORTANSWER_C" if exact else "SHORTANSWER"
    found = forms(text, typed.articles, typed.bare, typed.decimal_comma)
    before, after = marks
    marked = [
        before[len(before) - b :] + text + after[:a]
        for b in range(len(before) + 1)
        for a in range(len(after) + 1)
        if a or b
    ]
    found += [one for form in marked for one in dict.fromkeys((form, form.translate(STRAIGHT)))]
    for part in bracketed(text):  # ('ohms' or 'Ω' for 'ohms (Ω)')
        found += forms(part, typed.articles, typed.bare, typed.decimal_comma)
    # (a number in standard form written out: '300000000 m/s' for '3.0 × 10⁸ m/s')
    figures = {in_figures(form) for form in found if "×10^" in form} - set(found)
    found += [
        one
        for plain in sorted(figures)
        for one in forms(plain, typed.articles, typed.bare, typed.decimal_comma)
    ]
    # (a quantity in its unit's other prefixes: '84000 J' for '84 kJ', '126 kJ' for '126 000 J')
    plain = thousands(typed.decimal_comma).sub("", text)
    found += [
        one
        for other in in_other_prefixes(plain, exact)
        for one in forms(other, typed.articles, typed.bare, typed.decimal_comma)
    ]
    found += [m for form in list(found) for m in measured(form, typed, exact)]
    # (a unit's slash as a negative power, typed with or without a caret, and back: 'm
    # s-1', 'm s^-1' for 'm/s'; a Greek letter by its name: 'lambda' for 'λ')
    powered = [one for form in found for one in unit_forms(form)]
    found += [*powered, *(_UNIT_MINUS.sub("^-", one) for one in powered if "/" not in one)]
    found += [named for form in found if (named := greek_named(form)) != form]
    if "=" in text:  # (a product of letters in a formula: 'v = f x lambda', 'v=f*λ', 'v=fλ')
        found += [
            LETTERS_TIMES.sub(sign, form)
            for form in list(found)
            if LETTERS_TIMES.search(form)
            for sign in (" x ", "x", "*", "")
        ]
    if not exact:
        more = [spelt(form.lower(), typed.spellings) for form in found]
        if typed.accents or typed.bare:  # ('ETATS GENERAUX': Moodle cannot tell capitals)
            more += [unaccented(form.lower()) for form in found]
        more += written_dates(text, typed.calendar)
        more += articled(text, [*found, *more], typed.articles)  # ('der Strasse')
        # (the curly apostrophe a phone types, in every form: "l’abolition")
        more += [form.replace("'", "\u2019") for form in more if "'" in form]
        seen = {form.lower() for form in found}
        for other in more:
            if other not in seen:
                seen.add(other)
                found.append(other)
    alternatives = "~".join("=" + answer(form) for form in dict.fromkeys(found))
    return f"{{{mark}:{kind}:{alternatives}}}"


def articled(text: str, found: list[str], articles: tuple[str, ...]) -> list[str]:
    """The forms in `found` of `text`, a word answer, after each of the language's `articles`, as
    a student may type one before it ('the Berlin Wall' for 'Berlin Wall', "l'Élysée"
    for 'Élysée'), which the page forgives (it marks a typed answer without its leading
    article): in lower case, as the gap is marked in any capitals. Only where `text` is
    words (letters, spaces, hyphens and apostrophes: not a quotation, a quantity, a
    formula, '(aq)' or 'x ∉ A'), and only its forms that do not start with an article."""
    if not _WORDS.fullmatch(text):
        return []
    words = dict.fromkeys(
        form.lower() for form in found if _WORDS.fullmatch(form) and not unarticled(form, articles)
    )
    return [
        f"{article}{word}" if article.endswith("'") else f"{article} {word}"
        for word in words
        for article in articles
    ]


_WORDS = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")
"""A word or words: letters, joined by spaces, hyphens or apostrophes."""


def measured(text: str, typed: Typing, exact: bool) -> list[str]:
    """A quantity in `text` typed as students type it: its unit short or its words'
    unit short, joined to the number or not, no degree sign ('5km' and '5 km' for '5
    kilometres', '£2m' for '£2 million', '37C' and '37 C' for '37 °C'), its short unit
    written out ('5 kilometres' for '5 km': written_out); [] when it has no number
    followed by a unit or a word."""
    small = text if exact else text.lower()
    if "°" not in small and not typed.quantity.search(small):
        return []
    found = [as_typed(compact(small, typed.units, joined=j)) for j in (True, False)]
    if "°" in text:
        found.append(DEGREE_SPACE.sub("", small))
    if not exact:
        found += written_out(small, typed)
        found += signs_written(small, typed)
    return [form for form in found if form != small]


def written_out(text: str, typed: Typing) -> list[str]:
    """`text` with a number's short unit written out each way the language writes it ('5
    kilometres', '5 kilometre', '5 kilometers', '5 kilometer' for '5 km'; '£2 million' for
    '£2m'): Typing.written_out's."""
    found = []
    for pattern, names in typed.written_out:
        if pattern.search(text):
            found += [pattern.sub(f"\\1 {name}", text) for name in names]
    if MONEY_M.search(text):  # ('£2 million' for '£2m')
        found += [MONEY_M.sub(f"\\1 {name}", text) for name in typed.millions]
    return found


def signs_written(text: str, typed: Typing) -> list[str]:
    """A degree sign, a temperature's scale and a per cent sign in words or spaced ('37
    degrees c', '37 degrees celsius', '37 celsius' for '37 °C'; '45 degrees' for '45°';
    '25 %', '25 per cent' for '25%'), as the language's units name them (a word with no
    short form is 'degrees'; one short for 'c', 'celsius'), as the page takes them."""
    degrees = [word for word, short in typed.units if short == ""]
    found = []
    celsius = DEGREES_C.search(text)
    if celsius is not None:
        scales = [word for word, short in typed.units if short == "c"]
        said = [f"{d} c" for d in degrees] + [f"{d} {s}" for d in degrees for s in scales]
        head, tail = text[: celsius.start()], text[celsius.end() :]
        found += [f"{head}{celsius.group(1)} {words}{tail}" for words in said + scales]
    if BARE_DEGREES.search(text):
        found += [BARE_DEGREES.sub(f"\\1 {word}", text) for word in degrees]
    if PER_CENT.search(text):
        words = [word for word, short in typed.units if short == "%"]
        found += [PER_CENT.sub(f"\\1 {word}", text) for word in ("%", *words)]
    return found


DEGREES_C = re.compile(r"([0-9]) ?° ?c(?![^\W\d_])")
"""A temperature in degrees Celsius, in small letters ('37 °c')."""
BARE_DEGREES = re.compile(r"([0-9]) ?°(?! ?[cf](?![^\W\d_]))")
"""An angle's degree sign ('45°'), no scale after it."""
PER_CENT = re.compile(r"([0-9])%")
"""A per cent sign joined to its number ('25%')."""


def keyed(text: str) -> list[str]:
    """`text`'s raised and lowered characters, π, minus sign and fractions as a keyboard
    types them, as the page takes them: 'cm^2' for 'cm²', 'H_2SO_4' for 'H₂SO₄', 'OH^-'
    and 'OH−' for 'OH⁻', 'pi r^2' and 'pir2' for 'πr²', '–5' and '- 5' for '−5', '¾' for
    '3/4'."""
    found = []
    carets = _LOWERED.sub(_lowered, _RAISED.sub(_raised, text))
    if carets != text:
        found.append(carets)
    if _CHARGE.search(text):  # (a charge's raised minus as a minus sign: 'OH−')
        found.append(_CHARGE.sub("\u2212", text))
    for form in (text, *found):
        if "π" in form:
            plain = unicodedata.normalize("NFKC", form)
            found += [plain.replace("π", "pi"), " ".join(plain.replace("π", " pi ").split())]
    if _MINUS.search(text):
        found += [_MINUS.sub("\u2013", text), _MINUS.sub("- ", text)]
    found += [_FRACTION.sub(lambda m: _VULGAR[m.group()], text)] if _FRACTION.search(text) else []
    return found


_UNIT_MINUS = re.compile(r"(?<=[^\W\d_])-(?=[0-9])")
"""The minus of a unit's negative power typed flat ('s-1'), which a caret may go before."""
_RAISED = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+")
_LOWERED = re.compile("[₀₁₂₃₄₅₆₇₈₉₊₋]+")
_MINUS = re.compile("\u2212(?=[0-9])")
_CHARGE = re.compile("\u207b(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
"""A raised minus that is a charge ('OH⁻'), not a negative power's ('10⁻³')."""
_VULGAR = {"1/2": "½", "1/4": "¼", "3/4": "¾", "1/3": "⅓", "2/3": "⅔"}
_FRACTION = re.compile(r"(?<![0-9/])(?:1/2|1/4|3/4|1/3|2/3)(?![0-9/])")


def _raised(found: re.Match[str]) -> str:
    return "^" + unicodedata.normalize("NFKC", found.group()).replace("\u2212", "-")


def _lowered(found: re.Match[str]) -> str:
    return "_" + unicodedata.normalize("NFKC", found.group()).replace("\u2212", "-")


def written_dates(text: str, found: Calendar) -> list[str]:
    """The day or month `text` names written the other usual ways, in figures and with
    the month's name, its first three letters or its usual short form ('9/11/1918',
    '09/11/1918', '9.11.1918', '9 nov 1918', '9 nov. 1918', 'november 9, 1918'; '11/1918',
    'nov 1918'; '20 sept 1066', '18 gorff 1936'): Moodle compares what is
    typed, where the self-marking page reads it as a date (typed_dates)."""
    day = day_of(" ".join(text.lower().translate(STRAIGHT).split()), found)
    if day is None or len(day) == 4:  # (a year alone, 'c. 1500', is written one way)
        return []
    year, month = day[:4], int(day[5:7])
    name = found.names[month - 1].lower() if len(found.names) == 12 else ""
    # (a name's first three letters only where they name that month alone: not 'jui';
    # and the language's usual short forms, with or without a full stop: 'Sept.', 'Gorff')
    shorts = [
        form
        for short in dict.fromkeys((name[:3], *found.shorts))
        if name and found.month(short) == month
        for form in ((short, f"{short}.") if short != name else (short,))
    ]
    if len(day) == 7:
        return [
            f"{month}/{year}",
            f"{month:02}/{year}",
            f"{month}.{year}",
            *(f"{short} {year}" for short in shorts),
        ]
    date = int(day[8:])
    numbers = [f"{date}/{month}/{year}", f"{date:02}/{month:02}/{year}", f"{date}.{month}.{year}"]
    words = [f"{date} {name} {year}", f"{name} {date}, {year}", f"{name} {date} {year}"]
    return numbers + [f"{date} {short} {year}" for short in shorts] + (words if name else [])


_QUOTES = "\"'"
"""The quotation marks (once straight) that may stand round an answer that is a
quotation."""
_PAUSES = re.compile(r"[,;:](?=\s|$)")
"""A comma, semicolon or colon between words, which a student recalling a quotation may
leave out (the self-marking page ignores them: html.secret._PAUSES)."""
_ARROW = re.compile(r"\s*(<->|->|<-)\s*")
"""An arrow as typed, with the spaces round it (which a student may leave out)."""


def forms(
    text: str, articles: tuple[str, ...] = (), bare: bool = False, decimal_comma: bool = False
) -> list[str]:
    """`text` and what a student types for it on a keyboard (Moodle compares answers as
    typed): 'CO₂' as 'CO2', 'it’s' as "it's", '10⁻³' as '10-3', an arrow as '->' (with
    or without spaces), a quotation without its quotation marks or its '!' or '?', and
    without the commas, semicolons and colons between its words;
    without a leading article of `articles` ('the Warsaw Pact' as 'Warsaw Pact', "l'Élysée"
    as 'Élysée'); where `bare`, with its capitals' accents left off ('Etats'); and a
    hyphenated word as two or one ('semi lunar', 'semilunar'): as the self-marking page
    accepts them."""
    found = [text]
    plain = unicodedata.normalize("NFKC", powers(text)).replace("\u2044", "/")
    plain = plain.translate(STRAIGHT).strip()
    quoted = len(plain) > 1 and plain[0] in _QUOTES and plain[-1] in _QUOTES
    unquoted = plain[1:-1].strip() if quoted else plain
    ending = unquoted.rstrip(".!?,;:").strip()
    opened = ending.lstrip("¡¿").strip()  # ('No pasarán' for '¡No pasarán!')
    paused = _PAUSES.sub("", RATIO.sub(":", opened))  # ('Out damned spot' for 'Out, damned spot!')
    for form in (plain, unquoted, ending, opened, paused, *unarticled(opened, articles)):
        typed = form.translate(ARROWS)
        for each in (form, typed, _ARROW.sub(r"\1", typed)):
            for one in (each, bare_capitals(each)) if bare else (each,):
                if one and one not in found:
                    found.append(one)
    # (an answer in brackets also without them: 'aq' for the state symbol '(aq)')
    found += [form[1:-1] for form in found if in_brackets(form)]
    hyphens = joins(text)  # ('m s⁻²': 'm s-2', never 'm s2')
    for form in list(found):
        if hyphens.search(form):
            for joined in (hyphens.sub(" ", form), hyphens.sub("", form)):
                if joined not in found:
                    found.append(joined)
    found += [one for one in keyed(text) if one not in found]
    # ('3 × 10⁸ m/s' for '3.0 × 10⁸ m/s': a number to fewer places, as the page takes it)
    found += [one for form in list(found) if (one := without_zeros(form)) not in found]
    for form in list(found):
        # Two words typed as one hyphenated ('used-up'), and the curly apostrophe a
        # phone's keyboard types ('it’s'): Moodle compares answers as typed.
        extra = [form.replace(" ", "-")] if _HYPHENABLE.fullmatch(form) else []
        extra += [form.replace(" ", "")] if TWO_WORDS.fullmatch(form) else []
        extra += [form.replace("'", "\u2019")] if "'" in form else []
        # ('1.5 x 10^8' and '1.5x10^8' for '1.5 × 10⁸', and '10-3' for '10⁻³')
        if TIMES.search(form):
            extra += [TIMES.sub(sign, form) for sign in (" × ", "×", " x ", "x", " * ", "*")]
        extra += [form.replace("^-", "-")] if "^-" in form else []
        if MICRO.search(form):  # ('22 uF', '22uF' and '22µF' for '22 µF', as the page takes)
            extra += [
                m for m in (form, MICRO.sub("u", form)) for m in (m, _MICRO_JOINED.sub("", m))
            ]
        # ('V=IR', 'x^2+5x+6', '(x+2)(x+3)': a formula's or expression's spaces, as the page)
        extra += [form.replace(" ", "")] if "=" in form or EXPRESSION_SIGN.search(form) else []
        extra += [form.replace(" °", "°")] if " °" in form else []  # ('J/kg°C', as the page takes)
        if RATIO.search(form):  # ('6 : 1', '6: 1' and '6 :1' for '6:1', as the page takes)
            extra += [RATIO.sub(spaced, form) for spaced in (" : ", ": ", " :", ":")]
        # ('1000' and '1,000' for '1 000'; '.75' for '0.75', as the page takes)
        extra += _numbers(form, decimal_comma)
        if _SIGNS.search(form):  # ('x<=4', 'x <= 4' and 'x≤4' for 'x ≤ 4', as the page takes)
            signed = form.translate(_KEYED)
            extra += [signed, signed.replace(" ", ""), form.replace(" ", "")]
        found += [one for one in extra if one not in found]
    return found


_MICRO_JOINED = re.compile(r"(?<=[0-9]) (?=[u\u00b5\u03bc][A-Za-z\u03a9])")
"""The space between a number and its unit with a micro sign ('22 µF', '22 uF')."""

_LONG_NUMBER = re.compile(r"(?<![\w.,])[0-9]{4,}(?![^\W_]|[.,][0-9])")
"""A whole number of four figures or more written without thousands' commas, not in a
word ('1960s', 'U2000'; a year with one, '1,953', is no other answer)."""
_ZERO_POINT = re.compile(r"(?<![0-9.])0\.(?=[0-9])")
"""A decimal point after a lone 0 ('0.75'), which a student may leave out."""


def _with_commas(found: re.Match[str]) -> str:
    return f"{int(found.group()):,}"


def _with_points(found: re.Match[str]) -> str:
    return f"{int(found.group()):,}".replace(",", ".")


def _numbers(form: str, decimal_comma: bool) -> list[str]:
    """`form`'s numbers written the other ways the page takes: without their thousands'
    separators or with them ('1000' and '1,000' for '1 000'; in a language of
    `decimal_comma`s '75000' and '75.000', and '72.6' for '72,6'), and a point with no 0
    before it ('.75')."""
    plain = thousands(decimal_comma).sub("", form)
    found = [plain] if plain != form else []
    if _LONG_NUMBER.search(plain):
        found.append(_LONG_NUMBER.sub(_with_points if decimal_comma else _with_commas, plain))
    if decimal_comma and DECIMAL_COMMA.search(plain):
        found.append(DECIMAL_COMMA.sub(".", plain))
    zero = _ZERO_POINT if not decimal_comma else _ZERO_COMMA
    found += [zero.sub("." if not decimal_comma else ",", form)] if zero.search(form) else []
    return found


_ZERO_COMMA = re.compile(r"(?<![0-9.,])0,(?=[0-9])")
"""A decimal comma after a lone 0 ('0,75'), which a student may leave out."""


_SIGNS = re.compile("[≤≥≠<>]")
"""A relation other than '=' ('x ≤ 4', 'x < −5')."""
_KEYED = str.maketrans({"≤": "<=", "≥": ">=", "≠": "!="})
"""A relation as a keyboard types it."""

_HYPHENABLE = re.compile(r"[^\W\d_]+ [^\W\d_]+")
"""Two words of letters, which a student may type joined by a hyphen."""


def around(fragment: str) -> str:
    """An HTML fragment for the text around the gaps, with `{` as a character reference:
    no text typed in the notes can then read as a gap (`{1:SA:…}`) or as the place Moodle
    puts one (`{#1}`)."""
    return fragment.replace("{", "&#123;")
