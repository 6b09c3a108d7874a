"""Spaces as a language sets them: in French, a space before ? ! ; : » or after « never
ends a line (a no-break space), as French typesetting wants and a word processor does
(« Madame Déficit », not « at the end of one line and Madame Déficit » on the next).
Where text is laid out (not when it is read), a date keeps its short words with their
neighbours (`date_spaces`), a number its unit (`unit_spaces`) and a heading its last two
words (`heading_spaces`): in the summary and the chart, and (numbers) in the worksheet's
model (revpack.worksheet.spacing).

The characters stay the ones the teacher typed, but for those spaces; key terms are left
as typed (they are answers that students type back).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from revpack.model import Text

NO_BREAK = "\u00a0"
"""The no-break space: every writer keeps a word on either side of it on one line."""
FRENCH = re.compile(r" (?=[?!;:»])|(?<=«) ")
"""The spaces French keeps with the punctuation next to them."""


def is_french(language: str) -> bool:
    """Whether a BCP 47 tag names French (fr, fr-FR, fr-CA, …)."""
    return language.split("-")[0].casefold() == "fr"


def spaced(mark: str, language: str) -> str:
    """`mark` (':' or ';') and the space after it, as `language` sets it between two
    texts revpack joins ('Privilèges : …' in French, a no-break space before the mark)."""
    return f"{NO_BREAK}{mark} " if is_french(language) else f"{mark} "


SHORT_WORD = re.compile(r"(?<!\S)\S{1,2}(?!\S)")
"""In a date, a word of one or two characters."""
LEADING_WORD = re.compile(r"[^\W\d_]+\.?")
"""A short word of a date that leads into the next one: in small letters, perhaps with a
full stop ('de', 'of', 'le', 'c.'), or in capitals before a number ('AD 476')."""


def date_spaces(text: Text) -> Text:
    """A timeline date with each short word (one or two characters) kept with its
    neighbour, for a narrow date column: a word in small letters with the word after it
    ('septiembre / de 2006', 'c. 1500'), as is one in capitals before a number
    ('September / AD 476'); any other (a number, 'BC', 'I') with the word
    before it ('Act 1 Scene 1', '1500 BC', 'June 12'); the summary's broke 'Act 1 Scene'
    from its '1', and 'septiembre de' from its '2006'. Applied where a date is laid out,
    not when it is read: a flashcard's date is typed back with ordinary spaces."""
    return _no_break(text, _date_places)


def _date_places(whole: str) -> set[int]:
    places = set()
    for word in SHORT_WORD.finditer(whole):
        text = word.group()
        leads = LEADING_WORD.fullmatch(text) and (
            text.islower() or (text.isupper() and whole[word.end() + 1 : word.end() + 2].isdigit())
        )
        at = word.end() if leads else word.start() - 1
        if 0 <= at < len(whole) and whole[at] == " ":
            places.add(at)
    return places


UNIT_WORDS = (
    "thousands?",
    "millions?",
    "billions?",
    "trillions?",
    "milliards?",
    "Millionen",
    "Million",
    "Milliarden?",
    "millón",
    "millones",
    "miliwn",
    "biliwn",
    "per cent",
    "percent",
    "pour cent",
    "Prozent",
    "por ciento",
    "(?:kilo|centi|milli)?met(?:re|er)s?",
    "miles?",
    "feet",
    "foot",
    "inch(?:es)?",
    "tonnes?",
    "tons?",
    "lit(?:re|er)s?",
    "degrees?",
    "hectares?",
    "acres?",
    "mètres?",
    "kilomètres?",
    "Meter",
    "Kilometer",
    "metros?",
    "kilómetros?",
    "pies",
)
"""A number's magnitude or unit written out, which stays with the number ('£2.3 million',
'10 metres', '40 pies')."""

