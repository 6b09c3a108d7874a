"""Pictures on factors and sections: checked when the source is read, drawn in the
summary and the worksheet (with their alt text), left out of the chart with one note."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import DATA, need, revpack, validate_docx
from revpack.loading.source import load_source
from revpack.problems import InputError

BIOLOGY = DATA / "images" / "photosynthesis.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("images")
    done = revpack("build", BIOLOGY, "-o", out)
    assert done.returncode == 0, done.stderr
    return out, done.stdout + done.stderr


def test_the_model_holds_each_picture_with_its_size_and_alt():
    source = load_source(BIOLOGY)
    leaf, cell = source.factors[0].image, source.sections[0].image
    assert (leaf.format, leaf.width, leaf.height) == ("png", 600, 360)
    assert (cell.format, cell.width, cell.height) == ("jpeg", 480, 480)
    assert leaf.data == (BIOLOGY.parent / "diagrams" / "leaf.png").read_bytes()
    assert cell.alt.startswith("A plant cell under the microscope")
    assert (leaf.mark.line, leaf.mark.column) == (10, 19)


def test_the_summary_draws_both_pictures_on_its_one_page(built):
    out, _ = built
    pdf = out / "photosynthesis-summary.pdf"
    listed = subprocess.run(
        [need("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = [line.split() for line in listed]
    images = [(r[3], r[4], r[8]) for r in rows if r[2] == "image"]
    assert sorted(images) == [("480", "480", "jpeg"), ("600", "360", "image")]
    assert len(PdfReader(pdf).pages) == 1


def test_the_worksheet_shows_the_pictures_with_their_alt_text(built):
    out, _ = built
    docx = out / "photosynthesis-worksheet.docx"
    validate_docx(docx)
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert archive.read(media[0]) == (BIOLOGY.parent / "diagrams" / "leaf.png").read_bytes()
    assert [m.rsplit(".", 1)[1] for m in media] == ["png", "jpg"]
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    # (the leaf's names a gap's answer, 'palisade layer', which a screen reader would
    # read out beside its gap: hidden, as in the sheet's headings)
    assert load_source(BIOLOGY).factors[0].image.alt.count("palisade layer") == 1
    assert described == [
        load_source(BIOLOGY).factors[0].image.alt.replace("palisade layer", "…"),
        load_source(BIOLOGY).sections[0].image.alt,
    ]


def test_the_chart_leaves_the_pictures_out_and_says_so_once(built):
    out, said = built
    notes = [line for line in said.splitlines() if "leaves out the factors' pictures" in line]
    assert len(notes) == 1 and notes[0].startswith(f"note: {BIOLOGY}:10:19: factor-chart")
    listed = subprocess.run(
        [need("pdfimages"), "-list", str(out / "photosynthesis-factor-chart.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len(listed.splitlines()) == 2  # the header only


def test_a_changed_picture_rebuilds_what_shows_it(tmp_path):
    folder = tmp_path / "bio"
    shutil.copytree(BIOLOGY.parent, folder)
    source = folder / BIOLOGY.name
    first = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert "1 written" in first.stdout + first.stderr
    again = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert "0 written, 1 unchanged" in again.stdout + again.stderr
    picture = folder / "diagrams" / "cell.jpg"
    data = bytearray(picture.read_bytes())
    data[-100] ^= 0x01  # one bit of the picture: same file name, size and source text
    picture.write_bytes(bytes(data))
    changed = revpack("build", source, "-l", "summary", "-o", tmp_path / "out")
    assert "1 written" in changed.stdout + changed.stderr, changed.stdout + changed.stderr


def png_bomb(width: int, height: int) -> bytes:
    """A valid greyscale PNG of width × height black pixels, small on disk: zlib packs
    the rows of zeros a thousandfold (made a row at a time, never whole in memory)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    packer = zlib.compressobj(9)
    row = bytes(width + 1)  # filter byte 0, then the pixels
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def source_with(tmp_path: Path, file: str, alt: str = "alt: A picture") -> Path:
    path = tmp_path / "pic.yaml"
    path.write_text(
        "title: Pictures\nfactors:\n  - title: One\n"
        f"    image: {{file: {file}, {alt}}}\n    points: [A point]\n",
        "utf-8",
    )
    return path


