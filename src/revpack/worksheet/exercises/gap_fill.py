"""Fill the gaps: the notes' points with every ==key term== as a numbered blank."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from revpack.labels import bank_capitals, own_label
from revpack.loading.typography import spaced
from revpack.memo import Memo
from revpack.model import Factor, Image, Point, Section, Source, Span, Text
from revpack.problems import Mark
from revpack.repeats import WordForms, hidden, masked, repeats, without_article, word_forms
from revpack.unicode_scripts import flattened, raised
from revpack.worksheet.compose import Context, cell, styled
from revpack.worksheet.document import (
    Blank,
    Block,
    Figure,
    Heading,
    Inline,
    Paragraph,
    Run,
    Table,
    WordBank,
)
from revpack.worksheet.exercises.common import HANDWRITING, Printed, ems, shuffled, word_room

if TYPE_CHECKING:
    from revpack.options.worksheet import Options


UNDERSCORE = 0.5
"""An underscore's width as a share of the type size (DejaVu Sans, the PDF's)."""
WIDEST_UNDERSCORE = 0.56
"""The widest underscore of the fonts a sheet prints in (Arial's, the DOCX's): a blank as
long as a line holds in it fits every format's line."""
HAND_SIZE = 12.0
"""The type size up to which a blank leaves a pupil's ordinary hand (HANDWRITING) a
character; at 16 pt (large print) a third more: 'liberalisation' had 44 mm, the length
of its print, where a low-vision student writes about 60."""
BLANK_STEP = 4
"""Blank lengths go up in steps of this many underscores (about 8 mm at 11 pt)."""
LINE_ROOM = 60.0
"""Points of a gap line that a blank leaves free: a sub-point's indent, the gap's number
and a word beside it."""


@dataclass(frozen=True)
class Gap:
    """A numbered blank in a gap-fill sentence."""

    number: int
    """Its number on the sheet and in the key (from 1)."""
    answer: str
    """The words that fill it, exactly as marked in the source."""
    hint: str = ""
    """The first letter printed in the blank (support tier), or ''."""
    repeat: bool = False
    """True for a second blank with an earlier gap's number: the source repeated the
    answer unmarked in the same sentence, which would otherwise give it away."""


@dataclass(frozen=True)
class GapItem:
    """One point of the notes with its key terms blanked out."""

    lines: tuple[tuple[Span | Gap, ...], ...]
    """The point, then each of its sub-points: styled text and gaps, in order."""
    mark: Mark
    """Where the point was written."""

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """The item's own gaps (not repeats), in order."""
        return tuple(p for line in self.lines for p in line if isinstance(p, Gap) and not p.repeat)

    def visible(self) -> str:
        """The words a student sees, with every blank as '____'."""
        return " / ".join(
            "".join("____" if isinstance(p, Gap) else p.text for p in line) for line in self.lines
        )


@dataclass(frozen=True)
class GapGroup:
    """Gap-fill items under one heading (a factor, a section, the key terms…)."""

    title: str | None
    """The heading taken from the source, or None (the introduction, or a fixed label)."""
    items: tuple[GapItem, ...]
    """The sentences, in the source's order."""
    label: str | None = None
    """The label key of a fixed heading (key_question, timeline, key_terms), or None."""
    image: Image | None = None
    """The picture of the factor or section the group comes from, shown under it."""
    named: str | None = None
    """The heading as the notes write it, where `title` hides a term a gap asks ('… and
    …'): for names only a teacher reads (a Moodle question's); None when it hides none."""


