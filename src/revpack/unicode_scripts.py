"""Subscripts and superscripts as Unicode's own characters ('CO₂', 'Mg²⁺', '10⁻³'), for
text that has no styles: a flashcard line, a gap's answer as it is printed in a word bank
or an answer key, a self-marking page's answers."""

from __future__ import annotations

from collections.abc import Iterable

from revpack.model import Span

SCRIPTS = {
    "sub": str.maketrans("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"),
    "super": str.maketrans("0123456789+-−=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿ"),
}
"""The characters that Unicode has as subscripts and superscripts (small letters too,
for a subscript: 'Eₐ', 'Kₘ', 'pₓ'; the fonts have them all)."""


def raised(span: Span) -> str:
    """The span's text, as Unicode's subscript or superscript characters when it is one
    and Unicode has every character of it; else, for a script, as a keyboard writes it
    ('a^(m+n)', 'K_c': run together, 'am+n' and 'Kc' were other maths); else as typed."""
    table = SCRIPTS.get(span.script)
    if table is None:
        return span.text
    if not all(ord(char) in table for char in span.text):
        sign = "^" if span.script == "super" else "_"
        return f"{sign}{span.text}" if len(span.text) == 1 else f"{sign}({span.text})"
    return span.text.translate(table)


def flattened(spans: Iterable[Span]) -> str:
    """The spans' texts run together, each one `raised`."""
    return "".join(map(raised, spans))
