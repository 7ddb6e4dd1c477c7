"""What a citation is: its study type, population, descriptors and identifier evidence.

These vocabularies (reader texts in ``_render.labels``) are imported from
``evidence`` and ``models``; they live here, apart from the figure vocabularies,
because each enum costs time to create and a first ``citation()`` needs only these.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Centres",
    "Endpoint",
    "EvidenceKind",
    "Population",
    "Sampling",
    "StudyType",
]


class StudyType(StrEnum):
    """Kind of publication behind a citation."""

    RANDOMISED_TRIAL = "randomised-trial"
    PROSPECTIVE_TRIAL = "prospective-trial"
    RETROSPECTIVE_SERIES = "retrospective-series"
    CASE_REPORT = "case-report"
    AUTOPSY_STUDY = "autopsy-study"
    REGISTRY_STUDY = "registry-study"
    ECONOMIC_ANALYSIS = "economic-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    REVIEW = "review"
    GUIDELINE = "guideline"
    CONFERENCE_ABSTRACT = "conference-abstract"


class Population(StrEnum):
    """Whom a citation's patients had: the LMS source warns some articles concern other cancers."""

    LMS = "leiomyosarcoma"
    SARCOMA = "sarcoma"
    MIXED = "mixed"
    OTHER_CANCER = "other-cancer"


class EvidenceKind(StrEnum):
    """How strongly an identifier (PMID, DOI, PMCID, title) was verified."""

    #: Given by one of the founding source documents.
    SOURCE_DOCUMENT = "source-document"
    #: Seen printed beside the article's authors/title/journal/year on the page.
    PRINTED_BESIDE_ARTICLE = "printed-beside-article"
    #: Only in a PubMed-style address whose page matched the article (weaker).
    PUBMED_STYLE_ADDRESS = "pubmed-style-address"
    #: Only in the address of a publisher or catalogue page for the article (DOIs).
    PAGE_ADDRESS = "page-address"


class Centres(StrEnum):
    """How many centres a study's patients came from."""

    SINGLE = "single"
    MULTI = "multi"
    UNKNOWN = "unknown"


class Sampling(StrEnum):
    """How a case series chose its patients (the PDQ 3i / 3ii / 3iii split)."""

    POPULATION_BASED = "population-based"
    CONSECUTIVE = "consecutive"
    NOT_CONSECUTIVE = "not-consecutive"


class Endpoint(StrEnum):
    """The PDQ strength of a study's endpoint: A (total mortality) down to D(iv) (response)."""

    TOTAL_MORTALITY = "A"
    CAUSE_SPECIFIC_MORTALITY = "B"
    QUALITY_OF_LIFE = "C"
    EVENT_FREE_SURVIVAL = "Di"
    DISEASE_FREE_SURVIVAL = "Dii"
    PROGRESSION_FREE_SURVIVAL = "Diii"
    TUMOUR_RESPONSE = "Div"
