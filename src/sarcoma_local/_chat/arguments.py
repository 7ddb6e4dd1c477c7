"""Argument checking: each tool's arguments class is checked against its own published schema.

A tool's arguments are one frozen attrs class (see :mod:`sarcoma_local._chat.specs`)
whose fields carry their JSON Schema keywords in ``metadata["json_schema"]``. The
published ``input_schema`` is :func:`~sarcoma_local._core.jsonschema.object_schema`
of that class, and :func:`parse` checks incoming arguments against that very schema:

- the object's shape (unexpected or missing arguments, defaults) by structuring with
  the project's cattrs converter (``forbid_extra_keys``);
- each value by attrs validators compiled from the field's published keywords
  (``type``, ``minLength``, ``pattern``, ``enum``, ``maximum`` ...). A keyword the
  compiler does not know is refused when the class is first checked, so nothing is
  published that is not checked. A test feeds both ``jsonschema`` and :func:`parse`
  generated arguments and requires the same verdict.

>>> @attrs.frozen
... class Echo(ToolArguments):
...     '''Arguments of an example tool.'''
...     text: str = text_field("Words to echo.")
>>> parse(Echo, {"text": "hi"})
Echo(text='hi')
>>> parse(Echo, {"text": "  "})
Traceback (most recent call last):
...
sarcoma_local._chat.arguments.ArgumentError: argument 'text' must not be empty
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from attrs import validators as v

from sarcoma_local._core.convert import converter
from sarcoma_local._core.errors import echo
from sarcoma_local._core.jsonschema import object_schema

__all__ = [
    "MAX_LIMIT",
    "MAX_TEXT",
    "ArgumentError",
    "ToolArguments",
    "checks_for",
    "choice_field",
    "integer_field",
    "json_type",
    "parse",
    "text_field",
]

JSON = dict[str, Any]
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

# Longest free-text argument accepted: names and queries are short, and a cap
# keeps a runaway model from sending megabytes into the fuzzy matcher.
MAX_TEXT = 200
MAX_LIMIT = 50


class ArgumentError(ValueError):
    """Arguments that do not fit the tool's schema (or its rule across arguments).

    ``argument`` names the culprit when there is one; ``valid`` lists what is accepted.
    """

    def __init__(
        self, message: str, *, argument: str | None = None, valid: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.argument = argument
        self.valid = valid


# --- declaring arguments ---------------------------------------------------------------


def text_field(description: str, *, optional: bool = False, max_length: int = MAX_TEXT) -> Any:
    """A free-text argument: not blank, at most ``max_length`` characters."""
    schema = {
        "minLength": 1,
        "maxLength": max_length,
        # minLength alone would let "   " through; a schema can only say "not blank" by pattern.
        "pattern": r"\S",
        "description": description,
    }
    if optional:
        return attrs.field(default=None, metadata={"json_schema": schema})
    return attrs.field(metadata={"json_schema": schema})


def integer_field(description: str, *, minimum: int, maximum: int, default: int) -> Any:
    """An optional whole number between ``minimum`` and ``maximum``; null means ``default``."""
    schema = {"minimum": minimum, "maximum": maximum, "default": default}
    return attrs.field(
        default=None, metadata={"json_schema": {**schema, "description": description}}
    )


def choice_field(description: str, choices: tuple[str, ...], *, default: str) -> Any:
    """An optional argument taking one of ``choices``; null (or leaving it out) means
    ``default``. The schema's enum lists null too, so both checkers accept it."""
    schema = {"enum": [*choices, None], "default": default, "description": description}
    return attrs.field(default=None, metadata={"json_schema": schema})


# --- compiling the published keywords into attrs validators ------------------------------


