"""NCBI's rate limit as the server sees it: never more than allowed in any 1-second window."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sarcoma_local.pubmed import PubMedClient

from .conftest import SYNTHETIC_FROM, FakeEutils

MakeClient = Callable[..., PubMedClient]
WORKER = Path(__file__).with_name("rate_worker.py")


def run_in_threads(client: PubMedClient, threads: int, per_thread: int) -> float:
    def work(offset: int) -> None:
        for i in range(per_thread):
            client.fetch([SYNTHETIC_FROM + offset * 100 + i])

    started = time.monotonic()
    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return time.monotonic() - started


@pytest.mark.slow
def test_threads_of_one_client_share_the_3_per_second_limit(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    elapsed = run_in_threads(make_client(cache=False), threads=4, per_thread=2)
    assert eutils.count == 8
    assert eutils.max_in_window(1.0) <= 3
    # 8 requests at 3 per (1 s + margin): 3 windows, about 2.2 s; not much slower.
    assert 2.0 <= elapsed < 3.5


@pytest.mark.slow
def test_with_an_api_key_the_limit_is_10_per_second(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    elapsed = run_in_threads(make_client(cache=False, api_key="k"), threads=4, per_thread=4)
    assert eutils.count == 16
    assert eutils.max_in_window(1.0) <= 10
    assert 1.0 <= elapsed < 2.5


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_a_429_makes_the_next_request_wait(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(429, headers={"Retry-After": "0"})
    make_client(cache=False).fetch([9997])
    first, second = eutils.seen
    # The 429 fills the window, so the retry waits a full window.
    assert second.at - first.at >= 0.9


def spawn_workers(
    eutils: FakeEutils, store: str, workers: int, each: int, env: dict[str, str] | None = None
) -> None:
    start_at = time.time() + 2.0  # after every worker has imported requests & co.
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                eutils.base_url,
                store,
                str(start_at),
                str(each),
                str(SYNTHETIC_FROM + w * 100),
            ],
            env=env,
        )
        for w in range(workers)
    ]
    for process in processes:
        assert process.wait(timeout=60) == 0


@pytest.mark.slow
def test_processes_sharing_a_limiter_file_stay_under_the_limit(
    eutils: FakeEutils, tmp_path: Path
) -> None:
    spawn_workers(eutils, str(tmp_path / "bucket"), workers=3, each=3)
    assert eutils.count == 9
    assert eutils.max_in_window(1.0) <= 3


@pytest.mark.slow
def test_processes_with_default_settings_share_one_limit_per_host(
    eutils: FakeEutils, tmp_path: Path
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    spawn_workers(eutils, "default", workers=4, each=4, env=env)
    assert eutils.count == 16
    assert eutils.max_in_window(1.0) <= 3


@pytest.mark.slow
@pytest.mark.redis
def test_processes_sharing_a_redis_bucket_stay_under_the_limit(
    eutils: FakeEutils, redis_url: str
) -> None:
    spawn_workers(eutils, redis_url, workers=3, each=3)
    assert eutils.count == 9
    assert eutils.max_in_window(1.0) <= 3


@pytest.mark.redis
def test_a_redis_cache_is_shared_between_clients(
    eutils: FakeEutils, make_client: MakeClient, redis_url: str
) -> None:
    import redis

    connection = redis.Redis.from_url(redis_url)
    connection.flushdb()
    try:
        make_client(cache=connection).fetch([9997, 12091962])
        assert make_client(cache=connection).fetch([12091962]).get(12091962) is not None
    finally:
        connection.close()
    assert eutils.count == 1


@pytest.mark.redis
def test_a_requests_cache_redis_backend_is_still_accepted(
    eutils: FakeEutils, make_client: MakeClient, redis_url: str
) -> None:
    import redis
    from requests_cache.backends.redis import RedisCache

    connection = redis.Redis.from_url(redis_url)
    connection.flushdb()
    backend = RedisCache(namespace="sarcoma-test", connection=connection)
    try:
        make_client(cache=backend).fetch([9997])
        make_client(cache=backend).fetch([9997])
    finally:
        backend.close()  # type: ignore[no-untyped-call]
        connection.close()
    assert eutils.count == 1
