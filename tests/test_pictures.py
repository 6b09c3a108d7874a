"""Pictures in imported Markdown notes: a file beside the notes that a source can draw
becomes the `image:` of its factor or section, by its path from the written source; any
other picture stays a comment saying why. The source checks and builds with the picture
in it."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image as Pillow

from helpers import need, revpack, validate_docx
from revpack.authoring.pictures import (
    Picture,
    PictureFile,
    Placer,
    alt_from_name,
    check_data,
    safe_name,
    write_pictures,
)
from revpack.loading.source import load_source
from revpack.problems import InputError


def picture(size: tuple[int, int], kind: str = "PNG", colour: str = "green") -> bytes:
    """A picture of `size` pixels, in Pillow's format `kind`."""
    out = io.BytesIO()
    Pillow.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


NOTES = """# Leaves

## Why are leaves green?

### Chlorophyll

![A leaf in cross-section, its palisade layer labelled](diagrams/leaf.png)

==Chlorophyll== absorbs red and blue light. It reflects green.

![A second leaf](diagrams/second.png)

### Stomata

![](diagrams/stomata-close_up.png)

==Stomata== let gases in and out.

### Water

![Roots in soil](diagrams/roots.png)

![Rain](https://example.org/rain.png)

Water comes up from the ==roots==.

## Diagrams

![A missing diagram](diagrams/none.png)

![A text file](diagrams/notes.png)

![A bomb](diagrams/bomb.png)

Look at the diagrams closely.
"""


def _bomb() -> bytes:
    """A PNG whose header says 20,000 × 20,000 pixels (its data is never read)."""
    data = bytearray(picture((1, 1)))
    data[16:24] = (20_000).to_bytes(4, "big") * 2
    return bytes(data)


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("notes")
    diagrams = folder / "diagrams"
    diagrams.mkdir()
    (diagrams / "leaf.png").write_bytes(picture((300, 200)))
    (diagrams / "second.png").write_bytes(picture((100, 100), colour="blue"))
    (diagrams / "stomata-close_up.png").write_bytes(picture((120, 80), colour="red"))
    (diagrams / "roots.png").write_bytes(picture((90, 60), "JPEG", "brown"))
    (diagrams / "notes.png").write_text("not a picture", "utf-8")
    (diagrams / "bomb.png").write_bytes(_bomb())
    path = folder / "leaves.md"
    path.write_text(NOTES, "utf-8")
    return path


@pytest.fixture(scope="module")
def imported(notes, tmp_path_factory) -> Path:
    """The notes imported into a source in another folder than theirs."""
    out = tmp_path_factory.mktemp("elsewhere") / "sources" / "leaves.yaml"
    out.parent.mkdir()
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 0, done.stderr
    assert not done.stderr.replace(f"wrote {out}", "").strip()  # nothing to fix
    return out


def test_each_picture_is_the_image_of_its_factor_by_its_path_from_the_source(notes, imported):
    source = load_source(imported)
    chlorophyll, stomata, water = source.factors
    image = chlorophyll.image
    assert image is not None
    assert image.alt == "A leaf in cross-section, its palisade layer labelled"
    assert image.data == (notes.parent / "diagrams" / "leaf.png").read_bytes()
    assert not Path(image.file).is_absolute() and image.file.endswith("/diagrams/leaf.png")
    assert (imported.parent / image.file).resolve() == (notes.parent / "diagrams/leaf.png")
    assert water.image is not None and water.image.format == "jpeg"
    assert water.image.alt == "Roots in soil"
    # A picture alone in its paragraph leaves no point behind; the words stay points.
    assert [p.text.plain for p in chlorophyll.points] == [
        "Chlorophyll absorbs red and blue light.",  # plain: without the == marks
        "It reflects green.",
    ]
    assert stomata.image is not None


def test_a_picture_with_no_alt_text_gets_its_file_name_and_a_request_to_describe_it(imported):
    text = imported.read_text("utf-8")
    stomata = load_source(imported).factors[1]
    assert stomata.image is not None and stomata.image.alt == "stomata close up"
    assert alt_from_name("stomata-close_up.png") == "stomata close up"
    block = text.split("- title: Stomata", 1)[1].split("points:", 1)[0]
    assert "# Describe the picture for readers who cannot see it" in block


def test_pictures_a_source_cannot_draw_stay_comments_saying_why(imported):
    # The comments' words, joined up again.
    text = " ".join(line.strip().lstrip("#") for line in imported.read_text("utf-8").splitlines())
    text = " ".join(text.split())
    # A second picture on one factor: the line to move elsewhere.
    assert re.search(
        r'A picture was here: diagrams/second.png \("A second leaf"\), but a factor or '
        r"section has one picture .*give the factor or section it belongs to the line "
        r'image: \{file: \S+/diagrams/second.png, alt: "A second leaf"\}',
        text,
    )
    assert 'An image from the web was here ("Rain")' in text
    assert "An image was here: diagrams/none.png" in text
    assert "but there is no such file beside the notes" in text
    assert re.search(r"diagrams/notes.png \(\"A text file\"\), but a source cannot draw it", text)
    assert "is not a picture revpack can read" in text
    assert re.search(r"diagrams/bomb.png .*20,000 × 20,000 pixels", text)
    # Their alt text stays a point, as nothing else keeps it.
    diagrams = next(s for s in load_source(imported).sections if s.title.plain == "Diagrams")
    assert [p.text.plain for p in diagrams.points][:3] == [
        "A missing diagram",
        "A text file",
        "A bomb",
    ]
    assert diagrams.image is None


