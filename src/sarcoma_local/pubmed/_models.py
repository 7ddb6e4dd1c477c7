"""Typed results of the PubMed client: frozen, slotted attrs classes, no raw dicts.

Everything here is plain data (no I/O), immutable and hashable, so results can be
cached, shared across threads and compared in tests.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from enum import StrEnum
from typing import Protocol, TypeVar

import attrs

from sarcoma_local._data.models import Citation

__all__ = [
    "AbstractSection",
    "Article",
    "ArticleAuthor",
    "ArticleSummary",
    "CitationMatch",
    "CitationQuery",
    "CorrectionNotice",
    "EnrichedCitation",
    "FetchResult",
    "Grant",
    "MatchStatus",
    "MeshHeading",
    "PubDate",
    "SearchResult",
    "SummaryResult",
]


class _HasPmid(Protocol):
    @property
    def pmid(self) -> int: ...


_R = TypeVar("_R", bound=_HasPmid)

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def month_number(text: str | None) -> int | None:
    """``"Sep"`` / ``"09"`` / ``"9"`` -> 9; anything else -> None."""
    if not text:
        return None
    value = text.strip().lower()
    if value.isascii() and value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(value[:3])


@attrs.frozen
class PubDate:
    """A publication date in whichever of PubMed's three forms the record used.

    ``Year/Month/Day`` fills ``year``, ``month``, ``day``; ``Year`` + ``Season``
    fills ``year`` and ``season`` ("Spring", "Jan-Mar"); a free-text
    ``MedlineDate`` ("1998 Dec-1999 Jan") is kept in ``medline_date`` and its
    first four-digit year goes to ``year``.

    >>> PubDate(year=1990, season="Spring").text
    '1990 Spring'
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    medline_date: str | None = None

    @property
    def text(self) -> str:
        """The date as PubMed would print it ("2024 Aug 27", "1990 Spring", "1990 May-Jun")."""
        if self.medline_date:
            return self.medline_date
        parts: list[str] = [str(self.year)] if self.year else []
        if self.month:
            parts.append(
                (
                    "Jan",
                    "Feb",
                    "Mar",
                    "Apr",
                    "May",
                    "Jun",
                    "Jul",
                    "Aug",
                    "Sep",
                    "Oct",
                    "Nov",
                    "Dec",
                )[self.month - 1]
            )
            if self.day:
                parts.append(str(self.day))
        elif self.season:
            parts.append(self.season)
        return " ".join(parts)


@attrs.frozen
class ArticleAuthor:
    """One author of a PubMed record: a person or a collective (group) name.

    >>> ArticleAuthor(family="Potter", initials="DA").display
    'Potter DA'
    >>> ArticleAuthor(collective="EORTC Soft Tissue and Bone Sarcoma Group").display
    'EORTC Soft Tissue and Bone Sarcoma Group'
    """

    family: str = ""
    given: str = ""
    initials: str = ""
    collective: str = ""
    affiliations: tuple[str, ...] = ()
    orcid: str | None = None
    suffix: str = ""

    @property
    def is_collective(self) -> bool:
        """True for a group author (``<CollectiveName>``)."""
        return bool(self.collective) and not self.family

    @property
    def display(self) -> str:
        """``"Family Initials"`` as PubMed prints it, or the collective name."""
        if self.is_collective:
            return self.collective
        return " ".join(p for p in (self.family, self.initials, self.suffix) if p)


@attrs.frozen
class AbstractSection:
    """One paragraph of an abstract; structured abstracts have a ``label`` per section."""

    text: str
    label: str | None = None
    nlm_category: str | None = None


@attrs.frozen
class MeshHeading:
    """A MeSH descriptor with its qualifiers; ``major`` marks a major topic."""

    descriptor: str
    ui: str = ""
    major: bool = False
    qualifiers: tuple[str, ...] = ()


@attrs.frozen
class Grant:
    """One funding grant (``GrantList/Grant``): ID, agency acronym, agency, country."""

    grant_id: str = ""
    acronym: str = ""
    agency: str = ""
    country: str = ""


@attrs.frozen
class CorrectionNotice:
    """A link between this record and a retraction, erratum, comment, ... (CommentsCorrections).

    ``ref_type`` is PubMed's RefType, e.g. ``"RetractionIn"`` (this record was
    retracted by ``pmid``), ``"ErratumIn"``, ``"ErratumFor"`` (this record *is* the
    erratum), ``"RetractionOf"``, ``"ExpressionOfConcernIn"``, ``"CommentIn"``.
    """

    ref_type: str
    source: str = ""
    pmid: int | None = None


#: RefTypes that mean "this record has a retraction/erratum/concern notice".
_RETRACTED_BY = frozenset({"RetractionIn"})
_CORRECTED_BY = frozenset({"ErratumIn", "CorrectedandRepublishedIn"})
_CONCERN = frozenset({"ExpressionOfConcernIn"})