COMPOUND_HEADS = ("kg", "N", "Ω", "J", "W", "V", "A", "mol", "Pa")
"""Unit symbols that begin a compound unit ('kg m/s', 'Ω m', 'N m', 'J kg⁻¹')."""
NUMBER_UNIT = (
    # a unit, a month: '500 mm', '40 °C', '12 May', '2.0 m^3^', '517 m s^-1^' (after a
    # number, not after a unit's or a formula's digit: 'm³ up', 'CO₂ is')
    r"(?<=[\d⁰¹²³⁴⁵⁶⁷⁸⁹])(?<![^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹][\d⁰¹²³⁴⁵⁶⁷⁸⁹]) "
    r"(?=[^\W\d_]{1,3}(?:-?\d{1,2})?\b|[°%×]|(?:mmHg|inHg|kcal|[mµn]mol|kbar|mbar|Gbit|Mbit)\b)"
    r"|(?:(?<=\b\d)|(?<=\b\d\d)|(?<=\b\d\d\d)) (?=\d{3}\b)"  # thousands: '300 000'
    r"|(?<=×) (?=\d)"  # a power of ten: '1.08 × 10⁵'
    r"|(?<=[+−]) (?=\d)"  # a sum's number: '+ 273.15'
    r"|(?<=\bAD) (?=\d)"  # a year: 'AD 439'
    # a year after 'c.', 'ca.', 'b.', 'd.', 'r.' or 'fl.': 'c. 1527', 'Princess Mary (b. 1516)'
    r"|(?:(?<=\b[cbdr]\.)|(?<=\bca\.)|(?<=\bfl\.)) (?=\d)"
    # a number's magnitude or unit written out: '£19.6 million', '10 metres', '25 per cent'
    r"|(?<=\d) (?=(?:" + "|".join(UNIT_WORDS) + r")\b)"
    # a German day and its month: '28. Juni' (not a sentence's end: 'to 3. Explain')
    r"|(?:(?<=\b\d\.)|(?<=\b\d\d\.)) (?=(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\w*\b)"
    r"|(?<=[^\W\d_]) (?=\d{1,3}[.!?]?$)"  # a short number that ends the text: 'unit 1.'
    # a short formula's sides: 'F = ma', 'p₁V₁ = p₂V₂', 'p ∝ T'
    r"|(?:(?<=\b\w)|(?<=\b\w\w)|(?<=\b\w{3})|(?<=\b\w{4})) (?=[=∝≈≠≤≥]+ )"
    r"|(?<=[=∝≈≠≤≥]) (?=[(√−]?\w+\b)"
    # a multiple of π and its unit, and a pH: '9π cm²', '20π cm³', 'pH 7'
    r"|(?<=\dπ) (?=[^\W\d_]{1,3}\b)"
    r"|(?<=\bpH) (?=\d)"
    # an equation breaks after its operator or arrow: '2H₂O +' / 'O₂', 'E ÷' / 'Q'; a
    # sentence after its dash: 'from job to job —' / 'no home'
    r"|(?<=\S) (?=[+→⇌⇄⟶÷×−—–] )"
    # a quoted verse's line break: 'innocent flower, /' / 'But be the serpent'
    r"|(?<=\S) (?=/ )"
    # a compound unit's parts: 'kg m/s', 'Ω m', 'N m', 'm s⁻¹' (broken as 'kg' / 'm/s')
    r"|(?:" + "|".join(f"(?<=\\b{unit})" for unit in COMPOUND_HEADS) + r") "
    r"(?=(?:m/s|m|s|kg|mol|K)[⁻¹²³]*(?:/[^\W\d_]{1,3}[⁻¹²³]*)?(?![\w/]))"
    # an abbreviation of one-letter words, and initials: 'z. B.', 'd. h.', 'J. F. Kennedy'
    r"|(?:(?<=^[^\W\d_]\.)|(?<=\s[^\W\d_]\.)) (?=[^\W\d_]\.(?:\s|$))"
    # a symbol in brackets after what it stands for: 'current (I)', 'ohms (Ω)'
    r"|(?<=\w) (?=\((?:[A-ZΑ-Ωα-ωµ]\w{0,2}|[kcmnµμ][A-Za-zΩ]{1,2}|[smght]|t½)\)(?!\w))"
)
"""The spaces inside a number or a short formula, and between a number and a short word
after it: a unit ('500 mm', '1 mA', '157 mph', '40 °C', 'm³' written 'm^3^', and the
longer 'mmHg', 'kcal', 'mmol', 'mbar'), one written out (UNIT_WORDS: '£2.3 million',
'10 metres'), a month ('12 May'), groups of thousands ('300 000'), '× 10⁵', '+ 273.15',
'AD 439', 'c. 1527', 'b. 1516', a day written '28.' and its month ('28.
Juni'), a short number that ends a text with the word before it ('reactor unit 1.'), the
sides of a short formula's =, ∝, ≈, ≠, ≤ or ≥ ('F = ma', 'p ∝ T', 'V = (4/3)πr³'), a
multiple of π and its unit ('9π cm²'), 'pH 7', the space before an
equation's +, −, ×, ÷ or arrow (a line never starts with '+ O₂' or '÷ Q') and before a
dash between words (nor with '— no home'), before a verse's line-break slash (nor with
'/ But be the serpent'), and before a symbol in brackets ('current
(I)', 'ohms (Ω)', 'mass (kg)', 'seconds (s)', 'half-life (t½)'; not '(a)', '(i)' or
'(sic)'). A pattern's text, compiled (into `re`'s own table) when text is first laid out, not
when the module is imported: compiling it takes 3 ms, which `revpack check` never needs."""


