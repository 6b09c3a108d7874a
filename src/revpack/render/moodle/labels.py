"""The fixed words of a question bank, read from labels.yaml beside this module."""

from __future__ import annotations

from importlib import resources

import yaml


def labels() -> dict:
    """Question names and instructions, by question kind (see labels.yaml)."""
    text = resources.files("revpack.render.moodle").joinpath("labels.yaml").read_text("utf-8")
    return yaml.safe_load(text)
