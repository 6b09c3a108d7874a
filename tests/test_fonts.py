"""The fonts revpack embeds."""

import pytest

from revpack import fonts


@pytest.mark.parametrize("face", sorted(set(fonts.FACES.values())))
def test_coverage_files_match_the_fonts(face):
    """The shipped coverage lists are what the font files hold (regenerate them with
    fonts.coverage_ranges if a font is ever updated)."""
    from importlib import resources

    shipped = resources.files("revpack.fontfiles").joinpath(f"{face}.coverage").read_text()
    assert shipped == fonts.coverage_ranges(face)
    assert len(fonts.coverage(face)) > 5000
