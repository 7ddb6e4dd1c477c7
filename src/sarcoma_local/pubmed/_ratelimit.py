"""The NCBI rate limit as a pyrate-limiter ``Limiter``, in-process or shared.

NCBI allows 3 requests/s per IP without an API key and 10/s with one. The limit
is enforced on the client side with a sliding-window log (pyrate-limiter), so
no 1-second window ever holds more than the allowed number of requests:

* in one process: an in-memory bucket, shared by every thread of the client;
* several processes on one host: a SQLite bucket file guarded by a file lock
  (``rate_limit_store=<path>``);
* several hosts: a Redis bucket (``rate_limit_store=redis.Redis(...)``).

The window is slightly longer than one second (``margin_ms``) because the
limiter stamps a request when it is admitted, not when the server receives it;
scheduler jitter would otherwise let two windows' worth of requests land inside
one server-side second.
"""

from __future__ import annotations

import logging
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

from pyrate_limiter import InMemoryBucket, Limiter, Rate, RedisBucket, SQLiteBucket

__all__ = [
    "DEFAULT_MARGIN_MS",
    "RATE_WITHOUT_KEY",
    "RATE_WITH_KEY",
    "RateLimitStore",
    "build_limiter",
    "policy_rate",
]

logger = logging.getLogger(__name__)

#: NCBI E-utilities policy: requests per second per IP address, without / with an API key.
RATE_WITHOUT_KEY = 3.0
RATE_WITH_KEY = 10.0
#: Extra milliseconds added to every 1-second window; costs under 10% of throughput.
DEFAULT_MARGIN_MS = 100
# The limiter adds this many ms to each computed wait (pyrate-limiter's default is 50).
_BUFFER_MS = 20

#: Where the bucket lives: None (this client only), a SQLite file path, or a redis.Redis.
RateLimitStore = str | os.PathLike[str] | Any | None


def policy_rate(api_key: str | None) -> float:
    """Requests per second NCBI allows: 10 with an API key, 3 without."""
    return RATE_WITH_KEY if api_key else RATE_WITHOUT_KEY


def _rates(per_second: float, margin_ms: int) -> list[Rate]:
    # 2.5/s becomes 5 per 2000 ms (+ margin): pyrate-limiter needs whole numbers.
    fraction = Fraction(per_second).limit_denominator(100)
    return [Rate(fraction.numerator, 1000 * fraction.denominator + margin_ms)]


def build_limiter(
    per_second: float,
    store: RateLimitStore = None,
    *,
    bucket_name: str = "ncbi_eutils",
    margin_ms: int = DEFAULT_MARGIN_MS,
) -> Limiter:
    """A limiter admitting ``per_second`` requests per (1 s + margin) window.

    ``store`` selects the bucket: None -> in memory; a path -> SQLite with a file
    lock (every process using the same path shares the budget); a ``redis.Redis``
    client -> Redis sorted set ``bucket_name`` (every host using the same Redis
    and name shares the budget). Close the limiter (``limiter.close()``) to stop its
    background leak thread.
    """
    if per_second <= 0:
        raise ValueError(f"per_second must be positive, got {per_second!r}")
    rates = _rates(per_second, margin_ms)
    bucket: Any
    if store is None:
        bucket = InMemoryBucket(rates)
        kind = "memory"
    elif isinstance(store, str | os.PathLike):
        path = Path(store)
        path.parent.mkdir(parents=True, exist_ok=True)
        # use_file_lock: count-then-insert runs under an OS file lock, so several
        # processes cannot each see "2 of 3 used" and both go (PyrateLimiter #60/#61).
        bucket = SQLiteBucket.init_from_file(
            rates=rates, table=bucket_name, db_path=str(path), use_file_lock=True
        )
        kind = "sqlite"
    elif hasattr(store, "script_load"):
        bucket = RedisBucket.init(rates=rates, redis=store, bucket_key=bucket_name)
        kind = "redis"
    else:
        raise TypeError(
            "rate_limit_store must be None, a path to a SQLite file or a redis.Redis client; "
            f"got {type(store).__name__}"
        )
    logger.debug("rate limiter: %s bucket, %s", kind, rates)
    return Limiter(bucket, buffer_ms=_BUFFER_MS)
