"""Word files a teacher has edited, printed as they are: revpack draws its documents as
PDF itself, but only a word processor can lay out what a teacher changed in a DOCX, so a
class's print PDF takes an edited worksheet (or the key kept with it) through LibreOffice
when it is installed. Without it, the print PDF holds the document as built from the
notes, and the build says so."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from revpack.building.lifetime import ending_with_parent
from revpack.building.scratch import scratch_folder

PROGRAMS = ("soffice", "libreoffice")
"""The names LibreOffice's command is installed under."""

SCRATCH_PREFIX = "revpack-word-"
"""How the folders LibreOffice prints in (in the temporary folder) are named: the process
id that made each follows (revpack.building.scratch)."""

TRIES = 2
"""How many times LibreOffice is run before its failure is given up on."""
TIMEOUT = 300.0
"""Seconds LibreOffice may take over one print PDF's Word files (it starts in 2–10 s and
converts a worksheet in about one)."""


class WordPrintError(Exception):
    """A Word file LibreOffice could not turn into PDF (one line)."""


def word_processor() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def is_word_file(path: Path) -> bool:
    """Whether `path` is a Word file (a ZIP package holding word/document.xml): an edited
    worksheet saved over with something else is printed as built, not as its text."""
    try:
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def pdfs_of(files: list[Path], program: str, timeout: float = TIMEOUT) -> dict[Path, bytes]:
    """Each DOCX of `files` as PDF bytes, made by LibreOffice (`program`) in one run;
    WordPrintError when it cannot make one of them.

    Each file is copied under a name of its own first: a class's students have worksheets
    of the same name, and LibreOffice names its PDFs after its files. It runs with a
    profile of its own, so that two workers (or a teacher's open LibreOffice) do not
    wait for each other's."""
    # (what LibreOffice leaves there when it is stopped is no reason to fail; what a
    # process killed outright leaves there, the next one sweeps away)
    with scratch_folder(SCRATCH_PREFIX) as work:
        copies = []
        for index, path in enumerate(files):
            copy = work / f"{index}.docx"
            try:
                shutil.copyfile(path, copy)
            except OSError as exc:
                raise WordPrintError(f"cannot read {path}: {exc.strerror or exc}") from None
            copies.append(copy)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            *map(str, copies),
        ]
        pdfs = [work / "pdf" / f"{copy.stem}.pdf" for copy in copies]
        said, failed = "", files
        for _ in range(TRIES):  # (a LibreOffice starting beside another now and then fails)
            said = _run(command, timeout)
            # (LibreOffice exits 0 also when it could not open a file)
            failed = [
                path
                for path, pdf in zip(files, pdfs, strict=True)
                if not (pdf.is_file() and pdf.stat().st_size > 0)
            ]
            if not failed:
                return {path: pdf.read_bytes() for path, pdf in zip(files, pdfs, strict=True)}
        raise WordPrintError(
            f"LibreOffice could not turn {failed[0]} into PDF" + (f" ({said})" if said else "")
        )


def _run(command: list[str], timeout: float) -> str:
    """Run LibreOffice; the last line it wrote on standard error, if any. It is ended with
    its caller (a worker killed when the build stops does not leave it running)."""
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=timeout,
            check=False,
            preexec_fn=ending_with_parent(),
        )
    except subprocess.TimeoutExpired:
        raise WordPrintError(f"LibreOffice took more than {timeout:.0f} s") from None
    except OSError as exc:
        raise WordPrintError(f"cannot run LibreOffice: {exc.strerror or exc}") from None
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return " ".join(lines[-1].split()) if lines else ""
