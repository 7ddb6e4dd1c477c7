"""``PubMedClient``: batched, rate-limited, cached, retrying access to NCBI E-utilities."""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from types import TracebackType
from typing import Any, TypeVar

import attrs
import requests
from requests_cache.backends.base import BaseCache
from urllib3.util.retry import Retry

from sarcoma_local._core.errors import (
    PubMedError,
    PubMedHTTPError,
    PubMedNetworkError,
    PubMedNotCachedError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedTimeoutError,
)
from sarcoma_local._core.identifiers import parse_pmid
from sarcoma_local._data.models import Citation

from ._cache import (
    DEFAULT_EXPIRE_AFTER,
    SEARCH_EXPIRE_AFTER,
    CacheSpec,
    build_session,
    make_backend,
    sorted_unique,
)
from ._models import (
    Article,
    ArticleSummary,
    CitationMatch,
    CitationQuery,
    EnrichedCitation,
    FetchResult,
    SearchResult,
    SummaryResult,
)
from ._parse import parse_ecitmatch, parse_efetch, parse_esearch, parse_esummary
from ._ratelimit import RateLimitStore, build_limiter, policy_rate

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_WORKERS",
    "MAX_SEARCH_RESULTS",
    "PubMedClient",
    "RetryPolicy",
]

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
#: PubMed's ESearch returns at most the first 10,000 PMIDs of any query.
MAX_SEARCH_RESULTS = 10_000
#: NCBI: "if more than about 200 UIDs are to be provided, ... use HTTP POST".
DEFAULT_BATCH_SIZE = 200
#: Citations per ECitMatch request (NCBI states no maximum; keep requests small).
CITMATCH_BATCH_SIZE = 50
#: Batches of one fetch()/summaries() call in flight at once (the rate limit still rules).
DEFAULT_WORKERS = 3
#: Upper bound for ``workers``: more threads cannot beat the rate limit, only wait on it.
MAX_WORKERS = 8

_TOOL = re.compile(r"[A-Za-z0-9._-]{1,64}")
_SECRET = re.compile(r"(api_key=)[^&\s'\"]+")
_BDATA_UNSAFE = re.compile(r"[|\r\n]+")


