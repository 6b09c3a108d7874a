"""The strict YAML reader: text only, marks everywhere, no tags, aliases or deep nesting."""

from __future__ import annotations

import codecs

import pytest
import yaml

from revpack.loading import yamltree
from revpack.loading.yamltree import Map, Scalar, Seq, decode, parse
from revpack.problems import InputError

LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    """Run a test with the pure-Python parser and with LibYAML's, whichever is installed."""
    monkeypatch.setattr(yamltree, "_Loader", request.param)
    return request.param


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse(text, "t.yaml")
    return [str(p) for p in caught.value.problems]


def test_tree_keeps_order_text_and_marks(loader):
    tree = parse("b: 1\na:\n  - x\n  - {k: 'v'}\n", "t.yaml")
    assert isinstance(tree, Map)
    assert list(tree.entries) == ["b", "a"]
    key_mark, one = tree.entries["b"]
    assert (key_mark.line, key_mark.column) == (1, 1)
    assert isinstance(one, Scalar) and one.text == "1"
    assert (one.mark.line, one.mark.column) == (1, 4)
    items = tree.entries["a"][1]
    assert isinstance(items, Seq) and items.items[0].text == "x"
    assert items.items[1].entries["k"][1].text == "v"


def test_empty_document_is_none(loader):
    assert parse("", "t.yaml") is None
    assert parse("# only a comment\n", "t.yaml") is None


@pytest.mark.parametrize(
    "written",
    [
        "No",
        "on",
        "1955",
        "2024-01-01",
        "null",
        "~",
        "0x1F",
        "1e3",
        "TRUE",
        "0o17",
        "+12",
        "2001-12-14t21:59:43.10-05:00",
    ],
)
def test_scalars_are_never_converted(loader, written):
    tree = parse(f"v: {written}\nq: '{written}'\n", "t.yaml")
    assert tree.entries["v"][1].text == written
    assert tree.entries["q"][1].text == written


def test_alias_bomb_stops_at_the_first_alias(loader):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    found = problems_of("\n".join(lines) + "\n")
    assert found[-1].startswith("t.yaml:2:8: aliases (*a) are not allowed")
    assert len(found) == 3  # two anchors and the first alias; reading stops there


def test_deep_nesting_is_refused(loader):
    found = problems_of("title: " + "[" * 5000 + "]" * 5000 + "\n")
    assert len(found) == 1
    assert "nesting deeper than" in found[0]


def test_nesting_within_the_limit_is_fine(loader):
    depth = yamltree.MAX_DEPTH - 1
    tree = parse("v: " + "[" * depth + "x" + "]" * depth + "\n", "t.yaml")
    node = tree.entries["v"][1]
    for _ in range(depth - 1):
        node = node.items[0]
    assert node.items[0].text == "x"


@pytest.mark.parametrize(
    "text, where, what",
    [
        ("title: x\n" + "".join(f"k{i}: v\n" for i in range(90_000)), "1:1", "mapping"),
        ("v: [" + ",".join(["p"] * 150_000) + "]\n", "1:4", "list"),
        ("v:\n" + "  - p\n" * 5_000, "2:3", "list"),
    ],
)
def test_a_list_or_mapping_of_too_many_items_is_refused_at_once(loader, text, where, what):
    assert problems_of(text) == [
        f"t.yaml:{where}: this {what} has more than 1,000 items; no revpack file needs "
        "nearly so many"
    ]


def test_items_within_the_limit_are_fine(loader):
    tree = parse("v: [" + ",".join(["p"] * yamltree.MAX_ITEMS) + "]\n", "t.yaml")
    assert len(tree.entries["v"][1].items) == yamltree.MAX_ITEMS


