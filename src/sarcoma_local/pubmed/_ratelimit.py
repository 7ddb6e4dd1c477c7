"""The NCBI rate limit, held at the server: never more than N requests in any 1-second window.

NCBI allows 3 requests/s per IP without an API key and 10/s with one. The
limiter keeps a log of send times (a sliding window) in one of three places:

* a small file guarded by an OS file lock (the **default**): every process of
  one host sharing the file shares the budget. The file is per E-utilities host
  and per kind of client (with / without a key), in the user cache directory;
* a Redis sorted set (``rate_limit_store=redis.Redis(...)``), for several hosts;
  the window is computed with the Redis server's clock (``TIME``), so host
  clocks need not agree;
* memory (``rate_limit_store=False``): one process only.

A request takes its slot when it is sent and holds it *in flight* until the
answer's headers arrive; only then is it stamped, with that time. The server
saw the request before it answered, so a stamp is never earlier than the
arrival it stands for, whatever the scheduler did in between: the next request
over the limit waits a full window after it. (Stamping when a request is
admitted, or with the computed wake-up time, lets jitter on a loaded host put
4-5 arrivals into one server-side second.) The cost is the answer's latency per
slot: with a key, 10 requests per (1 s + latency).

After a 429 (or NCBI's "API rate limit exceeded" inside a 200) the limiter
fills the window, so the next request waits a full window; from the second
429 (until the client has recovered) the client also spaces its own sends
evenly, ``slowdown x window / count`` apart (no more bursts): each 429 doubles
the slow-down, up to 8x, and every success takes 3% off it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

from sarcoma_local._core.errors import PubMedTimeoutError

from ._sendlog import FileLog, Log, MemoryLog, RedisLog

__all__ = [
    "DEFAULT_MARGIN",
    "RATE_WITHOUT_KEY",
    "RATE_WITH_KEY",
    "RateLimitStore",
    "RateLimiter",
    "build_limiter",
    "default_limiter_path",
    "policy_rate",
]

logger = logging.getLogger(__name__)

#: NCBI E-utilities policy: requests per second per IP address, without / with an API key.
RATE_WITHOUT_KEY = 3.0
RATE_WITH_KEY = 10.0
#: Seconds added to every 1-second window (clock resolution; the stamp is taken after
#: the server has seen the request, so scheduler jitter needs no allowance).
DEFAULT_MARGIN = 0.02
#: Most a run of 429s slows this client down (spacing x 8).
MAX_SLOWDOWN = 8.0

#: Where the send log lives: None (default: a file per host in the user cache dir), a
#: file path (processes sharing it share the budget), a redis.Redis (several hosts), or
#: False (this process only).
RateLimitStore = str | os.PathLike[str] | Any | None

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def policy_rate(api_key: str | None) -> float:
    """Requests per second NCBI allows: 10 with an API key, 3 without."""
    return RATE_WITH_KEY if api_key else RATE_WITHOUT_KEY


def default_limiter_path(host: str, keyed: bool) -> Path:
    """``<user cache dir>/sarcoma-local/ratelimit/<host>-<keyed|keyless>.log``."""
    name = _SAFE_NAME.sub("_", host.lower()) + ("-keyed" if keyed else "-keyless")
    return platformdirs.user_cache_path("sarcoma-local") / "ratelimit" / f"{name}.log"


class RateLimiter:
    """Admit at most ``count`` sends per ``window`` seconds, across everyone sharing ``log``.

    :meth:`acquire` returns when this request may go and has been stamped; send
    it right away. Threads of one process queue on an in-process lock first, so
    only one of them at a time touches the shared log.
    """

    def __init__(
        self, per_second: float, log: Log, *, kind: str, margin: float = DEFAULT_MARGIN
    ) -> None:
        if per_second <= 0:
            raise ValueError(f"per_second must be positive, got {per_second!r}")
        # 2.5/s is 5 per 2 s: the log counts whole requests.
        count, seconds = _as_ratio(per_second)
        self.count = count
        self.base_window = seconds + margin
        self.kind = kind
        self._log = log
        self._lock = threading.Lock()
        self._slowdown = 1.0
        self._strikes = 0
        self._last_send = 0.0
        self._closed = False

    @property
    def window(self) -> float:
        """The sliding window of the shared log (1 s + margin)."""
        return self.base_window

    @property
    def spacing(self) -> float:
        """Least time between two sends of this client: 0 normally; after 429s
        ``slowdown x window / count``, so a slowed client also stops sending bursts."""
        if self._slowdown <= 1.0:
            return 0.0
        return self._slowdown * self.base_window / self.count

    @property
    def slowdown(self) -> float:
        """1.0 normally; up to 8 after a run of 429s."""
        return self._slowdown

    def acquire(self, *, deadline: float | None = None, stop: threading.Event | None = None) -> str:
        """Block until a slot is free and take it; return its token for :meth:`settle`.

        ``deadline`` is a ``time.monotonic()``. The slot counts as in flight (it
        blocks the window) until :meth:`settle` stamps it.
        """
        token = uuid.uuid4().hex
        while True:
            if stop is not None and stop.is_set():
                raise _Stopped
            if not self._lock.acquire(timeout=_remaining(deadline, 0.2)):
                _check_deadline(deadline)
                continue
            try:
                wait = self._last_send + self.spacing - time.monotonic()
                if wait <= 0:
                    wait = self._log.admit(self.count, self.window, token)
                while wait > 0:
                    if deadline is not None and time.monotonic() + wait > deadline:
                        raise PubMedTimeoutError(
                            "the call's deadline would pass while waiting for the rate limit"
                        )
                    if stop is not None and stop.wait(wait):
                        raise _Stopped
                    if stop is None:
                        time.sleep(wait)
                    wait = self._last_send + self.spacing - time.monotonic()
                    if wait <= 0:
                        wait = self._log.admit(self.count, self.window, token)
                self._last_send = time.monotonic()
                return token
            finally:
                self._lock.release()

    def settle(self, token: str) -> None:
        """The answer's headers arrived: stamp the send now (after its arrival at the server)."""
        self._log.settle(token)

    def rate_limited(self) -> None:
        """The server answered 429: fill the window and slow this client down."""
        self._strikes += 1
        self._slowdown = min(MAX_SLOWDOWN, max(self._slowdown, 2.0 ** (self._strikes - 1)))
        self._log.fill(self.count)
        logger.debug("rate limited by the server; spacing x%g", self._slowdown)

    def succeeded(self) -> None:
        """A request went through: recover a little of the rate lost to 429s."""
        # Recover slowly (3% per success): a server that allows less than the policy
        # would otherwise be pushed back over its limit after a few good answers.
        self._slowdown = max(1.0, self._slowdown * 0.97)
        if self._slowdown == 1.0:
            self._strikes = 0

    def close(self) -> None:
        self._closed = True
        self._log.close()

    def __repr__(self) -> str:
        return f"RateLimiter({self.count} per {self.window:.2f} s, {self.kind})"


