"""Whether revpack ships a label set for a language: a look at the package's files, with
no YAML read (a check of sources in those languages needs nothing more)."""

from __future__ import annotations

from revpack import packaged


def has_label_set(language: str) -> bool:
    """Whether a built-in label set serves the BCP 47 tag `language` (by its primary
    subtag: fr-CA is served by fr)."""
    primary = language.split("-")[0].lower()
    return (packaged.folder("revpack.labelsets") / f"{primary}.yaml").is_file()
