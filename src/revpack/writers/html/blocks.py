"""The worksheet model's blocks as HTML: headings, paragraphs (a blank becomes whatever
the caller makes of it), tables, the word bank, boxes, writing space and figures."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from revpack.model import POINTS_PER_PIXEL
from revpack.worksheet.document import (
    Blank,
    Block,
    Box,
    Figure,
    Heading,
    Inline,
    PageBreak,
    Paragraph,
    Run,
    Table,
    WordBank,
    WritingLines,
)
from revpack.writers.html.page import esc
from revpack.writers.html.pictures import picture

BlankWriter = Callable[[Blank, str], str]
"""Writes one blank: a text input on a sheet, described by the sentence it stands in (the
id of that sentence's element, or '')."""

_LISTS = {"bullet": "ul", "bullet-2": "ul", "numbered": "ol"}


def run(piece: Run) -> str:
    """One run with its bold, italic and sub/superscript."""
    text = esc(piece.text)
    if piece.script:
        text = f"<{piece.script[:3]}>{text}</{piece.script[:3]}>"
    if piece.italic:
        text = f"<em>{text}</em>"
    if piece.bold:
        text = f"<strong>{text}</strong>"
    return text


_CLINGS = re.compile(r"\S{1,12}(?!\S)|[.,;:!?)\]}\u2019\u201d\u00bb%]+")
"""What stays on the line of the blank right before it: what follows it up to the next
space, if short (punctuation, a word's ending after a repeat's blank: '(38) ____s and
groynes'), else only its punctuation (never part of a word, which could then break)."""


_ELIDED = re.compile(r"(?<!\S)[^\W\d_]{1,7}['\u2019]$")
"""An elided word right before a blank, its apostrophe touching it (French "l'", "d'",
"qu'"): it stays on the blank's line, as in print ("l'(5) ____")."""


def inline(content: tuple[Inline, ...], blank: BlankWriter, sentence: str = "") -> str:
    """Runs and blanks, in order; what follows a blank with no space (punctuation, an
    ending) stays on its line (on a phone a full stop wrapped alone under a box as wide as
    the line, and in print a plural's 's' began the next line), and so does an elided word
    right before it ("l'": _ELIDED)."""
    out: list[str] = []
    taken = 0  # how much of the next run was written with the blank before it
    lead = ""  # the elided word the next blank is written with
    for index, piece in enumerate(content):
        after = content[index + 1] if index + 1 < len(content) else None
        if isinstance(piece, Run):
            piece = replace(piece, text=piece.text[taken:]) if taken else piece
            taken = 0
            elided = _ELIDED.search(piece.text) if isinstance(after, Blank) else None
            if elided and not piece.script:
                lead = run(replace(piece, text=elided.group()))
                piece = replace(piece, text=piece.text[: elided.start()])
            out.append(run(piece) if piece.text else "")
            continue
        made = blank(piece, sentence)
        span = made.endswith("</span>")  # (a blank to write in; a key's answer is text)
        clung = ""
        if isinstance(after, Run) and not after.script and span:
            found = _CLINGS.match(after.text)
            if found:
                clung = f'<span class="rp-after">{run(replace(after, text=found.group()))}</span>'
                taken = found.end()
        if span and (clung or lead):
            before = f'<span class="rp-before">{lead}</span>' if lead else ""
            made = f'<span class="rp-cling">{before}{made}{clung}</span>'
        else:
            made = lead + made
        lead = ""
        out.append(made)
    return "".join(out)


def no_blank(piece: Blank, sentence: str = "") -> str:
    """A blank where none is expected (a key): its answer."""
    return esc(piece.answer)


def heading_tag(level: int) -> str:
    """h2 for an exercise (the page title is the h1), h3 and h4 below it."""
    return f"h{min(level + 1, 6)}"


def blocks(
    items: tuple[Block, ...] | list[Block],
    blank: BlankWriter = no_blank,
    lines: Callable[[WritingLines], str] | None = None,
    sentences: str = "",
    bank: Callable[[str], str] | None = None,
) -> str:
    """Blocks as HTML; bullets and numbered paragraphs gather into lists. With
    `sentences` (an id's start), each paragraph holding a blank gets an id of its own
    (`sentences` and its count) that describes its blanks: a screen reader moving from
    gap to gap reads the sentence around each, not 'Gap 3' alone. `bank` gives each word
    of a word bank its attributes (the forms marking accepts for it)."""
    out: list[str] = []
    open_list: str | None = None
    count = 0
    for item in items:
        sentence = ""
        if sentences and isinstance(item, Paragraph):
            if any(isinstance(piece, Blank) for piece in item.content):
                count += 1
                sentence = f"{sentences}{count}"
        listed = item if isinstance(item, Paragraph) and item.style in _LISTS else None
        kind = _LISTS[listed.style] if listed else None
        if open_list and (kind != open_list or listed and listed.list_start):
            out.append(f"</{open_list}>")
            open_list = None
        if kind and not open_list:
            out.append(f"<{kind}>")
            open_list = kind
        if listed:
            nested = ' class="rp-sub"' if listed.style == "bullet-2" else ""
            named = f' id="{sentence}"' if sentence else ""
            out.append(f"<li{named}{nested}>{inline(listed.content, blank, sentence)}</li>")
        else:
            out.append(block(item, blank, lines, sentence, bank))
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def block(
    item: Block,
    blank: BlankWriter,
    lines: Callable[[WritingLines], str] | None,
    sentence: str = "",
    bank: Callable[[str], str] | None = None,
) -> str:
    """One block that is not part of a list (a paragraph with the id `sentence`, if
    any, which describes its blanks; a word bank's words with the attributes `bank`
    gives them)."""
    if isinstance(item, Heading):
        tag = heading_tag(item.level)
        return f"<{tag}>{esc(item.text)}</{tag}>"
    if isinstance(item, Paragraph):
        named = f' id="{sentence}"' if sentence else ""
        return f'<p{named} class="rp-{item.style}">{inline(item.content, blank, sentence)}</p>'
    if isinstance(item, Table):
        return table(item, blank)
    if isinstance(item, WordBank):
        words = "".join(
            f'<li data-word="{esc(w)}"{bank(w) if bank else ""}>'
            f'{esc(w)}<span class="rp-sr"></span></li>'
            for w in item.words
        )
        return (
            f'<section class="rp-bank" aria-label="{esc(item.title)}" '
            f'style="--columns:{item.columns}"><h3>{esc(item.title)}</h3>'
            f"<ul>{words}</ul></section>"
        )
    if isinstance(item, Box):
        entries = "".join(f"<li>{esc(i)}</li>" for i in item.items)
        return f'<aside class="rp-box"><h3>{esc(item.title)}</h3><ul>{entries}</ul></aside>'
    if isinstance(item, WritingLines):
        return lines(item) if lines else ""
    if isinstance(item, Figure):  # (its size in points, as printed: in CSS pixels here)
        return picture(
            item.data, item.alt, item.width / POINTS_PER_PIXEL, item.height / POINTS_PER_PIXEL
        )
    if isinstance(item, PageBreak):
        return '<div class="rp-break"></div>'
    raise TypeError(f"no HTML for {type(item).__name__}")


def table(item: Table, blank: BlankWriter) -> str:
    """A ruled table; its header row as column headings."""
    rows = []
    if item.header:
        cells = "".join(f'<th scope="col">{inline(c.content, blank)}</th>' for c in item.header)
        rows.append(f"<thead><tr>{cells}</tr></thead>")
    body = "".join(
        "<tr>"
        + "".join(f'<td class="rp-{c.align}">{inline(c.content, blank)}</td>' for c in row)
        + "</tr>"
        for row in item.rows
    )
    return f'<div class="rp-table"><table>{"".join(rows)}<tbody>{body}</tbody></table></div>'
