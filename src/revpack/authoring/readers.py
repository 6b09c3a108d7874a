"""Reading a teacher's notes (.txt, .md, .docx) into a flat list of blocks.

Each reader only recognises layout: headings, bullets (with their nesting), paragraphs and
the blank lines between them. Deciding what becomes the title, the question, factors and
sections is `importer`'s job, the same for every format.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from revpack.authoring.blocks import Block, clean
from revpack.loading import limits
from revpack.problems import InputError, Mark, Problem

if TYPE_CHECKING:
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph

    from revpack.authoring.docx_pictures import Checked, Found

__all__ = ["Block", "decode_text", "read_docx", "read_markdown", "read_notes", "read_text"]


_MARKERS = "-*+•·◦▪▫●○■□➢➤►▸‣⁃–—✓✔"
_BULLET = re.compile(
    r"(?P<indent>[ ]*)(?:[" + re.escape(_MARKERS) + r"]|\d{1,3}[.)]|\(\d{1,3}\)"
    r"|\(?[a-z][.)]|\([a-z]\)|\(?[ivx]{1,4}[.)])[ ]+(?P<text>\S.*)"
)
_ATX = re.compile(r" {0,3}(?P<hashes>#{1,6})[ ]+(?P<text>.*?)(?:[ ]+#+)?[ ]*")
_RULE = re.compile(r" {0,3}([-*_=])(?:[ ]*\1){2,}[ ]*")
_FENCE = re.compile(r" {0,3}(```|~~~)")


def read_notes(path: Path) -> list[Block]:
    """The blocks of the notes file at `path`, read by its extension."""
    name = str(path)
    if path.is_dir():
        raise _error(name, "this is a folder; name the notes file to import (.txt, .md or .docx)")
    if not path.exists():
        from revpack.loading.inputs import did_you_mean

        raise _error(name, "no such file" + did_you_mean(path))
    readers = {
        ".txt": read_text,
        ".text": read_text,
        ".md": read_markdown,
        ".markdown": read_markdown,
        ".docx": read_docx,
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        suffix = path.suffix.lower()
        hint = (
            " (save it as .docx in Word first)"
            if suffix in (".doc", ".odt", ".rtf")
            else " (copy its text into a .txt file)"
            if suffix == ".pdf"
            else ""
        )
        raise _error(
            name,
            f"cannot import '{path.suffix or 'files without an extension'}'"
            f"{hint}; revpack imports .txt, .md and .docx notes",
        )
    limit = limits.DOCX_BYTES if reader is read_docx else limits.NOTES_BYTES
    try:
        size, data = limits.read_regular(path, limit)
    except OSError as exc:
        raise _error(name, f"cannot read file: {exc.strerror}") from None
    if size > limit:
        raise _error(
            name,
            f"these notes are {size:,} bytes; revpack imports notes of at most {limit:,} "
            "bytes, far more than one revision topic needs: split them",
        )
    blocks = reader(data, name)
    if not blocks:
        raise _error(name, "the notes are empty; there is nothing to import")
    return blocks


def _error(name: str, message: str) -> InputError:
    return InputError([Problem(Mark(name, 1, 1), message)])


def decode_text(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (or UTF-16 with a BOM), else Windows-1252; binary is refused."""
    if not data.strip():
        raise _error(name, "the notes are empty; there is nothing to import")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    elif b"\0" in data[:8192]:
        raise _not_text(name, data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Older Windows editors save "ANSI"; every byte but five means something there.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_text(name, data) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\v", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise _not_text(name, data)
    return text


def _not_text(name: str, data: bytes) -> InputError:
    kind = "a Word .docx file" if data.startswith(b"PK") else "binary data"
    return _error(
        name,
        f"this is {kind}, not text notes; revpack imports .txt and .md "
        "files saved as plain text, and .docx files",
    )


def read_text(data: bytes, name: str) -> list[Block]:
    """Plain-text notes: lines with bullets; hard-wrapped lines are joined up."""
    return _read_lines(decode_text(data, name).split("\n"))


def read_markdown(data: bytes, name: str) -> list[Block]:
    """Markdown notes, read by a CommonMark parser (see authoring.markdown_notes)."""
    from revpack.authoring.markdown_notes import markdown_blocks

    return markdown_blocks(decode_text(data, name), name)


def _read_lines(lines: list[str]) -> list[Block]:
    lines = [line.expandtabs(4).rstrip() for line in lines]
    wrap = max((len(line) for line in lines), default=0)
    blocks: list[Block] = []
    open_block = False  # whether the next plain line may continue the last block
    gap = False
    indents: list[int] = []  # indents of the bullets enclosing the current one
    bullet_indent = 0
    previous = ""
    for line in lines:
        if not line.strip() or _FENCE.match(line):
            gap, open_block = gap or bool(blocks), False
            continue
        if _RULE.fullmatch(line):
            if (
                open_block
                and blocks[-1].kind == "para"
                and not _BULLET.fullmatch(line)
                and line.strip()[0] in "=-"
            ):
                level = 1 if line.strip()[0] == "=" else 2  # a setext heading
                blocks[-1] = Block("heading", blocks[-1].text, level, blocks[-1].gap)
            gap, open_block = gap or bool(blocks), False
            continue
        atx = _ATX.fullmatch(line)
        bullet = _BULLET.fullmatch(line)
        if atx and atx.group("text").strip():
            blocks.append(Block("heading", clean(atx.group("text")), len(atx.group("hashes")), gap))
            open_block, indents = False, []
        elif bullet:
            indent = len(bullet.group("indent"))
            if blocks and blocks[-1].kind != "bullet":
                indents = []
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            blocks.append(Block("bullet", clean(bullet.group("text")), len(indents) - 1, gap))
            bullet_indent, open_block = indent, True
        elif open_block and _continues(line, previous, blocks[-1], bullet_indent, wrap):
            last = blocks[-1]
            blocks[-1] = Block(last.kind, clean(last.text + " " + line), last.depth, last.gap)
        else:
            blocks.append(Block("para", clean(line), 0, gap))
            open_block, indents = True, []
        gap, previous = False, line
    return blocks


def _continues(line: str, previous: str, last: Block, bullet_indent: int, wrap: int) -> bool:
    """Whether a plain line carries on the block before it (a wrapped line)."""
    indent = len(line) - len(line.lstrip())
    if last.kind == "bullet" and indent > bullet_indent:
        return True
    if previous.rstrip().endswith(("?", ":")):
        return False
    # Hard-wrapped files fill their lines; a short line ends its paragraph.
    filled = 60 <= wrap <= 100 and len(previous) >= wrap - 15
    starts_low = line.lstrip()[:1].islower()
    ended = previous.rstrip().endswith((".", "!", ";"))
    return filled or (starts_low and not ended)


def read_docx(data: bytes, name: str) -> list[Block]:
    """Word notes: Title/Heading styles are headings, list paragraphs are bullets; the
    text as `docx_text` reads it (with its bold, italic and scripts marked)."""
    import io

    import docx
    from docx.oxml.table import CT_Tbl
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from revpack.authoring.docx_pictures import Checked, paragraph_pictures
    from revpack.authoring.docx_text import blocks_of, text_boxes

    if not data.strip():
        raise _error(name, "the notes are empty; there is nothing to import")
    _refuse_unpacking_too_much(data, name)
    if data.startswith(OLD_WORD):
        raise _error(
            name, "this is an old Word .doc file with a .docx name: save it as .docx in Word"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise _error(
            name,
            "this is not a Word document (another kind of file with a .docx name?): open it "
            "in Word and save it as .docx",
        ) from None
    except Exception as exc:  # python-docx raises its own types for broken packages
        raise _error(name, f"this Word file cannot be read ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []
    gap = False
    checked = Checked()
    for element in blocks_of(document.element.body):
        if isinstance(element, CT_Tbl):
            blocks += _table_blocks(Table(element, document._body), gap, checked)
            gap = True
            continue
        paragraph = Paragraph(element, document._body)
        found = paragraph_pictures([paragraph], checked)
        made = _docx_blocks(paragraph)
        if not made and not found.pictures and not found.notes:
            gap = bool(blocks)
        elif not made:
            blocks.append(_with_pictures(Block("para", "", 0, gap), found))
            gap = False
        else:
            first = made[0]
            blocks.append(_with_pictures(replace(first, gap=gap), found))
            blocks += made[1:]
            gap = False
        for box in text_boxes(element):  # (after the paragraph it is anchored in)
            blocks += _docx_blocks(Paragraph(box, document._body))
    return blocks


OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old Word .doc file (an OLE compound file) starts."""


def _table_blocks(table: Table, gap: bool, checked: Checked) -> list[Block]:
    """A bullet for each row of a Word table: its cells' texts joined by ' – '."""
    from docx.text.paragraph import Paragraph

    from revpack.authoring.docx_pictures import paragraph_pictures
    from revpack.authoring.docx_text import lines_of

    blocks = []
    for row in table.rows:
        cells = [
            " ".join(line for p in _cell_paragraphs(cell) for line in lines_of(p))
            for cell in row.cells
        ]
        text = " – ".join(dict.fromkeys(c for c in cells if c))
        found = paragraph_pictures(
            [Paragraph(p, cell) for cell in _unique_cells(row) for p in _cell_paragraphs(cell)],
            checked,
        )
        if text or found.pictures or found.notes:
            blocks.append(_with_pictures(Block("bullet", text, 0, gap), found))
            gap = False
    return blocks


def _cell_paragraphs(cell: _Cell) -> list[CT_P]:
    from docx.oxml.text.paragraph import CT_P

    from revpack.authoring.docx_text import blocks_of

    return [p for p in blocks_of(cell._tc) if isinstance(p, CT_P)]


def _with_pictures(block: Block, found: Found) -> Block:
    """`block` with the pictures found in it; where it has no words, the alt text of those
    a source cannot draw is its text (kept as written, never a title)."""
    if block.text:
        return replace(block, note=found.note, pictures=found.pictures)
    text = clean(" ".join(found.alts))
    kind = block.kind if text else "para"
    return Block(kind, text, block.depth, block.gap, True, found.note, found.pictures)


def _unique_cells(row: _Row) -> list[_Cell]:
    """A row's cells, a merged cell once."""
    seen: dict[int, _Cell] = {}
    for cell in row.cells:
        seen.setdefault(id(cell._tc), cell)
    return list(seen.values())


_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?p[\s/>]")
"""An element named p, with any namespace prefix or none ('<w:p>', '<q:p/>', '<p\n'):
what python-docx reads as a paragraph whatever the prefix its file declares for it (and a
drawing's paragraphs, counted too)."""


def _refuse_unpacking_too_much(data: bytes, name: str) -> None:
    """InputError for a .docx whose parts unpack to more than limits.DOCX_UNPACKED_BYTES,
    or its text parts (its XML) to more than limits.DOCX_XML_BYTES (a small file can hold
    gigabytes of compressed pictures or text), or whose
    body has more than limits.DOCX_PARAGRAPHS paragraphs (each takes python-docx a while)."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(
                item.file_size
                for item in package.infolist()
                if item.filename.endswith((".xml", ".rels"))
            )
            everything = sum(item.file_size for item in package.infolist())
            if everything > limits.DOCX_UNPACKED_BYTES:
                largest = max(package.infolist(), key=lambda item: item.file_size)
                raise _error(
                    name,
                    f"this Word file unpacks to {everything:,} bytes ({largest.filename} "
                    f"alone to {largest.file_size:,}); revpack imports at most "
                    f"{limits.DOCX_UNPACKED_BYTES:,}: save its pictures smaller",
                )
            if unpacked > limits.DOCX_XML_BYTES:
                raise _error(
                    name,
                    f"this Word file unpacks to {unpacked:,} bytes of text; revpack imports "
                    f"at most {limits.DOCX_XML_BYTES:,}, far more than one revision topic needs",
                )
            body = package.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        return  # not a package python-docx can read: it says so
    paragraphs = len(_PARAGRAPH.findall(body))
    if paragraphs > limits.DOCX_PARAGRAPHS:
        raise _error(
            name,
            f"this Word file has {paragraphs:,} paragraphs; revpack imports at most "
            f"{limits.DOCX_PARAGRAPHS:,}, far more than one revision topic needs: split it",
        )


def _docx_blocks(paragraph: Paragraph) -> list[Block]:
    """A Word paragraph's blocks: one, or for a plain paragraph of lines broken with
    Shift+Enter one per line (each may be a bullet typed by hand); none when it is empty."""
    from revpack.authoring.docx_text import read_lines

    lines, bold = read_lines(paragraph._p)
    if not lines:
        return []
    text = " ".join(lines)
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return [Block("heading", text, 1)]
    heading = re.fullmatch(r"Heading (\d)", style)
    if heading:
        return [Block("heading", text, int(heading.group(1)) + 1)]
    level = _list_level(paragraph, style)
    if level is not None:
        return [Block("bullet", text, level)]
    # (a Normal line is a line of the notes, but one all in bold may be a heading)
    styled = len(lines) > 1 or not bold
    blocks = []
    for line in lines:
        typed = _BULLET.fullmatch(line)  # bullets typed by hand: "• text", "1. text"
        blocks.append(
            Block("bullet", clean(typed.group("text")), 0)
            if typed
            else Block("para", line, styled=styled)
        )
    return blocks


def _list_level(paragraph: Paragraph, style: str) -> int | None:
    listed = re.fullmatch(r"List (?:Bullet|Number|Continue)(?: (\d))?", style)
    if listed:
        return int(listed.group(1) or 1) - 1
    props = paragraph._p.pPr
    numbering = props.numPr if props is not None else None
    if numbering is not None:
        # (python-docx leaves CT_PPr.numPr and CT_NumPr.ilvl unannotated: mypy sees the
        # descriptors, not the CT_NumPr and CT_DecimalNumber elements they give)
        ilvl = numbering.ilvl  # type: ignore[attr-defined]
        return int(ilvl.val) if ilvl is not None else 0
    return None
