"""Names made from inputs: plain, cut to the filesystem's limit, never outside -o, and
two outputs on one path refused before anything is written."""

import shutil
from pathlib import Path

import pytest

import revpack as api
from helpers import DATA, revpack
from revpack.names import NAME_BYTES, child, document, fit, not_plain, safe, slugify

GOOD = DATA / "packs" / "good.yaml"


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


# The names themselves ---------------------------------------------------------------------


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
        ("a\x00b\nc", "a-b-c"),
        ("C:\\Windows", "c-windows"),
        # (names Windows keeps for devices: a class 'CON' made a folder Windows refuses)
        ("CON", "_con"),
        ("Nul", "_nul"),
        ("com1", "_com1"),
        ("Con O'Brien", "con-o-brien"),
        ("COM10", "com10"),
    ],
)
def test_slugs_are_plain_names(name, slug):
    assert slugify(name) == slug
    assert not_plain(slugify(name)) is None


@pytest.mark.parametrize(
    "text", ["x" * 400, "é" * 300, "历史复习" * 80, "😀" * 100, "a" * 118 + "é" * 5]
)
def test_long_names_are_cut_at_a_character_and_keep_a_hash(text):
    for limit in (NAME_BYTES, 120, 100):
        cut = fit(text, limit)
        assert len(cut.encode("utf-8")) <= limit
        assert cut[:-9] and text.startswith(cut[:-9].rstrip("-_ ."))
    assert fit(text, 100) != fit(text + "!", 100)  # two long names stay apart
    assert fit("short", 100) == "short"


def test_a_document_name_leaves_room_for_its_longest_tail():
    base = document("é" * 200, "worksheet-support")
    assert len(f"{base}-answers.docx".encode()) <= NAME_BYTES
    assert base.startswith("é" * 50)
    assert document("thaw", "summary") == "thaw-summary"


@pytest.mark.parametrize(
    "name, made",
    [
        ("a/b", "a-b"),
        ("a\\b", "a-b"),
        ("..", "unnamed"),
        (".", "unnamed"),
        ("tab\there", "tab-here"),
        ("Thaw Notes", "Thaw Notes"),
        ("q?*<>|", "q-"),
        ("thaw-\u202efdp.exe", "thaw--fdp.exe"),  # shown as thaw-exe.pdf
        ("\u05e9\u05dc\u05d5\u05dd \u200f(1)", "\u05e9\u05dc\u05d5\u05dd -(1)"),
        ("\U0001f469\u200d\U0001f52c", "\U0001f469\u200d\U0001f52c"),  # a joiner stays
    ],
)
def test_safe_keeps_a_name_but_what_a_path_could_trip_on(name, made):
    assert safe(name) == made


def test_child_refuses_anything_but_one_plain_name(tmp_path):
    assert child(tmp_path, "x.pdf") == tmp_path / "x.pdf"
    for bad in ("", ".", "..", "a/b", "../x", "a\\b", "a\x00b"):
        with pytest.raises(ValueError):
            child(tmp_path, bad)


# Layout names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, why",
    [
        ("x/../../../ESCAPED", "has a / or \\ in it"),
        ("..", "is '..'"),
        ("'..\\\\evil'", "has a / or \\ in it"),
        ("'.'", "is '.'"),
        ('"bad\\tname"', "has a control character in it"),
    ],
)
def test_a_layout_name_that_is_not_a_plain_name_is_refused_at_its_place(tmp_path, name, why):
    layouts = tmp_path / "work" / "layouts"
    layouts.mkdir(parents=True)
    evil = layouts / "evil.yaml"
    evil.write_text(f"renders: summary\nname: {name}\n", "utf-8")
    shutil.copy(GOOD, tmp_path / "work" / "topic.yaml")
    before = _files(tmp_path)
    out = tmp_path / "work" / "a" / "b" / "out"
    done = revpack(
        "build", "topic.yaml", "-l", "layouts/evil.yaml", "-o", out, cwd=tmp_path / "work"
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("layouts/evil.yaml:2:7: a layout's name is a plain name; ")
    assert why in done.stderr.splitlines()[0]
    assert _files(tmp_path) == before  # nothing written, inside -o or out of it


def test_a_layout_name_with_a_text_direction_control_is_refused_as_printed_text(tmp_path):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "evil.yaml").write_text('renders: summary\nname: "thaw\\u202Efdp.exe"\n', "utf-8")
    shutil.copy(GOOD, tmp_path / "topic.yaml")
    before = _files(tmp_path)
    done = revpack("build", "topic.yaml", "-l", "layouts/evil.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "layouts/evil.yaml:2:7: control character U+202E (RIGHT-TO-LEFT OVERRIDE) changes the "
        "direction of the text around it"
    )
    assert _files(tmp_path) == before


def test_a_layout_found_by_name_gets_a_plain_file_name_from_its_file(tmp_path):
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "My Layout.yaml").write_text("renders: summary\n", "utf-8")
    result = api.build(
        [GOOD], layouts=["My Layout"], layout_dirs=[folder], out=tmp_path / "out", jobs=1
    )
    assert result.ok and result.written == [tmp_path / "out" / "good-My Layout.pdf"]


# Long and foreign names build ---------------------------------------------------------


