import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# CI runs the property tests on the same examples every time (a gate must not pass or fail
# by chance); a developer's runs draw new ones, and keep the failures they find.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("REVPACK_CI") else "default")


@pytest.fixture
def forked_workers(monkeypatch):
    """Worker processes started by fork, whatever threads an earlier test left running
    (which would make the pool start them afresh), so that what a test patches in this
    process is theirs too."""
    import multiprocessing

    from revpack.building import workers

    fork = multiprocessing.get_context("fork")
    monkeypatch.setattr(workers, "_context", lambda: fork)
