"""JSON Schema generated from attrs classes, so a schema can never drift from its classes.

:func:`schema_for` walks an attrs class and the types of its fields (``str``,
``int``, ``float``, ``bool``, ``None`` unions, tuples, lists, ``dict[str, X]``,
enums and nested attrs classes) and returns a JSON Schema (draft 2020-12) with
one ``$defs`` entry per attrs class: the shape of the class's unstructured form,
every field present. :func:`object_schema` gives the flat schema of a class used
as keyword arguments (a chat tool's input): only fields without a default are
required. A field's ``metadata["json_schema"]`` adds or overrides keywords
(``description``, ``maxLength``, ``enum`` ...).

Used by the catalogue export (``_exports.schema``) and the chat tools
(``_chat.specs``); it imports nothing of ours, so every layer may use it.

>>> @attrs.frozen
... class Point:
...     '''A point.'''
...     x: int
...     label: str | None = attrs.field(default=None, metadata={"json_schema": {"maxLength": 9}})
>>> object_schema(Point)["properties"]["label"]
{'type': ['string', 'null'], 'maxLength': 9}
>>> object_schema(Point)["required"]
['x']
"""

from __future__ import annotations

import collections.abc
import types
import typing
from enum import Enum
from typing import Any

import attrs

__all__ = ["DIALECT", "object_schema", "schema_for"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

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
        # So does "array of strings or null": the array's keywords apply to arrays only.
        typed = [m for m in members if m != {"type": "null"}]
        if len(typed) == 1 and len(members) == 2 and isinstance(typed[0].get("type"), str):
            nullable = {**typed[0], "type": [typed[0]["type"], "null"]}
            if "enum" in nullable:  # an enum keyword restricts every type: null must be listed
                nullable["enum"] = [*nullable["enum"], None]
            return nullable
        return {"anyOf": members}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: a record that nests itself terminates
            self.defs[name] = self.record(cls)
        elif self.defs[name] and self.defs[name].get("x-python") != _qualname(cls):
            raise TypeError(f"two attrs classes are both named {name}")
        return {"$ref": f"#/$defs/{name}"}

    def properties(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        for field in attrs.fields(cls):
            schema = self.type_schema(hints[field.name])
            schema.update(field.metadata.get("json_schema", {}))
            properties[field.name] = schema
        return properties

    def record(self, cls: type) -> dict[str, Any]:
        properties = self.properties(cls)
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
    schema: dict[str, Any] = {"$schema": DIALECT}
    if title is not None:
        schema["title"] = title
    schema["description"] = _description(cls)
    schema.update(root)
    schema["$defs"] = walker.defs
    return schema


def object_schema(cls: type) -> dict[str, Any]:
    """The flat schema of the keyword arguments that build attrs class ``cls``.

    ``{"type": "object", "properties", "required", "additionalProperties": false}``,
    where ``required`` lists the fields without a default. Fields must be of JSON
    types (no nested attrs classes: the schema has no ``$defs`` to refer to).
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls!r} is not an attrs class")
    walker = _Walker()
    properties = walker.properties(cls)
    if walker.defs:
        raise TypeError(f"{cls.__name__} nests attrs classes; use schema_for")
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema
