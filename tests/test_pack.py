"""Pack files: validation (bad cases as data), slugs, seeds, and the built tree."""

import shutil
from pathlib import Path

import pytest
import yaml

import revpack as api
from helpers import DATA, THAW, revpack
from revpack.loading.pack import load_pack, slugify

PACKS = DATA / "packs"
CASES = yaml.safe_load((PACKS / "bad-cases.yaml").read_text("utf-8"))


def _folder(tmp_path: Path, pack_text: str) -> Path:
    for name in ("good.yaml", "broken.yaml", "layout.yaml"):
        (tmp_path / name).write_bytes((PACKS / name).read_bytes())
    pack = tmp_path / "pack.yaml"
    pack.write_text(pack_text, "utf-8")
    return pack


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_pack_is_refused_with_every_problem_located(tmp_path, case):
    pack = _folder(tmp_path, CASES[case]["pack"])
    out = tmp_path / "out"
    layouts = () if CASES[case].get("own_layouts") else ("-l", "summary")
    done = revpack("build", pack, *layouts, "-o", out)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    for fragment in CASES[case]["expect"]:
        assert fragment in done.stderr, f"{fragment!r} not in:\n{done.stderr}"
    for line in done.stderr.splitlines()[:-1]:
        assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit(), line
    assert not out.exists() or not any(out.rglob("*"))


@pytest.mark.parametrize(
    "name, slug",
    [
        ("11A", "11a"),
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("  ", "unnamed"),
        ("Year 11: Cold War!", "year-11-cold-war"),
        ("10Б", "10б"),
        ("..", "unnamed"),
    ],
)
def test_slugs_never_leave_the_folder(name, slug):
    assert slugify(name) == slug
    assert "/" not in slugify(name) and ".." not in slugify(name)


def test_seeds_differ_per_class_and_are_stable(tmp_path):
    text = (
        "pack: Y9\nsources: good.yaml\nclasses: [{name: 9A}, {name: 9B}, {name: 9C, seed: '42'}]\n"
    )
    pack = load_pack(_folder(tmp_path, text), ("summary",))
    seeds = [c.seed for c in pack.classes]
    assert seeds[0] != seeds[1] and seeds[2] == 42
    assert [c.seed for c in load_pack(tmp_path / "pack.yaml", ("summary",)).classes] == seeds


def test_class_layouts_replace_the_pack_default(tmp_path):
    text = (
        "pack: Y9\nsources: [good.yaml]\nlayouts: [summary]\nclasses:\n"
        "  - name: 9A\n    layouts: [summary-dyslexia]\n  - name: 9B\n"
    )
    pack = load_pack(_folder(tmp_path, text), ("worksheet",))
    assert [c.layouts for c in pack.classes] == [("summary-dyslexia",), ("summary",)]


def test_dangerous_class_name_stays_inside_the_output_folder(tmp_path):
    text = "pack: ../../escape\nsources: good.yaml\nclasses: [{name: ../../x}]\n"
    pack = _folder(tmp_path, text)
    out = tmp_path / "out"
    done = revpack("build", pack, "-l", "summary", "-o", out, "-j", "1")
    assert done.returncode == 0, done.stderr
    written = [p for p in tmp_path.rglob("*.pdf") if "out" in p.parts]
    assert written and all(out in p.parents for p in written)
    assert (out / "escape" / "x" / "good-summary.pdf").exists()


def test_print_duplex_comes_from_the_class_or_else_the_pack(tmp_path):
    text = (
        "pack: Y9\nsources: good.yaml\nprint: {duplex: true}\nclasses:\n"
        "  - name: 9A\n  - name: 9B\n    print: {duplex: false}\n  - name: 9C\n"
        "    print: {}\n"
    )
    pack = load_pack(_folder(tmp_path, text), ("summary",))
    assert [c.duplex for c in pack.classes] == [True, False, True]
    (tmp_path / "pack.yaml").write_text(
        "pack: Y9\nsources: good.yaml\nclasses: [{name: 9A}]\n", "utf-8"
    )
    assert not load_pack(tmp_path / "pack.yaml", ("summary",)).classes[0].duplex


@pytest.mark.parametrize(
    "text, pack",
    [
        ("title: x\npack: Year 9\n", True),  # the key anywhere in the file
        ("{sources: [a.yaml], 'pack': Year 9}\n", True),
        ("pack: [broken\n", True),  # a broken pack is still reported as a pack
        ('title: "The thaw\npack: of cards"\nfactors: []\n', False),  # inside a text
        ("title: |\n  pack: of cards\n", False),
        ("packs: 2\n", False),
    ],
)
def test_a_pack_is_a_file_whose_own_keys_have_pack(tmp_path, text, pack):
    from revpack.loading.pack import is_pack

    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    assert is_pack(path) is pack


def test_a_pack_file_is_parsed_once_to_tell_it_is_one_and_to_load_it(tmp_path, monkeypatch):
    from revpack.loading import pack as packs
    from revpack.loading import pack_file

    pack = _folder(tmp_path, "pack: Y9\nsources: good.yaml\nclasses: [{name: 9A}]\n")
    parsed: list[str] = []
    real = packs.parse

    def counted(text: str, path: str):
        parsed.append(path)
        return real(text, path)

    # Telling it is a pack (pack_file) and loading it (pack) parse it once between them.
    monkeypatch.setattr(packs, "parse", counted)
    monkeypatch.setattr(pack_file, "parse", counted)
    (only,) = api.check([pack])
    assert parsed.count(str(pack)) == 1
    assert only.title.plain  # the pack's source, loaded