@dataclass(frozen=True)
class GapFill:
    """Fill the gaps: the notes' points with every ==key term== as a numbered blank."""

    groups: tuple[GapGroup, ...]
    """The sentences, grouped under their headings."""
    bank: tuple[str, ...]
    """The answers, shuffled (each once per gap), or () when there is no word bank."""
    hints: bool
    """True when each blank shows its answer's first letter."""

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Every gap, in number order (1, 2, 3, …; a gap's repeat met before it, in a
        heading or an earlier point, may give it a number before the gaps around it)."""
        found = (g for group in self.groups for item in group.items for g in item.gaps)
        return tuple(sorted(found, key=lambda gap: gap.number))


@dataclass(frozen=True)
class GapText:
    """A text whose key terms become gaps, with its heading."""

    title: str | None
    """The heading from the source (a factor's or section's title, … for a key term in
    it), or None."""
    label: str | None
    """The label key of a fixed heading, or None."""
    text: Text
    """The text."""
    subs: tuple[Text, ...]
    """Its sub-points."""
    image: Image | None = None
    """The picture of its factor or section, or None."""


FIGURE_WIDTH = 0.6
"""A picture in the gap fill is at most this share of the text width…"""
FIGURE_HEIGHT = 200.0
"""…and at most this many points tall."""


LEFT_OUT = "the gap fill (the notes mark no ==key terms==)"
"""Why a sheet can lack this exercise."""


def gap_texts(source: Source) -> list[GapText]:
    """The texts whose key terms become gaps: the key question, the intro, each factor and
    section (its title first when the title marks a key term, the heading then showing …
    in its place), then timeline entries and terms that mark key words ("1955: …",
    "term: meaning"). Every == mark outside the source's title, subject and course
    becomes a gap."""
    found: list[GapText] = []
    if source.question is not None and source.question.keys:
        found.append(GapText(None, "key_question", source.question, ()))
    if source.intro is not None:
        found.append(GapText(None, None, source.intro, ()))
    blocks: tuple[Factor | Section, ...] = (*source.factors, *source.sections)
    for block in blocks:
        heading = "".join("…" if s.key else s.text for s in block.title.spans)
        if block.title.keys:
            found.append(GapText(heading, None, block.title, (), block.image))
        for point in block.points:
            found.append(GapText(heading, None, point.text, point.points, block.image))
    for event in source.timeline:
        if event.when.keys or event.what.keys:
            found.append(
                GapText(None, "timeline", _joined(event.when, event.what, source.language), ())
            )
    for term in source.terms:
        if term.term.keys or term.meaning.keys:
            found.append(
                GapText(None, "key_terms", _joined(term.term, term.meaning, source.language), ())
            )
    return found


def gap_count(source: Source, options: Options | None, printing: Printing) -> int:
    """How many numbered gaps the core gap fill has: one per ==key term== in `gap_texts`
    (on a sheet of `options`' exercises, leaving out what `shown_elsewhere` names and
    what `given_away` says another exercise prints)."""
    if options is None:
        return sum(len(t.keys) for found in gap_texts(source) for t in (found.text, *found.subs))
    given = given_away(source, options, printing)
    return sum(not given(key) for key in sheet_keys(source, options, printing))


def sheet_keys(source: Source, options: Options, printing: Printing) -> list[str]:
    """The key terms of the texts the gap fill does not leave out (`shown_elsewhere`)."""
    leave_out = shown_elsewhere(source, options, printing)
    return [
        span.text  # (as a gap's answer has it: 'H₂O', its scripts Unicode's)
        for found in gap_texts(source)
        if found.label not in leave_out
        for t in (found.text, *found.subs)
        for span in _joined_keys(t)
        if span.key
    ]


Printing = Mapping[str, Printed]
"""The exercises that print text of the notes in full, by name, each with what it prints
(the exercise table's `prints`)."""


def _printing(source: Source, options: Options, printing: Printing) -> frozenset[str]:
    """The exercises of `printing` that the sheet has and that the source has entries
    enough for."""
    return frozenset(
        name
        for name, printed in printing.items()
        if name in options.exercises and len(printed.texts(source)) >= printed.fewest
    )


def shown_elsewhere(source: Source, options: Options, printing: Printing) -> frozenset[str]:
    """The labels of the gap-fill groups that another exercise of the sheet prints in
    full (`Printed.shows`), and which the gap fill therefore leaves out, so that the sheet
    never gives a gap's answer away; none when the gap fill would then have no gap at
    all."""
    printed = _printing(source, options, printing)
    shown = frozenset(label for name in printed if (label := printing[name].shows) is not None)
    if shown and not any(
        t.keys
        for found in gap_texts(source)
        if found.label not in shown
        for t in (found.text, *found.subs)
    ):
        return frozenset()
    return shown


def printed_elsewhere(source: Source, options: Options, printing: Printing) -> str:
    """What the sheet's other exercises print of the notes, one text a line; '' when the
    sheet has a word bank, which prints every answer anyway, or is a quiz's. A key term
    that stands in it is not a gap: the stretch sheet's "Put the events in order"
    printed "Victoria del Frente Popular", the answer of two of its gaps."""
    if options.word_bank or not options.seen_together:
        return ""
    printed = _printing(source, options, printing)
    return "\n".join(
        flattened(text.spans)
        for name, each in printing.items()
        if name in printed
        for text in each.texts(source)
    )


def given_away(source: Source, options: Options, printing: Printing) -> Callable[[str], bool]:
    """Whether a key term (or its plural or singular, in the notes' language's endings)
    stands as a word in what `printed_elsewhere` finds, so that it is no gap; never, when
    that would leave the gap fill no gap."""
    printed = printed_elsewhere(source, options, printing)
    forms = word_forms(source.language)

    def given(answer: str) -> bool:
        return any(repeats(printed, {answer: 0}, forms))

    if printed and all(given(key) for key in sheet_keys(source, options, printing)):
        return lambda answer: False
    return given


def build(source: Source, options: Options, seed: int, printing: Printing) -> GapFill | None:
    """Numbered blanks for every key term (and for every term, when `term_gaps`), but for
    those another exercise of the sheet prints (`shown_elsewhere`: the exercise table
    passes what each prints, `printing`)."""
    key = (
        source,
        options.first_letters,
        options.term_gaps,
        options.exercises,
        options.word_bank,
        options.seen_together,
        tuple(printing.items()),
    )
    groups = GROUPS.get(key, lambda: _groups(source, options, printing))
    if not groups:
        return None
    capitals = bank_capitals(source.language)
    answers = [
        banked(g.answer) if capitals else g.answer
        for group in groups
        for item in group.items
        for g in item.gaps
    ]
    bank = shuffled(answers, seed, "word-bank") if options.word_bank else []
    return GapFill(groups, tuple(bank), options.first_letters)


def banked(answer: str) -> str:
    """`answer` as the word bank prints it (in a language whose banks start every word
    with a capital: labels.bank_capitals): with a capital, as every entry starts ('Veins',
    'Quantitative easing', '“New look”'), so that none tells a student that its gap starts
    a sentence. A first word written with other capitals ('pH', 'de-Stalinisation',
    'NATO') is left as it is, and so is a symbol or unit, whose capital would change what
    it means ('g', 'ml', 'mol', 'ω')."""
    lead = len(answer) - len(answer.lstrip(OPENING))
    words = answer[lead:].split(" ")
    first = words[0]
    if (
        not first[:1].islower()
        or first != first.lower()
        or _symbol(answer[lead:])
        or FORMULA.search(answer)  # ('(aq)', its bracket kept)
        or (first in PARTICLES and len(words) > 1 and words[-1][:1].isupper())  # ('van der Lubbe')
        or SYMBOL_AFTER.search(answer)  # ('hertz (Hz)', 'ohms (Ω)': a unit's name)
    ):
        return answer
    return answer[:lead] + answer[lead].upper() + answer[lead + 1 :]


PARTICLES = frozenset(
    "van von de der den di da du la le al el bin ibn ter ten zu dos das del".split()
)
"""The small words a name may start with ('van der Lubbe', 'de Gaulle', 'al-Assad'), which
a word bank leaves small when a capital follows."""
SYMBOL_AFTER = re.compile(r"\((?:[^\W\d_]|(?=[^\W\d_]{0,2}[a-zµ])[^\W\d_]{2,3})\)$")
"""A unit's symbol in brackets after a name ('hertz (Hz)', 'kilowatt-hour (kWh)', 'ohms
(Ω)', 'watts (W)'): a unit's name, which is written small. (Not an acronym's capitals:
'trade (UK)'.)"""
OPENING = "\"'“‘«(["
"""What may stand before an answer's first letter (a quotation's mark, a bracket)."""
UNITS = frozenset({"mol", "mmol", "kcal", "cal", "mph", "kph", "kwh", "rpm", "mbar"})
"""Units of more than two letters, written small: a word bank leaves them so (not
'bar', more often a coast's landform in a word bank than a unit alone)."""


FORMULA = re.compile(
    "[=<>≤≥≠≈≡∈∉⁰¹²³⁴⁵⁶⁷⁸⁹⁻₀₁₂₃₄₅₆₇₈₉^]|(?<=[^\\W\\d_])_(?=[^\\W_])|\\((?:aq|s|l|g)\\)"
    "|(?<![^\\W\\d_])[^\\W\\d_]{1,3}/[^\\W\\d_]{1,3}(?![^\\W\\d_])"
    "|\\)\\(|(?<![^\\W\\d_])[a-z] ?[+\u2212] ?[0-9a-z(√]"
)
"""What only a formula or a unit holds: '=' or another relation ('x ≤ 4', 'a ≠ b'), a
raised or lowered figure, a power or index Unicode has no characters for, as a keyboard
writes it ('a^(m+n)', 'K_c': unicode_scripts.raised), a state symbol ('(aq)'), a unit's
short slash ('v² − u² = 2as', 'kg m/s', 'm/s²'; not 'supply/demand'), brackets multiplied
or a small letter added to or less something ('(x + 2)(x + 3)', 'x − 3'), whose capitals
mean something else ('V' is volts, 'M' mega, 'X' another variable than 'x')."""


def _symbol(answer: str) -> bool:
    """Whether `answer` is a symbol, a unit or a formula: one word of one or two
    characters (but a word with a letter of the language's own, 'ŷd', 'tŷ', 'iâ': no
    symbol has one), one of UNITS, or anything FORMULA finds in."""
    short = len(answer) <= 2 and not any(c.isalpha() and c not in SYMBOL_LETTERS for c in answer)
    return (" " not in answer and (short or answer in UNITS)) or bool(FORMULA.search(answer))


SYMBOL_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZµμΩαβγδεηθλπρστφψωΑΒΓΔΘΛΠΣΦΨ"
)
"""The letters a short symbol or unit is written with: Latin without accents, and Greek
('µm', 'Ω', 'λ', 'ΔT')."""


