"""Records that name things: sites, techniques, histologies, primary-tumour sites.

Kept apart from the rest of the model so that ``site("liver")`` in a fresh
process defines only these few classes (each attrs class costs time to build).
These flat records are built with their own attrs constructors, whose
converters coerce lists to tuples and strings to enums. The classes live in
``site_records``, ``technique_records`` and ``term_records`` and are created on
first use; the vocabularies (enums) are here.
"""

from __future__ import annotations

from enum import StrEnum

from sarcoma_local._core.lazy_names import lazy_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .patient_records import PatientText
    from .site_records import Site
    from .technique_records import Technique, TechniqueCategory
    from .term_records import GlossaryTerm, Histology, PrimarySite

__all__ = [
    "Flag",
    "GlossaryTerm",
    "Histology",
    "PatientText",
    "PrimarySite",
    "Site",
    "Source",
    "Technique",
    "TechniqueCategory",
]


class Source(StrEnum):
    """The documents the catalogue was founded on, and later curation."""

    UPTODATE_2017 = "uptodate-2017"
    LMS_SITE = "lms-site"
    CURATION = "curation"


class Flag(StrEnum):
    """A curation warning on a record; the set is closed (reader texts in ``_render.labels``)."""

    PMID_UNVERIFIED = "pmid-unverified"
    PMID_URL_ONLY = "pmid-url-only"
    NOT_IN_PUBMED = "not-in-pubmed"
    CITATION_MISMATCH = "citation-mismatch"
    GIST_POSSIBLE = "gist-possible"
    PERCENT_MISMATCH = "percent-mismatch"
    DERIVED_COUNT = "derived-count"
    SECONDARY_CITATION = "secondary-citation"
    NOT_LMS_ONLY = "not-lms-only"
    OTHER_CANCER_EVIDENCE = "other-cancer-evidence"
    NO_SARCOMA_EVIDENCE = "no-sarcoma-evidence"
    CONFERENCE_ABSTRACT = "conference-abstract"
    ONLINE_GUIDELINE = "online-guideline"
    SUM_MISMATCH = "sum-mismatch"
    AUTHORS_UNVERIFIED = "authors-unverified"
    JOURNAL_UNVERIFIED = "journal-unverified"


def _tuple_of_str(value: object) -> tuple[str, ...]:
    """Accept a string or a list/tuple of strings; anything else is a data error."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"expected a string or a list of strings, got {value!r}")


def _sources(value: object) -> tuple[Source, ...]:
    return tuple(Source(v) for v in _tuple_of_str(value))


# Record classes are created on first use (PEP 562): each attrs class costs about a
# millisecond to create, and a first answer needs only a few of them.
_LAZY = {
    "GlossaryTerm": "term_records",
    "Histology": "term_records",
    "PatientText": "patient_records",
    "PrimarySite": "term_records",
    "Site": "site_records",
    "Technique": "technique_records",
    "TechniqueCategory": "technique_records",
}


__getattr__ = lazy_names(globals(), __package__, _LAZY)