def problem_of(path: Path) -> str:
    with pytest.raises(InputError) as error:
        load_source(path)
    return "\n".join(map(str, error.value.problems))


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path):
    (tmp_path / "huge.png").write_bytes(png_bomb(20_000, 20_000))
    assert (tmp_path / "huge.png").stat().st_size < 1_000_000
    message = problem_of(source_with(tmp_path, "huge.png"))
    assert message.startswith(
        f"{tmp_path / 'pic.yaml'}:4:19: image 'huge.png' has "
        "20,000 × 20,000 pixels; the most is 40 megapixels"
    )
    done = revpack("build", tmp_path / "pic.yaml", "-o", tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_picture_just_over_the_pixel_limit_is_refused_too(tmp_path):
    (tmp_path / "big.png").write_bytes(png_bomb(8_000, 5_001))  # 40.008 megapixels
    assert "8,000 × 5,001 pixels" in problem_of(source_with(tmp_path, "big.png"))


def test_a_picture_far_longer_than_wide_is_refused_unread(tmp_path, monkeypatch):
    # 1 × 40,000,000 pixels is within the pixel limit; reading it took 10 s and 2 GB.
    from PIL import Image

    (tmp_path / "tall.png").write_bytes(png_bomb(1, 20_001))
    decoded = []
    real = Image.Image.load
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or real(self))
    assert problem_of(source_with(tmp_path, "tall.png")) == (
        f"{tmp_path / 'pic.yaml'}:4:19: image 'tall.png' is 1 × 20,001 pixels; the most across "
        "or down is 20,000: crop it, or save it smaller (a picture on a sheet needs about "
        "1500 pixels across)"
    )
    assert decoded == []


def test_the_pixels_of_one_sources_pictures_are_bounded_together(tmp_path, monkeypatch):
    # Sixty plain 40-megapixel pictures (7.8 MB in all) took a minute to check: the
    # pictures past the bound are refused before they are decoded.
    from revpack.loading import images

    for i in range(3):
        (tmp_path / f"p{i}.png").write_bytes(png_bomb(2_500, 2_000 + i))  # ~5 megapixels
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 11_000_000)
    (tmp_path / "small.png").write_bytes(png_bomb(10, 10))
    names = ["p0.png", "p1.png", "p2.png", "p0.png", "small.png"]
    message = problem_of(_many_images(tmp_path, names))
    assert message.count("this source's pictures come to more than 11 megapixels") == 1
    assert "with 'p2.png' (2,500 × 2,002 pixels)" in message
    assert "small.png" not in message  # (a refused picture leaves its room to the next)


