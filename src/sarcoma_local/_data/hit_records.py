"""The search hit: one ranked result of ``search()`` (kept apart so a search creates no
finding or pattern-report class).

A hit read from the shipped index carries its record as a :class:`DeferredRecord`, looked
up the first time ``hit.record`` is read: ranking needs no record, and building the
options and citations a search may return cost more than the rest of a first search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from . import models
    from .loader import Catalogue
else:

    class _Models:
        """``models``, imported on first use: a first search needs no record type (nor
        the model's enums, about 3 ms), but ``typing.get_type_hints(SearchHit)`` does."""

        def __getattr__(self, name: str) -> object:
            from . import models

            return getattr(models, name)

    models = _Models()

__all__ = ["DeferredRecord", "SearchHit"]


@attrs.frozen
class SearchHit:
    """One ranked result of :func:`sarcoma_local.search`."""

    kind: str
    key: str
    label: str
    score: float
    record: (
        models.Site
        | models.Technique
        | models.Option
        | models.Citation
        | models.RecurrenceTable
        | models.Histology
        | models.PatternRule
    )


class DeferredRecord:
    """A hit's record still to be looked up in ``catalogue`` by kind and key."""

    __slots__ = ("catalogue", "key", "kind")

    def __init__(self, catalogue: Catalogue, kind: str, key: str) -> None:
        self.catalogue = catalogue
        self.kind = kind
        self.key = key

    def look_up(self) -> object:
        """The record (its part of the catalogue loads and is checked now, if not yet)."""
        from .indexing import record_for

        return record_for(self.catalogue, self.kind, self.key)


class _RecordSlot:
    """``SearchHit.record``: the attrs slot, but a deferred record is looked up on read.

    Every reader of the field (the attribute, ``repr``, ``==``, ``hash``,
    ``attrs.asdict``, pickling) goes through ``getattr``, so none of them ever sees a
    :class:`DeferredRecord`; the record found replaces it in the slot.
    """

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot  # the member descriptor attrs made for the slotted field

    def __get__(self, hit: SearchHit | None, owner: type | None = None) -> Any:
        if hit is None:
            return self.slot
        record = self.slot.__get__(hit, owner)
        if type(record) is DeferredRecord:
            record = record.look_up()
            self.slot.__set__(hit, record)  # two threads store the same record
        return record

    def __set__(self, hit: SearchHit, value: object) -> None:
        self.slot.__set__(hit, value)  # attrs' __init__ (frozen: object.__setattr__)

    def __delete__(self, hit: SearchHit) -> None:
        self.slot.__delete__(hit)


setattr(SearchHit, "record", _RecordSlot(SearchHit.__dict__["record"]))  # noqa: B010
