"""`--class`: any case, the folder name, packs only, and a usage error without a pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import revpack as api
from helpers import DATA, THAW, revpack
from revpack.problems import UsageError

PACK = """\
pack: Year 9 Science
sources: [topics/*.yaml]
layouts: [summary]
classes:
  - name: 9A Set 1
    teacher: Ms Patel
  - name: 9B
    teacher: Mr Obi
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A pack over one topic, and a second source that no pack names."""
    (tmp_path / "topics").mkdir()
    shutil.copy(THAW, tmp_path / "topics" / "thaw.yaml")
    shutil.copy(DATA / "packs" / "good.yaml", tmp_path / "loose.yaml")
    (tmp_path / "pack.yaml").write_text(PACK, "utf-8")
    return tmp_path


def _built(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf"))


@pytest.mark.parametrize("asked", ["9b", "9B", " 9b "])
def test_class_name_matches_in_any_case(project, asked):
    result = api.build([project / "pack.yaml"], out=project / "out", classes=[asked], jobs=1)
    assert result.ok, result.failed
    assert _built(project / "out") == [
        "year-9-science/9b/thaw-summary.pdf",
        "year-9-science/9b/year-9-science-9b-print.pdf",
    ]


def test_class_folder_name_is_accepted(project):
    done = revpack("build", "pack.yaml", "--class", "9a-set-1", "-q", cwd=project)
    assert done.returncode == 0, done.stderr
    assert _built(project / "out") == [
        "year-9-science/9a-set-1/thaw-summary.pdf",
        "year-9-science/9a-set-1/year-9-science-9a-set-1-print.pdf",
    ]


def test_class_builds_only_packs_not_the_other_sources(project):
    done = revpack("build", "pack.yaml", "loose.yaml", "--class", "9B", "-q", cwd=project)
    assert done.returncode == 0, done.stderr
    assert not (project / "out" / "loose-summary.pdf").exists()
    assert _built(project / "out")[0].startswith("year-9-science/9b/")


def test_class_without_a_pack_is_a_usage_error(project):
    done = revpack("build", "loose.yaml", "--class", "9B", cwd=project)
    assert done.returncode == 2
    assert "none of the inputs is a pack" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "out").exists()
    with pytest.raises(UsageError):
        api.build([project / "loose.yaml"], out=project / "out", classes=["9B"])


def test_unknown_class_lists_the_classes(project):
    # (a name on the command line, as an unknown --student is: a usage error)
    done = revpack("build", "pack.yaml", "--class", "9Z", cwd=project)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["revpack: no class called '9Z'; classes: 9A Set 1, 9B"]
