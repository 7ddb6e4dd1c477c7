"""How the human-pages layer is put together: one HTML component module, the handout and
the web site side by side, and every record read through the public queries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sarcoma_local._pages as pages_package

PAGES = Path(pages_package.__file__).parent
MODULES = sorted(p for p in PAGES.rglob("*.py") if p.name != "__init__.py" or p.parent != PAGES)


def _name(path: Path) -> str:
    return path.relative_to(PAGES).as_posix()


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "handout.py"], ids=_name)
def test_only_the_handout_imports_the_handout(path: Path) -> None:
    assert "sarcoma_local._pages.handout" not in _imports(path)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_pages_read_records_through_the_public_queries(path: Path) -> None:
    assert "sarcoma_local._data.loader" not in _imports(path)


def test_every_page_module_is_under_400_lines() -> None:
    lengths = {_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES}
    assert {name: n for name, n in lengths.items() if n > 400} == {}
