"""Pictures in imported Word notes: written beside the source and made the `image:` of the
entry whose paragraph holds them, with their description as alt text; those a source
cannot draw stay comments. A worksheet revpack built comes back with its pictures."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image as Pillow

from helpers import DATA, need, revpack, validate_docx
from revpack.authoring.docx_pictures import paragraph_pictures
from revpack.loading.source import load_source


def picture(size: tuple[int, int], kind: str = "PNG", colour: str = "green") -> bytes:
    out = io.BytesIO()
    Pillow.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def add_picture(paragraph, data: bytes, descr: str | None = None, title: str | None = None):
    """A picture in `paragraph`'s own run, described as Word does (wp:docPr/@descr)."""
    shape = paragraph.add_run().add_picture(io.BytesIO(data))
    doc_pr = shape._inline.docPr
    if descr is not None:
        doc_pr.set("descr", descr)
    if title is not None:
        doc_pr.set("title", title)


LEAF = picture((300, 200))
CELL = picture((160, 160), "JPEG", "purple")


def notes_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Photosynthesis", 0)
    document.add_paragraph("How do plants make their food?")
    document.add_heading("The leaf", 1)
    document.add_paragraph("The ==palisade layer== holds most of the chloroplasts.")
    add_picture(document.add_paragraph(), LEAF, descr="A leaf in cross-section")
    document.add_heading("Light", 1)
    words = document.add_paragraph("==Chlorophyll== absorbs light. ")
    add_picture(words, picture((40, 40), colour="yellow"), title="The sun")  # title, no descr
    document.add_heading("Inside the cell", 1)
    add_picture(document.add_paragraph(), CELL)  # no alt text at all
    document.add_paragraph("The cell wall is made of ==cellulose==.")
    add_picture(document.add_paragraph(), picture((30, 30), "GIF"), descr="An animation")
    add_picture(document.add_paragraph(), picture((50, 50), colour="red"), descr="A second one")
    document.add_heading("Notes", 1)
    document.add_paragraph("Revise the word equation.")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    notes = notes_docx(folder / "notes.docx")
    out = folder / "sources" / "photo.yaml"
    out.parent.mkdir()
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 0, done.stderr
    assert not re.sub(r"wrote \S+\n?", "", done.stderr).strip()  # nothing to fix
    return out


def test_pictures_are_written_beside_the_source_and_are_their_entries_images(imported):
    source = load_source(imported)
    # (the headings under the question are its factors)
    leaf, light, cell = (g for g in source.factors if g.image is not None)
    assert leaf.title.plain == "The leaf" and leaf.image.alt == "A leaf in cross-section"
    assert leaf.image.file == "photo-images/image1.png"
    assert leaf.image.data == LEAF
    assert light.title.plain == "Light" and light.image.alt == "The sun"
    assert [p.text.plain for p in light.points] == ["Chlorophyll absorbs light."]
    assert cell.title.plain == "Inside the cell" and cell.image.data == CELL
    assert cell.image.file == "photo-images/image3.jpg" and cell.image.format == "jpeg"
    written = sorted(p.name for p in (imported.parent / "photo-images").iterdir())
    # The GIF is not written; the second picture on one section is, to be used elsewhere.
    assert written == ["image1.png", "image2.png", "image3.jpg", "image5.png"]


def test_what_cannot_be_kept_stays_a_comment(imported):
    text = " ".join(line.strip().lstrip("#") for line in imported.read_text("utf-8").splitlines())
    text = " ".join(text.split())
    cell = text.split("title: Inside the cell", 1)[1].split("title: Notes", 1)[0]
    assert "Describe the picture for readers who cannot see it" in cell
    assert re.search(r'A picture was here: image\d.gif \("An animation"\), but a source', cell)
    assert "is a GIF file; use a PNG or JPEG" in cell
    assert re.search(
        r'image\d.png \("A second one"\), but a factor or section has one picture.* '
        r'image: \{file: photo-images/image\d.png, alt: "A second one"\}',
        cell,
    )
    # The GIF's description is kept as a point, as nothing else keeps it.
    factor = next(f for f in load_source(imported).factors if f.title.plain == "Inside the cell")
    assert "An animation" in [p.text.plain for p in factor.points]