GROUPS: Memo[tuple[GapGroup, ...]] = Memo("gap fill groups", 16)
"""(source, first letters, term gaps, exercises, word bank, seen together, what the
sheet's exercises print) → the gap fill's groups: the same for every class (only the word
bank's order depends on the seed)."""


def _groups(source: Source, options: Options, printing: Printing) -> tuple[GapGroup, ...]:
    numbers = _Counter()
    groups: list[GapGroup] = []
    leave_out = shown_elsewhere(source, options, printing)
    given = given_away(source, options, printing)
    masking = Masking(
        options.first_letters,
        word_forms(source.language).for_blanking(),
        tuple(own_label(source.language, "letters").split()),
    )
    for found in gap_texts(source):
        if (
            not any(t.keys for t in (found.text, *found.subs))
            or (found.label == "key_terms" and options.term_gaps)
            or found.label in leave_out
        ):
            continue  # with term gaps, every term gets its own line below
        item = _blank_item(Point(found.text, found.subs), numbers, masking, given)
        last = groups[-1] if groups else None
        if (
            last
            and (last.title, last.label) == (found.title, found.label)
            and (found.title or found.label)
        ):
            groups[-1] = GapGroup(last.title, (*last.items, item), last.label, last.image)
        else:
            groups.append(GapGroup(found.title, (item,), found.label, found.image))
    if options.term_gaps and source.terms:
        # (A term already asked above keeps its number: 'hydraulic action' (6) in a point
        # and (32) as a term read as two answers.)
        asked = _answers(groups)
        groups.append(
            GapGroup(
                None,
                tuple(
                    _term_item(
                        term.term, term.meaning, numbers, masking, given, asked, source.language
                    )
                    for term in source.terms
                ),
                "key_terms",
            )
        )
    if options.word_bank:
        # (the bank prints every answer, but none stands over its own gap: a heading
        # 'Vaccination' over '(22) ____ was now understood …', or a picture's description)
        answers = _answers(groups)
        headed = tuple(_headed(group, answers, masking, _numbered) for group in groups)
        return _renumbered_in_order(headed, tuple(groups), answers, masking)
    # With no word bank to print the answers, none may stand unmarked anywhere the student
    # sees while filling its gap: 'electric charge' in a term's meaning, under the gap it
    # answers a page before. A sheet is seen whole; a quiz, one group at a time.
    if options.seen_together:
        return _in_reading_order(tuple(groups), _answers(groups), masking)
    return tuple(_masked_across((g,), _answers((g,)), masking, numbered=False)[0] for g in groups)


