"""A layout's options, typed by the kind it renders."""

from __future__ import annotations

import pytest

from revpack.loading.layouts import load_layout
from revpack.options import chart, of_kind, summary, worksheet


def test_a_layouts_options_are_its_kinds():
    layout = load_layout("worksheet")
    options = of_kind(layout.options, worksheet.Options)
    assert options is layout.options
    assert options.exercises


def test_options_of_another_kind_are_refused():
    with pytest.raises(TypeError, match="revpack.options.chart.Options"):
        of_kind(load_layout("summary").options, chart.Options)
    with pytest.raises(TypeError, match="revpack.options.summary.Options"):
        of_kind(None, summary.Options)
