"""A hostile or failing server: size caps, retry budgets, deadlines, secrets."""

from __future__ import annotations

import gc
import gzip
import itertools
import json
import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from sarcoma_local.pubmed import (
    PubMedClient,
    PubMedError,
    PubMedHTTPError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedTimeoutError,
    RetryPolicy,
)
from sarcoma_local.pubmed._ratelimit import build_limiter, default_limiter_path

from .conftest import SYNTHETIC_FROM, XML_HEADER, FakeEutils, synthetic_record

MakeClient = Callable[..., PubMedClient]
SECRET = "s3cr3t-api-key-0123456789"
MB = 1024 * 1024


# --- size cap ----------------------------------------------------------------------------


def big_answer(size: int) -> bytes:
    record = synthetic_record(90_000_001)
    return (
        XML_HEADER + b"<PubmedArticleSet>" + record * (size // len(record)) + b"</PubmedArticleSet>"
    )


def test_an_answer_over_the_cap_is_refused_and_not_retried(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(body=big_answer(3 * MB))
    client = make_client(max_response_bytes=1 * MB)
    with pytest.raises(PubMedResponseError, match="larger than max_response_bytes"):
        client.fetch([90_000_001])
    assert eutils.count == 1
    assert client.cache.get_many(["efetch:90000001"]) == {}


def test_a_gzip_bomb_is_refused_while_it_inflates(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    bomb = gzip.compress(XML_HEADER + b"<PubmedArticleSet>" + b" " * (64 * MB))
    eutils.fail_next(body=bomb, headers={"Content-Encoding": "gzip"})
    client = make_client(max_response_bytes=4 * MB)
    with pytest.raises(PubMedResponseError, match="after decompression"):
        client.fetch([9997])
    assert client.cache.get_many(["efetch:9997"]) == {}


def test_max_response_bytes_must_be_sensible(make_client: MakeClient) -> None:
    with pytest.raises(ValueError, match="max_response_bytes"):
        make_client(max_response_bytes=10)


# --- retry budget, slow-down, deadline ---------------------------------------------------


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_an_outage_shorter_than_the_budget_is_ridden_out(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(503, times=6)
    client = make_client(retry=RetryPolicy(attempts=20, backoff_factor=0.02, budget=30))
    assert client.fetch([9997]).get(9997) is not None
    assert eutils.count == 7


def test_retries_stop_when_the_time_budget_is_used_up(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(503, times=100)
    client = make_client(retry=RetryPolicy(attempts=100, backoff_factor=0.1, budget=0.5))
    started = time.monotonic()
    with pytest.raises(PubMedHTTPError, match=r"retry budget of 0\.5s"):
        client.fetch([9997])
    assert time.monotonic() - started < 1.5
    assert eutils.count < 10


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_repeated_429s_space_out_the_clients_sends(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(429, headers={"Retry-After": "0"}, times=2)
    client = make_client(cache=False, api_key="k")
    client.fetch([9997])
    assert client.rate_limiter.slowdown > 1.5  # doubled, less 3% for the success
    for pmid in (12091962, 23657305, 11748933):
        client.fetch([pmid])
    arrivals = [s.at for s in eutils.seen[-4:]]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # 2 x 1.02 s / 10: about 0.2 s apart, where back-to-back calls take milliseconds. The
    # spacing is applied when a send is admitted, so on a loaded machine a late send can
    # land nearer the next one: the span of three gaps and the smallest gap are checked
    # with room for that jitter, still far above what unspaced sends give.
    assert arrivals[-1] - arrivals[0] >= 0.45
    assert min(gaps) >= 0.08


@pytest.mark.slow
def test_a_server_allowing_less_than_the_policy_still_gets_every_batch(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.limit = 1  # one request per second, 429 beyond (with Retry-After: 1)
    client = make_client(cache=False, batch_size=20, retry=RetryPolicy())
    result = client.fetch([SYNTHETIC_FROM + i for i in range(200)])
    assert len(result) == 200
    assert client.rate_limiter.slowdown > 1.0


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_persistent_429s_raise_a_rate_limit_error(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(429, headers={"Retry-After": "0"}, times=3)
    client = make_client(api_key="k", retry=RetryPolicy(attempts=2, backoff_factor=0.01))
    with pytest.raises(PubMedRateLimitError):
        client.fetch([9997])


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_a_deadline_bounds_a_call_to_a_trickling_server(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(trickle=0.05)
    started = time.monotonic()
    with pytest.raises(PubMedTimeoutError, match="deadline"):
        make_client().fetch([9997], deadline=0.6)
    assert time.monotonic() - started < 1.5


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_call_timeout_is_the_default_deadline(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(trickle=0.05)
    with pytest.raises(PubMedTimeoutError, match="deadline"):
        make_client(call_timeout=0.5).fetch([9997])


def test_keyed_and_keyless_clients_never_share_a_bucket(tmp_path: Path) -> None:
    assert default_limiter_path("h", keyed=True) != default_limiter_path("h", keyed=False)
    keyed = build_limiter(10, tmp_path / "rate", keyed=True)
    keyless = build_limiter(3, tmp_path / "rate", keyed=False)
    assert keyed.kind != keyless.kind


def test_the_default_limiter_is_a_file_shared_per_host(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = PubMedClient(base_url="http://127.0.0.1:9/eutils", cache=False)
    second = PubMedClient(base_url="http://127.0.0.1:9/eutils", cache=False)
    try:
        assert first.rate_limiter.kind == second.rate_limiter.kind
        assert first.rate_limiter.kind.startswith(f"file {tmp_path}")
    finally:
        first.close()
        second.close()


# --- the API key stays secret ------------------------------------------------------------


ECHOES = [
    json.dumps({"error": "bad request", "request": {"api_key": SECRET, "id": "9997"}}),
    f"<ERROR>api_key: {SECRET} is invalid</ERROR>",
    f"<eFetchResult><ERROR>invalid key '{SECRET}'</ERROR></eFetchResult>",
]


@pytest.mark.parametrize("echo", ECHOES)
@pytest.mark.parametrize("status", [200, 400, 500])
def test_an_echoed_key_is_redacted_in_errors_and_logs(
    eutils: FakeEutils,
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
    echo: str,
    status: int,
) -> None:
    eutils.fail_next(status, body=echo.encode(), times=3)
    client = make_client(api_key=SECRET, retry=RetryPolicy(attempts=3, backoff_factor=0.01))
    with caplog.at_level(logging.DEBUG), pytest.raises(PubMedError) as info:
        client.fetch([9997])
    shown = str(info.value) + "".join(traceback.format_exception(info.value))
    assert SECRET not in shown
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_the_key_is_not_in_any_frame_the_error_keeps(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(500, times=3)
    client = make_client(api_key=SECRET)
    with pytest.raises(PubMedHTTPError) as info:
        client.fetch([9997])
    seen: list[str] = []
    error: BaseException | None = info.value
    while error is not None:  # the chain an error tracker records, with frame locals
        tb = error.__traceback__
        while tb is not None:
            seen.extend(repr(v) for v in tb.tb_frame.f_locals.values())
            tb = tb.tb_next
        error = error.__cause__ or error.__context__
    assert seen
    assert not [s for s in seen if SECRET in s]


def test_the_key_is_in_no_cache_entry_and_no_repr(
    eutils: FakeEutils, make_client: MakeClient, cache_path: Path
) -> None:
    client = make_client(api_key=SECRET)
    client.fetch([9997])
    client.search("biopython")
    client.close()
    gc.collect()
    raw = cache_path.read_bytes() + b"".join(
        p.read_bytes() for p in cache_path.parent.glob(cache_path.name + "-*")
    )
    assert SECRET.encode() not in raw
    assert SECRET not in repr(client)
    assert SECRET not in repr(client.rate_limiter)
