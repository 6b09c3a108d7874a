"""What a worksheet page marks: each answerable item's key, the digests of the answers it
accepts and an obscured copy to show, gathered exercise by exercise while the page is
written, then embedded as the page's data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from revpack.labels import Labels, own_label
from revpack.writers.answer_forms import bracketed
from revpack.writers.html.page import esc
from revpack.writers.html.secret import accepted, digest, hashes, obscure
from revpack.writers.keyboard import cased, typing
from revpack.writers.typed_dates import bare as unaccented

WORD = 3
"""The fewest letters of a last word that a plural ending may be added to or taken off."""
SLIP = 5
"""The fewest letters of an answer that one letter wrong, missing, too many or swapped
leaves 'nearly: check the spelling' (in a shorter word it makes another word: 'spot'
for 'spit')."""
SLIP_DIGEST = 12
"""The hex digits kept of each digest of an answer with a letter left out (enough to tell
a slip from chance, few enough that a page of long answers stays small)."""
_LAST_WORD = re.compile(r"[ \-'\u2019]")
"""What comes before an answer's last word ('groynes', 'sans-culottes', "l'État")."""


@dataclass(frozen=True)
class Item:
    """One answer the page checks."""

    key: str
    """Its controls' data-key, unique in the page (e1-g3: exercise 1, gap 3)."""
    digests: tuple[str, ...]
    """SHA-256 of every accepted form of the answer."""
    shown: str
    """The answer as "Show answer" prints it, obscured."""
    cased: bool = False
    """Whether what is typed is marked in its capitals (a formula: keyboard.cased)."""
    dated: bool = False
    """Whether the answer is a date (a timeline's date box): a date typed is right for
    its year ('31 January 1953' for '1953'), as it is not for a number in a sentence."""
    near: tuple[str, ...] = ()
    """SHA-256 of the answer's forms with a plural ending added or taken off ('groyne'
    for 'groynes'): marked wrong, but 'nearly'."""
    accented: tuple[str, ...] = ()
    """SHA-256 of the answer's forms without its accents, where the language's may not
    be left off ('espanola' for 'española', 'dwr' for 'dŵr'): marked wrong, but 'nearly:
    check the accents' (a plain cross left a student no clue)."""
    mutated: tuple[str, ...] = ()
    """SHA-256 of the answer with its first word's first letters mutated otherwise (Welsh:
    'Cymru', 'Gymru' or 'Chymru' for 'Nghymru'): marked wrong, but 'nearly: check the
    mutation'."""
    slips: tuple[str, ...] = ()
    """The first SLIP_DIGEST hex digits of the SHA-256 of each of the answer's forms with
    one letter left out: what is typed one letter away from the answer ('Khruschev' for
    'Khrushchev') is marked wrong, but 'nearly: check the spelling' (worksheet.js: isSlip)."""


