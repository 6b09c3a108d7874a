"""The summary sheet as one accessible, responsive HTML page: the key question, the
factors, the sections (each with its picture, if it has one), the terms and the timeline
(as the layout's `blocks` orders them), key terms highlighted. Read straight from the
Source model; every text escaped."""

from __future__ import annotations

from revpack.labels import Labels, class_and_teacher, load_labels
from revpack.loading.layouts import Layout
from revpack.loading.typography import date_spaces, unit_spaces
from revpack.model import Audience, Factor, Point, Section, Source, Text
from revpack.options import of_kind
from revpack.options.summary import Options
from revpack.writers import Output
from revpack.writers.html.page import esc, page
from revpack.writers.html.pictures import picture
from revpack.writers.pdf.summary import printed_size


def render(source: Source, layout: Layout, audience: Audience) -> list[Output]:
    """The summary page."""
    return [
        Output(
            "",
            "html",
            write_page(source, layout, audience, load_labels(source.language, layout.labels)),
        )
    ]


def write_page(source: Source, layout: Layout, audience: Audience, labels: Labels) -> bytes:
    """The page's bytes."""
    options = of_kind(layout.options, Options)
    parts = [_heading(source, audience, labels)]
    if source.question is not None:
        parts.append(
            f'<section class="rp-question" aria-labelledby="rp-q">'
            f'<h2 id="rp-q">{esc(labels("key_question"))}</h2>'
            f"<p>{text(source.question, options.italics)}</p></section>"
        )
    cards = []
    for block in options.blocks:
        cards += BLOCKS[block](source, labels, options.italics)
    parts.append(
        f'<div class="rp-cards" style="--columns:{options.columns}">' + "\n".join(cards) + "</div>"
    )
    who = " · ".join(
        filter(
            None,
            [
                source.subject.plain if source.subject else None,
                audience.class_name,
                audience.teacher,
            ],
        )
    )
    # On paper in the type size the PDF sheet fits its pages in ('summary.css').
    size = printed_size(source, layout, audience)
    body = f'<main class="rp-summary" style="--print-pt:{size:g}pt">' + "\n".join(parts) + "</main>"
    return page(
        language=labels.language,
        title=source.title.plain,
        meta={
            "author": audience.teacher or "revpack",
            "keywords": who,
            "description": source.question.plain if source.question else "",
            "generator": f"revpack layout {layout.name}",
        },
        layout=layout,
        styles=["common.css", "summary.css"],
        body=body,
    )


def text(value: Text, italics: bool = True) -> str:
    """Inline text: key terms in <mark>, bold, italic (bold when the layout has no
    italics), sub- and superscripts; a number kept with its unit ('30 m/s' broke as
    '30' / 'm/s' on a phone)."""
    out = []
    spans = unit_spaces(value).spans
    for index, span in enumerate(spans):
        piece = esc(span.text)
        if span.script:
            piece = f"<{span.script[:3]}>{piece}</{span.script[:3]}>"
        if span.italic:
            piece = f"<em>{piece}</em>" if italics else f"<strong>{piece}</strong>"
        if span.bold:
            piece = f"<strong>{piece}</strong>"
        # One highlight round a key term of several spans ('H', '2' below, 'O'): one each
        # showed 'H ₂ O' in three padded pieces.
        if span.key and not (index and spans[index - 1].key):
            piece = "<mark>" + piece
        if span.key and not (index + 1 < len(spans) and spans[index + 1].key):
            piece += "</mark>"
        out.append(piece)
    return "".join(out)


def _heading(source: Source, audience: Audience, labels: Labels) -> str:
    parts = [f"<h1>{text(source.title)}</h1>"]
    line = [t.plain for t in (source.subject, source.course) if t is not None]
    line += class_and_teacher(labels, audience.class_name, audience.teacher)
    if line:
        parts.append(f'<p class="rp-subtitle">{esc(" · ".join(line))}</p>')
    return "<header>" + "\n".join(parts) + "</header>"


def _points(points: tuple[Point, ...], italics: bool) -> str:
    items = []
    for point in points:
        subs = "".join(f"<li>{text(s, italics)}</li>" for s in point.points)
        items.append(
            f"<li>{text(point.text, italics)}" + (f"<ul>{subs}</ul>" if subs else "") + "</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def _picture(block: Factor | Section) -> str:
    """The block's picture under its points (at most its natural size), or nothing."""
    image = block.image
    return picture(image.data, image.alt, image.width, image.height) if image else ""


def _card(kind: str, title: str, body: str) -> str:
    return f'<section class="rp-card rp-card-{kind}">{title}{body}</section>'


def _intro(source: Source, labels: Labels, italics: bool) -> list[str]:
    if source.intro is None:
        return []
    return [_card("intro", "", f"<p>{text(source.intro, italics)}</p>")]


def _factors(source: Source, labels: Labels, italics: bool) -> list[str]:
    # Numbered as on the printed sheet and chart ("factor 3" means the same one there).
    return [_group("factor", f, italics, n) for n, f in enumerate(source.factors, 1)]


def _sections(source: Source, labels: Labels, italics: bool) -> list[str]:
    return [_group("section", s, italics) for s in source.sections]


def _group(kind: str, group: Factor | Section, italics: bool, number: int = 0) -> str:
    """A factor's or section's card: its title (a factor's numbered), points and picture."""
    body = _points(group.points, italics) + _picture(group)
    numbered = f'<span class="rp-number">{number}</span> ' if number else ""
    return _card(kind, f"<h2>{numbered}{text(group.title, italics)}</h2>", body)


def _terms(source: Source, labels: Labels, italics: bool) -> list[str]:
    if not source.terms:
        return []
    entries = "".join(
        f"<dt>{text(t.term, italics)}</dt><dd>{text(t.meaning, italics)}</dd>" for t in source.terms
    )
    return [_card("terms", f"<h2>{esc(labels('key_terms'))}</h2>", f"<dl>{entries}</dl>")]


def _timeline(source: Source, labels: Labels, italics: bool) -> list[str]:
    if not source.timeline:
        return []
    entries = "".join(
        f'<li><span class="rp-when">{text(date_spaces(e.when), italics)}</span> '
        f'<span class="rp-what">{text(e.what, italics)}</span></li>'
        for e in source.timeline
    )
    return [
        _card(
            "timeline",
            f"<h2>{esc(labels('timeline'))}</h2>",
            f'<ol class="rp-timeline">{entries}</ol>',
        )
    ]


BLOCKS = {
    "intro": _intro,
    "factors": _factors,
    "sections": _sections,
    "terms": _terms,
    "timeline": _timeline,
}
"""What each name in the layout's `blocks` option writes: a list of cards."""
