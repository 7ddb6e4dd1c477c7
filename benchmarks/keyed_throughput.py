"""Keyed fetch throughput (8,000 PMIDs, 40 requests, no cache) against the fault server.

Compares this tree with an earlier one under the same machine load::

    .venv/bin/python benchmarks/keyed_throughput.py
    git archive 35b2a51 src | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/keyed_throughput.py

Prints PMIDs/s per run, the share of NCBI's keyed policy rate (10 x 200 = 2,000
PMIDs/s) and the most requests the server saw in any 1-second window.
"""

from __future__ import annotations

import inspect
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_server import FaultServer, max_per_window


def main(runs: int = 3) -> int:
    import sarcoma_local.pubmed as pubmed
    from sarcoma_local.pubmed import PubMedClient

    print(f"client from {Path(pubmed.__file__).parent}; load {os.getloadavg()[0]:.2f}")
    shares = []
    with FaultServer() as server:
        for run in range(runs):
            server.plan()
            extra: dict[str, Any] = {}
            if "max_response_bytes" in inspect.signature(PubMedClient).parameters:
                extra["rate_limit_store"] = Path(tempfile.mkdtemp()) / "rate"  # private log
            with PubMedClient(
                base_url=server.base_url, api_key="bench-key", cache=False, **extra
            ) as client:
                ids = [90_000_000 + run * 10_000 + i for i in range(8000)]
                started = time.perf_counter()
                result = client.fetch(ids)
                seconds = time.perf_counter() - started
            assert len(result) == len(ids)
            rate = len(ids) / seconds
            shares.append(rate / 2000)
            window = max_per_window(server.stats()["arrivals"])
            print(f"run {run + 1}: {rate:.0f} PMIDs/s = {rate / 2000:.0%}; max in 1 s: {window}")
    print(f"median {statistics.median(shares):.0%} of the keyed policy rate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
