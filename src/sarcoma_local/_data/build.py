"""Nested records from parsed JSON with their own attrs constructors (no cattrs).

cattrs took about a third of a cold first query: importing it, then compiling a
structuring function for every class (docs/performance.md). Here each class gets
a small table, read once from its type hints, that says how each field is checked
or converted; building a record is then a loop over its JSON object and one call
of its constructor. The result equals what cattrs builds (a test builds the
shipped catalogue both ways). Bad data is refused at least as strictly: an unknown
or missing field, an unknown vocabulary value and a value of the wrong JSON type
(which cattrs converted: ``"1989"`` for a year) each name the field
(``statements[0].figures[2].unit: 'percnt' is not a valid Unit``);
:func:`build_records` prefixes the file and the record's key.
"""

from __future__ import annotations

import builtins
import sys
import types
from contextlib import suppress
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from sarcoma_local._core.errors import DataIntegrityError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BuildError", "build", "build_records"]

_NONE = type(None)


class BuildError(Exception):
    """A value that cannot become (part of) a record; ``path`` says which field."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def under(self, prefix: str) -> BuildError:
        """The same problem one level further out (``figures[2]`` + ``.unit``)."""
        path = (
            f"{prefix}.{self.path}"
            if self.path and not self.path.startswith("[")
            else (f"{prefix}{self.path}")
        )
        return BuildError(path, self.message)


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _checker(expected: tuple[type, ...], name: str) -> Callable[[Any], Any]:
    exact = frozenset(expected)

    def check(value: Any) -> Any:
        if value.__class__ not in exact:
            raise BuildError("", f"expected {name}, got {_describe(value)}")
        return value

    return check


def _as_float(value: Any) -> float:
    if value.__class__ is not float and value.__class__ is not int:
        raise BuildError("", f"expected a number, got {_describe(value)}")
    return float(value)


def _enum(cls: type[Enum]) -> Callable[[Any], Any]:
    members = cls._value2member_map_  # what cls(value) looks up, without the call

    def convert(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
            raise BuildError("", f"{_describe(value)} is not a valid {cls.__name__}") from None

    return convert


def _optional(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else inner(value)

    return convert


def _tuple_of(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> tuple[Any, ...]:
        if value.__class__ is not list:
            raise BuildError("", f"expected a list, got {_describe(value)}")
        try:
            return tuple([inner(item) for item in value])
        except BuildError as exc:
            index = next(i for i, item in enumerate(value) if _fails(inner, item))
            raise exc.under(f"[{index}]") from None

    return convert


def _fails(convert: Callable[[Any], Any], value: Any) -> bool:
    try:
        convert(value)
    except BuildError:
        return True
    return False


_PRIMITIVES: dict[object, tuple[tuple[type, ...], str]] = {
    str: ((str,), "a string"),
    int: ((int,), "an integer"),
    bool: ((bool,), "true or false"),
}


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """How to turn a JSON value into a value of type ``hint``; ``None``: it already is one."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not _NONE]
        if len(args) != 1:
            raise TypeError(f"unsupported union {hint!r}")
        inner = _converter(args[0])
        if inner is None:
            expected, name = _PRIMITIVES[args[0]]
            return _checker((*expected, _NONE), f"{name} or null")
        return _optional(inner)
    if origin is tuple:
        item = _converter(get_args(hint)[0])
        if item is None:
            item = _checker(*_PRIMITIVES[get_args(hint)[0]])
        return _tuple_of(item)
    if hint is float:
        return _as_float
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return _builder(hint)
    if hint in _PRIMITIVES:
        return None
    raise TypeError(f"unsupported field type {hint!r}")


def _plain(hint: Any) -> tuple[tuple[type, ...], str] | None:
    """The JSON types a string, integer or boolean field (or one of them or null) takes."""
    if hint in _PRIMITIVES:
        return _PRIMITIVES[hint]
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not _NONE]
        if len(args) == 1 and args[0] in _PRIMITIVES:
            expected, name = _PRIMITIVES[args[0]]
            return (*expected, _NONE), f"{name} or null"
    return None


