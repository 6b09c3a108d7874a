"""Worksheet flowables drawn once and written again (revpack.writers.pdf.worksheet_drawings),
and the tables, runs and gap groups a pack's classes share: every class's worksheet and
key are the bytes they have when drawn afresh, in every tier."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from helpers import DATA, THAW
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.memo import clear_all
from revpack.model import Audience
from revpack.writers import render
from revpack.writers.pdf.worksheet_text import styles

CLASSES = (
    Audience("10A", "Ms Q. Zed", seed=1),
    Audience("11B", "Mr Smith", seed=2),
    Audience("7Ω", "Dr Ŋoa Øster-Ålund", seed=3),  # characters the sheet never has
    Audience("12C", "Mr Smith", seed=2, student="Zoë Quinn"),
    Audience("10A", "Ms Q. Zed", seed=1),  # the first class again
)
"""Classes whose names, teachers and seeds differ (and so the fonts' character codes and
the shuffled exercises)."""


def _pdfs(source, layout, audience: Audience) -> list[bytes]:
    return [output.data for output in render(source, layout, audience, format="pdf")]


@pytest.mark.parametrize("tier", ["worksheet", "worksheet-support", "worksheet-stretch"])
@pytest.mark.parametrize("path", [THAW, DATA / "worksheet" / "chemistry.yaml"])
def test_a_pack_writes_the_bytes_each_worksheet_has_when_drawn_afresh(path, tier):
    source, layout = load_source(path), load_layout(tier)
    clear_all()
    in_a_pack = [_pdfs(source, layout, audience) for audience in CLASSES]
    widths = styles(layout, source.language).widths
    assert widths.drawings, "nothing was remembered"
    alone = []
    for audience in CLASSES:
        clear_all()  # each drawn afresh, as the first document of a process
        alone.append(_pdfs(source, layout, audience))
    assert in_a_pack == alone
    assert in_a_pack[0] == in_a_pack[-1]
    for pdfs, audience in zip(in_a_pack, CLASSES, strict=True):
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdfs[0])).pages)
        assert audience.class_name in text


def test_a_drawing_is_written_again_only_with_the_same_fonts():
    """Two classes whose names give the sheet's characters other codes: the second
    reuses nothing drawn for the first with other codes (its bytes are its own)."""
    source, layout = load_source(THAW), load_layout("worksheet")
    clear_all()
    first = _pdfs(source, layout, Audience("10A", seed=4))
    other = _pdfs(source, layout, Audience("ÆØ 10A", seed=4))
    clear_all()
    assert _pdfs(source, layout, Audience("ÆØ 10A", seed=4)) == other
    assert first != other
