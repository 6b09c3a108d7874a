"""revpack: revision notes in YAML → summary sheets, worksheets, factor charts, flashcards
and question banks.

The public API mirrors the command line::

    import revpack
    source = revpack.load_source("sources/cold-war/thaw.yaml")
    result = revpack.build(["sources/cold-war/thaw.yaml"], layouts=["summary"], out="out")

Each name is imported when first used, so that `revpack check` (or a program that only
loads sources) does not pay for the build and the writers.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    "Audience": "revpack.model",
    "BuildResult": "revpack.building.run",
    "InputError": "revpack.problems",
    "Layout": "revpack.loading.layouts",
    "Output": "revpack.writers",
    "Problem": "revpack.problems",
    "RenderError": "revpack.problems",
    "Source": "revpack.model",
    "build": "revpack.building.run",
    "check": "revpack.loading.inputs",
    "load_layout": "revpack.loading.layouts",
    "load_source": "revpack.loading.source",
    "parse_source": "revpack.loading.source",
    "render": "revpack.writers",
    "watch": "revpack.building.watch",
}
"""Each public name → the module that defines it."""

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'revpack' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
