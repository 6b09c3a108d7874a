"""CPU time of a pack's print and answers PDFs, joined in one process as a build does.

    python benchmarks/print_pdfs.py [--classes N] [--rounds N] [--profile]

Builds a --classes pack of the thaw topic (summary, worksheet + key, chart), noting every
call the build makes to `combine` (a class's print PDF and its answers PDF), then makes
those calls again, all of them in a row, --rounds times, each round after emptying the
memo tables (as a fresh build starts), and prints the CPU seconds of each round and their
median. With --profile, one more round runs under cProfile and its top functions are
printed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from bench import write_pack

Call = tuple[object, list, bool]


def captured_calls(folder: Path, classes: int) -> list[Call]:
    """Every (cover, documents, duplex) a build of a `classes` pack joins."""
    import revpack
    from revpack.building import printing

    calls: list[Call] = []
    combine = printing.combine

    def noting(cover, documents, duplex=False):
        calls.append((cover, list(documents), duplex))
        return combine(cover, documents, duplex)

    printing.combine = noting  # type: ignore[assignment]
    try:
        result = revpack.build([write_pack(folder, classes)], out=folder / "out", jobs=1)
    finally:
        printing.combine = combine  # type: ignore[assignment]
    assert result.ok, result.failed
    return calls


def one_round(calls: list[Call]) -> float:
    """CPU seconds of making every call once, the memo tables emptied first."""
    from revpack.building.printing import combine
    from revpack.memo import clear_all

    clear_all()
    start = time.process_time()
    for cover, documents, duplex in calls:
        combine(cover, documents, duplex)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--classes", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="revpack-print-") as work:
        calls = captured_calls(Path(work), args.classes)
        times = [one_round(calls) for _ in range(args.rounds)]
        print(f"{len(calls)} calls, CPU s per round: " + " ".join(f"{t:.3f}" for t in times))
        median = statistics.median(times)
        print(f"median {median:.3f} s, {1000 * median / len(calls):.2f} ms per print PDF")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(one_round, calls)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
