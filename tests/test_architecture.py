"""Imports point down: handlers -> bot -> rules; rules stays pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_roots(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        if "_draft" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("forbidden", ["telegram", "sqlalchemy", "babel", "bot", "handlers"])
def test_rules_imports_no_framework_and_nothing_above_it(forbidden: str) -> None:
    assert forbidden not in imported_roots("rules")


@pytest.mark.parametrize("forbidden", ["handlers", "telegram"])
def test_bot_services_do_not_import_handlers_or_telegram(forbidden: str) -> None:
    offenders = {path for path in imported_roots("bot").get(forbidden, set()) if "services" in path}
    assert offenders == set()
    if forbidden == "handlers":
        assert forbidden not in imported_roots("bot")


def test_the_detector_sees_imports(tmp_path: Path) -> None:
    """The scan above would notice a forbidden import (so it cannot pass vacuously)."""
    assert "pydantic" in imported_roots("rules")
    assert "yaml" in imported_roots("rules")
