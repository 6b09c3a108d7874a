"""The baseline for benchmark (a): the same three documents made by direct library calls.

    python benchmarks/baseline_direct.py SOURCE.yaml OUT_DIR

No validation, no fitting, no layout files: a summary PDF (platypus paragraphs), a
worksheet DOCX and its answer key (python-docx), and a factor chart PDF (boxes on a
canvas), all in the same embedded font. What revpack adds must cost little beyond this.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import yaml
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

FONTS = Path(__file__).resolve().parent.parent / "src" / "revpack" / "fontfiles"
KEY = re.compile(r"==(\S(?:.*?\S)?)==")


def points(block):
    for point in block["points"]:
        if isinstance(point, dict):
            yield point["text"]
            yield from point["points"]
        else:
            yield point


def summary(data, path: Path) -> None:
    body = ParagraphStyle("b", fontName="DejaVuSans", fontSize=9, leading=11)
    head = ParagraphStyle("h", fontName="DejaVuSans-Bold", fontSize=11, leading=14)
    story = [Paragraph(escape(data["title"]), head), Paragraph(escape(data["question"]), head)]
    for block in [*data["factors"], *data["sections"]]:
        story.append(Paragraph(escape(block["title"]), head))
        story += [Paragraph("• " + KEY.sub(r"<b>\1</b>", escape(p)), body) for p in points(block)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)


def worksheet(data, path: Path, answers_path: Path) -> None:
    sheet, key = docx.Document(), docx.Document()
    sheet.add_heading(data["title"], 0)
    key.add_heading(data["title"] + " – answers", 0)
    number, bank = 0, []
    for block in data["factors"]:
        for text in points(block):

            def gap(match):
                nonlocal number
                number += 1
                bank.append(match.group(1))
                key.add_paragraph(f"{number}. {match.group(1)}")
                return f"({number}) ________"

            sheet.add_paragraph(KEY.sub(gap, text), style="List Number")
    random.Random(0).shuffle(bank)
    sheet.add_paragraph("Word bank: " + ", ".join(bank))
    sheet.save(str(path))
    key.save(str(answers_path))


def chart(data, path: Path) -> None:
    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    width, height = landscape(A4)
    canvas.setFont("DejaVuSans-Bold", 12)
    canvas.rect(width / 2 - 120, height / 2 - 30, 240, 60)
    canvas.drawCentredString(width / 2, height / 2, data["question"])
    for i, factor in enumerate(data["factors"]):
        x, y = 40 + (i % 3) * 260, 40 + (i // 3) * 420
        canvas.rect(x, y, 240, 120)
        canvas.drawString(x + 8, y + 100, factor["title"])
    canvas.save()


def register_fonts() -> None:
    for face in ("DejaVuSans", "DejaVuSans-Bold"):
        if face not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face, str(FONTS / f"{face}.ttf")))


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    data = yaml.load(source.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    register_fonts()
    summary(data, out / "summary.pdf")
    worksheet(data, out / "worksheet.docx", out / "worksheet-answers.docx")
    chart(data, out / "chart.pdf")


if __name__ == "__main__":
    main()
