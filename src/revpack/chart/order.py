"""The order of factors round the chart: linked factors side by side where possible.

The source's order is kept unless moving a factor brings linked factors closer round the
ring; of equally good orders, the one nearest the source's wins. Pure and deterministic.
"""

from __future__ import annotations

from itertools import permutations

from revpack.model import Source

EXHAUSTIVE = 7
"""Up to this many factors every order is tried; beyond it, a local search."""


def link_pairs(source: Source) -> list[tuple[int, int]]:
    """Linked factors as (smaller index, larger index), each pair once."""
    index = {f.title.plain: i for i, f in enumerate(source.factors)}
    return sorted(
        {
            (min(i, index[t]), max(i, index[t]))
            for i, f in enumerate(source.factors)
            for t in f.links
            if t in index and index[t] != i
        }
    )


def ring_order(source: Source) -> tuple[int, ...]:
    """Factor indices in the order they go round the chart, clockwise."""
    count = len(source.factors)
    pairs = link_pairs(source)
    if count < 4 or not pairs:
        return tuple(range(count))
    if count <= EXHAUSTIVE:
        return min(permutations(range(count)), key=lambda order: _cost(order, pairs))
    return _improve(tuple(range(count)), pairs)


def _improve(order: tuple[int, ...], pairs: list[tuple[int, int]]) -> tuple[int, ...]:
    """Best-first local search: move one factor or swap two while the cost falls."""
    best, best_cost = order, _cost(order, pairs)
    while True:
        moves = []
        for i in range(len(best)):
            for j in range(len(best)):
                moved = list(best)
                moved.insert(j, moved.pop(i))
                swapped = list(best)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                moves += [tuple(moved), tuple(swapped)]
        candidate = min(moves, key=lambda m: _cost(m, pairs))
        if _cost(candidate, pairs) >= best_cost:
            return best
        best, best_cost = candidate, _cost(candidate, pairs)


def _cost(order: tuple[int, ...], pairs: list[tuple[int, int]]) -> tuple[int, int]:
    """(how far apart linked factors sit round the ring, how far from the source's order);
    moving an early factor counts for more, so the chart still starts where the source does."""
    count = len(order)
    seat = {factor: place for place, factor in enumerate(order)}
    apart = 0
    for a, b in pairs:
        gap = abs(seat[a] - seat[b])
        apart += min(gap, count - gap) - 1
    moved = sum(abs(place - factor) * (count - factor) for place, factor in enumerate(order))
    return apart, moved


def spread_order(weights: list[float]) -> tuple[int, ...]:
    """Factor indices with the fullest next to the emptiest round the ring (the fullest,
    the emptiest, the second fullest, the second emptiest, …; equal ones in the source's
    order): for a chart whose full factors, side by side in one stack or row, do not fit."""
    ranked = sorted(range(len(weights)), key=lambda i: (-weights[i], i))
    order = []
    while ranked:
        order.append(ranked.pop(0))
        if ranked:
            order.append(ranked.pop())
    return tuple(order)
