"""Pictures that imported notes carry: checked as a source checks them, then kept as
`image: {file, alt}` entries (DESIGN §10).

A Markdown picture is a file beside the notes: the source names it where it is. A Word
picture is inside the .docx: it is written into a folder beside the source
(`<source>-images/image1.png`), never over a different file that is already there.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from revpack.loading.images import PixelBudget, read_image
from revpack.loading.yamltree import Scalar
from revpack.problems import InputError, Mark, Problem


@dataclass(frozen=True)
class Picture:
    """A picture in the notes that passes a source's image checks."""

    name: str
    """Its file name as the notes give it (a Markdown path, a Word media file's name)."""
    alt: str
    """Its alt text as the notes give it ("" for none)."""
    path: Path | None = None
    """A Markdown picture: the file beside the notes (resolved). None for a Word picture."""
    data: bytes = b""
    """A Word picture: its bytes, to be written beside the source."""
    file: str = ""
    """The path the source gives it, relative to the source ("" until placed, or if it
    could not be placed)."""
    unplaced: str = ""
    """Why it has no `file` ("" once placed)."""
    notes: tuple[str, ...] = ()
    """Comments for the teacher about it (its description was Word's own guess; a file of
    the same name was already there, so it has another)."""

    def entry(self) -> str:
        """The `image:` line a teacher can paste, for a picture revpack did not write."""
        alt = (self.alt or alt_from_name(self.name)).replace('"', "'")
        return f'image: {{file: {self.file or self.name}, alt: "{alt}"}}'

    def said(self) -> str:
        """How comments name it: `leaf.png ("A leaf")`."""
        return f'{self.name} ("{self.alt}")' if self.alt else self.name


@dataclass(frozen=True)
class PictureFile:
    """A Word picture to write beside the source."""

    path: Path
    """Where it goes."""
    data: bytes
    """Its bytes."""


def alt_from_name(name: str) -> str:
    """Alt text made from a file name, for a picture the notes gave none:
    `leaf-cross_section.png` → `leaf cross section`."""
    words = " ".join(re.split(r"[-_\s.]+", Path(name).stem)).strip()
    return words or "picture"


def check_file(folder: Path, name: str, alt: str, budget: PixelBudget | None = None) -> str:
    """ "" if the file `name` in `folder` is a picture a source can use, else what is wrong
    with it (the same checks, and messages, as `revpack check`; with the pixels the notes'
    other pictures leave in `budget`)."""
    problems: list[Problem] = []
    read_image(Scalar(name, Mark(name, 1, 1)), alt or name, folder, problems, budget)
    return problems[0].message if problems else ""


def check_data(data: bytes, name: str, alt: str, budget: PixelBudget | None = None) -> str:
    """`check_file` for a picture's bytes (a picture inside a .docx)."""
    safe = safe_name(name)
    with tempfile.TemporaryDirectory(prefix="revpack-picture-") as folder:
        (Path(folder) / safe).write_bytes(data)
        message = check_file(Path(folder), safe, alt, budget)
    return message.replace(f"'{safe}'", f"'{name}'")


def safe_name(name: str) -> str:
    """A file name made only of letters, digits, `.`, `-` and `_`."""
    stem, dot, suffix = Path(name).name.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem if dot else suffix).strip("-.") or "picture"
    suffix = re.sub(r"[^A-Za-z0-9]+", "", suffix).lower() if dot else ""
    return f"{stem[:60]}.{suffix[:8]}" if suffix else stem[:60]


@dataclass
class Placer:
    """Decides the path each picture has in a source written to `source` (None: printed,
    so the source's folder is the current one and Word pictures cannot be written)."""

    source: Path | None
    files: dict[bytes, PictureFile]
    """The Word pictures to write, by their bytes (a picture used twice is written once)."""

    def __init__(self, source: Path | None):
        self.source = source
        self.files = {}

    @property
    def folder(self) -> Path:
        """The folder the source is written to."""
        return (self.source.parent if self.source is not None else Path.cwd()).resolve()

    def place(self, picture: Picture) -> Picture:
        """`picture` with its `file` as the source gives it, or why it has none."""
        if picture.path is not None:
            return self._beside(picture)
        if self.source is None:
            return replace(
                picture,
                unplaced="a picture inside a Word file is kept only when the source is "
                "written to a file: import with -o FILE",
            )
        return self._extracted(picture)

    def _beside(self, picture: Picture) -> Picture:
        assert picture.path is not None
        try:
            relative = Path(os.path.relpath(picture.path, self.folder)).as_posix()
        except ValueError:  # another drive
            relative = picture.path.as_posix()
        if relative != " ".join(relative.split()):
            return replace(picture, unplaced="its path has spaces a source cannot keep")
        return replace(picture, file=relative)

    def _extracted(self, picture: Picture) -> Picture:
        assert self.source is not None
        known = self.files.get(picture.data)
        if known is not None:
            return replace(picture, file=self._relative(known.path))
        folder = self.source.parent / f"{safe_name(self.source.stem)}-images"
        if folder.exists() and not folder.is_dir():
            return replace(picture, unplaced=f"{folder} is a file, so the pictures have no folder")
        wanted = safe_name(picture.name)
        path, notes = self._free(folder, wanted, picture.data), picture.notes
        if path.name != wanted:
            notes += (
                f"{folder.name}/{wanted} was already there with another picture in it, so "
                f"this one is {path.name}.",
            )
        self.files[picture.data] = PictureFile(path, picture.data)
        return replace(picture, file=self._relative(path), notes=notes)

    def _free(self, folder: Path, name: str, data: bytes) -> Path:
        """`folder/name`, or `name-2`, `name-3`… : the first path that is free or already
        holds these bytes; never one that holds another file or is taken by another picture
        of these notes."""
        stem, suffix = Path(name).stem, Path(name).suffix
        taken = {f.path for f in self.files.values()}
        number = 1
        while True:
            path = folder / (name if number == 1 else f"{stem}-{number}{suffix}")
            if path not in taken and (not path.exists() or _holds(path, data)):
                return path
            number += 1

    def _relative(self, path: Path) -> str:
        assert self.source is not None
        return path.relative_to(self.source.parent).as_posix()


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_pictures(files: tuple[PictureFile, ...]) -> list[Path]:
    """Write the Word pictures beside the source; a file already there with the same bytes is
    left as it is, and none is ever overwritten. Returns the paths written."""
    written = []
    for picture in files:
        if _holds(picture.path, picture.data):
            continue
        try:
            picture.path.parent.mkdir(parents=True, exist_ok=True)
            with open(picture.path, "xb") as handle:  # "x": fails rather than overwrite
                handle.write(picture.data)
        except OSError as exc:
            raise InputError(
                [
                    Problem(
                        Mark(str(picture.path), 1, 1),
                        f"cannot write picture: {exc.strerror or exc}",
                    )
                ]
            ) from None
        written.append(picture.path)
    return written
