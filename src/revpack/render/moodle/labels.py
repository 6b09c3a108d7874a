"""The fixed words of a question bank, read from labels.yaml beside this module."""

from __future__ import annotations

from importlib import resources

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (ten times faster: the file is read for every
document), else the pure-Python one."""


def labels() -> dict:
    """Question names and instructions, by question kind (see labels.yaml)."""
    text = resources.files("revpack.render.moodle").joinpath("labels.yaml").read_text("utf-8")
    return yaml.load(text, Loader=LOADER)