@attrs.frozen
class Article:
    """A full PubMed record (efetch), a journal article or a book/chapter (``is_book``).

    ``abstract`` keeps structured sections in the order PubMed gives them; inline
    markup (``<i>``, ``<sub>``, MathML) is flattened to text. ``doi`` comes from the
    record's own ArticleIdList, falling back to ELocationID. ``notices`` carries
    CommentsCorrections links; see :attr:`is_retracted` and friends.
    ``epub_date`` is the electronic publication date (``ArticleDate``),
    ``investigators`` the ``InvestigatorList`` (not authors), ``coi_statement``
    the conflict-of-interest text, ``reference_pmids`` the PMIDs of the record's
    reference list, in order.
    """

    pmid: int
    title: str
    abstract: tuple[AbstractSection, ...] = ()
    authors: tuple[ArticleAuthor, ...] = ()
    journal: str = ""
    journal_abbrev: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    pub_date: PubDate = PubDate()
    doi: str | None = None
    pmcid: str | None = None
    publication_types: tuple[str, ...] = ()
    mesh_headings: tuple[MeshHeading, ...] = ()
    keywords: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    vernacular_title: str = ""
    notices: tuple[CorrectionNotice, ...] = ()
    is_book: bool = False
    book_title: str = ""
    epub_date: PubDate | None = None
    investigators: tuple[ArticleAuthor, ...] = ()
    coi_statement: str = ""
    grants: tuple[Grant, ...] = ()
    reference_pmids: tuple[int, ...] = ()

    @property
    def year(self) -> int | None:
        """Publication year (from any of the three date forms)."""
        return self.pub_date.year

    def has_doi(self, doi: str) -> bool:
        """True when ``doi`` is this record's DOI (DOIs compare case-insensitively).

        >>> Article(pmid=1, title="", doi="10.1056/NEJMoa1210384").has_doi("10.1056/nejmoa1210384")
        True
        """
        return self.doi is not None and self.doi.casefold() == doi.strip().casefold()

    @property
    def abstract_text(self) -> str:
        """The abstract as one string, ``"LABEL: text"`` paragraphs for structured ones."""
        return "\n".join(f"{s.label}: {s.text}" if s.label else s.text for s in self.abstract)

    @property
    def mesh_terms(self) -> tuple[str, ...]:
        """The MeSH descriptor names, in record order."""
        return tuple(h.descriptor for h in self.mesh_headings)

    @property
    def first_author(self) -> ArticleAuthor | None:
        """The first listed author, if any."""
        return self.authors[0] if self.authors else None

    @property
    def is_retracted(self) -> bool:
        """This record has been retracted (RetractionIn link or "Retracted Publication")."""
        return "Retracted Publication" in self.publication_types or any(
            n.ref_type in _RETRACTED_BY for n in self.notices
        )

    @property
    def has_erratum(self) -> bool:
        """An erratum (correction) was published for this record."""
        return any(n.ref_type in _CORRECTED_BY for n in self.notices)

    @property
    def has_expression_of_concern(self) -> bool:
        """The publisher issued an expression of concern about this record."""
        return any(n.ref_type in _CONCERN for n in self.notices)

    @property
    def is_retraction_notice(self) -> bool:
        """This record *is* a retraction notice for another article."""
        return "Retraction of Publication" in self.publication_types or any(
            n.ref_type == "RetractionOf" for n in self.notices
        )

    @property
    def is_erratum(self) -> bool:
        """This record *is* an erratum ("Published Erratum") for another article."""
        return "Published Erratum" in self.publication_types or any(
            n.ref_type == "ErratumFor" for n in self.notices
        )


def _lookup(records: tuple[_R, ...], pmid: int) -> _R | None:
    # Records come in the caller's order, often sorted: binary search first, else scan.
    index = bisect.bisect_left(records, pmid, key=lambda r: r.pmid)
    if index < len(records) and records[index].pmid == pmid:
        return records[index]
    return next((r for r in records if r.pmid == pmid), None)


def _missing(requested: tuple[int, ...], found: tuple[int, ...]) -> tuple[int, ...]:
    present = set(found)
    return tuple(p for p in requested if p not in present)


@attrs.frozen
class FetchResult:
    """What :meth:`PubMedClient.fetch` got: the records, and the PMIDs PubMed did not return.

    Iterating yields the articles in the order the PMIDs were given; ``result[pmid]``
    looks one up. ``failed``/``errors``/``not_cached`` are filled only by
    ``fetch(..., strict=False)``.

    >>> r = FetchResult(requested=(1, 2), articles=())
    >>> r.missing
    (1, 2)
    """

    requested: tuple[int, ...]
    articles: tuple[Article, ...]
    failed: tuple[int, ...] = ()
    errors: tuple[str, ...] = ()
    not_cached: tuple[int, ...] = ()

    @property
    def missing(self) -> tuple[int, ...]:
        """PMIDs PubMed answered for without a record (unknown, withdrawn or deleted).

        PMIDs whose batch failed (``strict=False``) are in ``failed``, and PMIDs an
        offline client could not serve in ``not_cached``, not here.
        """
        unknown = set(self.failed) | set(self.not_cached)
        return tuple(
            p
            for p in _missing(self.requested, tuple(a.pmid for a in self.articles))
            if p not in unknown
        )

    @property
    def complete(self) -> bool:
        """True when every PMID was answered (missing PMIDs do not make a result incomplete)."""
        return not self.failed and not self.not_cached

    def get(self, pmid: int) -> Article | None:
        """The article with this PMID, or None."""
        return _lookup(self.articles, pmid)

    def __getitem__(self, pmid: int) -> Article:
        article = self.get(pmid)
        if article is None:
            raise KeyError(pmid)
        return article

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


