"""Citation records: the article, its authors, where its identifiers were verified,
which source listed it, and what the study printed about itself."""

from __future__ import annotations

import attrs

from sarcoma_local._core import links

from .record_base import Record
from .study_vocabulary import Centres, Endpoint, EvidenceKind, Population, Sampling, StudyType
from .vocabulary import Flag, Source, _tuple_of_str

__all__ = ["Author", "Citation", "EditorialNote", "Evidence", "Provenance", "StudyDescriptors"]


@attrs.frozen(repr=False, eq=False)
class StudyDescriptors(Record):
    """What a study's paper prints about itself; ``None`` means not printed, never zero.

    ``verified_at`` is the page (or founding document) the fields were read on;
    ``endpoint`` is the PDQ endpoint of the study's main outcome.
    """

    verified_at: str
    patients: int | None = None
    lesions: int | None = None
    lms_patients: int | None = None
    centres: Centres = Centres.UNKNOWN
    sampling: Sampling | None = None
    controlled: bool | None = None
    blinded: bool | None = None
    accrual_first_year: int | None = None
    accrual_last_year: int | None = None
    median_follow_up_months: float | None = None
    registry_ids: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    endpoint: Endpoint | None = None


@attrs.frozen(repr=False, eq=False)
class Author(Record):
    """One author as PubMed lists them: family name and initials, or a collective name."""

    family: str
    initials: str = ""

    def __str__(self) -> str:
        return f"{self.family} {self.initials}".strip()


@attrs.frozen(repr=False, eq=False)
class Evidence(Record):
    """Where one identifier or title was verified, and how strongly."""

    field: str
    kind: EvidenceKind
    where: str
    note: str = ""


@attrs.frozen(repr=False, eq=False)
class Provenance(Record):
    """Which source listed a citation, e.g. UpToDate 2017 reference 7.

    ``printed`` is the reference as that source prints it (a citation, not prose),
    kept so a curator can check every structured field against it.
    """

    source: Source
    label: str
    printed: str = ""
    number: int | None = None
    section: str = ""


@attrs.frozen(repr=False, eq=False)
class EditorialNote(Record):
    """A comment the LMS source's compiler marked with [ ], in our own words."""

    text: str
    source: Source = Source.LMS_SITE


@attrs.frozen(repr=False, eq=False)
class Citation(Record):
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
        from .models import short_label

        return short_label(self)
