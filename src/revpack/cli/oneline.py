"""Every message the command line prints is one line, whatever the values it echoes
hold: line breaks, control characters and terminal escape sequences are escaped
(problems.one_line). That goes for the parser's own usage errors too (an unknown option
or command, a value of the wrong type, a missing argument): `revpack: MESSAGE (see
'revpack build --help')`, exit status 2, where click would print a framed block."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial
from typing import Any

import typer
from typer.core import TyperGroup

try:  # typer carries its own copy of click since 0.26
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - an older typer, with click itself
    from click.exceptions import ClickException, UsageError  # type: ignore[assignment]

from revpack.cli.output import refused, say
from revpack.problems import one_line

__all__ = ["OneLineErrors", "say", "usage_line"]


class OneLineErrors(TyperGroup):
    """revpack's command group: the parser's own errors in one line, not a framed block."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,  # (click's: passed on to the context)
    ) -> Any:
        parse = partial(
            super().main,
            args,
            prog_name,
            complete_var,
            standalone_mode=False,
            windows_expand_args=windows_expand_args,
            **extra,
        )
        if not standalone_mode:
            return parse()
        try:
            code = parse()
        except ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `revpack` alone: the help
                exc.show()
            else:
                say(usage_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            say("revpack: aborted")
            sys.exit(1)
        except OSError as exc:  # the system refused a path (a name too long, say)
            say(refused(exc))
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def usage_line(exc: ClickException) -> str:
    """The one line that says what `exc` found wrong, and where to read how it is used."""
    message = f"revpack: {one_line(exc.format_message())}"
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, UsageError) and ctx is not None:
        message += f" (see '{one_line(ctx.command_path)} --help')"
    return message
