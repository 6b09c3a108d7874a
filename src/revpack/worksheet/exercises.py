"""The worksheet's exercises, derived from a source by pure, seeded functions.

Nothing here knows about DOCX: each builder turns the model into a frozen description of
one exercise (what the student sees and what the answer key says), so the numbering of the
sheet and of its key come from one place and can be tested without rendering anything.

Every shuffle draws from its own `random.Random` seeded with the audience's seed and the
exercise's name, so adding or removing one exercise never changes another one's order.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from revpack.model import Event, Factor, Point, Source, Span, Text
from revpack.options.worksheet import Options
from revpack.problems import Mark


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
        return tuple(p for line in self.lines for p in line
                     if isinstance(p, Gap) and not p.repeat)

    def visible(self) -> str:
        """The words a student sees, with every blank as '____'."""
        return " / ".join("".join("____" if isinstance(p, Gap) else p.text for p in line)
                          for line in self.lines)


@dataclass(frozen=True)
class GapGroup:
    """Gap-fill items under one heading (a factor, a section or the key terms)."""

    title: str | None
    """The heading, or None for the introduction."""
    items: tuple[GapItem, ...]
    """The sentences, in the source's order."""


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
        """Every gap, in number order (1, 2, 3, …)."""
        return tuple(g for group in self.groups for item in group.items for g in item.gaps)


@dataclass(frozen=True)
class Matching:
    """Match the terms to their meanings."""

    terms: tuple[Text, ...]
    """Numbered from 1, in the source's order."""
    meanings: tuple[Text, ...]
    """Lettered from A, shuffled so that no meaning sits beside its own term."""
    answers: tuple[int, ...]
    """answers[i] is the index in `meanings` of the meaning of terms[i]."""


@dataclass(frozen=True)
class TimelineOrder:
    """Put the events in order."""

    events: tuple[Event, ...]
    """Lettered from A, shuffled."""
    order: tuple[int, ...]
    """Indexes into `events`, earliest first (the source lists events in order)."""
    ask_dates: bool
    """True when students also write each event's date."""


@dataclass(frozen=True)
class Ranking:
    """Rank the factors, with a reason for each."""

    factors: tuple[Factor, ...]
    """The factors in the source's order; their points are the key's model notes."""


@dataclass(frozen=True)
class Extended:
    """The extended answer to the key question."""

    question: Text
    """The source's key question."""
    starters: tuple[str, ...]
    """Sentence starters printed above the lines (support), or ()."""
    prompt: str | None
    """An evaluative prompt (stretch), or None."""
    lines: int
    """How many ruled lines to leave."""
    factors: tuple[Factor, ...]
    """The factors: the key lists them and the links between them."""


Exercise = GapFill | Matching | TimelineOrder | Ranking | Extended


@dataclass(frozen=True)
class Worksheet:
    """The exercises a layout asked for, in its order, and what had to be left out."""

    exercises: tuple[Exercise, ...]
    """The exercises that have data, numbered 1, 2, … on the sheet and in the key."""
    left_out: tuple[str, ...]
    """What each exercise the layout asked for but the source has no data for is, and
    why it is missing (from LEFT_OUT)."""


LEFT_OUT = {
    "gap_fill": "the gap fill (the notes mark no ==key terms==)",
    "matching": "matching the terms (the source has fewer than two terms)",
    "timeline": "the timeline (the source has fewer than two events)",
    "ranking": "ranking the factors (the source has fewer than two factors)",
    "extended": "the extended answer (the source has no question)",
}
"""Why each exercise can be missing, as the build reports it."""


def worksheet(source: Source, options: Options, seed: int) -> Worksheet:
    """Build every exercise `options` asks for; those without data go into `left_out`."""
    builders = {"gap_fill": gap_fill, "matching": matching, "timeline": timeline,
                "ranking": ranking, "extended": extended}
    made, missing = [], []
    for name in options.exercises:
        exercise = builders[name](source, options, seed)
        if exercise is None:
            missing.append(LEFT_OUT[name])
        else:
            made.append(exercise)
    return Worksheet(tuple(made), tuple(missing))


