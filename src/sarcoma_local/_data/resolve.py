"""Turning what a caller passed (a key, a name, an alias, a typo, a record, a vocabulary
value in any case) into a catalogue key, or a clear error. Shared by every query."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, TypeVar, cast

from sarcoma_local._core.errors import (
    UnknownHistologyError,
    UnknownKeyError,
    UnknownSiteError,
    UnknownTechniqueError,
    UnknownValueError,
)

from .loader import get_sites, get_techniques, get_vocabulary, site_keys

if TYPE_CHECKING:
    from .lookup import Lookup

__all__ = [
    "close_keys",
    "histology_key",
    "resolve",
    "site_key",
    "technique_key",
    "text_of",
    "vocabulary_value",
]

E = TypeVar("E", bound=Enum)


def text_of(name: object, what: str, record: type | str | None = None) -> str:
    """``name`` itself, or the key of ``record`` (a class, or its name in ``vocabulary``)."""
    if isinstance(name, str):
        return name
    if isinstance(record, str):
        # Named, not imported: a record class is created only when a call needs it.
        from . import vocabulary

        record = cast("type", getattr(vocabulary, record))
    # Every function that takes a key also takes the record itself.
    if record is not None and isinstance(name, record):
        key: str = name.key  # type: ignore[attr-defined]
        return key
    kind = f"a str or a {record.__name__}" if record is not None else "a str"
    raise TypeError(f"{what} must be {kind}, not {type(name).__name__}")


def _fold(text: str) -> str:
    return text.strip().casefold().replace("_", "-").replace(" ", "-")


def vocabulary_value(value: object, vocabulary: type[E], what: str) -> E:
    """``value`` as a member of ``vocabulary``, matched case-insensitively on the value or
    the member name ("Investigational", "LMS", "ABLATION" all resolve).

    Raises :class:`UnknownValueError` (a ``ValueError``) listing the valid values and the
    closest ones.
    """
    if isinstance(value, vocabulary):
        return value
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be a str or a {vocabulary.__name__}, not {type(value).__name__}"
        )
    folded = _fold(value)
    for member in vocabulary:
        if folded in (_fold(str(member.value)), _fold(member.name)):
            return member
    from .lookup import Lookup

    valid = tuple(str(m.value) for m in vocabulary)
    suggestions = Lookup((v, ()) for v in valid).suggestions(value[:200])
    raise UnknownValueError(value, vocabulary=what, valid=valid, suggestions=suggestions)


def resolve(
    lookup: Lookup,
    name: object,
    what: str,
    error: type[UnknownKeyError],
    record: type | str | None = None,
) -> str:
    text = text_of(name, what, record)
    key = lookup.resolve(text)
    if key is None:
        raise error(name, valid=lookup.keys, suggestions=lookup.suggestions(text))
    return key


def site_key(site: object) -> str:
    if site.__class__ is str and site in site_keys():
        return site  # a key as it is: no need to build the sites and their lookup
    return resolve(get_sites().lookup, site, "site", UnknownSiteError, "Site")


def technique_key(technique: object) -> str:
    return resolve(
        get_techniques().lookup, technique, "technique", UnknownTechniqueError, "Technique"
    )


def histology_key(name: object) -> str:
    """The key of the histology ``name`` means (raises :class:`UnknownHistologyError`)."""
    named = get_vocabulary()[0]
    return resolve(named.lookup, name, "histology", UnknownHistologyError, "Histology")


def close_keys(text: str, keys: Iterable[str]) -> tuple[str, ...]:
    from .lookup import Lookup

    # Citation keys are many and look alike; rank them only when a lookup failed.
    return Lookup((k, ()) for k in keys).suggestions(text)
