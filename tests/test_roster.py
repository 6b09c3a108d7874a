"""Class lists: CSV fields with where they start, the separator, the name columns, and
bad rosters (data files in tests/data/rosters/ with the problems they must give)."""

import pytest
import yaml

from helpers import DATA, THAW, revpack
from revpack.loading.roster import delimiter, read_roster, records

ROSTERS = DATA / "rosters"
EXPECTED: dict[str, list[str]] = yaml.safe_load((ROSTERS / "expected.yaml").read_text("utf-8"))


def test_fields_keep_quotes_separators_and_line_breaks_and_know_where_they_start():
    text = 'name;note\r\n"Ot; Ben";"said ""hi""\nthen left"\r\nAmira;\r\n'
    rows = records(text, "r.csv", ";")
    assert [[c.text for c in row] for row in rows] == [
        ["name", "note"],
        ["Ot; Ben", 'said "hi"\nthen left'],
        ["Amira", ""],
    ]
    assert [(c.mark.line, c.mark.column) for c in rows[1]] == [(2, 2), (2, 12)]
    assert (rows[2][0].mark.line, rows[2][0].mark.column) == (4, 1)


@pytest.mark.parametrize(
    ("header", "separator"),
    [
        ("Name,Form", ","),
        ("Name;Form", ";"),
        ('"Surname, first";Form;Age', ";"),
        ("Name", ","),
        ("First name;Last name;;;", ";"),
        # (a spreadsheet's 'Text (Tab delimited)': the first row was read as one column,
        # 'Last name\tFirst name', with no 'name' in it)
        ("Last name\tFirst name", "\t"),
        ('"Ot, Ben"\tForm', "\t"),
    ],
)
def test_the_separator_is_the_one_the_header_row_uses(header, separator):
    assert delimiter(header + "\r\nAmira Khan;11A\r\n") == separator


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Name\nAmira Khan\n  Ben Ot \n", ["Amira Khan", "Ben Ot"]),
        ("NAME,Age,,\nAmira Khan,15,,\n,,,\n\n", ["Amira Khan"]),
        ("first_name;SURNAME\nAmira;Khan\nBen;Ot\n", ["Amira Khan", "Ben Ot"]),
        ("Last name\tFirst name\nKhan\tAmira\nO'Neill\tZoë\n", ["Amira Khan", "Zoë O'Neill"]),
        ("Form,Last Name,First Name\n11A,Khan,Amira\n", ["Amira Khan"]),
        ("Forename,Surname\nCher,\n", ["Cher"]),
        ("Name\nBen Ot", ["Ben Ot"]),  # no line end after the last row
        ("Name\nZoe\u0308 O\u0301 Briain\n", ["Zoë Ó Briain"]),  # (accents composed)
    ],
)
def test_names_come_from_the_name_column_or_first_and_last(tmp_path, text, names):
    roster = tmp_path / "r.csv"
    roster.write_text(text, "utf-8")
    problems = []
    found = read_roster(roster, None, problems)
    assert not problems and [n.text for n in found] == names


def test_every_bad_roster_has_expectations():
    files = sorted(p.name for p in ROSTERS.glob("*.csv"))
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_roster_is_reported_at_its_line_and_column(tmp_path, name):
    (tmp_path / name).write_bytes((ROSTERS / name).read_bytes())
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"pack: Year 11\nsources: {THAW}\nclasses:\n  - name: 11A\n    roster: {name}\n", "utf-8"
    )
    out = tmp_path / "out"
    done = revpack("build", pack.name, "-l", "worksheet", "-o", out, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    reported = done.stderr.splitlines()[:-1]
    assert len(reported) == len(EXPECTED[name]), done.stderr
    for line, expected in zip(reported, EXPECTED[name], strict=True):
        assert line.startswith(f"{name}:{expected}"), f"{expected!r} not in:\n{done.stderr}"
    assert not out.exists()


def _pack(tmp_path, roster: str):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"pack: Year 11\nsources: {THAW}\nclasses:\n  - name: 11A\n    roster: {roster}\n", "utf-8"
    )
    return pack


