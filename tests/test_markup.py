"""Inline markup: ==key==, **bold**, *italic*; everything else prints exactly as typed."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from helpers import pdftotext, revpack
from revpack import fonts
from revpack.loading.layouts import load_layout
from revpack.loading.markup import parse
from revpack.problems import Mark, Problem
from revpack.writers.pdf.text import paragraph_markup as markup
from revpack.writers.pdf.text import style

MARK = Mark("t.yaml", 3, 9)


def spans(raw: str) -> list[tuple]:
    problems: list[Problem] = []
    text = parse(raw, MARK, problems)
    assert problems == [], problems
    return [(s.text, s.bold, s.italic, s.key) for s in text.spans]


def problems_of(raw: str) -> list[str]:
    problems: list[Problem] = []
    parse(raw, MARK, problems)
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    "raw",
    [
        "a == b",
        "== x ==",
        "x ==",
        "5 * 3 * 2",
        "a * b",
        "*",
        "**",
        "a ** b",
        "2 ** 8 = 256",
        "<b>bold?</b>",
        '<img src="/etc/passwd"/>',
        "<font color=red>red</font>",
        "&amp;",
        "&",
        "a < b > c",
        "'single' \"double\"",
        "&nbsp;",
        "<br/>",
        "]]>",
        "&#65;",
        "\\n",
        "== not a key",
        "ends with ==",
        "x = y",
    ],
)
def test_literal_text_stays_one_plain_span(raw):
    assert spans(raw) == [(raw, False, False, False)]


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "the ==Iron Curtain== fell",
            [("the ", 0, 0, 0), ("Iron Curtain", 0, 0, 1), (" fell", 0, 0, 0)],
        ),
        ("**bold** and *italic*", [("bold", 1, 0, 0), (" and ", 0, 0, 0), ("italic", 0, 1, 0)]),
        ("==a== ==b==", [("a", 0, 0, 1), (" ", 0, 0, 0), ("b", 0, 0, 1)]),
        ("**==key in bold==**", [("key in bold", 1, 0, 1)]),
        ("*5 * 3* stays", [("5 * 3", 0, 1, 0), (" stays", 0, 0, 0)]),
        ("==a == b==", [("a == b", 0, 0, 1)]),
        ("H==2==O", [("H", 0, 0, 0), ("2", 0, 0, 1), ("O", 0, 0, 0)]),
    ],
)
def test_markup_spans(raw, expected):
    assert spans(raw) == [(t, bool(b), bool(i), bool(k)) for t, b, i, k in expected]


def test_keys_in_order():
    problems: list[Problem] = []
    text = parse("==one==, ==two== and ==three==", MARK, problems)
    assert text.keys == ("one", "two", "three")
    assert text.plain == "one, two and three"


@pytest.mark.parametrize(
    "raw, message",
    [
        ("the ==Iron Curtain fell", "t.yaml:3:13: '==' opens a key term here but is never closed"),
        ("an ==== here", "t.yaml:3:12: empty key term '===='"),
        ("bell \x07", "t.yaml:3:14: control character U+0007"),
        ("surrogate \ud800", "t.yaml:3:19: lone surrogate U+D800"),
        ("crab 🦀", "t.yaml:3:14: character U+1F980 (CRAB)"),
        ("private \ue000", "t.yaml:3:17: character U+E000"),
    ],
)
def test_markup_problems(raw, message):
    found = problems_of(raw)
    assert len(found) == 1 and found[0].startswith(message), found


def test_unclosed_bold_or_italic_is_literal_not_an_error():
    assert spans("**not closed") == [("**not closed", False, False, False)]
    assert spans("*not closed") == [("*not closed", False, False, False)]


# Into reportlab: escaped, one font per run -----------------------------------------------


def paragraph_text(raw: str, **kw) -> tuple[str, set[str]]:
    """The characters and font names reportlab will draw for `raw`."""
    fonts.register(italic=True)  # as a writer does for a source with italics
    problems: list[Problem] = []
    para = Paragraph(
        markup(parse(raw, MARK, problems), **kw), style("t", 10, load_layout("summary"))
    )
    return "".join(f.text for f in para.frags), {f.fontName for f in para.frags}


@pytest.mark.parametrize(
    "raw",
    [
        "<b>not bold</b>",
        '<img src="/etc/passwd"/>',
        "<font color=red>x</font>",
        "&amp; &lt;",
        "Tom & Jerry",
        "a < b",
        "<para>",
        "<br/>",
        "&nbsp;",
        "<span backColor='red'>x</span>",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "]]>",
        "\"quoted\" 'q'",
    ],
)
def test_markup_like_text_reaches_reportlab_as_characters(raw):
    text, faces = paragraph_text(raw)
    assert text == raw
    assert faces == {"DejaVuSans"}


def test_key_terms_bold_and_highlighted_italics_optional():
    problems: list[Problem] = []
    text = parse("==key== and *it*", MARK, problems)
    assert 'backColor="#FFE97A"' in markup(text, key_colour="#FFE97A")
    _, faces = paragraph_text("==key== and *it*")
    assert faces == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    _, faces = paragraph_text("==key== and *it*", italics=False)
    assert "DejaVuSans-Oblique" not in faces


def test_plain_string_markup_is_escaped_too():
    para = Paragraph(markup("<b>&</b>", bold=True), style("t", 10, load_layout("summary")))
    assert "".join(f.text for f in para.frags) == "<b>&</b>"
    assert {f.fontName for f in para.frags} == {"DejaVuSans-Bold"}


def test_characters_a_style_lacks_fall_back_to_the_regular_face():
    fonts.register()
    regular_only = next(
        chr(c)
        for c in sorted(fonts.coverage("DejaVuSans"))
        if c > 0x2000 and c not in fonts.coverage("DejaVuSans-Bold")
    )
    assert fonts.face_for(regular_only, True, False) == "DejaVuSans"
    assert fonts.face_for("a", True, True) == "DejaVuSans-BoldOblique"


def test_markup_like_text_prints_exactly_as_typed_in_the_pdf(tmp_path):
    source = tmp_path / "markup.yaml"
    lines = [
        "<b>not bold</b>",
        '<img src="/etc/passwd"/>',
        "<font color=red>red</font>",
        "&amp; stays &amp;",
        "Tom & Jerry",
        "5 * 3 * 2 = 30",
        "a == b",
        "== x ==",
    ]
    points = "".join(f"      - '{line}'\n" for line in lines)
    source.write_text(
        f"title: Markup\nfactors:\n  - title: Literal\n    points:\n{points}", "utf-8"
    )
    done = revpack("build", source, "-l", "summary", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    text = pdftotext(tmp_path / "markup-summary.pdf")
    for line in lines:
        assert line in text, f"{line!r} not printed as typed"
    assert "&lt;" not in text and "&#" not in text


@pytest.mark.parametrize(
    "char", "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
def test_every_text_direction_control_is_refused_at_its_place(char):
    problems: list[Problem] = []
    parse(f"Beria{char} was arrested", Mark("t.yaml", 3, 10), problems)
    assert [(p.mark, p.message.split(" (")[0]) for p in problems] == [
        (Mark("t.yaml", 3, 15), f"control character U+{ord(char):04X}")
    ]


def test_a_powers_hyphen_is_a_minus_sign():
    # 'x^-2^' (as the README writes '10^-3^') printed a hyphen in the power, and a line
    # could break after it.
    from revpack.loading.markup import parse

    text = parse("x^-2^ and 10^-3^ but H~2-~ and x^a-b^", MARK, [])
    assert [(s.text, s.script) for s in text.spans if s.script] == [
        ("\u22122", "super"),
        ("\u22123", "super"),
        ("2-", "sub"),
        ("a-b", "super"),
    ]