def gap_texts(source: Source) -> list[tuple[str | None, Text, tuple[Text, ...]]]:
    """The texts whose key terms become gaps, as (heading, text, sub-points): the key
    question, the intro, each factor and section (its title first when the title marks a
    key term, the heading then showing … in its place), then timeline entries and terms
    that mark key words ("1955: …", "term: meaning"). Every == mark outside the source's
    title, subject and course becomes a gap."""
    found: list[tuple[str | None, Text, tuple[Text, ...]]] = []
    if source.question is not None and source.question.keys:
        found.append(("Key question", source.question, ()))
    if source.intro is not None:
        found.append((None, source.intro, ()))
    for block in (*source.factors, *source.sections):
        heading = "".join("…" if s.key else s.text for s in block.title.spans)
        if block.title.keys:
            found.append((heading, block.title, ()))
        for point in block.points:
            found.append((heading, point.text, point.points))
    for event in source.timeline:
        if event.when.keys or event.what.keys:
            found.append(("Timeline", _joined(event.when, event.what), ()))
    for term in source.terms:
        if term.term.keys or term.meaning.keys:
            found.append(("Key terms", _joined(term.term, term.meaning), ()))
    return found


def _joined(first: Text, second: Text) -> Text:
    """`first: second` as one text (the first part bold), for a gap-fill line."""
    head = tuple(Span(s.text, True, s.italic, s.key) for s in first.spans)
    return Text((*head, Span(": "), *second.spans), first.mark)


def gap_count(source: Source) -> int:
    """How many numbered gaps the core gap fill has: one per ==key term== in `gap_texts`."""
    return sum(len(t.keys) for _, text, subs in gap_texts(source) for t in (text, *subs))


def gap_fill(source: Source, options: Options, seed: int) -> GapFill | None:
    """Numbered blanks for every key term (and for every term, when `term_gaps`)."""
    numbers = _Counter()
    groups: list[GapGroup] = []
    for heading, text, subs in gap_texts(source):
        if not any(t.keys for t in (text, *subs)) or (heading == "Key terms"
                                                        and options.term_gaps):
            continue  # with term gaps, every term gets its own line below
        item = _blank_item(Point(text, subs), numbers, options.first_letters)
        if groups and groups[-1].title == heading:
            groups[-1] = GapGroup(heading, (*groups[-1].items, item))
        else:
            groups.append(GapGroup(heading, (item,)))
    if options.term_gaps and source.terms:
        groups.append(GapGroup("Key terms", tuple(
            _term_item(term.term, term.meaning, numbers, options.first_letters)
            for term in source.terms)))
    if not groups:
        return None
    answers = [g.answer for group in groups for item in group.items for g in item.gaps]
    bank = _shuffled(answers, seed, "word-bank") if options.word_bank else ()
    return GapFill(tuple(groups), tuple(bank), options.first_letters)


def matching(source: Source, options: Options, seed: int) -> Matching | None:
    """Numbered terms beside lettered, shuffled meanings."""
    if len(source.terms) < 2:
        return None
    order = _derangement(len(source.terms), seed, "matching")
    meanings = tuple(source.terms[i].meaning for i in order)
    answers = tuple(order.index(i) for i in range(len(source.terms)))
    return Matching(tuple(t.term for t in source.terms), meanings, answers)


def timeline(source: Source, options: Options, seed: int) -> TimelineOrder | None:
    """The events shuffled; the key gives them back in the source's (chronological) order."""
    if len(source.timeline) < 2:
        return None
    order = _derangement(len(source.timeline), seed, "timeline")
    events = tuple(source.timeline[i] for i in order)
    return TimelineOrder(events, tuple(order.index(i) for i in range(len(order))),
                         options.timeline_dates)


def ranking(source: Source, options: Options, seed: int) -> Ranking | None:
    """Every factor, for students to rank and justify."""
    if len(source.factors) < 2:
        return None
    return Ranking(source.factors)


