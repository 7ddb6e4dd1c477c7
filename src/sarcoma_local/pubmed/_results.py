"""What the client's calls return: the records asked for, and what is missing or failed."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Protocol, TypeVar

import attrs

from ._articles import Article, ArticleSummary

__all__ = ["FetchResult", "SearchResult", "SummaryResult"]


class _HasPmid(Protocol):
    @property
    def pmid(self) -> int: ...


_R = TypeVar("_R", bound=_HasPmid)


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
