"""Answers assembled from other records: recurrence findings and pattern reports."""

from __future__ import annotations

import attrs

from .citation_records import Citation
from .record_base import Record
from .tables import PatternRule, RecurrenceRow, RecurrenceTable

__all__ = ["Finding", "PatternReport"]


@attrs.frozen(repr=False, eq=False)
class Finding(Record):
    """One row of one recurrence table, with the table and the citation it comes from.

    The count properties read through to :attr:`row`, so ``finding.numerator`` is
    ``finding.row.numerator``.
    """

    table: RecurrenceTable
    row: RecurrenceRow
    citation: Citation

    @property
    def numerator(self) -> int | None:
        """Patients with the outcome."""
        return self.row.numerator

    @property
    def denominator(self) -> int | None:
        """Patients counted."""
        return self.row.denominator

    @property
    def percent_reported(self) -> float | None:
        """The percent as the paper printed it."""
        return self.row.percent_reported

    @property
    def percent_computed(self) -> float | None:
        """The percent the counts give."""
        return self.row.percent_computed


@attrs.frozen(repr=False, eq=False)
class PatternReport(Record):
    """What the catalogue says about how one histology or primary site spreads.

    ``rules`` are qualitative statements; ``findings`` are table rows with counts.
    """

    key: str
    name: str
    rules: tuple[PatternRule, ...]
    findings: tuple[Finding, ...]
