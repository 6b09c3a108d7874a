"""Fixed words printed on documents ("Word bank", "Name", instructions…), read from a
label set (YAML data in revpack/labelsets/), never written in code.

A label is text with `{name}` placeholders, or a mapping of plural forms (`one`, `other`)
chosen by the `count` it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Labels:
    """One language's label set, flattened to dotted keys ('gap_fill.bank')."""

    language: str
    """The BCP 47 tag the labels are written in, e.g. en-GB."""
    entries: tuple[tuple[str, str | tuple[tuple[str, str], ...]], ...]
    """(dotted key, text) or (dotted key, ((plural form, text), …)), sorted by key."""

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` with its placeholders filled; plural forms chosen by `count`."""
        found = dict(self.entries).get(key)
        if found is None:
            raise KeyError(f"no label '{key}'")
        if not isinstance(found, str):
            forms = dict(found)
            found = forms["one"] if values.get("count") == 1 and "one" in forms \
                else forms["other"]
        return found.format(**values) if values else found


def load_labels(language: str = "en-GB") -> Labels:
    """The built-in label set for `language` (its primary subtag picks the file)."""
    primary = language.split("-")[0].lower()
    text = resources.files("revpack.labelsets").joinpath(f"{primary}.yaml").read_text("utf-8")
    return Labels(language, tuple(sorted(_flatten(yaml.safe_load(text)))))


def _flatten(data: dict, prefix: str = "") -> list:
    entries = []
    for key, value in data.items():
        if isinstance(value, dict) and set(value) <= {"zero", "one", "two", "few", "many",
                                                       "other"}:
            entries.append((prefix + key, tuple(sorted(value.items()))))
        elif isinstance(value, dict):
            entries += _flatten(value, f"{prefix}{key}.")
        else:
            entries.append((prefix + key, str(value)))
    return entries
