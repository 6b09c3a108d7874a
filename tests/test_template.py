"""`revpack new TITLE`: a commented template that checks and builds as it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import pdftotext, qpdf_check, revpack, validate_docx
from revpack import load_source
from revpack.authoring.template import new_source


def listed_layouts() -> set[str]:
    done = revpack("layouts")
    return {line.split()[0] for line in done.stdout.splitlines()[1:] if line[:1].strip()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder with the schema where `revpack schema -o` puts it."""
    folder = tmp_path_factory.mktemp("project")
    assert revpack("schema", "-o", "schema/source.schema.json", cwd=folder).returncode == 0
    done = revpack("new", "The Thaw: 1953–1956", "-o", "sources/thaw.yaml", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def test_template_checks(project):
    done = revpack("check", "sources/thaw.yaml", cwd=project)
    assert done.returncode == 0, done.stderr


def test_template_builds_the_summary(project, tmp_path):
    done = revpack("build", project / "sources/thaw.yaml", "-l", "summary", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "thaw-summary.pdf"
    qpdf_check(pdf)
    text = " ".join(pdftotext(pdf).split())
    assert "The Thaw: 1953–1956" in text and "What is the key question" in text


@pytest.mark.parametrize("layout", ["worksheet", "factor-chart"])
def test_template_builds_other_layouts_when_they_exist(project, tmp_path, layout):
    if layout not in listed_layouts():
        pytest.skip(f"`revpack layouts` does not list {layout} yet")
    done = revpack("build", project / "sources/thaw.yaml", "-l", layout, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "leaves out" not in done.stdout + done.stderr  # every exercise has material
    for path in tmp_path.glob("*.docx"):
        validate_docx(path)
    for path in tmp_path.glob("*.pdf"):
        qpdf_check(path)


def test_template_shows_every_part_of_the_format(project):
    source = load_source(project / "sources/thaw.yaml")
    assert source.title.plain == "The Thaw: 1953–1956"
    assert source.question and source.intro and source.sections
    assert len(source.factors) >= 3 and source.factors[0].links
    assert any(p.points for p in source.factors[0].points)  # a point with sub-points
    assert len(source.terms) >= 2 and len(source.timeline) >= 2
    assert all(f.points[0].text.keys for f in source.factors)  # key terms marked
    text = (project / "sources/thaw.yaml").read_text("utf-8")
    assert "# subject:" in text and "# course:" in text  # optional keys, commented out


def test_template_points_editors_at_the_schema(project):
    first = (project / "sources/thaw.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/source.schema.json"


@pytest.mark.parametrize(
    "title",
    [
        "Beria: the fall",
        "*Stars* & stripes",
        "1955",
        "yes",
        "The #1 question",
        '"Quoted" title',
        "<b>Bold</b> & co",
        "[Draft] notes",
        "it's a 'test'",
        "Ωμέγα – Кириллица",
    ],
)
def test_any_title_is_kept_exactly(title, tmp_path):
    path = tmp_path / "new.yaml"
    path.write_text(new_source(title), "utf-8")
    source = load_source(path)
    assert "".join(s.text for s in source.title.spans) in (title, title.replace("*", ""))
    if "*" not in title:
        assert source.title.plain == title


def test_without_out_it_prints(tmp_path):
    done = revpack("new", "Topic", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\ntitle: Topic\n" in done.stdout
    assert not any(tmp_path.iterdir())


def test_an_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "topic.yaml"
    target.write_text("title: Mine\n", "utf-8")
    done = revpack("new", "Topic", "-o", target)
    assert done.returncode == 1
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert target.read_text("utf-8") == "title: Mine\n"
    assert revpack("new", "Topic", "-o", target, "--force").returncode == 0
    assert load_source(target).title.plain == "Topic"


def test_a_folder_is_not_a_file_name(tmp_path):
    done = revpack("new", "Topic", "-o", tmp_path)
    assert done.returncode == 1
    assert "is a folder" in done.stderr


def test_a_title_that_would_not_check_writes_nothing(tmp_path):
    target = tmp_path / "topic.yaml"
    done = revpack("new", "The ==Iron Curtain", "-o", target)
    assert done.returncode == 2  # (the title is an argument: a usage error, not a file's)
    assert done.stderr.startswith("revpack: cannot use this title: ")
    assert "never closed" in done.stderr
    assert not target.exists()
