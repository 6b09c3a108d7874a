"""Choosing the factor chart's arrangement and type sizes.

The page is planned in three bands. The middle band holds the key question with a stack of
factor boxes on each side; the top and bottom bands hold rows of boxes above and below it.
Factors go round the question clockwise from the top left. Every split of the factors over
these places (with a few column widths) is tried. In each, every box starts at the largest
size and the boxes that hold the fit up shrink a quarter point at a time, largest type
first, down to the layout's minimum. Then the boxes of a row or stack take one size, and
none may stay more than SPREAD times larger than the smallest, so the chart reads as one
piece. The split with the largest type wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from revpack.chart.cards import Card, Spacing, factor_card, question_card
from revpack.chart.order import ring_order, spread_order
from revpack.chart.paths import Rect
from revpack.chart.text import SLACK, Setter, pieces, tokens
from revpack.chart.trim import fewer, trimmed
from revpack.labels import load_labels
from revpack.loading.layouts import Layout
from revpack.model import Factor, Source, Text
from revpack.options import of_kind
from revpack.options.chart import Options
from revpack.problems import Mark, RenderError

STEP = 0.25
"""How much a box's type shrinks per try, in points."""
QUESTION_SCALE = 1.3
"""The question's type size relative to the factors'."""
SPREAD = 1.1
"""The most a factor box's type may exceed the smallest factor box's type, as a ratio."""
SIDE_WIDTHS = (0.24, 0.28, 0.32)
"""Widths tried for the side stacks, as fractions of the chart's width."""
SINGLE_WIDTHS = (0.44, 0.6)
"""Widths tried for a row's only box, as fractions of the chart's width."""
ROW_SHARE = (0.7, 1.45)
"""Least and most width a box in a row gets, relative to an equal share, by its text."""
REACH = 36.0
"""How far the end boxes of a row reach past the side stacks, in points, at least."""
MIDDLE_LEAST = 0.14
"""The narrowest a row's middle box may be, as a fraction of the chart's width."""
LONG_WORD = 24
"""Words up to this many characters shrink the type rather than break."""
GROUPS = ("top", "right", "bottom", "left")


@dataclass(frozen=True)
class Plan:
    """An arrangement: how many factor boxes go where, and how wide the columns are."""

    top: int
    """Boxes in the row above the question."""
    right: int
    """Boxes stacked right of it."""
    bottom: int
    """Boxes in the row below it."""
    left: int
    """Boxes stacked left of it."""
    side: float
    """Width of each side stack."""
    single: float
    """Width of a row's box when it is the only one in its row."""

    @property
    def lopsided(self) -> int:
        """How far from symmetric the arrangement is."""
        return abs(self.top - self.bottom) + abs(self.left - self.right)

    @cached_property
    def places(self) -> tuple[tuple[str, int], ...]:
        """(group, index) per slot, clockwise from the top left; rows are indexed left to
        right and stacks top to bottom."""
        return (
            *(("top", i) for i in range(self.top)),
            *(("right", i) for i in range(self.right)),
            *(("bottom", i) for i in reversed(range(self.bottom))),
            *(("left", i) for i in reversed(range(self.left))),
        )

    @cached_property
    def groups(self) -> dict[str, list[int]]:
        """The slots in each group, in row or stack order."""
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in GROUPS}
        for slot, (group, index) in enumerate(self.places):
            found[group].append((index, slot))
        return {name: [slot for _, slot in sorted(pairs)] for name, pairs in found.items()}


@dataclass(frozen=True)
class Fitted:
    """Type sizes that make a plan fit."""

    plan: Plan
    """The arrangement."""
    sizes: tuple[float, ...]
    """Body size per slot."""
    question: float
    """The question's size."""
    balance: Callable[[Plan], float] = field(compare=False, repr=False)
    """Finds `fill` for a plan (measured only when two plans tie without it)."""

    @cached_property
    def fill(self) -> float:
        """The largest single size at which all factors would still fit (a measure of
        balance)."""
        return self.balance(self.plan)

    def score(self) -> Score:
        """Larger is better: the smallest type, the average type, symmetry, then balance
        (measured only if a comparison gets that far)."""
        return (
            min(self.sizes),
            sum(self.sizes) / len(self.sizes),
            -self.plan.lopsided,
            _Balance(self),
        )


