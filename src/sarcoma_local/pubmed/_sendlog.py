"""The shared send logs behind the rate limiter: memory, a locked file, or Redis.

Each log records sends as *in flight* when admitted and stamps them when their
answer's headers arrive (see :mod:`._ratelimit` for why); ``fill`` marks the
window used up after a 429.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import filelock

__all__ = ["IN_FLIGHT", "POLL", "FileLog", "Log", "MemoryLog", "RedisLog"]

#: How long an unsettled send blocks its slot (a process that died mid-request).
IN_FLIGHT = 30.0
POLL = 0.005


class Log(Protocol):
    """A shared send log.

    ``admit`` records a send as *in flight* and returns 0, or returns seconds to
    wait; ``settle`` stamps a send with the time its answer's headers arrived.
    """

    def admit(self, count: int, window: float, token: str) -> float: ...

    def settle(self, token: str) -> None: ...

    def fill(self, count: int) -> None: ...

    def close(self) -> None: ...


def _wait(times: list[float], count: int, window: float, now: float) -> float:
    """Seconds until fewer than ``count`` of ``times`` lie in the window ending now.

    An in-flight send (its time is in the future) blocks its slot until it settles:
    poll for that.
    """
    live = sorted(t for t in times if t > now - window)
    if len(live) < count:
        return 0.0
    blocking = live[len(live) - count]
    if blocking > now:
        return POLL
    return blocking + window - now


class MemoryLog:
    def __init__(self) -> None:
        self._times: dict[str, float] = {}
        self._lock = threading.Lock()

    def admit(self, count: int, window: float, token: str) -> float:
        now = time.time()
        with self._lock:
            for key in [k for k, t in self._times.items() if t <= now - window]:
                del self._times[key]
            wait = _wait(list(self._times.values()), count, window, now)
            if wait == 0.0:
                self._times[token] = now + IN_FLIGHT
            return wait

    def settle(self, token: str) -> None:
        with self._lock:
            if token in self._times:
                self._times[token] = time.time()

    def fill(self, count: int) -> None:
        now = time.time()
        with self._lock:
            for _ in range(count):
                self._times[uuid.uuid4().hex] = now

    def close(self) -> None:
        pass


class FileLog:
    """``token time`` lines (``time.time()``) in a file; every change under a file lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file_lock = filelock.FileLock(str(path) + ".lock", thread_local=False)
        # filelock is re-entrant per object, not per thread: threads need their own lock.
        self._thread_lock = threading.Lock()

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        with self._thread_lock, self._file_lock:
            yield

    def _read(self) -> dict[str, float]:
        try:
            text = self.path.read_text()
        except FileNotFoundError:
            return {}
        times: dict[str, float] = {}
        for line in text.splitlines():
            token, _, stamp = line.partition(" ")
            with contextlib.suppress(ValueError):
                times[token] = float(stamp)
        return times

    def _write(self, times: dict[str, float], window: float, now: float) -> None:
        keep = {k: t for k, t in times.items() if t > now - max(window, 10.0)}
        self.path.write_text("".join(f"{k} {t:.6f}\n" for k, t in keep.items()))

    def admit(self, count: int, window: float, token: str) -> float:
        with self._lock():
            now = time.time()
            times = self._read()
            wait = _wait(list(times.values()), count, window, now)
            if wait == 0.0:
                times[token] = now + IN_FLIGHT
                self._write(times, window, now)
            return wait

    def settle(self, token: str) -> None:
        with self._lock():
            times = self._read()
            if token in times:
                now = time.time()
                times[token] = now
                self._write(times, 0.0, now)

    def fill(self, count: int) -> None:
        with self._lock():
            now = time.time()
            times = self._read()
            times.update({uuid.uuid4().hex: now for _ in range(count)})
            self._write(times, 0.0, now)

    def close(self) -> None:
        pass


_REDIS_ADMIT = """
local key = KEYS[1]
local count = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local used = redis.call('ZCARD', key)
if used < count then
  redis.call('ZADD', key, now + tonumber(ARGV[4]), ARGV[3])
  redis.call('PEXPIRE', key, 120000)
  return 0
end
local times = redis.call('ZRANGE', key, used - count, used - count, 'WITHSCORES')
local blocking = tonumber(times[2])
if blocking > now then
  return tonumber(ARGV[5])
end
return blocking + window - now
"""

_REDIS_SETTLE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
return 0
"""

_REDIS_FILL = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
for i = 1, tonumber(ARGV[1]) do
  redis.call('ZADD', KEYS[1], now, ARGV[2] .. ':fill:' .. i .. ':' .. now)
end
return 0
"""


class RedisLog:
    """A sorted set of send times in microseconds of the Redis server's clock."""

    def __init__(self, connection: Any, key: str) -> None:
        self._key = key
        self._admit = connection.register_script(_REDIS_ADMIT)
        self._settle = connection.register_script(_REDIS_SETTLE)
        self._fill = connection.register_script(_REDIS_FILL)
        self._me = uuid.uuid4().hex

    def admit(self, count: int, window: float, token: str) -> float:
        wait = self._admit(
            keys=[self._key],
            args=[
                count,
                int(window * 1_000_000),
                token,
                int(IN_FLIGHT * 1_000_000),
                int(POLL * 1_000_000),
            ],
        )
        return max(0.0, int(wait) / 1_000_000)

    def settle(self, token: str) -> None:
        self._settle(keys=[self._key], args=[token])

    def fill(self, count: int) -> None:
        self._fill(keys=[self._key], args=[count, self._me])

    def close(self) -> None:
        pass
