"""Writing YAML text for people to edit: block style, plain where safe, quoted where needed.

PyYAML's emitter quotes too eagerly and cannot place comments, so the few shapes revpack
writes (`key: text`, `- text`) are formatted here. Long text is folded onto indented
continuation lines, which YAML reads back as single spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

WIDTH = 96
"""Lines are folded to fit this width where the text allows."""

_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
# Scalars a YAML 1.2 reader (an editor's language server) would read as something other
# than text; PyYAML's 1.1 resolver covers the rest.
_CORE_NON_TEXT = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+")
_RESOLVER = yaml.resolver.Resolver()


def needs_quotes(text: str) -> bool:
    """Whether `text` must be quoted to read back as exactly this text."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return True
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text or "\n" in text:
        return True
    if any(not ch.isprintable() for ch in text):
        return True
    # (types-PyYAML leaves Resolver.resolve unannotated: it gives a tag, a str)
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != "tag:yaml.org,2002:str" or bool(_CORE_NON_TEXT.fullmatch(text))


def scalar(text: str, column: int, indent: int, width: int = WIDTH) -> list[str]:
    """`text` as a YAML scalar starting at `column`; continuation lines start at `indent`.

    Returns the lines: the first without leading space (it follows `key: ` or `- `), the
    rest already indented. Whitespace runs in `text` become single spaces.
    """
    text = " ".join(text.split())
    if not needs_quotes(text):
        return _fold(text.split(" "), column, indent, width, _plain_break_ok)
    if '"' in text and "'" not in text:
        quoted = "'" + text.replace("'", "''") + "'"
    else:
        quoted = '"' + _escape(text) + '"'
    return _fold(quoted.split(" "), column, indent, width, lambda word: True)


def key_value(key: str, text: str, indent: int, width: int = WIDTH) -> list[str]:
    """`key: text` at `indent`, folded."""
    head = " " * indent + f"{key}: "
    lines = scalar(text, len(head), indent + 2, width)
    return [head + lines[0], *lines[1:]]


def item(text: str, indent: int, width: int = WIDTH) -> list[str]:
    """`- text` at `indent`, folded."""
    head = " " * indent + "- "
    lines = scalar(text, len(head), len(head), width)
    return [head + lines[0], *lines[1:]]


def _plain_break_ok(word: str) -> bool:
    # A continuation line must not start with something YAML would read as structure.
    return bool(word) and word[0] not in _INDICATORS


def _fold(
    words: list[str], column: int, indent: int, width: int, break_ok: Callable[[str], bool]
) -> list[str]:
    lines = [words[0]]
    used = column + len(words[0])
    for word in words[1:]:
        if used + 1 + len(word) > width and break_ok(word) and lines[-1].strip():
            lines.append(" " * indent + word)
            used = indent + len(word)
        else:
            lines[-1] += " " + word
            used += 1 + len(word)
    return lines


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out)