def test_a_text_file_named_png_is_refused(tmp_path):
    (tmp_path / "notes.png").write_text("These are my notes, not a picture.\n", "utf-8")
    message = problem_of(source_with(tmp_path, "notes.png"))
    assert message == (
        f"{tmp_path / 'pic.yaml'}:4:19: 'notes.png' is not a picture revpack "
        "can read; use a PNG or JPEG file"
    )


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (None, "no image file 'gone.png' (looked for"),
        ("large", "image 'gone.png' is 11.5 MB; the most is 10 MB"),
        ("gif", "image 'gone.png' is a GIF file; use a PNG or JPEG"),
        ("cut", "image 'gone.png' is damaged or cut short"),
    ],
)
def test_other_unusable_pictures_are_refused_where_they_are_named(tmp_path, make, expected):
    target = tmp_path / "gone.png"
    if make == "large":
        target.write_bytes(b"\x89PNG" + bytes(11_500_000 - 4))
    elif make == "gif":
        from PIL import Image

        Image.new("RGB", (4, 4)).save(target, format="GIF")
    elif make == "cut":
        data = (BIOLOGY.parent / "diagrams" / "leaf.png").read_bytes()
        target.write_bytes(data[: len(data) // 2])
    message = problem_of(source_with(tmp_path, "gone.png"))
    assert message.startswith(f"{tmp_path / 'pic.yaml'}:4:19: {expected}"), message


def test_a_picture_needs_its_alt_text(tmp_path):
    (tmp_path / "leaf.png").write_bytes((BIOLOGY.parent / "diagrams" / "leaf.png").read_bytes())
    message = problem_of(source_with(tmp_path, "leaf.png", alt="title: x"))
    assert f"{tmp_path / 'pic.yaml'}:4:12: an image needs 'alt'" in message


def _many_images(tmp_path: Path, files: list[str]) -> Path:
    sections = "".join(
        f"  - title: S{i}\n    image: {{file: {file}, alt: A picture}}\n    points: [A point]\n"
        for i, file in enumerate(files)
    )
    path = tmp_path / "many.yaml"
    path.write_text(
        "title: Pictures\nfactors:\n  - title: One\n    points: [A point]\n"
        f"  - title: Two\n    points: [A point]\nsections:\n{sections}",
        "utf-8",
    )
    return path


def test_a_picture_named_by_many_images_is_read_once(tmp_path, monkeypatch):
    leaf = BIOLOGY.parent / "diagrams" / "leaf.png"
    shutil.copy(leaf, tmp_path / "leaf.png")
    path = _many_images(tmp_path, ["leaf.png", "./leaf.png"] * 50)
    reads = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real(self))
    source = load_source(path)
    assert len([p for p in reads if p.suffix == ".png"]) == 1
    images = [s.image for s in source.sections]
    assert len(images) == 100 and all(i.data is images[0].data for i in images)
    assert [i.file for i in images[:2]] == ["leaf.png", "./leaf.png"]
    assert images[1].mark.line == images[0].mark.line + 3


def test_the_pictures_of_one_source_are_bounded_together(tmp_path, monkeypatch):
    from revpack.loading import images

    leaf = (BIOLOGY.parent / "diagrams" / "leaf.png").read_bytes()
    for i in range(3):
        (tmp_path / f"p{i}.png").write_bytes(leaf + b"\0" * i)  # three different files
    monkeypatch.setattr(images, "MAX_TOTAL_BYTES", 2 * len(leaf) + 1)
    message = problem_of(_many_images(tmp_path, ["p0.png", "p1.png", "p2.png", "p2.png"]))
    assert message.count("this source's pictures come to more than") == 2  # p2, twice
    assert "with 'p2.png'" in message


def _photo(path: Path, size: tuple[int, int]) -> None:
    """A photo-like JPEG (smooth colours, so that it compresses as a photo does)."""
    from PIL import Image

    Image.linear_gradient("L").resize(size).convert("RGB").save(path, "JPEG", quality=92)


def test_a_cut_short_jpeg_is_refused_where_it_is_named(tmp_path):
    # `check` passed it; the build then failed with an internal error and wrote the
    # DOCX and HTML with the broken picture in them.
    _photo(tmp_path / "whole.jpg", (800, 600))
    data = (tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) * 2 // 3])
    message = problem_of(source_with(tmp_path, "cut.jpg"))
    assert message == (
        f"{tmp_path / 'pic.yaml'}:4:19: image 'cut.jpg' is damaged or cut short; save it again"
    )


@pytest.mark.parametrize(
    ("name", "size"), [("photo.jpg", (4000, 3000)), ("scan.png", (2000, 3200))]
)
def test_a_picture_larger_than_print_needs_is_scaled_down_when_read(tmp_path, name, size):
    # A phone's 12-megapixel photos were printed at full size: eight made two 50 MB PDFs
    # and took more than a gigabyte to build.
    from PIL import Image

    if name.endswith(".jpg"):
        _photo(tmp_path / name, size)
    else:
        Image.linear_gradient("L").resize(size).save(tmp_path / name)
    source = load_source(source_with(tmp_path, name))
    [picture] = [f.image for f in source.factors]
    longest = 2400
    assert max(picture.width, picture.height) == longest
    assert picture.width / picture.height == pytest.approx(size[0] / size[1], rel=0.01)
    with Image.open(__import__("io").BytesIO(picture.data)) as read:
        assert read.size == (picture.width, picture.height)
        assert read.format == ("JPEG" if name.endswith(".jpg") else "PNG")
    done = revpack("build", tmp_path / "pic.yaml", "-l", "summary", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [need("pdfimages"), "-list", tmp_path / "out" / "pic-summary.pdf"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert [tuple(map(int, line.split()[3:5])) for line in listed] == [
        (picture.width, picture.height)
    ]


def _drawn_widths(pdf: Path) -> list[float]:
    """The width in points of every picture drawn in `pdf`."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [round(image["width"], 1) for page in document.pages for image in page.images]


def test_a_small_picture_is_never_printed_beyond_its_own_size(tmp_path):
    # A 40-pixel icon was printed 7 cm wide on the worksheet (a blur taking a third of a
    # page), 5 cm on the summary, and drawn 200 pixels wide on the worksheet page.
    from PIL import Image

    Image.new("RGB", (40, 40), "gold").save(tmp_path / "coin.png")
    Image.new("RGB", (4000, 400), "grey").save(tmp_path / "wall.png")
    path = tmp_path / "romans.yaml"
    path.write_text(
        "title: Romans\nfactors:\n  - title: Money\n"
        "    image: {file: coin.png, alt: A gold coin}\n"
        "    points: [The ==denarius== was a silver coin.]\n"
        "  - title: The wall\n    image: {file: wall.png, alt: Hadrian's Wall}\n"
        "    points: [==Hadrian== built a wall.]\n",
        "utf-8",
    )
    out = tmp_path / "out"
    for layout, format in (("worksheet", "pdf"), ("summary", "pdf"), ("worksheet", "html")):
        done = revpack("build", path, "-l", layout, "-f", format, "-o", out)
        assert done.returncode == 0, done.stderr
    text_width = 595.28 - 2 * 56.7  # (A4, the worksheet's margins)
    worksheet = _drawn_widths(out / "romans-worksheet.pdf")
    assert 30.0 in worksheet  # (40 pixels at 96 an inch)
    # (a panorama takes the whole text width, not 60 % of it: 10:1 was a thin strip)
    assert max(worksheet) == pytest.approx(text_width, abs=30)
    assert 30.0 in _drawn_widths(out / "romans-summary.pdf")
    page = (out / "romans-worksheet.html").read_text("utf-8")
    assert re.search(r'alt="A gold coin" width="40" height="40"', page)


def test_a_pictures_alt_text_never_answers_the_gaps_beside_it(tmp_path):
    # The stretch sheet's picture was described as 'A sketch of Senlac Hill with the
    # English shield wall on the ridge', and 'Senlac Hill' and 'shield wall' were gaps: a
    # screen reader read both answers out.
    from PIL import Image

    Image.new("RGB", (300, 200), "green").save(tmp_path / "hill.png")
    path = tmp_path / "hastings.yaml"
    path.write_text(
        "title: Hastings\nfactors:\n  - title: The battle\n"
        "    image: {file: hill.png, alt: A sketch of Senlac Hill with the English shield"
        " wall on the ridge}\n"
        "    points: [Harold stood on ==Senlac Hill==., The ==shield wall== held for hours.]\n",
        "utf-8",
    )
    out = tmp_path / "out"
    done = revpack("build", path, "-l", "worksheet-stretch", "-f", "docx", "-f", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out / "hastings-worksheet-stretch.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    page = (out / "hastings-worksheet-stretch.html").read_text("utf-8")
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
    assert described == alts == ["A sketch of … with the English … on the ridge"]


@pytest.mark.parametrize("name", ["ABSOLUTE", "~/Pictures/leaf.png"])
def test_a_picture_named_from_the_root_of_the_disk_is_refused(tmp_path, name):
    # '/home/…/x.png' was read and printed: a shared source could put any picture on
    # the teacher's machine into the sheets shared back.
    from PIL import Image

    Image.new("RGB", (30, 20), "green").save(tmp_path / "leaf.png")
    file = str(tmp_path / "leaf.png") if name == "ABSOLUTE" else name
    message = problem_of(source_with(tmp_path, file))
    assert message.startswith(f"{tmp_path / 'pic.yaml'}:4:19: image '{file}' is named from")
    assert "relative to the source file" in message
