"""Unmarked repeats of a key term in its own text ('the ==valves== … two valves'): the
worksheet blanks them under the term's gap number and a flashcard hides them under its
cloze number, since either would otherwise show the answer beside its blank."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from revpack.labels import own_label
from revpack.memo import Memo
from revpack.model import Span
from revpack.unicode_scripts import raised

T = TypeVar("T")
"""What a repeat becomes (a worksheet's gap, a flashcard's cloze)."""


@dataclass(frozen=True)
class Repeat:
    """Where a key term is repeated, unmarked, in a piece of text."""

    start: int
    """Its first character."""
    end: int
    """Just after its last (an ending the word takes, 's' or 'en', stays outside)."""
    number: int
    """The number of the term it repeats."""


@dataclass(frozen=True)
class WordForms:
    """What a repeat of a key term may differ from it by, in the notes' language (its
    label set's `word_endings`, `plural_endings` and articles: `word_forms`)."""

    added: tuple[str, ...]
    """Endings a word takes after it, longest first (plurals, and cases where a language
    has them): 'valve-s', 'Reichspräsident-en'."""
    plural: tuple[str, ...]
    """Plural endings a term written in the plural is found without, longest first:
    'chloroplast' for 'chloroplasts' (with STEM letters or more left: not 'good' for
    'goods', 'mean' for 'means'); none in German, whose endings make other words
    ('führen', 'Arbeit')."""
    articles: tuple[str, ...] = ()
    """Articles a term may start with, found without them too ('Warsaw Pact' for 'the
    Warsaw Pact', 'château' for 'les châteaux', 'Élysée' for "l'Élysée"), small; what
    is left in its capitals if it starts with one ('the Left' is no 'left')."""
    capital_nouns: bool = False
    """Whether a capital marks a noun (German): a term that starts with one is found only
    so ('Reich', 'Arbeit', never 'reichen', 'arbeiten')."""

    small_singulars: bool = True
    """Whether a term in small letters is found without its plural ending too (where it
    stands printed in another exercise, so that it is no gap); a blank stands only for
    its answer, and so not there: 'these' of 'theses', 'economic' of 'economics',
    'minute' of 'minutes' are other words ('Suffragette' of 'Suffragettes' is not)."""

    def for_blanking(self) -> WordForms:
        """These forms for blanking a term's repeats: without `small_singulars`."""
        return replace(self, small_singulars=False)


STEM = 5
"""The fewest letters left of a term's last word with a plural ending taken off for it
to be found so."""


def word_forms(language: str) -> WordForms:
    """The endings and articles of `language`'s words, from its built-in label set
    (English's for a language without one): a way of the language, which no layout
    changes."""

    def listed(key: str) -> tuple[str, ...]:
        return tuple(sorted(own_label(language, key).lower().split(), key=len, reverse=True))

    return WordForms(
        listed("word_endings"),
        listed("plural_endings"),
        listed("html.articles"),
        own_label(language, "capital_nouns") == "yes",
    )


def repeats(text: str, numbers: Mapping[str, int], forms: WordForms) -> Iterator[Repeat]:
    """Each whole-word repeat in `text` of one of `numbers`' terms (keyed as written), the
    longest first where two overlap, with the term's number (the first given, where two
    terms differ only so: 'arms race' and 'Arms race'). A term is matched as written, but
    for the first letter of an ordinary word, which a sentence's start may change
    ('Valves' for 'valves'), and with one of the language's endings (`forms`) after one that
    ends in a small letter ('Reichspräsidenten' for 'Reichspräsident'), or without a
    plural ending it has ('chloroplast' for 'chloroplasts'); an
    acronym or a one-letter term only as written ('US' is not 'us' in 'helps us' or
    'uses', 'A' not the article 'a'). A phrase's other capitals are as written: 'a new
    look at' is no repeat of 'New Look'; but a phrase of PHRASE_WORDS words or more is
    its ordinary words in any capitals ('his cult of personality' repeats 'Cult of
    Personality')."""
    if not numbers:
        return
    found_as: dict[str, int] = {}
    for term, given in numbers.items():
        found_as.setdefault(_key(term), given)
    words = sorted(numbers, key=len, reverse=True)
    # (A gap fill searches every span of its lines for the same terms: made once.)
    pattern = PATTERNS.get((tuple(words), forms), lambda: _compiled(words, forms))
    for found in pattern.finditer(text):
        index, word = next((i, g) for i, g in enumerate(found.groups()) if g is not None)
        start = found.start()
        yield Repeat(start, start + len(word), found_as[_key(words[index])])


PATTERNS: Memo[re.Pattern[str]] = Memo("repeat patterns", 64)
"""(terms longest first, word forms) → the pattern that finds their repeats."""


def _compiled(words: list[str], forms: WordForms) -> re.Pattern[str]:
    each = "|".join(_bounded(word, _pattern(word, forms)) for word in words)
    return re.compile("(?:" + each + ")")


