"""Outcome figures and their time points (the numbers behind an option's statements)."""

from __future__ import annotations

import attrs

from .evidence import percent_disagrees
from .figure_vocabulary import Measure, Statistic, Unit
from .record_base import Record
from .vocabulary import Flag

__all__ = ["Figure", "TimePoint"]


@attrs.frozen(repr=False, eq=False)
class TimePoint(Record):
    """When a figure was measured: ``1 year``, ``36 months``."""

    value: float
    unit: Unit

    @property
    def text(self) -> str:
        """``1 year``, ``2.5 years``: the value without a needless ``.0``, unit singular for 1."""
        number = f"{self.value:g}"
        unit = self.unit.value[:-1] if self.value == 1 else self.unit.value
        return f"{number} {unit}"


@attrs.frozen(repr=False, eq=False)
class Figure(Record):
    """One number a source printed about an outcome, for one group, from one citation.

    ``verified_at`` is the page (URL) or founding document where the figure was seen. The
    source's own wording is never stored: sentences stay the source's, facts carry over.
    When a printed percent disagrees with its counts both are kept and the figure is
    flagged ``percent-mismatch``.
    """

    measure: Measure
    statistic: Statistic
    citation: str
    verified_at: str
    value: float | None = None
    unit: Unit | None = None
    time_point: TimePoint | None = None
    numerator: int | None = None
    denominator: int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    group: str = ""
    grade: str = ""
    note: str = ""
    flags: tuple[Flag, ...] = ()

    @property
    def percent_computed(self) -> float | None:
        """numerator / denominator x 100, one decimal; None without both counts."""
        if self.numerator is None or not self.denominator:
            return None
        return round(100.0 * self.numerator / self.denominator, 1)

    @property
    def percent_mismatch(self) -> bool:
        """True when a printed percent is not its counts' percent, rounded as printed."""
        if self.unit is not Unit.PERCENT or self.value is None:
            return False
        return percent_disagrees(self.numerator, self.denominator, self.value)
