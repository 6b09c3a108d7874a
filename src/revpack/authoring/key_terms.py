"""Bold words of imported notes as key terms: most teachers set a key term in bold, and a
source marks it `==…==` (highlighted on the summary and chart, a numbered gap on the
worksheet). `revpack import --bold-key-terms` asks for it; without it, the source says how
many bold words could be key terms."""

from __future__ import annotations

import re
from dataclasses import replace

from revpack.authoring.draft import Draft, DraftGroup, DraftPoint

BOLD = re.compile(r"(?<![*\w])\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*(?![*\w])")
"""A run in bold, as the import writes it ('**Iron Curtain**'), not bold italic."""
MOST_WORDS = 6
"""The most words a bold run may have to become a key term: a longer one is a sentence
set in bold for emphasis, and stays bold."""


def bold_runs(draft: Draft) -> int:
    """How many runs in bold of at most MOST_WORDS words the draft's intro and points hold."""
    return sum(
        1 for text in _texts(draft) for found in BOLD.finditer(text) if _short(found.group(1))
    )


def bold_as_key_terms(draft: Draft) -> Draft:
    """`draft` with each short run in bold (MOST_WORDS) in its intro and points a key term."""
    return replace(
        draft,
        intro=_keyed(draft.intro),
        factors=tuple(_group(group) for group in draft.factors),
        sections=tuple(_group(group) for group in draft.sections),
    )


def _group(group: DraftGroup) -> DraftGroup:
    return replace(group, points=tuple(_point(point) for point in group.points))


def _point(point: DraftPoint) -> DraftPoint:
    return replace(point, text=_keyed(point.text), points=tuple(map(_keyed, point.points)))


def _keyed(text: str) -> str:
    return BOLD.sub(
        lambda found: f"=={found.group(1)}==" if _short(found.group(1)) else found.group(), text
    )


def _short(run: str) -> bool:
    return len(run.split()) <= MOST_WORDS and "==" not in run


def _texts(draft: Draft) -> list[str]:
    """The intro and every point and sub-point."""
    texts = [draft.intro]
    for group in (*draft.factors, *draft.sections):
        for point in group.points:
            texts += [point.text, *point.points]
    return texts
