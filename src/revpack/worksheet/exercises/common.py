"""What several exercises share: seeded shuffles and lettering."""

from __future__ import annotations

import random


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: the label of the index-th lettered item."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def label_width(label: str, size: float) -> float:
    """The width of a narrow column of numbers or letters whose widest is `label` ('12.',
    'AB'), set bold at `size`, with a table cell's padding: 24 pt, or wider for a label
    that would wrap in that ('10.' at 11 pt)."""
    # Generous widths, in ems, of a bold digit, full stop and capital; 5 pt each side.
    wide = sum(0.72 if c.isdigit() else 0.4 if c == "." else 0.85 for c in label) * size
    wide += 10.5
    return max(24.0, round(wide, 1))


def shuffled(items: list[str], seed: int, purpose: str) -> list[str]:
    """`items` in a seeded order that differs from the given one whenever it can.

    Every shuffle draws from its own `random.Random` seeded with the seed and the
    exercise's purpose, so adding or removing one exercise never changes another's order.
    """
    rng = random.Random(f"{seed}:{purpose}")
    result = list(items)
    for _ in range(20):
        rng.shuffle(result)
        if result != items or len(set(items)) < 2:
            break
    return result


def derangement(count: int, seed: int, purpose: str) -> list[int]:
    """A seeded order of range(count) that moves every item (so none sits beside its own
    answer), found by reshuffling; a rotation when the shuffles keep failing."""
    rng = random.Random(f"{seed}:{purpose}")
    order = list(range(count))
    for _ in range(200):
        rng.shuffle(order)
        if all(i != o for i, o in enumerate(order)):
            return order
    return [(i + 1) % count for i in range(count)]