class _Balance:
    """A fitted plan's rounded `fill` in a score: measured the first time a comparison
    needs it, which is only when two plans tie on everything before it."""

    def __init__(self, fitted: Fitted):
        self.fitted = fitted

    @property
    def value(self) -> float:
        return round(self.fitted.fill, 2)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Balance) and self.value == other.value

    def __lt__(self, other: _Balance) -> bool:
        return self.value < other.value

    def __gt__(self, other: _Balance) -> bool:
        return self.value > other.value

    __hash__ = None  # type: ignore[assignment]


Score = tuple[float, float, int, _Balance]
"""A fitted plan's score (Fitted.score): tuples compare item by item, larger better."""
ScoreItem = float | _Balance
"""One item of a score, or of a ranking made from one (as a placed plan's quality)."""


@dataclass(frozen=True)
class Stuck:
    """A plan that does not fit even at the smallest type."""

    slot: int
    """The slot whose box is the tallest of those that hold the fit up (-1: the question)."""
    over: float
    """How much too tall the chart would be, as a fraction of its height."""


@dataclass(frozen=True)
class Excess:
    """How much too much a chart holds, as the cut that would make it fit."""

    share: int
    """The whole percentage to cut."""
    points: bool
    """True: of every factor's points (cutting words was not enough); False: of the words
    of every point and sub-point."""


