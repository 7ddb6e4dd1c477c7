"""Names a module offers from other modules, imported the first time they are read.

A module ``__getattr__`` (PEP 562) keeps a first answer from importing, or creating the
classes of, everything a module re-exports. Every such table in the package uses this one
function.

>>> namespace = {"__name__": "demo"}
>>> getter = lazy_names(namespace, "json", {"JSONDecoder": "decoder"})
>>> getter("JSONDecoder").__module__, "JSONDecoder" in namespace
('json.decoder', True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    namespace: dict[str, Any], package: str, table: Mapping[str, str]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``namespace`` (the module's ``globals()``).

    ``table`` maps each name to the module, under ``package``, that defines it. The
    value is imported on first read and kept in ``namespace``, so later reads skip this
    function; any other name is an ``AttributeError``, as Python expects.
    """
    module_name = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