@attrs.frozen
class ArticleSummary:
    """A light record from ESummary: no abstract, no MeSH.

    ``authors`` are PubMed's ``"Family Initials"`` strings; ``journal`` is the
    abbreviation (``Source``), ``full_journal_name`` the full title.
    """

    pmid: int
    title: str
    authors: tuple[str, ...] = ()
    journal: str = ""
    full_journal_name: str = ""
    pub_date: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str | None = None
    pmcid: str | None = None
    publication_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        """Year from the ``PubDate`` text ("1965 Aug" -> 1965)."""
        head = self.pub_date[:4]
        return int(head) if head.isdigit() else None

    @property
    def first_author(self) -> str:
        """First author as PubMed prints it ("LoPresti PJ"), or ""."""
        return self.authors[0] if self.authors else ""

    @property
    def is_retracted(self) -> bool:
        """PubMed marks the record "Retracted Publication"."""
        return "Retracted Publication" in self.publication_types


@attrs.frozen
class SummaryResult:
    """What :meth:`PubMedClient.summaries` got, with the PMIDs PubMed did not return."""

    requested: tuple[int, ...]
    summaries: tuple[ArticleSummary, ...]
    failed: tuple[int, ...] = ()
    errors: tuple[str, ...] = ()
    not_cached: tuple[int, ...] = ()

    @property
    def missing(self) -> tuple[int, ...]:
        """PMIDs PubMed has no summary for (not failed, not merely uncached)."""
        unknown = set(self.failed) | set(self.not_cached)
        found = tuple(s.pmid for s in self.summaries)
        return tuple(p for p in _missing(self.requested, found) if p not in unknown)

    def get(self, pmid: int) -> ArticleSummary | None:
        """The summary with this PMID, or None."""
        return _lookup(self.summaries, pmid)

    def __iter__(self) -> Iterator[ArticleSummary]:
        return iter(self.summaries)

    def __len__(self) -> int:
        return len(self.summaries)


@attrs.frozen
class SearchResult:
    """An ESearch answer: the total ``count`` and the first ``len(pmids)`` PMIDs.

    PubMed's ESearch can only page through the first 10,000 hits of a query;
    ``truncated`` says the query matched more than were returned.
    """

    query: str
    count: int
    pmids: tuple[int, ...]
    query_translation: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def truncated(self) -> bool:
        """True when ``count`` exceeds the PMIDs returned."""
        return self.count > len(self.pmids)

    def __iter__(self) -> Iterator[int]:
        return iter(self.pmids)

    def __len__(self) -> int:
        return len(self.pmids)


@attrs.frozen
class CitationQuery:
    """One citation to match with ECitMatch; ``key`` comes back with the answer.

    >>> CitationQuery(journal="J Clin Oncol", year=1985, volume="3", first_page="353",
    ...               author="Potter DA", key="potter-1985-353").key
    'potter-1985-353'
    """

    journal: str
    year: int | None = None
    volume: str = ""
    first_page: str = ""
    author: str = ""
    key: str = ""

    @classmethod
    def from_citation(cls, citation: Citation) -> CitationQuery:
        """Build the query from a catalogue citation (first author, first page)."""
        author = str(citation.authors[0]) if citation.authors else ""
        return cls(
            journal=citation.journal,
            year=citation.year,
            volume=citation.volume,
            first_page=citation.first_page,
            author=author,
            key=citation.key,
        )


class MatchStatus(StrEnum):
    """ECitMatch outcome for one citation."""

    FOUND = "found"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"


@attrs.frozen
class CitationMatch:
    """The ECitMatch answer for one :class:`CitationQuery`.

    ``pmid`` is set only when ``status`` is FOUND; ``candidates`` lists PMIDs
    NCBI offered for an ambiguous match (often empty); ``detail`` keeps NCBI's
    reason (``"NOT_FOUND;INVALID_JOURNAL"``) or why the answer is missing.
    """

    query: CitationQuery
    status: MatchStatus
    pmid: int | None = None
    candidates: tuple[int, ...] = ()
    detail: str = ""

    @property
    def found(self) -> bool:
        """True when exactly one PMID matched."""
        return self.status is MatchStatus.FOUND


@attrs.frozen
class EnrichedCitation:
    """A catalogue citation with its PubMed record, when it could be fetched.

    ``article`` is None when the citation has no PMID or PubMed did not return it
    (``note`` says which). The curated ``citation`` is never altered.
    """

    citation: Citation
    article: Article | None = None
    note: str = ""

    @property
    def abstract(self) -> str:
        """The fetched abstract text, or "" without an article."""
        return self.article.abstract_text if self.article else ""