def extended(source: Source, options: Options, seed: int) -> Extended | None:
    """The key question with ruled lines, starters and an evaluative prompt as asked."""
    if source.question is None:
        return None
    prompt = None
    if options.evaluative and source.factors:
        factor = random.Random(f"{seed}:evaluative").choice(source.factors)
        prompt = options.evaluative.replace("{factor}", factor.title.plain)
    elif options.evaluative and "{factor}" not in options.evaluative:
        prompt = options.evaluative
    return Extended(source.question, tuple(options.sentence_starters), prompt,
                    options.answer_lines, source.factors)


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: the label of the index-th lettered item."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


class _Counter:
    """Hands out gap numbers 1, 2, 3, … across the whole gap fill."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def _blank_item(point: Point, numbers: _Counter, hints: bool) -> GapItem:
    lines = []
    answers: dict[str, int] = {}
    for text in (point.text, *point.points):
        line: list[Span | Gap] = []
        for span in _joined_keys(text):
            if span.key:
                gap = Gap(numbers.next(), span.text, _hint(span.text, hints))
                answers.setdefault(span.text.casefold(), gap.number)
                line.append(gap)
            else:
                line.append(span)
        lines.append(line)
    return GapItem(tuple(tuple(_mask(line, answers, hints)) for line in lines), point.text.mark)


def _term_item(term: Text, meaning: Text, numbers: _Counter, hints: bool) -> GapItem:
    # The term is the gap; key words the meaning marks are gaps too, numbered after it.
    gap = Gap(numbers.next(), term.plain, _hint(term.plain, hints))
    answers = {term.plain.casefold(): gap.number}
    line: list[Span | Gap] = [gap, Span(": ")]
    for span in _joined_keys(meaning):
        if span.key:
            line.append(Gap(numbers.next(), span.text, _hint(span.text, hints)))
            answers.setdefault(span.text.casefold(), line[-1].number)
        else:
            line.append(span)
    return GapItem((tuple(_mask(line, answers, hints)),), term.mark)


def _joined_keys(text: Text) -> list[Span]:
    # A key term styled in two parts (==**Iron** Curtain==) is one answer, as Text.keys says.
    spans: list[Span] = []
    for span in text.spans:
        if span.key and spans and spans[-1].key:
            spans[-1] = Span(spans[-1].text + span.text, key=True)
        else:
            spans.append(span)
    return spans


def _mask(line, answers: dict[str, int], hints: bool) -> list:
    """Blank out unmarked repeats of the line's answers, which would give them away."""
    if not answers:
        return list(line)
    words = sorted(answers, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?:e?s)?(?!\w)",
                         re.IGNORECASE)
    out: list = []
    for piece in line:
        if isinstance(piece, Gap):
            out.append(piece)
            continue
        pos = 0
        for found in pattern.finditer(piece.text):
            if found.start() > pos:
                out.append(Span(piece.text[pos:found.start()], piece.bold, piece.italic))
            number = answers.get(found.group(1).casefold())
            if number is None:  # a case-folding corner the regex matched but the key misses
                continue
            out.append(Gap(number, found.group(1), _hint(found.group(1), hints), repeat=True))
            pos = found.end()
        if pos < len(piece.text):
            out.append(Span(piece.text[pos:], piece.bold, piece.italic))
    return out


def _hint(answer: str, hints: bool) -> str:
    if not hints:
        return ""
    return next((c for c in answer if c.isalnum()), "")


def _shuffled(items: list[str], seed: int, purpose: str) -> list[str]:
    """`items` in a seeded order that differs from the given one whenever it can."""
    rng = random.Random(f"{seed}:{purpose}")
    shuffled = list(items)
    for _ in range(20):
        rng.shuffle(shuffled)
        if shuffled != items or len(set(items)) < 2:
            break
    return shuffled


def _derangement(count: int, seed: int, purpose: str) -> list[int]:
    """A seeded order of range(count) that moves every item (so none sits beside its own
    answer), found by reshuffling; a rotation when the shuffles keep failing."""
    rng = random.Random(f"{seed}:{purpose}")
    order = list(range(count))
    for _ in range(200):
        rng.shuffle(order)
        if all(i != o for i, o in enumerate(order)):
            return order
    return [(i + 1) % count for i in range(count)]