class _Stopped(Exception):
    """The call this request belongs to has already failed: do not send."""


def _as_ratio(per_second: float) -> tuple[int, float]:
    from fractions import Fraction

    fraction = Fraction(per_second).limit_denominator(100)
    return fraction.numerator, float(fraction.denominator)


def _remaining(deadline: float | None, cap: float) -> float:
    if deadline is None:
        return cap
    return max(0.0, min(cap, deadline - time.monotonic()))


def _check_deadline(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() >= deadline:
        raise PubMedTimeoutError("the call's deadline passed while waiting for the rate limit")


def build_limiter(
    per_second: float,
    store: RateLimitStore = None,
    *,
    host: str = "eutils.ncbi.nlm.nih.gov",
    keyed: bool = False,
    margin: float = DEFAULT_MARGIN,
    default_path: Callable[[str, bool], Path] = default_limiter_path,
) -> RateLimiter:
    """A limiter for ``per_second`` requests/s on ``host``; see the module docstring.

    Clients with and without an API key never share a log: NCBI counts them apart.
    """
    log: Log
    suffix = "keyed" if keyed else "keyless"
    if store is None:
        path = default_path(host, keyed)
        log, kind = FileLog(path), f"file {path}"
    elif store is False:
        log, kind = MemoryLog(), "memory"
    elif isinstance(store, str | os.PathLike):
        base = Path(store)
        path = base.with_name(f"{base.name}.{suffix}")
        log, kind = FileLog(path), f"file {path}"
    elif hasattr(store, "register_script"):
        key = f"sarcoma-local:ratelimit:{host.lower()}:{suffix}"
        log, kind = RedisLog(store, key), f"redis {key}"
    else:
        raise TypeError(
            "rate_limit_store must be None (a file per host), False (this process only), "
            f"a file path or a redis.Redis client; got {type(store).__name__}"
        )
    limiter = RateLimiter(per_second, log, kind=kind, margin=margin)
    logger.debug("%r", limiter)
    return limiter
