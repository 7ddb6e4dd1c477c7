"""Measure the "Done means" items of issue 10 against the local fault server.

Run::

    .venv/bin/python benchmarks/pubmed_hardening_bench.py              # all, 20 rate runs
    .venv/bin/python benchmarks/pubmed_hardening_bench.py --rate-runs 3 --out -

Prints a Markdown section (and writes it into ``docs/performance-pubmed.md``
between the ``hardening`` markers unless ``--out -``). Every scenario uses
the client's default settings unless it says otherwise; caches and rate-limit
files live in a temporary ``XDG_CACHE_HOME`` per scenario.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_server import FaultServer, max_per_window

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance-pubmed.md"
BEGIN, END = "<!-- hardening:begin -->", "<!-- hardening:end -->"
SECRET = "bench-secret-key-0123456789abcdef0123"  # noqa: S105 - a fake key to look for
FIRST = 90_000_000


@contextmanager
def cache_home() -> Iterator[Path]:
    """A private XDG_CACHE_HOME: default cache and default rate-limit file live there."""
    old = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory(prefix="pubmed-bench-") as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = old


def client(server: FaultServer, **options: Any) -> Any:
    from sarcoma_local.pubmed import PubMedClient

    return PubMedClient(email="bench@example.org", base_url=server.base_url, **options)


def delivered(server: FaultServer, plan: dict[str, Any], n: int, **options: Any) -> dict[str, Any]:
    from sarcoma_local.pubmed import PubMedError

    ids = [FIRST + i for i in range(n)]
    with cache_home():
        server.plan(**plan)
        started = time.monotonic()
        error = ""
        delivered = 0
        order_kept = False
        with client(server, **options) as c:
            try:
                result = c.fetch(ids)  # the default strict=True
            except PubMedError as exc:
                error = f"{type(exc).__name__}: {str(exc)[:80]}"
            else:
                delivered = len(result)
                order_kept = [a.pmid for a in result] == ids
        seconds = time.monotonic() - started
    stats = server.stats()
    return {
        "error": error,
        "delivered": delivered,
        "asked": n,
        "requests": stats["count"],
        "statuses": stats["statuses"],
        "seconds": round(seconds, 2),
        "order_kept": order_kept,
    }


def hostile_child(kind: str, base_url: str) -> None:
    """Run in a fresh process: one hostile answer; report the error, peak memory, cache."""
    from sarcoma_local.pubmed import PubMedClient, PubMedResponseError

    with PubMedClient(base_url=base_url, cache=True, retry=None) as c:
        try:
            c.fetch([FIRST + 1])
            outcome = "accepted"
        except PubMedResponseError as exc:
            outcome = f"PubMedResponseError: {str(exc)[:90]}"
        except Exception as exc:  # the point: report anything that is not a PubMedError
            outcome = f"{type(exc).__name__}: {str(exc)[:90]}"
        cached = bool(c.cache.get_many([f"efetch:{FIRST + 1}"]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"outcome": outcome, "peak_mb": round(peak_mb), "cached": cached}))


def hostile(server: FaultServer, kind: str, **plan: Any) -> dict[str, Any]:
    with cache_home():
        server.plan(once=kind, **plan)
        out = subprocess.run(
            [sys.executable, __file__, "--child-hostile", kind, server.base_url],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ.copy(),
        )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["requests"] = server.stats()["count"]
    return result


def refetch_subset(server: FaultServer) -> dict[str, Any]:
    ids = [FIRST + i for i in range(600)]
    with cache_home():
        server.plan()
        with client(server) as c:
            c.fetch(ids)
            before = server.stats()["count"]
            subset = random.Random(10).sample(ids, 400)
            started = time.perf_counter()
            result = c.fetch(subset)
            seconds = time.perf_counter() - started
            one = c.fetch_one(ids[123])
    return {
        "first_requests": before,
        "subset_requests": server.stats()["count"] - before,
        "order_kept": [a.pmid for a in result] == subset,
        "fetch_one_served": one is not None,
        "ms_per_cached_record": round(seconds * 1000 / len(subset), 3),
    }


def worker_child(base_url: str, start_at: float, offset: int, same: bool) -> None:
    """One of the 4 processes: 4 threads, each 2 fetches of 100 PMIDs, default settings."""
    from sarcoma_local.pubmed import PubMedClient, PubMedError

    failures: list[str] = []
    with PubMedClient(email="bench@example.org", base_url=base_url) as c:
        time.sleep(max(0.0, start_at - time.time()))

        def work(thread: int) -> None:
            for call in range(2):
                first = FIRST + (0 if same else (offset * 4 + thread) * 1000 + call * 100)
                try:
                    c.fetch([first + i for i in range(100)])
                except PubMedError as exc:
                    failures.append(type(exc).__name__)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print(json.dumps({"failures": failures}))


def processes_run(server: FaultServer, *, same: bool = False) -> dict[str, Any]:
    with cache_home():
        server.plan(limit=3)
        start_at = time.time() + 2.5
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--child-worker",
                    server.base_url,
                    str(start_at),
                    str(w),
                    "same" if same else "distinct",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=os.environ.copy(),
            )
            for w in range(4)
        ]
        failures = 0
        crashed: list[str] = []
        for p in procs:
            out, err = p.communicate(timeout=300)
            lines = out.strip().splitlines()
            if p.returncode != 0 or not lines:
                crashed.append(err.strip().splitlines()[-1] if err.strip() else "no output")
                continue
            failures += len(json.loads(lines[-1])["failures"])
    stats = server.stats()
    return {
        "requests": stats["count"],
        "max_in_1s": max_per_window(stats["arrivals"]),
        "answered_429": stats["statuses"].get("429", 0),
        "failed_calls": failures,
        "crashed_processes": crashed,
    }


def secrets(server: FaultServer) -> dict[str, Any]:
    """Look for the API key everywhere: errors, logs, reprs, the cache file, Redis."""
    from sarcoma_local.pubmed import PubMedError, RetryPolicy

    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    found: dict[str, int] = {}
    try:
        with cache_home() as home:
            server.plan(echo_every=2)
            texts: list[str] = []
            with client(
                server, api_key=SECRET, retry=RetryPolicy(attempts=2, backoff_factor=0.01)
            ) as c:
                for i in range(6):
                    try:
                        c.fetch([FIRST + i])
                    except PubMedError as exc:
                        texts.append(str(exc) + repr(exc))
                texts.append(repr(c) + repr(c.rate_limiter))
            found["exceptions and reprs"] = sum(SECRET in t for t in texts)
            found["log records"] = sum(SECRET in r for r in records)
            cache_bytes = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
            found["cache and rate-limit files"] = cache_bytes.count(SECRET.encode())
            echoed = server.stats()["echoed"]
            found["echoed by the server (expected > 0)"] = sum(SECRET in e for e in echoed)
        found["redis"] = _redis_secret_count(server)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    return found


def _redis_secret_count(server: FaultServer) -> int:
    import shutil
    import socket

    binary = shutil.which("redis-server")
    if binary is None:
        return -1
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        import redis

        r = redis.Redis(port=port)
        for _ in range(100):
            try:
                r.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        server.plan()
        with client(server, api_key=SECRET, cache=r, rate_limit_store=r) as c:
            c.fetch([FIRST + i for i in range(50)])
        count = 0
        for key in r.scan_iter():
            kind = r.type(key)
            value = r.get(key) if kind == b"string" else repr(r.zrange(key, 0, -1)).encode()
            count += (key + (value or b"")).count(SECRET.encode())
        r.close()
        return count
    finally:
        proc.terminate()
        proc.wait(10)


def report(results: dict[str, Any], rate_runs: int) -> str:
    lines = [
        BEGIN,
        "## Issue 10: hostile server, per-record cache, cross-process rate limit",
        "",
        f"Measured with `.venv/bin/python benchmarks/pubmed_hardening_bench.py --rate-runs "
        f"{rate_runs}` on {platform.system()} {platform.machine()}, {os.cpu_count()} cores "
        f"(nproc), Python {platform.python_version()}, against `benchmarks/fault_server.py` "
        "(its own process, 127.0.0.1). Default client settings unless stated.",
        "",
        "| scenario | result |",
        "|---|---|",
    ]
    for name, value in results.items():
        lines.append(f"| {name} | `{json.dumps(value)}` |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate-runs", type=int, default=20)
    parser.add_argument("--out", default=str(DOC), help="'-' prints only")
    parser.add_argument("--child-hostile", nargs=2, metavar=("KIND", "URL"))
    parser.add_argument("--child-worker", nargs=4, metavar=("URL", "START", "OFFSET", "MODE"))
    args = parser.parse_args(argv)
    if args.child_hostile:
        hostile_child(*args.child_hostile)
        return 0
    if args.child_worker:
        url, start, offset, mode = args.child_worker
        worker_child(url, float(start), int(offset), mode == "same")
        return 0
    results: dict[str, Any] = {}
    with FaultServer() as server:
        results["600 PMIDs, batch_size=20, every 7th answer truncated + every 5th a 502"] = (
            delivered(server, {"truncate_every": 7, "status_every": 5}, 600, batch_size=20)
        )
        results["600 PMIDs, batch_size=20, every 3rd answer a JSON or XML error in a 200"] = (
            delivered(server, {"error200_every": 3}, 600, batch_size=20)
        )
        results["600 PMIDs, batch_size=20, every 4th answer leaves a record out"] = delivered(
            server, {"omit_every": 4}, 600, batch_size=20
        )
        results["200 PMIDs, batch_size=20, server allowing 1 request/s (429 beyond)"] = delivered(
            server, {"limit": 1}, 200, batch_size=20
        )
        results["200 PMIDs, an 8-second outage (503) from the first request"] = delivered(
            server, {"outage_s": 8}, 200
        )
        results["60 MB body (default cap 32 MB)"] = hostile(server, "big", big_mb=60)
        results["gzip bomb, 1 MB on the wire -> 1 GB"] = hostile(server, "bomb", bomb_mb=1024)
        results["5,000-deep nesting in a title"] = hostile(server, "deep", depth=5000)
        results["re-fetch of a shuffled 400-subset of 600 fetched PMIDs"] = refetch_subset(server)
        runs = [processes_run(server) for _ in range(args.rate_runs)]
        results[f"4 processes x 4 threads, distinct PMIDs, {args.rate_runs} runs"] = {
            "requests_per_run": sorted({r["requests"] for r in runs}),
            "max_in_any_1s_window": max(r["max_in_1s"] for r in runs),
            "answered_429": sum(r["answered_429"] for r in runs),
            "failed_calls": sum(r["failed_calls"] for r in runs),
            "crashed_processes": sum(len(r["crashed_processes"]) for r in runs),
        }
        same = processes_run(server, same=True)
        results["4 processes x 4 threads, all the same 100 PMIDs (concurrent misses)"] = same
        results["API key occurrences (echoing server, DEBUG logs, Redis)"] = secrets(server)
    text = report(results, args.rate_runs)
    print(text)
    if args.out != "-":
        doc = Path(args.out).read_text()
        if BEGIN in doc:
            head, _, rest = doc.partition(BEGIN)
            _, _, tail = rest.partition(END)
            doc = head + text.rstrip("\n") + tail
        else:
            doc = doc.rstrip("\n") + "\n\n" + text
        Path(args.out).write_text(doc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
