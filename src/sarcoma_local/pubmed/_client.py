"""``PubMedClient``: batched, rate-limited, cached, retrying access to NCBI E-utilities.

This module holds the public face (construction, lifecycle, the public calls);
argument checks and ``RetryPolicy`` are in :mod:`._options`, per-record fetching
and cache use in :mod:`._fetching`, the HTTP exchange, retries and redaction in
:mod:`._transport`.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from datetime import date, timedelta
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import attrs

from sarcoma_local._data.models import Citation

from ._articles import Article
from ._cache import DEFAULT_EXPIRE_AFTER, SEARCH_EXPIRE_AFTER, CacheSpec, seconds
from ._citations import CitationMatch, CitationQuery, EnrichedCitation
from ._fetching import _EFETCH, _ESUMMARY, DEFAULT_BATCH_SIZE, _Fetching
from ._options import RetryPolicy, as_pmid, check_options, checked_rate, date_param, validated_pmids
from ._ratelimit import RateLimiter, RateLimitStore, build_limiter
from ._results import FetchResult, SearchResult, SummaryResult
from ._search_parse import parse_ecitmatch, parse_esearch
from ._store import Store, make_store
from ._transport import DEFAULT_MAX_RESPONSE_BYTES

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_WORKERS", "MAX_SEARCH_RESULTS", "PubMedClient"]

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
#: PubMed's ESearch returns at most the first 10,000 PMIDs of any query.
MAX_SEARCH_RESULTS = 10_000
#: Citations per ECitMatch request (NCBI states no maximum; keep requests small).
CITMATCH_BATCH_SIZE = 50
#: Batches of one fetch()/summaries() call in flight at once (the rate limit still rules).
DEFAULT_WORKERS = 3

_BDATA_UNSAFE = re.compile(r"[|\r\n]+")


class PubMedClient(_Fetching):
    """A client for PubMed (NCBI E-utilities) that follows NCBI's usage policy by itself.

    * at most 3 requests/s (10/s with ``api_key``) at the server, shared by every
      thread and every process of this host by default (a file-locked send log
      per E-utilities host), and by several hosts through a Redis
      ``rate_limit_store``;
    * ``tool`` and ``email`` sent with every request; ID lists go by POST in
      batches of ``batch_size`` (200);
    * a cache per record (SQLite in the user cache dir unless ``cache`` says
      otherwise): any PMID fetched before is served without a request, whatever
      batch it came in; only good answers are stored; expired entries are served
      when PubMed cannot be reached;
    * 429/5xx, bad 200 answers (truncated, HTML, error bodies), timeouts and
      dropped connections retried with backoff per ``retry``, within a time
      budget; after 429s the client slows down; ``deadline`` bounds a whole call;
    * answers larger than ``max_response_bytes`` are refused while streaming;
    * ``offline=True`` answers from the cache only.

    Use it as a context manager (or call :meth:`close`)::

        with PubMedClient(email="me@example.org") as client:
            articles = client.fetch([3973646, 2914299])
            for article in articles:
                print(article.pmid, article.title, article.doi)
            print("not in PubMed:", articles.missing)
    """

    def __init__(
        self,
        *,
        email: str | None = None,
        api_key: str | None = None,
        tool: str = "sarcoma_local",
        base_url: str = DEFAULT_BASE_URL,
        cache: CacheSpec = True,
        expire_after: timedelta | int = DEFAULT_EXPIRE_AFTER,
        search_expire_after: timedelta | int = SEARCH_EXPIRE_AFTER,
        timeout: float | tuple[float, float] = (10.0, 60.0),
        offline: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
        requests_per_second: float | None = None,
        rate_limit_store: RateLimitStore = None,
        retry: RetryPolicy | None = None,
        workers: int = DEFAULT_WORKERS,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        call_timeout: float | None = None,
    ) -> None:
        check_options(tool, email, batch_size, workers, max_response_bytes, call_timeout)
        rate = checked_rate(api_key, requests_per_second)
        self.email = email
        self.tool = tool
        self.base_url = base_url.rstrip("/")
        self.offline = offline
        self.batch_size = batch_size
        self.workers = workers
        self.timeout = timeout
        self.requests_per_second = rate
        self.retry = retry or RetryPolicy()
        self.max_response_bytes = max_response_bytes
        self.call_timeout = call_timeout
        self.expire_after = seconds(expire_after)
        self.search_expire_after = seconds(search_expire_after)
        host = urlsplit(self.base_url).netloc or self.base_url
        self._limiter: RateLimiter = build_limiter(
            rate, rate_limit_store, host=host, keyed=api_key is not None
        )
        self._owns_store = not _is_shared_backend(cache)
        self._store: Store = make_store(cache)
        self._open_session(api_key)
        self._closed = False
        self._close_lock = threading.Lock()

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def has_api_key(self) -> bool:
        """True when an API key was given (the key itself is not exposed)."""
        return self._api_key_given()

    @property
    def cache(self) -> Store:
        """The record cache (``.clear()``, ``.get_many(keys)``, ``len()``)."""
        return self._store

    @property
    def rate_limiter(self) -> RateLimiter:
        """The limiter (``.window``, ``.slowdown`` after 429s, ``.kind``)."""
        return self._limiter

    def close(self) -> None:
        """Close the HTTP session, the cache connection and the rate limiter."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._session.close()
        finally:
            try:
                if self._owns_store:
                    self._store.close()
            finally:
                self._limiter.close()

    def __enter__(self) -> PubMedClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"PubMedClient(base_url={self.base_url!r}, tool={self.tool!r}, "
            f"email={self.email!r}, api_key={'<set>' if self.has_api_key else None}, "
            f"requests_per_second={self.requests_per_second:g}, offline={self.offline})"
        )

    # --- public API --------------------------------------------------------------------

    def fetch(
        self, pmids: Iterable[Any], *, strict: bool = True, deadline: float | None = None
    ) -> FetchResult:
        """Full records (efetch) for ``pmids``, in the order given.

        Every PMID is validated before any request (:class:`InvalidIdentifierError`);
        ints, numeric strings and any integer type (``numpy.int64``) are accepted.
        Records cached by any earlier call are served without a request; the rest
        are requested in batches of ``batch_size`` by POST. PMIDs PubMed did not
        return (after asking once more) are in ``result.missing``.

        ``strict=False``: a batch that fails after all retries does not raise: its
        PMIDs go to ``result.failed`` and the error text to ``result.errors``; in
        offline mode the PMIDs not in the cache go to ``result.not_cached``.
        ``deadline`` (seconds; default ``call_timeout``) bounds the whole call.

        >>> client.fetch([3973646]).get(3973646).title     # doctest: +SKIP
        'Treatment of metastatic soft tissue sarcoma ...'
        """
        ids = validated_pmids(pmids)
        outcome = self._records(_EFETCH, ids, strict=strict, deadline=deadline)
        return FetchResult(
            requested=tuple(ids),
            articles=tuple(outcome.records[p] for p in ids if p in outcome.records),
            failed=outcome.failed,
            errors=outcome.errors,
            not_cached=outcome.not_cached,
        )

    def fetch_one(self, pmid: Any) -> Article | None:
        """One record, or None when PubMed has no record with that PMID."""
        number = as_pmid(pmid)
        return self.fetch([number]).get(number)

    def summaries(
        self, pmids: Iterable[Any], *, strict: bool = True, deadline: float | None = None
    ) -> SummaryResult:
        """Light records (esummary): title, authors, journal, date, DOI; no abstract.

        Cached per record like :meth:`fetch`; unknown PMIDs are in ``missing``.
        """
        ids = validated_pmids(pmids)
        outcome = self._records(_ESUMMARY, ids, strict=strict, deadline=deadline)
        return SummaryResult(
            requested=tuple(ids),
            summaries=tuple(outcome.records[p] for p in ids if p in outcome.records),
            failed=outcome.failed,
            errors=outcome.errors,
            not_cached=outcome.not_cached,
        )

    def search(
        self,
        query: str,
        *,
        since: int | date | None = None,
        until: int | date | None = None,
        limit: int = 100,
        sort: str | None = None,
        deadline: float | None = None,
    ) -> SearchResult:
        """PMIDs matching a PubMed query (esearch), newest-first unless ``sort`` says otherwise.

        ``since``/``until`` bound the publication date (a year or a ``date``).
        PubMed returns at most the first 10,000 hits; ``limit`` above that is
        refused, and ``result.truncated`` tells when more matched.

        >>> client.search("leiomyosarcoma AND ablation", since=2015)  # doctest: +SKIP
        """
        if not query.strip():
            raise ValueError("query must not be empty")
        if not 1 <= limit <= MAX_SEARCH_RESULTS:
            raise ValueError(
                f"limit must be between 1 and {MAX_SEARCH_RESULTS} (PubMed's ESearch cap); "
                "split the query by date for more"
            )
        params = {"db": "pubmed", "term": query.strip(), "retmax": str(limit), "retstart": "0"}
        if sort:
            params["sort"] = sort
        if since is not None or until is not None:
            params["datetype"] = "pdat"
            params["mindate"] = date_param(since) if since is not None else "1000"
            params["maxdate"] = date_param(until) if until is not None else "3000"
        return self._whole(
            "esearch.fcgi",
            params,
            what=f"esearch for {query.strip()!r}",
            parse=lambda body: parse_esearch(body, query=query.strip()),
            ttl=self.search_expire_after,
            call=self._call(deadline),
        )

    def match_citations(
        self, citations: Iterable[CitationQuery | Citation]
    ) -> tuple[CitationMatch, ...]:
        """Find PMIDs from journal/year/volume/first page/author (ECitMatch), one answer each.

        Accepts :class:`CitationQuery` or catalogue :class:`~sarcoma_local.Citation`
        objects; answers come back in input order, each FOUND, NOT_FOUND or AMBIGUOUS.
        NCBI sometimes matches on journal+volume+page alone: check a FOUND answer
        (the ``resolve`` workflow does, with ESummary) before trusting it.
        """
        queries = tuple(
            c if isinstance(c, CitationQuery) else CitationQuery.from_citation(c) for c in citations
        )
        results: list[CitationMatch] = []
        call = self._call(None)
        for batch_start in range(0, len(queries), CITMATCH_BATCH_SIZE):
            batch = queries[batch_start : batch_start + CITMATCH_BATCH_SIZE]
            # Our own keys: the caller's may repeat or contain '|', and NCBI echoes them.
            keyed = tuple(attrs.evolve(q, key=f"k{i}") for i, q in enumerate(batch))
            bdata = "\r".join(_bdata_line(q) for q in keyed)
            matches = self._whole(
                "ecitmatch.cgi",
                {"db": "pubmed", "retmode": "xml", "bdata": bdata},
                what=f"ecitmatch for {len(batch)} citation(s)",
                parse=functools.partial(_parse_citmatch, queries=keyed),
                ttl=self.expire_after,
                call=call,
            )
            results.extend(
                attrs.evolve(m, query=original) for m, original in zip(matches, batch, strict=True)
            )
        return tuple(results)

    def enrich(self, citations: Iterable[Citation]) -> tuple[EnrichedCitation, ...]:
        """Pair catalogue citations with their fetched PubMed records (abstract, MeSH, ...).

        Citations without a PMID, or whose PMID PubMed did not return, come back
        with ``article=None`` and a ``note`` saying why; order is kept.

        >>> client.enrich(sarcoma_local.citations(site="liver"))   # doctest: +SKIP
        """
        items = tuple(citations)
        result = self.fetch([c.pmid for c in items if c.pmid is not None])
        enriched = []
        for citation in items:
            if citation.pmid is None:
                enriched.append(
                    EnrichedCitation(citation=citation, note="no PMID in the catalogue")
                )
                continue
            article = result.get(citation.pmid)
            note = "" if article else f"PubMed returned no record for PMID {citation.pmid}"
            enriched.append(EnrichedCitation(citation=citation, article=article, note=note))
        return tuple(enriched)


def _is_shared_backend(cache: Any) -> bool:
    # A backend object the caller built stays open for the caller to close.
    return not (cache is True or cache is False or cache is None or isinstance(cache, str)) and (
        not hasattr(cache, "__fspath__")
    )


def _parse_citmatch(
    body: bytes, *, queries: tuple[CitationQuery, ...]
) -> tuple[CitationMatch, ...]:
    return parse_ecitmatch(body, queries)


def _bdata_line(query: CitationQuery) -> str:
    fields = (
        query.journal,
        str(query.year) if query.year else "",
        query.volume,
        query.first_page,
        query.author,
        query.key,
    )
    # '|' separates fields and CR separates citations: neither may appear inside one.
    return "|".join(_BDATA_UNSAFE.sub(" ", f).strip() for f in fields) + "|"
