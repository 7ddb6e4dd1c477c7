"""Options (a technique at a site) and their cited statements."""

from __future__ import annotations

import attrs

from .figure_records import Figure
from .figure_vocabulary import Direction
from .models import Role
from .patient_records import PatientText
from .record_base import Record
from .vocabulary import Flag, _tuple_of_str

__all__ = ["Option", "Statement"]


@attrs.frozen(repr=False, eq=False)
class Statement(Record):
    """One claim in our own words, with the citation keys that support it.

    ``figures`` are the numbers the sources printed behind the claim; a statement
    whose text gives a number either has figures or says in ``no_figures_reason``
    why not. ``direction`` says whether it reports a benefit, no benefit or harm.
    """

    text: str
    citations: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    direction: Direction = Direction.DESCRIPTIVE
    figures: tuple[Figure, ...] = ()
    no_figures_reason: str = ""


@attrs.frozen(repr=False, eq=False)
class Option(Record):
    """A technique applied at a site: its role there, notes and supporting citations.

    ``reviewed`` is the ISO date the option was last reviewed against the literature.
    ``summary`` is written for professionals; ``patient`` tells what the evidence at
    this site shows in plain words.
    """

    site: str
    technique: str
    role: Role
    summary: str
    reviewed: str
    statements: tuple[Statement, ...] = ()
    flags: tuple[Flag, ...] = ()
    patient: PatientText | None = None

    @property
    def literature_through(self) -> int | None:
        """Publication year of the newest citation the option rests on (loads the catalogue)."""
        from .loader import get_catalogue

        cited = get_catalogue().citations
        years = [cited[k].year for k in self.citation_keys if k in cited]
        return max(years, default=None)

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every figure of every statement, in order."""
        return tuple(f for s in self.statements for f in s.figures)

    @property
    def citation_keys(self) -> tuple[str, ...]:
        """Keys of every citation any statement uses, in first-use order, no repeats."""
        return tuple(dict.fromkeys(k for s in self.statements for k in s.citations))
