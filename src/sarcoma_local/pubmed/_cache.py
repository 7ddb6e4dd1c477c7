"""The HTTP session: requests-cache in front of the rate limiter in front of requests.

Order matters: ``CacheMixin`` answers hits before ``LimiterMixin`` is reached, so
cache hits never use the rate budget.

The cache key is ours (:func:`cache_key`), not requests-cache's default, because
the default (a) keeps a ``REDACTED`` placeholder for ``api_key`` so a request with
a key and one without get different keys, (b) does not ignore ``tool``/``email``,
(c) sees ``id=1,2`` and ``id=2,1`` as different. ``ignored_parameters`` is still
set, so the copy of the request stored beside each response is redacted and the
API key is never written to the cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import parse_qsl, urlsplit

import platformdirs
from requests import PreparedRequest, Response, Session
from requests_cache import CacheMixin
from requests_cache.backends.base import BaseCache
from requests_cache.backends.sqlite import SQLiteCache
from requests_ratelimiter import LimiterMixin

from ._parse import check_xml_body

__all__ = [
    "DEFAULT_EXPIRE_AFTER",
    "IGNORED_PARAMETERS",
    "SEARCH_EXPIRE_AFTER",
    "CacheSpec",
    "PubMedSession",
    "cache_key",
    "default_cache_path",
    "is_cacheable",
    "make_backend",
]

logger = logging.getLogger(__name__)

#: Parameters that identify the caller, not the question: never part of a cache key.
IGNORED_PARAMETERS = ("api_key", "tool", "email")
#: Records change rarely (corrections, MeSH indexing); searches change daily.
DEFAULT_EXPIRE_AFTER = timedelta(days=30)
SEARCH_EXPIRE_AFTER = timedelta(days=1)

#: ``True`` -> SQLite file in the user cache dir; ``False`` -> no cache; a path ->
#: SQLite file there; or any requests-cache backend instance (e.g. RedisCache).
CacheSpec: TypeAlias = bool | str | os.PathLike[str] | BaseCache


def default_cache_path() -> Path:
    """``<user cache dir>/sarcoma-local/pubmed-http-cache.sqlite`` (platformdirs)."""
    return platformdirs.user_cache_path("sarcoma-local") / "pubmed-http-cache.sqlite"


def make_backend(cache: CacheSpec) -> BaseCache | None:
    """The requests-cache backend for ``cache`` (None when caching is off)."""
    if isinstance(cache, BaseCache):
        return cache
    if cache is False:
        return None
    path = default_cache_path() if cache is True else Path(cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    # WAL + busy_timeout: several worker processes may read and write one file.
    return SQLiteCache(path, wal=True, busy_timeout=30_000)


def _normalised_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for name, value in parse_qsl(text, keep_blank_values=True):
        if name in IGNORED_PARAMETERS:
            continue
        if name == "id":
            # ID order (and repeats) must not split the key.
            ids = sorted({part.strip() for part in value.split(",") if part.strip()})
            value = ",".join(ids)
        pairs.append((name, value))
    return sorted(pairs)


def cache_key(request: PreparedRequest, **_: Any) -> str:
    """Key = method + URL path + sorted parameters (URL and form body), minus
    ``api_key``/``tool``/``email``, with ``id`` lists sorted.

    >>> from requests import Request
    >>> a = Request("POST", "https://x/efetch.fcgi", data={"id": "2,1", "api_key": "s"}).prepare()
    >>> b = Request("POST", "https://x/efetch.fcgi", data={"id": "1,2", "email": "e"}).prepare()
    >>> cache_key(a) == cache_key(b)
    True
    """
    parts = urlsplit(request.url or "")
    body = request.body or b""
    body_text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    digest = hashlib.sha256()
    for piece in (
        (request.method or "GET").upper(),
        f"{parts.scheme}://{parts.netloc.lower()}{parts.path}",
        repr(_normalised_pairs(parts.query)),
        repr(_normalised_pairs(body_text)),
    ):
        digest.update(piece.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def is_cacheable(response: Response) -> bool:
    """Only complete, error-free 200 answers are stored (NCBI sends errors with 200)."""
    if response.status_code != 200:
        return False
    return check_xml_body(response.content)


class PubMedSession(CacheMixin, LimiterMixin, Session):
    """requests.Session + cache (checked first) + rate limiter (only for real requests)."""


def build_session(
    *,
    backend: BaseCache | None,
    limiter: Any,
    base_url: str,
    expire_after: timedelta | int,
    search_expire_after: timedelta | int,
    offline: bool,
    user_agent: str,
    extra_urls_expire_after: Mapping[str, timedelta | int] | None = None,
) -> PubMedSession:
    """Assemble the session; ``limiter`` is a pyrate-limiter Limiter the caller closes."""
    host_path = base_url.split("://", 1)[-1].rstrip("/")
    urls_expire_after: dict[str | re.Pattern[Any], Any] = {
        f"{host_path}/esearch.fcgi": search_expire_after,
    }
    if extra_urls_expire_after:
        urls_expire_after.update(extra_urls_expire_after)
    session = PubMedSession(
        backend=backend if backend is not None else "memory",
        expire_after=expire_after,
        urls_expire_after=urls_expire_after,
        allowable_methods=("GET", "POST"),
        allowable_codes=(200,),
        ignored_parameters=IGNORED_PARAMETERS,
        key_fn=cache_key,
        filter_fn=is_cacheable,
        # An expired record is better than none when NCBI is down; errors are never stored.
        stale_if_error=True,
        only_if_cached=offline,
        limiter=limiter,
        per_host=False,
        bucket_name="ncbi_eutils",
        limit_statuses=(429,),
    )
    if backend is None:
        session.settings.disabled = True
    session.headers["User-Agent"] = user_agent
    return session


def sorted_unique(ids: Iterable[int]) -> list[int]:
    """PMIDs sorted and de-duplicated, so equal questions build equal requests."""
    return sorted(set(ids))
