"""A layout's `labels:`: replacement labels, keyed as in revpack's English label set
(labelsets/en.yaml), nested the same way; a counted label may give plural forms.

Each text is checked as a printed name is (one line, at most limits.NAME_CHARS
characters, nothing the fonts cannot draw), and its placeholders are those the label has
in revpack's own sets, written plainly: `{page}`, never `{page:>99999999}` (a width that
would take the build's memory) or `{page.__class__}`.
"""

from __future__ import annotations

import difflib
import string

from revpack.labels import OWN, PLURAL_FORMS, Entry, built_in, keys, load_labels
from revpack.loading.printed import Printed
from revpack.loading.spec import _INVALID, Checked, JsonSchema, Spec
from revpack.loading.yamltree import Map, Node, Scalar
from revpack.problems import Problem


class LabelsSpec(Spec):
    """`labels:` in a layout; checks to a tuple of label entries."""

    description = (
        "Labels to print instead of the language's own, keyed as in "
        "revpack's label sets (e.g. word_bank, gap_fill: {bank: …}); a "
        "counted label may give plural forms (one:, other:, …)."
    )

    def check(self, node: Node, problems: list[Problem]) -> Checked:
        known = keys()
        before = len(problems)
        entries = self._walk(node, "", known, problems, placeholders())
        return _INVALID if len(problems) > before else tuple(sorted(entries))

    def _walk(
        self,
        node: Node,
        prefix: str,
        known: frozenset[str],
        problems: list[Problem],
        allowed: dict[str, frozenset[str]],
    ) -> list[Entry]:
        if not isinstance(node, Map):
            problems.append(Problem(node.mark, "expected labels here (lines of 'key: text')"))
            return []
        entries: list[Entry] = []
        for key, (key_mark, value) in node.entries.items():
            dotted = prefix + key
            if dotted in known:
                entry = _label(dotted, value, problems, allowed.get(dotted, frozenset()))
                if entry:
                    entries.append(entry)
            elif any(k.startswith(dotted + ".") for k in known):
                entries += self._walk(value, dotted + ".", known, problems, allowed)
            elif dotted in OWN:
                problems.append(
                    Problem(
                        key_mark,
                        f"'{dotted}' says how the language writes its words, not what a "
                        "document prints: a layout cannot change it (the source's "
                        "language: sets it)",
                    )
                )
            else:
                close = difflib.get_close_matches(dotted, sorted(known), n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else "; the keys are those of revpack's label sets (labelsets/en.yaml)"
                )
                problems.append(Problem(key_mark, f"no label called '{dotted}'{hint}"))
        return entries

    def json_schema(self) -> JsonSchema:
        return {"type": "object", "description": self.description}


MAY_BE_EMPTY = frozenset({"html.spellings", "html.month_forms"})
"""Labels that list what a language has, which may be nothing (letters written another
way: English has none)."""


def _label(key: str, value: Node, problems: list[Problem], allowed: frozenset[str]) -> Entry | None:
    if isinstance(value, Scalar):
        if not value.text.strip():
            if key in MAY_BE_EMPTY:
                return (key, "")
            problems.append(Problem(value.mark, f"label '{key}' is empty"))
            return None
        return (key, value.text) if _printable(key, value, problems, allowed) else None
    forms = _plural_forms(value)
    if forms is not None:
        if not all([_printable(key, v, problems, allowed) for v in forms.values()]):
            return None
        return key, tuple(sorted((form, v.text) for form, v in forms.items()))
    problems.append(
        Problem(
            value.mark,
            f"label '{key}' is text, or plural forms "
            f"({', '.join(PLURAL_FORMS)}) with at least 'other'",
        )
    )
    return None


def _plural_forms(value: Node) -> dict[str, Scalar] | None:
    """`value`'s texts by plural form when it is a mapping of plural forms only, 'other'
    among them, each a text; else None."""
    if (
        not isinstance(value, Map)
        or not set(value.entries) <= set(PLURAL_FORMS)
        or "other" not in value.entries
    ):
        return None
    forms = {form: v for form, (_, v) in value.entries.items() if isinstance(v, Scalar)}
    return forms if len(forms) == len(value.entries) else None


def _printable(key: str, text: Scalar, problems: list[Problem], allowed: frozenset[str]) -> bool:
    """Whether `text` can be printed as label `key`, whose placeholders are `allowed`;
    problems say why not."""
    before = len(problems)
    Printed().check(text, problems)
    if len(problems) > before:
        return False
    try:
        fields = [
            (name, conversion, spec)
            for _, name, spec, conversion in string.Formatter().parse(text.text)
            if name is not None
        ]
    except ValueError:
        problems.append(
            Problem(
                text.mark,
                f"label '{key}' has a {{ or }} that is no placeholder; write {{{{ or }}}} "
                "for a brace",
            )
        )
        return False
    for name, conversion, spec in fields:
        if name not in allowed or conversion or spec:
            written = (
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
            can = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "no placeholder"
            problems.append(Problem(text.mark, f"label '{key}' has {written}; it may use {can}"))
            return False
    return True


def placeholders() -> dict[str, frozenset[str]]:
    """Each label's placeholders in revpack's own label sets."""
    found: dict[str, set[str]] = {}
    for language in built_in():
        for key, value in load_labels(language).entries:
            for text in [value] if isinstance(value, str) else [t for _, t in value]:
                names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                found.setdefault(key, set()).update(names)
    return {key: frozenset(names) for key, names in found.items()}
