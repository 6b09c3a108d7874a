"""`H~2~O` and `x^2^` (Pandoc's sub- and superscripts): parsed into spans, printed
smaller and off the baseline in the PDFs, as w:vertAlign runs in the DOCX."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from helpers import DATA, revpack, validate_docx
from revpack.loading.markup import parse
from revpack.problems import Mark

ACIDS = DATA / "notation" / "acids.yaml"


def spans(raw: str) -> list[tuple[str, str]]:
    problems: list = []
    text = parse(raw, Mark("t.yaml", 1, 1), problems)
    assert not problems
    return [(s.text, s.script) for s in text.spans]


def test_tildes_and_carets_pair_up_as_pandoc_reads_them():
    assert spans("H~2~SO~4~") == [("H", ""), ("2", "sub"), ("SO", ""), ("4", "sub")]
    assert spans("x^2^") == [("x", ""), ("2", "super")]
    # (a power's hyphen is its minus sign)
    assert spans("10^-3^ mol") == [("10", ""), ("\u22123", "super"), (" mol", "")]
    assert spans("SO~4~^2-^") == [("SO", ""), ("4", "sub"), ("2-", "super")]


@pytest.mark.parametrize(
    "raw", ["5 ~ 6", "a ^ b", "2^ 3", "x^2 ^", "~ home", "~~no~~", "http://example.org/~me/", "x^2"]
)
def test_unpaired_or_spaced_signs_stay_literal(raw):
    assert spans(raw) == [(raw, "")]


def test_a_key_term_around_a_script_keeps_both():
    text = parse("==H~2~O== is water", Mark("t.yaml", 1, 1), [])
    assert [(s.text, s.script, s.key) for s in text.spans][:3] == [
        ("H", "", True),
        ("2", "sub", True),
        ("O", "", True),
    ]
    assert text.keys == ("H2O",)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("notation")
    done = revpack(
        "build", ACIDS, "-l", "summary", "-l", "factor-chart", "-l", "worksheet", "-o", out
    )
    assert done.returncode == 0, done.stderr
    return out


def scripts(pdf: Path, base: str, script: str) -> list[tuple[dict, dict]]:
    """(base character, the character right after it) wherever `base` is followed by
    `script` on the same line of text."""
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    return [
        (a, b)
        for a, b in zip(chars, chars[1:], strict=False)
        if a["text"] == base and b["text"] == script and abs(b["x0"] - a["x1"]) < 1
    ]


@pytest.mark.parametrize("name", ["acids-summary.pdf", "acids-factor-chart.pdf"])
def test_scripts_print_smaller_and_off_the_baseline(built, name):
    subs = scripts(built / name, "H", "2")  # H~2~SO~4~
    assert subs
    for base, sub in subs:
        assert sub["size"] < base["size"] * 0.85
        assert sub["bottom"] > base["bottom"] + base["size"] * 0.1  # lower on the page
    supers = scripts(built / name, "x", "2")  # x^2^
    assert supers
    for base, sup in supers:
        assert sup["size"] < base["size"] * 0.85
        assert sup["bottom"] < base["bottom"] - base["size"] * 0.2  # higher on the page
    powers = scripts(built / name, "0", "\u2212")  # 10^-3^ (its minus sign)
    assert powers and all(p["bottom"] < b["bottom"] for b, p in powers)
    with pdfplumber.open(built / name) as doc:
        text = doc.pages[0].extract_text()
    assert "5 ~ 6" in text and "a ^" in text and "2^ 3" in text  # lone signs as typed


def runs(docx: Path) -> list[tuple[str, str]]:
    """(text, vertAlign value or '') of every run in the body."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    found = []
    for run in re.findall(r"<w:r>(.*?)</w:r>", xml):
        align = re.search(r'<w:vertAlign w:val="(\w+)"/>', run)
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", run))
        found.append((text, align.group(1) if align else ""))
    return found


def test_docx_runs_carry_vert_align_and_gaps_around_scripts_work(built):
    sheet, key = built / "acids-worksheet.docx", built / "acids-worksheet-answers.docx"
    validate_docx(sheet)
    mine = runs(sheet)
    assert ("2", "subscript") in mine and ("4", "subscript") in mine
    assert ("\u22123", "superscript") in mine and ("+", "superscript") in mine
    assert ("3", "superscript") in mine  # mol/dm^3^, kept outside its gap
    # ==H~2~SO~4~== is a gap: the sheet hides it, the key gives it as one answer.
    intro = next(i for i, (t, _) in enumerate(mine) if t.startswith("Sulfuric acid"))
    assert re.fullmatch(r"\(\d+\)\u00a0", mine[intro + 1][0]), mine[intro : intro + 3]
    # (with Unicode's subscripts: a key prints an answer as plain text, not as runs)
    assert "H₂SO₄" in [t for t, _ in runs(key)]


def test_a_space_after_a_script_is_as_wide_as_any_other_in_the_worksheet_pdf(tmp_path):
    # "H^+^ and": the space after a script is drawn at the text's size, not the script's
    # (it was, and the next word crept up to the script).
    done = revpack("build", ACIDS, "-l", "worksheet", "-f", "pdf", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    after_script, usual = [], []
    with pdfplumber.open(tmp_path / "acids-worksheet.pdf") as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            body = sorted(c["size"] for c in chars)[len(chars) // 2]
            for a, b in zip(chars, chars[1:], strict=False):
                gap = b["x0"] - a["x1"]
                if abs(b["size"] - body) > 0.01 or not 0.5 < gap < body or b["x0"] < a["x0"]:
                    continue  # not a space between two words of the body on one line
                if a["size"] < body * 0.85 and a["text"].isalnum():
                    after_script.append(gap)
                elif abs(a["size"] - body) < 0.01 and a["text"].isalpha():
                    usual.append(gap)
    assert len(after_script) >= 2 and usual
    least = sorted(usual)[len(usual) // 10]
    assert min(after_script) >= least * 0.95, (after_script, least)


@pytest.mark.parametrize(
    ("layout", "share"),
    [("worksheet", 0.66), ("worksheet-large-print", 0.8), ("summary-large-print", 0.8)],
)
def test_large_print_sets_scripts_larger(tmp_path, layout, share):
    # On a 16 pt sheet a 66 % subscript was 10.6 pt, under what a reader of large print
    # needs: the large-print layouts set `font: {scripts: 0.8}`, in the PDF and the DOCX.
    done = revpack("build", ACIDS, "-l", layout, "-f", "pdf", "-f", "docx", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    key = "" if layout.startswith("summary") else "-answers"
    subs = scripts(tmp_path / f"acids-{layout}{key}.pdf", "H", "2")  # H~2~SO~4~ in notes
    assert subs
    for base, sub in subs:
        assert sub["size"] == pytest.approx(base["size"] * share, rel=0.03), (base, sub)
    if layout.startswith("summary"):
        return
    docx = tmp_path / f"acids-{layout}{key}.docx"
    validate_docx(docx)
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    run = re.search(r"<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:t[^>]*>2</w:t>", xml)
    assert run, "no run of a subscript 2"
    if share == 0.66:
        assert '<w:vertAlign w:val="subscript"/>' in run.group(1)
    else:
        assert '<w:sz w:val="26"/>' in run.group(1)  # 0.8 × 16 pt, in half points
        assert re.search(r'<w:position w:val="-\d+"/>', run.group(1))