def _answers(groups: Iterable[GapGroup]) -> dict[str, int]:
    """Each answer of `groups`' gaps → the number of its first gap."""
    found: dict[str, int] = {}
    for group in groups:
        for item in group.items:
            for gap in item.gaps:
                found.setdefault(gap.answer, gap.number)
    return found


def _masked_across(
    groups: Iterable[GapGroup], answers: dict[str, int], masking: Masking, numbered: bool
) -> tuple[GapGroup, ...]:
    """`groups` with every unmarked repeat of one of `answers` blanked under its gap's
    number (as `_mask` does within a point), and in a heading replaced by that number,
    '(29)', where the gaps show theirs (`numbered`: a sheet; a heading of '…' alone told
    a student nothing), else by '…' (as a key term in a title is)."""
    shown = _numbered if numbered else None
    data = {a: n for a, n in answers.items() if not QUANTITY.match(a)}
    out = []
    for group in groups:
        items = tuple(
            replace(
                item,
                lines=tuple(
                    _apart(_mask(list(line), data if _calculation(line) else answers, masking))
                    for line in item.lines
                ),
            )
            for item in group.items
        )
        out.append(_headed(replace(group, items=items), answers, masking, shown))
    return tuple(out)


def _calculation(line: Iterable[Span | Gap]) -> bool:
    """Whether `line` asks for a quantity (a gap whose answer QUANTITY matches: 'A 230 V
    kettle with a current of 10 A has a resistance of (10) ____'). The quantities it gives
    are then its data, printed even where they answer another gap: blanked, '(9) ____
    kettle', the resistance could not be worked out."""
    return any(isinstance(piece, Gap) and QUANTITY.match(piece.answer) for piece in line)


QUANTITY = re.compile(
    r"[−+-]?[0-9][0-9.,\u00a0\u202f⁰¹²³⁴⁵⁶⁷⁸⁹⁻^-]*(?: ?[×x] ?10\S+)?"
    r"(?: ?%| ?°[^\W\d_]?|[ \u00a0\u202f][^\W\d_]{1,3}[⁰¹²³⁴⁵⁶⁷⁸⁹⁻^0-9-]*)"
    r"(?:[ /·]°?[^\W\d_]{1,3}[⁰¹²³⁴⁵⁶⁷⁸⁹⁻^0-9-]*)*$"
)
"""A quantity: a number with its unit after it ('230 V', '0.02 s', '3.0 × 10⁸ m/s', '−5 °C',
'45°', '4200 J/kg °C'); not a bare number or year ('1939'), which a calculation's line
asks as often as it gives, nor a date or a name ('1 de abril de 1939', '1917 Revolution')."""


