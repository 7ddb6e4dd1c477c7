"""The layer rule of docs/architecture.md, checked by reading every module's imports.

Each private subpackage is a layer; a module may import only the layers listed for its
own. The check reads the source with ``ast`` (imports inside functions count too), so
a lazy import cannot slip past it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import sarcoma_local

PACKAGE = Path(sarcoma_local.__file__).parent

BASE = {"_core"}
DATA = BASE | {"_data"}
RENDER = DATA | {"_render"}
ANSWERS = RENDER | {"_answers"}

#: Layer -> the layers its modules may import (itself included).
ALLOWED: dict[str, set[str]] = {
    "_core": BASE,
    "_data": DATA,
    "_render": RENDER,
    "_answers": ANSWERS,
    "_exports": ANSWERS | {"_exports"},
    "_pages": ANSWERS | {"_pages"},
    "_chat": ANSWERS | {"_chat"},
    "_cli": ANSWERS | {"_exports", "_pages", "_chat", "_cli", "pubmed"},
    "pubmed": BASE | {"_data.models", "pubmed"},
}

#: Deliberate exceptions, each with its reason (docs/architecture.md lists them too).
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("_data.models", "_render.citations"): (
        "Citation.short() is kept for 0.1 callers and delegates, lazily, to the one formatter"
    ),
}


def _layer_of(dotted: str) -> str | None:
    """The layer of ``sarcoma_local.<dotted>``: its first component when it is a layer."""
    first = dotted.split(".", 1)[0]
    return first if first in ALLOWED else None


def _imports(path: Path) -> Iterator[str]:
    """Every ``sarcoma_local`` module ``path`` imports, as a dotted name below the package."""
    module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    if path.name == "__init__.py":
        package = module.removesuffix(".__init__")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.startswith("sarcoma_local."):
                target = node.module.removeprefix("sarcoma_local.")
            else:
                continue
            if node.module is None or target == package:
                # "from . import x": each name is a submodule.
                yield from (f"{target}.{a.name}".strip(".") for a in node.names)
            else:
                yield target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sarcoma_local."):
                    yield alias.name.removeprefix("sarcoma_local.")


def violations(path: Path) -> list[str]:
    """The imports of ``path`` that break the layer rule."""
    module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    layer = _layer_of(module)
    if layer is None:
        return []  # the facade, __main__ and the data folder may import anything
    found = []
    for target in _imports(path):
        allowed = ALLOWED[layer]
        target_layer = _layer_of(target)
        if target_layer is None or target_layer in allowed:
            continue
        if any(target == a or target.startswith(a + ".") for a in allowed if "." in a):
            continue
        if any(module == m and target.startswith(t) for m, t in EXCEPTIONS):
            continue
        found.append(f"{module} imports {target} ({layer} may import {sorted(allowed)})")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_the_layers_below_it(path: Path) -> None:
    assert violations(path) == []


def test_every_private_subpackage_is_a_known_layer() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")} - {"data"}
    assert packages <= set(ALLOWED)


def test_the_rule_catches_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "sarcoma_local"
    (fake / "_data").mkdir(parents=True)
    module = fake / "_data" / "bad.py"
    module.write_text("def f():\n    from sarcoma_local._pages import handout\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert violations(module) == ["_data.bad imports _pages (_data may import ['_core', '_data'])"]


def test_the_rule_catches_a_sibling_import_between_exports_and_chat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "sarcoma_local"
    (fake / "_exports").mkdir(parents=True)
    module = fake / "_exports" / "x.py"
    module.write_text("from sarcoma_local._chat.dispatch import call_tool\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert len(violations(module)) == 1


def test_pubmed_may_import_the_record_model_but_not_queries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "sarcoma_local"
    (fake / "pubmed").mkdir(parents=True)
    module = fake / "pubmed" / "x.py"
    module.write_text(
        "from sarcoma_local._data.models import Citation\n"
        "from sarcoma_local._data.queries import citation\n"
    )
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert [v.split(" (")[0] for v in violations(module)] == ["pubmed.x imports _data.queries"]


DOC = PACKAGE.parents[1] / "docs" / "architecture.md"


@pytest.mark.skipif(not DOC.exists(), reason="docs/ is not beside the installed package")
@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if p.name != "__init__.py" and p.parent != PACKAGE],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_architecture_doc_names_every_module(path: Path) -> None:
    # docs/architecture.md must match the tree: each module is named in its layer's row.
    assert f"`{path.stem}`" in DOC.read_text(encoding="utf-8")
