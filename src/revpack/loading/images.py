"""Pictures on factors and sections: `image: {file, alt}`, a PNG or JPEG next to the source.

Each is checked before anything decodes it: the file's size first, then the pixel size
that Pillow reads from the header alone, so a small file that would decode to gigabytes
(a decompression bomb) is refused unread. A file named by several images is read once,
and one source's pictures come to at most MAX_TOTAL_BYTES.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

from revpack.loading.spec import Key, Record, TextSpec
from revpack.loading.yamltree import Map, Node, Scalar, Seq
from revpack.model import Image
from revpack.problems import Problem

MAX_BYTES = 10 * 1024 * 1024
"""The largest picture file, in bytes (10 MB)."""
MAX_PIXELS = 40_000_000
"""The most pixels a picture may have (40 megapixels)."""
MAX_SIDE = 20_000
"""The most pixels a picture may have across or down (a picture 1 pixel wide and 40
million tall has no more than MAX_PIXELS, and took 10 s and 2 GB to read)."""
MAX_TOTAL_BYTES = 50 * 1024 * 1024
"""The most bytes all the different pictures of one source may have together (50 MB)."""
MAX_TOTAL_PIXELS = 250_000_000
"""The most pixels all the different pictures of one source may have together (250
megapixels: twenty photos of a 12-megapixel phone), so that reading them takes seconds
(sixty plain 40-megapixel pictures of 7.8 MB in all took a minute)."""
FORMATS = {"PNG": "png", "JPEG": "jpeg"}
"""Pillow's format names → the formats revpack prints."""

IMAGE = Record(
    {
        "file": Key(
            TextSpec(description="A PNG or JPEG file, relative to the source file."), required=True
        ),
        "alt": Key(
            TextSpec(
                description="What the picture shows, for readers who cannot see "
                "it (the picture's description in DOCX, its alt in "
                "HTML)."
            ),
            required=True,
        ),
    },
    name="an image",
    description="A picture drawn with the factor or section.",
)


def read_images(tree: Node, folder: Path, problems: list[Problem]) -> dict[int, Image]:
    """Every factor's and section's picture, read and checked, by id of its `file:`
    scalar; a picture that cannot be used is a problem at its `file:`."""
    found: dict[int, Image] = {}
    seen: dict[str, Image | str] = {}  # a file named twice is read once: 150 images of
    total = 0  # one 8 MB picture held 1.2 GB
    budget = PixelBudget(MAX_TOTAL_PIXELS)
    for node in _image_nodes(tree):
        file = node.entries.get("file", (None, None))[1]
        alt = node.entries.get("alt", (None, None))[1]
        if not isinstance(file, Scalar) or not file.text.strip() or not isinstance(alt, Scalar):
            continue  # the shape check reports it
        where = os.path.realpath(folder / file.text.strip())
        known = seen.get(where)
        if known is None:
            mine: list[Problem] = []
            image = read_image(file, alt.text.strip(), folder, mine, budget)
            total += len(image.data) if image is not None else 0
            if image is not None and total > MAX_TOTAL_BYTES:
                mine.append(
                    Problem(
                        file.mark,
                        f"this source's pictures come to more than "
                        f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB with '{file.text.strip()}'; "
                        "save them smaller (a picture on a sheet needs about 1500 pixels "
                        "across)",
                    )
                )
                image = None
            known = seen[where] = image if image is not None else mine[0].message
        if isinstance(known, str):
            problems.append(Problem(file.mark, known))
        else:
            found[id(file)] = dataclasses.replace(
                known, alt=alt.text.strip(), file=file.text.strip(), mark=file.mark
            )
    return found


def _image_nodes(tree: Node) -> Iterator[Map]:
    if not isinstance(tree, Map):
        return
    for key in ("factors", "sections"):
        items = tree.entries.get(key, (None, None))[1]
        for item in items.items if isinstance(items, Seq) else ():
            image = item.entries.get("image", (None, None))[1] if isinstance(item, Map) else None
            if isinstance(image, Map):
                yield image


@dataclasses.dataclass
class PixelBudget:
    """The pixels one source's pictures may still decode to (MAX_TOTAL_PIXELS at first)."""

    left: int
    """How many pixels are left."""


def read_image(
    file: Scalar, alt: str, folder: Path, problems: list[Problem], budget: PixelBudget | None = None
) -> Image | None:
    """The picture `file` names, or None with a problem saying why it cannot be used
    (among them, that its pixels are more than `budget` has left: it is not decoded)."""
    name = file.text.strip()
    if Path(name).is_absolute() or name.startswith("~"):
        # (a source shared by a colleague could otherwise put any picture on this
        # machine into the sheets shared back; and it would find nothing on another)
        problems.append(
            Problem(
                file.mark,
                f"image '{name}' is named from the root of the disk; name it relative to "
                "the source file (pictures/map.png), so that the notes and their pictures "
                "move together",
            )
        )
        return None
    path = folder / name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IsADirectoryError
    except IsADirectoryError:
        what = "a folder" if path.is_dir() else "a pipe or a device"
        problems.append(Problem(file.mark, f"image '{name}' is {what}, not a picture"))
        return None
    except OSError:
        problems.append(
            Problem(
                file.mark,
                f"no image file '{name}' (looked for {path}); "
                "the path is relative to the source file",
            )
        )
        return None
    if size > MAX_BYTES:
        problems.append(
            Problem(
                file.mark,
                f"image '{name}' is {size / 1e6:.1f} MB; the "
                f"most is {MAX_BYTES // (1024 * 1024)} MB: save it smaller "
                "(a picture on a sheet needs about 1500 pixels across)",
            )
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(file.mark, f"cannot read image '{name}': {exc.strerror}"))
        return None
    checked = _check(data, name)
    if isinstance(checked, str):
        problems.append(Problem(file.mark, checked))
        return None
    width, height, kind = checked
    if budget is not None:
        if width * height > budget.left:
            problems.append(
                Problem(
                    file.mark,
                    f"this source's pictures come to more than {MAX_TOTAL_PIXELS // 1_000_000} "
                    f"megapixels with '{name}' ({width:,} × {height:,} pixels); save them "
                    "smaller (a picture on a sheet needs about 1500 pixels across)",
                )
            )
            return None
    digest = hashlib.sha256(data).hexdigest()
    printed = _printable(data, kind, width, height)
    if isinstance(printed, str):
        problems.append(Problem(file.mark, printed.format(name=name)))
        return None
    if budget is not None:  # (only a picture taken counts: one refused leaves its room)
        budget.left -= checked[0] * checked[1]
    data, width, height = printed
    return Image(
        data=data,
        digest=digest,
        alt=alt,
        width=width,
        height=height,
        format=kind,
        file=name,
        mark=file.mark,
    )