def _bounded(word: str, pattern: str) -> str:
    """`pattern` (of `word`) found only as a whole: never run on into a letter or figure
    ('US' is not in 'USSR', 'C++' not in 'C++s'), nor after one ('}' is not in 'a}'), but
    a bracket ('(aq)' is found in 'HCl(aq)') and a capital after a figure, as a formula's
    after its number ('NaOH' in '2NaOH'); a number not inside a longer one ('2' is not
    in '1/2', '2.5', '3:2' or '−2')."""
    if word[0].isupper():  # (after a figure too: '2NaOH' and '6CO₂' repeat 'NaOH', 'CO₂')
        before = r"(?<![^\W\d])"
    else:
        before = "" if word[0] in "([" else r"(?<!\w)"
    after = r"(?!\w)"
    if word[0].isdigit():
        before += r"(?<![0-9][.,/:^])(?<!\u2212)"
    if word[-1].isdigit():
        after += r"(?![.,/:^][0-9])"
    return before + pattern + after


PHRASE_WORDS = 3
"""The fewest words of a phrase whose ordinary words match in any capitals: a teacher
writes 'Cult of Personality' in one place and 'cult of personality' in another, and so
long a phrase in other capitals is no other phrase; two words may be ('a new look at'
beside the New Look), unless the first keeps its capital ('Royal supremacy': _pair)."""


def _words(term: str) -> list[str] | None:
    """A long phrase's words and the spaces between them (['Cult', ' ', 'of', …]), or
    None for a word or a phrase shorter than PHRASE_WORDS."""
    parts = re.split(r"(\s+)", term)
    return parts if len(parts) >= 2 * PHRASE_WORDS - 1 else None


def _ordinary(word: str) -> bool:
    """Whether `word` is an ordinary word: longer than a letter, small letters after its
    first (not 'US', 'NATO', 'A')."""
    return len(word) > 1 and any(c.islower() for c in word[1:])


def _key(word: str) -> str:
    """What a term and its repeat share: the word, its first letter small if ordinary (a
    long phrase: each of its ordinary words small)."""
    parts = _words(word)
    if parts is not None:
        return "".join(part.lower() if _ordinary(part) else part for part in parts)
    return word[0].lower() + word[1:] if _ordinary(word) else word


def _pattern(word: str, forms: WordForms) -> str:
    """The term as a group (or without a plural ending it has: 'chloroplast' for
    'chloroplasts'), its first letter in either case if ordinary, then one of the added
    endings after a term that ends in a small letter (outside the group); a long
    phrase's ordinary words in any capitals."""
    ending = f"{_endings(forms)}?" if word[-1].islower() and forms.added else ""
    bare = without_article(word, forms.articles)
    found = [word, *_stems(word, forms)]
    if bare is not None:
        found += [bare, *_stems(bare, forms)]
    inner = unquoted(word)
    if inner is not None:  # ('unsinkable' for '“unsinkable”')
        found += [inner, *_stems(inner, forms)]
    folds = _ordinary(word) and not (forms.capital_nouns and word[0].isupper())
    each = "|".join(
        _form(form, folds and (form[:1].islower() or not form.startswith(bare or "\0")))
        + _pair(form, forms.articles)
        for form in dict.fromkeys(found)
    )
    return f"({each}){ending}"


def _pair(form: str, articles: tuple[str, ...]) -> str:
    """For a phrase of two words, the first as written and not an article, an other way
    to find it: with its ordinary second word in any capitals ('Royal supremacy' repeats
    'Royal Supremacy'; 'a new look at' is no 'New Look', nor 'the left' 'the Left');
    else ''."""
    first, space, second = form.partition(" ")
    if (
        not space
        or " " in second
        or first.lower() in articles
        or not first[:1].isupper()
        or not _ordinary(second)
    ):
        return ""
    return f"|{_escaped(first)}{LOOSE[' ']}(?i:{_escaped(second)})"


QUOTES = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "„": "“", "‚": "‘", "»": "«"}
"""Each opening quotation mark and the marks that close it."""


def unquoted(word: str) -> str | None:
    """A term in quotation marks ('“unsinkable”') without them, or None."""
    if len(word) > 2 and QUOTES.get(word[0]) == word[-1] and word[1:-1].strip():
        return word[1:-1].strip()
    return None


LOOSE = {
    "'": "['’ʼ]",
    "’": "['’ʼ]",
    "ʼ": "['’ʼ]",
    "-": "[-‐‑ ]",
    "‐": "[-‐‑ ]",
    "‑": "[-‐‑ ]",
    " ": "[ \\-‐‑]",
}
"""What an apostrophe, a hyphen and a space between words may be typed as in a repeat:
either apostrophe ('Priestley's' and 'Priestley’s', as notes pasted from a word processor
and typed ones mix them), a hyphen or a space ('nineteen-twelve', 'nineteen twelve')."""


