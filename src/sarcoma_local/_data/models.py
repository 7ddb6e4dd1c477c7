"""The data model: frozen, slotted attrs classes for every record in the catalogue.

Records are immutable and hashable, so they are safe to share across threads and
to use as dict keys. Collections are tuples. Nothing here loads data; the loader
(``loader.py``) builds these from the JSON files in ``sarcoma_local/data``.

This module defines the model's vocabularies and names every record class; each
class lives in a ``*_records`` module by what needs it first (options, citations,
reports ...) and is created on first use, so a first answer pays only for its own.
"""

from __future__ import annotations

from enum import StrEnum

from sarcoma_local._core.lazy_names import lazy_names

from .vocabulary import Flag, Source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .citation_records import (
        Author,
        Citation,
        EditorialNote,
        Evidence,
        Provenance,
        StudyDescriptors,
    )
    from .figure_records import Figure
    from .figure_vocabulary import Direction
    from .hit_records import SearchHit
    from .option_records import Option, Statement
    from .patient_records import PatientText
    from .report_records import Finding, PatternReport
    from .site_records import Site
    from .study_vocabulary import EvidenceKind, Population, StudyType
    from .tables import PatternRule, RecurrenceRow, RecurrenceTable, RuleKind, TableKind
    from .technique_records import Technique, TechniqueCategory
    from .term_records import GlossaryTerm, Histology, PrimarySite

__all__ = [
    "Author",
    "Citation",
    "Direction",
    "EditorialNote",
    "Evidence",
    "EvidenceKind",
    "Figure",
    "Finding",
    "Flag",
    "GlossaryTerm",
    "Histology",
    "Option",
    "PatientText",
    "PatternReport",
    "PatternRule",
    "Population",
    "PrimarySite",
    "Provenance",
    "RecurrenceRow",
    "RecurrenceTable",
    "Role",
    "RuleKind",
    "SearchHit",
    "Site",
    "Source",
    "Statement",
    "StudyDescriptors",
    "StudyType",
    "TableKind",
    "Technique",
    "TechniqueCategory",
]


class Role(StrEnum):
    """Where a technique stands at a site, as the cited literature describes it."""

    STANDARD = "standard"
    ALTERNATIVE = "alternative"
    PALLIATIVE = "palliative"
    INVESTIGATIONAL = "investigational"
    STAGING = "staging"


def short_label(citation: Citation) -> str:
    """``Citation.short()``: the one formatter's ``short`` style."""
    # The one citation formatter lives in the rendering layer; this convenience
    # is the data layer's only call upward (docs/architecture.md).
    from sarcoma_local._render.citations import format_citation

    return format_citation(citation, "short")


# Record classes are created on first use (PEP 562): each attrs class costs about a
# millisecond to create, and a first answer needs only a few of them.
_LAZY = {
    "Direction": "figure_vocabulary",
    "EvidenceKind": "study_vocabulary",
    "Population": "study_vocabulary",
    "StudyType": "study_vocabulary",
    "TechniqueCategory": "technique_records",
    "Author": "citation_records",
    "Citation": "citation_records",
    "EditorialNote": "citation_records",
    "Evidence": "citation_records",
    "Figure": "figure_records",
    "Finding": "report_records",
    "GlossaryTerm": "term_records",
    "Histology": "term_records",
    "Option": "option_records",
    "PatientText": "patient_records",
    "PatternReport": "report_records",
    "PatternRule": "tables",
    "PrimarySite": "term_records",
    "Provenance": "citation_records",
    "RecurrenceRow": "tables",
    "RecurrenceTable": "tables",
    "RuleKind": "tables",
    "SearchHit": "hit_records",
    "Site": "site_records",
    "Statement": "option_records",
    "StudyDescriptors": "citation_records",
    "TableKind": "tables",
    "Technique": "technique_records",
}


__getattr__ = lazy_names(globals(), __package__, _LAZY)
