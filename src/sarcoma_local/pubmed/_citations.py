"""Citation matching (ECitMatch) and catalogue citations paired with their PubMed records."""

from __future__ import annotations

from enum import StrEnum

import attrs

from sarcoma_local._data.models import Citation

from ._articles import Article

__all__ = ["CitationMatch", "CitationQuery", "EnrichedCitation", "MatchStatus"]


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
