"""The authoring commands: `revpack import`, `revpack new` and `revpack schema`.

Like the rest of the command line, they only parse arguments, call the library
(importer, template, schema) and print.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from revpack.building.files import write_atomic
from revpack.cli.oneline import say
from revpack.loading.source import parse_source
from revpack.problems import InputError, Problem

Out = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--out",
        help="Write to this file (default: print to the terminal).",
        show_default=False,
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")]
IMPORT_HELP = (
    "Turn existing notes (.txt, .md, .docx) into a source file to edit.\n\n"
    "Pictures come too, as image: entries with their alt text: a Markdown picture (a PNG "
    "or JPEG file) by its path from the source, a Word picture written into a folder "
    "beside the source (NAME-images/; with -o only, and never over a file already there). "
    "A picture a source cannot draw (from the web, missing, another format, a second one "
    "on the same factor or section) stays a comment saying why."
)


def register(app: typer.Typer) -> None:
    """Add `import`, `new` and `schema` to `app`."""
    app.command(
        "import",
        help=IMPORT_HELP,
        epilog="Example:\n\n\b\n  revpack import my-notes.docx -o sources/my-notes.yaml",
    )(import_command)
    app.command(
        "new", epilog='Example:\n\n\b\n  revpack new "The Water Cycle" -o sources/water.yaml'
    )(new_command)
    app.command("schema")(schema_command)


def import_command(
    notes: Annotated[
        Path,
        typer.Argument(
            help="Notes to import: a .txt, .md or .docx file.", show_default=False, metavar="NOTES"
        ),
    ],
    out: Out = None,
    force: Force = False,
    bold_key_terms: Annotated[
        bool,
        typer.Option(
            "--bold-key-terms",
            help="Make the words and short phrases in bold key terms (==…==).",
        ),
    ] = False,
) -> None:
    """Turn existing notes (.txt, .md, .docx) into a source file to edit."""
    _refuse_not_a_source(out)
    _refuse_overwrite(out, force)
    try:
        from revpack.authoring.importer import (
            import_source,  # here, not above: a build need not load it
        )
        from revpack.authoring.pictures import write_pictures
        from revpack.loading.schema import editor_comment

        imported = import_source(
            notes, out, editor_comment(out, Path.cwd()), _name(out), bold_key_terms
        )
        for path in write_pictures(imported.pictures):
            say(f"wrote {path}")
    except InputError as exc:
        _fail(exc.problems)
    text = imported.text
    _emit(text, out)
    problems = _problems(text, out)
    if problems:
        # The file is the teacher's to fix, so it is kept; say what needs fixing.
        for problem in problems:
            say(str(problem))
        say(f"{len(problems)} thing(s) in the notes to fix before building.", fg="yellow")


def new_command(
    title: Annotated[
        str, typer.Argument(help="The topic's title.", show_default=False, metavar="TITLE")
    ],
    out: Out = None,
    force: Force = False,
) -> None:
    """Start a new source from a commented template."""
    _refuse_not_a_source(out)
    _refuse_overwrite(out, force)
    from revpack.authoring.template import new_source
    from revpack.loading.schema import editor_comment

    if not title.strip():
        say('revpack: give the topic\'s title, e.g. revpack new "The Water Cycle"')
        raise typer.Exit(2)
    text = new_source(title, editor_comment(out, Path.cwd()), _name(out))
    problems = _problems(text, out)
    if problems:  # (the title is the only text given: the problem is in it)
        for problem in problems:
            say(f"revpack: cannot use this title: {problem.message}")
        raise typer.Exit(2)
    _emit(text, out)


def schema_command(out: Out = None, force: Force = False) -> None:
    """Print the JSON Schema of the source format, for editors."""
    from revpack.loading.schema import schema_text

    text = schema_text()
    if out is None:
        typer.echo(text, nl=False)
        return
    _refuse_no_file(out)
    if not (force or out.is_dir() or _is_schema(out)):
        # Refreshing a schema written before needs no --force; any other file does.
        _refuse_overwrite(out, force)
    _save(out, text)


def _is_schema(path: Path) -> bool:
    """Whether `path` is missing or holds a schema of revpack's source format."""
    try:
        with path.open("rb") as opened:
            start = opened.read(4096)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return b'"$id": "urn:revpack:source:' in start


SOURCE_SUFFIXES = (".yaml", ".yml")
"""How a source file's name ends."""


def _refuse_not_a_source(out: Path | None) -> None:
    """Exit 2 for an -o that cannot name a source: one not ending in .yaml (the notes
    themselves, given again, were replaced with YAML) or with a control character in it
    (a line break broke the file's own comments)."""
    if out is None:
        return
    if any(ord(c) < 32 or c == "\x7f" for c in str(out)):
        say(
            f"revpack: {str(out)!r}: a file name with a control character in it (a line break, "
            "a tab); choose another"
        )
        raise typer.Exit(2)
    if out.suffix.lower() not in SOURCE_SUFFIXES and not out.is_dir():
        say(
            f"revpack: {out}: a source is a .yaml file; give a name such as "
            f"{out.with_suffix('.yaml')}"
        )
        raise typer.Exit(2)


def _refuse_overwrite(out: Path | None, force: bool) -> None:
    if out is not None:
        _refuse_no_file(out)
    if out is not None and out.is_dir():
        say(f"revpack: {out} is a folder; give a file name such as {out / 'notes.yaml'}")
        raise typer.Exit(1)
    if out is not None and out.exists() and not force:
        say(f"revpack: {out} already exists; choose another file, or add --force to overwrite it")
        raise typer.Exit(1)


def _refuse_no_file(out: Path) -> None:
    """Exit 1 for an -o that names something a file written there would replace without
    being it: a link, a pipe, a device (a folder is said below, with a name to use)."""
    if out.is_symlink() or (os.path.lexists(out) and not (out.is_file() or out.is_dir())):
        what = "a symbolic link" if out.is_symlink() else "a pipe or a device"
        say(f"revpack: {out} is {what}, not a file; give the name of a file to write")
        raise typer.Exit(1)


def _save(out: Path, text: str) -> None:
    """Write `text` to `out`, or exit 1 saying why it cannot be written."""
    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        say(f"revpack: cannot write {out}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    say(f"wrote {out}")


def _name(out: Path | None) -> str:
    return str(out) if out is not None else "FILE"


def _problems(text: str, out: Path | None) -> list[Problem]:
    try:
        parse_source(text.encode("utf-8"), str(out or "<stdout>"))
    except InputError as exc:
        return exc.problems
    return []


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    _save(out, text)


def _fail(problems: list[Problem]) -> None:
    for problem in problems:
        say(str(problem))
    say("nothing was written.", fg="red")
    raise typer.Exit(1)
