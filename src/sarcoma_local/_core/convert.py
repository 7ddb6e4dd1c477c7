"""The cattrs converter that turns the JSON data files into attrs records and back.

Unknown keys in a data file are an error (``forbid_extra_keys``), so a misspelt
field name fails at load instead of being dropped silently.
"""

from __future__ import annotations

import cattrs

__all__ = ["converter", "to_builtins"]

converter = cattrs.Converter(forbid_extra_keys=True)


def to_builtins(record: object) -> object:
    """A record (or tuple of records) as plain dicts, lists, strings and numbers.

    >>> from sarcoma_local._data.models import Author
    >>> to_builtins(Author("Potter", "DA"))
    {'family': 'Potter', 'initials': 'DA'}
    """
    return converter.unstructure(record)