def _hints(cls: type) -> dict[str, Any]:
    """The field types of ``cls``, read from its annotation strings.

    ``typing.get_type_hints`` compiles every annotation string with ``eval``, which
    took about 8 ms for the citation classes alone on a cold start. Annotations here
    are names, ``X | None`` and ``tuple[X, ...]``, resolved in the class's module
    without compiling; anything else falls back to ``get_type_hints``.
    """
    namespace = vars(sys.modules[cls.__module__])
    try:
        return {f.name: _resolve(f.type, namespace) for f in attrs.fields(cls)}
    except (KeyError, TypeError, AttributeError):
        return get_type_hints(cls, namespace)


def _resolve(annotation: object, namespace: dict[str, Any]) -> Any:
    if not isinstance(annotation, str):
        return annotation  # already a type (annotations not postponed)
    text = annotation.strip()
    if text.startswith("tuple[") and text.endswith(", ...]"):
        if "|" in text:
            raise TypeError("a union inside a tuple is read by get_type_hints")
        return tuple[_resolve(text[6:-6], namespace), ...]  # type: ignore[misc]
    if "|" in text:
        first, *rest = (_resolve(part, namespace) for part in text.split("|"))
        for other in rest:
            first = first | other
        return first
    if text == "None":
        return _NONE
    if text in namespace:
        return namespace[text]
    return getattr(builtins, text)


class _Plan:
    """How to build one attrs class: type checks for plain fields, converters for the rest."""

    __slots__ = ("cls", "convert", "labels", "plain")

    def __init__(self, cls: type) -> None:
        hints = _hints(cls)
        self.cls = cls
        # JSON values come as exactly str, int, float, bool, None, list or dict, so a
        # plain field is checked by its value's exact class (a bool is no integer here).
        self.plain: dict[str, frozenset[type]] = {}
        self.labels: dict[str, str] = {}
        self.convert: dict[str, Callable[[Any], Any]] = {}
        for field in attrs.fields(cls):
            hint = hints[field.name]
            if callable(field.converter):
                # The field converts (and checks) its own value, e.g. a string or a list;
                # called here too, so that a refusal names the field.
                self.convert[field.name] = field.converter
                continue
            plain = _plain(hint)
            if plain is not None:
                self.plain[field.name] = frozenset(plain[0])
                self.labels[field.name] = plain[1]
            else:
                self.convert[field.name] = _converter(hint) or _same


def _same(value: Any) -> Any:
    return value


_PLANS: dict[type, _Plan] = {}


def _builder(cls: type) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return build(cls, value)

    return convert


def build(cls: type, data: Any) -> Any:
    """One record of attrs class ``cls`` from its JSON object; :class:`BuildError` if bad."""
    if data.__class__ is not dict:
        raise BuildError("", f"expected an object, got {_describe(data)}")
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    plain, convert = plan.plain, plan.convert
    kwargs = data.copy()
    for name, value in data.items():
        expected = plain.get(name)
        if expected is not None:
            if value.__class__ not in expected:
                label = plan.labels[name]
                raise BuildError(name, f"expected {label}, got {_describe(value)}")
            continue
        conv = convert.get(name)
        if conv is None:
            raise BuildError(name, f"unknown field for {cls.__name__}")
        try:
            kwargs[name] = conv(value)
        except BuildError as exc:
            raise exc.under(name) from None
        except (TypeError, ValueError) as exc:  # a field's own converter refused it
            raise BuildError(name, str(exc)) from None
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        raise BuildError("", str(exc)) from None


def build_records(
    name: str, records: object, cls: type, key: Callable[[dict[str, Any]], str]
) -> tuple[Any, ...]:
    """Every record of one list in data file ``name``; problems name the file and record."""
    if not isinstance(records, list):
        raise DataIntegrityError([f"{name}: expected a list of records"])
    built: list[Any] = []
    problems: list[str] = []
    for i, record in enumerate(records):
        try:
            built.append(build(cls, record))
        except BuildError as exc:
            label: object = i
            if isinstance(record, dict):
                with suppress(KeyError, TypeError):
                    label = key(record)
            problems.append(f"{name}[{label}]{'.' if exc.path else ': '}{exc}")
    if problems:
        raise DataIntegrityError(problems)
    return tuple(built)