def test_long_non_ascii_pack_class_and_source_names_build_inside_the_folder(tmp_path):
    stem = "Революция-и-гражданская-война-в-России-" * 3  # 213 bytes
    source = tmp_path / f"{stem}.yaml"
    shutil.copy(GOOD, source)
    pack_name = "Підготовка до іспиту з історії — " * 6  # 198 characters, 356 bytes
    class_name = "Ιστορία Β΄ Λυκείου " * 8  # within the fonts and the name limit
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"pack: {pack_name}\nsources: ['{source.name}']\n"
        f"layouts: [summary, worksheet]\n"
        f"classes:\n  - name: {class_name}\n  - name: 9B\n",
        "utf-8",
    )
    out = tmp_path / "out"
    done = revpack("build", pack, "-o", out, "-j", "2")
    assert done.returncode == 0, done.stderr
    written = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    # Per class: summary, worksheet and answers (as DOCX and as PDF), print and answers PDFs.
    assert len(written) == 2 * 7
    for path in written:
        assert path.resolve().is_relative_to(out.resolve())
        assert all(len(part.encode()) <= NAME_BYTES for part in path.relative_to(out).parts)
    names = sorted(p.name for p in written)
    assert any(n.startswith("Революция") and n.endswith("-answers.docx") for n in names)
    assert any(n.startswith("підготовка") and n.endswith("-print.pdf") for n in names)
    again = revpack("build", pack, "-o", out)
    assert again.returncode == 0 and "0 written, 14 unchanged" in again.stdout


def test_a_pack_names_cannot_leave_the_folder(tmp_path):
    shutil.copy(GOOD, tmp_path / "topic.yaml")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: ../../../../ESCAPED\nsources: topic.yaml\nlayouts: summary\n"
        "classes:\n  - name: ../../x\n  - name: /etc\n",
        "utf-8",
    )
    out = tmp_path / "deep" / "out"
    result = api.build([pack], out=out, jobs=1)
    assert result.ok
    made = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert made == {
        "topic.yaml",
        "pack.yaml",
        "deep/out/.revpack-manifest.json",
        "deep/out/escaped/x/topic-summary.pdf",
        "deep/out/escaped/x/escaped-x-print.pdf",
        "deep/out/escaped/etc/topic-summary.pdf",
        "deep/out/escaped/etc/escaped-etc-print.pdf",
    }


# Two outputs on one path ---------------------------------------------------------------


def test_two_layouts_with_one_name_are_refused(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "other.yaml").write_text("renders: factor-chart\nname: summary\n", "utf-8")
    out = tmp_path / "out"
    with pytest.raises(api.InputError) as error:
        api.build([GOOD], layouts=["summary", str(folder / "other.yaml")], out=out)
    [problem] = error.value.problems
    assert str(problem).startswith(
        f"{folder / 'other.yaml'}:1:1: layout 'summary' would write {out / 'good-summary.pdf'}"
    )
    assert not out.exists()


def test_two_packs_with_one_name_are_refused_where_the_name_is(tmp_path):
    shutil.copy(GOOD, tmp_path / "topic.yaml")
    for name, pack in (("a.yaml", "Year 9"), ("b.yaml", "year 9!")):
        (tmp_path / name).write_text(
            f"# {name}\npack: {pack}\nsources: topic.yaml\n"
            "layouts: summary\nclasses: [{name: 9A}]\n",
            "utf-8",
        )
    out = tmp_path / "out"
    done = revpack("build", tmp_path / "a.yaml", tmp_path / "b.yaml", "-o", out)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'b.yaml'}:2:7: pack 'year 9!' would write ")
    assert f"as the pack 'Year 9' in {tmp_path / 'a.yaml'} does" in first
    assert not out.exists()


def test_classes_of_two_packs_whose_names_slugify_alike_are_refused(tmp_path):
    shutil.copy(GOOD, tmp_path / "one.yaml")
    shutil.copy(GOOD, tmp_path / "two.yaml")
    (tmp_path / "a.yaml").write_text(
        "pack: Y9\nsources: one.yaml\nlayouts: summary\nclasses: [{name: 9A}]\n", "utf-8"
    )
    (tmp_path / "b.yaml").write_text(
        "pack: y9\nsources: two.yaml\nlayouts: summary\nclasses: [{name: 9a}]\n", "utf-8"
    )
    with pytest.raises(api.InputError, match="y9-9a-print.pdf as the pack 'Y9'"):
        api.build([tmp_path / "a.yaml", tmp_path / "b.yaml"], out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_classes_of_one_pack_whose_names_slugify_alike_are_refused(tmp_path):
    shutil.copy(GOOD, tmp_path / "one.yaml")
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: Y9\nsources: one.yaml\nclasses: [{name: 9A}, {name: '9a '}]\n", "utf-8")
    with pytest.raises(
        api.InputError, match="p.yaml:3:30: class '9a' would share the folder '9a' with class '9A'"
    ):
        api.build([pack], out=tmp_path / "out")


def test_sources_whose_names_differ_only_in_case_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    shutil.copy(GOOD, tmp_path / "a" / "Topic.yaml")
    shutil.copy(GOOD, tmp_path / "topic.yaml")
    with pytest.raises(
        api.InputError, match="Topic.yaml:1:1: would write .*Topic-summary.pdf as .*topic.yaml does"
    ):
        api.build(
            [tmp_path / "topic.yaml", tmp_path / "a" / "Topic.yaml"],
            layouts=["summary"],
            out=tmp_path / "out",
        )


def test_a_document_named_like_the_print_pdf_is_refused(tmp_path):
    shutil.copy(GOOD, tmp_path / "y9-9a.yaml")
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "print.yaml").write_text("renders: summary\n", "utf-8")
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: Y9\nsources: y9-9a.yaml\nlayouts: [print]\nclasses: [{name: 9A}]\n", "utf-8"
    )
    with pytest.raises(api.InputError, match="two documents of pack 'Y9' would both be "):
        api.build([pack], layout_dirs=[layouts], out=tmp_path / "out")
