"""A DOCX's content as plain data, to compare two writers' outputs paragraph by paragraph:
every body paragraph (style, text, direct run formatting) and table (style, cell texts,
row heights), the header and footer, in order.

    python tests/docx_outline.py  # rewrites tests/data/golden/*.json from today's writer
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "golden"
TIERS = ("worksheet", "worksheet-support", "worksheet-stretch")
SOURCES = {
    "thaw": HERE.parent / "sources" / "cold-war" / "thaw.yaml",
    **{
        name: HERE / "data" / "worksheet" / f"{name}.yaml"
        for name in ("chemistry", "markup", "minimal", "no-marks", "russia")
    },
}


def _paragraph(p: Paragraph) -> dict:
    runs = [[r.text, bool(r.bold), bool(r.italic)] for r in p.runs if r.text]
    fmt = p.paragraph_format
    return {
        "style": p.style.name,
        "text": p.text,
        "runs": runs,
        "keep_with_next": bool(fmt.keep_with_next),
        "page_break_before": bool(fmt.page_break_before),
    }


def _table(t: Table) -> dict:
    rows = []
    for row in t.rows:
        tr_pr = row._tr.trPr
        height = None
        if tr_pr is not None and tr_pr.find(qn("w:trHeight")) is not None:
            height = tr_pr.find(qn("w:trHeight")).get(qn("w:val"))
        rows.append(
            {
                "cells": [c.text for c in row.cells],
                "height": height,
                "cant_split": tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None,
            }
        )
    return {"table": t.style.name if t.style is not None else None, "rows": rows}


def outline(path: Path) -> dict:
    """The content of the DOCX at `path`, as JSON-ready data."""
    document = docx.Document(str(path))
    body = [
        _paragraph(b) if isinstance(b, Paragraph) else _table(b)
        for b in document.iter_inner_content()
    ]
    section = document.sections[0]
    return {
        "header": [p.text for p in section.header.paragraphs],
        "footer": [p.text for p in section.footer.paragraphs],
        "core": {
            "title": document.core_properties.title,
            "category": document.core_properties.category,
            "comments": document.core_properties.comments,
        },
        "body": body,
    }


def build_all(out: Path) -> dict[str, Path]:
    """Every source × tier's sheet and key, seed 5, written into `out`."""
    from revpack.loading.layouts import load_layout
    from revpack.loading.source import load_source
    from revpack.model import Audience
    from revpack.writers import render

    files = {}
    for name, path in SOURCES.items():
        source = load_source(path)
        for tier in TIERS:
            for output in render(source, load_layout(tier), Audience("9Z", "Ms Test", 5), "docx"):
                file = out / f"{name}-{tier}{output.suffix}.docx"
                file.write_bytes(output.data)
                files[file.stem] = file
    return files


if __name__ == "__main__":
    import tempfile

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for stem, file in build_all(Path(folder)).items():
            (GOLDEN / f"{stem}.json").write_text(
                json.dumps(outline(file), ensure_ascii=False, indent=1) + "\n", "utf-8"
            )
    sys.exit(0)