def _escaped(text: str) -> str:
    """`text` as a pattern, its apostrophes, hyphens and spaces LOOSE."""
    return "".join(LOOSE.get(c) or re.escape(c) for c in text)


def _endings(forms: WordForms) -> str:
    """The added endings as a pattern, one of them."""
    return f"(?:{'|'.join(map(re.escape, forms.added))})"


def _stems(word: str, forms: WordForms) -> list[str]:
    """`word` without each plural ending its last word has, STEM letters or more left (in
    small letters only with `small_singulars`)."""
    last = word.split()[-1]
    if word[0].islower() and not forms.small_singulars:
        return []
    return [
        word[: -len(e)] for e in forms.plural if last.endswith(e) and len(last) - len(e) >= STEM
    ]


def without_article(word: str, articles: tuple[str, ...], least: int = 3) -> str | None:
    """`word` without a leading article of `articles` ('the Warsaw Pact', "l'Élysée"), if
    `least` letters or more are left; else None."""
    head, space, rest = word.partition(" ")
    if space and head.lower() in articles and len(rest) >= least:
        return rest
    quote = word.find("'")
    if quote > 0 and word[: quote + 1].lower() in articles and len(word) - quote > least:
        return word[quote + 1 :]
    return None


def _form(form: str, folds: bool) -> str:
    """`form` of a term (the term, or it without an ending or article) as a pattern: a
    long phrase's ordinary words in any capitals, else its first letter in either case
    where it `folds`."""
    parts = _words(form)
    if parts is not None:
        return "".join(
            f"(?i:{_escaped(part)})" if _ordinary(part) else _escaped(part) for part in parts
        )
    first = form[0]
    head = (
        f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
        if folds and first.lower() != first.upper()
        else re.escape(first)
    )
    return head + _escaped(form[1:])


def hidden(
    text: str,
    numbers: Mapping[str, int],
    forms: WordForms,
    shown: Callable[[int], str] | None = None,
) -> str:
    """`text` with each repeat of one of `numbers`' terms, its ending with it, replaced
    by '…' (a heading over its own term's blank: 'Catalysts' over 'A ____ speeds up a
    reaction'), or by what `shown` makes of the term's number."""
    out: list[str] = []
    at = 0
    ending = re.compile(f"{_endings(forms)}(?!\\w)") if forms.added else None
    for found in repeats(text, numbers, forms):
        out.append(text[at : found.start] + ("…" if shown is None else shown(found.number)))
        plural = ending.match(text, found.end) if ending else None
        at = plural.end() if plural else found.end
    return "".join(out) + text[at:]


def masked(
    line: Sequence[Span | T],
    numbers: Mapping[str, int],
    blank: Callable[[int, tuple[Span, ...]], T],
    forms: WordForms,
) -> list[Span | T]:
    """`line` with each repeat in its spans made a `blank` (from the term's number and the
    spans of the repeated words, each styled as the text it stood in); what is no Span (a
    gap or cloze already) is kept as it is. A repeat is found across the spans of a run
    of text, their subscripts and superscripts as Unicode's: 'H', '2' (lowered), 'SO',
    '4' (lowered) repeat 'H₂SO₄', which span by span was never found."""
    out: list[Span | T] = []
    run: list[Span] = []
    for piece in line:
        if isinstance(piece, Span):
            run.append(piece)
            continue
        out += _masked_run(run, numbers, blank, forms)
        run = []
        out.append(piece)
    return out + _masked_run(run, numbers, blank, forms)


def _masked_run(
    run: list[Span],
    numbers: Mapping[str, int],
    blank: Callable[[int, tuple[Span, ...]], T],
    forms: WordForms,
) -> list[Span | T]:
    """A run of spans with each repeat in their joined text made a `blank`."""
    if not run:
        return []
    starts = [0]
    for span in run:
        starts.append(starts[-1] + len(span.text))  # (raised: one character for one)
    out: list[Span | T] = []
    at = 0
    for found in repeats("".join(map(raised, run)), numbers, forms):
        out += _cut(run, starts, at, found.start)
        out.append(blank(found.number, tuple(_cut(run, starts, found.start, found.end))))
        at = found.end
    return out + _cut(run, starts, at, starts[-1])


def _cut(run: list[Span], starts: list[int], begin: int, end: int) -> list[Span]:
    """The spans of `run` between characters `begin` and `end` of its joined text (a span
    whole where it lies inside them, else the part of it that does)."""
    out = []
    for span, first, after in zip(run, starts, starts[1:], strict=False):
        low, high = max(begin, first), min(end, after)
        if low >= high:
            continue
        whole = low == first and high == after
        out.append(span if whole else replace(span, text=span.text[low - first : high - first]))
    return out