def _headed(
    group: GapGroup,
    answers: dict[str, int],
    masking: Masking,
    shown: Callable[[int], str] | None,
) -> GapGroup:
    """`group` with each repeat of one of `answers` in its heading replaced by what
    `shown` makes of its number ('(29)'; None: '…'), and in its picture's alternative
    text by '…' (a screen reader reads it out beside the gaps: 'A sketch of Senlac Hill
    with the shield wall' answered two of them)."""
    title = (
        None
        if group.title is None
        else hidden(
            group.title,
            answers,
            masking.forms,
            shown if shown and _alone(group.title, answers, masking) else None,
        )
    )
    named = group.named or (group.title if title != group.title else None)
    image = group.image
    if image is not None:
        image = replace(image, alt=hidden(image.alt, answers, masking.forms))
    return replace(group, title=title, named=named, image=image)


def _in_reading_order(
    groups: tuple[GapGroup, ...], answers: dict[str, int], masking: Masking
) -> tuple[GapGroup, ...]:
    """`groups` masked across (as a sheet is seen whole), their blanks numbered in the
    order a student meets them: a term written unmarked before its own gap is blanked
    with that gap's number, which came out of order ('(12)' on the first page, '(3)' after
    it); now the first blank of each number is met in order, and a later one repeats it.
    A heading that is a term shows the number of the term's first blank, and is met before
    the gaps under it: 'Mass' over 'directly (4) ____ to the (5) ____' was '(5)', a
    number before the (4) under it; it is now '(4)', the gaps '(5) … (4)'."""
    masked = _masked_across(groups, answers, masking, numbered=True)
    return _renumbered_in_order(masked, groups, answers, masking)


def _renumbered_in_order(
    shown: tuple[GapGroup, ...],
    groups: tuple[GapGroup, ...],
    answers: dict[str, int],
    masking: Masking,
) -> tuple[GapGroup, ...]:
    """`shown` (`groups` with their headings, and perhaps repeats, hidden under the
    numbers of `answers`) with its blanks numbered in the order a student meets them, a
    heading's before the gaps under it, and its headings hidden again under the new
    numbers (from `groups`' headings, as the notes write them)."""
    order: dict[int, int] = {}
    for group, written in zip(shown, groups, strict=True):
        if written.title is not None and _alone(written.title, answers, masking):
            for found in repeats(written.title, answers, masking.forms):
                order.setdefault(found.number, len(order) + 1)
        for item in group.items:
            for line in item.lines:
                for piece in line:
                    if isinstance(piece, Gap):
                        order.setdefault(piece.number, len(order) + 1)
    if all(old == new for old, new in order.items()):
        return shown
    renumbered = {answer: order[number] for answer, number in answers.items()}
    return tuple(
        replace(
            group,
            items=tuple(_renumbered(item, order) for item in group.items),
            title=None
            if written.title is None
            else hidden(
                written.title,
                renumbered,
                masking.forms,
                _numbered if _alone(written.title, answers, masking) else None,
            ),
        )
        for group, written in zip(shown, groups, strict=True)
    )


def _renumbered(item: GapItem, order: dict[int, int]) -> GapItem:
    """`item` with each gap's number as `order` gives it."""
    lines = tuple(
        tuple(replace(p, number=order[p.number]) if isinstance(p, Gap) else p for p in line)
        for line in item.lines
    )
    return replace(item, lines=lines)


def _alone(title: str, answers: dict[str, int], masking: Masking) -> bool:
    """Whether a heading is one term alone ('Mass'), which a sheet hides under its gap's
    number, '(4)': '…' alone told a student nothing. A heading with other words hides its
    terms as '…' ('De … à la …', '… of the heater'): numbered, they came before or after
    the gaps around them ('De (27) à la (28)', its blank (28) after (34))."""
    found = list(repeats(title, answers, masking.forms))
    return len(found) == 1 and not (title[: found[0].start] + title[found[0].end :]).strip(
        " .,;:!?'s"
    )


def _numbered(number: int) -> str:
    """A gap's number as a sheet prints it beside its blank."""
    return f"({number})"


def bank_columns(bank: tuple[str, ...], context: Context) -> int:
    """How many words the word bank prints in a row: four, or fewer when its longest word
    or phrase would not fit a quarter of the line at the layout's type size (the support
    tier's larger type), so that no entry is set smaller than the layout allows or
    broken over two lines."""
    longest = max(ems(word) for word in bank) * context.size
    for columns in (4, 3):
        if longest <= context.width / columns - 4:
            return columns
    return 2


