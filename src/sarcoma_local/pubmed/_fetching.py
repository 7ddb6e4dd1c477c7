"""Records per PMID: batching, the per-record cache, claims, and re-asking for left-out PMIDs.

Also the cached whole answers (search, citation matching). A mixin of
:class:`PubMedClient`; the HTTP exchange is in :mod:`._transport`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import attrs

from sarcoma_local._core.errors import (
    PubMedError,
    PubMedNotCachedError,
    PubMedResponseError,
    PubMedTimeoutError,
)

from ._articles import Article, ArticleSummary
from ._cache import MISSING_EXPIRE_AFTER, seconds
from ._parse import parse_efetch_records
from ._responses import EFETCH_CLOSE, EFETCH_OPEN, ESUMMARY_CLOSE, ESUMMARY_OPEN
from ._store import Entry, Store, new_owner
from ._summaries_parse import parse_esummary_records
from ._transport import _Call, _Transport

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
_R = TypeVar("_R", Article, ArticleSummary)

#: NCBI: "if more than about 200 UIDs are to be provided, ... use HTTP POST".
DEFAULT_BATCH_SIZE = 200
#: How long a claim on a missing record holds off other callers (a crashed owner's
#: claim expires after this).
_CLAIM_TTL = 120.0
_CLAIM_POLL = 0.05


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _describe_ids(ids: Sequence[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:10])
    return f"PMIDs {shown}" + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


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


class _Fetching(_Transport):
    """Per-record and whole-answer fetching with the cache (a mixin of :class:`PubMedClient`)."""

    offline: bool
    batch_size: int
    workers: int
    expire_after: float
    _store: Store

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

    # --- batches in parallel -----------------------------------------------------------

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


def _params_digest(params: Mapping[str, str]) -> str:
    text = json.dumps(sorted(params.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
