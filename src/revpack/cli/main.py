"""The `revpack` command's entry point.

`revpack check FILE…` without options runs here, without loading the command line's
parser (typer takes as long to load as PyYAML itself, and an editor may run a check on
every save); everything else is parsed by revpack.cli.app. Both print through
revpack.cli.output and end with the same exit statuses.
"""

from __future__ import annotations

import gc
import signal
import sys
from pathlib import Path


def main() -> None:
    """Console entry point."""
    # One command, then the process ends. Its objects (a year group's thousands of jobs,
    # paths and manifest records) live until then, and reference counting frees what it
    # drops: the collector's passes over them every 700 allocations (the default) took
    # some 10 ms of a rebuild of 300 classes with nothing to do. It still runs, rarely
    # (`revpack watch` runs for hours).
    gc.set_threshold(50_000)
    # Stopped by a service manager, `timeout` or CI (SIGTERM): unwind as Ctrl-C does, so
    # that the workers are ended and what was written is recorded (the default ends the
    # process where it stands, its workers left running).
    signal.signal(signal.SIGTERM, _terminated)
    try:
        args = sys.argv[1:]
        if args[:1] == ["check"] and not any(arg.startswith("-") for arg in args[1:]):
            from revpack.cli.checking import checked

            sys.exit(checked([Path(arg) for arg in args[1:]] or None))
        from revpack.cli.app import app

        app(prog_name="revpack")
    finally:
        # The process ends here. Spare the interpreter its last collection of all that
        # the command loaded (15 ms of a 0.3 s build): every file is written and closed,
        # and the memory goes back to the system anyway.
        gc.freeze()


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":  # pragma: no cover
    main()
