"""The PubMed records: an efetch ``Article`` and its parts, and an esummary ``ArticleSummary``.

Everything here is plain data (no I/O): frozen, slotted attrs classes, immutable
and hashable, so records can be cached, shared across threads and compared in tests.
"""

from __future__ import annotations

import attrs

__all__ = [
    "AbstractSection",
    "Article",
    "ArticleAuthor",
    "ArticleSummary",
    "CorrectionNotice",
    "Grant",
    "MeshHeading",
    "PubDate",
    "month_number",
]

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