def test_the_source_checks_and_builds_with_the_pictures(imported, tmp_path):
    assert revpack("check", imported).returncode == 0
    done = revpack("build", imported, "-l", "summary", "-l", "worksheet", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [need("pdfimages"), "-list", str(tmp_path / "photo-summary.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert sorted((r.split()[3], r.split()[4]) for r in listed if r.split()[2] == "image") == [
        ("160", "160"),
        ("300", "200"),
        ("40", "40"),
    ]
    worksheet = tmp_path / "photo-worksheet.docx"
    validate_docx(worksheet)
    with zipfile.ZipFile(worksheet) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml) == [
        "A leaf in cross-section",
        "The sun",
        "image3",  # the name the notes' picture had, until the teacher describes it
    ]


def test_a_picture_already_there_is_never_overwritten(tmp_path):
    notes = notes_docx(tmp_path / "notes.docx")
    folder = tmp_path / "photo-images"
    folder.mkdir()
    (folder / "image1.png").write_bytes(b"the teacher's own file")
    done = revpack("import", notes, "-o", tmp_path / "photo.yaml")
    assert done.returncode == 0, done.stderr
    assert (folder / "image1.png").read_bytes() == b"the teacher's own file"
    source = load_source(tmp_path / "photo.yaml")
    assert source.factors[0].image.file == "photo-images/image1-2.png"
    assert source.factors[0].image.data == LEAF
    assert "photo-images/image1.png was already there" in " ".join(
        (tmp_path / "photo.yaml").read_text("utf-8").split()
    )
    # Imported again over its own source: the same files, none written twice.
    again = revpack("import", notes, "-o", tmp_path / "photo.yaml", "--force")
    assert again.returncode == 0, again.stderr
    assert "photo-images" not in again.stderr
    assert len(list(folder.iterdir())) == 5


def test_printed_a_word_picture_is_a_comment_asking_for_a_file(tmp_path):
    notes = notes_docx(tmp_path / "notes.docx")
    done = revpack("import", notes, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "image:" not in [line.strip() for line in done.stdout.splitlines()]
    assert "import with -o FILE" in done.stdout
    assert not (tmp_path / "notes-images").exists()


def test_alt_text_comes_from_the_description_then_the_title(tmp_path):
    document = docx.Document()
    add_picture(document.add_paragraph(), LEAF, descr="  A   leaf ", title="ignored")
    add_picture(document.add_paragraph(), LEAF, title="A title")
    add_picture(document.add_paragraph(), LEAF)
    found = [paragraph_pictures([p]).pictures[0].alt for p in document.paragraphs]
    assert found == ["A leaf", "A title", ""]


def test_floating_pictures_pictures_in_text_boxes_and_word_s_fallbacks():
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    paragraph = document.add_paragraph("Text beside a floating picture.")
    add_picture(paragraph, LEAF, descr="Floating")
    drawing = paragraph._p.xpath(".//w:drawing")[0]
    drawing[0].tag = qn("wp:anchor")  # floating, not inline
    rel = drawing.xpath(".//a:blip")[0].get(qn("r:embed"))
    # Word keeps an old-style copy for older readers: it is the same picture, not another.
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    vml = "urn:schemas-microsoft-com:vml"
    run = drawing.getparent()
    choice_of = etree.SubElement(run, f"{{{mc}}}AlternateContent")
    choice = etree.SubElement(choice_of, f"{{{mc}}}Choice", Requires="wps")
    choice.append(drawing)
    fallback = etree.SubElement(choice_of, f"{{{mc}}}Fallback")
    shape = etree.SubElement(etree.SubElement(fallback, qn("w:pict")), f"{{{vml}}}shape")
    etree.SubElement(shape, f"{{{vml}}}imagedata", {qn("r:id"): rel})
    # A text box holding a picture: the picture is read, the box says nothing.
    boxed = document.add_paragraph()
    add_picture(boxed, CELL, descr="In a box")
    inner = boxed._p.xpath(".//w:drawing")[0]
    box = etree.SubElement(inner.getparent(), qn("w:drawing"))
    anchor = etree.SubElement(box, qn("wp:anchor"))
    etree.SubElement(anchor, qn("wp:docPr"), id="9", name="Text Box 9", descr="A box")
    content = etree.SubElement(anchor, qn("w:txbxContent"))
    etree.SubElement(etree.SubElement(content, qn("w:p")), qn("w:r")).append(inner)
    found = paragraph_pictures(document.paragraphs)
    assert [(p.alt, p.data) for p in found.pictures] == [("Floating", LEAF), ("In a box", CELL)]
    assert found.notes == ()
    # An old-style picture alone, and a chart, are comments.
    old = document.add_paragraph()
    etree.SubElement(
        etree.SubElement(etree.SubElement(old._p, qn("w:r")), qn("w:pict")), f"{{{vml}}}imagedata"
    )
    chart = document.add_paragraph()
    drawn = etree.SubElement(etree.SubElement(chart._p, qn("w:r")), qn("w:drawing"))
    etree.SubElement(etree.SubElement(drawn, qn("wp:inline")), qn("wp:docPr"), descr="Sales")
    notes = paragraph_pictures([old, chart]).notes
    assert "An old-style Word picture was here (VML)" in notes[0]
    assert notes[1] == 'A chart or drawing was here ("Sales"); only pictures are imported.'


def test_a_worksheet_comes_back_with_its_pictures(tmp_path):
    """Round trip: a worksheet built from a source with pictures, imported again."""
    biology = DATA / "images" / "photosynthesis.yaml"
    done = revpack("build", biology, "-l", "worksheet", "-o", tmp_path / "built")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "again" / "photosynthesis.yaml"
    out.parent.mkdir()
    done = revpack("import", tmp_path / "built" / "photosynthesis-worksheet.docx", "-o", out)
    assert done.returncode == 0, done.stderr
    assert revpack("check", out).returncode == 0
    original = load_source(biology)
    back = {g.title.plain: g.image for g in load_source(out).sections if g.image is not None}
    expected = {g.title.plain: g.image for g in (*original.factors, *original.sections) if g.image}
    assert sorted(back) == sorted(expected) == ["Inside the cell", "The leaf"]
    for title, image in expected.items():
        # (the sheet's description hides the answers of the gaps beside it: the leaf's
        # 'palisade layer')
        alt = image.alt.replace("palisade layer", "…")
        assert (back[title].alt, back[title].data) == (alt, image.data)


def test_word_s_own_descriptions_are_marked_to_check_and_table_pictures_are_kept(tmp_path):
    document = docx.Document()
    document.add_heading("Volcanoes", 0)
    document.add_heading("Eruptions", 1)
    document.add_paragraph("Magma rises.")
    add_picture(
        document.add_paragraph(),
        LEAF,
        descr="A diagram of a volcano\n\nDescription automatically generated",
    )
    document.add_heading("Examples", 1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Etna"
    add_picture(table.cell(0, 1).paragraphs[0], CELL, descr="Etna erupting")
    notes = tmp_path / "volcanoes.docx"
    document.save(notes)
    out = tmp_path / "volcanoes.yaml"
    assert revpack("import", notes, "-o", out).returncode == 0
    assert revpack("check", out).returncode == 0
    eruptions, examples = load_source(out).sections
    assert eruptions.image.alt == "A diagram of a volcano"
    text = out.read_text("utf-8")
    block = text.split("- title: Eruptions", 1)[1].split("points:", 1)[0]
    assert "# Check the alt text: Word wrote this description itself." in block
    assert (examples.image.alt, examples.image.data) == ("Etna erupting", CELL)
    assert [p.text.plain for p in examples.points] == ["Etna"]
