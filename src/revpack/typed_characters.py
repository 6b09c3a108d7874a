"""The printed characters a keyboard has no key for, and what a student types instead:
straight quotation marks and apostrophes for curly ones (and for guillemets, primes and
accents used as apostrophes), a hyphen for any dash or minus sign. Marking folds answers
so (revpack.writers.keyboard), and a class list compares students' names so
(revpack.building.classes)."""

SINGLE = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
"""Typed as an apostrophe: curly single quotes, the prime, the grave and acute accents."""
DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
"""Typed as a straight double quote: curly double quotes, the double prime, guillemets."""
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""Typed as a hyphen: the hyphens, the dashes and the minus sign."""

STRAIGHT = str.maketrans(
    {c: "'" for c in SINGLE} | {c: '"' for c in DOUBLE} | {c: "-" for c in DASHES}
)
"""Each of those characters as a keyboard types it (a table for str.translate)."""