def _check(data: bytes, name: str) -> tuple[int, int, str] | str:
    """(width, height, format) of a usable PNG or JPEG, or what is wrong with it."""
    from PIL import Image as Pillow
    from PIL import UnidentifiedImageError

    declared = _png_size(data)
    if declared and declared[0] * declared[1] > MAX_PIXELS:
        return _too_many(name, declared)
    if declared and max(declared) > MAX_SIDE:
        return _too_long(name, declared)
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past its own limit; ours is lower and checked
            # below from the header, before any pixel is decoded.
            warnings.simplefilter("ignore", Pillow.DecompressionBombWarning)
            picture = Pillow.open(io.BytesIO(data))
    except Pillow.DecompressionBombError:
        return _too_many(name, None)
    except (UnidentifiedImageError, OSError, ValueError):
        return f"'{name}' is not a picture revpack can read; use a PNG or JPEG file"
    with picture:
        kind = FORMATS.get(picture.format or "")
        if kind is None:
            return (
                f"image '{name}' is a {picture.format} file; use a PNG or JPEG "
                "(save or export it as one)"
            )
        width, height = picture.size
        if width * height > MAX_PIXELS:
            return _too_many(name, (width, height))
        if max(width, height) > MAX_SIDE:
            return _too_long(name, (width, height))
        try:
            if kind == "jpeg":
                # A JPEG has no checksums to verify: decode it, at an eighth of its size
                # (cheaply), to find one cut short.
                picture.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                picture.load()
            else:
                picture.verify()  # the file's structure and checksums, without decoding it
        except Exception:  # noqa: BLE001 (Pillow raises many kinds for a damaged file)
            return f"image '{name}' is damaged or cut short; save it again"
    return width, height, kind


PRINT_PIXELS = 2400
"""The longest side a picture keeps: 2,400 pixels print a sheet's widest picture (20 cm) at
300 dots an inch. A larger one (a phone's 12-megapixel photo) is scaled down once, when
it is read: printed as it was, eight of them made two 50 MB PDFs and took a gigabyte."""


def _printable(data: bytes, kind: str, width: int, height: int) -> tuple[bytes, int, int] | str:
    """The picture as it is printed: as it is when its longest side is PRINT_PIXELS or
    less, else scaled down to that (a JPEG decoded at a fraction of its size to start
    with) and saved again in its own format; or what is wrong with it ('{name}' for its
    file's name)."""
    if max(width, height) <= PRINT_PIXELS:
        return data, width, height
    from PIL import Image as Pillow

    scale = PRINT_PIXELS / max(width, height)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    try:
        with Pillow.open(io.BytesIO(data)) as picture:
            if kind == "jpeg":
                picture.draft("RGB", target)
            picture.load()
            # (halving by averaging boxes first, then LANCZOS over the last factor of two or
            # less: a 40-megapixel picture in a fraction of the time, looking the same)
            smaller = picture.resize(target, Pillow.Resampling.LANCZOS, reducing_gap=2.0)
    except (OSError, ValueError):
        return "image '{name}' is damaged or cut short; save it again"
    if smaller.mode not in ("1", "L", "LA", "RGB", "RGBA", "P"):
        smaller = smaller.convert("RGBA" if "A" in smaller.mode else "RGB")
    out = io.BytesIO()
    if kind == "jpeg":
        smaller.convert("RGB").save(out, "JPEG", quality=90)
    else:
        smaller.save(out, "PNG")
    return out.getvalue(), smaller.width, smaller.height


def _png_size(data: bytes) -> tuple[int, int] | None:
    """The pixel size a PNG's header declares (its first chunk, IHDR), or None."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _too_many(name: str, size: tuple[int, int] | None) -> str:
    pixels = f"{size[0]:,} × {size[1]:,} pixels" if size else "far too many pixels"
    return (
        f"image '{name}' has {pixels}; the most is {MAX_PIXELS // 1_000_000} "
        "megapixels: save it smaller (a picture on a sheet needs about 1500 pixels "
        "across)"
    )


def _too_long(name: str, size: tuple[int, int]) -> str:
    return (
        f"image '{name}' is {size[0]:,} × {size[1]:,} pixels; the most across or down is "
        f"{MAX_SIDE:,}: crop it, or save it smaller (a picture on a sheet needs about 1500 "
        "pixels across)"
    )
