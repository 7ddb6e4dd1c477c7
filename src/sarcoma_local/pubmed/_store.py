"""The client's cache: one entry per record (its own XML), in SQLite, Redis or memory.

Entries are ``key -> (value, stored_at, expires_at)``. A record entry's key is
``efetch:<pmid>`` or ``esummary:<pmid>``; its value is the record's XML
(``<PubmedArticle>...``, ``<DocSum>...``), so a parser upgrade needs no refetch,
or ``b""`` for "PubMed has no such record" (stored only after a re-check).
Searches and citation matches are stored whole under a hash of the question.

An expired entry is kept (Redis: for ``STALE_KEEP`` more) so that it can be
served when PubMed cannot be reached; only a good answer replaces it.

``claim``/``release`` let concurrent callers (threads, processes, hosts) agree
that only one of them requests a missing record: the others wait for it to
appear. Claims expire, so a crashed owner delays others but never blocks them.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import threading
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import attrs
import filelock
import platformdirs

__all__ = [
    "CacheSpec",
    "Entry",
    "MemoryStore",
    "NullStore",
    "RedisStore",
    "SQLiteStore",
    "Store",
    "default_cache_path",
    "make_store",
]

#: ``True`` -> SQLite file in the user cache dir; ``False`` -> no cache; a path ->
#: SQLite file there; a ``redis.Redis`` client; or a requests-cache backend (its SQLite
#: file or Redis connection is reused).
CacheSpec: TypeAlias = bool | str | os.PathLike[str] | Any

#: How long Redis keeps an entry after it expires (stale copies for outages).
STALE_KEEP = 365 * 24 * 3600
_SQLITE_CHUNK = 500
_HEADER = struct.Struct("!dd")


def default_cache_path() -> Path:
    """``<user cache dir>/sarcoma-local/pubmed-cache.sqlite`` (platformdirs)."""
    return platformdirs.user_cache_path("sarcoma-local") / "pubmed-cache.sqlite"


@attrs.frozen
class Entry:
    """One cached value; ``fresh`` until ``expires_at`` (a ``time.time()``)."""

    value: bytes
    stored_at: float
    expires_at: float

    @property
    def fresh(self) -> bool:
        return time.time() < self.expires_at


class Store(Protocol):
    """What the client needs from a cache backend."""

    def get_many(self, keys: Sequence[str]) -> dict[str, Entry]: ...

    def put_many(self, values: Mapping[str, bytes], ttl: float) -> None: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def claim(self, keys: Sequence[str], owner: str, ttl: float) -> list[str]: ...

    def release(self, keys: Iterable[str], owner: str) -> None: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...


class MemoryStore:
    """A dict, for ``cache=False`` (nothing outlives the client) and tests."""

    def __init__(self) -> None:
        self._data: dict[str, Entry] = {}
        self._claims: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, Entry]:
        with self._lock:
            return {k: self._data[k] for k in keys if k in self._data}

    def put_many(self, values: Mapping[str, bytes], ttl: float) -> None:
        now = time.time()
        with self._lock:
            for key, value in values.items():
                self._data[key] = Entry(value, now, now + ttl)

    def delete(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._data.pop(key, None)

    def claim(self, keys: Sequence[str], owner: str, ttl: float) -> list[str]:
        now = time.monotonic()
        won = []
        with self._lock:
            for key in keys:
                holder = self._claims.get(key)
                if holder is None or holder[1] < now or holder[0] == owner:
                    self._claims[key] = (owner, now + ttl)
                    won.append(key)
        return won

    def release(self, keys: Iterable[str], owner: str) -> None:
        with self._lock:
            for key in keys:
                if self._claims.get(key, ("",))[0] == owner:
                    del self._claims[key]

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def close(self) -> None:
        pass

    def __len__(self) -> int:
        return len(self._data)


class NullStore(MemoryStore):
    """``cache=False``: nothing is kept (claims still work, so threads do not duplicate)."""

    def put_many(self, values: Mapping[str, bytes], ttl: float) -> None:
        pass


class SQLiteStore:
    """A SQLite file (WAL, 30 s busy timeout) that several processes of one host may share."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            self.path, timeout=30.0, check_same_thread=False, isolation_level=None
        )
        # Several processes opening a new file at once: switching it to WAL needs an
        # exclusive lock that SQLite's busy timeout does not wait for. Take turns.
        with filelock.FileLock(str(self.path) + ".init.lock", timeout=60):
            self._setup()

    def _setup(self) -> None:
        if self._db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS pubmed_entries"
            " (key TEXT PRIMARY KEY, value BLOB NOT NULL, stored REAL, expires REAL)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS pubmed_claims"
            " (key TEXT PRIMARY KEY, owner TEXT, until REAL)"
        )

    def get_many(self, keys: Sequence[str]) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        with self._lock:
            for start in range(0, len(keys), _SQLITE_CHUNK):
                chunk = keys[start : start + _SQLITE_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT key, value, stored, expires FROM pubmed_entries"  # noqa: S608
                    f" WHERE key IN ({marks})",
                    tuple(chunk),
                )
                for key, value, stored, expires in rows:
                    found[key] = Entry(bytes(value), stored, expires)
        return found

    def put_many(self, values: Mapping[str, bytes], ttl: float) -> None:
        now = time.time()
        rows = [(k, v, now, now + ttl) for k, v in values.items()]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO pubmed_entries VALUES (?, ?, ?, ?)", rows
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def delete(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM pubmed_entries WHERE key = ?", [(k,) for k in keys])

    def claim(self, keys: Sequence[str], owner: str, ttl: float) -> list[str]:
        now = time.time()
        won: list[str] = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for key in keys:
                    row = self._db.execute(
                        "SELECT owner, until FROM pubmed_claims WHERE key = ?", (key,)
                    ).fetchone()
                    if row is None or row[1] < now or row[0] == owner:
                        self._db.execute(
                            "INSERT OR REPLACE INTO pubmed_claims VALUES (?, ?, ?)",
                            (key, owner, now + ttl),
                        )
                        won.append(key)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return won

    def release(self, keys: Iterable[str], owner: str) -> None:
        with self._lock:
            self._db.executemany(
                "DELETE FROM pubmed_claims WHERE key = ? AND owner = ?",
                [(k, owner) for k in keys],
            )

    def clear(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM pubmed_entries")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT count(*) FROM pubmed_entries").fetchone()
        return int(count)


class RedisStore:
    """Entries under ``<namespace>:<key>``: 16 bytes of (stored, expires), then the value."""

    def __init__(self, connection: Any, namespace: str = "sarcoma-local:pubmed") -> None:
        self._redis = connection
        self._ns = namespace

    def _k(self, key: str) -> str:
        return f"{self._ns}:{key}"

    def get_many(self, keys: Sequence[str]) -> dict[str, Entry]:
        if not keys:
            return {}
        found: dict[str, Entry] = {}
        for key, raw in zip(keys, self._redis.mget([self._k(k) for k in keys]), strict=True):
            if raw is not None and len(raw) >= _HEADER.size:
                stored, expires = _HEADER.unpack_from(raw)
                found[key] = Entry(bytes(raw[_HEADER.size :]), stored, expires)
        return found

    def put_many(self, values: Mapping[str, bytes], ttl: float) -> None:
        now = time.time()
        pipe = self._redis.pipeline()
        for key, value in values.items():
            pipe.set(self._k(key), _HEADER.pack(now, now + ttl) + value, ex=int(ttl) + STALE_KEEP)
        pipe.execute()

    def delete(self, keys: Iterable[str]) -> None:
        names = [self._k(k) for k in keys]
        if names:
            self._redis.delete(*names)

    def claim(self, keys: Sequence[str], owner: str, ttl: float) -> list[str]:
        pipe = self._redis.pipeline()
        for key in keys:
            pipe.set(self._k("claim:" + key), owner, nx=True, px=int(ttl * 1000))
        results = pipe.execute()
        won = [k for k, ok in zip(keys, results, strict=True) if ok]
        if len(won) < len(keys):
            held = self._redis.mget([self._k("claim:" + k) for k in keys])
            won = [k for k, h in zip(keys, held, strict=True) if h in (owner, owner.encode())]
        return won

    def release(self, keys: Iterable[str], owner: str) -> None:
        for key in keys:
            name = self._k("claim:" + key)
            if self._redis.get(name) in (owner, owner.encode()):
                self._redis.delete(name)

    def clear(self) -> None:
        for name in self._redis.scan_iter(match=f"{self._ns}:*"):
            self._redis.delete(name)

    def close(self) -> None:
        pass


def new_owner() -> str:
    """A claim owner id unique across threads, processes and hosts."""
    return uuid.uuid4().hex


def make_store(cache: CacheSpec) -> Store:
    """The store for the ``cache`` argument of :class:`PubMedClient`."""
    if cache is True:
        return SQLiteStore(default_cache_path())
    if cache is False or cache is None:
        return NullStore()
    if isinstance(cache, str | os.PathLike):
        return SQLiteStore(cache)
    if hasattr(cache, "mget") and hasattr(cache, "pipeline"):
        return RedisStore(cache)
    if isinstance(cache, MemoryStore | SQLiteStore | RedisStore):
        return cache
    return _from_requests_cache(cache)


def _from_requests_cache(backend: Any) -> Store:
    # Earlier versions took a requests-cache backend; reuse its file or connection.
    responses = getattr(backend, "responses", None)
    connection = getattr(responses, "connection", None)
    if connection is not None and hasattr(connection, "mget"):
        namespace = getattr(responses, "namespace", "sarcoma-local")
        return RedisStore(connection, namespace=f"{namespace}:records")
    db_path = getattr(responses, "db_path", None)
    if db_path and str(db_path) != ":memory:":
        return SQLiteStore(db_path)
    if responses is not None:
        store: Store | None = getattr(backend, "_sarcoma_local_store", None)
        if store is None:
            store = MemoryStore()
            backend._sarcoma_local_store = store  # clients sharing the backend share it
        return store
    raise TypeError(
        "cache must be True, False, a file path, a redis.Redis client or a requests-cache "
        f"backend; got {type(backend).__name__}"
    )
