"""JSON Schema generated from the attrs model, so the schema can never drift from the records.

:func:`schema_for` walks an attrs class and the types of its fields (``str``,
``int``, ``float``, ``bool``, ``None`` unions, tuples, lists, ``dict[str, X]``,
enums and nested attrs classes) and returns a JSON Schema (draft 2020-12) with
one ``$defs`` entry per attrs class. :func:`catalogue_schema` is the schema of
:func:`sarcoma_local.catalogue_json`; the package ships a copy in
``sarcoma_local/data/schema/catalogue.schema.json`` (a test keeps it equal).

Regenerate the shipped copy with ``python -m sarcoma_local._exports.schema``.

>>> from sarcoma_local._data.models import Author
>>> schema_for(Author)["$defs"]["Author"]["required"]
['family', 'initials']
"""

from __future__ import annotations

import collections.abc
import json
import types
import typing
from enum import Enum
from typing import Any

import attrs

__all__ = ["SCHEMA_PATH", "catalogue_schema", "schema_for", "shipped_catalogue_schema"]

#: Where the shipped schema lives, relative to ``sarcoma_local/data``.
SCHEMA_PATH = "schema/catalogue.schema.json"

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SCALARS: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    types.NoneType: {"type": "null"},
}


def _description(cls: type) -> str:
    # The first paragraph of the docstring, on one line: enough to say what a record is.
    doc = (cls.__doc__ or "").strip().split("\n\n", 1)[0]
    return " ".join(doc.split())


class _Walker:
    """Collects ``$defs`` while it turns types into schemas."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if isinstance(tp, type) and issubclass(tp, Enum):
            # StrEnum values are strings; the order is the enum's own, so the output is stable.
            return {"type": "string", "enum": [str(m.value) for m in tp]}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (types.UnionType, typing.Union):
            return self.union(args)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.type_schema(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (list, collections.abc.Sequence) or tp is list:
            return {"type": "array", "items": self.type_schema(args[0]) if args else {}}
        if origin is dict:
            if args and args[0] is not str:
                raise TypeError(f"JSON object keys must be strings, not {args[0]!r}")
            return {
                "type": "object",
                "additionalProperties": self.type_schema(args[1]) if args else {},
            }
        if tp is typing.Any or tp is object:
            return {}
        raise TypeError(f"no JSON Schema for type {tp!r}")

    def union(self, args: tuple[Any, ...]) -> dict[str, Any]:
        members = [self.type_schema(a) for a in args]
        # "string or null" reads better (and validates faster) as a type list.
        if all(set(m) == {"type"} and isinstance(m["type"], str) for m in members):
            return {"type": [m["type"] for m in members]}
        return {"anyOf": members}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: a record that nests itself terminates
            self.defs[name] = self.record(cls)
        elif self.defs[name] and self.defs[name].get("x-python") != _qualname(cls):
            raise TypeError(f"two attrs classes are both named {name}")
        return {"$ref": f"#/$defs/{name}"}

    def record(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        for field in attrs.fields(cls):
            schema = self.type_schema(hints[field.name])
            schema.update(field.metadata.get("json_schema", {}))
            properties[field.name] = schema
        return {
            "type": "object",
            "description": _description(cls),
            "x-python": _qualname(cls),
            "properties": properties,
            # cattrs writes every field, defaults included, so every field is present.
            "required": list(properties),
            "additionalProperties": False,
        }


def _qualname(cls: type) -> str:
    module = cls.__module__
    if module.startswith("sarcoma_local."):
        module = "sarcoma_local"  # private module names are not part of the schema
    return f"{module}.{cls.__qualname__}"


def schema_for(cls: type, *, title: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for the unstructured form of attrs class ``cls``.

    The root refers to ``$defs/<ClassName>``; every nested attrs class gets its own
    ``$defs`` entry, in the order they are first met (so the output is stable).
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls!r} is not an attrs class")
    walker = _Walker()
    root = walker.ref(cls)
    schema: dict[str, Any] = {"$schema": _DIALECT}
    if title is not None:
        schema["title"] = title
    schema["description"] = _description(cls)
    schema.update(root)
    schema["$defs"] = walker.defs
    return schema


def catalogue_schema() -> dict[str, Any]:
    """The schema of :func:`sarcoma_local.catalogue_json`, generated from the model now.

    >>> catalogue_schema()["$ref"]
    '#/$defs/CatalogueExport'
    """
    from .catalogue import CatalogueExport

    return schema_for(CatalogueExport, title="sarcoma_local catalogue export")


def shipped_catalogue_schema() -> dict[str, Any]:
    """The schema file shipped in the package (equal to :func:`catalogue_schema`)."""
    from sarcoma_local._core.resources import read_data

    loaded: dict[str, Any] = json.loads(read_data(SCHEMA_PATH))
    return loaded


def render(schema: dict[str, Any]) -> str:
    """The schema as the shipped file spells it: two-space indent, UTF-8, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    import pathlib

    target = pathlib.Path(__file__).parent.parent / "data" / SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(catalogue_schema()), encoding="utf-8")
    print(f"wrote {target}")
