"""A layout's `labels:`: replacement labels, keyed as in revpack's English label set
(labelsets/en.yaml), nested the same way; a counted label may give plural forms."""

from __future__ import annotations

import difflib

from revpack.labels import PLURAL_FORMS, Entry, keys
from revpack.loading.spec import _INVALID, Spec
from revpack.loading.yamltree import Map, Scalar
from revpack.problems import Problem


class LabelsSpec(Spec):
    """`labels:` in a layout; checks to a tuple of label entries."""

    description = (
        "Labels to print instead of the language's own, keyed as in "
        "revpack's label sets (e.g. word_bank, gap_fill: {bank: …}); a "
        "counted label may give plural forms (one:, other:, …)."
    )

    def check(self, node, problems):
        known = keys()
        before = len(problems)
        entries = self._walk(node, "", known, problems)
        return _INVALID if len(problems) > before else tuple(sorted(entries))

    def _walk(
        self, node, prefix: str, known: frozenset[str], problems: list[Problem]
    ) -> list[Entry]:
        if not isinstance(node, Map):
            problems.append(Problem(node.mark, "expected labels here (lines of 'key: text')"))
            return []
        entries: list[Entry] = []
        for key, (key_mark, value) in node.entries.items():
            dotted = prefix + key
            if dotted in known:
                entry = _label(dotted, value, problems)
                if entry:
                    entries.append(entry)
            elif any(k.startswith(dotted + ".") for k in known):
                entries += self._walk(value, dotted + ".", known, problems)
            else:
                close = difflib.get_close_matches(dotted, sorted(known), n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else "; the keys are those of revpack's label sets (labelsets/en.yaml)"
                )
                problems.append(Problem(key_mark, f"no label called '{dotted}'{hint}"))
        return entries

    def json_schema(self):
        return {"type": "object", "description": self.description}


def _label(key: str, value, problems: list[Problem]) -> Entry | None:
    if isinstance(value, Scalar):
        if not value.text.strip():
            problems.append(Problem(value.mark, f"label '{key}' is empty"))
            return None
        return key, value.text
    if (
        isinstance(value, Map)
        and set(value.entries) <= set(PLURAL_FORMS)
        and "other" in value.entries
        and all(isinstance(v, Scalar) for _, v in value.entries.values())
    ):
        return key, tuple(sorted((form, v.text) for form, (_, v) in value.entries.items()))
    problems.append(
        Problem(
            value.mark,
            f"label '{key}' is text, or plural forms "
            f"({', '.join(PLURAL_FORMS)}) with at least 'other'",
        )
    )
    return None
