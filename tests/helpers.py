"""Shared test helpers: run the CLI, read outputs back, and run the real validators."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
THAW = REPO / "sources" / "cold-war" / "thaw.yaml"

SCIENCE_PACK = """\
pack: Year 9 Science
sources: [topics/*.yaml]
layouts: [summary]
classes:
  - name: 9A
    teacher: Ms Patel
  - name: 9B
    teacher: Mr Obi
"""
"""A pack of two classes over every topic in `topics/`."""


def copy_topic(folder: Path) -> Path:
    """The science topic `SCIENCE_PACK` names, copied to `<folder>/topics/`."""
    path = folder / "topics" / "photosynthesis.yaml"
    path.parent.mkdir()
    shutil.copy(DATA / "packs" / "good.yaml", path)
    return path


def write_pack(folder: Path, text: str = SCIENCE_PACK) -> Path:
    """`folder/pack.yaml` holding `text`, with two topics in `folder/topics/` (the
    photosynthesis test topic and the thaw); returns the pack's path."""
    topics = folder / "topics"
    topics.mkdir(exist_ok=True)
    shutil.copy(DATA / "packs" / "good.yaml", topics / "photosynthesis.yaml")
    shutil.copy(THAW, topics / "thaw.yaml")
    pack = folder / "pack.yaml"
    pack.write_text(text, "utf-8")
    return pack


def revpack(*args: str | Path, cwd: Path | None = None, env: dict | None = None):
    """Run `python -m revpack ARGS` and return the CompletedProcess (text mode)."""
    return subprocess.run(
        [sys.executable, "-m", "revpack", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def fresh_python(script: str, timeout: float = 120) -> str:
    """Run `script` in a fresh Python (nothing imported yet); its standard output. Fails
    the test, with the script's standard error, unless it ends well."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def need(tool: str) -> str:
    """The path of an external tool; skips locally, fails in CI, when it is missing."""
    path = shutil.which(tool)
    if path:
        return path
    message = (
        f"{tool} is not installed (apt-get install qpdf poppler-utils chromium "
        "chromium-driver libreoffice-writer-nogui)"
    )
    if os.environ.get("REVPACK_REQUIRE_VALIDATORS") or os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def qpdf_check(pdf: Path) -> None:
    """`qpdf --check` must exit 0."""
    done = subprocess.run([need("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def fonts_embedded(pdf: Path) -> list[str]:
    """Assert every font in `pdf` is embedded (pdffonts); return the font names."""
    done = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True, check=True)
    rows = done.stdout.splitlines()[2:]
    assert rows, "no fonts in the PDF"
    for row in rows:
        # columns: name type encoding emb sub uni object ID
        fields = row.split()
        assert fields[-5] == "yes", f"font not embedded: {row}"
    return [row.split()[0] for row in rows]


def pdftotext(pdf: Path, layout: bool = False) -> str:
    """The text of a PDF as poppler extracts it."""
    args = [need("pdftotext"), *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def validate_docx(docx: Path) -> None:
    """The ECMA-376 schema check must pass."""
    tool = Path(__file__).resolve().parent / "validators" / "validate_docx.py"
    done = subprocess.run([sys.executable, str(tool), str(docx)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def libreoffice_converts(docx: Path, workdir: Path) -> Path:
    """LibreOffice headless must turn `docx` into a non-empty PDF (it exits 0 on failure)."""
    soffice = need("soffice")
    profile = workdir / "lo-profile"
    outdir = workdir / "lo-pdf"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        capture_output=True,
        timeout=240,
    )
    pdf = outdir / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not convert {docx}"
    return pdf


def zip_names(docx: Path) -> list[str]:
    """The parts of a DOCX."""
    with zipfile.ZipFile(docx) as z:
        return z.namelist()


def nested_labels(change) -> dict:
    """Every English label nested as a layout's `labels:` writes them, each text as
    `change(key, text)` gives it (a layout that serves a language with no label set)."""
    from revpack.labels import OWN, load_labels

    nested: dict = {}
    for key, value in load_labels("en").entries:
        if key in OWN:  # (the language's own, which no layout gives)
            continue
        text = value if isinstance(value, str) else dict(value)["other"]
        place = nested
        *parents, last = key.split(".")
        for part in parents:
            place = place.setdefault(part, {})
        place[last] = change(key, text)
    return nested


def default_sigint() -> None:
    """For a child process (`preexec_fn`): Ctrl-C as in a terminal. A test run started as
    a background job (as CI starts it) passes on an ignored SIGINT, which Python then
    keeps ignoring."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
