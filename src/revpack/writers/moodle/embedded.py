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

from revpack.writers.keyboard import ARROWS, JOINED, STRAIGHT, bare_capitals, cased, unarticled
from revpack.writers.typed_dates import spelt

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
    articles: tuple[str, ...] = (),
    bare: bool = False,
    spellings: tuple[tuple[str, str], ...] = (),
) -> str:
    """A short-answer gap worth `mark` whose right answers are `text` and its `forms`,
    marked in their capitals when `case_sensitive` or when `text` is a formula
    (keyboard.cased: 'CaCO₃', where 'CaCo3' is wrong); in any capitals, also with its
    letters in their other `spellings` ('Dolchstosslegende')."""
    exact = case_sensitive or cased(text)
    kind = "SHORTANSWER_C" if exact else "SHORTANSWER"
    found = forms(text, articles, bare)
    if not exact:
        seen = {form.lower() for form in found}
        for form in list(found):
            other = spelt(form.lower(), spellings)
            if other not in seen:
                seen.add(other)
                found.append(other)
    alternatives = "~".join("=" + answer(form) for form in found)
    return f"{{{mark}:{kind}:{alternatives}}}"


_QUOTES = "\"'"
"""The quotation marks (once straight) that may stand round an answer that is a
quotation."""
_ARROW = re.compile(r"\s*(<->|->|<-)\s*")
"""An arrow as typed, with the spaces round it (which a student may leave out)."""


def forms(text: str, articles: tuple[str, ...] = (), bare: bool = False) -> list[str]:
    """`text` and what a student types for it on a keyboard (Moodle compares answers as
    typed): 'CO₂' as 'CO2', 'it’s' as "it's", '10⁻³' as '10-3', an arrow as '->' (with
    or without spaces), a quotation without its quotation marks or its '!' or '?';
    without a leading article of `articles` ('the Warsaw Pact' as 'Warsaw Pact', "l'Élysée"
    as 'Élysée'); where `bare`, with its capitals' accents left off ('Etats'); and a
    hyphenated word as two or one ('semi lunar', 'semilunar'): as the self-marking page
    accepts them."""
    found = [text]
    plain = unicodedata.normalize("NFKC", text).translate(STRAIGHT).strip()
    quoted = len(plain) > 1 and plain[0] in _QUOTES and plain[-1] in _QUOTES
    unquoted = plain[1:-1].strip() if quoted else plain
    ending = unquoted.rstrip(".!?").strip()
    for form in (plain, unquoted, ending, *unarticled(ending, articles)):
        typed = form.translate(ARROWS)
        for each in (form, typed, _ARROW.sub(r"\1", typed)):
            for one in (each, bare_capitals(each)) if bare else (each,):
                if one and one not in found:
                    found.append(one)
    for form in list(found):
        if JOINED.search(form):
            for joined in (JOINED.sub(" ", form), JOINED.sub("", form)):
                if joined not in found:
                    found.append(joined)
    for form in list(found):
        # Two words typed as one hyphenated ('used-up'), and the curly apostrophe a
        # phone's keyboard types ('it’s'): Moodle compares answers as typed.
        extra = [form.replace(" ", "-")] if _TWO_WORDS.fullmatch(form) else []
        extra += [form.replace("'", "\u2019")] if "'" in form else []
        found += [one for one in extra if one not in found]
    return found


_TWO_WORDS = re.compile(r"[^\W\d_]+ [^\W\d_]+")
"""Two words of letters, which a student may type joined by a hyphen."""


def around(fragment: str) -> str:
    """An HTML fragment for the text around the gaps, with `{` as a character reference:
    no text typed in the notes can then read as a gap (`{1:SA:…}`) or as the place Moodle
    puts one (`{#1}`)."""
    return fragment.replace("{", "&#123;")