@dataclass
class Marking:
    """The items of one page, by exercise (built while that page is written)."""

    salt: str
    """The page's salt."""
    labels: Labels
    """The page's fixed words."""
    exercises: list[tuple[str, list[Item]]] = field(default_factory=list)
    """(exercise id, its items), in page order."""

    def __post_init__(self) -> None:
        self._typing = typing(self.labels)
        # (a language whose plural endings make other words when taken off, German or
        # Welsh, still has endings a wrong answer may be 'nearly' by: its word endings)
        language = self.labels.language
        endings = own_label(language, "plural_endings") or own_label(language, "word_endings")
        self._endings = endings.split()
        pairs = own_label(self.labels.language, "plural_swaps").split()
        self._swaps = [
            (one, other)
            for pair in pairs
            for one, _, other in [pair.partition(":")]
            for one, other in ((one, other), (other, one))
        ]
        self._mutations = mutations(language)
        self._letters = own_label(language, "letters").split()
        self._show = esc(self.labels("html.show_answer"))
        self._accepted: dict[str, tuple[tuple[str, ...], bool]] = {}
        """Each answer's forms and whether they are cased (`accepted`)."""

    def start(self, exercise_id: str) -> None:
        """Items added from now on belong to `exercise_id`."""
        self.exercises.append((exercise_id, []))

    def add(
        self, key: str, answer: str, shown: str | None = None, *also: str, dated: bool = False
    ) -> None:
        """An item whose right answer is `answer` (or any of `also`), `shown` when
        revealed (default the answer itself); `dated` where the answer is a date."""
        typing = self._typing
        forms, exact = self.accepted(answer)
        forms += tuple(form for one in also for form in accepted(one, typing, exact))
        digests = [digest(self.salt, key, form) for form in forms]
        # (of each part of 'ohms (Ω)' too: 'ohm' is nearly right)
        parts = (answer, *bracketed(answer))
        near = () if dated or exact else self._nearer(key, parts, set(digests))
        accented = () if dated or typing.accents else self._accented(key, answer, set(digests))
        slips = () if dated or exact else self._slips(key, forms)
        mutated = () if dated or exact else self._mutated(key, answer, set(digests))
        self.exercises[-1][1].append(
            Item(
                key,
                tuple(sorted(digests)),
                obscure(self.salt, shown or answer),
                exact,
                dated,
                near,
                accented,
                mutated=mutated,
                slips=slips,
            )
        )

    def accepted(self, answer: str) -> tuple[tuple[str, ...], bool]:
        """Every form of `answer` (or of a part of it in brackets: 'ohms' or 'Ω' for 'ohms
        (Ω)') that marking accepts, as `add` hashes them, and whether they are marked in
        their capitals; found once a page (the word bank shows them for its words)."""
        found = self._accepted.get(answer)
        if found is None:
            exact = cased(answer)
            forms = tuple(
                form
                for one in (answer, *bracketed(answer))
                for form in accepted(one, self._typing, exact)
            )
            found = self._accepted[answer] = (forms, exact)
        return found

    def _accented(self, key: str, answer: str, right: set[str]) -> tuple[str, ...]:
        """The digests of `answer` without its accents, none of them right."""
        bare = unaccented(answer)
        if bare == answer:
            return ()
        return tuple(sorted(set(hashes(self.salt, key, bare, self._typing)) - right))

    def _mutated(self, key: str, answer: str, right: set[str]) -> tuple[str, ...]:
        """The digests of `answer` with its first word's other mutations, none of them
        right."""
        if not self._mutations:
            return ()
        first, space, rest = answer.partition(" ")
        others = [
            (form[:1].upper() + form[1:] if first[:1].isupper() else form) + space + rest
            for form in mutated_forms(first, self._mutations, self._letters)
        ]
        found = {d for one in others for d in hashes(self.salt, key, one, self._typing)}
        return tuple(sorted(found - right))

    def _slips(self, key: str, forms: tuple[str, ...]) -> tuple[str, ...]:
        """The short digests of `forms` (those with SLIP letters or more) with one letter
        left out (a letter, never a figure or a sign: 'Febuary 1956' for 'February 1956' is
        a slip, '1965' for '1956' is not)."""
        less = {
            form[:index] + form[index + 1 :]
            for form in forms
            if sum(c.isalpha() for c in form) >= SLIP
            for index, char in enumerate(form)
            if char.isalpha()
        }
        return tuple(sorted({digest(self.salt, key, one)[:SLIP_DIGEST] for one in less}))

    def _nearer(self, key: str, parts: tuple[str, ...], right: set[str]) -> tuple[str, ...]:
        """`_near` of each of `parts` (an answer, and the parts of its 'name (aside)')."""
        return tuple(sorted({d for part in parts for d in self._near(key, part, right)}))

    def _near(self, key: str, answer: str, right: set[str]) -> tuple[str, ...]:
        """The digests of `answer` with a plural ending of its language added to its last
        word or taken off it ('groyne', 'groyness' for 'groynes'), or one of its
        `plural_swaps` for another ('mitochondrion' for 'mitochondria'), none of them
        right."""
        endings = self._endings
        answer = answer.rstrip(" .!?\"'\u2019\u201d")  # (what marking leaves off at the end)
        # (a word of three letters or more: a unit's symbol has no plural, '0.02' is no
        # ending away from '0.02 s', nor '5 ms' from '5 m')
        last = _LAST_WORD.split(answer)[-1]
        if not endings or not last.isalpha() or len(last) < WORD:
            return ()
        others = [answer + e for e in endings] + [
            answer[: -len(e)] for e in endings if last.endswith(e) and len(last) - len(e) >= WORD
        ]
        # (a Latin or Greek plural's other number: 'mitochondrion' for 'mitochondria',
        # 'stoma' for 'stomata', 'nucleus' for 'nuclei')
        others += [
            answer[: -len(one)] + other
            for one, other in self._swaps
            if last.endswith(one) and len(last) - len(one) >= WORD
        ]
        found = {d for one in others for d in hashes(self.salt, key, one, self._typing)}
        return tuple(sorted(found - right))

    def feedback(self, key: str, name: str = "") -> str:
        """The marks after a control: right or wrong, a "Show answer" button (named with
        the control's `name` for a screen reader: every button on a page was one name),
        the answer once shown."""
        named = f' aria-label="{self._show} ({esc(name)})"' if name else ""
        return (
            f'<span class="rp-status" id="s-{key}"><span aria-hidden="true"></span>'
            f'<span class="rp-sr"></span></span>'
            f'<button type="button" class="rp-show" id="r-{key}"{named} hidden>'
            f"{self._show}</button>"
            f'<span class="rp-answer" id="a-{key}" tabindex="-1" hidden></span>'
        )

    def data(self) -> dict[str, object]:
        """The page's data for its script: salt, labels, the language's articles (an
        answer typed with one is right too), exercises and items."""
        words = {
            name: self.labels(f"html.{name}")
            for name in (
                "right",
                "wrong",
                "unanswered",
                "nearly",
                "nearly_accents",
                "nearly_spelling",
                "nearly_mutation",
                "score",
                "total",
                "used",
                "answer",
                "clear_confirm",
            )
        }
        return {
            "salt": self.salt,
            "labels": words,
            "articles": list(self._typing.articles),
            "bare": self._typing.bare,
            "spellings": [list(pair) for pair in self._typing.spellings],
            "months": [list(month) for month in self._typing.calendar.months],
            "dateWords": list(self._typing.calendar.fillers),
            "units": [list(unit) for unit in self._typing.units],
            "accents": self._typing.accents,
            "split": self._typing.split,
            "decimalComma": self._typing.decimal_comma,
            "slipDigest": SLIP_DIGEST,
            "slipLetters": SLIP,
            "exercises": [
                {
                    "id": ident,
                    "items": [
                        {"key": i.key, "h": list(i.digests), "r": i.shown, "c": i.cased}
                        | ({"d": True} if i.dated else {})
                        | ({"n": list(i.near)} if i.near else {})
                        | ({"a": list(i.accented)} if i.accented else {})
                        | ({"t": list(i.slips)} if i.slips else {})
                        | ({"m": list(i.mutated)} if i.mutated else {})
                        for i in items
                    ],
                }
                for ident, items in self.exercises
                if items
            ],
        }