def sheet(exercise: GapFill, context: Context) -> list[Block]:
    """Instructions, the word bank, then every group's sentences with numbered blanks."""
    labels = context.labels
    words = [labels("gap_fill.instructions", count=len(exercise.gaps))]
    words.append(labels("gap_fill.bank" if exercise.bank else "gap_fill.no_bank"))
    if exercise.hints:
        words.append(labels("gap_fill.hints"))
    blocks: list[Block] = [Paragraph((Run(" ".join(words)),), "instructions")]
    if exercise.bank:
        columns = bank_columns(exercise.bank, context)
        centred = context.options.bank_centred
        bank = labels("word_bank")
        continued = labels("continued", heading=bank)
        blocks.append(WordBank(bank, exercise.bank, columns, centred, continued))
    for group in exercise.groups:
        title = _title(group, context)
        if title:
            blocks.append(Heading(title, 2))
        ends: list[int] = []  # where each item's last line is among the blocks
        for item in group.items:
            for index, line in enumerate(item.lines):
                content: list[Inline] = [Run("–\u00a0")] if index else []
                for piece in line:
                    if isinstance(piece, Gap):
                        length = blank_length(piece.answer, context)
                        content.append(Blank(piece.number, piece.answer, piece.hint, length))
                    else:
                        content += styled((piece,))
                blocks.append(
                    Paragraph(
                        tuple(content),
                        "gap-sub" if index else "gap",
                        keep_with_next=index + 1 < len(item.lines),
                    )
                )
            ends.append(len(blocks) - 1)
        if len(ends) > 1:
            # A group's last point never opens a page alone, cut off from its heading: it
            # keeps the point before it.
            before = blocks[ends[-2]]
            if isinstance(before, Paragraph):
                blocks[ends[-2]] = replace(before, keep_with_next=True)
        if group.image is not None:
            # The picture belongs to this group: one that moves to the next page takes the
            # group's last line with it, rather than opening the page above the next group.
            if blocks and isinstance(blocks[-1], Paragraph):
                blocks[-1] = replace(blocks[-1], keep_with_next=True)
            blocks.append(figure(group.image, context.width))
    return blocks


def blank_length(answer: str, context: Context) -> int:
    """A blank's length in underscores: room to write `answer` by hand (HANDWRITING
    points a character, more in type larger than HAND_SIZE: a reader of large print
    writes larger too), at least the layout's `blank_length` for a short word, in steps
    of BLANK_STEP underscores (so that a length only roughly hints at its answer), and
    never longer than a gap line holds beside its number."""
    underscore = context.size * UNDERSCORE
    hand = HANDWRITING * max(1.0, context.size / HAND_SIZE)
    needed = math.ceil(len(answer) * hand / underscore / BLANK_STEP) * BLANK_STEP
    longest = int((context.width - LINE_ROOM) / (context.size * WIDEST_UNDERSCORE))
    return max(context.options.blank_length, min(needed, longest))


def figure(image: Image, text_width: float) -> Figure:
    """A picture scaled to fit FIGURE_WIDTH of the text width (a panorama, twice as wide
    as tall or more, the whole width) and FIGURE_HEIGHT, never beyond its own size (a
    40-pixel icon was printed 7 cm wide, a blur)."""
    share = 1.0 if image.width >= 2 * image.height else FIGURE_WIDTH
    width = min(text_width * share, image.natural_width)
    scale = min(width / image.width, FIGURE_HEIGHT / image.height)
    return Figure(image.data, image.alt, image.width * scale, image.height * scale)


def key(exercise: GapFill, context: Context, level: int) -> list[Block]:
    """Gap numbers and answers: up to three pairs of columns, numbers running down."""
    gaps = exercise.gaps
    # '(37)' in bold with room either side (more at the support tier's 12 pt).
    number_width = max(36.0, word_room([f"({len(gaps)})"], context.size, bold=True))
    # Three pairs side by side, or fewer when the longest word of an answer would have
    # to break in a third of the line ('Reichstagsbrandverordnung').
    room = word_room([gap.answer for gap in gaps], context.size)
    pairs = next((n for n in (3, 2) if context.width / n - number_width >= room), 1)
    pairs = pairs if len(gaps) > 8 else 1
    answer_width = context.width / pairs - number_width
    # A table that would be taller than KEY_SHARE of a page is cut into tables of about
    # equal length, each read down its columns: one long table broken between pages
    # jumps from page to page down each column.
    page = context.layout.page
    tall = _key_height(gaps, pairs, answer_width, context.size)
    parts = max(1, math.ceil(tall / ((page.height - 2 * page.margin) * KEY_SHARE)))
    size = math.ceil(len(gaps) / parts)
    return [
        _key_table(gaps[start : start + size], pairs, number_width, answer_width)
        for start in range(0, len(gaps), size)
    ]


KEY_SHARE = 0.45
"""The most of a page one table of the gap fill's answers takes (a longer list is cut into
several, each kept on one page)."""


