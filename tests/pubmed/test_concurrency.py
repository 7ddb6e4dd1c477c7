"""fetch()/summaries() keep several batches in flight: same results, same errors, same rate."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from sarcoma_local.pubmed import (
    PubMedClient,
    PubMedError,
    PubMedHTTPError,
    PubMedNotCachedError,
    RetryPolicy,
)

from .conftest import SYNTHETIC_FROM, FakeEutils

MakeClient = Callable[..., PubMedClient]
#: Real records (9997, 12091962, 23657305), one PubMed lacks (12345678), one synthetic.
MIXED = [23657305, 12345678, 9997, SYNTHETIC_FROM + 7, 12091962]


def batch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("pubmed-batch")]


def synthetic(n: int, offset: int = 0) -> list[int]:
    return [SYNTHETIC_FROM + offset + i for i in range(n)]


@pytest.mark.slow
def test_keyed_multi_batch_fetch_overlaps_batches_and_stays_under_10_per_second(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    # 25 batches, each answered after 0.15 s: the limiter, not the server, sets the pace.
    eutils.fail_next(200, delay=0.15, times=25, endpoint="efetch.fcgi")
    ids = synthetic(500)
    result = make_client(cache=False, api_key="k", batch_size=20, workers=4).fetch(ids)
    assert [a.pmid for a in result] == ids
    assert eutils.count == 25
    assert eutils.max_in_window(1.0) <= 10
    assert eutils.max_concurrent >= 2  # more than one connection in use at once
    assert batch_threads() == []


@pytest.mark.slow
def test_unkeyed_concurrent_fetch_stays_under_3_per_second(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    ids = synthetic(70)
    result = make_client(cache=False, batch_size=10, workers=4).fetch(ids)
    assert len(result) == 70
    assert eutils.count == 7
    assert eutils.max_in_window(1.0) <= 3


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_overlap_makes_slow_batches_faster_than_one_after_another(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    def timed(workers: int, offset: int) -> float:
        eutils.fail_next(200, delay=0.3, times=6, endpoint="efetch.fcgi")
        client = make_client(cache=False, api_key="k", batch_size=5, workers=workers)
        started = time.monotonic()
        assert len(client.fetch(synthetic(30, offset))) == 30
        return time.monotonic() - started

    one_by_one = timed(1, 0)  # 6 x 0.3 s = 1.8 s at least
    assert eutils.max_concurrent == 1
    overlapped = timed(3, 100)  # about 2 x 0.3 s
    assert eutils.max_concurrent >= 2
    assert overlapped < 0.6 * one_by_one


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_workers_do_not_change_the_results(eutils: FakeEutils, make_client: MakeClient) -> None:
    def run(workers: int) -> tuple[Any, Any]:
        client = make_client(cache=False, api_key="k", batch_size=1, workers=workers)
        return client.fetch(MIXED), client.summaries([31978945, 12345678, 2014248])

    sequential = run(1)
    concurrent = run(4)
    assert concurrent == sequential
    fetched, summaries = concurrent
    assert [a.pmid for a in fetched] == [23657305, 9997, SYNTHETIC_FROM + 7, 12091962]
    assert fetched.missing == (12345678,)
    assert [s.pmid for s in summaries.summaries] == [31978945, 2014248]
    assert summaries.missing == (12345678,)


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_strict_fetch_raises_the_first_failing_batch_in_pmid_order(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    # The earlier batch fails *later* in time; its error must still be the one raised.
    eutils.fail_next(400, body=b"first", delay=0.3, pmid=11748933)
    eutils.fail_next(400, body=b"second", pmid=23657305)
    client = make_client(batch_size=1, workers=4)
    with pytest.raises(PubMedHTTPError, match=r"PMIDs 11748933: HTTP 400.*first"):
        client.fetch([9997, 11748933, 12091962, 23657305])
    assert batch_threads() == []


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_non_strict_fetch_reports_failed_batches_in_pmid_order(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(500, delay=0.3, pmid=11748933)
    eutils.fail_next(500, pmid=23657305)
    client = make_client(batch_size=1, workers=4, retry=RetryPolicy(attempts=1))
    result = client.fetch([23657305, 12091962, 11748933, 9997], strict=False)
    assert result.failed == (23657305, 11748933)  # the caller's order
    assert "PMIDs 11748933" in result.errors[0]  # errors in batch (PMID) order
    assert "PMIDs 23657305" in result.errors[1]
    assert [a.pmid for a in result] == [12091962, 9997]
    assert result.missing == ()


def test_after_a_strict_failure_batches_in_flight_stop_retrying(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(400, delay=0.2, pmid=9997)
    eutils.fail_next(503, headers={"Retry-After": "3"}, times=3, pmid=12091962)
    client = make_client(batch_size=1, workers=2)
    started = time.monotonic()
    with pytest.raises(PubMedHTTPError, match="HTTP 400"):
        client.fetch([9997, 12091962])
    # Not 3 s: the retry of the second batch was abandoned, not waited for.
    assert time.monotonic() - started < 2.0
    assert eutils.count == 2
    assert batch_threads() == []


def test_offline_strict_fetch_names_the_uncached_pmids(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    make_client(batch_size=1).fetch([9997, 23657305])
    offline = make_client(batch_size=1, offline=True, workers=4)
    with pytest.raises(PubMedNotCachedError, match=r"PMIDs 11748933, 12091962 is not"):
        offline.fetch([9997, 11748933, 12091962, 23657305])
    assert eutils.count == 2


def test_offline_non_strict_fetch_returns_what_it_has_and_what_it_could_not_serve(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    make_client(batch_size=1).fetch([9997, 23657305])
    offline = make_client(batch_size=1, offline=True, workers=4)
    result = offline.fetch([23657305, 11748933, 12091962, 9997], strict=False)
    assert [a.pmid for a in result] == [23657305, 9997]
    assert result.not_cached == (11748933, 12091962)
    assert result.missing == ()
    assert not result.complete
    assert eutils.count == 2


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_cached_batches_cost_no_request_and_no_rate_budget(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client(batch_size=1, workers=3)
    client.fetch(MIXED[:3])  # three requests, plus one re-check of the unknown 12345678
    started = time.monotonic()
    for _ in range(10):  # 30 cached records; at 3/s they would take 10 s
        assert len(client.fetch(MIXED[:3])) == 2
    assert time.monotonic() - started < 1.5
    assert eutils.count == 4


def test_a_closed_client_raises_from_every_worker_path(make_client: MakeClient) -> None:
    client = make_client(batch_size=1)
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.fetch([9997, 12091962])
    with pytest.raises(RuntimeError, match="closed"):
        client.summaries([2014248, 31978945])
    assert batch_threads() == []


@pytest.mark.parametrize("workers", [0, 9, -1])
def test_workers_out_of_range_is_refused(make_client: MakeClient, workers: int) -> None:
    with pytest.raises(ValueError, match="workers"):
        make_client(workers=workers)


@pytest.mark.parametrize("workers", [2.0, True, "3"])
def test_workers_must_be_an_int(make_client: MakeClient, workers: Any) -> None:
    with pytest.raises(TypeError, match="workers"):
        make_client(workers=workers)


def test_the_stop_error_is_a_pubmed_error(eutils: FakeEutils, make_client: MakeClient) -> None:
    """A batch told to stop before sending raises a PubMedError (never shown to callers)."""
    client = make_client()
    stop = threading.Event()
    stop.set()
    from sarcoma_local.pubmed._fetching import _EFETCH
    from sarcoma_local.pubmed._transport import _Call

    with pytest.raises(PubMedError, match="not sent"):
        client._record_batch(_EFETCH, [9997], stop, call=_Call())
    assert eutils.count == 0
