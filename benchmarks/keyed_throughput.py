"""Keyed fetch throughput (8,000 PMIDs, 40 requests, no cache) against the fault server.

One tree, ``runs`` fetches in a row::

    .venv/bin/python benchmarks/keyed_throughput.py [runs]

This tree against an earlier one, alternating (a fresh process per fetch, so both
see the same machine load; on a shared machine only ratios within one session
mean much)::

    git archive 35b2a51 src | tar -x -C /tmp/old
    .venv/bin/python benchmarks/keyed_throughput.py --against /tmp/old/src --rounds 8

Prints PMIDs/s per run, the share of NCBI's keyed policy rate (10 x 200 = 2,000
PMIDs/s), the client's CPU seconds and the most requests the server saw in any
1-second window.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_server import FaultServer, max_per_window

HERE = Path(__file__).resolve()
SRC = HERE.parents[1] / "src"


def one_fetch(base_url: str, run: int, workers: int | None) -> dict[str, Any]:
    """One keyed fetch of 8,000 new PMIDs with the client importable in this process."""
    from sarcoma_local.pubmed import PubMedClient

    extra: dict[str, Any] = {}
    if "max_response_bytes" in inspect.signature(PubMedClient).parameters:
        extra["rate_limit_store"] = Path(tempfile.mkdtemp()) / "rate"  # private log
    if workers is not None:
        extra["workers"] = workers
    with PubMedClient(base_url=base_url, api_key="bench-key", cache=False, **extra) as client:
        ids = [90_000_000 + run * 10_000 + i for i in range(8000)]
        cpu = time.process_time()
        started = time.perf_counter()
        result = client.fetch(ids)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    assert len(result) == len(ids)
    return {"share": len(ids) / seconds / 2000, "cpu": cpu, "seconds": seconds}


def in_process(runs: int, workers: int | None) -> int:
    import sarcoma_local.pubmed as pubmed

    print(f"client from {Path(pubmed.__file__).parent}; load {os.getloadavg()[0]:.2f}")
    shares = []
    with FaultServer() as server:
        for run in range(runs):
            server.plan()
            got = one_fetch(server.base_url, run, workers)
            shares.append(got["share"])
            window = max_per_window(server.stats()["arrivals"])
            print(
                f"run {run + 1}: {got['share'] * 2000:.0f} PMIDs/s = {got['share']:.0%}; "
                f"client CPU {got['cpu']:.2f} s; max in 1 s: {window}"
            )
    print(f"median {statistics.median(shares):.0%} of the keyed policy rate")
    return 0


def alternate(against: Path, rounds: int, workers: int | None) -> int:
    """Alternate this tree and ``against`` (a ``src`` directory), one process per fetch."""
    trees = {"this": SRC, "other": against.resolve()}
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    windows: list[int] = []
    print(f"this {SRC} vs other {trees['other']}; {rounds} rounds; nproc {os.cpu_count()}")
    with FaultServer() as server:
        for round_ in range(rounds):
            order = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
            for name in order:
                server.plan()
                load = os.getloadavg()[0]
                args = [sys.executable, str(HERE), "--child", server.base_url, str(round_)]
                if workers is not None:
                    args += ["--workers", str(workers)]
                env = dict(os.environ, PYTHONPATH=str(trees[name]))
                out = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
                got = json.loads(out.stdout.strip().splitlines()[-1])
                got["load"] = load
                results[name].append(got)
                windows.append(max_per_window(server.stats()["arrivals"]))
            this, other = results["this"][-1], results["other"][-1]
            print(
                f"round {round_ + 1}: this {this['share']:.0%} (CPU {this['cpu']:.2f} s), "
                f"other {other['share']:.0%} (CPU {other['cpu']:.2f} s); "
                f"load {this['load']:.1f}/{other['load']:.1f}",
                flush=True,
            )
    for name, got in results.items():
        shares = [g["share"] for g in got]
        cpus = [g["cpu"] for g in got]
        print(
            f"{name}: median {statistics.median(shares):.0%} of the keyed policy rate "
            f"(min {min(shares):.0%}, max {max(shares):.0%}); "
            f"median client CPU {statistics.median(cpus):.2f} s"
        )
    ratios = [
        t["share"] / o["share"] for t, o in zip(results["this"], results["other"], strict=True)
    ]
    print(f"this/other per round: median {statistics.median(ratios):.2f}")
    print(f"most requests in any 1 s window, all runs: {max(windows)} (limit 10)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=3)
    parser.add_argument("--against", type=Path, help="an earlier tree's src directory")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--child", nargs=2, metavar=("BASE_URL", "RUN"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        got = one_fetch(args.child[0], int(args.child[1]), args.workers)
        print(json.dumps(got))
        return 0
    if args.against:
        return alternate(args.against, args.rounds, args.workers)
    return in_process(args.runs, args.workers)


if __name__ == "__main__":
    raise SystemExit(main())