def json_type(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _shown(value: object) -> str:
    """The value, cut short, for a message: strings quoted, numbers as written."""
    try:
        return echo(value)
    except ValueError:  # an int past Python's 4300-digit str() limit
        return "a number too long to show"


@attrs.frozen
class _Keyword:
    """One published keyword's check: an attrs validator, and what to say when it fails.

    ``message`` is formatted with the offending ``value`` and its JSON ``type``.
    """

    check: Validator
    message: str
    valid: tuple[str, ...] | None = None
    item: bool = False

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            self.check(instance, attribute, value)
        except ArgumentError:
            raise  # an item's own complaint says more than "has a bad item"
        except (TypeError, ValueError):
            name = f"{attribute.name} item" if self.item else attribute.name
            text = self.message.format(value=_shown(value), type=json_type(value))
            valid = None if self.valid is None else list(self.valid)
            raise ArgumentError(f"argument {name!r} {text}", argument=name, valid=valid) from None


def _unique(instance: object, attribute: attrs.Attribute[Any], value: list[Any]) -> None:
    # attrs has no uniqueness validator; repr() also tells 1 from True, as JSON Schema does.
    if len({repr(item) for item in value}) != len(value):
        raise ValueError("repeated item")


_TYPES: dict[str, tuple[Validator, str]] = {
    "string": (v.instance_of(str), "must be a string, not {type}"),
    # bool is an int subclass, but JSON true is not a number.
    "integer": (
        v.and_(v.instance_of(int), v.not_(v.instance_of(bool))),
        "must be an integer, not {type}",
    ),
    "array": (v.instance_of(list), "must be an array, not {type}"),
}
#: Keywords that describe but do not constrain.
_NOTES = frozenset({"description", "default", "type"})


def _keyword(name: str, schema: JSON, item: bool) -> _Keyword:
    """The check of keyword ``name`` of ``schema`` (a string, integer or array schema)."""
    value = schema[name]
    if name == "minLength" and value == 1:
        return _Keyword(v.min_len(1), "must not be empty", item=item)
    if name == "pattern" and value == r"\S":
        return _Keyword(v.matches_re(value, func=re.search), "must not be empty", item=item)
    if name == "maxLength":
        return _Keyword(v.max_len(value), f"is longer than {value} characters", item=item)
    if name in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bound = v.ge(value) if name == "minimum" else v.le(value)
        return _Keyword(bound, f"must be between {low} and {high}, not {{value}}", item=item)
    if name == "enum":
        # A null in the enum only says "may be left out"; the message lists the choices.
        shown = [c for c in value if c is not None]
        return _Keyword(v.in_(value), f"must be one of {shown}, not {{value}}", tuple(shown), item)
    if name == "maxItems":
        return _Keyword(v.max_len(value), f"has more than {value} items", item=item)
    if name == "uniqueItems" and value is True:
        return _Keyword(_unique, "repeats an item", item=item)
    if name == "items":
        return _Keyword(v.deep_iterable(_validator(value, item=True)), "has a bad item", item=item)
    raise TypeError(f"the argument checker does not know the schema keyword {name!r}={value!r}")


def _validator(schema: JSON, *, item: bool = False) -> Validator:
    """attrs validators for one published property schema: its type, then each keyword."""
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    kinds = [t for t in types if t != "null"]
    if len(kinds) != 1 or kinds[0] not in _TYPES:
        raise TypeError(f"the argument checker does not know the schema type {schema['type']!r}")
    check, message = _TYPES[kinds[0]]
    steps: list[Validator] = [_Keyword(check, message, item=item)]
    steps += [_keyword(name, schema, item) for name in schema if name not in _NOTES]
    combined = v.and_(*steps)
    # A null the schema allows means "left out".
    return v.optional(combined) if "null" in types else combined


def checks_for(cls: type) -> dict[str, Validator]:
    """The validators of each field of ``cls``, compiled from its published schema.

    Raises TypeError for a keyword or type the compiler does not know, so a tool
    whose schema says something unchecked fails when it is defined.
    """
    if cls not in _CHECKS:
        properties: dict[str, JSON] = object_schema(cls)["properties"]
        _CHECKS[cls] = {name: _validator(schema) for name, schema in properties.items()}
    return _CHECKS[cls]


_CHECKS: dict[type, dict[str, Validator]] = {}


class ToolArguments:
    """Base of every tool's arguments class: on creation, each field is checked by the
    validators compiled from the class's own published schema."""

    __slots__ = ()

    def __attrs_post_init__(self) -> None:
        checks = checks_for(type(self))
        # Every subclass is an attrs class; the base cannot say so to mypy.
        for field in attrs.fields(typing.cast(Any, type(self))):
            checks[field.name](self, field, getattr(self, field.name))


T = TypeVar("T", bound=ToolArguments)

# --- structuring -----------------------------------------------------------------------

# The project's converter, told to hand values over as given: cattrs would turn 3 into
# "3", and the checks above must see what the caller sent.
_converter = converter.copy()


def _as_given(value: object, tp: object) -> object:
    # JSON Schema counts 5.0 as an integer; the tool gets the int.
    if isinstance(value, float) and value.is_integer() and int in (typing.get_args(tp) or (tp,)):
        return int(value)
    return value


_converter.register_structure_hook_func(lambda tp: not attrs.has(tp), _as_given)
for _scalar in (str, int, float, bool):
    _converter.register_structure_hook(_scalar, _as_given)


def _decoded(arguments: object) -> Mapping[Any, Any]:
    if isinstance(arguments, str):
        # OpenAI hands over function arguments as a JSON string.
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except (ValueError, RecursionError):
            raise ArgumentError("arguments are not valid JSON") from None
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, Mapping):
        raise ArgumentError(f"arguments must be an object, not {json_type(arguments)}")
    return arguments


def _first_problem(
    exc: cattrs.ClassValidationError, given: Mapping[Any, Any], cls: type
) -> ArgumentError:
    """The first problem: an unexpected argument, else a missing one, else a refused value."""
    with_notes, without_notes = exc.group_exceptions()
    for error in without_notes:
        if isinstance(error, cattrs.ForbiddenExtraKeysError):
            extra = [k for k in given if k in error.extra_fields]
            names = ", ".join(echo(k) for k in extra)
            return ArgumentError(
                f"unexpected argument{'s' if len(extra) > 1 else ''} {names}",
                argument=str(extra[0])[:MAX_TEXT],
                valid=[f.name for f in attrs.fields(cls)],
            )
    for error, note in with_notes:
        if isinstance(error, KeyError):
            return ArgumentError(f"missing required argument {note.name!r}", argument=note.name)
    # cattrs also wraps what the class raised on creation: a value the validators refused.
    for error in without_notes:
        if isinstance(error, ArgumentError):
            return error
    # Every hook hands values over unchanged, so nothing else can fail while structuring.
    raise exc  # pragma: no cover


def parse(cls: type[T], arguments: object) -> T:
    """``arguments`` (a mapping, a JSON string, or None for none) as an instance of ``cls``.

    Raises :class:`ArgumentError` naming the first argument that does not fit.
    """
    given = _decoded(arguments)
    try:
        return _converter.structure(given, cls)
    except cattrs.ClassValidationError as exc:
        raise _first_problem(exc, given, cls) from None