def test_a_source_with_pack_at_the_start_of_a_line_of_its_title_is_a_source(tmp_path):
    source = tmp_path / "thaw.yaml"
    text = THAW.read_text("utf-8")
    source.write_text(
        text.replace("title: The Thaw and Peaceful Coexistence", 'title: "The Thaw\npack: a"'),
        "utf-8",
    )
    (only,) = api.check([source])
    assert only.title.plain == "The Thaw pack: a"


def test_a_layout_listed_twice_is_built_once(tmp_path):
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: P\nsources: [thaw.yaml]\nlayouts: [summary, summary]\nclasses:\n"
        "  - name: A\n    layouts: [" + ", ".join(["factor-chart"] * 300) + "]\n  - name: B\n",
        "utf-8",
    )
    loaded = load_pack(pack, ())
    assert [c.layouts for c in loaded.classes] == [("factor-chart",), ("summary",)]
    result = api.build([pack], out=tmp_path / "out", jobs=1)
    assert result.ok and len(result.written) == 4  # a document and a print PDF each
    direct = api.build([THAW], layouts=["summary"] * 300, out=tmp_path / "direct", jobs=1)
    assert direct.written == [tmp_path / "direct" / "thaw-summary.pdf"]


def _year_group(tmp_path: Path, classes: int) -> Path:
    """A pack of `classes` classes of 500 students each (one roster), three worksheets in
    three formats each."""
    (tmp_path / "good.yaml").write_bytes((PACKS / "good.yaml").read_bytes())
    names = ["name", *(f"Student {n}" for n in range(500))]
    (tmp_path / "r.csv").write_text("\n".join(names), "utf-8")
    lines = [
        "pack: Huge",
        "sources: [good.yaml]",
        "layouts: [worksheet, worksheet-support, worksheet-stretch]",
        "formats: [docx, pdf, html]",
        "classes:",
        *(f"  - {{name: C{n}, roster: r.csv}}" for n in range(classes)),
    ]
    pack = tmp_path / "huge.yaml"
    pack.write_text("\n".join(lines) + "\n", "utf-8")
    return pack


def test_a_pack_of_more_students_than_a_school_is_refused_by_check_and_build(tmp_path):
    # 500 classes each naming a roster of 500 passed `check`; the build worked for minutes
    # without a word towards some 3.8 million files.
    pack = _year_group(tmp_path, 11)
    for command in (("check", pack), ("build", pack, "-o", tmp_path / "out")):
        done = revpack(*command)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith(
            f"{pack}:16:12: with class 'C10' the pack has more than 5,000 students"
        )
    assert not (tmp_path / "out").exists()


def test_a_build_of_too_many_documents_is_refused_before_any(tmp_path):
    pack = _year_group(tmp_path, 5)  # 2,500 students, 22,500 documents and their keys
    assert revpack("check", pack).returncode == 0
    done = revpack("build", pack, "-o", tmp_path / "out")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(
        f"{pack}:1:7: with class 'C4' this build would make more than 20,000 documents; "
        "build some classes at a time (--class)"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))


def test_a_layout_path_in_a_pack_is_relative_to_the_pack(tmp_path, monkeypatch):
    # It was read from the folder revpack ran in: the same pack built from its own
    # folder and refused ("lay/mine.yaml:1:1: cannot read file") from the one above.
    folder = tmp_path / "sub"
    (folder / "lay").mkdir(parents=True)
    (folder / "good.yaml").write_bytes((PACKS / "good.yaml").read_bytes())
    (folder / "lay" / "mine.yaml").write_text("extends: summary\nname: mine\n", "utf-8")
    pack = folder / "pack.yaml"
    pack.write_text(
        "pack: P\nsources: [good.yaml]\nclasses:\n  - name: X\n    layouts: [lay/mine.yaml]\n"
        "  - name: Y\n    layouts: [lay/missing.yaml]\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    done = revpack("check", "sub/pack.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "sub/pack.yaml:7:15: no layout file sub/lay/missing.yaml (a path in a pack is "
        "relative to the pack)"
    )
    pack.write_text(pack.read_text("utf-8").replace("missing", "mine"), "utf-8")
    done = revpack("build", "sub/pack.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "out").rglob("*-mine.pdf"))


def test_names_the_pdfs_cannot_print_and_a_list_on_one_line_are_noted(tmp_path):
    # A Hebrew student's name printed backwards on their own sheet, and nothing said so;
    # 'students: Amira Khan, Ben Ot' (brackets forgotten) made one student, silently.
    shutil.copy(THAW, tmp_path / "thaw.yaml")
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: P\nsources: [thaw.yaml]\nlayouts: [summary]\nclasses:\n"
        "  - name: 'כיתה א'\n    students: ['שרה כהן', Amira Khan]\n"
        "  - name: 10B\n    teacher: 'محمد علي'\n    students: Amira Khan, Ben Ot\n"
        "  - name: 10C\n    students: ['Khan, Amira', Ben Ot]\n",
        "utf-8",
    )
    loaded = load_pack(pack, ("summary",))
    assert [note.split(": ", 1)[0] for note in loaded.notes] == [
        f"{pack}:5:11",
        f"{pack}:6:16",
        f"{pack}:8:14",
        f"{pack}:9:15",
    ]
    assert "student 'שרה כהן' is right-to-left text" in loaded.notes[1]
    assert "teacher 'محمد علي' is right-to-left text" in loaded.notes[2]
    assert "one student, 'Amira Khan, Ben Ot'" in loaded.notes[3]
    for done in (revpack("check", pack), revpack("build", pack, "-o", tmp_path / "out")):
        assert done.returncode == 0, done.stderr
        assert all(f"note: {note}" in done.stderr for note in loaded.notes)
    # (a class named in Latin letters, and a list of names with a comma in one, say nothing)
    assert not any("10C" in note or "Khan, Amira" in note for note in loaded.notes)
