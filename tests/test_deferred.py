"""The pattern reportlab would compile as it is imported is compiled when first used,
and works as reportlab's own."""

import re

from helpers import fresh_python
from revpack.writers.pdf.deferred import WEB_ADDRESS, Deferred


def test_reportlab_gets_the_stand_in_when_the_pdf_writers_are_imported_first():
    # In a fresh process: nothing has compiled reportlab's pattern yet.
    script = (
        "from revpack.writers.pdf.deferred import WEB_ADDRESS\n"
        "import reportlab.platypus.paragraph as paragraph\n"
        "kind = type(paragraph.uri_pat).__name__\n"
        "print(kind, paragraph.uri_pat.pattern == WEB_ADDRESS)\n"
    )
    out = fresh_python(script)
    kind, ours = out.split()
    # Deferred; or, should reportlab's pattern ever change, compiled as reportlab does.
    assert (kind, ours) in {("Deferred", "True"), ("Pattern", "False")}, out


def test_the_stand_in_compiles_nothing_for_text_that_cannot_be_a_web_address():
    deferred = Deferred(WEB_ADDRESS, int(re.IGNORECASE))
    for word in ("Khrushchev's", "de-Stalinisation", "www.example.com", "a:/b", ""):
        assert deferred.match(word) is None
    assert deferred._compiled is None
    assert deferred.match("https://example.com/x") is not None
    assert deferred._compiled is not None


def test_the_stand_in_matches_as_the_compiled_pattern_does():
    deferred = Deferred(WEB_ADDRESS, int(re.IGNORECASE))
    compiled = re.compile(WEB_ADDRESS, re.IGNORECASE)
    for text in (
        "https://www.example.com/a/b/c",
        "HTTP://Example.org",
        "ftp://192.168.0.1:8080/x?y=z",
        "not a link",
        "www.example.com",
        "see https://example.com",
        "mailto://x@y.zz/",
    ):
        found, expected = deferred.match(text), compiled.match(text)
        assert (found and found.groups()) == (expected and expected.groups())


def test_the_stand_in_compiles_the_real_pattern_once_and_leaves_re_s_tables():
    # In a fresh process, as a build's worker meets it: re.compile gives the stand-in
    # until it is used, then the real pattern (on Pythons that keep two tables too).
    script = (
        "import re\n"
        "from revpack.writers.pdf.deferred import WEB_ADDRESS, defer\n"
        "defer()\n"
        "stand_in = re.compile(WEB_ADDRESS, re.I)\n"
        "found = stand_in.match('https://example.com/a')\n"
        "after = re.compile(WEB_ADDRESS, re.I)\n"
        "print(type(stand_in).__name__, bool(found), type(after).__name__)\n"
    )
    out = fresh_python(script)
    assert out.split() == ["Deferred", "True", "Pattern"]


def test_a_stand_in_still_in_a_table_it_does_not_know_compiles_all_the_same(monkeypatch):
    deferred = Deferred(WEB_ADDRESS, int(re.IGNORECASE))
    real = re.compile

    def compile_from_an_unknown_table(pattern, flags=0):
        return (
            deferred
            if (pattern, flags) == (WEB_ADDRESS, int(re.IGNORECASE))
            else real(pattern, flags)
        )

    monkeypatch.setattr(re, "compile", compile_from_an_unknown_table)
    found = deferred.match("https://example.com/a/b")
    assert found is not None and found.group(1) == "https://"
