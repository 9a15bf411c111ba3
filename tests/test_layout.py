"""The house's layout holds: the import graph has no circles, and the layers point one way.

Every ``import`` of a netjournal module counts, at module level or inside a
function (lazy imports keep start-up fast but are still dependencies); only
imports for type checking are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "netjournal"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, known: set[str]) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name in known}


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    graph = {}
    for name, path in files.items():
        edges = _imports(ast.parse(path.read_text(encoding="utf-8")), known)
        # A package's __init__ re-exporting its own modules is not a circle.
        graph[name] = {e for e in edges if e != name and not e.startswith(name + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, stack = [], dict.fromkeys(graph, 0), []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state[nxt] == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif state[nxt] == 0:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            walk(node)
    return cycles


def test_the_import_graph_has_no_circles() -> None:
    assert _cycles(_graph()) == []


def test_layers_point_one_way() -> None:
    """The store knows nothing above it; services, codecs and matching know no CLI or view."""
    graph = _graph()
    upper = ("netjournal.cli", "netjournal.views", "netjournal.render")
    for name, edges in graph.items():
        if name.startswith(
            ("netjournal.store", "netjournal.services", "netjournal.codecs", "netjournal.matching")
        ):
            assert not {e for e in edges if e.startswith(upper)}, name
        if name.startswith("netjournal.store"):
            assert not {e for e in edges if e.startswith("netjournal.services")}, name
        if name.startswith(("netjournal.codecs", "netjournal.matching")):
            assert not {e for e in edges if e.startswith("netjournal.services")}, name
