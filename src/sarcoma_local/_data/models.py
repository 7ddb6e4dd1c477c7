"""The data model: frozen, slotted attrs classes for every record in the catalogue.

Records are immutable and hashable, so they are safe to share across threads and
to use as dict keys. Collections are tuples. Nothing here loads data; the loader
(``_loader.py``) builds these from the JSON files in ``sarcoma_local/data``.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from sarcoma_local._core import links

from .evidence import Direction, Figure, StudyDescriptors
from .tables import PatternRule, RecurrenceRow, RecurrenceTable, RuleKind, TableKind
from .vocabulary import (
    Flag,
    GlossaryTerm,
    Histology,
    PatientText,
    PrimarySite,
    Site,
    Source,
    Technique,
    TechniqueCategory,
    _tuple_of_str,
)

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


@attrs.frozen
class Author:
    """One author as PubMed lists them: family name and initials, or a collective name."""

    family: str
    initials: str = ""

    def __str__(self) -> str:
        return f"{self.family} {self.initials}".strip()


@attrs.frozen
class Evidence:
    """Where one identifier or title was verified, and how strongly."""

    field: str
    kind: EvidenceKind
    where: str
    note: str = ""


@attrs.frozen
class Provenance:
    """Which source listed a citation, e.g. UpToDate 2017 reference 7.

    ``printed`` is the reference as that source prints it (a citation, not prose),
    kept so a curator can check every structured field against it.
    """

    source: Source
    label: str
    printed: str = ""
    number: int | None = None
    section: str = ""


@attrs.frozen
class EditorialNote:
    """A comment the LMS source's compiler marked with [ ], in our own words."""

    text: str
    source: Source = Source.LMS_SITE


@attrs.frozen
class Citation:
    """A journal article (or guideline) that supports a statement in the catalogue.

    ``key`` is stable: first author, year and first page (``potter-1985-353``), which
    keeps same-author same-year papers apart. ``pmid`` is set only when verified
    (``evidence`` says where); ``flags`` carry curation warnings such as
    ``"pmid-unverified"`` or ``"citation-mismatch"``.
    """

    key: str
    authors: tuple[Author, ...]
    title: str
    journal: str
    year: int
    volume: str = ""
    issue: str = ""
    pages: str = ""
    et_al: bool = False
    pmid: int | None = None
    doi: str | None = None
    pmcid: str | None = None
    url: str | None = None
    study_type: StudyType = StudyType.RETROSPECTIVE_SERIES
    population: Population = Population.SARCOMA
    summary: str = ""
    provenance: tuple[Provenance, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    editorial_notes: tuple[EditorialNote, ...] = ()
    flags: tuple[Flag, ...] = ()
    descriptors: StudyDescriptors | None = None

    @property
    def level_of_evidence(self) -> str:
        """The PDQ-style level derived from design and descriptors (``3iii``, ``guideline``)."""
        from .levels import level_of_evidence

        return level_of_evidence(self)

    @property
    def first_author(self) -> str:
        """Family name of the first author ("" for none)."""
        return self.authors[0].family if self.authors else ""

    @property
    def first_page(self) -> str:
        """First page of ``pages`` ("353" for "353-66")."""
        return self.pages.split("-", 1)[0]

    @property
    def pubmed_url(self) -> str | None:
        """The PubMed record, when the PMID is known."""
        return links.pubmed_url(self.pmid) if self.pmid else None

    @property
    def pmc_url(self) -> str | None:
        """The full text in PubMed Central, when the PMCID is known."""
        return links.pmc_url(self.pmcid) if self.pmcid else None

    @property
    def doi_url(self) -> str | None:
        """The doi.org link, when the DOI is known."""
        return links.doi_url(self.doi) if self.doi else None

    def short(self) -> str:
        """One-line label: ``Potter DA et al. J Clin Oncol 1985;3:353-66``.

        The same text as ``format_citation(c, "short")``, which builds it.
        """
        # The one citation formatter lives in the rendering layer; this convenience
        # method is the data layer's only call upward (docs/architecture.md).
        from sarcoma_local._render.citations import format_citation

        return format_citation(self, "short")


@attrs.frozen
class Statement:
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


@attrs.frozen
class Option:
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


@attrs.frozen
class Finding:
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


@attrs.frozen
class PatternReport:
    """What the catalogue says about how one histology or primary site spreads.

    ``rules`` are qualitative statements; ``findings`` are table rows with counts.
    """

    key: str
    name: str
    rules: tuple[PatternRule, ...]
    findings: tuple[Finding, ...]


@attrs.frozen
class SearchHit:
    """One ranked result of :func:`sarcoma_local.search`."""

    kind: str
    key: str
    label: str
    score: float
    record: Site | Technique | Option | Citation | RecurrenceTable | Histology | PatternRule
