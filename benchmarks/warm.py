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
from collections.abc import Callable
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
    the median of each in milliseconds, and the ratio PDF / DOCX. Between them, the
    format-neutral model alone (the exercises, sheet and key that both writers start
    from, made again for the same class): the part of each document's time that no
    writer can save."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack.labels import load_labels
    from revpack.loading.layouts import load_layout
    from revpack.loading.source import load_source
    from revpack.model import Audience
    from revpack.worksheet.assemble import assemble
    from revpack.writers import render

    source = load_source(THAW)
    layout = load_layout("worksheet")

    def model(audience: Audience) -> None:
        assemble(source, layout, audience, load_labels(source.language, layout.labels))

    def rendering(format: str) -> Callable[[Audience], object]:
        return lambda audience: render(source, layout, audience, format=format)

    steps: dict[str, Callable[[Audience], object]] = {
        "docx": rendering("docx"),
        "model": model,
        "pdf": rendering("pdf"),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for step in steps.values():
        step(Audience(seed=0))  # set-up, not timed
    for seed in range(1, repeat + 1):
        audience = Audience(class_name=f"10{seed}", seed=seed)
        for name, step in steps.items():
            start = time.perf_counter()
            step(audience)
            times[name].append(time.perf_counter() - start)
    docx, model_ms, pdf = (statistics.median(times[n]) * 1000 for n in ("docx", "model", "pdf"))
    return [
        ("(e) worksheet + key side by side: docx ms", f"{docx:.2f}", ""),
        ("(e) worksheet + key side by side: pdf ms", f"{pdf:.2f}", "target <= 25"),
        ("(e) worksheet + key side by side: pdf / docx", f"{pdf / docx:.2f}", ""),
        ("(e) the model both start from, alone: ms", f"{model_ms:.2f}", ""),
        ("(e) the model alone / docx", f"{model_ms / docx:.2f}", ""),
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
