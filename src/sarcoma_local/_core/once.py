"""A value built on first use, at most once, safely across threads (double-checked lock)."""

from __future__ import annotations

from _thread import allocate_lock  # threading itself costs ~3 ms to import
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Once"]

T = TypeVar("T")


class Once(Generic[T]):
    """Build a value the first time :meth:`get` is called; later calls return it.

    >>> calls = []
    >>> once = Once(lambda: calls.append(1) or "built")
    >>> once.get(), once.get(), len(calls)
    ('built', 'built', 1)
    """

    __slots__ = ("_build", "_lock", "_value")

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = allocate_lock()
        self._value: T | None = None

    def get(self) -> T:
        """The value, built now if this is the first call (other threads wait for it)."""
        value = self._value
        if value is None:
            with self._lock:
                value = self._value
                if value is None:
                    value = self._build()
                    self._value = value  # published only when complete
        return value

    @property
    def done(self) -> bool:
        """Whether the value has been built (and not reset since)."""
        return self._value is not None

    def reset(self) -> None:
        """Forget the value; the next :meth:`get` builds it again."""
        with self._lock:
            self._value = None
