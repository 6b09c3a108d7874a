"""The pictures in a Word paragraph: `w:drawing` (inline or floating) whose `a:blip`
embeds an image part; the alt text is the drawing's description (`wp:docPr/@descr`), else
its title. Each is checked as a source checks a picture (authoring.pictures)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from revpack.authoring.pictures import Picture, check_data

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_V = "urn:schemas-microsoft-com:vml"


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


def paragraph_pictures(paragraphs) -> Found:
    """The pictures of python-docx `paragraphs`, in order."""
    pictures: list[Picture] = []
    notes: list[str] = []
    alts: list[str] = []
    checked: dict[str, str] = {}  # a part's name → what is wrong with it ("" for nothing)
    for paragraph in paragraphs:
        element, part = paragraph._p, paragraph.part
        for drawing in element.iter(f"{{{_W}}}drawing"):
            alt = _alt(drawing)
            blip = next(drawing.iter(f"{{{_A}}}blip"), None)
            said = f' ("{alt}")' if alt else ""
            rel = blip.get(f"{{{_R}}}embed") if blip is not None else None
            image = part.related_parts.get(rel) if rel else None
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
                if name not in checked:
                    checked[name] = check_data(data, name, alt)
                if checked[name]:
                    notes.append(
                        f"A picture was here: {name}{said}, but a source cannot draw it: "
                        f"{checked[name]}."
                    )
                else:
                    pictures.append(Picture(name, alt, data=data))
                    continue
            if alt:
                alts.append(alt)
        for _ in element.iter(f"{{{_V}}}imagedata"):
            notes.append(
                "An old-style Word picture was here (VML); save it as a PNG beside the "
                "source and give this factor or section an image: entry."
            )
    return Found(tuple(pictures), tuple(notes), tuple(alts))


def _alt(drawing) -> str:
    doc_pr = next(drawing.iter(f"{{{_WP}}}docPr"), None)
    if doc_pr is None:
        return ""
    text = doc_pr.get("descr") or doc_pr.get("title") or ""
    return " ".join(text.split())