class Planner:
    """Measures and fits arrangements for one source and layout."""

    def __init__(
        self,
        source: Source,
        layout: Layout,
        setter: Setter,
        area: Rect,
        order: tuple[int, ...] | None = None,
    ):
        self.source, self.layout, self.setter, self.area = source, layout, setter, area
        self.options = of_kind(layout.options, Options)
        base = layout.font.size
        self.start = max(base, layout.font.max_size or base)
        self.least = layout.font.min_size
        self.spacing = Spacing(line=layout.font.line_spacing)
        self.order = ring_order(source) if order is None else order
        """The factor in each slot, clockwise (by default the ring order, revpack.chart.order)."""
        self.band_gap = base * 1.9
        self.stack_gap = base * 1.2
        self.row_gap = base * 1.4
        self.spoke = base * 2.6
        self._cards: dict[tuple[int | str, float, float], Card] = {}
        """Set cards by (factor, width, size), the question's by ("question", width, size)."""
        self._measured: dict[tuple[int, float, float], Card] = {}
        self._widths: dict[Plan, tuple[float, ...]] = {}
        self.weights = [self._weight(i) for i in range(len(source.factors))]
        self._longest = [
            (_longest_word(setter, _texts(f)), _longest_word(setter, [f.title], bold=True))
            for f in source.factors
        ]

    def spread(self) -> Planner | None:
        """A planner for the same chart with its fullest factors spread out round the ring
        (order.spread_order), sharing this one's measured boxes; None when that is the
        order already, or every box holds the same (a blank chart)."""
        if not self.options.points:
            return None
        order = spread_order(self.weights)
        if order == self.order:
            return None
        other = Planner(self.source, self.layout, self.setter, self.area, order)
        other._cards, other._measured = self._cards, self._measured
        return other

    def plans(self) -> list[Plan]:
        """Every arrangement worth trying for this many factors, symmetric ones first."""
        count, width = len(self.source.factors), self.area.width
        found = []
        for top in range(4):
            for bottom in range(max(top - 1, 0), min(top + 2, 4)):
                rest = count - top - bottom
                left, right = rest // 2, rest - rest // 2
                if rest < 0 or right > 4:
                    continue
                sides = (
                    [f * width for f in SIDE_WIDTHS if self._room(top, bottom, f * width)]
                    if rest
                    else [0.0]
                )
                singles = SINGLE_WIDTHS if 1 in (top, bottom) else SINGLE_WIDTHS[:1]
                found += [
                    Plan(top, right, bottom, left, side, s * width)
                    for side in sides
                    for s in singles
                ]
        return sorted(found, key=lambda p: p.lopsided)

    def _room(self, top: int, bottom: int, side: float) -> bool:
        """Whether rows of three leave their middle box room once the ends reach past
        side stacks `side` wide."""
        room = self.area.width - 2 * self.row_gap - 2 * (side + REACH)
        return max(top, bottom) < 3 or room >= MIDDLE_LEAST * self.area.width

    # -- measuring ------------------------------------------------------------------------

    def widths(self, plan: Plan) -> tuple[float, ...]:
        """Each slot's box width: side stacks share one width; a row shares its width out
        by how much text each box holds, so the boxes in it come out about as tall."""
        if plan not in self._widths:
            widths = [plan.side] * len(plan.places)
            for row in ("top", "bottom"):
                slots = plan.groups[row]
                if len(slots) == 1:
                    widths[slots[0]] = plan.single
                elif slots:
                    room = self.area.width - (len(slots) - 1) * self.row_gap
                    mean = sum(self.weights[self.order[s]] for s in slots) / len(slots)
                    low, high = ROW_SHARE
                    shares = [
                        min(max(self.weights[self.order[s]] / mean, low), high) for s in slots
                    ]
                    for s, share in zip(slots, shares, strict=True):
                        widths[s] = room * share / sum(shares)
                    self._reach_centre(plan, slots, widths)
            self._widths[plan] = tuple(widths)
        return self._widths[plan]

    def _reach_centre(self, plan: Plan, slots: list[int], widths: list[float]) -> None:
        """Widen a row's end boxes, at the cost of the boxes between them (or of the other
        end), until each reaches REACH past the side stacks: its spoke can then run through
        the free centre instead of over a side stack."""
        least = plan.side + REACH if plan.side else 0.0
        ends = [slots[0], slots[-1]]
        for end in ends:
            short = least - widths[end]
            donors = slots[1:-1] or [e for e in ends if e != end]
            if short > 0:
                widths[end] += short
                for s in donors:
                    widths[s] -= short / len(donors)

    def _weight(self, index: int) -> float:
        """How much text a factor shows, as its width in one line at 10 pt (on blank
        charts every box weighs the same)."""
        if not self.options.points:
            return 1.0
        texts = _texts(self.source.factors[index])
        return sum(self.setter.line_width(pieces(t), 10.0) for t in texts) + 1.0

    def card(self, plan: Plan, slot: int, size: float) -> Card:
        """The contents of the box in `slot` at `size`, or smaller if a word would have
        to break at `size` (cached)."""
        key = (self.order[slot], self.widths(plan)[slot], size)
        if key not in self._cards:
            self._cards[key] = self._factor_card(*key, measure_only=False)
        return self._cards[key]

    def measured(self, plan: Plan, slot: int, size: float) -> Card:
        """What `card` gives without its lines: the same size, height and band, found by
        counting lines rather than setting them (cached per factor, width and size)."""
        key = (self.order[slot], self.widths(plan)[slot], size)
        if key not in self._measured:
            self._measured[key] = self._factor_card(*key, measure_only=True)
        return self._measured[key]

    def height(self, plan: Plan, slot: int, size: float) -> float:
        """The height of the box in `slot` at `size` (as `card` would give it)."""
        return self.measured(plan, slot, size).height

    def _factor_card(self, factor: int, width: float, size: float, measure_only: bool) -> Card:
        """The card of `factor` in a box `width` wide at `size` (or the size its longest
        word allows)."""
        options, spacing = self.options, self.spacing
        # Body words sit behind a bullet and maybe a dash; titles are set larger.
        body = 2 * spacing.pad + 2 * spacing.indent + self._longest[factor][0]
        title = 2 * spacing.pad + spacing.title * self._longest[factor][1]
        fits = self._unbroken(size, (width - SLACK) / max(body, title))
        return factor_card(
            self.setter,
            self.source.factors[factor],
            width,
            fits,
            spacing,
            options.points,
            options.ruled_lines,
            options.line_pitch,
            measure_only,
        )

    def question_card(self, plan: Plan, size: float) -> Card:
        """The question's contents at `size` (or smaller if a word would have to break),
        no wider than the centre allows."""
        limit = self.question_room(plan)
        key = ("question", limit, size)
        if key not in self._cards:
            text, label = self._question
            widest = _longest_word(self.setter, [text], bold=True)
            fits = self._unbroken(size, (limit - SLACK) / (2 * self.spacing.pad + widest))
            self._cards[key] = question_card(
                self.setter, text, label, limit, fits, self.spacing, self.least
            )
        return self._cards[key]

    def question_room(self, plan: Plan) -> float:
        """The widest the question's box may be: what the side stacks and their spokes
        leave of the chart's width, and no more than half of it."""
        return min(self.area.width - 2 * plan.side - 2 * self.spoke, self.area.width * 0.5)

    def stacked(self, fitted: Fitted) -> float:
        """The height of all a fitted plan's boxes, the question's included, one on top of
        another, to a tenth of a point. At one type size it counts the lines their text
        wraps into: the wider the boxes, the fewer and fuller the lines. Boxes no text
        fills stack the same, however wide."""
        heights = self.heights(fitted.plan, [*fitted.sizes, fitted.question])
        return round(sum(heights), 1)

    @cached_property
    def _question(self) -> tuple[Text, str]:
        """What the centre box shows, and the label over it."""
        labels = load_labels(self.source.language, self.layout.labels)
        if self.source.question:
            return self.source.question, labels("key_question").upper()
        return self.source.title, labels("topic").upper()

    def _unbroken(self, size: float, largest: float) -> float:
        """`size`, lowered in steps to `largest` (the size at which the longest word just
        fits, with the SLACK that wrapping keeps spare) but never below the minimum:
        smaller type reads better than broken words."""
        return size if size <= largest else max(_floor(largest), self.least, STEP)

    def heights(self, plan: Plan, sizes: list[float]) -> list[float]:
        """The heights boxes need at `sizes` (one per slot, then the question's)."""
        *slots, question = sizes
        return [
            *(self.height(plan, s, size) for s, size in enumerate(slots)),
            self.question_card(plan, question).height,
        ]

    def need(self, plan: Plan, heights: list[float]) -> tuple[float, list[int]]:
        """The height the plan needs for boxes of `heights` (the question's last), and the
        boxes that decide it."""
        groups = plan.groups
        total, critical = 0.0, []
        for row in ("top", "bottom"):
            if groups[row]:
                tallest = max(heights[s] for s in groups[row])
                total += tallest + self.band_gap
                critical += [s for s in groups[row] if heights[s] >= tallest - 1e-6]
        stacks = [self.stack(plan, name, heights) for name in ("left", "right")]
        middle = max(heights[-1], *stacks)
        if heights[-1] >= middle - 1e-6:
            critical.append(len(heights) - 1)
        critical += [
            s
            for name, used in zip(("left", "right"), stacks, strict=True)
            if used >= middle - 1e-6
            for s in groups[name]
        ]
        return total + middle, critical

    def stack(self, plan: Plan, name: str, heights: list[float]) -> float:
        """The height a side stack needs."""
        slots = plan.groups[name]
        return sum(heights[s] for s in slots) + self.stack_gap * max(len(slots) - 1, 0)

    # -- fitting --------------------------------------------------------------------------

    def fit(self, plan: Plan, bound: float | None = None) -> Fitted | Stuck:
        """Shrink the boxes that hold the fit up, largest type first, until the plan fits.

        The factor boxes start at the largest size, or, given the plan's `bound` (its
        `ceiling`), at SPREAD times that and a step: no box ends up larger than SPREAD
        times the smallest, which is at most the bound, so the steps above that are
        skipped. The answer is the same either way (the tests hold it to that).
        """
        count = len(plan.places)
        scale = [1.0] * count + [QUESTION_SCALE]
        sizes = [self.start * k for k in scale]
        if bound is not None:
            sizes[:count] = [min(self.start, _floor(bound * SPREAD) + STEP)] * count
        heights = self.heights(plan, sizes)
        while True:
            total, critical = self.need(plan, heights)
            if total <= self.area.height:
                break
            movable = [i for i in critical if sizes[i] - STEP >= self.least - 1e-9]
            if not movable:
                return self.stuck(plan)
            # Factors give way before the question, which should stay the largest type.
            factors = [i for i in movable if i < count] or movable
            pick = max(factors, key=lambda i: (sizes[i] / scale[i], heights[i], -i))
            sizes[pick] -= STEP
            heights[pick] = (
                self.height(plan, pick, sizes[pick])
                if pick < count
                else self.question_card(plan, sizes[pick]).height
            )
        # A box whose longest word would not fit at its size is set smaller (see
        # `_unbroken`): its score is the size it is set at, not the size it was given.
        even = _even(plan, sizes[:count])
        set_at = tuple(self.measured(plan, s, size).size for s, size in enumerate(even))
        return Fitted(plan, set_at, sizes[count], self.fill)

    def stuck(self, plan: Plan) -> Stuck:
        """Where `fit` gets stuck on a plan that cannot fit: every box at the last size
        its shrinking reaches. (Where `fit` stops, the boxes that hold the fit up are at
        that size and the others, smaller at it, do not count: the same height.)"""
        count = len(plan.places)
        sizes = [self._lowest(self.start)] * count + [self._lowest(self.start * QUESTION_SCALE)]
        heights = self.heights(plan, sizes)
        total, critical = self.need(plan, heights)
        worst = max(critical, key=lambda i: (heights[i], -i))
        return Stuck(-1 if worst == count else worst, total / self.area.height - 1)

    def _lowest(self, size: float) -> float:
        """The last size `fit` shrinks a box to from `size`, a step at a time."""
        while size - STEP >= self.least - 1e-9:
            size -= STEP
        return size

    def fits_at_least(self, plan: Plan) -> bool:
        """Whether the plan fits with every box at the smallest size."""
        count = len(plan.places)
        step = int(self.least / STEP) * STEP
        heights = self.heights(plan, [step] * count + [self.least])
        return self.need(plan, heights)[0] <= self.area.height

    def excess(self) -> Excess | None:
        """How much too much the points hold: the least share of every point's words that
        would have to go for some plan (in the ring order, or spread out) to fit at the
        smallest size, or, if cutting every
        point to a word is not enough, the least share of every factor's points. None when
        neither helps (or the chart shows no points)."""
        if not self.options.points:
            return None
        for points in (False, True):
            low, high = 0, 100  # this source does not fit; cutting everything is tried
            if not self._fits_cut(points, high):
                continue
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (low, middle) if self._fits_cut(points, middle) else (middle, high)
            return Excess(high, points)
        return None

    def _fits_cut(self, points: bool, share: int) -> bool:
        """Whether some plan fits at the smallest size once `share` percent of every
        factor's points (`points`) or of every point's words is cut."""
        cut = fewer if points else trimmed
        planner = Planner(cut(self.source, 1 - share / 100), self.layout, self.setter, self.area)
        planners = [p for p in (planner, planner.spread()) if p is not None]
        return any(p.fits_at_least(plan) for p in planners for plan in p.plans())

    def ceiling(self, plan: Plan, hint: float | None = None) -> float | None:
        """A bound on the plan's smallest type: no fit of this plan sets a factor box
        larger than this (None: the plan cannot fit at all).

        A box's height never grows as its type shrinks, so if the boxes fitted with the
        smallest at size m, every box at m (and the question at the minimum) would fit
        too. A search over whole steps finds the first size where that fails, starting
        next to `hint` (a similar plan's bound) when given; plans whose bound is well
        below the best plan's type need no full fit.
        """
        count = len(plan.places)

        def fits(step: int) -> bool:
            heights = self.heights(plan, [step * STEP] * count + [self.least])
            return self.need(plan, heights)[0] <= self.area.height

        least, past = int(self.least / STEP), int(self.start / STEP) + 1
        low = least if hint is None else min(max(int(hint / STEP) - 1, least), past - 1)
        high = past
        # From here fits(low) holds and fits(high) fails (or high is past the start):
        # gallop away from the guess to bracket the answer, then bisect.
        if fits(low):
            jump = 1
            while low + jump < high and fits(low + jump):
                low, jump = low + jump, jump * 2
            high = min(high, low + jump)
        else:
            high, jump = low, 1
            while high - jump > least and not fits(high - jump):
                high, jump = high - jump, jump * 2
            low = max(high - jump, least)
            if low == least and not fits(least):
                return None
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if fits(middle) else (low, middle)
        return min(high * STEP, self.start)

    def fill(self, plan: Plan) -> float:
        """The largest common size (up to 3x the start) at which the plan still fits."""
        low, high = self.least, self.start * 3
        count = len(plan.places)
        for _ in range(7):
            middle = (low + high) / 2
            heights = self.heights(plan, [middle] * count + [middle * QUESTION_SCALE])
            total, _ = self.need(plan, heights)
            low, high = (middle, high) if total <= self.area.height else (low, middle)
        return low

    def failure(self, stuck: list[Stuck]) -> RenderError:
        """The error for a chart that fits no arrangement: names the box that is too full."""
        if not stuck:
            return RenderError(
                "the factor chart could not be laid out without overlaps; shorten some factors",
                Mark(self.source.path, 1, 1),
            )
        best = min(stuck, key=lambda s: s.over)
        page = self.layout.page
        paper = (
            "A3 paper (a layout with 'page: {size: A3}')"
            if page.size != "A3"
            else "a layout with a larger page"
        )
        other = (
            "the factor-chart-blank layout (titles with space to write)"
            if self.options.points
            else "a layout with fewer 'ruled_lines'"
        )
        excess = self.excess()
        if excess is not None and not excess.points:
            much = (
                f"about {excess.share}% too much (it would fit with {excess.share}% of the "
                "words of every point cut)"
            )
        elif excess is not None:
            much = (
                f"far too much (it would fit with {excess.share}% of every factor's points "
                "left out)"
            )
        else:  # cutting points does not help (or there are none): the box itself is too big
            much = f"about {max(best.over, 0.01):.0%} too much for its height"
        advice = (
            f"even at the smallest type size ({self.least:g} pt) on {page.size} with "
            f"layout '{self.layout.name}': {much}. Shorten "
            f"{'the points' if excess else 'it'}, use {paper}, or use {other}"
        )
        if best.slot < 0:
            text = self.source.question or self.source.title
            return RenderError(
                f"the key question does not fit on the factor chart {advice}", text.mark
            )
        factor = self.source.factors[self.order[best.slot]]
        return RenderError(
            f"factor '{factor.title.plain}' does not fit on the factor chart {advice}", factor.mark
        )


