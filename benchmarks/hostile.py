"""How long revpack takes, and how much memory, to build or refuse very large inputs.

    python benchmarks/hostile.py [--only NAME]

Each case is generated into a temporary folder and built in a fresh process (every
standard layout, one job), which reports its wall time, its peak memory and how the build
ended: documents written, documents failed with a message, or the input refused. The bound
to hold: about 5 s and 500 MB for any input, whatever its size, before its error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

WORDS = (
    "the thaw brought peaceful ==coexistence== between the two blocs after Stalin's "
    "death while Khrushchev sought to reduce the cost of the arms race"
).split()


def sentence(chars: int, seed: int = 0) -> str:
    """A point of about `chars` characters, made of words (so lines break as in notes)."""
    words, length, index = [], 0, seed
    while length < chars:
        word = WORDS[index % len(WORDS)]
        words.append(word)
        length += len(word) + 1
        index += 7
    return " ".join(words)


def source(
    factors: int,
    points: int,
    chars: int = 120,
    question: int = 60,
    sections: int = 0,
    section_points: int = 0,
) -> dict:
    """A source with `factors` factors of `points` points of about `chars` characters."""
    data = {
        "title": "A generated topic",
        "question": sentence(question).replace("==", "") + "?",
        "factors": [
            {
                "title": f"Factor {i + 1}",
                "points": [sentence(chars, i * 31 + j) for j in range(points)],
            }
            for i in range(factors)
        ],
    }
    if sections:
        data["sections"] = [
            {
                "title": f"Section {i + 1}",
                "points": [sentence(chars, i + j) for j in range(section_points)],
            }
            for i in range(sections)
        ]
    return data


def cases(folder: Path) -> dict[str, list[str]]:
    """Case name -> the build's arguments, with its input files written into `folder`."""

    def write(name: str, data) -> str:
        path = folder / f"{name}.yaml"
        path.write_text(
            data
            if isinstance(data, str)
            else yaml.safe_dump(data, allow_unicode=True, width=10**9),
            "utf-8",
        )
        return str(path)

    found = {
        "question-10000-chars": [write("q10k", source(4, 3, question=10_000))],
        "question-2000-chars": [write("q2k", source(4, 3, question=2_000))],
        "12-factors-x-40-points": [write("f12x40", source(12, 40, chars=150))],
        "40-factors-x-40-points": [write("f40x40", source(40, 40, chars=150))],
        "900-KB-source": [
            write("big900k", source(12, 40, chars=250, sections=200, section_points=16))
        ],
        "880-KB-585-long-points": [write("long585", source(15, 39, chars=1_500))],
        "most-within-limits": [write("most", source(12, 40, chars=400))],
        "12-factors-x-10-points": [write("f12x10", source(12, 10, chars=150))],
        "8-factors-x-6-points": [write("f8x6", source(8, 6, chars=100))],
    }
    huge = folder / "huge50mb.yaml"
    with huge.open("w", encoding="utf-8") as file:
        file.write("title: huge\nfactors:\n")
        line = f"      - {sentence(200)}\n"
        for i in range(50_000_000 // 2_000):
            file.write(f"  - title: F{i}\n    points:\n" + line * 9)
    found["50-MB-source"] = [str(huge)]
    found["90000-unknown-keys"] = [
        write("keys90k", "title: x\n" + "".join(f"k{i}: v\n" for i in range(90_000)))
    ]
    found["150000-item-list"] = [
        write(
            "list150k",
            "title: x\nfactors:\n  - title: a\n    points: [" + ",".join(["p"] * 150_000) + "]\n",
        )
    ]
    found["pack-glob-whole-disk"] = [
        write("wholedisk", "pack: Everything\nsources: ['/**/*.yaml']\nclasses: [{name: A}]\n")
    ]
    manifest_source = write("manifest", source(4, 3))
    (folder / "manifest.yaml.out").mkdir()
    jobs = {
        f"x{i}.pdf": {"key": "k", "files": {f"x{i}.pdf": {"size": 1, "sha256": "0" * 64}}}
        for i in range(85_000)
    }  # just under the 16 MB a manifest may have
    (folder / "manifest.yaml.out" / ".revpack-manifest.json").write_text(
        json.dumps({"version": 2, "jobs": jobs}, indent=1), "utf-8"
    )
    found["15-MB-manifest"] = [manifest_source]
    loop = folder / "loop"
    (loop / "a").mkdir(parents=True)
    (loop / "a" / "up").symlink_to("..", target_is_directory=True)
    (loop / "topic.yaml").write_text(yaml.safe_dump(source(4, 3)), "utf-8")
    found["pack-glob-link-loop"] = [
        write("looped", "pack: Loop\nsources: ['loop/**/*.yaml']\nclasses: [{name: A}]\n")
    ]
    (folder / "many-pages.yaml").write_text(
        "extends: summary\nfont: {size: 6, min_size: 5, max_size: 12, line_spacing: 1}\n"
        "options: {max_pages: 20, columns: 3, split_blocks: true}\n"
        "page: {size: A4, margin: 4mm}\n",
        "utf-8",
    )
    found["summary-20-pages-3-columns"] = [
        write("wide", source(14, 40, chars=300)),
        "-l",
        "many-pages",
        "--layouts",
        str(folder),
    ]
    for depth in range(1000):
        parent = f"deep{depth + 1}" if depth < 999 else "summary"
        (folder / f"deep{depth}.yaml").write_text(f"extends: {parent}\n", "utf-8")
    found["extends-1000-deep"] = [
        write("small", source(4, 3)),
        "-l",
        "deep0",
        "--layouts",
        str(folder),
    ]
    return found


RUN = """
import json, resource, sys, time
started = time.perf_counter()
import revpack
args = sys.argv[1:]
from revpack.loading.layouts import available
layouts = sorted(available())
if "-l" in args:
    layouts = [args[args.index("-l") + 1]]
dirs = [args[args.index("--layouts") + 1]] if "--layouts" in args else []
times, last = {}, [0.0]
def done(d):  # one job at a time, so the time since the last one is this job's
    now = time.perf_counter()
    times[d.job.label] = now - last[0]
    last[0] = now
try:
    result = revpack.build(args[:1], layouts=layouts, layout_dirs=dirs,
                           out=args[0] + ".out", jobs=1, on_done=done,
                           on_plan=lambda n: last.__setitem__(0, time.perf_counter()))
    ended = f"{len(result.written)} written, {len(result.failed)} failed"
    first = (result.failed or [""])[0]
except revpack.InputError as exc:
    ended, first = f"refused ({len(exc.problems)} problems)", str(exc.problems[0])
slowest = max(times.items(), key=lambda kv: kv[1], default=("", 0.0))
print(json.dumps({"seconds": time.perf_counter() - started, "ended": ended,
                  "slowest": f"slowest {slowest[0]} {slowest[1]:.2f} s" if times else "",
                  "first": first[:150],
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="Run only the case whose name contains this.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in cases(Path(tmp)).items():
            if options.only and options.only not in name:
                continue
            done = subprocess.run(
                [sys.executable, "-c", RUN, *args],
                capture_output=True,
                text=True,
                cwd=tmp,
                check=False,
            )
            if done.returncode:
                print(f"{name:<26} crashed: {done.stderr.strip().splitlines()[-1]}")
                continue
            report = json.loads(done.stdout)
            print(
                f"{name:<26} {report['seconds']:6.2f} s {report['mb']:6.0f} MB  "
                f"{report['ended']}  {report['slowest']}"
            )
            if report["first"]:
                print(f"{'':<26} {report['first']}")


if __name__ == "__main__":
    main()
