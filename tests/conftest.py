import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hypothesis import settings  # noqa: E402

# CI runs the property tests on the same examples every time (a gate must not pass or fail
# by chance); a developer's runs draw new ones, and keep the failures they find.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("REVPACK_CI") else "default")
