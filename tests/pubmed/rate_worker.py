"""Run by the multi-process rate-limit tests: one worker process sending requests.

Usage: python rate_worker.py BASE_URL STORE START_AT N FIRST_PMID
STORE is a file path, a redis:// URL or "default" (the per-host file in the user
cache dir; the test points XDG_CACHE_HOME at a temporary folder); START_AT a
time.time() to wait for, so that all workers start together.
"""

from __future__ import annotations

import sys
import time

from sarcoma_local.pubmed import PubMedClient


def main() -> int:
    base_url, store_arg, start_at, count, first = sys.argv[1:6]
    store: object = store_arg
    if store_arg == "default":
        store = None
    elif store_arg.startswith("redis://"):
        import redis

        store = redis.Redis.from_url(store_arg)
    with PubMedClient(base_url=base_url, cache=False, rate_limit_store=store) as client:
        time.sleep(max(0.0, float(start_at) - time.time()))
        for i in range(int(count)):
            client.fetch([int(first) + i])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
