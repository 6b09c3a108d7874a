"""Reading Markdown notes into blocks, through a CommonMark parser (markdown-it-py).

What each piece of Markdown becomes:

- `#` and underlined headings: headings; paragraphs: paragraphs (their lines joined);
- list items, at any nesting: bullets, with their depth;
- a table: its header row as a bullet, each further row a bullet under it, the cells joined
  by " – " ("1955 – Austria reunited");
- links: their text (the address is dropped); a bare address: nothing, and a note says so;
- emphasis: `**bold**` and `*italic*`, as sources write it;
- front matter (`---` … `---` at the top, as Obsidian writes it): left out, its title the
  first heading when the notes have none;
- HTML and code: kept as written (code in its backticks), code and HTML blocks as
  paragraphs marked literal (never titles);
- images: a picture file beside the notes that a source can draw becomes the `image:` of
  the factor or section it stands in, its alt text that entry's (see authoring.pictures),
  not words of the text as well; a paragraph or list item of such pictures alone leaves
  pictures without text. Any other image (from the web, missing, not a PNG or JPEG) keeps
  its alt text in the text, with a note saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from revpack.authoring.blocks import Block, clean
from revpack.authoring.pictures import Picture, check_file
from revpack.loading.images import MAX_TOTAL_PIXELS, PixelBudget

if TYPE_CHECKING:
    from markdown_it.token import Token

_EMPHASIS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**"}
_CELL_JOIN = " – "


def markdown_blocks(text: str, name: str) -> list[Block]:
    """The blocks of Markdown `text`; `name` is the notes file (images are looked up beside
    it)."""
    from markdown_it import MarkdownIt

    text = _without_front_matter(text)
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)
    reader = _Reader(Path(name).parent.resolve())
    reader.read(tokens)
    return reader.blocks


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n((?:[^\n]*\n){0,100}?)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
"""A block of YAML metadata at the top of the notes (Obsidian, Jekyll, Pandoc write one)."""
TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
"""The box of a to-do list's item ('- [x] Revise'), as GitHub and Obsidian write one."""
FRONT_TITLE = re.compile(r"^title:[ \t]*[\"']?(.*?)[\"']?[ \t]*$", re.MULTILINE)


def _without_front_matter(text: str) -> str:
    """`text` without its front matter (`tags: …` is no note); its title, if it has one
    and the notes no heading of their own at the top, becomes the first heading."""
    found = FRONT_MATTER.match(text)
    if found is None or not re.search(r"^\w[\w -]*:", found.group(1), re.MULTILINE):
        return text
    rest = text[found.end() :]
    title = FRONT_TITLE.search(found.group(1))
    if title and title.group(1) and not rest.lstrip().startswith("#"):
        return f"# {title.group(1)}\n\n{rest}"
    return rest


@dataclass
class _Item:
    """A list item being read: the index of its bullet in the blocks, once it has one."""

    block: int | None = None


