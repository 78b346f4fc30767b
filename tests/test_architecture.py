"""Imports point down: runtime -> handlers -> bot -> rules; standin stands alone; no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("rules", "bot", "handlers", "runtime", "standin")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module this file imports, anywhere in it (a function-level import counts too)."""
    names: set[str] = set()
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name in modules or name.split(".")[0] not in PACKAGES}


def imported_roots(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    modules = _modules()
    for name, path in modules.items():
        if name.split(".")[0] != package:
            continue
        for imported in _imports(path, modules):
            found.setdefault(imported.split(".")[0], set()).add(name)
    return found


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, set()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, set()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        targets = {m for m in _imports(path, modules) if m in modules}
        # importing a package's module runs the package's __init__: not a dependency of ours
        graph[name] = {m for m in targets if m != name and not name.startswith(m + ".")}
    return graph


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert import_cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize(
    "forbidden", ["telegram", "sqlalchemy", "babel", "bot", "handlers", "runtime", "standin"]
)
def test_rules_imports_no_framework_and_nothing_above_it(forbidden: str) -> None:
    assert forbidden not in imported_roots("rules")


@pytest.mark.parametrize("forbidden", ["handlers", "runtime", "standin"])
def test_bot_imports_nothing_above_it(forbidden: str) -> None:
    assert forbidden not in imported_roots("bot")


def test_bot_services_do_not_import_telegram() -> None:
    offenders = {m for m in imported_roots("bot").get("telegram", set()) if ".services" in m}
    assert offenders == set()


@pytest.mark.parametrize("forbidden", ["runtime", "standin"])
def test_handlers_import_no_runtime_and_no_standin(forbidden: str) -> None:
    assert forbidden not in imported_roots("handlers")


@pytest.mark.parametrize("forbidden", ["bot", "handlers", "runtime", "rules"])
def test_the_standin_stands_alone(forbidden: str) -> None:
    assert forbidden not in imported_roots("standin")


def test_the_detector_sees_imports() -> None:
    """The scan above would notice a forbidden import (so it cannot pass vacuously)."""
    assert "pydantic" in imported_roots("rules")
    assert "yaml" in imported_roots("rules")
    assert "handlers" in imported_roots("runtime")
    assert "bot.services.motions" in _graph()["handlers.voting"]
