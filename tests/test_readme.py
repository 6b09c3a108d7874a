"""The README's examples work as written."""

import re
import shutil

from helpers import REPO

README = (REPO / "README.md").read_text("utf-8")


def _python_blocks(after_heading: str) -> list[str]:
    section = README.split(after_heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_python_api_example_runs(tmp_path, monkeypatch, capsys):
    shutil.copytree(REPO / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for block in _python_blocks("## From Python"):
        exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Why did Khrushchev pursue Peaceful Coexistence?" in printed
    assert (tmp_path / "out/10A/thaw-worksheet-support.docx").exists()
    assert (tmp_path / "out/10B/thaw-summary.pdf").exists()
    assert (tmp_path / "out/year-11-cold-war-revision/11b/thaw-summary.pdf").exists()


def test_the_readmes_table_of_formats_is_the_renderer_tables():
    # A format added to the renderer table (kinds.py) was missing from the README's table,
    # and no test said so.
    from revpack.kinds import KINDS

    rows = dict(re.findall(r"^  \| ([a-z-]+) \| (.+) \|$", README, re.M))
    shown = {
        kind: re.findall(r"`([a-z-]+)`", formats)
        for kind, formats in rows.items()
        if kind != "kind"
    }
    wanted = {name: list(kind.format_names) for name, kind in KINDS.items()}
    assert shown == wanted