@dataclass
class _Table:
    """A table being read."""

    rows: list[list[str]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    start: int = 0


class _Reader:
    """Walks the parser's tokens, keeping track of lists and tables."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.budget = PixelBudget(MAX_TOTAL_PIXELS)  # (the pixels its pictures may decode to)
        self.blocks: list[Block] = []
        self.lists = 0  # lists open around the current token
        self.items: list[_Item] = []
        self.table: _Table | None = None
        self.end = 0  # the line after the last block read

    def read(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists -= 1
            elif kind == "list_item_open":
                self.items.append(_Item())
            elif kind == "list_item_close":
                self.items.pop()
            elif kind == "heading_open":
                text, notes, pictures = self.inline(tokens[index + 1])
                self.add(
                    Block("heading", text, int(token.tag[1]), note=notes, pictures=pictures),
                    token,
                )
            elif kind == "paragraph_open" and self.table is None:
                self.paragraph(tokens[index + 1], token)
            elif kind in ("html_block", "fence", "code_block"):
                self.add(Block("para", clean(token.content), literal=True), token)
            elif kind == "table_open":
                self.table = _Table(start=token.map[0] if token.map else self.end)
            elif kind == "inline" and self.table is not None:
                text, notes, pictures = self.inline(token)
                self.table.cells.append(text)
                self.table.notes += [notes] if notes else []
                self.table.pictures += pictures
            elif kind == "tr_close" and self.table is not None:
                self.table.rows.append(self.table.cells)
                self.table.cells = []
            elif kind == "table_close" and self.table is not None:
                self.add_table(self.table, token)
                self.table = None

    def paragraph(self, inline: Token, opening: Token) -> None:
        item = self.items[-1] if self.items else None
        text, notes, pictures = self.inline(inline)
        if item is not None and item.block is not None:
            # A further paragraph of the same list item carries its bullet on.
            last = self.blocks[item.block]
            self.blocks[item.block] = Block(
                last.kind,
                clean(f"{last.text} {text}"),
                last.depth,
                last.gap,
                note=" ".join(n for n in (last.note, notes) if n),
                pictures=last.pictures + pictures,
            )
            self.end = max(self.end, opening.map[1] if opening.map else self.end)
        elif item is not None and text:
            item.block = len(self.blocks)
            text = TASK_BOX.sub("", text)  # ('- [x] done': a to-do list's box, not notes)
            self.add(Block("bullet", text, self.lists - 1, note=notes, pictures=pictures), opening)
        else:
            # A paragraph that is only images is their alt text: never a title.
            only = _only_images(inline)
            self.add(Block("para", text, literal=only, note=notes, pictures=pictures), opening)

    def add_table(self, table: _Table, closing: Token) -> None:
        rows = [_CELL_JOIN.join(cell for cell in row if cell) for row in table.rows]
        rows = [row for row in rows if row]
        gap = bool(self.blocks) and table.start > self.end
        notes = " ".join(table.notes)
        for number, row in enumerate(rows):
            depth = 0 if number == 0 else 1  # the header row, then each row under it
            first = number == 0
            self.blocks.append(
                Block(
                    "bullet",
                    row,
                    depth,
                    gap and first,
                    note=notes if first else "",
                    pictures=tuple(table.pictures) if first else (),
                )
            )
        self.end = closing.map[1] if closing.map else self.end

    def add(self, block: Block, opening: Token) -> None:
        if not block.text and not block.pictures:
            return
        if not block.text:  # pictures alone: they go with the entry they stand in
            block = Block("para", "", note=block.note, pictures=block.pictures)
        start, end = opening.map if opening.map else (self.end, self.end)
        gap = bool(self.blocks) and start > self.end
        self.blocks.append(
            Block(
                block.kind, block.text, block.depth, gap, block.literal, block.note, block.pictures
            )
        )
        self.end = end

    def inline(self, token: Token) -> tuple[str, str, tuple[Picture, ...]]:
        """The text of an inline token as a source writes it, notes about its images, and
        the pictures a source can draw (their alt text is their `image:` entries', not the
        text's)."""
        parts: list[str] = []
        notes: list[str] = []
        pictures: list[Picture] = []
        hidden = 0  # inside a bare web address, whose text is the address itself
        dropped = False
        for child in token.children or ():
            kind = child.type
            if kind == "link_open":
                hidden += child.markup in ("autolink", "linkify")
                dropped = dropped or child.markup in ("autolink", "linkify")
            elif kind == "link_close":
                hidden = max(0, hidden - 1) if child.markup in ("autolink", "linkify") else hidden
            elif hidden:
                continue
            elif kind in ("text", "html_inline"):
                parts.append(child.content)
            elif kind == "code_inline":  # backticks print as typed in a source
                parts.append(child.markup + child.content + child.markup)
            elif kind in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif kind in _EMPHASIS:
                parts.append(_EMPHASIS[kind])
            elif kind == "image":
                alt = clean(child.content)
                source = str(child.attrs.get("src", ""))
                picture = self.picture(source, alt)
                if isinstance(picture, Picture):
                    pictures.append(picture)
                    parts.append(" ")
                else:
                    parts.append(alt or Path(unquote(source)).stem)
                    notes.append(picture)
        text = clean("".join(parts))
        if dropped or pictures:
            text = re.sub(r" (?=[.,;:!?)])", "", text)
        if dropped:
            notes.append("A web address was left out here.")
        return text, " ".join(notes), tuple(pictures)

    def picture(self, source: str, alt: str) -> Picture | str:
        """The picture an image names, or a note saying why a source cannot draw it."""
        said = f' ("{alt}")' if alt else ""
        if "://" in source or source.startswith(("data:", "//")):
            return (
                f"An image from the web was here{said}; its alt text is kept as a point. "
                "Save the image beside the notes to use it."
            )
        file = unquote(source.split("#", 1)[0].split("?", 1)[0])
        if not file or not (self.folder / file).is_file():
            return (
                f"An image was here: {file}{said}, but there is no such file beside the "
                "notes; its alt text is kept as a point."
            )
        wrong = check_file(self.folder, file, alt, self.budget)
        if wrong:
            return (
                f"An image was here: {file}{said}, but a source cannot draw it: {wrong}. "
                "Its alt text is kept as a point."
            )
        return Picture(file, alt, path=(self.folder / file).resolve())


def _only_images(inline: Token) -> bool:
    """Whether an inline token holds images and nothing else but spaces."""
    children = inline.children or ()
    return any(c.type == "image" for c in children) and all(
        c.type in ("image", "softbreak", "hardbreak")
        or (c.type == "text" and not c.content.strip())
        for c in children
    )
