"""revpack: revision notes in YAML → summary sheet, worksheet and factor chart.

The public API mirrors the command line::

    import revpack
    source = revpack.load_source("sources/cold-war/thaw.yaml")
    result = revpack.build(["sources/cold-war/thaw.yaml"], layouts=["summary"], out="out")
"""

__version__ = "0.1.0"

from revpack.building.run import BuildResult, build, check
from revpack.loading.layouts import Layout, load_layout
from revpack.loading.source import load_source, parse_source
from revpack.model import Audience, Source
from revpack.problems import InputError, Problem, RenderError
from revpack.render import Output, render

__all__ = [
    "Audience", "BuildResult", "InputError", "Layout", "Output", "Problem", "RenderError",
    "Source", "build", "check", "load_layout", "load_source", "parse_source", "render",
]
