"""Building on a dask.distributed cluster (`revpack build --scheduler ADDRESS`).

dask is an optional extra (`pip install 'revpack[dask]'`), imported only here and only
when a scheduler is named. Its workers need revpack installed (the same version) and
nothing else: each job carries its source, layout, audience and printed date, and sends
back bytes, which this process writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from revpack.problems import UsageError

if TYPE_CHECKING:
    from concurrent.futures import Executor

CONNECT_SECONDS = 10
"""How long to wait for the scheduler to answer."""


@contextlib.contextmanager
def executor_for(address: str | None) -> Iterator[Executor | None]:
    """An executor whose jobs run on the dask cluster at `address`, or None (worker
    processes on this machine) when no address is given. Raises UsageError when dask is
    not installed or the scheduler does not answer."""
    if not address:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--scheduler needs dask.distributed; install it with pip install 'revpack[dask]'"
        ) from None
    # (distributed's Client leaves its methods unannotated: hence the ignores below)
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)  # type: ignore[no-untyped-call]
    except Exception as exc:  # noqa: BLE001 - whatever answers there, it is no scheduler
        # (a web server's reply read as a dask message asks dask for terabytes: MemoryError)
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise UsageError(
            f"--scheduler: no dask scheduler answers at {address} ({reason}); "
            "start one with 'dask scheduler' and workers with "
            "'dask worker ADDRESS'"
        ) from None
    try:
        yield client.get_executor(pure=False)  # type: ignore[no-untyped-call]
    finally:
        client.close()  # type: ignore[no-untyped-call]
