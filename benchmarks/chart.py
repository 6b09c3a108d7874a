"""The factor chart's first build, by number of factors, in a warm process.

    python benchmarks/chart.py [--repeat N] [--factors 3,6,9,12,16] [--points 6]

Generates topics of 3 to 16 factors with --points points each (words drawn from the
student's notes in examples/thaw-notes.txt, point lengths and key terms as in
sources/cold-war/thaw.yaml, a link between every third pair of neighbours), written as
YAML and read back as a build reads them. With the fonts and the layouts loaded, it
empties every memo table and renders the chart on the A4 (factor-chart) and an A3
landscape layout (factor-chart on A3 paper), --repeat times per topic, and prints the
median time of the render (wall and CPU) and how many cards (a box's text set at one width and size)
the search set. A topic that cannot fit shows what its message says instead of a type
size.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTES = REPO / "examples" / "thaw-notes.txt"
THAW = REPO / "sources" / "cold-war" / "thaw.yaml"
A3 = "extends: factor-chart\npage: {size: A3}\n"
QUESTION = "Why did Khrushchev pursue Peaceful Coexistence?"


def point_lengths() -> list[int]:
    """How many words each point of the thaw topic has (factors and sections)."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack.loading.source import load_source

    source = load_source(THAW)
    groups = [*source.factors, *source.sections]
    return [len(p.text.plain.split()) for group in groups for p in group.points]


def vocabulary() -> list[str]:
    """The words of the student's notes, as typed, without characters YAML or the
    markup would read."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d{2,4}", NOTES.read_text("utf-8"))
    return [w for w in words if w.lower() not in {"nk"}]


def topic_yaml(factors: int, points: int, seed: int = 0) -> str:
    """A generated topic: `factors` factors of `points` points each."""
    rng = random.Random(f"{factors}-{points}-{seed}")
    words, lengths = vocabulary(), point_lengths()
    titles: list[str] = []
    while len(titles) < factors:
        title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 4))).capitalize()
        if title not in titles:
            titles.append(title)
    out = [
        f"title: Generated topic of {factors} factors",
        "subject: History",
        f"question: {QUESTION}",
        "factors:",
    ]
    for i, title in enumerate(titles):
        out += [f"  - title: {title}", "    points:"]
        for _ in range(points):
            chosen = [rng.choice(words) for _ in range(rng.choice(lengths))]
            start = rng.randrange(len(chosen))
            chosen[start] = f"=={chosen[start]}=="  # a key term in most points, as in thaw
            out.append(f"      - {' '.join(chosen)}.")
        if i % 3 == 2 and i + 1 < factors:
            out.append(f"    links: [{titles[i + 1]}]")
    return "\n".join(out) + "\n"


def counting():
    """Count every card the chart sets (a box's text at one width and size): wraps the
    card functions where the chart's modules call them."""
    from revpack.chart import cards

    counts = {"cards": 0}
    originals = {name: getattr(cards, name) for name in ("factor_card", "question_card")}

    def wrap(function):
        def counted(*args, **kwargs):
            counts["cards"] += 1
            return function(*args, **kwargs)

        return counted

    for name, module in list(sys.modules.items()):
        if name.startswith("revpack.chart") and module is not cards:
            for attr, original in originals.items():
                if getattr(module, attr, None) is original:
                    setattr(module, attr, wrap(original))
    return counts


def measure_topics(sizes: list[int], points: int, repeat: int) -> list[tuple[str, ...]]:
    """(layout, factors, ms median, ms min, CPU ms median, cards set, outcome) per topic
    and layout."""
    sys.path.insert(0, str(REPO / "src"))
    from revpack.loading.layouts import load_layout
    from revpack.loading.source import load_source
    from revpack.memo import clear_all
    from revpack.model import Audience
    from revpack.problems import RenderError
    from revpack.writers import render

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "factor-chart-a3.yaml").write_text(A3, "utf-8")
        layouts = {
            "A4": load_layout("factor-chart"),
            "A3": load_layout("factor-chart-a3", (folder,)),
        }
        sources = {}
        for count in sizes:
            path = folder / f"topic-{count}.yaml"
            path.write_text(topic_yaml(count, points), "utf-8")
            sources[count] = load_source(path)
        render(load_source(THAW), layouts["A4"], Audience(), format="pdf")  # fonts, imports
        counts = counting()
        for paper, layout in layouts.items():
            for count, source in sources.items():
                times, cpu, outcome = [], [], ""
                for _ in range(repeat):
                    clear_all()
                    counts["cards"] = 0
                    start, start_cpu = time.perf_counter(), time.process_time()
                    try:
                        render(source, layout, Audience(class_name="10A"), format="pdf")
                        outcome = "fits"
                    except RenderError as error:
                        found = re.search(r"about (\d+%) too much|holds at most \d+", str(error))
                        outcome = found.group(0) if found else str(error)[:40]
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                rows.append(
                    (
                        paper,
                        str(count),
                        f"{statistics.median(times):.0f}",
                        f"{min(times):.0f}",
                        f"{statistics.median(cpu):.0f}",
                        str(counts["cards"]),
                        outcome,
                    )
                )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--factors", default="3,6,9,12,16")
    parser.add_argument("--points", type=int, default=6)
    args = parser.parse_args()
    sizes = [int(n) for n in args.factors.split(",")]
    rows = measure_topics(sizes, args.points, args.repeat)
    head = ("paper", "factors", "ms median", "ms min", "CPU ms", "cards set", "outcome")
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    for row in (head, *rows):
        print("  ".join(f"{cell:>{w}}" for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
