"""``Record``: one shared ``repr``, ``==`` and ``hash`` for the catalogue's attrs classes.

attrs writes and compiles a ``__repr__``, ``__eq__``, ``__ne__`` and ``__hash__`` for
every class it decorates. For the record classes that was about 1.7 M instructions a
class, some 12 M of a first ``options()`` in a fresh process (seven classes), which
pays for them before it answers. So the record classes are declared
``@attrs.frozen(repr=False, eq=False)`` and inherit these four methods from
:class:`Record` instead. They read the fields attrs recorded on the class, so they
behave as attrs' own: the same ``repr`` text, equality only between instances of the
same class comparing every field with ``eq=True``, and a hash that agrees with it.

>>> import attrs
>>> @attrs.frozen(repr=False, eq=False)
... class Point(Record):
...     x: int
...     y: int = attrs.field(default=0, repr=False)
>>> Point(1, 2), Point(1, 2) == Point(1, 2), Point(1, 2) == Point(1, 3)
(Point(x=1), True, False)
>>> hash(Point(1, 2)) == hash(Point(1, 2))
True
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

__all__ = ["Record"]


class _Shape:
    """What a class's methods read, worked out once per class."""

    __slots__ = ("name", "repr_fields", "values")

    def __init__(self, cls: type) -> None:
        fields = cls.__attrs_attrs__  # type: ignore[attr-defined]
        compared = tuple(f.name for f in fields if f.eq)
        # attrgetter with one name returns the value itself, not a 1-tuple.
        get = attrgetter(*compared) if compared else (lambda _: ())
        self.values: Callable[[Any], Any] = get if len(compared) != 1 else (lambda obj: (get(obj),))
        self.repr_fields = tuple((f.name, f.repr) for f in fields if f.repr is not False)
        self.name = cls.__qualname__.rsplit(">.", 1)[-1]


_shapes: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    shape = _shapes.get(cls)
    if shape is None:
        shape = _shapes[cls] = _Shape(cls)
    return shape


class Record:
    """Base of the catalogue's frozen attrs records (see the module docstring)."""

    __slots__ = ()

    def __repr__(self) -> str:
        shape = _shape(self.__class__)
        parts = []
        for name, how in shape.repr_fields:
            value = getattr(self, name)
            parts.append(f"{name}={how(value) if callable(how) else repr(value)}")
        return f"{shape.name}({', '.join(parts)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _shape(self.__class__).values
        return bool(values(self) == values(other))

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((self.__class__, _shape(self.__class__).values(self)))