def _texts(factor: Factor) -> list[Text]:
    """A factor's points and sub-points, in reading order."""
    return [t for point in factor.points for t in (point.text, *point.points)]


def _longest_word(setter: Setter, texts: Iterable[Text | str], bold: bool = False) -> float:
    """The width at 1 pt of the longest word in `texts` that is worth keeping whole (an
    address or a word longer than LONG_WORD characters may break instead)."""
    widest = 0.0
    for text in texts:
        for word in tokens(pieces(text, bold=bold)):
            if word == "\n" or word[0][0].isspace():
                continue
            if sum(len(piece.text) for piece in word) <= LONG_WORD:
                widest = max(widest, setter.line_width(word, 1.0))
    return widest


def _even(plan: Plan, sizes: list[float]) -> tuple[float, ...]:
    """Sizes evened out: one size per row or stack (its smallest), and none more than
    SPREAD times the smallest of all. Only ever smaller, so the fit still holds."""
    even = list(sizes)
    for slots in plan.groups.values():
        for s in slots:
            even[s] = min(sizes[t] for t in slots)
    cap = _floor(min(even) * SPREAD)
    return tuple(min(s, cap) for s in even)


def _floor(size: float) -> float:
    """`size` rounded down to a whole number of steps."""
    return int(size / STEP + 1e-9) * STEP
