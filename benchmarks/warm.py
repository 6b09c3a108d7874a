"""Per-document times of every writer in a warm process.

    python benchmarks/warm.py [--repeat N]

Loads the thaw topic and the layouts once, renders each format once to set it up (as a
build's worker does with its first document), then renders it N more times, each for a
class of its own (a new seed), and prints the median time of one document.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THAW = REPO / "sources" / "cold-war" / "thaw.yaml"
CASES = (
    ("summary", "pdf"),
    ("summary", "html"),
    ("worksheet", "docx"),
    ("worksheet", "pdf"),
    ("worksheet", "html"),
    ("factor-chart", "pdf"),
    ("flashcards", "apkg"),
    ("flashcards", "tsv"),
    ("quiz", "moodle-xml"),
)
"""(layout, format) of each writer timed."""


def warm_rows(repeat: int = 50) -> list[tuple[str, str, str]]:
    """(label, milliseconds per document, '') for each case."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack.loading.layouts import load_layout
    from revpack.loading.source import load_source
    from revpack.model import Audience
    from revpack.writers import render

    source = load_source(THAW)
    rows = []
    for name, format in CASES:
        layout = load_layout(name)
        render(source, layout, Audience(seed=0), format=format)  # set-up, not timed
        times = []
        for seed in range(1, repeat + 1):
            start = time.perf_counter()
            render(source, layout, Audience(class_name=f"10{seed}", seed=seed), format=format)
            times.append(time.perf_counter() - start)
        rows.append(
            (f"(e) warm {name} {format}: ms/document", f"{statistics.median(times) * 1000:.2f}", "")
        )
    return rows


def worksheet_side_by_side(repeat: int = 50) -> list[tuple[str, str, str]]:
    """The worksheet + key as DOCX and as PDF, rendered alternately (DOCX, PDF, DOCX, …,
    a new class and seed each time) so that a busy moment of the machine falls on both:
    the median of each in milliseconds, and the ratio PDF / DOCX."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack.loading.layouts import load_layout
    from revpack.loading.source import load_source
    from revpack.model import Audience
    from revpack.writers import render

    source = load_source(THAW)
    layout = load_layout("worksheet")
    times: dict[str, list[float]] = {"docx": [], "pdf": []}
    for format in times:
        render(source, layout, Audience(seed=0), format=format)  # set-up, not timed
    for seed in range(1, repeat + 1):
        audience = Audience(class_name=f"10{seed}", seed=seed)
        for format, took in times.items():
            start = time.perf_counter()
            render(source, layout, audience, format=format)
            took.append(time.perf_counter() - start)
    docx, pdf = (statistics.median(times[f]) * 1000 for f in ("docx", "pdf"))
    return [
        ("(e) worksheet + key side by side: docx ms", f"{docx:.2f}", ""),
        ("(e) worksheet + key side by side: pdf ms", f"{pdf:.2f}", "target <= 25"),
        ("(e) worksheet + key side by side: pdf / docx", f"{pdf / docx:.2f}", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    rows = warm_rows(args.repeat) + worksheet_side_by_side(args.repeat)
    width = max(len(r[0]) for r in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>8}  {target}".rstrip())


if __name__ == "__main__":
    main()