def _key_table(gaps: tuple[Gap, ...], pairs: int, number_width: float, answer: float) -> Table:
    """The numbers and answers of `gaps` in `pairs` pairs of columns, running down."""
    rows = math.ceil(len(gaps) / pairs)
    grid = [[cell(""), cell("")] * pairs for _ in range(rows)]
    for index, gap in enumerate(gaps):
        column, row = divmod(index, rows)
        grid[row][2 * column] = cell(_numbered(gap.number), bold=True)
        grid[row][2 * column + 1] = cell(gap.answer)
    return Table(
        (number_width, answer) * pairs,
        tuple(map(tuple, grid)),
        keep_whole=rows <= 20,
        read_down=pairs > 1,
    )


def _key_height(gaps: tuple[Gap, ...], pairs: int, width: float, size: float) -> float:
    """About how tall one table of all the answers prints: each row as many lines as its
    longest answer takes (a character taken as 0.55 of the type size)."""
    rows = math.ceil(len(gaps) / pairs)
    lines = [1] * rows
    for index, gap in enumerate(gaps):
        row = index % rows
        lines[row] = max(lines[row], math.ceil(len(gap.answer) * size * 0.55 / (width - 6)))
    return sum(count * size * 1.3 + 6 for count in lines)


def _title(group: GapGroup, context: Context) -> str | None:
    return context.labels(group.label) if group.label else group.title


def _joined(first: Text, second: Text, language: str) -> Text:
    """`first: second` as one text (the first part bold), for a gap-fill line."""
    head = tuple(Span(s.text, True, s.italic, s.key, s.script) for s in first.spans)
    return Text((*head, Span(spaced(":", language)), *second.spans), first.mark)


@dataclass(frozen=True)
class Masking:
    """How a gap fill blanks the unmarked repeats of its answers."""

    hints: bool
    """Whether a blank gives its answer's first letter."""
    forms: WordForms
    """What a repeat may differ from its answer by in the notes' language:
    'Reichspräsident-en'."""
    letters: tuple[str, ...] = ()
    """The language's letters of two characters, small ('dd', 'll' in Welsh): a hint
    gives one whole."""

    def hint(self, answer: str) -> str:
        """The hint a blank of `answer` gives (`_hint`), after a leading article of the
        notes' language ('y G' for 'y Gymraeg', 'la P' for 'la Pasionaria': 'y' alone
        gave nothing away, and pointed nowhere)."""
        rest = without_article(answer, self.forms.articles, least=1)
        if rest is None:
            return _hint(answer, self.hints, self.letters)
        found = _hint(rest, self.hints, self.letters)
        return answer[: len(answer) - len(rest)] + found if found else ""


