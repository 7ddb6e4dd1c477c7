"""``PubMedClient``: batched, rate-limited, cached, retrying access to NCBI E-utilities."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import operator
import random
import re
import threading
import time
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from types import TracebackType
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import attrs
import requests
from requests.adapters import HTTPAdapter
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
    MISSING_EXPIRE_AFTER,
    SEARCH_EXPIRE_AFTER,
    CacheSpec,
    seconds,
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
from ._parse import (
    EFETCH_CLOSE,
    EFETCH_OPEN,
    ESUMMARY_CLOSE,
    ESUMMARY_OPEN,
    MalformedResponseError,
    body_problem,
    parse_ecitmatch,
    parse_efetch_records,
    parse_esearch,
    parse_esummary_records,
)
from ._ratelimit import RateLimiter, RateLimitStore, _Stopped, build_limiter, policy_rate
from ._store import Entry, Store, make_store, new_owner

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_WORKERS",
    "MAX_SEARCH_RESULTS",
    "PubMedClient",
    "RetryPolicy",
]

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
_R = TypeVar("_R", Article, ArticleSummary)

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
#: Largest answer read (after gzip): 200 typical records are ~2 MB, 200 with long
#: reference lists ~20 MB. A larger answer is refused while it streams in.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_CHUNK = 64 * 1024
#: How long a claim on a missing record holds off other callers (a crashed owner's
#: claim expires after this).
_CLAIM_TTL = 120.0
_CLAIM_POLL = 0.05

_TOOL = re.compile(r"[A-Za-z0-9._-]{1,64}")
# api_key=..., "api_key": "...", 'api_key': '...', api-key: ..., <api_key>...</api_key>
_SECRET = re.compile(r"""(api[_-]?key["']?\s*(?:=|:|>)\s*["']?)[^&\s'"<>,;}\]]+""", re.IGNORECASE)
_BDATA_UNSAFE = re.compile(r"[|\r\n]+")
_RATE_LIMIT_TEXT = re.compile(r"rate limit", re.IGNORECASE)
#: Placeholder in messages for "after N attempts", filled in when the error is raised.
_TRIES = "\x00tries\x00"


@attrs.frozen
class RetryPolicy:
    """How the client retries 429, 5xx, bad 200 answers, timeouts and dropped connections.

    A request is tried until it succeeds, ``attempts`` tries are used (the first
    counts), or the next wait would take it past ``budget`` seconds since its first
    try. The wait before retry *n* is ``backoff_factor * 2**(n-1)`` (with up to 10%
    jitter, capped at ``max_backoff``), or the server's ``Retry-After``. A
    ``Retry-After`` longer than ``max_retry_after`` is not waited for: the client
    raises at once. Every retry passes the rate limiter again.

    >>> RetryPolicy(attempts=1).attempts   # no retries
    1
    """

    attempts: int = attrs.field(default=8, validator=attrs.validators.ge(1))
    backoff_factor: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_backoff: float = 30.0
    max_retry_after: float = 120.0
    budget: float = attrs.field(default=120.0, validator=attrs.validators.gt(0))
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry number ``retry_number`` (1-based), no Retry-After."""
        base = self.backoff_factor * (2 ** (retry_number - 1))
        return float(min(self.max_backoff, base * (1 + 0.1 * random.random())))


def redact(text: str, secret: str | None = None) -> str:
    """``text`` with API keys removed in any syntax, and ``secret`` wherever it appears.

    >>> redact('{"api_key": "abc123", "id": "1"}')
    '{"api_key": "<redacted>", "id": "1"}'
    >>> redact("db=pubmed&api_key=abc123&id=1")
    'db=pubmed&api_key=<redacted>&id=1'
    """
    if secret and len(secret) >= 8:  # NCBI keys are 36 characters; "k" would eat text
        text = text.replace(secret, "<redacted>")
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


def _as_pmid(value: Any) -> int:
    """A PMID from an int, a numeric string or any integer type (``numpy.int64``)."""
    if isinstance(value, int | str | bytes):
        return parse_pmid(value)
    try:
        number = operator.index(value)
    except TypeError:
        return parse_pmid(value)  # raises InvalidIdentifierError, saying what was wrong
    return parse_pmid(number)


@attrs.define
class _Call:
    """One public call: its deadline (``time.monotonic()``) and the stop flag of its batches."""

    deadline: float | None = None
    stop: threading.Event | None = None

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()


class _Retryable(Exception):
    """Internal: this attempt failed in a way worth retrying."""

    def __init__(
        self, error: PubMedError, retry_after: float | None = None, *, rate_limited: bool = False
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after
        self.rate_limited = rate_limited


@attrs.frozen
class _Reply:
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes


@attrs.frozen
class _Kind(Generic[_R]):
    """A per-record endpoint: efetch (Article) or esummary (ArticleSummary)."""

    endpoint: str
    prefix: str
    params: Mapping[str, str]
    parse: Callable[..., list[tuple[_R, bytes]]]
    open_tag: bytes
    close_tag: bytes


_EFETCH: _Kind[Article] = _Kind(
    "efetch.fcgi",
    "efetch",
    {"db": "pubmed", "retmode": "xml"},
    parse_efetch_records,
    EFETCH_OPEN,
    EFETCH_CLOSE,
)
_ESUMMARY: _Kind[ArticleSummary] = _Kind(
    "esummary.fcgi",
    "esummary",
    {"db": "pubmed"},
    parse_esummary_records,
    ESUMMARY_OPEN,
    ESUMMARY_CLOSE,
)


@attrs.frozen
class _Outcome(Generic[_R]):
    records: dict[int, _R]
    missing: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    errors: tuple[str, ...] = ()
    not_cached: tuple[int, ...] = ()


class PubMedClient:
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
        if max_response_bytes < 1024:
            raise ValueError(f"max_response_bytes must be >= 1024, got {max_response_bytes!r}")
        if call_timeout is not None and call_timeout <= 0:
            raise ValueError(f"call_timeout must be positive, got {call_timeout!r}")
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
        self.max_response_bytes = max_response_bytes
        self.call_timeout = call_timeout
        self.expire_after = seconds(expire_after)
        self.search_expire_after = seconds(search_expire_after)
        self.__api_key = api_key  # name-mangled; never in repr, logs or messages
        host = urlsplit(self.base_url).netloc or self.base_url
        self._limiter: RateLimiter = build_limiter(
            rate, rate_limit_store, host=host, keyed=api_key is not None
        )
        self._owns_store = not _is_shared_backend(cache)
        self._store: Store = make_store(cache)
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=MAX_WORKERS, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = f"{tool} (sarcoma-local PubMed client)"
        self._closed = False
        self._close_lock = threading.Lock()

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def has_api_key(self) -> bool:
        """True when an API key was given (the key itself is not exposed)."""
        return self.__api_key is not None

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
        ids = self._validated(pmids)
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
        number = _as_pmid(pmid)
        return self.fetch([number]).get(number)

    def summaries(
        self, pmids: Iterable[Any], *, strict: bool = True, deadline: float | None = None
    ) -> SummaryResult:
        """Light records (esummary): title, authors, journal, date, DOI; no abstract.

        Cached per record like :meth:`fetch`; unknown PMIDs are in ``missing``.
        """
        ids = self._validated(pmids)
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
            params["mindate"] = _date_param(since) if since is not None else "1000"
            params["maxdate"] = _date_param(until) if until is not None else "3000"
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

    # --- per-record cache --------------------------------------------------------------

    def _validated(self, pmids: Iterable[Any]) -> list[int]:
        if isinstance(pmids, str | int) or _is_scalar_index(pmids):
            raise TypeError("pass a list of PMIDs, e.g. fetch([3973646]), not a single value")
        # Every PMID is checked before anything is sent; input order kept, repeats dropped.
        return list(dict.fromkeys(_as_pmid(p) for p in pmids))

    def _call(self, deadline: float | None) -> _Call:
        if self._closed:
            raise RuntimeError("this PubMedClient is closed")
        seconds_left = deadline if deadline is not None else self.call_timeout
        if seconds_left is not None and seconds_left <= 0:
            raise ValueError(f"deadline must be positive, got {seconds_left!r}")
        return _Call(None if seconds_left is None else time.monotonic() + seconds_left)

    def _records(
        self, kind: _Kind[_R], ids: list[int], *, strict: bool, deadline: float | None
    ) -> _Outcome[_R]:
        call = self._call(deadline)
        records, missing, stale = self._from_cache(kind, ids)
        wanted = sorted(p for p in ids if p not in records and p not in missing)
        if not wanted:
            return _Outcome(records, missing=tuple(p for p in ids if p in missing))
        if self.offline:
            if strict:
                raise PubMedNotCachedError(
                    f"offline mode: {kind.prefix} for {_describe_ids(wanted)} is not in the cache"
                )
            return _Outcome(
                records,
                missing=tuple(p for p in ids if p in missing),
                not_cached=tuple(p for p in ids if p in set(wanted)),
            )
        failed: list[int] = []
        errors: list[str] = []
        batches = list(_chunks(wanted, self.batch_size))
        work = functools.partial(self._record_batch, kind, call=call)
        with contextlib.closing(self._run_batches(batches, work)) as outcomes:
            for batch, outcome in outcomes:
                try:
                    got, gone = outcome()
                except PubMedError as exc:
                    # An expired copy beats an error (a bad 200 included).
                    usable = {p: stale[p] for p in batch if p in stale}
                    if usable:
                        logger.debug("%s failed; serving %d stale record(s)", kind, len(usable))
                        records.update(self._parse_entries(kind, usable))
                    rest = [p for p in batch if p not in usable]
                    if not rest:
                        continue
                    if strict:
                        raise
                    failed.extend(rest)
                    errors.append(str(exc))
                    continue
                records.update(got)
                missing.update(gone)
        return _Outcome(
            records,
            missing=tuple(p for p in ids if p in missing),
            failed=tuple(p for p in ids if p in set(failed)),
            errors=tuple(errors),
        )

    def _from_cache(
        self, kind: _Kind[_R], ids: Sequence[int]
    ) -> tuple[dict[int, _R], set[int], dict[int, Entry]]:
        """Fresh cached records, PMIDs known to be missing, and expired entries."""
        entries = self._store.get_many([f"{kind.prefix}:{p}" for p in ids])
        usable: dict[int, Entry] = {}
        missing: set[int] = set()
        stale: dict[int, Entry] = {}
        for p in ids:
            entry = entries.get(f"{kind.prefix}:{p}")
            if entry is None:
                continue
            if not entry.fresh and not self.offline:
                if entry.value:
                    stale[p] = entry
            elif entry.value:
                usable[p] = entry
            else:
                missing.add(p)
        return self._parse_entries(kind, usable), missing, stale

    def _parse_entries(self, kind: _Kind[_R], entries: Mapping[int, Entry]) -> dict[int, _R]:
        if not entries:
            return {}
        body = kind.open_tag + b"".join(e.value for e in entries.values()) + kind.close_tag
        try:
            parsed = kind.parse(body, keep_xml=False)
        except PubMedResponseError:
            # A stored record this parser cannot read: drop it, it will be refetched.
            self._store.delete(f"{kind.prefix}:{p}" for p in entries)
            return {}
        return {record.pmid: record for record, _ in parsed if record.pmid in entries}

    def _record_batch(
        self,
        kind: _Kind[_R],
        batch: Sequence[int],
        stop: threading.Event | None = None,
        *,
        call: _Call,
    ) -> tuple[dict[int, _R], set[int]]:
        """Records for ``batch``: claim them, request what nobody else is requesting, wait
        for the rest. Returns (records, PMIDs PubMed confirmed it does not have)."""
        call = attrs.evolve(call, stop=stop)
        owner = new_owner()
        keys = {p: f"{kind.prefix}:{p}" for p in batch}
        records: dict[int, _R] = {}
        missing: set[int] = set()
        pending = list(batch)
        while pending:
            won = set(self._store.claim([keys[p] for p in pending], owner, _CLAIM_TTL))
            mine = [p for p in pending if keys[p] in won]
            try:
                if mine:
                    # Someone may have stored them between our cache read and the claim.
                    fresh, gone, _ = self._from_cache(kind, mine)
                    records.update(fresh)
                    missing.update(gone)
                    todo = [p for p in mine if p not in fresh and p not in gone]
                    if todo:
                        got, absent = self._request_records(kind, todo, call)
                        records.update(got)
                        missing.update(absent)
            finally:
                if won:
                    self._store.release(won, owner)
            pending = [p for p in pending if keys[p] not in won]
            if pending:
                pending = self._wait_for_others(kind, pending, records, missing, call)
        return records, missing

    def _wait_for_others(
        self,
        kind: _Kind[_R],
        pending: list[int],
        records: dict[int, _R],
        missing: set[int],
        call: _Call,
    ) -> list[int]:
        """Another caller is requesting ``pending``: wait until they are stored or the
        claim is gone (then the caller loop claims them itself)."""
        time.sleep(_CLAIM_POLL)
        while True:
            if call.stopped:
                raise PubMedError(f"{kind.prefix}: not sent (an earlier batch failed)")
            remaining = call.remaining()
            if remaining is not None and remaining <= 0:
                raise PubMedTimeoutError(
                    f"{kind.prefix} for {_describe_ids(pending)}: the call's deadline passed "
                    "while another caller was fetching these records"
                )
            fresh, gone, _ = self._from_cache(kind, pending)
            records.update(fresh)
            missing.update(gone)
            pending = [p for p in pending if p not in fresh and p not in gone]
            if not pending:
                return pending
            probe = new_owner()
            free = self._store.claim([f"{kind.prefix}:{p}" for p in pending], probe, 0.001)
            if free:
                self._store.release(free, probe)
                return pending  # the owner gave up on some: claim them ourselves
            time.sleep(_CLAIM_POLL)

    def _request_records(
        self, kind: _Kind[_R], ids: Sequence[int], call: _Call
    ) -> tuple[dict[int, _R], set[int]]:
        """Request ``ids`` (already claimed), ask once more for any PubMed left out,
        store the records and the confirmed-missing markers."""
        got = self._ask(kind, ids, call)
        omitted = [p for p in ids if p not in got]
        if omitted:
            # A well-formed answer may still leave records out; ask for those once more
            # before calling them missing (and only then remember them as missing).
            logger.debug("%s left out %s; asking once more", kind.prefix, _describe_ids(omitted))
            got.update(self._ask(kind, omitted, call))
        missing = {p for p in ids if p not in got}
        self._store.put_many(
            {f"{kind.prefix}:{p}": xml for p, (_, xml) in got.items()}, self.expire_after
        )
        if missing:
            self._store.put_many(
                dict.fromkeys((f"{kind.prefix}:{p}" for p in missing), b""),
                min(self.expire_after, seconds(MISSING_EXPIRE_AFTER)),
            )
        return {p: record for p, (record, _) in got.items()}, missing

    def _ask(self, kind: _Kind[_R], ids: Sequence[int], call: _Call) -> dict[int, tuple[_R, bytes]]:
        asked = set(ids)
        parsed = self._exchange(
            kind.endpoint,
            {**kind.params, "id": ",".join(map(str, ids))},
            what=f"{kind.prefix} for {_describe_ids(ids)}",
            parse=kind.parse,
            call=call,
        )
        return {record.pmid: (record, xml) for record, xml in parsed if record.pmid in asked}

    # --- whole answers (search, citation matching) -------------------------------------

    def _whole(
        self,
        endpoint: str,
        params: dict[str, str],
        *,
        what: str,
        parse: Callable[[bytes], _T],
        ttl: float,
        call: _Call,
    ) -> _T:
        key = f"{endpoint}:{_params_digest(params)}"
        entry = self._store.get_many([key]).get(key)
        if entry is not None and (entry.fresh or self.offline):
            with contextlib.suppress(PubMedResponseError):
                return parse(entry.value)
        if self.offline:
            raise PubMedNotCachedError(f"offline mode: {what} is not in the cache")
        body_box: list[bytes] = []

        def parse_and_keep(body: bytes) -> _T:
            value = parse(body)
            body_box.append(body)
            return value

        try:
            value = self._exchange(endpoint, params, what=what, parse=parse_and_keep, call=call)
        except PubMedError:
            if entry is not None:
                with contextlib.suppress(PubMedResponseError):
                    return parse(entry.value)
            raise
        self._store.put_many({key: body_box[-1]}, ttl)
        return value

    # --- HTTP --------------------------------------------------------------------------

    def _run_batches(
        self,
        batches: Sequence[Sequence[int]],
        work: Callable[[Sequence[int], threading.Event | None], _T],
    ) -> Generator[tuple[Sequence[int], Callable[[], _T]], None, None]:
        """Yield ``(batch, outcome)`` in batch order; ``outcome()`` returns or raises.

        With one worker (or one batch) nothing runs ahead: ``outcome()`` does the
        work in the caller's thread. Otherwise up to ``workers`` batches run in a
        private pool, started in order; requests still pass the shared limiter.
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

    def _exchange(
        self,
        endpoint: str,
        params: dict[str, str],
        *,
        what: str,
        parse: Callable[[bytes], _T],
        call: _Call,
    ) -> _T:
        """Send with retries until ``parse`` accepts a 200 answer; raise a PubMedError.

        Retries are done here, above the HTTP adapter: every retry passes the rate
        limiter again. A bad 200 (truncated, HTML, an error body) is retried like a
        5xx. Every message is redacted before it leaves this method.
        """
        if self._closed:
            raise RuntimeError("this PubMedClient is closed")
        policy = self.retry
        started = time.monotonic()
        error: PubMedError | None = None
        for attempt in range(1, policy.attempts + 1):
            if call.stopped:
                raise error or PubMedError(f"{what}: not sent (an earlier batch failed)")
            try:
                value = self._attempt(endpoint, params, what=what, parse=parse, call=call)
            except _Retryable as retryable:
                error = self._clean(retryable.error, attempt)
                if retryable.rate_limited:
                    self._limiter.rate_limited()
                delay = retryable.retry_after
                if delay is not None and delay > policy.max_retry_after:
                    raise _with_message(
                        error,
                        f"{error} (server asked to wait {delay:.0f}s; "
                        f"more than max_retry_after={policy.max_retry_after:g}s)",
                    ) from None
                if delay is None:
                    delay = policy.backoff(attempt)
            except _Stopped:
                raise error or PubMedError(f"{what}: not sent (an earlier batch failed)") from None
            except PubMedError as exc:
                raise self._clean(exc, attempt) from None
            else:
                self._limiter.succeeded()
                return value
            if attempt == policy.attempts:
                break
            spent = time.monotonic() - started
            if spent + delay > policy.budget:
                raise _with_message(
                    error, f"{error} (retry budget of {policy.budget:g}s used up)"
                ) from None
            remaining = call.remaining()
            if remaining is not None and delay >= remaining:
                raise PubMedTimeoutError(
                    f"the call's deadline passed; last error: {error}"
                ) from None
            logger.debug("%s failed (%s); retrying in %.2fs", endpoint, error, delay)
            if call.stop is None:
                time.sleep(delay)
            elif call.stop.wait(delay):
                break
        assert error is not None  # attempts >= 1, and every pass sets it or returns
        raise error

    def _clean(self, error: PubMedError, attempt: int) -> PubMedError:
        """The error with any API key removed and the attempt count filled in."""
        tries = f"after {attempt} attempt{'s' if attempt > 1 else ''}"
        text = str(error).replace(_TRIES, tries)
        if attempt > 1 and tries not in text:
            text += f" ({tries})"
        return _with_message(error, redact(text, self.__api_key))

    def _attempt(
        self,
        endpoint: str,
        params: dict[str, str],
        *,
        what: str,
        parse: Callable[[bytes], _T],
        call: _Call,
    ) -> _T:
        slot = self._limiter.acquire(deadline=call.deadline, stop=call.stop)
        logger.debug("POST %s (%s)", endpoint, what)
        reply = self._send(f"{self.base_url}/{endpoint}", params, what=what, call=call, slot=slot)
        if reply.status != 200:
            raise self._status_problem(reply, what)
        problem = body_problem(reply.body)
        if problem is not None:
            raise _Retryable(
                MalformedResponseError(f"{what}: {problem}"),
                rate_limited=bool(_RATE_LIMIT_TEXT.search(problem)),
            )
        try:
            return parse(reply.body)
        except MalformedResponseError as exc:
            raise _Retryable(exc) from None

    def _send(
        self, url: str, params: dict[str, str], *, what: str, call: _Call, slot: str
    ) -> _Reply:
        """One POST, the body read in chunks up to ``max_response_bytes``.

        The rate-limit ``slot`` is settled as soon as the headers arrive (or the
        send fails): the server has seen the request by then.

        The API key lives only in this frame, and only until the request is built:
        errors are raised after the ``except`` block, so no traceback or exception
        context keeps the request (or this frame's locals) alive.
        """
        failure: PubMedError | _Retryable | None = None
        response: requests.Response | None = None
        payload: dict[str, str] | None = {**params, **self._identity()}
        settled = False
        try:
            response = self._session.post(
                url, data=payload, timeout=self._timeout(call), stream=True
            )
            self._limiter.settle(slot)
            settled = True
            payload = None
            body = self._read(response, what=what, call=call)
            reply = _Reply(
                response.status_code, response.reason or "", dict(response.headers), body
            )
        except requests.Timeout as exc:
            failure = _Retryable(
                PubMedTimeoutError(
                    f"{what}: no answer within {self.timeout}s ({type(exc).__name__})"
                )
            )
        except (
            requests.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as exc:
            failure = _Retryable(PubMedNetworkError(f"{what}: {type(exc).__name__}: {exc}"))
        except requests.RequestException as exc:
            failure = PubMedNetworkError(f"{what}: {type(exc).__name__}: {exc}")
        except PubMedError as exc:
            failure = exc
        finally:
            payload = None
            if not settled:
                self._limiter.settle(slot)
            if response is not None:
                response.close()
        if failure is not None:
            if isinstance(failure, _Retryable):
                failure.error.__traceback__ = None
            else:
                failure.__traceback__ = None
            raise failure
        return reply

    def _timeout(self, call: _Call) -> float | tuple[float, float]:
        remaining = call.remaining()
        if remaining is None:
            return self.timeout
        if remaining <= 0:
            raise PubMedTimeoutError("the call's deadline passed before the request was sent")
        if isinstance(self.timeout, tuple):
            return (min(self.timeout[0], remaining), min(self.timeout[1], remaining))
        return min(self.timeout, remaining)

    def _read(self, response: requests.Response, *, what: str, call: _Call) -> bytes:
        cap = self.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if (
            declared.isdigit()
            and int(declared) > cap
            and not response.headers.get("Content-Encoding")
        ):
            raise PubMedResponseError(
                f"{what}: answer of {int(declared):,} bytes is larger than "
                f"max_response_bytes={cap:,}; refused"
            )
        parts: list[bytes] = []
        total = 0
        for chunk in response.iter_content(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise PubMedResponseError(
                    f"{what}: answer larger than max_response_bytes={cap:,} "
                    "(after decompression); refused"
                )
            parts.append(chunk)
            remaining = call.remaining()
            if remaining is not None and remaining <= 0:
                raise PubMedTimeoutError(f"{what}: the call's deadline passed while reading")
        return b"".join(parts)

    def _status_problem(self, reply: _Reply, what: str) -> PubMedError | _Retryable:
        status = reply.status
        detail = reply.body[:400].decode("utf-8", "replace").strip().replace("\n", " ")[:200]
        message = f"{what}: HTTP {status} {reply.reason}".rstrip() + f" {_TRIES}"
        if detail:
            message += f": {detail}"
        error: PubMedHTTPError
        if status == 429:
            error = PubMedRateLimitError(message, status=status)
        else:
            error = PubMedHTTPError(message, status=status)
        if status not in self.retry.statuses:
            return error
        return _Retryable(error, _retry_after(reply.headers), rate_limited=status == 429)

    def _identity(self) -> dict[str, str]:
        params = {"tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.__api_key:
            params["api_key"] = self.__api_key
        return params


def _with_message(error: PubMedError, message: str) -> PubMedError:
    if isinstance(error, PubMedHTTPError):
        return type(error)(message, status=error.status)
    return type(error)(message)


def _is_scalar_index(value: Any) -> bool:
    if isinstance(value, Iterable):
        return False
    try:
        operator.index(value)
    except TypeError:
        return False
    return True


def _is_shared_backend(cache: Any) -> bool:
    # A backend object the caller built stays open for the caller to close.
    return not (cache is True or cache is False or cache is None or isinstance(cache, str)) and (
        not hasattr(cache, "__fspath__")
    )


def _params_digest(params: Mapping[str, str]) -> str:
    text = json.dumps(sorted(params.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("Retry-After")
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
