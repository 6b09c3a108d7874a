"""The pictures in a Word paragraph: `w:drawing` (inline or floating) whose `a:blip`
embeds an image part; the alt text is the drawing's description (`wp:docPr/@descr`), else
its title. Each is checked as a source checks a picture (authoring.pictures)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from revpack.authoring.pictures import Picture, check_data
from revpack.loading.images import MAX_TOTAL_PIXELS, PixelBudget

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from lxml.etree import _Element

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_V = "urn:schemas-microsoft-com:vml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_DRAWING = f"{{{_W}}}drawing"
_BLIP = f"{{{_A}}}blip"
_IMAGEDATA = f"{{{_V}}}imagedata"
_FALLBACK = f"{{{_MC}}}Fallback"
_TEXT_BOX = f"{{{_W}}}txbxContent"


@dataclass(frozen=True)
class Found:
    """What the pictures of some paragraphs leave."""

    pictures: tuple[Picture, ...] = ()
    """Those a source can draw."""
    notes: tuple[str, ...] = ()
    """One for each picture it cannot, saying why."""
    alts: tuple[str, ...] = ()
    """The alt text of those it cannot (kept as text, as nothing else keeps them)."""

    @property
    def note(self) -> str:
        """The notes as one comment."""
        return " ".join(self.notes)


@dataclass
class Checked:
    """The pictures of one Word file checked so far: each is read once, and all of them
    decode to at most MAX_TOTAL_PIXELS together (as a source's may)."""

    said: dict[str, str] = field(default_factory=dict)
    """A picture part's name → what is wrong with it ("" for nothing)."""
    budget: PixelBudget = field(default_factory=lambda: PixelBudget(MAX_TOTAL_PIXELS))
    """The pixels the file's pictures may still decode to."""


def paragraph_pictures(paragraphs: Iterable[Paragraph], checked: Checked | None = None) -> Found:
    """The pictures of python-docx `paragraphs`, in order (checked with `checked`, the
    Word file's, else on their own)."""
    pictures: list[Picture] = []
    notes: list[str] = []
    alts: list[str] = []
    seen = checked or Checked()
    for paragraph in paragraphs:
        element, part = paragraph._p, paragraph.part
        for drawing in _shown(element, _DRAWING):
            alt = _alt(drawing)
            blip = next((b for b in drawing.iter(_BLIP) if _drawing_of(b) is drawing), None)
            said = f' ("{alt}")' if alt else ""
            rel = blip.get(f"{{{_R}}}embed") if blip is not None else None
            image = part.related_parts.get(rel) if rel else None
            if blip is None and any(_drawing_of(d) is drawing for d in drawing.iter(_DRAWING)):
                continue  # a text box: the pictures in it are read on their own
            if blip is None and next(drawing.iter(_TEXT_BOX), None) is not None:
                continue  # a text box: its text is read (docx_text)
            if blip is None:
                notes.append(f"A chart or drawing was here{said}; only pictures are imported.")
            elif image is None:
                notes.append(
                    f"A picture was here{said}, linked to a file outside the Word document; "
                    "save the picture beside the source and give this factor or section an "
                    "image: entry."
                )
            else:
                name = PurePosixPath(str(image.partname)).name
                data = image.blob
                if name not in seen.said:
                    seen.said[name] = check_data(data, name, alt, seen.budget)
                if seen.said[name]:
                    notes.append(
                        f"A picture was here: {name}{said}, but a source cannot draw it: "
                        f"{seen.said[name]}."
                    )
                else:
                    pictures.append(_described(Picture(name, alt, data=data)))
                    continue
            if alt:
                alts.append(alt)
        for _ in _shown(element, _IMAGEDATA):
            notes.append(
                "An old-style Word picture was here (VML); save it as a PNG beside the "
                "source and give this factor or section an image: entry."
            )
    return Found(tuple(pictures), tuple(notes), tuple(alts))


def _shown(element: _Element, tag: str) -> Iterator[_Element]:
    """The `tag` elements in `element`, leaving out the fallbacks Word keeps for older
    readers (mc:Fallback, a second copy of what the mc:Choice before it holds)."""
    for found in element.iter(tag):
        if not any(a.tag == _FALLBACK for a in found.iterancestors()):
            yield found


def _drawing_of(element: _Element) -> _Element | None:
    """The nearest w:drawing around `element` (a picture in a text box has two)."""
    return next((a for a in element.iterancestors() if a.tag == _DRAWING), None)


_GUESSED = re.compile(
    r"\s*Description automatically generated(?: with (?:low|medium|high) confidence)?\.?$"
)


def _described(picture: Picture) -> Picture:
    """`picture` without the words Word adds to a description it wrote itself, and with a
    note asking the teacher to check the description."""
    guessed = _GUESSED.search(picture.alt)
    if guessed is None:
        return picture
    alt = picture.alt[: guessed.start()].strip()
    if not alt:  # nothing left: described like a picture without alt text
        return replace(picture, alt="")
    return replace(
        picture, alt=alt, notes=("Check the alt text: Word wrote this description itself.",)
    )


def _alt(drawing: _Element) -> str:
    doc_pr = next((d for d in drawing.iter(f"{{{_WP}}}docPr") if _drawing_of(d) is drawing), None)
    if doc_pr is None:
        return ""
    text = doc_pr.get("descr") or doc_pr.get("title") or ""
    return " ".join(text.split())
