"""revpack: revision notes in YAML → summary sheet, worksheet and factor chart.

The public API mirrors the command line::

    import revpack
    source = revpack.load_source("sources/cold-war/thaw.yaml")
    result = revpack.build(["sources/cold-war/thaw.yaml"], layouts=["summary"], out="out")
"""

__version__ = "0.1.0"

from .build import BuildResult, build, check
from .layouts import Layout, load_layout
from .model import Audience, Source
from .problems import InputError, Problem, RenderError
from .render import Output, render
from .source import load_source, parse_source

__all__ = [
    "Audience", "BuildResult", "InputError", "Layout", "Output", "Problem", "RenderError",
    "Source", "build", "check", "load_layout", "load_source", "parse_source", "render",
]
