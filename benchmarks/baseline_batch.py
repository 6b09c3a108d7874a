"""The naive batch baseline: a pack's documents made by direct library calls on a pool.

    python benchmarks/baseline_batch.py SOURCE.yaml OUT_DIR CLASSES JOBS

For each of CLASSES classes, the same documents as `baseline_direct.py` (summary PDF,
worksheet and answer key DOCX, factor chart PDF) into OUT_DIR/<class>/, spread over a
process pool of JOBS workers: what a teacher's own script calling reportlab and
python-docx would do, with no validation, fitting, layouts, manifest or print PDFs.
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import baseline_direct  # noqa: E402


def one_class(args: tuple[Path, Path]) -> int:
    source, out = args
    out.mkdir(parents=True, exist_ok=True)
    data = yaml.load(source.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    baseline_direct.register_fonts()
    baseline_direct.summary(data, out / "summary.pdf")
    baseline_direct.worksheet(data, out / "worksheet.docx", out / "worksheet-answers.docx")
    baseline_direct.chart(data, out / "chart.pdf")
    return 4


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    classes, jobs = int(sys.argv[3]), int(sys.argv[4])
    work = [(source, out / f"class-{i:03d}") for i in range(classes)]
    if jobs <= 1:
        made = sum(map(one_class, work))
    else:
        with ProcessPoolExecutor(jobs) as pool:
            made = sum(pool.map(one_class, work))
    print(made)


if __name__ == "__main__":
    main()
