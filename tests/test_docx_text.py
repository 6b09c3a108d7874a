"""Reading a Word file's text as the teacher sees it (authoring/docx_text.py): formatting as
source markup, Track Changes, content controls, fields, line breaks and text boxes."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from revpack.authoring.importer import shape
from revpack.authoring.readers import read_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NAMESPACES = (
    f'{W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _read(document) -> list[tuple[str, str]]:
    buffer = io.BytesIO()
    document.save(buffer)
    return [(b.kind, b.text) for b in read_docx(buffer.getvalue(), "notes.docx")]


def _add_control(document, properties: str, text: str) -> None:
    """A content control holding a paragraph of `text`, at the end of `document`'s body."""
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {W}>{properties}<w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )


def _texts(document) -> list[str]:
    return [text for _, text in _read(document)]


def test_bold_italic_and_scripts_become_source_markup():
    document = docx.Document()
    p = document.add_paragraph("Light is absorbed by ")
    p.add_run("chlorophyll").bold = True
    p.add_run(" in an ")
    p.add_run("endothermic").italic = True
    p.add_run(" reaction: 6CO")
    p.add_run("2").font.subscript = True
    p.add_run(" + x")
    p.add_run("2").font.superscript = True
    p.add_run(".")
    assert _texts(document) == [
        "Light is absorbed by **chlorophyll** in an *endothermic* reaction: 6CO~2~ + x^2^."
    ]


def test_a_space_at_the_edge_of_a_bold_run_is_left_outside_its_markers():
    document = docx.Document()
    p = document.add_paragraph("The ")
    p.add_run("stomata ").bold = True
    p.add_run("let gases in.")
    assert _texts(document) == ["The **stomata** let gases in."]


def test_a_line_all_in_bold_is_left_unmarked_like_a_heading():
    document = docx.Document()
    document.add_paragraph().add_run("Limiting factors").bold = True
    both = document.add_paragraph()
    both.add_run("Key ").bold = True
    both.add_run("words").bold = True
    assert _texts(document) == ["Limiting factors", "Key words"]


def test_a_character_style_for_strong_or_emphasis_is_marked():
    document = docx.Document()
    p = document.add_paragraph("A ")
    p.add_run("pigment", style="Strong")
    p.add_run(" is ")
    p.add_run("green", style="Emphasis")
    p.add_run(".")
    assert _texts(document) == ["A **pigment** is *green*."]


def test_text_added_with_track_changes_is_kept_and_deleted_text_left_out():
    document = docx.Document()
    p = document.add_paragraph("Water vapour ")
    p._p.append(
        parse_xml(
            f'<w:ins {W} w:id="1" w:author="T" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:t>cools and</w:t></w:r></w:ins>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {W} w:id="2" w:author="T" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:delText>heats and</w:delText></w:r></w:del>"
        )
    )
    p.add_run(" forms clouds.")
    assert _texts(document) == ["Water vapour cools and forms clouds."]


def test_content_controls_fields_and_hyperlinks_keep_their_text():
    document = docx.Document()
    _add_control(document, "<w:sdtPr/>", "Infiltration: water soaks in.")
    p = document.add_paragraph("The oceans hold ")
    p._p.append(
        parse_xml(f'<w:fldSimple {W} w:instr="REF x"><w:r><w:t>97%</w:t></w:r></w:fldSimple>')
    )
    p.add_run(" of water; ")
    # a complex field: its code is not text, its result is
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>see page 4</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>", 1)))
    p._p.append(
        parse_xml(f"<w:sdt {W}><w:sdtContent><w:r><w:t>; inline</w:t></w:r></w:sdtContent></w:sdt>")
    )
    p._p.append(parse_xml(f"<w:hyperlink {W}><w:r><w:t> and a link.</w:t></w:r></w:hyperlink>"))
    assert _texts(document) == [
        "Infiltration: water soaks in.",
        "The oceans hold 97% of water; see page 4; inline and a link.",
    ]


def test_lines_broken_with_shift_enter_are_read_apart():
    document = docx.Document()
    p = document.add_paragraph("Groundwater")
    p.runs[0].add_break()
    p.add_run("• Ice caps and glaciers")
    p.runs[-1].add_break()
    p.add_run("Lakes\tand rivers")
    heading = document.add_heading("A long title", 1)
    heading.runs[0].add_break()
    heading.add_run("on two lines")
    assert _read(document) == [
        ("para", "Groundwater"),
        ("bullet", "Ice caps and glaciers"),
        ("para", "Lakes – and rivers"),  # (a word and a tab: a term and its meaning)
        ("heading", "A long title on two lines"),
    ]