@attrs.frozen
class RetryPolicy:
    """How the client retries 429, 5xx, timeouts and dropped connections.

    ``attempts`` counts the first try. The wait before retry *n* is
    ``backoff_factor * 2**(n-1)`` (with up to 10% jitter, capped at
    ``max_backoff``), or the server's ``Retry-After`` when it sends one. A
    ``Retry-After`` longer than ``max_retry_after`` is not waited for: the
    client raises at once. Every retry passes the rate limiter again.

    >>> RetryPolicy(attempts=1).attempts   # no retries
    1
    """

    attempts: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    backoff_factor: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_backoff: float = 30.0
    max_retry_after: float = 120.0
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry number ``retry_number`` (1-based), no Retry-After."""
        base = self.backoff_factor * (2 ** (retry_number - 1))
        return float(min(self.max_backoff, base * (1 + 0.1 * random.random())))


def _redact(text: str) -> str:
    return _SECRET.sub(r"\1<redacted>", text)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _describe_ids(ids: Sequence[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:10])
    return f"PMIDs {shown}" + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def _date_param(value: int | date) -> str:
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        raise ValueError(f"expected a year (YYYY) or a datetime.date, got {value!r}")
    return str(value)


class PubMedClient:
    """A client for PubMed (NCBI E-utilities) that follows NCBI's usage policy by itself.

    * at most 3 requests/s (10/s with ``api_key``), shared by every thread using
      this client, and by other processes/hosts through ``rate_limit_store``;
    * ``tool`` and ``email`` sent with every request; long ID lists go by POST in
      sorted batches of ``batch_size`` (200);
    * answers cached (SQLite in the user cache dir unless ``cache`` says otherwise);
      cache hits cost no request and no rate budget; errors are never cached;
    * 429/5xx/timeouts retried with backoff per ``retry``; a timeout on every request;
    * ``offline=True`` answers from the cache only (:class:`PubMedNotCachedError`);
    * a long :meth:`fetch`/:meth:`summaries` keeps up to ``workers`` (3) batches in
      flight, so one answer is parsed while the next is on the wire; the shared
      limiter still admits requests at the policy rate, and results, errors and
      ``strict`` behave exactly as if the batches were sent one after another.

    Use it as a context manager (or call :meth:`close`) to release the cache and the
    rate limiter's background thread::

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
    ) -> None:
        if not _TOOL.fullmatch(tool):
            raise ValueError(f"tool must be 1-64 letters, digits, '.', '_' or '-', got {tool!r}")
        if email is not None and ("@" not in email or any(c.isspace() for c in email)):
            raise ValueError(f"email does not look like an address: {email!r}")
        if not 1 <= batch_size <= 10_000:
            raise ValueError(f"batch_size must be between 1 and 10000, got {batch_size!r}")
        if isinstance(workers, bool) or not isinstance(workers, int):
            raise TypeError(f"workers must be an int, got {workers!r}")
        if not 1 <= workers <= MAX_WORKERS:
            raise ValueError(f"workers must be between 1 and {MAX_WORKERS}, got {workers!r}")
        allowed = policy_rate(api_key)
        rate = allowed if requests_per_second is None else requests_per_second
        if not 0 < rate <= allowed:
            # The client exists to keep callers inside NCBI's policy; never above it.
            raise ValueError(
                f"requests_per_second must be in (0, {allowed:g}] "
                f"({'with' if api_key else 'without'} an API key), got {rate!r}"
            )
        self.email = email
        self.tool = tool
        self.base_url = base_url.rstrip("/")
        self.offline = offline
        self.batch_size = batch_size
        self.workers = workers
        self.timeout = timeout
        self.requests_per_second = rate
        self.retry = retry or RetryPolicy()
        self.__api_key = api_key  # name-mangled; never in repr, logs or messages
        backend = make_backend(cache)
        self._limiter = build_limiter(rate, rate_limit_store)
        try:
            self._session = build_session(
                backend=backend,
                limiter=self._limiter,
                base_url=self.base_url,
                expire_after=expire_after,
                search_expire_after=search_expire_after,
                offline=offline,
                user_agent=f"{tool} (sarcoma-local PubMed client)",
            )
        except BaseException:
            self._limiter.close()
            raise
        # A backend the caller built stays open for the caller to close.
        self._session.settings.autoclose = not isinstance(cache, BaseCache)
        self._closed = False
        self._close_lock = threading.Lock()

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def has_api_key(self) -> bool:
        """True when an API key was given (the key itself is not exposed)."""
        return self.__api_key is not None

    @property
    def cache(self) -> Any:
        """The requests-cache backend (``.clear()``, ``.delete(...)``, ``.responses``)."""
        return self._session.cache

    def close(self) -> None:
        """Close the HTTP session, the cache connection and the rate limiter's thread."""
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._session.close()  # type: ignore[no-untyped-call]
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

    def fetch(self, pmids: Iterable[int | str], *, strict: bool = True) -> FetchResult:
        """Full records (efetch) for ``pmids``, in batches of ``batch_size`` by POST.

        Every PMID is validated before any request (:class:`InvalidIdentifierError`).
        PMIDs PubMed does not return are listed in ``result.missing``. With
        ``strict=False`` a batch that fails after all retries does not raise: its
        PMIDs go to ``result.failed`` and the error text to ``result.errors``, and
        the batches that worked are kept. (Batches that worked are cached either
        way, so calling again only re-requests the failed ones.)

        Several batches are in flight at once (``workers``, see the class); the
        outcome is the same as sending them in order: with ``strict=True`` the
        error of the first failing batch (in PMID order) is raised, batches not yet
        started are not sent and batches in flight are not retried.

        >>> client.fetch([3973646]).get(3973646).title     # doctest: +SKIP
        'Treatment of metastatic soft tissue sarcoma ...'
        """
        ids = self._validated(pmids)
        articles: list[Article] = []
        failed: list[int] = []
        errors: list[str] = []
        batches = list(_chunks(ids, self.batch_size))
        with contextlib.closing(self._run_batches(batches, self._fetch_batch)) as outcomes:
            for batch, outcome in outcomes:
                try:
                    articles.extend(outcome())
                except PubMedError as exc:
                    if strict or isinstance(exc, PubMedNotCachedError):
                        raise
                    failed.extend(batch)
                    errors.append(str(exc))
        by_pmid = {a.pmid: a for a in articles}
        return FetchResult(
            requested=tuple(ids),
            articles=tuple(by_pmid[p] for p in ids if p in by_pmid),
            failed=tuple(failed),
            errors=tuple(errors),
        )

    def fetch_one(self, pmid: int | str) -> Article | None:
        """One record, or None when PubMed has no record with that PMID."""
        number = parse_pmid(pmid)
        return self.fetch([number]).get(number)

    def summaries(self, pmids: Iterable[int | str]) -> SummaryResult:
        """Light records (esummary): title, authors, journal, date, DOI; no abstract."""
        ids = self._validated(pmids)
        found: dict[int, ArticleSummary] = {}
        batches = list(_chunks(ids, self.batch_size))
        with contextlib.closing(self._run_batches(batches, self._summary_batch)) as outcomes:
            for _batch, outcome in outcomes:
                for summary in outcome():
                    found[summary.pmid] = summary
        return SummaryResult(
            requested=tuple(ids), summaries=tuple(found[p] for p in ids if p in found)
        )

    def search(
        self,
        query: str,
        *,
        since: int | date | None = None,
        until: int | date | None = None,
        limit: int = 100,
        sort: str | None = None,
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
            params["mindate"] = _date_param(since) if since is not None else "1000"
            params["maxdate"] = _date_param(until) if until is not None else "3000"
        response = self._request("esearch.fcgi", params, what=f"esearch for {query.strip()!r}")
        return self._parsed(response, lambda body: parse_esearch(body, query=query.strip()))

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
        for batch_start in range(0, len(queries), CITMATCH_BATCH_SIZE):
            batch = queries[batch_start : batch_start + CITMATCH_BATCH_SIZE]
            # Our own keys: the caller's may repeat or contain '|', and NCBI echoes them.
            keyed = tuple(attrs.evolve(q, key=f"k{i}") for i, q in enumerate(batch))
            bdata = "\r".join(_bdata_line(q) for q in keyed)
            response = self._request(
                "ecitmatch.cgi",
                {"db": "pubmed", "retmode": "xml", "bdata": bdata},
                what=f"ecitmatch for {len(batch)} citation(s)",
            )
            matches = self._parsed(response, functools.partial(_parse_citmatch, queries=keyed))
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

    # --- internals ---------------------------------------------------------------------

    def _validated(self, pmids: Iterable[int | str]) -> list[int]:
        if isinstance(pmids, str | int):
            raise TypeError("pass a list of PMIDs, e.g. fetch([3973646]), not a single value")
        # parse_pmid raises InvalidIdentifierError before anything is sent.
        return sorted_unique(parse_pmid(p) for p in pmids)

    def _run_batches(
        self,
        batches: Sequence[Sequence[int]],
        work: Callable[[Sequence[int], threading.Event | None], _T],
    ) -> Generator[tuple[Sequence[int], Callable[[], _T]], None, None]:
        """Yield ``(batch, outcome)`` in batch order; ``outcome()`` returns or raises.

        With one worker (or one batch) nothing runs ahead: ``outcome()`` does the
        work in the caller's thread, exactly as a plain loop would. Otherwise up to
        ``workers`` batches run in a private pool, started in order; requests still
        pass the client's limiter (shared by every thread) and cache one by one.
        Close the generator (``contextlib.closing``) when leaving early: batches not
        yet started are cancelled, batches in flight stop retrying, and the close
        waits for them, so no thread of this call outlives it.
        """
        if self.workers == 1 or len(batches) < 2:
            for batch in batches:
                yield batch, functools.partial(work, batch, None)
            return
        stop = threading.Event()
        pool = ThreadPoolExecutor(
            max_workers=min(self.workers, len(batches)), thread_name_prefix="pubmed-batch"
        )
        try:
            futures = [pool.submit(work, batch, stop) for batch in batches]
            for batch, future in zip(batches, futures, strict=True):
                yield batch, future.result
        finally:
            stop.set()
            pool.shutdown(wait=True, cancel_futures=True)

    def _fetch_batch(
        self, batch: Sequence[int], stop: threading.Event | None = None
    ) -> tuple[Article, ...]:
        response = self._request(
            "efetch.fcgi",
            {"db": "pubmed", "retmode": "xml", "id": ",".join(map(str, batch))},
            what=f"efetch for {_describe_ids(batch)}",
            stop=stop,
        )
        return self._parsed(response, parse_efetch)

    def _summary_batch(
        self, batch: Sequence[int], stop: threading.Event | None = None
    ) -> tuple[ArticleSummary, ...]:
        response = self._request(
            "esummary.fcgi",
            {"db": "pubmed", "id": ",".join(map(str, batch))},
            what=f"esummary for {_describe_ids(batch)}",
            stop=stop,
        )
        return self._parsed(response, parse_esummary)

    def _parsed(self, response: requests.Response, parse: Callable[[bytes], _T]) -> _T:
        try:
            return parse(response.content)
        except PubMedResponseError:
            # A body that passed the cheap pre-cache check but does not parse must not
            # stay in the cache to fail again on every call.
            key = getattr(response, "cache_key", None)
            if key:
                self._session.cache.delete(key)
            raise

    def _identity(self) -> dict[str, str]:
        params = {"tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.__api_key:
            params["api_key"] = self.__api_key
        return params

    def _request(
        self,
        endpoint: str,
        params: dict[str, str],
        *,
        what: str,
        method: str = "POST",
        stop: threading.Event | None = None,
    ) -> requests.Response:
        """Send with retries; return a 200 response or raise a PubMedError subclass.

        Retries are done here, above the session, rather than by urllib3 inside the
        adapter: that way every retry passes the rate limiter (and the cache) again.
        ``stop`` (set when the call this batch belongs to has already failed) ends
        the work early: nothing more is sent and a pending retry is abandoned; the
        error raised then is never shown to the caller.
        """
        if self._closed:
            raise RuntimeError("this PubMedClient is closed")
        url = f"{self.base_url}/{endpoint}"
        payload = {**params, **self._identity()}
        policy = self.retry
        error: PubMedError | None = None
        for attempt in range(1, policy.attempts + 1):
            if stop is not None and stop.is_set():
                raise error or PubMedError(f"{what}: not sent (an earlier batch failed)")
            logger.debug("%s %s (%s), attempt %d", method, endpoint, what, attempt)
            try:
                if method == "POST":
                    response = self._session.post(url, data=payload, timeout=self.timeout)
                else:
                    response = self._session.get(url, params=payload, timeout=self.timeout)
            except requests.Timeout as exc:
                error = PubMedTimeoutError(
                    f"{what}: no answer within {self.timeout}s ({type(exc).__name__})"
                )
                delay = policy.backoff(attempt)
            except (
                requests.ConnectionError,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
            ) as exc:
                error = PubMedNetworkError(f"{what}: {type(exc).__name__}: {_redact(str(exc))}")
                delay = policy.backoff(attempt)
            except requests.RequestException as exc:
                # `from None`: the original message may quote a URL; ours is redacted.
                raise PubMedNetworkError(
                    f"{what}: {type(exc).__name__}: {_redact(str(exc))}"
                ) from None
            else:
                status = response.status_code
                if self.offline and status == 504:
                    raise PubMedNotCachedError(f"offline mode: {what} is not in the cache")
                if status == 200:
                    if getattr(response, "from_cache", False):
                        logger.debug("%s answered from cache", endpoint)
                    return response
                error = self._status_error(response, what, attempt)
                if status not in policy.statuses:
                    raise error
                retry_after = _retry_after(response)
                if retry_after is not None and retry_after > policy.max_retry_after:
                    raise type(error)(
                        f"{error} (server asked to wait {retry_after:.0f}s; "
                        f"more than max_retry_after={policy.max_retry_after:g}s)",
                        status=status,
                    ) from None
                delay = retry_after if retry_after is not None else policy.backoff(attempt)
            if attempt < policy.attempts:
                logger.debug("%s failed (%s); retrying in %.2fs", endpoint, error, delay)
                if stop is None:
                    time.sleep(delay)
                elif stop.wait(delay):
                    break
        assert error is not None  # attempts >= 1, and every pass sets it or returns
        raise error

    def _status_error(
        self, response: requests.Response, what: str, attempt: int
    ) -> PubMedHTTPError:
        status = response.status_code
        detail = _redact(response.text[:200].strip().replace("\n", " "))
        tries = f" after {attempt} attempt{'s' if attempt > 1 else ''}"
        message = f"{what}: HTTP {status} {response.reason or ''}".rstrip() + tries
        if detail:
            message += f": {detail}"
        if status == 429:
            return PubMedRateLimitError(message, status=status)
        return PubMedHTTPError(message, status=status)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        # urllib3 parses both forms (seconds, HTTP-date) the same way its Retry does.
        return max(0.0, float(Retry().parse_retry_after(value)))
    except Exception:  # an unparsable header is ignored, backoff applies
        return None


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
