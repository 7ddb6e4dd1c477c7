"""Histologies, primary-tumour sites and glossary terms: names the first answers never need."""

from __future__ import annotations

import attrs

from .record_base import Record
from .vocabulary import _tuple_of_str

__all__ = ["GlossaryTerm", "Histology", "PrimarySite"]


@attrs.frozen(repr=False, eq=False)
class GlossaryTerm(Record):
    """A word the patient texts use, with its meaning in plain words.

    ``aliases`` are the other forms the word takes in text ("metastases",
    "SBRT"); pages link the first use of any of them to the glossary entry.

    >>> GlossaryTerm(key="margin", name="Margin", text="The rim of normal tissue.").aliases
    ()
    """

    key: str
    name: str
    text: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)


@attrs.frozen(repr=False, eq=False)
class Histology(Record):
    """A tumour type used by the recurrence tables, e.g. myxoid liposarcoma."""

    key: str
    name: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    parent: str | None = None


@attrs.frozen(repr=False, eq=False)
class PrimarySite(Record):
    """Where a sarcoma started (extremity, retroperitoneum ...), used by recurrence tables."""

    key: str
    name: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