SHORT_FORMULA = re.compile(
    r"(?<!\S)[^\s=∝≈≠≤≥<>→⇌+−×÷]+(?: [-+−×÷=∝≈≠≤≥<>→⇌] [^\s=∝≈≠≤≥<>→⇌+−×÷]+)+"
)
"""Terms joined by operators and relations, spaced ('a² + b² = c²', '2H₂ + O₂ → 2H₂O'):
a formula, which one no longer than SHORT_FORMULA_LENGTH characters keeps whole on a line
(an equation that long still breaks after its operators: NUMBER_UNIT)."""
SHORT_FORMULA_LENGTH = 16
"""The longest formula (in characters) kept whole on one line."""
_RELATIONS = re.compile("[=∝≈≠≤≥<>→⇌]")


def unit_spaces(text: Text) -> Text:
    """`text` with a number kept with the unit after it ('500 mm' never breaks as
    '500' / 'mm') and a short formula whole ('a² + b² = c²'), key terms included. For
    where text is laid out (the summary, the chart), not the model: a student types a
    flashcard's or a gap's text back with ordinary spaces."""
    return _no_break(text, unit_places, keys=True)


def unit_places(whole: str) -> set[int]:
    """Where in `whole` `unit_spaces` keeps a space no-break (also for text that is not a
    Text: the worksheet model's runs, which hold its blanks too)."""
    places = {found.start() for found in re.finditer(NUMBER_UNIT, whole)}
    for found in SHORT_FORMULA.finditer(whole):
        formula = found.group().rstrip(".,;:!?")
        if len(formula) <= SHORT_FORMULA_LENGTH and _RELATIONS.search(formula):
            start = found.start()
            places.update(start + at for at, c in enumerate(formula) if c == " ")
    return _chains_broken(whole, places)


LONGEST_CHAIN = 24
"""The most characters of words that no-break spaces may join into one unbreakable run
before it may break after a relation sign in it."""


def _chains_broken(whole: str, places: set[int]) -> set[int]:
    """`places` less the space after each relation sign in a run of words they join that
    is longer than LONGEST_CHAIN: 'water = 2 260 000 J/kg = 2.26 × 10⁶ J/kg', each of
    its parts kept together, was one run, which a narrow column broke where it could,
    between '2.26 ×' and '10⁶'; it breaks after an '=' instead."""
    kept = set(places)
    run: list[int] = []
    for place in sorted(places) + [-1]:
        if run and place != -1 and " " not in whole[run[-1] + 1 : place]:
            run.append(place)
            continue
        if run:
            start = whole.rfind(" ", 0, run[0]) + 1
            end = whole.find(" ", run[-1] + 1)
            if (end if end >= 0 else len(whole)) - start > LONGEST_CHAIN:
                kept -= {p for p in run if p > 0 and _RELATIONS.fullmatch(whole[p - 1])}
        run = [place]
    return kept


LAST_WORDS = 20
"""The most characters the last two words of a heading may have to be kept together."""


def heading_spaces(text: Text, fits: Callable[[str], bool] = lambda words: True) -> Text:
    """A heading with its last two words kept together when they are short ('Roman
    Empire', 'or stops?') and `fits` says they fit a line together, so that a heading
    that wraps never leaves one word alone on its last line. For where headings are laid
    out, not the model. (Kept together though wider than the line, 'der Verfassung' was
    cut between letters, 'der Verfassun' / 'g'.)"""

    def last(whole: str) -> set[int]:
        end = len(whole.rstrip())
        at = whole.rfind(" ", 0, end)
        if at <= 0 or not whole[:at].strip():  # (one word)
            return set()
        before = whole.rfind(" ", 0, at)  # (-1: the heading is those two words)
        short = end - before - 1 <= LAST_WORDS
        return {at} if short and fits(whole[before + 1 : end]) else set()

    return _no_break(text, last, keys=True)


def french_spaces(text: Text) -> Text:
    """`text` with the spaces before ? ! ; : » and after « made no-break, outside key
    terms (also where the space and its mark are in two spans: 'Louis ==XVI== :')."""
    return _no_break(text, _found(FRENCH))


def _found(spaces: re.Pattern[str]) -> Callable[[str], set[int]]:
    """Where in a text `spaces` finds a space."""
    return lambda whole: {found.start() for found in spaces.finditer(whole)}


def _no_break(text: Text, spaces: Callable[[str], set[int]], keys: bool = False) -> Text:
    """`text` with the spaces at the places `spaces` gives (in the text's characters)
    made no-break, outside key terms unless `keys`."""
    whole = "".join(span.text for span in text.spans)
    places = spaces(whole)
    if not places:
        return text
    spans = []
    start = 0
    for span in text.spans:
        end = start + len(span.text)
        inside = [p - start for p in places if start <= p < end]
        if inside and (keys or not span.key):
            chars = list(span.text)
            for at in inside:
                chars[at] = NO_BREAK
            span = replace(span, text="".join(chars))
        spans.append(span)
        start = end
    return replace(text, spans=tuple(spans))
