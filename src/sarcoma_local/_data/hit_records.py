"""The search hit: one ranked result of ``search()`` (kept apart so a search creates no
finding or pattern-report class)."""

from __future__ import annotations

import attrs

from .citation_records import Citation
from .option_records import Option
from .site_records import Site
from .tables import PatternRule, RecurrenceTable
from .technique_records import Technique
from .term_records import Histology

__all__ = ["SearchHit"]


@attrs.frozen
class SearchHit:
    """One ranked result of :func:`sarcoma_local.search`."""

    kind: str
    key: str
    label: str
    score: float
    record: Site | Technique | Option | Citation | RecurrenceTable | Histology | PatternRule
