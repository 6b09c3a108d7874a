"""Build feedback: a progress bar on a terminal, plain lines otherwise, nothing with -q."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from revpack.cli.output import say

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from revpack.building.jobs import Done


class BuildProgress:
    """Receives `start(total)` and `advance(done)` from the build and shows them."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        """The bar's one task (once there is a bar)."""
        self.said: set[object] = set()
        """The files a line has said were written."""
        self.total = 0
        """How many jobs the build runs."""
        self.done = 0
        """How many of them have finished."""

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, total: int) -> None:
        """The build knows how many jobs it will run."""
        self.total = total
        if self.quiet or not total or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("", total=total)

    def advance(self, done: Done) -> None:
        """One job finished."""
        self.done += 1
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, advance=1, description=done.job.label)
        elif not self.quiet:
            # a job that kept all its files (edited, say) wrote nothing: no line for it here;
            # nor for a file already holding what it would write (found, not written again)
            written = done.written
            self.said.update(written)
            lines = [f"wrote {path}" for path in written]
            if done.error and not written:  # (else the problem names the file not written)
                lines.append(f"failed {done.job.base.parent / done.job.label}")
            for line in lines:
                say(line)

    def finish(self, written: list[Path]) -> None:
        """The build's end: a line for each file written that no job's line named (a
        class's print and answers PDFs, made after its documents), where no bar shows
        the build."""
        if self.bar is None and not self.quiet:
            for path in written:
                if path not in self.said:
                    say(f"wrote {path}")

    def stopped(self) -> str:
        """What to say of a build stopped before its end (Ctrl-C, SIGTERM)."""
        made = f" ({self.done} of {self.total} documents made)" if self.total else ""
        return (
            f"revpack: stopped before the build's end{made}; what was written is kept and "
            "recorded: build again to finish"
        )

    def stop(self) -> None:
        """Remove the bar (before printing problems or the summary)."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
