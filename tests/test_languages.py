"""A language with no labels (no built-in label set, no layout `labels:` giving every
label) is one problem at the source's `language:`, found alike by `revpack check` and by
a build before any work."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import nested_labels, revpack
from revpack.labels import built_in
from revpack.loading.inputs import DEFAULT_LAYOUTS, load_inputs
from revpack.loading.languages import label_problems, unlabelled
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source

PORTUGUESE = (
    "title: Causas da Guerra Fria\n"
    "language: pt-BR\n"
    "question: Porque começou a Guerra Fria?\n"
    "terms:\n  - term: Muro\n    meaning: O Muro de Berlim\n"
    "factors:\n  - title: Ideologia\n    points: [O ==comunismo== e o capitalismo.]\n"
)


def every_label(prefix: str) -> dict:
    """Every label, nested as a layout's `labels:` writes them, each text after `prefix`."""
    return nested_labels(lambda key, text: text if key == "plural_rule" else f"{prefix} {text}")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "no labels in language" in line]


def test_check_refuses_a_language_with_no_labels_as_the_build_does(tmp_path):
    source = write(tmp_path / "pt.yaml", PORTUGUESE)
    checked = revpack("check", source)
    built = revpack("build", source, "-o", tmp_path / "out")
    assert checked.returncode == built.returncode == 1
    assert "OK" not in checked.stdout and "Traceback" not in checked.stderr + built.stderr
    [line] = problem_lines(checked.stderr)
    assert line.startswith(f"{source}:2:11: there are no labels in language 'pt-BR': ")
    assert f"revpack has label sets for {', '.join(built_in())};" in line
    assert problem_lines(built.stderr) == [line]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_pack_whose_layouts_give_every_label_makes_the_language_usable(tmp_path):
    write(
        tmp_path / "layouts" / "resumo.yaml",
        yaml.safe_dump({"extends": "summary", "labels": every_label("PT")}, allow_unicode=True),
    )
    source = write(tmp_path / "pt.yaml", PORTUGUESE)
    pack = "pack: Historia\nsources: [pt.yaml]\nclasses:\n  - {name: 9B, layouts: [LAYOUTS]}\n"
    good = write(tmp_path / "good.yaml", pack.replace("LAYOUTS", "resumo"))
    bad = write(tmp_path / "bad.yaml", pack.replace("LAYOUTS", "resumo, worksheet"))
    done = revpack("check", good.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 source and 1 pack of 1 class OK"
    # A class that also gets a standard layout (no labels: of its own) cannot be built.
    done = revpack("check", bad.name, cwd=tmp_path)
    assert done.returncode == 1
    [line] = problem_lines(done.stderr)
    assert line.startswith(f"{source.name}:2:11: ") and line.endswith("(layout 'worksheet')")
    built = revpack("build", bad.name, "-o", "out", cwd=tmp_path)
    assert built.returncode == 1 and problem_lines(built.stderr) == [line]
    built = revpack("build", good.name, "-o", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr


def test_one_problem_a_source_whatever_the_layouts(tmp_path):
    source = load_source(write(tmp_path / "pt.yaml", PORTUGUESE))
    layouts = [load_layout(name) for name in ("summary", "worksheet", "worksheet-stretch")]
    [problem] = label_problems((source, layout) for layout in layouts)
    assert (problem.mark.line, problem.mark.column) == (2, 11)
    assert problem.message.endswith("(layout 'summary')")
    french = load_source(write(tmp_path / "fr.yaml", PORTUGUESE.replace("pt-BR", "fr-CA")))
    assert label_problems((french, layout) for layout in layouts) == []


def test_a_check_loads_no_layout_for_a_language_with_a_label_set(tmp_path):
    write(tmp_path / "fr.yaml", PORTUGUESE.replace("pt-BR", "fr"))
    inputs = load_inputs([tmp_path / "fr.yaml"])
    # A layout that does not exist would be a problem if it were loaded.
    assert unlabelled(inputs, ("no-such-layout",)) == []
    assert unlabelled(inputs, DEFAULT_LAYOUTS) == []


def test_a_page_for_a_language_without_labels_says_which_words_stay_english(tmp_path):
    # A layout for Portuguese giving every label but the newer, optional ones: the page
    # showed English's "Nearly: check the word's ending" without a word to the teacher.
    from revpack.labels import OPTIONAL, load_labels

    labels = every_label("PT")
    del labels["html"]["nearly"]
    write(
        tmp_path / "layouts" / "ficha.yaml",
        yaml.safe_dump(
            {"extends": "worksheet", "formats": ["html"], "labels": labels}, allow_unicode=True
        ),
    )
    source = write(tmp_path / "pt.yaml", PORTUGUESE)
    assert "html.nearly" in OPTIONAL
    built = revpack(
        "build", source, "-l", "ficha", "--layouts", tmp_path / "layouts", "-o", tmp_path / "out"
    )
    assert built.returncode == 0, built.stderr
    [line] = [line for line in built.stderr.splitlines() if "html.nearly" in line]
    assert line.startswith(f"note: {source}: ficha: language 'pt-BR' has no built-in label set")
    assert load_labels("en")("html.nearly") in line
    labels["html"]["nearly"] = "Quase: veja o fim da palavra"
    write(
        tmp_path / "layouts" / "ficha.yaml",
        yaml.safe_dump(
            {"extends": "worksheet", "formats": ["html"], "labels": labels}, allow_unicode=True
        ),
    )
    built = revpack(
        "build", source, "-l", "ficha", "--layouts", tmp_path / "layouts", "-o", tmp_path / "out2"
    )
    assert built.returncode == 0, built.stderr
    assert "html.nearly" not in built.stderr
    page = next((tmp_path / "out2").glob("*.html")).read_text("utf-8")
    assert "Quase: veja o fim da palavra" in page
