"""Per-document time of the HTML pages in a warm process: the source, layouts and label
set loaded once (as a build's worker has them), then each page written again and again.

    python benchmarks/bench_html.py [--repeat N]

For scale, the same figure for the worksheet as DOCX and the summary as PDF, written in
the same process. Each figure is the median over --repeat documents, after one warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from revpack import Audience, load_layout, load_source, render  # noqa: E402

THAW = REPO / "sources" / "cold-war" / "thaw.yaml"
CASES = [("worksheet", "html"), ("summary", "html"), ("worksheet", "docx"), ("summary", "pdf")]


def per_document(source, layout, format: str, repeat: int) -> float:
    """Median seconds to write one document (a new seed each time, as for a class)."""
    render(source, layout, Audience(seed=0), format)
    times = []
    for seed in range(1, repeat + 1):
        start = time.perf_counter()
        render(source, layout, Audience(class_name="11A", seed=seed), format)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    source = load_source(THAW)
    for name, format in CASES:
        seconds = per_document(source, load_layout(name), format, args.repeat)
        label = f"{name} {format}, ms per document (warm)"
        print(f"{label:<44}  {seconds * 1000:>8.1f}")


if __name__ == "__main__":
    main()
