"""The one cattrs converter: JSON data files to attrs records, and records back to JSON.

Unknown keys in a data file are an error (``forbid_extra_keys``), so a misspelt field
name fails at load instead of being dropped silently. Unstructuring gives plain JSON
values: enum members become their string values, tuples become lists.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Any

import cattrs

__all__ = ["converter", "to_builtins"]

converter = cattrs.Converter(forbid_extra_keys=True)
# cattrs passes str subclasses (every StrEnum) through unchanged; JSON wants the plain
# string. Registered on StrEnum, which comes before str in every member's MRO.
converter.register_unstructure_hook(StrEnum, lambda member: member.value)


def to_builtins(record: object) -> Any:
    """A record (or tuple of records) as plain dicts, lists, strings and numbers.

    >>> from sarcoma_local._data.models import Author, Role
    >>> to_builtins(Author("Potter", "DA"))
    {'family': 'Potter', 'initials': 'DA'}
    >>> to_builtins((Role.STANDARD,))
    ['standard']
    """
    if isinstance(record, dict):
        return {k: to_builtins(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_builtins(v) for v in record]
    if isinstance(record, Enum):
        return record.value
    return converter.unstructure(record)