def _text_box(text: str) -> str:
    """A run holding a text box as Word writes one: the box, and a copy for older readers."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:r {NAMESPACES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline><wp:extent cx="2000000" cy="500000"/><wp:docPr id="5" name="Text Box 5"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback>"
        f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_read_once_after_its_paragraph_and_not_called_a_drawing():
    document = docx.Document()
    p = document.add_paragraph("See the box.")
    p._p.append(parse_xml(_text_box("Key fact: only 1% of water is fresh.")))
    document.add_paragraph("After the box.")
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = read_docx(buffer.getvalue(), "notes.docx")
    assert [b.text for b in blocks] == [
        "See the box.",
        "Key fact: only 1% of water is fresh.",
        "After the box.",
    ]
    assert not any(b.note for b in blocks)


def test_a_table_cells_text_is_read_the_same_way():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Stomata").bold = True
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("pores ")
    cell._p.append(
        parse_xml(
            f'<w:ins {W} w:id="3" w:author="T" w:date="2026-01-01T00:00:00Z">'
            "<w:r><w:t>in leaves</w:t></w:r></w:ins>"
        )
    )
    assert _texts(document) == ["Stomata – pores in leaves"]


def test_imported_word_notes_keep_their_markup_through_to_the_draft():
    document = docx.Document()
    document.add_heading("Photosynthesis", 0)
    document.add_paragraph("Why do plants need light?")
    p = document.add_paragraph("Energy: light is absorbed by ", style="List Bullet")
    p.add_run("chlorophyll").bold = True
    p.add_run(".")
    buffer = io.BytesIO()
    document.save(buffer)
    draft = shape(read_docx(buffer.getvalue(), "notes.docx"))
    [factor] = draft.factors
    assert factor.title == "Energy"
    assert [point.text for point in factor.points] == ["light is absorbed by **chlorophyll**."]


def test_a_controls_placeholder_is_not_text_and_marks_inside_bold_are_left_plain():
    document = docx.Document()
    _add_control(
        document, "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>", "Click or tap here to enter text."
    )
    p = document.add_paragraph("Grade ")
    p.add_run("5*").bold = True
    p.add_run(" and ")
    p.add_run("x^2").italic = True
    assert _texts(document) == ["Grade 5* and x^2"]


def test_a_tab_between_a_term_and_its_meaning_sets_them_apart_as_a_table_does():
    # 'Entente⇥⇥a friendly understanding' read as one run of words, and each such line
    # became a section of its own, titled with the whole line.
    document = docx.Document()
    document.add_heading("The First World War", 0)
    document.add_paragraph("Why did war break out?")
    document.add_heading("Key words", 1)
    document.add_paragraph("Entente\t\ta friendly understanding between countries")
    document.add_paragraph("Mobilise\tto get an army ready for war")
    document.add_paragraph("–\tNot a term: a bullet typed by hand.")
    document.add_paragraph("Kaiser:\tthe German emperor.")
    document.add_paragraph("Q1.\tDescribe the heart.")
    document.add_paragraph("o\tA bullet pasted from a PDF")
    document.add_paragraph("\tIndented.")
    glossary = [
        "Entente – a friendly understanding between countries",
        "Mobilise – to get an army ready for war",
    ]
    assert _texts(document)[-7:] == [
        *glossary,
        "Not a term: a bullet typed by hand.",  # (a bullet, its mark dropped)
        "Kaiser: the German emperor.",
        "Q1. Describe the heart.",
        "o A bullet pasted from a PDF",
        "Indented.",
    ]
    draft = shape(_blocks(document))
    # (a glossary's lines are its terms, up to the first line that is none: the rest stay
    # the section's)
    assert [(t.term, t.meaning) for t in draft.terms][:2] == [
        ("Entente", "a friendly understanding between countries"),
        ("Mobilise", "to get an army ready for war"),
    ]
    assert [s.title for s in draft.sections] == ["Key words"]
    assert [p.text for p in draft.sections[0].points][:2] == ["Q1.", "Describe the heart."]


def _blocks(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return read_docx(buffer.getvalue(), "notes.docx")


def _draft(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return shape(read_docx(buffer.getvalue(), "notes.docx"))


def test_short_plain_lines_under_a_heading_are_its_notes_but_a_bold_line_heads():
    # Three Normal lines under 'Useful phrases' each became a section of their own, the
    # line printed twice, and the heading an empty factor.
    document = docx.Document()
    document.add_heading("Notes", 0)
    document.add_paragraph("Why did it happen?")
    document.add_heading("Useful phrases", 1)
    for line in ("This suggests that", "On the other hand", "To a large extent"):
        document.add_paragraph(line)
    document.add_paragraph().add_run("A bold line").bold = True
    document.add_paragraph("Its first note.")
    draft = _draft(document)
    groups = [*draft.factors, *draft.sections]
    assert [g.title for g in groups] == ["Useful phrases", "A bold line"]
    assert [p.text for p in groups[0].points] == [
        "This suggests that",
        "On the other hand",
        "To a large extent",
    ]


def test_a_list_of_dates_is_a_timeline_with_tabs_and_a_closing_sentence():
    # '14 October 1962⇥U-2 photos …' lines read as one run of words; and a sentence after
    # a list of dates kept the whole list from being the timeline.
    document = docx.Document()
    document.add_heading("Cuba", 0)
    document.add_heading("Key dates", 1)
    document.add_paragraph("14 October 1962\tU-2 photos show missile sites")
    document.add_paragraph("22 October 1962\tKennedy announces the blockade")
    document.add_paragraph("Remember: the crisis lasted thirteen days.")
    draft = _draft(document)
    assert [(e.when, e.what) for e in draft.timeline] == [
        ("14 October 1962", "U-2 photos show missile sites"),
        ("22 October 1962", "Kennedy announces the blockade"),
    ]
    [rest] = [g for g in draft.sections if g.title == "Key dates"]
    assert [p.text for p in rest.points] == ["Remember: the crisis lasted thirteen days."]


def test_characters_that_print_as_nothing_are_left_out():
    # A soft hyphen and a zero-width space came out as '\u00ad' and '\u200b' in the YAML.
    document = docx.Document()
    document.add_paragraph("He did not risk M\u00adA\u00adD; U Thant\u200b mediated.")
    assert _texts(document) == ["He did not risk MAD; U Thant mediated."]
