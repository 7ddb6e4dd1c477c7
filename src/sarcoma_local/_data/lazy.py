"""Records of one data-file list, each built from its JSON the first time it is read.

The first ``citation(pmid=...)`` in a process needs one citation, not all of them: with
259 citations, building every record was about a tenth of that first call and grows
with the catalogue. :class:`LazyRecords` keeps the parsed JSON objects by key, builds a
record (and runs its own checks) when it is first read, and builds every record, with
every problem reported together, when all of them are asked for (``values()``,
``items()``). Checks across records (a key, PMID or DOI used twice) run on the JSON
before anything is built, so they still fail the first query.

>>> from sarcoma_local._data.models import Histology
>>> lazy = LazyRecords("x.json", {"lms": {"key": "lms", "name": "LMS"}}, Histology)
>>> lazy.built, lazy["lms"].name, lazy.built
(0, 'LMS', 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from sarcoma_local._core.errors import DataIntegrityError

from .build import BuildError, build

__all__ = ["GroupView", "KeyView", "LazyRecords"]

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class LazyRecords(Mapping[str, T], Generic[T]):
    """``key -> record`` over JSON objects by key; a record is built on first read.

    ``raw`` maps each key to its JSON object: a dict of parsed objects, or
    :class:`~sarcoma_local._data.spans.SpanRecords`, which parses each from its span
    of the file when it is read. ``name`` labels problems as
    :func:`~sarcoma_local._data.build.build_records` does
    (``citations.json citations[rose-1989-935].year: ...``); ``check`` returns the
    problems of one built record (an empty list when it is sound).
    """

    __slots__ = ("_built", "_check", "_cls", "_name", "_raw")

    def __init__(
        self,
        name: str,
        raw: Mapping[str, dict[str, Any]],
        cls: type[T],
        check: Callable[[T], list[str]] | None = None,
    ) -> None:
        self._name = name
        self._cls = cls
        self._check = check
        self._raw = raw
        self._built: dict[str, T] = {}

    @property
    def built(self) -> int:
        """How many records have been built so far."""
        return len(self._built)

    def _build(self, key: str) -> T:
        try:
            record: T = build(self._cls, self._raw[key])
        except BuildError as exc:
            raise DataIntegrityError([self._problem(key, exc)]) from None
        if self._check is not None and (problems := self._check(record)):
            raise DataIntegrityError(problems)
        self._built[key] = record
        return record

    def _problem(self, key: str, exc: BuildError) -> str:
        return f"{self._name}[{key}]{'.' if exc.path else ': '}{exc}"

    def __getitem__(self, key: str) -> T:
        try:
            return self._built[key]
        except KeyError:
            if key not in self._raw:
                raise
            return self._build(key)

    def get(self, key: str, default: Any = None) -> Any:
        """The record for ``key``, else ``default`` (a plain dict read once built)."""
        found = self._built.get(key)
        if found is not None:
            return found
        return self._build(key) if key in self._raw else default

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def all(self) -> tuple[T, ...]:
        """Every record in file order; every problem of every record raised together."""
        if len(self._built) < len(self._raw):
            problems: list[str] = []
            for key in self._raw:
                if key in self._built:
                    continue
                try:
                    self._build(key)
                except DataIntegrityError as exc:
                    problems += exc.problems
            if problems:
                raise DataIntegrityError(problems)
        return tuple(self._built[key] for key in self._raw)

    def values(self) -> tuple[T, ...]:  # type: ignore[override]
        """Every record, in file order (builds what is not built yet)."""
        return self.all()

    def items(self) -> tuple[tuple[str, T], ...]:  # type: ignore[override]
        """Every ``(key, record)`` pair, in file order."""
        return tuple(zip(self._raw, self.all(), strict=True))


class _View(Mapping[K, V], Generic[K, V]):
    """A read-only view of a :class:`LazyRecords` under other keys (shared plumbing)."""

    __slots__ = ("_done", "_keys", "_records")

    def __init__(self, keys: Mapping[K, Any], records: LazyRecords[Any]) -> None:
        self._keys = keys
        self._records = records
        self._done: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class KeyView(_View[K, T]):
    """Records of a :class:`LazyRecords` under another key (a PMID, a lower-case DOI)."""

    __slots__ = ()

    def get(self, key: K, default: Any = None) -> Any:
        """The record under ``key``, else ``default``: a plain dict read once it was read."""
        found = self._done.get(key)
        if found is not None:
            return found
        record_key = self._keys.get(key)
        if record_key is None:
            return default
        record = self._done[key] = self._records[record_key]
        return record


class GroupView(_View[str, tuple[T, ...]]):
    """Records of a :class:`LazyRecords` in groups (options by site), each group built the
    first time it is read."""

    __slots__ = ()

    def get(self, key: str, default: Any = None) -> Any:
        """The group under ``key`` (a tuple of records), else ``default``."""
        found = self._done.get(key)
        if found is None:
            keys = self._keys.get(key)
            if keys is None:
                return default
            found = self._done[key] = tuple(self._records[k] for k in keys)
        return found