@pytest.mark.parametrize("kind", ["pipe", "device", "folder"])
def test_a_roster_that_is_no_file_is_refused_at_once(tmp_path, kind):
    import os

    if kind == "pipe":
        os.mkfifo(tmp_path / "11a.csv")  # reading it would wait for a writer for ever
        roster = "11a.csv"
    elif kind == "device":
        roster = "/dev/zero"  # reading it would never end
    else:
        (tmp_path / "11a.csv").mkdir()
        roster = "11a.csv"
    _pack(tmp_path, roster)
    done = revpack("build", "pack.yaml", "-l", "worksheet", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    problem, summary = done.stderr.splitlines()
    assert problem.startswith(f"pack.yaml:5:13: cannot read the roster {roster}: ")
    assert not (tmp_path / "out").exists()


def test_a_roster_too_large_or_too_long_for_a_class_is_refused(tmp_path):
    _pack(tmp_path, "11a.csv")
    (tmp_path / "11a.csv").write_text(
        "name\n" + "".join(f"Student {i} {'x' * 2000}\n" for i in range(600)), "utf-8"
    )
    done = revpack("build", "pack.yaml", "-l", "worksheet", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "pack.yaml:5:13: the roster 11a.csv is 1,207,695 bytes; a roster may have at most "
        "1,000,000 bytes"
    ), done.stderr
    (tmp_path / "11a.csv").write_text(
        "name\n" + "".join(f"Student {i}\n" for i in range(501)), "utf-8"
    )
    done = revpack("build", "pack.yaml", "-l", "worksheet", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "pack.yaml:5:13: class '11A' has 501 students; a class may have at most 500 (each "
        "gets a worksheet of their own)"
    )
    assert not (tmp_path / "out").exists()


def test_an_empty_name_in_the_pack_hides_no_roster_problem(tmp_path):
    # A class's empty name in `students:` was reported alone; fixed, the rebuild found the
    # other class's roster problems.
    (tmp_path / "11a.csv").write_text("name\nAmira Khan\n\nBen Ot\nben  ot\n", "utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        f"pack: Year 11\nsources: {THAW}\nclasses:\n  - name: 11A\n    roster: 11a.csv\n"
        '  - name: 11B\n    students: [Cara Dee, "", Cara Dee]\n',
        "utf-8",
    )
    done = revpack("build", pack.name, "-l", "worksheet", "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    reported = done.stderr.splitlines()[:-1]
    assert [line.split(": ", 1)[0] for line in reported] == [
        "11a.csv:5:1",
        "pack.yaml:7:26",
        "pack.yaml:7:30",
    ], done.stderr
    assert "this text is empty" in reported[1] and "listed twice" in reported[2]
    assert not (tmp_path / "out").exists()


def test_a_layouts_column_gives_a_student_their_own_layouts(tmp_path):
    # A roster from the school's system, with a column added for access arrangements:
    # empty for the class's layouts; names parted by commas, spaces, ';' or '+'.
    from revpack.loading.pack import load_pack

    (tmp_path / "r.csv").write_text(
        "Name;Layouts\nCy Dee;\nZoë Ng;summary-dyslexia, worksheet-dyslexia\n"
        "Ed Eff;worksheet-support+worksheet-support\n",
        "utf-8",
    )
    pack = load_pack(_pack(tmp_path, "r.csv"), ("summary", "worksheet"))
    assert [s.layouts for s in pack.classes[0].students] == [
        (),
        ("summary-dyslexia", "worksheet-dyslexia"),
        ("worksheet-support",),
    ]
    assert pack.classes[0].every_layout == (
        "summary",
        "worksheet",
        "summary-dyslexia",
        "worksheet-dyslexia",
        "worksheet-support",
    )


def test_a_misspelt_layout_in_a_roster_is_reported_in_the_roster(tmp_path):
    (tmp_path / "r.csv").write_text('Name,Layouts\nCy Dee,\nZoë Ng,"summary-dyslexia, wrksheet"\n')
    for command in ("check", "build"):
        done = revpack(command, _pack(tmp_path, "r.csv").name, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith(
            "r.csv:3:27: no layout called 'wrksheet' (did you mean 'worksheet'?)"
        ), done.stderr
    assert not (tmp_path / "out").exists()


def test_a_formats_column_gives_a_student_formats_of_their_own(tmp_path):
    from revpack.loading.pack import load_pack

    (tmp_path / "r.csv").write_text("Name,Formats\nCy Dee,\nDev Ray,PDF html\n", "utf-8")
    pack = load_pack(_pack(tmp_path, "r.csv"), ("summary", "worksheet"))
    assert [s.formats for s in pack.classes[0].students] == [(), ("pdf", "html")]
    (tmp_path / "r.csv").write_text("Name,Formats\nCy Dee,\nDev Ray,pdf htm\n", "utf-8")
    done = revpack("check", _pack(tmp_path, "r.csv").name, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("r.csv:3:13: unknown format 'htm'"), done.stderr


def test_layouts_and_formats_may_be_spread_over_several_columns(tmp_path):
    # A spreadsheet with one column per access arrangement: every one is read, not just
    # the first.
    from revpack.loading.pack import load_pack

    (tmp_path / "r.csv").write_text(
        "Name,Layout,Layout,Format,Format\nCy Dee,,,,\n"
        "Zoë Ng,summary-dyslexia,worksheet-dyslexia,pdf,html\nEd Eff,,worksheet-support,,pdf\n",
        "utf-8",
    )
    pack = load_pack(_pack(tmp_path, "r.csv"), ("summary", "worksheet"))
    students = pack.classes[0].students
    assert [s.layouts for s in students] == [
        (),
        ("summary-dyslexia", "worksheet-dyslexia"),
        ("worksheet-support",),
    ]
    assert [s.formats for s in students] == [(), ("pdf", "html"), ("pdf",)]


def test_a_name_excel_forced_to_text_is_the_text_inside(tmp_path):
    # A school system's export wrote '="Amira Khan"', and the sheet printed it so.
    from revpack.loading.pack import load_pack

    (tmp_path / "r.csv").write_text(
        'Name,Layouts\n="Amira Khan",\n="Ben ""Benny"" Ot",="worksheet-support"\n', "utf-8"
    )
    pack = load_pack(_pack(tmp_path, "r.csv"), ("summary", "worksheet"))
    students = pack.classes[0].students
    assert [(s.name, s.layouts) for s in students] == [
        ("Amira Khan", ()),
        ('Ben "Benny" Ot', ("worksheet-support",)),
    ]