def test_the_imported_source_checks_and_builds_with_its_pictures(imported, tmp_path):
    assert revpack("check", imported).returncode == 0
    done = revpack("build", imported, "-l", "summary", "-l", "worksheet", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [need("pdfimages"), "-list", str(tmp_path / "leaves-summary.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    sizes = sorted((row.split()[3], row.split()[4]) for row in listed if row.split()[2] == "image")
    assert sizes == [("120", "80"), ("300", "200"), ("90", "60")]
    worksheet = tmp_path / "leaves-worksheet.docx"
    validate_docx(worksheet)
    with zipfile.ZipFile(worksheet) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    # (a description hides the answers of the gaps beside it: 'stomata' and 'roots')
    assert re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml) == [
        "A leaf in cross-section, its palisade layer labelled",
        "… close up",
        "… in soil",
    ]


def test_printed_the_paths_are_from_the_current_folder(notes):
    done = revpack("import", notes.name, cwd=notes.parent)
    assert done.returncode == 0, done.stderr
    assert "      file: diagrams/leaf.png\n" in done.stdout


def test_the_checks_are_the_sources_own():
    assert check_data(picture((10, 10)), "a.png", "alt") == ""
    assert "is a GIF file; use a PNG or JPEG" in check_data(picture((10, 10), "GIF"), "a.gif", "x")
    assert "20,000 × 20,000 pixels" in check_data(_bomb(), "big.png", "x")
    assert "not a picture revpack can read" in check_data(b"hello", "a.png", "x")


def test_safe_names():
    assert safe_name("image1.png") == "image1.png"
    assert safe_name("../../etc/pass wd.PNG") == "pass-wd.png"
    assert safe_name("...") == "picture"


def test_a_word_picture_never_replaces_another_file(tmp_path):
    source = tmp_path / "topic.yaml"
    folder = tmp_path / "topic-images"
    folder.mkdir()
    theirs, same = picture((5, 5), colour="red"), picture((6, 6))
    (folder / "image1.png").write_bytes(theirs)
    (folder / "image2.png").write_bytes(same)
    placer = Placer(source)
    first = placer.place(Picture("image1.png", "a", data=picture((7, 7))))
    again = placer.place(Picture("image1.png", "a", data=picture((7, 7))))
    second = placer.place(Picture("image2.png", "b", data=same))
    other = placer.place(Picture("image1.png", "c", data=picture((8, 8))))
    assert first.file == again.file == "topic-images/image1-2.png"
    assert "image1.png was already there" in " ".join(first.notes)
    assert second.file == "topic-images/image2.png" and not second.notes
    assert other.file == "topic-images/image1-3.png"
    written = write_pictures(tuple(placer.files.values()))
    assert written == [folder / "image1-2.png", folder / "image1-3.png"]
    assert (folder / "image1.png").read_bytes() == theirs
    assert write_pictures(tuple(placer.files.values())) == []  # already there: untouched


def test_a_word_picture_printed_is_not_placed():
    placed = Placer(None).place(Picture("image1.png", "a", data=b"x"))
    assert not placed.file and "import with -o FILE" in placed.unplaced


def test_a_picture_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x", "utf-8")
    with pytest.raises(InputError) as caught:
        write_pictures((PictureFile(blocked / "image1.png", b"data"),))
    assert "cannot write picture" in str(caught.value.problems[0])


def test_pictures_in_lists_and_above_the_title(tmp_path):
    for name in ("logo", "section", "plates"):
        (tmp_path / f"{name}.png").write_bytes(picture((40, 30)))
    notes = tmp_path / "volcanoes.md"
    notes.write_text(
        "![School logo](logo.png)\n\n# Volcanoes\n\n## Why do volcanoes erupt?\n\n"
        "- Pressure: magma rises ![a cross-section](section.png).\n"
        "- Plates: where plates meet.\n  - ![Plate boundaries](plates.png)\n",
        "utf-8",
    )
    out = tmp_path / "volcanoes.yaml"
    done = revpack("import", notes, "-o", out)
    assert done.returncode == 0, done.stderr
    assert revpack("check", out).returncode == 0
    source = load_source(out)
    assert source.title.plain == "Volcanoes"  # the logo above it does not take its place
    pressure, plates = source.factors
    assert (pressure.image.file, pressure.image.alt) == ("section.png", "a cross-section")
    assert [p.text.plain for p in pressure.points] == ["magma rises."]
    assert (plates.image.file, plates.image.alt) == ("plates.png", "Plate boundaries")
    assert [p.text.plain for p in plates.points] == ["where plates meet."]
    text = " ".join(
        " ".join(line.strip().lstrip("#") for line in out.read_text().splitlines()).split()
    )
    assert (
        'A picture was here: logo.png ("School logo"), before the first factor or section, '
        "where a source has no place for it. To draw it, give a factor or section the line "
        'image: {file: logo.png, alt: "School logo"}'
    ) in text