class _Counter:
    """Hands out gap numbers 1, 2, 3, … across the whole gap fill."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def _blank_item(
    point: Point, numbers: _Counter, masking: Masking, given: Callable[[str], bool]
) -> GapItem:
    """The point with each key term a numbered gap, but those `given` away elsewhere on
    the sheet, which stay printed."""
    lines: list[list[Span | Gap]] = []
    answers: dict[str, int] = {}
    for text in (point.text, *point.points):
        line: list[Span | Gap] = []
        for span, written in _keys_as_written(text):
            if span.key and given(span.text):
                line += [replace(part, key=False) for part in written]
            elif span.key:
                gap = Gap(numbers.next(), span.text, masking.hint(span.text))
                answers.setdefault(span.text, gap.number)
                line.append(gap)
            else:
                line.append(span)
        lines.append(line)
    return GapItem(tuple(_apart(_mask(line, answers, masking)) for line in lines), point.text.mark)


def _term_item(
    term: Text,
    meaning: Text,
    numbers: _Counter,
    masking: Masking,
    given: Callable[[str], bool],
    asked: dict[str, int],
    language: str,
) -> GapItem:
    # The term is the gap (unless `given` away elsewhere on the sheet; a repeat of its
    # gap where `asked` has it already); key words the meaning marks are gaps too,
    # numbered after it.
    answer = flattened(term.spans)
    line: list[Span | Gap] = []
    answers: dict[str, int] = {}
    earlier = _asked_as(answer, asked)
    if given(answer):
        line += [replace(part, key=False, bold=True) for part in term.spans]
    elif earlier is not None:
        line.append(Gap(earlier, answer, masking.hint(answer), repeat=True))
        answers = {answer: earlier, term.plain: earlier}
    else:
        gap = Gap(numbers.next(), answer, masking.hint(answer))
        answers = {answer: gap.number, term.plain: gap.number}
        line.append(gap)
    line.append(Span(spaced(":", language)))
    for span, written in _keys_as_written(meaning):
        if span.key and given(span.text):
            line += [replace(part, key=False) for part in written]
        elif span.key:
            key_gap = Gap(numbers.next(), span.text, masking.hint(span.text))
            line.append(key_gap)
            answers.setdefault(span.text, key_gap.number)
        else:
            line.append(span)
    return GapItem((_apart(_mask(line, answers, masking)),), term.mark)


def _apart(line: list[Span | Gap]) -> tuple[Span | Gap, ...]:
    """`line` with a no-break space between a figure and the gap after it, and between a
    formula and the gap of its bracketed state symbol: a formula's number before its blank
    read as a product ('2(11) ____' for '2NaOH', now '2 (11) ____'), and a gap's number
    after a formula as its state symbol ('HCl(9) ____' for 'HCl(aq)', now 'HCl (9) ____')."""
    out: list[Span | Gap] = []
    for piece in line:
        before = out[-1] if out else None
        if (
            isinstance(piece, Gap)
            and isinstance(before, Span)
            and (
                before.text[-1:].isdigit()
                or (before.text[-1:].isalnum() and piece.answer.startswith("("))
            )
        ):
            out[-1] = replace(before, text=before.text + "\u00a0")
        out.append(piece)
    return tuple(out)


def _asked_as(answer: str, asked: dict[str, int]) -> int | None:
    """The number of a gap asked above whose answer is `answer`, whatever the first
    letter's case and whether a word of it is plural ('spheres of influence' (2) for the
    term 'Sphere of influence'), or None."""
    wanted = _singular(answer)
    return next((number for said, number in asked.items() if _singular(said) == wanted), None)


def _singular(phrase: str) -> str:
    """`phrase` with each ordinary word's first letter small and a plural 's' left off
    (only to compare two answers: 'spheres' and 'Sphere' are one)."""
    words = []
    for word in phrase.split(" "):
        if len(word) > 1 and word[1:].islower():
            word = word[0].lower() + word[1:]
            if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
        words.append(word)
    return " ".join(words)


def _joined_keys(text: Text) -> list[Span]:
    # A key term styled in two parts (==**Iron** Curtain==) is one answer, as Text.keys says;
    # its subscripts and superscripts as Unicode's where it has them (==H~2~SO~4~== is
    # 'H₂SO₄'), since a word bank or a key prints an answer as plain text.
    return [joined for joined, _ in _keys_as_written(text)]


def _keys_as_written(text: Text) -> list[tuple[Span, tuple[Span, ...]]]:
    """Each of `_joined_keys`' spans with the spans of the text it was joined from: a key
    term given away elsewhere is printed as written ('H', lowered '2', 'O'), not in
    Unicode's subscripts, which beside a lowered figure looked like another type."""
    pairs: list[tuple[Span, tuple[Span, ...]]] = []
    for span in text.spans:
        if span.key and pairs and pairs[-1][0].key:
            joined, parts = pairs[-1]
            pairs[-1] = (Span(joined.text + raised(span), key=True), (*parts, span))
        elif span.key and span.script:
            pairs.append((Span(raised(span), key=True), (span,)))
        else:
            pairs.append((span, (span,)))
    return pairs


def _mask(line: list[Span | Gap], answers: dict[str, int], masking: Masking) -> list[Span | Gap]:
    """Blank out unmarked repeats of the line's answers, which would give them away (an
    ending stays printed after the blank: "two (5) ____s"). A repeat's gap holds its
    number's answer ('Paris', not the 'pari' of the words it blanks): a page marks a
    number by its first blank."""
    named: dict[int, str] = {}
    for answer, number in answers.items():
        named.setdefault(number, answer)
    return masked(
        line,
        answers,
        lambda number, words: Gap(number, named[number], masking.hint(named[number]), repeat=True),
        masking.forms,
    )


def _hint(answer: str, hints: bool, letters: tuple[str, ...] = ()) -> str:
    """The first letter or figure of `answer`, with a currency or maths sign or an
    opening bracket before it ('(a' for '(aq)': 'a' led to 'aq'); none for an answer of
    one or two characters ('Ω', 'µF') or a quantity of fewer than four figures ('5 cm',
    '45°', '£3.50', '−5 °C'), which it would give away (a year's first figure does not).
    A letter of two characters of the language's `letters` comes whole ('dd' for
    'ddatganoli')."""
    if not hints or len(answer) <= 2:  # ('Ω' or 'µF': the hint would be most of it)
        return ""
    at = next((i for i, c in enumerate(answer) if c.isalnum()), None)
    if at is None:
        return ""
    figures = _FIGURES.match(answer, at)
    if figures is not None and len(figures.group()) < 4:
        return ""
    signs = "".join(c for c in answer[:at] if unicodedata.category(c) in ("Sc", "Sm", "Ps"))
    whole = 2 if answer[at : at + 2].lower() in letters and len(answer) - at > 3 else 1
    return signs + answer[at : at + whole]


_FIGURES = re.compile(r"[0-9]+(?:[,\u00a0\u202f ][0-9]{3})*")
"""A number's figures, thousands apart or not ('1953', '1,000', '1 000 000')."""
