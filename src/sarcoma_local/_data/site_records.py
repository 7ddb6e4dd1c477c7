"""The site record: all ``site("liver")`` creates (each attrs class costs time to create)."""

from __future__ import annotations

import attrs

from .record_base import Record
from .vocabulary import _tuple_of_str

__all__ = ["Site"]


@attrs.frozen(repr=False, eq=False)
class Site(Record):
    """A metastatic site, e.g. liver; a combined site (liver and lung) names its parts.

    >>> Site(key="liver", name="Liver").parts
    ()
    """

    key: str
    name: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    parts: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    description: str = ""
    in_lms_source: bool = False

    @property
    def is_combined(self) -> bool:
        """True for a site made of other sites (such as liver and lung)."""
        return bool(self.parts)
