"""Recurrence tables and qualitative pattern rules: what one paper counted, and how.

Re-exported by ``models``; kept apart so each module stays short.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .evidence import percent_disagrees
from .record_base import Record
from .vocabulary import Flag, _tuple_of_str

__all__ = ["PatternRule", "RecurrenceRow", "RecurrenceTable", "RuleKind", "TableKind"]


class RuleKind(StrEnum):
    """What a qualitative pattern rule describes."""

    METASTATIC = "metastatic"
    NODAL = "nodal"
    LOCOREGIONAL = "locoregional"


class TableKind(StrEnum):
    """What a recurrence table counts."""

    RECURRENCE_BY_PRIMARY_SITE = "recurrence-by-primary-site"
    FIRST_RECURRENCE_PATTERN = "first-recurrence-pattern"
    SALVAGE_BY_PATTERN = "salvage-by-pattern"
    METASTATIC_SITES = "metastatic-sites"
    NODAL_SPREAD = "nodal-spread"
    AUTOPSY_SITES = "autopsy-sites"
    METASTASIS_OUTCOMES = "metastasis-outcomes"


@attrs.frozen(repr=False, eq=False)
class RecurrenceRow(Record):
    """One table cell: ``numerator`` of ``denominator``, and the percent the paper printed.

    Counts are kept as printed; ``percent_computed`` is derived from them, so a
    disagreement with ``percent_reported`` stays visible (see ``percent_mismatch``).
    ``derived`` marks a count back-calculated from a percent, never reported as such.
    """

    label: str
    numerator: int | None = None
    denominator: int | None = None
    percent_reported: float | None = None
    derived: bool = False
    note: str = ""
    flags: tuple[Flag, ...] = ()
    primary_site: str | None = None
    histology: str | None = None
    site: str | None = None

    @property
    def percent_computed(self) -> float | None:
        """numerator / denominator x 100, one decimal; None without both counts."""
        if self.numerator is None or not self.denominator:
            return None
        return round(100.0 * self.numerator / self.denominator, 1)

    @property
    def percent(self) -> float | None:
        """The percent as the paper printed it, else the one computed from the counts."""
        return self.percent_reported if self.percent_reported is not None else self.percent_computed

    @property
    def percent_mismatch(self) -> bool:
        """True when the printed percent is not the counts' percent rounded as printed.

        40/56 printed as 72 is a mismatch (the counts give 71.4); 65/211 printed as
        31 is not (30.8 rounds to 31).
        """
        if self.percent_reported is None:
            return False
        return percent_disagrees(self.numerator, self.denominator, self.percent_reported)


@attrs.frozen(repr=False, eq=False)
class RecurrenceTable(Record):
    """A lookup table from one paper: who was counted, how, and the rows."""

    key: str
    title: str
    kind: TableKind
    citation: str
    population: str
    measure: str
    rows: tuple[RecurrenceRow, ...]
    notes: str = ""
    flags: tuple[Flag, ...] = ()


@attrs.frozen(repr=False, eq=False)
class PatternRule(Record):
    """A qualitative pattern of spread, e.g. "myxoid liposarcoma: extrapulmonary first"."""

    key: str
    kind: RuleKind
    applies_to: str
    pattern: str
    citations: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    histologies: tuple[str, ...] = ()
    primary_sites: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    note: str = ""