Mutations = tuple[tuple[str, tuple[str, ...]], ...]
"""(radical, its mutated forms) of a word's first letter (Welsh 'c': 'g', 'ngh', 'ch')."""

DROPPED_BEFORE = "aeiouwyâêîôûŵŷlr"
"""What a word may start with when a mutation has dropped its first letter (Welsh 'g':
'gardd', 'ardd'; 'glan', 'lan')."""


def mutations(language: str) -> Mutations:
    """The language's mutations (label `mutations`: 'c:g,ngh,ch …'); () for none."""
    return tuple(
        (radical, tuple(forms.split(",")))
        for entry in own_label(language, "mutations").split()
        for radical, _, forms in [entry.partition(":")]
    )


def mutated_forms(word: str, table: Mutations, letters: list[str]) -> set[str]:
    """`word` (small) with its first letter mutated otherwise: each radical it may be
    (itself, or its first letters read as a mutation of another's) and that radical's
    mutations, but `word` itself. `letters`: those written with two characters ('ll',
    'ng'), each one letter ('llyfr' is no mutation of a word in 'l')."""
    low = word.lower()
    spelt = _spelt(low, letters)
    radicals = {low}
    for radical, forms in table:
        for form in forms:
            if form and spelt[: len(_spelt(form, letters))] == _spelt(form, letters):
                radicals.add(radical + low[len(form) :])
            elif not form and spelt[:1] and spelt[0] in DROPPED_BEFORE:
                radicals.add(radical + low)
    found = set(radicals)
    for each in radicals:
        head = _spelt(each, letters)[:1]
        for radical, forms in table:
            if head == [radical]:
                found.update(form + each[len(radical) :] for form in forms)
    return found - {low}


def _spelt(word: str, letters: list[str]) -> list[str]:
    """`word`'s letters, those of `letters` written with two characters taken as one."""
    out, index = [], 0
    while index < len(word):
        two = word[index : index + 2]
        step = 2 if two in letters else 1
        out.append(word[index : index + step])
        index += step
    return out