def test_tags_never_construct(loader, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = problems_of(
        'a: !!python/object/apply:os.system ["touch pwned"]\n'
        "b: !!python/name:os.system\nc: !!str 12\nd: !local x\n"
    )
    assert [f.split(": ", 1)[0] for f in found] == [
        "t.yaml:1:4",
        "t.yaml:2:4",
        "t.yaml:3:4",
        "t.yaml:4:4",
    ]
    assert "!!python/object/apply:os.system" in found[0]
    assert not (tmp_path / "pwned").exists()


def test_duplicate_keys_name_both_lines(loader):
    found = problems_of("a: 1\nb: 2\na: 3\n")
    assert found == ["t.yaml:3:1: duplicate key 'a' (first at line 1); each key may appear once"]


def test_non_text_key(loader):
    found = problems_of("[a, b]: c\n")
    assert found == ["t.yaml:1:1: a key must be plain text"]


def test_two_documents(loader):
    assert problems_of("a: 1\n---\nb: 2\n") == [
        "t.yaml:2:1: more than one YAML document (---) in one file"
    ]


@pytest.mark.parametrize(
    "line",
    ["*star", "[note] more", "{x} y", "& and", "| pipe", "> quote", "%50", "@name", "`code`"],
)
def test_special_first_character_gets_the_quote_hint(loader, line):
    found = problems_of(f"points:\n  - fine\n  - {line}\n")
    assert len(found) == 1
    assert found[0].startswith("t.yaml:3:")
    assert "put the text in quotes" in found[0]


def test_colon_in_wrapped_text_gets_its_hint(loader):
    found = problems_of("points:\n  - a long point that wraps\n    onto a line: with a colon\n")
    assert "a ': ' inside text makes YAML read it as 'key: value'" in found[0]
    assert found[0].startswith("t.yaml:3:16:")


def test_unknown_escape_gets_a_hint(loader):
    found = problems_of('path: "C:\\qdir"\n')
    assert "backslash" in found[0] or "escape" in found[0]


# Decoding ---------------------------------------------------------------------------------


def test_decode_strips_bom_and_crlf():
    assert decode(codecs.BOM_UTF8 + "a: é\r\nb: c\r\n".encode(), "t") == "a: é\nb: c\n"


def test_decode_names_the_bad_byte():
    with pytest.raises(InputError) as caught:
        decode("a: ok\nb: caf\xe9\n".encode("latin-1"), "t.yaml")
    assert str(caught.value.problems[0]) == (
        "t.yaml:2:7: byte 0xE9 at offset 12 is not UTF-8 (perhaps the file was saved as "
        "Latin-1 or Windows-1252); save it as UTF-8"
    )


def test_decode_counts_columns_in_characters_and_offsets_in_bytes():
    data = codecs.BOM_UTF8 + "title: é caf".encode() + b"\xe9\n"
    with pytest.raises(InputError) as caught:
        decode(data, "t.yaml")
    problem = caught.value.problems[0]
    assert (problem.mark.line, problem.mark.column) == (1, 13)
    assert "at offset 16 " in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("mark", [True, False])
def test_decode_refuses_utf16_in_one_line(encoding, mark):
    # Without its byte order mark, a UTF-16 file gave a problem for every other byte
    # ('control character U+0000', thousands of lines).
    data = "title: Thaw\nfactors: []\n".encode(encoding)
    if encoding != "utf-16" and mark:
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    elif encoding == "utf-16" and not mark:
        data = data[2:]
    with pytest.raises(InputError) as caught:
        decode(data, "t.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:1:1: file is UTF-16; save it as UTF-8"
    ]


def test_a_file_of_zeros_is_no_utf16():
    with pytest.raises(InputError) as caught:
        decode(b"\x00" * 64, "t.yaml")
    assert "UTF-16" not in str(caught.value)


def test_decode_lists_every_unreadable_character():
    with pytest.raises(InputError) as caught:
        decode("a: x\x07y\nb: \x00\nc: p\u2028q\nd: \x85\n".encode(), "t.yaml")
    assert [str(p.mark) for p in caught.value.problems] == [
        "t.yaml:1:5",
        "t.yaml:2:4",
        "t.yaml:3:5",
        "t.yaml:4:4",
    ]
    assert "U+0007" in caught.value.problems[0].message
    assert "LINE SEPARATOR" in caught.value.problems[2].message


def test_parse_never_crashes_on_text_that_skipped_decode(loader):
    assert problems_of("a: x\x07y\n")[0].startswith("t.yaml:")


# Places inside scalars --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, needle, nth, where",
    [
        ("v: plain ==x\n", "==", 0, (1, 10)),
        ("v: 'single ==x'\n", "==", 0, (1, 12)),
        ('v: "dq \\t ==x"\n', "==", 0, (1, 11)),
        ("v: folded text\n   that ==wraps\n", "==", 0, (2, 9)),
        ("v: |\n  line one\n  line ==two\n", "==", 0, (3, 8)),
        ("v: a == b == c\n", "==", 1, (1, 11)),
        ("v: 'it''s ==x'\n", "==", 0, (1, 11)),
    ],
)
def test_mark_at_finds_the_place_in_the_file(loader, text, needle, nth, where):
    node = parse(text, "t.yaml").entries["v"][1]
    offset = -1
    for _ in range(nth + 1):
        offset = node.text.index(needle, offset + 1)
    mark = node.mark_at(offset, len(needle))
    assert (mark.line, mark.column) == where


def test_mark_at_falls_back_to_the_scalar_for_escapes(loader):
    node = parse('v: "bell \\a here"\n', "t.yaml").entries["v"][1]
    assert node.text == "bell \x07 here"
    assert node.mark_at(5) == node.mark


@pytest.mark.parametrize(
    "text, hint",
    [
        ("a:\n\t- x\n", "replace the tab with spaces"),
        ("a:\n  - title: A\n   points: [x]\n", "check the indentation"),
        ("points:\n  - [Note] see [1]\n", "put the text in quotes"),
        ("points:\n  - [Note] it\n", "put the text in quotes"),
    ],
)
def test_syntax_error_hints(loader, text, hint):
    found = problems_of(text)
    assert len(found) == 1 and hint in found[0], found


def test_inline_list_line_is_not_blamed(loader):
    found = problems_of("a:\n  - title: A\n   points: [x, y]\n")
    assert "put the text in quotes" not in found[0]


def test_text_is_read_with_its_characters_composed():
    # 'Ó' written as 'O' and a combining acute (as some school systems export names)
    # printed its accent beside the letter, as 'Ơ'.
    decomposed = "name: Zoe\u0308 O\u0301 Briain\n"
    text = decode(decomposed.encode("utf-8"), "pack.yaml")
    assert text == "name: Zoë Ó Briain\n"
    assert "\u0301" not in text and "\u0308" not in text
