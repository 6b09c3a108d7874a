"""The fonts revpack embeds."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revpack import fonts


@pytest.mark.parametrize("face", sorted(set(fonts.FACES.values())))
def test_coverage_files_match_the_fonts(face):
    """The shipped coverage lists are what the font files hold (regenerate them with
    fonts.coverage_ranges if a font is ever updated)."""
    from importlib import resources

    shipped = resources.files("revpack.fontfiles").joinpath(f"{face}.coverage").read_text()
    assert shipped == fonts.coverage_ranges(face)
    assert len(fonts.coverage(face)) > 5000


@settings(max_examples=300)
@given(
    # 𝖠 is in the regular face only, ، in the upright ones only: runs change face.
    st.text(st.sampled_from("aZ é\u2003\n₂→\u0394\U0001d5a0\u060c\u2060ŋ")),
    st.booleans(),
    st.booleans(),
)
def test_runs_are_each_characters_face_joined(text, bold, italic):
    expected: list[tuple[str, str]] = []
    for char in text:
        face = fonts.face_for(char, bold, italic)
        if expected and expected[-1][1] == face:
            expected[-1] = (expected[-1][0] + char, face)
        else:
            expected.append((char, face))
    assert list(fonts.runs(text, bold, italic)) == expected
