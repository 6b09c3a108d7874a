"""The contents of the factor chart's boxes, set at one width and one type size.

A card is measured first (its height at a width and size) and placed later (its lines moved
to where the box ends up), so the chart's planner can try many sizes cheaply. Pure: widths
come from the Setter's injected measure.
"""

from __future__ import annotations

from dataclasses import dataclass

from revpack.chart.text import SLACK, Line, Piece, Setter, baseline_below, pieces, tokens
from revpack.model import Factor, Text

BULLET = "•"
"""Marks a point."""
DASH = "–"
"""Marks a sub-point."""
TITLE_STEP = 0.5
"""How much narrower, in points, each measure tried for a title that leaves a word alone."""


@dataclass(frozen=True)
class Spacing:
    """The proportions of a card, as multiples of its type size."""

    line: float = 1.25
    """Line height."""
    pad: float = 0.8
    """Space between the box's sides and its text."""
    indent: float = 1.05
    """Indent of a point's text after its bullet."""
    between: float = 0.3
    """Extra space between two points."""
    title: float = 1.12
    """Size of a factor title, relative to the body."""


CardLine = tuple[list[Piece], float, float, float, str]
"""A line of a card: (parts, x from the left edge, baseline below the top, size, role)."""


@dataclass(frozen=True)
class Card:
    """A box's contents, laid out with their top-left corner at (0, 0)."""

    width: float
    """The box width the text was set for."""
    size: float
    """Body type size."""
    height: float
    """The least height that holds everything (ruled lines included)."""
    band: float
    """Height of the title band at the top (0 for none)."""
    lines: tuple[CardLine, ...]
    """(parts, x from the left edge, baseline below the top, size, role) per line."""
    rule_top: float
    """Where ruled writing space starts, below the top (blank cards)."""

    def place(self, setter: Setter, x: float, top: float) -> tuple[Line, ...]:
        """The card's lines with its top-left corner at (x, top)."""
        return tuple(
            setter.place(parts, x + dx, top - dy, size, role)
            for parts, dx, dy, size, role in self.lines
        )


def factor_card(
    setter: Setter,
    factor: Factor,
    width: float,
    size: float,
    spacing: Spacing,
    points: bool,
    rules: int,
    pitch: float,
    measure_only: bool = False,
) -> Card:
    """A factor: its title on a band, then its points (or `rules` ruled lines).

    `measure_only` counts the lines instead of setting them: the card comes out with the
    same height (the same sums in the same order) and no lines, which is all the fitting
    needs and a fraction of the work."""
    pad = spacing.pad * size
    title_size = size * spacing.title
    lines: list[CardLine] = []
    y = pad * 0.6
    leading = title_size * spacing.line
    title = setter.parts(factor.title, bold=True)
    if measure_only:
        for _ in range(setter.count(title, width - 2 * pad, title_size)):
            y += leading
    for parts in () if measure_only else title_lines(setter, title, width - 2 * pad, title_size):
        lines.append((parts, pad, _baseline(y, title_size, leading), title_size, "heading"))
        y += leading
    band = y + pad * 0.6
    y = band + pad * 0.75
    if not points:
        return Card(width, size, y + rules * pitch + pad * 0.5, band, tuple(lines), y)
    keep = None if measure_only else lines
    for number, point in enumerate(factor.points):
        y += spacing.between * size if number else 0.0
        y = _bulleted(setter, keep, point.text, BULLET, pad, y, width, size, spacing)
        for sub in point.points:
            y = _bulleted(
                setter, keep, sub, DASH, pad + spacing.indent * size, y, width, size, spacing
            )
    return Card(width, size, y + pad * 0.75, band, tuple(lines), y)


