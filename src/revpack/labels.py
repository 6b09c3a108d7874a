"""Fixed words printed on documents ("Word bank", "Name", instructions…), read from a
label set (YAML data in revpack/labelsets/), never written in code.

A label is text with `{name}` placeholders, or a mapping of plural forms (`zero`, `one`,
`two`, `few`, `many`, `other`) chosen by the `count` it is given, under the plural rule
of the set's language (`plural_rule` in the set: english, french or welsh).
A layout may replace any label under `labels:` (its keys are those of en.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import yaml

from revpack import packaged
from revpack.memo import Memo

PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
"""The CLDR plural categories a label may be written in."""

Entry = tuple[str, "str | tuple[tuple[str, str], ...]"]
"""(dotted key, text) or (dotted key, ((plural form, text), …))."""

LabelTree = dict[str, "str | LabelTree"]
"""Labels as nested mappings: a text, or the labels one level down, under each key."""


class NoLabels(LookupError):
    """A language with no built-in label set, and no layout labels that cover it."""


@dataclass(frozen=True)
class Labels:
    """One language's label set, flattened to dotted keys ('gap_fill.bank')."""

    language: str
    """The BCP 47 tag the labels are written in, e.g. en-GB."""
    entries: tuple[Entry, ...]
    """(dotted key, text) or (dotted key, ((plural form, text), …)), sorted by key."""

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` with its placeholders filled; plural forms chosen by `count`."""
        found = self.table.get(key)
        if found is None:
            raise KeyError(f"no label '{key}'")
        if not isinstance(found, str):
            forms = dict(found)
            count = values.get("count")
            wanted = plural_form(self.rule, count) if isinstance(count, int) else "other"
            found = forms.get(wanted, forms.get("other", next(iter(forms.values()))))
        return found.format(**values) if values else found

    @cached_property
    def table(self) -> dict[str, str | tuple[tuple[str, str], ...]]:
        """The entries by key (made once: a document looks up dozens of labels)."""
        return dict(self.entries)

    def section(self, prefix: str) -> LabelTree:
        """The labels under `prefix` ('quiz') as a nested mapping of texts, for a writer
        that walks them by kind ({'gap_fill': {'name': …}, …})."""
        nested: LabelTree = {}
        for key, value in self.entries:
            if not key.startswith(prefix + ".") or not isinstance(value, str):
                continue
            *path, last = key[len(prefix) + 1 :].split(".")
            node = nested
            for part in path:
                child = node.setdefault(part, {})
                if isinstance(child, str):
                    raise ValueError(f"label '{key}' lies under another label's text")
                node = child
            node[last] = value
        return nested

    def layout_title(self, name: str, kind: str, kind_contents: str) -> str:
        """What the documents of layout `name` (of kind `kind`) are called in this language:
        its own `contents_entry` ('worksheet, support tier', 'fiche d'exercices, niveau
        soutien'), else its kind's, with the layout's name when that is another
        ('worksheet (worksheet-year-9)'). Footers, answer keys' notes and print contents
        name a layout so, never by its English file name alone."""
        title = self.get("contents_entry." + kind, kind_contents)
        if name != kind:
            title = self.get("contents_entry." + name, f"{title} ({name})")
        return title

    def get(self, key: str, default: str, **values: object) -> str:
        """The label `key`, or `default` (filled in the same way) when the set lacks it."""
        if key in self.table:
            return self(key, **values)
        return default.format(**values) if values else default

    @property
    def rule(self) -> str:
        """The plural rule its counted labels follow."""
        value = self.table.get("plural_rule", "english")
        return value if isinstance(value, str) else "english"

    def numbered(self, prefix: str) -> tuple[str, ...]:
        """The labels `prefix.1`, `prefix.2`, … up to the first number the set lacks: a
        list of texts, such as the sentence starters."""
        found: list[str] = []
        while f"{prefix}.{len(found) + 1}" in self.table:
            found.append(self(f"{prefix}.{len(found) + 1}"))
        return tuple(found)

    def months(self) -> tuple[str, ...]:
        """The twelve month names, January first."""
        return tuple(self(f"months.{number}") for number in range(1, 13))


def class_and_teacher(labels: Labels, class_name: str | None, teacher: str | None) -> list[str]:
    """What a document's heading says of whom it is for: the class line ('Class 11A') and
    the teacher, those that are given."""
    who = [labels("class_teacher", class_name=class_name) if class_name else None, teacher]
    return [part for part in who if part]


def plural_form(rule: str, count: int) -> str:
    """The CLDR plural category of `count` under `rule` (cardinal numbers)."""
    n = abs(count)
    if rule == "french":
        return "one" if n in (0, 1) else "many" if n and n % 1_000_000 == 0 else "other"
    if rule == "welsh":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")
    return "one" if n == 1 else "other"


def built_in() -> tuple[str, ...]:
    """The languages (primary subtags) that have a built-in label set, sorted."""
    return BUILT_IN.get(
        "built in",
        lambda: tuple(
            sorted(
                item.name[:-5]
                for item in packaged.folder("revpack.labelsets").iterdir()
                if item.name.endswith(".yaml")
            )
        ),
    )


BUILT_IN: Memo[tuple[str, ...]] = Memo("languages with label sets", 1)
"""The built-in languages."""
READ: Memo[list[Entry]] = Memo("label sets", 16)
"""Each built-in label set as read (a pack asks for the same set for every class and
document)."""
LOADED: Memo[Labels] = Memo("labels", 64)
"""Per (language, layout overrides): the merged Labels."""


def bank_capitals(language: str) -> bool:
    """Whether a word bank in `language` starts each word with a capital (label
    `word_bank_capitals`): not in German, where a capital makes a verb a noun."""
    return own_label(language, "word_bank_capitals") == "first"


OWN = frozenset(
    {
        "word_endings",
        "plural_endings",
        "plural_swaps",
        "mutations",
        "numbers",
        "word_bank_capitals",
        "capital_nouns",
        "units",
        "letters",
    }
)
"""Labels that say how a language writes its words, not what a document prints: read from
its built-in set (`own_label`), never from a layout."""
OPTIONAL = frozenset(
    {
        "html.spellings",
        "html.date_words",
        "html.month_forms",
        "html.accents",
        "html.two_words",
        "html.decimal",
        "html.nearly",
        "html.nearly_accents",
        "html.nearly_spelling",
        "html.nearly_mutation",
        *(
            f"anki.{key}"
            for key in (
                *("text", "context", "term", "meaning", "date", "event"),
                *("cloze_card", "term_card", "date_card", "event_card"),
                *("cloze_type", "term_type", "date_type", "one_way_type"),
            )
        ),
        "chart_linked",
    }
)
"""Labels a layout for a language with no built-in set may leave out (English's are used:
no other spellings, English's date words, accents that may be left off, the page's and
the chart's newer words; and English's units, which are a language's own)."""


def own_label(language: str, key: str) -> str:
    """Label `key` of `language`'s built-in set (English's for a language without one):
    a way of the language's own (OWN), which no layout changes."""
    primary = language.split("-")[0].lower()
    found = load_labels(primary if primary in built_in() else "en").table[key]
    return found if isinstance(found, str) else ""


def borrowed(language: str, overrides: tuple[Entry, ...], key: str) -> str | None:
    """Where label `key` (one of OPTIONAL) is English's because `language` has no built-in
    set and the layout's `overrides` leave it out: a note saying so, for the build to
    print (else None). What a language writes its words with (OWN: plural endings, units)
    is English's too for such a language, and no layout changes that."""
    primary = language.split("-")[0].lower()
    if primary in built_in() or key in dict(overrides):
        return None
    return (
        f"language '{language}' has no built-in label set, so '{key}' is in "
        f"English (\"{load_labels('en')(key)}\"); give it under 'labels:' in the layout"
    )


def keys() -> frozenset[str]:
    """Every label key a layout may give (those of the English set, but OWN)."""
    return frozenset(key for key, _ in _read("en")) - OWN


def load_labels(language: str = "en-GB", overrides: tuple[Entry, ...] = ()) -> Labels:
    """The label set for `language` (its primary subtag picks the built-in file), with a
    layout's `overrides` on top. A language with no built-in set needs overrides for
    every key; otherwise NoLabels says which languages there are."""
    return LOADED.get((language, overrides), lambda: _merged(language, overrides))


def _merged(language: str, overrides: tuple[Entry, ...]) -> Labels:
    primary = language.split("-")[0].lower()
    mine = dict(overrides)
    if primary in built_in():
        merged = dict(_read(primary))
        merged.update(mine)
    elif keys() - OPTIONAL <= set(mine):
        english = dict(_read("en"))
        merged = {key: english[key] for key in OPTIONAL} | mine
    else:
        missing = sorted(keys() - OPTIONAL - set(mine))
        raise NoLabels(
            f"there are no labels in language '{language}': revpack has label sets "
            f"for {', '.join(built_in())}; use one of those, or give every label "
            f"under 'labels:' in the layout ({len(missing)} missing, e.g. "
            f"'{missing[0]}')"
        )
    return Labels(language, tuple(sorted(merged.items())))


def _read(primary: str) -> list[Entry]:
    return READ.get(primary, lambda: _parse(primary))


def _parse(primary: str) -> list[Entry]:
    text = packaged.folder("revpack.labelsets").joinpath(f"{primary}.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return flatten(yaml.load(text, Loader=loader))  # noqa: S506 (a safe loader)


def flatten(data: dict[object, object], prefix: str = "") -> list[Entry]:
    """A nested label mapping as (dotted key, text or plural forms) entries."""
    entries: list[Entry] = []
    for key, value in data.items():
        if isinstance(value, dict) and set(value) <= set(PLURAL_FORMS):
            entries.append(
                (prefix + str(key), tuple(sorted((k, str(v)) for k, v in value.items())))
            )
        elif isinstance(value, dict):
            entries += flatten(value, f"{prefix}{key}.")
        else:
            entries.append((prefix + str(key), str(value)))
    return entries
