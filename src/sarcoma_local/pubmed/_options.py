"""The caller's arguments, checked: client options, the retry policy, PMIDs, dates.

Every check runs before anything is opened or sent, and says what is allowed.
"""

from __future__ import annotations

import operator
import random
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from sarcoma_local._core.identifiers import parse_pmid

from ._ratelimit import policy_rate

__all__ = [
    "MAX_WORKERS",
    "RetryPolicy",
    "as_pmid",
    "check_options",
    "checked_rate",
    "date_param",
    "validated_pmids",
]

#: Upper bound for ``workers``: more threads cannot beat the rate limit, only wait on it.
MAX_WORKERS = 8
_TOOL = re.compile(r"[A-Za-z0-9._-]{1,64}")


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


def check_options(
    tool: str,
    email: str | None,
    batch_size: int,
    workers: int,
    max_response_bytes: int,
    call_timeout: float | None,
) -> None:
    """Refuse a bad option with a message saying what is allowed (before anything opens)."""
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


def checked_rate(api_key: str | None, requests_per_second: float | None) -> float:
    """The rate to keep: NCBI's for this kind of client, or a lower one the caller asked for."""
    allowed = policy_rate(api_key)
    rate = allowed if requests_per_second is None else requests_per_second
    if not 0 < rate <= allowed:
        # The client exists to keep callers inside NCBI's policy; never above it.
        raise ValueError(
            f"requests_per_second must be in (0, {allowed:g}] "
            f"({'with' if api_key else 'without'} an API key), got {rate!r}"
        )
    return rate


def date_param(value: int | date) -> str:
    """A year or a ``date`` as ESearch's ``mindate``/``maxdate`` text."""
    if isinstance(value, date):
        return value.strftime("%Y/%m/%d")
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        raise ValueError(f"expected a year (YYYY) or a datetime.date, got {value!r}")
    return str(value)


def as_pmid(value: Any) -> int:
    """A PMID from an int, a numeric string or any integer type (``numpy.int64``)."""
    if isinstance(value, int | str | bytes):
        return parse_pmid(value)
    try:
        number = operator.index(value)
    except TypeError:
        return parse_pmid(value)  # raises InvalidIdentifierError, saying what was wrong
    return parse_pmid(number)


def _is_scalar_index(value: Any) -> bool:
    if isinstance(value, Iterable):
        return False
    try:
        operator.index(value)
    except TypeError:
        return False
    return True


def validated_pmids(pmids: Iterable[Any]) -> list[int]:
    """Every PMID checked before anything is sent; input order kept, repeats dropped."""
    if isinstance(pmids, str | int) or _is_scalar_index(pmids):
        raise TypeError("pass a list of PMIDs, e.g. fetch([3973646]), not a single value")
    return list(dict.fromkeys(as_pmid(p) for p in pmids))
