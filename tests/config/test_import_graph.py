"""The import graph of the project has no cycles: neither between modules nor between apps, and ``rules`` (the
pure law package) imports nothing of the project.

Every module outside tests, migrations, the virtualenv and the benchmark scripts is parsed (never imported),
and every import in it counts, those inside functions too: a function-level import only moves a cycle to run
time. ``from matters import services`` depends on the module ``matters.services``; ``from matters.models import
Matter`` on ``matters.models``. Importing a submodule also runs its package's ``__init__``, but that is not
counted as a dependency on the package: a package's ``__init__`` that re-exports its own submodules is not a
cycle, while a submodule that imports from its package's ``__init__`` is an explicit import and does count.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRECTORIES = {"tests", "migrations", ".venv", "node_modules", "bench", "static", "templates", "locale",
                       "docs", "__pycache__"}
PURE_PACKAGE = "rules"


@dataclass(frozen=True)
class Import:
    target: str  # the project module imported
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    """Every project module by its dotted name."""
    modules = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRECTORIES.intersection(relative.parts[:-1]):
            continue
        # A file in a folder without __init__.py is not importable as part of a package.
        if any(not (ROOT.joinpath(*relative.parts[:depth]) / "__init__.py").exists()
               for depth in range(1, len(relative.parts))):
            continue
        modules[_module_name(path)] = path
    return modules


def _base_package(module: str, path: Path, level: int) -> str:
    """The package that a relative import of ``level`` dots inside ``module`` starts from."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return package


def _innermost_module(name: str, modules: dict[str, Path]) -> str | None:
    """``name`` if it is a project module, else the longest project module that it lies in (``a.b.c`` where
    ``a.b`` is a module and ``c`` a name in it); None for a name outside the project."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _base_package(module, path, node.level)
                base = f"{package}.{base}" if base else package
            # ``from package import name`` imports the submodule when ``name`` is one, else the package.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            resolved = _innermost_module(target, modules)
            if resolved is not None and resolved != module:
                found.append(Import(resolved, node.lineno))
    return found


def import_graph() -> tuple[dict[str, Path], dict[str, dict[str, int]]]:
    """The modules, and for each module the modules it imports (with the line of one such import)."""
    modules = project_modules()
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules.items():
        graph[module] = {}
        for found in imports_of(module, path, modules):
            graph[module].setdefault(found.target, found.line)
    return modules, graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach each other (Tarjan), those of more than one node only."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        # Iterative, so that a long chain of imports cannot exhaust the recursion limit.
        work = [(node, iter(sorted(graph.get(node, ()))))]
        index[node] = lowlink[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = lowlink[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    lowlink[current] = min(lowlink[current], index[child])
                continue
            work.pop()
            if work:
                lowlink[work[-1][0]] = min(lowlink[work[-1][0]], lowlink[current])
            if lowlink[current] == index[current]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == current:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def one_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A shortest cycle through the first node of ``group``: [a, b, …, a]."""
    start, members = group[0], set(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - a group always has one


def _cycle_messages(graph: dict[str, set[str]], where) -> list[str]:
    messages = []
    for group in strongly_connected(graph):
        cycle = one_cycle(graph, group)
        steps = "\n".join(f"    {a} → {b}  ({where(a, b)})" for a, b in zip(cycle, cycle[1:], strict=False))
        messages.append(f"{' → '.join(cycle)}\n{steps}" + (
            f"\n    (all of {', '.join(group)} reach each other)" if len(group) > len(cycle) - 1 else ""))
    return messages


def _app(module: str) -> str:
    return module.partition(".")[0]


def test_no_import_cycle_between_modules():
    modules, graph = import_graph()
    edges = {module: set(targets) for module, targets in graph.items()}

    def where(a: str, b: str) -> str:
        return f"{modules[a].relative_to(ROOT)}:{graph[a][b]}"

    cycles = _cycle_messages(edges, where)
    if cycles:
        pytest.fail("Import cycles between modules:\n" + "\n".join(cycles), pytrace=False)


def test_no_import_cycle_between_apps():
    modules, graph = import_graph()
    edges: dict[str, set[str]] = defaultdict(set)
    sites: dict[tuple[str, str], str] = {}
    for module, targets in graph.items():
        for target, line in targets.items():
            if _app(module) != _app(target):
                edges[_app(module)].add(_app(target))
                sites.setdefault((_app(module), _app(target)),
                                 f"{modules[module].relative_to(ROOT)}:{line} imports {target}")

    cycles = _cycle_messages(edges, lambda a, b: sites[a, b])
    if cycles:
        pytest.fail("Import cycles between apps:\n" + "\n".join(cycles), pytrace=False)


def test_rules_imports_nothing_of_the_project():
    modules, graph = import_graph()
    outside = sorted(f"{modules[module].relative_to(ROOT)}:{line} imports {target}"
                     for module, targets in graph.items() if _app(module) == PURE_PACKAGE
                     for target, line in targets.items() if _app(target) != PURE_PACKAGE)
    if outside:
        pytest.fail("rules must stay pure:\n" + "\n".join(outside), pytrace=False)


def test_the_graph_sees_what_it_must(tmp_path):
    """The parsing itself: a relative import, a submodule named in ``from … import``, an import inside a
    function, and no dependency of a package on its own ``__init__`` re-exports."""
    modules, graph = import_graph()
    assert {"matters", "matters.api", "rules", "core.formatting"} <= modules.keys()
    assert not any(_app(module) in {"tests", "bench"} or ".migrations" in module for module in modules)
    # from matters import services → the module matters.services, not the package.
    assert "matters.services" in graph["matters.api"]
    probe = tmp_path / "probe.py"
    probe.write_text("def later():\n    from . import services\n    from .models import Matter\n", encoding="utf-8")
    found = {item.target for item in imports_of("matters.probe", probe, {**modules, "matters.probe": probe})}
    assert found == {"matters.services", "matters.models"}
    cyclic = {"pkg": {"pkg.a"}, "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a"}, "pkg.c": set()}
    assert strongly_connected(cyclic) == [["pkg.a", "pkg.b"]]
    assert one_cycle(cyclic, ["pkg.a", "pkg.b"]) == ["pkg.a", "pkg.b", "pkg.a"]
