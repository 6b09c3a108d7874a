"""The folders of the data shipped inside the package: the standard layouts, the label
sets and the fonts.

revpack is installed as files (reportlab opens its fonts by file name), so each data
package is a folder, found from the package's import spec. importlib.resources says the
same, but importing it (and with it tempfile, zipfile and more) costs every command,
even a rebuild with nothing to do, several milliseconds.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path


def folder(package: str) -> Path:
    """The folder of the data package `package` (revpack.labelsets, say)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"no package named {package!r}", name=package)
    return Path(next(iter(spec.submodule_search_locations)))