def title_lines(setter: Setter, title: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """A factor title wrapped at `width`; when that leaves one word alone on its last line,
    wrapped instead at the widest narrower measure (down to the narrowest that makes no
    more lines, in steps of TITLE_STEP) that brings a second word down to it, or else
    broken afresh, as long as no line comes out shorter than that word. The line count
    stays, so the card's height does too (keeping the last two words together instead
    can take a line more in a narrow box)."""
    wrapped = setter.wrap(title, width, size)
    if len(wrapped) < 2 or _words(wrapped[-1]) > 1:
        return wrapped
    alone = setter.line_width(wrapped[-1], size)

    def better(lines: list[list[Piece]] | None) -> bool:
        # as many lines, two words or more on the last, and no line shorter than the
        # word it mends ("Too / few lifeboats" is no better than "Too few / lifeboats")
        return (
            lines is not None
            and len(lines) == len(wrapped)
            and _words(lines[-1]) > 1
            and min(setter.line_width(line, size) for line in lines) >= alone
        )

    narrowest = _balanced(setter, title, width, size)
    steps = int((width - narrowest) / TITLE_STEP)
    for measure in [width - TITLE_STEP * (i + 1) for i in range(steps)] + [narrowest]:
        again = setter.wrap(title, measure, size)
        if better(again):
            return again
    rebroken = _rebroken(setter, title, width, size, len(wrapped))
    return rebroken if rebroken is not None and better(rebroken) else wrapped


def _rebroken(
    setter: Setter, title: list[Piece], width: float, size: float, count: int
) -> list[list[Piece]] | None:
    """`title` broken into `count` lines no wider than `width` with at least two words
    on the last, the other lines as evenly full as can be; None when no such breaks exist
    (or the title has a forced break or a word wider than the line)."""
    words: list[list[Piece]] = []
    spaces: list[Piece | None] = []
    space: Piece | None = None
    for token in tokens(title):
        if token == "\n":
            return None
        if token[0][0].isspace():
            space = Piece(" ", token[0].face, token[0].key)
        else:
            spaces.append(space if words else None)
            words.append(token)
            space = None
    limit = width - SLACK
    sizes = [setter.line_width(word, size) for word in words]
    gaps = [setter.line_width([s], size) if s else 0.0 for s in spaces]

    def span(i: int, j: int) -> float:  # words i to j-1 on one line
        return sum(sizes[i:j]) + sum(gaps[i + 1 : j])

    n = len(words)
    # best[k][i]: (cost, where the line starting at word i ends) to set words i.. in k
    # lines, the last holding two words or more.
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(count + 1)]
    for i in range(n - 1):
        if span(i, n) <= limit:
            best[1][i] = (0.0, n)
    for k in range(2, count + 1):
        for i in range(n):
            for j in range(i + 1, n):
                used = span(i, j)
                if used > limit:
                    break
                if j in best[k - 1]:
                    cost = (limit - used) ** 2 + best[k - 1][j][0]
                    if i not in best[k] or cost < best[k][i][0]:
                        best[k][i] = (cost, j)
    if 0 not in best[count]:
        return None
    lines, i = [], 0
    for k in range(count, 0, -1):
        j = best[k][i][1]
        line: list[Piece] = []
        for m in range(i, j):
            gap = spaces[m]
            if m > i and gap is not None:
                line.append(gap)
            line += words[m]
        lines.append(line)
        i = j
    return lines


def _words(line: list[Piece]) -> int:
    """How many words a wrapped line holds."""
    return sum(1 for t in tokens(line) if t != "\n" and not t[0][0].isspace())


def _bulleted(
    setter: Setter,
    lines: list[CardLine] | None,
    text: Text,
    mark: str,
    left: float,
    y: float,
    width: float,
    size: float,
    spacing: Spacing,
) -> float:
    """Set a point behind its mark into `lines` (None: only count its lines); returns
    where the next line starts."""
    indent = spacing.indent * size
    pad = spacing.pad * size
    leading = size * spacing.line
    if lines is None:
        for _ in range(setter.count(setter.parts(text), width - pad - left - indent, size)):
            y += leading
        return y
    wrapped = setter.wrap(setter.parts(text), width - pad - left - indent, size)
    for number, parts in enumerate(wrapped):
        base = _baseline(y, size, leading)
        if number == 0:
            lines.append(([Piece(mark, pieces(mark)[0].face, False)], left, base, size, "bullet"))
        lines.append((parts, left + indent, base, size, "body"))
        y += leading
    return y


def question_card(
    setter: Setter,
    text: Text,
    label: str,
    limit: float,
    size: float,
    spacing: Spacing,
    floor: float,
) -> Card:
    """The key question: a small label over the question, centred, as narrow as balanced
    lines allow (so a short question gets a compact box)."""
    pad = spacing.pad * size
    label_size = max(size * 0.55, floor)
    parts = setter.parts(text, bold=True)
    label_parts = pieces(label, bold=True)
    label_w = setter.line_width(label_parts, label_size)
    inner = _balanced(setter, parts, limit - 2 * pad, size)
    wrapped = setter.wrap(parts, inner, size)
    widest = max([label_w, *(setter.line_width(p, size) for p in wrapped)])
    width = widest + 2 * pad + 0.02
    lines = []
    y = pad * 0.8
    leading = label_size * spacing.line
    lines.append(
        (label_parts, (width - label_w) / 2, _baseline(y, label_size, leading), label_size, "label")
    )
    y += leading + size * 0.15
    leading = size * spacing.line
    for line in wrapped:
        dx = (width - setter.line_width(line, size)) / 2
        lines.append((line, dx, _baseline(y, size, leading), size, "question"))
        y += leading
    return Card(width, size, y + pad * 0.8, 0.0, tuple(lines), y)


def _balanced(setter: Setter, parts: list[Piece], limit: float, size: float) -> float:
    """The narrowest width that wraps `parts` into as few lines as `limit` does, without
    breaking a word that `limit` keeps whole."""
    count = setter.count(parts, limit, size)
    words = [
        setter.line_width(t, size) for t in tokens(parts) if t != "\n" and not t[0][0].isspace()
    ]
    low = max([limit / 2, *(w + SLACK * 2 for w in words if w <= limit - SLACK)])
    high = limit
    if low >= high:
        return high
    for _ in range(12):
        middle = (low + high) / 2
        if setter.count(parts, middle, size) > count:
            low = middle
        else:
            high = middle
    return high


def _baseline(y: float, size: float, leading: float) -> float:
    """Distance from the card's top to the baseline of a line whose slot starts at y."""
    return -baseline_below(-y, size, leading)
