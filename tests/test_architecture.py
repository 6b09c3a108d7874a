"""The package's shape: no import cycles between revpack's modules, and the renderer table
names modules that exist."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from helpers import THAW
from revpack.kinds import KINDS
from revpack.loading.layouts import load_layout
from revpack.loading.source import load_source
from revpack.model import NOTES, Source
from revpack.writers import render, writer

SRC = Path(__file__).resolve().parent.parent / "src" / "revpack"


def _module(path: Path) -> str:
    parts = ["revpack", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every revpack module → the revpack modules it imports (anywhere in the file, so an
    import inside a function counts too)."""
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text("utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, *([base] if base else [])])
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                ]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def _imports(tree: ast.AST):
    """Every import statement, leaving out those under `if TYPE_CHECKING:` (types only,
    never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles():
    graph = import_graph()
    assert "revpack.building.jobs" in graph and graph["revpack.building.run"]
    # The package __init__ re-exports the API; a module importing `revpack` itself would
    # pull everything in, so only the top package may sit at the top of the graph.
    graph["revpack"] = set()
    assert find_cycle(graph) is None


def test_renderer_table_names_real_modules():
    for kind in KINDS.values():
        options = importlib.import_module(kind.options)
        assert options.SPEC and options.Options
        for fmt in kind.formats:
            assert callable(importlib.import_module(fmt.writer).render), fmt
        assert kind.reads is None or kind.reads < NOTES, kind.name  # names parts there are


def test_a_writer_sees_only_the_notes_its_kind_reads(monkeypatch):
    # A build keys a kind's documents on the parts of the notes it reads; its writer must
    # not see the rest, or a change there would leave its documents out of date.
    source = load_source(THAW)
    chart = load_layout("factor-chart")
    seen: list[Source] = []
    monkeypatch.setattr(writer(chart), "render", lambda s, *_: seen.append(s) or [])
    render(source, chart)
    (given,) = seen
    assert given.timeline == () and given.terms == () and given.sections == ()
    assert given.factors == source.factors and given.question == source.question


def test_every_package_is_installed():
    # An editable install finds every folder; a real one installs only the packages
    # pyproject.toml lists, so a missing one breaks revpack where it is installed.
    import tomllib

    listed = set(
        tomllib.loads((SRC.parent.parent / "pyproject.toml").read_text("utf-8"))["tool"][
            "setuptools"
        ]["packages"]
    )
    found = {_module(init) for init in SRC.rglob("__init__.py")}
    assert found - listed == set()
